/* Unit tests of search: words, phrases, prefixes, malformed queries, date
 * and language filters over a store's deferred index, and the result cache
 * (same answer while the index generation stays; deletes, index passes and
 * filter columns invalidate it; stories are read fresh). */
#include "harness.h"
#include <sqlite3.h>
#include <stdio.h>
#include "search.h"
#include "store.h"
#include "storyline.h"
#include "util.h"

static void put(sl_store *s, const char *id, const char *title, const char *text,
                int64_t pub, const char *lang, int64_t story)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->title = sl_xstrdup(title);
    d->text = sl_xstrdup(text);
    d->pub_time = pub;
    d->lang = sl_xstrdup(lang);
    d->hash = (uint64_t)pub;
    assert_int_equal(sl_store_put(s, d, story, 0), SL_OK);
    sl_doc_free(d);
}

typedef struct fixture {
    char path[32];
    sl_store *st;
    sl_search *se;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    test_tmp_db(f->path);
    char *err = NULL;
    assert_int_equal(sl_store_open(f->path, &f->st, &err), SL_OK);
    put(f->st, "a", "Harbour bridge closed", "The harbour bridge closed for storm repairs.",
        1600000000, "en", 1);
    put(f->st, "b", "Engineers inspect the bridge", "Engineers said the bridge is safe.",
        1600086400, "en", 2);
    put(f->st, "c", "Brücke gesperrt", "Die Brücke am Hafen bleibt gesperrt.", 1600172800, "de",
        3);
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    f->se = sl_search_open(f->path, 2, &err);
    assert_non_null(f->se);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sl_search_close(f->se);
    sl_store_close(f->st);
    test_rm_db(f->path);
    free(f);
    return 0;
}

/* Runs q and returns the ids of the hits joined by ',' (caller frees). */
static char *ids(sl_search *se, const char *q, int64_t since, const char *lang, int *plain)
{
    sl_search_query sq = {q, since, INT64_MAX, lang, 10, 10};
    sl_search_hit *h;
    size_t n;
    char *err = NULL;
    int pl;
    int rc = sl_search_run(se, &sq, &h, &n, &pl, &err);
    if (rc != SL_OK)
        fail_msg("%s: %s", q, err ? err : "?");
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sl_buf_putc(&b, ',');
        sl_buf_puts(&b, h[i].id);
        assert_non_null(h[i].snippet);
    }
    if (plain)
        *plain = pl;
    sl_search_hits_free(h, n);
    return sl_buf_take(&b);
}

static void expect(sl_search *se, const char *q, const char *want)
{
    char *got = ids(se, q, INT64_MIN, NULL, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_queries(void **state)
{
    fixture *f = *state;
    expect(f->se, "harbour", "a");
    expect(f->se, "bridge", "a,b"); /* both titles; a's body repeats it */
    expect(f->se, "\"storm repairs\"", "a");
    expect(f->se, "engin*", "b");
    expect(f->se, "brucke", "c"); /* diacritics removed */
    expect(f->se, "nothing", "");
    int plain = 0;
    char *got = ids(f->se, "\"unbalanced AND", INT64_MIN, NULL, &plain);
    assert_true(plain);
    free(got);
    got = ids(f->se, "bridge", 1600050000, NULL, NULL);
    assert_string_equal(got, "b");
    free(got);
    got = ids(f->se, "brucke OR bridge", INT64_MIN, "de", NULL);
    assert_string_equal(got, "c");
    free(got);
}

static void test_snippet(void **state)
{
    fixture *f = *state;
    sl_search_query sq = {"storm", INT64_MIN, INT64_MAX, NULL, 10, 1};
    sl_search_hit *h;
    size_t n;
    char *err = NULL;
    int plain;
    assert_int_equal(sl_search_run(f->se, &sq, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 1);
    assert_non_null(strstr(h[0].snippet, "<mark>storm</mark>"));
    assert_int_equal(h[0].story, 1);
    sl_search_hits_free(h, n);
}

/* The cache never answers with what the index no longer says. */
static void test_cache_invalidation(void **state)
{
    fixture *f = *state;
    expect(f->se, "bridge", "a,b");
    expect(f->se, "bridge", "a,b"); /* cached */
    /* a queued article is not found until an index pass, then at once */
    put(f->st, "d", "Bridge reopens", "The bridge reopened.", 1600259200, "en", 4);
    expect(f->se, "reopens", "");
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    expect(f->se, "reopens", "d");
    char *got = ids(f->se, "bridge", INT64_MIN, NULL, NULL);
    assert_non_null(strstr(got, "d"));
    free(got);
    /* deleting an indexed article: gone from the next answer */
    assert_int_equal(sl_store_delete(f->st, "a"), SL_OK);
    got = ids(f->se, "bridge", INT64_MIN, NULL, NULL);
    assert_null(strstr(got, "a"));
    free(got);
    /* a filter column changes: filtered searches see it */
    expect(f->se, "engineers", "b");
    got = ids(f->se, "engineers", INT64_MIN, "fr", NULL);
    assert_string_equal(got, "");
    free(got);
    sqlite3_exec(sl_store_db(f->st), "UPDATE articles SET lang='fr' WHERE id='b'", NULL, NULL,
                 NULL);
    got = ids(f->se, "engineers", INT64_MIN, "fr", NULL);
    assert_string_equal(got, "b");
    free(got);
    /* a story change (no index change) shows in a cached answer */
    sl_search_query sq = {"engineers", INT64_MIN, INT64_MAX, NULL, 10, 10};
    sl_search_hit *h;
    size_t n;
    char *err = NULL;
    int plain;
    assert_int_equal(sl_store_set_story(f->st, "b", 42), SL_OK);
    assert_int_equal(sl_search_run(f->se, &sq, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].story, 42);
    sl_search_hits_free(h, n);
}

/* The snippet of q's first hit ("" if none; caller frees). */
static char *first_snippet(sl_search *se, const char *q)
{
    sl_search_query sq = {q, INT64_MIN, INT64_MAX, NULL, 10, 10};
    sl_search_hit *h;
    size_t n;
    char *err = NULL;
    int plain;
    assert_int_equal(sl_search_run(se, &sq, &h, &n, &plain, &err), SL_OK);
    char *s = sl_xstrdup(n ? h[0].snippet : "");
    sl_search_hits_free(h, n);
    return s;
}

static void expect_snippet(sl_search *se, const char *q, const char *want)
{
    char *got = first_snippet(se, q);
    assert_string_equal(got, want);
    free(got);
}

/* An indexed article changed (twice), deleted and stored again: until an
 * index pass the search finds what the index holds, with the snippet of
 * the text that was indexed (the index keeps no text: it comes from the
 * value the change logged); after it, the new text only. */
static void test_changed_article(void **state)
{
    fixture *f = *state;
    const char *old_snip = "The harbour bridge closed for <mark>storm</mark> repairs.";
    expect_snippet(f->se, "storm", old_snip);
    put(f->st, "a", "Harbour bridge closed", "The harbour tunnel opened after repairs.",
        1600000000, "en", 1);
    put(f->st, "a", "Harbour bridge closed", "The harbour ferry sailed.", 1600000000, "en", 1);
    expect(f->se, "storm", "a");
    expect_snippet(f->se, "storm", old_snip);
    expect(f->se, "tunnel OR ferry", "");
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    expect(f->se, "storm OR tunnel", "");
    expect(f->se, "ferry", "a");
    expect_snippet(f->se, "ferry", "The harbour <mark>ferry</mark> sailed.");
    expect_snippet(f->se, "closed", "Harbour bridge <mark>closed</mark>");
    assert_int_equal(sl_store_delete(f->st, "a"), SL_OK);
    expect(f->se, "ferry", ""); /* at once */
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    expect(f->se, "ferry OR harbour", "");
    put(f->st, "a", "Harbour ferry back", "The harbour ferry returned.", 1600000000, "en", 1);
    expect(f->se, "ferry", "");
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    expect(f->se, "ferry", "a");
    expect_snippet(f->se, "returned", "The harbour ferry <mark>returned</mark>.");
    expect(f->se, "bridge", "b");
}

/* Compares the searches of qs (limits 1..25, with and without a language
 * filter) with FTS5's bm25() over every match (st); returns the hits
 * compared. */
static int compare_bm25(sl_search *se, sqlite3_stmt *st, const char *const *qs, size_t nq)
{
    int compared = 0;
    for (size_t i = 0; i < nq; i++)
        for (int l = 0; l < 2; l++)
            for (int lim = 1; lim <= 25; lim += 8) {
                const char *lang = l ? "fr" : NULL;
                sl_search_query sq = {qs[i], INT64_MIN, INT64_MAX, lang, lim, 0};
                sl_search_hit *h;
                size_t n;
                int plain;
                char *err = NULL;
                assert_int_equal(sl_search_run(se, &sq, &h, &n, &plain, &err), SL_OK);
                sqlite3_bind_text(st, 1, qs[i], -1, SQLITE_STATIC);
                if (lang)
                    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(st, 2);
                sqlite3_bind_int(st, 3, lim);
                size_t k = 0;
                while (sqlite3_step(st) == SQLITE_ROW) {
                    assert_true(k < n);
                    /* equal scores may come in either order */
                    assert_true(h[k].score == sqlite3_column_double(st, 1));
                    if (k + 1 < n && h[k].score != h[k + 1].score && k > 0 &&
                        h[k].score != h[k - 1].score)
                        assert_string_equal(h[k].id, (const char *)sqlite3_column_text(st, 0));
                    k++;
                }
                sqlite3_reset(st);
                assert_int_equal(k, n);
                compared += (int)n;
                sl_search_hits_free(h, n);
            }
    return compared;
}

/* Article i of the ranking test: title and text of words drawn with r. */
static void put_words(sl_store *st, int i, uint32_t *r, int maxlen)
{
    static const char *const words[] = {"alpha", "beta", "gamma", "delta", "omega"};
    sl_buf t = {0}, x = {0};
    sl_buf_puts(&t, "");
    sl_buf_puts(&x, "");
    int nt = 1 + (int)((*r = *r * 1103515245u + 12345u) >> 16) % 6;
    int nx = 3 + (int)((*r = *r * 1103515245u + 12345u) >> 16) % maxlen;
    for (int j = 0; j < nt + nx; j++) {
        *r = *r * 1103515245u + 12345u;
        sl_buf_printf(j < nt ? &t : &x, "%s ", words[(*r >> 16) % 5]);
    }
    char id[16];
    snprintf(id, sizeof id, "p%d", i);
    put(st, id, t.data, x.data, 1600000000 + 3600 * i, i % 3 ? "en" : "fr", 100 + i);
    free(t.data);
    free(x.data);
}

static const char *article_id(int i)
{
    static char id[16];
    snprintf(id, sizeof id, "p%d", i);
    return id;
}

/* The ranking skips rows that cannot reach the top k and keeps the rows'
 * lengths it read (sl_bm25 in search.c): over many matches of varied
 * lengths and counts, the hits and scores must be those of FTS5's bm25()
 * over every match, filtered or not, also after rows the searches have
 * seen changed length, went, or came back under the same rowid. */
static void test_pruned_ranking(void **state)
{
    fixture *f = *state;
    uint32_t r = 12345;
    for (int i = 0; i < 400; i++) {
        put_words(f->st, i, &r, 120);
    }
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sl_store_attach_index(db, f->path), SQLITE_OK); /* with its tokenizer */
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT b.id, bm25(articles_fts, 8.0, 1.0) AS score"
                           " FROM articles_fts JOIN articles b ON b.seq = articles_fts.rowid"
                           " WHERE articles_fts MATCH ?1 AND (?2 IS NULL OR b.lang = ?2)"
                           " ORDER BY score LIMIT ?3",
                           -1, &st, NULL),
        SQLITE_OK);
    static const char *const qs[] = {"alpha", "alpha beta", "\"gamma delta\"", "om*",
                                     "alpha OR omega", "beta NOT gamma", "title: delta"};
    size_t nq = sizeof qs / sizeof *qs;
    int compared = 0;
    for (int round = 0; round < 2; round++) /* twice: every connection knows lengths */
        compared += compare_bm25(f->se, st, qs, nq);
    /* rows the searches have scored change length (much shorter, so that
     * a stale length would change their scores), go, or come back: the
     * connections forget what they knew of them */
    for (int i = 0; i < 400; i += 3)
        put_words(f->st, i, &r, 4);
    for (int i = 1; i < 400; i += 7)
        assert_int_equal(sl_store_delete(f->st, article_id(i)), SL_OK);
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    for (int round = 0; round < 2; round++)
        compared += compare_bm25(f->se, st, qs, nq);
    /* the highest rowids go and new rows take them */
    sqlite3_exec(sl_store_db(f->st), "DELETE FROM articles WHERE seq > (SELECT max(seq) - 30"
                 " FROM articles)", NULL, NULL, NULL);
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    for (int i = 400; i < 430; i++)
        put_words(f->st, i, &r, 2);
    assert_int_equal(sl_store_index(f->st, 0, NULL), SL_OK);
    compared += compare_bm25(f->se, st, qs, nq);
    compared += compare_bm25(f->se, st, qs, nq);
    assert_true(compared > 1000);
    /* a prefix query's snippets (one walk per chunk of hits) are those of
     * the word it stands for (one query per hit), in two chunks */
    sl_search_query pq = {"omeg*", INT64_MIN, INT64_MAX, NULL, 25, 13};
    sl_search_query wq = {"omega", INT64_MIN, INT64_MAX, NULL, 25, 13};
    sl_search_hit *ph, *wh;
    size_t pn, wn;
    int plain;
    char *err = NULL;
    assert_int_equal(sl_search_run(f->se, &pq, &ph, &pn, &plain, &err), SL_OK);
    assert_int_equal(sl_search_run(f->se, &wq, &wh, &wn, &plain, &err), SL_OK);
    assert_int_equal(pn, 25);
    assert_int_equal(wn, pn);
    for (size_t i = 0; i < pn; i++) {
        assert_string_equal(ph[i].id, wh[i].id);
        assert_string_equal(ph[i].snippet, wh[i].snippet);
        if (i < 13)
            assert_non_null(strstr(ph[i].snippet, "<mark>omega</mark>"));
        else
            assert_string_equal(ph[i].snippet, "");
    }
    sl_search_hits_free(ph, pn);
    sl_search_hits_free(wh, wn);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snippet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_invalidation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pruned_ranking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_article, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
