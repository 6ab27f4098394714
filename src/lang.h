/*
 * lang: language identification (libexttextcat), ISO 639-1 codes.
 */
#ifndef SL_LANG_H
#define SL_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a static ISO 639-1 code ("en", "ru", ...) for text (UTF-8, len
 * bytes), or NULL when the language cannot be told with confidence (too
 * short, or two close languages in a tie). Reads at most the first 4 KB,
 * and only the first 640 bytes or 1.5 KB when they leave no doubt, so the
 * cost is bounded (about 0.1-0.2 ms of CPU when n-gram profiles are
 * compared, 3-30 microseconds when the script or the function words
 * decide); thread-safe without a global lock (the n-gram profiles are
 * loaded once, on first use). */
const char *sl_lang_detect(const char *text, size_t len);

/* The part of sl_lang_detect that needs no n-grams for Latin-script text:
 * the language whose function words clearly dominate text (one of en, de,
 * fr, es, ca, gl, pt, it, nl, ro, tr, hu, id, ms, vi, sv, da, nb), or NULL
 * when they do not decide (too few words, another language, a close
 * call). Static code as above. */
const char *sl_lang_by_function_words(const char *text, size_t len);

/* Whether text (len bytes) holds c with acute or d with stroke in either
 * case (UTF-8 C4 86, C4 87, C4 90, C4 91), letters Slovenian does not
 * write: when they occur its profile is left out. */
bool sl_lang_has_c_acute_or_d_stroke(const char *text, size_t len);

#endif
