/*
 * fuzz_json: JSON API bodies (one object with "id", "text" and optional
 * metadata) through sl_doc_from_json, then extraction of the doc it
 * gives. Checks: a failure comes with a message; on success the id is
 * set, the raw text is NUL-terminated at raw_len, and the extracted doc
 * keeps the doc contract. Dictionary: fuzz_json.dict.
 */
#include "extract.h"
#include "fuzz_common.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *d = sl_doc_new();
    d->source = sl_xstrdup("http");
    char *err = NULL;
    int rc = sl_doc_from_json(d, (const char *)data, size, &err);
    if (rc != 0) {
        if (!err || !err[0])
            fuzz_fail("doc_from_json failed without a message");
        fuzz_check_utf8(err, "doc_from_json message is not valid UTF-8");
        free(err);
        sl_doc_free(d);
        return 0;
    }
    if (!d->id || !d->raw || d->raw[d->raw_len] != 0)
        fuzz_fail("doc_from_json succeeded without id or raw text");
    fuzz_check_utf8(d->id, "JSON id is not valid UTF-8");
    d->format = SL_FMT_AUTO;
    if (sl_extract(d, &err) == 0)
        fuzz_check_doc(d);
    free(err);
    sl_doc_free(d);
    return 0;
}
