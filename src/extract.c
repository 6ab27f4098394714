/*
 * extract: format detection and dispatch to the format readers, then the
 * finishing touches every format shares (publication time, language).
 */
#include "extract.h"
#include "charset.h"
#include "html.h"
#include "lang.h"
#include "sgml.h"
#include "storyline.h"
#include "textclean.h"
#include "util.h"

#include <ctype.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *sl_format_name(sl_format f)
{
    switch (f) {
    case SL_FMT_TEXT: return "text";
    case SL_FMT_HTML: return "html";
    case SL_FMT_SGML: return "sgml";
    case SL_FMT_JSONL: return "jsonl";
    case SL_FMT_JSON: return "json";
    default: return "auto";
    }
}

/* The high bit of every byte of w that is below c (1 <= c <= 128), and of
 * no other (the byte order does not matter: every byte is tested alone). */
static inline uint64_t bytes_below(uint64_t w, unsigned c)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    return ~(((w & ~highs) + ones * (0x80 - c)) | w) & highs;
}

int sl_looks_binary(const char *bytes, size_t len)
{
    size_t n = len < 4096 ? len : 4096, ctrl = 0;
    const unsigned char *u = (const unsigned char *)bytes;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 0; /* UTF-16 text: the readers convert it */
    for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
        /* sixteen bytes at a time while none is a control byte other
         * than tab, line feed, vertical tab, form feed and carriage return
         * (text and markup mostly); then eight, then one */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i low = sl_sse_in_range(v, 0, 0x1F);
            __m128i ws = sl_sse_in_range(v, 9, 13);
            if (_mm_movemask_epi8(_mm_andnot_si128(ws, low)))
                break;
            i += 16;
        }
#endif
        /* eight bytes at a time while none is a control byte other than
         * tab, line feed, vertical tab, form feed and carriage return
         * (text and markup mostly) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t low = bytes_below(w, 0x20);
            if (low && (low & ~(bytes_below(w, 14) & ~bytes_below(w, 9))))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (u[i] == 0)
            ctrl += 8;
        else if (u[i] < 9 || (u[i] > 13 && u[i] < 32 && u[i] != 27))
            ctrl++;
    }
    return n > 0 && ctrl * 10 > n;
}

static const char *skip_space(const char *p, const char *end)
{
    if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

sl_format sl_detect_format(const char *name, const char *bytes, size_t len)
{
    const char *end = bytes + len, *p = skip_space(bytes, end);
    size_t rest = (size_t)(end - p);
    if (rest >= 5 && !strncasecmp(p, "<DOC>", 5))
        return SL_FMT_SGML;
    if (rest >= 1 && *p == '{') {
        /* several lines that each start with '{' are JSON Lines */
        const char *nl = memchr(p, '\n', rest);
        if (nl) {
            const char *q = skip_space(nl, end);
            if (q == end || *q == '{')
                return SL_FMT_JSONL;
        }
        return name && sl_str_endswith(name, ".jsonl") ? SL_FMT_JSONL : SL_FMT_JSON;
    }
    if (rest >= 1 && *p == '<') {
        size_t n = rest < 1024 ? rest : 1024;
        const char *tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
                              "<div", "<p", "<article", "<title", "<!--", "<script", "<style",
                              "<link", "<noscript", "<header", "<section", "<table",
                              "<form", "<span", "<h1", NULL};
        for (int i = 0; tags[i]; i++)
            if (n >= strlen(tags[i]) && !strncasecmp(p, tags[i], strlen(tags[i])))
                return SL_FMT_HTML;
        if (n >= 5 && !strncasecmp(p, "<?xml", 5))
            return SL_FMT_HTML;
    }
    if (name) {
        const char *dot = strrchr(name, '.');
        if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")))
            return SL_FMT_HTML;
        if (dot && !strcasecmp(dot, ".jsonl"))
            return SL_FMT_JSONL;
    }
    /* Markup-heavy text without the usual opening is still HTML. */
    size_t n = len < 4096 ? len : 4096, lt = 0;
    for (size_t i = 0; i < n; i++)
        lt += bytes[i] == '<';
    if (n > 0 && lt * 40 > n && sl_strcasestr(bytes, "</") != NULL)
        return SL_FMT_HTML;
    return SL_FMT_TEXT;
}

/* Normalises d->published to ISO 8601 UTC and sets pub_time. */
static void finish_time(sl_doc *d)
{
    int64_t t;
    if (d->published && d->pub_time == SL_TIME_UNKNOWN) {
        if (sl_parse_iso8601(d->published, &t)) {
            char iso[32];
            sl_format_iso8601(t, iso);
            d->pub_time = t;
            sl_doc_set(&d->published, iso);
        } else {
            sl_doc_set(&d->published, NULL);
        }
    }
}

/* Replaces a metadata field with its repaired, trimmed form (or NULL). */
static void tidy(char **f)
{
    if (!*f)
        return;
    char *r = *f;
    size_t n = strlen(r);
    if (!sl_utf8_valid(r, n)) { /* fields are mostly valid: tidied in place */
        r = sl_utf8_repair(r, n, NULL, NULL);
        free(*f);
        *f = r;
    }
    for (char *q = r; *q; q++)
        if (*q == '\n' || *q == '\r' || *q == '\t')
            *q = ' ';
    sl_strtrim(r);
    if (!r[0]) {
        free(r);
        *f = NULL;
    }
}

int sl_extract(sl_doc *d, char **err)
{
    *err = NULL;
    if (!d->raw || d->raw_len == 0) {
        *err = sl_xstrdup("empty input");
        return SL_EEMPTY;
    }
    if (sl_looks_binary(d->raw, d->raw_len)) {
        *err = sl_xstrdup("binary data, not text");
        return SL_EBINARY;
    }
    if (d->format == SL_FMT_AUTO || d->format == SL_FMT_JSON || d->format == SL_FMT_JSONL)
        d->format = sl_detect_format(d->source, d->raw, d->raw_len);
    if (d->format == SL_FMT_JSON || d->format == SL_FMT_JSONL)
        d->format = SL_FMT_TEXT; /* the JSON reader hands over the text field */
    int rc;
    if (d->format == SL_FMT_HTML) {
        rc = sl_html_extract(d, d->raw, d->raw_len, err);
    } else {
        size_t n;
        char *text = sl_utf8_repair(d->raw, d->raw_len, &n, NULL);
        if (d->format == SL_FMT_SGML)
            rc = sl_sgml_extract(d, text, n, err);
        else
            rc = sl_text_clean(d, text, n, err);
        free(text);
    }
    if (rc != SL_OK)
        return rc;
    /* The HTML reader's text is valid UTF-8 by construction (libxml2's
     * text nodes of input that charset.c made valid, cut only at
     * paragraph and word boundaries; test_html checks it on hostile
     * pages), so only the other readers' text is checked again. */
    if (d->format != SL_FMT_HTML && d->text && !sl_utf8_valid(d->text, strlen(d->text))) {
        /* the readers' text is mostly valid already: copy only what
         * needs repair */
        char *t = sl_utf8_repair(d->text, strlen(d->text), NULL, NULL);
        free(d->text);
        d->text = t;
    }
    if (!d->text || !d->text[0]) {
        if (!*err)
            *err = sl_xstrdup("no article text");
        return SL_EEMPTY;
    }
    char **fields[] = {&d->title, &d->published, &d->site, &d->author, &d->url, &d->lang};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        tidy(fields[i]);
    finish_time(d);
    if (!d->lang) {
        /* the title and the start of the text, on the stack unless the
         * title is very long */
        char stack[4096];
        size_t tl = d->title ? strlen(d->title) : 0, xl = strnlen(d->text, 3000);
        size_t n = (tl ? tl + 1 : 0) + xl;
        char *s = n < sizeof stack ? stack : sl_xmalloc(n + 1);
        if (tl) {
            memcpy(s, d->title, tl);
            s[tl] = '\n';
        }
        memcpy(s + (tl ? tl + 1 : 0), d->text, xl);
        s[n] = 0;
        const char *l = sl_lang_detect(s, n);
        if (l)
            d->lang = sl_xstrdup(l);
        if (s != stack)
            free(s);
    } else {
        /* "en-US" -> "en" */
        d->lang[strcspn(d->lang, "-_")] = 0;
        for (char *q = d->lang; *q; q++)
            *q = (char)tolower((unsigned char)*q);
    }
    return SL_OK;
}
