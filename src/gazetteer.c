/*
 * gazetteer: look-ups in the generated, sorted name lists (binary search).
 */
#include "gazetteer.h"

#include <string.h>

/* Compares s[0..n) with the NUL-terminated z, by bytes. */
static int cmpn(const char *s, size_t n, const char *z)
{
    size_t zl = strlen(z);
    int c = memcmp(s, z, n < zl ? n : zl);
    if (c)
        return c;
    return n < zl ? -1 : n > zl;
}

const char *sl_gaz_place(const char *s, size_t n)
{
    size_t lo = 0, hi = sl_gaz_nplaces;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmpn(s, n, sl_gaz_places[mid][0]);
        if (!c)
            return sl_gaz_places[mid][1];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int sl_gaz_first_name(const char *s, size_t n)
{
    size_t lo = 0, hi = sl_gaz_nfirst;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmpn(s, n, sl_gaz_first_names[mid]);
        if (!c)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
