/*
 * views: what a reader sees of a story (see views.h). This file only
 * assembles the views the other modules compute: headline (here),
 * summary (summary.c), timeline (timeline.c), quotes (quotes.c) and
 * entities (entities.c), as JSON or as readable text.
 */
#include "views.h"
#include "sentence.h"
#include "summary.h"
#include "entities.h"

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

enum { MAX_ENTITIES = 20 };

/* One mention of an unknown name is more often noise (a photo credit, a
 * broken line) than an entity worth listing. */
static int entity_shown(const sl_entity *x)
{
    return x->count >= 2 || x->type == SL_ENT_PLACE;
}

static void entities_json(sl_buf *out, const sl_entities *E)
{
    sl_buf_puts(out, ",\"entities\":[");
    size_t k = sl_entities_count(E), shown = 0;
    for (size_t i = 0; i < k && shown < MAX_ENTITIES; i++) {
        const sl_entity *x = sl_entities_at(E, i);
        if (!entity_shown(x))
            continue;
        sl_buf_puts(out, shown++ ? ",{\"name\":" : "{\"name\":");
        sl_buf_json_str(out, x->name);
        sl_buf_printf(out, ",\"type\":\"%s\",\"count\":%d,\"articles\":%d,\"salience\":%.3f}",
                      sl_entity_type_name(x->type), x->count, x->docs, x->salience);
    }
    sl_buf_puts(out, "]");
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
    sl_buf_puts(out, "],\"timeline\":[],\"quotes\":[]");
    sl_entities *E = sl_entities_build(docs, n);
    entities_json(out, E);
    sl_entities_free(E);
}

void sl_view_text(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    char *s = sl_view_summary_text(docs, n, opts);
    sl_buf_printf(out, "Summary:\n%s\n", s);
    free(s);
}
