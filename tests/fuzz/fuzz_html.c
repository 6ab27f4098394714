/*
 * fuzz_html: HTML extraction. The input bytes go as they are (any charset,
 * broken markup) first to sl_html_extract, then through sl_extract as an
 * HTML doc, whose result must satisfy the doc contract (valid UTF-8).
 * The first extraction is made again without the marks of html_runs.h,
 * and must come out the same. Dictionary: fuzz_html.dict.
 */
#include "extract.h"
#include "fuzz_common.h"
#include "html.h"

#include <string.h>

static void same(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
        fuzz_fail(what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    int rc = sl_html_extract(d, (const char *)data, size, &err);
    if (rc != 0 && !err)
        fuzz_fail("html_extract failed without a message");
    free(err);
    sl_doc *u = sl_doc_new();
    err = NULL;
    sl_html_set_marks(false);
    int urc = sl_html_extract(u, (const char *)data, size, &err);
    sl_html_set_marks(true);
    free(err);
    if (urc != rc)
        fuzz_fail("marks changed the verdict");
    same(d->text, u->text, "marks changed the text");
    same(d->title, u->title, "marks changed the title");
    same(d->published, u->published, "marks changed the date");
    same(d->author, u->author, "marks changed the author");
    same(d->site, u->site, "marks changed the site");
    same(d->url, u->url, "marks changed the url");
    sl_doc_free(u);
    sl_doc_free(d);

    d = sl_doc_new();
    d->id = sl_xstrdup("fuzz");
    d->format = SL_FMT_HTML;
    d->raw = fuzz_cstr(data, size);
    d->raw_len = size;
    err = NULL;
    if (sl_extract(d, &err) == 0)
        fuzz_check_doc(d);
    free(err);
    sl_doc_free(d);
    return 0;
}
