/* Unit tests of fts_tokenizer: tokens and offsets, folding, agreement with
 * FTS5's unicode61 (remove_diacritics 2) where they are meant to agree,
 * words with marks kept whole, bad bytes, and the tokenizer inside FTS5
 * (matching, phrases, prefixes, snippets). */
#include "harness.h"
#include "fts_tokenizer.h"
#include "util.h"

#include <sqlite3.h>

typedef struct toks {
    sl_buf text; /* tokens joined by '|' */
    sl_buf offs; /* start-end,... */
    int n;
} toks;

static int collect(void *ctx, const char *t, int len, int start, int end)
{
    toks *k = ctx;
    if (k->n++) {
        sl_buf_putc(&k->text, '|');
        sl_buf_putc(&k->offs, ',');
    }
    sl_buf_append(&k->text, t, (size_t)len);
    sl_buf_printf(&k->offs, "%d-%d", start, end);
    return 0;
}

static int collect5(void *ctx, int flags, const char *t, int len, int start, int end)
{
    (void)flags;
    return collect(ctx, t, len, start, end);
}

static void tokens_of(const char *s, toks *k)
{
    memset(k, 0, sizeof *k);
    sl_buf_puts(&k->text, "");
    sl_buf_puts(&k->offs, "");
    assert_int_equal(sl_fts_tokens(s, strlen(s), k, collect), 0);
}

static void toks_free(toks *k)
{
    sl_buf_free(&k->text);
    sl_buf_free(&k->offs);
}

static void test_tokens(void **state)
{
    (void)state;
    toks k;
    /* "Café au LAIT, don't 3.5 Путин ЁЛКА" */
    tokens_of("Caf\xC3\xA9 au LAIT, don't 3.5 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD "
              "\xD0\x81\xD0\x9B\xD0\x9A\xD0\x90",
              &k);
    assert_string_equal(k.text.data, "cafe|au|lait|don|t|3|5|"
                                     "\xD0\xBF\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD|"
                                     "\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0");
    assert_string_equal(k.offs.data, "0-5,6-8,9-13,15-18,19-20,21-22,23-24,25-35,36-44");
    toks_free(&k);
    /* nothing, only separators, a bad byte between two words */
    tokens_of("", &k);
    assert_int_equal(k.n, 0);
    toks_free(&k);
    tokens_of(" -- ... !", &k);
    assert_int_equal(k.n, 0);
    toks_free(&k);
    tokens_of("ab\xFF" "cd \xE2\x80\x94 ef", &k);
    assert_string_equal(k.text.data, "ab|cd|ef");
    toks_free(&k);
    /* a token longer than the stack buffer */
    sl_buf big = {0};
    for (int i = 0; i < 300; i++)
        sl_buf_puts(&big, "\xC3\x89"); /* É */
    tokens_of(big.data, &k);
    assert_int_equal(k.n, 1);
    assert_int_equal(strlen(k.text.data), 300);
    for (size_t i = 0; i < 300; i++)
        assert_int_equal(k.text.data[i], 'e');
    toks_free(&k);
    sl_buf_free(&big);
}

/* Arabic with vowel marks and Hindi with vowel signs: one word each
 * (unicode61 splits both); the Arabic marks are dropped, the Hindi
 * signs kept. */
static void test_marks(void **state)
{
    (void)state;
    toks k;
    /* "كَتَبَ" (kataba, with fatha marks) and "कितना" */
    tokens_of("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E "
              "\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xA8\xE0\xA4\xBE",
              &k);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.text.data, "\xD9\x83\xD8\xAA\xD8\xA8|"
                                     "\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xA8\xE0\xA4\xBE");
    toks_free(&k);
    /* Greek final sigma folds to sigma, so a query typed either way finds it */
    tokens_of("\xCF\x80\xCF\x81\xCE\xBF\xCF\x82", &k); /* προς */
    assert_string_equal(k.text.data, "\xCF\x80\xCF\x81\xCE\xBF\xCF\x83");
    toks_free(&k);
}

/* On text of ASCII, accented Latin and Cyrillic (without ё) words, the
 * tokens and offsets are unicode61's (remove_diacritics 2). */
static void test_agrees_with_unicode61(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    assert_non_null(api);
    void *uctx;
    fts5_tokenizer u61;
    assert_int_equal(api->xFindTokenizer(api, "unicode61", &uctx, &u61), SQLITE_OK);
    const char *args[] = {"remove_diacritics", "2"};
    Fts5Tokenizer *ut;
    assert_int_equal(u61.xCreate(uctx, args, 2, &ut), SQLITE_OK);
    static const char *const pieces[] = {
        "a", "Z", "q", "7", "0", " ", " ", ", ", ".", "'", "-", "\n", "\xC3\xA9", "\xC3\x89",
        "\xC3\xBC", "\xC3\xB1", "\xC3\x9F", "\xC5\x82", "\xC4\x8D", "\xD0\x96", "\xD0\xB6",
        "\xD0\x9F", "\xD1\x8F", "\xD1\x8B", "\xCE\xB1", "\xCE\xA9", "\xE2\x80\x94", "\xE2\x80\x9C",
        "\xC2\xA0", "\xE4\xB8\xAD"};
    uint32_t r = 7;
    long checked = 0;
    for (int round = 0; round < 300; round++) {
        sl_buf s = {0};
        sl_buf_puts(&s, "");
        for (int i = 0; i < 200; i++) {
            r = r * 1103515245u + 12345u;
            sl_buf_puts(&s, pieces[(r >> 16) % (sizeof pieces / sizeof *pieces)]);
        }
        toks a, b;
        tokens_of(s.data, &a);
        memset(&b, 0, sizeof b);
        sl_buf_puts(&b.text, "");
        sl_buf_puts(&b.offs, "");
        assert_int_equal(u61.xTokenize(ut, &b, 0, s.data, (int)s.len, collect5), SQLITE_OK);
        if (strcmp(a.text.data, b.text.data) || strcmp(a.offs.data, b.offs.data))
            print_message("text: %s\nours: %s\nu61:  %s\n", s.data, a.text.data, b.text.data);
        assert_string_equal(a.text.data, b.text.data);
        assert_string_equal(a.offs.data, b.offs.data);
        checked += a.n;
        toks_free(&a);
        toks_free(&b);
        sl_buf_free(&s);
    }
    assert_true(checked > 10000);
    u61.xDelete(ut);
    sqlite3_close(db);
}

/* Asserts the fast tokenizer gives the reference loop's tokens and
 * offsets on text[0..n); returns how many. */
static long same_as_ref(const char *text, size_t n)
{
    toks a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    sl_buf_puts(&a.text, "");
    sl_buf_puts(&a.offs, "");
    sl_buf_puts(&b.text, "");
    sl_buf_puts(&b.offs, "");
    assert_int_equal(sl_fts_tokens(text, n, &a, collect), 0);
    assert_int_equal(sl_fts_tokens_ref(text, n, &b, collect), 0);
    assert_int_equal(a.n, b.n);
    assert_int_equal(a.text.len, b.text.len);
    assert_memory_equal(a.text.data, b.text.data, a.text.len);
    assert_string_equal(a.offs.data, b.offs.data);
    long got = (long)a.n;
    toks_free(&a);
    toks_free(&b);
    return got;
}

/* The fast path gives the reference loop's tokens and offsets on random
 * mixes of ASCII, two-, three- and four-byte characters, marks, broken
 * and truncated sequences, NUL bytes and tokens longer than the stack
 * buffer. */
static void test_fast_is_ref(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", "7", " ", ",", "'", "\n", "\x00", "\xC3\xA9", "\xD0\x81", "\xD1\x91",
        "\xD0\x96", "\xCC\x81" /* combining acute */, "\xD9\x8E" /* fatha */, "\xCF\x82",
        "\xE2\x80\x94", "\xE2\x80\x99", "\xE0\xA4\xBF", "\xE4\xB8\xAD", "\xEF\xBC\xA1",
        "\xF0\x9F\x98\x80", "\xF0\x9D\x90\x80" /* math bold A */, "\xFF", "\xC0\xAF", "\xC3",
        "\xE2\x80", "\xED\xA0\x80" /* surrogate */, "\x80", "\xF4\x90\x80\x80",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"};
    uint32_t r = 11;
    long checked = 0;
    for (int round = 0; round < 400; round++) {
        sl_buf s = {0};
        sl_buf_puts(&s, "");
        int len = round % 3 == 0 ? 40 : 400;
        for (int i = 0; i < len; i++) {
            r = r * 1103515245u + 12345u;
            size_t k = (r >> 16) % (sizeof pieces / sizeof *pieces);
            /* one round in five: only token characters, a token of
             * kilobytes (the buffer grows several times) */
            if (round % 5 == 4)
                k = k % 2 ? 29 : 8 + k % 4;
            if (k == 7)
                sl_buf_append(&s, "", 1);
            else
                sl_buf_puts(&s, pieces[k]);
        }
        /* every prefix length cut short at the end too */
        size_t n = round % 2 ? s.len : s.len - (size_t)(round % 7);
        checked += same_as_ref(s.data, n);
        sl_buf_free(&s);
    }
    assert_true(checked > 5000);
}

/* Every byte value inside a long run of ASCII letters and digits (the
 * sixteen-byte loop's range edges: @ [ ` { / :), at each position of the
 * sixteen, gives the reference loop's tokens. */
static void test_fast_every_byte_in_run(void **state)
{
    (void)state;
    const char *run = "abcdefghKLMNOPQR0123456789stuvWXYZ";
    size_t rn = strlen(run);
    long checked = 0;
    for (int c = 1; c < 256; c++)
        for (size_t at = 0; at < 18; at++) {
            char s[64];
            memcpy(s, run, rn);
            s[at] = (char)c;
            checked += same_as_ref(s, rn);
        }
    assert_true(checked > 255 * 18);
}

/* Every two-byte sequence (a lead byte C2-DF or D0/D1 with any second
 * byte) inside a long run of Russian letters, upper and lower case (the
 * eight-character loop's range edges: Ѐ-Џ, А, Я, а, я, ѐ-џ, ё), at each
 * of the sixteen byte positions, gives the reference loop's tokens. */
static void test_fast_every_char_in_cyrillic_run(void **state)
{
    (void)state;
    /* "ПриВЕТмирАЯяаЁёЖЖЩщ" */
    const char *run = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\x92\xD0\x95\xD0\xA2\xD0\xBC\xD0\xB8"
                      "\xD1\x80\xD0\x90\xD0\xAF\xD1\x8F\xD0\xB0\xD0\x81\xD1\x91\xD0\x96"
                      "\xD0\x96\xD0\xA9\xD1\x89";
    size_t rn = strlen(run);
    assert_int_equal(rn, 38);
    long checked = 0;
    for (int lead = 0xC2; lead < 0xE0; lead++)
        for (int c = 0; c < 256; c++) {
            if (lead != 0xD0 && lead != 0xD1 && (c & 0xC0) != 0x80)
                continue; /* other broken pairs: the D0/D1 ones cover them */
            for (size_t at = 0; at < 18; at++) {
                char s[48];
                memcpy(s, run, rn);
                s[at] = (char)lead;
                s[at + 1] = (char)c;
                checked += same_as_ref(s, rn);
            }
        }
    assert_true(checked > 30 * 64 * 18);
}

/* Words of 1 to 20 ASCII letters or Russian letters, each followed by
 * each kind of separator (a run of ASCII ones, a dash of three bytes, a
 * broken byte, the text's end) and by another word, give the reference
 * loop's tokens: the sixteen-byte front of scan takes whole words only
 * when an ASCII separator ends them within the sixteen. */
static void test_fast_word_lengths(void **state)
{
    (void)state;
    static const char *const seps[] = {" ", ". ", " ,;:  -- ", "                  ",
                                       "\xE2\x80\x94", "\xFF", "\n\t", "'", ""};
    static const char *const letters[] = {"a", "Q", "7", "\xD0\x96", "\xD1\x8F",
                                          "\xD0\x81", "\xC3\xA9"};
    long checked = 0;
    for (size_t l = 0; l < sizeof letters / sizeof *letters; l++)
        for (size_t m = 0; m < sizeof letters / sizeof *letters; m++)
            for (int len = 1; len <= 20; len++)
                for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
                    sl_buf s = {0};
                    sl_buf_puts(&s, "");
                    for (int j = 0; j < len; j++)
                        sl_buf_puts(&s, letters[j % 3 ? l : m]);
                    size_t word = s.len;
                    sl_buf_puts(&s, seps[k]);
                    for (int j = 0; j < 20; j++)
                        sl_buf_puts(&s, letters[m]);
                    sl_buf_puts(&s, " ");
                    /* the whole text, and cut right after the first word */
                    checked += same_as_ref(s.data, s.len);
                    checked += same_as_ref(s.data, word);
                    sl_buf_free(&s);
                }
    assert_true(checked > 7 * 7 * 20 * 9 * 2);
}

static int64_t count(sqlite3 *db, const char *match)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1", -1, &st,
                                        NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Inside FTS5: folding on both sides, phrases, prefixes, snippets. */
static void test_in_fts5(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sl_fts_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE VIRTUAL TABLE f USING fts5(t, tokenize='storyline');"
                                  "INSERT INTO f VALUES('The Electoral College met at the Caf\xC3\xA9.');"
                                  "INSERT INTO f VALUES('\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0 "
                                  "\xD0\xB8 \xD0\xB5\xD1\x89\xD1\x91');"
                                  "INSERT INTO f VALUES('college electoral');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(count(db, "cafe"), 1);
    assert_int_equal(count(db, "CAF\xC3\x89"), 1);
    assert_int_equal(count(db, "\"electoral college\""), 1);
    assert_int_equal(count(db, "electoral college"), 2);
    assert_int_equal(count(db, "\xD0\xBF\xD1\x83\xD1\x82*"), 1);    /* пут* */
    assert_int_equal(count(db, "\xD0\xB5\xD1\x89\xD0\xB5"), 1);     /* еще finds ещё */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT snippet(f, 0, '[', ']', '...', 8) FROM f"
                                        " WHERE f MATCH 'cafe'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(st, 0), "[Caf\xC3\xA9]"));
    sqlite3_finalize(st);
    /* it takes no options */
    assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE g USING fts5(t,"
                                          " tokenize='storyline x')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens), cmocka_unit_test(test_marks),
        cmocka_unit_test(test_agrees_with_unicode61), cmocka_unit_test(test_in_fts5), cmocka_unit_test(test_fast_is_ref),
        cmocka_unit_test(test_fast_every_byte_in_run),
        cmocka_unit_test(test_fast_every_char_in_cyrillic_run),
        cmocka_unit_test(test_fast_word_lengths)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
