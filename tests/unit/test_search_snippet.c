/* Unit tests of search_snippet: snippets made from a hit's text and the
 * ranking's phrase instances must be FTS5's snippet() exactly (words,
 * phrases, prefixes, NEAR, OR, NOT, column filters; sentences, long and
 * short columns, titles); a NULL column or an instance past its column's
 * text gives NULL (the caller then asks FTS5). */
#include "harness.h"
#include <sqlite3.h>
#include <stdio.h>
#include "search.h"
#include "search_snippet.h"
#include "store.h"
#include "storyline.h"
#include "util.h"

static const char *const WORDS[] = {"river", "bridge", "storm", "council", "repairs", "the",
                                    "city", "closed", "harbour", "engineers"};

/* Text of n words drawn with r, with sentence ends and other marks. */
static char *words(uint32_t *r, int n)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (int i = 0; i < n; i++) {
        *r = *r * 1103515245u + 12345u;
        unsigned x = *r >> 16;
        sl_buf_puts(&b, WORDS[x % 10]);
        static const char *const sep[] = {" ", " ", " ", ". ", ": ", ", ", " - ", ".\n"};
        sl_buf_puts(&b, i + 1 < n ? sep[(x / 10) % 8] : ".");
    }
    return sl_buf_take(&b);
}

/* The HTML form search.c gives FTS5's snippet (marks as <mark>). */
static char *html(const char *s)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (; s && *s; s++) {
        if (*s == '\x02')
            sl_buf_puts(&b, "<mark>");
        else if (*s == '\x03')
            sl_buf_puts(&b, "</mark>");
        else if (*s == '<')
            sl_buf_puts(&b, "&lt;");
        else if (*s == '>')
            sl_buf_puts(&b, "&gt;");
        else if (*s == '&')
            sl_buf_puts(&b, "&amp;");
        else if (*s == '"')
            sl_buf_puts(&b, "&quot;");
        else
            sl_buf_putc(&b, *s == '\n' ? ' ' : *s);
    }
    return sl_buf_take(&b);
}

static void test_same_as_fts5(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *st;
    char *err = NULL;
    assert_int_equal(sl_store_open(path, &st, &err), SL_OK);
    uint32_t r = 777;
    for (int i = 0; i < 300; i++) {
        char id[16];
        snprintf(id, sizeof id, "s%d", i);
        sl_doc *d = sl_doc_new();
        d->id = sl_xstrdup(id);
        d->title = words(&r, 2 + i % 9);
        d->text = words(&r, i % 7 == 0 ? 5 : 10 + (i * 37) % 200);
        d->pub_time = 1600000000 + i;
        d->lang = sl_xstrdup("en");
        d->hash = (uint64_t)i;
        assert_int_equal(sl_store_put(st, d, 1 + i, 0), SL_OK);
        sl_doc_free(d);
    }
    assert_int_equal(sl_store_index(st, 0, NULL), SL_OK);
    sl_search *se = sl_search_open(path, 1, &err);
    assert_non_null(se);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sl_store_attach_index(db, path), SQLITE_OK);
    sqlite3_stmt *q;
    /* the index keeps no text (store.c): FTS5's snippet() comes from an
     * index of the same rows that keeps it */
    char *msg = NULL;
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE VIRTUAL TABLE temp.ref USING fts5(title, text,"
                                  " tokenize='storyline');"
                                  "INSERT INTO ref(rowid,title,text)"
                                  " SELECT seq,title,text FROM articles",
                                  NULL, NULL, &msg),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT snippet(ref, -1, char(2), char(3),"
                                        " '\xe2\x80\xa6', 20) FROM ref"
                                        " WHERE ref MATCH ?1 AND rowid = ?2",
                                        -1, &q, NULL),
                     SQLITE_OK);
    static const char *const qs[] = {"river",          "the",         "\"storm council\"",
                                     "harb*",          "c*",          "NEAR(bridge repairs, 3)",
                                     "river OR storm", "city NOT the", "title: closed",
                                     "engineers the",  "\"the the\""};
    int compared = 0;
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        sl_search_query sq = {qs[i], INT64_MIN, INT64_MAX, NULL, 40, 40};
        sl_search_hit *h;
        size_t n;
        int plain;
        assert_int_equal(sl_search_run(se, &sq, &h, &n, &plain, &err), SL_OK);
        for (size_t k = 0; k < n; k++) {
            sqlite3_bind_text(q, 1, qs[i], -1, SQLITE_STATIC);
            sqlite3_bind_int64(q, 2, h[k].seq);
            assert_int_equal(sqlite3_step(q), SQLITE_ROW);
            char *want = html((const char *)sqlite3_column_text(q, 0));
            assert_string_equal(h[k].snippet, want);
            free(want);
            sqlite3_reset(q);
            compared++;
        }
        sl_search_hits_free(h, n);
    }
    assert_true(compared > 300);
    sqlite3_finalize(q);
    sqlite3_close(db);
    sl_search_close(se);
    sl_store_close(st);
    test_rm_db(path);
}

static void test_direct(void **state)
{
    (void)state;
    const sl_snip_marks m = {"[", "]", "...", 4};
    const int size[] = {1, 2};
    const char *cols[] = {"Bridge closed", "The old bridge was closed. Repairs to the bridge"
                                           " start soon: the council said."};
    /* "bridge" (phrase 0) in the title and twice in the text, "the old"
     * (phrase 1) once */
    sl_snip_inst in[] = {{0, 0, 0}, {1, 1, 0}, {0, 1, 2}, {0, 1, 8}};
    char *s = sl_snippet_make(cols, 2, in, 4, size, 2, &m);
    assert_non_null(s);
    /* both phrases in the text's first window beat the title's one */
    assert_string_equal(s, "[The old] [bridge] was...");
    free(s);
    s = sl_snippet_make(cols, 2, in, 1, size, 2, &m);
    assert_string_equal(s, "[Bridge] closed");
    free(s);
    /* an instance past its column: not the indexed text */
    sl_snip_inst past[] = {{0, 0, 7}};
    assert_null(sl_snippet_make(cols, 2, past, 1, size, 2, &m));
    /* a phrase the query does not have */
    sl_snip_inst odd[] = {{5, 0, 0}};
    assert_null(sl_snippet_make(cols, 2, odd, 1, size, 2, &m));
    /* no instance: the title's start; a NULL title: NULL */
    s = sl_snippet_make(cols, 2, NULL, 0, size, 2, &m);
    assert_string_equal(s, "Bridge closed");
    free(s);
    const char *none[] = {NULL, "text"};
    assert_null(sl_snippet_make(none, 2, NULL, 0, size, 2, &m));
}

/* Marks in s: opening ones minus closing ones, and whether a closing one
 * ever came first. */
static int balance(const char *s, int *underflow)
{
    int depth = 0;
    *underflow = 0;
    for (; *s; s++) {
        depth += *s == '[' ? 1 : *s == ']' ? -1 : 0;
        if (depth < 0)
            *underflow = 1;
    }
    return depth;
}

/* Random texts (ASCII, UTF-8 letters, marks, blanks, '[' and ']' left out)
 * and random instance lists, in xInst order, some past their column:
 * never a crash, and a snippet's marks pair up. */
static void test_random(void **state)
{
    (void)state;
    static const char *const bits[] = {"word", " ", ". ", ": ", "\n", "\xc3\xa9t\xc3\xa9",
                                       "\xd0\xbc\xd0\xb8\xd1\x80", "42", ",", "\xe2\x80\xa6",
                                       "\t", "x"};
    const sl_snip_marks m = {"[", "]", "~", 6};
    const int size[] = {1, 2, 3};
    uint32_t r = 99;
    int made = 0;
    for (int n = 0; n < 3000; n++) {
        sl_buf t[2] = {{0}, {0}};
        for (int c = 0; c < 2; c++) {
            sl_buf_puts(&t[c], "");
            int len = (int)((r = r * 1103515245u + 12345u) >> 16) % 40;
            for (int i = 0; i < len; i++) {
                r = r * 1103515245u + 12345u;
                sl_buf_puts(&t[c], bits[(r >> 16) % 12]);
            }
        }
        sl_snip_inst in[16];
        int k = (int)((r = r * 1103515245u + 12345u) >> 16) % 16, off = 0, col = 0;
        for (int i = 0; i < k; i++) {
            r = r * 1103515245u + 12345u;
            if ((r >> 16) % 5 == 0 && col == 0)
                col = 1, off = 0;
            off += (int)(r >> 20) % 4;
            in[i] = (sl_snip_inst){(int)(r >> 24) % 3, col, off};
        }
        const char *cols[2] = {t[0].data, (r >> 16) % 9 ? t[1].data : NULL};
        char *s = sl_snippet_make(cols, 2, in, k, size, 3, &m);
        if (s) {
            int under;
            assert_int_equal(balance(s, &under), 0);
            assert_false(under);
            made++;
        }
        free(s);
        free(t[0].data);
        free(t[1].data);
    }
    assert_true(made > 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_fts5),
        cmocka_unit_test(test_direct),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
