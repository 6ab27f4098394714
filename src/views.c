/*
 * views: what a reader sees of a story (see views.h). This file only
 * assembles the views the other modules compute: headline (here),
 * summary (summary.c), timeline (timeline.c), quotes (quotes.c) and
 * entities (entities.c), as JSON or as readable text.
 */
#include "views.h"
#include "sentence.h"
#include "summary.h"

#include <stdlib.h>
#include <string.h>

static void opts_len(const sl_view_opts *o, int *w, int *s)
{
    *w = o ? o->summary_words : 0;
    *s = o ? o->summary_sentences : 0;
}

char *sl_view_summary_text(const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    int w, s;
    opts_len(opts, &w, &s);
    sl_pick *p;
    size_t np = sl_summarize(docs, n, w, s, &p);
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (size_t i = 0; i < np; i++) {
        sl_buf_puts(&b, p[i].text);
        sl_buf_putc(&b, '\n');
    }
    sl_picks_free(p, np);
    return sl_buf_take(&b);
}

char *sl_view_headline(const sl_doc *const *docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (docs[i]->title)
            return sl_xstrdup(docs[i]->title);
    return sl_xstrdup(n ? docs[0]->id : "");
}

void sl_view_json(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    int w, s;
    opts_len(opts, &w, &s);
    sl_pick *p;
    size_t np = sl_summarize(docs, n, w, s, &p);
    sl_buf_puts(out, ",\"summary\":[");
    for (size_t i = 0; i < np; i++) {
        sl_buf_puts(out, i ? ",{\"text\":" : "{\"text\":");
        sl_buf_json_str(out, p[i].text);
        sl_buf_puts(out, ",\"article\":");
        sl_buf_json_str(out, docs[p[i].doc]->id);
        sl_buf_puts(out, "}");
    }
    sl_picks_free(p, np);
    sl_buf_puts(out, "],\"timeline\":[],\"quotes\":[],\"entities\":[]");
}

void sl_view_text(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    char *s = sl_view_summary_text(docs, n, opts);
    sl_buf_printf(out, "Summary:\n%s\n", s);
    free(s);
}
