/*
 * strmap: linear probing with tombstones; grows at 70% load (tombstones
 * included), so lookups stay short.
 */
#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define TOMB ((char *)1)

typedef struct slot {
    char *key; /* NULL empty, TOMB deleted */
    uint64_t h;
    uint32_t v;
} slot;

struct sl_strmap {
    slot *s;
    size_t cap, n, used; /* used = live + tombstones */
};

sl_strmap *sl_strmap_new(void)
{
    sl_strmap *m = sl_xcalloc(1, sizeof *m);
    m->cap = 64;
    m->s = sl_xcalloc(m->cap, sizeof *m->s);
    return m;
}

void sl_strmap_free(sl_strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].key && m->s[i].key != TOMB)
            free(m->s[i].key);
    free(m->s);
    free(m);
}

static void grow(sl_strmap *m)
{
    slot *old = m->s;
    size_t oldcap = m->cap;
    if (m->n * 2 >= m->cap)
        m->cap *= 2;
    m->s = sl_xcalloc(m->cap, sizeof *m->s);
    m->used = m->n;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key || old[i].key == TOMB)
            continue;
        size_t j = old[i].h & (m->cap - 1);
        while (m->s[j].key)
            j = (j + 1) & (m->cap - 1);
        m->s[j] = old[i];
    }
    free(old);
}

static slot *find(const sl_strmap *m, const char *key, uint64_t h)
{
    for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
        slot *s = &m->s[j];
        if (!s->key)
            return NULL;
        if (s->key != TOMB && s->h == h && !strcmp(s->key, key))
            return s;
    }
}

void sl_strmap_put(sl_strmap *m, const char *key, uint32_t value)
{
    uint64_t h = sl_hash64(key, strlen(key));
    slot *s = find(m, key, h);
    if (s) {
        s->v = value;
        return;
    }
    if ((m->used + 1) * 10 >= m->cap * 7)
        grow(m);
    size_t j = h & (m->cap - 1);
    while (m->s[j].key && m->s[j].key != TOMB)
        j = (j + 1) & (m->cap - 1);
    if (!m->s[j].key)
        m->used++;
    m->s[j].key = sl_xstrdup(key);
    m->s[j].h = h;
    m->s[j].v = value;
    m->n++;
}

bool sl_strmap_get(const sl_strmap *m, const char *key, uint32_t *value)
{
    slot *s = find(m, key, sl_hash64(key, strlen(key)));
    if (s && value)
        *value = s->v;
    return s != NULL;
}

bool sl_strmap_del(sl_strmap *m, const char *key)
{
    slot *s = find(m, key, sl_hash64(key, strlen(key)));
    if (!s)
        return false;
    free(s->key);
    s->key = TOMB;
    m->n--;
    return true;
}

size_t sl_strmap_count(const sl_strmap *m) { return m->n; }
