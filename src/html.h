/*
 * html: main-text and metadata extraction from HTML news and blog pages.
 *
 * Input is the page's bytes in any charset (declared or not; converted to
 * UTF-8). Fills the doc's NULL fields among title, published/pub_time,
 * site, author, url, lang and sets text to the article body as paragraphs
 * separated by "\n\n". Fields the caller already set are left alone.
 */
#ifndef SL_HTML_H
#define SL_HTML_H

#include "doc.h"

#include <stdbool.h>

/* Returns SL_OK, or a negative SL_E* code with *err set to a message the
 * caller frees (e.g. SL_EEMPTY "page has no article text"). */
int sl_html_extract(sl_doc *d, const char *html, size_t len, char **err);

/* Whether this thread's pages put libxml2's memory in a page arena (the
 * default, see html.c) or leave it on malloc; for tests that compare the
 * two. No effect in address-sanitizer builds, which never use the arena. */
void sl_html_set_arena(bool on);

/* Whether this thread's pages have their plain text runs and attribute
 * values marked before libxml2 parses them (the default, see html_runs.h)
 * or not; for tests that compare the two. */
void sl_html_set_marks(bool on);

#endif
