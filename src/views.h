/*
 * views: what a reader sees of a story, computed from its articles:
 * headline, summary with sources, timeline, quotes with speakers and
 * entities. Input is the story's docs (cleaned), in story order.
 */
#ifndef SL_VIEWS_H
#define SL_VIEWS_H

#include "doc.h"
#include "util.h"

typedef struct sl_view_opts {
    int summary_words;     /* target length of the summary; 0 = automatic */
    int summary_sentences; /* or a number of sentences (wins when > 0) */
} sl_view_opts;

/* One line naming the event. Caller frees. */
char *sl_view_headline(const sl_doc *const *docs, size_t n);

/* Appends the JSON members (each preceded by a comma)
 *   ,"summary":[{"text","article"}],"timeline":[{"date","precision","text",
 *   "article"}],"quotes":[{"speaker","text","articles":[..]}],
 *   "entities":[{"name","type","count"}]
 * to out. opts may be NULL. */
void sl_view_json(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts);

/* Appends the same views as readable text. */
void sl_view_text(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts);

/* The summary alone as plain text, one sentence per line. Caller frees. */
char *sl_view_summary_text(const sl_doc *const *docs, size_t n, const sl_view_opts *opts);

#endif
