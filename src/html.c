/*
 * html: first version. Parses with libxml2's HTML parser, takes metadata
 * from <meta>/<title> and the text of <p> elements as the body.
 */
#include "html.h"
#include "storyline.h"
#include "util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void meta(sl_doc *d, xmlNode *n)
{
    xmlChar *prop = xmlGetProp(n, (const xmlChar *)"property");
    if (!prop)
        prop = xmlGetProp(n, (const xmlChar *)"name");
    xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
    if (prop && content) {
        const char *p = (const char *)prop, *c = (const char *)content;
        if (!strcasecmp(p, "og:title") && !d->title)
            d->title = sl_xstrdup(c);
        else if (!strcasecmp(p, "og:site_name") && !d->site)
            d->site = sl_xstrdup(c);
        else if (!strcasecmp(p, "og:url") && !d->url)
            d->url = sl_xstrdup(c);
        else if (!strcasecmp(p, "article:published_time") && !d->published)
            d->published = sl_xstrdup(c);
        else if (!strcasecmp(p, "author") && !d->author)
            d->author = sl_xstrdup(c);
    }
    xmlFree(prop);
    xmlFree(content);
}

static void walk(sl_doc *d, xmlNode *n, sl_buf *out)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcasecmp(name, "script") || !strcasecmp(name, "style"))
            continue;
        if (!strcasecmp(name, "meta")) {
            meta(d, n);
            continue;
        }
        if (!strcasecmp(name, "p")) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t) {
                char *s = sl_xstrdup((const char *)t);
                for (char *q = s; *q; q++)
                    if (*q == '\n' || *q == '\t' || *q == '\r')
                        *q = ' ';
                sl_strtrim(s);
                if (s[0]) {
                    if (out->len)
                        sl_buf_puts(out, "\n\n");
                    sl_buf_puts(out, s);
                }
                free(s);
                xmlFree(t);
            }
            continue;
        }
        if (!strcasecmp(name, "title") && !d->title) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t) {
                d->title = sl_strtrim(sl_xstrdup((const char *)t));
                xmlFree(t);
            }
            continue;
        }
        walk(d, n->children, out);
    }
}

int sl_html_extract(sl_doc *d, const char *html, size_t len, char **err)
{
    if (len > (size_t)INT32_MAX) {
        *err = sl_xstrdup("page too large");
        return SL_ETOOBIG;
    }
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, NULL,
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_RECOVER);
    if (!doc) {
        *err = sl_xstrdup("cannot parse HTML");
        return SL_EFORMAT;
    }
    sl_buf out = {0};
    walk(d, xmlDocGetRootElement(doc), &out);
    xmlFreeDoc(doc);
    free(d->text);
    d->text = sl_buf_take(&out);
    if (!d->text[0]) {
        *err = sl_xstrdup("page has no article text");
        return SL_EEMPTY;
    }
    return SL_OK;
}
