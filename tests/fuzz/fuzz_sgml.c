/*
 * fuzz_sgml: TREC/DUC SGML. sl_sgml_each splits the input into <DOC>
 * elements; each element must lie inside the input and start on a line
 * within it, and is extracted by sl_sgml_extract (after UTF-8 repair, as
 * sl_extract does). Checks: the doc fields are valid UTF-8.
 */
#include "fuzz_common.h"
#include "sgml.h"

typedef struct ctx {
    const char *base;
    size_t len;
    size_t lines;
} ctx;

static int one(void *ud, const char *doc, size_t len, size_t line)
{
    ctx *c = ud;
    if (doc < c->base || doc + len > c->base + c->len)
        fuzz_fail("sgml_each element outside the input");
    if (line < 1 || line > c->lines)
        fuzz_fail("sgml_each line number outside the input");
    size_t n;
    char *text = sl_utf8_repair(doc, len, &n, NULL);
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    if (sl_sgml_extract(d, text, n, &err) == 0) {
        fuzz_check_utf8(d->id, "sgml id is not valid UTF-8");
        fuzz_check_utf8(d->title, "sgml title is not valid UTF-8");
        fuzz_check_utf8(d->text, "sgml text is not valid UTF-8");
    }
    free(err);
    free(text);
    sl_doc_free(d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ctx c = {(const char *)data, size, 1};
    for (size_t i = 0; i < size; i++)
        c.lines += data[i] == '\n';
    sl_sgml_each((const char *)data, size, one, &c);
    return 0;
}
