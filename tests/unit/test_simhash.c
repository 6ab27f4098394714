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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_and_near),
        cmocka_unit_test(test_unrelated_far),
        cmocka_unit_test(test_empty_and_hamming),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
