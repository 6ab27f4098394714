/*
 * fuzz_text: plain-text cleaning. The input is repaired to UTF-8 as
 * sl_extract does, then cleaned by sl_text_clean directly (no format
 * detection in the way); the first byte chooses whether a title is given
 * beforehand. Checks: the title and text that come back are valid UTF-8.
 */
#include "fuzz_common.h"
#include "textclean.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int have_title = data[0] & 1;
    data++;
    size--;
    size_t n;
    char *text = sl_utf8_repair((const char *)data, size, &n, NULL);
    sl_doc *d = sl_doc_new();
    if (have_title)
        d->title = sl_xstrdup("given title");
    char *err = NULL;
    int rc = sl_text_clean(d, text, n, &err);
    if (rc == 0) {
        fuzz_check_utf8(d->title, "text_clean title is not valid UTF-8");
        fuzz_check_utf8(d->text, "text_clean text is not valid UTF-8");
    } else if (!err) {
        fuzz_fail("text_clean failed without a message");
    }
    free(err);
    free(text);
    sl_doc_free(d);
    return 0;
}
