/*
 * views: what a reader sees of a story (see views.h). This file chooses
 * the headline and assembles the views the other modules compute: summary
 * (summary.c), timeline (timeline.c), quotes (quotes.c) and entities
 * (entities.c), as JSON or as readable text.
 *
 * Headline: the title (or, for articles without one, the shortened lead
 * sentence) closest to the story's centroid: the candidate whose content
 * stems are shared by the most articles, per square root of its length,
 * so a representative title wins over a long or idiosyncratic one.
 */
#include "views.h"
#include "entities.h"
#include "quotes.h"
#include "sentence.h"
#include "strmap.h"
#include "summary.h"
#include "timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    MAX_ENTITIES = 20,
    MAX_QUOTES_SHOWN = 10,
    LEAD_SENTS = 5,
    HEADLINE_WORDS = 18,
    MAX_VIEW_DOCS = 60 /* a big story is viewed through an even sample */
};

/* The story's docs without NULL entries (unknown ids), at most
 * MAX_VIEW_DOCS of them spread evenly over the story, so the cost of the
 * views per story is bounded. Caller frees. */
static const sl_doc **present(const sl_doc *const *docs, size_t n, size_t *k)
{
    const sl_doc **v = sl_xmalloc((n + 1) * sizeof *v);
    *k = 0;
    for (size_t i = 0; i < n; i++)
        if (docs[i])
            v[(*k)++] = docs[i];
    if (*k > MAX_VIEW_DOCS) {
        size_t m = *k;
        for (size_t j = 0; j < MAX_VIEW_DOCS; j++)
            v[j] = v[j * m / MAX_VIEW_DOCS];
        *k = MAX_VIEW_DOCS;
    }
    return v;
}

static void opts_len(const sl_view_opts *o, int *w, int *s)
{
    *w = o ? o->summary_words : 0;
    *s = o ? o->summary_sentences : 0;
}

/* ---- headline -------------------------------------------------------------- */

typedef struct dfmap {
    uint64_t *key;
    int *df, *last;
    size_t cap, n;
} dfmap;

/* A map of cap slots (a power of two), the keys cleared: a slot's df and
 * last are set when its key is put. */
static void df_init(dfmap *m, size_t cap)
{
    m->cap = cap;
    m->n = 0;
    m->key = sl_xcalloc(cap, sizeof *m->key);
    m->df = sl_xmalloc(cap * sizeof *m->df);
    m->last = sl_xmalloc(cap * sizeof *m->last);
}

static void df_free(dfmap *m)
{
    free(m->key);
    free(m->df);
    free(m->last);
}

static size_t df_probe(const dfmap *m, uint64_t h)
{
    size_t i = (size_t)(h * 0x9E3779B97F4A7C15ull >> 9) & (m->cap - 1);
    while (m->key[i] && m->key[i] != h)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* The slot of stem h, put (df 0) when new. The map starts small and
 * doubles at half full: a story's titles and leads have a few hundred
 * stems, and clearing a map sized by their bytes cost more than filling
 * it. Slots move when it grows; the counts go with their keys. */
static size_t df_slot(dfmap *m, uint64_t h)
{
    h |= 1;
    size_t i = df_probe(m, h);
    if (m->key[i])
        return i;
    if ((m->n + 1) * 2 > m->cap) {
        dfmap g;
        df_init(&g, m->cap * 2);
        for (size_t j = 0; j < m->cap; j++)
            if (m->key[j]) {
                size_t k = df_probe(&g, m->key[j]);
                g.key[k] = m->key[j];
                g.df[k] = m->df[j];
                g.last[k] = m->last[j];
            }
        g.n = m->n;
        df_free(m);
        *m = g;
        i = df_probe(m, h);
    }
    m->key[i] = h;
    m->df[i] = 0;
    m->last[i] = -1;
    m->n++;
    return i;
}

/* Counts, per stem, the articles whose title or lead holds it. The
 * title's terms are kept in *title (ntitle of them; caller frees) for its
 * centrality later. */
static void df_doc(dfmap *m, const sl_doc *d, int di, sl_term **tv, size_t *cap, sl_term **title,
                   size_t *ntitle)
{
    size_t nt = 0;
    *title = NULL;
    *ntitle = 0;
    if (d->title) {
        sl_sent_terms(d->lang, d->title, strlen(d->title), tv, &nt, cap);
        *title = sl_xmalloc((nt + 1) * sizeof **title);
        if (nt) /* (a title of no terms: *tv may be NULL) */
            memcpy(*title, *tv, nt * sizeof **title);
        *ntitle = nt;
    }
    if (d->text) {
        sl_sent *s;
        size_t ns = sl_sentences_max(d->text, strlen(d->text), LEAD_SENTS, &s);
        for (size_t i = 0; i < ns && i < LEAD_SENTS; i++)
            sl_sent_terms(d->lang, d->text + s[i].start, s[i].end - s[i].start, tv, &nt, cap);
        free(s);
    }
    for (size_t i = 0; i < nt; i++) {
        if ((*tv)[i].stop)
            continue;
        size_t sl = df_slot(m, (*tv)[i].h);
        if (m->last[sl] != di) {
            m->last[sl] = di;
            m->df[sl]++;
        }
    }
}

/* The centrality of a candidate with terms tv[0..nt). */
static double centrality_of(dfmap *m, const sl_term *tv, size_t nt)
{
    double sum = 0;
    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        if (tv[i].stop)
            continue;
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = tv[j].h == tv[i].h;
        if (dup)
            continue;
        k++;
        sum += m->df[df_slot(m, tv[i].h)];
    }
    return k ? sum / sqrt((double)k + 2.0) : 0;
}

static double centrality(dfmap *m, const char *lang, const char *s, size_t n)
{
    sl_term *tv = NULL;
    size_t nt = 0, cap = 0;
    sl_sent_terms(lang, s, n, &tv, &nt, &cap);
    double c = centrality_of(m, tv, nt);
    free(tv);
    return c;
}

/* A lead sentence made into a headline: dateline and final period off,
 * cut at a clause boundary (or after HEADLINE_WORDS words, with "…"). */
static char *shorten_lead(const char *s, size_t n)
{
    size_t k = sl_sent_dateline(s, n);
    s += k;
    n -= k;
    char *t = sl_summary_compress(s, n, 1);
    size_t len = strlen(t);
    if (len && t[len - 1] == '.')
        t[--len] = 0;
    int w = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == ' ')
            w++;
        if (w >= 8 && (t[i] == ',' || t[i] == ';') && sl_count_words(t, len) > HEADLINE_WORDS) {
            t[i] = 0;
            return t;
        }
        if (w >= HEADLINE_WORDS && t[i] == ' ') {
            t = sl_xrealloc(t, i + 4); /* "…" is 3 bytes: may be longer than the rest */
            strcpy(t + i, "\xE2\x80\xA6");
            return t;
        }
    }
    return t;
}

static int usable_title(const char *t)
{
    size_t n = strlen(t);
    int w = sl_count_words(t, n);
    return w >= 3 && w <= 30 && n < 300;
}

char *sl_view_headline(const sl_doc *const *docs0, size_t n0)
{
    size_t n;
    const sl_doc **docs = present(docs0, n0, &n);
    if (!n) {
        free(docs);
        return sl_xstrdup("");
    }
    if (n == 1 && docs[0]->title && usable_title(docs[0]->title)) {
        char *t = sl_xstrdup(docs[0]->title); /* one article: its own title */
        for (char *p = t; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' ';
        free(docs);
        return t;
    }
    dfmap m;
    df_init(&m, 256);
    sl_term *tv = NULL;
    size_t tcap = 0;
    size_t lim = n < 200 ? n : 200; /* a sample is enough for the centroid */
    sl_term **tt = sl_xmalloc(lim * sizeof *tt); /* each title's terms */
    size_t *ntt = sl_xmalloc(lim * sizeof *ntt);
    for (size_t i = 0; i < lim; i++)
        df_doc(&m, docs[i], (int)i, &tv, &tcap, &tt[i], &ntt[i]);
    free(tv);
    double best = -1;
    char *out = NULL;
    for (size_t i = 0; i < lim; i++) {
        const sl_doc *d = docs[i];
        char *cand = NULL;
        int titled = d->title && usable_title(d->title);
        if (titled) {
            cand = sl_xstrdup(d->title);
        } else if (d->text) {
            sl_sent *s;
            size_t ns = sl_sentences_max(d->text, strlen(d->text), 3, &s);
            for (size_t k = 0; k < ns && k < 3 && !cand; k++)
                if (sl_count_words(d->text + s[k].start, s[k].end - s[k].start) >= 6)
                    cand = shorten_lead(d->text + s[k].start, s[k].end - s[k].start);
            free(s);
        }
        if (!cand)
            continue;
        double sc = titled ? centrality_of(&m, tt[i], ntt[i]) /* the terms df_doc found */
                           : centrality(&m, d->lang, cand, strlen(cand));
        if (sc > best) {
            best = sc;
            free(out);
            out = cand;
        } else {
            free(cand);
        }
    }
    df_free(&m);
    for (size_t i = 0; i < lim; i++)
        free(tt[i]);
    free(tt);
    free(ntt);
    if (!out)
        out = sl_xstrdup(docs[0]->title ? docs[0]->title : docs[0]->id);
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    free(docs);
    return out;
}

/* ---- JSON -------------------------------------------------------------------- */

/* One mention of an unknown name or an organisation is more often noise
 * (a photo credit, a broken line, an acronym) than an entity worth
 * listing; a place the gazetteer knows and a person named with a title or
 * a known first name ("President Obama", "Joe Biden") are listed at once. */
static int entity_shown(const sl_entity *x)
{
    return x->count >= 2 || x->type == SL_ENT_PLACE || x->type == SL_ENT_PERSON;
}

static void summary_json(sl_buf *out, const sl_doc **docs, size_t n, const sl_splits *sp,
                         const sl_view_opts *o)
{
    int w, s;
    opts_len(o, &w, &s);
    sl_pick *p;
    size_t np = sl_summarize_with(docs, n, sp, w, s, &p);
    sl_buf_puts(out, ",\"summary\":[");
    for (size_t i = 0; i < np; i++) {
        sl_buf_puts(out, i ? ",{\"text\":" : "{\"text\":");
        sl_buf_json_str(out, p[i].text);
        sl_buf_puts(out, ",\"article\":");
        sl_buf_json_str(out, docs[p[i].doc]->id);
        sl_buf_puts(out, "}");
    }
    sl_buf_puts(out, "]");
    sl_picks_free(p, np);
}

static void ids_json(sl_buf *out, const sl_doc **docs, const size_t *d, size_t nd)
{
    sl_buf_puts(out, "[");
    for (size_t k = 0; k < nd; k++) {
        if (k)
            sl_buf_putc(out, ',');
        sl_buf_json_str(out, docs[d[k]]->id);
    }
    sl_buf_puts(out, "]");
}

static void timeline_json(sl_buf *out, const sl_doc **docs, size_t n, const sl_splits *sp)
{
    sl_event *e;
    size_t ne = sl_timeline_with(docs, n, sp, 0, &e);
    sl_buf_puts(out, ",\"timeline\":[");
    for (size_t i = 0; i < ne; i++) {
        char iso[16];
        static const char *const PREC[] = {"relative", "year", "month", "day"};
        sl_buf_puts(out, i ? ",{\"date\":" : "{\"date\":");
        sl_date_iso(&e[i].date, iso);
        sl_buf_json_str(out, iso[0] ? iso : NULL);
        sl_buf_puts(out, ",\"precision\":\"");
        sl_buf_puts(out, PREC[e[i].date.prec]);
        sl_buf_puts(out, "\",\"phrase\":");
        sl_buf_json_str(out, e[i].phrase);
        sl_buf_puts(out, ",\"text\":");
        sl_buf_json_str(out, e[i].text);
        sl_buf_puts(out, ",\"article\":");
        sl_buf_json_str(out, docs[e[i].docs[0]]->id);
        sl_buf_puts(out, ",\"articles\":");
        ids_json(out, docs, e[i].docs, e[i].ndocs);
        sl_buf_puts(out, "}");
    }
    sl_buf_puts(out, "]");
    sl_timeline_free(e, ne);
}

static void quotes_json(sl_buf *out, const sl_doc **docs, size_t n, const sl_entities *E)
{
    sl_quote *q;
    size_t nq = sl_quotes_find(docs, n, E, &q);
    sl_buf_puts(out, ",\"quotes\":[");
    for (size_t i = 0; i < nq && i < MAX_QUOTES_SHOWN; i++) {
        sl_buf_puts(out, i ? ",{\"speaker\":" : "{\"speaker\":");
        sl_buf_json_str(out, q[i].speaker);
        sl_buf_puts(out, ",\"text\":");
        sl_buf_json_str(out, q[i].text);
        sl_buf_puts(out, ",\"articles\":");
        ids_json(out, docs, q[i].docs, q[i].ndocs);
        sl_buf_puts(out, "}");
    }
    sl_buf_puts(out, "]");
    sl_quotes_free(q, nq);
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
        sl_buf_puts(out, ",\"type\":\"");
        sl_buf_puts(out, sl_entity_type_name(x->type));
        sl_buf_puts(out, "\",\"count\":");
        sl_buf_put_int(out, x->count);
        sl_buf_puts(out, ",\"articles\":");
        sl_buf_put_int(out, x->docs);
        sl_buf_puts(out, ",\"salience\":");
        sl_buf_put_fixed3(out, x->salience);
        sl_buf_putc(out, '}');
    }
    sl_buf_puts(out, "]");
}

/* Splits the docs' texts into sentences once for all the views. */
static void split_docs(sl_splits *sp, const sl_doc **docs, size_t n)
{
    const char **texts = sl_xmalloc((n + 1) * sizeof *texts);
    for (size_t i = 0; i < n; i++)
        texts[i] = docs[i]->text;
    sl_splits_init(sp, texts, n);
    free(texts);
}

void sl_view_json(sl_buf *out, const sl_doc *const *docs0, size_t n0, const sl_view_opts *opts)
{
    size_t n;
    const sl_doc **docs = present(docs0, n0, &n);
    /* room for a usual story's views (2 KB on average) at once, instead of
     * the buffer doubling from its first bytes while they are written */
    sl_buf_reserve(out, 4096);
    sl_splits sp;
    split_docs(&sp, docs, n);
    summary_json(out, docs, n, &sp, opts);
    timeline_json(out, docs, n, &sp);
    sl_entities *E = sl_entities_build_with(docs, n, &sp);
    sl_splits_free(&sp);
    quotes_json(out, docs, n, E);
    entities_json(out, E);
    sl_entities_free(E);
    free(docs);
}

/* ---- text ---------------------------------------------------------------------- */

/* "[2]" for an article: its number in the story's order. */
static void cite(sl_buf *b, const size_t *d, size_t nd)
{
    sl_buf_puts(b, " [");
    for (size_t k = 0; k < nd && k < 6; k++)
        sl_buf_printf(b, k ? ",%zu" : "%zu", d[k] + 1);
    sl_buf_puts(b, nd > 6 ? ",…]" : "]");
}

static void text_wrapped(sl_buf *b, const char *indent, const char *s)
{
    /* one line per item; terminals wrap, and copying stays exact */
    sl_buf_puts(b, indent);
    sl_buf_puts(b, s);
}

/* The summary of the story's present docs[0..n), at the length opts ask
 * for (sp: their sentences, or NULL). Returns the number of picks stored
 * in *p; free with sl_picks_free. */
static size_t story_summary(const sl_doc **docs, size_t n, const sl_view_opts *opts,
                            const sl_splits *sp, sl_pick **p)
{
    int w, s;
    opts_len(opts, &w, &s);
    return sl_summarize_with(docs, n, sp, w, s, p);
}

/* Columns a terminal gives the UTF-8 string s (utf8proc's character
 * widths; an invalid byte counts as one). */
static size_t text_width(const char *s)
{
    size_t w = 0, n = strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = sl_utf8_decode(u + i, n - i, &cp);
        if (l <= 0) {
            w++;
            i++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)l;
    }
    return w;
}

/* A timeline entry's date for a reader: ISO 8601 when the year is known
 * ("2020-11-03", "2020-11", "2014"), the month's name when it is not
 * ("Nov 3", "Nov"), the phrase in parentheses for a relative date that
 * could not be placed ("(Tuesday)"). Returns buf. */
static const char *date_label(const sl_event *e, char *buf, size_t cap)
{
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const sl_date *d = &e->date;
    if (d->prec == SL_DATE_RELATIVE || d->prec == 0) {
        snprintf(buf, cap, "(%s)", e->phrase ? e->phrase : "");
    } else if (!d->y && d->m >= 1 && d->m <= 12) {
        if (d->prec == SL_DATE_DAY)
            snprintf(buf, cap, "%s %d", MON[d->m - 1], d->d);
        else
            snprintf(buf, cap, "%s", MON[d->m - 1]);
    } else {
        char iso[16];
        sl_date_iso(d, iso);
        snprintf(buf, cap, "%s", iso);
    }
    return buf;
}

void sl_view_text(sl_buf *out, const sl_doc *const *docs0, size_t n0, const sl_view_opts *opts)
{
    size_t n;
    const sl_doc **docs = present(docs0, n0, &n);
    sl_splits sp;
    split_docs(&sp, docs, n);
    sl_pick *p;
    size_t np = story_summary(docs, n, opts, &sp, &p);
    sl_buf_puts(out, "\nSummary:\n");
    for (size_t i = 0; i < np; i++) {
        text_wrapped(out, "  ", p[i].text);
        cite(out, &p[i].doc, 1);
        sl_buf_putc(out, '\n');
    }
    sl_picks_free(p, np);

    sl_event *e;
    size_t ne = sl_timeline_with(docs, n, &sp, 0, &e);
    if (ne)
        sl_buf_puts(out, "\nTimeline:\n");
    /* the texts start in one column, after the widest label (up to
     * LABEL_COLUMN characters: a longer phrase pushes its own text on) */
    enum { LABEL_COLUMN = 16 };
    size_t width = 0;
    for (size_t i = 0; i < ne; i++) {
        char label[96];
        size_t w = text_width(date_label(&e[i], label, sizeof label));
        width = w > width && w <= LABEL_COLUMN ? w : width;
    }
    for (size_t i = 0; i < ne; i++) {
        char label[96];
        date_label(&e[i], label, sizeof label);
        sl_buf_puts(out, "  ");
        sl_buf_puts(out, label);
        for (size_t w = text_width(label); w < width + 2; w++)
            sl_buf_putc(out, ' ');
        sl_buf_puts(out, e[i].text);
        cite(out, e[i].docs, e[i].ndocs);
        sl_buf_putc(out, '\n');
    }
    sl_timeline_free(e, ne);

    sl_entities *E = sl_entities_build_with(docs, n, &sp);
    sl_splits_free(&sp);
    sl_quote *q;
    size_t nq = sl_quotes_find(docs, n, E, &q);
    if (nq)
        sl_buf_puts(out, "\nQuotes:\n");
    for (size_t i = 0; i < nq && i < MAX_QUOTES_SHOWN; i++) {
        sl_buf_printf(out, "  %s: \xE2\x80\x9C%s\xE2\x80\x9D", q[i].speaker ? q[i].speaker : "(unattributed)",
                      q[i].text);
        cite(out, q[i].docs, q[i].ndocs);
        sl_buf_putc(out, '\n');
    }
    sl_quotes_free(q, nq);

    size_t k = sl_entities_count(E), shown = 0;
    for (size_t t = 0; t < 4; t++) {
        static const char *const HEAD[] = {"People", "Organizations", "Places", "Other"};
        int any = 0;
        for (size_t i = 0, c = 0; i < k && c < MAX_ENTITIES; i++) {
            const sl_entity *x = sl_entities_at(E, i);
            if (!entity_shown(x))
                continue;
            c++;
            if (x->type != (int)t)
                continue;
            if (!shown)
                sl_buf_puts(out, "\nEntities:\n");
            if (!any)
                sl_buf_printf(out, "  %s: ", HEAD[t]);
            else
                sl_buf_puts(out, ", ");
            sl_buf_printf(out, "%s (%d)", x->name, x->count);
            any = 1;
            shown = 1;
        }
        if (any)
            sl_buf_putc(out, '\n');
    }
    sl_entities_free(E);
    if (n > 1 || np) {
        sl_buf_puts(out, "\nSources:\n");
        for (size_t i = 0; i < n; i++)
        {
            sl_buf_printf(out, "  [%zu] ", i + 1);
            sl_buf_put_printable(out, docs[i]->id);
            sl_buf_putc(out, '\n');
        }
    }
    free(docs);
}

char *sl_view_summary_text(const sl_doc *const *docs0, size_t n0, const sl_view_opts *opts)
{
    size_t n;
    const sl_doc **docs = present(docs0, n0, &n);
    sl_pick *p;
    size_t np = story_summary(docs, n, opts, NULL, &p);
    sl_buf b = {0};
    for (size_t i = 0; i < np; i++) {
        sl_buf_puts(&b, p[i].text);
        sl_buf_putc(&b, '\n');
    }
    sl_picks_free(p, np);
    free(docs);
    return sl_buf_take(&b);
}
