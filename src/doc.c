/* doc: lifetime of the pipeline's article record (see doc.h). */
#include "doc.h"
#include "util.h"

#include <stdlib.h>

sl_doc *sl_doc_new(void)
{
    sl_doc *d = sl_xcalloc(1, sizeof *d);
    d->pub_time = SL_TIME_UNKNOWN;
    return d;
}

void sl_doc_set(char **field, const char *value)
{
    free(*field);
    *field = sl_xstrdup(value);
}

void sl_doc_free(sl_doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->source);
    free(d->raw);
    free(d->title);
    free(d->published);
    free(d->site);
    free(d->author);
    free(d->url);
    free(d->lang);
    free(d->text);
    free(d);
}

void sl_doc_json(sl_buf *out, const sl_doc *d)
{
    struct { const char *k, *v; } f[] = {
        {"id", d->id},         {"title", d->title}, {"published", d->published},
        {"site", d->site},     {"author", d->author}, {"url", d->url},
        {"lang", d->lang},     {"text", d->text}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        sl_buf_puts(out, i ? ",\"" : "{\"");
        sl_buf_puts(out, f[i].k);
        sl_buf_puts(out, "\":");
        sl_buf_json_str(out, f[i].v);
    }
    sl_buf_putc(out, '}');
}
