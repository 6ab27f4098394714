/*
 * sgml: TREC/DUC newswire SGML (<DOC><DOCNO>...</DOCNO>...<TEXT>...</TEXT>).
 * One file may hold several documents.
 */
#ifndef SL_SGML_H
#define SL_SGML_H

#include "doc.h"

/* Calls fn once per <DOC>...</DOC> element of bytes, with the element's
 * bytes and the 1-based line where it starts; stops early if fn returns
 * non-zero and returns that value. Returns 0 when done. */
typedef int (*sl_sgml_fn)(void *ud, const char *doc, size_t len, size_t line);
int sl_sgml_each(const char *bytes, size_t len, sl_sgml_fn fn, void *ud);

/* Fills d from one <DOC> element: id (DOCNO) if NULL, published/pub_time,
 * title (HEADLINE/HL) when present, text with hard wraps joined.
 * Returns SL_OK or a negative code with *err set (caller frees). */
int sl_sgml_extract(sl_doc *d, const char *doc, size_t len, char **err);

#endif
