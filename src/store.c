/*
 * store: SQLite persistence. WAL journal with synchronous=FULL so an
 * acknowledged write survives a crash (a rollback journal for bulk loads,
 * as durable: see "Bulk loads"). Migrations are a list of SQL
 * scripts; user_version counts how many have run.
 *
 * How the index is kept (deferred full-text indexing in a file of its own):
 * writing an article to the FTS5 index costs several times what storing
 * its row does, so the index is neither updated in the transaction that
 * stores the article nor kept in the same database file. The index lives
 * in PATH-fts (tables articles_fts, a contentless FTS5 table: the text is
 * kept once, in articles; and fts_meta), written only through a second connection
 * (ix) that opens PATH and attaches PATH-fts as "fts". SQLite locks each
 * file separately, so an index pass (a write transaction on PATH-fts that
 * only reads PATH) and the writer's commits to PATH never wait for each
 * other, and they can run on different threads (the server's writer and
 * indexer).
 *
 * The articles' triggers append the seq of every inserted, deleted or
 * changed article to fts_log (in PATH, in the transaction that stores it;
 * n never reused); a change or delete also logs the row's title and text
 * before it (old = 1). fts_meta.done in PATH-fts is the watermark: the
 * index holds each row as it was at that log entry. An index pass takes
 * the entries after it, up to some entry hi (oldest first), and for each
 * seq they name: takes its entry out, with FTS5's 'delete' and the values
 * the seq's first entry after the watermark logged (a contentless index
 * must be given exactly what it indexed: those are the row's values at the
 * watermark; an insert there means it had no entry); then indexes the row
 * as it was at hi: the values logged by the seq's first entry after hi, if
 * the snapshot has one (a change the pass does not take: its old values
 * are the row at hi), else the current row (none if it is gone). It
 * advances the watermark to hi in the same transaction; so a crash neither
 * loses nor doubles an entry. The logged values live as long as their
 * entries (dropped as below): only changes of stored rows log them, and a
 * search reads them too, to make the snippet of a row changed since it was
 * indexed from the indexed text (search.c). Passes commit without an fsync
 * (synchronous=NORMAL: a power loss may undo the last ones, which only
 * leaves their entries logged again); a watermark becomes durable when a
 * checkpoint has copied the whole index WAL into PATH-fts (synced), and
 * only then do the store's own commits drop the log entries up to it. fts_meta.token
 * must equal fts_ident.token of PATH: an absent, foreign or half-rebuilt
 * index file is rebuilt from the articles when the store opens.
 *
 * fts_redo in PATH-fts lists the rows whose index entry a pass changed or
 * removed (a seq that had an entry before the pass: an article changed,
 * deleted, or a deleted seq reused), in the pass's transaction, and a
 * rebuild adds a row with seq -1 (every entry changed); only the newest
 * REDO_KEEP are kept. Searches keep the rows' lengths in memory and
 * forget those listed there (search.c, "How the lengths are kept").
 *
 * An in-memory store is never searched and has no index at all.
 *
 * Bulk loads: in WAL mode every page is written twice, into the WAL and
 * by the checkpoint into the file; an ingest writes tens of megabytes. A
 * bulk transaction (sl_store_begin_bulk) and a long index pass at open or
 * close (index_all) switch their file to a rollback journal (TRUNCATE,
 * synchronous=FULL: a commit is synced, the truncated journal too) when
 * nothing else has it open, and back to WAL after: pages appended past
 * the file's old end are not journalled, so each is written once. The
 * switch needs the file to itself (a WAL reader holds it open), so it
 * fails, leaving WAL, whenever another connection is there: the server's
 * readers, another process. The index connection holds the database open
 * too: a bulk transaction closes it around the switch. Index passes in
 * rollback mode are durable at their commit, so they advance the durable
 * watermark at once.
 */
#include "store.h"
#include "fts_tokenizer.h"
#include "storyline.h"
#include "util.h"

#include <stdatomic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { INDEX_CHUNK = 4096 }; /* log entries (or articles, rebuilding) per index transaction */
enum { REDO_KEEP = 65536 };  /* fts_redo rows kept */
/* FTS5's 'hashsize' (bytes of pending terms before it writes a segment)
 * for a long pass: FTS5's default of 1 MB writes a segment every few
 * hundred articles, which it then merges; at 16 MB a pass of INDEX_CHUNK
 * articles writes one or two and merges none (the index pass of the
 * telegram ingest: a fifth less time, 3 segments instead of 7). */
enum { BULK_HASHSIZE = 16 << 20, HASHSIZE = 1 << 20 };

/* Threads: everything but sl_store_index, sl_store_checkpoint and
 * sl_store_optimize runs on the thread that owns db; those use only ix and
 * the atomics, so one other thread may run them at the same time
 * (store.h). */
struct sl_store {
    sqlite3 *db;
    int depth;
    sqlite3 *ix;           /* index connection (file stores), NULL in memory */
    sqlite3_stmt *ix_range, *ix_del, *ix_ins, *ix_ins_old, *ix_done;
    sqlite3_stmt *ix_redo, *ix_redo_trim; /* NULL if the index file has no fts_redo */
    int64_t done;          /* the index's watermark (ix side) */
    atomic_llong durable;  /* the watermark, once synced: log entries to drop */
    int64_t pruned;        /* log entries up to this were dropped (db side) */
    size_t logged;         /* writes that may have logged, counting uncommitted ones (db side) */
    atomic_size_t committed; /* the same, committed */
    atomic_size_t indexed;   /* of those, reflected by the index (a hint) */
    sqlite3_stmt *put, *get_hash, *get_text, *del, *set_story, *put_story, *del_story, *merge,
        *prune, *put_counts, *get_counts;
    int stories_outdated; /* this transaction has deleted stories_state's row */
    size_t undone; /* transactions rolled back or failed to commit */
    char *path;   /* of a file store */
    int lazy;     /* a bulk transaction is open but not begun (begun) */
    int bulk;     /* the database is in rollback mode for a bulk transaction */
    int fts_bulk; /* the index file is in rollback mode for a long index pass */
};

/* Triggers on articles that schema 7 makes again when it rebuilds the
 * table (3 made the first, 4 the second, 5 the last two). */
#define TRIGGER_DATES                                                                        \
    "CREATE TRIGGER articles_fts_au2 AFTER UPDATE OF pub_time,lang ON articles"              \
    "  WHEN old.pub_time IS NOT new.pub_time OR old.lang IS NOT new.lang BEGIN"              \
    "  UPDATE fts_state SET gen=gen+1;"                                                      \
    "END;"
#define TRIGGER_LOG_INSERT                                                                   \
    "CREATE TRIGGER fts_log_ai AFTER INSERT ON articles BEGIN"                               \
    "  INSERT INTO fts_log(seq) VALUES(new.seq);"                                            \
    "END;"
#define TRIGGERS_LOG_VALUES                                                                  \
    "CREATE TRIGGER fts_log_ad AFTER DELETE ON articles BEGIN"                               \
    "  INSERT INTO fts_log(seq,old,title,text) VALUES(old.seq,1,old.title,old.text);"        \
    "END;"                                                                                   \
    "CREATE TRIGGER fts_log_au AFTER UPDATE OF title,text ON articles"                       \
    "  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"                    \
    "  INSERT INTO fts_log(seq,old,title,text) VALUES(new.seq,1,old.title,old.text);"        \
    "END;"

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
    TRIGGER_DATES,
    /* 4: the index moves to a file of its own (see "How the index is
     * kept"): the articles log their changes in fts_log instead; the store
     * builds PATH-fts when it opens. fts_state.gen (bumped when dates or
     * languages change) stays. */
    "DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad; DROP TRIGGER articles_fts_au;"
    "DROP TABLE fts_pending; DROP TABLE articles_fts;"
    "CREATE TABLE fts_log(n INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL);"
    "CREATE TABLE fts_ident(id INTEGER PRIMARY KEY CHECK(id = 1), token TEXT NOT NULL);"
    "INSERT INTO fts_ident VALUES(1, lower(hex(randomblob(16))));"
    TRIGGER_LOG_INSERT
    "CREATE TRIGGER fts_log_ad AFTER DELETE ON articles BEGIN"
    "  INSERT INTO fts_log(seq) VALUES(old.seq);"
    "END;"
    "CREATE TRIGGER fts_log_au AFTER UPDATE OF title,text ON articles"
    "  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
    "  INSERT INTO fts_log(seq) VALUES(new.seq);"
    "END;",
    /* 5: the index keeps no copy of the text (contentless, see "How the
     * index is kept"): a change or delete logs the row's values before it
     * (old = 1), which a pass needs to take the indexed entry out. A new
     * identity token makes the store rebuild the index file in the new
     * form (and entries logged without values are then covered). */
    "ALTER TABLE fts_log ADD COLUMN old INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE fts_log ADD COLUMN title TEXT;"
    "ALTER TABLE fts_log ADD COLUMN text TEXT;"
    "DROP TRIGGER fts_log_ad; DROP TRIGGER fts_log_au;"
    TRIGGERS_LOG_VALUES
    "UPDATE fts_ident SET token=lower(hex(randomblob(16)));",
    /* 6: how each merge came about (see sl_clu_merge) */
    "ALTER TABLE merges ADD COLUMN rule TEXT;"
    "ALTER TABLE merges ADD COLUMN score REAL;"
    "ALTER TABLE merges ADD COLUMN article TEXT;",
    /* 7: the columns in a new order: the small ones first, then the text,
     * and the page as it came (raw) last. Most rows run onto overflow
     * pages, and before, hash, story and text lay behind the raw bytes:
     * the story update after each batch, every hash lookup and every index
     * pass read the raw's overflow pages to reach them (the Telegram
     * ingest read 39,522 pages back; 21,161 now). The table is rebuilt, so
     * its index and triggers are made again as 3, 4 and 5 left them. */
    "CREATE TABLE articles7("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  hash INTEGER NOT NULL,"
    "  story INTEGER NOT NULL DEFAULT 0,"
    "  expires INTEGER, pub_time INTEGER, lang TEXT,"
    "  source TEXT, format TEXT, published TEXT, site TEXT, author TEXT, url TEXT,"
    "  title TEXT, text TEXT NOT NULL, raw BLOB);"
    "INSERT INTO articles7(seq,id,hash,story,expires,pub_time,lang,source,format,published,"
    "  site,author,url,title,text,raw)"
    "  SELECT seq,id,hash,story,expires,pub_time,lang,source,format,published,"
    "  site,author,url,title,text,raw FROM articles ORDER BY seq;"
    "DROP TABLE articles;"
    "ALTER TABLE articles7 RENAME TO articles;"
    "CREATE INDEX articles_story ON articles(story);"
    TRIGGER_LOG_INSERT
    TRIGGERS_LOG_VALUES
    TRIGGER_DATES,
    /* 8: whether the stories table is current (see sl_store_stories_saved):
     * its one row names the format of the clusterer that wrote the table;
     * any write of an article deletes it. */
    "CREATE TABLE IF NOT EXISTS stories_state(id INTEGER PRIMARY KEY CHECK(id = 1),"
    "  format TEXT NOT NULL);",
    /* 9: each article's term counts as the story engine saved them (see
     * sl_store_put_counts), gone with the article or with a change of
     * what they were counted from */
    "CREATE TABLE IF NOT EXISTS counts(seq INTEGER PRIMARY KEY, data BLOB NOT NULL);"
    "CREATE TRIGGER IF NOT EXISTS counts_ad AFTER DELETE ON articles BEGIN"
    "  DELETE FROM counts WHERE seq=old.seq;"
    "END;"
    "CREATE TRIGGER IF NOT EXISTS counts_au AFTER UPDATE OF id,title,text,site,lang ON articles"
    "  WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.text IS NOT new.text"
    "    OR old.site IS NOT new.site OR old.lang IS NOT new.lang BEGIN"
    "  DELETE FROM counts WHERE seq=old.seq;"
    "END;",
    /* 10: state a module keeps between processes, by name (see
     * sl_store_put_state) */
    "CREATE TABLE IF NOT EXISTS state(name TEXT PRIMARY KEY, data BLOB NOT NULL);",
};

/* The rows whose index entry changed (see "How the index is kept"); made
 * when missing, so index files older than it get it. */
static const char *const REDO_SCHEMA =
    "CREATE TABLE IF NOT EXISTS fts.fts_redo(n INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  seq INTEGER NOT NULL);";

/* The index file's schema (attached as "fts" on the index connection). */
static const char *const FTS_SCHEMA =
    "CREATE VIRTUAL TABLE fts.articles_fts USING fts5(title, text, content='',"
    "  tokenize='storyline');"
    "CREATE TABLE fts.fts_meta(id INTEGER PRIMARY KEY CHECK(id = 1), token TEXT,"
    "  done INTEGER NOT NULL);"
    "INSERT INTO fts.fts_meta VALUES(1, NULL, 0);";

int sl_store_process_init(void)
{
    /* SQLite takes a mutex around each allocation to keep the statistics;
     * it refuses a change of configuration once initialised */
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK ? SL_OK : SL_EINVAL;
}

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

static int ix_exec(sl_store *s, const char *sql, char **err)
{
    return exec(s->ix, sql, err);
}

static int ix_prep(sl_store *s, sqlite3_stmt **st, const char *sql, char **err)
{
    if (sqlite3_prepare_v3(s->ix, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        *err = sl_xasprintf("database: %s", sqlite3_errmsg(s->ix));
        return SL_EDB;
    }
    return SL_OK;
}

/* One text value of a one-row query on db, or NULL (caller frees). */
static char *query_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = sl_xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

static int64_t query_int(sqlite3 *db, const char *sql, int64_t dflt)
{
    sqlite3_stmt *st;
    int64_t v = dflt;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return dflt;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Sets the index's hashsize (FTS5 keeps it in the index file, for every
 * connection; only a writer's pending terms use it). A failure (a
 * read-only file) leaves it as it was. */
static void set_hashsize(sqlite3 *ix, int bytes)
{
    char sql[128];
    snprintf(sql, sizeof sql,
             "INSERT INTO fts.articles_fts(articles_fts,rank) VALUES('hashsize',%d)", bytes);
    exec(ix, sql, NULL);
}

/* Builds the index file afresh from the articles: the old tables go, the
 * articles are indexed in transactions of INDEX_CHUNK, and only the last
 * transaction sets the token, so a crash half-way rebuilds again. The
 * watermark becomes the last log entry: the index reflects every logged
 * change. Runs while the store opens (nothing else writes). */
static int rebuild_index(sl_store *s, const char *token, char **err)
{
    if (ix_exec(s, "BEGIN; DROP TABLE IF EXISTS fts.articles_fts;"
                   "DROP TABLE IF EXISTS fts.fts_meta;", err) ||
        ix_exec(s, FTS_SCHEMA, err) || ix_exec(s, REDO_SCHEMA, err) ||
        ix_exec(s, "INSERT INTO fts.fts_redo(seq) VALUES(-1)", err) ||
        ix_exec(s, "COMMIT", err)) {
        exec(s->ix, "ROLLBACK", NULL);
        return SL_EDB;
    }
    /* the old index's pages are free now (30 MB of a 46 MB file that kept
     * its own copy of the text): give them back while the file is nearly
     * empty, when copying what is left costs little (if it fails, they
     * are reused) */
    if (query_int(s->ix, "PRAGMA fts.freelist_count", 0) > 0)
        exec(s->ix, "VACUUM fts", NULL);
    int64_t last_log = query_int(s->ix, "SELECT max(n) FROM main.fts_log", 0);
    set_hashsize(s->ix, BULK_HASHSIZE);
    sqlite3_stmt *ins = NULL, *fin = NULL, *hi = NULL;
    int rc = SL_OK;
    if (ix_prep(s, &ins,
                "INSERT INTO fts.articles_fts(rowid,title,text) SELECT seq,title,text"
                " FROM main.articles WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                err) ||
        ix_prep(s, &fin, "UPDATE fts.fts_meta SET token=?1, done=?2", err) ||
        ix_prep(s, &hi,
                "SELECT max(seq) FROM (SELECT seq FROM main.articles"
                " WHERE seq > ?1 ORDER BY seq LIMIT ?2)",
                err))
        rc = SL_EDB;
    for (int64_t from = 0; rc == SL_OK;) {
        int64_t to = 0;
        sqlite3_bind_int64(hi, 1, from);
        sqlite3_bind_int(hi, 2, INDEX_CHUNK);
        if (sqlite3_step(hi) == SQLITE_ROW && sqlite3_column_type(hi, 0) != SQLITE_NULL)
            to = sqlite3_column_int64(hi, 0);
        sqlite3_reset(hi);
        if (!to)
            break;
        sqlite3_bind_int64(ins, 1, from);
        sqlite3_bind_int(ins, 2, INDEX_CHUNK);
        rc = ix_exec(s, "BEGIN", err);
        if (rc == SL_OK && sqlite3_step(ins) != SQLITE_DONE)
            rc = SL_EDB;
        sqlite3_reset(ins);
        if (rc == SL_OK)
            rc = ix_exec(s, "COMMIT", err);
        from = to;
    }
    if (rc == SL_OK) {
        sqlite3_bind_text(fin, 1, token, -1, SQLITE_STATIC);
        sqlite3_bind_int64(fin, 2, last_log);
        if (sqlite3_step(fin) != SQLITE_DONE)
            rc = SL_EDB;
    }
    if (rc != SL_OK) {
        if (!*err)
            *err = sl_xasprintf("cannot build the full-text index: %s", sqlite3_errmsg(s->ix));
        exec(s->ix, "ROLLBACK", NULL);
    }
    set_hashsize(s->ix, HASHSIZE);
    sqlite3_finalize(ins);
    sqlite3_finalize(fin);
    sqlite3_finalize(hi);
    return rc;
}

/* Opens the index connection: PATH with PATH-fts attached as "fts". */
static int ix_connect(sl_store *s, char **err)
{
    /* CREATE: the attached index file inherits the flags */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(s->path, &s->ix, flags, NULL) != SQLITE_OK) {
        *err = sl_xasprintf("cannot open database %s: %s", s->path,
                            s->ix ? sqlite3_errmsg(s->ix) : "out of memory");
        return SL_EDB;
    }
    sqlite3_busy_timeout(s->ix, 5000);
    if (sl_store_attach_index(s->ix, s->path) != SQLITE_OK) {
        *err = sl_xasprintf("database: %s", sqlite3_errmsg(s->ix));
        return SL_EDB;
    }
    return ix_exec(s, "PRAGMA fts.journal_mode=WAL; PRAGMA fts.synchronous=NORMAL;"
                      "PRAGMA fts.cache_size=-32768;", err);
}

/* An index pass over the log entries (?1, ?2] (see "How the index is
 * kept"): the entry of each logged seq that had one at ?1 goes, given the
 * values its first entry after ?1 logged (those the row had at ?1, which
 * were indexed); then each logged seq gets the entry of its row as of ?2:
 * the current row if nothing after ?2 logged it (none if it is gone),
 * else the values logged by its first entry after ?2 (none if that is an
 * insert: the row was gone at ?2). The docsize check only guards the
 * index against a 'delete' of an entry it does not have. */
static const char *const SQL_PASS_DEL =
    "INSERT INTO fts.articles_fts(articles_fts,rowid,title,text)"
    " SELECT 'delete',seq,title,text FROM main.fts_log WHERE n IN"
    "  (SELECT min(n) FROM main.fts_log WHERE n > ?1 AND n <= ?2 GROUP BY seq)"
    " AND old AND EXISTS(SELECT 1 FROM fts.articles_fts_docsize WHERE id = seq)";
static const char *const SQL_PASS_INS =
    "INSERT INTO fts.articles_fts(rowid,title,text) SELECT seq,title,text"
    " FROM main.articles WHERE seq IN"
    "  (SELECT seq FROM main.fts_log WHERE n > ?1 AND n <= ?2)"
    " AND seq NOT IN (SELECT seq FROM main.fts_log WHERE n > ?2)";
static const char *const SQL_PASS_INS_OLD =
    "INSERT INTO fts.articles_fts(rowid,title,text) SELECT seq,title,text"
    " FROM main.fts_log WHERE n IN"
    "  (SELECT min(n) FROM main.fts_log WHERE n > ?2 AND seq IN"
    "    (SELECT seq FROM main.fts_log WHERE n > ?1 AND n <= ?2) GROUP BY seq)"
    " AND old";

/* The index connection's statements (after its index file is this
 * database's). */
static int ix_prepare(sl_store *s, char **err)
{
    /* (a read-only index file without fts_redo is not indexed anyway) */
    if (exec(s->ix, REDO_SCHEMA, NULL) == SL_OK &&
        (ix_prep(s, &s->ix_redo,
                 "INSERT INTO fts.fts_redo(seq) SELECT DISTINCT seq FROM main.fts_log"
                 " WHERE n > ?1 AND n <= ?2 AND"
                 " EXISTS(SELECT 1 FROM fts.articles_fts_docsize WHERE id = seq)", err) ||
         ix_prep(s, &s->ix_redo_trim,
                 "DELETE FROM fts.fts_redo WHERE n <= (SELECT max(n) FROM fts.fts_redo) - ?1",
                 err)))
        return SL_EDB;
    if (ix_prep(s, &s->ix_range,
                "SELECT max(n), count(*) FROM (SELECT n FROM main.fts_log WHERE n > ?1"
                " ORDER BY n LIMIT ?2)", err) ||
        ix_prep(s, &s->ix_del, SQL_PASS_DEL, err) || ix_prep(s, &s->ix_ins, SQL_PASS_INS, err) ||
        ix_prep(s, &s->ix_ins_old, SQL_PASS_INS_OLD, err) ||
        ix_prep(s, &s->ix_done, "UPDATE fts.fts_meta SET done=?1", err))
        return SL_EDB;
    return SL_OK;
}

/* Closes the index connection and its statements. */
static void ix_disconnect(sl_store *s)
{
    sqlite3_stmt **sts[] = {&s->ix_range, &s->ix_del,  &s->ix_ins,       &s->ix_ins_old,
                            &s->ix_done,  &s->ix_redo, &s->ix_redo_trim};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++) {
        sqlite3_finalize(*sts[i]);
        *sts[i] = NULL;
    }
    sqlite3_close(s->ix);
    s->ix = NULL;
}

/* Journal modes of a file ("main" or "fts") on connection db: WAL, the
 * usual, or for bulk writes a rollback journal (see "Bulk loads"). */
static const char *const TO_ROLLBACK[2] = {
    "PRAGMA main.journal_mode=TRUNCATE", "PRAGMA fts.journal_mode=TRUNCATE"};
static const char *const TO_WAL[2] = {
    /* (through DELETE, which removes the empty journal TRUNCATE leaves) */
    "PRAGMA main.journal_mode=DELETE; PRAGMA main.journal_mode=WAL",
    "PRAGMA fts.journal_mode=DELETE; PRAGMA fts.journal_mode=WAL"};

/* Puts file f (0 main, 1 fts) of db in WAL mode (wal = 1) or in rollback
 * mode (synchronous=FULL either way for main; NORMAL in WAL, FULL in
 * rollback for the index file). 1 if the file is in that mode now, 0 if
 * not (another connection has it open, or holds a lock). */
static int set_mode(sqlite3 *db, int f, int wal)
{
    if (wal && exec(db, TO_WAL[f], NULL) != SL_OK) {
        /* stopped in DELETE mode, whose commits are not synced as
         * surely (the journal's removal is not): back to TRUNCATE */
        free(query_text(db, TO_ROLLBACK[f]));
        return 0;
    }
    char *m = query_text(db, wal ? (f ? "PRAGMA fts.journal_mode" : "PRAGMA main.journal_mode")
                                 : TO_ROLLBACK[f]);
    int ok = m && !strcmp(m, wal ? "wal" : "truncate");
    free(m);
    if (ok && f)
        exec(db, wal ? "PRAGMA fts.synchronous=NORMAL" : "PRAGMA fts.synchronous=FULL", NULL);
    return ok;
}

/* The first log entries after the index's watermark, lim at most: how
 * many (*k) and the last one's n (*hi; 0 when there are none). */
static int log_range(sl_store *s, int64_t lim, int64_t *hi, size_t *k)
{
    *hi = 0;
    *k = 0;
    sqlite3_bind_int64(s->ix_range, 1, s->done);
    sqlite3_bind_int64(s->ix_range, 2, lim);
    int rc = sqlite3_step(s->ix_range) == SQLITE_ROW ? SL_OK : SL_EDB;
    if (rc == SL_OK && sqlite3_column_type(s->ix_range, 0) != SQLITE_NULL) {
        *hi = sqlite3_column_int64(s->ix_range, 0);
        *k = (size_t)sqlite3_column_int64(s->ix_range, 1);
    }
    sqlite3_reset(s->ix_range);
    return rc;
}

/* Applies the whole log (at open and close): a long one (a bulk load, a
 * crash's leftovers) with a larger hashsize, and a rollback journal on
 * the index file when nothing else has it open. */
static void index_all(sl_store *s)
{
    int64_t hi;
    size_t k;
    int long_pass = log_range(s, INDEX_CHUNK, &hi, &k) == SL_OK && k >= INDEX_CHUNK;
    s->fts_bulk = long_pass && set_mode(s->ix, 1, 0);
    if (long_pass)
        set_hashsize(s->ix, BULK_HASHSIZE);
    sl_store_index(s, 0, NULL);
    if (long_pass) /* the server's short passes as before */
        set_hashsize(s->ix, HASHSIZE);
    if (s->fts_bulk)
        set_mode(s->ix, 1, 1); /* (if that fails, the next open does it) */
    s->fts_bulk = 0;
}

/* A file store opens its index connection (PATH with PATH-fts attached),
 * rebuilds the index file if it is not this database's, and indexes what
 * a crash left logged (a failure there, e.g. a read-only file, only leaves
 * it logged); an in-memory one drops the log and its triggers. */
static int open_fts(sl_store *s, const char *path, char **err)
{
    if (!strcmp(path, ":memory:"))
        return exec(s->db,
                    "DROP TRIGGER fts_log_ai; DROP TRIGGER fts_log_ad; DROP TRIGGER fts_log_au;"
                    "DROP TRIGGER articles_fts_au2; DROP TABLE fts_log; DROP TABLE fts_ident;"
                    "DROP TABLE fts_state;",
                    err);
    s->path = sl_xstrdup(path);
    if (ix_connect(s, err))
        return SL_EDB;
    char *mine = query_text(s->ix, "SELECT token FROM main.fts_ident");
    char *theirs = query_text(s->ix, "SELECT token FROM fts.fts_meta");
    /* an index file made before the index was contentless (its token is
     * another database's anyway, migration 5): rebuilt */
    char *schema = query_text(s->ix, "SELECT sql FROM fts.sqlite_master"
                                     " WHERE name='articles_fts'");
    if (theirs && (!schema || !strstr(schema, "content=''"))) {
        free(theirs);
        theirs = NULL;
    }
    free(schema);
    if (!mine) {
        *err = sl_xasprintf("database: %s has no index identity", path);
        return SL_EDB;
    }
    int rc = SL_OK;
    if (!theirs || strcmp(mine, theirs)) {
        int bulk = set_mode(s->ix, 1, 0); /* a rebuild writes the whole index */
        rc = rebuild_index(s, mine, err);
        if (bulk)
            set_mode(s->ix, 1, 1);
    }
    free(mine);
    free(theirs);
    if (rc != SL_OK || ix_prepare(s, err) ||
        prep(s, &s->prune, "DELETE FROM fts_log WHERE n <= ?1", err))
        return SL_EDB;
    s->done = query_int(s->ix, "SELECT done FROM fts.fts_meta", 0);
    index_all(s);
    sl_store_checkpoint(s); /* nothing else runs yet: completes, so durable */
    return SL_OK;
}

char *sl_store_fts_path(const char *path) { return sl_xasprintf("%s-fts", path); }

int sl_store_attach_index(sqlite3 *db, const char *path)
{
    /* index files made before the tokenizer existed name unicode61 */
    int reg = sl_fts_register(db);
    if (reg != SQLITE_OK)
        return reg;
    char *fts_path = sl_store_fts_path(path);
    char *attach = sqlite3_mprintf("ATTACH %Q AS fts", fts_path);
    free(fts_path);
    int rc = attach ? sqlite3_exec(db, attach, NULL, NULL, NULL) : SQLITE_NOMEM;
    sqlite3_free(attach);
    return rc;
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
    /* temp_store=MEMORY: every put inside a transaction keeps a statement
     * journal (the pages it changes that the transaction had already
     * written, a few per article), in memory up to 64 KiB and then in a
     * temporary file that is never truncated: an ingest wrote 250 MB to
     * it. In memory it is emptied after each statement. This connection
     * makes no large sorts or temporary tables, the other use of it. */
    if (exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", err) ||
        migrate(s->db, err) ||
        prep(s, &s->put,
             "INSERT INTO articles(id,source,format,title,published,pub_time,site,author,"
             "url,lang,raw,text,hash,story,expires) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
             "?11,?12,?13,?14,?15) ON CONFLICT(id) DO UPDATE SET source=?2,format=?3,"
             "title=?4,published=?5,pub_time=?6,site=?7,author=?8,url=?9,lang=?10,raw=?11,"
             "text=?12,hash=?13,story=?14,expires=?15", err) ||
        prep(s, &s->get_hash, "SELECT hash FROM articles WHERE id=?1", err) ||
        prep(s, &s->get_text, "SELECT text FROM articles WHERE id=?1", err) ||
        prep(s, &s->del, "DELETE FROM articles WHERE id=?1", err) ||
        prep(s, &s->set_story, "UPDATE articles SET story=?2 WHERE id=?1 AND story<>?2", err) ||
        prep(s, &s->put_story,
             "INSERT OR REPLACE INTO stories(id,headline,size,first_seen,last_seen,"
             "duplicates,related) VALUES(?1,?2,?3,?4,?5,?6,?7)", err) ||
        prep(s, &s->del_story, "DELETE FROM stories WHERE id=?1", err) ||
        prep(s, &s->merge,
             "INSERT INTO merges(from_story,into_story,rule,score,article)"
             " VALUES(?1,?2,?3,?4,?5)", err) ||
        open_fts(s, path, err)) {
        sl_store_close(s);
        return SL_EDB;
    }
    *out = s;
    return SL_OK;
}

static void prune_log(sl_store *s);

void sl_store_close(sl_store *s)
{
    if (!s)
        return;
    if (s->ix_done && s->depth == 0) {
        /* leave the index complete and the log empty: a database closed
         * twice with nothing written between is the same */
        if (sl_store_unindexed(s))
            index_all(s);
        sl_store_checkpoint(s);
        prune_log(s);
    }
    sqlite3_stmt *sts[] = {s->put,       s->get_hash,  s->get_text, s->del,  s->set_story,
                           s->put_story, s->del_story, s->merge,    s->prune,
                           s->put_counts, s->get_counts};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++)
        sqlite3_finalize(sts[i]);
    ix_disconnect(s);
    if (s->bulk && s->depth > 0) /* (closed inside the transaction) */
        exec(s->db, "ROLLBACK", NULL);
    if (s->bulk)
        set_mode(s->db, 0, 1);
    sqlite3_close(s->db);
    free(s->path);
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

/* See "Bulk loads". The transaction begins at its first write (begun), so
 * that one which writes nothing leaves the file as it was. */
int sl_store_begin_bulk(sl_store *s)
{
    if (s->depth == 0 && s->ix) {
        s->depth = 1;
        s->lazy = 1;
        return SL_OK;
    }
    return sl_store_begin(s);
}

/* Before a write: begins a bulk transaction not begun yet. The index
 * connection reads the database, which holds it open in WAL mode: it is
 * closed around the change and opened again (if that fails, the log stays
 * for the next open to index). */
static int begun(sl_store *s)
{
    if (!s->lazy)
        return SL_OK;
    s->lazy = 0;
    if (s->ix) {
        ix_disconnect(s);
        s->bulk = set_mode(s->db, 0, 0);
        char *err = NULL;
        if (ix_connect(s, &err) != SL_OK || ix_prepare(s, &err) != SL_OK)
            ix_disconnect(s);
        free(err);
    }
    return exec(s->db, "BEGIN IMMEDIATE", NULL);
}

int sl_store_ready(sl_store *s) { return begun(s); }

/* After the outermost commit or rollback: a bulk transaction's database
 * returns to WAL (if a reader prevents it, the next one tries again). */
static void end_bulk(sl_store *s)
{
    if (s->bulk && set_mode(s->db, 0, 1))
        s->bulk = 0;
}

/* Drops the log entries the index reflects durably (inside a transaction). */
static void prune_log(sl_store *s)
{
    int64_t upto = (int64_t)atomic_load(&s->durable);
    if (!s->prune || upto <= s->pruned)
        return;
    sqlite3_bind_int64(s->prune, 1, upto);
    if (sqlite3_step(s->prune) == SQLITE_DONE)
        s->pruned = upto;
    sqlite3_reset(s->prune);
}

int sl_store_commit(sl_store *s)
{
    if (s->depth == 0 || --s->depth > 0)
        return SL_OK;
    s->stories_outdated = 0;
    if (s->lazy) { /* a bulk transaction that wrote nothing */
        s->lazy = 0;
        return SL_OK;
    }
    prune_log(s);
    int rc = exec(s->db, "COMMIT", NULL);
    if (rc == SL_OK)
        atomic_store(&s->committed, s->logged);
    else
        s->undone++;
    end_bulk(s);
    return rc;
}

size_t sl_store_undone(const sl_store *s)
{
    return s->undone;
}

int sl_store_rollback(sl_store *s)
{
    if (s->depth == 0)
        return SL_OK;
    s->depth = 0;
    s->stories_outdated = 0;
    s->logged = atomic_load(&s->committed);
    s->undone++;
    if (s->lazy) {
        s->lazy = 0;
        return SL_OK;
    }
    s->pruned = 0; /* the prune may have been rolled back: redo it */
    int rc = exec(s->db, "ROLLBACK", NULL);
    end_bulk(s);
    return rc;
}

/* After a write outside a transaction (autocommit): publish its count. */
static void logged_one(sl_store *s)
{
    s->logged++;
    if (s->depth == 0)
        atomic_store(&s->committed, s->logged);
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

/* Before a write of an article: the stories table no longer describes
 * the articles (once a transaction, until sl_store_stories_saved). */
static int outdate_stories(sl_store *s)
{
    if (s->stories_outdated)
        return SL_OK;
    s->stories_outdated = 1;
    return exec(s->db, "DELETE FROM stories_state", NULL);
}

int sl_store_put(sl_store *s, const sl_doc *d, int64_t story, int64_t expires)
{
    if (begun(s) != SL_OK || outdate_stories(s) != SL_OK)
        return SL_EDB;
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
    int rc = done(st, sqlite3_step(st));
    logged_one(s);
    return rc;
}

int sl_store_delete(sl_store *s, const char *id)
{
    if (begun(s) != SL_OK || outdate_stories(s) != SL_OK)
        return SL_EDB;
    bind_text(s->del, 1, id);
    int rc = done(s->del, sqlite3_step(s->del));
    logged_one(s);
    return rc ? rc : (sqlite3_changes(s->db) ? SL_OK : SL_ENOTFOUND);
}

int sl_store_set_story(sl_store *s, const char *id, int64_t story)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
    bind_text(s->set_story, 1, id);
    sqlite3_bind_int64(s->set_story, 2, story);
    return done(s->set_story, sqlite3_step(s->set_story));
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? sl_xstrdup((const char *)t) : NULL;
}

int sl_store_each(sl_store *s, int with_text, sl_store_doc_fn fn, void *ud)
{
    sqlite3_stmt *st;
    /* without the text, SQLite reads the row only up to its title: the
     * text and the raw page come last, on overflow pages it then skips */
    if (sqlite3_prepare_v2(s->db,
                           with_text
                               ? "SELECT id,source,format,title,published,pub_time,site,author,"
                                 "url,lang,text,hash,story FROM articles ORDER BY seq"
                               : "SELECT id,source,format,title,published,pub_time,site,author,"
                                 "url,lang,NULL,hash,story FROM articles ORDER BY seq",
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

char *sl_store_text(sl_store *s, const char *id)
{
    bind_text(s->get_text, 1, id);
    char *t = sqlite3_step(s->get_text) == SQLITE_ROW ? col(s->get_text, 0) : NULL;
    done(s->get_text, SQLITE_DONE);
    return t;
}

int sl_store_each_text(sl_store *s, sl_store_text_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT id,text FROM articles ORDER BY seq", -1, &st, NULL) !=
        SQLITE_OK)
        return SL_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(ud, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SL_OK : SL_EDB;
}

int sl_store_each_counted(sl_store *s, sl_store_counted_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT a.id,a.text,c.data FROM articles a"
                           " LEFT JOIN counts c ON c.seq=a.seq ORDER BY a.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const void *data = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        fn(ud, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           data, data ? n : 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SL_OK : SL_EDB;
}

/* *st, prepared on its first use (finalized when the store closes). */
static sqlite3_stmt *on_demand(sl_store *s, sqlite3_stmt **st, const char *sql)
{
    if (!*st && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return NULL;
    return *st;
}

void *sl_store_counts(sl_store *s, const char *id, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = on_demand(s, &s->get_counts,
                                 "SELECT c.data FROM counts c JOIN articles a ON a.seq=c.seq"
                                 " WHERE a.id=?1");
    if (!st)
        return NULL;
    bind_text(st, 1, id);
    void *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 0) {
        *n = (size_t)sqlite3_column_bytes(st, 0);
        out = sl_xmalloc(*n);
        memcpy(out, sqlite3_column_blob(st, 0), *n);
    }
    done(st, SQLITE_DONE);
    return out;
}

int sl_store_put_counts(sl_store *s, const char *id, const void *data, size_t n)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
    sqlite3_stmt *st = on_demand(s, &s->put_counts,
                                 "INSERT OR REPLACE INTO counts(seq,data)"
                                 " SELECT seq,?2 FROM articles WHERE id=?1");
    if (!st)
        return SL_EDB;
    bind_text(st, 1, id);
    sqlite3_bind_blob64(st, 2, data, n, SQLITE_STATIC);
    int rc = done(st, sqlite3_step(st));
    return rc == SL_OK && sqlite3_changes(s->db) == 0 ? SL_ENOTFOUND : rc;
}

int sl_store_put_state(sl_store *s, const char *name, const void *data, size_t n)
{
    sqlite3_stmt *st = NULL;
    if (begun(s) != SL_OK ||
        sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO state(name,data) VALUES(?1,?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return SL_EDB;
    bind_text(st, 1, name);
    sqlite3_bind_blob64(st, 2, n ? data : "", n, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? SL_OK : SL_EDB;
    sqlite3_finalize(st);
    return rc;
}

void *sl_store_state(sl_store *s, const char *name, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = NULL;
    void *out = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT data FROM state WHERE name=?1", -1, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    bind_text(st, 1, name);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *n = (size_t)sqlite3_column_bytes(st, 0);
        out = sl_xmalloc(*n + 1);
        if (*n)
            memcpy(out, sqlite3_column_blob(st, 0), *n);
    }
    sqlite3_finalize(st);
    return out;
}

int sl_store_put_story(sl_store *s, int64_t id, const char *headline, size_t size,
                       int64_t first_seen, int64_t last_seen, const char *dups,
                       const char *related)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
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

int sl_store_clear_stories(sl_store *s)
{
    return begun(s) != SL_OK ? SL_EDB : exec(s->db, "DELETE FROM stories", NULL);
}

int sl_store_delete_story(sl_store *s, int64_t id)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
    sqlite3_stmt *st = s->del_story;
    sqlite3_bind_int64(st, 1, id);
    return done(st, sqlite3_step(st));
}

int sl_store_stories_saved(sl_store *s, const char *format)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO stories_state(id,format) VALUES(1,?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    bind_text(st, 1, format);
    int rc = done(st, sqlite3_step(st));
    sqlite3_finalize(st);
    if (rc == SL_OK)
        s->stories_outdated = 0;
    return rc;
}

int sl_store_stories_current(sl_store *s, const char *format)
{
    char *f = query_text(s->db, "SELECT format FROM stories_state WHERE id=1");
    int yes = f && !strcmp(f, format);
    free(f);
    return yes;
}

int sl_store_each_story(sl_store *s, sl_store_story_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id,size,first_seen,last_seen,duplicates,related,headline"
                           " FROM stories",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    int rc, ret = SL_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t t[2];
        for (int k = 0; k < 2; k++)
            t[k] = sqlite3_column_type(st, 2 + k) == SQLITE_NULL ? SL_TIME_UNKNOWN
                                                                  : sqlite3_column_int64(st, 2 + k);
        if ((ret = fn(ud, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 6),
                      sqlite3_column_int64(st, 1), t[0], t[1],
                      (const char *)sqlite3_column_text(st, 4),
                      (const char *)sqlite3_column_text(st, 5))) != 0)
            break;
    }
    if (ret == SL_OK && rc != SQLITE_DONE)
        ret = SL_EDB;
    sqlite3_finalize(st);
    return ret;
}

int sl_store_add_merge(sl_store *s, int64_t from, int64_t into, const char *rule, double score,
                       const char *article)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
    sqlite3_bind_int64(s->merge, 1, from);
    sqlite3_bind_int64(s->merge, 2, into);
    bind_text(s->merge, 3, rule);
    if (isnan(score))
        sqlite3_bind_null(s->merge, 4);
    else
        sqlite3_bind_double(s->merge, 4, score);
    bind_text(s->merge, 5, article);
    return done(s->merge, sqlite3_step(s->merge));
}

int sl_store_each_merge(sl_store *s, sl_store_merge_fn fn, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT from_story,into_story,rule,score,article FROM merges"
                           " ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return SL_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           sqlite3_column_type(st, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 3),
           (const char *)sqlite3_column_text(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SL_OK : SL_EDB;
}

/* ---- the full-text index --------------------------------------------------- */

/* One index pass over up to lim log entries after the watermark, in one
 * transaction of the index connection; *got = entries taken. */
static int pass(sl_store *s, int64_t lim, size_t *got)
{
    *got = 0;
    if (exec(s->ix, "BEGIN", NULL) != SL_OK)
        return SL_EDB;
    int64_t hi;
    int rc = log_range(s, lim, &hi, got);
    /* the rows that have an entry listed in fts_redo; then each logged
     * row's entry removed, then made again from its row or from the
     * values logged after the range (SQL_PASS_DEL): one statement each
     * (FTS5 writes out what it holds at every statement boundary, so a
     * statement per row cost twice as much) */
    sqlite3_stmt *step[] = {s->ix_redo, s->ix_del, s->ix_ins, s->ix_ins_old};
    for (int i = 0; i < 4 && rc == SL_OK && hi; i++) {
        if (!step[i])
            continue;
        sqlite3_bind_int64(step[i], 1, s->done);
        sqlite3_bind_int64(step[i], 2, hi);
        if (sqlite3_step(step[i]) != SQLITE_DONE)
            rc = SL_EDB;
        else if (i == 0 && sqlite3_changes(s->ix) > 0) {
            sqlite3_bind_int(s->ix_redo_trim, 1, REDO_KEEP);
            if (sqlite3_step(s->ix_redo_trim) != SQLITE_DONE)
                rc = SL_EDB;
            sqlite3_reset(s->ix_redo_trim);
        }
        sqlite3_reset(step[i]);
    }
    if (rc == SL_OK && hi) {
        sqlite3_bind_int64(s->ix_done, 1, hi);
        if (rc == SL_OK && sqlite3_step(s->ix_done) != SQLITE_DONE)
            rc = SL_EDB;
        sqlite3_reset(s->ix_done);
    }
    if (rc != SL_OK || exec(s->ix, "COMMIT", NULL) != SL_OK) {
        exec(s->ix, "ROLLBACK", NULL);
        *got = 0;
        return SL_EDB;
    }
    if (hi)
        s->done = hi;
    return SL_OK;
}

int sl_store_index(sl_store *s, size_t max, size_t *n)
{
    if (n)
        *n = 0;
    if (!s->ix_done)
        return SL_OK;
    /* writes counted before the first pass's snapshot are in it */
    size_t seen = atomic_load(&s->committed);
    int64_t lim = max ? (int64_t)max : -1;
    size_t got = 0;
    int rc;
    for (;;) {
        int64_t want = lim < 0 || lim - (int64_t)got > INDEX_CHUNK ? INDEX_CHUNK
                                                                   : lim - (int64_t)got;
        size_t k = 0;
        rc = pass(s, want, &k);
        got += k;
        if (rc == SL_OK && s->fts_bulk) /* committed with a sync: durable */
            atomic_store(&s->durable, (long long)s->done);
        if (rc != SL_OK || (int64_t)k < want) {
            if (rc == SL_OK) /* the log is empty (as of the last snapshot) */
                atomic_store(&s->indexed, seen);
            break;
        }
        if (lim >= 0 && (int64_t)got >= lim) {
            size_t was = atomic_load(&s->indexed);
            atomic_store(&s->indexed, was + got < seen ? was + got : seen);
            break;
        }
    }
    if (n)
        *n = got;
    return rc;
}

size_t sl_store_unindexed(const sl_store *s)
{
    if (!s->ix_done)
        return 0;
    size_t c = atomic_load(&s->committed), i = atomic_load(&s->indexed);
    return c > i ? c - i : 0;
}

/* A passive checkpoint of one file on the index connection; 1 if it
 * copied the whole WAL (and synced the file), 0 if not, -1 on error. */
static int checkpoint(sl_store *s, const char *schema)
{
    int log = -1, copied = -1;
    if (sqlite3_wal_checkpoint_v2(s->ix, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) !=
        SQLITE_OK)
        return -1;
    return log >= 0 && copied == log;
}

int sl_store_checkpoint(sl_store *s)
{
    if (!s->ix)
        return SL_OK;
    int64_t done = s->done; /* committed before the checkpoint starts */
    int fts = checkpoint(s, "fts");
    if (fts > 0)
        atomic_store(&s->durable, (long long)done);
    return checkpoint(s, "main") < 0 || fts < 0 ? SL_EDB : SL_OK;
}

int sl_store_optimize(sl_store *s)
{
    if (!s->ix_done)
        return SL_OK;
    return exec(s->ix, "INSERT INTO fts.articles_fts(articles_fts) VALUES('optimize')", NULL);
}

/* ---- server helpers (expiry) ---------------------------------------------- */

int sl_store_set_expires(sl_store *s, const char *id, int64_t expires)
{
    if (begun(s) != SL_OK)
        return SL_EDB;
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

/* ---- checking a database ------------------------------------------------------ */

int sl_store_check(const char *path, char **report)
{
    *report = NULL;
    sqlite3 *db = NULL;
    sl_buf out = {0};
    int bad = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        *report = sl_xasprintf("cannot open %s: %s\n", path, db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return SL_EDB;
    }
    sqlite3_busy_timeout(db, 5000);
    if (sl_store_attach_index(db, path) != SQLITE_OK) {
        *report = sl_xasprintf("cannot attach the index of %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return SL_EDB;
    }
    static const char *const PRAGMAS[][2] = {{"database", "PRAGMA main.integrity_check"},
                                            {"index file", "PRAGMA fts.integrity_check"}};
    for (size_t i = 0; i < 2; i++) {
        char *v = query_text(db, PRAGMAS[i][1]);
        if (!v || strcmp(v, "ok") != 0) {
            sl_buf_printf(&out, "%s: %s\n", PRAGMAS[i][0], v ? v : sqlite3_errmsg(db));
            bad = 1;
        }
        free(v);
    }
    /* FTS5's own check, then the index against a fresh index of the
     * stored articles made with the index's own tokenizer (index files
     * older than the storyline tokenizer name unicode61): the same token
     * instances (term, row, column, offset) both ways, nothing left queued */
    char *schema = query_text(db, "SELECT sql FROM fts.sqlite_master WHERE name='articles_fts'");
    int old = schema && strstr(schema, "unicode61");
    free(schema);
    char *fresh = sqlite3_mprintf(
        "CREATE VIRTUAL TABLE temp.chk USING fts5(title, text, tokenize=%Q);"
        "INSERT INTO chk(rowid,title,text) SELECT seq,title,text FROM articles;"
        "CREATE VIRTUAL TABLE temp.v_idx USING fts5vocab(fts, articles_fts, instance);"
        "CREATE VIRTUAL TABLE temp.v_chk USING fts5vocab(temp, chk, instance);",
        old ? "unicode61 remove_diacritics 2" : "storyline");
    if (sqlite3_exec(db, "INSERT INTO fts.articles_fts(articles_fts) VALUES('integrity-check')",
                     NULL, NULL, NULL) != SQLITE_OK ||
        !fresh || sqlite3_exec(db, fresh, NULL, NULL, NULL) != SQLITE_OK) {
        sl_buf_printf(&out, "index: %s\n", sqlite3_errmsg(db));
        bad = 1;
    } else {
        static const char *const Q[] = {
            "SELECT count(*) FROM fts_log WHERE n > (SELECT done FROM fts.fts_meta)",
            "SELECT count(*) FROM (SELECT term,doc,col,offset FROM v_idx"
            " EXCEPT SELECT term,doc,col,offset FROM v_chk)",
            "SELECT count(*) FROM (SELECT term,doc,col,offset FROM v_chk"
            " EXCEPT SELECT term,doc,col,offset FROM v_idx)"};
        static const char *const WHAT[] = {"articles queued for the index",
                                           "index entries of no stored article",
                                           "stored words missing from the index"};
        for (size_t i = 0; i < 3; i++) {
            int64_t k = query_int(db, Q[i], -1);
            if (k < 0)
                sl_buf_printf(&out, "index: %s\n", sqlite3_errmsg(db));
            else if (k > 0)
                sl_buf_printf(&out, "index: %lld %s\n", (long long)k, WHAT[i]);
            bad |= k != 0;
        }
    }
    sqlite3_free(fresh);
    if (!bad)
        sl_buf_printf(&out, "ok: %lld articles, database, index file and search index consistent\n",
                      (long long)query_int(db, "SELECT count(*) FROM articles", 0));
    sqlite3_close(db);
    *report = sl_buf_take(&out);
    return bad ? SL_EDB : SL_OK;
}
