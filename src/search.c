/*
 * search: FTS5 queries over articles_fts on a pool of read-only
 * connections. See search.h.
 */
#include "search.h"
#include "storyline.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct sl_search {
    sqlite3 **db;
    int *busy;
    int n;
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

/* How a search runs: first the ranking alone (rowids by BM25, titles
 * weighted 8 times bodies; joined with articles only when filters need
 * it), then, for each kept hit, its metadata and -- for the first ones --
 * a snippet from the best column with matches marked \x02..\x03 (HTML-
 * escaped later). Asking for snippets in the ranking query, or joining the
 * hits back with "rowid IN (...)", makes SQLite walk every match again:
 * ten times slower on 100,000 articles. */
static const char *const SQL_RANK =
    "SELECT articles_fts.rowid, bm25(articles_fts, 8.0, 1.0) AS score"
    " FROM articles_fts JOIN articles b ON b.seq = articles_fts.rowid"
    " WHERE articles_fts MATCH ?1"
    " AND (?2 IS NULL OR b.pub_time >= ?2) AND (?3 IS NULL OR b.pub_time <= ?3)"
    " AND (?4 IS NULL OR b.lang = ?4)"
    " ORDER BY score LIMIT ?5";

static const char *const SQL_RANK_NOFILTER =
    "SELECT rowid, bm25(articles_fts, 8.0, 1.0) AS score FROM articles_fts"
    " WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?5";

static const char *const SQL_META =
    "SELECT id, title, site, published, lang, story FROM articles WHERE seq = ?1";

static const char *const SQL_SNIPPET =
    "SELECT snippet(articles_fts, -1, '\x02', '\x03', '\xe2\x80\xa6', 20)"
    " FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2";

sl_search *sl_search_open(const char *path, int n, char **err)
{
    *err = NULL;
    sl_search *s = sl_xcalloc(1, sizeof *s);
    s->n = n > 0 ? n : 1;
    s->db = sl_xcalloc((size_t)s->n, sizeof *s->db);
    s->busy = sl_xcalloc((size_t)s->n, sizeof *s->busy);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    for (int i = 0; i < s->n; i++) {
        if (sqlite3_open_v2(path, &s->db[i], SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                            NULL) != SQLITE_OK) {
            *err = sl_xasprintf("cannot open %s for searching: %s", path,
                                s->db[i] ? sqlite3_errmsg(s->db[i]) : "out of memory");
            sl_search_close(s);
            return NULL;
        }
        sqlite3_busy_timeout(s->db[i], 2000);
        /* map the file and keep a larger page cache: searches touch many
         * index pages, and pread copies dominated without these */
        sqlite3_exec(s->db[i], "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;", NULL,
                     NULL, NULL);
    }
    return s;
}

void sl_search_close(sl_search *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        sqlite3_close(s->db[i]);
    free(s->db);
    free(s->busy);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
}

static int take(sl_search *s)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (int i = 0; i < s->n; i++)
            if (!s->busy[i]) {
                s->busy[i] = 1;
                pthread_mutex_unlock(&s->lock);
                return i;
            }
        pthread_cond_wait(&s->cond, &s->lock);
    }
}

static void give(sl_search *s, int i)
{
    pthread_mutex_lock(&s->lock);
    s->busy[i] = 0;
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

/* Metadata and (if want_snippet) snippet of hit x with rowid seq. */
static int fill_hit(sqlite3 *db, sqlite3_stmt *meta, sqlite3_stmt *snip, const char *m,
                    int64_t seq, int want_snippet, sl_search_hit *x)
{
    sqlite3_bind_int64(meta, 1, seq);
    int rc = sqlite3_step(meta);
    if (rc == SQLITE_ROW) {
        x->id = col(meta, 0);
        x->title = col(meta, 1);
        x->site = col(meta, 2);
        x->published = col(meta, 3);
        x->lang = col(meta, 4);
        x->story = sqlite3_column_int64(meta, 5);
    }
    sqlite3_reset(meta);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : -1; /* 0: deleted since ranking */
    if (want_snippet) {
        sqlite3_bind_text(snip, 1, m, -1, SQLITE_STATIC);
        sqlite3_bind_int64(snip, 2, seq);
        if (sqlite3_step(snip) == SQLITE_ROW)
            x->snippet = snippet_html((const char *)sqlite3_column_text(snip, 0));
        sqlite3_reset(snip);
    }
    if (!x->snippet)
        x->snippet = sl_xstrdup("");
    (void)db;
    return 1;
}

/* One attempt with match expression m; SQLite's message in *err. */
static int run_once(sqlite3 *db, const char *m, const sl_search_query *q, sl_search_hit **out,
                    size_t *n, char **err)
{
    sqlite3_stmt *st = NULL, *meta = NULL, *snip = NULL;
    *out = NULL;
    *n = 0;
    int filtered = q->since != INT64_MIN || q->until != INT64_MAX || (q->lang && q->lang[0]);
    if (sqlite3_prepare_v2(db, filtered ? SQL_RANK : SQL_RANK_NOFILTER, -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_META, -1, &meta, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL_SNIPPET, -1, &snip, NULL) != SQLITE_OK) {
        *err = sl_xasprintf("search: %s", sqlite3_errmsg(db));
        sqlite3_finalize(st);
        sqlite3_finalize(meta);
        return SL_EDB;
    }
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    if (q->since != INT64_MIN)
        sqlite3_bind_int64(st, 2, q->since);
    if (q->until != INT64_MAX)
        sqlite3_bind_int64(st, 3, q->until);
    if (q->lang && q->lang[0])
        sqlite3_bind_text(st, 4, q->lang, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, q->limit); /* ?2..?4 unused without filters */
    /* the ranking first: rowids and scores */
    int64_t *seqs = NULL;
    double *scores = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            cap = cap ? cap * 2 : 32;
            seqs = sl_xrealloc(seqs, cap * sizeof *seqs);
            scores = sl_xrealloc(scores, cap * sizeof *scores);
        }
        seqs[k] = sqlite3_column_int64(st, 0);
        scores[k++] = sqlite3_column_double(st, 1);
    }
    int code = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    if (rc != SQLITE_DONE)
        *err = sl_xasprintf("%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sl_search_hit *h = sl_xcalloc(k + 1, sizeof *h);
    for (size_t i = 0; i < k && code == SQLITE_OK; i++) {
        sl_search_hit *x = &h[*n];
        int got = fill_hit(db, meta, snip, m, seqs[i], (int)i < q->snippets, x);
        if (got < 0) {
            code = sqlite3_errcode(db);
            *err = sl_xasprintf("%s", sqlite3_errmsg(db));
        } else if (got > 0) {
            x->score = scores[i];
            (*n)++;
        }
    }
    sqlite3_finalize(meta);
    sqlite3_finalize(snip);
    free(seqs);
    free(scores);
    if (code != SQLITE_OK) {
        sl_search_hits_free(h, *n);
        *n = 0;
        /* SQLITE_ERROR from MATCH is the query's fault (fts5 syntax,
         * unterminated string, unknown column); others are the database's */
        return code == SQLITE_ERROR ? SL_EFORMAT : SL_EDB;
    }
    *out = h;
    return SL_OK;
}

int sl_search_run(sl_search *s, const sl_search_query *q, sl_search_hit **hits, size_t *n,
                  int *plain, char **err)
{
    *err = NULL;
    *plain = 0;
    int i = take(s);
    int rc = run_once(s->db[i], q->q, q, hits, n, err);
    if (rc == SL_EFORMAT) {
        /* malformed FTS5 syntax: treat the query as plain terms */
        char *p = sl_search_plain(q->q);
        if (p[0]) {
            free(*err);
            *err = NULL;
            *plain = 1;
            rc = run_once(s->db[i], p, q, hits, n, err);
        }
        free(p);
    }
    give(s, i);
    return rc;
}

void sl_search_hits_free(sl_search_hit *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].id);
        free(h[i].title);
        free(h[i].site);
        free(h[i].published);
        free(h[i].lang);
        free(h[i].snippet);
    }
    free(h);
}
