/*
 * sgml: TREC/DUC newswire documents. Takes DOCNO, the date (DATE_TIME,
 * DATE), the headline (HEADLINE, HL) and the TEXT element; drops tags and
 * the wire pseudo-entities (&QL; &UR; ...; &AMP; is '&'), and joins hard
 * wraps into paragraphs (a paragraph is a <P> element, or starts at a
 * blank line or a tab-indented line).
 */
#include "sgml.h"
#include "storyline.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t m = strlen(needle);
    for (; s + m <= end; s++)
        if (strncasecmp(s, needle, m) == 0)
            return s;
    return NULL;
}

int sl_sgml_each(const char *bytes, size_t len, sl_sgml_fn fn, void *ud)
{
    const char *end = bytes + len, *p = bytes;
    size_t line = 1;
    const char *counted = bytes;
    while ((p = find_ci(p, end, "<DOC>")) != NULL) {
        for (; counted < p; counted++)
            line += *counted == '\n';
        const char *close = find_ci(p, end, "</DOC>");
        const char *stop = close ? close + 6 : end;
        int rc = fn(ud, p, (size_t)(stop - p), line);
        if (rc)
            return rc;
        p = stop;
    }
    return 0;
}

/* Copies the content of the first <tag>...</tag> in [s,end) or NULL. */
static char *element(const char *s, const char *end, const char *tag)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = find_ci(s, end, open);
    if (!a)
        return NULL;
    a += strlen(open);
    const char *b = find_ci(a, end, close);
    if (!b)
        b = end;
    return sl_xstrndup(a, (size_t)(b - a));
}

/* Replaces tags and wire entities; keeps line structure. */
static void detag(sl_buf *out, const char *s)
{
    while (*s) {
        if (*s == '<') {
            const char *gt = strchr(s, '>');
            if (gt && gt - s < 64) {
                /* a paragraph tag ends a paragraph */
                if (strncasecmp(s, "<P>", 3) == 0 || strncasecmp(s, "</P>", 4) == 0)
                    sl_buf_puts(out, "\n\n");
                s = gt + 1;
                continue;
            }
        } else if (*s == '&') {
            const char *semi = strchr(s, ';');
            if (semi && semi - s < 10) {
                if (strncasecmp(s, "&AMP;", 5) == 0)
                    sl_buf_putc(out, '&');
                else if (strncasecmp(s, "&LT;", 4) == 0)
                    sl_buf_putc(out, '<');
                else if (strncasecmp(s, "&GT;", 4) == 0)
                    sl_buf_putc(out, '>');
                else if (strncasecmp(s, "&QUOT;", 6) == 0)
                    sl_buf_putc(out, '"');
                else
                    sl_buf_putc(out, ' ');
                s = semi + 1;
                continue;
            }
        }
        sl_buf_putc(out, *s++);
    }
}

/* Joins hard-wrapped lines: blank lines and tab-indented lines start
 * paragraphs. */
static char *unwrap(const char *s)
{
    sl_buf out = {0}, para = {0};
    const char *p = s;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = sl_xstrndup(p, n);
        int indented = line[0] == '\t' || (line[0] == ' ' && line[1] == ' ');
        sl_strtrim(line);
        if (!line[0] || indented) {
            if (para.len) {
                if (out.len)
                    sl_buf_puts(&out, "\n\n");
                sl_buf_append(&out, para.data, para.len);
                sl_buf_reset(&para);
            }
        }
        if (line[0]) {
            if (para.len)
                sl_buf_putc(&para, ' ');
            sl_buf_puts(&para, line);
        }
        free(line);
        p = nl ? nl + 1 : p + n;
    }
    if (para.len) {
        if (out.len)
            sl_buf_puts(&out, "\n\n");
        sl_buf_append(&out, para.data, para.len);
    }
    sl_buf_free(&para);
    return sl_buf_take(&out);
}

static char *clean_field(char *s)
{
    if (!s)
        return NULL;
    sl_buf b = {0};
    detag(&b, s);
    free(s);
    char *u = unwrap(b.data ? b.data : "");
    sl_buf_free(&b);
    for (char *q = u; *q; q++)
        if (*q == '\n')
            *q = ' ';
    sl_strtrim(u);
    if (!u[0]) {
        free(u);
        return NULL;
    }
    return u;
}

/* Normalises the DATE_TIME variants to ISO 8601. */
static void set_date(sl_doc *d, const char *s)
{
    int y, mo, da, hh = 0, mi = 0, ss = 0;
    char iso[40];
    if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &da, &hh, &mi, &ss) >= 3 ||
        (sscanf(s, "%d/%d/%d %d:%d:%d", &mo, &da, &y, &hh, &mi, &ss) >= 3 && y > 1000)) {
        snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, da, hh, mi, ss);
        int64_t t;
        if (sl_parse_iso8601(iso, &t)) {
            sl_doc_set(&d->published, iso);
            d->pub_time = t;
        }
    } else if (strlen(s) >= 8 && isdigit((unsigned char)s[0])) {
        /* 19981015 or 981015 */
        int v[3];
        if (sscanf(s, "%4d%2d%2d", &v[0], &v[1], &v[2]) == 3 && v[0] > 1900) {
            snprintf(iso, sizeof iso, "%04d-%02d-%02dT00:00:00Z", v[0], v[1], v[2]);
            int64_t t;
            if (sl_parse_iso8601(iso, &t)) {
                sl_doc_set(&d->published, iso);
                d->pub_time = t;
            }
        }
    }
}

int sl_sgml_extract(sl_doc *d, const char *doc, size_t len, char **err)
{
    const char *end = doc + len;
    char *docno = clean_field(element(doc, end, "DOCNO"));
    if (!d->id) {
        if (!docno) {
            *err = sl_xstrdup("SGML document has no <DOCNO>");
            return SL_EFORMAT;
        }
        d->id = docno;
        docno = NULL;
    }
    free(docno);
    if (!d->published) {
        char *date = clean_field(element(doc, end, "DATE_TIME"));
        if (!date)
            date = clean_field(element(doc, end, "DATE"));
        if (date)
            set_date(d, date);
        free(date);
    }
    if (!d->title) {
        char *h = clean_field(element(doc, end, "HEADLINE"));
        if (!h)
            h = clean_field(element(doc, end, "HL"));
        d->title = h;
    }
    char *text = element(doc, end, "TEXT");
    if (!text) {
        *err = sl_xstrdup("SGML document has no <TEXT>");
        return SL_EEMPTY;
    }
    sl_buf b = {0};
    detag(&b, text);
    free(text);
    free(d->text);
    d->text = unwrap(b.data ? b.data : "");
    sl_buf_free(&b);
    if (!d->text[0]) {
        *err = sl_xstrdup("SGML document has empty <TEXT>");
        return SL_EEMPTY;
    }
    return SL_OK;
}
