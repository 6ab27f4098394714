/*
 * fts_tokenizer: the FTS5 tokenizer "storyline" that the search index
 * uses (store.c). It splits and folds text as FTS5's unicode61 tokenizer
 * with remove_diacritics 2 does: tokens are runs of letters, digits and
 * marks, lower-cased, Latin letters without their diacritics; and also
 * folds Cyrillic ё to е and keeps words with marks whole (Arabic vowel
 * marks, Indic vowel signs), which unicode61 splits. It is faster: ASCII and the two-byte
 * UTF-8 range (Latin, Greek, Cyrillic, Hebrew, Arabic) come from tables
 * built once, the rest from utf8proc.
 */
#ifndef SL_FTS_TOKENIZER_H
#define SL_FTS_TOKENIZER_H

#include <sqlite3.h>
#include <stddef.h>

/* Registers the tokenizer "storyline" on db (each connection that reads or
 * writes an index made with it needs it). Returns an SQLite result code. */
int sl_fts_register(sqlite3 *db);

/* Splits text[0..n) as the tokenizer does: calls tok(ctx, token, len,
 * start, end) for each token (folded; start/end: bytes of text) and
 * stops at the first non-zero return, which it returns (0 otherwise). */
int sl_fts_tokens(const char *text, size_t n, void *ctx,
                  int (*tok)(void *ctx, const char *t, int len, int start, int end));

/* The same tokens as sl_fts_tokens, by a plain loop over the characters:
 * the reference that tests check the fast path against. */
int sl_fts_tokens_ref(const char *text, size_t n, void *ctx,
                      int (*tok)(void *ctx, const char *t, int len, int start, int end));

#endif
