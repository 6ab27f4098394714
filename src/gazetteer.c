/*
 * gazetteer: look-ups in the generated name lists.
 *
 * The lists are sorted by bytes (gazetteer_data.c), but a look-up runs for
 * every capitalised word of every story, so each list gets a hash index,
 * built once on first use (pthread_once) and only read afterwards: one
 * hash of the word and, nearly always, one comparison.
 */
#include "gazetteer.h"
#include "util.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Open addressing over the list's indexes plus one (0: empty slot). */
typedef struct gaz_index {
    uint32_t *slot;
    uint8_t *len;   /* the name's length (255: longer), a cheap pre-test */
    size_t mask;
} gaz_index;

static gaz_index places_ix, first_ix;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static uint64_t gaz_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

/* Built once for the process and never freed (like idf.c's map). */
static void index_build(gaz_index *ix, const char *(*name)(size_t), size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    ix->slot = sl_xcalloc(cap, sizeof *ix->slot);
    ix->len = sl_xcalloc(cap, sizeof *ix->len);
    ix->mask = cap - 1;
    for (size_t i = 0; i < n; i++) {
        const char *z = name(i);
        size_t zl = strlen(z);
        size_t j = (size_t)gaz_hash(z, zl) & ix->mask;
        while (ix->slot[j])
            j = (j + 1) & ix->mask;
        ix->slot[j] = (uint32_t)(i + 1);
        ix->len[j] = (uint8_t)(zl < 255 ? zl : 255);
    }
}

static const char *place_name(size_t i) { return sl_gaz_places[i][0]; }
static const char *first_name(size_t i) { return sl_gaz_first_names[i]; }

static void gaz_init(void)
{
    index_build(&places_ix, place_name, sl_gaz_nplaces);
    index_build(&first_ix, first_name, sl_gaz_nfirst);
}

/* Index in the list of the name s[0..n), or -1. */
static long index_find(const gaz_index *ix, const char *(*name)(size_t), const char *s, size_t n)
{
    uint8_t l = (uint8_t)(n < 255 ? n : 255);
    size_t j = (size_t)gaz_hash(s, n) & ix->mask;
    for (uint32_t k; (k = ix->slot[j]) != 0; j = (j + 1) & ix->mask) {
        if (ix->len[j] != l)
            continue;
        const char *z = name(k - 1);
        if (strncmp(z, s, n) == 0 && z[n] == 0) /* stops at z's end: no over-read */
            return (long)k - 1;
    }
    return -1;
}

const char *sl_gaz_place(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    long i = index_find(&places_ix, place_name, s, n);
    return i < 0 ? NULL : sl_gaz_places[i][1];
}

int sl_gaz_first_name(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    return index_find(&first_ix, first_name, s, n) >= 0;
}
