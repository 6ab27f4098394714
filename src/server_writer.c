/*
 * server_writer: the one thread that changes the engine and the database.
 *
 * How it works (group commit): HTTP handlers turn PUT and DELETE requests
 * into jobs, queue them and suspend their connection. The writer takes
 * every queued job (up to MAX_BATCH), opens one transaction, applies the
 * jobs one by one (taking the engine lock per job so readers can slip in
 * between), sweeps expired articles, commits (WAL + synchronous=FULL: one
 * fsync for the whole batch) and only then marks the jobs done and resumes
 * their connections. So every acknowledged write is durable, and under
 * load many writes share one fsync.
 *
 * Extraction happens before the writer: PUT jobs first go to extractor
 * threads (one per processor), which make the doc from the body, run
 * sl_engine_prepare_doc (content hash, extraction: no engine state) and
 * count its terms for the clusterer (sl_cfx_count with their own scratch
 * extractor), then queue it for the writer, which only weighs the terms,
 * clusters and stores. DELETEs go
 * straight to the writer. Two PUTs of one id sent at the same time may be
 * applied in either order; a client that waits for each answer keeps its order.
 *
 * After a batch it rebuilds the ranking snapshot (server_rank.c) when
 * something changed and either SNAP_EVERY seconds passed (more when
 * rebuilds are slow: they take at most a fifth of the writer's time) or no
 * new job came within SNAP_IDLE seconds (then too at most a fifth: at
 * 100,000 articles a rebuild takes a third of a second, and a writer idle
 * for 10 ms between slow PUTs rebuilt all the time); and it calls sl_cluster (the engine's batch
 * revisit, which also saves the stories table) when idle for CLUSTER_IDLE
 * seconds after changes, and at shutdown.
 *
 * Full-text index (deferred, see store.c): the index is a file of its
 * own, written by the store's second connection, so it is brought up to
 * date by a thread of its own, the indexer, while the writer goes on
 * storing (neither waits for the other's locks or fsyncs). The indexer
 * runs a pass when no batch came for FTS_IDLE seconds, and under load once
 * FTS_EVERY articles are waiting or the oldest has waited FTS_LAG
 * seconds; it runs at a lower priority than the HTTP threads, so searches
 * come first. So an article is searchable within about FTS_LAG seconds
 * plus one index pass of its 201 under load, within FTS_IDLE plus a pass
 * when the server is idle.
 *
 * Expiry: a PUT with Cache-Control: max-age=N expires at its publication
 * time + N (the latest publication time in the index when it has none).
 * As in the contest, time is the latest publication time in the index,
 * not the wall clock: articles whose expiry is before it are removed (and
 * their stories updated) by the sweep that follows each batch.
 */
#include "cluster.h"
#include "cluster_feat.h"
#include "extract.h"
#include "reader.h"
#include "server_int.h"

#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { MAX_BATCH = 256, FTS_EVERY = 512 };
static const double SNAP_EVERY = 0.5, SNAP_IDLE = 0.01, CLUSTER_IDLE = 5.0;
/* seconds between saves of the sites' chrome table (see run_batch) */
static const double CHROME_EVERY = 60.0;
static double FTS_IDLE = 0.05, FTS_LAG = 0.5; /* test hook: SL_SERVE_INDEX_DELAY_MS sets both */

void srv_job_free(srv_job *j)
{
    if (!j)
        return;
    free(j->id);
    free(j->body);
    free(j->message);
    sl_doc_free(j->prepared);
    sl_cfcount_free(j->counts);
    free(j);
}

/* ---- loading -------------------------------------------------------------- */

/* Notes that some article expires at t (writer/loader). */
static void note_expiry(srv *S, int64_t t)
{
    if (t && (!S->next_expiry || t < S->next_expiry))
        S->next_expiry = t;
}

static void on_expiry(void *ud, const char *id, int64_t expires)
{
    srv *S = ud;
    sl_engine *e = S->e;
    uint32_t h;
    if (sl_strmap_get(e->ids, id, &h) && e->docs[h]) {
        e->expires[h] = expires;
        note_expiry(S, expires);
    }
}

int srv_load_extra(srv *S)
{
    sl_engine *e = S->e;
    if (sl_store_each_expiry(e->store, on_expiry, S) != SL_OK)
        return SL_EDB;
    for (size_t h = 0; h < e->ndocs; h++)
        if (e->docs[h] && e->docs[h]->pub_time != SL_TIME_UNKNOWN &&
            e->docs[h]->pub_time > S->latest_pub)
            S->latest_pub = e->docs[h]->pub_time;
    return SL_OK;
}

/* ---- applying jobs ------------------------------------------------------- */

static int status_of(int rc)
{
    switch (rc) {
    case SL_OK: return 200;
    case SL_ENOTFOUND: return 404;
    case SL_ETOOBIG: return 413;
    case SL_EDB: return 500;
    default: return 400;
    }
}

/* Raw doc from a PUT body, as sl_add_article builds it; NULL with *err. */
static sl_doc *make_doc(srv_job *j, char **err)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_utf8_repair(j->id, strlen(j->id), NULL, NULL);
    d->source = sl_xstrdup("http");
    d->format = (sl_format)j->format;
    if (d->format == SL_FMT_JSON) {
        /* the id comes from the URL: put it first so a body without one
         * parses (JSON readers take the first of duplicate keys) */
        sl_buf js = {0};
        const char *p = j->body;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '{') {
            sl_buf_puts(&js, "{\"id\":");
            sl_buf_json_str(&js, d->id);
            p++;
            while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
                p++;
            if (*p != '}')
                sl_buf_putc(&js, ',');
            sl_buf_append(&js, p, j->len - (size_t)(p - j->body));
        } else {
            sl_buf_append(&js, j->body, j->len);
        }
        char *given = d->id;
        d->id = NULL;
        int rc = sl_doc_from_json(d, js.data, js.len, err);
        sl_buf_free(&js);
        free(d->id);
        d->id = given;
        d->format = SL_FMT_AUTO;
        if (rc != SL_OK) {
            sl_doc_free(d);
            return NULL;
        }
    } else {
        d->raw = j->body;
        d->raw_len = j->len;
        j->body = NULL;
    }
    return d;
}

/* Applies a PUT under eng_lock; sets j->status. Returns 1 if it changed
 * the engine. */
static int apply_put(srv *S, srv_job *j)
{
    sl_engine *e = S->e;
    if (j->prep_rc != SL_OK) {
        j->status = status_of(j->prep_rc);
        return 0;
    }
    sl_doc *d = j->prepared;
    j->prepared = NULL;
    int prepared = d != NULL; /* extracted and counted by an extractor thread */
    if (!d) {
        char *err = NULL;
        d = make_doc(j, &err);
        if (!d) {
            j->status = 400;
            j->message = sl_xasprintf("%s: %s", j->id, err ? err : "malformed JSON");
            free(err);
            return 0;
        }
    }
    uint32_t h;
    int exists = sl_strmap_get(e->ids, j->id, &h);
    /* Same content and an expiry given again: let the engine see the old
     * expiry, so it answers "unchanged"; the expiry is recomputed below. */
    int64_t exp_arg = exists && j->max_age >= 0 ? e->expires[h] : 0;
    int outcome = 0;
    int rc = sl_engine_add_prepared(e, d, prepared, j->counts, exp_arg, &outcome);
    if (rc != SL_OK) {
        j->status = status_of(rc);
        j->message = sl_xstrdup(sl_engine_errmsg(e));
        return 0;
    }
    j->status = outcome == SL_ADDED ? 201 : 204;
    if (!sl_strmap_get(e->ids, j->id, &h))
        return outcome != SL_UNCHANGED;
    j->story = sl_clu_story_of(e->clu, h);
    const sl_doc *nd = e->docs[h];
    int64_t pub = nd->pub_time;
    if (pub != SL_TIME_UNKNOWN && pub > S->latest_pub)
        S->latest_pub = pub;
    if (j->max_age >= 0) {
        int64_t base = pub != SL_TIME_UNKNOWN ? pub : S->latest_pub ? S->latest_pub : time(NULL);
        int64_t exp = base + j->max_age;
        if (exp == 0)
            exp = 1;
        if (e->expires[h] != exp) {
            e->expires[h] = exp;
            note_expiry(S, exp);
            if (sl_store_set_expires(e->store, j->id, exp) != SL_OK) {
                j->status = 500;
                j->message = sl_xstrdup(sl_store_errmsg(e->store));
            }
        }
    }
    return outcome != SL_UNCHANGED;
}

static int apply_delete(srv *S, srv_job *j)
{
    int rc = sl_remove_article(S->e, j->id);
    j->status = rc == SL_OK ? 204 : status_of(rc);
    if (rc != SL_OK)
        j->message = sl_xstrdup(sl_engine_errmsg(S->e));
    return rc == SL_OK;
}

/* Removes articles whose expiry is before the latest publication time.
 * Caller holds eng_lock and an open transaction. Returns the count. Scans
 * the articles only when the earliest expiry noted has passed (a scan of
 * 100,000 took as long as storing a batch), and notes the earliest left. */
static size_t sweep_expired(srv *S)
{
    sl_engine *e = S->e;
    if (!S->next_expiry || S->next_expiry >= S->latest_pub)
        return 0;
    size_t n = 0;
    S->next_expiry = 0;
    for (size_t h = 0; h < e->ndocs; h++) {
        if (!e->docs[h] || !e->expires[h])
            continue;
        if (e->expires[h] >= S->latest_pub) {
            note_expiry(S, e->expires[h]);
            continue;
        }
        char *id = sl_xstrdup(e->docs[h]->id);
        if (sl_remove_article(e, id) == SL_OK)
            n++;
        else
            note_expiry(S, e->expires[h]); /* still there: try again later */
        free(id);
    }
    return n;
}

/* ---- the thread ------------------------------------------------------------ */

/* Runs one batch; returns 1 if the engine changed. */
static int run_batch(srv *S, srv_job *jobs)
{
    sl_store *st = S->e->store;
    int changed = 0;
    double t0 = sl_now();
    size_t n = 0;
    sl_store_begin(st);
    for (srv_job *j = jobs; j; j = j->next, n++) {
        pthread_mutex_lock(&S->eng_lock);
        changed |= j->kind == JOB_PUT ? apply_put(S, j) : apply_delete(S, j);
        pthread_mutex_unlock(&S->eng_lock);
    }
    double t1 = sl_now();
    pthread_mutex_lock(&S->eng_lock);
    size_t expired = sweep_expired(S);
    pthread_mutex_unlock(&S->eng_lock);
    double t2 = sl_now();
    if (expired) {
        changed = 1;
        atomic_fetch_add(&S->n_expired, (long long)expired);
    }
    /* the sites' chrome table, kept with the batch now and then (and by
     * the engine at shutdown): a restart would otherwise begin with none */
    static double chrome_at; /* (writer thread only) */
    uint64_t chrome = 0;
    if (t2 - chrome_at >= CHROME_EVERY) {
        chrome = sl_engine_put_chrome(S->e);
        chrome_at = t2;
    }
    if (sl_store_commit(st) == SL_OK) {
        sl_engine_chrome_kept(S->e, chrome);
    } else {
        const char *msg = sl_store_errmsg(st);
        fprintf(stderr, "storyline serve: commit failed: %s\n", msg);
        sl_store_rollback(st);
        for (srv_job *j = jobs; j; j = j->next)
            if (j->status < 300) {
                j->status = 500;
                free(j->message);
                j->message = sl_xasprintf("cannot commit: %s", msg);
            }
    }
    if (S->debug && n)
        fprintf(stderr, "batch %zu jobs: apply %.1f ms, sweep %.1f ms, commit %.1f ms\n", n,
                (t1 - t0) * 1e3, (t2 - t1) * 1e3, (sl_now() - t2) * 1e3);
    return changed;
}

static void finish_jobs(srv *S, srv_job *jobs)
{
    pthread_mutex_lock(&S->q_lock);
    for (srv_job *j = jobs; j; j = j->next)
        j->done = 1;
    pthread_mutex_unlock(&S->q_lock);
    /* j may be freed as soon as its connection resumes: read next first */
    for (srv_job *j = jobs, *next; j; j = next) {
        next = j->next;
        j->next = NULL;
        MHD_resume_connection(j->conn);
    }
}

static double snap_cost; /* seconds the last rebuild took (writer thread only) */

/* Seconds between rebuilds under load: SNAP_EVERY, or more when rebuilds
 * are slow, so they take at most a fifth of the writer's time. */
static double snap_interval(void)
{
    return snap_cost * 5 > SNAP_EVERY ? snap_cost * 5 : SNAP_EVERY;
}

static void rebuild_snapshot(srv *S)
{
    double t0 = sl_now();
    /* S->snap is replaced only here: the writer reads it without snap_lock */
    rank_snap *n = rank_build(S->e, &S->eng_lock, S->snap, S->latest_pub);
    size_t described = n->described;
    srv_snap_swap(S, n);
    snap_cost = sl_now() - t0;
    if (S->debug)
        fprintf(stderr, "snapshot: %.1f ms, %zu stories described\n", (sl_now() - t0) * 1e3,
                described);
}

static void cluster_now(srv *S)
{
    double t0 = sl_now();
    pthread_mutex_lock(&S->eng_lock);
    if (sl_cluster(S->e) != SL_OK)
        fprintf(stderr, "storyline serve: %s\n", sl_engine_errmsg(S->e));
    pthread_mutex_unlock(&S->eng_lock);
    if (S->debug)
        fprintf(stderr, "sl_cluster: %.1f ms\n", (sl_now() - t0) * 1e3);
}

static void cond_wait_for(pthread_cond_t *c, pthread_mutex_t *m, double secs)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long ns = (long long)ts.tv_nsec + (long long)(secs * 1e9);
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(c, m, &ts);
}

static void timed_wait(srv *S, double secs) { cond_wait_for(&S->q_cond, &S->q_lock, secs); }

/* ---- the indexer thread -------------------------------------------------- */

/* After a batch (writer): notes its time and wakes the indexer. */
static void indexer_kick(srv *S, double when)
{
    atomic_store(&S->last_batch_us, (long long)(when * 1e6));
    pthread_mutex_lock(&S->ix_lock);
    pthread_cond_signal(&S->ix_cond);
    pthread_mutex_unlock(&S->ix_lock);
}

static void *indexer_main(void *arg)
{
    srv *S = arg;
    sl_store *st = S->e->store;
    pthread_setname_np(pthread_self(), "sl-indexer"); /* for top and perf */
    /* searches and the writer first: the index may lag a little */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5) != 0 && S->debug)
        fprintf(stderr, "indexer: cannot lower its priority\n");
    double since = 0, failed = 0; /* oldest unindexed seen; last failed pass */
    long long ck_batch = atomic_load(&S->last_batch_us); /* the last batch checkpointed */
    pthread_mutex_lock(&S->ix_lock);
    while (!S->ix_stopping) {
        size_t n = sl_store_unindexed(st);
        double now = sl_now();
        if (!n) {
            since = 0;
            /* the WAL's checkpoints are the indexer's too (server.c):
             * after each pass, and when writes stopped */
            long long b = atomic_load(&S->last_batch_us);
            if (b != ck_batch && now - b / 1e6 >= FTS_IDLE) {
                pthread_mutex_unlock(&S->ix_lock);
                sl_store_checkpoint(st);
                ck_batch = b;
                pthread_mutex_lock(&S->ix_lock);
                continue;
            }
            cond_wait_for(&S->ix_cond, &S->ix_lock, 1.0);
            continue;
        }
        if (!since)
            since = now;
        double idle_at = atomic_load(&S->last_batch_us) / 1e6 + FTS_IDLE;
        double at = since + FTS_LAG < idle_at ? since + FTS_LAG : idle_at;
        if (n < FTS_EVERY && now < at) {
            cond_wait_for(&S->ix_cond, &S->ix_lock, at - now);
            continue;
        }
        if (now - failed < 1.0) {
            cond_wait_for(&S->ix_cond, &S->ix_lock, failed + 1.0 - now);
            continue;
        }
        pthread_mutex_unlock(&S->ix_lock);
        size_t k = 0;
        if (sl_store_index(st, 0, &k) != SL_OK) {
            /* (the store's message belongs to the writer's connection) */
            fprintf(stderr, "storyline serve: an index pass failed; retrying in a second\n");
            failed = sl_now();
        }
        since = sl_store_unindexed(st) ? sl_now() : 0;
        double t1 = sl_now();
        ck_batch = atomic_load(&S->last_batch_us);
        sl_store_checkpoint(st);
        if (S->debug)
            fprintf(stderr, "index: %zu articles, %.1f ms, checkpoint %.1f ms\n", k,
                    (t1 - now) * 1e3, (sl_now() - t1) * 1e3);
        pthread_mutex_lock(&S->ix_lock);
    }
    pthread_mutex_unlock(&S->ix_lock);
    return NULL;
}

static int indexer_start(srv *S)
{
    const char *delay = getenv("SL_SERVE_INDEX_DELAY_MS");
    if (delay && atoi(delay) > 0)
        FTS_IDLE = FTS_LAG = atoi(delay) / 1e3;
    pthread_mutex_init(&S->ix_lock, NULL);
    pthread_cond_init(&S->ix_cond, NULL);
    S->ix_stopping = 0;
    atomic_store(&S->last_batch_us, (long long)(sl_now() * 1e6));
    if (pthread_create(&S->indexer, NULL, indexer_main, S) != 0)
        return -1;
    S->ix_started = 1;
    return 0;
}

/* Stops the indexer (what is left is indexed when the store closes). */
static void indexer_stop(srv *S)
{
    if (!S->ix_started)
        return;
    pthread_mutex_lock(&S->ix_lock);
    S->ix_stopping = 1;
    pthread_cond_signal(&S->ix_cond);
    pthread_mutex_unlock(&S->ix_lock);
    pthread_join(S->indexer, NULL);
    S->ix_started = 0;
}

static void *writer_main(void *arg)
{
    srv *S = arg;
    pthread_setname_np(pthread_self(), "sl-writer");
    int snap_dirty = 0, clu_dirty = 0;
    double last_snap = sl_now(), last_change = sl_now(), last_batch = sl_now();
    if (run_batch(S, NULL)) /* a first sweep: articles may have expired while down */
        snap_dirty = clu_dirty = 1;
    pthread_mutex_lock(&S->q_lock);
    for (;;) {
        if (!S->q_head) {
            if (S->stopping)
                break;
            /* idle work, each when its time comes: the snapshot SNAP_IDLE
             * after the last batch (and once the last rebuild is at most a
             * fifth of the time since it: a large index rebuilds slowly),
             * sl_cluster CLUSTER_IDLE after */
            double snap_at = last_snap + snap_cost * 5;
            if (snap_at < last_batch + SNAP_IDLE)
                snap_at = last_batch + SNAP_IDLE;
            double at = sl_now() + 1.0;
            if (clu_dirty)
                at = last_change + CLUSTER_IDLE;
            if (snap_dirty && snap_at < at)
                at = snap_at;
            double wait = at - sl_now();
            timed_wait(S, wait > 0.001 ? wait : 0.001);
            if (!S->q_head) {
                pthread_mutex_unlock(&S->q_lock);
                double now = sl_now();
                if (snap_dirty && now >= snap_at) {
                    rebuild_snapshot(S);
                    snap_dirty = 0;
                    last_snap = sl_now();
                }
                if (!snap_dirty && clu_dirty && now - last_change >= CLUSTER_IDLE) {
                    cluster_now(S);
                    clu_dirty = 0;
                    rebuild_snapshot(S);
                }
                pthread_mutex_lock(&S->q_lock);
                continue;
            }
        }
        srv_job *jobs = S->q_head, *last = jobs;
        size_t n = 1;
        while (last->next && n < MAX_BATCH) {
            last = last->next;
            n++;
        }
        S->q_head = last->next;
        if (!S->q_head)
            S->q_tail = NULL;
        last->next = NULL;
        S->q_len -= n;
        pthread_mutex_unlock(&S->q_lock);

        if (run_batch(S, jobs)) {
            snap_dirty = clu_dirty = 1;
            last_change = sl_now();
        }
        finish_jobs(S, jobs);
        last_batch = sl_now();
        indexer_kick(S, last_batch);
        if (snap_dirty && sl_now() - last_snap >= snap_interval()) {
            rebuild_snapshot(S);
            snap_dirty = 0;
            last_snap = sl_now();
        }
        pthread_mutex_lock(&S->q_lock);
    }
    S->writer_exited = 1;
    pthread_mutex_unlock(&S->q_lock);
    if (clu_dirty)
        cluster_now(S);
    return NULL;
}

/* ---- extractor threads --------------------------------------------------- */

/* Appends j to the queue head..tail (the caller holds its lock). */
static void job_append(srv_job **head, srv_job **tail, srv_job *j)
{
    j->next = NULL;
    if (*tail)
        (*tail)->next = j;
    else
        *head = j;
    *tail = j;
}

/* Makes and extracts a PUT job's doc, cuts its site's repeated lines (the
 * engine's chrome table has its own lock) and counts its terms with the
 * thread's scratch extractor x (no engine lock): sets
 * j->prepared and j->counts, or j->prep_rc and j->message. */
static void prepare_job(srv *S, srv_job *j, sl_cfx *x)
{
    char *err = NULL;
    sl_doc *d = make_doc(j, &err);
    if (!d) {
        j->prep_rc = SL_EINVAL;
        j->message = sl_xasprintf("%s: %s", j->id, err ? err : "malformed JSON");
        free(err);
        return;
    }
    int rc = sl_engine_prepare_doc(d, &err);
    if (rc != SL_OK) {
        j->prep_rc = rc;
        j->message = sl_xasprintf("%s: %s", d->source ? d->source : d->id,
                                  err ? err : sl_strerror(rc));
        free(err);
        sl_doc_free(d);
        return;
    }
    sl_engine_cut_chrome(S->e, d);
    j->prepared = d;
    j->counts = sl_cfx_count(x, d);
}

static void enqueue_writer(srv *S, srv_job *j);

static void *extractor_main(void *arg)
{
    srv *S = arg;
    pthread_setname_np(pthread_self(), "sl-extractor");
    /* readers first: extraction is bulk work (Linux: per-thread nice) */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5) != 0 && S->debug)
        fprintf(stderr, "extractor: cannot lower its priority\n");
    sl_cfx *x = sl_clu_scratch(S->e->clu); /* freed before the engine closes */
    pthread_mutex_lock(&S->x_lock);
    for (;;) {
        while (!S->x_head && !S->x_stopping)
            pthread_cond_wait(&S->x_cond, &S->x_lock);
        if (!S->x_head)
            break; /* stopping and drained */
        srv_job *j = S->x_head;
        S->x_head = j->next;
        if (!S->x_head)
            S->x_tail = NULL;
        j->next = NULL;
        pthread_mutex_unlock(&S->x_lock);
        prepare_job(S, j, x);
        enqueue_writer(S, j);
        pthread_mutex_lock(&S->x_lock);
    }
    pthread_mutex_unlock(&S->x_lock);
    sl_cfx_free(x);
    return NULL;
}

/* Lets the extractors drain their queue into the writer's and joins them. */
static void stop_extractors(srv *S)
{
    pthread_mutex_lock(&S->x_lock);
    S->x_stopping = 1;
    pthread_cond_broadcast(&S->x_cond);
    pthread_mutex_unlock(&S->x_lock);
    for (int i = 0; i < S->nx; i++)
        pthread_join(S->xthreads[i], NULL);
    S->nx = 0;
    free(S->xthreads);
    S->xthreads = NULL;
}

/* Extractor threads: one per processor, at most 8. */
static int extractor_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int srv_writer_start(srv *S)
{
    xmlInitParser(); /* not reentrant: once, before the extractors run */
    pthread_mutex_init(&S->x_lock, NULL);
    pthread_cond_init(&S->x_cond, NULL);
    S->x_head = S->x_tail = NULL;
    S->x_stopping = 0;
    S->nx = 0;
    int want = extractor_count();
    S->xthreads = sl_xcalloc((size_t)want, sizeof *S->xthreads);
    for (int i = 0; i < want; i++)
        if (pthread_create(&S->xthreads[S->nx], NULL, extractor_main, S) == 0)
            S->nx++;
    if (indexer_start(S) != 0) {
        stop_extractors(S);
        return -1;
    }
    if (pthread_create(&S->writer, NULL, writer_main, S) != 0) {
        stop_extractors(S);
        indexer_stop(S);
        return -1;
    }
    S->writer_started = 1;
    return 0;
}

/* PUT jobs go to the extractors first (unless there are none); everything
 * else straight to the writer. */
void srv_enqueue(srv *S, srv_job *j)
{
    if (j->kind == JOB_PUT && S->nx > 0) {
        pthread_mutex_lock(&S->x_lock);
        if (!S->x_stopping) {
            job_append(&S->x_head, &S->x_tail, j);
            pthread_cond_signal(&S->x_cond);
            pthread_mutex_unlock(&S->x_lock);
            return;
        }
        pthread_mutex_unlock(&S->x_lock);
    }
    enqueue_writer(S, j);
}

static void enqueue_writer(srv *S, srv_job *j)
{
    pthread_mutex_lock(&S->q_lock);
    if (S->writer_exited) {
        j->done = 1;
        j->status = 503;
        j->message = sl_xstrdup("the server is shutting down");
        pthread_mutex_unlock(&S->q_lock);
        MHD_resume_connection(j->conn);
        return;
    }
    job_append(&S->q_head, &S->q_tail, j);
    S->q_len++;
    pthread_cond_signal(&S->q_cond);
    pthread_mutex_unlock(&S->q_lock);
}

void srv_writer_stop(srv *S)
{
    if (!S->writer_started)
        return;
    stop_extractors(S); /* they hand what they hold to the writer first */
    pthread_mutex_lock(&S->q_lock);
    S->stopping = 1;
    pthread_cond_signal(&S->q_cond);
    pthread_mutex_unlock(&S->q_lock);
    pthread_join(S->writer, NULL);
    S->writer_started = 0;
    indexer_stop(S);
}
