/* Unit tests for words: the shared word scan of the views. */
#include "harness.h"
#include "words.h"

#include <ctype.h>
#include <utf8proc.h>

/* The word of w[0..n) that starts at byte s, or NULL. */
static const sl_word *at(const sl_word *w, size_t n, size_t s)
{
    for (size_t i = 0; i < n; i++)
        if (w[i].s == s)
            return &w[i];
    return NULL;
}

static const sl_word *word_of(const char *t, const sl_word *w, size_t n, const char *what)
{
    const char *p = strstr(t, what);
    assert_non_null(p);
    const sl_word *x = at(w, n, (size_t)(p - t));
    if (!x)
        fail_msg("no word starts at \"%s\"", what);
    return x;
}

/* Offsets, capitals, possessives, abbreviations, joined words and kinds. */
static void test_scan(void **state)
{
    (void)state;
    const char *t = "The U.S. envoy met Biden's aide, al-Assad and O'Brien in 2020; "
                    "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD said G20 (Nov. 3) was Ok.";
    sl_word *w;
    int all = 0;
    size_t n = sl_words_of(t, &w, &all);
    assert_true(all);
    assert_true(n >= 15);
    const sl_word *us = word_of(t, w, n, "U.S.");
    assert_int_equal(us->e - us->s, 4); /* the abbreviation keeps its period */
    assert_true(us->cap);
    assert_true(us->kind & SL_WORD_OTHER);
    const sl_word *b = word_of(t, w, n, "Biden");
    assert_int_equal(b->e - b->s, 5); /* 's is not part of the name */
    assert_true(b->poss);
    assert_int_equal(b->kind, SL_WORD_LATIN | SL_WORD_OTHER); /* the apostrophe was read */
    const sl_word *envoy = word_of(t, w, n, "envoy");
    assert_false(envoy->cap);
    assert_int_equal(envoy->kind, SL_WORD_LATIN);
    const sl_word *aide = word_of(t, w, n, "aide");
    const sl_word *al = word_of(t, w, n, "al-Assad");
    assert_int_equal(al->e - al->s, 8);
    assert_true(al->sep);    /* a comma before it */
    assert_true(aide->sep);  /* a possessive before it ends a name */
    assert_false(envoy->sep);
    assert_int_equal(word_of(t, w, n, "O'Brien")->e - word_of(t, w, n, "O'Brien")->s, 7);
    assert_int_equal(word_of(t, w, n, "2020")->kind, SL_WORD_DIGIT);
    assert_int_equal(word_of(t, w, n, "G20")->kind, SL_WORD_DIGIT | SL_WORD_LATIN);
    const sl_word *pu = word_of(t, w, n, "\xD0\x9F");
    assert_int_equal(pu->e - pu->s, 10);
    assert_true(pu->cap);
    assert_int_equal(pu->kind, SL_WORD_OTHER);
    assert_int_equal(word_of(t, w, n, "Nov.")->e - word_of(t, w, n, "Nov.")->s, 4);
    assert_int_equal(word_of(t, w, n, "Ok")->e - word_of(t, w, n, "Ok")->s, 2);
    free(w);
}

/* Every ASCII letter and digit of a text lies in one of its words (but a
 * possessive's s), and the words are in order without overlap: on noisy
 * generated text of every byte, valid UTF-8 or not, and on the seeds. */
static void check_cover(const char *t)
{
    sl_word *w;
    int all = 0;
    size_t n = sl_words_of(t, &w, &all), len = strlen(t), k = 0;
    assert_true(all);
    for (size_t i = 0; i < n; i++) {
        assert_true(w[i].s < w[i].e);
        assert_true(w[i].e <= len);
        if (i)
            assert_true(w[i - 1].e <= w[i].s);
        int digit = 0, latin = 0;
        for (size_t j = w[i].s; j < w[i].e; j++) {
            digit |= isdigit((unsigned char)t[j]) != 0;
            latin |= isalpha((unsigned char)t[j]) != 0;
        }
        assert_int_equal(!!(w[i].kind & SL_WORD_DIGIT), digit);
        if (!w[i].poss) /* a possessive's s was read as a letter of the word */
            assert_int_equal(!!(w[i].kind & SL_WORD_LATIN), latin);
        else
            assert_true(!latin || (w[i].kind & SL_WORD_LATIN));
    }
    for (size_t j = 0; j < len; j++) {
        if (!isalnum((unsigned char)t[j]))
            continue;
        while (k < n && w[k].e <= j)
            k++;
        int inside = k < n && w[k].s <= j;
        int poss = t[j] == 's' && j > 0 && k > 0 && w[k - 1].poss &&
                   (j == w[k - 1].e + 1 || j == w[k - 1].e + 3);
        if (!inside && !poss)
            fail_msg("byte %zu ('%c') is in no word", j, t[j]);
    }
    free(w);
}

static void test_cover(void **state)
{
    (void)state;
    unsigned x = 12345;
    static const char *const pieces[] = {"a", "Z", "7", " ", ".", "-", "'", "s", "\xE2\x80\x99",
                                         "\xD0\x9F", "\xD1\x8F", "\xC3\xA9", "\xE4\xB8\xAD", "\xE2\x80\x9C",
                                         "\xFF", "\xD0", ",", "\n", "U.S.", "Mr.", "'s", "\xC2\xA0"};
    size_t np = sizeof pieces / sizeof *pieces;
    for (int round = 0; round < 300; round++) {
        char buf[2048];
        size_t k = 0;
        while (k < 1500) {
            x = x * 1103515245u + 12345u;
            const char *p = pieces[(x >> 16) % np];
            size_t l = strlen(p);
            memcpy(buf + k, p, l);
            k += l;
        }
        buf[k] = 0;
        check_cover(buf);
    }
    const char *dir = test_shared_dir();
    if (!dir)
        return;
    static const char *const seeds[] = {"000_19279ecd0e6b9f34.txt", "001_32a4bd50f07827a6.txt",
                                        "004_9a209ee151e1fd51.txt"};
    for (size_t i = 0; i < 3; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/seeds/%s", dir, seeds[i]);
        size_t len;
        char *t = test_read_file(path, &len);
        if (t)
            check_cover(t);
        free(t);
    }
}

/* sl_words_scan stops at max words and says it did not read everything. */
static void test_max(void **state)
{
    (void)state;
    sl_word buf[4], *w = buf;
    size_t cap = 4;
    int done = 1;
    assert_int_equal(sl_words_scan("one two three four five six", 27, &w, &cap, 4, &done), 4);
    assert_false(done);
    assert_int_equal(sl_words_scan("one two", 7, &w, &cap, 4, &done), 2);
    assert_true(done);
    assert_int_equal(sl_words_scan("", 0, &w, &cap, 4, &done), 0);
    assert_true(done);
}

/* The scanner's letter classes (a table for two-byte UTF-8) agree with
 * utf8proc on every code point, and broken sequences are no letters. */
static void test_char_class(void **state)
{
    (void)state;
    long checked = 0;
    for (int32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue; /* surrogates are not encodable */
        unsigned char buf[8];
        int n = (int)utf8proc_encode_char(cp, buf);
        int len = 0;
        int got = sl_words_char_class((const char *)buf, (size_t)n, &len);
        int letter, upper;
        if (cp < 128) {
            letter = isalnum(cp) != 0;
            upper = cp >= 'A' && cp <= 'Z';
        } else {
            utf8proc_category_t c = utf8proc_category(cp);
            letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
            upper = c == UTF8PROC_CATEGORY_LU;
        }
        if (got != (letter | upper << 1) || len != n)
            fail_msg("U+%04X: class %d length %d, want %d length %d", (unsigned)cp, got, len,
                     letter | upper << 1, n);
        checked++;
    }
    assert_true(checked > 1000000);
    int len;
    assert_int_equal(sl_words_char_class("\xD0", 1, &len), 0); /* cut short */
    assert_int_equal(len, 1);
    assert_int_equal(sl_words_char_class("\xD0 ", 2, &len), 0); /* no continuation */
    assert_int_equal(sl_words_char_class("\xC0\x80", 2, &len), 0); /* overlong */
    assert_int_equal(sl_words_char_class("\xD0\x9F", 2, &len), 3); /* capital Pe */
    assert_int_equal(len, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_scan), cmocka_unit_test(test_cover),
                                       cmocka_unit_test(test_max), cmocka_unit_test(test_char_class)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
