/*
 * store: SQLite persistence. WAL journal with synchronous=FULL so an
 * acknowledged write survives a crash. Migrations are a list of SQL
 * scripts; user_version counts how many have run.
 *
 * How the index is kept (deferred full-text indexing): writing an article
 * to the FTS5 index costs about ten times what storing its row does, most
 * of it per commit (each commit writes a new index segment), so the index
 * is not updated in the transaction that stores the article. A trigger
 * queues the article's seq in fts_pending instead, and sl_store_index
 * indexes the queued articles later, many per transaction (the server's
 * writer when idle or every few hundred articles; ingest and close all at
 * once; open whatever a crash left). Queueing and indexing are each atomic
 * with their transaction, so a crash neither loses nor doubles an entry.
 * Deleting or changing an article that is indexed removes its entry
 * at once, with its stored values, which are the values indexed (a change
 * re-queues the row); one still queued is just dequeued.
 * An in-memory store is never searched and has no index at all.
 */
#include "store.h"
#include "storyline.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { INDEX_CHUNK = 4096 }; /* articles per index transaction at most */

struct sl_store {
    sqlite3 *db;
    int depth;
    int fts;               /* has the full-text index (file databases) */
    size_t unindexed;      /* articles stored since the last index pass (a hint) */
    sqlite3_stmt *idx_ins, *idx_del;
    sqlite3_stmt *put, *get_hash, *del, *set_story, *put_story, *merge;
};

static const char *const migrations[] = {
    /* 1: articles, stories, merges */
    "CREATE TABLE articles("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  source TEXT, format TEXT,"
    "  title TEXT, published TEXT, pub_time INTEGER, site TEXT, author TEXT,"
    "  url TEXT, lang TEXT,"
    "  raw BLOB, text TEXT NOT NULL,"
    "  hash INTEGER NOT NULL,"
    "  story INTEGER NOT NULL DEFAULT 0,"
    "  expires INTEGER);"
    "CREATE INDEX articles_story ON articles(story);"
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY,"
    "  headline TEXT, size INTEGER,"
    "  first_seen INTEGER, last_seen INTEGER,"
    "  duplicates TEXT, related TEXT);"
    "CREATE TABLE merges(from_story INTEGER, into_story INTEGER,"
    "  at INTEGER DEFAULT (strftime('%s','now')));",
    /* 2: full-text search over articles (server /search). An external-content
     * FTS5 table over title and text, kept in sync by triggers; BM25 ranks. */
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    "  content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid,title,text) VALUES(new.seq,new.title,new.text);"
    "END;"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts,rowid,title,text)"
    "    VALUES('delete',old.seq,old.title,old.text);"
    "END;"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title,text ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts,rowid,title,text)"
    "    VALUES('delete',old.seq,old.title,old.text);"
    "  INSERT INTO articles_fts(rowid,title,text) VALUES(new.seq,new.title,new.text);"
    "END;"
    "INSERT INTO articles_fts(articles_fts) VALUES('rebuild');",
    /* 3: deferred full-text indexing (see "How the index is kept" below).
     * The synchronous triggers of 2 go; a stored article is queued in
     * fts_pending and indexed later in bulk. An indexed row's values are
     * its values in articles (any change re-queues it), so the 'delete' of
     * an external-content table is given exactly what was indexed. (Not
     * INSERT OR IGNORE: in a trigger the outer statement's conflict policy
     * overrides it.) */
    "DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad; DROP TRIGGER articles_fts_au;"
    "CREATE TABLE fts_pending(seq INTEGER PRIMARY KEY);"
    /* fts_state.gen changes whenever what a search finds can change (an
     * index pass, an indexed row deleted or changed): searches cache by it */
    "CREATE TABLE fts_state(id INTEGER PRIMARY KEY CHECK(id = 1), gen INTEGER NOT NULL);"
    "INSERT INTO fts_state VALUES(1, 0);"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    "  INSERT INTO fts_pending(seq) VALUES(new.seq);"
    "END;"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    "  UPDATE fts_state SET gen=gen+1"
    "    WHERE NOT EXISTS(SELECT 1 FROM fts_pending WHERE seq=old.seq);"
    "  INSERT INTO articles_fts(articles_fts,rowid,title,text)"
    "    SELECT 'delete',old.seq,old.title,old.text"
    "    WHERE NOT EXISTS(SELECT 1 FROM fts_pending WHERE seq=old.seq);"
    "  DELETE FROM fts_pending WHERE seq=old.seq;"
    "END;"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title,text ON articles"
    "  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
    "  UPDATE fts_state SET gen=gen+1"
    "    WHERE NOT EXISTS(SELECT 1 FROM fts_pending WHERE seq=old.seq);"
    "  INSERT INTO articles_fts(articles_fts,rowid,title,text)"
    "    SELECT 'delete',old.seq,old.title,old.text"
    "    WHERE NOT EXISTS(SELECT 1 FROM fts_pending WHERE seq=old.seq);"
    "  INSERT INTO fts_pending(seq) SELECT new.seq"
    "    WHERE NOT EXISTS(SELECT 1 FROM fts_pending WHERE seq=new.seq);"
    "END;"
    /* searches filter by these (not in the index) */
    "CREATE TRIGGER articles_fts_au2 AFTER UPDATE OF pub_time,lang ON articles"
    "  WHEN old.pub_time IS NOT new.pub_time OR old.lang IS NOT new.lang BEGIN"
    "  UPDATE fts_state SET gen=gen+1;"
    "END;",
};

static int exec(sqlite3 *db, const char *sql, char **err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (err)
            *err = sl_xasprintf("database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return SL_EDB;
    }
    return SL_OK;
}

static int migrate(sqlite3 *db, char **err)
{
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    int n = (int)(sizeof migrations / sizeof *migrations);
    if (version > n) {
        *err = sl_xasprintf("database schema version %d is newer than this storyline (%d)",
                            version, n);
        return SL_EDB;
    }
    for (int v = version; v < n; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", v + 1);
        if (exec(db, "BEGIN", err) || exec(db, migrations[v], err) ||
            exec(db, pragma, err) || exec(db, "COMMIT", err)) {
            exec(db, "ROLLBACK", NULL);
            return SL_EDB;
        }
    }
    return SL_OK;
}

static int prep(sl_store *s, sqlite3_stmt **st, const char *sql, char **err)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        *err = sl_xasprintf("database: %s", sqlite3_errmsg(s->db));
        return SL_EDB;
    }
    return SL_OK;
}

/* A file database prepares its index statements and indexes what a crash
 * left queued (a failure there, e.g. a read-only file, only leaves it
 * queued); an in-memory one drops the index and its triggers. */
static int open_fts(sl_store *s, const char *path, char **err)
{
    s->fts = strcmp(path, ":memory:") != 0;
    if (!s->fts)
        return exec(s->db,
                    "DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad;"
                    "DROP TRIGGER articles_fts_au; DROP TRIGGER articles_fts_au2;"
                    "DROP TABLE fts_pending; DROP TABLE fts_state;"
                    "DROP TABLE articles_fts;",
                    err);
    /* the queued rows in seq order, so that a LIMIT takes the same rows
     * in both statements of one transaction */
    if (prep(s, &s->idx_ins,
             "INSERT INTO articles_fts(rowid,title,text) SELECT a.seq,a.title,a.text"
             " FROM fts_pending p JOIN articles a ON a.seq=p.seq ORDER BY p.seq LIMIT ?1",
             err) ||
        prep(s, &s->idx_del,
             "DELETE FROM fts_pending WHERE seq IN"
             " (SELECT seq FROM fts_pending ORDER BY seq LIMIT ?1)",
             err))
        return SL_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM fts_pending", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            s->unindexed = (size_t)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (s->unindexed)
        sl_store_index(s, 0, NULL);
    return SL_OK;
}

int sl_store_open(const char *path, sl_store **out, char **err)
{
    *out = NULL;
    *err = NULL;
    sl_store *s = sl_xcalloc(1, sizeof *s);
    if (!path)
        path = ":memory:";
    int rc = sqlite3_open_v2(path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        *err = sl_xasprintf("cannot open database %s: %s", path,
                            s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sl_store_close(s);
        return SL_EDB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;", err) ||
        migrate(s->db, err) ||
        prep(s, &s->put,
             "INSERT INTO articles(id,source,format,title,published,pub_time,site,author,"
             "url,lang,raw,text,hash,story,expires) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
             "?11,?12,?13,?14,?15) ON CONFLICT(id) DO UPDATE SET source=?2,format=?3,"
             "title=?4,published=?5,pub_time=?6,site=?7,author=?8,url=?9,lang=?10,raw=?11,"
             "text=?12,hash=?13,story=?14,expires=?15", err) ||
        prep(s, &s->get_hash, "SELECT hash FROM articles WHERE id=?1", err) ||
        prep(s, &s->del, "DELETE FROM articles WHERE id=?1", err) ||
        prep(s, &s->set_story, "UPDATE articles SET story=?2 WHERE id=?1 AND story<>?2", err) ||
        prep(s, &s->put_story,
             "INSERT OR REPLACE INTO stories(id,headline,size,first_seen,last_seen,"
             "duplicates,related) VALUES(?1,?2,?3,?4,?5,?6,?7)", err) ||
        prep(s, &s->merge, "INSERT INTO merges(from_story,into_story) VALUES(?1,?2)", err) ||
        open_fts(s, path, err)) {
        sl_store_close(s);
        return SL_EDB;
    }
    *out = s;
    return SL_OK;
}

void sl_store_close(sl_store *s)
{
    if (!s)
        return;
    if (s->fts && s->idx_ins && s->depth == 0 && s->unindexed)
        sl_store_index(s, 0, NULL); /* leave the index complete */
    sqlite3_stmt *sts[] = {s->put,       s->get_hash,  s->del,    s->set_story,
                           s->put_story, s->merge,     s->idx_ins, s->idx_del};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++)
        sqlite3_finalize(sts[i]);
    sqlite3_close(s->db);
    free(s);
}

sqlite3 *sl_store_db(sl_store *s) { return s->db; }
const char *sl_store_errmsg(sl_store *s) { return sqlite3_errmsg(s->db); }

int sl_store_begin(sl_store *s)
{
    if (s->depth++ > 0)
        return SL_OK;
    return exec(s->db, "BEGIN IMMEDIATE", NULL);
}

int sl_store_commit(sl_store *s)
{
    if (s->depth == 0 || --s->depth > 0)
        return SL_OK;
    return exec(s->db, "COMMIT", NULL);
}

int sl_store_rollback(sl_store *s)
{
    if (s->depth == 0)
        return SL_OK;
    s->depth = 0;
    return exec(s->db, "ROLLBACK", NULL);
}

static int done(sqlite3_stmt *st, int rc)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SL_OK : SL_EDB;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

uint64_t sl_store_hash(sl_store *s, const char *id, int *found)
{
    bind_text(s->get_hash, 1, id);
    uint64_t h = 0;
    *found = 0;
    if (sqlite3_step(s->get_hash) == SQLITE_ROW) {
        h = (uint64_t)sqlite3_column_int64(s->get_hash, 0);
        *found = 1;
    }
    done(s->get_hash, SQLITE_DONE);
    return h;
}

int sl_store_put(sl_store *s, const sl_doc *d, int64_t story, int64_t expires)
{
    sqlite3_stmt *st = s->put;
    bind_text(st, 1, d->id);
    bind_text(st, 2, d->source);
    const char *fmts[] = {"auto", "text", "html", "sgml", "jsonl", "json"};
    bind_text(st, 3, fmts[d->format]);
    bind_text(st, 4, d->title);
    bind_text(st, 5, d->published);
    if (d->pub_time != SL_TIME_UNKNOWN)
        sqlite3_bind_int64(st, 6, d->pub_time);
    bind_text(st, 7, d->site);
    bind_text(st, 8, d->author);
    bind_text(st, 9, d->url);
    bind_text(st, 10, d->lang);
    if (d->raw)
        sqlite3_bind_blob64(st, 11, d->raw, d->raw_len, SQLITE_STATIC);
    bind_text(st, 12, d->text ? d->text : "");
    sqlite3_bind_int64(st, 13, (int64_t)d->hash);
    sqlite3_bind_int64(st, 14, story);
    if (expires)
        sqlite3_bind_int64(st, 15, expires);
    s->unindexed++;
    return done(st, sqlite3_step(st));
}

int sl_store_delete(sl_store *s, const char *id)
{
    bind_text(s->del, 1, id);
    int rc = done(s->del, sqlite3_step(s->del));
    return rc ? rc : (sqlite3_changes(s->db) ? SL_OK : SL_ENOTFOUND);
}

int sl_store_set_story(sl_store *s, const char *id, int64_t story)
{
    bind_text(s->set_story, 1, id);
    sqlite3_bind_int64(s->set_story, 2, story);
    return done(s->set_story, sqlite3_step(s->set_story));
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? sl_xstrdup((const char *)t) : NULL;
}

int sl_store_each(sl_store *s, sl_store_doc_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id,source,format,title,published,pub_time,site,author,"
                           "url,lang,text,hash,story FROM articles ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    int rc, ret = SL_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sl_doc *d = sl_doc_new();
        d->id = col(st, 0);
        d->source = col(st, 1);
        const char *f = (const char *)sqlite3_column_text(st, 2);
        d->format = f && !strcmp(f, "html") ? SL_FMT_HTML
                    : f && !strcmp(f, "sgml") ? SL_FMT_SGML
                                              : SL_FMT_TEXT;
        d->title = col(st, 3);
        d->published = col(st, 4);
        d->pub_time = sqlite3_column_type(st, 5) == SQLITE_NULL ? SL_TIME_UNKNOWN
                                                                 : sqlite3_column_int64(st, 5);
        d->site = col(st, 6);
        d->author = col(st, 7);
        d->url = col(st, 8);
        d->lang = col(st, 9);
        d->text = col(st, 10);
        d->hash = (uint64_t)sqlite3_column_int64(st, 11);
        if ((ret = fn(ud, d, sqlite3_column_int64(st, 12))) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ret = SL_EDB;
    sqlite3_finalize(st);
    return ret;
}

int sl_store_put_story(sl_store *s, int64_t id, const char *headline, size_t size,
                       int64_t first_seen, int64_t last_seen, const char *dups,
                       const char *related)
{
    sqlite3_stmt *st = s->put_story;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, headline);
    sqlite3_bind_int64(st, 3, (int64_t)size);
    if (first_seen != SL_TIME_UNKNOWN)
        sqlite3_bind_int64(st, 4, first_seen);
    if (last_seen != SL_TIME_UNKNOWN)
        sqlite3_bind_int64(st, 5, last_seen);
    bind_text(st, 6, dups);
    bind_text(st, 7, related);
    return done(st, sqlite3_step(st));
}

int sl_store_clear_stories(sl_store *s) { return exec(s->db, "DELETE FROM stories", NULL); }

int sl_store_add_merge(sl_store *s, int64_t from, int64_t into)
{
    sqlite3_bind_int64(s->merge, 1, from);
    sqlite3_bind_int64(s->merge, 2, into);
    return done(s->merge, sqlite3_step(s->merge));
}

/* ---- the full-text index --------------------------------------------------- */

/* One index pass of up to lim (-1 = all) queued articles; *got = count. */
static int pass(sl_store *s, int64_t lim, size_t *got_out)
{
    if (sl_store_begin(s) != SL_OK) {
        sl_store_rollback(s);
        return SL_EDB;
    }
    sqlite3_bind_int64(s->idx_ins, 1, lim);
    sqlite3_bind_int64(s->idx_del, 1, lim);
    int rc = done(s->idx_ins, sqlite3_step(s->idx_ins));
    size_t got = rc == SL_OK ? (size_t)sqlite3_changes(s->db) : 0;
    if (rc == SL_OK)
        rc = done(s->idx_del, sqlite3_step(s->idx_del));
    if (rc == SL_OK && (size_t)sqlite3_changes(s->db) != got)
        rc = SL_EDB; /* a queued seq without its article: never commit that */
    if (rc == SL_OK && got)
        rc = exec(s->db, "UPDATE fts_state SET gen=gen+1", NULL);
    if (rc != SL_OK) {
        sl_store_rollback(s);
        return SL_EDB;
    }
    if (sl_store_commit(s) != SL_OK) {
        sl_store_rollback(s);
        return SL_EDB;
    }
    *got_out = got;
    return SL_OK;
}

int sl_store_index(sl_store *s, size_t max, size_t *n)
{
    if (n)
        *n = 0;
    if (!s->fts)
        return SL_OK;
    int64_t lim = max ? (int64_t)max : -1;
    size_t got = 0;
    /* A pass of its own commits without an fsync (synchronous=NORMAL):
     * losing it in a crash loses nothing, as the queue it emptied comes
     * back with it, and the next durable commit (WAL) syncs it anyway. */
    int own = s->depth == 0;
    int rc;
    if (own) {
        /* everything (a crash's queue, an ingest) goes in passes of
         * INDEX_CHUNK, so that the WAL stays small and checkpoints run */
        exec(s->db, "PRAGMA synchronous=NORMAL", NULL);
        for (;;) {
            int64_t want = lim < 0 || lim - (int64_t)got > INDEX_CHUNK ? INDEX_CHUNK
                                                                       : lim - (int64_t)got;
            size_t k = 0;
            rc = pass(s, want, &k);
            got += k;
            if (rc != SL_OK || (int64_t)k < want || (lim >= 0 && (int64_t)got >= lim))
                break;
        }
        exec(s->db, "PRAGMA synchronous=FULL", NULL);
    } else {
        rc = pass(s, lim, &got);
    }
    if (rc != SL_OK)
        return rc;
    if (!max || got < max)
        s->unindexed = 0;
    else
        s->unindexed = s->unindexed > got ? s->unindexed - got : 0;
    if (n)
        *n = got;
    return SL_OK;
}

size_t sl_store_unindexed(const sl_store *s) { return s->fts ? s->unindexed : 0; }

int sl_store_optimize(sl_store *s)
{
    if (!s->fts)
        return SL_OK;
    return exec(s->db, "INSERT INTO articles_fts(articles_fts) VALUES('optimize')", NULL);
}

/* ---- server helpers (expiry) ---------------------------------------------- */

int sl_store_set_expires(sl_store *s, const char *id, int64_t expires)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE articles SET expires=?2 WHERE id=?1", -1, &st,
                           NULL) != SQLITE_OK)
        return SL_EDB;
    bind_text(st, 1, id);
    if (expires)
        sqlite3_bind_int64(st, 2, expires);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SL_OK : SL_EDB;
}

int sl_store_each_expiry(sl_store *s, sl_store_expiry_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT id,expires FROM articles WHERE expires IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(ud, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SL_OK : SL_EDB;
}
