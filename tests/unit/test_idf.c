/* Unit tests of idf: the compiled background table and the blend with
 * corpus counts. */
#include "harness.h"
#include "idf.h"
#include "util.h"

static void test_terms(void **state)
{
    (void)state;
    assert_true(sl_term_hash("x", 1) != 0);
    assert_int_equal(sl_term_of("en", "the", 3), 0); /* stopword */
    assert_int_equal(sl_term_of("en", "a", 1), 0);   /* too short */
    /* inflections share a stem */
    assert_int_equal(sl_term_of("en", "elections", 9), sl_term_of("en", "election", 8));
    assert_true(sl_term_of("ru", "выборы", strlen("выборы")) != 0);
}

static void test_background(void **state)
{
    (void)state;
    assert_true(sl_idf_bg_docs() > 1000);
    /* a common English word is in the table, and both lookups agree */
    uint32_t t = sl_term_of("en", "people", 6);
    assert_true(sl_idf_bg_df(t) > 10);
    assert_int_equal(sl_idf_bg_df(t), sl_idf_bg_df_sorted(t));
    uint32_t rare = sl_term_hash("zzqqxxnotaword", 14);
    assert_int_equal(sl_idf_bg_df(rare), 0);
    sl_idf *x = sl_idf_new();
    assert_true(sl_idf_get(x, rare) > sl_idf_get(x, t)); /* rare weighs more */
    sl_idf_free(x);
}

static void test_corpus_blend(void **state)
{
    (void)state;
    sl_idf *x = sl_idf_new();
    uint32_t a = sl_term_hash("aaaunseen", 9), b = sl_term_hash("bbbunseen", 9);
    float before = sl_idf_get(x, a);
    assert_true(before == sl_idf_get(x, b));
    for (int i = 0; i < 500; i++)
        sl_idf_count(x, &a, 1); /* a in 500 corpus documents, b in none */
    assert_int_equal(sl_idf_docs(x), 500);
    assert_true(sl_idf_get(x, a) < before);
    assert_true(sl_idf_get(x, b) > sl_idf_get(x, a));
    assert_true(sl_idf_get(x, a) >= 0);
    assert_true(sl_idf_memory(x) > 0);
    sl_idf_free(x);
}

/* sl_idf_weigh gives what counting the document and then asking
 * sl_idf_get_lang for each term gives, bit for bit: in English (the
 * background blend) and in a language the table does not cover, counting
 * or not; many terms share a count, which sl_idf_weigh weighs once. */
static void test_weigh_same(void **state)
{
    (void)state;
    const char *langs[] = {"en", "de", NULL};
    for (size_t l = 0; l < 3; l++) {
        sl_idf *a = sl_idf_new(), *b = sl_idf_new();
        uint32_t terms[40], bg[40];
        float w[40];
        for (uint32_t doc = 0; doc < 30; doc++) {
            size_t n = 5 + doc % 31;
            for (size_t i = 0; i < n; i++) { /* distinct terms, overlapping docs */
                terms[i] = sl_term_hash("w", 1) + (uint32_t)(i * 7 + doc % 5) * 2654435761u;
                terms[i] = terms[i] ? terms[i] : 1;
                bg[i] = sl_idf_bg_df(terms[i]) + (uint32_t)(i % 3);
            }
            int count = doc % 4 != 3;
            if (count)
                sl_idf_count_lang(a, langs[l], terms, n);
            sl_idf_weigh(b, langs[l], count, terms, bg, n, w);
            for (size_t i = 0; i < n; i++)
                assert_true(w[i] == sl_idf_get_lang(a, langs[l], terms[i], bg[i]));
        }
        assert_int_equal(sl_idf_docs(a), sl_idf_docs(b));
        sl_idf_free(a);
        sl_idf_free(b);
    }
}

/* sl_term_of_h with the token's hash is sl_term_of. */
static void test_term_of_h(void **state)
{
    (void)state;
    const char *toks[] = {"elections", "the", "выборы", "a", "covid-19"};
    for (size_t i = 0; i < sizeof toks / sizeof *toks; i++) {
        size_t n = strlen(toks[i]);
        assert_int_equal(sl_term_of("en", toks[i], n),
                         sl_term_of_h("en", toks[i], n, sl_hash64(toks[i], n)));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_background),
        cmocka_unit_test(test_corpus_blend),
        cmocka_unit_test(test_weigh_same),
        cmocka_unit_test(test_term_of_h),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
