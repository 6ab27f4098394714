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
