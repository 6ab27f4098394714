/*
 * textclean: turns raw scraped plain text (web scrapes, PDF text) into a
 * title and clean paragraphs: drops site chrome, captions, credits, teasers,
 * bare URLs, embed notices, navigation and comment threads, removes
 * repeated lines and sentences and joins hard-wrapped lines.
 */
#ifndef SL_TEXTCLEAN_H
#define SL_TEXTCLEAN_H

#include "doc.h"

/* Cleans text (valid UTF-8, len bytes). Sets d->text, d->title if NULL
 * (when d->title is set, a first paragraph repeating it is dropped), and
 * d->author / d->published if NULL and a byline or date line is found near
 * the top (published as "YYYY-MM-DD"). A text that is only a headline keeps
 * it as its body too. Returns SL_OK, or SL_EEMPTY with *err set (caller
 * frees) when no text is left. */
int sl_text_clean(sl_doc *d, const char *text, size_t len, char **err);

#endif
