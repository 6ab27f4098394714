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

#include <assert.h>
#include <pthread.h>
#include <string.h>

static sl_wordset places_ix, first_ix, sur_ix; /* built once, kept for the process */
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static void gaz_init(void)
{
    sl_wordset_build(&places_ix, sl_gaz_places, sl_gaz_nplaces, sizeof *sl_gaz_places);
    sl_wordset_build(&first_ix, sl_gaz_first_names, sl_gaz_nfirst, sizeof *sl_gaz_first_names);
    assert(strlen(sl_gaz_first_genders) == sl_gaz_nfirst); /* one script wrote both */
    sl_wordset_build(&sur_ix, sl_gaz_surnames, sl_gaz_nsurnames, sizeof *sl_gaz_surnames);
}

const char *sl_gaz_place(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    long i = sl_wordset_find(&places_ix, s, n);
    return i < 0 ? NULL : sl_gaz_places[i][1];
}

int sl_gaz_first_name(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    return sl_wordset_find(&first_ix, s, n) >= 0;
}

int sl_gaz_first_gender(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    long i = sl_wordset_find(&first_ix, s, n);
    return i < 0 || sl_gaz_first_genders[i] == '?' ? 0 : sl_gaz_first_genders[i];
}

int sl_gaz_surname(const char *s, size_t n)
{
    pthread_once(&gaz_once, gaz_init);
    return sl_wordset_find(&sur_ix, s, n) >= 0;
}
