/*
 * fuzz_html: HTML extraction. The input bytes go as they are (any charset,
 * broken markup) first to sl_html_extract, then through sl_extract as an
 * HTML doc, whose result must satisfy the doc contract (valid UTF-8).
 * Dictionary: fuzz_html.dict.
 */
#include "extract.h"
#include "fuzz_common.h"
#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    int rc = sl_html_extract(d, (const char *)data, size, &err);
    if (rc != 0 && !err)
        fuzz_fail("html_extract failed without a message");
    free(err);
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
