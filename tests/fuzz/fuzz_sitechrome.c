/*
 * fuzz_sitechrome: a site's repeated lines cut from its articles. The
 * input is split at NUL bytes into up to 64 articles, repaired to UTF-8;
 * byte 0 of each picks its site (one of four, or none) and its id (one of
 * eight, so ids repeat); they go through one table in order. Checks: the
 * text that comes back is valid UTF-8, no longer than before, by the
 * count returned; its lines are lines of the text given, in their order
 * (the last may be the start of one, its glued end cut);
 * no three newlines in a row are made; an article without a site is left
 * alone. After the eighth article the table is saved and loaded into a
 * second one, which must cut the later articles exactly as the first
 * does; and the input itself is loaded as a saved table, which must be
 * refused or give a table that works.
 */
#include "fuzz_common.h"
#include "sitechrome.h"
#include "storyline.h"

#include <string.h>

/* Is every line of out (past runs of newlines) a line of in, in order (the
 * last one may be the start of a line: a glued end cut off it)? */
static int lines_in_order(const char *in, const char *out)
{
    const char *p = in;
    for (const char *o = out; *o;) {
        const char *oe = strchr(o, '\n');
        size_t on = oe ? (size_t)(oe - o) : strlen(o);
        if (on) {
            for (;;) { /* the next line of in equal to it */
                const char *pe = strchr(p, '\n');
                size_t pn = pe ? (size_t)(pe - p) : strlen(p);
                if ((pn == on || (!oe && pn > on)) && !memcmp(p, o, on)) {
                    p = pe ? pe + 1 : p + pn;
                    break;
                }
                if (!pe)
                    return 0;
                p = pe + 1;
            }
        }
        o = oe ? oe + 1 : o + on;
    }
    return 1;
}

/* d with the same id, site and text. */
static sl_doc *copy(const sl_doc *d)
{
    sl_doc *c = sl_doc_new();
    c->id = sl_xstrdup(d->id);
    c->site = d->site ? sl_xstrdup(d->site) : NULL;
    c->text = sl_xstrdup(d->text);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sites[] = {"a", "b", "c", "site d", NULL};
    /* the input as a saved table: refused, or a table that works */
    sl_chrome *w = sl_chrome_new();
    if (sl_chrome_load(w, data, size) == SL_OK) {
        sl_doc *d = sl_doc_new();
        d->id = sl_xstrdup("x");
        d->site = sl_xstrdup("a");
        d->text = sl_xstrdup("one line of text here\nand another line of text");
        sl_chrome_cut(w, d);
        fuzz_check_utf8(d->text, "sitechrome text is not valid UTF-8 after a load");
        sl_doc_free(d);
    } else if (sl_chrome_dirty(w)) {
        fuzz_fail("sitechrome: a refused load left a changed table");
    }
    sl_chrome_free(w);

    sl_chrome *t = sl_chrome_new(), *u = NULL;
    size_t i = 0;
    for (int k = 0; k < 64 && i < size; k++) {
        if (k == 8) { /* the next process */
            sl_buf b = {0};
            sl_chrome_saved(t, sl_chrome_save(t, &b));
            u = sl_chrome_new();
            if (sl_chrome_load(u, b.data, b.len) != SL_OK)
                fuzz_fail("sitechrome refused a table it saved");
            sl_buf_free(&b);
        }
        const uint8_t *e = memchr(data + i, 0, size - i);
        size_t len = e ? (size_t)(e - (data + i)) : size - i;
        if (len) {
            unsigned sel = data[i];
            size_t n;
            char *text = sl_utf8_repair((const char *)data + i + 1, len - 1, &n, NULL);
            sl_doc *d = sl_doc_new();
            d->id = sl_xasprintf("id%u", (sel >> 4) & 7);
            const char *site = sites[sel % 5];
            d->site = site ? sl_xstrdup(site) : NULL;
            d->text = sl_xstrdup(text);
            sl_doc *d2 = u ? copy(d) : NULL;
            size_t cut = sl_chrome_cut(t, d);
            size_t out = strlen(d->text);
            fuzz_check_utf8(d->text, "sitechrome text is not valid UTF-8");
            if (out > n || n - out != cut)
                fuzz_fail("sitechrome: the count cut is not the bytes gone");
            if (!site && cut)
                fuzz_fail("sitechrome cut an article without a site");
            if (cut && !lines_in_order(text, d->text))
                fuzz_fail("sitechrome made a line the article did not have");
            if (cut && strstr(d->text, "\n\n\n") && !strstr(text, "\n\n\n"))
                fuzz_fail("sitechrome left three newlines in a row");
            if (d2) {
                size_t cut2 = sl_chrome_cut(u, d2);
                if (cut2 != cut || strcmp(d->text, d2->text))
                    fuzz_fail("sitechrome: a loaded table cut otherwise than the one saved");
                sl_doc_free(d2);
            }
            sl_doc_free(d);
            free(text);
        }
        i += len + 1;
    }
    sl_chrome_free(t);
    sl_chrome_free(u);
    return 0;
}
