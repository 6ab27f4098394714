/*
 * quotes: direct quotations of a story with their speakers, the same
 * statement reported by several articles (even in different wording, such
 * as two translations) grouped into one quote that cites them all.
 */
#ifndef SL_QUOTES_H
#define SL_QUOTES_H

#include "doc.h"
#include "entities.h"

typedef struct sl_quote {
    char *speaker;  /* canonical name, an attribution as written ("the
                       statement"), or NULL when unknown */
    char *text;     /* the quotation, without its marks */
    size_t *docs;   /* indices of the articles that carry it, ascending */
    size_t ndocs;
    size_t first;   /* byte offset in docs[docs[0]]->text */
} sl_quote;

/* Finds the quotes of docs[0..n); E (may be NULL) normalises speakers.
 * Returns the count and a new array in *out, most cited first; free it
 * with sl_quotes_free. */
size_t sl_quotes_find(const sl_doc *const *docs, size_t n, const sl_entities *E,
                      sl_quote **out);
void sl_quotes_free(sl_quote *q, size_t n);

/* The quotes of one text (one article), ungrouped; the same contract. For
 * tests and for sl_quotes_find. */
size_t sl_quotes_in_text(const char *text, const sl_entities *E, sl_quote **out);

/* Does s[0..n) hold "http" or "www." (a link line, left out of a quote's
 * text)? For the tests. */
int sl_quotes_has_link(const char *s, size_t n);

#endif
