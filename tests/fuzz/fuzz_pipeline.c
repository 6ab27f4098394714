/*
 * fuzz_pipeline: the whole ingest pipeline on one input. The first byte
 * picks the mode: 0 auto-detected article through the engine (reader,
 * extraction, clustering, views), 1 plain-text cleaning, 2 HTML extraction,
 * 3 SGML, 4 JSON Lines through the reader, 5 a JSON API body.
 */
#include "extract.h"
#include "reader.h"
#include "storyline.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int on_doc(void *ud, sl_doc *d)
{
    (void)ud;
    char *err = NULL;
    sl_extract(d, &err);
    free(err);
    sl_doc_free(d);
    return 0;
}

static void on_reject(void *ud, const char *source, const char *msg)
{
    (void)ud;
    (void)source;
    (void)msg;
}

static void extract_as(sl_format f, const uint8_t *data, size_t size)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup("fuzz");
    d->format = f;
    d->raw = sl_xstrndup((const char *)data, size);
    d->raw_len = size;
    on_doc(NULL, d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0] % 6;
    data++;
    size--;
    if (mode == 0 || mode == 5) {
        sl_engine *e;
        if (sl_engine_open(NULL, NULL, &e) == SL_OK) {
            sl_meta m = {0};
            m.format = mode == 5 ? SL_FMT_JSON : 0;
            sl_add_article(e, "a", data, size, &m, NULL);
            sl_add_article(e, "b", data, size / 2, &m, NULL);
            sl_cluster(e);
            for (size_t i = 0; i < sl_story_count(e); i++) {
                char *j = sl_story_json(e, sl_story_at(e, i));
                sl_free(j);
            }
        }
        sl_engine_close(e);
    } else if (mode == 4) {
        sl_reader r = {4096, on_doc, on_reject, NULL};
        sl_read_bytes(&r, "fuzz.jsonl", (const char *)data, size, SL_FMT_JSONL);
    } else {
        sl_format f[] = {SL_FMT_TEXT, SL_FMT_TEXT, SL_FMT_HTML, SL_FMT_SGML};
        extract_as(f[mode], data, size);
    }
    return 0;
}
