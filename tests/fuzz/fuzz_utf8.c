/*
 * fuzz_utf8: UTF-8 repair, JSON string escaping and the tokenizer with
 * stemming. Checks:
 *  - sl_utf8_repair returns valid UTF-8 without NUL, of the length it
 *    reports; repairing it again changes nothing;
 *  - valid input comes back unchanged;
 *  - sl_buf_json_str of the repaired text is a JSON string that cJSON
 *    reads back as the same text;
 *  - sl_tokenize reports tokens inside the text, in order, not
 *    overlapping, non-empty; the lower-cased token is valid UTF-8; sl_stem
 *    (language from the first byte) stays within its buffer.
 */
#include "fuzz_common.h"
#include "tokenize.h"

#include <cJSON.h>

typedef struct ctx {
    size_t len, last_end;
    const char *lang;
} ctx;

static int on_token(void *ud, const char *tok, size_t ntok, size_t start, size_t end,
                    int flags)
{
    ctx *c = ud;
    (void)flags;
    if (start >= end || end > c->len || start < c->last_end)
        fuzz_fail("token offsets outside the text or out of order");
    if (ntok == 0)
        fuzz_fail("empty token");
    fuzz_check_utf8n(tok, ntok, "token is not valid UTF-8");
    c->last_end = end;
    char stem[64];
    memset(stem, 0x55, sizeof stem);
    size_t n = sl_stem(c->lang, tok, ntok, stem, 32);
    if (n >= 32 || stem[n] != 0 || stem[32] != 0x55)
        fuzz_fail("sl_stem wrote outside its buffer");
    sl_stopword(tok, ntok);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *langs[] = {NULL, "en", "ru", "de", "xx"};
    const char *lang = langs[data[0] % 5];
    data++;
    size--;
    size_t n, bad;
    char *r = sl_utf8_repair((const char *)data, size, &n, &bad);
    if (strlen(r) != n)
        fuzz_fail("repair length wrong or NUL kept");
    fuzz_check_utf8n(r, n, "repair output is not valid UTF-8");
    if (bad == 0 && (n != size || memcmp(r, data, size)))
        fuzz_fail("valid input changed by repair");
    size_t n2, bad2;
    char *r2 = sl_utf8_repair(r, n, &n2, &bad2);
    if (bad2 || n2 != n || memcmp(r, r2, n))
        fuzz_fail("repair is not idempotent");
    free(r2);

    sl_buf b = {0};
    sl_buf_json_str(&b, r);
    cJSON *j = cJSON_ParseWithLength(b.data, b.len);
    if (!cJSON_IsString(j) || strcmp(j->valuestring, r))
        fuzz_fail("JSON escaping does not read back");
    cJSON_Delete(j);
    sl_buf_free(&b);

    ctx c = {n, 0, lang};
    sl_tokenize(r, n, on_token, &c);
    free(r);
    return 0;
}
