/* Unit tests of search: words, phrases, prefixes, malformed queries, date
 * and language filters over a store's deferred index, and the result cache
 * (same answer while the index generation stays; deletes, index passes and
 * filter columns invalidate it; stories are read fresh). */
#include "harness.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snippet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_invalidation, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
