/*
 * cluster_map: a small open-addressing hash map from non-zero 64-bit keys
 * to 32-bit values, shared by the story engine's modules (term document
 * counts, the inverted index, story ids, entity names).
 *
 * Key 0 is reserved for empty slots; callers map their keys away from 0.
 * Nothing is ever deleted: deletion is done by the caller with a value
 * meaning "gone". Linear probing, load kept under 1/2.
 */
#ifndef SL_CLUSTER_MAP_H
#define SL_CLUSTER_MAP_H

#include "huge_alloc.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>

/* A table of at least this many slots (2 MiB of keys) is on huge pages
 * (huge_alloc.h): the large ones (term counts, the index) are read at
 * random, and on 4 KiB pages a look-up missed the TLB as well. */
#define SL_U64MAP_HUGE ((size_t)1 << 18)

typedef struct sl_u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n; /* cap is 0 or a power of two */
} sl_u64map;

static inline size_t sl_u64map_mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k;
}

/* The key and value arrays of a table of cap slots, and their freeing:
 * by size, on huge pages or not. */
static inline void sl_u64map_alloc(size_t cap, uint64_t **keys, uint32_t **vals)
{
    size_t len;
    if (cap < SL_U64MAP_HUGE) {
        *keys = sl_xcalloc(cap, sizeof **keys);
        *vals = sl_xmalloc(cap * sizeof **vals);
        return;
    }
    *keys = sl_huge_calloc(cap * sizeof **keys, &len);
    *vals = sl_huge_calloc(cap * sizeof **vals, &len);
}

static inline void sl_u64map_release(size_t cap, uint64_t *keys, uint32_t *vals)
{
    if (cap < SL_U64MAP_HUGE) {
        free(keys);
        free(vals);
        return;
    }
    sl_huge_free(keys, sl_huge_len(cap * sizeof *keys));
    sl_huge_free(vals, sl_huge_len(cap * sizeof *vals));
}

static inline void sl_u64map_free(sl_u64map *m)
{
    sl_u64map_release(m->cap, m->keys, m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

/* Out of line and cold: inlined into sl_u64map_put, its loop had every
 * put save and restore a dozen registers (a third of a put's
 * instructions). */
static __attribute__((noinline, cold, unused)) void sl_u64map_grow(sl_u64map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *k;
    uint32_t *v;
    sl_u64map_alloc(ncap, &k, &v);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = sl_u64map_mix(m->keys[i]) & (ncap - 1);
        while (k[j])
            j = (j + 1) & (ncap - 1);
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    sl_u64map_release(m->cap, m->keys, m->vals);
    m->keys = k;
    m->vals = v;
    m->cap = ncap;
}

/* Pointer to the value of key (key != 0), or NULL if absent. The pointer
 * is valid until the next insertion. */
static inline uint32_t *sl_u64map_get(const sl_u64map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    for (size_t j = sl_u64map_mix(key) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == key)
            return &m->vals[j];
    return NULL;
}

/* Starts fetching the slot where a look-up of key begins (its key and
 * its value) into the processor's cache: a caller with many keys to look
 * up prefetches a few ahead, and waits on memory for several at once.
 * Always inline: GCC takes a function that only prefetches for one without
 * effects, and drops the calls to it. */
static inline __attribute__((always_inline)) void sl_u64map_prefetch(const sl_u64map *m,
                                                                   uint64_t key, int write)
{
    if (!m->cap)
        return;
    size_t j = sl_u64map_mix(key) & (m->cap - 1);
    if (write) {
        __builtin_prefetch(&m->keys[j], 1);
        __builtin_prefetch(&m->vals[j], 1);
    } else {
        __builtin_prefetch(&m->keys[j], 0);
        __builtin_prefetch(&m->vals[j], 0);
    }
}

/* Pointer to the value of key, inserted with value init if absent. */
static inline uint32_t *sl_u64map_put(sl_u64map *m, uint64_t key, uint32_t init)
{
    if ((m->n + 1) * 2 > m->cap)
        sl_u64map_grow(m);
    size_t j = sl_u64map_mix(key) & (m->cap - 1);
    for (; m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == key)
            return &m->vals[j];
    m->keys[j] = key;
    m->vals[j] = init;
    m->n++;
    return &m->vals[j];
}

#endif
