/*
 * arabic: names, places and speech verbs in Arabic text, for the story
 * views (entities, quotes). Arabic has no capital letters, so a name is
 * found by what stands around it rather than by its shape:
 * - a place by the gazetteer (gazetteer.h's Arabic list), with the
 *   prefixes و ف (and), ب (in), ل (to), ك (as) taken off the first word
 *   ("وبيروت", "للعراق": Beirut, Iraq);
 * - a person after a title and the words that qualify it ("الرئيس
 *   الفلسطيني محمود عباس", "وزير الخارجية الأمريكي مايك بومبيو"), or as
 *   the subject of a speech verb ("وقال ملادينوف");
 * - an organisation by a short list of international ones ("الأمم
 *   المتحدة") or after a noun that opens one ("وزارة الخارجية", "حركة
 *   حماس").
 * Words are compared with the forms of alef folded (أ إ آ ٱ: ا) and the
 * vowel marks and tatweel left out, as news writes them either way.
 */
#ifndef SL_ARABIC_H
#define SL_ARABIC_H

#include "words.h"

#include <stddef.h>

enum { SL_AR_WORD = 96 }; /* bytes of a folded word, at most (longer ones match nothing) */

/* A name found in a sentence: words w[a..a+n) with the first skip bytes of
 * w[a] (its prefixes) left out; type is an SL_ENT_* (entities.h); shown
 * the name to show for a listed place or organisation (the gazetteer's
 * canonical name), else NULL. */
typedef struct sl_ar_name {
    size_t from; /* where its phrase opens: its title ("وزير الخارجية ..."), or a */
    size_t a, n, skip;
    int type;
    const char *shown;
} sl_ar_name;

/* Is the lead byte of s one of Arabic's (U+0600..U+06FF)? */
static inline int sl_arabic_lead(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c >= 0xD8 && c <= 0xDB;
}

/* s[0..n) folded (see above) into out (cap bytes, NUL-terminated); its
 * length, or 0 when it does not fit. */
size_t sl_ar_fold(const char *s, size_t n, char *out, size_t cap);

/* The names of one sentence, words w[0..nw) of s, in order; at most max
 * into out; returns their count. */
size_t sl_ar_names(const char *s, const sl_word *w, size_t nw, sl_ar_name *out, size_t max);

/* The name nm of the words w of s as shown: its listed name, or its words
 * joined by single spaces, into out (cap bytes, NUL-terminated, cut at a
 * character if long); returns its length. */
size_t sl_ar_name_text(const char *s, const sl_word *w, const sl_ar_name *nm, char *out,
                       size_t cap);

/* The bytes of a listed place that opens s[0..n) and ends at a space, a
 * parenthesis or n ("رام الله - ...", "واشنطن (رويترز) - ..."); 0 if
 * none. For datelines. */
size_t sl_ar_place_prefix(const char *s, size_t n);

/* Is w[0..n) a speech verb ("قال", "وأضافت", "أكد")? Returns 'm' or 'f'
 * for the speaker's gender the verb shows ('p' for a plural), 0 if it is
 * none. */
int sl_ar_speech_verb(const char *w, size_t n);

/* Does w[0..n) end a name: a function word, preposition, weekday or
 * month ("في", "إن", "الذي", "الاثنين")? */
int sl_ar_stop(const char *w, size_t n);

#endif
