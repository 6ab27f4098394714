/*
 * korean: who is quoted in Korean text. A Korean report puts the speaker
 * first, marked as the clause's topic, and the verb after the quote:
 *   박 감독은 "..."고 말했다.        (Coach Park said "...")
 *   하준경 한양대 교수는 "..."라며 "..."라고 했다.
 * The quote ends in a quoting particle (고, 라고, 이라고, 며, 라며,
 * 면서, 라면서) that the verb follows; the speaker is the words of the
 * clause before the quote up to the one that ends in the topic particle
 * 은 or 는, without it: "박 감독", "하준경 한양대 교수", "마크롱", "재판부".
 * "그는" and "그녀는" (he, she) are pronouns; opening adverbs ("이어",
 * "또", "특히") are no part of the speaker. Its people and places, which
 * have no capital letters to find them by, are found next to a title or
 * in a short list of countries and cities (sl_ko_names).
 */
#ifndef SL_KOREAN_H
#define SL_KOREAN_H

#include "words.h"

#include <stddef.h>

/* Does s open on a Hangul syllable (U+AC00..U+D7A3)? */
int sl_ko_hangul(const char *s, size_t n);

/* Is s[0..n) a particle a noun may carry ("은", "에서", "부터", ...), or
 * nothing (n == 0)? */
int sl_ko_particle(const char *s, size_t n);

/* The speaker of the quote whose text is t[qs..qe) (inside its marks),
 * written in the clause t[from..open) before its opening mark (from: the
 * paragraph's start or later) and followed after its closing mark by
 * t[close..n): NULL when no quoting particle follows the quote or no
 * topic opens the clause, "he" or "she" for a pronoun, else the speaker
 * (malloc'd; the caller frees it). */
char *sl_ko_speaker(const char *t, size_t from, size_t open, size_t close, size_t n);

/* A name found in a sentence's words (words.h): w[a..a+n), a person
 * (SL_ENT_PERSON) or a place (SL_ENT_PLACE), shown as the words without
 * the particle the last one carries (its first `len` bytes of w[a+n-1]). */
typedef struct sl_ko_name {
    size_t a, n;
    size_t last_len; /* bytes of the last word that belong to the name */
    int type;
} sl_ko_name;

/* The people and places of one sentence of Korean text s, words w[0..nw):
 * a person is the name before a title ("문재인 대통령", "도널드 트럼프 미국
 * 대통령": the name of two to four syllables, or of two words, before the
 * title or before a country or city and the title); a place is a country
 * or city of a short list, with a particle after it or none ("미국은",
 * "평양에서"). Stores at most max; returns how many. */
size_t sl_ko_names(const char *s, const sl_word *w, size_t nw, sl_ko_name *out, size_t max);

#endif
