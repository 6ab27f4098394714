/*
 * summary: extractive multi-document summary of a story.
 *
 * Picks the sentences that together cover the word pairs (bigram
 * "concepts") most of the story's articles share, skipping sentences that
 * repeat what is already chosen, with a prior for lead sentences; returns
 * them in reading order (article time, then position), each with the
 * article it comes from.
 */
#ifndef SL_SUMMARY_H
#define SL_SUMMARY_H

#include "doc.h"
#include "sentence.h"

typedef struct sl_pick {
    size_t doc;        /* index into the docs given */
    size_t start, end; /* sentence bytes in docs[doc]->text (dateline skipped) */
    char *text;        /* the sentence as shown, lightly compressed (owned) */
} sl_pick;

/* Selects sentences of docs[0..n) for a summary of about `words` words, or
 * of `sentences` sentences when sentences > 0; both 0 picks a length from
 * the story's size (about 3 sentences for small stories, up to about 100
 * words). The summary may overrun `words` by part of its last sentence.
 * Returns the count and stores a new array in *out; the caller frees it
 * with sl_picks_free. */
size_t sl_summarize(const sl_doc *const *docs, size_t n, int words, int sentences,
                    sl_pick **out);

/* The same, with the articles' sentences already split (sp: one entry per
 * doc, as sl_splits_init gives; NULL splits here). */
size_t sl_summarize_with(const sl_doc *const *docs, size_t n, const sl_splits *sp, int words,
                         int sentences, sl_pick **out);

void sl_picks_free(sl_pick *p, size_t n);

/* The sentence s[0..n) cleaned for a summary: newlines become spaces,
 * leading wire marks ("_ ") go; with shorten, short parenthetical asides
 * and a trailing attribution (", officials said Thursday.") of a sentence
 * without quotation go too. Caller frees. */
char *sl_summary_compress(const char *s, size_t n, int shorten);

#endif
