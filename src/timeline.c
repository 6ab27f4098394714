/*
 * timeline: dated events of a story (see timeline.h).
 *
 * How it works: every sentence of every article (and a title written as a
 * sentence) is searched for date expressions, resolved against the
 * article's publication date. Each sentence is a candidate entry under
 * its most precise date. Candidates with the same date (or, for
 * relative ones, the same phrase) whose content stems overlap by a third
 * or more are one event told by several articles. When there are more
 * events than wanted, those told by more articles and those with a
 * precise date win. Linear in the text, plus a merge pass bounded by
 * MAX_CANDIDATES squared per date bucket.
 */
#include "timeline.h"
#include "sentence.h"
#include "util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* DATES_SEEN: dates of one sentence weighed for the one it is filed under */
enum { MAX_CANDIDATES = 600, DATES_SEEN = 4, TEXT_BYTES = 220 };

typedef struct cand {
    sl_event ev;
    uint64_t *stems;
    size_t nstems;
    char key[24]; /* date ISO, or "r:OFF:WDAY" for a relative one */
    int dead;
    const char *lang, *src; /* the sentence, src[0..srcn): stems made from it */
    size_t srcn;
} cand;

static void stems_of(const char *lang, const char *s, size_t n, uint64_t **out, size_t *nout)
{
    sl_term *tv = NULL;
    size_t nt = 0, cap = 0;
    sl_sent_terms(lang, s, n, &tv, &nt, &cap);
    uint64_t *h = sl_xmalloc((nt + 1) * sizeof *h);
    size_t k = 0;
    for (size_t i = 0; i < nt; i++)
        if (!tv[i].stop && !tv[i].num)
            h[k++] = tv[i].h;
    free(tv);
    qsort(h, k, sizeof *h, sl_cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!m || h[m - 1] != h[i])
            h[m++] = h[i];
    *out = h;
    *nout = m;
}

static double overlap(const cand *a, const cand *b)
{
    size_t i = 0, j = 0, hit = 0;
    while (i < a->nstems && j < b->nstems) {
        if (a->stems[i] == b->stems[j])
            hit++, i++, j++;
        else if (a->stems[i] < b->stems[j])
            i++;
        else
            j++;
    }
    size_t mn = a->nstems < b->nstems ? a->nstems : b->nstems;
    return mn ? (double)hit / (double)mn : 0;
}

/* The sentence s[0..n) cut to about TEXT_BYTES around [ds, de), at word
 * boundaries, with "…" where cut; newlines become spaces. */
static char *trim_text(const char *s, size_t n, size_t ds, size_t de)
{
    size_t a = 0, b = n;
    if (n > TEXT_BYTES) {
        size_t mid = (ds + de) / 2;
        a = mid > TEXT_BYTES / 2 ? mid - TEXT_BYTES / 2 : 0;
        b = a + TEXT_BYTES < n ? a + TEXT_BYTES : n;
        if (b == n && n > TEXT_BYTES)
            a = n - TEXT_BYTES;
        while (a > 0 && s[a - 1] != ' ')
            a--;
        while (b < n && s[b] != ' ')
            b++;
        /* prefer a clause start: a comma shortly after a */
        for (size_t i = a; i < ds && i < a + 60; i++)
            if (s[i] == ',' && s[i + 1] == ' ' && i + 2 < ds) {
                a = i + 2;
                break;
            }
    }
    sl_buf o = {0};
    sl_buf_puts(&o, a > 0 ? "\xE2\x80\xA6" : "");
    size_t at = o.len;
    sl_buf_append(&o, s + a, b - a);
    for (size_t i = at; i < o.len; i++)
        if (o.data[i] == '\n' || o.data[i] == '\t')
            o.data[i] = ' ';
    if (b < n)
        sl_buf_puts(&o, "\xE2\x80\xA6");
    return sl_buf_take(&o);
}

/* Links, bylines, shouting and chrome ("Published on ...") are not events,
 * nor is a lead-in ending on a colon ("Here he is in September:"): what
 * it introduces (a video, a list) is not in the sentence. */
static int junk(const char *s, size_t n)
{
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t'))
        e--;
    if (memchr(s, '@', n) || (e > 0 && s[e - 1] == ':'))
        return 1;
    int words = 1, upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* isupper and islower of the C locale the library runs in */
        words += c == ' ';
        upper += (unsigned)(c - 'A') < 26;
        lower += (unsigned)(c - 'a') < 26;
        if (c == 'h' && i + 4 <= n && !memcmp(s + i, "http", 4))
            return 1;
    }
    return words < 6 || upper > lower;
}

typedef struct acc {
    cand *c;
    size_t n, cap;
} acc;

/* The one date a sentence is filed under (one entry per sentence, so a
 * sentence never shows twice): the most precise of its dates; between
 * equals, one written out inside the other ("Nov. 3" in "six weeks after
 * the Nov. 3 vote") is the anchor the sentence is told around, a day
 * written out wins over a weekday ("on Saturday, Nov. 16": a weekday is
 * resolved to the one before publication, which a coming event is not),
 * else the first. */
static size_t main_date(const sl_date *dt, size_t k)
{
    size_t b = 0;
    for (size_t i = 1; i < k; i++)
        if (dt[i].prec > dt[b].prec ||
            (dt[i].prec == dt[b].prec &&
             ((dt[i].start >= dt[b].start && dt[i].end <= dt[b].end) ||
              (dt[b].wday && !dt[i].wday && dt[i].prec == SL_DATE_DAY))))
            b = i;
    return b;
}

/* Adds the dates of sentence s[0..n) as candidates; para_start: it opens
 * a paragraph (only there can a wire dateline stand). The caller has made
 * the cheap test (sl_dates_possible) that most sentences fail. */
static void add_sentence(acc *A, const sl_doc *d, size_t di, const char *s, size_t n, size_t order,
                         int para_start)
{
    size_t skip = para_start ? sl_sent_dateline(s, n) : 0;
    sl_date dt[DATES_SEEN];
    size_t k = sl_dates_scan(s + skip, n - skip, d->pub_time, dt, DATES_SEEN);
    if (!k || junk(s, n))
        return;
    s += skip;
    n -= skip;
    if (k > 1) {
        dt[0] = dt[main_date(dt, k)];
        k = 1;
    }
    for (size_t i = 0; i < k && A->n < MAX_CANDIDATES; i++) {
        if (A->n == A->cap) {
            A->cap = A->cap ? A->cap * 2 : 32;
            A->c = sl_xrealloc(A->c, A->cap * sizeof *A->c);
        }
        cand *c = &A->c[A->n++];
        memset(c, 0, sizeof *c);
        c->ev.date = dt[i];
        c->ev.phrase = sl_xstrndup(s + dt[i].start, dt[i].end - dt[i].start);
        c->ev.text = trim_text(s, n, dt[i].start, dt[i].end);
        c->ev.docs = sl_xmalloc(sizeof(size_t));
        c->ev.docs[0] = di;
        c->ev.ndocs = 1;
        c->ev.order = order;
        c->lang = d->lang; /* stems later, and only if the merge needs them */
        c->src = s;
        c->srcn = n;
        if (dt[i].prec == SL_DATE_RELATIVE) /* by the day it names, in any words or
                                               * language: "yesterday", "вчера" */
            snprintf(c->key, sizeof c->key, "r:%d:%d", dt[i].off, dt[i].wday);
        else
            sl_date_iso(&dt[i], c->key);
    }
}

/* A title that is a whole sentence (some extractors give the lead as the
 * title) can hold the only dated mention of an event. */
static int title_sentence(const char *title, const char *text)
{
    size_t n = strlen(title);
    return n > 40 && title[n - 1] == '.' && (!text || !strstr(text, title));
}

static void free_contents(sl_event *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].phrase);
        free(e[i].text);
        free(e[i].docs);
    }
}

/* Dates in order (relative ones by their days from publication, once
 * place_weekdays has given weekdays theirs), then as found. */
static int cmp_event(const void *a, const void *b)
{
    const sl_event *x = a, *y = b;
    int c = sl_date_cmp(&x->date, &y->date);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Turns the unresolved weekdays of ev[0..n) into days from the publication
 * day (sl_date's off). Without a publication date the day they count back
 * from is unknown; news tells of recent days, so it is taken to be the
 * weekday that brings the plain weekdays mentioned closest together:
 * "Monday" and "Tuesday" read in that order unless the story was written on
 * a Monday, "Friday" then "Monday" when it spans a weekend. One such day
 * serves the story (its undated articles are of one event, days apart). */
static void place_weekdays(sl_event *ev, size_t n)
{
    int seen[8] = {0}, any = 0, best = 1, best_span = 8;
    for (size_t i = 0; i < n; i++)
        if (ev[i].date.prec == SL_DATE_RELATIVE && ev[i].date.wday >= 1 &&
            ev[i].date.wday <= 7 && !ev[i].date.off)
            seen[ev[i].date.wday] = any = 1;
    for (int a = 1; any && a <= 7; a++) {
        int span = 0;
        for (int w = 1; w <= 7; w++)
            if (seen[w] && (a - w + 7) % 7 > span)
                span = (a - w + 7) % 7;
        if (span < best_span) {
            best_span = span;
            best = a;
        }
    }
    for (size_t i = 0; i < n; i++) {
        sl_date *d = &ev[i].date;
        if (d->prec != SL_DATE_RELATIVE || d->wday < 1 || d->wday > 7)
            continue;
        int back = (best - d->wday + 7) % 7, ahead = (d->wday - best + 7) % 7;
        d->off = d->off > 0 ? (ahead ? ahead : 7) : d->off < 0 && !back ? -7 : -back;
        d->wday = 0;
    }
}

static int cmp_rank(const void *a, const void *b)
{
    const sl_event *x = a, *y = b;
    if (x->ndocs != y->ndocs)
        return x->ndocs > y->ndocs ? -1 : 1;
    if ((x->date.prec == SL_DATE_DAY) != (y->date.prec == SL_DATE_DAY))
        return x->date.prec == SL_DATE_DAY ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The candidate's stems, made when first needed: only candidates sharing
 * a key are compared, and most candidates share it with none. */
static void stem(cand *c)
{
    if (!c->stems) /* stems_of always allocates */
        stems_of(c->lang, c->src, c->srcn, &c->stems, &c->nstems);
}

/* x, one event, shows the telling of y, which says more: y's sentence,
 * date phrase and words, and y's article cited first. */
static void take_telling(cand *x, cand *y)
{
    char *t = x->ev.text, *p = x->ev.phrase;
    x->ev.text = y->ev.text;
    x->ev.phrase = y->ev.phrase;
    y->ev.text = t;
    y->ev.phrase = p;
    x->ev.date = y->ev.date;
    uint64_t *st = x->stems;
    size_t ns = x->nstems;
    x->stems = y->stems;
    x->nstems = y->nstems;
    y->stems = st;
    y->nstems = ns;
    size_t d = y->ev.docs[0], k = 0;
    while (k < x->ev.ndocs && x->ev.docs[k] != d)
        k++;
    assert(k < x->ev.ndocs);
    memmove(x->ev.docs + 1, x->ev.docs, k * sizeof *x->ev.docs);
    x->ev.docs[0] = d;
}

size_t sl_timeline(const sl_doc *const *docs, size_t n, size_t max_events, sl_event **out)
{
    return sl_timeline_with(docs, n, NULL, max_events, out);
}

size_t sl_timeline_with(const sl_doc *const *docs, size_t n, const sl_splits *sp,
                        size_t max_events, sl_event **out)
{
    acc A = {0};
    for (size_t d = 0; d < n && A.n < MAX_CANDIDATES; d++) {
        const char *t = docs[d]->text;
        size_t base = d << 32;
        const char *ti = docs[d]->title;
        if (ti && title_sentence(ti, t) && sl_dates_possible(ti, strlen(ti)))
            add_sentence(&A, docs[d], d, ti, strlen(ti), base, 0);
        if (!t)
            continue;
        const sl_sent *s;
        sl_sent *own;
        size_t ns = sl_splits_get(sp, d, t, &s, &own);
        /* the shared words, when they cover the text, spare the cheap
         * test a pass over every byte */
        const sl_word *w = NULL;
        sl_word *wown = NULL;
        int all = 0;
        size_t nw = sp ? sl_splits_words(sp, d, t, &w, &wown, &all) : 0, k = 0;
        for (size_t i = sl_sent_body(t, s, ns); i < ns && A.n < MAX_CANDIDATES; i++) {
            size_t st = s[i].start, en = s[i].end;
            while (k < nw && w[k].e <= st)
                k++;
            if (all ? sl_dates_possible_words(t, st, en, w + k, nw - k)
                    : sl_dates_possible(t + st, en - st))
                add_sentence(&A, docs[d], d, t + st, en - st, base + st + 1,
                             s[i].para_index == 0);
        }
        free(wown);
        free(own);
    }
    /* merge: same key and similar words */
    for (size_t i = 0; i < A.n; i++) {
        cand *x = &A.c[i];
        if (x->dead)
            continue;
        for (size_t j = i + 1; j < A.n; j++) {
            cand *y = &A.c[j];
            if (y->dead || strcmp(x->key, y->key) != 0)
                continue;
            stem(x);
            stem(y);
            if (overlap(x, y) < 0.34)
                continue;
            y->dead = 1;
            size_t d = y->ev.docs[0];
            int have = 0;
            for (size_t k = 0; k < x->ev.ndocs; k++)
                have |= x->ev.docs[k] == d;
            if (!have) {
                x->ev.docs = sl_xrealloc(x->ev.docs, (x->ev.ndocs + 1) * sizeof(size_t));
                x->ev.docs[x->ev.ndocs++] = d;
            }
            if (y->nstems > x->nstems)
                take_telling(x, y);
        }
    }
    sl_event *ev = sl_xmalloc((A.n + 1) * sizeof *ev);
    size_t ne = 0;
    for (size_t i = 0; i < A.n; i++) {
        if (A.c[i].dead) {
            free(A.c[i].ev.phrase);
            free(A.c[i].ev.text);
            free(A.c[i].ev.docs);
        } else {
            ev[ne++] = A.c[i].ev;
        }
        free(A.c[i].stems);
    }
    free(A.c);
    if (!max_events)
        max_events = n <= 3 ? 12 : 15;
    if (ne > max_events) {
        qsort(ev, ne, sizeof *ev, cmp_rank);
        free_contents(ev + max_events, ne - max_events);
        ne = max_events;
    }
    place_weekdays(ev, ne);
    qsort(ev, ne, sizeof *ev, cmp_event);
    *out = ev;
    return ne;
}

void sl_timeline_free(sl_event *e, size_t n)
{
    free_contents(e, n);
    free(e);
}
