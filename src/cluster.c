/*
 * cluster: first clustering (placeholder for the story engine). Each doc
 * becomes a unit vector of stemmed content words (title words and names
 * weigh more); a doc joins the most similar story by cosine against the
 * story centroid when it is above a threshold, else starts a story.
 */
#include "cluster.h"
#include "tokenize.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define THRESHOLD 0.30

typedef struct term {
    uint64_t h;
    float w;
} term;

typedef struct vec {
    term *t;
    size_t n;
} vec;

typedef struct story {
    sl_clu_story pub;
    vec sum; /* sum of member vectors, sorted by h */
    int live;
} story;

typedef struct docinfo {
    int64_t story;
    vec v;
    int64_t t;
} docinfo;

struct sl_clusterer {
    story **stories;
    size_t nstories, cap;
    docinfo *docs;
    size_t ndocs;
    int64_t next_id;
    const sl_clu_story **view;
};

/* ---- vectors ----------------------------------------------------------- */

typedef struct vb {
    term *t;
    size_t n, cap;
    const char *lang;
    float boost;
} vb;

static int on_tok(void *ud, const char *tok, size_t n, size_t s, size_t e, int flags)
{
    (void)s;
    (void)e;
    vb *b = ud;
    if (n < 2 || sl_stopword(tok, n))
        return 0;
    char stem[128];
    size_t k = sl_stem(b->lang, tok, n, stem, sizeof stem);
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        b->t = sl_xrealloc(b->t, b->cap * sizeof *b->t);
    }
    float w = b->boost * ((flags & SL_TOK_CAP) ? 2.0f : 1.0f) * ((flags & SL_TOK_NUM) ? 1.5f : 1.0f);
    b->t[b->n].h = sl_hash64(stem, k);
    b->t[b->n].w = w;
    b->n++;
    return 0;
}

static int cmp_term(const void *a, const void *b)
{
    uint64_t x = ((const term *)a)->h, y = ((const term *)b)->h;
    return x < y ? -1 : x > y;
}

static void normalize(vec *v)
{
    double s = 0;
    for (size_t i = 0; i < v->n; i++)
        s += (double)v->t[i].w * v->t[i].w;
    s = sqrt(s);
    if (s > 0)
        for (size_t i = 0; i < v->n; i++)
            v->t[i].w = (float)(v->t[i].w / s);
}

static vec make_vec(const sl_doc *d)
{
    vb b = {0};
    b.lang = d->lang;
    if (d->title) {
        b.boost = 3.0f;
        sl_tokenize(d->title, strlen(d->title), on_tok, &b);
    }
    b.boost = 1.0f;
    if (d->text)
        sl_tokenize(d->text, strlen(d->text), on_tok, &b);
    qsort(b.t, b.n, sizeof *b.t, cmp_term);
    size_t o = 0;
    for (size_t i = 0; i < b.n; i++) {
        if (o && b.t[o - 1].h == b.t[i].h)
            b.t[o - 1].w += b.t[i].w;
        else
            b.t[o++] = b.t[i];
    }
    /* sublinear term frequency */
    for (size_t i = 0; i < o; i++)
        b.t[i].w = 1.0f + logf(b.t[i].w);
    vec v = {b.t, o};
    normalize(&v);
    return v;
}

static double dot(const vec *a, const vec *b)
{
    double s = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->t[i].h == b->t[j].h)
            s += (double)a->t[i++].w * b->t[j++].w;
        else if (a->t[i].h < b->t[j].h)
            i++;
        else
            j++;
    }
    return s;
}

static double norm(const vec *v)
{
    double s = 0;
    for (size_t i = 0; i < v->n; i++)
        s += (double)v->t[i].w * v->t[i].w;
    return sqrt(s);
}

/* sum += sign * v */
static void vec_add(vec *sum, const vec *v, float sign)
{
    term *out = sl_xmalloc((sum->n + v->n + 1) * sizeof *out);
    size_t i = 0, j = 0, o = 0;
    while (i < sum->n || j < v->n) {
        if (j >= v->n || (i < sum->n && sum->t[i].h < v->t[j].h))
            out[o++] = sum->t[i++];
        else if (i >= sum->n || v->t[j].h < sum->t[i].h) {
            out[o] = v->t[j++];
            out[o++].w *= sign;
        } else {
            out[o] = sum->t[i++];
            out[o].w += sign * v->t[j++].w;
            if (fabsf(out[o].w) > 1e-6f)
                o++;
        }
    }
    free(sum->t);
    sum->t = out;
    sum->n = o;
}

/* ---- stories ------------------------------------------------------------ */

sl_clusterer *sl_clu_new(void)
{
    sl_clusterer *c = sl_xcalloc(1, sizeof *c);
    c->next_id = 1;
    return c;
}

static void free_story(story *s)
{
    free(s->pub.docs);
    free(s->pub.dups);
    for (size_t i = 0; i < s->pub.nrelated; i++)
        free(s->pub.related[i].reason);
    free(s->pub.related);
    free(s->sum.t);
    free(s);
}

void sl_clu_free(sl_clusterer *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nstories; i++)
        free_story(c->stories[i]);
    free(c->stories);
    for (size_t i = 0; i < c->ndocs; i++)
        free(c->docs[i].v.t);
    free(c->docs);
    free(c->view);
    free(c);
}

static story *find_story(sl_clusterer *c, int64_t id)
{
    for (size_t i = 0; i < c->nstories; i++)
        if (c->stories[i]->pub.id == id)
            return c->stories[i];
    return NULL;
}

static story *new_story(sl_clusterer *c, int64_t id)
{
    if (c->nstories == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->stories = sl_xrealloc(c->stories, c->cap * sizeof *c->stories);
    }
    story *s = sl_xcalloc(1, sizeof *s);
    s->pub.id = id;
    s->pub.first_seen = s->pub.last_seen = SL_TIME_UNKNOWN;
    s->live = 1;
    if (id >= c->next_id)
        c->next_id = id + 1;
    c->stories[c->nstories++] = s;
    return s;
}

static void ensure_doc(sl_clusterer *c, uint32_t h)
{
    if (h < c->ndocs)
        return;
    c->docs = sl_xrealloc(c->docs, (h + 1) * sizeof *c->docs);
    memset(c->docs + c->ndocs, 0, (h + 1 - c->ndocs) * sizeof *c->docs);
    c->ndocs = h + 1;
}

static void join(sl_clusterer *c, story *s, uint32_t h, const sl_doc *d, vec v)
{
    ensure_doc(c, h);
    c->docs[h].story = s->pub.id;
    c->docs[h].v = v;
    c->docs[h].t = d->pub_time;
    s->pub.docs = sl_xrealloc(s->pub.docs, (s->pub.ndocs + 1) * sizeof *s->pub.docs);
    s->pub.docs[s->pub.ndocs++] = h;
    vec_add(&s->sum, &v, 1.0f);
    if (d->pub_time != SL_TIME_UNKNOWN) {
        if (s->pub.first_seen == SL_TIME_UNKNOWN || d->pub_time < s->pub.first_seen)
            s->pub.first_seen = d->pub_time;
        if (s->pub.last_seen == SL_TIME_UNKNOWN || d->pub_time > s->pub.last_seen)
            s->pub.last_seen = d->pub_time;
    }
}

int64_t sl_clu_add(sl_clusterer *c, uint32_t h, const sl_doc *d)
{
    vec v = make_vec(d);
    story *best = NULL;
    double best_sim = THRESHOLD;
    for (size_t i = 0; i < c->nstories; i++) {
        story *s = c->stories[i];
        if (!s->live || !s->pub.ndocs)
            continue;
        double n = norm(&s->sum);
        double sim = n > 0 ? dot(&v, &s->sum) / n : 0;
        if (sim > best_sim) {
            best_sim = sim;
            best = s;
        }
    }
    if (!best)
        best = new_story(c, c->next_id);
    join(c, best, h, d, v);
    return best->pub.id;
}

void sl_clu_place(sl_clusterer *c, uint32_t h, const sl_doc *d, int64_t id)
{
    story *s = find_story(c, id);
    if (!s)
        s = new_story(c, id);
    join(c, s, h, d, make_vec(d));
}

void sl_clu_remove(sl_clusterer *c, uint32_t h)
{
    if (h >= c->ndocs || !c->docs[h].story)
        return;
    story *s = find_story(c, c->docs[h].story);
    if (s) {
        size_t o = 0;
        for (size_t i = 0; i < s->pub.ndocs; i++)
            if (s->pub.docs[i] != h)
                s->pub.docs[o++] = s->pub.docs[i];
        s->pub.ndocs = o;
        vec_add(&s->sum, &c->docs[h].v, -1.0f);
        if (!o)
            s->live = 0;
    }
    free(c->docs[h].v.t);
    memset(&c->docs[h], 0, sizeof c->docs[h]);
}

void sl_clu_finish(sl_clusterer *c, int batch)
{
    (void)c;
    (void)batch;
}

size_t sl_clu_stories(sl_clusterer *c, const sl_clu_story *const **out)
{
    free(c->view);
    c->view = sl_xmalloc((c->nstories + 1) * sizeof *c->view);
    size_t n = 0;
    for (size_t i = 0; i < c->nstories; i++)
        if (c->stories[i]->live && c->stories[i]->pub.ndocs)
            c->view[n++] = &c->stories[i]->pub;
    *out = c->view;
    return n;
}

int64_t sl_clu_story_of(const sl_clusterer *c, uint32_t h)
{
    return h < c->ndocs ? c->docs[h].story : 0;
}

char *sl_clu_why(sl_clusterer *c, uint32_t a, uint32_t b)
{
    if (a >= c->ndocs || b >= c->ndocs || !c->docs[a].story || !c->docs[b].story)
        return NULL;
    double sim = dot(&c->docs[a].v, &c->docs[b].v);
    return sl_xasprintf("{\"same_story\":%s,\"parts\":{\"terms_cosine\":%.4f},"
                        "\"threshold\":%.2f}",
                        c->docs[a].story == c->docs[b].story ? "true" : "false", sim,
                        THRESHOLD);
}
