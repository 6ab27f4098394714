/*
 * textclean: turns raw scraped plain text (web scrapes, PDF text) into a
 * title and clean paragraphs: drops site chrome, captions, credits, teasers,
 * bare URLs and embed notices, removes repeated lines and sentences and
 * joins hard-wrapped lines.
 */
#ifndef SL_TEXTCLEAN_H
#define SL_TEXTCLEAN_H

#include "doc.h"

/* Cleans text (valid UTF-8, len bytes). Sets d->title if NULL and d->text.
 * Returns SL_OK or a negative code with *err set (caller frees). */
int sl_text_clean(sl_doc *d, const char *text, size_t len, char **err);

#endif
