/* Unit tests of store: schema creation, put/replace/delete, hashes,
 * reloading, migration on reopen, and the deferred full-text index in its
 * own file (log, passes, changes and deletes of indexed and logged rows,
 * catch-up and rebuild on open, no index in memory, bulk transactions). */
#include "harness.h"
#include "storyline.h"
#include "store.h"
#include "util.h"

#include <unistd.h>

static sl_doc *mkdoc(const char *id, const char *text, uint64_t hash)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->text = sl_xstrdup(text);
    d->title = sl_xstrdup("Title");
    d->pub_time = 1607990400;
    d->published = sl_xstrdup("2020-12-15T00:00:00Z");
    d->hash = hash;
    return d;
}

static int count_cb(void *ud, sl_doc *d, int64_t story)
{
    int *n = ud;
    (*n)++;
    assert_true(story > 0);
    assert_int_equal(d->pub_time, 1607990400);
    sl_doc_free(d);
    return 0;
}

/* The store at path (NULL: in memory), opened. */
static sl_store *open_ok(const char *path)
{
    sl_store *s;
    char *err = NULL;
    assert_int_equal(sl_store_open(path, &s, &err), SL_OK);
    return s;
}

static void test_roundtrip(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    sl_doc *a = mkdoc("a", "alpha", 11), *b = mkdoc("b", "beta", 22);
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK);
    assert_int_equal(sl_store_put(s, b, 2, 0), SL_OK);
    int found;
    assert_int_equal(sl_store_hash(s, "a", &found), 11);
    assert_true(found);
    a->hash = 33;
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK); /* replace */
    assert_int_equal(sl_store_hash(s, "a", &found), 33);
    assert_int_equal(sl_store_delete(s, "b"), SL_OK);
    assert_int_equal(sl_store_delete(s, "b"), SL_ENOTFOUND);
    sl_store_hash(s, "b", &found);
    assert_false(found);
    sl_store_close(s);
    /* reopen: schema already migrated, data kept */
    s = open_ok(path);
    int n = 0;
    assert_int_equal(sl_store_each(s, 1, count_cb, &n), SL_OK);
    assert_int_equal(n, 1);
    sl_store_close(s);
    sl_doc_free(a);
    sl_doc_free(b);
    test_rm_db(path);
}

typedef struct story_seen {
    int n;
    int64_t id, size, first, last;
    char headline[32], dups[64], related[64];
} story_seen;

static int story_cb(void *ud, int64_t id, const char *headline, int64_t size, int64_t first,
                    int64_t last, const char *dups, const char *related)
{
    story_seen *v = ud;
    v->n++;
    v->id = id;
    v->size = size;
    v->first = first;
    v->last = last;
    snprintf(v->headline, sizeof v->headline, "%s", headline ? headline : "(null)");
    snprintf(v->dups, sizeof v->dups, "%s", dups ? dups : "(null)");
    snprintf(v->related, sizeof v->related, "%s", related ? related : "(null)");
    return 0;
}

/* The stories table is current from sl_store_stories_saved until an
 * article is written (put or delete), for the format it was saved with;
 * a rolled-back save leaves it as it was; it survives a reopen. */
static void test_stories_current(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    assert_false(sl_store_stories_current(s, "f1")); /* never saved */
    sl_doc *a = mkdoc("a", "alpha", 11), *b = mkdoc("b", "beta", 22);
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_put(s, a, 3, 0), SL_OK);
    assert_int_equal(sl_store_put(s, b, 3, 0), SL_OK);
    assert_int_equal(sl_store_put_story(s, 3, "Alpha and beta", 2, 100, SL_TIME_UNKNOWN,
                                       "[{\"id\":\"b\",\"of\":\"a\"}]", "[]"),
                     SL_OK);
    assert_int_equal(sl_store_stories_saved(s, "f1"), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_true(sl_store_stories_current(s, "f1"));
    assert_false(sl_store_stories_current(s, "f2")); /* another clusterer's */
    sl_store_close(s);
    s = open_ok(path);
    assert_true(sl_store_stories_current(s, "f1"));
    story_seen v = {0};
    assert_int_equal(sl_store_each_story(s, story_cb, &v), SL_OK);
    assert_int_equal(v.n, 1);
    assert_int_equal(v.id, 3);
    assert_int_equal(v.size, 2);
    assert_int_equal(v.first, 100);
    assert_true(v.last == SL_TIME_UNKNOWN);
    assert_string_equal(v.headline, "Alpha and beta");
    assert_string_equal(v.dups, "[{\"id\":\"b\",\"of\":\"a\"}]");
    assert_string_equal(v.related, "[]");
    /* a put takes it back, in a transaction or not */
    a->hash = 12;
    assert_int_equal(sl_store_put(s, a, 3, 0), SL_OK);
    assert_false(sl_store_stories_current(s, "f1"));
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_stories_saved(s, "f1"), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_true(sl_store_stories_current(s, "f1"));
    /* so does a delete; and a second write after a save in one transaction */
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_delete(s, "b"), SL_OK);
    assert_int_equal(sl_store_stories_saved(s, "f1"), SL_OK);
    assert_int_equal(sl_store_put(s, b, 3, 0), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_false(sl_store_stories_current(s, "f1"));
    /* a save rolled back saves nothing, and the rollback is counted (the
     * commits before were not) */
    assert_int_equal(sl_store_undone(s), 0);
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_stories_saved(s, "f1"), SL_OK);
    assert_int_equal(sl_store_rollback(s), SL_OK);
    assert_false(sl_store_stories_current(s, "f1"));
    assert_int_equal(sl_store_undone(s), 1);
    sl_store_close(s);
    sl_doc_free(a);
    sl_doc_free(b);
    test_rm_db(path);
}

/* ---- the full-text index ---------------------------------------------------- */

static int64_t count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void run(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* A plain connection on the database with its index file attached as
 * "fts", as a reader sees them (committed data only). */
static sqlite3 *look(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* the index's tokenizer is registered as the store does it */
    assert_int_equal(sl_store_attach_index(db, path), SQLITE_OK);
    return db;
}

/* Log entries the index does not reflect yet. */
static int64_t logged(const char *path)
{
    sqlite3 *db = look(path);
    int64_t n = count(db, "SELECT count(*) FROM fts_log"
                          " WHERE n > (SELECT done FROM fts.fts_meta)");
    sqlite3_close(db);
    return n;
}

/* Rows of fts_redo (in the index file) where cond holds. */
static int64_t redo_count(const char *path, const char *cond)
{
    sqlite3 *db = look(path);
    char *sql = sl_xasprintf("SELECT count(*) FROM fts.fts_redo WHERE %s", cond);
    int64_t n = count(db, sql);
    free(sql);
    sqlite3_close(db);
    return n;
}

/* Rows matching an FTS5 query. */
static int64_t hits(const char *path, const char *match)
{
    sqlite3 *db = look(path);
    char *sql = sl_xasprintf("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '%s'",
                             match);
    int64_t n = count(db, sql);
    free(sql);
    sqlite3_close(db);
    return n;
}

/* The index holds exactly the articles not logged after its watermark,
 * with their stored values: every token instance (term, row, column,
 * offset) of articles_fts equals that of a fresh index built from those
 * rows, and FTS5's own integrity check passes. */
static void assert_fts_consistent(const char *path)
{
    sqlite3 *db = look(path);
    run(db, "INSERT INTO fts.articles_fts(articles_fts) VALUES('integrity-check')");
    run(db, "CREATE VIRTUAL TABLE temp.chk USING fts5(title, text, tokenize='storyline');"
            "INSERT INTO chk(rowid,title,text) SELECT seq,title,text FROM articles"
            " WHERE seq NOT IN (SELECT seq FROM fts_log"
            "   WHERE n > (SELECT done FROM fts.fts_meta));"
            "CREATE VIRTUAL TABLE temp.v_idx USING fts5vocab(fts, articles_fts, instance);"
            "CREATE VIRTUAL TABLE temp.v_chk USING fts5vocab(temp, chk, instance);");
    int64_t extra = count(db, "SELECT count(*) FROM (SELECT term,doc,col,offset FROM v_idx"
                              " EXCEPT SELECT term,doc,col,offset FROM v_chk)");
    int64_t missing = count(db, "SELECT count(*) FROM (SELECT term,doc,col,offset FROM v_chk"
                                " EXCEPT SELECT term,doc,col,offset FROM v_idx)");
    /* entries of logged rows are either their old values or gone: only
     * rows never indexed may be missing, so compare the indexed ones */
    sqlite3_close(db);
    assert_int_equal(extra, 0);
    assert_int_equal(missing, 0);
}

static void put(sl_store *s, const char *id, const char *text)
{
    sl_doc *d = mkdoc(id, text, 1);
    int rc = sl_store_put(s, d, 1, 0);
    if (rc != SL_OK)
        fail_msg("put %s: %s", id, sl_store_errmsg(s));
    sl_doc_free(d);
}

static void test_fts_deferred(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    sqlite3 *db = sl_store_db(s);
    /* the index is a file of its own; the articles' file has no index */
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master"
                               " WHERE type='table' AND name LIKE 'articles_fts%'"),
                     0);
    put(s, "a", "harbour bridge");
    put(s, "b", "harbour ferry");
    put(s, "c", "mountain road");
    assert_int_equal(sl_store_unindexed(s), 3);
    assert_int_equal(logged(path), 3);
    assert_int_equal(hits(path, "harbour"), 0); /* stored, not yet searchable */
    size_t n = 0;
    assert_int_equal(sl_store_index(s, 2, &n), SL_OK); /* oldest first */
    assert_int_equal(n, 2);
    assert_int_equal(hits(path, "harbour"), 2);
    assert_int_equal(hits(path, "mountain"), 0);
    assert_int_equal(sl_store_unindexed(s), 1);
    assert_int_equal(logged(path), 1);
    assert_int_equal(sl_store_index(s, 0, &n), SL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(sl_store_unindexed(s), 0);
    assert_int_equal(hits(path, "mountain"), 1);
    assert_int_equal(logged(path), 0);
    assert_int_equal(sl_store_index(s, 0, &n), SL_OK); /* nothing left: a no-op */
    assert_int_equal(n, 0);
    assert_fts_consistent(path);
    /* once a checkpoint made the index's watermark durable, the next
     * commit drops the entries it covers, and not before */
    assert_int_equal(count(db, "SELECT count(*) FROM fts_log"), 3);
    sl_store_begin(s);
    put(s, "d", "river boat");
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(count(db, "SELECT count(*) FROM fts_log"), 4);
    assert_int_equal(sl_store_checkpoint(s), SL_OK);
    sl_store_begin(s);
    put(s, "e", "river bank");
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(count(db, "SELECT count(*) FROM fts_log"), 2);
    assert_int_equal(sl_store_optimize(s), SL_OK);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_fts_consistent(path);
    assert_int_equal(hits(path, "river"), 2);
    sl_store_close(s);
    test_rm_db(path);
}

/* Changes and deletes of indexed and of logged rows, before and after the
 * logged ones are indexed; the same text written again changes nothing;
 * an index pass sees committed writes only; a reused seq. */
static void test_fts_change_delete(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    put(s, "a", "harbour bridge");
    put(s, "b", "harbour ferry");
    put(s, "c", "mountain road");
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    int64_t redo0 = redo_count(path, "1"); /* the new index file's rebuild mark */
    assert_int_equal(redo_count(path, "seq > 0"), 0); /* new rows: nothing to redo */
    put(s, "d", "river boat");
    put(s, "e", "river bank");
    put(s, "a", "harbour tunnel");  /* indexed, changed */
    put(s, "d", "river barge");     /* logged, changed */
    put(s, "c", "mountain road");   /* indexed, same text: nothing logged */
    assert_int_equal(sl_store_delete(s, "b"), SL_OK); /* indexed */
    assert_int_equal(sl_store_delete(s, "e"), SL_OK); /* logged */
    assert_int_equal(logged(path), 6);
    assert_int_equal(hits(path, "mountain"), 1);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_fts_consistent(path);
    /* fts_redo lists the indexed rows whose entry changed or went (a and
     * b), not those indexed for the first time (d, e) */
    assert_int_equal(redo_count(path, "1"), redo0 + 2);
    assert_int_equal(redo_count(path, "seq IN (SELECT seq FROM articles WHERE id='a')"), 1);
    assert_int_equal(hits(path, "tunnel"), 1);
    assert_int_equal(hits(path, "barge"), 1);
    assert_int_equal(hits(path, "boat OR bank OR bridge OR ferry"), 0);
    assert_int_equal(hits(path, "mountain"), 1);
    /* in one open transaction: a pass does not see it; rolled back, it
     * never will */
    sl_store_begin(s);
    put(s, "f", "valley farm");
    put(s, "f", "valley mill");
    assert_int_equal(sl_store_delete(s, "a"), SL_OK);
    size_t n = 1;
    assert_int_equal(sl_store_index(s, 0, &n), SL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(sl_store_rollback(s), SL_OK);
    assert_int_equal(hits(path, "mill OR valley"), 0);
    assert_int_equal(hits(path, "tunnel"), 1);
    /* committed, it is indexed by the next pass */
    sl_store_begin(s);
    put(s, "f", "valley mill");
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_true(sl_store_unindexed(s) > 0);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "mill"), 1);
    assert_fts_consistent(path);
    /* the last row deleted and a new one stored under its seq before a
     * pass: the entry becomes the new row's */
    put(s, "z", "orchard apples");
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    sqlite3 *db = sl_store_db(s);
    int64_t zseq = count(db, "SELECT seq FROM articles WHERE id='z'");
    assert_int_equal(sl_store_delete(s, "z"), SL_OK);
    put(s, "y", "orchard pears");
    assert_int_equal(count(db, "SELECT seq FROM articles WHERE id='y'"), zseq);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "apples"), 0);
    assert_int_equal(hits(path, "pears"), 1);
    char *reused = sl_xasprintf("seq = %lld", (long long)zseq);
    assert_int_equal(redo_count(path, reused), 1); /* the seq's entry changed */
    free(reused);
    assert_fts_consistent(path);
    sl_store_close(s);
    test_rm_db(path);
}

/* Rows a crash left logged (written here by a plain connection, as they
 * are after a kill between a commit and the index pass) are indexed when
 * the store opens; what is logged at close is indexed then; an index file
 * that is absent, half rebuilt or another database's is rebuilt. */
static void test_fts_catch_up(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    put(s, "a", "harbour bridge");
    put(s, "b", "castle gate");
    put(s, "c", "castle moat");
    sl_store_close(s); /* close indexes the log */
    assert_int_equal(logged(path), 0);
    assert_int_equal(hits(path, "bridge"), 1);
    assert_int_equal(hits(path, "castle"), 2);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* the crash left indexed rows changed and deleted, new rows stored,
     * and a new row changed and another deleted again, all unindexed */
    run(db, "UPDATE articles SET text='castle tower' WHERE id='b';"
            "DELETE FROM articles WHERE id='c';"
            "INSERT INTO articles(id,title,text,hash) VALUES('x','Ferry','harbour ferry',1),"
            "('y','Road','mountain road',2),('w','Lane','forest lane',3);"
            "UPDATE articles SET text='forest path' WHERE id='w';"
            "INSERT INTO articles(id,title,text,hash) VALUES('v','Gone','meadow gone',4);"
            "DELETE FROM articles WHERE id='v';");
    /* more than one index transaction's worth */
    run(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i < 5000)"
            " INSERT INTO articles(id,title,text,hash) SELECT 'n'||i,'Note','valley note '||i,i"
            " FROM k");
    sqlite3_close(db);
    assert_int_equal(logged(path), 5008);
    assert_int_equal(hits(path, "gate"), 1); /* not yet */
    s = open_ok(path);
    assert_int_equal(logged(path), 0);
    assert_int_equal(sl_store_unindexed(s), 0);
    assert_int_equal(hits(path, "harbour"), 2);
    assert_int_equal(hits(path, "mountain"), 1);
    assert_int_equal(hits(path, "valley"), 5000);
    assert_int_equal(hits(path, "castle"), 1);
    assert_int_equal(hits(path, "tower"), 1);
    assert_int_equal(hits(path, "gate OR moat OR meadow OR gone"), 0);
    assert_int_equal(hits(path, "forest AND path"), 1);
    assert_fts_consistent(path);
    sl_store_close(s);
    /* no index file: rebuilt from the articles */
    char side[64];
    const char *sides[] = {"-fts", "-fts-wal", "-fts-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", path, sides[i]);
        unlink(side);
    }
    s = open_ok(path);
    assert_int_equal(hits(path, "valley"), 5000);
    assert_int_equal(hits(path, "harbour"), 2);
    assert_fts_consistent(path);
    sl_store_close(s);
    /* a rebuild the crash cut short (no token yet), or another database's
     * index (another token): rebuilt */
    const char *spoil[] = {"UPDATE fts.fts_meta SET token=NULL",
                           "UPDATE fts.fts_meta SET token='other'"};
    for (int i = 0; i < 2; i++) {
        db = look(path);
        run(db, spoil[i]);
        /* (a contentless index can only be emptied, not cut short) */
        run(db, "INSERT INTO fts.articles_fts(articles_fts) VALUES('delete-all')");
        sqlite3_close(db);
        s = open_ok(path);
        assert_int_equal(hits(path, "valley"), 5000);
        assert_fts_consistent(path);
        sl_store_close(s);
    }
    test_rm_db(path);
}

/* The index keeps no text (contentless): a pass takes an entry out with
 * the values the change logged. Passes of one log entry each, while the
 * row changes again after it: each pass leaves the index as of its last
 * entry (the values a later change logged), never the newest row early. */
static void test_fts_partial_passes(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    sqlite3 *db = look(path);
    assert_int_equal(count(db, "SELECT count(*) FROM fts.sqlite_master"
                               " WHERE name='articles_fts_content'"),
                     0);
    sqlite3_close(db);
    put(s, "a", "alder one");
    put(s, "b", "birch one");
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    put(s, "a", "alder two");      /* 1: old "alder one" */
    put(s, "c", "cedar one");      /* 2: new */
    put(s, "a", "alder three");    /* 3: old "alder two" */
    assert_int_equal(sl_store_delete(s, "b"), SL_OK); /* 4: old "birch one" */
    put(s, "b", "birch two");      /* 5: new (another seq) */
    put(s, "c", "cedar two");      /* 6: old "cedar one" */
    assert_int_equal(sl_store_delete(s, "c"), SL_OK); /* 7: old "cedar two" */
    static const struct {
        const char *q;
        int64_t want[8]; /* hits after 0..7 passes of one entry */
    } hist[] = {
        {"alder AND one", {1, 0, 0, 0, 0, 0, 0, 0}},
        {"alder AND two", {0, 1, 1, 0, 0, 0, 0, 0}},
        {"alder AND three", {0, 0, 0, 1, 1, 1, 1, 1}},
        {"birch AND one", {1, 1, 1, 1, 0, 0, 0, 0}},
        {"birch AND two", {0, 0, 0, 0, 0, 1, 1, 1}},
        {"cedar AND one", {0, 0, 1, 1, 1, 1, 0, 0}},
        {"cedar AND two", {0, 0, 0, 0, 0, 0, 1, 0}},
    };
    for (int pass = 0; pass < 8; pass++) {
        if (pass) {
            size_t n = 0;
            assert_int_equal(sl_store_index(s, 1, &n), SL_OK);
            assert_int_equal(n, 1);
        }
        for (size_t i = 0; i < sizeof hist / sizeof *hist; i++)
            if (hits(path, hist[i].q) != hist[i].want[pass])
                fail_msg("after %d passes: %s", pass, hist[i].q);
        sqlite3 *v = look(path);
        run(v, "INSERT INTO fts.articles_fts(articles_fts) VALUES('integrity-check')");
        assert_int_equal(count(v, "SELECT count(*) FROM fts.articles_fts_docsize"),
                         pass < 4 ? 2 + (pass >= 2) : pass < 5 ? 2 : pass < 7 ? 3 : 2);
        sqlite3_close(v);
    }
    assert_int_equal(logged(path), 0);
    assert_fts_consistent(path);
    /* the same, in one pass, and the values logged go with the log */
    put(s, "a", "alder four");
    put(s, "a", "alder five");
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "four OR three"), 0);
    assert_int_equal(hits(path, "five"), 1);
    assert_fts_consistent(path);
    assert_int_equal(sl_store_checkpoint(s), SL_OK);
    sl_store_begin(s);
    put(s, "d", "dogwood");
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(count(sl_store_db(s), "SELECT count(*) FROM fts_log"), 1);
    sl_store_close(s);
    char *report = NULL;
    assert_int_equal(sl_store_check(path, &report), SL_OK);
    free(report);
    test_rm_db(path);
}

/* A database made before the index was contentless (schema 4, an index
 * file with FTS5's copy of the text): migrated, its index rebuilt
 * contentless; changes after that are indexed as usual. */
static void test_fts_old_format(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    put(s, "a", "harbour bridge");
    put(s, "b", "castle gate");
    sl_store_close(s);
    /* back to schema 4 and an index file of its time (same token) */
    sqlite3 *db = look(path);
    run(db, "DROP TRIGGER fts_log_ad; DROP TRIGGER fts_log_au;"
            "ALTER TABLE fts_log DROP COLUMN old; ALTER TABLE fts_log DROP COLUMN title;"
            "ALTER TABLE fts_log DROP COLUMN text;"
            "CREATE TRIGGER fts_log_ad AFTER DELETE ON articles BEGIN"
            "  INSERT INTO fts_log(seq) VALUES(old.seq); END;"
            "CREATE TRIGGER fts_log_au AFTER UPDATE OF title,text ON articles"
            "  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
            "  INSERT INTO fts_log(seq) VALUES(new.seq); END;"
            "ALTER TABLE merges DROP COLUMN rule; ALTER TABLE merges DROP COLUMN score;"
            "ALTER TABLE merges DROP COLUMN article;"
            "PRAGMA user_version=4;"
            "DROP TABLE fts.articles_fts;"
            "CREATE VIRTUAL TABLE fts.articles_fts USING fts5(title, text,"
            "  tokenize='storyline');"
            "INSERT INTO fts.articles_fts(rowid,title,text) SELECT seq,title,text FROM articles;"
            /* a change a crash left logged, without values */
            "UPDATE articles SET text='castle moat' WHERE id='b';");
    assert_int_equal(count(db, "SELECT count(*) FROM fts.articles_fts_content"), 2);
    sqlite3_close(db);
    s = open_ok(path);
    db = look(path);
    assert_int_equal(count(db, "PRAGMA user_version"), 10);
    assert_int_equal(count(db, "PRAGMA fts.freelist_count"), 0); /* the old pages given back */
    assert_int_equal(count(db, "SELECT count(*) FROM fts.sqlite_master"
                               " WHERE name='articles_fts_content'"),
                     0);
    sqlite3_close(db);
    assert_int_equal(hits(path, "gate"), 0);
    assert_int_equal(hits(path, "moat"), 1);
    assert_fts_consistent(path);
    put(s, "a", "harbour tunnel");
    assert_int_equal(sl_store_delete(s, "b"), SL_OK);
    put(s, "b", "castle keep");
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "bridge OR moat"), 0);
    assert_int_equal(hits(path, "tunnel OR keep"), 2);
    assert_fts_consistent(path);
    sl_store_close(s);
    /* an index file with its text but this database's token: rebuilt too */
    db = look(path);
    run(db, "DROP TABLE fts.articles_fts;"
            "CREATE VIRTUAL TABLE fts.articles_fts USING fts5(title, text,"
            "  tokenize='storyline');");
    sqlite3_close(db);
    s = open_ok(path);
    assert_int_equal(hits(path, "tunnel OR keep"), 2);
    assert_fts_consistent(path);
    sl_store_close(s);
    test_rm_db(path);
}

/* An in-memory store is never searched: no index, no log. */
/* The journal mode of schema f ("main" or "fts") as db sees it (caller frees). */
static char *mode_of(sqlite3 *db, const char *f)
{
    char *sql = sl_xasprintf("PRAGMA %s.journal_mode", f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *m = sl_xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    free(sql);
    return m;
}

static void assert_mode(sqlite3 *db, const char *f, const char *want)
{
    char *m = mode_of(db, f);
    assert_string_equal(m, want);
    free(m);
}

/* A bulk transaction: with a rollback journal when the store is alone
 * (WAL again after its commit or rollback, no journal file left); a long
 * log is indexed at close with a rollback journal on the index file too
 * (WAL again after); with another connection on the database it stays in
 * WAL and works the same. */
static void test_bulk(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    sqlite3 *db = sl_store_db(s);
    /* it begins at its first write: one that writes nothing changes nothing */
    assert_int_equal(sl_store_begin_bulk(s), SL_OK);
    int found;
    sl_store_hash(s, "n0", &found);
    assert_false(found);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_mode(db, "main", "wal");
    assert_int_equal(sl_store_begin_bulk(s), SL_OK);
    assert_mode(db, "main", "wal");
    put(s, "n0", "mountain road");
    assert_mode(db, "main", "truncate");
    char id[32];
    for (int i = 0; i < 4200; i++) { /* more than one index pass */
        snprintf(id, sizeof id, "n%d", i);
        put(s, id, i % 2 ? "harbour bridge" : "mountain road");
    }
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_mode(db, "main", "wal");
    char *journal = sl_xasprintf("%s-journal", path);
    assert_int_not_equal(access(journal, F_OK), 0);
    /* a rolled back one stores nothing */
    assert_int_equal(sl_store_begin_bulk(s), SL_OK);
    put(s, "gone", "river boat");
    assert_mode(db, "main", "truncate");
    assert_int_equal(sl_store_rollback(s), SL_OK);
    assert_mode(db, "main", "wal");
    sl_store_hash(s, "gone", &found);
    assert_false(found);
    assert_int_equal(logged(path), 4200);
    sl_store_close(s);
    assert_int_equal(logged(path), 0);
    assert_int_equal(hits(path, "harbour"), 2100);
    assert_fts_consistent(path);
    sqlite3 *other = look(path);
    assert_mode(other, "main", "wal");
    assert_mode(other, "fts", "wal");
    assert_int_equal(count(other, "SELECT count(*) FROM fts_log"), 0);
    /* the long pass's larger hashsize is FTS5's default again after it */
    assert_int_equal(count(other, "SELECT v FROM fts.articles_fts_config WHERE k='hashsize'"),
                     1 << 20);
    char *fts_journal = sl_xasprintf("%s-fts-journal", path);
    assert_int_not_equal(access(fts_journal, F_OK), 0);
    /* another connection (a reader in WAL mode) keeps the database in WAL */
    s = open_ok(path);
    db = sl_store_db(s);
    assert_int_equal(count(other, "SELECT count(*) FROM articles"), 4200);
    assert_int_equal(sl_store_begin_bulk(s), SL_OK);
    assert_mode(db, "main", "wal");
    put(s, "more", "river bank");
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(count(other, "SELECT count(*) FROM articles"), 4201);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "river"), 1);
    sl_store_close(s);
    sqlite3_close(other);
    assert_fts_consistent(path);
    free(journal);
    free(fts_journal);
    test_rm_db(path);
}

/* Merges keep their rule, score and article across a reopen, oldest
 * first; a database from before those columns (schema 5) gets them, its
 * old rows without values. */
typedef struct merge_seen {
    int n;
    int64_t from[4], into[4];
    char rule[4][16], article[4][16];
    double score[4];
} merge_seen;

static void merge_cb(void *ud, int64_t from, int64_t into, const char *rule, double score,
                     const char *article)
{
    merge_seen *m = ud;
    assert_true(m->n < 4);
    m->from[m->n] = from;
    m->into[m->n] = into;
    snprintf(m->rule[m->n], sizeof m->rule[0], "%s", rule ? rule : "(null)");
    snprintf(m->article[m->n], sizeof m->article[0], "%s", article ? article : "(null)");
    m->score[m->n++] = score;
}

static void test_merges(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    assert_int_equal(sl_store_add_merge(s, 9, 7, "bridge", 0.625, "art-3"), SL_OK);
    assert_int_equal(sl_store_add_merge(s, 4, 7, "alike", 0.25, NULL), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    sl_store_close(s);
    s = open_ok(path);
    merge_seen m = {0};
    assert_int_equal(sl_store_each_merge(s, merge_cb, &m), SL_OK);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.from[0], 9);
    assert_int_equal(m.into[0], 7);
    assert_string_equal(m.rule[0], "bridge");
    assert_string_equal(m.article[0], "art-3");
    assert_true(m.score[0] == 0.625);
    assert_int_equal(m.from[1], 4);
    assert_string_equal(m.rule[1], "alike");
    assert_string_equal(m.article[1], "(null)");
    sl_store_close(s);
    /* back to schema 5, whose merges had no rule, score or article */
    sqlite3 *db = look(path);
    run(db, "ALTER TABLE merges DROP COLUMN rule; ALTER TABLE merges DROP COLUMN score;"
            "ALTER TABLE merges DROP COLUMN article; PRAGMA user_version=5;");
    sqlite3_close(db);
    s = open_ok(path);
    memset(&m, 0, sizeof m);
    assert_int_equal(sl_store_each_merge(s, merge_cb, &m), SL_OK);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.from[0], 9);
    assert_string_equal(m.rule[0], "(null)");
    assert_int_equal(sl_store_add_merge(s, 12, 7, "moved", 0.5, "art-5"), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    memset(&m, 0, sizeof m);
    assert_int_equal(sl_store_each_merge(s, merge_cb, &m), SL_OK);
    assert_int_equal(m.n, 3);
    assert_string_equal(m.rule[2], "moved");
    assert_string_equal(m.article[2], "art-5");
    sl_store_close(s);
    test_rm_db(path);
}

/* Text of one value of a one-row query, "(null)" for NULL (static). */
static const char *text_of(sqlite3 *db, const char *sql)
{
    static char v[64];
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(st, 0);
    snprintf(v, sizeof v, "%s", t ? (const char *)t : "(null)");
    sqlite3_finalize(st);
    return v;
}

static void put_raw(sl_store *s, const char *id, const char *text, const char *raw)
{
    sl_doc *d = mkdoc(id, text, 1);
    if (raw) {
        d->raw = sl_xstrdup(raw);
        d->raw_len = strlen(raw);
    }
    assert_int_equal(sl_store_put(s, d, 1, 0), SL_OK);
    sl_doc_free(d);
}

static int col(sqlite3 *db, const char *name)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT cid FROM pragma_table_info('articles') WHERE name='%s'",
             name);
    return (int)count(db, sql);
}

/* Schema 7 orders the articles' columns small ones first, text, then the
 * page as it came; a schema-6 database (raw before text, hash and story
 * after it) is rebuilt in that order with its values, index and triggers. */
static void test_column_order(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    put_raw(s, "a", "harbour bridge", "<p>harbour bridge</p>");
    put_raw(s, "b", "castle gate", "<p>castle gate</p>");
    put_raw(s, "c", "river mill", NULL);
    assert_int_equal(sl_store_commit(s), SL_OK);
    sl_store_close(s);
    sqlite3 *db = look(path);
    assert_true(col(db, "story") < col(db, "title"));
    assert_true(col(db, "hash") < col(db, "title"));
    assert_int_equal(col(db, "text") + 1, col(db, "raw"));
    assert_int_equal(col(db, "raw") + 1,
                     count(db, "SELECT count(*) FROM pragma_table_info('articles')"));
    assert_string_equal(text_of(db, "SELECT raw FROM articles WHERE id='a'"),
                        "<p>harbour bridge</p>");
    /* back to schema 6's order */
    run(db, "CREATE TABLE a6(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            "  source TEXT, format TEXT, title TEXT, published TEXT, pub_time INTEGER,"
            "  site TEXT, author TEXT, url TEXT, lang TEXT, raw BLOB, text TEXT NOT NULL,"
            "  hash INTEGER NOT NULL, story INTEGER NOT NULL DEFAULT 0, expires INTEGER);"
            "INSERT INTO a6 SELECT seq,id,source,format,title,published,pub_time,site,author,"
            "  url,lang,raw,text,hash,story,expires FROM articles;"
            "DROP TABLE articles; ALTER TABLE a6 RENAME TO articles;"
            "CREATE INDEX articles_story ON articles(story);"
            "CREATE TRIGGER fts_log_ai AFTER INSERT ON articles BEGIN"
            "  INSERT INTO fts_log(seq) VALUES(new.seq); END;"
            "CREATE TRIGGER fts_log_ad AFTER DELETE ON articles BEGIN"
            "  INSERT INTO fts_log(seq,old,title,text) VALUES(old.seq,1,old.title,old.text); END;"
            "CREATE TRIGGER fts_log_au AFTER UPDATE OF title,text ON articles"
            "  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
            "  INSERT INTO fts_log(seq,old,title,text) VALUES(new.seq,1,old.title,old.text); END;"
            "CREATE TRIGGER articles_fts_au2 AFTER UPDATE OF pub_time,lang ON articles"
            "  WHEN old.pub_time IS NOT new.pub_time OR old.lang IS NOT new.lang BEGIN"
            "  UPDATE fts_state SET gen=gen+1; END;"
            "PRAGMA user_version=6;");
    assert_true(col(db, "story") > col(db, "raw"));
    sqlite3_close(db);
    s = open_ok(path);
    db = look(path);
    assert_int_equal(count(db, "PRAGMA user_version"), 10);
    assert_true(col(db, "story") < col(db, "title"));
    assert_int_equal(col(db, "text") + 1, col(db, "raw"));
    assert_string_equal(text_of(db, "SELECT raw FROM articles WHERE id='b'"),
                        "<p>castle gate</p>");
    assert_string_equal(text_of(db, "SELECT raw FROM articles WHERE id='c'"), "(null)");
    assert_string_equal(text_of(db, "SELECT text FROM articles WHERE id='c'"), "river mill");
    assert_int_equal(count(db, "SELECT count(*) FROM articles WHERE hash=1 AND story=1"
                               " AND pub_time=1607990400"),
                     3);
    /* (the four of the index's log and dates, the two of the saved counts) */
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE type='trigger'"
                               " AND tbl_name='articles'"),
                     6);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE type='index'"
                               " AND tbl_name='articles'"),
                     2);
    sqlite3_close(db);
    /* the rebuilt table's triggers still log changes for the index */
    put_raw(s, "a", "harbour tunnel", "<p>harbour tunnel</p>");
    assert_int_equal(sl_store_delete(s, "c"), SL_OK);
    assert_int_equal(sl_store_commit(s), SL_OK);
    assert_int_equal(sl_store_index(s, 0, NULL), SL_OK);
    assert_int_equal(hits(path, "mill OR bridge"), 0);
    assert_int_equal(hits(path, "tunnel OR gate"), 2);
    assert_fts_consistent(path);
    sl_store_close(s);
    test_rm_db(path);
}

static void test_fts_memory(void **state)
{
    (void)state;
    sl_store *s = open_ok(NULL);
    sqlite3 *db = sl_store_db(s);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%fts%'"), 0);
    put(s, "a", "harbour bridge");
    put(s, "a", "harbour tunnel");
    assert_int_equal(sl_store_delete(s, "a"), SL_OK);
    assert_int_equal(sl_store_unindexed(s), 0);
    size_t n = 1;
    assert_int_equal(sl_store_index(s, 0, &n), SL_OK);
    assert_int_equal(n, 0);
    sl_store_close(s);
}

static void test_bad_path(void **state)
{
    (void)state;
    sl_store *s;
    char *err = NULL;
    assert_int_equal(sl_store_open("/nonexistent/dir/x.db", &s, &err), SL_EDB);
    assert_non_null(err);
    assert_null(s);
    free(err);
}

/* Saved counts: kept per article, read with the texts in the table's
 * order, gone when the article's text changes or it is deleted, refused
 * for an article that has no row; an unchanged put keeps them. */
typedef struct counted {
    char seen[8][16];
    size_t bytes[8];
    int n;
} counted;

static void counted_cb(void *ud, const char *id, const char *text, const void *data, size_t n)
{
    counted *c = ud;
    assert_non_null(text);
    snprintf(c->seen[c->n], sizeof c->seen[c->n], "%s", id);
    c->bytes[c->n++] = data ? n : 0;
}

static void test_counts(void **state)
{
    (void)state;
    sl_store *s = open_ok(NULL);
    sl_doc *a = mkdoc("a", "alpha", 11), *b = mkdoc("b", "beta", 22), *c = mkdoc("c", "gamma", 33);
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK);
    assert_int_equal(sl_store_put(s, b, 2, 0), SL_OK);
    assert_int_equal(sl_store_put(s, c, 3, 0), SL_OK);
    assert_int_equal(sl_store_put_counts(s, "a", "xyz", 3), SL_OK);
    assert_int_equal(sl_store_put_counts(s, "b", "12345", 5), SL_OK);
    assert_int_equal(sl_store_put_counts(s, "c", "pq", 2), SL_OK);
    assert_int_equal(sl_store_put_counts(s, "nobody", "pq", 2), SL_ENOTFOUND);
    sl_doc_free(a);
    a = mkdoc("a", "alpha changed", 12);
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK); /* new text: a's counts go */
    assert_int_equal(sl_store_put(s, c, 3, 0), SL_OK); /* the same values: c's stay */
    assert_int_equal(sl_store_delete(s, "b"), SL_OK);
    counted got = {0};
    assert_int_equal(sl_store_each_counted(s, counted_cb, &got), SL_OK);
    assert_int_equal(got.n, 2);
    assert_string_equal(got.seen[0], "a");
    assert_int_equal(got.bytes[0], 0);
    assert_string_equal(got.seen[1], "c");
    assert_int_equal(got.bytes[1], 2);
    assert_int_equal(count(sl_store_db(s), "SELECT count(*) FROM counts"), 1);
    sl_store_close(s);
    sl_doc_free(a);
    sl_doc_free(b);
    sl_doc_free(c);
}

static void test_newer_schema(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s;
    char *err = NULL;
    s = open_ok(path);
    sqlite3_exec(sl_store_db(s), "PRAGMA user_version=999", NULL, NULL, NULL);
    sl_store_close(s);
    assert_int_equal(sl_store_open(path, &s, &err), SL_EDB);
    assert_non_null(strstr(err, "newer"));
    free(err);
    test_rm_db(path);
}

/* A module's state by name: absent (NULL), saved, replaced, empty, kept
 * after reopening, and rolled back with its transaction. */
static void test_state(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s = open_ok(path);
    size_t n = 7;
    assert_null(sl_store_state(s, "table", &n));
    assert_int_equal(n, 0);
    assert_int_equal(sl_store_put_state(s, "table", "abc\0d", 5), SL_OK);
    assert_int_equal(sl_store_put_state(s, "other", "", 0), SL_OK);
    assert_int_equal(sl_store_put_state(s, "table", "xyz\0w", 5), SL_OK);
    sl_store_close(s);
    s = open_ok(path);
    char *v = sl_store_state(s, "table", &n);
    assert_int_equal(n, 5);
    assert_memory_equal(v, "xyz\0w", 5);
    free(v);
    v = sl_store_state(s, "other", &n);
    assert_non_null(v);
    assert_int_equal(n, 0);
    free(v);
    assert_int_equal(sl_store_begin(s), SL_OK);
    assert_int_equal(sl_store_put_state(s, "table", "new", 3), SL_OK);
    sl_store_rollback(s);
    v = sl_store_state(s, "table", &n);
    assert_int_equal(n, 5);
    free(v);
    sl_store_close(s);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_stories_current),
        cmocka_unit_test(test_bad_path),
        cmocka_unit_test(test_state),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_newer_schema),
        cmocka_unit_test(test_fts_deferred),
        cmocka_unit_test(test_fts_change_delete),
        cmocka_unit_test(test_fts_catch_up),
        cmocka_unit_test(test_fts_partial_passes),
        cmocka_unit_test(test_fts_old_format),
        cmocka_unit_test(test_merges),
        cmocka_unit_test(test_column_order),
        cmocka_unit_test(test_fts_memory),
        cmocka_unit_test(test_bulk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
