/*
 * textclean: raw scraped text to title + paragraphs.
 * First version: the first short line without final punctuation is the
 * title; paragraphs are blank-line separated, hard wraps joined.
 */
#include "textclean.h"
#include "storyline.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int sl_text_clean(sl_doc *d, const char *text, size_t len, char **err)
{
    sl_buf out = {0}, para = {0};
    const char *p = text, *end = text + len;
    int have_title = d->title != NULL;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = sl_xstrndup(p, n);
        sl_strtrim(line);
        if (!line[0]) {
            if (para.len) {
                if (!have_title && para.len < 200) {
                    d->title = sl_xstrdup(para.data);
                    have_title = 1;
                } else {
                    if (out.len)
                        sl_buf_puts(&out, "\n\n");
                    sl_buf_append(&out, para.data, para.len);
                }
                sl_buf_reset(&para);
            }
        } else {
            if (para.len)
                sl_buf_putc(&para, ' ');
            sl_buf_puts(&para, line);
        }
        free(line);
        p = nl ? nl + 1 : end;
    }
    if (para.len) {
        if (out.len)
            sl_buf_puts(&out, "\n\n");
        sl_buf_append(&out, para.data, para.len);
    }
    sl_buf_free(&para);
    free(d->text);
    d->text = sl_buf_take(&out);
    if (!d->text[0]) {
        *err = sl_xstrdup("no article text");
        return SL_EEMPTY;
    }
    return SL_OK;
}
