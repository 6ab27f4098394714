/*
 * search_snippet: FTS5's snippet() from a row's text and its phrase
 * instances (see search_snippet.h).
 *
 * How FTS5 picks the snippet (and so how this does): for every instance
 * in a column, a window of ntok tokens around it scores 1000 for each
 * distinct phrase in it and 1 for each repeat, and the window is centred
 * on the instances it holds (kept inside the column); a window starting
 * at the beginning of the instance's sentence (the column's first token,
 * or a token after '.' or ':' and white space) scores the same plus 100
 * (120 for the column's start) when the column is longer than ntok. The
 * first best window wins, ties to the earlier; the column's text from
 * its first token to its last is output with overlapping instances
 * merged into one marked run, the ellipsis before a window that does
 * not start the column and after one that does not end it.
 */
#include "search_snippet.h"
#include "fts_tokenizer.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct span {
    int start, end; /* bytes of the token */
} span;

typedef struct column {
    const char *text;
    span *tok;
    int ntok, cap;
    int *first; /* tokens that begin a sentence */
    int nfirst;
} column;

typedef struct run {
    int start, end; /* tokens of merged instances, end included */
} run;

static int on_token(void *ctx, const char *t, int len, int start, int end)
{
    (void)t;
    (void)len;
    column *c = ctx;
    if (c->ntok == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->tok = sl_xrealloc(c->tok, (size_t)c->cap * sizeof *c->tok);
    }
    c->tok[c->ntok++] = (span){start, end};
    return 0;
}

static int blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static void split(column *c, const char *text)
{
    c->text = text;
    if (text)
        sl_fts_tokens(text, strlen(text), c, on_token);
    c->first = sl_xmalloc(((size_t)c->ntok + 1) * sizeof *c->first);
    for (int i = 0; i < c->ntok; i++) {
        int j = c->tok[i].start - 1;
        while (j >= 0 && blank(text[j]))
            j--;
        if (i == 0 || (j >= 0 && j != c->tok[i].start - 1 && (text[j] == '.' || text[j] == ':')))
            c->first[c->nfirst++] = i;
    }
}

typedef struct hit {
    const sl_snip_inst *inst;
    int ninst;
    const int *size; /* of each phrase */
    int nphrase;
    unsigned char *seen;
} hit;

/* The score of the window [from, from + ntok) of column col; *adj (if
 * given) the window's start centred on the instances in it. */
static int window(const hit *h, int col, int from, int ntok, int ndoc, int *adj)
{
    memset(h->seen, 0, (size_t)h->nphrase);
    long long to = (long long)from + ntok;
    int score = 0, lo = -1, hi = 0;
    for (int i = 0; i < h->ninst; i++) {
        const sl_snip_inst *x = &h->inst[i];
        if (x->col != col || x->off < from || x->off >= to)
            continue;
        score += h->seen[x->phrase] ? 1 : 1000;
        h->seen[x->phrase] = 1;
        if (lo < 0)
            lo = x->off;
        hi = x->off + h->size[x->phrase];
    }
    if (adj) {
        long long a = lo - (ntok - (hi - lo)) / 2;
        if (a + ntok > ndoc)
            a = ndoc - ntok;
        *adj = a < 0 ? 0 : (int)a;
    }
    return score;
}

/* The merged instance runs of column col, in order. */
static run *runs_of(const hit *h, int col, int *n)
{
    run *r = sl_xmalloc(((size_t)h->ninst + 1) * sizeof *r);
    int k = 0;
    for (int i = 0; i < h->ninst; i++) {
        const sl_snip_inst *x = &h->inst[i];
        if (x->col != col)
            continue;
        int end = x->off - 1 + h->size[x->phrase];
        if (k && x->off <= r[k - 1].end) {
            if (end > r[k - 1].end)
                r[k - 1].end = end;
        } else {
            r[k++] = (run){x->off, end};
        }
    }
    *n = k;
    return r;
}

/* Appends c's text [from, to) (nothing if empty). */
static void text(sl_buf *b, const column *c, int from, int to)
{
    if (to > from)
        sl_buf_append(b, c->text + from, (size_t)(to - from));
}

/* The output: tokens [from, from + ntok) of c with the runs marked. */
static char *render(const column *c, const run *r, int nr, int from, int ntok, int colsize,
                    const sl_snip_marks *m)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    int last = from + ntok - 1, ri = 0, off = 0;
    if (from > 0)
        sl_buf_puts(&b, m->ellipsis);
    while (ri < nr && r[ri].start < from)
        ri++;
    for (int pos = 0; pos < c->ntok; pos++) {
        span t = c->tok[pos];
        if (last > 0) {
            if (pos < from || pos > last)
                continue;
            if (from && pos == from)
                off = t.start;
        }
        if (ri < nr && pos == r[ri].start) {
            text(&b, c, off, t.start);
            sl_buf_puts(&b, m->open);
            off = t.start;
        }
        if (ri < nr && pos == r[ri].end) {
            if (last && r[ri].start < from)
                sl_buf_puts(&b, m->open);
            text(&b, c, off, t.end);
            sl_buf_puts(&b, m->close);
            off = t.end;
            ri++;
        }
        if (last > 0 && pos == last) {
            text(&b, c, off, t.end);
            off = t.end;
            if (ri < nr && pos >= r[ri].start && pos < r[ri].end)
                sl_buf_puts(&b, m->close);
        }
    }
    if (last >= colsize - 1)
        sl_buf_puts(&b, c->text + off);
    else
        sl_buf_puts(&b, m->ellipsis);
    return sl_buf_take(&b);
}

char *sl_snippet_make(const char *const *cols, int ncol, const sl_snip_inst *inst, int ninst,
                      const int *phrase_size, int nphrase, const sl_snip_marks *m)
{
    if (ncol <= 0)
        return NULL;
    for (int i = 0; i < ninst; i++)
        if (inst[i].phrase < 0 || inst[i].phrase >= nphrase || inst[i].col < 0 ||
            inst[i].col >= ncol || inst[i].off < 0 || phrase_size[inst[i].phrase] < 1 ||
            (i && (inst[i].col < inst[i - 1].col ||
                   (inst[i].col == inst[i - 1].col && inst[i].off < inst[i - 1].off))))
            return NULL;
    column *c = sl_xcalloc((size_t)ncol, sizeof *c);
    hit h = {inst, ninst, phrase_size, nphrase, sl_xcalloc((size_t)nphrase + 1, 1)};
    int best = 0, best_col = 0, best_from = 0, colsize = 0, bad = 0;
    for (int i = 0; i < ncol && !bad; i++) {
        split(&c[i], cols[i]);
        int ndoc = c[i].ntok;
        for (int k = 0; k < ninst && !bad; k++) {
            int off = inst[k].off;
            if (inst[k].col != i)
                continue;
            if (off + phrase_size[inst[k].phrase] > ndoc) {
                bad = 1; /* not the text that was indexed */
                break;
            }
            int adj, s = window(&h, i, off, m->ntok, ndoc, &adj);
            if (s > best)
                best = s, best_col = i, best_from = adj, colsize = ndoc;
            if (!c[i].nfirst || ndoc <= m->ntok)
                continue;
            int j = 0; /* the sentence the instance is in */
            while (j < c[i].nfirst - 1 && c[i].first[j + 1] <= off)
                j++;
            int at = c[i].first[j];
            if (at >= off)
                continue;
            s = window(&h, i, at, m->ntok, ndoc, NULL) + (at == 0 ? 120 : 100);
            if (s > best)
                best = s, best_col = i, best_from = at, colsize = ndoc;
        }
    }
    char *out = NULL;
    if (!bad && c[best_col].text) {
        if (!colsize)
            colsize = c[best_col].ntok;
        int nr;
        run *r = runs_of(&h, best_col, &nr);
        out = render(&c[best_col], r, nr, best_from, m->ntok, colsize, m);
        free(r);
    }
    for (int i = 0; i < ncol; i++) {
        free(c[i].tok);
        free(c[i].first);
    }
    free(c);
    free(h.seen);
    return out;
}
