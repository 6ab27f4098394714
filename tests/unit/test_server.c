/* Unit tests of the server's pure parts: route patterns, ranking, the
 * category classifier, and full-text search over a real store. */
#include "harness.h"
#include "search.h"
#include "server_int.h"

#include <math.h>
#include <unistd.h>

static void test_match(void **state)
{
    (void)state;
    char *p;
    assert_true(srv_match("/stories", "/stories", &p));
    assert_null(p);
    assert_false(srv_match("/stories", "/stories/1", &p));
    assert_true(srv_match("/stories/*", "/stories/42", &p));
    assert_string_equal(p, "42");
    free(p);
    assert_false(srv_match("/stories/*", "/stories/", &p));
    assert_true(srv_match("/articles/*", "/articles/a/b.txt", &p));
    assert_string_equal(p, "a/b.txt");
    free(p);
    assert_true(srv_match("/*.html", "/123.html", &p));
    assert_string_equal(p, "123.html");
    free(p);
    assert_false(srv_match("/*.html", "/dir/123.html", &p));
    assert_false(srv_match("/*.html", "/.html", &p));
    assert_false(srv_match("/*.html", "/123.htm", &p));
}

static void test_plain(void **state)
{
    (void)state;
    char *s = sl_search_plain("\"unbalanced AND (x");
    assert_string_equal(s, "\"unbalanced\" \"AND\" \"x\"");
    free(s);
    s = sl_search_plain("elect* college");
    assert_string_equal(s, "\"elect\"* \"college\"");
    free(s);
    s = sl_search_plain("*** ()");
    assert_string_equal(s, "");
    free(s);
}

static void test_score(void **state)
{
    (void)state;
    int64_t ref = 1600000000;
    double base = rank_score(3, 5, ref, ref);
    assert_true(rank_score(4, 5, ref, ref) > base);              /* more outlets */
    assert_true(rank_score(3, 6, ref, ref) > base);              /* more articles */
    assert_true(rank_score(3, 5, ref - 3600, ref) < base);       /* older */
    /* an outlet weighs more than an article */
    assert_true(rank_score(4, 5, ref, ref) > rank_score(3, 6, ref, ref));
    /* half-life of a day */
    assert_true(fabs(rank_score(3, 5, ref - 86400, ref) - base / 2) < 1e-9);
    /* the future is not fresher than now */
    assert_true(fabs(rank_score(3, 5, ref + 999, ref) - base) < 1e-9);
}

static void test_category(void **state)
{
    (void)state;
    assert_string_equal(rank_category("Central bank raises interest rates as inflation and oil price climb"), "economy");
    assert_string_equal(rank_category("Local team wins the cup final after a late goal"), "sports");
    assert_string_equal(rank_category("Qwerty zxcv"), "other");
    assert_string_equal(rank_category(NULL), "other");
}

static void test_search(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-test-search-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    const char *a = "Harbour bridge reopens\n\nThe harbour bridge reopened after storm repairs, officials said on Monday.";
    const char *b = "Council approves budget\n\nThe city council approved the new budget for schools and parks on Tuesday.";
    sl_meta m = {0};
    m.format = SL_FMT_TEXT;
    m.lang = "en";
    assert_int_equal(sl_add_article(e, "a", a, strlen(a), &m, NULL), SL_OK);
    assert_int_equal(sl_add_article(e, "b", b, strlen(b), &m, NULL), SL_OK);
    /* the index is deferred (store.h): bring it up to date, as the writer does */
    assert_int_equal(sl_store_index(e->store, 0, NULL), SL_OK);
    char *err = NULL;
    sl_search *s = sl_search_open(path, 2, &err);
    assert_non_null(s);
    sl_search_query q = {"bridge", INT64_MIN, INT64_MAX, NULL, 10, 10};
    sl_search_hit *h;
    size_t n;
    int plain;
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].id, "a");
    assert_non_null(strstr(h[0].snippet, "<mark>"));
    assert_int_equal(plain, 0);
    sl_search_hits_free(h, n);
    q.q = "\"storm repairs\"";
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 1);
    sl_search_hits_free(h, n);
    q.q = "budg*";
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].id, "b");
    sl_search_hits_free(h, n);
    q.q = "\"council AND (";
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(plain, 1);
    assert_int_equal(n, 1);
    sl_search_hits_free(h, n);
    q.q = "bridge";
    q.lang = "de";
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 0);
    sl_search_hits_free(h, n);
    /* deletes of indexed articles reach the index at once */
    q.lang = NULL;
    assert_int_equal(sl_remove_article(e, "a"), SL_OK);
    assert_int_equal(sl_search_run(s, &q, &h, &n, &plain, &err), SL_OK);
    assert_int_equal(n, 0);
    sl_search_hits_free(h, n);
    sl_search_close(s);
    sl_engine_close(e);
    char wal[64];
    unlink(path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match),    cmocka_unit_test(test_plain),
        cmocka_unit_test(test_score),    cmocka_unit_test(test_category),
        cmocka_unit_test(test_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
