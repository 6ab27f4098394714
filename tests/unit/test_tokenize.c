/* Unit tests of tokenize: words, offsets, flags, stems, stopwords. */
#include "harness.h"
#include "hash_inline.h"
#include "tokenize.h"
#include "util.h"

#include <utf8proc.h>

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

/* The stem cache gives what the stemmer gives: words asked again, under
 * other languages in between, with stems longer than an entry holds, and
 * into a buffer too small for the stem. */
static void test_stem_cache(void **state)
{
    (void)state;
    static const char *const W[] = {"congratulated", "nationalities", "running", "Wahlen",
                                    "\xD0\xB2\xD1\x8B\xD0\xB1\xD0\xBE\xD1\x80\xD1\x8B",
                                    "internationalisations", "counterrevolutionaries"};
    static const char *const L[] = {"en", "de", "fr", "ru", NULL};
    char first[7][5][64], again[64];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 5; j++) {
                char *o = round ? again : first[i][j];
                size_t k = sl_stem(L[j], W[i], strlen(W[i]), o, 64);
                assert_int_equal(k, strlen(o));
                if (round)
                    assert_string_equal(again, first[i][j]);
            }
    assert_string_equal(first[2][0], "run");
    char small[5];
    assert_int_equal(sl_stem("en", "congratulated", 13, small, sizeof small), 4);
    assert_string_equal(small, "cong");
}

/* More distinct words than the stem cache holds at first (it grows twice
 * while they come), each asked again after many others (evicted, moved to
 * the grown cache, or neither): always the stem it had the first time. */
static void test_stem_cache_full(void **state)
{
    (void)state;
    enum { N = 150000, LAG = 40000 };
    char (*first)[32] = malloc((size_t)N * sizeof *first);
    assert_non_null(first);
    for (size_t i = 0; i < N + LAG; i++) {
        for (int pass = 0; pass < 2; pass++) {
            size_t w = pass ? i - LAG : i; /* a new word, then an older one */
            if ((pass && i < LAG) || (!pass && i >= N))
                continue;
            char word[32], out[32];
            size_t n = 0, v = w;
            word[n++] = 'r';
            do { /* the word's number as letters */
                word[n++] = (char)('a' + v % 26);
                v /= 26;
            } while (v);
            memcpy(word + n, "ations", 6);
            n += 6;
            sl_stem("en", word, n, out, sizeof out);
            if (!pass)
                memcpy(first[w], out, sizeof out);
            else
                assert_string_equal(out, first[w]);
        }
    }
    free(first);
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

/* Every code point alone: a word exactly when utf8proc calls it a letter,
 * a combining mark or a decimal digit, lower-cased as utf8proc does, with
 * SL_TOK_CAP exactly for upper-case letters (the tokenizer serves one- and
 * two-byte code points from a table, the rest from utf8proc). */
static int one_word(void *ud, const char *tok, size_t n, size_t s, size_t e, int flags)
{
    (void)s;
    (void)e;
    int32_t *got = ud;
    int k = sl_utf8_decode((const unsigned char *)tok, n, &got[0]);
    got[1] = k == (int)n ? flags : -1;
    got[2]++;
    return 0;
}

static void test_every_code_point(void **state)
{
    (void)state;
    for (int32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (cp > 0x3000 && cp % 7) /* all of the low planes, a sample above */
            continue;
        char buf[8];
        int len = sl_utf8_encode(cp, buf);
        int32_t got[3] = {0, 0, 0};
        sl_tokenize(buf, (size_t)len, one_word, got);
        utf8proc_category_t c = utf8proc_category(cp);
        int word = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                   c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
                   c == UTF8PROC_CATEGORY_ND;
        if (got[2] != word)
            fail_msg("U+%04X: %d words", (unsigned)cp, (int)got[2]);
        if (!word)
            continue;
        int32_t low = c == UTF8PROC_CATEGORY_ND ? cp : utf8proc_tolower(cp);
        if (got[0] != low || got[1] < 0)
            fail_msg("U+%04X lower-cased to U+%04X", (unsigned)cp, (unsigned)got[0]);
        int cap = (got[1] & SL_TOK_CAP) != 0;
        if (cap != (c == UTF8PROC_CATEGORY_LU))
            fail_msg("U+%04X capital flag %d", (unsigned)cp, cap);
    }
}

/* A word longer than the tokenizer's stack buffer comes out whole. */
static void test_long_word(void **state)
{
    (void)state;
    char text[2001];
    for (int i = 0; i < 1000; i++)
        memcpy(text + 2 * i, "\xd0\x96", 2); /* Ж */
    text[2000] = 0;
    toks t = {0};
    sl_tokenize(text, 2000, collect, &t);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.end[0], 2000);
    assert_memory_equal(t.words[0], "\xd0\xb6\xd0\xb6", 4); /* ж, cut at 63 bytes */
    assert_true(t.flags[0] & SL_TOK_UPPER);
}

/* The inline hash of the word loops is sl_hash64 itself: the same value
 * at every length (XXH3 changes method at 4, 9, 17, 129 and 241 bytes)
 * and alignment. */
static void test_hash_inline(void **state)
{
    (void)state;
    char buf[320];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i * 131 + 7);
    for (size_t off = 0; off < 3; off++)
        for (size_t n = 0; n + off <= sizeof buf; n++)
            assert_true(sl_hash64_inline(buf + off, n) == sl_hash64(buf + off, n));
}

/* The variants for a caller that hashed the word give the same stems
 * and stopwords. */
static void test_hashed_variants(void **state)
{
    (void)state;
    const char *words[] = {"running", "the", "flooded", "новости", "президента", "и", "ab", "x",
                           "2019", "don't"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const char *w = words[i];
        size_t n = strlen(w);
        uint64_t h = sl_hash64(w, n);
        char a[64], b[64];
        size_t na = sl_stem(NULL, w, n, a, sizeof a), nb = sl_stem_h(NULL, w, n, h, b, sizeof b);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
        na = sl_stem("ru", w, n, a, sizeof a);
        nb = sl_stem_h("ru", w, n, h, b, sizeof b);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
        assert_int_equal(sl_stopword(w, n), sl_stopword_h(w, n, h));
    }
}

/* entities.c passes over words that cannot be a Russian title by their
 * first two letters: that holds because the Russian stemmer only takes
 * endings off (and writes "ё" as "е"). Checked on words of every part of
 * speech, short ones, hyphenated ones and ones with "ё". */
static void test_stem_ru_prefix(void **state)
{
    (void)state;
    static const char *const W[] = {
        "президента", "премьер-министру", "актёра", "ёлками", "ещё", "вице-премьером",
        "замминистра", "генералу", "быстрейшими", "читавшимися", "красивейшая",
        "сделавшись", "инженерство", "длинному", "её", "их", "мэров", "судьёй",
        "полковниками", "пресс-секретарём", "королевой", "принцессами", "блогерах", NULL};
    for (size_t i = 0; W[i]; i++) {
        char st[64];
        size_t n = strlen(W[i]), k = sl_stem("ru", W[i], n, st, sizeof st);
        char w2[64]; /* the word with "ё" as "е" */
        size_t m = 0;
        for (size_t j = 0; j < n; j++, m++) {
            if ((unsigned char)W[i][j] == 0xD1 && (unsigned char)W[i][j + 1] == 0x91) {
                w2[m++] = (char)0xD0;
                w2[m] = (char)0xB5;
                j++;
            } else {
                w2[m] = W[i][j];
            }
        }
        assert_true(k <= m);
        assert_memory_equal(st, w2, k < 4 ? k : 4);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),     cmocka_unit_test(test_upper),
        cmocka_unit_test(test_stem),      cmocka_unit_test(test_stem_cache),
        cmocka_unit_test(test_stem_ru_prefix),
        cmocka_unit_test(test_stem_cache_full),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_every_code_point),
        cmocka_unit_test(test_long_word), cmocka_unit_test(test_hash_inline),
        cmocka_unit_test(test_hashed_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
