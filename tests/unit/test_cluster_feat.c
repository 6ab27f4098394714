/* Unit tests of the story engine's article features (src/cluster_feat.c):
 * unit-length sorted vectors, and site boilerplate left out. */
#include "harness.h"
#include "docs.h"
#include "cluster_feat.h"
#include "idf.h"

#include <math.h>
#include <string.h>

static const char *BOILER =
    "Read also: the mayor opens a new bridge over the river\n\n"
    "Subscribe to our evening newsletter for the best regional stories\n\n";

/* Two unrelated articles, each longer than the boilerplate. */
static const char *ORCHID =
    "A farmer found a rare orchid species growing near the old quarry. Botanists from the "
    "university confirmed the find on Tuesday and asked walkers to keep away from the flowers "
    "until the seeds have ripened.";
static const char *CHESS =
    "The chess club won the national junior championship in overtime. Its youngest player, aged "
    "nine, drew against the defending champion and the team will travel to the European finals "
    "in the spring.";

/* An article of `site` whose body is `own` followed by the boilerplate. */
static sl_doc *site_doc(const char *id, const char *site, const char *own)
{
    char *text = sl_xasprintf("%s\n\n%s", own, BOILER);
    sl_doc *d = test_doc(id, NULL, "2021-05-04T10:00:00Z", text);
    free(text);
    if (site)
        d->site = sl_xstrdup(site);
    return d;
}

static double body_dot(const sl_cfeat *a, const sl_cfeat *b)
{
    return sl_cterm_dot(sl_cf_body(a), a->nb, sl_cf_body(b), b->nb);
}

static void test_vectors_sorted_unit(void **state)
{
    (void)state;
    sl_cfx *x = sl_cfx_new();
    sl_idf *idf = sl_idf_new();
    sl_doc *d = test_doc("a", "Floods close the northern railway",
                         "2021-05-04T10:00:00Z",
                         "Heavy rain flooded the northern railway line on Tuesday. Trains between "
                         "the two cities were cancelled and engineers inspected three bridges.");
    sl_cfeat f;
    sl_cfx_doc(x, d, idf, 1, &f);
    assert_true(f.nb > 0);
    const struct { const sl_cterm *t; size_t n; } parts[] = {
        {sl_cf_body(&f), f.nb}, {sl_cf_title(&f), f.nt}, {sl_cf_ent(&f), f.ne}};
    for (size_t p = 0; p < 3; p++) {
        double s = 0;
        for (size_t i = 0; i < parts[p].n; i++) {
            s += (double)parts[p].t[i].w * parts[p].t[i].w;
            if (i)
                assert_true(parts[p].t[i - 1].h < parts[p].t[i].h);
        }
        if (parts[p].n)
            assert_true(fabs(s - 1.0) < 1e-4);
    }
    free(f.t);
    sl_doc_free(d);
    sl_idf_free(idf);
    sl_cfx_free(x);
}

/* Two unrelated articles of one site sharing only boilerplate lines: the
 * second leaves those lines out, so the two share (almost) nothing. The
 * same lines on another site count; the first article keeps its own. */
static void test_site_boilerplate(void **state)
{
    (void)state;
    sl_doc *a = site_doc("a", "Example Daily",
                         ORCHID);
    sl_doc *b = site_doc("b", "Example Daily",
                         CHESS);
    sl_doc *c = site_doc("c", "Other Herald",
                         CHESS);
    sl_cfx *fresh = sl_cfx_new(), *x = sl_cfx_new();
    sl_idf *idf = sl_idf_new();
    sl_cfeat fa, fb0, fb, fc, fa2;
    sl_cfx_doc(fresh, b, idf, 0, &fb0); /* b seen alone */
    sl_cfx_doc(x, a, idf, 1, &fa);
    sl_cfx_doc(x, b, idf, 1, &fb);
    sl_cfx_doc(x, c, idf, 1, &fc);
    assert_true(body_dot(&fa, &fb0) > 0.2); /* alone, the boilerplate matches */
    assert_true(body_dot(&fa, &fb) < 0.01); /* after a, b's boilerplate is out */
    assert_true(body_dot(&fa, &fc) > 0.2);  /* another site's lines count */
    /* a's features computed again (count = 0) are a's, boilerplate kept */
    sl_cfx_doc(x, a, idf, 0, &fa2);
    assert_int_equal(fa2.nb, fa.nb);
    assert_true(fabs(body_dot(&fa, &fa2) - 1.0) < 1e-4);
    /* no site: nothing is left out */
    free(a->site);
    a->site = NULL;
    free(b->site);
    b->site = NULL;
    sl_cfx *y = sl_cfx_new();
    sl_cfeat ga, gb;
    sl_cfx_doc(y, a, idf, 1, &ga);
    sl_cfx_doc(y, b, idf, 1, &gb);
    assert_true(body_dot(&ga, &gb) > 0.2);
    free(fa.t);
    free(fb0.t);
    free(fb.t);
    free(fc.t);
    free(fa2.t);
    free(ga.t);
    free(gb.t);
    sl_doc_free(a);
    sl_doc_free(b);
    sl_doc_free(c);
    sl_idf_free(idf);
    sl_cfx_free(fresh);
    sl_cfx_free(x);
    sl_cfx_free(y);
}

/* An article of the site that repeats most of an earlier one is a copy or
 * an update, not boilerplate: all of it counts, and the SimHash (which
 * always sees everything) matches the original's. */
static void test_site_copy_counts(void **state)
{
    (void)state;
    static const char *T = "A farmer found a rare orchid species growing near the old quarry. "
                           "Botanists confirmed the find on Tuesday.";
    sl_doc *a = site_doc("a", "Example Daily", T);
    sl_doc *b = site_doc("b", "Example Daily", T); /* the same page, another id */
    sl_cfx *x = sl_cfx_new();
    sl_idf *idf = sl_idf_new();
    sl_cfeat fa, fb;
    sl_cfx_doc(x, a, idf, 1, &fa);
    sl_cfx_doc(x, b, idf, 1, &fb);
    assert_int_equal(fa.nb, fb.nb);
    assert_true(fa.sim != 0 && fa.sim == fb.sim);
    assert_true(body_dot(&fa, &fb) > 0.99);
    free(fa.t);
    free(fb.t);
    sl_doc_free(a);
    sl_doc_free(b);
    sl_idf_free(idf);
    sl_cfx_free(x);
}

/* Counting in a scratch extractor (another thread's) and weighing in the
 * owner gives what the owner computes alone; the scratch shares the
 * owner's boilerplate table. */
static void test_count_then_weigh(void **state)
{
    (void)state;
    sl_doc *a = site_doc("a", "Example Daily",
                         ORCHID);
    sl_doc *b = site_doc("b", "Example Daily",
                         CHESS);
    sl_cfx *alone = sl_cfx_new(), *owner = sl_cfx_new();
    sl_cfx *scratch = sl_cfx_new_sharing(owner);
    sl_idf *i1 = sl_idf_new(), *i2 = sl_idf_new();
    sl_doc *docs[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        sl_cfeat f1, f2;
        sl_cfx_doc(alone, docs[k], i1, 1, &f1);
        sl_cfcount *cnt = sl_cfx_count(scratch, docs[k]);
        sl_cfx_doc_counted(owner, docs[k], cnt, i2, 1, &f2);
        sl_cfcount_free(cnt);
        assert_int_equal(f1.nb, f2.nb);
        assert_int_equal(f1.nt, f2.nt);
        assert_int_equal(f1.ne, f2.ne);
        assert_true(f1.sim == f2.sim);
        assert_int_equal(f1.year, f2.year);
        assert_memory_equal(f1.t, f2.t, (size_t)(f1.nb + f1.nt + f1.ne) * sizeof *f1.t);
        free(f1.t);
        free(f2.t);
    }
    /* b's boilerplate was left out through the shared table: the owner
     * itself now leaves it out of a third article of the site */
    sl_doc *c = site_doc("c", "Example Daily", "Rain is expected over the hills on Sunday, with snow on the highest "
                         "peaks. Forecasters warned drivers about fog on the mountain passes "
                         "and advised hikers to postpone their trips.");
    sl_cfeat fa, fc;
    sl_cfx_doc(owner, a, i2, 0, &fa);
    sl_cfx_doc(owner, c, i2, 1, &fc);
    assert_true(body_dot(&fa, &fc) < 0.01);
    free(fa.t);
    free(fc.t);
    sl_doc_free(a);
    sl_doc_free(b);
    sl_doc_free(c);
    sl_idf_free(i1);
    sl_idf_free(i2);
    sl_cfx_free(scratch);
    sl_cfx_free(alone);
    sl_cfx_free(owner);
}

/* True when the part t[0..n) holds term h. */
static int has_term(const sl_cterm *t, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].h == h)
            return 1;
    return 0;
}

/* A word's term is its stem in the article's language, whatever language
 * the extractor met it in first: its term cache keys words by language. */
static void test_term_per_language(void **state)
{
    (void)state;
    const char *word = "government", *text = "The government met. A government fell. Government.";
    uint32_t en = sl_term_of("en", word, strlen(word)), es = sl_term_of("es", word, strlen(word));
    assert_true(en && es && en != es); /* the English and Spanish stemmers differ on it */
    const char *order[2][2] = {{"es", "en"}, {"en", "es"}};
    for (int o = 0; o < 2; o++) {
        sl_cfx *x = sl_cfx_new();
        sl_idf *idf = sl_idf_new();
        for (int k = 0; k < 2; k++) {
            sl_doc *d = test_doc(order[o][k], NULL, NULL, text);
            sl_doc_set(&d->lang, order[o][k]);
            sl_cfeat f;
            sl_cfx_doc(x, d, idf, 1, &f);
            int english = !strcmp(order[o][k], "en");
            assert_true(has_term(sl_cf_body(&f), f.nb, english ? en : es));
            assert_false(has_term(sl_cf_body(&f), f.nb, english ? es : en));
            free(f.t);
            sl_doc_free(d);
        }
        sl_idf_free(idf);
        sl_cfx_free(x);
    }
}

/* Random sorted term list of n terms with hashes under `range` (so that
 * lists share some); state is a xorshift state. */
static size_t random_terms(sl_cterm *t, size_t n, uint32_t range, uint64_t *state)
{
    size_t k = 0;
    for (uint32_t h = 1; h <= range && k < n; h++) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        if (*state % range < n) /* about n of the range */
            t[k++] = (sl_cterm){h * 2654435761u, (float)(*state % 1000) / 999.0f};
    }
    /* keep the hash order after the multiplicative spread */
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && t[j - 1].h > t[j].h; j--) {
            sl_cterm x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return k;
}

/* The dot product (blocked when SSE2 is there) equals the plain merge to
 * the last bit, shared count included, for lists of any lengths and
 * overlaps. */
static void test_dot_matches_merge(void **state)
{
    (void)state;
    uint64_t st = 0x9E3779B97F4A7C15ULL;
    sl_cterm a[80], b[80];
    size_t total_shared = 0;
    for (int round = 0; round < 2000; round++) {
        size_t na = random_terms(a, (size_t)round % 71, 40 + (uint32_t)round % 200, &st);
        size_t nb = random_terms(b, (size_t)(round / 3) % 67, 40 + (uint32_t)round % 150, &st);
        double want = 0;
        size_t want_n = 0;
        for (size_t i = 0, j = 0; i < na && j < nb;) {
            if (a[i].h == b[j].h) {
                want += (double)a[i++].w * b[j++].w;
                want_n++;
            } else if (a[i].h < b[j].h)
                i++;
            else
                j++;
        }
        size_t got_n = 999;
        double got = sl_cterm_dot_n(a, na, b, nb, &got_n);
        assert_memory_equal(&got, &want, sizeof got);
        assert_int_equal(got_n, want_n);
        total_shared += got_n;
        double back = sl_cterm_dot(b, nb, a, na);
        assert_memory_equal(&back, &want, sizeof back);
    }
    assert_true(total_shared > 1000); /* the lists did meet */
}

/* A prepared query gives sl_cterm_dot_n's sums to the last bit, shared
 * counts too, set again and again (its table emptied each time), and for
 * a list too long for its table (the merge then). */
static void test_query_matches_merge(void **state)
{
    (void)state;
    uint64_t st = 0x2545F4914F6CDD1DULL;
    static sl_cterm a[300], b[300];
    static sl_ctq q; /* zeroed */
    size_t total_shared = 0;
    for (int round = 0; round < 2000; round++) {
        size_t cap = round % 10 == 9 ? 300 : 80; /* some over SL_CTQ_MAX */
        size_t na = random_terms(a, (size_t)round * 7 % cap, 40 + (uint32_t)round % 400, &st);
        size_t nb = random_terms(b, (size_t)(round / 3) % cap, 40 + (uint32_t)round % 300, &st);
        sl_ctq_set(&q, a, na);
        size_t want_n = 999, got_n = 998;
        double want = sl_cterm_dot_n(a, na, b, nb, &want_n);
        double got = sl_ctq_dot_n(&q, b, nb, &got_n);
        assert_memory_equal(&got, &want, sizeof got);
        assert_int_equal(got_n, want_n);
        total_shared += got_n;
        double self = sl_ctq_dot_n(&q, a, na, NULL);
        double want_self = sl_cterm_dot(a, na, a, na);
        assert_memory_equal(&self, &want_self, sizeof self);
    }
    assert_true(total_shared > 1000); /* the lists did meet */
}

/* Two results notes of one template (same frame words, another company
 * each, neither mentioning the other's) name different events; two
 * reports of one event naming it differently in their titles do not, as
 * each text mentions the other title's names; titles in another language
 * are not compared. */
static void test_title_names(void **state)
{
    (void)state;
    static const struct { const char *title, *text; } docs[] = {
        {"Hold Norvale Mining; target of Rs 225: Kestrel Research",
         "Kestrel Research kept its hold rating on Norvale Mining with a target of Rs 225. "
         "The brokerage said Norvale Mining reported lower ore output in the quarter."},
        {"Hold Pemberton Foods; target of Rs 110: Kestrel Research",
         "Kestrel Research kept its hold rating on Pemberton Foods with a target of Rs 110. "
         "The brokerage said Pemberton Foods reported weaker dairy sales in the quarter."},
        {"Norvale Mining output falls as Ravensholt pit floods",
         "Norvale Mining said output fell after heavy rain flooded its Ravensholt pit. "
         "Kestrel Research kept its hold rating on the miner."},
        {"Ravensholt pit flood cuts Norvale production",
         "Floodwater closed the Ravensholt pit of Norvale Mining for a week, the company said, "
         "and production fell in the quarter."},
    };
    sl_cfx *x = sl_cfx_new();
    sl_idf *idf = sl_idf_new();
    sl_cfeat f[4];
    for (int i = 0; i < 4; i++) {
        sl_doc *d = test_doc("n", docs[i].title, "2021-05-04T10:00:00Z", docs[i].text);
        sl_cfx_doc(x, d, idf, 1, &f[i]);
        assert_true(f[i].nt > 0 && f[i].ne > 0);
        sl_doc_free(d);
    }
    assert_true(sl_cf_title_names_differ(&f[0], &f[1]));  /* the template's series */
    assert_true(sl_cf_title_names_differ(&f[1], &f[0]));
    assert_false(sl_cf_title_names_differ(&f[2], &f[3])); /* one event, two titles */
    assert_false(sl_cf_title_names_differ(&f[0], &f[0]));
    f[0].lang = 1; /* other languages: not compared */
    f[1].lang = 2;
    assert_false(sl_cf_title_names_differ(&f[0], &f[1]));
    for (int i = 0; i < 4; i++)
        free(f[i].t);
    sl_idf_free(idf);
    sl_cfx_free(x);
}

/* Weight of the entity named `name` in f (0 if absent), and the largest
 * weight of another entity. */
static float entity_weight(const sl_cfx *x, const sl_cfeat *f, const char *name, float *other)
{
    float w = 0;
    *other = 0;
    for (size_t i = 0; i < f->ne; i++) {
        const sl_cterm *t = &sl_cf_ent(f)[i];
        const char *n = sl_cfx_name(x, t->h);
        if (n && !strcmp(n, name))
            w = t->w;
        else if (t->w > *other)
            *other = t->w;
    }
    return w;
}

/* A name in every article of a site (its region) weighs little in that
 * site's later articles, and as much as before in another site's and in
 * articles without a site. */
/* A counted article (count 1) weighs its names against its site's
 * counts from before it, as an article weighed without counting does:
 * the same vectors to the last bit, both while the site table has room
 * (weigh reads and counts in one look-up) and once it is full (it is
 * halved after the reading). Twin extractors see the same history; the
 * names are letters only (a word with a digit is no name). */
static void test_site_counts_read_before_counted(void **state)
{
    (void)state;
    sl_cfx *x[2] = {sl_cfx_new(), sl_cfx_new()};
    int probes = 0;
    for (int i = 0; i < 1800; i++) {
        sl_buf b = {0};
        sl_buf_printf(&b, "The council of Varnholm met on Monday. ");
        if (i % 3 == 0) /* a name in a third of the site's articles: weighs less */
            sl_buf_printf(&b, "The Tessaly Orchestra played at the opening. ");
        for (int k = 0; k < 20; k++) { /* names the table has not seen: it fills */
            int v = i * 20 + k;
            sl_buf_printf(&b, "They thanked Quor%c%c%c%c for the report. ", 'a' + v % 26,
                          'a' + v / 26 % 26, 'a' + v / 676 % 26, 'a' + v / 17576 % 26);
        }
        sl_doc *d = test_doc("s", "Council meets", "2021-05-04T10:00:00Z", b.data);
        d->site = sl_xstrdup("regional");
        /* probes: now and then, and at every article around the one that
         * finds the table full (some 32k names) */
        if ((i % 300 == 299 || (i >= 1500 && i < 1700)) && i % 3 == 0) {
            /* counted by x[0], only weighed by x[1] */
            sl_cfeat f[2];
            sl_cfx_doc(x[0], d, NULL, 1, &f[0]);
            sl_cfx_doc(x[1], d, NULL, 0, &f[1]);
            assert_int_equal(f[0].nb + f[0].nt + f[0].ne, f[1].nb + f[1].nt + f[1].ne);
            assert_memory_equal(f[0].t, f[1].t, (f[0].nb + f[0].nt + f[0].ne) * sizeof *f[0].t);
            free(f[0].t);
            free(f[1].t);
            sl_cfx_doc(x[1], d, NULL, 1, &f[1]); /* x[1] counts it too: same history */
            free(f[1].t);
            probes++;
        } else {
            for (int k = 0; k < 2; k++) {
                sl_cfeat f;
                sl_cfx_doc(x[k], d, NULL, 1, &f);
                free(f.t);
            }
        }
        sl_doc_free(d);
        sl_buf_free(&b);
    }
    assert_int_equal(probes, 67);
    sl_cfx_free(x[0]);
    sl_cfx_free(x[1]);
}

/* ---- saved counts ------------------------------------------------------------ */

/* Article i of a stream of two sites' articles (every fifth without a
 * site) that end with the same boilerplate and have names in the title. */
static sl_doc *stream_doc(int i)
{
    const char *const own_text = i % 2 ? CHESS : ORCHID;
    char *own = sl_xasprintf("%s Councillor Anna Varga of Brightwater spoke on day %d.",
                             own_text, i);
    sl_doc *d = site_doc("", i % 5 == 4 ? NULL : (i % 3 ? "regional" : "metro"), own);
    free(own);
    free(d->id);
    d->id = sl_xasprintf("s%d", i);
    free(d->title);
    d->title = sl_xasprintf("Brightwater news %d: Varga speaks", i);
    return d;
}

static void assert_same_features(const sl_cfeat *a, const sl_cfeat *b)
{
    assert_int_equal(a->nb, b->nb);
    assert_int_equal(a->nt, b->nt);
    assert_int_equal(a->ne, b->ne);
    assert_memory_equal(a->t, b->t, (size_t)(a->nb + a->nt + a->ne) * sizeof *a->t);
    assert_true(a->sim == b->sim && a->year == b->year && a->ent_cont == b->ent_cont);
}

/* The saved form of d's counts on x (x's history goes on with d). */
static void save_counts(sl_cfx *x, const sl_doc *d, sl_buf *out)
{
    sl_cfcount *c = sl_cfx_count(x, d);
    sl_cfcount_save(c, out);
    sl_cfcount_free(c);
}

/* Each of the n articles of the stream counted by `counter` (into the
 * IDF when count is set, as a new article; else read only, as one gone
 * cold) and restored by `restorer` from its saved form: the same
 * features. */
static void assert_restored(sl_cfx *counter, sl_cfx *restorer, sl_idf *idf[2],
                            const sl_buf *saved, int n, int count)
{
    for (int i = 0; i < n; i++) {
        sl_doc *d = stream_doc(i);
        sl_cfeat f[2];
        sl_cfx_doc(counter, d, idf[0], count, &f[0]);
        sl_cfcount *c = sl_cfx_count_saved(restorer, d, saved[i].data, saved[i].len, count);
        assert_non_null(c);
        sl_cfx_doc_counted(restorer, d, c, idf[1], count, &f[1]);
        assert_same_features(&f[0], &f[1]);
        sl_cfcount_free(c);
        free(f[0].t);
        free(f[1].t);
        sl_doc_free(d);
    }
}

/* Restored from the counts a twin extractor saved, an article has the
 * features it has counted again, to the last bit, along the whole stream
 * (the boilerplate left out of the sites' later articles, the IDF
 * growing), and after it (read only, as a cold article). */
static void test_saved_counts(void **state)
{
    (void)state;
    enum { N = 40 };
    sl_cfx *saver = sl_cfx_new(), *counter = sl_cfx_new(), *restorer = sl_cfx_new();
    sl_idf *idf[2] = {sl_idf_new(), sl_idf_new()};
    sl_buf saved[N];
    memset(saved, 0, sizeof saved);
    for (int i = 0; i < N; i++) {
        sl_doc *d = stream_doc(i);
        save_counts(saver, d, &saved[i]);
        sl_doc_free(d);
    }
    assert_restored(counter, restorer, idf, saved, N, 1);
    /* again, as articles gone cold are (the table only read, no counting
     * into the IDF): the same features again */
    assert_restored(counter, restorer, idf, saved, N, 0);
    for (int i = 0; i < N; i++)
        sl_buf_free(&saved[i]);
    assert_int_equal(sl_idf_docs(idf[0]), N);
    assert_int_equal(sl_idf_docs(idf[1]), N);
    sl_idf_free(idf[0]);
    sl_idf_free(idf[1]);
    sl_cfx_free(saver);
    sl_cfx_free(counter);
    sl_cfx_free(restorer);
}

/* Saved counts hold only under the boilerplate verdicts they were made
 * under: the counts of a site's second article (its boilerplate left out)
 * are refused where the first was never seen (the boilerplate is the
 * article's own there), and counting it then gives that extractor's
 * counts; an extractor that saw the first takes them. */
static void test_saved_counts_verdicts(void **state)
{
    (void)state;
    sl_cfx *saver = sl_cfx_new(), *fresh = sl_cfx_new(), *same = sl_cfx_new(),
           *check = sl_cfx_new();
    sl_doc *first = site_doc("f", "regional", ORCHID), *second = site_doc("g", "regional", CHESS);
    sl_buf saved = {0}, own = {0};
    save_counts(saver, first, &own);
    sl_buf_reset(&own);
    save_counts(saver, second, &saved);
    assert_null(sl_cfx_count_saved(fresh, second, saved.data, saved.len, 1));
    sl_cfeat f[2];
    sl_cfx_doc(fresh, second, NULL, 1, &f[0]); /* counted, the boilerplate its own */
    sl_cfx_doc(check, second, NULL, 1, &f[1]);
    assert_same_features(&f[0], &f[1]);
    free(f[1].t);
    sl_cfeat g;
    sl_cfcount *c = sl_cfx_count_saved(same, first, NULL, 0, 1); /* nothing saved */
    assert_null(c);
    sl_cfx_doc(same, first, NULL, 1, &g);
    free(g.t);
    c = sl_cfx_count_saved(same, second, saved.data, saved.len, 1);
    assert_non_null(c);
    sl_cfx_doc_counted(same, second, c, NULL, 1, &g);
    /* without the boilerplate's words: fewer body terms than counted with them */
    assert_true(g.nb < f[0].nb);
    sl_cfcount_free(c);
    free(g.t);
    free(f[0].t);
    sl_buf_free(&saved);
    sl_buf_free(&own);
    sl_doc_free(first);
    sl_doc_free(second);
    sl_cfx_free(saver);
    sl_cfx_free(fresh);
    sl_cfx_free(same);
    sl_cfx_free(check);
}

/* A damaged saved form is refused, never read past: every single-bit
 * flip and every truncation (the check), another format byte with its
 * check made again, and a form whose surfaces lie beyond the text it is
 * restored for. */
static void test_saved_counts_damaged(void **state)
{
    (void)state;
    sl_cfx *saver = sl_cfx_new(), *x = sl_cfx_new();
    sl_doc *d = stream_doc(4); /* (no site: no verdicts to differ) */
    assert_null(d->site);
    sl_buf saved = {0};
    save_counts(saver, d, &saved);
    sl_cfcount *c = sl_cfx_count_saved(x, d, saved.data, saved.len, 1);
    assert_non_null(c);
    sl_cfcount_free(c);
    unsigned char *b = (unsigned char *)saved.data;
    for (size_t i = 0; i < saved.len; i++)
        for (int bit = 0; bit < 8; bit++) {
            b[i] ^= (unsigned char)(1u << bit);
            assert_null(sl_cfx_count_saved(x, d, b, saved.len, 1));
            b[i] ^= (unsigned char)(1u << bit);
        }
    for (size_t n = 0; n < saved.len; n++) {
        unsigned char *cut = malloc(n + 1); /* (its own block: ASan sees a read past it) */
        memcpy(cut, b, n);
        assert_null(sl_cfx_count_saved(x, d, cut, n, 1));
        free(cut);
    }
    uint32_t sum;
    b[0]++;
    sum = (uint32_t)sl_hash64(b, saved.len - 4);
    for (int k = 0; k < 4; k++)
        b[saved.len - 4 + (size_t)k] = (unsigned char)(sum >> (8 * k));
    assert_null(sl_cfx_count_saved(x, d, b, saved.len, 1));
    b[0]--;
    sum = (uint32_t)sl_hash64(b, saved.len - 4);
    for (int k = 0; k < 4; k++)
        b[saved.len - 4 + (size_t)k] = (unsigned char)(sum >> (8 * k));
    c = sl_cfx_count_saved(x, d, b, saved.len, 1); /* whole again */
    assert_non_null(c);
    sl_cfcount_free(c);
    free(d->text);
    d->text = sl_xstrdup("Short."); /* the surfaces lay in a longer text */
    assert_null(sl_cfx_count_saved(x, d, b, saved.len, 1));
    sl_buf_free(&saved);
    sl_doc_free(d);
    sl_cfx_free(saver);
    sl_cfx_free(x);
}

static void test_site_frame_names(void **state)
{
    (void)state;
    static const char *TOPICS[] = {"bridge", "school", "harbour", "hospital", "library"};
    sl_cfx *x = sl_cfx_new();
    sl_idf *idf = sl_idf_new();
    for (int i = 0; i < 30; i++) {
        char *text = sl_xasprintf("The council of Varnholm voted on the new %s on Monday. "
                                  "Residents of the district spoke at the meeting for an hour.",
                                  TOPICS[i % 5]);
        sl_doc *d = test_doc("s", "Council votes", "2021-05-04T10:00:00Z", text);
        d->site = sl_xstrdup("regional");
        sl_cfeat f;
        sl_cfx_doc(x, d, idf, 1, &f);
        free(f.t);
        sl_doc_free(d);
        free(text);
    }
    const char *text = "The council of Varnholm approved the budget of the Tessaly Orchestra "
                       "on Monday after residents asked for more concerts.";
    float w[3], other[3];
    const char *sites[3] = {"regional", "national", NULL};
    for (int k = 0; k < 3; k++) {
        sl_doc *d = test_doc("q", "Orchestra budget approved", "2021-05-04T12:00:00Z", text);
        if (sites[k])
            d->site = sl_xstrdup(sites[k]);
        sl_cfeat f;
        sl_cfx_doc(x, d, idf, 0, &f);
        w[k] = entity_weight(x, &f, "Varnholm", &other[k]);
        assert_true(other[k] > 0 && (k == 0 || w[k] > 0));
        free(f.t);
        sl_doc_free(d);
    }
    assert_true(w[0] < 0.5f * other[0]); /* the site's frame name weighs little (here
                                            nothing: every article of the site has it) */
    assert_true(w[1] > 0.5f * other[1]); /* elsewhere it is a name like another */
    assert_true(fabsf(w[1] - w[2]) < 1e-6f);
    sl_idf_free(idf);
    sl_cfx_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_sorted_unit),
        cmocka_unit_test(test_site_boilerplate),
        cmocka_unit_test(test_site_copy_counts),
        cmocka_unit_test(test_count_then_weigh),
        cmocka_unit_test(test_term_per_language),
        cmocka_unit_test(test_dot_matches_merge),
        cmocka_unit_test(test_query_matches_merge),
        cmocka_unit_test(test_title_names),
        cmocka_unit_test(test_site_frame_names),
        cmocka_unit_test(test_site_counts_read_before_counted),
        cmocka_unit_test(test_saved_counts),
        cmocka_unit_test(test_saved_counts_verdicts),
        cmocka_unit_test(test_saved_counts_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
