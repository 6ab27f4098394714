/*
 * lang: language identification (libexttextcat), ISO 639-1 codes.
 */
#ifndef SL_LANG_H
#define SL_LANG_H

#include <stddef.h>

/* Returns a static ISO 639-1 code ("en", "ru", ...) for text, or NULL when
 * the language cannot be told. Thread-safe. */
const char *sl_lang_detect(const char *text, size_t len);

#endif
