/* Unit tests of util: buffers, UTF-8 repair, JSON escaping, dates. */
#include "harness.h"
#include "util.h"

#include <limits.h>
#include <math.h>

#include <utf8proc.h>

static void test_utf8_repair(void **state)
{
    (void)state;
    size_t n, bad;
    char *s = sl_utf8_repair("a\xff" "b\xc0\xaf" "c\0d", 8, &n, &bad);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
    assert_int_equal(bad, 3);
    free(s);
    s = sl_utf8_repair("\xED\xA0\x80x", 4, &n, &bad); /* surrogate */
    assert_int_equal(bad, 1);
    assert_true(sl_str_endswith(s, "x"));
    free(s);
    s = sl_utf8_repair("Привет", strlen("Привет"), &n, &bad);
    assert_string_equal(s, "Привет");
    assert_int_equal(bad, 0);
    free(s);
}

static void test_json_escape(void **state)
{
    (void)state;
    sl_buf b = {0};
    sl_buf_json_str(&b, "a\"b\\c\nd\x01");
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"");
    sl_buf_reset(&b);
    sl_buf_json_str(&b, NULL);
    assert_string_equal(b.data, "null");
    /* every byte that needs escaping at every place of a long string (the
     * escaper takes sixteen bytes at a time): decoding gives it back */
    for (int c = 1; c < 256; c++)
        for (size_t at = 0; at < 40; at++) {
            char in[48];
            memset(in, 'x', sizeof in);
            in[at] = (char)c;
            in[sizeof in - 1] = (char)0xC3; /* a high byte at the end, unescaped */
            sl_buf_reset(&b);
            sl_buf_json_strn(&b, in, sizeof in);
            char out[64];
            size_t k = 0;
            for (size_t i = 1; i + 1 < b.len; i++) {
                if (b.data[i] != '\\') {
                    out[k++] = b.data[i];
                    continue;
                }
                char e = b.data[++i];
                if (e == 'u') {
                    out[k++] = (char)strtol((char[]){b.data[i + 3], b.data[i + 4], 0}, NULL, 16);
                    i += 4;
                } else {
                    out[k++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                }
            }
            assert_int_equal(k, sizeof in);
            assert_memory_equal(out, in, sizeof in);
            if (c < 0x20 || c == '"' || c == '\\')
                assert_true(b.len > sizeof in + 2); /* escaped */
            else
                assert_int_equal(b.len, sizeof in + 2);
        }
    sl_buf_free(&b);
}

static void test_iso8601(void **state)
{
    (void)state;
    int64_t t;
    assert_true(sl_parse_iso8601("2020-12-15", &t));
    assert_int_equal(t, 1607990400);
    assert_true(sl_parse_iso8601("2020-12-15T10:00:00+03:00", &t));
    assert_int_equal(t, 1607990400 + 7 * 3600);
    char out[32];
    assert_true(sl_parse_iso8601("2019-11-01T12:00:00Z", &t));
    sl_format_iso8601(t, out);
    assert_string_equal(out, "2019-11-01T12:00:00Z");
    assert_false(sl_parse_iso8601("yesterday", &t));
    assert_false(sl_parse_iso8601("2020-13-01", &t));
    assert_false(sl_parse_iso8601("2021-02-31T10:00:00Z", &t)); /* no such day */
    assert_false(sl_parse_iso8601("2021-02-29", &t));
    assert_true(sl_parse_iso8601("2020-02-29", &t));
    assert_false(sl_parse_iso8601("2021-01-01T24:30:00Z", &t));
    /* outside the years that can be written back */
    assert_false(sl_parse_iso8601("9999-12-31T23:00:00-05:00", &t));
    assert_false(sl_parse_iso8601("0000-01-01T00:00:00+01:00", &t));
    assert_true(sl_parse_iso8601("9999-12-31T23:59:59Z", &t));
    sl_format_iso8601(t, out);
    assert_string_equal(out, "9999-12-31T23:59:59Z");
}

/* sl_format_iso8601 writes what the printf format it replaced wrote,
 * for times across the years (before 1970 and past 9999 too). */
static void test_iso8601_format(void **state)
{
    (void)state;
    int64_t t = -400000000000LL; /* about year -10700 */
    int n = 0;
    while (t < 400000000000LL) {
        char out[32], want[32];
        sl_format_iso8601(t, out);
        int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
        int64_t rem = t - days * 86400;
        int y;
        unsigned m, d;
        sl_civil_from_days(days, &y, &m, &d);
        snprintf(want, sizeof want, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u,
                 m % 100u, d % 100u, (unsigned)(rem / 3600) % 24u, (unsigned)(rem / 60 % 60),
                 (unsigned)(rem % 60));
        assert_string_equal(out, want);
        t += 86399LL * 1237 + 4111 + (t & 0xFFFF); /* uneven steps: all hours and seconds */
        n++;
    }
    assert_true(n > 1000);
    char out[32];
    sl_format_iso8601(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    sl_format_iso8601(-1, out);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
}

static void test_trim(void **state)
{
    (void)state;
    char s[] = " \xC2\xA0 hello\t\n";
    assert_string_equal(sl_strtrim(s), "hello");
    assert_true(sl_str_startswith("hello", "he"));
    assert_non_null(sl_strcasestr("Hello World", "WORLD"));
}

/* The code point table agrees with utf8proc on every code point it holds,
 * and the functions agree beyond it. */
static void test_cp_table(void **state)
{
    (void)state;
    const sl_cpinfo *T = sl_cp_table();
    assert_ptr_equal(T, sl_cp_table());
    for (int32_t cp = 0; cp <= 0x10FFFF; cp += cp < 0x3000 ? 1 : 13) {
        utf8proc_category_t c = utf8proc_category(cp);
        unsigned want = 0;
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            want = SL_CP_LETTER | (c == UTF8PROC_CATEGORY_LU ? SL_CP_UPPER : 0);
        else if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC)
            want = SL_CP_MARK;
        else if (c == UTF8PROC_CATEGORY_ND)
            want = SL_CP_DIGIT;
        if (sl_cp_class(cp) != want)
            fail_msg("U+%04X class %u, want %u", (unsigned)cp, sl_cp_class(cp), want);
        if (sl_cp_lower(cp) != utf8proc_tolower(cp))
            fail_msg("U+%04X lower U+%04X", (unsigned)cp, (unsigned)sl_cp_lower(cp));
        if (cp < SL_CP_SMALL && (T[cp].cls != want || T[cp].lower != utf8proc_tolower(cp)))
            fail_msg("U+%04X: table differs", (unsigned)cp);
    }
    assert_int_equal(sl_cp_lower(0x0416), 0x0436); /* Ж -> ж */
    assert_int_equal(sl_cp_class(0x0416), SL_CP_LETTER | SL_CP_UPPER);
    assert_int_equal(sl_cp_class(0x110000), 0);
}

/* A word set finds exactly the listed strings, at their first index, with
 * items that are pairs; prefixes, extensions and the empty word are not in
 * it. */
static void test_wordset(void **state)
{
    (void)state;
    static char long_word[300];
    memset(long_word, 'x', sizeof long_word - 1);
    static const char *const pairs[][2] = {
        {"Paris", "FR"}, {"Oslo", "NO"}, {"Paris", "US"}, {long_word, "L"}, {"Pa", "P"}};
    sl_wordset ws;
    sl_wordset_build(&ws, pairs, 5, sizeof *pairs);
    assert_int_equal(sl_wordset_find(&ws, "Paris", 5), 0);
    assert_int_equal(sl_wordset_find(&ws, "Oslo", 4), 1);
    assert_int_equal(sl_wordset_find(&ws, "Pa", 2), 4);
    assert_int_equal(sl_wordset_find(&ws, long_word, strlen(long_word)), 3);
    assert_int_equal(sl_wordset_find(&ws, long_word, 255), -1);
    assert_int_equal(sl_wordset_find(&ws, "Parisian", 8), -1);
    assert_int_equal(sl_wordset_find(&ws, "Pari", 4), -1);
    assert_int_equal(sl_wordset_find(&ws, "FR", 2), -1); /* the second of each pair is not listed */
    assert_int_equal(sl_wordset_find(&ws, "", 0), -1);
    free(ws.slot); /* the set is kept for the process in the library; not here */
    free(ws.len);
    /* a NULL-ended list: every string up to the NULL, nothing past it */
    static const char *const list[] = {"Mr", "Dr", NULL, "Ms"};
    sl_wordset_build_list(&ws, list);
    assert_int_equal(sl_wordset_find(&ws, "Dr", 2), 1);
    assert_int_equal(sl_wordset_find(&ws, "Ms", 2), -1);
    free(ws.slot);
    free(ws.len);
    /* the first-byte-and-length filter refuses nothing listed: random
     * short words over a small alphabet, found exactly when
     * sl_word_in_list finds them (lengths past 63 share a bit) */
    static const char *const words[] = {"ab", "ba", "abc", "b", "cab", "aaaa", long_word, NULL};
    sl_wordset_build_list(&ws, words);
    uint64_t r = 11;
    char buf[8];
    int found = 0;
    for (int it = 0; it < 20000; it++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(r >> 60) % 5 + 1;
        for (size_t i = 0; i < n; i++)
            buf[i] = "abc"[(r >> (20 + 3 * i)) % 3];
        int want = sl_word_in_list(words, buf, n);
        assert_int_equal(sl_wordset_find(&ws, buf, n) >= 0, want);
        found += want;
    }
    assert_true(found > 100);
    assert_int_equal(sl_wordset_find(&ws, long_word, strlen(long_word)), 6);
    assert_int_equal(sl_wordset_find(&ws, long_word, 100), -1);
    free(ws.slot);
    free(ws.len);
    /* a word with a NUL inside is no shorter entry (dates-6: the list's
     * entry was read past its end; ASan in make asan) */
    static const char nul_word[] = {'a', 'b', 0, 'x'};
    assert_false(sl_word_in_list(words, nul_word, 4));
    assert_false(sl_word_in_list(words, nul_word, 3));
    assert_true(sl_word_in_list(words, nul_word, 2));
}

/* The number writers give printf's digits: integers at the edges of their
 * range, and decimals with exact binary ties (k/16, k/1024) and random
 * values. */
static void test_buf_numbers(void **state)
{
    (void)state;
    char want[400];
    sl_buf b = {0};
    static const long long I[] = {0, 1, -1, 9, 10, 99, 100, 123456789, -987654321,
                                  LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof I / sizeof *I; i++) {
        sl_buf_reset(&b);
        sl_buf_put_int(&b, I[i]);
        snprintf(want, sizeof want, "%lld", I[i]);
        assert_string_equal(b.data, want);
    }
    uint64_t r = 7;
    for (int i = 0; i < 200000; i++) {
        double v;
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        if (i % 3 == 0)
            v = (double)((int64_t)(r >> 40) - (1 << 23)) / 16.0;
        else if (i % 3 == 1)
            v = (double)((int64_t)(r >> 44) - (1 << 19)) / 1024.0;
        else
            v = (double)(r >> 11) / (double)(1ull << 53) * 2000.0 - 1000.0;
        sl_buf_reset(&b);
        sl_buf_put_fixed3(&b, v);
        snprintf(want, sizeof want, "%.3f", v);
        assert_string_equal(b.data, want);
    }
    const double odd[] = {-0.0, -0.0004, 0.0625, 1e15, -3e200, INFINITY, NAN};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        sl_buf_reset(&b);
        sl_buf_put_fixed3(&b, odd[i]);
        snprintf(want, sizeof want, "%.3f", odd[i]);
        assert_string_equal(b.data, want);
    }
    sl_buf_free(&b);
}

/* sl_find_any finds the first byte of its set as a byte loop does, at
 * every length and start, sixteen bytes at a time or not. */
static void test_find_any(void **state)
{
    (void)state;
    static const char *const sets[] = {".!?\xE2", "\n\xE2\xC2`'\"", "x"};
    static const char alphabet[] = "ab .!?\n`'\"x\xE2\xC2\xD0";
    uint64_t r = 11;
    char buf[80];
    for (int it = 0; it < 20000; it++) {
        size_t n = (size_t)(it % 70);
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            /* mostly letters, so that long runs hold none of the set */
            buf[i] = (r >> 33) % 8 ? 'a' : alphabet[(r >> 40) % (sizeof alphabet - 1)];
        }
        const char *set = sets[it % 3];
        int k = (int)strlen(set);
        size_t from = n ? (size_t)(r >> 50) % (n + 1) : 0, want = from;
        while (want < n && !memchr(set, buf[want], (size_t)k))
            want++;
        assert_int_equal(sl_find_any(buf, from, n, set, k), want);
    }
}

/* sl_count_words, eight bytes at a time, counts as a byte loop does: on
 * random strings of spaces, tabs, newlines, letters and high bytes, at
 * every length and alignment. */
static void test_count_words(void **state)
{
    (void)state;
    static const char alphabet[] = " \t\nab.\xD0\x9F";
    uint64_t r = 7;
    char buf[80];
    for (int it = 0; it < 20000; it++) {
        size_t n = (size_t)(it % 70), off = (size_t)(it % 7);
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            buf[off + i] = alphabet[(r >> 33) % (sizeof alphabet - 1)];
        }
        int want = 0, in = 0;
        for (size_t i = 0; i < n; i++) {
            char c = buf[off + i];
            int sp = c == ' ' || c == '\t' || c == '\n';
            want += !sp && !in;
            in = !sp;
        }
        assert_int_equal(sl_count_words(buf + off, n), want);
    }
    const char *t = "  one two\tthree\n\nfour five six seven ";
    assert_int_equal(sl_count_words(t, strlen(t)), 7);
    assert_int_equal(sl_count_words("", 0), 0);
}

/* sl_utf8_next (ASCII, two and three bytes inline) decodes as
 * sl_utf8_decode does: every sequence of one to three bytes, the
 * continuation bytes varied, cut short or not. */
static void test_utf8_next(void **state)
{
    (void)state;
    static const unsigned char TAIL[] = {0x80, 0x9F, 0xA0, 0xBF, 0x00, 0x41, 0xC0, 0xE0};
    unsigned char b[4];
    for (int c0 = 0; c0 < 256; c0++)
        for (size_t t1 = 0; t1 < sizeof TAIL; t1++)
            for (size_t t2 = 0; t2 < sizeof TAIL; t2++)
                for (size_t n = 1; n <= 3; n++) {
                    b[0] = (unsigned char)c0, b[1] = TAIL[t1], b[2] = TAIL[t2], b[3] = 0;
                    int32_t a = -7, e = -7;
                    int ka = sl_utf8_next(b, n, &a), ke = sl_utf8_decode(b, n, &e);
                    assert_int_equal(ka, ke);
                    if (ke > 0)
                        assert_int_equal(a, e);
                }
    /* all of the BMP's three-byte range, surrogates refused */
    int bad = 0;
    for (int32_t cp = 0x800; cp < 0x10000; cp++) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        int32_t got = -1;
        int k = sl_utf8_next(b, 3, &got);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            bad += k == -1;
        else
            assert_true(k == 3 && got == cp);
    }
    assert_int_equal(bad, 0x800);
}

/* The inline appenders: NUL kept after every append, growth past the
 * first capacity, putc and puts agree with append. */
static void test_buf_append(void **state)
{
    (void)state;
    sl_buf a = {0}, b = {0};
    for (int i = 0; i < 500; i++) {
        char c = (char)('a' + i % 26);
        sl_buf_putc(&a, c);
        sl_buf_append(&b, &c, 1);
        if (i % 7 == 0) {
            sl_buf_puts(&a, "xyz");
            sl_buf_append(&b, "xyzw", 3);
        }
        assert_int_equal(a.data[a.len], 0);
        assert_true(a.len < a.cap);
    }
    sl_buf_append(&a, "", 0);
    sl_buf_append(&b, NULL, 0);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len + 1);
    sl_buf_free(&a);
    sl_buf_free(&b);
}

/* sl_cp_class_in (the two tables, inline) answers as sl_cp_class for every
 * code point, and past the tables too. */
static void test_cp_class_in(void **state)
{
    (void)state;
    const sl_cpinfo *T = sl_cp_table();
    long letters = 0;
    for (int32_t cp = 0; cp <= 0x110010; cp++) {
        unsigned a = sl_cp_class_in(T, cp), b = sl_cp_class(cp);
        if (a != b)
            fail_msg("U+%04X: class %u inline, %u by sl_cp_class", (unsigned)cp, a, b);
        letters += (a & SL_CP_LETTER) != 0;
    }
    assert_true(letters > 100000); /* the tables are filled */
}

/* sl_utf8_count: characters, not bytes, of a bounded prefix. */
static void test_utf8_count(void **state)
{
    (void)state;
    assert_int_equal(sl_utf8_count("Russia", 6), 6);
    assert_int_equal(sl_utf8_count("\xD0\x93\xD0\xB0\xD0\xB7", 6), 3); /* Газ */
    assert_int_equal(sl_utf8_count("\xE2\x80\x99s", 4), 2);              /* ’s */
    assert_int_equal(sl_utf8_count("abc", 0), 0);
}

/* sl_thread_value: one zeroed value a thread, the same at every call,
 * another in another thread. */
static pthread_key_t tv_key;

static void *tv_other(void *arg)
{
    int *v = sl_thread_value(tv_key, 4, sizeof *v);
    *(int **)arg = v;
    return (void *)(intptr_t)(v[0] == 0 && v[3] == 0);
}

static void test_thread_value(void **state)
{
    (void)state;
    assert_int_equal(pthread_key_create(&tv_key, free), 0);
    int *a = sl_thread_value(tv_key, 4, sizeof *a);
    for (int i = 0; i < 4; i++)
        assert_int_equal(a[i], 0);
    a[0] = 7;
    int *b = sl_thread_value(tv_key, 4, sizeof *b);
    assert_ptr_equal(a, b);
    assert_int_equal(b[0], 7);
    pthread_t t;
    int *other = NULL;
    void *zeroed = NULL;
    assert_int_equal(pthread_create(&t, NULL, tv_other, &other), 0);
    assert_int_equal(pthread_join(t, &zeroed), 0);
    assert_true(zeroed != NULL);
    assert_true(other != a);
    free(a);
    pthread_setspecific(tv_key, NULL);
    pthread_key_delete(tv_key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_words), cmocka_unit_test(test_find_any),
        cmocka_unit_test(test_utf8_next), cmocka_unit_test(test_buf_append),
        cmocka_unit_test(test_utf8_repair), cmocka_unit_test(test_cp_class_in),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_iso8601_format),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_cp_table),
        cmocka_unit_test(test_wordset),
        cmocka_unit_test(test_buf_numbers),
        cmocka_unit_test(test_thread_value),
        cmocka_unit_test(test_utf8_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
