/*
 * html_runs: the plain text runs of a page, stood in for by marks before
 * libxml2 parses it (see html_runs.h).
 *
 * How the page is read: the way libxml2 2.9's HTML parser reads it, as
 * far as the bounds of the text go. A '<' and a letter open a start tag:
 * its name, then attributes (a name, blanks, '=', a value quoted with " or
 * ' up to the same quote, or unquoted up to a blank or '>'); a character
 * that cannot start an attribute name makes libxml2 skip to the next
 * blank, '>' or "/>", and the tag is then not certain. "</" and a name
 * close an element up to '>' (anything else before it: not certain).
 * "<!--" runs to "-->", "<!DOCTYPE" to '>' (certain when no quote is in
 * it). Anything else after a '<' is not certain. A script or style start
 * tag (not "/>") makes everything up to "</script" or "</style" (any
 * case) raw text, as libxml2 does in recovery mode. A run is marked when
 * it follows a certain '>', is at least the minimum length, holds a
 * character that is not a blank, and holds no '&', no control character
 * but tab and newline (libxml2 drops those; carriage returns are left to
 * it too) and no U+FFFE or U+FFFF.
 *
 * A run of blanks (spaces, tabs, newlines: the indentation of the markup)
 * is marked too, whatever its length from four bytes (a mark's), when it
 * is inside the body: after a certain "<body>" start tag and before any
 * "</body" or "</html". libxml2 asks of every run of text it reads whether
 * it is "blank" (areBlanks: dozens of string compares against the name of
 * the element before it), and the answer only decides whether it first
 * opens an implied <p>, which it does only when no element, <html> or
 * <head> is open: never inside the body. A mark is not blank, so the
 * question is answered at its first byte; the caller checks that no
 * element starts right after a blank run's mark (html.c, on_start), in
 * case the page's body was not where this scanner saw it.
 */
#include "html_runs.h"
#include "util.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { MAX_MARKS = 0xFFFE }; /* U+100000 .. U+10FFFD */

static bool letter(unsigned char c) { return (unsigned char)((c | 32) - 'a') < 26; }
static bool name_start(unsigned char c) { return letter(c) || c == '_' || c == ':' || c == '.'; }
static bool name_char(unsigned char c)
{
    return name_start(c) || (unsigned char)(c - '0') < 10 || c == '-';
}
static bool blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Whether s[0..n) is all spaces, tabs and newlines. */
static bool blanks_only(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            return false;
    return true;
}

/* Whether the name s[0..n) is word (lower case), in any case. */
static bool name_is(const unsigned char *s, size_t n, const char *word)
{
    return n == strlen(word) && !strncasecmp((const char *)s, word, n);
}

/* Whether the run s[0..n) reaches the tree as written (and, need_ink, is
 * not blank):
 * sixteen bytes at a time where SSE2 is there (a block with a byte 0xEF,
 * which may start U+FFFE or U+FFFF, is read a byte at a time). */
static bool plain(const unsigned char *s, size_t n, bool need_ink)
{
    bool ink = !need_ink;
    size_t i = 0;
#ifdef __SSE2__
    const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'), sp = _mm_set1_epi8(' '),
                  amp = _mm_set1_epi8('&'), ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i white = _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, nl));
        __m128i ctl = _mm_andnot_si128(white, sl_sse_in_range(v, 0, 0x1F));
        if (_mm_movemask_epi8(_mm_or_si128(ctl, _mm_cmpeq_epi8(v, amp))))
            return false;
        if (_mm_movemask_epi8(_mm_or_si128(white, _mm_cmpeq_epi8(v, sp))) != 0xFFFF)
            ink = true;
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, ef)))
            break; /* the rest a byte at a time */
    }
#endif
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c < 0x20) {
            if (c != '\t' && c != '\n')
                return false;
            continue;
        }
        if (c == '&')
            return false;
        if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
            return false;
        if (c != ' ')
            ink = true;
    }
    return ink;
}

/* The quoted attribute values of a tag that may be marked. */
typedef struct values {
    uint32_t off[32], len[32];
    int n;
} values;

/* Reads the start tag at s[i] ('<' and a letter); returns where it ends
 * (after '>'), *sure when it was read without a skip, *raw 1 for a script
 * and 2 for a style element and *body for a body element that are not
 * closed by "/>"; the quoted values of at least min bytes (not of html,
 * head or body, whose attributes libxml2 may move to the first such
 * element) in *vals. */
static size_t start_tag(const unsigned char *s, size_t n, size_t i, size_t min, bool *sure,
                        int *raw, bool *body, values *vals)
{
    vals->n = 0;
    size_t k = i + 1, name = k;
    while (k < n && name_char(s[k]))
        k++;
    size_t nl = k - name;
    *raw = name_is(s + name, nl, "script") ? 1 : name_is(s + name, nl, "style") ? 2 : 0;
    *body = name_is(s + name, nl, "body");
    bool root = *body || name_is(s + name, nl, "html") || name_is(s + name, nl, "head");
    *sure = true;
    for (;;) {
        while (k < n && blank(s[k]))
            k++;
        if (k >= n)
            break;
        if (s[k] == '>')
            return k + 1;
        if (s[k] == '/' && k + 1 < n && s[k + 1] == '>') {
            *raw = 0;
            *body = false;
            return k + 2;
        }
        if (!name_start(s[k])) { /* libxml2 drops it up to a blank or the tag's end */
            *sure = false;
            while (k < n && !blank(s[k]) && s[k] != '>' &&
                   !(s[k] == '/' && k + 1 < n && s[k + 1] == '>'))
                k++;
            continue;
        }
        while (k < n && name_char(s[k]))
            k++;
        while (k < n && blank(s[k]))
            k++;
        if (k < n && s[k] == '=') {
            k++;
            while (k < n && blank(s[k]))
                k++;
            if (k < n && (s[k] == '"' || s[k] == '\'')) {
                const unsigned char *q = memchr(s + k + 1, s[k], n - k - 1);
                if (!q)
                    break;
                size_t v = k + 1, vl = (size_t)(q - s) - v;
                if (vl >= min && !root && vals->n < 32 && plain(s + v, vl, false)) {
                    vals->off[vals->n] = (uint32_t)v;
                    vals->len[vals->n++] = (uint32_t)vl;
                }
                k = (size_t)(q - s) + 1;
            } else {
                while (k < n && !blank(s[k]) && s[k] != '>')
                    k++;
            }
        }
    }
    *sure = false;
    return n;
}

/* Where the raw text from i ends: the next "</" and the element's name. */
static size_t raw_end(const unsigned char *s, size_t n, size_t i, const char *name)
{
    size_t nl = strlen(name);
    for (const unsigned char *p = s + i; (p = memchr(p, '<', (size_t)(s + n - p))) != NULL; p++)
        if ((size_t)(s + n - p) >= nl + 2 && p[1] == '/' &&
            !strncasecmp((const char *)p + 2, name, nl))
            return (size_t)(p - s);
    return n;
}

static void put(sl_hruns *r, const char *p, size_t n)
{
    memcpy(r->text + r->text_len, p, n);
    r->text_len += n;
}

/* The character U+100000 + x (supplementary private use area B). */
static void put_mark(sl_hruns *r, size_t x)
{
    char *o = r->text + r->text_len;
    o[0] = (char)0xF4;
    o[1] = (char)(0x80 | (x >> 12));
    o[2] = (char)(0x80 | ((x >> 6) & 63));
    o[3] = (char)(0x80 | (x & 63));
    r->text_len += SL_HRUNS_MARK;
}

static void add_run(sl_hruns *r, size_t off, size_t len, int kind)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->off = sl_xrealloc(r->off, r->cap * sizeof *r->off);
        r->len = sl_xrealloc(r->len, r->cap * sizeof *r->len);
    }
    r->off[r->n] = (uint32_t)off;
    r->len[r->n] = (uint32_t)len | (kind == SL_HRUNS_ATTR ? 0x80000000u : 0);
    r->n++;
}

/* Marks page[off, off + len): the page up to it is copied, then the mark.
 * Returns the new copied offset. */
static size_t mark(sl_hruns *r, size_t copied, size_t off, size_t len, int kind)
{
    if (r->n >= MAX_MARKS)
        return copied;
    size_t n = r->page_len;
    if (!r->text || r->text_cap < n) {
        free(r->text);
        r->text_cap = n;
        r->text = sl_xmalloc(n);
    }
    put(r, r->page + copied, off - copied);
    put_mark(r, r->n);
    add_run(r, off, len, kind);
    return off + len;
}

const char *sl_hruns_make(sl_hruns *r, const char *page, size_t n, size_t min_run,
                          size_t *out_len)
{
    r->page = page;
    r->page_len = n;
    r->n = 0;
    r->text_len = 0;
    *out_len = n;
    if (min_run <= SL_HRUNS_MARK)
        min_run = SL_HRUNS_MARK + 1;
    /* (offsets are 32-bit) */
    if (n == 0 || n > UINT32_MAX / 2 || memchr(page, 0xF4, n) || memchr(page, 0, n))
        return page;
    const unsigned char *s = (const unsigned char *)page;
    size_t i = 0, copied = 0;
    bool sure = false, in_body = false;
    while (i < n) {
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        size_t e = (size_t)(lt - s);
        /* (a mark is never longer than the run it stands for: the text
         * fits the page's length) */
        if (sure && e + 1 < n &&
            ((e - i >= min_run && plain(s + i, e - i, true)) ||
             (in_body && e - i >= SL_HRUNS_MARK && blanks_only(s + i, e - i))))
            copied = mark(r, copied, i, e - i, SL_HRUNS_TEXT);
        i = e;
        if (i + 1 >= n)
            break;
        unsigned char c = s[i + 1];
        if (letter(c)) {
            int raw;
            bool body;
            values vals;
            i = start_tag(s, n, i, min_run, &sure, &raw, &body, &vals);
            for (int k = 0; sure && k < vals.n; k++)
                copied = mark(r, copied, vals.off[k], vals.len[k], SL_HRUNS_ATTR);
            if (body && sure)
                in_body = true;
            if (raw && sure) {
                i = raw_end(s, n, i, raw == 1 ? "script" : "style");
                sure = false;
            }
        } else if (c == '/' && i + 2 < n && name_start(s[i + 2])) {
            size_t k = i + 2;
            while (k < n && name_char(s[k]))
                k++;
            if (name_is(s + i + 2, k - i - 2, "body") || name_is(s + i + 2, k - i - 2, "html"))
                in_body = false; /* libxml2 may close the body there */
            while (k < n && blank(s[k]))
                k++;
            sure = k < n && s[k] == '>';
            if (!sure) {
                const unsigned char *gt = k < n ? memchr(s + k, '>', n - k) : NULL;
                k = gt ? (size_t)(gt - s) : n;
            }
            i = k < n ? k + 1 : n;
        } else if (c == '!' && n - i >= 4 && s[i + 2] == '-' && s[i + 3] == '-') {
            const char *q = memmem(page + i + 4, n - i - 4, "-->", 3);
            sure = q != NULL;
            i = q ? (size_t)(q - page) + 3 : n;
        } else if (c == '!' && n - i >= 9 && !strncasecmp(page + i + 2, "DOCTYPE", 7)) {
            const unsigned char *gt = memchr(s + i, '>', n - i);
            size_t k = gt ? (size_t)(gt - s) : n;
            sure = gt && !memchr(s + i, '"', k - i) && !memchr(s + i, '\'', k - i);
            i = k < n ? k + 1 : n;
        } else {
            sure = false;
            i++;
        }
    }
    if (r->n == 0)
        return page;
    put(r, page + copied, n - copied);
    *out_len = r->text_len;
    return r->text;
}

int sl_hruns_lookup(const sl_hruns *r, const char *s, size_t n, int kind, const char **run,
                    size_t *run_len)
{
    if (n != SL_HRUNS_MARK || !r->n)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] != 0xF4 || (p[1] & 0xF0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
    size_t x = ((size_t)(p[1] & 15) << 12) | ((size_t)(p[2] & 63) << 6) | (p[3] & 63);
    if (x >= r->n || (int)(r->len[x] >> 31) != (kind == SL_HRUNS_ATTR))
        return 0;
    *run = r->page + r->off[x];
    *run_len = r->len[x] & 0x7FFFFFFFu;
    return 1;
}

int sl_hruns_has_mark(const char *s, size_t n) { return s && n && memchr(s, 0xF4, n) != NULL; }

void sl_hruns_free(sl_hruns *r)
{
    free(r->off);
    free(r->len);
    free(r->text);
    memset(r, 0, sizeof *r);
}
