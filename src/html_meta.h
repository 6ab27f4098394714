/*
 * html_meta: page metadata for the HTML reader (title, publication time,
 * site, author, canonical URL, language).
 *
 * Every source a page may use is offered to a collector while the tree is
 * walked once; each offer carries a priority and the best one per field
 * wins (e.g. og:title before JSON-LD headline before <h1> before <title>).
 * sl_hmeta_finish then cleans the winners (site suffix off the title,
 * dates normalised to ISO 8601, "By" off bylines) and copies them into the
 * doc's NULL fields.
 */
#ifndef SL_HTML_META_H
#define SL_HTML_META_H

#include "doc.h"

#include <libxml/tree.h>

typedef enum sl_hmeta_field {
    HM_TITLE, HM_PUBLISHED, HM_SITE, HM_AUTHOR, HM_URL, HM_LANG, HM_NFIELDS
} sl_hmeta_field;

/* Best value so far for each field; prio smaller is better. */
typedef struct sl_hmeta {
    char *v[HM_NFIELDS];
    int prio[HM_NFIELDS];
    char *title_tag; /* <title>, kept apart for suffix stripping */
} sl_hmeta;

void sl_hmeta_init(sl_hmeta *m);
void sl_hmeta_free(sl_hmeta *m);
/* Offers value (copied; NULL or blank ignored) for field at priority. */
void sl_hmeta_offer(sl_hmeta *m, sl_hmeta_field f, const char *value, int prio);
/* Looks at one element of the page: <meta>, <link>, <html>, <time>,
 * elements with itemprop or rel=author. */
void sl_hmeta_element(sl_hmeta *m, xmlNode *n);
/* The text under n (xmlFree it), with a space where a block element or
 * <br> starts or ends, or NULL when it is longer than max bytes. */
char *sl_hmeta_text(const xmlNode *n, size_t max);
/* Parses a JSON-LD script body and offers what it holds. */
void sl_hmeta_jsonld(sl_hmeta *m, const char *json, size_t len);
/* Cleans the collected values and fills d's NULL fields; text (the body,
 * may be NULL) is searched for a date when the page declares none. */
void sl_hmeta_finish(sl_hmeta *m, sl_doc *d, const char *text);

/* Normalises a date-time string to ISO 8601 ("2020-12-15T10:00:00+03:00"
 * kept as is when it parses; "Dec 15, 2020", "15.12.2020", RFC 822 and
 * similar become "2020-12-15..."). Returns a new string (caller frees) or
 * NULL when s holds no date (always when s has no ASCII digit: every
 * form has a year or a day in digits). */
char *sl_hmeta_date(const char *s);

#endif
