/*
 * engine: the public API. Holds the docs in memory (handle = index), the
 * store (SQLite), the clusterer and the stories view; runs the pipeline
 * bytes -> reader -> extract -> store -> cluster, and the views on demand.
 */
#include "engine.h"
#include "cluster_feat.h"
#include "extract.h"
#include "reader.h"
#include "sitechrome.h"
#include "views.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sl_strerror(int code)
{
    switch (code) {
    case SL_OK: return "ok";
    case SL_EINVAL: return "invalid argument";
    case SL_EIO: return "input/output error";
    case SL_EFORMAT: return "malformed input";
    case SL_ETOOBIG: return "input over the size limit";
    case SL_EEMPTY: return "no article text";
    case SL_EBINARY: return "binary data, not text";
    case SL_EDB: return "database error";
    case SL_ENOTFOUND: return "not found";
    case SL_ELOOP: return "symbolic link loop";
    default: return "unknown error";
    }
}

void sl_free(void *p) { free(p); }

int sl_init_process(void) { return sl_store_process_init(); }

int sl_engine_fail(sl_engine *e, int code, const char *fmt, ...)
{
    sl_buf_reset(&e->err);
    va_list ap;
    va_start(ap, fmt);
    sl_buf_vprintf(&e->err, fmt, ap);
    va_end(ap);
    return code;
}

const char *sl_engine_errmsg(const sl_engine *e)
{
    return e && e->err.data ? e->err.data : "";
}

/* ---- loading -------------------------------------------------------------- */

static uint32_t new_handle(sl_engine *e, sl_doc *d)
{
    if (e->ndocs == e->capdocs) {
        e->capdocs = e->capdocs ? e->capdocs * 2 : 256;
        e->docs = sl_xrealloc(e->docs, e->capdocs * sizeof *e->docs);
        e->expires = sl_xrealloc(e->expires, e->capdocs * sizeof *e->expires);
        e->instore = sl_xrealloc(e->instore, e->capdocs * sizeof *e->instore);
    }
    uint32_t h = (uint32_t)e->ndocs++;
    e->docs[h] = d;
    e->expires[h] = 0;
    e->instore[h] = 0;
    sl_strmap_put(e->ids, d->id, h);
    return h;
}

static int load_one(void *ud, sl_doc *d, int64_t story)
{
    sl_engine *e = ud;
    uint32_t h = new_handle(e, d);
    if (e->capplaced < e->capdocs) {
        e->capplaced = e->capdocs;
        e->placed = sl_xrealloc(e->placed, e->capplaced * sizeof *e->placed);
    }
    e->placed[h] = story;
    e->instore[h] = story;
    return 0;
}

/* Developer knob: SL_CLUSTER_PARAMS="threshold=0.3,time_pen=0.1" sets the
 * clusterer's tunable parameters (names in cluster.c) for experiments. */
static void set_cluster_params(sl_clusterer *c, const char *spec)
{
    while (spec && *spec) {
        char name[64];
        double v;
        int n = 0;
        if (sscanf(spec, "%63[^=,]=%lf%n", name, &v, &n) == 2)
            sl_clu_set(c, name, v);
        spec = strchr(spec, ',');
        if (spec)
            spec++;
    }
}

static void add_hist(sl_engine *e, int64_t from, int64_t into, const char *rule, double score,
                     const char *article)
{
    if (e->nhist == e->caphist) {
        e->caphist = e->caphist ? e->caphist * 2 : 16;
        e->hist = sl_xrealloc(e->hist, e->caphist * sizeof *e->hist);
    }
    e->hist[e->nhist++] = (sl_merge_rec){from, into, rule ? sl_xstrdup(rule) : NULL, score,
                                         article ? sl_xstrdup(article) : NULL};
}

/* A stored merge; the id that ended names no new story. */
static void load_merge(void *ud, int64_t from, int64_t into, const char *rule, double score,
                       const char *article)
{
    sl_engine *e = ud;
    add_hist(e, from, into, rule, score, article);
    sl_clu_reserve_ids(e->clu, from);
}

/* Copies the clusterer's new merges into the history (the article named
 * while it is still known). */
static void take_merges(sl_engine *e)
{
    const sl_clu_merge *m;
    size_t nm = sl_clu_merges(e->clu, &m);
    for (size_t i = e->clu_seen; i < nm; i++) {
        const sl_doc *d = m[i].doc < e->ndocs ? e->docs[m[i].doc] : NULL;
        add_hist(e, m[i].from, m[i].into, m[i].rule, m[i].score, d ? d->id : NULL);
    }
    e->clu_seen = nm;
}

#define LAZY_READS 1024 /* texts read one by one before the rest are read at once */

static void load_texts(sl_engine *e);

/* Doc h with its text, read from the store if it was not loaded (a
 * database opened with its stored stories); NULL if removed. A caller
 * that goes on asking (every story's views) gets every text read at once
 * after LAZY_READS: one pass over the table costs what a few thousand
 * single reads do. */
static sl_doc *ensure_text(sl_engine *e, uint32_t h)
{
    sl_doc *d = h < e->ndocs ? e->docs[h] : NULL;
    if (d && !d->text) {
        if (e->lazy && ++e->lazy_reads > LAZY_READS)
            load_texts(e);
        if (!d->text)
            d->text = sl_store_text(e->store, d->id);
        if (!d->text)
            d->text = sl_xstrdup(""); /* (the row is gone: a broken database) */
    }
    return d;
}

static void fill_text(void *ud, const char *id, const char *text)
{
    sl_engine *e = ud;
    uint32_t h;
    if (id && text && sl_strmap_get(e->ids, id, &h) && e->docs[h] && !e->docs[h]->text)
        e->docs[h]->text = sl_xstrdup(text);
}

/* Every text, in one pass over the table (a doc it missed is read on its
 * own by ensure_text). */
static void load_texts(sl_engine *e)
{
    if (!e->lazy)
        return;
    e->lazy = 0;
    sl_store_each_text(e->store, fill_text, e);
    for (uint32_t h = 0; h < e->ndocs; h++)
        ensure_text(e, h);
}

/* The text doc_of_handle read for the clusterer alone, freed at its next
 * call or at the end of the build. */
static void release_warm(sl_engine *e)
{
    if (e->warm_doc) {
        free(e->warm_doc->text);
        e->warm_doc->text = NULL;
        e->warm_doc = NULL;
    }
}

/* The clusterer's way back to an article (see sl_clu_set_source): it
 * computes the features of an article gone cold again. While the
 * clusterer is built from lazily read texts, such a text is read alone
 * and dropped after use, so that building never holds every text. */
static const sl_doc *doc_of_handle(void *ud, uint32_t h)
{
    sl_engine *e = ud;
    release_warm(e);
    sl_doc *d = h < e->ndocs ? e->docs[h] : NULL;
    if (e->building && e->lazy && d && !d->text) {
        d->text = sl_store_text(e->store, d->id);
        if (!d->text)
            d->text = sl_xstrdup(""); /* (the row is gone: a broken database) */
        e->warm_doc = d;
        return d;
    }
    return ensure_text(e, h);
}

/* And its way to the saved counts of such an article (see
 * sl_clu_set_saved), read on their own, freed at the next call. */
static const void *counts_of_handle(void *ud, uint32_t h, size_t *n)
{
    sl_engine *e = ud;
    free(e->warm_counts);
    e->warm_counts = NULL;
    *n = 0;
    const sl_doc *d = h < e->ndocs ? e->docs[h] : NULL;
    if (d && d->id && e->persistent)
        e->warm_counts = sl_store_counts(e->store, d->id, n);
    return e->warm_counts;
}

/* The format of the stories a clusterer writes: stories saved by another
 * format are not shown as they are (see "Deferred clustering"). Change
 * the number with any change to what the clusterer makes of stored
 * articles (membership, duplicates, related links, first and last seen). */
#define STORIES_FORMAT SL_VERSION "/1"

/* Doc h to the clusterer, into its stored story if it has one. Its term
 * counts come from `saved` (n bytes, the row's saved counts, NULL if
 * none) when they still hold (see cluster_feat.c "saved counts"), else
 * are counted; counted while a write builds the clusterer, they are saved
 * for the next build (in the write's transaction). */
static void place(sl_engine *e, uint32_t h, const void *saved, size_t n)
{
    sl_doc *d = e->docs[h];
    if (!d)
        return;
    sl_cfcount *cnt = saved ? sl_clu_count_saved(e->clu, d, saved, n) : NULL;
    if (cnt) {
        e->counts_restored++;
    } else {
        cnt = sl_clu_count(e->clu, d);
        if (e->save_counts) {
            sl_buf b = {0};
            sl_cfcount_save(cnt, &b);
            int rc = sl_store_put_counts(e->store, d->id, b.data, b.len);
            if (rc == SL_OK)
                e->counts_saved++;
            else if (rc == SL_EDB) /* the database refuses: no more tries */
                e->save_counts = 0;
            sl_buf_free(&b);
        }
    }
    if (e->placed[h] > 0)
        sl_clu_place_counted(e->clu, h, d, e->placed[h], cnt);
    else
        sl_clu_add_counted(e->clu, h, d, cnt);
    sl_cfcount_free(cnt);
}

/* Docs from *next on, in handle order, up to (not including) `to`, with
 * texts read on their own and, when texts are read lazily, dropped after. */
static void place_upto(sl_engine *e, uint32_t *next, uint32_t to)
{
    for (; *next < to; (*next)++) {
        sl_doc *d = ensure_text(e, *next);
        int own = d && e->lazy; /* (ensure_text may have read every text) */
        place(e, *next, NULL, 0);
        if (own && e->lazy) {
            free(d->text);
            d->text = NULL;
        }
    }
}

typedef struct streaming {
    sl_engine *e;
    uint32_t next; /* the first handle not yet placed */
} streaming;

/* A stored text in the table's order (the handles' order, as the
 * articles were loaded), with its saved counts: its doc placed with the
 * text borrowed for the features, any doc before it first. */
static void place_text(void *ud, const char *id, const char *text, const void *counts, size_t n)
{
    streaming *S = ud;
    sl_engine *e = S->e;
    uint32_t h;
    if (!id || !text || !sl_strmap_get(e->ids, id, &h) || h < S->next || !e->docs[h] ||
        e->docs[h]->text || !e->lazy)
        return; /* (placed by place_upto, in its turn) */
    place_upto(e, &S->next, h);
    if (!e->lazy || e->docs[h]->text)
        return; /* every text was read on the way: place_upto goes on */
    e->docs[h]->text = (char *)text;
    place(e, h, counts, n);
    e->docs[h]->text = NULL;
    S->next = h + 1;
}

/* Gives the loaded articles to the clusterer, each into its stored story
 * (one without goes through the stream): at open, or on first need when
 * deferred, the texts streamed (place_text) with their saved counts; a
 * write (`save`) saves the counts it had to make. The related links are left
 * to ensure_links: a batch makes them anyway, and sl_why needs the
 * members alone (linking a million stories takes half a minute).
 * Merges it records on the way were recorded before. The stored stories,
 * if shown, stay shown until an article changes (drop_saved): the
 * clusterer has the same members, but its links, made again from story
 * vectors that the batch's moves shaped differently, need not be the
 * links the stories were saved with. */
static void build_clusterer(sl_engine *e, int save)
{
    e->deferred = 0;
    streaming S = {e, 0};
    e->building = 1;
    e->save_counts = save && e->persistent;
    int opened = 0;
    if (e->save_counts) { /* the counts saved in one transaction (the write's, if open),
                             begun before the texts are read; none if it cannot begin
                             (another writer has the database) */
        opened = sl_store_begin_bulk(e->store) == SL_OK;
        e->save_counts = opened && sl_store_ready(e->store) == SL_OK;
    }
    if (e->lazy) /* each text read, used for its article's features, dropped */
        sl_store_each_counted(e->store, place_text, &S);
    place_upto(e, &S.next, (uint32_t)e->ndocs);
    if (opened)
        sl_store_commit(e->store); /* (a cache: a failure loses nothing else) */
    e->building = 0;
    e->save_counts = 0;
    release_warm(e);
    free(e->placed);
    e->placed = NULL;
    e->capplaced = 0;
    e->links_pending = 1;
    const sl_clu_merge *m;
    e->clu_seen = sl_clu_merges(e->clu, &m);
    if (!e->saved)
        e->stale = 1;
}

/* Links the clusterer's stories if building it left them unlinked:
 * before its stories are shown or read. */
static void ensure_links(sl_engine *e)
{
    if (e->links_pending) {
        sl_clu_finish(e->clu, 0);
        e->links_pending = 0;
    }
}

void sl_engine_need_clusterer(sl_engine *e, int save)
{
    if (e->deferred)
        build_clusterer(e, save);
    ensure_links(e);
}

/* Before an article changes: the stories come from the clusterer now
 * (linked when next shown, or by the batch). */
static void drop_saved(sl_engine *e)
{
    if (e->deferred)
        build_clusterer(e, 1);
    if (e->saved) {
        sl_engine_free_saved(e);
        e->stale = 1;
    }
}

static void load_chrome(sl_engine *e);
static void keep_chrome(sl_engine *e);

int sl_engine_open(const char *path, const sl_options *opts, sl_engine **out)
{
    *out = NULL;
    sl_engine *e = sl_xcalloc(1, sizeof *e);
    if (opts)
        e->opts = *opts;
    if (!e->opts.max_input_bytes)
        e->opts.max_input_bytes = (size_t)32 << 20;
    e->ids = sl_strmap_new();
    e->clu = sl_clu_new();
    e->chrome = sl_chrome_new();
    sl_clu_set_source(e->clu, doc_of_handle, e);
    sl_clu_set_saved(e->clu, counts_of_handle);
    set_cluster_params(e->clu, getenv("SL_CLUSTER_PARAMS"));
    e->persistent = path && strcmp(path, ":memory:") != 0;
    char *err = NULL;
    if (sl_store_open(path, &e->store, &err) != SL_OK) {
        sl_engine_fail(e, SL_EDB, "%s", err);
        free(err);
        *out = e; /* so the caller can read the message; close frees it */
        return SL_EDB;
    }
    /* a developer's parameters change the stories: they are made again */
    e->deferred = e->persistent && !getenv("SL_CLUSTER_PARAMS") &&
                  sl_store_stories_current(e->store, STORIES_FORMAT);
    e->lazy = e->deferred; /* the texts are read when needed */
    if (sl_store_each(e->store, !e->lazy, load_one, e) != SL_OK) {
        *out = e;
        return sl_engine_fail(e, SL_EDB, "cannot load %s: %s", path,
                              sl_store_errmsg(e->store));
    }
    load_chrome(e);
    e->instore_known = 1; /* each article's story as its row has it */
    e->instore_undone = sl_store_undone(e->store);
    if (!e->deferred || sl_engine_load_saved(e) != SL_OK)
        build_clusterer(e, 0); /* (nothing saved to show) */
    if (sl_store_each_merge(e->store, load_merge, e) != SL_OK) {
        *out = e;
        return sl_engine_fail(e, SL_EDB, "cannot load the merges of %s: %s", path,
                              sl_store_errmsg(e->store));
    }
    e->hist_saved = e->nhist;
    e->stale = 1;
    *out = e;
    return SL_OK;
}

static void free_stories(sl_engine *e)
{
    for (size_t i = 0; i < e->nstories; i++) {
        free(e->stories[i].ids);
        free(e->stories[i].headline);
    }
    free(e->stories);
    e->stories = NULL;
    e->nstories = 0;
    free(e->merged);
    e->merged = NULL;
}

void sl_engine_close(sl_engine *e)
{
    if (!e)
        return;
    keep_chrome(e);
    free_stories(e);
    for (size_t i = 0; i < e->nhist; i++) {
        free(e->hist[i].rule);
        free(e->hist[i].article);
    }
    free(e->hist);
    sl_u64map_free(&e->byid);
    sl_u64map_free(&e->last_end);
    for (size_t i = 0; i < e->ndocs; i++)
        sl_doc_free(e->docs[i]);
    free(e->docs);
    free(e->expires);
    free(e->instore);
    sl_engine_rows_free(e);
    sl_strmap_free(e->ids);
    sl_clu_free(e->clu);
    sl_chrome_free(e->chrome);
    sl_engine_free_saved(e);
    free(e->placed);
    free(e->warm_counts);
    sl_store_close(e->store);
    sl_buf_free(&e->err);
    free(e);
}

/* ---- adding --------------------------------------------------------------- */

static uint64_t content_hash(const sl_doc *d)
{
    uint64_t h = sl_hash64(d->raw, d->raw_len);
    const char *f[] = {d->title, d->url, d->published, d->site, d->author, d->lang};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        h = h * 1099511628211ULL ^ (f[i] ? sl_hash64(f[i], strlen(f[i])) : i);
    return h ? h : 1;
}

static void forget(sl_engine *e, uint32_t h)
{
    drop_saved(e);
    sl_clu_remove(e->clu, h);
    sl_strmap_del(e->ids, e->docs[h]->id);
    sl_doc_free(e->docs[h]);
    e->docs[h] = NULL;
}

int sl_engine_prepare_doc(sl_doc *d, char **err)
{
    *err = NULL;
    if (!d->raw)
        d->raw = sl_xstrdup("");
    d->hash = content_hash(d);
    return sl_extract(d, err);
}

void sl_engine_cut_chrome(sl_engine *e, sl_doc *d)
{
    sl_chrome_cut(e->chrome, d);
}

/* The chrome table's name in the database's state. */
#define CHROME_STATE "sitechrome"

uint64_t sl_engine_put_chrome(sl_engine *e)
{
    if (!e->persistent || !e->store || !sl_chrome_dirty(e->chrome))
        return 0;
    sl_buf b = {0};
    uint64_t v = sl_chrome_save(e->chrome, &b);
    if (sl_store_put_state(e->store, CHROME_STATE, b.data, b.len) != SL_OK)
        v = 0; /* (a cache: kept next time) */
    sl_buf_free(&b);
    return v;
}

void sl_engine_chrome_kept(sl_engine *e, uint64_t version)
{
    if (version)
        sl_chrome_saved(e->chrome, version);
}

/* At open: the table the last process kept (see sitechrome.h). */
static void load_chrome(sl_engine *e)
{
    size_t n;
    void *data = e->persistent ? sl_store_state(e->store, CHROME_STATE, &n) : NULL;
    if (data)
        sl_chrome_load(e->chrome, data, n); /* (a damaged one: empty) */
    free(data);
}

/* At close: the table, if it changed since kept, in a transaction of its
 * own. Not with each path added: `ingest --db F *.html` adds each file as
 * a path, and the table is up to a few megabytes. */
static void keep_chrome(sl_engine *e)
{
    if (!e->persistent || !e->store || !sl_chrome_dirty(e->chrome) ||
        sl_store_begin(e->store) != SL_OK)
        return;
    uint64_t v = sl_engine_put_chrome(e);
    if (sl_store_commit(e->store) == SL_OK)
        sl_engine_chrome_kept(e, v);
    else
        sl_store_rollback(e->store);
}

int sl_engine_add_doc(sl_engine *e, sl_doc *d, int64_t expires, int *outcome)
{
    return sl_engine_add_prepared(e, d, 0, NULL, expires, outcome);
}

int sl_engine_add_prepared(sl_engine *e, sl_doc *d, int prepared, const struct sl_cfcount *cnt,
                           int64_t expires, int *outcome)
{
    if (outcome)
        *outcome = 0;
    if (!d->id || !d->id[0]) {
        int rc = sl_engine_fail(e, SL_EINVAL, "%s: article has no id",
                                d->source ? d->source : "?");
        sl_doc_free(d);
        return rc;
    }
    if (!prepared) {
        if (!d->raw)
            d->raw = sl_xstrdup("");
        d->hash = content_hash(d);
    }
    uint32_t old;
    int exists = sl_strmap_get(e->ids, d->id, &old);
    if (exists && e->docs[old]->hash == d->hash && e->expires[old] == expires) {
        if (outcome)
            *outcome = SL_UNCHANGED;
        sl_doc_free(d);
        return SL_OK;
    }
    if (!prepared) {
        char *err = NULL;
        int rc = sl_extract(d, &err);
        if (rc != SL_OK) {
            sl_engine_fail(e, rc, "%s: %s", d->source ? d->source : d->id, err);
            free(err);
            sl_doc_free(d);
            return rc;
        }
        sl_engine_cut_chrome(e, d);
    }
    drop_saved(e);
    int64_t was = exists ? sl_clu_story_of(e->clu, old) : 0;
    if (exists)
        forget(e, old);
    uint32_t h = new_handle(e, d);
    e->expires[h] = expires;
    int64_t story = sl_clu_add_counted(e->clu, h, d, prepared ? cnt : NULL);
    if (was > 0 && was != story && !sl_clu_story_size(e->clu, was)) {
        take_merges(e); /* (in order) */
        add_hist(e, was, story, "replaced", NAN, d->id); /* its only article went there */
    }
    e->instore[h] = story;
    if (sl_store_put(e->store, d, story, expires) != SL_OK) {
        int rc = sl_engine_fail(e, SL_EDB, "%s: cannot store: %s", d->id,
                            sl_store_errmsg(e->store));
        forget(e, h);
        return rc;
    }
    free(d->raw); /* stored; memory is for what later stages use */
    d->raw = NULL;
    d->raw_len = 0;
    e->stale = 1;
    e->changed = 1;
    if (outcome)
        *outcome = exists ? SL_REPLACED : SL_ADDED;
    return SL_OK;
}

int sl_add_article(sl_engine *e, const char *id, const void *bytes, size_t len,
                   const sl_meta *meta, int *outcome)
{
    if (!e || !id || (!bytes && len))
        return SL_EINVAL;
    if (len > e->opts.max_input_bytes)
        return sl_engine_fail(e, SL_ETOOBIG, "%s: %zu bytes is over the limit of %zu", id,
                              len, e->opts.max_input_bytes);
    sl_doc *d = sl_doc_new();
    d->id = sl_utf8_repair(id, strlen(id), NULL, NULL);
    d->source = sl_xstrdup(meta && meta->source ? meta->source : id);
    d->format = meta ? (sl_format)meta->format : SL_FMT_AUTO;
    if (d->format == SL_FMT_JSON || d->format == SL_FMT_JSONL) {
        char *err = NULL; /* the id given wins over the body's "id" */
        int rc = sl_doc_from_json(d, bytes, len, &err);
        if (rc != SL_OK) {
            rc = sl_engine_fail(e, rc, "%s: %s", id, err);
            free(err);
            sl_doc_free(d);
            return rc;
        }
        d->format = SL_FMT_AUTO;
    } else {
        d->raw = sl_xmalloc(len + 1);
        if (len)
            memcpy(d->raw, bytes, len);
        d->raw[len] = 0;
        d->raw_len = len;
    }
    if (meta) {
        struct { const char *v; char **f; } m[] = {
            {meta->title, &d->title}, {meta->url, &d->url}, {meta->published, &d->published},
            {meta->site, &d->site}, {meta->author, &d->author}, {meta->lang, &d->lang}};
        for (size_t i = 0; i < sizeof m / sizeof *m; i++)
            if (m[i].v)
                sl_doc_set(m[i].f, m[i].v);
    }
    return sl_engine_add_doc(e, d, 0, outcome);
}

typedef struct add_ctx {
    sl_engine *e;
    sl_reject_fn reject;
    void *ud;
    size_t added;
    int fatal;
} add_ctx;

static int on_doc(void *ud, sl_doc *d)
{
    add_ctx *c = ud;
    char *source = sl_xstrdup(d->source ? d->source : "?");
    int outcome;
    int rc = sl_engine_add_doc(c->e, d, 0, &outcome);
    if (rc == SL_OK) {
        c->added++;
    } else if (rc == SL_EDB) {
        c->fatal = rc;
    } else if (c->reject) {
        /* the message starts with the source; pass the reason alone */
        const char *msg = sl_engine_errmsg(c->e);
        size_t n = strlen(source);
        if (!strncmp(msg, source, n) && msg[n] == ':')
            msg += n + 2;
        c->reject(c->ud, source, msg);
    }
    free(source);
    return c->fatal;
}

static void on_read_reject(void *ud, const char *source, const char *msg)
{
    add_ctx *c = ud;
    if (c->reject)
        c->reject(c->ud, source, msg);
}

int sl_add_path(sl_engine *e, const char *path, sl_reject_fn reject, void *ud,
                size_t *n_added)
{
    return sl_add_paths(e, &path, 1, reject, ud, n_added);
}

int sl_add_paths(sl_engine *e, const char *const *paths, size_t n, sl_reject_fn reject, void *ud,
                 size_t *n_added)
{
    add_ctx c = {e, reject, ud, 0, 0};
    sl_reader r = {e->opts.max_input_bytes, on_doc, on_read_reject, &c};
    sl_store_begin_bulk(e->store); /* one transaction, however many articles */
    for (size_t i = 0; i < n && !c.fatal; i++)
        sl_read_path(&r, paths[i]);
    if (c.fatal) {
        sl_store_rollback(e->store);
    } else if (sl_store_commit(e->store) != SL_OK) {
        c.fatal = sl_engine_fail(e, SL_EDB, "cannot commit: %s", sl_store_errmsg(e->store));
    }
    if (n_added)
        *n_added = c.added;
    return c.fatal;
}

int sl_remove_article(sl_engine *e, const char *id)
{
    uint32_t h;
    if (!sl_strmap_get(e->ids, id, &h))
        return sl_engine_fail(e, SL_ENOTFOUND, "%s: no such article", id);
    /* the clusterer built (if deferred) while the row is there: from its
     * text and saved counts, not from nothing */
    drop_saved(e);
    if (sl_store_delete(e->store, id) == SL_EDB)
        return sl_engine_fail(e, SL_EDB, "%s: %s", id, sl_store_errmsg(e->store));
    forget(e, h);
    e->stale = 1;
    e->changed = 1;
    return SL_OK;
}

/* ---- stories -------------------------------------------------------------- */

static int cmp_story(const void *a, const void *b)
{
    const sl_story *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    int64_t lx = x->cs->last_seen, ly = y->cs->last_seen;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The live story id ended in (see sl_story_resolve), after byid and
 * last_end are built. A chain is at most as long as the history. */
static int64_t resolve(const sl_engine *e, int64_t id)
{
    for (size_t step = 0; step <= e->nhist && id > 0; step++) {
        if (sl_u64map_get(&e->byid, (uint64_t)id))
            return id;
        const uint32_t *k = sl_u64map_get(&e->last_end, (uint64_t)id);
        if (!k)
            return 0;
        id = e->hist[*k].into;
    }
    return 0;
}

/* Groups the history by the live story each ended story is now part of
 * (sl_story.merged_at, nmerged), oldest merge first within a story. */
static void group_merges(sl_engine *e)
{
    sl_u64map_free(&e->last_end);
    for (size_t i = 0; i < e->nhist; i++)
        *sl_u64map_put(&e->last_end, (uint64_t)e->hist[i].from, 0) = (uint32_t)i;
    uint32_t *at = sl_xmalloc((e->nhist + 1) * sizeof *at); /* story index + 1, or 0 */
    size_t k = 0;
    for (size_t i = 0; i < e->nhist; i++) {
        at[i] = 0;
        const uint32_t *last = sl_u64map_get(&e->last_end, (uint64_t)e->hist[i].from);
        if (*last != i)
            continue; /* the id lived again and ended later: that entry counts */
        const uint32_t *x = sl_u64map_get(&e->byid, (uint64_t)resolve(e, e->hist[i].from));
        if (x && e->stories[*x].id != e->hist[i].from) {
            at[i] = *x + 1;
            e->stories[*x].nmerged++;
            k++;
        }
    }
    e->merged = sl_xmalloc((k + 1) * sizeof *e->merged);
    for (size_t i = 0, o = 0; i < e->nstories; i++) {
        e->stories[i].merged_at = o;
        o += e->stories[i].nmerged;
        e->stories[i].nmerged = 0;
    }
    for (size_t i = 0; i < e->nhist; i++)
        if (at[i]) {
            sl_story *s = &e->stories[at[i] - 1];
            e->merged[s->merged_at + s->nmerged++] = i;
        }
    free(at);
}

/* Ascending; the clusterer's lists mostly are already. */
static void sort_handles(uint32_t *h, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (h[i] < h[i - 1]) {
            qsort(h, n, sizeof *h, sl_cmp_u32);
            return;
        }
}

void sl_engine_refresh(sl_engine *e)
{
    if (!e->stale)
        return;
    take_merges(e);
    free_stories(e);
    const sl_clu_story *const *cs;
    const sl_clu_story **saved = NULL;
    size_t n;
    if (e->saved) { /* the stored stories (see "Deferred clustering") */
        n = e->nsaved;
        saved = sl_xmalloc((n + 1) * sizeof *saved);
        for (size_t i = 0; i < n; i++)
            saved[i] = &e->saved[i];
        cs = saved;
    } else {
        ensure_links(e);
        n = sl_clu_stories(e->clu, &cs);
    }
    e->stories = sl_xcalloc(n + 1, sizeof *e->stories);
    uint32_t *hs = NULL;
    size_t caphs = 0;
    for (size_t i = 0; i < n; i++) {
        sl_story *s = &e->stories[e->nstories];
        s->id = cs[i]->id;
        s->cs = cs[i];
        const char *stored;
        if (saved && (stored = sl_engine_row_stored_headline(e, s->id))) /* as computed before */
            s->headline = sl_xstrdup(stored);
        s->ids = sl_xmalloc((cs[i]->ndocs + 1) * sizeof *s->ids);
        /* members in the order they were added (handle order): the
         * clusterer's order puts an article a batch moved last, and a
         * database opened again gives them in the order they were stored */
        if (cs[i]->ndocs > caphs) {
            caphs = cs[i]->ndocs * 2;
            hs = sl_xrealloc(hs, caphs * sizeof *hs);
        }
        memcpy(hs, cs[i]->docs, cs[i]->ndocs * sizeof *hs);
        sort_handles(hs, cs[i]->ndocs);
        for (size_t j = 0; j < cs[i]->ndocs; j++) {
            const sl_doc *d = e->docs[hs[j]];
            if (d)
                s->ids[s->n++] = d->id;
        }
        if (s->n) {
            e->nstories++;
        } else {
            free(s->ids);
            free(s->headline);
            s->headline = NULL;
        }
    }
    free(hs);
    qsort(e->stories, e->nstories, sizeof *e->stories, cmp_story);
    sl_u64map_free(&e->byid);
    for (size_t i = 0; i < e->nstories; i++)
        *sl_u64map_put(&e->byid, (uint64_t)e->stories[i].id, 0) = (uint32_t)i;
    free(saved);
    group_merges(e);
    e->stale = 0;
}

static void json_dups(sl_engine *e, const sl_clu_story *cs, sl_buf *b)
{
    sl_buf_putc(b, '[');
    size_t k = 0;
    for (size_t i = 0; i < cs->ndups; i++) {
        const sl_doc *d = e->docs[cs->dups[i].doc], *of = e->docs[cs->dups[i].of];
        if (!d || !of)
            continue;
        sl_buf_puts(b, k++ ? ",{\"id\":" : "{\"id\":");
        sl_buf_json_str(b, d->id);
        sl_buf_puts(b, ",\"of\":");
        sl_buf_json_str(b, of->id);
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

static void json_related(const sl_clu_story *cs, sl_buf *b)
{
    sl_buf_putc(b, '['); /* (no printf: a batch writes every story's links) */
    for (size_t i = 0; i < cs->nrelated; i++) {
        sl_buf_puts(b, i ? ",{\"story\":" : "{\"story\":");
        sl_buf_put_int(b, (long long)cs->related[i].story);
        sl_buf_puts(b, ",\"reason\":");
        sl_buf_json_str(b, cs->related[i].reason);
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

int sl_cluster(sl_engine *e)
{
    if (!e->changed)
        return SL_OK;
    drop_saved(e); /* (done by the change already) */
    sl_clu_finish(e->clu, 1); /* (its last step links the stories) */
    e->links_pending = 0;
    e->stale = 1;
    e->changed = 0;
    if (!e->persistent)
        return SL_OK;
    sl_engine_refresh(e);
    sl_store_begin(e->store);
    int rc = sl_engine_write_stories(e, json_dups, json_related); /* what changed */
    take_merges(e);
    for (size_t i = e->hist_saved; i < e->nhist && rc == SL_OK; i++) {
        const sl_merge_rec *m = &e->hist[i];
        rc = sl_store_add_merge(e->store, m->from, m->into, m->rule, m->score, m->article);
    }
    if (rc == SL_OK) /* the table now describes the articles */
        rc = sl_store_stories_saved(e->store, STORIES_FORMAT);
    if (rc != SL_OK) {
        sl_store_rollback(e->store);
        sl_engine_rows_free(e); /* (the table is as it was, unknown to rows) */
        e->instore_known = 0;
        return sl_engine_fail(e, SL_EDB, "cannot save stories: %s", sl_store_errmsg(e->store));
    }
    if (sl_store_commit(e->store) != SL_OK) {
        sl_engine_rows_free(e);
        e->instore_known = 0;
        return sl_engine_fail(e, SL_EDB, "cannot commit: %s", sl_store_errmsg(e->store));
    }
    e->hist_saved = e->nhist;
    return SL_OK;
}

size_t sl_story_count(sl_engine *e)
{
    sl_engine_refresh(e);
    return e->nstories;
}

const sl_story *sl_story_at(sl_engine *e, size_t i)
{
    sl_engine_refresh(e);
    return i < e->nstories ? &e->stories[i] : NULL;
}

const sl_story *sl_story_find(sl_engine *e, int64_t id)
{
    sl_engine_refresh(e);
    const uint32_t *i = id > 0 ? sl_u64map_get(&e->byid, (uint64_t)id) : NULL;
    return i ? &e->stories[*i] : NULL;
}

int64_t sl_story_resolve(sl_engine *e, int64_t id)
{
    sl_engine_refresh(e);
    return resolve(e, id);
}

int64_t sl_story_id(const sl_story *s) { return s->id; }
size_t sl_story_article_count(const sl_story *s) { return s->n; }

const char *sl_story_article_id(const sl_story *s, size_t i)
{
    return i < s->n ? s->ids[i] : NULL;
}

const sl_doc *sl_engine_doc(sl_engine *e, const char *id)
{
    uint32_t h;
    return sl_strmap_get(e->ids, id, &h) ? ensure_text(e, h) : NULL;
}

const sl_doc **sl_engine_story_docs(sl_engine *e, const sl_story *s)
{
    const sl_doc **docs = sl_xmalloc((s->n + 1) * sizeof *docs);
    for (size_t i = 0; i < s->n; i++)
        docs[i] = sl_engine_doc(e, s->ids[i]);
    return docs;
}

const char *sl_story_headline(sl_engine *e, const sl_story *s)
{
    sl_story *m = (sl_story *)s; /* the headline is a cache */
    const char *kept;
    if (!m->headline && (kept = sl_engine_row_headline(e, s)))
        m->headline = sl_xstrdup(kept);
    if (!m->headline) {
        const sl_doc **docs = sl_engine_story_docs(e, s);
        m->headline = sl_view_headline(docs, s->n);
        free(docs);
    }
    return m->headline;
}

static void fmt_time(sl_buf *b, int64_t t)
{
    if (t == SL_TIME_UNKNOWN) {
        sl_buf_puts(b, "null");
        return;
    }
    char iso[32];
    sl_format_iso8601(t, iso);
    sl_buf_json_str(b, iso);
}

/* The merges that ended in story s, as the members of a JSON array. */
static void json_merged(const sl_engine *e, const sl_story *s, sl_buf *b)
{
    for (size_t i = 0; i < s->nmerged; i++) {
        const sl_merge_rec *m = &e->hist[e->merged[s->merged_at + i]];
        sl_buf_printf(b, "%s{\"story\":%lld,\"into\":%lld,\"rule\":", i ? "," : "",
                      (long long)m->from, (long long)m->into);
        sl_buf_json_str(b, m->rule);
        if (isnan(m->score))
            sl_buf_puts(b, ",\"score\":null,\"article\":");
        else
            sl_buf_printf(b, ",\"score\":%.4f,\"article\":", m->score);
        sl_buf_json_str(b, m->article);
        sl_buf_putc(b, '}');
    }
}

char *sl_story_json(sl_engine *e, const sl_story *s)
{
    sl_buf b = {0};
    sl_buf_printf(&b, "{\"id\":%lld,\"headline\":", (long long)s->id);
    sl_buf_json_str(&b, sl_story_headline(e, s));
    sl_buf_puts(&b, ",\"articles\":[");
    for (size_t i = 0; i < s->n; i++) {
        if (i)
            sl_buf_putc(&b, ',');
        sl_buf_json_str(&b, s->ids[i]);
    }
    sl_buf_puts(&b, "],\"first_seen\":");
    fmt_time(&b, s->cs->first_seen);
    sl_buf_puts(&b, ",\"last_seen\":");
    fmt_time(&b, s->cs->last_seen);
    sl_buf_puts(&b, ",\"duplicates\":");
    json_dups(e, s->cs, &b);
    sl_buf_puts(&b, ",\"related\":");
    json_related(s->cs, &b);
    sl_buf_puts(&b, ",\"merged\":[");
    json_merged(e, s, &b);
    sl_buf_putc(&b, ']');
    const sl_doc **docs = sl_engine_story_docs(e, s);
    sl_view_json(&b, docs, s->n, NULL);
    free(docs);
    sl_buf_putc(&b, '}');
    return sl_buf_take(&b);
}

char *sl_story_text(sl_engine *e, const sl_story *s)
{
    sl_buf b = {0};
    sl_buf_printf(&b, "Story %lld: ", (long long)s->id);
    sl_buf_put_printable(&b, sl_story_headline(e, s));
    sl_buf_putc(&b, '\n');
    if (s->cs->first_seen != SL_TIME_UNKNOWN) {
        char a[32], z[32];
        sl_format_iso8601(s->cs->first_seen, a);
        sl_format_iso8601(s->cs->last_seen, z);
        sl_buf_printf(&b, "Seen: %s .. %s\n", a, z);
    }
    sl_buf_printf(&b, "Articles (%zu):\n", s->n);
    for (size_t i = 0; i < s->n; i++) {
        const sl_doc *d = sl_engine_doc(e, s->ids[i]);
        sl_buf_puts(&b, "  ");
        sl_buf_put_printable(&b, s->ids[i]);
        if (d && d->site) {
            sl_buf_puts(&b, " [");
            sl_buf_put_printable(&b, d->site);
            sl_buf_putc(&b, ']');
        }
        if (d && d->published)
            sl_buf_printf(&b, " %s", d->published);
        if (d && d->title) {
            sl_buf_puts(&b, "  ");
            sl_buf_put_printable(&b, d->title);
        }
        sl_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < s->cs->ndups; i++) {
        const sl_doc *d = e->docs[s->cs->dups[i].doc], *of = e->docs[s->cs->dups[i].of];
        if (d && of) {
            sl_buf_puts(&b, "Duplicate: ");
            sl_buf_put_printable(&b, d->id);
            sl_buf_puts(&b, " of ");
            sl_buf_put_printable(&b, of->id);
            sl_buf_putc(&b, '\n');
        }
    }
    for (size_t i = 0; i < s->cs->nrelated; i++)
        sl_buf_printf(&b, "Related: story %lld (%s)\n", (long long)s->cs->related[i].story,
                      s->cs->related[i].reason ? s->cs->related[i].reason : "");
    for (size_t i = 0; i < s->nmerged; i++) {
        const sl_merge_rec *m = &e->hist[e->merged[s->merged_at + i]];
        sl_buf_printf(&b, "Merged: story %lld into %lld (%s", (long long)m->from,
                      (long long)m->into, m->rule ? m->rule : "unrecorded");
        if (!isnan(m->score))
            sl_buf_printf(&b, ", %.4f", m->score);
        if (m->article) {
            sl_buf_puts(&b, ", article ");
            sl_buf_put_printable(&b, m->article);
        }
        sl_buf_puts(&b, ")\n");
    }
    const sl_doc **docs = sl_engine_story_docs(e, s);
    sl_view_text(&b, docs, s->n, NULL);
    free(docs);
    return sl_buf_take(&b);
}

char *sl_article_json(sl_engine *e, const char *id)
{
    const sl_doc *d = sl_engine_doc(e, id);
    if (!d)
        return NULL;
    sl_buf b = {0};
    sl_doc_json(&b, d);
    return sl_buf_take(&b);
}

int sl_why(sl_engine *e, const char *id1, const char *id2, char **out)
{
    uint32_t a, b;
    *out = NULL;
    if (e->deferred)
        build_clusterer(e, 0); /* (unlinked: the links shown are the stored ones) */
    if (!sl_strmap_get(e->ids, id1, &a))
        return sl_engine_fail(e, SL_ENOTFOUND, "%s: no such article", id1);
    if (!sl_strmap_get(e->ids, id2, &b))
        return sl_engine_fail(e, SL_ENOTFOUND, "%s: no such article", id2);
    char *why = sl_clu_why(e->clu, a, b);
    if (!why)
        return sl_engine_fail(e, SL_ENOTFOUND, "no clustering data for %s and %s", id1, id2);
    /* the clusterer's object, less its closing brace, then how the two
     * hang together in their story: the chain of members and the merges */
    sl_buf r = {0};
    sl_buf_append(&r, why, strlen(why) - 1);
    free(why);
    uint32_t *path;
    double *scores;
    size_t n = sl_clu_chain(e->clu, a, b, SL_CLU_CHAIN_BUDGET, &path, &scores);
    sl_buf_puts(&r, ",\"chain\":");
    if (!n) {
        sl_buf_puts(&r, "null");
    } else {
        double weakest = INFINITY;
        sl_buf_puts(&r, "{\"articles\":[");
        for (size_t i = 0; i < n; i++) {
            sl_buf_puts(&r, i ? "," : "");
            const sl_doc *d = path[i] < e->ndocs ? e->docs[path[i]] : NULL;
            sl_buf_json_str(&r, d ? d->id : NULL);
        }
        sl_buf_puts(&r, "],\"scores\":[");
        for (size_t i = 0; i + 1 < n; i++) {
            sl_buf_printf(&r, "%s%.4f", i ? "," : "", scores[i]);
            if (scores[i] < weakest)
                weakest = scores[i];
        }
        if (n > 1)
            sl_buf_printf(&r, "],\"weakest\":%.4f}", weakest);
        else
            sl_buf_puts(&r, "],\"weakest\":null}");
    }
    free(path);
    free(scores);
    sl_buf_puts(&r, ",\"merges\":[");
    int64_t sid = sl_clu_story_of(e->clu, a);
    const sl_story *s = sid == sl_clu_story_of(e->clu, b) ? sl_story_find(e, sid) : NULL;
    if (s)
        json_merged(e, s, &r);
    sl_buf_puts(&r, "]}");
    *out = sl_buf_take(&r);
    return SL_OK;
}

char *sl_summarize_all(sl_engine *e, int words)
{
    load_texts(e);
    const sl_doc **docs = sl_xmalloc((e->ndocs + 1) * sizeof *docs);
    size_t n = 0;
    for (size_t i = 0; i < e->ndocs; i++)
        if (e->docs[i])
            docs[n++] = e->docs[i];
    sl_view_opts o = {words, 0};
    char *s = sl_view_summary_text(docs, n, &o);
    free(docs);
    return s;
}
