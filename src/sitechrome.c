/*
 * sitechrome: a site's repeated lines cut from its articles (see
 * sitechrome.h).
 *
 * The table (cluster_map.h) maps a line's key (the hash of the line and of
 * its site) to the tag of the first article that had it (16 bits of the
 * hash of its id) and how many other articles had it since; and a site's
 * key to the number of its articles so far. Emptied when it holds
 * CHROME_ENTRIES keys.
 *
 * Saved as "SLCH", a format number (1) and the number of entries, each a
 * 32-bit little-endian word, then each entry as its 64-bit key and its
 * 32-bit value, little-endian.
 */
#include "sitechrome.h"
#include "storyline.h"
#include "cluster_map.h"
#include "util.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHROME_MIN 16             /* shorter lines are too common to tell */
#define CHROME_MAX 600            /* longer ones are the article's own */
#define CHROME_SHARE 0.3          /* of the site's earlier articles, at least */
#define CHROME_ENTRIES (1u << 19) /* keys remembered (then forgotten) */

struct sl_chrome {
    pthread_mutex_t lock;
    sl_u64map map; /* a line: its first article's tag | the others' count
                      << 16; a site: its articles */
    uint64_t version, saved; /* changes so far; the version last saved */
};

typedef struct span {
    size_t start, end; /* the line's start, its last byte but spaces + 1 */
    uint64_t key;
    int cut, tail;     /* tail: the end of a line, glued on (glue_at) */
} span;

sl_chrome *sl_chrome_new(void)
{
    sl_chrome *t = sl_xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

void sl_chrome_free(sl_chrome *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    sl_u64map_free(&t->map);
    free(t);
}

/* The value of key, added as 0 if new (the table starts over when full). */
static uint32_t *slot(sl_chrome *t, uint64_t key)
{
    if (t->map.n >= CHROME_ENTRIES) {
        memset(t->map.keys, 0, t->map.cap * sizeof *t->map.keys);
        t->map.n = 0;
    }
    return sl_u64map_put(&t->map, key, 0);
}

/* Records tag's sighting of the line in *v; whether it is the site's:
 * two earlier articles or more had it, and at least CHROME_SHARE of the
 * site's `before` articles. */
static int judge(uint32_t *v, uint32_t tag, uint32_t before)
{
    uint32_t first = *v & 0xFFFF, others = *v >> 16;
    if (!first) {
        *v = tag;
        return 0;
    }
    if (first == tag)
        return 0; /* the same article again */
    if (others < 0xFFFF)
        *v += 1u << 16;
    uint32_t had = others + 1;
    return had >= 2 && had >= CHROME_SHARE * before;
}

/* Is s[k] the first letter of a sentence glued to the one before it, with
 * no space ("...percent.Get access to ..."): a capital (ASCII or Cyrillic)
 * after a full stop, "!" or "?" after a lower-case letter or a digit?
 * Pages whose blocks run together glue the site's pitch to the last
 * paragraph that way. (a: the line's start; k >= a + 2.) */
static int glue_at(const char *s, size_t a, size_t k, size_t z)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[k - 1] != '.' && u[k - 1] != '!' && u[k - 1] != '?')
        return 0;
    int upper = (u[k] >= 'A' && u[k] <= 'Z') ||
                (k + 1 < z && u[k] == 0xD0 && ((u[k + 1] >= 0x90 && u[k + 1] <= 0xAF) || u[k + 1] == 0x81));
    unsigned char b = u[k - 2];
    int lower = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                (k >= a + 3 && ((u[k - 3] == 0xD0 && b >= 0xB0 && b <= 0xBF) ||
                                (u[k - 3] == 0xD1 && b >= 0x80 && b <= 0x8F)));
    return upper && lower;
}

#define MAX_TAILS 4 /* glued ends looked at */

/* The first MAX_TAILS glue points (glue_at) g of a line from `from` on
 * with CHROME_MIN bytes or more after them, in order, into g; their
 * number. The stops are found by memchr: most lines have a few, and
 * looking at every byte was a third of the cut's cost. */
static size_t glue_points(const char *s, size_t a, size_t from, size_t z, size_t *g)
{
    size_t n = 0, lo = from - 1, hi = z - CHROME_MIN; /* a stop at [lo, hi) */
    for (const char *c = ".!?"; *c; c++)
        for (size_t p = lo; p < hi;) {
            const char *q = memchr(s + p, *c, hi - p);
            if (!q)
                break;
            p = (size_t)(q - s) + 1;
            if (!glue_at(s, a, p, z))
                continue;
            size_t i = n < MAX_TAILS ? n++ : MAX_TAILS; /* in order; the last falls off */
            while (i > 0 && g[i - 1] > p) {
                if (i < MAX_TAILS)
                    g[i] = g[i - 1];
                i--;
            }
            if (i < MAX_TAILS)
                g[i] = p;
        }
    return n;
}

static span *grow(span **sp, size_t k, size_t *cap)
{
    if (k == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *sp = sl_xrealloc(*sp, *cap * sizeof **sp);
    }
    return &(*sp)[k];
}

/* d's lines (with their keys) into *sp, and the glued ends of its last
 * line (glue_at) after it, longest first; their number. */
static size_t pieces(const char *s, size_t n, uint64_t site, span **sp, size_t *cap)
{
    size_t k = 0;
    uint64_t mix = site * 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        size_t a = i, z = j;
        while (a < z && s[a] == ' ')
            a++;
        while (z > a && s[z - 1] == ' ')
            z--;
        if (z - a >= CHROME_MIN && z - a <= CHROME_MAX)
            *grow(sp, k++, cap) = (span){i, z, (sl_hash64(s + a, z - a) ^ mix) | 1, 0, 0};
        if (j >= n && z - a > CHROME_MIN) { /* the last line: its glued ends */
            size_t from = z - a > CHROME_MAX + 2 ? z - CHROME_MAX : a + 2;
            size_t g[MAX_TAILS], ng = glue_points(s, a, from, z, g);
            for (size_t q = 0; q < ng; q++)
                *grow(sp, k++, cap) = (span){g[q], z, (sl_hash64(s + g[q], z - g[q]) ^ mix) | 1, 0, 1};
        }
        i = j + 1;
    }
    return k;
}

/* The text without the lines marked cut, each with its newline; runs of
 * more than two newlines left go too. Caller frees. */
static char *without(const char *s, size_t n, const span *sp, size_t k)
{
    sl_buf b = {0};
    sl_buf_reserve(&b, n + 1);
    size_t pos = 0;
    for (size_t i = 0; i < k; i++) {
        if (!sp[i].cut)
            continue;
        sl_buf_append(&b, s + pos, sp[i].start - pos);
        pos = sp[i].end;
        while (pos < n && s[pos] == ' ')
            pos++;
        if (pos < n && s[pos] == '\n' && !sp[i].tail)
            pos++;
    }
    sl_buf_append(&b, s + pos, n - pos);
    /* the newlines of a paragraph break stay two */
    char *w = b.data, *r = b.data, *end = b.data + b.len;
    int nl = 0;
    while (r < end && *r == '\n')
        r++;
    for (; r < end; r++) {
        nl = *r == '\n' ? nl + 1 : 0;
        if (nl <= 2)
            *w++ = *r;
    }
    while (w > b.data && w[-1] == '\n')
        w--;
    *w = 0;
    b.len = (size_t)(w - b.data);
    return sl_buf_take(&b);
}

size_t sl_chrome_cut(sl_chrome *t, sl_doc *d)
{
    if (!t || !d->site || !d->site[0] || !d->text || !d->text[0])
        return 0;
    const char *s = d->text;
    size_t n = strlen(s);
    uint64_t site = sl_hash64(d->site, strlen(d->site));
    uint64_t ih = sl_hash64(d->id ? d->id : "", d->id ? strlen(d->id) : 0);
    uint32_t tag = (uint32_t)(ih >> 48) ? (uint32_t)(ih >> 48) : 1;
    span *sp = NULL;
    size_t cap = 0, k = pieces(s, n, site, &sp, &cap), bytes = 0;
    uint64_t site_key = (site * 0xC2B2AE3D27D4EB4FULL) | 1; /* its article count's */
    pthread_mutex_lock(&t->lock);
    uint32_t before = *slot(t, site_key);
    size_t cut_to = 0; /* the end of the last cut: a glued end inside it goes with it */
    for (size_t i = 0; i < k; i++)
        if (judge(slot(t, sp[i].key), tag, before) && sp[i].start >= cut_to) {
            sp[i].cut = 1;
            bytes += sp[i].end - sp[i].start;
            cut_to = sp[i].end;
        }
    uint32_t *count = slot(t, site_key); /* (may have moved) */
    if (*count < UINT32_MAX)
        (*count)++;
    t->version++;
    pthread_mutex_unlock(&t->lock);
    if (!bytes || bytes * 2 > n) { /* nothing, or a copy: stays whole */
        free(sp);
        return 0;
    }
    char *cut = without(s, n, sp, k);
    size_t gone = n - strlen(cut);
    free(d->text);
    d->text = cut;
    free(sp);
    return gone;
}

/* ---- saving ----------------------------------------------------------------- */

#define SAVE_MAGIC "SLCH"
#define SAVE_FORMAT 1u
#define SAVE_HEAD 12 /* magic, format, entries */
#define SAVE_ENTRY 12

int sl_chrome_dirty(sl_chrome *t)
{
    pthread_mutex_lock(&t->lock);
    int d = t->version != t->saved;
    pthread_mutex_unlock(&t->lock);
    return d;
}

void sl_chrome_saved(sl_chrome *t, uint64_t version)
{
    pthread_mutex_lock(&t->lock);
    if (version > t->saved)
        t->saved = version;
    pthread_mutex_unlock(&t->lock);
}

uint64_t sl_chrome_save(sl_chrome *t, sl_buf *out)
{
    pthread_mutex_lock(&t->lock);
    const sl_u64map *m = &t->map;
    sl_buf_reserve(out, SAVE_HEAD + m->n * SAVE_ENTRY);
    sl_buf_append(out, SAVE_MAGIC, 4);
    sl_buf_put_u32(out, SAVE_FORMAT);
    sl_buf_put_u32(out, (uint32_t)m->n);
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            sl_buf_put_u64(out, m->keys[i]);
            sl_buf_put_u32(out, m->vals[i]);
        }
    uint64_t v = t->version;
    pthread_mutex_unlock(&t->lock);
    return v;
}

int sl_chrome_load(sl_chrome *t, const void *data, size_t n)
{
    const unsigned char *p = data;
    pthread_mutex_lock(&t->lock);
    sl_u64map_free(&t->map);
    t->saved = t->version;
    size_t k = n >= SAVE_HEAD ? sl_rd_u32(p + 8) : 0;
    int ok = n >= SAVE_HEAD && !memcmp(p, SAVE_MAGIC, 4) && sl_rd_u32(p + 4) == SAVE_FORMAT &&
             k <= CHROME_ENTRIES && n == SAVE_HEAD + k * SAVE_ENTRY;
    for (size_t i = 0; ok && i < k; i++) {
        const unsigned char *e = p + SAVE_HEAD + i * SAVE_ENTRY;
        uint64_t key = sl_rd_u64(e);
        if (!key) {
            ok = 0;
            break;
        }
        *sl_u64map_put(&t->map, key, 0) = sl_rd_u32(e + 8);
    }
    if (!ok)
        sl_u64map_free(&t->map);
    pthread_mutex_unlock(&t->lock);
    return ok ? SL_OK : SL_EINVAL;
}
