/*
 * charset: conversion of HTML bytes to UTF-8 (see charset.h for the rules).
 */
#include "charset.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SNIFF_BYTES 16384 /* declarations are looked for this far in */

/* ---- declared charset ---------------------------------------------------- */

/* Reads a charset name at p (after "charset" or "encoding"): optional
 * spaces, '=', optional spaces and quote, then [A-Za-z0-9._:-]+. */
static char *read_name(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '=')
        return NULL;
    p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
        p++;
    const char *s = p;
    while (p < end && (isalnum((unsigned char)*p) || strchr("._:-", *p)))
        p++;
    if (p == s || p - s > 40)
        return NULL;
    char *name = sl_xstrndup(s, (size_t)(p - s));
    for (char *q = name; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    return name;
}

char *sl_charset_declared(const char *bytes, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    const char *end = bytes + n;
    if (n > 5 && !strncmp(bytes, "<?xml", 5)) {
        const char *q = memchr(bytes, '>', n);
        for (const char *p = bytes; q && p + 8 < q; p++)
            if (!strncasecmp(p, "encoding", 8))
                return read_name(p + 8, q);
    }
    /* Only inside <meta ...> tags: "charset" also occurs in scripts. */
    for (const char *p = bytes; p + 5 < end; p++) {
        if (*p != '<' || strncasecmp(p + 1, "meta", 4))
            continue;
        const char *q = memchr(p, '>', (size_t)(end - p));
        if (!q)
            break;
        for (const char *r = p + 5; r + 7 < q; r++)
            if ((*r == 'c' || *r == 'C') && !strncasecmp(r, "charset", 7)) {
                char *name = read_name(r + 7, q);
                if (name)
                    return name;
            }
        p = q;
    }
    return NULL;
}

/* ---- guessing ------------------------------------------------------------ */

/* Number of bytes of m with their high bit set (m has no other bits). */
static inline size_t count_highs_(uint64_t m)
{
    return (size_t)(((m >> 7) * 0x0101010101010101ull) >> 56);
}

/* Length of the well-formed UTF-8 sequence at s (2-4; no overlongs or
 * surrogates), or 0. Inlined here: this runs over every byte of a page. */
static inline int utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
#define CONT(i) ((size_t)(i) < n && (s[i] & 0xC0) == 0x80)
    if (c >= 0xC2 && c <= 0xDF)
        return CONT(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !CONT(2))
            return 0;
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !CONT(2) || !CONT(3))
            return 0;
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi ? 4 : 0;
    }
#undef CONT
    return 0;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Bytes of well-formed text made of ASCII (no NUL) and two-byte sequences
 * (Latin letters with accents, Greek, Cyrillic, Hebrew, Arabic...) at the
 * start of the eight bytes at s, which start a character: 8, or 7 when
 * the last one opens a two-byte sequence; 0 when some byte needs the
 * careful look (a NUL, a longer sequence, a stray or missing continuation
 * byte, an overlong C0/C1). *pairs gets the two-byte sequences passed. */
static inline size_t two_byte_run(const unsigned char *s, size_t *pairs)
{
    uint64_t w;
    memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* byte i of the text is byte i of w */
#endif
    uint64_t high = w & HIGHS;
    if ((w - ONES) & ~w & HIGHS) /* some byte is zero (or the test is unsure) */
        return 0;
    if (!high) {
        *pairs = 0;
        return 8;
    }
    uint64_t b6 = (w << 1) & HIGHS, b5 = (w << 2) & HIGHS; /* bits 6 and 5, moved to bit 7 */
    uint64_t lead = high & b6, cont = high & ~b6;
    if (lead & b5) /* a lead byte of three or four */
        return 0;
    /* every continuation right after a lead, every lead (but the last
     * byte) before one, and no lead below C2 */
    if (cont != (lead << 8) || ((((w & (ONES * 0x1E)) + ONES * 0x7E) & lead) != lead))
        return 0;
    bool open = lead >> 63;
    *pairs = count_highs_(lead) - open;
    return open ? 7 : 8;
}

#ifdef __SSE2__
/* Bits set in the low sixteen of m (popcount is a library call without
 * -mpopcnt). */
static inline unsigned pop16(unsigned m)
{
    m = m - ((m >> 1) & 0x5555u);
    m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
    m = (m + (m >> 4)) & 0x0F0Fu;
    return (m + (m >> 8)) & 0x1Fu;
}

/* two_byte_run on the sixteen bytes at s: 16, or 15 when the last one
 * opens a two-byte sequence; 0 when some byte needs the careful look. As
 * signed bytes, continuations are -128..-65, the leads C2..DF -62..-33;
 * C0, C1 and the leads of longer sequences are neither. */
static inline size_t two_byte_run16(const unsigned char *s, size_t *pairs)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
        return 0;
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    if (!high) {
        *pairs = 0;
        return 16;
    }
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
    unsigned lead = (unsigned)_mm_movemask_epi8(_mm_and_si128(
        _mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
    /* every high byte a lead or a continuation, every continuation right
     * after a lead and every lead (but the last byte) before one */
    if ((cont | lead) != high || cont != ((lead << 1) & 0xFFFFu))
        return 0;
    unsigned open = lead >> 15;
    *pairs = pop16(lead) - open;
    return open ? 15 : 16;
}
#endif

/* Length of the valid UTF-8 prefix of s; *multi counts multi-byte chars. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n, size_t *multi, bool *nul)
{
    size_t i = 0, m = 0;
    bool z = false;
    while (i < n) {
#ifdef __SSE2__
        /* markup: sixteen ASCII bytes (none zero) at a time */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
                break;
            i += 16;
        }
        /* text in a two-byte script: sixteen bytes at a time while they
         * are ASCII and two-byte sequences */
        while (i + 16 <= n) {
            size_t pairs, k = two_byte_run16(s + i, &pairs);
            if (!k)
                break;
            i += k;
            m += pairs;
        }
#endif
        /* eight bytes at a time while they are ASCII and two-byte
         * sequences */
        while (i + 8 <= n) {
            size_t pairs, k = two_byte_run(s + i, &pairs);
            if (!k)
                break;
            i += k;
            m += pairs;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            z |= s[i] == 0;
            i++;
            continue;
        }
        int k = utf8_seq(s + i, n - i);
        if (k == 0)
            break;
        i += (size_t)k;
        m++;
        /* a word of two-byte letters (Cyrillic, Greek, Arabic...) */
        while (i + 1 < n && s[i] >= 0xC2 && s[i] <= 0xDF && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            m++;
        }
    }
    if (multi)
        *multi = m;
    if (nul)
        *nul = z;
    return i;
}

bool sl_utf8_valid(const char *s, size_t n)
{
    bool nul;
    return utf8_valid_prefix((const unsigned char *)s, n, NULL, &nul) == n && !nul;
}

const char *sl_charset_guess(const char *bytes, size_t len)
{
    const unsigned char *u = (const unsigned char *)bytes;
    size_t high = 0, in_run = 0, lower1251 = 0, upper1251 = 0;
    for (size_t i = 0; i < len; i++) {
        if (u[i] < 0x80)
            continue;
        high++;
        if ((i > 0 && u[i - 1] >= 0xC0) || (i + 1 < len && u[i + 1] >= 0xC0))
            in_run++;
        if (u[i] >= 0xE0)
            lower1251++;
        else if (u[i] >= 0xC0)
            upper1251++;
    }
    if (high == 0 || in_run * 2 < high)
        return "WINDOWS-1252";
    /* Cyrillic text is mostly lowercase: in windows-1251 lowercase is
     * 0xE0-0xFF, in KOI8-R it is 0xC0-0xDF. */
    return lower1251 >= upper1251 ? "WINDOWS-1251" : "KOI8-R";
}

/* ---- conversion ---------------------------------------------------------- */

/* Converts with iconv; unconvertible bytes become U+FFFD. Returns NULL if
 * iconv does not know the charset. */
static char *convert(const char *from, const char *bytes, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    sl_buf b = {0};
    sl_buf_reserve(&b, len + len / 2 + 16);
    char *in = (char *)bytes;
    size_t inleft = len;
    while (inleft > 0) {
        sl_buf_reserve(&b, inleft * 2 + 16);
        char *out = b.data + b.len;
        size_t outleft = b.cap - b.len - 1, before = outleft;
        size_t r = iconv(cd, &in, &inleft, &out, &outleft);
        b.len += before - outleft;
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or a truncated sequence at the end: skip one byte. */
            sl_buf_puts(&b, "\xEF\xBF\xBD");
            in++;
            inleft--;
        }
    }
    iconv_close(cd);
    sl_buf_putc(&b, 0);
    b.len--;
    /* iconv output is valid UTF-8, but the source may have held NULs. */
    char *r = sl_utf8_repair(b.data, b.len, out_len, NULL);
    sl_buf_free(&b);
    return r;
}

/* Maps a declared name to iconv's; windows-1252 stands in for latin-1 and
 * ASCII as browsers do. Returns a static name or the declared one. */
static const char *canonical(const char *name, bool *is_utf8)
{
    *is_utf8 = !strcmp(name, "utf-8") || !strcmp(name, "utf8");
    if (!strcmp(name, "iso-8859-1") || !strcmp(name, "latin1") || !strcmp(name, "latin-1") ||
        !strcmp(name, "us-ascii") || !strcmp(name, "ascii") || !strcmp(name, "iso8859-1"))
        return "WINDOWS-1252";
    if (!strcmp(name, "windows-1251") || !strcmp(name, "cp1251") || !strcmp(name, "win-1251") ||
        !strcmp(name, "x-cp1251"))
        return "WINDOWS-1251";
    if (!strcmp(name, "koi8-r"))
        return "KOI8-R";
    return name;
}

static const char *static_name(const char *enc)
{
    static const char *known[] = {"WINDOWS-1251", "KOI8-R", "WINDOWS-1252", NULL};
    for (int i = 0; known[i]; i++)
        if (!strcmp(enc, known[i]))
            return known[i];
    return "declared";
}

const char *sl_charset_utf8_view(const char *bytes, size_t len, size_t *out_len, char **owned,
                                 const char **used)
{
    const unsigned char *u = (const unsigned char *)bytes;
    const char *dummy;
    if (!used)
        used = &dummy;
    *owned = NULL;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *used = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        char *r = convert(*used, bytes + 2, len - 2, out_len);
        if (r)
            return *owned = r;
    }
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
        bytes += 3;
        len -= 3;
        u += 3;
    }
    size_t multi;
    bool nul;
    size_t valid = utf8_valid_prefix(u, len, &multi, &nul);
    if (valid == len) {
        *used = "UTF-8";
        if (!nul) {
            *out_len = len;
            return bytes;
        }
        return *owned = sl_utf8_repair(bytes, len, out_len, NULL);
    }
    char *decl = sl_charset_declared(bytes, len);
    if (decl) {
        bool is_utf8;
        const char *enc = canonical(decl, &is_utf8);
        char *r = NULL;
        if (!is_utf8) {
            r = convert(enc, bytes, len, out_len);
            if (r)
                *used = static_name(enc);
        } else {
            /* Declared UTF-8 with bad bytes: trust the declaration and
             * repair them (U+FFFD), as for any invalid UTF-8 input; a page
             * that mislabels its single-byte charset loses its accented
             * letters rather than gaining mojibake. */
            *used = "UTF-8";
            r = sl_utf8_repair(bytes, len, out_len, NULL);
        }
        free(decl);
        if (r)
            return *owned = r;
    }
    *used = sl_charset_guess(bytes, len);
    char *r = convert(*used, bytes, len, out_len);
    if (!r) { /* cannot happen with glibc; stay safe */
        *used = "UTF-8";
        r = sl_utf8_repair(bytes, len, out_len, NULL);
    }
    return *owned = r;
}

char *sl_charset_to_utf8(const char *bytes, size_t len, size_t *out_len, const char **used)
{
    char *owned;
    const char *r = sl_charset_utf8_view(bytes, len, out_len, &owned, used);
    return owned ? owned : sl_xstrndup(r, *out_len);
}
