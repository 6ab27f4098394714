/*
 * server_rank: which stories are "top" stories, and the contest's threads.
 *
 * Ranking formula (GET /stories, GET /threads):
 *
 *     weight = 2 * ln(1 + distinct outlets) + ln(1 + articles)
 *     score  = weight * 0.5 ^ (age_hours / 24)
 *     age_hours = (ref - last publication time of the story) / 3600, >= 0
 *
 * ref is the latest publication time in the index (or the query's `until`),
 * never the wall clock, so an archive ranks as it did when it was live. An
 * outlet is the article's site name, else the host of its URL. Many outlets
 * count more than many articles (one outlet publishing ten updates is less
 * news than ten outlets reporting once); the weight is logarithmic so huge
 * stories do not stay on top for days; a story loses half its weight per
 * day without new articles. A story without any publication time counts as
 * two days old.
 *
 * How the snapshot works: GET /stories must stay fast while articles
 * stream in, so it does not touch the engine. The writer thread rebuilds a
 * snapshot (one rank_story per story: counts, span, and a rank_desc with
 * language, outlets and headline) after changes, at most every half second
 * under load. Describing a story (its headline above all) is the costly
 * part, so it is done only for stories whose members changed: a story
 * whose signature (its present member handles, in order; a replaced
 * article gets a new handle) equals that of the same story in the
 * previous snapshot shares its desc, which is reference-counted. The
 * build holds eng_lock only while it copies the clusterer's list of
 * stories: the writer is the only thread that changes the engine, so it
 * can read articles and stories without the lock, and readers of the
 * engine (GET /stories/{id}, /articles/{id}, /threads) never wait for a
 * rebuild. A snapshot built from a previous one equals one built from
 * scratch (tests/unit/test_server.c checks it after adds, replacements,
 * deletes and a batch revisit).
 *
 * Categories (contest): a keyword classifier. The lowercased headline and
 * titles are matched against short English and Russian keyword stems per
 * category; the category with most hits wins, "other" when none hits.
 */
#include "server_int.h"
#include "views.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double rank_score(uint32_t outlets, uint32_t articles, int64_t last, int64_t ref)
{
    double w = 2.0 * log1p((double)outlets) + log1p((double)articles);
    double age_h = last == SL_TIME_UNKNOWN ? 48.0 : (double)(ref - last) / 3600.0;
    if (age_h < 0)
        age_h = 0;
    return w * pow(0.5, age_h / 24.0);
}

/* Outlet of a doc: site, else the URL's host; borrowed or in buf. */
static const char *outlet(const sl_doc *d, char *buf, size_t cap)
{
    if (d->site && d->site[0])
        return d->site;
    if (!d->url)
        return NULL;
    const char *p = strstr(d->url, "://");
    p = p ? p + 3 : d->url;
    if (!strncmp(p, "www.", 4))
        p += 4;
    size_t n = strcspn(p, "/?#:");
    if (!n || n >= cap)
        return NULL;
    memcpy(buf, p, n);
    buf[n] = 0;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct counted {
    const char *s;
    size_t n;
} counted;

static int cmp_counted(const void *a, const void *b)
{
    const counted *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->s, y->s);
}

/* Sorts strs and groups equal ones, most frequent first; returns the
 * number of groups written to out (capacity n). */
static size_t group(const char **strs, size_t n, counted *out)
{
    qsort(strs, n, sizeof *strs, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && !strcmp(out[k - 1].s, strs[i]))
            out[k - 1].n++;
        else
            out[k++] = (counted){strs[i], 1};
    }
    qsort(out, k, sizeof *out, cmp_counted);
    return k;
}

/* A new desc of the articles docs (n >= 1, present, in story order): the
 * headline sl_story_headline would give, outlets and languages. */
static rank_desc *describe(const sl_doc **docs, size_t n)
{
    rank_desc *r = sl_xcalloc(1, sizeof *r);
    r->refs = 1;
    r->headline = sl_view_headline(docs, n);
    const char **sites = sl_xmalloc((n + 1) * sizeof *sites);
    const char **langs = sl_xmalloc((n + 1) * sizeof *langs);
    char **owned = sl_xcalloc(n + 1, sizeof *owned);
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
        const sl_doc *d = docs[i];
        char buf[256];
        const char *o = outlet(d, buf, sizeof buf);
        if (o)
            sites[ns++] = o == buf ? (owned[i] = sl_xstrdup(buf)) : o;
        if (d->lang && d->lang[0])
            langs[nl++] = d->lang;
    }
    counted *g = sl_xmalloc((n + 1) * sizeof *g);
    size_t k = group(sites, ns, g);
    r->noutlets = (uint32_t)k;
    sl_buf b = {0};
    sl_buf_putc(&b, '[');
    for (size_t i = 0; i < k && i < 5; i++) {
        if (i)
            sl_buf_putc(&b, ',');
        sl_buf_json_str(&b, g[i].s);
    }
    sl_buf_putc(&b, ']');
    r->outlets_json = sl_buf_take(&b);
    k = group(langs, nl, g);
    if (k && strlen(g[0].s) < sizeof r->lang)
        strcpy(r->lang, g[0].s);
    free(g);
    for (size_t i = 0; i < n; i++)
        free(owned[i]);
    free(owned);
    free(sites);
    free(langs);
    return r;
}

static void desc_release(rank_desc *d)
{
    if (!d || --d->refs > 0)
        return;
    free(d->headline);
    free(d->outlets_json);
    free(d);
}

/* Signature of a story's present members in order (a doc that is replaced
 * gets a new handle, so equal signatures mean equal articles); *n gets
 * their count. */
static uint64_t member_sig(const sl_engine *e, const sl_clu_story *cs, uint32_t *n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    uint32_t k = 0;
    for (size_t i = 0; i < cs->ndocs; i++) {
        uint32_t d = cs->docs[i];
        if (d >= e->ndocs || !e->docs[d])
            continue;
        h = (h ^ (d + 1)) * 0x100000001b3ULL;
        h ^= h >> 29;
        k++;
    }
    *n = k;
    return h ^ k;
}

typedef struct id_key {
    int64_t id;
    uint32_t i;            /* index in the list of stories */
} id_key;

static int cmp_id_key(const void *a, const void *b)
{
    const id_key *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct order_key {
    double score;
    int64_t id;
    uint32_t i;
} order_key;

/* Better rank first: higher score, then lower id (a total order). */
static int better(const order_key *x, const order_key *y)
{
    return x->score != y->score ? x->score > y->score : x->id < y->id;
}

static int cmp_order(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    return better(x, y) ? -1 : better(y, x);
}

static void swap_keys(order_key *a, order_key *b)
{
    order_key t = *a;
    *a = *b;
    *b = t;
}

/* Moves the top best keys of k[0..n) to its front, in any order
 * (quickselect: linear on average). */
static void select_top(order_key *k, size_t n, size_t top)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1 && lo < top && top < hi) {
        swap_keys(&k[lo + (hi - lo) / 2], &k[hi - 1]);
        size_t p = lo;
        for (size_t i = lo; i + 1 < hi; i++)
            if (better(&k[i], &k[hi - 1]))
                swap_keys(&k[i], &k[p++]);
        swap_keys(&k[p], &k[hi - 1]);
        if (p >= top)
            hi = p;
        else
            lo = p + 1;
    }
}

/* The clusterer's live stories, copied under lock: sl_clu_stories
 * rewrites the clusterer's list, and readers list stories too (the
 * stories themselves change only with the engine). Caller frees. */
static const sl_clu_story **list_stories(sl_engine *e, pthread_mutex_t *lock, size_t *n)
{
    if (lock)
        pthread_mutex_lock(lock);
    const sl_clu_story *const *cs;
    *n = sl_clu_stories(e->clu, &cs);
    const sl_clu_story **v = sl_xmalloc((*n + 1) * sizeof *v);
    memcpy(v, cs, *n * sizeof *v);
    if (lock)
        pthread_mutex_unlock(lock);
    return v;
}

/* Describes story x (cs) anew: its present docs in order. */
static void describe_story(const sl_engine *e, const sl_clu_story *cs, rank_story *x,
                           const sl_doc ***docs, size_t *cap)
{
    if (*cap < x->n + 1) {
        *cap = x->n + 1;
        *docs = sl_xrealloc(*docs, *cap * sizeof **docs);
    }
    size_t k = 0;
    for (size_t i = 0; i < cs->ndocs; i++) {
        uint32_t d = cs->docs[i];
        if (d < e->ndocs && e->docs[d])
            (*docs)[k++] = e->docs[d];
    }
    x->desc = describe(*docs, k);
}

void rank_order(rank_snap *r)
{
    free(r->order);
    order_key *k = sl_xmalloc((r->n + 1) * sizeof *k);
    for (size_t i = 0; i < r->n; i++) {
        const rank_story *x = &r->v[i];
        k[i] = (order_key){rank_score(x->noutlets, x->n, x->last, r->latest), x->id,
                           (uint32_t)i};
    }
    r->norder = r->n < RANK_ORDERED ? r->n : RANK_ORDERED;
    select_top(k, r->n, r->norder);
    qsort(k, r->norder, sizeof *k, cmp_order);
    r->order = sl_xmalloc((r->norder + 1) * sizeof *r->order);
    for (size_t i = 0; i < r->norder; i++)
        r->order[i] = k[i].i;
    free(k);
}

rank_snap *rank_build(sl_engine *e, pthread_mutex_t *lock, const rank_snap *prev,
                      int64_t latest)
{
    size_t n;
    const sl_clu_story **cs = list_stories(e, lock, &n);
    /* the stories with articles, by id (the clusterer's list mostly is) */
    id_key *ids = sl_xmalloc((n + 1) * sizeof *ids);
    uint64_t *sig = sl_xmalloc((n + 1) * sizeof *sig);
    uint32_t *cnt = sl_xmalloc((n + 1) * sizeof *cnt);
    size_t m = 0;
    int sorted = 1;
    for (size_t i = 0; i < n; i++) {
        sig[i] = member_sig(e, cs[i], &cnt[i]);
        if (!cnt[i])
            continue; /* as sl_engine_refresh: no article left */
        if (m && ids[m - 1].id > cs[i]->id)
            sorted = 0;
        ids[m++] = (id_key){cs[i]->id, (uint32_t)i};
    }
    if (!sorted)
        qsort(ids, m, sizeof *ids, cmp_id_key);
    rank_snap *r = sl_xcalloc(1, sizeof *r);
    r->v = sl_xcalloc(m + 1, sizeof *r->v);
    r->latest = latest;
    const sl_doc **docs = NULL;
    size_t cap = 0, j = 0; /* j walks prev's stories, also by id */
    for (size_t t = 0; t < m; t++) {
        uint32_t i = ids[t].i;
        rank_story *x = &r->v[r->n++];
        x->id = cs[i]->id;
        x->n = cnt[i];
        x->sig = sig[i];
        x->first = cs[i]->first_seen;
        x->last = cs[i]->last_seen;
        r->narticles += x->n;
        while (prev && j < prev->n && prev->v[j].id < x->id)
            j++;
        const rank_story *p = prev && j < prev->n && prev->v[j].id == x->id ? &prev->v[j] : NULL;
        if (p && p->sig == x->sig && p->n == x->n) {
            x->desc = p->desc;
            x->desc->refs++;
        } else {
            describe_story(e, cs[i], x, &docs, &cap);
            r->described++;
        }
        x->headline = x->desc->headline;
        x->outlets_json = x->desc->outlets_json;
        x->noutlets = x->desc->noutlets;
        memcpy(x->lang, x->desc->lang, sizeof x->lang);
    }
    free(docs);
    free(ids);
    free(sig);
    free(cnt);
    free(cs);
    rank_order(r);
    return r;
}

void rank_free(rank_snap *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        desc_release(s->v[i].desc);
    free(s->v);
    free(s->order);
    free(s);
}

void srv_snap_swap(srv *S, rank_snap *s)
{
    pthread_rwlock_wrlock(&S->snap_lock);
    rank_snap *old = S->snap;
    S->snap = s;
    pthread_rwlock_unlock(&S->snap_lock);
    rank_free(old);
}

const rank_story *rank_find(const rank_snap *s, int64_t id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].id == id)
            return &s->v[mid];
        if (s->v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- categories ------------------------------------------------------------ */

static const struct {
    const char *name;
    const char *words[24];
} CATEGORIES[] = {
    {"society", {"police", "court", "election", "president", "minister", "government",
                 "protest", "killed", "law", "parliament", "war", "vote", "полиц", "суд",
                 "выбор", "президент", "министр", "правительств", "закон", "депутат", NULL}},
    {"economy", {"market", "stock", "bank", "economy", "economic", "oil", "price", "trade",
                 "shares", "investor", "inflation", "gdp", "рубл", "банк", "рынок", "нефт",
                 "экономи", "цен", "акци", NULL}},
    {"technology", {"apple", "google", "iphone", "android", "software", "app ", "tech",
                    "microsoft", "samsung", "ai ", "startup", "smartphone", "internet",
                    "cyber", "смартфон", "технолог", "интернет", NULL}},
    {"sports", {"match", "league", "cup", "football", "soccer", "nba", "nfl", "coach",
                "tennis", "championship", "goal", "player", "season", "матч", "футбол",
                "хоккей", "чемпионат", "турнир", "сборн", NULL}},
    {"entertainment", {"film", "movie", "music", "album", "star", "actor", "actress", "show",
                       "celebrity", "netflix", "singer", "festival", "фильм", "кино",
                       "певиц", "актер", "актрис", "сериал", NULL}},
    {"science", {"scientist", "study", "research", "space", "nasa", "planet", "climate",
                 "species", "researchers", "physics", "disease", "vaccine", "учены",
                 "исследован", "космос", "планет", NULL}},
};

const char *rank_category(const char *text)
{
    char *low = sl_xstrdup(text ? text : "");
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    const char *best = "other";
    int best_hits = 0;
    for (size_t c = 0; c < sizeof CATEGORIES / sizeof *CATEGORIES; c++) {
        int hits = 0;
        for (size_t w = 0; CATEGORIES[c].words[w]; w++)
            for (const char *p = low; (p = strstr(p, CATEGORIES[c].words[w])); p++)
                hits++;
        if (hits > best_hits) {
            best_hits = hits;
            best = CATEGORIES[c].name;
        }
    }
    free(low);
    return best;
}

/* ---- contest threads --------------------------------------------------------- */

typedef struct thread_row {
    double score;
    const sl_story *s;
    const char *category;
    const char **ids;
    size_t n;
} thread_row;

static int cmp_thread(const void *a, const void *b)
{
    const thread_row *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->s->id < y->s->id ? -1 : x->s->id > y->s->id;
}

/* Articles of s inside the window and language; fills row (ids borrowed). */
static int window_docs(sl_engine *e, const sl_story *s, int64_t from, int64_t to,
                       const char *lang, thread_row *row, sl_buf *titles)
{
    row->ids = sl_xmalloc((s->n + 1) * sizeof *row->ids);
    const char **sites = sl_xmalloc((s->n + 1) * sizeof *sites);
    char **owned = sl_xcalloc(s->n + 1, sizeof *owned);
    size_t ns = 0;
    int64_t last = SL_TIME_UNKNOWN;
    for (size_t i = 0; i < s->n; i++) {
        const sl_doc *d = sl_engine_doc(e, s->ids[i]);
        if (!d || d->pub_time == SL_TIME_UNKNOWN || d->pub_time < from || d->pub_time > to)
            continue;
        if (lang && (!d->lang || strcmp(d->lang, lang)))
            continue;
        row->ids[row->n++] = d->id;
        if (d->pub_time > last)
            last = d->pub_time;
        char buf[256];
        const char *o = outlet(d, buf, sizeof buf);
        if (o)
            sites[ns++] = o == buf ? (owned[i] = sl_xstrdup(buf)) : o;
        if (d->title && row->n <= 5) {
            sl_buf_puts(titles, d->title);
            sl_buf_putc(titles, ' ');
        }
    }
    counted *g = sl_xmalloc((ns + 1) * sizeof *g);
    size_t k = group(sites, ns, g);
    row->score = rank_score((uint32_t)k, (uint32_t)row->n, last, to);
    free(g);
    for (size_t i = 0; i < s->n; i++)
        free(owned[i]);
    free(owned);
    free(sites);
    return row->n > 0;
}

void rank_threads(sl_engine *e, int64_t latest, int64_t period, const char *lang,
                  const char *category, sl_buf *out)
{
    if (lang && (!lang[0] || !strcmp(lang, "any")))
        lang = NULL;
    if (category && (!category[0] || !strcmp(category, "any")))
        category = NULL;
    int64_t from = period > 0 ? latest - period : INT64_MIN;
    size_t n = sl_story_count(e), k = 0;
    thread_row *rows = sl_xcalloc(n + 1, sizeof *rows);
    sl_buf titles = {0};
    for (size_t i = 0; i < n; i++) {
        const sl_story *s = sl_story_at(e, i);
        thread_row *r = &rows[k];
        r->s = s;
        sl_buf_reset(&titles);
        sl_buf_puts(&titles, sl_story_headline(e, s));
        sl_buf_putc(&titles, ' ');
        if (!window_docs(e, s, from, latest, lang, r, &titles)) {
            free(r->ids);
            memset(r, 0, sizeof *r);
            continue;
        }
        r->category = rank_category(titles.data);
        if (category && strcmp(category, r->category)) {
            free(r->ids);
            memset(r, 0, sizeof *r);
            continue;
        }
        k++;
    }
    sl_buf_free(&titles);
    qsort(rows, k, sizeof *rows, cmp_thread);
    sl_buf_puts(out, "{\"threads\":[");
    for (size_t i = 0; i < k; i++) {
        sl_buf_puts(out, i ? ",\n{\"title\":" : "\n{\"title\":");
        sl_buf_json_str(out, sl_story_headline(e, rows[i].s));
        sl_buf_puts(out, ",\"category\":");
        sl_buf_json_str(out, rows[i].category);
        sl_buf_puts(out, ",\"articles\":[");
        for (size_t j = 0; j < rows[i].n; j++) {
            if (j)
                sl_buf_putc(out, ',');
            sl_buf_json_str(out, rows[i].ids[j]);
        }
        sl_buf_puts(out, "]}");
        free(rows[i].ids);
    }
    sl_buf_puts(out, "]}\n");
    free(rows);
}
