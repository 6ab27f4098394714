/*
 * simhash: 64-bit SimHash over word 3-shingles (see simhash.h).
 */
#include "simhash.h"
#include "tokenize.h"
#include "util.h"

static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static void vote(sl_simhash *s, uint64_t h)
{
    uint64_t carry = h;
    for (int j = 0; carry && j < 24; j++) {
        uint64_t t = s->plane[j] & carry;
        s->plane[j] ^= carry;
        carry = t;
    }
    s->nshingles++;
}

void sl_simhash_word(sl_simhash *s, uint64_t w)
{
    s->nwords++;
    if (s->nwords >= 3)
        vote(s, mix(s->w2 * 0x9e3779b97f4a7c15ULL ^ mix(s->w1 + 0x632be59bd9b4e019ULL) ^ w));
    s->w2 = s->w1;
    s->w1 = w;
}

uint64_t sl_simhash_take(const sl_simhash *s)
{
    if (!s->nwords)
        return 0;
    if (s->nwords < 3) { /* too short for a shingle: hash the words */
        return mix(s->w1 ^ mix(s->w2));
    }
    uint64_t f = 0;
    int top = 24;
    while (top > 0 && !s->plane[top - 1])
        top--;
    for (int i = 0; i < 64; i++) {
        uint64_t cnt = 0;
        for (int j = 0; j < top; j++)
            cnt |= ((s->plane[j] >> i) & 1) << j;
        if (2 * cnt > s->nshingles)
            f |= 1ULL << i;
    }
    return f;
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
