/* Unit tests of tokenize: words, offsets, flags, stems, stopwords. */
#include "harness.h"
#include "hash_inline.h"
#include "tokenize.h"
#include "util.h"

#include <libstemmer.h>
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

/* Tokens of random texts (runs of lower-case ASCII and Russian letters
 * long and short, capitals, other letters, digits, joiners, a three-byte
 * character, invalid bytes) against the definition: each token is its
 * span of the text lower-cased character by character, its flags are
 * what its characters say, and nothing between two tokens is a word
 * character. The word loop copies runs of lower-case letters in blocks:
 * this holds it to the character-by-character result. */
typedef struct span_toks {
    char words[64][700];
    size_t len[64], start[64], end[64];
    int flags[64];
    int n;
} span_toks;

static int collect_spans(void *ud, const char *tok, size_t n, size_t s, size_t e, int flags)
{
    span_toks *t = ud;
    if (t->n >= 64 || n >= sizeof t->words[0])
        return 1;
    memcpy(t->words[t->n], tok, n);
    t->len[t->n] = n;
    t->start[t->n] = s;
    t->end[t->n] = e;
    t->flags[t->n++] = flags;
    return 0;
}

static void check_span(const char *text, const span_toks *t, int k)
{
    char want[2800];
    size_t n = 0;
    unsigned letters = 0, all_upper = 1, num = 0, first = 1, cap = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = t->start[k]; i < t->end[k];) {
        int32_t cp;
        int len = sl_utf8_next(s + i, t->end[k] - i, &cp);
        assert_true(len > 0);
        unsigned c = sl_cp_class(cp);
        if (first)
            cap = (c & (SL_CP_LETTER | SL_CP_UPPER)) == (SL_CP_LETTER | SL_CP_UPPER);
        first = 0;
        if (c & (SL_CP_LETTER | SL_CP_MARK)) {
            letters++;
            all_upper &= (c & SL_CP_UPPER) != 0;
            cp = sl_cp_lower(cp);
        } else {
            num |= (c & SL_CP_DIGIT) != 0;
            if (cp == 0x2019)
                cp = '\'';
        }
        n += (size_t)sl_utf8_encode(cp, want + n);
        i += (size_t)len;
    }
    assert_int_equal(t->len[k], n);
    assert_memory_equal(t->words[k], want, n);
    int flags = (cap ? SL_TOK_CAP : 0) | (num ? SL_TOK_NUM : 0) |
                (letters > 1 && all_upper ? SL_TOK_UPPER : 0);
    assert_int_equal(t->flags[k], flags);
}

static void test_runs_match_definition(void **state)
{
    (void)state;
    static const char *const piece[] = {
        "a", "q", "z", "e", "A", "Z", "\xd0\xb0", "\xd0\xbf", "\xd1\x80", "\xd1\x8f",
        "\xd0\xaf", "\xd0\x96", "\xd1\x91", "\xc3\xa9", "0", "7", " ", ".", "-", "'",
        "\xe2\x80\x99", ",", "\n", "\xe2\x82\xac", "\xff", "\xd0"};
    const size_t npiece = sizeof piece / sizeof *piece;
    static span_toks t;
    static char text[2100];
    uint64_t st = 0x9E3779B97F4A7C15ULL;
    size_t total = 0;
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, want_len = (size_t)round % 700 + 1;
        while (len < want_len) {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            const char *p = piece[st % npiece];
            /* mostly lower-case letters, in runs of up to 300 */
            if (st % 5 < 3)
                p = piece[(st >> 8) % 10];
            size_t run = st % 7 == 0 ? (st >> 16) % 300 + 1 : (st >> 16) % 6 + 1;
            for (size_t r = 0; r < run && len + 4 < sizeof text; r++) {
                memcpy(text + len, p, strlen(p));
                len += strlen(p);
            }
        }
        t.n = 0;
        sl_tokenize(text, len, collect_spans, &t);
        size_t prev = 0;
        for (int k = 0; k < t.n; k++) {
            check_span(text, &t, k);
            for (size_t i = prev; i < t.start[k];) { /* no word character between */
                int32_t cp;
                int l = sl_utf8_next((const unsigned char *)text + i, t.start[k] - i, &cp);
                if (l <= 0)
                    l = 1;
                else
                    assert_false(sl_cp_class(cp) & (SL_CP_LETTER | SL_CP_MARK | SL_CP_DIGIT));
                i += (size_t)l;
            }
            prev = t.end[k];
        }
        total += (size_t)t.n;
    }
    assert_true(total > 5000);
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

/* sl_stem leaves numbers to themselves without asking the stemmer: that
 * holds because every stemmer libstemmer has leaves them unchanged. */
static void test_stem_numbers(void **state)
{
    (void)state;
    static const char *const N[] = {"2019", "12,000", "3.5", "1-0", "2019-2020", "0.25", "1,5",
                                    "100.000", "24-25", "1.2.3", "9999999999", "007", "10-15-20"};
    const char **algs = sb_stemmer_list();
    size_t nalgs = 0;
    for (; algs[nalgs]; nalgs++) {
        struct sb_stemmer *st = sb_stemmer_new(algs[nalgs], "UTF_8");
        assert_non_null(st);
        for (size_t i = 0; i < sizeof N / sizeof *N; i++) {
            int n = (int)strlen(N[i]);
            const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)N[i], n);
            assert_int_equal(sb_stemmer_length(st), n);
            assert_memory_equal(r, N[i], (size_t)n);
        }
        sb_stemmer_delete(st);
    }
    assert_true(nalgs >= 2);
    char out[64];
    for (size_t i = 0; i < sizeof N / sizeof *N; i++) {
        const char *langs[] = {NULL, "en", "ru", "de", "ar"};
        for (size_t j = 0; j < sizeof langs / sizeof *langs; j++) {
            size_t k = sl_stem(langs[j], N[i], strlen(N[i]), out, sizeof out);
            assert_int_equal(k, strlen(N[i]));
            assert_string_equal(out, N[i]);
        }
    }
    /* letters after the digits: stemmed as a word */
    assert_int_equal(sl_stem("en", "2019-flooding", 13, out, sizeof out), 10);
    assert_string_equal(out, "2019-flood");
}

/* The variants for a caller that hashed the word give the same stems
 * and stopwords. */
/* Words of more languages than the stemmers kept (tokenize.c's
 * OTHER_SLOTS), interleaved, and codes libstemmer does not know: each
 * word stems as its language's stemmer, made for it alone, stems it. The
 * words differ at each round, so that the stem cache does not answer. */
static void test_stem_other_langs(void **state)
{
    (void)state;
    static const char *const L[] = {"fr", "de", "es", "it", "nl", "pt", "xx", "sv", "da", "fi"};
    static const char *const W[] = {"continuellement", "nationalisation", "organizaciones",
                                    "generazioni", "ontwikkelingen", "actualmente",
                                    "mouvements", "regierungen", "forhandlingerne",
                                    "kaupungeissa"};
    char out[128], word[64];
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof L / sizeof *L; i++) {
            const char *w = W[(i + (size_t)round) % (sizeof W / sizeof *W)];
            int n = snprintf(word, sizeof word, "%s%.*s", w, round, "aaa");
            size_t k = sl_stem(L[i], word, (size_t)n, out, sizeof out);
            struct sb_stemmer *st = sb_stemmer_new(L[i], "UTF_8");
            if (!st) { /* no such stemmer: the word as it is */
                assert_int_equal(k, (size_t)n);
                assert_string_equal(out, word);
                continue;
            }
            const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, n);
            assert_int_equal(k, (size_t)sb_stemmer_length(st));
            assert_memory_equal(out, r, k);
            sb_stemmer_delete(st);
        }
}

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

/* English words of ASCII letters and Russian words of lower-case letters
 * are stemmed by libstemmer's one-byte stemmers (ISO 8859-1, KOI8-R):
 * every stem equals the UTF-8 stemmer's, and words with other characters
 * (capitals, ё, Ukrainian і, a Latin letter, a long word) take the UTF-8
 * stemmer as before. */
static void test_stem_one_byte_same(void **state)
{
    (void)state;
    static const char *const en[] = {"congratulated", "relations", "generously", "happiness",
                                     "cooperation", "don't", "presidential", "skies", "dying",
                                     "news", "sky", "agreed", "feed", "caf\xC3\xA9s", NULL};
    static const char *const ru[] = {
        "\xD0\xB2\xD1\x8B\xD0\xB1\xD0\xBE\xD1\x80\xD1\x8B",                 /* выборы */
        "\xD0\xBF\xD0\xBE\xD0\xB7\xD0\xB4\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD0\xBB", /* поздравил */
        "\xD1\x91\xD0\xBB\xD0\xBA\xD0\xB0\xD0\xBC\xD0\xB8",                 /* ёлками */
        "\xD0\x9A\xD1\x80\xD0\xB5\xD0\xBC\xD0\xBB\xD1\x8F",                 /* Кремля */
        "\xD1\x96\xD0\xBD\xD1\x88\xD0\xB8\xD1\x85",                           /* інших */
        "\xD0\xB3\xD0\xBE\xD1\x81\xD1\x83\xD0\xB4\xD0\xB0\xD1\x80\xD1\x81\xD1\x82"
        "\xD0\xB2\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB5",                 /* государственные */
        "\xD1\x81\xD0\xB8\xD0\xBB\xD1\x8Cx",                                      /* сильx */
        /* every letter, in and out of KOI8-R (ending in к: nothing taken off) */
        "\xD1\x91\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD0\xB7\xD0\xB8\xD0\xB9\xD0\xBA"
        "\xD0\xBB\xD0\xBC\xD0\xBD\xD0\xBE\xD0\xBF\xD1\x80\xD1\x81\xD1\x82\xD1\x83\xD1\x84\xD1\x85\xD1\x86"
        "\xD1\x87\xD1\x88\xD1\x89\xD1\x8A\xD1\x8B\xD1\x8C\xD1\x8D\xD1\x8E\xD1\x8F\xD0\xBA",
        NULL};
    struct sb_stemmer *se = sb_stemmer_new("english", "UTF_8");
    struct sb_stemmer *sr = sb_stemmer_new("russian", "UTF_8");
    assert_non_null(se);
    assert_non_null(sr);
    char out[256];
    for (int i = 0; en[i]; i++) {
        size_t n = strlen(en[i]);
        const sb_symbol *r = sb_stemmer_stem(se, (const sb_symbol *)en[i], (int)n);
        size_t k = sl_stem("en", en[i], n, out, sizeof out);
        assert_int_equal(k, (size_t)sb_stemmer_length(se));
        assert_memory_equal(out, r, k);
    }
    /* a long Russian word: more letters than the one-byte path takes */
    char longw[2 * 80 + 1];
    for (int i = 0; i < 80; i++)
        memcpy(longw + 2 * i, "\xD0\xB0", 2);
    longw[160] = 0;
    for (int i = -1; ru[i + 1] || i < 0; i++) {
        const char *w = i < 0 ? longw : ru[i];
        size_t n = strlen(w);
        const sb_symbol *r = sb_stemmer_stem(sr, (const sb_symbol *)w, (int)n);
        size_t want = (size_t)sb_stemmer_length(sr);
        size_t k = sl_stem("ru", w, n, out, sizeof out);
        assert_int_equal(k, want);
        assert_memory_equal(out, r, k);
    }
    sb_stemmer_delete(se);
    sb_stemmer_delete(sr);
    /* the other languages of ISO 8859-1: accented letters, German's ß
     * (which the stemmer makes ss), and a word with a letter beyond it
     * (œ) that takes the UTF-8 stemmer */
    static const struct {
        const char *lang, *name, *w;
    } other[] = {
        {"fr", "french", "\xC3\xA9v\xC3\xA9nements"},     /* événements */
        {"fr", "french", "\xC5\x93uvres"},                   /* œuvres */
        {"fr", "french", "d\xC3\xA9" "clar\xC3\xA9"},       /* déclaré */
        {"de", "german", "stra\xC3\x9F" "en"},               /* straßen */
        {"de", "german", "\xC3\xBC" "berraschenderweise"},   /* überraschenderweise */
        {"es", "spanish", "acci\xC3\xB3n"},                  /* acción */
        {"es", "spanish", "ni\xC3\xB1os"},                   /* niños */
        {"pt", "portuguese", "a\xC3\xA7\xC3\xB5" "es"},    /* ações */
        {"it", "italian", "citt\xC3\xA0"},                   /* città */
        {"nl", "dutch", "ontwikkelingen"},
    };
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        struct sb_stemmer *so = sb_stemmer_new(other[i].name, "UTF_8");
        assert_non_null(so);
        size_t n = strlen(other[i].w);
        const sb_symbol *r = sb_stemmer_stem(so, (const sb_symbol *)other[i].w, (int)n);
        size_t want = (size_t)sb_stemmer_length(so);
        size_t k = sl_stem(other[i].lang, other[i].w, n, out, sizeof out);
        assert_int_equal(k, want);
        assert_memory_equal(out, r, k);
        sb_stemmer_delete(so);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),     cmocka_unit_test(test_upper),
        cmocka_unit_test(test_stem),      cmocka_unit_test(test_stem_cache),
        cmocka_unit_test(test_stem_ru_prefix),
        cmocka_unit_test(test_stem_one_byte_same),
        cmocka_unit_test(test_stem_cache_full),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_every_code_point),
        cmocka_unit_test(test_long_word), cmocka_unit_test(test_runs_match_definition), cmocka_unit_test(test_hash_inline),
        cmocka_unit_test(test_hashed_variants), cmocka_unit_test(test_stem_numbers),
        cmocka_unit_test(test_stem_other_langs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
