/* Unit tests for words: the shared word scan of the views. */
#include "harness.h"
#include "sentence.h"
#include "util.h"
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
    /* no array to start with (*w NULL, *cap 0): it grows from nothing (the
     * room was doubled from 0 to 0, then written past; ASan, test_korean) */
    sl_word *h = NULL;
    size_t hc = 0;
    assert_int_equal(sl_words_scan("one two three", 13, &h, &hc, 100, &done), 3);
    assert_true(done && hc >= 3);
    assert_int_equal((int)(h[2].e - h[2].s), 5);
    free(h);
}

/* The scanner's letter classes (a table for two-byte UTF-8) agree with
 * utf8proc on every code point (letters, combining marks and digits make
 * words), and broken sequences are no letters. */
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
            letter = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                     c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
                     c == UTF8PROC_CATEGORY_ND;
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


/* ---- equivalence with a plain scan ------------------------------------------
 * The rules of words.h, one character at a time (the scan before its fast
 * paths: the tight ASCII loop, the two-byte loops, the space-and-letter
 * shortcut, the inline end at an ASCII byte). */

static int ref_letter(const char *s, size_t n, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return isalnum(u[0]) != 0;
    }
    int32_t cp;
    int k = sl_utf8_next(u, n, &cp);
    *len = k > 0 ? k : 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] & 0xC0) == 0x80)
        return 0; /* General Punctuation */
    return k > 0 && (sl_cp_class_in(sl_cp_table(), cp) & SL_CP_LETTER);
}

static int ref_apos(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '\'')
        return 1;
    if (n >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)
        return 3;
    return 0;
}

static size_t ref_scan(const char *s, size_t n, sl_word *w, size_t max, int *done)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0, i = 0;
    int sep = 0, l, a;
    while (i < n) {
        if (!ref_letter(s + i, n - i, &l)) {
            if (u[i] >= 0x80 || !isspace(u[i]))
                sep = 1;
            i += (size_t)l;
            continue;
        }
        size_t st = i, dots = 0;
        unsigned char wk = 0;
        while (i < n) {
            if (u[i] < 0x80 && isalnum(u[i])) {
                wk |= isdigit(u[i]) ? SL_WORD_DIGIT : SL_WORD_LATIN;
                i++;
                continue;
            }
            if (ref_letter(s + i, n - i, &l))
                i += (size_t)l;
            else if ((s[i] == '-' || s[i] == '.') && i + 1 < n && ref_letter(s + i + 1, n - i - 1, &l))
                dots += s[i++] == '.';
            else if ((a = ref_apos(s + i, n - i)) && i + (size_t)a < n &&
                     ref_letter(s + i + a, n - i - a, &l))
                i += (size_t)a;
            else
                break;
            wk |= SL_WORD_OTHER;
        }
        int32_t cp;
        int up = sl_utf8_next(u + st, n - st, &cp) > 0 &&
                 (sl_cp_class_in(sl_cp_table(), cp) & SL_CP_UPPER);
        sl_word x = {(uint32_t)st, (uint32_t)i, (unsigned char)up, 0, (unsigned char)sep, wk};
        size_t en = i;
        if ((wk & SL_WORD_OTHER) && s[en - 1] == 's') {
            if (en - st > 2 && s[en - 2] == '\'')
                x.e = (uint32_t)(en - 2), x.poss = 1;
            else if (en - st > 4 && memcmp(s + en - 4, "\xE2\x80\x99", 3) == 0)
                x.e = (uint32_t)(en - 4), x.poss = 1;
        }
        if (i < n && s[i] == '.' && (dots || en - st <= 4) && x.cap &&
            (dots || sl_sent_abbrev(s + st, en - st))) {
            x.e = (uint32_t)++i;
            x.kind |= SL_WORD_OTHER;
        }
        if (k == max) {
            i = st;
            break;
        }
        w[k++] = x;
        sep = x.poss;
    }
    *done = i >= n;
    return k;
}

static void same_words(const char *t, size_t n, const sl_word *a, size_t na, const sl_word *b,
                       size_t nb)
{
    if (na != nb)
        fail_msg("%zu words, the plain scan %zu, in a text of %zu bytes", na, nb, n);
    for (size_t i = 0; i < na; i++)
        if (a[i].s != b[i].s || a[i].e != b[i].e || a[i].cap != b[i].cap ||
            a[i].poss != b[i].poss || a[i].sep != b[i].sep || a[i].kind != b[i].kind)
            fail_msg("word %zu at %u..%u (%u %u %u %u) differs from the plain scan's %u..%u "
                     "(%u %u %u %u) in \"%.*s\"",
                     i, a[i].s, a[i].e, a[i].cap, a[i].poss, a[i].sep, a[i].kind, b[i].s, b[i].e,
                     b[i].cap, b[i].poss, b[i].sep, b[i].kind, (int)n, t);
}

/* sl_words_scan of the first n bytes of t (at most max words, from an
 * array of cap) gives the plain scan's words and end (ref: its room). */
static void scan_as_plain(const char *t, size_t n, size_t cap, size_t max, sl_word *ref)
{
    sl_word *w = malloc(cap * sizeof *w);
    int done, rdone;
    size_t k = sl_words_scan(t, n, &w, &cap, max, &done);
    size_t r = ref_scan(t, n, ref, max, &rdone);
    same_words(t, n, w, k, ref, r);
    assert_int_equal(done, rdone);
    free(w);
}

/* sl_words_of and sl_words_scan (whole, cut short at every length, and
 * stopped at a few words) give the plain scan's words on random texts of
 * letters of several scripts, joiners, spaces, punctuation and broken
 * UTF-8. */
static void test_same_as_plain(void **state)
{
    (void)state;
    static const char *const PIECES[] = {
        "a", "Z", "q", "7", "0", "-", ".", "'", " ", " ", " ", "\n", "\t", ",", "s", "'s", "U.S.",
        "Mr", "Dr.", "\xE2\x80\x99", "\xE2\x80\x99s", "\xE2\x80\x94", "\xD0\xB4", "\xD0\x94",
        "\xD1\x91", "\xD1\x8F", "\xD2\x90", "\xC3\xA9", "\xC3\x89", "\xC3\x97", "\xC2\xAB",
        "\xC2\xBB", "\xD8\xA8", "\xD8\x8C", "\xE4\xB8\xAD", "\xE0\xA4\x95", "\xF0\x9F\x98\x80",
        "\xD0", "\x80", "\xFF", "\xE2\x80", "\x01", "\x7F", "\xCE\xA9", ". ", " \xD0\x9F"};
    enum { NP = sizeof PIECES / sizeof *PIECES };
    unsigned seed = 12345;
    char t[512];
    sl_word ref[512], *w = NULL;
    long compared = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        int pieces = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 60;
        for (int p = 0; p < pieces; p++) {
            const char *x = PIECES[((seed = seed * 1103515245u + 12345u) >> 16) % NP];
            size_t l = strlen(x);
            memcpy(t + n, x, l);
            n += l;
        }
        t[n] = 0;
        int done, rdone;
        /* the whole text, NUL-terminated */
        size_t k = sl_words_of(t, &w, &done);
        size_t r = ref_scan(t, n, ref, n / 2 + 2, &rdone);
        same_words(t, n, w, k, ref, r);
        assert_int_equal(done, rdone);
        free(w);
        w = NULL;
        /* every prefix, with the byte after it still there */
        for (size_t m = 0; m <= n; m++) {
            scan_as_plain(t, m, 4, 64, ref);
            compared++;
        }
        /* stopped after three words */
        scan_as_plain(t, n, 3, 3, ref);
    }
    assert_true(compared > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_scan), cmocka_unit_test(test_cover),
                                       cmocka_unit_test(test_max), cmocka_unit_test(test_char_class),
                                       cmocka_unit_test(test_same_as_plain)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
