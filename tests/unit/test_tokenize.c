/* Unit tests of tokenize: words, offsets, flags, stems, stopwords. */
#include "harness.h"
#include "tokenize.h"

typedef struct toks {
    char words[32][64];
    size_t start[32], end[32];
    int flags[32];
    int n;
} toks;

static int collect(void *ud, const char *tok, size_t n, size_t s, size_t e, int flags)
{
    toks *t = ud;
    if (t->n >= 32)
        return 1;
    snprintf(t->words[t->n], 64, "%.*s", (int)n, tok);
    t->start[t->n] = s;
    t->end[t->n] = e;
    t->flags[t->n] = flags;
    t->n++;
    return 0;
}

static void test_words(void **state)
{
    (void)state;
    const char *s = "Putin’s post-Cold War ties: 12,000 votes, 3.5% in the U.S. Тест Москва";
    toks t = {0};
    sl_tokenize(s, strlen(s), collect, &t);
    assert_string_equal(t.words[0], "putin's");
    assert_true(t.flags[0] & SL_TOK_CAP);
    assert_string_equal(t.words[1], "post-cold");
    assert_string_equal(t.words[2], "war");
    assert_string_equal(t.words[4], "12,000");
    assert_true(t.flags[4] & SL_TOK_NUM);
    assert_string_equal(t.words[6], "3.5");
    assert_string_equal(t.words[t.n - 2], "тест");
    assert_string_equal(t.words[t.n - 1], "москва");
    assert_true(t.flags[t.n - 1] & SL_TOK_CAP);
    /* offsets point at the original bytes */
    assert_memory_equal(s + t.start[2], "War", 3);
    assert_int_equal(t.end[2] - t.start[2], 3);
}

static void test_upper(void **state)
{
    (void)state;
    toks t = {0};
    sl_tokenize("NATO and Nato", 13, collect, &t);
    assert_int_equal(t.n, 3);
    assert_true(t.flags[0] & SL_TOK_UPPER);
    assert_false(t.flags[2] & SL_TOK_UPPER);
}

static void test_stem(void **state)
{
    (void)state;
    char out[64];
    sl_stem("en", "congratulated", 13, out, sizeof out);
    assert_string_equal(out, "congratul");
    sl_stem(NULL, "выборы", strlen("выборы"), out, sizeof out);
    assert_string_equal(out, "выбор");
    sl_stem("en", "a", 1, out, sizeof out);
    assert_string_equal(out, "a");
}

static void test_stopwords(void **state)
{
    (void)state;
    assert_true(sl_stopword("the", 3));
    assert_true(sl_stopword("что", strlen("что")));
    assert_false(sl_stopword("telegram", 8));
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    toks t = {0};
    sl_tokenize("ab\xff" "cd", 5, collect, &t);
    assert_int_equal(t.n, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),     cmocka_unit_test(test_upper),
        cmocka_unit_test(test_stem),      cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
