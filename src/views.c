/*
 * views: first version. Headline = first article's title; summary = lead
 * paragraphs; the other views are empty.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>

char *sl_view_headline(const sl_doc *const *docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (docs[i]->title)
            return sl_xstrdup(docs[i]->title);
    return sl_xstrdup(n ? docs[0]->id : "");
}

void sl_view_json(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    (void)opts;
    sl_buf_puts(out, ",\"summary\":[");
    if (n && docs[0]->text) {
        size_t k = strcspn(docs[0]->text, "\n");
        sl_buf_puts(out, "{\"text\":");
        sl_buf_json_strn(out, docs[0]->text, k);
        sl_buf_puts(out, ",\"article\":");
        sl_buf_json_str(out, docs[0]->id);
        sl_buf_puts(out, "}");
    }
    sl_buf_puts(out, "],\"timeline\":[],\"quotes\":[],\"entities\":[]");
}

void sl_view_text(sl_buf *out, const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    char *s = sl_view_summary_text(docs, n, opts);
    sl_buf_printf(out, "Summary:\n%s\n", s);
    free(s);
}

char *sl_view_summary_text(const sl_doc *const *docs, size_t n, const sl_view_opts *opts)
{
    (void)opts;
    if (!n || !docs[0]->text)
        return sl_xstrdup("");
    return sl_xstrndup(docs[0]->text, strcspn(docs[0]->text, "\n"));
}
