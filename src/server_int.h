/*
 * server_int: state shared by the server's modules (server.c: HTTP and
 * routes; server_writer.c: the single writer thread with group commit and
 * expiry; server_rank.c: the ranked stories snapshot and contest threads;
 * server_api.c: the route handlers). Not public.
 *
 * Locking (always in this order, never two at once except as noted):
 *   eng_lock   the engine (not thread-safe). Held by the writer around each
 *              article, and by readers that look at the engine directly
 *              (GET /stories/{id}, /articles/{id}, /threads).
 *   q_lock     the write queue and job completion flags.
 *   snap_lock  (rwlock) the current ranking snapshot pointer; readers hold
 *              it only while formatting a response from the snapshot.
 * The SQLite connection of the engine is used only by the writer thread
 * (and by the loader before the writer starts); the store's index
 * connection only by the indexer thread (ix_lock guards its wake-ups);
 * searches use their own read-only connections (src/search.c).
 */
#ifndef SL_SERVER_INT_H
#define SL_SERVER_INT_H

#include "engine.h"
#include "search.h"
#include "server.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

/* ---- write jobs ----------------------------------------------------------- */

enum { JOB_PUT = 1, JOB_DELETE };

typedef struct srv_job {
    int kind;
    char *id;
    char *body;            /* PUT: raw bytes (owned), NUL-terminated */
    size_t len;
    int format;            /* SL_FMT_* */
    int64_t max_age;       /* PUT: Cache-Control max-age, or -1 */
    sl_doc *prepared;      /* PUT: the doc made and extracted by an extractor
                              thread (owned), or NULL */
    int prep_rc;           /* SL_OK, or why preparing failed (message set) */
    struct sl_cfcount *counts; /* PUT: its terms counted for the clusterer
                              (owned), or NULL */
    struct MHD_Connection *conn; /* resumed when done */
    /* results, written by the writer under q_lock */
    int done;
    int status;            /* HTTP status */
    int64_t story;         /* PUT: the article's story */
    char *message;         /* error message (owned) or NULL */
    struct srv_job *next;
} srv_job;

/* ---- ranking snapshot ------------------------------------------------------ */

/* What a story shows besides its counts: computed from its articles when
 * its members change, shared by the snapshots in which they did not
 * (refs counts them; only the thread that builds and frees snapshots, the
 * writer, or the loader before it starts, touches it). */
typedef struct rank_desc {
    size_t refs;
    char *headline;        /* owned */
    char *outlets_json;    /* JSON array of up to 5 outlet names (owned) */
    uint32_t noutlets;     /* distinct outlets */
    char lang[8];          /* most common language, "" if unknown */
} rank_desc;

typedef struct rank_story {
    int64_t id;
    const char *headline;  /* borrowed from desc */
    const char *outlets_json; /* borrowed from desc */
    uint32_t n;            /* articles */
    uint32_t noutlets;     /* distinct outlets */
    int64_t first, last;   /* publication span, SL_TIME_UNKNOWN if none */
    char lang[8];          /* most common language, "" if unknown */
    uint64_t sig;          /* signature of the member handles, in order */
    rank_desc *desc;       /* shared with other snapshots */
} rank_story;

/* How many stories a snapshot keeps in score order: the most GET /stories
 * lists without filters (its largest limit). */
enum { RANK_ORDERED = 1000 };

typedef struct rank_snap {
    rank_story *v;         /* sorted by id (for lookups) */
    size_t n;
    uint32_t *order;       /* indexes of v of the norder best stories by score
                              at `latest`, best first */
    size_t norder;         /* min(n, RANK_ORDERED) */
    int64_t latest;        /* latest publication time in the index */
    size_t narticles;
    size_t described;      /* stories whose desc was computed, not shared */
} rank_snap;

/* ---- the server ------------------------------------------------------------ */

typedef struct srv {
    sl_server_opts o;
    struct MHD_Daemon *daemon;
    sl_engine *e;
    sl_search *search;
    atomic_int ready;      /* 0 loading, 1 ready, -1 failed */
    pthread_mutex_t eng_lock;

    pthread_mutex_t q_lock;
    pthread_cond_t q_cond;
    srv_job *q_head, *q_tail;
    size_t q_len;
    int stopping;          /* writer drains and exits */
    int writer_exited;     /* jobs queued now are refused (503) */
    pthread_t writer;
    int writer_started;
    /* extractor threads: PUT jobs go through them (make the doc, extract)
     * before the writer's queue, so extraction runs in parallel */
    pthread_mutex_t x_lock;
    pthread_cond_t x_cond;
    srv_job *x_head, *x_tail;
    int x_stopping;
    pthread_t *xthreads;
    int nx;

    /* the indexer thread (server_writer.c): brings the full-text index
     * (a file of its own, store.h) up to date beside the writer */
    pthread_mutex_t ix_lock;
    pthread_cond_t ix_cond;
    int ix_stopping;
    pthread_t indexer;
    int ix_started;
    atomic_llong last_batch_us; /* when the writer last finished a batch */

    pthread_rwlock_t snap_lock;
    rank_snap *snap;
    int64_t latest_pub;    /* latest publication time (writer/loader only) */
    int64_t next_expiry;   /* no article expires before this; 0 = none has an
                              expiry (writer/loader only) */
    atomic_llong n_puts, n_deletes, n_expired;
    int debug;             /* SL_SERVE_DEBUG: timings of the writer on stderr */
    int standalone;        /* sl_server_run: a failed load sends SIGTERM */
    pthread_t loader;
    int loader_started;
} srv;

/* ---- requests (server.c) and handlers (server_api.c) --------------------- */

typedef struct srv_req {
    srv *S;
    struct MHD_Connection *conn;
    const char *method;
    char *param;           /* the path part matched by '*' (owned), or NULL */
    sl_buf body;
    int too_big;           /* body went over the limit */
    int queued;            /* a response was queued early */
    srv_job *job;          /* write job, once submitted */
    double t0;
} srv_req;

typedef struct srv_resp {
    int status;
    sl_buf body;           /* or static_body */
    const char *static_body;
    size_t static_len;
    const char *ctype;     /* NULL = application/json */
    const char *allow;     /* Allow header (405) */
    char location[48];     /* Location header (a redirect), or empty */
    int cacheable;         /* static assets */
} srv_resp;

typedef void (*srv_handler)(srv_req *r, srv_resp *out);

/* Matches path against a route pattern ('*' is one path segment; a final
 * '*' the rest of the path); on success *param gets the part matched by '*'
 * (caller frees; a suffix such as ".html" is kept) or NULL. */
int srv_match(const char *pattern, const char *path, char **param);

/* Sets an error response {"error":msg,"status":code}. */
void srv_error(srv_resp *out, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Query argument, or NULL. */
const char *srv_arg(srv_req *r, const char *name);
/* Request header, or NULL. */
const char *srv_header(srv_req *r, const char *name);

void api_health(srv_req *r, srv_resp *out);
void api_stories(srv_req *r, srv_resp *out);
void api_story(srv_req *r, srv_resp *out);
void api_article_get(srv_req *r, srv_resp *out);
void api_why(srv_req *r, srv_resp *out);
void api_article_put(srv_req *r, srv_resp *out);
void api_article_delete(srv_req *r, srv_resp *out);
void api_search(srv_req *r, srv_resp *out);
void api_threads(srv_req *r, srv_resp *out);
void api_contest_put(srv_req *r, srv_resp *out);
void api_contest_delete(srv_req *r, srv_resp *out);
void api_page(srv_req *r, srv_resp *out);
void api_asset_js(srv_req *r, srv_resp *out);
void api_asset_css(srv_req *r, srv_resp *out);
/* Fills out from a finished write job. */
void api_job_response(srv_job *j, srv_resp *out);

/* web_assets.c: the embedded page (NUL-terminated). */
extern const char sl_web_index_html[], sl_web_app_js[], sl_web_style_css[];

/* server_writer.c */
/* Loads expiry times from the store into the engine and computes
 * latest_pub (loader thread, before the writer starts). */
int srv_load_extra(srv *S);
int srv_writer_start(srv *S);
/* Queues a job (the caller has suspended job->conn); the writer resumes
 * the connection when job->done is set. */
void srv_enqueue(srv *S, srv_job *j);
/* Stops the writer after it drained the queue, then saves the stories. */
void srv_writer_stop(srv *S);
void srv_job_free(srv_job *j);

/* server_rank.c */
/* Builds a new snapshot of the engine's stories. Only the thread that
 * changes the engine may call it (the writer; the loader before the
 * writer starts): it reads articles and stories without eng_lock, which it
 * takes (when lock is not NULL) only to list the clusterer's stories, a
 * call that readers make too. Stories whose members are those of the same
 * story in prev (may be NULL) share its desc; only the others are
 * described anew. The caller frees the result with rank_free. */
rank_snap *rank_build(sl_engine *e, pthread_mutex_t *lock, const rank_snap *prev,
                      int64_t latest);
void rank_free(rank_snap *s);
/* Sets s->order and s->norder from s->v and s->latest (rank_build does). */
void rank_order(rank_snap *s);
/* Replaces the current snapshot (takes ownership). */
void srv_snap_swap(srv *S, rank_snap *s);
/* Ranking score of a story seen from time ref (see server_rank.c). */
double rank_score(uint32_t outlets, uint32_t articles, int64_t last, int64_t ref);
/* Story by id in a snapshot, or NULL. */
const rank_story *rank_find(const rank_snap *s, int64_t id);
/* Category of a text (lowercase keyword classifier); static string. */
const char *rank_category(const char *text);
/* Appends the contest's {"threads":[...]} for the window [latest-period,
 * latest]; lang and category may be NULL ("any"). Caller holds eng_lock. */
void rank_threads(sl_engine *e, int64_t latest, int64_t period, const char *lang,
                  const char *category, sl_buf *out);

#endif
