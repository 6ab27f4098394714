/*
 * search: FTS5 queries over articles_fts on a pool of read-only
 * connections, each with its statements prepared once, and a small cache
 * of finished searches. See search.h.
 */
#include "search.h"
#include "search_snippet.h"
#include "store.h"
#include "storyline.h"

#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_SIZE = 64 };

/* A finished search kept while the index generation stays the same. */
typedef struct cached {
    char *key;             /* the query and its parameters (owned), NULL if free */
    int64_t gen;
    sl_search_hit *hits;   /* owned */
    size_t n;
    int plain;
    uint64_t used;         /* for least-recently-used replacement */
} cached;

/* A row the ranking kept for a while, with its phrase instances. */
typedef struct kept_row {
    int64_t row;
    double score;          /* positive, larger is better */
    size_t at, n;          /* its instances: conn.inst[at..at+n) */
} kept_row;

/* One read-only connection with its statements. */
typedef struct conn {
    sqlite3 *db;
    sqlite3_stmt *rank, *rank_f, *meta, *snip, *content, *gen;
    sqlite3_stmt *content_log, *pending; /* NULL: no log (not a store's database) */
    int logged;            /* this search: changes are logged after the watermark */
    /* the current search's rows that entered the top k (for snippets) */
    int keep;
    kept_row *kept;
    size_t nkept, capkept;
    sl_snip_inst *inst;
    size_t ninst, capinst;
    int *psize;            /* tokens of each phrase */
    int nphrase;
    /* a query of one phrase over every match (see "The IDF of one phrase") */
    int whole;             /* the ranking sees every match (no filters) */
    int idf_later;         /* this ranking's scores leave the IDF out */
    int64_t nrow, nhit;    /* rows in the index; matches seen */
    sqlite3_stmt *redo_span, *redo; /* fts_redo; NULL: no lengths kept */
    uint32_t *len;         /* row lengths by rowid, LEN_UNKNOWN if not known */
    size_t nlen;
    int64_t redo_n;        /* the last fts_redo entry applied, -1 before the first search */
    int busy;
} conn;

struct sl_search {
    conn *c;
    int n;
    pthread_mutex_t lock;  /* busy flags and the cache */
    pthread_cond_t cond;
    cached cache[CACHE_SIZE];
    uint64_t tick;
    int no_cache;          /* SL_SEARCH_CACHE=0 */
};

/* How a search runs: first the ranking alone (rowids by BM25 with sl_bm25 below, titles
 * weighted 8 times bodies; joined with articles only when filters need
 * it), then, for each kept hit, its metadata and -- for the first ones --
 * a snippet from the best column with matches marked \x02..\x03 (HTML-
 * escaped later). Asking for snippets in the ranking query, or joining the
 * hits back with "rowid IN (...)", makes SQLite walk every match again:
 * ten times slower on 100,000 articles. */
static const char *const SQL_RANK =
    "SELECT articles_fts.rowid, sl_bm25(articles_fts, ?5, 8.0, 1.0) AS score"
    " FROM articles_fts JOIN articles b ON b.seq = articles_fts.rowid"
    " WHERE articles_fts MATCH ?1"
    " AND (?2 IS NULL OR b.pub_time >= ?2) AND (?3 IS NULL OR b.pub_time <= ?3)"
    " AND (?4 IS NULL OR b.lang = ?4)"
    " ORDER BY score LIMIT ?5";

static const char *const SQL_RANK_NOFILTER =
    "SELECT rowid, sl_bm25(articles_fts, ?5, 8.0, 1.0) AS score FROM articles_fts"
    " WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?5";

static const char *const SQL_META =
    "SELECT id, title, site, published, lang, story FROM articles WHERE seq = ?1";

/* Only when search_snippet cannot make a hit's snippet (see "How
 * snippets are made" below); on a contentless index (store.c) it gives
 * NULL, so "". */
static const char *const SQL_SNIPPET =
    "SELECT snippet(articles_fts, -1, '\x02', '\x03', '\xe2\x80\xa6', 20)"
    " FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2";

/* The indexed text of a row (the index keeps none: store.c, "How the
 * index is kept"): the article's title and text, unless a change of the
 * row is logged after the index's watermark: then the values its first
 * such entry logged (those the row had when it was indexed; an insert
 * there means the row had no entry). SQL_PENDING tells, once a search,
 * whether anything is logged after the watermark. */
static const char *const SQL_CONTENT = "SELECT title, text FROM main.articles WHERE seq = ?1";
static const char *const SQL_CONTENT_LOG =
    "SELECT old, title, text FROM main.fts_log"
    " WHERE n > (SELECT done FROM fts.fts_meta) AND seq = ?1 ORDER BY n LIMIT 1";
static const char *const SQL_PENDING =
    "SELECT EXISTS(SELECT 1 FROM main.fts_log WHERE n > (SELECT done FROM fts.fts_meta))";

/* The index generation (store.h): the index file's watermark and the
 * articles' date and language generation; a database without them is not
 * cached. */
static const char *const SQL_GEN =
    "SELECT (SELECT done FROM fts.fts_meta), (SELECT gen FROM main.fts_state)";

/* ---- row lengths in memory ------------------------------------------------------ */

/* How the lengths are kept: BM25 needs each scored row's length, which
 * FTS5 reads from its docsize table (a B-tree lookup, about 1.7 us: most
 * of a common word's ranking). Each connection keeps the lengths it has
 * read in an array by rowid, and reads a row's again only after the
 * store lists the row in fts_redo (store.c: its index entry changed or
 * went, or, with seq -1, the whole index was rebuilt). At the start of
 * each search, in its read transaction, the connection applies the
 * entries added since its last search; if some were trimmed before it saw
 * them, it forgets every length. A length kept is thus the one the
 * search's snapshot holds, and scores are exactly FTS5's. */
#define LEN_UNKNOWN UINT32_MAX
enum { LEN_MAX_ROWS = 1 << 23 }; /* rowids past this are not kept (32 MB) */

static const char *const SQL_REDO_SPAN = "SELECT min(n), max(n) FROM fts.fts_redo";
static const char *const SQL_REDO = "SELECT seq FROM fts.fts_redo WHERE n > ?1 AND n <= ?2";

static void lens_forget(conn *c)
{
    if (c->len)
        memset(c->len, 0xff, c->nlen * sizeof *c->len);
}

/* Applies the fts_redo entries added since the connection's last search
 * (inside the search's read transaction). */
static void lens_sync(conn *c)
{
    if (!c->redo_span)
        return;
    int64_t lo = 0, hi = 0;
    int rc = sqlite3_step(c->redo_span);
    if (rc == SQLITE_ROW && sqlite3_column_type(c->redo_span, 0) != SQLITE_NULL) {
        lo = sqlite3_column_int64(c->redo_span, 0);
        hi = sqlite3_column_int64(c->redo_span, 1);
    }
    sqlite3_reset(c->redo_span);
    if (rc != SQLITE_ROW) { /* unknown: trust nothing */
        lens_forget(c);
        c->redo_n = -1;
        return;
    }
    if (c->redo_n < 0 || hi < c->redo_n || (lo && lo > c->redo_n + 1)) {
        /* the first search, a new table, or entries trimmed unseen */
        lens_forget(c);
        c->redo_n = hi;
        return;
    }
    if (hi == c->redo_n)
        return;
    sqlite3_bind_int64(c->redo, 1, c->redo_n);
    sqlite3_bind_int64(c->redo, 2, hi);
    while ((rc = sqlite3_step(c->redo)) == SQLITE_ROW) {
        int64_t seq = sqlite3_column_int64(c->redo, 0);
        if (seq < 0) {
            lens_forget(c);
            break;
        }
        if ((uint64_t)seq < c->nlen)
            c->len[seq] = LEN_UNKNOWN;
    }
    sqlite3_reset(c->redo);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        lens_forget(c);
    c->redo_n = hi;
}

/* Row row's length if the connection knows it; -1 if not. */
static int64_t lens_get(const conn *c, int64_t row)
{
    if (!c || row < 0 || (uint64_t)row >= c->nlen || c->len[row] == LEN_UNKNOWN)
        return -1;
    return c->len[row];
}

static void lens_put(conn *c, int64_t row, int ntok)
{
    if (!c || !c->redo_span || row < 0 || row >= LEN_MAX_ROWS || ntok < 0)
        return;
    if ((uint64_t)row >= c->nlen) {
        size_t n = c->nlen ? c->nlen : 4096;
        while (n <= (size_t)row)
            n *= 2;
        if (n > LEN_MAX_ROWS)
            n = LEN_MAX_ROWS;
        c->len = sl_xrealloc(c->len, n * sizeof *c->len);
        memset(c->len + c->nlen, 0xff, (n - c->nlen) * sizeof *c->len);
        c->nlen = n;
    }
    c->len[row] = (uint32_t)ntok;
}

/* ---- BM25 with pruning ---------------------------------------------------------- */

/* How the pruned ranking works: FTS5's bm25() reads every matching row's
 * length (a B-tree lookup in the index's docsize table, about 2 us), and
 * that is most of a search on a common word. sl_bm25(articles_fts, k,
 * weights...) computes the same score with the same formula and operation
 * order, so results are identical, but skips the lookup for rows that
 * cannot reach the best k:
 *
 *   score = sum over phrases i of  idf_i * f_i * (k1 + 1) / (f_i + K)
 *   K     = k1 * (1 - b + b * D / avgdl)   (D the row's length, >= 0)
 *
 * is largest when D = 0, so  sum idf_i * f_i * (k1 + 1) / (f_i + k1 * (1 - b))
 * bounds the row's score using its weighted phrase counts f_i alone (read
 * from the position lists the cursor already holds). The function keeps a
 * min-heap of the k best exact scores seen so far in this query; a row whose
 * bound is not better than the k-th of them cannot enter the top k, and
 * gets PRUNED (a value that sorts after every real score) without its
 * length being read. The heap only improves, so a pruned row stays out.
 * Rows are seen in rowid order, not score order: the saving depends on how
 * soon good rows come, typically most rows of a very common word. Only rows
 * the query's WHERE keeps (date and language filters) reach the function,
 * so filtered searches are pruned too. */

enum { BM25_MAXPHRASE = 64 };
#define BM25_K1 1.2
#define BM25_B 0.75
#define PRUNED 1e300

typedef struct bm25_state {
    int nphrase;
    double avgdl;
    double *idf;      /* per phrase */
    double *heap;     /* min-heap of the best scores (as positive values) */
    int cap, n;
    sqlite3_int64 last_row;
    double last;      /* value returned for last_row (a row may be asked twice) */
    int have_last;
} bm25_state;

static void bm25_state_free(void *p)
{
    bm25_state *s = p;
    if (!s)
        return;
    free(s->idf);
    free(s->heap);
    free(s);
}

static int count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)ud)++;
    return SQLITE_OK;
}

/* The IDF of one phrase: FTS5's bm25() counts each phrase's matches
 * with a walk of its own (xQueryPhrase) before the first row, as long as
 * the ranking's own walk for a query of one phrase. When a query has
 * one phrase and the ranking sees every match (no filters), the matches
 * the ranking sees are that count, and the IDF is one positive factor of
 * every score: sl_bm25 scores without it (the same order, the same
 * pruning), counts the rows, and run_once multiplies it in at the end,
 * in the operation order of bm25(), so the scores are the same. */
static double idf_of(int64_t nrow, int64_t nhit)
{
    double idf = log((nrow - nhit + 0.5) / (nhit + 0.5));
    return idf <= 0.0 ? 1e-6 : idf;
}

/* The per-query constants, as FTS5's bm25 computes them. */
static int bm25_setup(const Fts5ExtensionApi *api, Fts5Context *fts, int k, conn *c,
                      bm25_state **out)
{
    bm25_state *s = sl_xcalloc(1, sizeof *s);
    s->nphrase = api->xPhraseCount(fts);
    if (c && c->keep) { /* for the snippets */
        c->psize = sl_xrealloc(c->psize, ((size_t)s->nphrase + 1) * sizeof *c->psize);
        for (int i = 0; i < s->nphrase; i++)
            c->psize[i] = api->xPhraseSize(fts, i);
        c->nphrase = s->nphrase;
    }
    s->idf = sl_xcalloc((size_t)s->nphrase + 1, sizeof *s->idf);
    s->cap = k > 0 ? k : 1;
    s->heap = sl_xcalloc((size_t)s->cap, sizeof *s->heap);
    sqlite3_int64 nrow = 0, ntok = 0;
    int rc = api->xRowCount(fts, &nrow);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &ntok);
    s->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 0;
    if (c && c->whole && s->nphrase == 1) {
        s->idf[0] = 1.0;
        c->idf_later = 1;
        c->nrow = nrow;
        c->nhit = 0;
    }
    for (int i = 0; rc == SQLITE_OK && i < s->nphrase && !(c && c->idf_later); i++) {
        sqlite3_int64 nhit = 0;
        rc = api->xQueryPhrase(fts, i, &nhit, count_cb);
        s->idf[i] = idf_of(nrow, nhit);
    }
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, s, bm25_state_free);
    else
        bm25_state_free(s);
    *out = rc == SQLITE_OK ? s : NULL;
    return rc;
}

static void heap_push(bm25_state *s, double v)
{
    double *h = s->heap;
    if (s->n == s->cap) {
        if (v <= h[0])
            return;
        /* replace the smallest and sift down */
        int i = 0;
        for (;;) {
            int l = 2 * i + 1, r = l + 1, m = i;
            double mv = v;
            if (l < s->n && h[l] < mv)
                m = l, mv = h[l];
            if (r < s->n && h[r] < mv)
                m = r;
            if (m == i)
                break;
            h[i] = h[m];
            i = m;
        }
        h[i] = v;
        return;
    }
    int i = s->n++;
    while (i > 0 && h[(i - 1) / 2] > v) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = v;
}

/* The score of a row with weighted phrase counts f and length term K
 * (k1 * (1 - b + b * D / avgdl)), summed in FTS5's order. */
static double bm25_sum(const bm25_state *s, const double *f, double K)
{
    double sum = 0.0;
    for (int i = 0; i < s->nphrase; i++)
        sum += s->idf[i] * ((f[i] * (BM25_K1 + 1.0)) / (f[i] + K));
    return sum;
}

/* Drops the kept rows that fell out of the top k (their score is below
 * the k-th best) and packs their instances. */
static void kept_compact(conn *c, const bm25_state *s)
{
    size_t w = 0, at = 0;
    for (size_t i = 0; i < c->nkept; i++) {
        kept_row k = c->kept[i];
        if (s->n == s->cap && k.score < s->heap[0])
            continue;
        memmove(c->inst + at, c->inst + k.at, k.n * sizeof *c->inst);
        k.at = at;
        at += k.n;
        c->kept[w++] = k;
    }
    c->nkept = w;
    c->ninst = at;
}

/* Keeps row's phrase instances (it entered the top k with score). */
static void keep_row(conn *c, const bm25_state *s, const Fts5ExtensionApi *api,
                     Fts5Context *fts, int64_t row, double score, int ninst)
{
    if (!c || !c->keep)
        return;
    if (c->nkept >= 2 * (size_t)s->cap + 32)
        kept_compact(c, s);
    if (c->nkept == c->capkept) {
        c->capkept = c->capkept ? 2 * c->capkept : 64;
        c->kept = sl_xrealloc(c->kept, c->capkept * sizeof *c->kept);
    }
    if (c->ninst + (size_t)ninst > c->capinst) {
        while (c->ninst + (size_t)ninst > c->capinst)
            c->capinst = c->capinst ? 2 * c->capinst : 1024;
        c->inst = sl_xrealloc(c->inst, c->capinst * sizeof *c->inst);
    }
    kept_row *k = &c->kept[c->nkept];
    *k = (kept_row){row, score, c->ninst, 0};
    for (int i = 0; i < ninst; i++) {
        sl_snip_inst *x = &c->inst[c->ninst + k->n];
        if (api->xInst(fts, i, &x->phrase, &x->col, &x->off) != SQLITE_OK)
            return; /* not kept: snippet() makes its snippet */
        k->n++;
    }
    c->ninst += k->n;
    c->nkept++;
}

static void sl_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int narg, sqlite3_value **arg)
{
    if (narg < 1) {
        sqlite3_result_error(ctx, "sl_bm25: the number of hits kept is missing", -1);
        return;
    }
    bm25_state *s = api->xGetAuxdata(fts, 0);
    conn *c = api->xUserData(fts);
    int rc = SQLITE_OK;
    if (!s)
        rc = bm25_setup(api, fts, sqlite3_value_int(arg[0]), c, &s);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_int64 row = api->xRowid(fts);
    if (s->have_last && row == s->last_row) {
        sqlite3_result_double(ctx, s->last);
        return;
    }
    if (c)
        c->nhit++;
    double freq[BM25_MAXPHRASE] = {0}, *f = freq;
    double *big = NULL;
    if (s->nphrase > BM25_MAXPHRASE)
        f = big = sl_xcalloc((size_t)s->nphrase, sizeof *f);
    int ninst = 0;
    rc = api->xInstCount(fts, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int ip, ic, io;
        rc = api->xInst(fts, i, &ip, &ic, &io);
        if (rc == SQLITE_OK && ip >= 0 && ip < s->nphrase) {
            double w = narg - 1 > ic ? sqlite3_value_double(arg[1 + ic]) : 1.0;
            f[ip] += w;
        }
    }
    double v = PRUNED;
    int64_t known = lens_get(c, row);
    if (rc == SQLITE_OK && known >= 0) { /* the exact score at once */
        double score = bm25_sum(s, f, BM25_K1 * (1 - BM25_B + BM25_B * (double)known / s->avgdl));
        if (s->n < s->cap || score > s->heap[0]) {
            heap_push(s, score);
            keep_row(c, s, api, fts, row, score, ninst);
        }
        v = -1.0 * score;
    } else if (rc == SQLITE_OK) {
        double bound = bm25_sum(s, f, BM25_K1 * (1 - BM25_B)); /* the length taken as 0 */
        if (s->n < s->cap || bound > s->heap[0]) {
            int ntok = 0;
            rc = api->xColumnSize(fts, -1, &ntok);
            if (rc == SQLITE_OK)
                lens_put(c, row, ntok);
            double d = (double)ntok;
            double score = bm25_sum(s, f, BM25_K1 * (1 - BM25_B + BM25_B * d / s->avgdl));
            if (rc == SQLITE_OK && (s->n < s->cap || score > s->heap[0])) {
                heap_push(s, score);
                keep_row(c, s, api, fts, row, score, ninst);
            }
            v = -1.0 * score;
        }
    }
    free(big);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    s->last_row = row;
    s->last = v;
    s->have_last = 1;
    sqlite3_result_double(ctx, v);
}

/* Registers sl_bm25 on connection db (c: its lengths, or NULL). */
static int register_bm25(sqlite3 *db, conn *c)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api)
        return SQLITE_ERROR;
    return api->xCreateFunction(api, "sl_bm25", c, sl_bm25, NULL);
}

static int open_conn(conn *c, const char *path, char **err)
{
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        *err = sl_xasprintf("cannot open %s for searching: %s", path,
                            c->db ? sqlite3_errmsg(c->db) : "out of memory");
        return SL_EDB;
    }
    sqlite3_busy_timeout(c->db, 2000);
    /* the index is in a file of its own (store.h), attached read-only
     * like the connection */
    if (sl_store_attach_index(c->db, path) != SQLITE_OK) {
        *err = sl_xasprintf("cannot open the index of %s: %s", path, sqlite3_errmsg(c->db));
        return SL_EDB;
    }
    if (register_bm25(c->db, c) != SQLITE_OK) {
        *err = sl_xasprintf("cannot search %s: no FTS5 ranking function", path);
        return SL_EDB;
    }
    /* map the file and keep a larger page cache: searches touch many
     * index pages, and pread copies dominated without these */
    sqlite3_exec(c->db, "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;"
                        "PRAGMA fts.mmap_size=1073741824; PRAGMA fts.cache_size=-16384;",
                 NULL, NULL, NULL);
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } v[] = {{&c->rank, SQL_RANK_NOFILTER}, {&c->rank_f, SQL_RANK}, {&c->meta, SQL_META},
             {&c->snip, SQL_SNIPPET}};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (sqlite3_prepare_v3(c->db, v[i].sql, -1, SQLITE_PREPARE_PERSISTENT, v[i].st,
                               NULL) != SQLITE_OK) {
            *err = sl_xasprintf("cannot search %s: %s", path, sqlite3_errmsg(c->db));
            return SL_EDB;
        }
    if (sqlite3_prepare_v3(c->db, SQL_GEN, -1, SQLITE_PREPARE_PERSISTENT, &c->gen, NULL) !=
        SQLITE_OK)
        c->gen = NULL;
    /* without the articles, snippets come from snippet() */
    if (sqlite3_prepare_v3(c->db, SQL_CONTENT, -1, SQLITE_PREPARE_PERSISTENT, &c->content,
                           NULL) != SQLITE_OK)
        c->content = NULL;
    if (sqlite3_prepare_v3(c->db, SQL_CONTENT_LOG, -1, SQLITE_PREPARE_PERSISTENT,
                           &c->content_log, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(c->db, SQL_PENDING, -1, SQLITE_PREPARE_PERSISTENT, &c->pending,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(c->content_log);
        sqlite3_finalize(c->pending);
        c->content_log = c->pending = NULL;
    }
    /* an index file without fts_redo (not opened by this store yet): the
     * lengths are read for every search, as FTS5 does */
    c->redo_n = -1;
    if (sqlite3_prepare_v3(c->db, SQL_REDO_SPAN, -1, SQLITE_PREPARE_PERSISTENT, &c->redo_span,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(c->db, SQL_REDO, -1, SQLITE_PREPARE_PERSISTENT, &c->redo, NULL) !=
            SQLITE_OK) {
        sqlite3_finalize(c->redo_span);
        sqlite3_finalize(c->redo);
        c->redo_span = c->redo = NULL;
    }
    return SL_OK;
}

static void close_conn(conn *c)
{
    sqlite3_stmt *sts[] = {c->rank,        c->rank_f,  c->meta,    c->snip,      c->content,
                           c->content_log, c->pending, c->gen, c->redo_span, c->redo};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++)
        sqlite3_finalize(sts[i]);
    sqlite3_close(c->db);
    free(c->len);
    free(c->kept);
    free(c->inst);
    free(c->psize);
}

sl_search *sl_search_open(const char *path, int n, char **err)
{
    *err = NULL;
    sl_search *s = sl_xcalloc(1, sizeof *s);
    s->n = n > 0 ? n : 1;
    s->c = sl_xcalloc((size_t)s->n, sizeof *s->c);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    const char *env = getenv("SL_SEARCH_CACHE");
    s->no_cache = env && !strcmp(env, "0");
    for (int i = 0; i < s->n; i++)
        if (open_conn(&s->c[i], path, err) != SL_OK) {
            sl_search_close(s);
            return NULL;
        }
    return s;
}

void sl_search_close(sl_search *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        close_conn(&s->c[i]);
    for (int i = 0; i < CACHE_SIZE; i++) {
        free(s->cache[i].key);
        sl_search_hits_free(s->cache[i].hits, s->cache[i].n);
    }
    free(s->c);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
}

static int take(sl_search *s)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (int i = 0; i < s->n; i++)
            if (!s->c[i].busy) {
                s->c[i].busy = 1;
                pthread_mutex_unlock(&s->lock);
                return i;
            }
        pthread_cond_wait(&s->cond, &s->lock);
    }
}

static void give(sl_search *s, int i)
{
    pthread_mutex_lock(&s->lock);
    s->c[i].busy = 0;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

char *sl_search_plain(const char *q)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    const unsigned char *p = (const unsigned char *)q;
    while (*p) {
        /* a word: letters and digits (any non-ASCII byte counts as a letter) */
        if (!(*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))) {
            p++;
            continue;
        }
        const unsigned char *w = p;
        while (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            p++;
        if (b.len)
            sl_buf_putc(&b, ' ');
        sl_buf_putc(&b, '"');
        sl_buf_append(&b, w, (size_t)(p - w));
        sl_buf_putc(&b, '"');
        if (*p == '*')
            sl_buf_putc(&b, '*');
    }
    return sl_buf_take(&b);
}

/* HTML-escapes a snippet and turns the \x02..\x03 marks into <mark>. */
static char *snippet_html(const char *s)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (; s && *s; s++) {
        switch (*s) {
        case '\x02': sl_buf_puts(&b, "<mark>"); break;
        case '\x03': sl_buf_puts(&b, "</mark>"); break;
        case '<': sl_buf_puts(&b, "&lt;"); break;
        case '>': sl_buf_puts(&b, "&gt;"); break;
        case '&': sl_buf_puts(&b, "&amp;"); break;
        case '"': sl_buf_puts(&b, "&quot;"); break;
        case '\n': sl_buf_putc(&b, ' '); break;
        default: sl_buf_putc(&b, *s);
        }
    }
    return sl_buf_take(&b);
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? sl_xstrdup((const char *)t) : NULL;
}

/* Reads hit x's metadata (x->seq set; strings replaced). 1 if found, 0 if
 * the article is gone, -1 on error. */
static int fill_meta(sqlite3_stmt *meta, sl_search_hit *x)
{
    sqlite3_bind_int64(meta, 1, x->seq);
    int rc = sqlite3_step(meta);
    if (rc == SQLITE_ROW) {
        char **f[] = {&x->id, &x->title, &x->site, &x->published, &x->lang};
        for (int i = 0; i < 5; i++) {
            free(*f[i]);
            *f[i] = col(meta, i);
        }
        x->story = sqlite3_column_int64(meta, 5);
    }
    sqlite3_reset(meta);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Snippet of hit x for match expression m ("" if none). */
static void fill_snippet(sqlite3_stmt *snip, const char *m, sl_search_hit *x)
{
    sqlite3_bind_text(snip, 1, m, -1, SQLITE_STATIC);
    sqlite3_bind_int64(snip, 2, x->seq);
    if (sqlite3_step(snip) == SQLITE_ROW)
        x->snippet = snippet_html((const char *)sqlite3_column_text(snip, 0));
    sqlite3_reset(snip);
    if (!x->snippet)
        x->snippet = sl_xstrdup("");
}

/* The instances kept for row seq by the last ranking, or NULL. */
static const kept_row *kept_of(const conn *c, int64_t seq)
{
    for (size_t i = c->nkept; i-- > 0;)
        if (c->kept[i].row == seq)
            return &c->kept[i];
    return NULL;
}

/* How snippets are made: the ranking (sl_bm25) keeps the phrase instances
 * of each row that enters its top k; a hit's snippet is then made from
 * them and the row's indexed text by search_snippet, exactly as FTS5's
 * snippet() would, without the query per hit that snippet() needs (its
 * seek into every segment of the index cost about 60 us a hit at 100,000
 * articles). A hit without kept instances, or whose text search_snippet
 * refuses, gets snippet() (SQL_SNIPPET). */
static void make_snippet(conn *c, const char *m, sl_search_hit *x)
{
    static const sl_snip_marks marks = {"\x02", "\x03", "\xe2\x80\xa6", 20};
    const kept_row *k = c->content ? kept_of(c, x->seq) : NULL;
    char *raw = NULL;
    /* the values a change logged after the watermark (column 0: old) */
    sqlite3_stmt *st = c->logged ? c->content_log : NULL;
    int at = 1;
    if (k && st) {
        sqlite3_bind_int64(st, 1, x->seq);
        if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
            sqlite3_reset(st);
            st = NULL;
        }
    }
    if (k && !st) {
        st = c->content;
        at = 0;
        sqlite3_bind_int64(st, 1, x->seq);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            st = NULL;
        }
    }
    if (k && st) {
        const char *cols[2] = {(const char *)sqlite3_column_text(st, at),
                               (const char *)sqlite3_column_text(st, at + 1)};
        raw = sl_snippet_make(cols, 2, c->inst + k->at, (int)k->n, c->psize, c->nphrase, &marks);
        sqlite3_reset(st);
    }
    if (raw) {
        x->snippet = snippet_html(raw);
        free(raw);
    } else {
        fill_snippet(c->snip, m, x);
    }
}

/* One attempt with match expression m; SQLite's message in *err. */
static int run_once(conn *c, const char *m, const sl_search_query *q, sl_search_hit **out,
                    size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    int filtered = q->since != INT64_MIN || q->until != INT64_MAX || (q->lang && q->lang[0]);
    c->keep = q->snippets > 0;
    c->nkept = c->ninst = 0;
    c->nphrase = 0;
    c->whole = !filtered;
    c->idf_later = 0;
    c->logged = 0;
    if (c->pending && q->snippets > 0) {
        c->logged = sqlite3_step(c->pending) != SQLITE_ROW || sqlite3_column_int(c->pending, 0);
        sqlite3_reset(c->pending);
    }
    sqlite3_stmt *st = filtered ? c->rank_f : c->rank;
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    if (filtered) { /* ?2..?4 are unused without filters */
        if (q->since != INT64_MIN)
            sqlite3_bind_int64(st, 2, q->since);
        if (q->until != INT64_MAX)
            sqlite3_bind_int64(st, 3, q->until);
        if (q->lang && q->lang[0])
            sqlite3_bind_text(st, 4, q->lang, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(st, 5, q->limit);
    /* the ranking first: rowids and scores */
    sl_search_hit *h = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            cap = cap ? cap * 2 : 32;
            h = sl_xrealloc(h, cap * sizeof *h);
        }
        h[k] = (sl_search_hit){.seq = sqlite3_column_int64(st, 0),
                               .score = sqlite3_column_double(st, 1)};
        k++;
    }
    int code = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(c->db);
    if (c->idf_later) { /* every match seen: the IDF now (see idf_of) */
        double idf = idf_of(c->nrow, c->nhit);
        for (size_t i = 0; i < k; i++)
            h[i].score = -1.0 * (0.0 + idf * -h[i].score);
    }
    if (rc != SQLITE_DONE)
        *err = sl_xasprintf("%s", sqlite3_errmsg(c->db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    /* then metadata for each (dropping any deleted since), snippets for
     * the first q->snippets */
    size_t kept = 0;
    for (size_t i = 0; i < k && code == SQLITE_OK; i++) {
        sl_search_hit x = h[i];
        int got = fill_meta(c->meta, &x);
        if (got < 0) {
            code = sqlite3_errcode(c->db);
            *err = sl_xasprintf("%s", sqlite3_errmsg(c->db));
        } else if (got > 0) {
            if ((int)i >= q->snippets)
                x.snippet = sl_xstrdup("");
            else
                make_snippet(c, m, &x);
            h[kept++] = x;
        }
        if (got <= 0)
            sl_search_hits_free_one(&x);
    }
    for (size_t i = 0; i < kept; i++)
        if (!h[i].snippet)
            h[i].snippet = sl_xstrdup("");
    if (code != SQLITE_OK) {
        sl_search_hits_free(h, kept);
        /* SQLITE_ERROR from MATCH is the query's fault (fts5 syntax,
         * unterminated string, unknown column); others are the database's */
        return code == SQLITE_ERROR ? SL_EFORMAT : SL_EDB;
    }
    if (!h)
        h = sl_xcalloc(1, sizeof *h);
    *out = h;
    *n = kept;
    return SL_OK;
}

/* ---- the cache ------------------------------------------------------------- */

/* How the cache works: a search's result depends only on the index and on
 * the articles' dates and languages, and the store changes the generation
 * (fts_meta.done of the index file, fts_state.gen of the articles)
 * whenever those change. So a search with the same query,
 * filters and limits at the same generation ranks the same hits with the
 * same snippets; only the metadata -- the story above all, which changes
 * as stories merge -- is read again. Under write load the generation
 * changes with every index pass (a few times a second at most). */

/* The key holds the articles' generation, the entry the index's. */
static char *cache_key(const sl_search_query *q, int64_t meta_gen)
{
    return sl_xasprintf("%lld|%lld|%lld|%d|%d|%s|%s", (long long)meta_gen,
                        (long long)q->since, (long long)q->until, q->limit, q->snippets,
                        q->lang ? q->lang : "", q->q);
}

/* The index generation (-1 if unknown) and, in *meta_gen, the articles'. */
static int64_t read_gen(conn *c, int64_t *meta_gen)
{
    if (!c->gen)
        return -1;
    int64_t g = -1;
    if (sqlite3_step(c->gen) == SQLITE_ROW && sqlite3_column_type(c->gen, 0) != SQLITE_NULL &&
        sqlite3_column_type(c->gen, 1) != SQLITE_NULL) {
        g = sqlite3_column_int64(c->gen, 0);
        *meta_gen = sqlite3_column_int64(c->gen, 1);
    }
    sqlite3_reset(c->gen);
    return g;
}

static void hits_dup(const sl_search_hit *h, size_t n, sl_search_hit **out)
{
    sl_search_hit *d = sl_xcalloc(n + 1, sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i] = h[i];
        d[i].id = sl_xstrdup(h[i].id); /* NULL stays NULL */
        d[i].title = sl_xstrdup(h[i].title);
        d[i].site = sl_xstrdup(h[i].site);
        d[i].published = sl_xstrdup(h[i].published);
        d[i].lang = sl_xstrdup(h[i].lang);
        d[i].snippet = sl_xstrdup(h[i].snippet ? h[i].snippet : "");
    }
    *out = d;
}

/* A copy of the cached result for key at generation gen; 0 if none. */
static int cache_get(sl_search *s, const char *key, int64_t gen, sl_search_hit **hits,
                     size_t *n, int *plain)
{
    int found = 0;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < CACHE_SIZE && !found; i++) {
        cached *e = &s->cache[i];
        if (e->key && e->gen == gen && !strcmp(e->key, key)) {
            hits_dup(e->hits, e->n, hits);
            *n = e->n;
            *plain = e->plain;
            e->used = ++s->tick;
            found = 1;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return found;
}

/* Keeps a copy of a result, replacing the least recently used entry. */
static void cache_put(sl_search *s, const char *key, int64_t gen, const sl_search_hit *hits,
                      size_t n, int plain)
{
    pthread_mutex_lock(&s->lock);
    cached *e = &s->cache[0];
    for (int i = 0; i < CACHE_SIZE; i++) {
        cached *x = &s->cache[i];
        if (x->key && !strcmp(x->key, key)) {
            e = x;
            break;
        }
        if (x->used < e->used)
            e = x;
    }
    free(e->key);
    sl_search_hits_free(e->hits, e->n);
    e->key = sl_xstrdup(key);
    e->gen = gen;
    hits_dup(hits, n, &e->hits);
    e->n = n;
    e->plain = plain;
    e->used = ++s->tick;
    pthread_mutex_unlock(&s->lock);
}

/* Reads the metadata of cached hits again and drops any that are gone.
 * On SL_EDB the hits are freed (*hp = NULL). */
static int refresh(conn *c, sl_search_hit **hp, size_t *n, char **err)
{
    sl_search_hit *h = *hp;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int got = fill_meta(c->meta, &h[i]);
        if (got < 0) {
            *err = sl_xasprintf("%s", sqlite3_errmsg(c->db));
            for (size_t j = i; j < *n; j++)
                sl_search_hits_free_one(&h[j]);
            sl_search_hits_free(h, kept);
            *hp = NULL;
            *n = 0;
            return SL_EDB;
        }
        if (got)
            h[kept++] = h[i];
        else
            sl_search_hits_free_one(&h[i]);
    }
    *n = kept;
    return SL_OK;
}

/* ---- running ---------------------------------------------------------------- */

int sl_search_run(sl_search *s, const sl_search_query *q, sl_search_hit **hits, size_t *n,
                  int *plain, char **err)
{
    *err = NULL;
    *plain = 0;
    *hits = NULL;
    *n = 0;
    int i = take(s);
    conn *c = &s->c[i];
    /* one read transaction: generation, ranking and metadata agree */
    sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
    lens_sync(c);
    int64_t meta_gen = 0;
    int64_t gen = s->no_cache ? -1 : read_gen(c, &meta_gen);
    char *key = gen >= 0 ? cache_key(q, meta_gen) : NULL;
    int rc;
    if (key && cache_get(s, key, gen, hits, n, plain)) {
        rc = refresh(c, hits, n, err);
    } else {
        rc = run_once(c, q->q, q, hits, n, err);
        if (rc == SL_EFORMAT) {
            /* malformed FTS5 syntax: treat the query as plain terms */
            char *p = sl_search_plain(q->q);
            if (p[0]) {
                free(*err);
                *err = NULL;
                *plain = 1;
                rc = run_once(c, p, q, hits, n, err);
            }
            free(p);
        }
        if (rc == SL_OK && key)
            cache_put(s, key, gen, *hits, *n, *plain);
    }
    sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
    free(key);
    give(s, i);
    return rc;
}

void sl_search_hits_free_one(sl_search_hit *x)
{
    free(x->id);
    free(x->title);
    free(x->site);
    free(x->published);
    free(x->lang);
    free(x->snippet);
    memset(x, 0, sizeof *x);
}

void sl_search_hits_free(sl_search_hit *h, size_t n)
{
    if (!h)
        return;
    for (size_t i = 0; i < n; i++)
        sl_search_hits_free_one(&h[i]);
    free(h);
}
