/*
 * engine_saved: the stories a database stored, read back instead of made
 * again (see engine.h, "Deferred clustering").
 *
 * Opening a database used to give every article to the clusterer, which
 * counts its words again: about 100 µs an article, ten seconds for a
 * command on 100,000 articles that only reads a story. The stories table
 * holds what the clusterer's stories say (members through articles.story,
 * first and last seen, duplicates, related links), written by sl_cluster
 * with the articles' stories in one transaction. While the table is
 * current (sl_store_stories_current: no article written since, by a
 * clusterer of the same format) the engine shows those stories and builds
 * the clusterer only when something needs it.
 *
 * The headline is the stored one too (computed from the same articles).
 * Each stored story becomes an sl_clu_story owned by the engine: its
 * members in load order (the order sl_clu_place would give them), its
 * duplicates' ids turned back into handles, its related links. Any
 * disagreement between the table and the articles (an article whose story
 * is not in the table, a size that does not match its members, an id that
 * is not loaded, JSON that does not parse) refuses the table: the caller
 * then builds the clusterer as before.
 */
#include "engine.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct loading {
    sl_engine *e;
    sl_u64map at;   /* story id -> index in e->saved */
    int64_t *sizes; /* stored size of each */
    size_t cap;
} loading;

/* A stored JSON array (NULL when absent: none), its length in *n and
 * *items allocated for that many items of size `size` (NULL for none).
 * *rc is SL_EDB when it does not parse as an array. */
static cJSON *parse_array(const char *json, size_t size, void **items, int *n, int *rc)
{
    cJSON *a = json ? cJSON_Parse(json) : NULL;
    *rc = !json || cJSON_IsArray(a) ? SL_OK : SL_EDB;
    *n = *rc == SL_OK && a ? cJSON_GetArraySize(a) : 0;
    *items = *n > 0 ? sl_xmalloc((size_t)*n * size) : NULL;
    return a;
}

/* ---- the arrays as sl_cluster writes them, without a JSON tree ------------
 *
 * Opening a database of 17,000 stories spent half its instructions in
 * cJSON (a tree, and a copy of every string, for arrays read once). The
 * arrays sl_cluster writes have one shape: json_dups' [{"id":S,"of":S},...]
 * and json_related's [{"story":N,"reason":S|null},...], strings escaped
 * by sl_buf_json_str. Those whose strings need no escape are read here in
 * one pass; anything else (an escape, a space, another key or order: a
 * table written by hand or by another version) is dropped where it breaks
 * the shape and left to cJSON, which decides as before. */

/* The string at p (at its '"') without escapes or control bytes: its bytes
 * in [*s, *s + *n); returns what follows, or NULL. end is the NUL that
 * ends the JSON: sixteen bytes are read at a time while they lie before
 * it (reasons run to a hundred bytes and more), the rest one by one. */
static const char *plain_str(const char *p, const char *end, const char **s, size_t *n)
{
    if (*p != '"')
        return NULL;
    const char *q = ++p;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  control = _mm_set1_epi8(0x1f);
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                 _mm_cmpeq_epi8(v, backslash)),
                                    /* bytes up to 0x1f: nothing left once 0x1f is taken off */
                                    _mm_cmpeq_epi8(_mm_subs_epu8(v, control),
                                                   _mm_setzero_si128()));
        int m = _mm_movemask_epi8(stop);
        if (m) {
            q += __builtin_ctz((unsigned)m);
            break;
        }
        q += 16;
    }
#endif
    while (*q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) /* (stops at the NUL too) */
        q++;
    if (*q != '"')
        return NULL;
    *s = p;
    *n = (size_t)(q - p);
    return q + 1;
}

static const char *word(const char *p, const char *w, size_t n)
{
    return strncmp(p, w, n) ? NULL : p + n;
}
#define WORD(p, w) word((p), (w), sizeof(w) - 1)

/* A story id as json_related writes it: 1 to 2^53, no sign, no leading
 * zero, no fraction or exponent. */
static const char *plain_id(const char *p, int64_t *v)
{
    if (*p < '1' || *p > '9')
        return NULL;
    int64_t x = 0;
    int k = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        if (++k > 16)
            return NULL;
        else
            x = x * 10 + (*p - '0');
    if (*p == '.' || *p == 'e' || *p == 'E' || x > ((int64_t)1 << 53))
        return NULL;
    *v = x;
    return p;
}

/* One item of a duplicates array at p: its two strings; returns what
 * follows the item, or NULL. */
static const char *dup_item(const char *p, const char *end, const char **id, size_t *nid,
                            const char **of, size_t *nof)
{
    if (!(p = WORD(p, "{\"id\":")) || !(p = plain_str(p, end, id, nid)) ||
        !(p = WORD(p, ",\"of\":")) || !(p = plain_str(p, end, of, nof)))
        return NULL;
    return *p == '}' ? p + 1 : NULL;
}

/* One item of a related array at p (*reason NULL for null). */
static const char *related_item(const char *p, const char *end, int64_t *story,
                                const char **reason, size_t *n)
{
    if (!(p = WORD(p, "{\"story\":")) || !(p = plain_id(p, story)) ||
        !(p = WORD(p, ",\"reason\":")))
        return NULL;
    const char *q;
    if ((q = WORD(p, "null"))) {
        *reason = NULL;
        *n = 0;
        p = q;
    } else if (!(p = plain_str(p, end, reason, n))) {
        return NULL;
    }
    return *p == '}' ? p + 1 : NULL;
}

/* Reads json, an array of that shape, item by item: fn(ud, item) for
 * each (p at the item; returns what follows it, or NULL); returns the
 * number of items, or -1 when json is not such an array. */
static int plain_items(const char *json, const char *(*fn)(void *, const char *), void *ud)
{
    const char *p = json;
    if (*p++ != '[')
        return -1;
    if (*p == ']')
        return p[1] ? -1 : 0;
    for (int n = 1; n <= (1 << 20); n++) {
        if (!(p = fn(ud, p)))
            return -1;
        if (*p == ']')
            return p[1] ? -1 : n;
        if (*p++ != ',')
            return -1;
    }
    return -1;
}

/* An id of n bytes at s as a handle, through scratch b. */
static int handle_of(const sl_engine *e, sl_buf *b, const char *s, size_t n, uint32_t *h)
{
    sl_buf_reset(b);
    sl_buf_append(b, s, n);
    return sl_strmap_get(e->ids, b->data, h);
}

typedef struct plain {
    const sl_engine *e;
    sl_clu_story *cs;
    size_t cap;
    sl_buf scratch;
    int unknown; /* a duplicate's id is not an article's */
    const char *end; /* the JSON's NUL */
} plain;

static const char *take_dup(void *ud, const char *p)
{
    plain *P = ud;
    const char *id, *of;
    size_t nid, nof;
    uint32_t hd, ho;
    if (!(p = dup_item(p, P->end, &id, &nid, &of, &nof)))
        return NULL;
    if (!handle_of(P->e, &P->scratch, id, nid, &hd) ||
        !handle_of(P->e, &P->scratch, of, nof, &ho)) {
        P->unknown = 1;
        return p;
    }
    sl_clu_story *cs = P->cs;
    if (cs->ndups == P->cap) {
        P->cap = P->cap ? P->cap * 2 : 4;
        cs->dups = sl_xrealloc(cs->dups, P->cap * sizeof *cs->dups);
    }
    cs->dups[cs->ndups++] = (sl_clu_dup){hd, ho};
    return p;
}

static const char *take_related(void *ud, const char *p)
{
    plain *P = ud;
    int64_t story;
    const char *r;
    size_t nr;
    if (!(p = related_item(p, P->end, &story, &r, &nr)))
        return NULL;
    sl_clu_story *cs = P->cs;
    if (cs->nrelated == P->cap) {
        P->cap = P->cap ? P->cap * 2 : 4;
        cs->related = sl_xrealloc(cs->related, P->cap * sizeof *cs->related);
    }
    cs->related[cs->nrelated++] = (sl_clu_related){story, r ? sl_xstrndup(r, nr) : NULL};
    return p;
}

/* Duplicates and related links of that shape: 1 when read (*rc says
 * whether every id is known), 0 when json is not of it (nothing kept). */
static int plain_dups(const sl_engine *e, const char *json, sl_clu_story *cs, int *rc)
{
    plain P = {.e = e, .cs = cs, .end = json + strlen(json)};
    int n = plain_items(json, take_dup, &P);
    sl_buf_free(&P.scratch);
    if (n < 0) {
        free(cs->dups);
        cs->dups = NULL;
        cs->ndups = 0;
        return 0;
    }
    *rc = P.unknown ? SL_EDB : SL_OK;
    return 1;
}

static int plain_related(const char *json, sl_clu_story *cs)
{
    plain P = {.cs = cs, .end = json + strlen(json)};
    if (plain_items(json, take_related, &P) >= 0)
        return 1;
    for (size_t i = 0; i < cs->nrelated; i++)
        free(cs->related[i].reason);
    free(cs->related);
    cs->related = NULL;
    cs->nrelated = 0;
    return 0;
}

static int parse_dups(const sl_engine *e, const char *json, sl_clu_story *cs)
{
    int n, rc;
    if (json && plain_dups(e, json, cs, &rc))
        return rc;
    void *items;
    cJSON *a = parse_array(json, sizeof *cs->dups, &items, &n, &rc);
    cs->dups = items;
    for (int i = 0; i < n && rc == SL_OK; i++) {
        const cJSON *o = cJSON_GetArrayItem(a, i);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        const cJSON *of = cJSON_GetObjectItemCaseSensitive(o, "of");
        uint32_t hd, ho;
        if (!cJSON_IsString(id) || !cJSON_IsString(of) ||
            !sl_strmap_get(e->ids, id->valuestring, &hd) ||
            !sl_strmap_get(e->ids, of->valuestring, &ho))
            rc = SL_EDB;
        else
            cs->dups[cs->ndups++] = (sl_clu_dup){hd, ho};
    }
    cJSON_Delete(a);
    return rc;
}

static int parse_related(const char *json, sl_clu_story *cs)
{
    int n, rc;
    if (json && plain_related(json, cs))
        return SL_OK;
    void *items;
    cJSON *a = parse_array(json, sizeof *cs->related, &items, &n, &rc);
    cs->related = items;
    for (int i = 0; i < n && rc == SL_OK; i++) {
        const cJSON *o = cJSON_GetArrayItem(a, i);
        const cJSON *story = cJSON_GetObjectItemCaseSensitive(o, "story");
        const cJSON *reason = cJSON_GetObjectItemCaseSensitive(o, "reason");
        /* a story id is a positive integer that a double holds exactly
         * (the range test also keeps the conversion defined) */
        if (!cJSON_IsNumber(story) || !(story->valuedouble >= 1 && story->valuedouble <= 0x1p53) ||
            story->valuedouble != (double)(int64_t)story->valuedouble ||
            !(cJSON_IsString(reason) || cJSON_IsNull(reason)))
            rc = SL_EDB;
        else
            cs->related[cs->nrelated++] = (sl_clu_related){
                (int64_t)story->valuedouble,
                cJSON_IsString(reason) ? sl_xstrdup(reason->valuestring) : NULL};
    }
    cJSON_Delete(a);
    return rc;
}

static int on_story(void *ud, int64_t id, const char *headline, int64_t size,
                    int64_t first_seen, int64_t last_seen, const char *dups, const char *related)
{
    loading *L = ud;
    sl_engine *e = L->e;
    if (id <= 0 || size <= 0 || sl_u64map_get(&L->at, (uint64_t)id))
        return SL_EDB;
    if (e->nsaved == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 256;
        e->saved = sl_xrealloc(e->saved, L->cap * sizeof *e->saved);
        L->sizes = sl_xrealloc(L->sizes, L->cap * sizeof *L->sizes);
    }
    sl_clu_story *cs = &e->saved[e->nsaved];
    memset(cs, 0, sizeof *cs);
    cs->id = id;
    cs->first_seen = first_seen;
    cs->last_seen = last_seen;
    L->sizes[e->nsaved] = size;
    *sl_u64map_put(&L->at, (uint64_t)id, 0) = (uint32_t)e->nsaved;
    e->nsaved++; /* counted before parsing, so that a failure frees it */
    if (parse_dups(e, dups, cs) != SL_OK || parse_related(related, cs) != SL_OK)
        return SL_EDB;
    uint64_t sig = sl_engine_row_sig(headline, size, first_seen, last_seen, dups, related);
    sl_engine_row_add(e, id, sig, headline);
    return SL_OK;
}

void sl_engine_free_saved(sl_engine *e)
{
    for (size_t i = 0; i < e->nsaved; i++) {
        sl_clu_story *cs = &e->saved[i];
        free(cs->docs);
        free(cs->dups);
        for (size_t j = 0; j < cs->nrelated; j++)
            free(cs->related[j].reason);
        free(cs->related);
    }
    free(e->saved);
    e->saved = NULL;
    e->nsaved = 0;
}

int sl_engine_load_saved(sl_engine *e)
{
    loading L = {.e = e};
    int rc = sl_store_each_story(e->store, on_story, &L) == SL_OK ? SL_OK : SL_EDB;
    /* members, in load order; first the count of each story */
    uint32_t *idx = rc == SL_OK ? sl_xmalloc((e->ndocs + 1) * sizeof *idx) : NULL;
    for (size_t h = 0; h < e->ndocs && rc == SL_OK; h++) {
        const uint32_t *i = e->placed[h] > 0 ? sl_u64map_get(&L.at, (uint64_t)e->placed[h]) : NULL;
        if (!i) {
            rc = SL_EDB;
            break;
        }
        idx[h] = *i;
        e->saved[*i].ndocs++;
    }
    for (size_t i = 0; i < e->nsaved && rc == SL_OK; i++) {
        if ((int64_t)e->saved[i].ndocs != L.sizes[i])
            rc = SL_EDB;
        e->saved[i].docs = sl_xmalloc(e->saved[i].ndocs * sizeof *e->saved[i].docs);
        e->saved[i].ndocs = 0;
    }
    for (size_t h = 0; h < e->ndocs && rc == SL_OK; h++) {
        sl_clu_story *cs = &e->saved[idx[h]];
        cs->docs[cs->ndocs++] = (uint32_t)h;
    }
    free(idx);
    free(L.sizes);
    sl_u64map_free(&L.at);
    if (rc != SL_OK) {
        sl_engine_free_saved(e);
        sl_engine_rows_free(e);
    } else {
        sl_engine_rows_loaded(e);
    }
    return rc;
}
