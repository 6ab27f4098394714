/*
 * cluster: the story engine. Decides, as articles stream in, which report
 * the same event; folds duplicates; links related stories (same people,
 * same kind of event, another time); explains its decisions.
 *
 * How it works (after Miranda et al. 2018, "Multilingual Clustering of
 * Streaming News"):
 *  - Each article becomes small TF-IDF vectors (body, title, entities), a
 *    year, a SimHash and a time (cluster_feat.c). A story keeps the sums of
 *    its members' vectors, capped to their heaviest terms, so adding an
 *    article never recomputes a centroid.
 *  - A new article first looks for a near-duplicate (SimHash, Hamming
 *    distance <= 3, found through four 16-bit band tables: two
 *    fingerprints that close agree exactly on at least one band). A copy
 *    joins its original's story and is listed as a duplicate.
 *  - Otherwise candidate stories come from an inverted index from the
 *    heaviest terms of each active story to the story. Stories inactive for
 *    longer than WINDOW are retired from it, and posting lists are capped,
 *    so the cost per article stays flat as the stream grows.
 *  - Each candidate gets a linear score over the cosines (body, title,
 *    entities), the year the texts mention and a penalty growing with the
 *    distance in days to the story's mean time. The best candidate wins if
 *    its score passes the threshold; else the article starts a story. When the
 *    runner-up also passes the bridge score, the article bridges the two stories and
 *    they merge (recorded, see sl_clu_merges). A winner must also match
 *    one of the story's latest members, so that a centroid grown general
 *    does not collect mere topic matches, and share enough of its words
 *    (join_body, in one language): names alone reach the threshold for
 *    other events of the same people and places. Without publication times a
 *    fixed penalty asks for more evidence (the same kind of event on
 *    another date reads alike).
 *    Names or titles alone never make a match: without content words in
 *    common (body cosine under MIN_BODY) the score is at most 0. Two
 *    articles whose titles each name someone the other never mentions
 *    (a template's series: another company's results, another team's
 *    match) lose name_pen in their pair score, so the member check keeps
 *    such an article out of the story (sl_cf_title_names_differ).
 *  - A batch end (sl_clu_finish(c, 1)) revisits: alike stories merge (each
 *    article of the smaller matching a member of the other, so that a live
 *    blog covering two events does not carry its story's other article
 *    into a story of the second: members_fit), then
 *    each article moves to a clearly better story (a lone article joins
 *    its clear best story in its own language at the lower lone_thr, as
 *    the batch sees every story; if that is another lone article, the
 *    clear best established story at the small-story standard, or, once
 *    that article has joined a story in the same pass, that story on
 *    enough shared content: relook_body), then
 *    merges again (more rounds on request, while articles still move),
 *    then small stories merge into their clear best larger story when
 *    they share content words (merge_small). These joins ask for less
 *    than the stream's: where both sides have titles, the titles must
 *    agree (title_min) and must not name different people (names_clash),
 *    else a shared topic's words make the join, and two stories must share
 *    more than one name (one_name_match); at every finish the
 *    related links are rebuilt through an entity index that retirement
 *    does not touch (related stories may be years apart).
 */
#include "cluster.h"
#include "cluster_feat.h"
#include "cluster_map.h"
#include "idf.h"
#include "simhash.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- parameters ------------------------------------------------------------ */

/* The tunable parameters, by name (see sl_clu_set). */
typedef struct param {
    const char *name;
    double value;
} param;

enum { P_W_BODY, P_W_TITLE, P_W_ENT, P_W_YEAR, P_TIME_PEN, P_TIME_TAU, P_THRESHOLD, P_BRIDGE,
       P_MERGE_SCORE, P_MOVE_MARGIN, P_REL_ENT, P_REL_BODY, P_NO_TIME_PEN, P_LONE_THR, P_LONE_GAP, P_MEMBER_MIN, P_LONE_MAX, P_LONE_INTO, P_LONE_BODY, P_ENT_ONE, P_ROUNDS, P_SMALL_MAX, P_SMALL_THR, P_SMALL_BODY, P_RELOOK_BODY, P_TITLE_MIN, P_NAME_PEN, P_JOIN_BODY, P_ONE_NAME, P_COUNT };

static const param defaults[P_COUNT] = {
    {"w_body", 0.50},       /* weights of the linear decision */
    {"w_title", 0.10},
    {"w_ent", 0.30},
    {"w_year", 0.0},
    {"time_pen", 0.10},     /* penalty per ln(1 + days / time_tau) */
    {"time_tau", 3.0},
    {"threshold", 0.30},    /* join the best story at or above this score (the
                               seeds and DUC events are stable from 0.28 to 0.34) */
    {"bridge", 0.60},       /* runner-up at or above this too: merge the two */
    {"merge_score", 0.28},  /* batch: merge stories scoring this together */
    {"move_margin", 0.05},  /* batch: move an article for a gain this large */
    {"rel_ent", 0.35},      /* related: entity cosine at least, or a shared lead */
    {"rel_body", 0.15},     /* and body cosine at least */
    {"no_time_pen", 0.25},  /* penalty when either time is unknown: without
                               times the same kind of event on another day
                               looks alike, so ask for more evidence */
    {"lone_thr", 0.08},     /* batch: a lone article joins its best story (in
                               its language) at this score when it beats the */
    {"lone_gap", 0.03},     /* runner-up by this: the batch sees every story */
    {"member_min", 0.15},   /* and the article must score this with one of the
                               story's latest members: a centroid that grew
                               general must not pull in a mere topic match */
    {"lone_max", 1},        /* batch: "lone" means a story of at most this many
                               articles (2 helps DUC, but pulls more stray
                               articles into Telegram stories) */
    {"lone_into", 2},       /* batch: a lone article joins below the threshold
                               only a story of at least this many articles:
                               two lone articles that match weakly are as
                               often neighbours in topic as one event */
    {"lone_body", 0.10},    /* and only on shared content: body cosine at
                               least this (a shared name alone is a topic) */
    {"ent_one", 0.5},       /* entity cosine counts this much when only one
                               entity is shared: one name (a country, a
                               show, a person) is a topic, not an event */
    {"rounds", 1},          /* batch: reassign/merge rounds after the first
                               merge (3 gains DUC 0.01 F1 but chains Telegram
                               regional news into bags) */
    {"small_max", 2},       /* batch, last: a story of two to this many
                               articles merges into its clear best larger
                               story (a piece the stream split off; lone
                               articles are the lone rule's) */
    {"small_thr", 0.18},    /* at this story score or more, beating the
                               runner-up by lone_gap, close in time, with a
                               member matching (member_min), */
    {"small_body", 0.25},   /* and sharing content words: centroid body
                               cosine at least this (names alone make the
                               sub-threshold matches that are topics) */
    {"relook_body", 0.20},  /* batch: a lone article that looks again once
                               its lone rival joined a story (reassign) joins
                               it at the lone standard but with body cosine
                               at least this: the rival's join lent the
                               story its words, so the article's own share
                               must be more than a name and a word or two */
    {"title_min", 0.30},    /* batch: a join or merge below the stream's standard
                               (the lone rule, merge_alike, merge_small, a lone
                               article moving) needs title cosine at least this
                               when both sides have titles: the title states
                               the event; shared topic words in the body with
                               unrelated titles are a topic (0 turns it off) */
    {"name_pen", 0.30},     /* penalty of two articles whose titles each name
                               someone the other never mentions (see
                               sl_cf_title_names_differ): a template's next
                               title, another company's results */
    {"join_body", 0.20},    /* a join at the threshold or more needs body cosine
                               at least this with a story in the article's
                               language: names shared with a story whose words
                               it barely shares (a city's protests and a
                               company listing there) are a topic; across
                               languages the stems do not meet, so only the
                               threshold asks */
    {"one_name", 0.10},     /* batch: two stories merge only if their content
                               score keeps at least this share of itself
                               without their heaviest shared name (see
                               one_name_match): a city's protests and a
                               company's listing there share the city alone */
};

#define FIT_MAX 8       /* merge_alike: articles of the smaller story checked */
#define DUP_BITS 3      /* SimHash Hamming distance of a near-duplicate */

#define C_BODY 64       /* story centroid caps */
#define C_TITLE 24
#define C_ENT 32
#define R_BODY 12       /* what a retired story keeps (for related links) */
#define R_ENT 8
#define N_INDEX 10      /* story terms put in the inverted index */
#define N_INDEX_ENT 4
#define MAX_INDEXED 16
#define N_QUERY 12      /* article terms looked up */
#define N_QUERY_ENT 6
#define MAX_POST 128    /* stories per posting list */
#define MAX_CAND 32     /* candidate stories scored per article */
#define MIN_BODY 0.04   /* body cosine below which a candidate is not scored */
#define MAX_CHAIN 64    /* SimHash band entries checked per band */
#define WINDOW (21 * 86400LL) /* inactivity that retires a story */
#define SWEEP_EVERY 256
#define MAX_RELATED 5
#define LEAD_SHARE 0.15 /* weight share that makes an entity a leading one */
#define N_REL_INDEX 10  /* entities of a story in the related-story index */
#define MAX_REL_CAND 48 /* stories compared with each story for related links */
#define N_RECENT 4      /* latest members a story keeps for the member checks */
#define STORY_AHEAD 16  /* stories of a posting list fetched ahead (gather) */
#define CAND_AHEAD 2    /* candidates' body vectors fetched ahead (best_two) */

#define NONE UINT32_MAX
#define PV(n) (c->p[P_##n])

/* ---- records --------------------------------------------------------------- */

typedef struct vec {
    sl_cterm *t; /* sorted by h; sums of unit vectors */
    uint32_t n;
    float norm;
} vec;

typedef struct story {
    sl_clu_story pub;
    size_t capdocs, capdups;
    vec body, title, ent;
    double tsum; /* sum of known publication times, and how many */
    uint32_t tn;
    uint32_t version; /* changes whenever what a story score reads changes
                         (vectors, times, years): see pairmemo */
    int64_t active; /* latest publication time, or the add sequence */
    uint16_t years[4], ycount[4];
    uint32_t indexed[MAX_INDEXED];
    uint8_t nindexed, nent_indexed;
    uint32_t recent[N_RECENT]; /* the latest members (a ring): recent_member */
    uint8_t nrecent;
    uint32_t slot;  /* index in c->active_list, or NONE */
    /* what a candidate search reads of every story its posting lists
     * name, together (gather fetches them ahead) */
    uint8_t live, retired;
    uint32_t stamp; /* last candidate search that saw it */
} story;

typedef struct dinfo {
    int64_t story; /* 0: unknown or removed */
    sl_cfeat f;
    uint32_t next[4]; /* SimHash band chains */
    uint32_t dup_of;  /* NONE, or the original */
    uint8_t cold;     /* f.t dropped (its story retired); see warm() */
} dinfo;

typedef struct post {
    uint32_t *s;
    uint32_t n, cap;
} post;

typedef struct postings {
    sl_u64map map; /* term -> index in p */
    post *p;
    size_t n, cap;
} postings;

/* Pairs of stories the batch pass found apart (their score below
 * merge_score, or titles that differ), with the stories' versions then:
 * such a pair is not scored again until one of them changes. The score
 * of two stories is symmetric, so the pair (a, b) also answers (b, a),
 * and the second merge_alike of a batch finds most pairs unchanged by
 * reassign. Lives for one sl_clu_finish. */
typedef struct pairmemo {
    uint64_t *keys; /* lower story index << 32 | higher, plus 1; 0 empty */
    uint64_t *vers; /* their versions, in the same order */
    size_t cap, n;
} pairmemo;

struct sl_clusterer {
    story **stories;
    size_t nstories, capstories;
    sl_u64map ids; /* story id -> index */
    dinfo *docs;
    size_t ndocs, capdocsarr;
    int64_t next_id;
    uint32_t stamp;
    int64_t now;     /* latest publication time seen */
    size_t late;     /* articles older than now - WINDOW when added */
    int64_t late_min; /* the oldest of them */
    uint64_t seq;    /* adds so far */
    uint32_t *active_list;
    size_t nactive, capactive;
    postings index;  /* active stories by top terms */
    postings ents;   /* all stories by top entities (never retired) */
    uint32_t *band[4];
    sl_cfx *fx;
    sl_idf *idf;
    sl_clu_merge *merges;
    size_t nmerges, capmerges;
    const sl_clu_story **view;
    uint32_t *cand;
    double p[P_COUNT];
    pairmemo apart; /* during sl_clu_finish */
    sl_ctq query;   /* scratch: the body of the article or story that
                       best_two or merge_alike compares with others */
    const sl_doc *(*get)(void *ud, uint32_t h); /* sl_clu_set_source */
    const void *(*get_saved)(void *ud, uint32_t h, size_t *n); /* sl_clu_set_saved */
    void *get_ud;
};

/* ---- vectors --------------------------------------------------------------- */

static float vnorm(const sl_cterm *t, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (double)t[i].w * t[i].w;
    return (float)sqrt(s);
}

/* The k heaviest terms of t[0..n) (by |w|) into out, heaviest first, a
 * tie in the order of t: the first k of a stable sort by weight, without
 * sorting the rest. Returns how many (k or n, the fewer). */
static size_t heaviest(const sl_cterm *t, size_t n, size_t k, sl_cterm *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        float w = fabsf(t[i].w);
        if (m == k && w <= fabsf(out[m - 1].w))
            continue;
        size_t j = m < k ? m++ : m - 1; /* the lightest goes when full */
        while (j > 0 && fabsf(out[j - 1].w) < w) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = t[i];
    }
    return m;
}

/* The k-th largest of n weights (k >= 1, k <= n); w is scratch. */
static float kth_largest(float *w, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1, want = k - 1;
    while (lo < hi) {
        float p = w[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (w[i] > p)
                i++;
            while (w[j] < p)
                j--;
            if (i <= j) {
                float t = w[i];
                w[i] = w[j];
                w[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            break;
    }
    return w[want];
}

/* Keeps the cap heaviest terms of v, in hash order (linear time). */
static void vprune(vec *v, size_t cap)
{
    if (v->n > cap) {
        float w[C_BODY + SL_CF_BODY + 8], *wp = v->n <= sizeof w / sizeof *w ? w : sl_xmalloc(v->n * sizeof *wp);
        for (size_t i = 0; i < v->n; i++)
            wp[i] = fabsf(v->t[i].w);
        float cut = kth_largest(wp, v->n, cap);
        if (wp != w)
            free(wp);
        size_t o = 0, ties = 0;
        for (size_t i = 0; i < v->n; i++)
            if (fabsf(v->t[i].w) > cut)
                ties++;
        ties = cap - ties; /* how many terms equal to the cut may stay */
        for (size_t i = 0; i < v->n; i++) {
            float a = fabsf(v->t[i].w);
            if (a > cut || (a == cut && ties && ties--))
                v->t[o++] = v->t[i];
        }
        v->n = (uint32_t)o;
    }
    v->norm = vnorm(v->t, v->n);
}

/* v += sign * (t, n), then pruned to cap terms. */
static void vadd(vec *v, const sl_cterm *t, size_t n, float sign, size_t cap)
{
    sl_cterm *out = sl_xmalloc((v->n + n + 1) * sizeof *out);
    size_t i = 0, j = 0, o = 0;
    while (i < v->n || j < n) {
        if (j >= n || (i < v->n && v->t[i].h < t[j].h)) {
            out[o++] = v->t[i++];
        } else if (i >= v->n || t[j].h < v->t[i].h) {
            out[o] = t[j++];
            out[o++].w *= sign;
        } else {
            out[o] = v->t[i++];
            out[o].w += sign * t[j++].w;
            if (out[o].w > 1e-5f)
                o++;
        }
    }
    free(v->t);
    v->t = out;
    v->n = (uint32_t)o;
    vprune(v, cap);
}

static void vfree(vec *v)
{
    free(v->t);
    v->t = NULL;
    v->n = 0;
    v->norm = 0;
}

/* Cosine of a unit vector with a sum vector, optionally with the unit
 * vector's own contribution taken out of the sum (self != 0). */
static double vcos(const sl_cterm *a, size_t na, const vec *s, int self, size_t *shared)
{
    if (shared)
        *shared = 0;
    if (!na || !s->n || s->norm <= 0)
        return 0;
    double d = sl_cterm_dot_n(a, na, s->t, s->n, shared);
    if (!self)
        return d / s->norm;
    double n2 = (double)s->norm * s->norm - 2 * d + 1.0;
    d -= 1.0;
    if (n2 <= 1e-6 || d <= 0)
        return 0;
    return d / sqrt(n2);
}

/* vcos(a, s, 0, NULL) with a prepared as query q (sl_ctq). */
static double vcos_q(const sl_ctq *q, const vec *s)
{
    if (!q->n || !s->n || s->norm <= 0)
        return 0;
    return sl_ctq_dot_n(q, s->t, s->n, NULL) / s->norm;
}

/* ---- postings --------------------------------------------------------------- */

static post *post_of(postings *p, uint32_t term, int create)
{
    uint32_t *k = create ? sl_u64map_put(&p->map, term, NONE) : sl_u64map_get(&p->map, term);
    if (!k)
        return NULL;
    if (*k == NONE) {
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 256;
            p->p = sl_xrealloc(p->p, p->cap * sizeof *p->p);
        }
        memset(&p->p[p->n], 0, sizeof p->p[p->n]);
        *k = (uint32_t)p->n++;
    }
    return &p->p[*k];
}

static void postings_free(postings *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->p[i].s);
    free(p->p);
    sl_u64map_free(&p->map);
}

/* ---- stories ---------------------------------------------------------------- */

sl_clusterer *sl_clu_new(void)
{
    sl_clusterer *c = sl_xcalloc(1, sizeof *c);
    c->next_id = 1;
    c->now = SL_TIME_UNKNOWN;
    c->fx = sl_cfx_new();
    c->idf = sl_idf_new();
    c->cand = sl_xmalloc(MAX_CAND * sizeof *c->cand);
    for (int i = 0; i < P_COUNT; i++)
        c->p[i] = defaults[i].value;
    return c;
}

static void free_related(story *s)
{
    for (size_t i = 0; i < s->pub.nrelated; i++)
        free(s->pub.related[i].reason);
    free(s->pub.related);
    s->pub.related = NULL;
    s->pub.nrelated = 0;
}

static void free_story(story *s)
{
    free(s->pub.docs);
    free(s->pub.dups);
    free_related(s);
    vfree(&s->body);
    vfree(&s->title);
    vfree(&s->ent);
    free(s);
}

void sl_clu_free(sl_clusterer *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nstories; i++)
        free_story(c->stories[i]);
    free(c->stories);
    sl_u64map_free(&c->ids);
    for (size_t i = 0; i < c->ndocs; i++)
        free(c->docs[i].f.t);
    free(c->docs);
    free(c->active_list);
    postings_free(&c->index);
    postings_free(&c->ents);
    for (int b = 0; b < 4; b++)
        free(c->band[b]);
    sl_cfx_free(c->fx);
    sl_idf_free(c->idf);
    free(c->merges);
    free(c->apart.keys);
    free(c->apart.vers);
    free(c->view);
    free(c->cand);
    free(c);
}

static story *story_by_id(const sl_clusterer *c, int64_t id)
{
    uint32_t *k = id > 0 ? sl_u64map_get(&c->ids, (uint64_t)id) : NULL;
    return k ? c->stories[*k] : NULL;
}

static uint32_t story_index(const sl_clusterer *c, const story *s)
{
    return *sl_u64map_get(&c->ids, (uint64_t)s->pub.id);
}

/* Cold articles: the members of a retired story give their term vectors
 * back (the fingerprint, times, year and language stay), so the state per
 * article stays small however long the stream. When such an article is
 * needed again (its story revives, a member check, `why`) its features are
 * recomputed from the article (sl_clu_set_source), with today's term
 * weights. Without a source nothing goes cold. */
static void cool(sl_clusterer *c, const story *s)
{
    if (!c->get)
        return;
    for (size_t i = 0; i < s->pub.ndocs; i++) {
        dinfo *d = &c->docs[s->pub.docs[i]];
        if (d->cold)
            continue;
        free(d->f.t);
        d->f.t = NULL;
        d->f.nb = d->f.nt = d->f.ne = 0;
        d->cold = 1;
    }
}

static void warm(sl_clusterer *c, uint32_t h)
{
    dinfo *d = &c->docs[h];
    if (!d->cold)
        return;
    const sl_doc *doc = c->get ? c->get(c->get_ud, h) : NULL;
    if (!doc)
        return; /* stays empty: scores as sharing nothing */
    sl_cfeat f;
    size_t n = 0;
    const void *saved = c->get_saved ? c->get_saved(c->get_ud, h, &n) : NULL;
    sl_cfcount *cnt = saved ? sl_cfx_count_saved(c->fx, doc, saved, n, 0) : NULL;
    if (cnt)
        sl_cfx_doc_counted(c->fx, doc, cnt, c->idf, 0, &f);
    else
        sl_cfx_doc(c->fx, doc, c->idf, 0, &f);
    sl_cfcount_free(cnt);
    d->f.t = f.t;
    d->f.nb = f.nb;
    d->f.nt = f.nt;
    d->f.ne = f.ne;
    d->cold = 0;
}

void sl_clu_set_saved(sl_clusterer *c, const void *(*get_saved)(void *ud, uint32_t h, size_t *n))
{
    c->get_saved = get_saved;
}

void sl_clu_set_source(sl_clusterer *c, const sl_doc *(*get)(void *ud, uint32_t h), void *ud)
{
    c->get = get;
    c->get_ud = ud;
}

static void activate(sl_clusterer *c, story *s)
{
    if (s->slot != NONE)
        return;
    if (c->nactive == c->capactive) {
        c->capactive = c->capactive ? c->capactive * 2 : 256;
        c->active_list = sl_xrealloc(c->active_list, c->capactive * sizeof *c->active_list);
    }
    s->slot = (uint32_t)c->nactive;
    c->active_list[c->nactive++] = story_index(c, s);
    s->retired = 0;
}

static void deactivate(sl_clusterer *c, story *s)
{
    if (s->slot == NONE)
        return;
    uint32_t last = c->active_list[--c->nactive];
    c->active_list[s->slot] = last;
    c->stories[last]->slot = s->slot;
    s->slot = NONE;
}

static story *new_story(sl_clusterer *c, int64_t id)
{
    if (c->nstories == c->capstories) {
        c->capstories = c->capstories ? c->capstories * 2 : 64;
        c->stories = sl_xrealloc(c->stories, c->capstories * sizeof *c->stories);
    }
    story *s = sl_xcalloc(1, sizeof *s);
    s->pub.id = id;
    s->pub.first_seen = s->pub.last_seen = SL_TIME_UNKNOWN;
    s->live = 1;
    s->slot = NONE;
    sl_clu_reserve_ids(c, id);
    *sl_u64map_put(&c->ids, (uint64_t)id, 0) = (uint32_t)c->nstories;
    c->stories[c->nstories++] = s;
    activate(c, s);
    return s;
}

/* Puts story s in the posting list of term (if not there yet). */
static void index_term(sl_clusterer *c, postings *px, story *s, uint32_t term)
{
    post *p = post_of(px, term, 1);
    uint32_t si = story_index(c, s);
    for (uint32_t i = p->n; i > 0 && i + 8 > p->n; i--)
        if (p->s[i - 1] == si)
            return;
    if (p->n == MAX_POST) { /* drop dead entries, else the oldest half */
        uint32_t o = 0;
        for (uint32_t i = 0; i < p->n; i++) {
            story *t = c->stories[p->s[i]];
            if (t->live && (px == &c->ents || !t->retired))
                p->s[o++] = p->s[i];
        }
        if (o > MAX_POST * 3 / 4) {
            memmove(p->s, p->s + o / 2, (o - o / 2) * sizeof *p->s);
            o -= o / 2;
        }
        p->n = o;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? (p->cap * 2 < MAX_POST ? p->cap * 2 : MAX_POST) : 4;
        p->s = sl_xrealloc(p->s, p->cap * sizeof *p->s);
    }
    p->s[p->n++] = si;
}

static int was_indexed(const story *s, uint32_t term)
{
    for (int i = 0; i < s->nindexed; i++)
        if (s->indexed[i] == term)
            return 1;
    return 0;
}

/* Indexes the heaviest terms of s not indexed yet (done when a story is
 * created and each time its size doubles). */
static void reindex(sl_clusterer *c, story *s)
{
    sl_cterm top[N_REL_INDEX > N_INDEX ? N_REL_INDEX : N_INDEX];
    size_t n = heaviest(s->body.t, s->body.n, N_INDEX, top);
    for (size_t i = 0; i < n && i < N_INDEX && s->nindexed < MAX_INDEXED; i++)
        if (!was_indexed(s, top[i].h)) {
            index_term(c, &c->index, s, top[i].h);
            s->indexed[s->nindexed++] = top[i].h;
        }
    n = heaviest(s->ent.t, s->ent.n, N_REL_INDEX > N_INDEX_ENT ? N_REL_INDEX : N_INDEX_ENT, top);
    for (size_t i = 0; i < n && i < N_INDEX_ENT && s->nindexed < MAX_INDEXED; i++) {
        if (!was_indexed(s, top[i].h)) {
            index_term(c, &c->index, s, top[i].h);
            s->indexed[s->nindexed++] = top[i].h;
        }
    }
    for (size_t i = 0; i < n && i < N_REL_INDEX; i++)
        if (s->nent_indexed < 2 * N_REL_INDEX) {
            index_term(c, &c->ents, s, top[i].h);
            s->nent_indexed++;
        }
}

static int64_t story_mean_time(const story *s, const dinfo *self)
{
    double sum = s->tsum;
    uint32_t n = s->tn;
    if (self && self->f.when != SL_TIME_UNKNOWN) {
        sum -= (double)self->f.when;
        n--;
    }
    return n ? (int64_t)(sum / n) : SL_TIME_UNKNOWN;
}

static uint16_t story_year(const story *s, const dinfo *self)
{
    uint16_t best = 0;
    int bc = 0;
    for (int i = 0; i < 4; i++) {
        int cnt = s->ycount[i] - (self && self->f.year == s->years[i] && s->years[i]);
        if (cnt > bc) {
            bc = cnt;
            best = s->years[i];
        }
    }
    return best;
}

static void add_year(story *s, uint16_t y, int sign)
{
    if (!y)
        return;
    int free_slot = -1, low = 0;
    for (int i = 0; i < 4; i++) {
        if (s->years[i] == y) {
            if (sign > 0 || s->ycount[i] > 0)
                s->ycount[i] = (uint16_t)(s->ycount[i] + sign);
            return;
        }
        if (!s->ycount[i] && free_slot < 0)
            free_slot = i;
        if (s->ycount[i] < s->ycount[low])
            low = i;
    }
    if (sign < 0)
        return;
    int k = free_slot >= 0 ? free_slot : low;
    s->years[k] = y;
    s->ycount[k] = 1;
}

static void touch_times(story *s, int64_t t)
{
    if (t == SL_TIME_UNKNOWN)
        return;
    if (s->pub.first_seen == SL_TIME_UNKNOWN || t < s->pub.first_seen)
        s->pub.first_seen = t;
    if (s->pub.last_seen == SL_TIME_UNKNOWN || t > s->pub.last_seen)
        s->pub.last_seen = t;
}

/* Adds doc h's vectors and times to story s (s->pub.docs not touched). */
static void absorb(sl_clusterer *c, story *s, const dinfo *d, float sign)
{
    warm(c, (uint32_t)(d - c->docs));
    s->version++;
    const sl_cfeat *f = &d->f;
    vadd(&s->body, sl_cf_body(f), f->nb, sign, C_BODY);
    vadd(&s->title, sl_cf_title(f), f->nt, sign, C_TITLE);
    vadd(&s->ent, sl_cf_ent(f), f->ne, sign, C_ENT);
    if (f->when != SL_TIME_UNKNOWN) {
        s->tsum += sign * (double)f->when;
        s->tn = sign > 0 ? s->tn + 1 : s->tn - 1;
    }
    add_year(s, f->year, sign > 0 ? 1 : -1);
    if (sign > 0) {
        int64_t a = f->when != SL_TIME_UNKNOWN ? f->when : (int64_t)c->seq;
        if (a > s->active)
            s->active = a;
    }
}

static void push_doc(story *s, uint32_t h)
{
    if (s->pub.ndocs == s->capdocs) {
        s->capdocs = s->capdocs ? s->capdocs * 2 : 2;
        s->pub.docs = sl_xrealloc(s->pub.docs, s->capdocs * sizeof *s->pub.docs);
    }
    s->pub.docs[s->pub.ndocs++] = h;
}

static void push_dup(story *s, uint32_t doc, uint32_t of)
{
    if (s->pub.ndups == s->capdups) {
        s->capdups = s->capdups ? s->capdups * 2 : 2;
        s->pub.dups = sl_xrealloc(s->pub.dups, s->capdups * sizeof *s->pub.dups);
    }
    s->pub.dups[s->pub.ndups++] = (sl_clu_dup){doc, of};
}

/* A retired story leaves the candidate index; it keeps a small centroid
 * for related links (and gets the full one back if it is ever restored). */
static void retire(sl_clusterer *c, story *s)
{
    deactivate(c, s);
    s->retired = 1;
    s->version++;
    vprune(&s->body, R_BODY);
    vprune(&s->ent, R_ENT);
    vfree(&s->title);
    cool(c, s);
    s->body.t = sl_xrealloc(s->body.t, (s->body.n + 1) * sizeof *s->body.t);
    s->ent.t = sl_xrealloc(s->ent.t, (s->ent.n + 1) * sizeof *s->ent.t);
    s->nindexed = 0;
}

/* Rebuilds a retired story's centroid from its members. */
static void revive(sl_clusterer *c, story *s)
{
    if (!s->retired)
        return;
    s->version++;
    vfree(&s->body);
    vfree(&s->title);
    vfree(&s->ent);
    s->tsum = 0;
    s->tn = 0;
    memset(s->ycount, 0, sizeof s->ycount);
    for (size_t i = 0; i < s->pub.ndocs; i++)
        absorb(c, s, &c->docs[s->pub.docs[i]], 1.0f);
    s->retired = 0;
    activate(c, s);
    reindex(c, s);
}

static void sweep(sl_clusterer *c)
{
    if (c->now == SL_TIME_UNKNOWN)
        return;
    for (size_t i = 0; i < c->nactive;) {
        story *s = c->stories[c->active_list[i]];
        if (s->tn && s->active < c->now - WINDOW)
            retire(c, s); /* moves the last entry to i */
        else
            i++;
    }
}

static void join(sl_clusterer *c, story *s, uint32_t h)
{
    revive(c, s);
    dinfo *d = &c->docs[h];
    d->story = s->pub.id;
    push_doc(s, h);
    s->recent[s->nrecent++ % N_RECENT] = h;
    absorb(c, s, d, 1.0f);
    touch_times(s, d->f.when);
    size_t n = s->pub.ndocs;
    if ((n & (n - 1)) == 0)
        reindex(c, s);
}

static void unjoin(sl_clusterer *c, story *s, uint32_t h)
{
    size_t o = 0;
    for (size_t i = 0; i < s->pub.ndocs; i++)
        if (s->pub.docs[i] != h)
            s->pub.docs[o++] = s->pub.docs[i];
    s->pub.ndocs = o;
    o = 0;
    for (size_t i = 0; i < s->pub.ndups; i++)
        if (s->pub.dups[i].doc != h && s->pub.dups[i].of != h)
            s->pub.dups[o++] = s->pub.dups[i];
    s->pub.ndups = o;
    if (!s->retired)
        absorb(c, s, &c->docs[h], -1.0f);
    if (!s->pub.ndocs) {
        s->live = 0;
        deactivate(c, s);
    }
    c->docs[h].story = 0;
    /* the earliest and latest times of the articles left: made again
     * from them when h held one of the two */
    int64_t t = c->docs[h].f.when;
    if (t != SL_TIME_UNKNOWN && (t == s->pub.first_seen || t == s->pub.last_seen)) {
        s->pub.first_seen = s->pub.last_seen = SL_TIME_UNKNOWN;
        for (size_t i = 0; i < s->pub.ndocs; i++)
            touch_times(s, c->docs[s->pub.docs[i]].f.when);
    }
}

static void record_merge(sl_clusterer *c, int64_t from, int64_t into, const char *rule,
                         double score, uint32_t doc)
{
    if (c->nmerges == c->capmerges) {
        c->capmerges = c->capmerges ? c->capmerges * 2 : 16;
        c->merges = sl_xrealloc(c->merges, c->capmerges * sizeof *c->merges);
    }
    c->merges[c->nmerges++] = (sl_clu_merge){from, into, rule, score, doc};
}

/* Moves every article of `from` into `into`; `from` dies (recorded with
 * the rule, score and article that made the merge: see sl_clu_merge). */
static void merge(sl_clusterer *c, story *into, story *from, const char *rule, double score,
                  uint32_t doc)
{
    revive(c, into);
    revive(c, from);
    for (size_t i = 0; i < from->pub.ndocs; i++) {
        uint32_t h = from->pub.docs[i];
        c->docs[h].story = into->pub.id;
        push_doc(into, h);
        absorb(c, into, &c->docs[h], 1.0f);
    }
    for (size_t i = 0; i < from->pub.ndups; i++)
        push_dup(into, from->pub.dups[i].doc, from->pub.dups[i].of);
    touch_times(into, from->pub.first_seen);
    touch_times(into, from->pub.last_seen);
    into->version++;
    record_merge(c, from->pub.id, into->pub.id, rule, score, doc);
    from->pub.ndocs = from->pub.ndups = 0;
    from->live = 0;
    deactivate(c, from);
    vfree(&from->body);
    vfree(&from->title);
    vfree(&from->ent);
    reindex(c, into);
}

/* ---- the decision ------------------------------------------------------------ */

typedef struct parts {
    double body, title, ent; /* cosines */
    double days;             /* distance to the story's mean time, or -1 */
    double time_pen;
    int year;                /* +1 same year mentioned most, -1 different, 0 unknown */
    int has_title;
    double score;
} parts;

static double time_penalty(const sl_clusterer *c, double days)
{
    return days < 0 ? PV(NO_TIME_PEN) : PV(TIME_PEN) * log1p(days / PV(TIME_TAU));
}

/* Combines the parts into the score of the linear decision. */
static void decide(const sl_clusterer *c, parts *p)
{
    double wb = PV(W_BODY), wt = PV(W_TITLE), we = PV(W_ENT);
    if (!p->has_title) { /* no titles to compare: share their weight */
        wb += PV(W_TITLE) * 0.5;
        we += PV(W_TITLE) * 0.5;
        wt = 0;
    }
    p->time_pen = time_penalty(c, p->days);
    double rest = PV(W_YEAR) * p->year - p->time_pen;
    p->score = wb * p->body + wt * p->title + we * p->ent + rest;
    if (p->has_title) { /* a title only helps: extracted titles may be noise */
        double alt = (wb + wt * 0.5) * p->body + (we + wt * 0.5) * p->ent + rest;
        if (alt > p->score)
            p->score = alt;
    }
    if (p->body < MIN_BODY && p->score > 0)
        p->score = 0; /* no content words in common (another language, or
                         only a dateline's month name as an "entity"): names
                         or titles alone do not make the same event */
}

/* True when both sides have titles and they do not agree (title_min):
 * the batch passes, which join on weaker evidence than the stream, ask the
 * titles to name the same event. Texts without titles are not judged. */
static int titles_differ(const sl_clusterer *c, const parts *p)
{
    return p->has_title && p->title < PV(TITLE_MIN);
}

/* Days between time t and the range [lo, hi] (0 inside), or -1 if unknown. */
static double gap_days(int64_t t, int64_t lo, int64_t hi)
{
    if (t == SL_TIME_UNKNOWN || lo == SL_TIME_UNKNOWN)
        return -1;
    int64_t g = t < lo ? lo - t : t > hi ? t - hi : 0;
    return (double)g / 86400.0;
}

static int year_agree(uint16_t a, uint16_t b)
{
    return !a || !b ? 0 : a == b ? 1 : -1;
}

/* Article d against story s (self: d is a member, leave it out). */
/* Doc d against story s, its body cosine already known. */
static void score_story_body(const sl_clusterer *c, const dinfo *d, const story *s, int self,
                             double body, parts *p)
{
    const sl_cfeat *f = &d->f;
    memset(p, 0, sizeof *p);
    p->body = body;
    p->has_title = f->nt && s->title.n;
    p->title = p->has_title ? vcos(sl_cf_title(f), f->nt, &s->title, self, NULL) : 0;
    size_t shared;
    p->ent = vcos(sl_cf_ent(f), f->ne, &s->ent, self, &shared);
    if (shared >= 2 && f->ent_cont)
        shared -= sl_cterm_name_tails(sl_cf_ent(f), f->ne, f->ent_cont, s->ent.t, s->ent.n, 0, 0);
    if (!self && shared < 2)
        p->ent *= PV(ENT_ONE);
    p->days = gap_days(f->when, s->pub.first_seen, s->pub.last_seen);
    p->year = p->days < 0 ? year_agree(f->year, story_year(s, self ? d : NULL)) : 0;
    decide(c, p);
}

static void score_story(const sl_clusterer *c, const dinfo *d, const story *s, int self, parts *p)
{
    const sl_cfeat *f = &d->f;
    score_story_body(c, d, s, self, vcos(sl_cf_body(f), f->nb, &s->body, self, NULL), p);
}

/* Article a against article b. */
static void score_docs(const sl_clusterer *c, const dinfo *a, const dinfo *b, parts *p)
{
    memset(p, 0, sizeof *p);
    p->body = sl_cterm_dot(sl_cf_body(&a->f), a->f.nb, sl_cf_body(&b->f), b->f.nb);
    p->has_title = a->f.nt && b->f.nt;
    p->title = sl_cterm_dot(sl_cf_title(&a->f), a->f.nt, sl_cf_title(&b->f), b->f.nt);
    size_t shared;
    p->ent = sl_cterm_dot_n(sl_cf_ent(&a->f), a->f.ne, sl_cf_ent(&b->f), b->f.ne, &shared);
    if (shared >= 2 && a->f.ent_cont && b->f.ent_cont)
        shared -= sl_cterm_name_tails(sl_cf_ent(&a->f), a->f.ne, a->f.ent_cont, sl_cf_ent(&b->f),
                                      b->f.ne, b->f.ent_cont, 1);
    if (shared < 2)
        p->ent *= PV(ENT_ONE);
    p->days = a->f.when != SL_TIME_UNKNOWN && b->f.when != SL_TIME_UNKNOWN
                  ? fabs((double)(a->f.when - b->f.when)) / 86400.0
                  : -1;
    p->year = p->days < 0 ? year_agree(a->f.year, b->f.year) : 0;
    decide(c, p);
    if (sl_cf_title_names_differ(&a->f, &b->f))
        p->score -= PV(NAME_PEN);
}

/* Candidate stories for a term list: fills c->cand, returns how many. */
static size_t gather(sl_clusterer *c, const sl_cterm *t, size_t n, size_t limit, size_t have)
{
    sl_cterm top[N_QUERY + 1];
    size_t k = 0;
    if (limit > N_QUERY)
        limit = N_QUERY;
    for (size_t i = 0; i < n; i++) { /* the `limit` heaviest, heaviest first */
        if (k == limit && t[i].w <= top[k - 1].w)
            continue;
        size_t j = k < limit ? k++ : k - 1;
        while (j > 0 && top[j - 1].w < t[i].w) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = t[i];
    }
    n = k;
    /* The index, its posting lists and the stories they name are larger
     * than the processor's caches: the lists are found for all the terms
     * before any is read, and the stories of a list are fetched a few
     * places ahead (each was a wait on memory in turn). */
    post *ps[N_QUERY];
    for (size_t i = 0; i < n; i++)
        sl_u64map_prefetch(&c->index.map, top[i].h, 0);
    for (size_t i = 0; i < n; i++) {
        ps[i] = post_of(&c->index, top[i].h, 0);
        if (ps[i])
            __builtin_prefetch(ps[i]);
    }
    for (size_t i = 0; i < n; i++)
        if (ps[i] && ps[i]->n)
            __builtin_prefetch(ps[i]->s);
    for (size_t i = 0; i < n && i < limit && have < MAX_CAND; i++) {
        post *p = ps[i];
        if (!p)
            continue;
        uint32_t o = 0;
        for (uint32_t j = 0; j < p->n && j < STORY_AHEAD; j++)
            __builtin_prefetch(&c->stories[p->s[j]]->live);
        for (uint32_t j = 0; j < p->n; j++) {
            if (j + STORY_AHEAD < p->n)
                __builtin_prefetch(&c->stories[p->s[j + STORY_AHEAD]]->live);
            story *s = c->stories[p->s[j]];
            if (!s->live || s->retired)
                continue; /* purged */
            p->s[o++] = p->s[j];
            if (s->stamp != c->stamp && have < MAX_CAND) {
                s->stamp = c->stamp;
                c->cand[have++] = p->s[j];
                /* what scoring reads first: its size, vectors and times */
                __builtin_prefetch(s);
                __builtin_prefetch((const char *)s + 64);
                __builtin_prefetch((const char *)s + 128);
            }
        }
        p->n = o;
    }
    return have;
}

static size_t candidates(sl_clusterer *c, const sl_cfeat *f)
{
    c->stamp++;
    size_t n = gather(c, sl_cf_body(f), f->nb, N_QUERY, 0);
    return gather(c, sl_cf_ent(f), f->ne, N_QUERY_ENT, n);
}

/* The i-th (i < N_RECENT) of story s's latest members, or NONE when the
 * ring has no such entry or that article has since left s. */
static uint32_t recent_member(const sl_clusterer *c, const story *s, size_t i)
{
    if (i >= s->nrecent || i >= N_RECENT)
        return NONE;
    uint32_t m = s->recent[i];
    return m < c->ndocs && c->docs[m].story == s->pub.id ? m : NONE;
}

/* Best pair score of doc h with the story's latest members (other than h). */
static double member_score(sl_clusterer *c, uint32_t h, const story *s)
{
    double best = -1e9;
    for (size_t i = 0; i < N_RECENT; i++) {
        uint32_t m = recent_member(c, s, i);
        if (m == NONE || m == h)
            continue;
        parts p;
        warm(c, m);
        score_docs(c, &c->docs[h], &c->docs[m], &p);
        if (p.score > best)
            best = p.score;
    }
    return best;
}

/* The member check of a candidate story s that doc h scores `score` with:
 * h must match one of s's latest members. A story of one article is that
 * article, whose pair score is the story's score less the names penalty
 * (no need to compute it again). */
static int member_ok(sl_clusterer *c, uint32_t h, const story *s, double score)
{
    if (s->pub.ndocs > 1)
        return member_score(c, h, s) >= PV(MEMBER_MIN);
    uint32_t m = s->pub.docs[0];
    warm(c, m);
    return !sl_cf_title_names_differ(&c->docs[h].f, &c->docs[m].f) ||
           score - PV(NAME_PEN) >= PV(MEMBER_MIN);
}

/* True when doc h's title names someone none of story s's latest members
 * mentions, and each of them names someone h never mentions (see
 * sl_cf_title_names_differ): the batch passes' guard against a template's
 * series and other events of the same people. */
static int names_clash(sl_clusterer *c, uint32_t h, const story *s)
{
    size_t seen = 0;
    for (size_t i = 0; i < N_RECENT; i++) {
        uint32_t m = recent_member(c, s, i);
        if (m == NONE || m == h)
            continue;
        warm(c, m);
        if (!sl_cf_title_names_differ(&c->docs[h].f, &c->docs[m].f))
            return 0;
        seen++;
    }
    return seen > 0;
}

/* names_clash for every latest member of a against story b. */
static int stories_clash(sl_clusterer *c, const story *a, const story *b)
{
    size_t seen = 0;
    for (size_t i = 0; i < N_RECENT; i++) {
        uint32_t m = recent_member(c, a, i);
        if (m == NONE)
            continue;
        warm(c, m);
        if (!names_clash(c, m, b))
            return 0;
        seen++;
    }
    return seen > 0;
}

/* The best and runner-up candidate stories of an article. */
typedef struct pick {
    story *best, *second; /* NULL when none */
    parts pb, ps;
} pick;

static void pick_init(pick *k)
{
    k->best = k->second = NULL;
    k->pb.score = k->ps.score = -1e9;
}

static void pick_offer(pick *k, story *s, const parts *p)
{
    if (p->score > k->pb.score) {
        k->second = k->best;
        k->ps = k->pb;
        k->best = s;
        k->pb = *p;
    } else if (p->score > k->ps.score) {
        k->second = s;
        k->ps = *p;
    }
}

static int same_lang(const sl_clusterer *c, const dinfo *d, const story *s);

/* Starts fetching s's body vector, which the candidate loops read first
 * (a story's vectors are allocations of their own, mostly out of the
 * processor's caches: at most C_BODY terms, eight cache lines). */
static inline void prefetch_body(const story *s)
{
    const char *p = (const char *)s->body.t;
    for (size_t o = 0; o < s->body.n * sizeof *s->body.t; o += 64)
        __builtin_prefetch(p + o);
}

/* Best and runner-up candidate stories for doc h (skipping story `skip`)
 * into *all; with big non-NULL, also among the stories of at least
 * min_docs articles only (one candidate search for both). */
static void best_two(sl_clusterer *c, uint32_t h, int64_t skip, pick *all, size_t min_docs,
                     pick *big)
{
    pick_init(all);
    if (big)
        pick_init(big);
    size_t n = candidates(c, &c->docs[h].f);
    const sl_cfeat *f = &c->docs[h].f;
    sl_ctq_set(&c->query, sl_cf_body(f), f->nb);
    for (size_t i = 0; i < n && i < CAND_AHEAD; i++)
        prefetch_body(c->stories[c->cand[i]]);
    for (size_t i = 0; i < n; i++) {
        if (i + CAND_AHEAD < n)
            prefetch_body(c->stories[c->cand[i + CAND_AHEAD]]);
        story *s = c->stories[c->cand[i]];
        if (s->pub.id == skip || !s->pub.ndocs)
            continue;
        double body = vcos_q(&c->query, &s->body);
        if (body < MIN_BODY)
            continue; /* no shared content: not worth the other parts */
        parts p;
        score_story_body(c, &c->docs[h], s, 0, body, &p);
        if (p.score >= PV(THRESHOLD) &&
            ((p.body < PV(JOIN_BODY) && same_lang(c, &c->docs[h], s)) || !member_ok(c, h, s, p.score)))
            p.score = PV(LONE_THR) - 0.01; /* only a topic match: not this story */
        pick_offer(all, s, &p);
        if (big && s->pub.ndocs >= min_docs)
            pick_offer(big, s, &p);
    }
}

/* ---- duplicates --------------------------------------------------------------- */

static void band_add(sl_clusterer *c, uint32_t h)
{
    uint64_t sim = c->docs[h].f.sim;
    for (int b = 0; b < 4; b++) {
        c->docs[h].next[b] = NONE;
        if (!sim)
            continue;
        if (!c->band[b]) {
            c->band[b] = sl_xmalloc(65536 * sizeof *c->band[b]);
            memset(c->band[b], 0xff, 65536 * sizeof *c->band[b]);
        }
        uint32_t k = (uint32_t)(sim >> (16 * b)) & 0xffff;
        c->docs[h].next[b] = c->band[b][k];
        c->band[b][k] = h;
    }
}

/* The closest earlier live article within DUP_BITS of h, or NONE. */
static uint32_t find_dup(const sl_clusterer *c, uint32_t h)
{
    uint64_t sim = c->docs[h].f.sim;
    uint32_t best = NONE;
    int bd = DUP_BITS + 1;
    if (!sim)
        return NONE;
    for (int b = 0; b < 4 && c->band[b]; b++) {
        uint32_t k = (uint32_t)(sim >> (16 * b)) & 0xffff;
        int steps = 0;
        for (uint32_t j = c->band[b][k]; j != NONE && steps < MAX_CHAIN; j = c->docs[j].next[b]) {
            steps++;
            if (j == h || !c->docs[j].story)
                continue;
            int dist = sl_hamming(sim, c->docs[j].f.sim);
            if (dist < bd) {
                bd = dist;
                best = j;
            }
        }
    }
    return best;
}

/* ---- public: adding and removing -------------------------------------------------- */

static void ensure_doc(sl_clusterer *c, uint32_t h)
{
    if (h >= c->capdocsarr) {
        size_t cap = c->capdocsarr ? c->capdocsarr : 256;
        while (cap <= h)
            cap *= 2;
        c->docs = sl_xrealloc(c->docs, cap * sizeof *c->docs);
        memset(c->docs + c->capdocsarr, 0, (cap - c->capdocsarr) * sizeof *c->docs);
        c->capdocsarr = cap;
    }
    if (h >= c->ndocs)
        c->ndocs = h + 1;
}

/* Computes doc h's features (replacing any old record), from cnt when the
 * terms were counted already. */
static void load_doc(sl_clusterer *c, uint32_t h, const sl_doc *d, const sl_cfcount *cnt)
{
    ensure_doc(c, h);
    if (c->docs[h].story)
        sl_clu_remove(c, h);
    free(c->docs[h].f.t);
    if (cnt)
        sl_cfx_doc_counted(c->fx, d, cnt, c->idf, 1, &c->docs[h].f);
    else
        sl_cfx_doc(c->fx, d, c->idf, 1, &c->docs[h].f);
    c->docs[h].cold = 0;
    c->docs[h].dup_of = NONE;
    band_add(c, h);
    c->seq++;
    if (d->pub_time != SL_TIME_UNKNOWN && c->now != SL_TIME_UNKNOWN &&
        d->pub_time < c->now - WINDOW) { /* out of order: the batch pass revives */
        if (!c->late || d->pub_time < c->late_min)
            c->late_min = d->pub_time;
        c->late++;
    }
    if (d->pub_time != SL_TIME_UNKNOWN && (c->now == SL_TIME_UNKNOWN || d->pub_time > c->now))
        c->now = d->pub_time;
    if (c->seq % SWEEP_EVERY == 0)
        sweep(c);
}

sl_cfx *sl_clu_scratch(sl_clusterer *c)
{
    return sl_cfx_new_sharing(c->fx);
}

int64_t sl_clu_add(sl_clusterer *c, uint32_t h, const sl_doc *d)
{
    return sl_clu_add_counted(c, h, d, NULL);
}

int64_t sl_clu_add_counted(sl_clusterer *c, uint32_t h, const sl_doc *d, const sl_cfcount *cnt)
{
    load_doc(c, h, d, cnt);
    uint32_t of = find_dup(c, h);
    if (of != NONE) {
        story *s = story_by_id(c, c->docs[of].story);
        c->docs[h].dup_of = of;
        join(c, s, h);
        push_dup(s, h, of);
        return s->pub.id;
    }
    pick k;
    best_two(c, h, 0, &k, 0, NULL);
    story *best = k.best, *second = k.second;
    const parts pb = k.pb, ps = k.ps;
    if (!best || pb.score < PV(THRESHOLD)) {
        best = new_story(c, c->next_id);
    } else if (second && ps.score >= PV(BRIDGE) && pb.score >= PV(BRIDGE)) {
        story *big = best->pub.ndocs >= second->pub.ndocs ? best : second;
        merge(c, big, big == best ? second : best, "bridge",
              pb.score < ps.score ? pb.score : ps.score, h);
        best = big;
    }
    join(c, best, h);
    return best->pub.id;
}

sl_cfcount *sl_clu_count(sl_clusterer *c, const sl_doc *d) { return sl_cfx_count(c->fx, d); }

sl_cfcount *sl_clu_count_saved(sl_clusterer *c, const sl_doc *d, const void *saved, size_t n)
{
    return sl_cfx_count_saved(c->fx, d, saved, n, 1);
}

void sl_clu_place(sl_clusterer *c, uint32_t h, const sl_doc *d, int64_t id)
{
    sl_clu_place_counted(c, h, d, id, NULL);
}

void sl_clu_place_counted(sl_clusterer *c, uint32_t h, const sl_doc *d, int64_t id,
                          const sl_cfcount *cnt)
{
    load_doc(c, h, d, cnt);
    story *s = story_by_id(c, id);
    if (!s)
        s = new_story(c, id);
    else if (!s->live) { /* an id that died in this session comes back */
        s->live = 1;
        s->retired = 0;
        activate(c, s);
    }
    /* a near-duplicate of an article placed before it in its story is
     * listed as that article's copy, as when the stream added it */
    uint32_t of = find_dup(c, h);
    join(c, s, h);
    if (of != NONE && c->docs[of].story == s->pub.id) {
        c->docs[h].dup_of = of;
        push_dup(s, h, of);
    }
}

void sl_clu_remove(sl_clusterer *c, uint32_t h)
{
    if (h >= c->ndocs || !c->docs[h].story)
        return;
    story *s = story_by_id(c, c->docs[h].story);
    if (s)
        unjoin(c, s, h);
    c->docs[h].story = 0;
    /* the features stay until the handle is reused: band chains link
     * through this record */
}

/* ---- batch revision ------------------------------------------------------------ */

/* True unless story s's latest members are all in another language than d
 * (unknown languages agree with anything): below the threshold a match
 * across languages is noise, their stems do not meet. */
static int same_lang(const sl_clusterer *c, const dinfo *d, const story *s)
{
    if (!d->f.lang)
        return 1;
    int known = 0;
    for (size_t i = 0; i < N_RECENT; i++) {
        uint32_t m = recent_member(c, s, i);
        if (m == NONE || !c->docs[m].f.lang)
            continue;
        if (c->docs[m].f.lang == d->f.lang)
            return 1;
        known = 1;
    }
    return !known;
}

/* Moves article h to a clearly better story than its own; returns 1 if
 * it moved. When h stays alone and its best match is another lone
 * article, *rival is that article (else NONE). */
/* Whether doc d and story s (scored p) name someone in common, as the
 * lone rule asks: a name in both entity vectors, or a term of d's title
 * that a title of s has too and that d or s writes as a name. Shared
 * words alone ("forest fire", "weather forecast") are a topic: another
 * region's fire, another city's forecast. Without names on one side
 * there is nothing to ask. */
static int shares_name(const dinfo *d, const story *s, const parts *p)
{
    if (p->ent > 0 || !d->f.ne || !s->ent.n)
        return 1;
    const sl_cterm *ti = sl_cf_title(&d->f), *en = sl_cf_ent(&d->f);
    for (size_t i = 0; i < d->f.nt; i++) {
        uint32_t h = ti[i].h;
        if (sl_cterm_has(s->title.t, s->title.n, h) &&
            (sl_cterm_has(en, d->f.ne, h) || sl_cterm_has(s->ent.t, s->ent.n, h)))
            return 1;
    }
    return 0;
}

static int reassign_one(sl_clusterer *c, uint32_t h, double min_body, uint32_t *rival)
{
    *rival = NONE;
    dinfo *d = &c->docs[h];
    if (!d->story || d->dup_of != NONE)
        return 0;
    story *own = story_by_id(c, d->story);
    if (own->retired)
        return 0;
    parts po;
    double own_score = -1;
    if (own->pub.ndocs > 1) {
        score_story(c, d, own, 1, &po);
        own_score = po.score;
    }
    pick all, big;
    int lone = own->pub.ndocs <= (size_t)PV(LONE_MAX);
    best_two(c, h, own->pub.id, &all, (size_t)PV(LONE_INTO), lone ? &big : NULL);
    story *best = all.best, *second = all.second;
    parts pb = all.pb, ps = all.ps;
    int ok = best && pb.score >= PV(THRESHOLD) && pb.score >= own_score + PV(MOVE_MARGIN) &&
             !(lone && titles_differ(c, &pb));
    if (!ok && lone && best && best->pub.ndocs < (size_t)PV(LONE_INTO)) {
        /* its best match is a story too small to join (often another
         * piece of the same event): look at the established stories
         * alone, at the small-story standard (see merge_small) */
        best = big.best;
        second = big.second;
        pb = big.pb;
        ps = big.ps;
        if (best && (pb.score < PV(SMALL_THR) || pb.body < PV(SMALL_BODY)))
            best = NULL;
    }
    if (best && lone && pb.days >= 0 && pb.score >= PV(LONE_THR) &&
        best->pub.ndocs >= (size_t)PV(LONE_INTO) && pb.body >= min_body &&
        (!second || pb.score - ps.score >= PV(LONE_GAP)) && same_lang(c, d, best) &&
        !titles_differ(c, &pb) && !names_clash(c, h, best) && shares_name(d, best, &pb))
        ok = 1; /* the batch sees every story: a clear best close in
                   time is enough */
    if (!ok) {
        if (lone && all.best && all.best->pub.ndocs == 1)
            *rival = all.best->pub.docs[0];
        return 0;
    }
    unjoin(c, own, h);
    join(c, best, h);
    /* its duplicates follow it */
    for (size_t i = 0; i < own->pub.ndocs; i++) {
        uint32_t k = own->pub.docs[i];
        if (c->docs[k].dup_of == h) {
            unjoin(c, own, k);
            join(c, best, k);
            push_dup(best, k, h);
            i--;
        }
    }
    if (!own->pub.ndocs) /* its last article left: the story lives on in best */
        record_merge(c, own->pub.id, best->pub.id, "moved", pb.score, h);
    return 1;
}

/* Moves each article to a clearly better story than its own. A lone
 * article whose best match was another lone article looks again once that
 * one has joined an established story during the pass: the order of the
 * pass must not decide (its best story is now the one its rival joined). */
static size_t reassign(sl_clusterer *c)
{
    size_t moved = 0, nwait = 0, capwait = 0;
    uint32_t (*wait)[2] = NULL; /* (article, its lone rival) */
    for (uint32_t h = 0; h < c->ndocs; h++) {
        uint32_t rival;
        if (reassign_one(c, h, PV(LONE_BODY), &rival)) {
            moved++;
        } else if (rival != NONE) {
            if (nwait == capwait) {
                capwait = capwait ? capwait * 2 : 64;
                wait = sl_xrealloc(wait, capwait * sizeof *wait);
            }
            wait[nwait][0] = h;
            wait[nwait++][1] = rival;
        }
    }
    for (size_t i = 0; i < nwait; i++) {
        const story *r = story_by_id(c, c->docs[wait[i][1]].story);
        if (r && r->pub.ndocs >= (size_t)PV(LONE_INTO) && r->pub.ndocs > 1) {
            uint32_t rival;
            moved += (size_t)reassign_one(c, wait[i][0], PV(RELOOK_BODY), &rival);
        }
    }
    free(wait);
    return moved;
}

/* Cosine of two stories' body centroids. */
static double story_body_cos(const story *a, const story *b)
{
    if (a->body.norm <= 0 || b->body.norm <= 0)
        return 0;
    return sl_cterm_dot(a->body.t, a->body.n, b->body.t, b->body.n) / (a->body.norm * b->body.norm);
}

/* story_body_cos(a, b) with a's body prepared as query q. */
static double story_body_cos_q(const sl_ctq *q, const story *a, const story *b)
{
    if (a->body.norm <= 0 || b->body.norm <= 0)
        return 0;
    return sl_ctq_dot_n(q, b->body.t, b->body.n, NULL) / (a->body.norm * b->body.norm);
}

/* Score of story a's centroid (as a unit article) against story b, their
 * body cosine already known (story_body_cos). */
static void score_stories_body(const sl_clusterer *c, const story *a, const story *b, double body,
                               parts *p)
{
    memset(p, 0, sizeof *p);
    p->body = body;
    p->has_title = a->title.n && b->title.n;
    if (p->has_title && a->title.norm > 0 && b->title.norm > 0)
        p->title = sl_cterm_dot(a->title.t, a->title.n, b->title.t, b->title.n) /
                   (a->title.norm * b->title.norm);
    if (a->ent.norm > 0 && b->ent.norm > 0) {
        size_t shared;
        p->ent = sl_cterm_dot_n(a->ent.t, a->ent.n, b->ent.t, b->ent.n, &shared) /
                 (a->ent.norm * b->ent.norm) * (shared < 2 ? PV(ENT_ONE) : 1.0);
    }
    double g1 = gap_days(a->pub.first_seen, b->pub.first_seen, b->pub.last_seen);
    double g2 = gap_days(a->pub.last_seen, b->pub.first_seen, b->pub.last_seen);
    p->days = g1 < 0 ? -1 : a->pub.first_seen <= b->pub.last_seen && a->pub.last_seen >= b->pub.first_seen ? 0 : (g1 < g2 ? g1 : g2);
    p->year = p->days < 0 ? year_agree(story_year(a, NULL), story_year(b, NULL)) : 0;
    decide(c, p);
}

static void score_stories(const sl_clusterer *c, const story *a, const story *b, parts *p)
{
    score_stories_body(c, a, b, story_body_cos(a, b), p);
}

static uint64_t memo_key(uint32_t a, uint32_t b)
{
    return a < b ? ((uint64_t)a << 32 | b) + 1 : ((uint64_t)b << 32 | a) + 1;
}

static uint64_t memo_vers(const sl_clusterer *c, uint32_t a, uint32_t b)
{
    uint32_t va = c->stories[a]->version, vb = c->stories[b]->version;
    return a < b ? (uint64_t)va << 32 | vb : (uint64_t)vb << 32 | va;
}

/* True when stories a and b (indexes) were found apart and neither has
 * changed since. */
static int memo_apart(const sl_clusterer *c, uint32_t a, uint32_t b)
{
    const pairmemo *m = &c->apart;
    if (!m->n)
        return 0;
    uint64_t k = memo_key(a, b);
    for (size_t j = sl_u64map_mix(k) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == k)
            return m->vers[j] == memo_vers(c, a, b);
    return 0;
}

static void memo_put_apart(sl_clusterer *c, uint32_t a, uint32_t b)
{
    pairmemo *m = &c->apart;
    if ((m->n + 1) * 2 > m->cap) {
        pairmemo g = {sl_xcalloc(m->cap ? m->cap * 2 : 1024, sizeof *g.keys), NULL,
                      m->cap ? m->cap * 2 : 1024, m->n};
        g.vers = sl_xmalloc(g.cap * sizeof *g.vers);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = sl_u64map_mix(m->keys[i]) & (g.cap - 1);
            while (g.keys[j])
                j = (j + 1) & (g.cap - 1);
            g.keys[j] = m->keys[i];
            g.vers[j] = m->vers[i];
        }
        free(m->keys);
        free(m->vers);
        *m = g;
    }
    uint64_t k = memo_key(a, b);
    size_t j = sl_u64map_mix(k) & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != k)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j]) {
        m->keys[j] = k;
        m->n++;
    }
    m->vers[j] = memo_vers(c, a, b);
}

static void memo_free(pairmemo *m)
{
    free(m->keys);
    free(m->vers);
    memset(m, 0, sizeof *m);
}

/* True when term h continues a name (the "Kong" of "Hong Kong") in one of
 * story s's latest members (see sl_cfeat's ent_cont). */
static int story_name_tail(sl_clusterer *c, const story *s, uint32_t h)
{
    for (size_t i = 0; i < N_RECENT; i++) {
        uint32_t m = recent_member(c, s, i);
        if (m == NONE)
            continue;
        warm(c, m);
        const sl_cfeat *f = &c->docs[m].f;
        const sl_cterm *e = sl_cf_ent(f);
        for (size_t k = 0; k < f->ne; k++)
            if (e[k].h == h && (f->ent_cont >> k & 1))
                return 1;
    }
    return 0;
}

/* Cosine of a and b over the terms that are not in skip[0..nskip). */
static double vcos_skip(const vec *a, const vec *b, const uint32_t *skip, size_t nskip)
{
    if (a->norm <= 0 || b->norm <= 0)
        return 0;
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->t[i].h < b->t[j].h) {
            i++;
        } else if (a->t[i].h > b->t[j].h) {
            j++;
        } else {
            size_t k = 0;
            while (k < nskip && skip[k] != a->t[i].h)
                k++;
            if (k == nskip)
                dot += (double)a->t[i].w * b->t[j].w;
            i++;
            j++;
        }
    }
    return dot / ((double)a->norm * b->norm);
}

/* What the cosines of p score without time and year. */
static double content_score(const sl_clusterer *c, parts p)
{
    p.days = 0;
    p.year = 0;
    decide(c, &p);
    return p.score;
}

/* True when stories a and b, scored p together, match on one name only:
 * without their heaviest shared entity term that begins a name, and the
 * heaviest that continues one in the latest members of either ("Kong" goes
 * with "Hong"; the continuations of other names, the "Bunny" of "Bad
 * Bunny", stay), their content score keeps less than one_name of itself.
 * One name that weighs on every side (a city in the titles, the entities
 * and the bodies) makes a topic, like ent_one's single shared name; a
 * merge needs other names or event words in common too. */
static int one_name_match(sl_clusterer *c, const story *a, const story *b, const parts *p)
{
    double full = content_score(c, *p);
    if (PV(ONE_NAME) <= 0 || full <= 0)
        return 0;
    uint32_t top = 0, tail = 0;
    double wtop = 0, wtail = 0;
    size_t i = 0, j = 0;
    while (i < a->ent.n && j < b->ent.n) {
        if (a->ent.t[i].h < b->ent.t[j].h) {
            i++;
        } else if (a->ent.t[i].h > b->ent.t[j].h) {
            j++;
        } else {
            uint32_t h = a->ent.t[i].h;
            double w = (double)a->ent.t[i].w * b->ent.t[j].w;
            if (story_name_tail(c, a, h) || story_name_tail(c, b, h)) {
                if (w > wtail) {
                    wtail = w;
                    tail = h;
                }
            } else if (w > wtop) {
                wtop = w;
                top = h;
            }
            i++;
            j++;
        }
    }
    if (wtop <= 0)
        return 0; /* no name in common: not this rule's case */
    uint32_t skip[2] = {top, tail};
    size_t nskip = wtail > 0 ? 2 : 1;
    parts q = *p;
    q.body = vcos_skip(&a->body, &b->body, skip, nskip);
    q.title = vcos_skip(&a->title, &b->title, skip, nskip);
    q.ent = vcos_skip(&a->ent, &b->ent, skip, nskip);
    return content_score(c, q) < PV(ONE_NAME) * full;
}

/* True when each article of the smaller story `from` (its originals, the
 * first FIT_MAX of them) matches one of the 32 latest members of `into` at
 * member_min, if `from` has more than one: an alike merge must suit every
 * article, not only the centroids (stories of one size are checked both
 * ways). Only articles in x's language judge it: across languages the stems
 * do not meet (as join_body). A live blog or a roundup that covers two
 * events makes a story with an article of one (a trial) that, through the
 * blog's words, scores alike with a story of the other (hearings) whose
 * articles never mention it. (A lone article is its own centroid.) */
static int members_fit(sl_clusterer *c, const story *into, const story *from)
{
    if (from->pub.ndocs < 2)
        return 1;
    size_t seen = 0;
    for (size_t i = 0; i < from->pub.ndocs && seen < FIT_MAX; i++) {
        uint32_t x = from->pub.docs[i];
        if (c->docs[x].dup_of != NONE)
            continue;
        seen++;
        warm(c, x);
        uint16_t lang = c->docs[x].f.lang;
        double best = -1e9;
        size_t judged = 0;
        for (size_t j = 0; j < into->pub.ndocs && j < 32 && best < PV(MEMBER_MIN); j++) {
            uint32_t y = into->pub.docs[into->pub.ndocs - 1 - j];
            if (c->docs[y].dup_of != NONE ||
                (lang && c->docs[y].f.lang && c->docs[y].f.lang != lang))
                continue;
            judged++;
            warm(c, y);
            parts p;
            score_docs(c, &c->docs[x], &c->docs[y], &p);
            if (p.score > best)
                best = p.score;
        }
        if (judged && best < PV(MEMBER_MIN))
            return 0;
    }
    return 1;
}

static size_t merge_alike(sl_clusterer *c)
{
    size_t merged = 0;
    for (size_t i = 0; i < c->nstories; i++) {
        story *s = c->stories[i];
        if (!s->live || s->retired || !s->pub.ndocs)
            continue;
        c->stamp++;
        s->stamp = c->stamp;
        size_t n = gather(c, s->body.t, s->body.n, N_QUERY, 0);
        n = gather(c, s->ent.t, s->ent.n, N_QUERY_ENT, n);
        sl_ctq_set(&c->query, s->body.t, s->body.n);
        for (size_t k = 0; k < n && k < CAND_AHEAD; k++)
            prefetch_body(c->stories[c->cand[k]]);
        for (size_t k = 0; k < n; k++) {
            if (k + CAND_AHEAD < n)
                prefetch_body(c->stories[c->cand[k + CAND_AHEAD]]);
            story *t = c->stories[c->cand[k]];
            if (t == s || !t->live || t->retired || !t->pub.ndocs)
                continue;
            if (memo_apart(c, (uint32_t)i, c->cand[k]))
                continue; /* scored apart before, neither changed since */
            double body = story_body_cos_q(&c->query, s, t);
            if (PV(MERGE_SCORE) > 0 && s->body.norm > 0 && t->body.norm > 0 && body < MIN_BODY) {
                memo_put_apart(c, (uint32_t)i, c->cand[k]);
                continue; /* no content in common: scores 0 at most */
            }
            parts p;
            score_stories_body(c, s, t, body, &p);
            if (p.score < PV(MERGE_SCORE) || titles_differ(c, &p)) {
                memo_put_apart(c, (uint32_t)i, c->cand[k]);
                continue;
            }
            if (stories_clash(c, s, t) || one_name_match(c, s, t, &p))
                continue; /* they depend on the latest members: not remembered */
            story *big = s->pub.ndocs >= t->pub.ndocs ? s : t;
            story *small = big == s ? t : s;
            if (!members_fit(c, big, small) ||
                (small->pub.ndocs == big->pub.ndocs && !members_fit(c, small, big)))
                continue; /* depends on the members: not remembered */
            merge(c, big, small, "alike", p.score, SL_CLU_NO_DOC);
            merged++;
            if (big != s)
                break; /* s is gone */
            sl_ctq_set(&c->query, s->body.t, s->body.n); /* s has grown */
        }
    }
    return merged;
}

/* Best pair score between a member of a and one of b's latest 32 members
 * (duplicates skipped: their originals stand for them). */
static double best_pair(sl_clusterer *c, const story *a, const story *b)
{
    double best = -1e9;
    for (size_t i = 0; i < a->pub.ndocs; i++) {
        uint32_t x = a->pub.docs[i];
        if (c->docs[x].dup_of != NONE)
            continue;
        warm(c, x);
        for (size_t j = 0; j < b->pub.ndocs && j < 32; j++) {
            uint32_t y = b->pub.docs[b->pub.ndocs - 1 - j];
            if (c->docs[y].dup_of != NONE)
                continue;
            warm(c, y);
            parts p;
            score_docs(c, &c->docs[x], &c->docs[y], &p);
            if (p.score > best)
                best = p.score;
        }
    }
    return best;
}

/* Small stories (two to small_max articles) merge into their clear best
 * larger story. The stream splits wire stories that run for weeks into a
 * main story and pieces of one or two articles whose centroid matches the
 * main one below merge_score: a later angle, a follow-up days apart. The
 * batch sees every story, so a piece whose best story is clear (beats the
 * runner-up by lone_gap), close in time, shares content words with it
 * (small_body) and has an article matching one of its members joins it.
 * Names alone are not enough: sub-threshold matches on shared names only
 * are neighbours in topic (a city's news, a company's products). Lone
 * articles are left to reassign's lone rule: they are most of the stories
 * of a stream, and looking again at each would cost as much as a second
 * reassign. */
static size_t merge_small(sl_clusterer *c)
{
    size_t merged = 0;
    for (size_t i = 0; i < c->nstories; i++) {
        story *s = c->stories[i];
        if (!s->live || s->retired || s->pub.ndocs < 2 || s->pub.ndocs > (size_t)PV(SMALL_MAX))
            continue;
        c->stamp++;
        s->stamp = c->stamp;
        size_t n = gather(c, s->body.t, s->body.n, N_QUERY, 0);
        n = gather(c, s->ent.t, s->ent.n, N_QUERY_ENT, n);
        pick k;
        pick_init(&k);
        for (size_t j = 0; j < n; j++) {
            story *t = c->stories[c->cand[j]];
            if (t == s || !t->live || t->retired || !t->pub.ndocs)
                continue;
            parts p;
            score_stories(c, s, t, &p);
            pick_offer(&k, t, &p);
        }
        story *best = k.best;
        const parts pb = k.pb, ps = k.ps;
        if (!best || best->pub.ndocs <= s->pub.ndocs || pb.days < 0 || pb.score < PV(SMALL_THR) ||
            pb.body < PV(SMALL_BODY) || pb.score - ps.score < PV(LONE_GAP) || titles_differ(c, &pb) ||
            stories_clash(c, s, best) || one_name_match(c, s, best, &pb))
            continue;
        if (best_pair(c, s, best) < PV(MEMBER_MIN))
            continue; /* like the member check of the stream */
        merge(c, best, s, "small", pb.score, SL_CLU_NO_DOC);
        merged++;
    }
    return merged;
}

/* ---- related stories ---------------------------------------------------------------- */

typedef struct shared {
    uint32_t h;
    float w;
} shared;

/* True when one name is a form of the other: the shorter, less a final
 * vowel, begins the longer in any case, and that stem has at least four
 * letters ("Russia" and "Russian", "Syria" and "syrian", "German" and
 * "Germany"; not "Iran" and "Iraq"). A country and its people are one
 * name to a reader, so a list of shared names shows the first only. */
static int name_forms(const char *a, size_t na, const char *b, size_t nb)
{
    if (na >= nb)
        return na > nb && name_forms(b, nb, a, na);
    if (na && strchr("aeiouy", a[na - 1]))
        na--;
    return sl_utf8_count(a, na) >= 4 && !strncasecmp(a, b, na);
}

/* Names of the heaviest terms two vectors share (skipping terms in
 * `except`, and a name that is a form of one already given),
 * comma-separated, at most k. The three vectors are in hash order: one
 * walk finds the shared terms and steps through `except` with them. */
static void shared_names(const sl_clusterer *c, const vec *a, const vec *b, const vec *except,
                         size_t k, sl_buf *out)
{
    shared sh[C_BODY];
    size_t n = 0, i = 0, j = 0, e = 0, ne = except ? except->n : 0;
    while (i < a->n && j < b->n && n < C_BODY) {
        uint32_t h = a->t[i].h;
        if (h == b->t[j].h) {
            while (e < ne && except->t[e].h < h)
                e++;
            if (e >= ne || except->t[e].h != h)
                sh[n++] = (shared){h, a->t[i].w * b->t[j].w};
            i++;
            j++;
        } else if (h < b->t[j].h)
            i++;
        else
            j++;
    }
    const char *given[8];
    size_t given_len[8];
    size_t put = 0;
    if (k > sizeof given / sizeof *given)
        k = sizeof given / sizeof *given;
    /* heaviest first (of equal weights, the first in term order): a
     * selection, since a few are read of up to C_BODY */
    for (size_t m = 0; m < n && put < k; m++) {
        size_t best = m;
        for (size_t x = m + 1; x < n; x++)
            if (sh[x].w > sh[best].w)
                best = x;
        shared top = sh[best];
        memmove(sh + m + 1, sh + m, (best - m) * sizeof *sh); /* keeps the order of the rest */
        sh[m] = top;
        const char *name = sl_cfx_name(c->fx, sh[m].h);
        if (!name)
            continue;
        size_t len = strlen(name), g = 0;
        while (g < put && !name_forms(given[g], given_len[g], name, len))
            g++;
        if (g < put)
            continue;
        sl_buf_puts(out, put ? ", " : "");
        sl_buf_append(out, name, len);
        given[put] = name;
        given_len[put++] = len;
    }
}

static char *related_reason(const sl_clusterer *c, const story *a, const story *b)
{
    sl_buf r = {0};
    sl_buf_puts(&r, "shares names: ");
    size_t mark = r.len;
    shared_names(c, &a->ent, &b->ent, NULL, 4, &r);
    if (r.len == mark)
        sl_buf_puts(&r, "(unnamed)");
    sl_buf_puts(&r, "; event words: ");
    mark = r.len;
    shared_names(c, &a->body, &b->body, &a->ent, 4, &r);
    if (r.len == mark)
        sl_buf_puts(&r, "(none named)");
    int64_t ta = story_mean_time(a, NULL), tb = story_mean_time(b, NULL);
    if (ta != SL_TIME_UNKNOWN && tb != SL_TIME_UNKNOWN) {
        sl_buf_puts(&r, "; ");
        sl_buf_put_int(&r, (long long)(llabs(ta - tb) / 86400));
        sl_buf_puts(&r, " days apart");
    } else {
        uint16_t ya = story_year(a, NULL), yb = story_year(b, NULL);
        if (ya && yb && ya != yb) {
            sl_buf_puts(&r, "; years mentioned most: ");
            sl_buf_put_int(&r, ya);
            sl_buf_puts(&r, " and ");
            sl_buf_put_int(&r, yb);
        } else {
            sl_buf_puts(&r, "; time apart unknown");
        }
    }
    return sl_buf_take(&r);
}

/* A related story kept for a story during link_related: its index and
 * the pair's score. */
typedef struct rel_pick {
    uint32_t other;
    float score;
} rel_pick;

/* Offers a story (index other, pair score) to a story's picks (k of them,
 * best first): they keep the MAX_RELATED best; of equal scores, the one
 * offered first. */
static void offer_related(rel_pick *picks, uint8_t *k, uint32_t other, float score)
{
    size_t n = *k;
    if (n == MAX_RELATED) {
        if (score <= picks[n - 1].score)
            return;
        n--; /* the weakest goes */
    }
    size_t at = n;
    for (; at > 0 && picks[at - 1].score < score; at--)
        picks[at] = picks[at - 1];
    picks[at] = (rel_pick){other, score};
    *k = (uint8_t)(n + 1);
}

/* True when the stories share an entity that weighs at least LEAD_SHARE
 * of each one's entity vector: the same people in leading roles. */
static int share_lead(const story *a, const story *b)
{
    size_t i = 0, j = 0;
    if (a->ent.norm <= 0 || b->ent.norm <= 0)
        return 0;
    while (i < a->ent.n && j < b->ent.n) {
        if (a->ent.t[i].h == b->ent.t[j].h) {
            if (a->ent.t[i].w >= LEAD_SHARE * a->ent.norm &&
                b->ent.t[j].w >= LEAD_SHARE * b->ent.norm)
                return 1;
            i++;
            j++;
        } else if (a->ent.t[i].h < b->ent.t[j].h)
            i++;
        else
            j++;
    }
    return 0;
}

/* Fetches what link_related reads of a story first: its size, where its
 * body vector is, and whether it lives. */
static inline void prefetch_story(const story *s)
{
    __builtin_prefetch(&s->pub.ndocs);
    __builtin_prefetch(&s->body);
    __builtin_prefetch(&s->live);
}

/* Room for every story index the related-story postings of a story's
 * entities can name, and the open-addressing set that keeps each once. */
enum { REL_NAMED = N_REL_INDEX * MAX_POST, REL_SET = 4096 };

/* The stories after story i (index order) that the posting lists of its
 * heaviest entities name, each once, in the order of the lists: into
 * out, their number returned. Reads the lists, not the stories (at a
 * million stories most reads of a story miss the caches). The set's
 * entries are tagged with gen, a number new for each story, so it needs
 * no clearing. */
static size_t related_named(sl_clusterer *c, const sl_cterm *top, size_t ntop, uint32_t i,
                            uint32_t gen, uint64_t *set, uint32_t *out)
{
    post *ps[N_REL_INDEX];
    for (size_t e = 0; e < ntop; e++)
        sl_u64map_prefetch(&c->ents.map, top[e].h, 0);
    for (size_t e = 0; e < ntop; e++) {
        ps[e] = post_of(&c->ents, top[e].h, 0);
        if (ps[e] && ps[e]->n)
            __builtin_prefetch(ps[e]->s);
    }
    size_t n = 0;
    uint64_t tag = (uint64_t)gen << 32;
    for (size_t e = 0; e < ntop; e++) {
        const post *p = ps[e];
        for (uint32_t j = 0; p && j < p->n; j++) {
            uint32_t x = p->s[j];
            if (x <= i)
                continue; /* the pair is s's turn only once */
            size_t k = (x * 0x9E3779B1u) >> 20; /* 12 bits: REL_SET */
            while (set[k] >> 32 == gen && (uint32_t)set[k] != x)
                k = (k + 1) & (REL_SET - 1);
            if (set[k] == (tag | x))
                continue;
            set[k] = tag | x;
            __builtin_prefetch(&c->stories[x]);
            out[n++] = x;
        }
    }
    return n;
}

/* Links related stories: each story is compared with the first
 * MAX_REL_CAND later stories that share one of its heaviest entities, and
 * keeps the MAX_RELATED best pairs that share content and names. The
 * stories named are fetched a few places ahead of their turn, and the
 * bodies of the ones compared too. */
static void link_related(sl_clusterer *c)
{
    for (size_t i = 0; i < c->nstories; i++)
        free_related(c->stories[i]);
    if (!c->nstories)
        return;
    rel_pick *picks = sl_xmalloc(c->nstories * MAX_RELATED * sizeof *picks);
    uint8_t *npicks = sl_xcalloc(c->nstories, 1);
    uint64_t *set = sl_xcalloc(REL_SET, sizeof *set);
    uint32_t *named = sl_xmalloc(REL_NAMED * sizeof *named);
    for (size_t i = 0; i < c->nstories; i++) {
        story *s = c->stories[i];
        if (!s->live || !s->pub.ndocs || s->ent.norm <= 0)
            continue;
        sl_cterm top[N_REL_INDEX];
        size_t ntop = heaviest(s->ent.t, s->ent.n, N_REL_INDEX, top);
        /* i + 1: not 0, which tags every empty entry (stories are fewer
         * than 2^32) */
        size_t n = related_named(c, top, ntop, (uint32_t)i, (uint32_t)i + 1, set, named);
        /* the first MAX_REL_CAND of them that still have articles */
        uint32_t cand[MAX_REL_CAND];
        size_t nc = 0;
        for (size_t k = 0; k < n && k < STORY_AHEAD; k++)
            prefetch_story(c->stories[named[k]]);
        for (size_t k = 0; k < n && nc < MAX_REL_CAND; k++) {
            if (k + STORY_AHEAD < n)
                prefetch_story(c->stories[named[k + STORY_AHEAD]]);
            const story *t = c->stories[named[k]];
            if (t->live && t->pub.ndocs)
                cand[nc++] = named[k];
        }
        if (!nc)
            continue;
        sl_ctq_set(&c->query, s->body.t, s->body.n);
        for (size_t k = 0; k < nc && k < CAND_AHEAD; k++)
            prefetch_body(c->stories[cand[k]]);
        for (size_t k = 0; k < nc; k++) {
            if (k + CAND_AHEAD < nc)
                prefetch_body(c->stories[cand[k + CAND_AHEAD]]);
            const story *t = c->stories[cand[k]];
            double body = story_body_cos_q(&c->query, s, t);
            if (body < PV(REL_BODY))
                continue; /* the rest of the score cannot help */
            parts q;
            score_stories_body(c, s, t, body, &q);
            if (q.ent < PV(REL_ENT) && !share_lead(s, t))
                continue;
            offer_related(picks + i * MAX_RELATED, &npicks[i], cand[k], (float)q.score);
            offer_related(picks + (size_t)cand[k] * MAX_RELATED, &npicks[cand[k]], (uint32_t)i,
                          (float)q.score);
        }
    }
    /* the reasons, for the links kept only (they are most of a link's cost) */
    for (size_t i = 0; i < c->nstories; i++) {
        if (!npicks[i])
            continue;
        story *s = c->stories[i];
        s->pub.related = sl_xmalloc(npicks[i] * sizeof *s->pub.related);
        for (size_t k = 0; k < npicks[i]; k++) {
            const story *t = c->stories[picks[i * MAX_RELATED + k].other];
            s->pub.related[k] = (sl_clu_related){t->pub.id, related_reason(c, s, t)};
        }
        s->pub.nrelated = npicks[i];
    }
    free(picks);
    free(npicks);
    free(set);
    free(named);
}

/* Articles arrived out of time order (a pile rather than a stream): bring
 * back the retired stories of their period so the batch pass sees them. */
static void revive_late(sl_clusterer *c)
{
    if (!c->late)
        return;
    for (size_t i = 0; i < c->nstories; i++) {
        story *s = c->stories[i];
        if (s->live && s->retired && s->pub.ndocs &&
            (s->pub.last_seen == SL_TIME_UNKNOWN || s->pub.last_seen >= c->late_min - WINDOW))
            revive(c, s);
    }
    c->late = 0;
}

void sl_clu_finish(sl_clusterer *c, int batch)
{
    if (batch) {
        revive_late(c);
        merge_alike(c);
        for (int round = 0; round < (int)PV(ROUNDS) && reassign(c); round++)
            merge_alike(c);
        if (PV(SMALL_MAX) > 0)
            merge_small(c);
        memo_free(&c->apart);
    }
    link_related(c);
}

/* ---- public: output ------------------------------------------------------------- */

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

size_t sl_clu_story_size(const sl_clusterer *c, int64_t id)
{
    const story *s = id > 0 ? story_by_id(c, id) : NULL;
    return s && s->live ? s->pub.ndocs : 0;
}

int sl_clu_set(sl_clusterer *c, const char *name, double value)
{
    for (int i = 0; i < P_COUNT; i++)
        if (!strcmp(defaults[i].name, name)) {
            c->p[i] = value;
            return 0;
        }
    return -1;
}

size_t sl_clu_merges(const sl_clusterer *c, const sl_clu_merge **out)
{
    *out = c->merges;
    return c->nmerges;
}

void sl_clu_reserve_ids(sl_clusterer *c, int64_t max)
{
    if (max >= c->next_id)
        c->next_id = max + 1;
}

size_t sl_clu_memory(const sl_clusterer *c)
{
    size_t m = sizeof *c + c->capstories * sizeof(story *) + c->ids.cap * 12 +
               c->capdocsarr * sizeof(dinfo) + c->capactive * 4 + c->capmerges * sizeof(sl_clu_merge);
    for (size_t i = 0; i < c->ndocs; i++)
        if (c->docs[i].f.t)
            m += (c->docs[i].f.nb + c->docs[i].f.nt + c->docs[i].f.ne + 1) * sizeof(sl_cterm);
    for (size_t i = 0; i < c->nstories; i++) {
        const story *s = c->stories[i];
        m += sizeof *s + s->capdocs * 4 + s->capdups * sizeof(sl_clu_dup) +
             (s->body.n + s->title.n + s->ent.n) * sizeof(sl_cterm);
    }
    const postings *px[2] = {&c->index, &c->ents};
    for (int k = 0; k < 2; k++) {
        m += px[k]->map.cap * 12 + px[k]->cap * sizeof(post);
        for (size_t i = 0; i < px[k]->n; i++)
            m += px[k]->p[i].cap * 4;
    }
    for (int b = 0; b < 4; b++)
        m += c->band[b] ? 65536 * 4 : 0;
    return m + sl_cfx_memory(c->fx) + sl_idf_memory(c->idf);
}

static void json_parts(sl_buf *b, const parts *p)
{
    sl_buf_printf(b, "{\"terms_cosine\":%.4f,\"title_cosine\":", p->body);
    if (p->has_title)
        sl_buf_printf(b, "%.4f", p->title);
    else
        sl_buf_puts(b, "null");
    sl_buf_printf(b, ",\"entity_cosine\":%.4f,\"days_apart\":", p->ent);
    if (p->days >= 0)
        sl_buf_printf(b, "%.2f", p->days);
    else
        sl_buf_puts(b, "null");
    sl_buf_printf(b, ",\"time_penalty\":%.4f,\"year_agreement\":%d,\"score\":%.4f}",
                  p->time_pen, p->year, p->score);
}

/* How a and b of one story hang together: the story's maximum spanning
 * tree over its members' pair scores (Prim's, from a, until b joins it)
 * holds the chain whose weakest link is the strongest of any chain from a
 * to b (a batch merge or a centroid join can put two articles in one story
 * that match each other below the threshold: the chain shows through
 * whom). Each member that joins the tree scores every member not yet in
 * it, so the search is quadratic in the story's size at worst; it gives
 * up (no chain) once it would score more than `budget` pairs. */
size_t sl_clu_chain(sl_clusterer *c, uint32_t a, uint32_t b, size_t budget, uint32_t **path,
                    double **scores)
{
    *path = NULL;
    *scores = NULL;
    if (a >= c->ndocs || b >= c->ndocs || !c->docs[a].story || c->docs[a].story != c->docs[b].story)
        return 0;
    const story *s = story_by_id(c, c->docs[a].story);
    size_t n = s ? s->pub.ndocs : 0;
    if (!n)
        return 0;
    const uint32_t *m = s->pub.docs; /* (scoring and warming leave it as it is) */
    uint32_t *from = sl_xmalloc(n * sizeof *from);
    double *key = sl_xmalloc(n * sizeof *key);
    unsigned char *in = sl_xcalloc(n, 1);
    size_t ia = n, ib = n;
    for (size_t i = 0; i < n; i++) {
        key[i] = -INFINITY;
        from[i] = (uint32_t)i;
        if (m[i] == a)
            ia = i;
        if (m[i] == b)
            ib = i;
    }
    size_t k = 0, left = n - 1; /* members not in the tree */
    if (ia < n && ib < n) {
        size_t v = ia;
        key[ia] = 0;
        for (;;) { /* v joins the tree; the others' best links are updated */
            in[v] = 1;
            if (v == ib)
                break;
            if (left > budget) { /* over budget: no chain */
                ia = n;
                break;
            }
            budget -= left--;
            warm(c, m[v]);
            size_t next = n;
            for (size_t i = 0; i < n; i++) {
                if (in[i])
                    continue;
                warm(c, m[i]);
                parts p;
                score_docs(c, &c->docs[m[v]], &c->docs[m[i]], &p);
                if (p.score > key[i]) {
                    key[i] = p.score;
                    from[i] = (uint32_t)v;
                }
                if (next == n || key[i] > key[next])
                    next = i;
            }
            v = next;
        }
    }
    if (ia < n && ib < n) {
        for (size_t v2 = ib; v2 != ia; v2 = from[v2])
            k++;
        *path = sl_xmalloc((k + 1) * sizeof **path);
        *scores = sl_xmalloc((k + 1) * sizeof **scores);
        size_t o = k;
        for (size_t v2 = ib;; v2 = from[v2]) {
            (*path)[o] = m[v2];
            if (v2 == ia)
                break;
            (*scores)[o - 1] = key[v2];
            o--;
        }
        k++;
    }
    free(from);
    free(key);
    free(in);
    return k;
}

char *sl_clu_why(sl_clusterer *c, uint32_t a, uint32_t b)
{
    if (a >= c->ndocs || b >= c->ndocs || !c->docs[a].story || !c->docs[b].story)
        return NULL;
    warm(c, a);
    warm(c, b);
    dinfo *da = &c->docs[a], *db = &c->docs[b];
    story *sb = story_by_id(c, db->story);
    int same = da->story == db->story;
    parts pair, vs;
    score_docs(c, da, db, &pair);
    score_story(c, da, sb, same, &vs);
    int dist = da->f.sim && db->f.sim ? sl_hamming(da->f.sim, db->f.sim) : -1;
    sl_buf r = {0};
    sl_buf_printf(&r, "{\"same_story\":%s,\"story_a\":%lld,\"story_b\":%lld,",
                  same ? "true" : "false", (long long)da->story, (long long)db->story);
    sl_buf_printf(&r, "\"duplicate\":%s,\"simhash_distance\":%d,\"pair\":",
                  dist >= 0 && dist <= DUP_BITS ? "true" : "false", dist);
    json_parts(&r, &pair);
    sl_buf_puts(&r, ",\"a_vs_story_of_b\":");
    json_parts(&r, &vs);
    sl_buf_puts(&r, ",\"parts\":");
    json_parts(&r, &pair);
    sl_buf_printf(&r, ",\"weights\":{\"terms\":%.2f,\"title\":%.2f,\"entities\":%.2f,"
                      "\"year\":%.2f,\"time_penalty_per_ln_days\":%.2f}",
                  PV(W_BODY), PV(W_TITLE), PV(W_ENT), PV(W_YEAR), PV(TIME_PEN));
    sl_buf_puts(&r, ",\"shared_entities\":\"");
    vec va = {(sl_cterm *)sl_cf_ent(&da->f), da->f.ne, 1}, vb = {(sl_cterm *)sl_cf_ent(&db->f), db->f.ne, 1};
    sl_buf names = {0};
    shared_names(c, &va, &vb, NULL, 6, &names);
    for (size_t i = 0; i < names.len; i++)
        if (names.data[i] == '"' || names.data[i] == '\\' || (unsigned char)names.data[i] < 0x20)
            names.data[i] = ' ';
    if (names.len)
        sl_buf_append(&r, names.data, names.len);
    sl_buf_free(&names);
    sl_buf_printf(&r, "\",\"threshold\":%.2f,\"decision\":\"%s\"}", PV(THRESHOLD),
                  same ? (dist >= 0 && dist <= DUP_BITS ? "same story (near-duplicate)"
                                                        : "same story")
                       : (vs.score >= PV(THRESHOLD) ? "different stories (clustered apart in "
                                                  "streaming order)"
                                                : "different stories (score below threshold)"));
    return sl_buf_take(&r);
}
