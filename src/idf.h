/*
 * idf: inverse document frequency of stemmed terms, from a background table
 * of document counts built from public news text (data/idf/, compiled in
 * as src/cluster_idftab.c by tools/build-idf.sh) blended with the counts of
 * the live corpus. A three-article corpus has no usable IDF of its own; a
 * million-article stream mostly uses its own.
 *
 * Terms are known by sl_term_hash of their stem (32 bits, never 0).
 */
#ifndef SL_IDF_H
#define SL_IDF_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl_idf sl_idf;

sl_idf *sl_idf_new(void);
void sl_idf_free(sl_idf *x);

/* Hash of a stem as the tables know it (never 0). */
uint32_t sl_term_hash(const char *stem, size_t n);

/* Term of one token as sl_tokenize gives it (lower case): the hash of its
 * stem in lang, or 0 for tokens that carry no content (stopwords, single
 * characters). */
uint32_t sl_term_of(const char *lang, const char *tok, size_t n);
/* The same with the token's sl_hash64 (h) already known. */
uint32_t sl_term_of_h(const char *lang, const char *tok, size_t n, uint64_t h);

/* Counts one more corpus document containing the given distinct terms. */
void sl_idf_count(sl_idf *x, const uint32_t *terms, size_t n);
/* idf = ln((N + 1) / (df + 1)) over background + corpus counts; >= 0. */
float sl_idf_get(const sl_idf *x, uint32_t term);
/* The same, with the term's background count already looked up. */
float sl_idf_get_bg(const sl_idf *x, uint32_t term, uint32_t bg_df);

/* Language-aware variants. The background table covers English and
 * Russian (and text of unknown language, stemmed by script); for any other
 * language it would call every word rare, so its articles get IDF from the
 * corpus's articles in that language alone. */
int sl_idf_covered(const char *lang);
void sl_idf_count_lang(sl_idf *x, const char *lang, const uint32_t *terms, size_t n);
float sl_idf_get_lang(const sl_idf *x, const char *lang, uint32_t term, uint32_t bg_df);
/* The weights of one document's distinct terms[0..n) (bg_df[i]: term i's
 * background count) into w[i]: with count non-zero, the document is
 * counted first (sl_idf_count_lang), then each term weighs
 * sl_idf_get_lang; the same values with one look-up per term. */
void sl_idf_weigh(sl_idf *x, const char *lang, int count, const uint32_t *terms,
                  const uint32_t *bg_df, size_t n, float *w);
/* Corpus documents counted so far. */
size_t sl_idf_docs(const sl_idf *x);

/* The background table alone: its document count, and a term's count
 * (0 when the term is not in the table). */
uint32_t sl_idf_bg_docs(void);
uint32_t sl_idf_bg_df(uint32_t term);
uint32_t sl_idf_bg_df_sorted(uint32_t term); /* the same, by bisection */
/* Starts fetching what sl_idf_bg_df(term) will read into the processor's
 * cache (for a caller with many terms to look up). */
void sl_idf_bg_prefetch(uint32_t term);

/* Bytes held by the corpus counts. */
size_t sl_idf_memory(const sl_idf *x);

#endif
