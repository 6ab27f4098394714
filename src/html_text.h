/*
 * html_text: paragraph-level clean-up of the text the HTML reader found.
 *
 * The container chosen for the article often starts or ends with lines
 * that are not the article: a dateline, a byline, "1,693 views", a
 * copyright notice, a "Related:" lead-in, a heading left without its
 * section. These are recognised by shape (length, punctuation, a date,
 * a "By" prefix, "©"), not by any site's wording, and only at the edges,
 * where boilerplate sits. In the middle of the article only paragraphs
 * that are plainly markup (tags printed as text by broken pages) and short
 * page furniture of generic shape (a "Photo: ..." or "Credit: ..." credit,
 * an "Advertisement" label, a "Loading..." placeholder, a "Related:
 * <headline>" teaser) are removed.
 */
#ifndef SL_HTML_TEXT_H
#define SL_HTML_TEXT_H

/* Cleans text (paragraphs separated by "\n\n") in place; returns it. */
char *sl_html_trim_edges(char *text);

#endif
