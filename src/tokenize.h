/*
 * tokenize: words of a text, through a callback with byte offsets (as in
 * FTS5's xToken): nothing is allocated per token. Also stemming (Snowball
 * via libstemmer) and stopword lists for English and Russian.
 */
#ifndef SL_TOKENIZE_H
#define SL_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    SL_TOK_CAP = 1,   /* first letter is upper case in the text */
    SL_TOK_NUM = 2,   /* contains a digit */
    SL_TOK_UPPER = 4  /* every letter upper case (acronym), length > 1 */
};

/* tok is the lower-cased word (scratch memory valid during the call),
 * [start, end) its bytes in the text. Return non-zero to stop. */
typedef int (*sl_token_fn)(void *ud, const char *tok, size_t ntok, size_t start,
                           size_t end, int flags);

/* Calls fn for each word of text: runs of letters and digits, keeping
 * inner apostrophes ("don't"), inner hyphens ("post-Cold") and inner dots
 * or commas between digits ("3.5", "12,000"). Returns what fn returned to
 * stop, or 0. */
int sl_tokenize(const char *text, size_t len, sl_token_fn fn, void *ud);

/* Stems a lower-cased word for a language ("en", "ru", ...; NULL or
 * unknown: English for Latin script, Russian for Cyrillic). Writes at most
 * cap-1 bytes and a NUL to out; returns the length. Thread-safe. */
size_t sl_stem(const char *lang, const char *w, size_t n, char *out, size_t cap);

/* True for common function words of English or Russian (lower case). */
bool sl_stopword(const char *w, size_t n);

/* sl_stem and sl_stopword for a caller that has hashed the word already:
 * h is sl_hash64(w, n) (the story engine hashes every word it reads). */
size_t sl_stem_h(const char *lang, const char *w, size_t n, uint64_t h, char *out, size_t cap);
bool sl_stopword_h(const char *w, size_t n, uint64_t h);
/* Starts fetching the stem cache entries that sl_stem_h(lang, w, n, h)
 * will read into the processor's cache, so that a caller with many words
 * to stem waits on memory for all of them at once instead of one after
 * the other. Changes nothing that the stemming returns. */
void sl_stem_prefetch(const char *lang, const char *w, size_t n, uint64_t h);

#endif
