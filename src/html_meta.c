/*
 * html_meta: metadata collection for the HTML reader (see html_meta.h).
 *
 * Priorities per field (smaller wins; the first offer wins a tie):
 *   title      og:title 10, JSON-LD headline 20, twitter:title 25,
 *              <h1> 30 (offered by html.c), <title> 40
 *   published  article:published_time 10, JSON-LD datePublished 20,
 *              itemprop=datePublished 25, other date metas 30,
 *              first <time datetime> 40, a date in the body text 50
 *   site       og:site_name 10, JSON-LD publisher.name 20,
 *              application-name 30, JSON-LD WebSite name 35
 *   author     meta author 10, article:author 15, JSON-LD author 20,
 *              other author metas 25, itemprop=author 30, rel=author 40
 *   url        link rel=canonical 10, og:url 20
 *   lang       <html lang> 10, content-language 20, og:locale 30
 */
#include "html_meta.h"
#include "util.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void sl_hmeta_init(sl_hmeta *m)
{
    memset(m, 0, sizeof *m);
    for (int i = 0; i < HM_NFIELDS; i++)
        m->prio[i] = 1000;
}

void sl_hmeta_free(sl_hmeta *m)
{
    for (int i = 0; i < HM_NFIELDS; i++)
        free(m->v[i]);
    free(m->title_tag);
    memset(m, 0, sizeof *m);
}

/* Copy of s with whitespace runs collapsed to one space and trimmed. */
static char *squeeze(const char *s)
{
    size_t n = strlen(s), j = 0;
    char *r = sl_xmalloc(n + 1);
    bool sp = false;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none is a space, a control byte or
         * the C2 of a no-break space (the high bit of each byte below
         * 0x21, and of each byte equal to C2) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t x = w ^ (ones * 0xC2);
            uint64_t below = ~(((w & ~highs) + ones * (0x80 - 0x21)) | w) & highs;
            uint64_t c2 = ~(((x & ~highs) + ones * 0x7F) | x) & highs;
            if (below | c2)
                break;
            if (sp)
                r[j++] = ' ';
            sp = false;
            memcpy(r + j, s + i, 8);
            j += 8;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = j > 0;
            continue;
        }
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
            sp = j > 0;
            i++;
            continue;
        }
        if (sp)
            r[j++] = ' ';
        sp = false;
        r[j++] = (char)c;
    }
    r[j] = 0;
    return r;
}

void sl_hmeta_offer(sl_hmeta *m, sl_hmeta_field f, const char *value, int prio)
{
    if (!value || prio >= m->prio[f])
        return;
    char *v = squeeze(value);
    if (!v[0] || strlen(v) > 2000) {
        free(v);
        return;
    }
    free(m->v[f]);
    m->v[f] = v;
    m->prio[f] = prio;
}

/* ---- dates --------------------------------------------------------------- */

static const struct { const char *prefix; int month; } months[] = {
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6},
    {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    {"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"мая", 5}, {"май", 5},
    {"июн", 6}, {"июл", 7}, {"август", 8}, {"сентябр", 9}, {"октябр", 10},
    {"ноябр", 11}, {"декабр", 12}, {NULL, 0}};

/* Month named by the word at s (letters up to a non-letter); 0 if none. */
static int month_word(const char *s, size_t *wlen)
{
    size_t n = 0;
    while (s[n] && (isalpha((unsigned char)s[n]) || (unsigned char)s[n] >= 0x80))
        n++;
    *wlen = n;
    if (n < 3 || n > 20)
        return 0;
    /* most words start with a letter no month name starts with (j f m a
     * s o n d, or a Cyrillic lead byte D0 D1, which | 0x20 makes F0 F1):
     * no list walk for them */
    unsigned char c0 = (unsigned char)(s[0] | 0x20);
    if (!memchr("jfmasond\xF0\xF1", c0, 10))
        return 0;
    for (int i = 0; months[i].prefix; i++) {
        size_t k = strlen(months[i].prefix);
        if (k <= n && !strncasecmp(s, months[i].prefix, k))
            return months[i].month;
    }
    return 0;
}

static int digits(const char *s, int max, int *val)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)s[n]))
        v = v * 10 + (s[n++] - '0');
    if (isdigit((unsigned char)s[n]))
        return 0;
    *val = v;
    return n;
}

static bool valid_ymd(int y, int m, int d)
{
    return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Optional " 10:30(:45)( Z|+03:00|GMT)" after a date; appends it to out. */
static void read_time(const char *p, char *out, size_t cap)
{
    while (*p == ' ' || *p == 'T' || *p == ',' || *p == 'a' || *p == 't')
        p++;
    int hh, mm, ss = 0, k;
    if (!(k = digits(p, 2, &hh)) || p[k] != ':')
        return;
    p += k + 1;
    if (digits(p, 2, &mm) != 2)
        return;
    p += 2;
    if (*p == ':' && digits(p + 1, 2, &ss) == 2)
        p += 3;
    if (hh > 23 || mm > 59 || ss > 60)
        return;
    while (*p == ' ')
        p++;
    const char *zone = "";
    char zbuf[16];
    if (*p == 'Z' || !strncmp(p, "GMT", 3) || !strncmp(p, "UTC", 3)) {
        zone = "Z";
    } else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
               isdigit((unsigned char)p[2])) {
        int zh = (p[1] - '0') * 10 + (p[2] - '0'), zm = 0;
        const char *q = p + 3;
        if (*q == ':')
            q++;
        if (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]))
            zm = (q[0] - '0') * 10 + (q[1] - '0');
        if (zh <= 14 && zm < 60) {
            snprintf(zbuf, sizeof zbuf, "%c%02d:%02d", *p, zh, zm);
            zone = zbuf;
        }
    }
    size_t l = strlen(out);
    snprintf(out + l, cap - l, "T%02d:%02d:%02d%s", hh, mm, ss, zone);
}

/* Tries to read a date at p; on success writes ISO 8601 to out. */
static bool date_at(const char *p, char *out, size_t cap)
{
    int a, b, c, k1, k2, k3;
    size_t w;
    if (!isdigit((unsigned char)*p)) {
        int mo = month_word(p, &w);
        if (!mo)
            return false;
        const char *q = p + w;
        if (*q == '.')
            q++;
        while (*q == ' ')
            q++;
        if (!(k1 = digits(q, 2, &b)))
            return false;
        q += k1;
        if (!strncmp(q, "st", 2) || !strncmp(q, "nd", 2) || !strncmp(q, "rd", 2) ||
            !strncmp(q, "th", 2))
            q += 2;
        while (*q == ',' || *q == ' ')
            q++;
        if (digits(q, 4, &c) != 4 || !valid_ymd(c, mo, b))
            return false;
        snprintf(out, cap, "%04d-%02d-%02d", c, mo, b);
        read_time(q + 4, out, cap);
        return true;
    }
    if (!(k1 = digits(p, 4, &a)))
        return false;
    const char *q = p + k1;
    if (k1 == 4 && (*q == '-' || *q == '/' || *q == '.')) { /* Y-M-D */
        char sep = *q++;
        if (!(k2 = digits(q, 2, &b)) || q[k2] != sep)
            return false;
        q += k2 + 1;
        if (!(k3 = digits(q, 2, &c)) || !valid_ymd(a, b, c))
            return false;
        snprintf(out, cap, "%04d-%02d-%02d", a, b, c);
        read_time(q + k3, out, cap);
        return true;
    }
    if (k1 <= 2 && (*q == '.' || *q == '/' || *q == '-') && isdigit((unsigned char)q[1])) {
        char sep = *q++; /* D.M.Y, or M/D/Y when the first cannot be a day-month */
        if (!(k2 = digits(q, 2, &b)) || q[k2] != sep)
            return false;
        q += k2 + 1;
        if (digits(q, 4, &c) != 4)
            return false;
        int d = a, m = b;
        if (sep == '/' && a <= 12 && b > 12) {
            d = b;
            m = a;
        }
        if (!valid_ymd(c, m, d))
            return false;
        snprintf(out, cap, "%04d-%02d-%02d", c, m, d);
        read_time(q + 4, out, cap);
        return true;
    }
    if (k1 <= 2) { /* "15 December 2020", "15. Dezember"... */
        while (*q == ' ' || *q == '.')
            q++;
        int mo = month_word(q, &w);
        if (!mo)
            return false;
        q += w;
        while (*q == ' ' || *q == ',' || *q == '.')
            q++;
        if (digits(q, 4, &c) != 4 || !valid_ymd(c, mo, a))
            return false;
        snprintf(out, cap, "%04d-%02d-%02d", c, mo, a);
        read_time(q + 4, out, cap);
        return true;
    }
    return false;
}

/* First date in the first `limit` bytes of s, as ISO 8601 in out. */
static bool find_date(const char *s, size_t limit, char *out, size_t cap)
{
    for (size_t i = 0; s[i] && i < limit; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i > 0 && (isalnum((unsigned char)s[i - 1]) || (unsigned char)s[i - 1] >= 0x80))
            continue; /* dates start at a word boundary */
        if ((isdigit(c) || isalpha(c) || c >= 0xC0) && date_at(s + i, out, cap))
            return true;
    }
    return false;
}

char *sl_hmeta_date(const char *s)
{
    if (!s)
        return NULL;
    char *t = squeeze(s);
    int64_t tt;
    if (sl_parse_iso8601(t, &tt))
        return t;
    char out[64];
    bool ok = find_date(t, 200, out, sizeof out);
    free(t);
    return ok ? sl_xstrdup(out) : NULL;
}

/* ---- elements ------------------------------------------------------------ */

/* Strings sl_hmeta_element made, freed at its end. */
typedef struct made {
    char *p[8];
    int n;
} made;

static char *keep(made *o, char *s)
{
    if (s) {
        assert(o->n < (int)(sizeof o->p / sizeof *o->p));
        o->p[o->n++] = s;
    }
    return s;
}

/* Value of attribute name of n (xmlGetProp's answer): borrowed from the
 * tree when it is one text node, as nearly always (no copy per look-up),
 * else libxml2's copy, kept in o. An attribute not on an element of an
 * HTML document is absent (no namespaces, no attribute defaults). */
static const char *prop(xmlNode *n, const char *name, made *o)
{
    bool html = n->doc && n->doc->type == XML_HTML_DOCUMENT_NODE;
    for (xmlAttr *a = n->properties; a && html; a = a->next) {
        if (a->ns || strcmp((const char *)a->name, name))
            continue;
        xmlNode *c = a->children;
        if (!c)
            return "";
        if (!c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            return (const char *)c->content;
        return keep(o, (char *)xmlGetProp(n, (const xmlChar *)name));
    }
    return html ? NULL : keep(o, (char *)xmlGetProp(n, (const xmlChar *)name));
}

static bool eq(const char *a, const char *b)
{
    return a && !strcasecmp(a, b);
}

static void offer_date(sl_hmeta *m, const char *v, int prio)
{
    if (prio >= m->prio[HM_PUBLISHED])
        return;
    char *d = sl_hmeta_date(v);
    sl_hmeta_offer(m, HM_PUBLISHED, d, prio);
    free(d);
}

static void on_meta(sl_hmeta *m, const char *key, const char *c)
{
    static const char *date_keys[] = {
        "og:published_time", "published_time", "article.published", "datepublished",
        "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date",
        "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "article:published", "citation_publication_date",
        "article.created", "created", NULL};
    static const char *author_keys[] = {"byl", "dc.creator", "parsely-author", "sailthru.author",
                                        "twitter:creator", "citation_author", NULL};
    if (eq(key, "og:title"))
        sl_hmeta_offer(m, HM_TITLE, c, 10);
    else if (eq(key, "twitter:title"))
        sl_hmeta_offer(m, HM_TITLE, c, 25);
    else if (eq(key, "og:site_name"))
        sl_hmeta_offer(m, HM_SITE, c, 10);
    else if (eq(key, "application-name"))
        sl_hmeta_offer(m, HM_SITE, c, 30);
    else if (eq(key, "og:url"))
        sl_hmeta_offer(m, HM_URL, c, 20);
    else if (eq(key, "article:published_time"))
        offer_date(m, c, 10);
    else if (eq(key, "author"))
        sl_hmeta_offer(m, HM_AUTHOR, c, 10);
    else if (eq(key, "article:author") && !strstr(c, "://"))
        sl_hmeta_offer(m, HM_AUTHOR, c, 15);
    else if (eq(key, "content-language"))
        sl_hmeta_offer(m, HM_LANG, c, 20);
    else if (eq(key, "og:locale"))
        sl_hmeta_offer(m, HM_LANG, c, 30);
    else {
        for (int i = 0; date_keys[i]; i++)
            if (eq(key, date_keys[i])) {
                offer_date(m, c, 30);
                return;
            }
        for (int i = 0; author_keys[i]; i++)
            if (eq(key, author_keys[i]) && c[0] != '@' && !strstr(c, "://")) {
                sl_hmeta_offer(m, HM_AUTHOR, c, 25);
                return;
            }
    }
}

/* Appends the text under n to b, a space at the edges of block elements
 * and at <br> (the parser keeps no whitespace between blocks, so
 * "<div>A</div> <div>B</div>" would read "AB"); stops past max bytes.
 * Block here is libxml2's: not inline, or unknown to it (HTML5's section,
 * article, nav...), which covers every element around which html.c's
 * parser drops whitespace. */
static void gather_text(const xmlNode *n, sl_buf *b, size_t max, int depth)
{
    for (const xmlNode *c = n->children; c && b->len <= max; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                sl_buf_puts(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && depth < 64) {
            const htmlElemDesc *e = htmlTagLookup(c->name);
            int block = !e || !e->isinline || !strcmp((const char *)c->name, "br");
            if (block)
                sl_buf_putc(b, ' ');
            gather_text(c, b, max, depth + 1);
            if (block)
                sl_buf_putc(b, ' ');
        }
    }
}

char *sl_hmeta_text(const xmlNode *n, size_t max)
{
    sl_buf b = {0};
    gather_text(n, &b, max, 0);
    char *t = b.len <= max ? (char *)xmlStrndup((const xmlChar *)(b.data ? b.data : ""), (int)b.len)
                           : NULL;
    sl_buf_free(&b);
    return t;
}

/* Text of a small element (authors, headings), or NULL when it is large. */
static char *small_text(xmlNode *n) { return sl_hmeta_text(n, 300); }

void sl_hmeta_element(sl_hmeta *m, xmlNode *n)
{
    const char *name = (const char *)n->name;
    const char *a = NULL, *b = NULL;
    made o = {{0}, 0};
    if (!strcmp(name, "meta")) {
        a = prop(n, "property", &o);
        if (!a)
            a = prop(n, "name", &o);
        if (!a)
            a = prop(n, "itemprop", &o);
        if (!a)
            a = prop(n, "http-equiv", &o);
        b = prop(n, "content", &o);
        if (a && b)
            on_meta(m, a, b);
    } else if (!strcmp(name, "link")) {
        a = prop(n, "rel", &o);
        if (eq(a, "canonical")) {
            b = prop(n, "href", &o);
            sl_hmeta_offer(m, HM_URL, b, 10);
        }
    } else if (!strcmp(name, "html")) {
        a = prop(n, "lang", &o);
        if (!a)
            a = prop(n, "xml:lang", &o);
        sl_hmeta_offer(m, HM_LANG, a, 10);
    } else if (!strcmp(name, "title")) {
        /* the head's; or one right under body, where libxml2 puts the
         * head's elements once text before <html> has opened the body
         * (a <title> deeper down is an SVG's or a tooltip's) */
        const char *up = n->parent && n->parent->name ? (const char *)n->parent->name : "";
        if (!m->title_tag && (!strcmp(up, "head") || !strcmp(up, "body"))) {
            a = keep(&o, small_text(n));
            if (a)
                m->title_tag = squeeze(a);
        }
    } else if (!strcmp(name, "time") && m->prio[HM_PUBLISHED] > 25) {
        a = prop(n, "datetime", &o);
        b = prop(n, "itemprop", &o);
        if (a)
            offer_date(m, a, eq(b, "datePublished") ? 25 : 40);
    } else {
        a = prop(n, "itemprop", &o);
        if (eq(a, "datePublished") && m->prio[HM_PUBLISHED] > 25) {
            b = prop(n, "content", &o);
            if (!b)
                b = prop(n, "datetime", &o);
            if (!b)
                b = keep(&o, small_text(n));
            offer_date(m, b, 25);
        } else if (eq(a, "author") && m->prio[HM_AUTHOR] > 30) {
            b = keep(&o, small_text(n));
            if (b && strlen(b) < 100)
                sl_hmeta_offer(m, HM_AUTHOR, b, 30);
        } else if (!strcmp(name, "a") && m->prio[HM_AUTHOR] > 40) {
            a = prop(n, "rel", &o);
            if (eq(a, "author")) {
                b = keep(&o, small_text(n));
                if (b && strlen(b) < 100)
                    sl_hmeta_offer(m, HM_AUTHOR, b, 40);
            }
        }
    }
    for (int i = 0; i < o.n; i++)
        xmlFree(o.p[i]);
}

/* ---- JSON-LD ------------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool type_has(const cJSON *o, const char *const *names)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    const cJSON *e;
    if (cJSON_IsString(t)) {
        for (int i = 0; names[i]; i++)
            if (strstr(t->valuestring, names[i]))
                return true;
    } else if (cJSON_IsArray(t)) {
        cJSON_ArrayForEach(e, t) if (cJSON_IsString(e)) for (int i = 0; names[i]; i++) if (
            strstr(e->valuestring, names[i])) return true;
    }
    return false;
}

/* Author names: a string, {"name"}, or an array of these, joined by ", ". */
static void authors(const cJSON *a, sl_buf *out, int depth)
{
    if (depth > 3 || !a)
        return;
    const char *s = cJSON_IsString(a) ? a->valuestring : cJSON_IsObject(a) ? jstr(a, "name") : NULL;
    if (s && s[0] && !strstr(s, "://")) {
        if (out->len)
            sl_buf_puts(out, ", ");
        sl_buf_puts(out, s);
    }
    if (cJSON_IsArray(a)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, a) authors(e, out, depth + 1);
    }
}

static void jsonld_obj(sl_hmeta *m, const cJSON *o, int depth)
{
    static const char *article[] = {"Article", "BlogPosting", "Posting", "Report", NULL};
    static const char *page[] = {"WebPage", NULL};
    static const char *site[] = {"WebSite", "Organization", "NewsMediaOrganization", NULL};
    if (depth > 6)
        return;
    if (cJSON_IsArray(o)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, o) jsonld_obj(m, e, depth + 1);
        return;
    }
    if (!cJSON_IsObject(o))
        return;
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "@graph");
    if (g)
        jsonld_obj(m, g, depth + 1);
    bool art = type_has(o, article), pg = !art && type_has(o, page);
    if (art || pg) {
        int bonus = art ? 0 : 8; /* a WebPage's fields are weaker */
        sl_hmeta_offer(m, HM_TITLE, jstr(o, "headline"), 20 + bonus);
        offer_date(m, jstr(o, "datePublished"), 20 + bonus);
        sl_buf b = {0};
        authors(cJSON_GetObjectItemCaseSensitive(o, "author"), &b, 0);
        if (b.len)
            sl_hmeta_offer(m, HM_AUTHOR, b.data, 20 + bonus);
        sl_buf_free(&b);
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "publisher");
        if (cJSON_IsObject(p))
            sl_hmeta_offer(m, HM_SITE, jstr(p, "name"), 20 + bonus);
        const cJSON *me = cJSON_GetObjectItemCaseSensitive(o, "mainEntity");
        if (me)
            jsonld_obj(m, me, depth + 1);
    } else if (type_has(o, site)) {
        sl_hmeta_offer(m, HM_SITE, jstr(o, "name"), 35);
    }
}

void sl_hmeta_jsonld(sl_hmeta *m, const char *json, size_t len)
{
    /* Pages often put raw newlines and tabs inside JSON strings, which
     * strict JSON forbids: turn control bytes into spaces first. */
    char *s = sl_xstrndup(json, len);
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    cJSON *root = cJSON_ParseWithLength(s, len);
    if (root)
        jsonld_obj(m, root, 0);
    cJSON_Delete(root);
    free(s);
}

/* ---- finishing ----------------------------------------------------------- */

static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " « ",
                                         " · ", " • ", " // ", NULL};

static int words(const char *s, size_t n)
{
    int w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Removes a site suffix or prefix from title t in place. With a known site
 * name only a matching part goes; `generic` also drops a short last part
 * (up to 4 words) after a separator when at least 3 words stay. */
static void strip_title(char *t, const char *site, bool generic)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t n = strlen(t);
        const char *best = NULL;
        size_t seplen = 0;
        for (int i = 0; title_seps[i]; i++) {
            const char *p = t, *q;
            while ((q = strstr(p, title_seps[i])) != NULL) {
                if (!best || q > best) {
                    best = q;
                    seplen = strlen(title_seps[i]);
                }
                p = q + 1;
            }
        }
        if (!best)
            return;
        const char *tail = best + seplen;
        size_t head_len = (size_t)(best - t);
        if (site && site[0] && (!strcasecmp(tail, site) || sl_strcasestr(tail, site))) {
            t[head_len] = 0;
            continue;
        }
        /* site name in front: "Site | Headline" */
        const char *first = NULL;
        size_t flen = 0;
        for (int i = 0; title_seps[i]; i++) {
            const char *q = strstr(t, title_seps[i]);
            if (q && (!first || q < first)) {
                first = q;
                flen = strlen(title_seps[i]);
            }
        }
        if (site && site[0] && first && (size_t)(first - t) == strlen(site) &&
            !strncasecmp(t, site, strlen(site))) {
            memmove(t, first + flen, strlen(first + flen) + 1);
            continue;
        }
        if (generic && words(tail, strlen(tail)) <= 4 && words(t, head_len) >= 3) {
            t[head_len] = 0;
            continue;
        }
        (void)n;
        return;
    }
}

void sl_hmeta_finish(sl_hmeta *m, sl_doc *d, const char *text)
{
    if (text && m->prio[HM_PUBLISHED] > 50) {
        char out[64];
        if (find_date(text, 600, out, sizeof out))
            sl_hmeta_offer(m, HM_PUBLISHED, out, 50);
    }
    const char *site = m->v[HM_SITE];
    if (m->v[HM_TITLE]) {
        strip_title(m->v[HM_TITLE], site, m->prio[HM_TITLE] >= 40);
        /* og:title may carry the same suffix as <title> */
        char *pipe = strstr(m->v[HM_TITLE], " | ");
        if (pipe && words(m->v[HM_TITLE], (size_t)(pipe - m->v[HM_TITLE])) >= 3 &&
            words(pipe + 3, strlen(pipe + 3)) <= 4)
            *pipe = 0;
    }
    if (!m->v[HM_TITLE] && m->title_tag) {
        strip_title(m->title_tag, site, true);
        sl_hmeta_offer(m, HM_TITLE, m->title_tag, 40);
    }
    if (m->v[HM_AUTHOR]) {
        char *a = m->v[HM_AUTHOR];
        if (!strncasecmp(a, "by ", 3))
            memmove(a, a + 3, strlen(a + 3) + 1);
    }
    if (m->v[HM_LANG]) {
        char *l = m->v[HM_LANG];
        l[strcspn(l, " ,;")] = 0;
    }
    char **dst[HM_NFIELDS] = {&d->title, &d->published, &d->site, &d->author, &d->url, &d->lang};
    for (int i = 0; i < HM_NFIELDS; i++)
        if (!*dst[i] && m->v[i]) {
            *dst[i] = m->v[i];
            m->v[i] = NULL;
        }
    int64_t t;
    if (d->published && d->pub_time == SL_TIME_UNKNOWN && sl_parse_iso8601(d->published, &t))
        d->pub_time = t;
}
