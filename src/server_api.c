/*
 * server_api: the route handlers. Each fills a srv_resp (status, JSON
 * body) from a srv_req; write handlers instead attach a srv_job that the
 * writer thread applies (server_writer.c).
 *
 * JSON shapes:
 *   GET /stories  {"as_of","total","stories":[{"id","headline","outlets":[..],
 *                 "outlet_count","articles","first_seen","last_seen","lang","score"}]}
 *   GET /stories/{id}  sl_story_json plus "sources":[{"id","title","site",
 *                 "published","url","lang"}] and "related_stories":[{"id",
 *                 "headline","reason"}]
 *   GET /articles/{id}  sl_article_json plus "story"
 *   GET /search   {"query","plain","stories":[{"id","headline","articles","hits",
 *                 "first_seen","last_seen"}],"articles":[{"id","title","site",
 *                 "published","lang","story","snippet","score"}]}; snippet is
 *                 HTML-escaped with matches in <mark>.
 *   PUT answers 201 {"id","story"} or 204; errors {"error","status"}.
 */
#include "server_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- parameters ------------------------------------------------------------ */

/* Parses a time argument: epoch seconds or ISO 8601. Missing -> dflt. */
static int arg_time(srv_req *r, const char *name, int64_t dflt, int64_t *out, srv_resp *resp)
{
    const char *v = srv_arg(r, name);
    *out = dflt;
    if (!v || !v[0])
        return 1;
    char *end;
    long long x = strtoll(v, &end, 10);
    if (!*end && end != v) {
        *out = x;
        return 1;
    }
    if (sl_parse_iso8601(v, out))
        return 1;
    srv_error(resp, 400, "%s: '%s' is not a date (ISO 8601 or seconds)", name, v);
    return 0;
}

static int arg_int(srv_req *r, const char *name, long dflt, long lo, long hi, long *out,
                   srv_resp *resp)
{
    const char *v = srv_arg(r, name);
    *out = dflt;
    if (!v || !v[0])
        return 1;
    char *end;
    long x = strtol(v, &end, 10);
    if (*end || end == v || x < lo || x > hi) {
        srv_error(resp, 400, "%s: '%s' is not a number from %ld to %ld", name, v, lo, hi);
        return 0;
    }
    *out = x;
    return 1;
}

static void put_time(sl_buf *b, int64_t t)
{
    if (t == SL_TIME_UNKNOWN || t == 0) {
        sl_buf_puts(b, "null");
        return;
    }
    char iso[32];
    sl_format_iso8601(t, iso);
    sl_buf_json_str(b, iso);
}

/* ---- health, page ------------------------------------------------------------ */

void api_health(srv_req *r, srv_resp *out)
{
    srv *S = r->S;
    int ready = atomic_load(&S->ready);
    sl_buf *b = &out->body;
    sl_buf_printf(b, "{\"status\":\"%s\"", ready == 1 ? "ok" : ready < 0 ? "failed" : "loading");
    pthread_rwlock_rdlock(&S->snap_lock);
    if (S->snap)
        sl_buf_printf(b, ",\"articles\":%zu,\"stories\":%zu", S->snap->narticles, S->snap->n);
    pthread_rwlock_unlock(&S->snap_lock);
    pthread_mutex_lock(&S->q_lock);
    size_t q = S->q_len;
    pthread_mutex_unlock(&S->q_lock);
    sl_buf_printf(b, ",\"queued\":%zu,\"expired\":%lld,\"version\":\"%s\"}\n", q,
                  (long long)atomic_load(&S->n_expired), SL_VERSION);
}

static void static_asset(srv_resp *out, const char *body, const char *ctype)
{
    out->static_body = body;
    out->static_len = strlen(body);
    out->ctype = ctype;
    out->cacheable = 1;
}

void api_page(srv_req *r, srv_resp *out)
{
    (void)r;
    static_asset(out, sl_web_index_html, "text/html; charset=utf-8");
    out->cacheable = 0;
}

void api_asset_js(srv_req *r, srv_resp *out)
{
    (void)r;
    static_asset(out, sl_web_app_js, "text/javascript; charset=utf-8");
}

void api_asset_css(srv_req *r, srv_resp *out)
{
    (void)r;
    static_asset(out, sl_web_style_css, "text/css; charset=utf-8");
}

/* ---- stories ---------------------------------------------------------------- */

typedef struct scored {
    double score;
    uint32_t i;
} scored;

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void story_row(sl_buf *b, const rank_story *s, double score)
{
    sl_buf_printf(b, "{\"id\":%lld,\"headline\":", (long long)s->id);
    sl_buf_json_str(b, s->headline);
    sl_buf_printf(b, ",\"outlets\":%s,\"outlet_count\":%u,\"articles\":%u,\"first_seen\":",
                  s->outlets_json, s->noutlets, s->n);
    put_time(b, s->first);
    sl_buf_puts(b, ",\"last_seen\":");
    put_time(b, s->last);
    sl_buf_puts(b, ",\"lang\":");
    sl_buf_json_str(b, s->lang[0] ? s->lang : NULL);
    sl_buf_printf(b, ",\"score\":%.4f}", score);
}

void api_stories(srv_req *r, srv_resp *out)
{
    int64_t since, until;
    long limit;
    if (!arg_time(r, "since", INT64_MIN, &since, out) ||
        !arg_time(r, "until", INT64_MAX, &until, out) ||
        !arg_int(r, "limit", 20, 1, RANK_ORDERED, &limit, out))
        return;
    const char *lang = srv_arg(r, "lang");
    if (lang && (!lang[0] || !strcmp(lang, "any")))
        lang = NULL;
    srv *S = r->S;
    sl_buf *b = &out->body;
    pthread_rwlock_rdlock(&S->snap_lock);
    const rank_snap *sn = S->snap;
    int64_t ref = until != INT64_MAX ? until : sn->latest;
    sl_buf_puts(b, "{\"as_of\":");
    put_time(b, ref);
    if (since == INT64_MIN && until == INT64_MAX && !lang) {
        /* the snapshot's own order */
        sl_buf_printf(b, ",\"total\":%zu,\"stories\":[", sn->n);
        for (size_t i = 0; i < sn->norder && i < (size_t)limit; i++) {
            const rank_story *s = &sn->v[sn->order[i]];
            if (i)
                sl_buf_putc(b, ',');
            story_row(b, s, rank_score(s->noutlets, s->n, s->last, ref));
        }
    } else {
        scored *sc = sl_xmalloc((sn->n + 1) * sizeof *sc);
        size_t k = 0;
        for (size_t i = 0; i < sn->n; i++) {
            const rank_story *s = &sn->v[i];
            if (since != INT64_MIN && (s->last == SL_TIME_UNKNOWN || s->last < since))
                continue;
            if (until != INT64_MAX && (s->first == SL_TIME_UNKNOWN || s->first > until))
                continue;
            if (lang && strcmp(s->lang, lang))
                continue;
            sc[k++] = (scored){rank_score(s->noutlets, s->n, s->last, ref), (uint32_t)i};
        }
        qsort(sc, k, sizeof *sc, cmp_scored);
        sl_buf_printf(b, ",\"total\":%zu,\"stories\":[", k);
        for (size_t i = 0; i < k && i < (size_t)limit; i++) {
            if (i)
                sl_buf_putc(b, ',');
            story_row(b, &sn->v[sc[i].i], sc[i].score);
        }
        free(sc);
    }
    pthread_rwlock_unlock(&S->snap_lock);
    sl_buf_puts(b, "]}\n");
}

/* Parses a story id path parameter; 0 if it is not one. */
static int64_t story_param(const char *p)
{
    char *end;
    long long x = p ? strtoll(p, &end, 10) : 0;
    return p && *p && !*end && x > 0 ? x : 0;
}

/* Appends ,"sources":[...] for the story's articles (caller holds eng_lock). */
static void add_sources(sl_engine *e, const sl_story *s, sl_buf *b)
{
    sl_buf_puts(b, ",\"sources\":[");
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        const sl_doc *d = sl_engine_doc(e, s->ids[i]);
        if (!d)
            continue;
        struct { const char *k, *v; } f[] = {{"id", d->id}, {"title", d->title},
                                             {"site", d->site}, {"published", d->published},
                                             {"url", d->url}, {"lang", d->lang}};
        sl_buf_puts(b, k++ ? ",{" : "{");
        for (size_t j = 0; j < sizeof f / sizeof *f; j++) {
            sl_buf_printf(b, "%s\"%s\":", j ? "," : "", f[j].k);
            sl_buf_json_str(b, f[j].v);
        }
        sl_buf_putc(b, '}');
    }
    sl_buf_putc(b, ']');
}

static void add_related(srv *S, const sl_story *s, sl_buf *b)
{
    sl_buf_puts(b, ",\"related_stories\":[");
    pthread_rwlock_rdlock(&S->snap_lock);
    size_t k = 0;
    for (size_t i = 0; i < s->cs->nrelated; i++) {
        const rank_story *x = S->snap ? rank_find(S->snap, s->cs->related[i].story) : NULL;
        if (!x)
            continue;
        sl_buf_printf(b, "%s{\"id\":%lld,\"headline\":", k++ ? "," : "", (long long)x->id);
        sl_buf_json_str(b, x->headline);
        sl_buf_puts(b, ",\"reason\":");
        sl_buf_json_str(b, s->cs->related[i].reason);
        sl_buf_putc(b, '}');
    }
    pthread_rwlock_unlock(&S->snap_lock);
    sl_buf_putc(b, ']');
}

void api_story(srv_req *r, srv_resp *out)
{
    int64_t id = story_param(r->param);
    if (!id) {
        srv_error(out, 404, "no story '%s'", r->param ? r->param : "");
        return;
    }
    srv *S = r->S;
    pthread_mutex_lock(&S->eng_lock);
    const sl_story *s = sl_story_find(S->e, id);
    if (s) {
        char *j = sl_story_json(S->e, s);
        size_t n = strlen(j);
        while (n && j[n - 1] != '}')
            n--;
        sl_buf_append(&out->body, j, n ? n - 1 : 0);
        sl_free(j);
        add_sources(S->e, s, &out->body);
        add_related(S, s, &out->body);
        sl_buf_puts(&out->body, "}\n");
    }
    int64_t now = s ? 0 : sl_story_resolve(S->e, id);
    pthread_mutex_unlock(&S->eng_lock);
    if (now) { /* merged into another story: send the client there */
        out->status = 301;
        snprintf(out->location, sizeof out->location, "/stories/%lld", (long long)now);
        sl_buf_printf(&out->body,
                      "{\"error\":\"story %lld was merged into story %lld\",\"status\":301,"
                      "\"story\":%lld}\n",
                      (long long)id, (long long)now, (long long)now);
    } else if (!s) {
        srv_error(out, 404, "no story %lld", (long long)id);
    }
}

/* ---- articles ------------------------------------------------------------------ */

void api_article_get(srv_req *r, srv_resp *out)
{
    srv *S = r->S;
    pthread_mutex_lock(&S->eng_lock);
    char *j = sl_article_json(S->e, r->param);
    uint32_t h;
    int64_t story = 0, expires = 0;
    if (j && sl_strmap_get(S->e->ids, r->param, &h)) {
        story = sl_clu_story_of(S->e->clu, h);
        expires = S->e->expires[h];
    }
    pthread_mutex_unlock(&S->eng_lock);
    if (!j) {
        srv_error(out, 404, "no article '%s'", r->param);
        return;
    }
    size_t n = strlen(j);
    sl_buf_append(&out->body, j, n - 1);
    sl_free(j);
    sl_buf_printf(&out->body, ",\"story\":%lld,\"expires\":", (long long)story);
    put_time(&out->body, expires);
    sl_buf_puts(&out->body, "}\n");
}

/* GET /why?a=ID&b=ID: sl_why's object. It runs under the engine lock,
 * which holds writes back while it scores: the chain's search is bounded
 * (SL_CLU_CHAIN_BUDGET pair scores, well under a second). */
void api_why(srv_req *r, srv_resp *out)
{
    const char *a = srv_arg(r, "a"), *b = srv_arg(r, "b");
    if (!a || !a[0] || !b || !b[0]) {
        srv_error(out, 400, "missing article ids: /why?a=ID1&b=ID2");
        return;
    }
    srv *S = r->S;
    char *j = NULL, *msg = NULL;
    pthread_mutex_lock(&S->eng_lock);
    int rc = sl_why(S->e, a, b, &j);
    if (rc != SL_OK)
        msg = sl_xstrdup(sl_engine_errmsg(S->e));
    pthread_mutex_unlock(&S->eng_lock);
    if (rc != SL_OK) {
        srv_error(out, rc == SL_ENOTFOUND ? 404 : 500, "%s", msg);
        free(msg);
        return;
    }
    sl_buf_puts(&out->body, j);
    sl_buf_putc(&out->body, '\n');
    sl_free(j);
}

#define MAX_AGE_LIMIT (100LL * 366 * 86400)

/* max-age of a Cache-Control header (capped at MAX_AGE_LIMIT), or -1. */
static int64_t max_age(const char *cc)
{
    if (!cc)
        return -1;
    for (const char *p = cc; *p; p++) {
        if (strncasecmp(p, "max-age", 7))
            continue;
        p += 7;
        while (*p == ' ')
            p++;
        if (*p != '=')
            return -1;
        p++;
        while (*p == ' ' || *p == '"')
            p++;
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p || v < 0)
            return -1;
        /* at most a century: the writer adds it to a publication time */
        return v > MAX_AGE_LIMIT ? MAX_AGE_LIMIT : v;
    }
    return -1;
}

static int format_of(const char *ctype, int dflt)
{
    if (!ctype)
        return dflt;
    if (!strncasecmp(ctype, "application/json", 16) || strstr(ctype, "+json"))
        return SL_FMT_JSON;
    if (!strncasecmp(ctype, "text/html", 9) || !strncasecmp(ctype, "application/xhtml", 17))
        return SL_FMT_HTML;
    if (!strncasecmp(ctype, "text/plain", 10))
        return SL_FMT_TEXT;
    return dflt;
}

static void make_put(srv_req *r, srv_resp *out, int dflt_format)
{
    if (!r->param || !r->param[0]) {
        srv_error(out, 400, "missing article id");
        return;
    }
    srv_job *j = sl_xcalloc(1, sizeof *j);
    j->kind = JOB_PUT;
    j->id = sl_xstrdup(r->param);
    j->len = r->body.len;
    j->body = r->body.data ? sl_buf_take(&r->body) : sl_xstrdup("");
    j->format = format_of(srv_header(r, MHD_HTTP_HEADER_CONTENT_TYPE), dflt_format);
    j->max_age = max_age(srv_header(r, MHD_HTTP_HEADER_CACHE_CONTROL));
    r->job = j;
}

static void make_delete(srv_req *r)
{
    srv_job *j = sl_xcalloc(1, sizeof *j);
    j->kind = JOB_DELETE;
    j->id = sl_xstrdup(r->param);
    j->max_age = -1;
    r->job = j;
}

void api_article_put(srv_req *r, srv_resp *out) { make_put(r, out, SL_FMT_AUTO); }
void api_contest_put(srv_req *r, srv_resp *out) { make_put(r, out, SL_FMT_HTML); }

void api_article_delete(srv_req *r, srv_resp *out)
{
    (void)out;
    make_delete(r);
}

void api_contest_delete(srv_req *r, srv_resp *out)
{
    (void)out;
    make_delete(r);
}

void api_job_response(srv_job *j, srv_resp *out)
{
    out->status = j->status;
    if (j->status == 201) {
        sl_buf_puts(&out->body, "{\"id\":");
        sl_buf_json_str(&out->body, j->id);
        sl_buf_printf(&out->body, ",\"story\":%lld}\n", (long long)j->story);
    } else if (j->status >= 300) {
        srv_error(out, j->status, "%s", j->message ? j->message : "failed");
    }
}

/* ---- search ---------------------------------------------------------------------- */

typedef struct story_hits {
    int64_t id;
    size_t hits;
    size_t first; /* index of its best hit */
} story_hits;

void api_search(srv_req *r, srv_resp *out)
{
    const char *q = srv_arg(r, "q");
    if (!q || !q[0]) {
        srv_error(out, 400, "missing query: /search?q=words");
        return;
    }
    sl_search_query sq = {q, 0, 0, srv_arg(r, "lang"), 0, 0};
    long limit;
    if (!arg_time(r, "since", INT64_MIN, &sq.since, out) ||
        !arg_time(r, "until", INT64_MAX, &sq.until, out) ||
        !arg_int(r, "limit", 20, 1, 200, &limit, out))
        return;
    if (sq.lang && (!sq.lang[0] || !strcmp(sq.lang, "any")))
        sq.lang = NULL;
    sq.limit = (int)limit * 3; /* more hits than shown, to group into stories */
    sq.snippets = (int)limit;
    char *qq = sl_utf8_repair(q, strlen(q), NULL, NULL);
    sq.q = qq;
    sl_search_hit *h;
    size_t n;
    int plain;
    char *err;
    srv *S = r->S;
    int rc = sl_search_run(S->search, &sq, &h, &n, &plain, &err);
    if (rc != SL_OK) {
        srv_error(out, rc == SL_EFORMAT ? 400 : 500, "query: %s", err);
        free(err);
        free(qq);
        return;
    }
    story_hits *st = sl_xcalloc(n + 1, sizeof *st);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < ns && st[k].id != h[i].story)
            k++;
        if (k == ns)
            st[ns++] = (story_hits){h[i].story, 0, i};
        st[k].hits++;
    }
    sl_buf *b = &out->body;
    sl_buf_puts(b, "{\"query\":");
    sl_buf_json_str(b, qq);
    sl_buf_printf(b, ",\"plain\":%s,\"stories\":[", plain ? "true" : "false");
    pthread_rwlock_rdlock(&S->snap_lock);
    for (size_t i = 0; i < ns && i < (size_t)limit; i++) {
        const rank_story *x = S->snap ? rank_find(S->snap, st[i].id) : NULL;
        sl_buf_printf(b, "%s{\"id\":%lld,\"headline\":", i ? "," : "", (long long)st[i].id);
        sl_buf_json_str(b, x ? x->headline : h[st[i].first].title);
        sl_buf_printf(b, ",\"articles\":%u,\"hits\":%zu,\"first_seen\":", x ? x->n : 1,
                      st[i].hits);
        put_time(b, x ? x->first : SL_TIME_UNKNOWN);
        sl_buf_puts(b, ",\"last_seen\":");
        put_time(b, x ? x->last : SL_TIME_UNKNOWN);
        sl_buf_putc(b, '}');
    }
    pthread_rwlock_unlock(&S->snap_lock);
    sl_buf_puts(b, "],\"articles\":[");
    for (size_t i = 0; i < n && i < (size_t)limit; i++) {
        struct { const char *k, *v; } f[] = {{"id", h[i].id}, {"title", h[i].title},
                                             {"site", h[i].site},
                                             {"published", h[i].published},
                                             {"lang", h[i].lang}, {"snippet", h[i].snippet}};
        sl_buf_puts(b, i ? ",{" : "{");
        for (size_t j = 0; j < sizeof f / sizeof *f; j++) {
            sl_buf_printf(b, "%s\"%s\":", j ? "," : "", f[j].k);
            sl_buf_json_str(b, f[j].v);
        }
        sl_buf_printf(b, ",\"story\":%lld,\"score\":%.6g}", (long long)h[i].story,
                      -h[i].score);
    }
    sl_buf_puts(b, "]}\n");
    free(st);
    sl_search_hits_free(h, n);
    free(qq);
}

/* ---- contest ------------------------------------------------------------------------ */

void api_threads(srv_req *r, srv_resp *out)
{
    long period;
    if (!arg_int(r, "period", 0, 0, 1L << 40, &period, out))
        return;
    const char *lang = srv_arg(r, "lang_code");
    const char *cat = srv_arg(r, "category");
    static const char *const cats[] = {"any", "society", "economy", "technology", "sports",
                                       "entertainment", "science", "other"};
    if (cat && cat[0]) {
        size_t i = 0;
        while (i < sizeof cats / sizeof *cats && strcmp(cats[i], cat))
            i++;
        if (i == sizeof cats / sizeof *cats) {
            srv_error(out, 400, "category: unknown '%s'", cat);
            return;
        }
    }
    srv *S = r->S;
    pthread_mutex_lock(&S->eng_lock);
    rank_threads(S->e, S->latest_pub, period, lang, cat, &out->body);
    pthread_mutex_unlock(&S->eng_lock);
}
