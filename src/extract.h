/*
 * extract: the extraction stage. Detects an input's format and dispatches
 * to the reader for it (html, textclean, sgml), then fills in language and
 * publication time. Its product, the cleaned doc, is what storage and every
 * later stage use.
 */
#ifndef SL_EXTRACT_H
#define SL_EXTRACT_H

#include "doc.h"

/* Guesses the format of bytes; name (file name, may be NULL) is a hint. */
sl_format sl_detect_format(const char *name, const char *bytes, size_t len);
/* Name of a format ("text", "html", ...). */
const char *sl_format_name(sl_format f);

/* Extracts d->raw (d->raw_len bytes, already valid UTF-8 unless HTML) as
 * d->format (SL_FMT_AUTO detects). Fills the NULL metadata fields and
 * d->text. Returns SL_OK, or a negative code with *err set (caller frees):
 * SL_EEMPTY when no article text is left, SL_EBINARY for binary bytes. */
int sl_extract(sl_doc *d, char **err);

/* True when bytes look binary (NULs or many control bytes in the first
 * 4 KiB, after a possible UTF-16 BOM check). */
int sl_looks_binary(const char *bytes, size_t len);

#endif
