/*
 * textclean_dedup: removes repeated paragraphs and repeated sentences from
 * an article (scrapes often repeat a standfirst, a pull quote or a caption
 * sentence inside the body).
 */
#ifndef SL_TEXTCLEAN_DEDUP_H
#define SL_TEXTCLEAN_DEDUP_H

#include <stddef.h>

/* Splits s into sentences: calls fn(ud, start, len) for each, in order, with
 * spans that cover s without the spaces between sentences. Abbreviations
 * ("Mr.", "U.S.", initials) and decimals do not end a sentence. */
typedef void (*sl_tc_sentence_fn)(void *ud, const char *start, size_t len);
void sl_tc_sentences(const char *s, sl_tc_sentence_fn fn, void *ud);

/* Deduplicates paras[0..n) in place: a paragraph equal to an earlier one
 * (case and punctuation ignored) is freed and set to NULL; in the others a
 * sentence of 4+ words equal to an earlier one, or of 6+ distinct words
 * nearly all found in one earlier sentence of similar size, is removed
 * (a paragraph left empty becomes NULL). The first occurrence is kept. */
void sl_tc_dedup(char **paras, size_t n);

#endif
