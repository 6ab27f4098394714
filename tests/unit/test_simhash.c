/* Unit tests of simhash: near-duplicate fingerprints. */
#include "harness.h"
#include "simhash.h"
#include "util.h"

/* A long text of pseudo-random words (deterministic), with word `swap`
 * (if any) replaced. Caller frees. */
static char *words(unsigned seed, size_t n, size_t swap)
{
    sl_buf b = {0};
    unsigned x = seed;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        if (i == swap)
            sl_buf_puts(&b, "replacement ");
        else
            sl_buf_printf(&b, "w%u ", (x >> 16) % 5000);
    }
    return sl_buf_take(&b);
}

static void test_identical_and_near(void **state)
{
    (void)state;
    char *a = words(7, 400, (size_t)-1), *b = words(7, 400, (size_t)-1), *c = words(7, 400, 200);
    uint64_t fa = sl_simhash_text(a, strlen(a)), fb = sl_simhash_text(b, strlen(b));
    uint64_t fc = sl_simhash_text(c, strlen(c));
    assert_true(fa != 0);
    assert_int_equal(sl_hamming(fa, fb), 0);
    assert_true(sl_hamming(fa, fc) <= 3); /* one word of 400 changed */
    free(a);
    free(b);
    free(c);
}

static void test_unrelated_far(void **state)
{
    (void)state;
    char *a = words(1, 300, (size_t)-1), *b = words(2, 300, (size_t)-1);
    int d = sl_hamming(sl_simhash_text(a, strlen(a)), sl_simhash_text(b, strlen(b)));
    assert_true(d > 12); /* about 32 expected for independent texts */
    free(a);
    free(b);
}

static void test_empty_and_hamming(void **state)
{
    (void)state;
    assert_int_equal(sl_simhash_text("", 0), 0);
    assert_true(sl_simhash_text("one two", 7) != 0); /* short texts still hash */
    assert_int_equal(sl_hamming(0, ~0ULL), 64);
    assert_int_equal(sl_hamming(0x5, 0x6), 2);
}

/* The definition the accumulator implements, with one plain counter per
 * bit: shingle hash h(w2, w1, w) voted bit by bit, a bit set when more
 * than half the shingles set it (the shingle's hash from simhash.c's own
 * mixer: what is tested is the counting). */
static uint64_t ref_fingerprint(const uint64_t *w, size_t n)
{
    if (n < 3)
        return sl_simhash_take(&(sl_simhash){.nwords = n, .w1 = n ? w[n - 1] : 0,
                                             .w2 = n > 1 ? w[n - 2] : 0});
    unsigned cnt[64] = {0};
    for (size_t i = 2; i < n; i++) {
        uint64_t h = sl_simhash_mix(w[i - 2] * 0x9e3779b97f4a7c15ULL ^ sl_simhash_mix(w[i - 1] + 0x632be59bd9b4e019ULL) ^ w[i]);
        for (int b = 0; b < 64; b++)
            cnt[b] += (h >> b) & 1;
    }
    uint64_t f = 0;
    for (int b = 0; b < 64; b++)
        if (2 * cnt[b] > n - 2)
            f |= 1ULL << b;
    return f;
}

/* Votes counted eight at a time give the plain count's fingerprint, at
 * every length (taken as the words come, pending votes included). */
static void test_batched_votes_exact(void **state)
{
    (void)state;
    uint64_t w[700], x = 88172645463325252ULL;
    for (int round = 0; round < 40; round++) {
        sl_simhash s = {0};
        size_t n = 100 + (size_t)round * 15;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            w[i] = round % 2 ? x : x % 7; /* random, or few distinct words */
            sl_simhash_word(&s, w[i]);
            if (i % 5 == 0 || i < 12)
                assert_true(sl_simhash_take(&s) == ref_fingerprint(w, i + 1));
        }
        assert_true(sl_simhash_take(&s) == ref_fingerprint(w, n));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_and_near),
        cmocka_unit_test(test_unrelated_far),
        cmocka_unit_test(test_empty_and_hamming),
        cmocka_unit_test(test_batched_votes_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
