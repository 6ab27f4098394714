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

/* ---- ranking snapshots ---------------------------------------------------- */

/* Adds article id about topic t (made-up words, so topics cluster apart),
 * variant v changes its wording, from outlet site, at hour h of a day. */
static void add_topic(sl_engine *e, const char *id, int t, int v, const char *site, int h)
{
    static const char *const words[][6] = {
        {"glacier", "melt", "valley", "hikers", "rescue", "ropes"},
        {"orchestra", "violin", "concert", "hall", "tickets", "encore"},
        {"satellite", "launch", "rocket", "orbit", "engineers", "countdown"},
        {"harvest", "wheat", "farmers", "drought", "grain", "silos"},
        {"tunnel", "subway", "commuters", "delays", "signals", "trains"},
    };
    const char *const *w = words[t];
    sl_buf b = {0};
    sl_buf_printf(&b, "%s %s near the %s (%d)\n\n", w[0], w[1], w[2], v);
    for (int i = 0; i < 4; i++)
        sl_buf_printf(&b, "The %s and the %s saw %s %s as %s %s gathered. ", w[i % 6],
                      w[(i + 1) % 6], w[(i + 2) % 6], w[(i + 3) % 6], w[4], w[5]);
    sl_buf_printf(&b, "Version %d of the report.\n", v);
    char when[32];
    snprintf(when, sizeof when, "2020-05-0%dT%02d:00:00Z", 1 + h / 24, h % 24);
    sl_meta m = {0};
    m.format = SL_FMT_TEXT;
    m.lang = v % 3 ? "en" : "de";
    m.site = site;
    m.published = when;
    assert_int_equal(sl_add_article(e, id, b.data, b.len, &m, NULL), SL_OK);
    sl_buf_free(&b);
}

/* Asserts that two snapshots show the same stories in the same order. */
static void assert_same_snap(const rank_snap *a, const rank_snap *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->narticles, b->narticles);
    assert_int_equal(a->latest, b->latest);
    for (size_t i = 0; i < a->n; i++) {
        const rank_story *x = &a->v[i], *y = &b->v[i];
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->n, y->n);
        assert_int_equal(x->noutlets, y->noutlets);
        assert_int_equal(x->first, y->first);
        assert_int_equal(x->last, y->last);
        assert_int_equal(x->sig, y->sig);
        assert_string_equal(x->headline, y->headline);
        assert_string_equal(x->outlets_json, y->outlets_json);
        assert_string_equal(x->lang, y->lang);
    }
    assert_int_equal(a->norder, b->norder);
    for (size_t i = 0; i < a->norder; i++)
        assert_int_equal(a->order[i], b->order[i]);
}

/* The stories of the engine as sl_story_* shows them are the snapshot's. */
static void assert_snap_is_engine(sl_engine *e, const rank_snap *s)
{
    assert_int_equal(sl_story_count(e), s->n);
    for (size_t i = 0; i < s->n; i++) {
        const sl_story *st = sl_story_at(e, i);
        const rank_story *x = rank_find(s, st->id);
        assert_non_null(x);
        assert_int_equal(x->n, st->n);
        assert_string_equal(x->headline, sl_story_headline(e, st));
    }
}

static void test_snapshot_incremental(void **state)
{
    (void)state;
    sl_engine *e;
    assert_int_equal(sl_engine_open(NULL, NULL, &e), SL_OK);
    static const char *const sites[] = {"north.example", "south.example", "east.example"};
    char id[32];
    for (int t = 0; t < 4; t++)
        for (int k = 0; k < 3; k++) {
            snprintf(id, sizeof id, "t%d-%d", t, k);
            add_topic(e, id, t, k, sites[k], 10 * t + k);
        }
    int64_t latest = 1588550400;
    rank_snap *s0 = rank_build(e, NULL, NULL, latest);
    assert_int_equal(s0->described, s0->n);
    assert_true(s0->n >= 4);
    assert_snap_is_engine(e, s0);
    /* a story that does not change keeps its desc */
    uint32_t h;
    assert_true(sl_strmap_get(e->ids, "t3-0", &h));
    int64_t quiet = sl_clu_story_of(e->clu, h);

    /* adds, a replacement, deletes (expiry removes articles the same way),
     * a story emptied, a new story */
    add_topic(e, "t0-3", 0, 3, sites[2], 5);
    add_topic(e, "t0-4", 0, 4, sites[0], 6);
    add_topic(e, "t1-1", 1, 7, sites[2], 12); /* replaced: new wording */
    assert_int_equal(sl_remove_article(e, "t2-0"), SL_OK);
    add_topic(e, "t4-0", 4, 0, sites[1], 40);
    add_topic(e, "t4-1", 4, 1, sites[0], 41);
    rank_snap *s1 = rank_build(e, NULL, s0, latest + 3600);
    rank_snap *full = rank_build(e, NULL, NULL, latest + 3600);
    assert_same_snap(s1, full);
    assert_snap_is_engine(e, s1);
    assert_true(s1->described > 0 && s1->described < s1->n);
    const rank_story *q0 = rank_find(s0, quiet), *q1 = rank_find(s1, quiet);
    assert_non_null(q0);
    assert_non_null(q1);
    assert_ptr_equal(q0->desc, q1->desc);
    rank_free(full);
    rank_free(s0); /* s1 still holds the descs it shares */

    /* a story emptied by deletes goes; the batch revisit may move articles */
    for (int k = 0; k < 3; k++) {
        snprintf(id, sizeof id, "t3-%d", k);
        assert_int_equal(sl_remove_article(e, id), SL_OK);
    }
    assert_int_equal(sl_cluster(e), SL_OK);
    rank_snap *s2 = rank_build(e, NULL, s1, latest + 7200);
    full = rank_build(e, NULL, NULL, latest + 7200);
    assert_same_snap(s2, full);
    assert_snap_is_engine(e, s2);
    assert_null(rank_find(s2, quiet));
    rank_free(full);
    rank_free(s1);
    /* nothing changed: everything is shared */
    rank_snap *s3 = rank_build(e, NULL, s2, latest + 7200);
    assert_int_equal(s3->described, 0);
    assert_same_snap(s3, s2);
    rank_free(s2);
    rank_free(s3);
    sl_engine_close(e);
}

/* The snapshot's order holds the RANK_ORDERED best stories, best first,
 * as sorting all of them would give (scores with many ties). */
static void test_snapshot_order(void **state)
{
    (void)state;
    size_t n = 3 * RANK_ORDERED + 7;
    rank_snap s = {0};
    s.v = sl_xcalloc(n, sizeof *s.v);
    s.n = n;
    s.latest = 1600000000;
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        s.v[i].id = (int64_t)i + 1;
        s.v[i].noutlets = (uint32_t)(x % 4);
        s.v[i].n = (uint32_t)(x % 7) + 1;
        s.v[i].last = x % 5 ? s.latest - (int64_t)(x % 3) * 3600 : SL_TIME_UNKNOWN;
    }
    rank_order(&s);
    assert_int_equal(s.norder, RANK_ORDERED);
    /* every story left out scores no better than the last one in */
    const rank_story *last = &s.v[s.order[s.norder - 1]];
    double lo = rank_score(last->noutlets, last->n, last->last, s.latest);
    char *in = sl_xcalloc(n, 1);
    for (size_t i = 0; i < s.norder; i++) {
        const rank_story *a = &s.v[s.order[i]];
        double sa = rank_score(a->noutlets, a->n, a->last, s.latest);
        in[s.order[i]] = 1;
        if (i) {
            const rank_story *b = &s.v[s.order[i - 1]];
            double sb = rank_score(b->noutlets, b->n, b->last, s.latest);
            assert_true(sb > sa || (sb == sa && b->id < a->id));
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (in[i])
            continue;
        double si = rank_score(s.v[i].noutlets, s.v[i].n, s.v[i].last, s.latest);
        assert_true(si < lo || (si == lo && s.v[i].id > last->id));
    }
    free(in);
    free(s.order);
    free(s.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match),    cmocka_unit_test(test_plain),
        cmocka_unit_test(test_score),    cmocka_unit_test(test_category),
        cmocka_unit_test(test_search),   cmocka_unit_test(test_snapshot_incremental),
        cmocka_unit_test(test_snapshot_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
