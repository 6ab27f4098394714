/*
 * simhash: 64-bit SimHash over word 3-shingles (see simhash.h).
 */
#include "simhash.h"
#include "tokenize.h"
#include "util.h"

/* Adds the bit-sliced number (digits d[0..nd), nd <= 4) to the counters. */
static void add_sliced(sl_simhash *s, const uint64_t *d, int nd)
{
    uint64_t carry = 0;
    for (int j = 0; j < 24; j++) {
        uint64_t b = j < nd ? d[j] : 0;
        if (j >= nd && !carry)
            break;
        uint64_t x = s->plane[j], t = x ^ b;
        s->plane[j] = t ^ carry;
        carry = (x & b) | (carry & t);
    }
}

/* One full adder per bit: *sum and the carry out of a + b + c. */
static inline uint64_t full_add(uint64_t a, uint64_t b, uint64_t c, uint64_t *sum)
{
    uint64_t t = a ^ b;
    *sum = t ^ c;
    return (a & b) | (c & t);
}

/* Counts the eight pending votes: their per-bit sums (0..8) as four
 * bit-sliced digits, added at once. */
void sl_simhash_count8(sl_simhash *s)
{
    const uint64_t *p = s->pending;
    uint64_t s1, s2, s3 = p[6] ^ p[7], s4, d[4];
    uint64_t c1 = full_add(p[0], p[1], p[2], &s1), c2 = full_add(p[3], p[4], p[5], &s2);
    uint64_t c3 = p[6] & p[7];
    uint64_t c4 = full_add(s1, s2, s3, &d[0]);        /* weight 1 -> 2 */
    uint64_t c5 = full_add(c1, c2, c3, &s4);          /* weight 2 -> 4 */
    d[1] = s4 ^ c4;
    uint64_t c6 = s4 & c4;                            /* weight 2 -> 4 */
    d[2] = c5 ^ c6;
    d[3] = c5 & c6;                                   /* weight 8 */
    /* add_sliced(s, d, 4), unrolled: four digits, then the carry ripples
     * up until it dies out */
    uint64_t carry = 0;
    for (int j = 0; j < 4; j++) {
        uint64_t x = s->plane[j], t = x ^ d[j];
        s->plane[j] = t ^ carry;
        carry = (x & d[j]) | (carry & t);
    }
    for (int j = 4; carry && j < 24; j++) {
        uint64_t x = s->plane[j];
        s->plane[j] = x ^ carry;
        carry &= x;
    }
    s->npending = 0;
}

uint64_t sl_simhash_take(const sl_simhash *s)
{
    if (!s->nwords)
        return 0;
    if (s->nwords < 3) { /* too short for a shingle: hash the words */
        return sl_simhash_mix(s->w1 ^ sl_simhash_mix(s->w2));
    }
    sl_simhash t = *s; /* the votes still pending, one at a time */
    for (unsigned i = 0; i < t.npending; i++)
        add_sliced(&t, &t.pending[i], 1);
    /* bit i is set when counter i > nshingles / 2 (that is, when twice it
     * is more than nshingles): a bit-sliced comparison of all 64 counters
     * with that constant, from the top digit down */
    uint64_t half = t.nshingles / 2, gt = 0, eq = ~0ULL;
    if (half >> 24)
        return 0; /* no 24-bit counter is that large */
    for (int j = 23; j >= 0; j--) {
        if ((half >> j) & 1) {
            eq &= t.plane[j];
        } else {
            gt |= eq & t.plane[j];
            eq &= ~t.plane[j];
        }
    }
    return gt;
}

static int on_word(void *ud, const char *tok, size_t n, size_t a, size_t b, int flags)
{
    (void)a;
    (void)b;
    (void)flags;
    sl_simhash_word(ud, sl_hash64(tok, n));
    return 0;
}

uint64_t sl_simhash_text(const char *text, size_t len)
{
    sl_simhash s = {0};
    sl_tokenize(text, len, on_word, &s);
    return sl_simhash_take(&s);
}

int sl_hamming(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}
