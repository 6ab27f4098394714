/*
 * docs: building the article records that view and cluster tests feed to
 * the library. Include after harness.h.
 */
#ifndef SL_TEST_DOCS_H
#define SL_TEST_DOCS_H

#include "doc.h"
#include "util.h"

/* An English article with the given id, title (may be NULL), publication
 * time (ISO 8601, or NULL for unknown) and cleaned text. Free it with
 * sl_doc_free. */
static inline sl_doc *test_doc(const char *id, const char *title, const char *pub,
                               const char *text)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->title = sl_xstrdup(title);
    d->text = sl_xstrdup(text);
    d->lang = sl_xstrdup("en");
    d->pub_time = SL_TIME_UNKNOWN;
    if (pub)
        assert_true(sl_parse_iso8601(pub, &d->pub_time));
    return d;
}

#endif
