/*
 * engine: internals of sl_engine shared by the library's edge modules
 * (CLI helpers, server, search). Not public.
 */
#ifndef SL_ENGINE_H
#define SL_ENGINE_H

#include "cluster.h"
#include "cluster_map.h"
#include "doc.h"
#include "store.h"
#include "storyline.h"
#include "strmap.h"
#include "util.h"

struct sl_story {
    int64_t id;
    const sl_clu_story *cs; /* borrowed from the clusterer */
    const char **ids;       /* article ids (borrowed from docs) */
    size_t n;
    char *headline;         /* computed on first use */
    size_t merged_at;       /* its entries in the engine's merged[] */
    size_t nmerged;
};

/* A row of the stories table as the engine last wrote or read it (see
 * "Written rows"). */
typedef struct sl_row {
    int64_t id;
    uint64_t sig;     /* of the row's values (sl_engine_row_sig) */
    uint64_t members; /* of its members' ids and content hashes, 0 if unknown */
    char *headline;   /* owned */
} sl_row;

/* A story that ended in another (a merge, see sl_clu_merge): from the
 * store, or from the clusterer since the engine opened. */
typedef struct sl_merge_rec {
    int64_t from, into;
    char *rule;    /* NULL when a database older than rules recorded it */
    double score;
    char *article; /* the article that made the merge, or NULL */
} sl_merge_rec;

struct sl_engine {
    sl_options opts;
    sl_store *store;
    int persistent;        /* a database file, not memory */
    sl_buf err;
    sl_doc **docs;         /* handle -> doc (raw freed once stored); NULL if removed */
    int64_t *expires;      /* handle -> expiry time (0 none) */
    size_t ndocs, capdocs;
    sl_strmap *ids;        /* article id -> handle */
    sl_clusterer *clu;     /* without the articles while deferred */
    struct sl_chrome *chrome; /* the sites' repeated lines (sitechrome.h) */
    int deferred;          /* the clusterer is not built: the stories are the
                              stored ones (see "Deferred clustering") */
    int64_t *placed;       /* handle -> stored story, while deferred */
    int lazy;              /* opened with its stored stories: the texts are
                              read when a doc is asked for (ensure_text), all
                              at once when the clusterer is built */
    size_t lazy_reads;     /* texts read one by one */
    int links_pending;     /* the clusterer was built and its stories are not
                              linked yet (ensure_links) */
    size_t capplaced;
    sl_clu_story *saved;   /* the stored stories, shown until an article
                              changes (owned; see "Deferred clustering") */
    size_t nsaved;
    sl_story *stories;     /* display order */
    size_t nstories;
    int stale;             /* stories view must be rebuilt */
    int changed;           /* articles changed since the last sl_cluster */
    sl_merge_rec *hist;    /* every merge, oldest first */
    size_t nhist, caphist;
    size_t hist_saved;     /* of those, written to the store */
    size_t clu_seen;       /* clusterer merges already in hist */
    size_t *merged;        /* hist indexes grouped by the live story their
                              `from` ended in (sl_story.merged_at) */
    sl_u64map byid;        /* live story id -> index in stories (refresh) */
    sl_u64map last_end;    /* story id -> index of its latest hist entry */
    sl_row *rows;          /* the stories table's rows, by id (see "Written rows") */
    size_t nrows, caprows;
    int rows_known;        /* rows is what the table holds */
    int64_t *instore;      /* handle -> the story its article's row names */
    int building;          /* build_clusterer is running (doc_of_handle) */
    int save_counts;       /* and saves the counts it makes (a write's build) */
    size_t counts_saved, counts_restored; /* by builds (for tests) */
    sl_doc *warm_doc;      /* whose text doc_of_handle read for it alone */
    void *warm_counts;     /* the saved counts counts_of_handle read */
    int instore_known;     /* instore is what the rows say, while the store's
                              sl_store_undone is instore_undone */
    size_t instore_undone;
};

/* Sets the engine's error message; returns code. */
int sl_engine_fail(sl_engine *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a raw doc (takes ownership): extract, store, cluster. */
int sl_engine_add_doc(sl_engine *e, sl_doc *d, int64_t expires, int *outcome);
/* The two halves of sl_engine_add_doc, for callers that extract in other
 * threads (the server). sl_engine_prepare_doc computes the content hash and
 * extracts; it touches no engine and runs in any thread; on failure *err is
 * a message to free. sl_engine_add_prepared then stores and clusters a doc
 * (takes ownership); with prepared = 0 it is sl_engine_add_doc. */
int sl_engine_prepare_doc(sl_doc *d, char **err);
/* Cuts the lines d's site repeats on its pages from d's text (see
 * sitechrome.h); sl_engine_add_doc does it after extracting. Any thread:
 * a prepared doc gets it before its terms are counted. */
void sl_engine_cut_chrome(sl_engine *e, sl_doc *d);
/* Writes the chrome table to the database in the open transaction when it
 * changed since last kept; returns its version (0: nothing written). Once
 * that transaction commits, sl_engine_chrome_kept(e, version). The engine
 * does both itself when it closes (the server also now and then). */
uint64_t sl_engine_put_chrome(sl_engine *e);
void sl_engine_chrome_kept(sl_engine *e, uint64_t version);
/* cnt (optional): the doc's terms counted by sl_cfx_count with a scratch
 * extractor of the engine's clusterer (sl_clu_scratch(e->clu)). */
struct sl_cfcount;
int sl_engine_add_prepared(sl_engine *e, sl_doc *d, int prepared, const struct sl_cfcount *cnt,
                           int64_t expires, int *outcome);
/* Borrowed doc by id, or NULL. */
const sl_doc *sl_engine_doc(sl_engine *e, const char *id);
/* Docs of a story (array the caller frees; docs borrowed). */
const sl_doc **sl_engine_story_docs(sl_engine *e, const sl_story *s);
/* Rebuilds the stories view if stale. */
void sl_engine_refresh(sl_engine *e);

/* Deferred clustering. A database whose stories table is current (no
 * article written since sl_cluster saved it, by a clusterer of the same
 * format) opens without the clusterer: its stories are read from the table
 * (engine_saved.c), and the clusterer gets the articles only when a call
 * needs it (adding, removing, sl_why, the server). The stories and views
 * are the same either way; a command that only reads skips recounting
 * every article's words. */
/* Builds the clusterer now if deferred (the server does at start, as it
 * reads e->clu directly); with `save`, saving the term counts it makes
 * (the caller is the engine's only user meanwhile, and a writer). */
void sl_engine_need_clusterer(sl_engine *e, int save);
/* engine_saved.c: e->saved from the stories table, checked against
 * e->placed; SL_OK, or SL_EDB with nothing kept when they disagree. */
int sl_engine_load_saved(sl_engine *e);
void sl_engine_free_saved(sl_engine *e);

/* Written rows (engine_rows.c): what the stories table and the articles'
 * stories hold, so that a batch writes only what changed.
 * sl_engine_row_sig: a row's signature; sl_engine_row_add records a row
 * read from the table (engine_saved.c), sl_engine_rows_loaded ends the
 * reading (the rows are then known); sl_engine_write_stories writes the
 * stories view (refreshed) inside the caller's transaction; on failure
 * nothing is known any more. */
uint64_t sl_engine_row_sig(const char *headline, int64_t size, int64_t first_seen,
                           int64_t last_seen, const char *dups, const char *related);
void sl_engine_row_add(sl_engine *e, int64_t id, uint64_t sig, const char *headline);
void sl_engine_rows_loaded(sl_engine *e);
void sl_engine_rows_free(sl_engine *e);
/* The headline of the stories table's row of story id as it was read or
 * written, NULL if none; owned by the engine. */
const char *sl_engine_row_stored_headline(const sl_engine *e, int64_t id);
/* The headline the stories table holds for story s when its articles are
 * the ones it was written with (a headline depends on them alone), else
 * NULL; owned by the engine. */
const char *sl_engine_row_headline(sl_engine *e, const sl_story *s);
int sl_engine_write_stories(sl_engine *e, void (*json_dups)(sl_engine *, const sl_clu_story *,
                                                             sl_buf *),
                            void (*json_related)(const sl_clu_story *, sl_buf *));

#endif
