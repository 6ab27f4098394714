/*
 * store: persistence in SQLite. Articles (id, source, metadata, raw and
 * cleaned text, content hash, story), stories with their derived data, and
 * recorded merges. The schema is versioned with PRAGMA user_version and
 * migrated forward on open.
 */
#ifndef SL_STORE_H
#define SL_STORE_H

#include "doc.h"

#include <sqlite3.h>
#include <stdint.h>

typedef struct sl_store sl_store;

/* Turns off SQLite's memory statistics, process-wide (sl_init_process).
 * Returns SL_OK or SL_EINVAL if SQLite is already initialised. */
int sl_store_process_init(void);

/* Opens (creating or migrating) the database at path; NULL or ":memory:"
 * for an in-memory one. Returns SL_OK or SL_EDB with *err (caller frees). */
int sl_store_open(const char *path, sl_store **out, char **err);
void sl_store_close(sl_store *s);
sqlite3 *sl_store_db(sl_store *s);
/* Message of the last SQLite error (borrowed). */
const char *sl_store_errmsg(sl_store *s);

/* Transactions; nested begin/commit pairs count (only the outermost acts). */
int sl_store_begin(sl_store *s);
int sl_store_commit(sl_store *s);
int sl_store_rollback(sl_store *s);
/* How many transactions were rolled back or failed to commit so far: what
 * the caller believes the rows hold is in doubt once this changes. */
size_t sl_store_undone(const sl_store *s);
/* sl_store_begin for a transaction that writes many articles (an ingest):
 * when the store is the only user of its database, the transaction runs
 * with a rollback journal instead of WAL (written once instead of twice;
 * as durable), and the database returns to WAL at its commit or rollback;
 * otherwise it is sl_store_begin. It begins at its first write: one that
 * writes nothing leaves the files untouched. Not while another thread may run
 * sl_store_index, sl_store_checkpoint or sl_store_optimize. */
int sl_store_begin_bulk(sl_store *s);
/* Begins the bulk transaction open but not begun yet, now: before a
 * write made while a read of the same connection is under way (the
 * switch to the rollback journal needs the file to itself). */
int sl_store_ready(sl_store *s);

/* Hash of a stored article, or 0 with *found = 0. */
uint64_t sl_store_hash(sl_store *s, const char *id, int *found);
/* Inserts or replaces an article (with its story, 0 if none yet). */
int sl_store_put(sl_store *s, const sl_doc *d, int64_t story, int64_t expires);
int sl_store_delete(sl_store *s, const char *id);
int sl_store_set_story(sl_store *s, const char *id, int64_t story);

/* Calls fn for each stored article in insertion order with a doc (raw not
 * loaded; text not loaded either, NULL, unless with_text) and its story;
 * fn takes ownership of the doc. */
typedef int (*sl_store_doc_fn)(void *ud, sl_doc *d, int64_t story);
int sl_store_each(sl_store *s, int with_text, sl_store_doc_fn fn, void *ud);
/* The stored text of article id (caller frees), NULL if there is none. */
char *sl_store_text(sl_store *s, const char *id);
/* Calls fn for each stored article in insertion order with its id and
 * text (borrowed for the call). */
typedef void (*sl_store_text_fn)(void *ud, const char *id, const char *text);
int sl_store_each_text(sl_store *s, sl_store_text_fn fn, void *ud);
/* The same with each article's saved term counts (NULL, 0 if none). */
typedef void (*sl_store_counted_fn)(void *ud, const char *id, const char *text,
                                    const void *counts, size_t n);
int sl_store_each_counted(sl_store *s, sl_store_counted_fn fn, void *ud);
/* Saves the story engine's term counts of article id (opaque bytes, see
 * cluster_feat.c), in the open transaction. They are dropped with the
 * article and whenever its id, title, text, site or language change.
 * SL_ENOTFOUND if the article has no row (gone). */
int sl_store_put_counts(sl_store *s, const char *id, const void *data, size_t n);
/* Article id's saved counts (*n bytes, the caller frees), or NULL. */
void *sl_store_counts(sl_store *s, const char *id, size_t *n);

/* Saves state a module keeps between processes (opaque bytes) under
 * name, replacing what was there, in the open transaction (or one of its
 * own). */
int sl_store_put_state(sl_store *s, const char *name, const void *data, size_t n);
/* The state saved under name (*n bytes, the caller frees), or NULL. */
void *sl_store_state(sl_store *s, const char *name, size_t *n);

/* Replaces the stories table row for a story. */
int sl_store_put_story(sl_store *s, int64_t id, const char *headline, size_t size,
                       int64_t first_seen, int64_t last_seen, const char *duplicates_json,
                       const char *related_json);
int sl_store_clear_stories(sl_store *s);
/* Deletes the stories table row of a story (none: fine). */
int sl_store_delete_story(sl_store *s, int64_t id);
/* Records, in the transaction that wrote the stories table, that the table
 * describes the stored articles as a clusterer of `format` grouped them;
 * the next sl_store_put or sl_store_delete takes that back. */
int sl_store_stories_saved(sl_store *s, const char *format);
/* 1 if the stories table is current for `format` (see above), else 0. */
int sl_store_stories_current(sl_store *s, const char *format);
/* Calls fn for each row of the stories table, any order (strings borrowed
 * for the call, NULL when absent; times SL_TIME_UNKNOWN when absent);
 * stops at fn's first nonzero return and gives it back. SL_EDB on a
 * database error. */
typedef int (*sl_store_story_fn)(void *ud, int64_t id, const char *headline, int64_t size,
                                 int64_t first_seen, int64_t last_seen,
                                 const char *duplicates_json, const char *related_json);
int sl_store_each_story(sl_store *s, sl_store_story_fn fn, void *ud);
/* Records that story `from` ended in story `into`: rule (how, see
 * sl_clu_merge), score, and the article that made it (NULL if none). */
int sl_store_add_merge(sl_store *s, int64_t from, int64_t into, const char *rule, double score,
                       const char *article);
/* Calls fn for each recorded merge, oldest first (strings borrowed for the
 * call; rule and article may be NULL in databases older than them).
 * SL_OK or SL_EDB. */
typedef void (*sl_store_merge_fn)(void *ud, int64_t from, int64_t into, const char *rule,
                                  double score, const char *article);
int sl_store_each_merge(sl_store *s, sl_store_merge_fn fn, void *ud);

/* The full-text index (articles_fts, searched by search.c) lives in a
 * file of its own, PATH-fts (sl_store_fts_path), and is brought up to date
 * apart from the writes that store articles: see "How the index is kept"
 * in store.c. An in-memory store has no index (these do nothing).
 *
 * Threads: sl_store_index, sl_store_checkpoint and sl_store_optimize use a
 * connection of their own, so one thread may run them while another (the
 * owner of the store) calls anything else; sl_store_unindexed may be called from any thread.
 *
 * sl_store_index applies up to max (0 = all) logged article changes,
 * oldest first, in transactions of at most 4096; *n (may be NULL) gets how
 * many. It sees committed writes only. SL_OK or SL_EDB (the failing
 * transaction applied nothing; earlier ones stay). Opening a file store
 * rebuilds an absent or foreign index file and applies what a crash left
 * logged; closing it applies what is still logged. */
int sl_store_index(sl_store *s, size_t max, size_t *n);
/* Whether a search can find different rows: the table fts_state(gen) in
 * PATH changes when articles' dates or languages change, and
 * fts_meta(done) in PATH-fts with every index pass that changed the index;
 * search.c caches results by the two. */
/* Committed article writes the index does not reflect yet: a hint for
 * when to index (it may count writes that changed nothing). */
size_t sl_store_unindexed(const sl_store *s);
/* Merges the index into one segment (slow on a large index). SL_OK or SL_EDB. */
int sl_store_optimize(sl_store *s);
/* Copies what the WALs of the database and of its index file hold into
 * the files as far as readers allow, without blocking the writer (passive
 * checkpoints on the index connection): lets the owner of the store raise
 * its own autocheckpoint threshold and leave checkpoints to another
 * thread. Index passes become durable (and their log entries droppable)
 * only through it (those of a long pass at open or close with a rollback
 * journal, at their commit: see store.c "Bulk loads"). SL_OK or SL_EDB. */
int sl_store_checkpoint(sl_store *s);
/* The index file of the database at path (caller frees). */
char *sl_store_fts_path(const char *path);
/* Attaches the index file of the database at path to db as "fts" (read-only
 * when db is). Returns SQLite's code. */
int sl_store_attach_index(sqlite3 *db, const char *path);

/* Checks the database at path and its index file: SQLite's integrity
 * checks of both, FTS5's check of the index, and the index against a
 * fresh index of the stored articles (nothing missing, nothing extra,
 * nothing queued). *report (new string, the caller frees it) says what
 * is wrong, or "ok: ...". SL_OK when all holds, SL_EDB otherwise. Run it
 * while no server writes to the database. */
int sl_store_check(const char *path, char **report);

/* Sets an article's expiry time (0 = none). SL_OK or SL_EDB. */
int sl_store_set_expires(sl_store *s, const char *id, int64_t expires);
/* Calls fn(ud, id, expires) for each article with an expiry time; id is
 * borrowed for the call. SL_OK or SL_EDB. */
typedef void (*sl_store_expiry_fn)(void *ud, const char *id, int64_t expires);
int sl_store_each_expiry(sl_store *s, sl_store_expiry_fn fn, void *ud);

#endif
