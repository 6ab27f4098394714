/*
 * sgml: TREC/DUC newswire documents (NIST SGML, not XML).
 *
 * A file holds one or more <DOC> elements (optionally with attributes, as
 * in Gigaword: <DOC id="..." type="story">). From each we take the id
 * (DOCNO, else the id attribute), the date (DATE_TIME or DATE in the
 * formats wire services used, else the 8-digit date inside the DOCNO), the
 * headline (HEADLINE, HL, HEAD or TITLE, when present), the dateline and
 * the body: the TEXT elements (after a lead paragraph LP), never TRAILER,
 * ANNOTATION or NOTE. Tags are dropped, wire pseudo-entities (&QL; &UR;
 * &LR; &Cx1f; ...) removed, &AMP; and standard entities decoded, hard
 * wraps joined (a paragraph is a <P> element, or starts at a blank or an
 * indented line), wire typography normalised (`` '' quotes, " _ " dash),
 * and wire furniture at the edges of the text dropped: editors' notes,
 * bylines and slugs before the story, sign-off codes ("(pvs/lon/ji)"),
 * "MORE" and pickup notes ("Moussa told, 5th graf") after it.
 *
 * Malformed input is tolerated: an unclosed element ends at the next tag
 * that cannot be inside it; an unclosed <DOC> ends at the next <DOC>.
 */
#include "sgml.h"
#include "storyline.h"
#include "textclean_rules.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- finding elements ---------------------------------------------------- */

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t m = strlen(needle);
    char first = (char)tolower((unsigned char)needle[0]);
    for (; s + m <= end; s++)
        if (tolower((unsigned char)*s) == first && strncasecmp(s, needle, m) == 0)
            return s;
    return NULL;
}

/* Start of the next "<NAME>" or "<NAME attr...>" open tag in [s,end). */
static const char *find_open(const char *s, const char *end, const char *name)
{
    size_t m = strlen(name);
    for (const char *p = s; (p = find_ci(p, end, "<")) != NULL; p++) {
        if (p + 1 + m < end && strncasecmp(p + 1, name, m) == 0 &&
            (p[1 + m] == '>' || isspace((unsigned char)p[1 + m])))
            return p;
    }
    return NULL;
}

/* End of the open tag starting at p (just after its '>'), or NULL. */
static const char *tag_end(const char *p, const char *end)
{
    const char *gt = memchr(p, '>', (size_t)(end - p));
    return gt ? gt + 1 : NULL;
}

int sl_sgml_each(const char *bytes, size_t len, sl_sgml_fn fn, void *ud)
{
    const char *end = bytes + len, *p = bytes;
    size_t line = 1;
    const char *counted = bytes;
    while ((p = find_open(p, end, "DOC")) != NULL) {
        for (; counted < p; counted++)
            line += *counted == '\n';
        const char *close = find_ci(p, end, "</DOC>");
        const char *next = find_open(p + 4, end, "DOC");
        const char *stop = end;
        if (close && (!next || close < next))
            stop = close + 6;
        else if (next)
            stop = next;
        int rc = fn(ud, p, (size_t)(stop - p), line);
        if (rc)
            return rc;
        p = stop;
    }
    return 0;
}

/* Content span of the first <tag>...</tag> in [s,end); an unclosed element
 * ends at the first of the stops (NULL-terminated list of strings), or at
 * the end. Returns false when there is no such element. */
static bool span_of(const char *s, const char *end, const char *tag, const char *const *stops,
                    const char **a, const char **b)
{
    const char *open = find_open(s, end, tag);
    if (!open)
        return false;
    const char *in = tag_end(open, end);
    if (!in)
        return false;
    char close[40];
    snprintf(close, sizeof close, "</%s>", tag);
    const char *c = find_ci(in, end, close);
    const char *lim = c ? c : end;
    for (int i = 0; stops && stops[i]; i++) {
        const char *x = find_ci(in, lim, stops[i]);
        if (x && x < lim)
            lim = x;
    }
    *a = in;
    *b = lim;
    return true;
}

/* A small field: stops at the next tag when unclosed. */
static char *field(const char *s, const char *end, const char *tag)
{
    static const char *const stops[] = {"<", NULL};
    const char *a, *b;
    if (!span_of(s, end, tag, stops, &a, &b))
        return NULL;
    return sl_xstrndup(a, (size_t)(b - a));
}

/* Value of attribute name="..." in the open tag at p, or NULL. */
static char *attribute(const char *p, const char *end, const char *name)
{
    const char *gt = tag_end(p, end);
    if (!gt)
        return NULL;
    size_t m = strlen(name);
    for (const char *q = p; q + m + 2 < gt; q++) {
        if (strncasecmp(q, name, m) == 0 && isspace((unsigned char)q[-1]) && q[m] == '=') {
            const char *v = q + m + 1;
            char quote = (*v == '"' || *v == '\'') ? *v++ : ' ';
            const char *e = v;
            while (e < gt - 1 && *e != quote && !(quote == ' ' && isspace((unsigned char)*e)))
                e++;
            return sl_xstrndup(v, (size_t)(e - v));
        }
    }
    return NULL;
}

/* ---- tags and entities --------------------------------------------------- */

static void put_cp(sl_buf *out, long cp)
{
    if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    char enc[4];
    sl_buf_append(out, enc, (size_t)sl_utf8_encode((int32_t)cp, enc));
}

/* Decodes the entity at s ('&', ';' at semi) into out. */
static void entity(sl_buf *out, const char *s, const char *semi)
{
    size_t n = (size_t)(semi - s) + 1;
    static const struct {
        const char *name, *text;
    } known[] = {{"&AMP;", "&"}, {"&LT;", "<"},  {"&GT;", ">"},    {"&QUOT;", "\""},
                 {"&APOS;", "'"}, {"&NBSP;", " "}, {"&MDASH;", "\xE2\x80\x94"},
                 {"&NDASH;", "\xE2\x80\x93"}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strlen(known[i].name) == n && strncasecmp(s, known[i].name, n) == 0) {
            sl_buf_puts(out, known[i].text);
            return;
        }
    if (s[1] == '#') {
        char *e;
        long cp = (s[2] == 'x' || s[2] == 'X') ? strtol(s + 3, &e, 16) : strtol(s + 2, &e, 10);
        if (e == semi) {
            put_cp(out, cp);
            return;
        }
    }
    sl_buf_putc(out, ' '); /* wire markers: &QL; &UR; &Cx1f; ... */
}

/* Replaces tags with nothing (paragraph tags with a blank line) and
 * entities with their text; keeps the line structure. */
static void detag(sl_buf *out, const char *s, const char *end)
{
    while (s < end) {
        if (*s == '<') {
            const char *gt = memchr(s, '>', (size_t)(end - s));
            if (gt && gt - s < 200 && (isalpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!')) {
                const char *name = s[1] == '/' ? s + 2 : s + 1;
                if ((name[0] == 'P' || name[0] == 'p') && (name[1] == '>' || isspace((unsigned char)name[1])))
                    sl_buf_puts(out, "\n\n");
                s = gt + 1;
                continue;
            }
        } else if (*s == '&') {
            const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) : 12);
            bool word = semi && semi > s + 1;
            for (const char *q = s + 1; word && q < semi; q++)
                word = isalnum((unsigned char)*q) || *q == '#';
            if (word) {
                entity(out, s, semi);
                s = semi + 1;
                continue;
            }
        }
        sl_buf_putc(out, *s++);
    }
}

/* ---- paragraphs ---------------------------------------------------------- */

/* Joins hard-wrapped lines: blank lines and indented lines start
 * paragraphs. Returns paragraphs separated by "\n\n" (caller frees). */
static char *unwrap(const char *s)
{
    sl_buf out = {0}, para = {0};
    const char *p = s;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = sl_xstrndup(p, n);
        bool indented = line[0] == '\t' || (line[0] == ' ' && line[1] == ' ');
        for (char *q = line; *q; q++)
            if (*q == '\t' || *q == '\r')
                *q = ' ';
        sl_strtrim(line);
        if ((!line[0] || indented) && para.len) {
            if (out.len)
                sl_buf_puts(&out, "\n\n");
            sl_buf_append(&out, para.data, para.len);
            sl_buf_reset(&para);
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
    return out.len ? sl_buf_take(&out) : sl_xstrdup("");
}

/* Wire typography: `` and '' quotes become curly quotes, a spaced
 * underscore (the wire's dash) becomes an em dash, runs of spaces one. */
static char *typography(const char *s)
{
    sl_buf b = {0};
    for (const char *p = s; *p; p++) {
        if (p[0] == '`' && p[1] == '`') {
            sl_buf_puts(&b, "\xE2\x80\x9C");
            p++;
        } else if (p[0] == '\'' && p[1] == '\'') {
            /* '' opens a quote at a word start ("''We have"), closes it otherwise */
            bool opens = (p == s || p[-1] == ' ' || p[-1] == '(' || p[-1] == '\n') &&
                         isalnum((unsigned char)p[2]);
            sl_buf_puts(&b, opens ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
            p++;
        } else if (p[0] == ' ' && p[1] == '_' && (p[2] == ' ' || p[2] == 0)) {
            sl_buf_puts(&b, " \xE2\x80\x94");
            p++;
        } else if (p[0] == ' ' && p[1] == ' ') {
            continue;
        } else {
            sl_buf_putc(&b, *p);
        }
    }
    return b.len ? sl_buf_take(&b) : sl_xstrdup("");
}

static bool all_caps(const char *s)
{
    size_t upper = 0, lower = 0;
    for (; *s; s++) {
        upper += isupper((unsigned char)*s) != 0;
        lower += islower((unsigned char)*s) != 0;
    }
    return upper >= 2 && lower * 10 <= upper;
}

/* "(pvs/lon/ji)", "str-mae-vj", "kl", "(MORE)", "NYT-10-05-98 1735EDT",
 * "XXXX END OF STORY": a wire sign-off, transmission stamp or end mark. */
static bool signoff(const char *s)
{
    static const char *words[] = {"MORE", "(MORE)", "END", "(END)", "ENDIT", "-30-", "###", NULL};
    for (int i = 0; words[i]; i++)
        if (!strcasecmp(s, words[i]))
            return true;
    size_t n = strlen(s), lower = 0, digits = 0;
    if (n < 60 && sl_strcasestr(s, "end of story"))
        return true;
    if (n == 0 || n > 30 || sl_tc_words(s) > 3)
        return false;
    for (const char *p = s; *p; p++) {
        if (islower((unsigned char)*p))
            lower++;
        else if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr("()/-_: ", *p) && !isupper((unsigned char)*p))
            return false;
    }
    bool has_upper = lower + digits < n && all_caps(s);
    return (lower > 0 && !has_upper && digits == 0) || (lower == 0 && digits >= 4);
}

/* "For use by clients of ...", "Story filed by ...", "(Distributed by ...)",
 * "=0901 NNNN 20:41": distribution notices and transmission marks. */
static bool notice(const char *s)
{
    if (strlen(s) >= 120 || sl_tc_ends_sentence(s))
        return false;
    return (sl_strcasestr(s, "for use by") && sl_strcasestr(s, "client")) ||
           sl_strcasestr(s, "filed by") || sl_strcasestr(s, "distributed by") ||
           strstr(s, "NNNN") || s[0] == '=';
}

/* A short line that carries a link: "On the Net: http://...". */
static bool link_line(const char *s)
{
    return strlen(s) < 160 && (strstr(s, "http://") || strstr(s, "https://") || strstr(s, "www."));
}

/* Editorial instructions: "Eds: ...", "Turkey amassed troops, pick up 4th graf". */
static bool editors_note(const char *s)
{
    if (!strncasecmp(s, "Eds:", 4) || !strncasecmp(s, "Eds ", 4) || !strncasecmp(s, "Editors:", 8) ||
        !strncasecmp(s, "Editor's note", 13) || !strncasecmp(s, "EDITOR'S NOTE", 13))
        return true;
    if (strlen(s) >= 90)
        return false;
    for (const char *p = s; (p = strstr(p, "graf")) != NULL; p++) {
        const char *after = p + 4 + (p[4] == 's');
        if ((p == s || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)*after))
            return true;
    }
    return false;
}

/* "By JOHN SMITH", "Associated Press Writer", "c.1998 Some Paper". */
static bool byline(const char *s)
{
    size_t w = sl_tc_words(s);
    if (w > 10 || sl_tc_ends_sentence(s))
        return false;
    return !strncmp(s, "By ", 3) || sl_strcasestr(s, " Writer") || !strncmp(s, "c.19", 4) ||
           !strncmp(s, "c.20", 4) || !strncasecmp(s, "(c)", 3);
}

/* Whole paragraph in parentheses: "(STORY CAN END HERE...)", "(The following ...)". */
static bool parenthesised(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && s[0] == '(' && s[n - 1] == ')' && !memchr(s + 1, ')', n - 2);
}

/* Splits text into paragraphs, drops wire furniture and rejoins. */
static char *furniture(char *text)
{
    size_t cap = 16, n = 0;
    char **ps = sl_xmalloc(cap * sizeof *ps);
    for (char *p = text; *p;) {
        char *e = strstr(p, "\n\n");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (n == cap) {
            cap *= 2;
            ps = sl_xrealloc(ps, cap * sizeof *ps);
        }
        ps[n++] = sl_xstrndup(p, len);
        p = e ? e + 2 : p + len;
    }
    bool *drop = sl_xcalloc(n ? n : 1, sizeof *drop);
    /* before the story: notes, bylines, slugs and headings */
    for (size_t i = 0; i < n && i < 4; i++) {
        const char *s = ps[i];
        bool heading = all_caps(s) && sl_tc_words(s) <= 8 && !sl_tc_ends_sentence(s);
        bool credit = sl_tc_words(s) <= 4 && sl_strcasestr(s, "photo");
        if (!(editors_note(s) || byline(s) || heading || credit || notice(s) || parenthesised(s) ||
              sl_tc_no_alnum(s)))
            break;
        drop[i] = true;
    }
    /* anywhere: separators and parenthesised notes in capitals */
    for (size_t i = 0; i < n; i++)
        if (sl_tc_no_alnum(ps[i]) || notice(ps[i]) || (parenthesised(ps[i]) && all_caps(ps[i])) ||
            (strlen(ps[i]) <= 3 && signoff(ps[i])))
            drop[i] = true;
    /* after the story: sign-offs, pickup notes, separators */
    for (size_t i = n; i-- > 0;) {
        if (drop[i])
            continue;
        const char *s = ps[i];
        bool intro = strlen(s) < 40 && s[0] && s[strlen(s) - 1] == ':';
        if (!(signoff(s) || editors_note(s) || link_line(s) || notice(s) || intro ||
              sl_tc_line_kind(s) != SL_TC_TEXT))
            break;
        drop[i] = true;
    }
    sl_buf out = {0};
    for (size_t i = 0; i < n; i++) {
        if (!drop[i]) {
            if (out.len)
                sl_buf_puts(&out, "\n\n");
            sl_buf_puts(&out, ps[i]);
        }
        free(ps[i]);
    }
    free(ps);
    free(drop);
    return out.len ? sl_buf_take(&out) : sl_xstrdup("");
}

/* Cleans a one-line field: tags, entities, whitespace. NULL if empty. */
static char *clean_field(char *s)
{
    if (!s)
        return NULL;
    sl_buf b = {0};
    detag(&b, s, s + strlen(s));
    free(s);
    char *u = b.data ? sl_buf_take(&b) : sl_xstrdup("");
    for (char *q = u; *q; q++)
        if (*q == '\n' || *q == '\t' || *q == '\r')
            *q = ' ';
    char *t = typography(u);
    free(u);
    sl_strtrim(t);
    if (!t[0]) {
        free(t);
        return NULL;
    }
    return t;
}

/* ---- dates --------------------------------------------------------------- */

static bool set_ymd(sl_doc *d, int y, int mo, int da, int hh, int mi, int ss)
{
    if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || da < 1 || da > 31 || hh < 0 || hh > 23 ||
        mi < 0 || mi > 59 || ss < 0 || ss > 60)
        return false;
    char iso[40];
    snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, da, hh, mi, ss);
    int64_t t;
    if (!sl_parse_iso8601(iso, &t))
        return false;
    sl_doc_set(&d->published, iso);
    d->pub_time = t;
    return true;
}

static int month_of(const char *s)
{
    static const char *m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                              "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, m[i], 3))
            return i + 1;
    return 0;
}

/* Normalises the date formats of wire SGML to ISO 8601. */
static bool set_date(sl_doc *d, const char *s)
{
    int y, mo, da, hh = 0, mi = 0, ss = 0, n;
    char mon[16];
    while (*s && isspace((unsigned char)*s))
        s++;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &da, &n) == 3) {
        sscanf(s + n, "%*[ T]%d:%d:%d", &hh, &mi, &ss);
        return set_ymd(d, y, mo, da, hh, mi, ss);
    }
    if (sscanf(s, "%d/%d/%d%n", &mo, &da, &y, &n) == 3) {
        sscanf(s + n, " %d:%d:%d", &hh, &mi, &ss);
        return set_ymd(d, y < 100 ? y + (y < 50 ? 2000 : 1900) : y, mo, da, hh, mi, ss);
    }
    if (sscanf(s, "%15[A-Za-z] %d, %d", mon, &da, &y) == 3 && month_of(mon))
        return set_ymd(d, y, month_of(mon), da, 0, 0, 0);
    if (sscanf(s, "%d %15[A-Za-z] %d", &da, mon, &y) == 3 && month_of(mon))
        return set_ymd(d, y, month_of(mon), da, 0, 0, 0);
    size_t digits = strspn(s, "0123456789");
    if (digits == 8 && sscanf(s, "%4d%2d%2d", &y, &mo, &da) == 3)
        return set_ymd(d, y, mo, da, 0, 0, 0);
    if (digits == 6 && sscanf(s, "%2d%2d%2d", &y, &mo, &da) == 3) /* YYMMDD */
        return set_ymd(d, y + (y < 50 ? 2000 : 1900), mo, da, 0, 0, 0);
    return false;
}

/* The date inside an id such as "APW19981117.0597": 8 digits that make a
 * plausible date. */
static void date_from_id(sl_doc *d, const char *id)
{
    for (const char *p = id; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > id && isdigit((unsigned char)p[-1])))
            continue;
        if (strspn(p, "0123456789") == 8) {
            char b[9];
            memcpy(b, p, 8);
            b[8] = 0;
            if (set_date(d, b))
                return;
        }
    }
}

/* ---- the document -------------------------------------------------------- */

static void set_title(sl_doc *d, const char *doc, const char *end)
{
    static const char *tags[] = {"HEADLINE", "HL", "HEAD", "TITLE", NULL};
    static const char *const stops[] = {"<TEXT", "</DOC>", NULL};
    for (int i = 0; tags[i] && !d->title; i++) {
        const char *a, *b;
        if (!span_of(doc, end, tags[i], stops, &a, &b))
            continue;
        char *h = clean_field(sl_xstrndup(a, (size_t)(b - a)));
        if (h) {
            /* "Headline ---- By Someone" (WSJ): keep the headline */
            char *dash = strstr(h, "----");
            if (dash && dash > h) {
                *dash = 0;
                sl_strtrim(h);
            }
        }
        if (h && h[0])
            d->title = h;
        else
            free(h);
    }
}

/* Appends the cleaned paragraphs of every <tag> element in [doc,end). */
static void collect(sl_buf *out, const char *doc, const char *end, const char *tag)
{
    static const char *const stops[] = {"<TRAILER", "</BODY>", "</DOC>", "<DOC>", NULL};
    const char *p = doc, *a, *b;
    while (p < end && span_of(p, end, tag, stops, &a, &b)) {
        sl_buf raw = {0};
        /* drop the notes inside the text */
        const char *q = a;
        while (q < b) {
            const char *na = find_open(q, b, "ANNOTATION"), *nn = find_open(q, b, "NOTE");
            const char *n = na && (!nn || na < nn) ? na : nn;
            const char *stop = n ? n : b;
            detag(&raw, q, stop);
            if (!n)
                break;
            const char *close = find_ci(n, b, na == n ? "</ANNOTATION>" : "</NOTE>");
            q = close ? close + (na == n ? 13 : 7) : b;
            sl_buf_puts(&raw, "\n\n");
        }
        char *u = unwrap(raw.data ? raw.data : "");
        sl_buf_free(&raw);
        if (u[0]) {
            if (out->len)
                sl_buf_puts(out, "\n\n");
            sl_buf_puts(out, u);
        }
        free(u);
        p = b;
    }
}

int sl_sgml_extract(sl_doc *d, const char *doc, size_t len, char **err)
{
    const char *end = doc + len;
    char *docno = clean_field(field(doc, end, "DOCNO"));
    if (!docno) {
        const char *open = find_open(doc, end, "DOC");
        docno = open ? attribute(open, end, "id") : NULL;
    }
    if (!d->id) {
        if (!docno) {
            *err = sl_xstrdup("SGML document has no <DOCNO> element and no id attribute");
            return SL_EFORMAT;
        }
        d->id = docno;
        docno = NULL;
    }
    free(docno);
    if (!d->published) {
        static const char *tags[] = {"DATE_TIME", "DATE", "DATETIME", "PUBDATE", NULL};
        bool ok = false;
        for (int i = 0; tags[i] && !ok; i++) {
            char *date = clean_field(field(doc, end, tags[i]));
            ok = date && set_date(d, date);
            free(date);
        }
        if (!ok)
            date_from_id(d, d->id);
    }
    if (!d->title)
        set_title(d, doc, end);

    sl_buf body = {0};
    collect(&body, doc, end, "LP");
    collect(&body, doc, end, "TEXT");
    if (!body.len) {
        sl_buf_free(&body);
        *err = sl_xstrdup(find_open(doc, end, "TEXT") ? "SGML document has empty <TEXT>"
                                                       : "SGML document has no <TEXT> element");
        return SL_EEMPTY;
    }
    char *typo = typography(body.data);
    sl_buf_free(&body);
    char *text = furniture(typo);
    free(typo);
    /* a dateline element that the text does not already start with */
    char *dl = clean_field(field(doc, end, "DATELINE"));
    if (dl && text[0] && strncasecmp(text, dl, strlen(dl)) != 0) {
        char *t = sl_xasprintf("%s \xE2\x80\x94 %s", dl, text);
        free(text);
        text = t;
    }
    free(dl);
    free(d->text);
    d->text = text;
    if (!d->text[0]) {
        *err = sl_xstrdup("SGML document has empty <TEXT>");
        return SL_EEMPTY;
    }
    return SL_OK;
}
