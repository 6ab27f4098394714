/*
 * charset: bring an HTML page's bytes to UTF-8 before parsing.
 *
 * Pages arrive in whatever charset their server used, declared or not.
 * libxml2 would honour a declaration but guesses badly when there is none,
 * so the HTML reader converts every page to UTF-8 here first and then tells
 * the parser to ignore in-document declarations.
 *
 * How it works: a byte-order mark wins (UTF-8, UTF-16LE/BE). Otherwise
 * bytes that are valid UTF-8 are taken as UTF-8 whatever the page declares
 * (a legacy-charset page that happens to be valid UTF-8 with multi-byte
 * sequences is vanishingly rare, while re-encoded pages that keep a stale
 * declaration are common). Otherwise a declaration found in the first
 * 16 KiB (<meta charset>, http-equiv content-type, <?xml encoding?>) is
 * used if iconv knows it; failing that the bytes are guessed from their
 * statistics: high bytes that come in runs (whole words) mean a Cyrillic
 * single-byte charset, windows-1251 when its lowercase range (0xE0-0xFF)
 * dominates and KOI8-R otherwise; isolated high bytes mean windows-1252
 * (the superset browsers use for latin-1). Bytes iconv cannot convert
 * become U+FFFD.
 */
#ifndef SL_CHARSET_H
#define SL_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/* Charset declared in the first 16 KiB of an HTML page, as a newly
 * allocated lowercase name (caller frees), or NULL when there is none. */
char *sl_charset_declared(const char *bytes, size_t len);

/* Guesses the single-byte charset of bytes that are not valid UTF-8:
 * "WINDOWS-1251", "KOI8-R" or "WINDOWS-1252" (static strings). */
const char *sl_charset_guess(const char *bytes, size_t len);

/* Converts an HTML page to UTF-8 as described above. Returns a newly
 * allocated NUL-terminated buffer (caller frees) without any BOM and with
 * invalid sequences repaired, its length in *out_len; *used (if not NULL)
 * receives the charset the bytes were read as (a static string: "UTF-8",
 * "UTF-16LE", "UTF-16BE", "WINDOWS-1251", "KOI8-R", "WINDOWS-1252", or
 * "declared" for another charset named by the page). */
char *sl_charset_to_utf8(const char *bytes, size_t len, size_t *out_len, const char **used);

/* Whether s[0..n) is well-formed UTF-8 without NUL bytes, that is, text
 * sl_utf8_repair would return unchanged. ASCII runs go eight bytes at a
 * time. */
bool sl_utf8_valid(const char *s, size_t n);

/* Like sl_charset_to_utf8 but avoids the copy when the page is already
 * valid UTF-8 without NUL bytes (the common case): returns a pointer to
 * the UTF-8 text (inside bytes, past any BOM, or into a new buffer that is
 * also stored in *owned for the caller to free; *owned is NULL when
 * nothing was allocated) and its length in *out_len. */
const char *sl_charset_utf8_view(const char *bytes, size_t len, size_t *out_len, char **owned,
                                 const char **used);

#endif
