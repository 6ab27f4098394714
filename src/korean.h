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
 * "또", "특히") are no part of the speaker.
 */
#ifndef SL_KOREAN_H
#define SL_KOREAN_H

#include <stddef.h>

/* Does s open on a Hangul syllable (U+AC00..U+D7A3)? */
int sl_ko_hangul(const char *s, size_t n);

/* The speaker of the quote whose text is t[qs..qe) (inside its marks),
 * written in the clause t[from..open) before its opening mark (from: the
 * paragraph's start or later) and followed after its closing mark by
 * t[close..n): NULL when no quoting particle follows the quote or no
 * topic opens the clause, "he" or "she" for a pronoun, else the speaker
 * (malloc'd; the caller frees it). */
char *sl_ko_speaker(const char *t, size_t from, size_t open, size_t close, size_t n);

#endif
