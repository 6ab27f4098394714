/*
 * simhash: 64-bit SimHash fingerprints of texts for near-duplicate
 * detection (Charikar 2002; Manku et al. 2007). Two copies of an article
 * that differ in a few words have fingerprints a few bits apart.
 *
 * How it works: every shingle (3 consecutive word hashes) votes on each of
 * the 64 bits according to its own 64-bit hash; a bit of the fingerprint is
 * set when more than half the shingles set it. The 64 vote counters are
 * bit-sliced (one 64-bit word per binary digit of all the counters), so a
 * vote is a short ripple-carry of whole words rather than 64 additions;
 * votes are counted eight at a time (a carry-save adder tree makes their
 * 4-bit sums, one ripple adds those).
 */
#ifndef SL_SIMHASH_H
#define SL_SIMHASH_H

#include <stddef.h>
#include <stdint.h>

/* Accumulator: zero-initialise, feed word hashes in order, then take. */
typedef struct sl_simhash {
    uint64_t plane[24]; /* bit-sliced counters: bit i of plane j is bit j of
                           the number of shingles with bit i set */
    uint64_t w1, w2;    /* the two previous words */
    size_t nwords, nshingles;
    uint64_t pending[8]; /* shingle hashes not counted in plane yet */
    unsigned npending;
} sl_simhash;

static inline void sl_simhash_word(sl_simhash *s, uint64_t word_hash);
/* The fingerprint (0 when no word was fed). */
uint64_t sl_simhash_take(const sl_simhash *s);
/* Fingerprint of a text's words (lower-cased, as sl_tokenize splits them). */
uint64_t sl_simhash_text(const char *text, size_t len);
/* The 64-bit mixer (splitmix64's finaliser) that makes a shingle's hash
 * from its words' hashes. */
static inline uint64_t sl_simhash_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}
/* Number of differing bits. */
int sl_hamming(uint64_t a, uint64_t b);

/* Counts the eight votes in s->pending into the planes (for
 * sl_simhash_word, which is inline: it runs for every word of every
 * article). */
void sl_simhash_count8(sl_simhash *s);

static inline void sl_simhash_word(sl_simhash *s, uint64_t w)
{
    s->nwords++;
    if (s->nwords >= 3) {
        s->pending[s->npending++] =
            sl_simhash_mix(s->w2 * 0x9e3779b97f4a7c15ULL ^ sl_simhash_mix(s->w1 + 0x632be59bd9b4e019ULL) ^ w);
        s->nshingles++;
        if (s->npending == 8)
            sl_simhash_count8(s);
    }
    s->w2 = s->w1;
    s->w1 = w;
}

#endif
