/* Unit tests of the story engine: same event vs same kind of event,
 * duplicates, merges, removal, restoring, explanations. Articles are built
 * here (no corpus needed). */
#include "harness.h"
#include "cluster.h"
#include "flood_texts.h"
#include "util.h"

#include <math.h>

static sl_doc *mkdoc(const char *id, const char *title, const char *text, const char *when)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->title = sl_xstrdup(title);
    d->text = sl_xstrdup(text);
    d->lang = sl_xstrdup("en");
    if (when)
        assert_true(sl_parse_iso8601(when, &d->pub_time));
    return d;
}

typedef struct fixture {
    sl_doc *d[5];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->d[0] = mkdoc("a1", "Merkel promises aid to flooded Dresden", A1, "2013-06-04T10:00:00Z");
    f->d[1] = mkdoc("a2", "Merkel visits Elbe flood, pledges 100 million euros", A2,
                    "2013-06-04T16:30:00Z");
    f->d[2] = mkdoc("c1", "Merkel visits flooded Ahr valley", C1, "2021-07-18T12:00:00Z");
    f->d[3] = mkdoc("b1", "Liverpool win Champions League final", B1, "2019-06-01T22:00:00Z");
    f->d[4] = mkdoc("a1copy", "Merkel promises aid to flooded Dresden", A1, "2013-06-04T11:00:00Z");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 5; i++)
        sl_doc_free(f->d[i]);
    free(f);
    return 0;
}

static const sl_clu_story *find(sl_clusterer *c, int64_t id)
{
    const sl_clu_story *const *st;
    size_t n = sl_clu_stories(c, &st);
    for (size_t i = 0; i < n; i++)
        if (st[i]->id == id)
            return st[i];
    return NULL;
}

static void test_event_not_topic(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    for (uint32_t i = 0; i < 4; i++)
        assert_true(sl_clu_add(c, i, f->d[i]) > 0);
    sl_clu_finish(c, 1);
    int64_t a = sl_clu_story_of(c, 0);
    assert_int_equal(sl_clu_story_of(c, 1), a);      /* same event */
    assert_int_not_equal(sl_clu_story_of(c, 2), a);  /* same kind, years later */
    assert_int_not_equal(sl_clu_story_of(c, 3), a);  /* unrelated */
    assert_int_not_equal(sl_clu_story_of(c, 3), sl_clu_story_of(c, 2));
    /* the two flood visits are linked, with a reason naming what they share */
    const sl_clu_story *s = find(c, a);
    assert_non_null(s);
    int linked = 0;
    for (size_t i = 0; i < s->nrelated; i++)
        if (s->related[i].story == sl_clu_story_of(c, 2)) {
            linked = 1;
            assert_non_null(strstr(s->related[i].reason, "Merkel"));
            assert_non_null(strstr(s->related[i].reason, "days apart"));
        }
    assert_true(linked);
    const sl_clu_story *b = find(c, sl_clu_story_of(c, 3));
    for (size_t i = 0; i < b->nrelated; i++)
        assert_int_not_equal(b->related[i].story, a);
    sl_clu_free(c);
}

static void test_duplicates(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    sl_clu_add(c, 0, f->d[0]);
    sl_clu_add(c, 1, f->d[3]);
    int64_t s = sl_clu_add(c, 2, f->d[4]); /* a copy of doc 0 */
    sl_clu_finish(c, 1);
    assert_int_equal(s, sl_clu_story_of(c, 0));
    const sl_clu_story *st = find(c, s);
    assert_int_equal(st->ndups, 1);
    assert_int_equal(st->dups[0].doc, 2);
    assert_int_equal(st->dups[0].of, 0);
    char *why = sl_clu_why(c, 2, 0);
    assert_non_null(strstr(why, "\"duplicate\":true"));
    free(why);
    /* removing the original drops the duplicate entry */
    sl_clu_remove(c, 0);
    st = find(c, s);
    assert_non_null(st);
    assert_int_equal(st->ndups, 0);
    sl_clu_free(c);
}

/* Restoring saved stories (sl_clu_place) finds the duplicates again: a
 * copy placed after its original, in the original's story, is listed as
 * its copy, as the stream listed it. */
static void test_place_finds_duplicates(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    sl_clu_place(c, 0, f->d[0], 7);
    sl_clu_place(c, 1, f->d[3], 8);
    sl_clu_place(c, 2, f->d[4], 7); /* a copy of doc 0 */
    sl_clu_finish(c, 0);
    const sl_clu_story *st = find(c, 7);
    assert_non_null(st);
    assert_int_equal(st->ndocs, 2);
    assert_int_equal(st->ndups, 1);
    assert_int_equal(st->dups[0].doc, 2);
    assert_int_equal(st->dups[0].of, 0);
    assert_int_equal(find(c, 8)->ndups, 0);
    sl_clu_free(c);
    /* a copy saved in another story than its original's is not one there */
    c = sl_clu_new();
    sl_clu_place(c, 0, f->d[0], 7);
    sl_clu_place(c, 2, f->d[4], 9);
    sl_clu_finish(c, 0);
    assert_int_equal(find(c, 9)->ndups, 0);
    assert_int_equal(find(c, 7)->ndups, 0);
    sl_clu_free(c);
}

/* A story's first and last seen are its articles' earliest and latest
 * times: they narrow again when the article that held one leaves. */
static void test_times_follow_members(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    sl_clu_place(c, 0, f->d[0], 5); /* 10:00 */
    sl_clu_place(c, 1, f->d[1], 5); /* 16:30 */
    sl_clu_place(c, 2, f->d[4], 5); /* 11:00 */
    int64_t t0 = f->d[0]->pub_time, t1 = f->d[1]->pub_time, t4 = f->d[4]->pub_time;
    assert_true(t0 < t4 && t4 < t1);
    const sl_clu_story *st = find(c, 5);
    assert_true(st->first_seen == t0 && st->last_seen == t1);
    sl_clu_remove(c, 1);
    st = find(c, 5);
    assert_true(st->first_seen == t0 && st->last_seen == t4);
    sl_clu_remove(c, 0);
    st = find(c, 5);
    assert_true(st->first_seen == t4 && st->last_seen == t4);
    sl_clu_free(c);
}

static void test_why(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    for (uint32_t i = 0; i < 4; i++)
        sl_clu_add(c, i, f->d[i]);
    sl_clu_finish(c, 1);
    char *j = sl_clu_why(c, 0, 1);
    assert_non_null(j);
    assert_non_null(strstr(j, "\"same_story\":true"));
    assert_non_null(strstr(j, "\"terms_cosine\""));
    assert_non_null(strstr(j, "\"entity_cosine\""));
    assert_non_null(strstr(j, "\"threshold\""));
    assert_non_null(strstr(j, "Merkel"));
    free(j);
    j = sl_clu_why(c, 0, 2);
    assert_non_null(strstr(j, "\"same_story\":false"));
    assert_non_null(strstr(j, "\"days_apart\":29")); /* 2013 -> 2021: about 2966 days */
    free(j);
    assert_null(sl_clu_why(c, 0, 99));
    sl_clu_free(c);
}

static void test_merge_in_batch(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    /* restore a state where one event was split in two stories */
    sl_clu_place(c, 0, f->d[0], 7);
    sl_clu_place(c, 1, f->d[1], 9);
    sl_clu_place(c, 2, f->d[3], 11);
    assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    const sl_clu_merge *m;
    assert_int_equal(sl_clu_merges(c, &m), 0);
    sl_clu_finish(c, 1);
    assert_int_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    assert_int_equal(sl_clu_story_of(c, 2), 11);
    size_t nm = sl_clu_merges(c, &m);
    assert_int_equal(nm, 1);
    assert_true((m[0].from == 9 && m[0].into == 7) || (m[0].from == 7 && m[0].into == 9));
    assert_null(find(c, m[0].from));
    /* how: the stories alike (score at least merge_score), or the lone
     * article of one moved to the other (its score at least the
     * threshold); either way a rule and a score */
    assert_non_null(m[0].rule);
    assert_true(!strcmp(m[0].rule, "alike") || !strcmp(m[0].rule, "moved"));
    assert_true(m[0].score >= 0.28 && m[0].score <= 1.0);
    assert_true(!strcmp(m[0].rule, "alike") ? m[0].doc == SL_CLU_NO_DOC : m[0].doc == 1);
    /* new stories get fresh ids */
    int64_t s = sl_clu_add(c, 3, f->d[2]);
    assert_true(s > 11);
    sl_clu_free(c);
}

static double why_value(sl_clusterer *c, uint32_t a, uint32_t b, const char *part, const char *key);

/* A stream article that matches two stories at the bridge score or more
 * merges them, recorded as a bridge with that article and the lower of
 * its two scores; under the bridge score it only joins the best. */
static void test_bridge_recorded(void **state)
{
    fixture *f = *state;
    static const char *M = "Merkel in Dresden: the Elbe crest, sandbags and 100 million euros. "
                           "Saxony premier Stanislaw Tillich and Chancellor Angela Merkel met "
                           "soldiers and volunteers on the embankment as evacuations went on in "
                           "Pirna and Meissen and the river rose past eight metres.";
    for (int low = 0; low <= 1; low++) {
        sl_doc *d = mkdoc("m", "Merkel and Tillich on the Elbe embankment in Dresden", M,
                          "2013-06-04T18:00:00Z");
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "bridge", low ? 0.2 : 5.0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 9);
        sl_clu_finish(c, 0);
        int64_t s = sl_clu_add(c, 2, d);
        const sl_clu_merge *m;
        size_t nm = sl_clu_merges(c, &m);
        assert_true(s == 7 || s == 9);
        if (!low) {
            assert_int_equal(nm, 0);
            assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
        } else {
            assert_int_equal(nm, 1);
            assert_string_equal(m[0].rule, "bridge");
            assert_int_equal(m[0].doc, 2);
            assert_int_equal(m[0].into, s);
            assert_int_equal(m[0].from, s == 7 ? 9 : 7);
            assert_true(m[0].score >= 0.2 && m[0].score <= 1.0);
            assert_int_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
        }
        sl_clu_free(c);
        sl_doc_free(d);
    }
}

/* The batch passes ask titles to agree (title_min): the same two reports
 * of one event, split in two stories, merge when the second has no title
 * or a title naming the event, and stay apart under a title that names
 * something else, unless title_min is 0. */
static void test_batch_needs_titles_to_agree(void **state)
{
    fixture *f = *state;
    const struct { const char *title; double title_min; int merge; } cases[] = {
        {"", 0.3, 1},
        {"Merkel pledges flood aid for Dresden", 0.3, 1},
        {"Weekend football scores and league tables", 0.3, 0},
        {"Weekend football scores and league tables", 0.0, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("a2t", cases[k].title, A2, "2013-06-04T16:30:00Z");
        sl_clusterer *c = sl_clu_new();
        assert_int_equal(sl_clu_set(c, "title_min", cases[k].title_min), 0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, d, 9);
        sl_clu_place(c, 2, f->d[3], 11);
        double title = why_value(c, 1, 0, "\"pair\":", "\"title_cosine\":");
        if (*cases[k].title) /* the titles agree exactly when they name the event */
            assert_int_equal(title >= 0.3, strstr(cases[k].title, "Merkel") != NULL);
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 0) == sl_clu_story_of(c, 1), cases[k].merge);
        assert_int_equal(sl_clu_story_of(c, 2), 11);
        sl_clu_free(c);
        sl_doc_free(d);
    }
}

/* Two notes of one template about two companies share every frame word,
 * and each names a company the other never mentions: the penalty
 * (name_pen) keeps them apart; without it they read as one event. */
static void test_template_titles_apart(void **state)
{
    (void)state;
    static const char *T[2][2] = {
        {"Hold Norvale Mining; target of Rs 225: Kestrel Research",
         "Kestrel Research kept its hold rating on Norvale Mining with a target price of Rs 225 "
         "in its research report. The brokerage expects margins to stay under pressure in the "
         "second half and recommends investors hold the stock."},
        {"Hold Pemberton Foods; target of Rs 110: Kestrel Research",
         "Kestrel Research kept its hold rating on Pemberton Foods with a target price of Rs 110 "
         "in its research report. The brokerage expects margins to stay under pressure in the "
         "second half and recommends investors hold the stock."},
    };
    for (int pen = 0; pen < 2; pen++) {
        sl_clusterer *c = sl_clu_new();
        if (!pen)
            assert_int_equal(sl_clu_set(c, "name_pen", 0.0), 0);
        sl_doc *d[2];
        for (int i = 0; i < 2; i++) {
            d[i] = mkdoc(i ? "p" : "n", T[i][0], T[i][1], i ? "2019-11-04T10:00:00Z" : "2019-11-04T09:00:00Z");
            sl_clu_add(c, (uint32_t)i, d[i]);
        }
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 0) == sl_clu_story_of(c, 1), !pen);
        sl_clu_free(c);
        for (int i = 0; i < 2; i++)
            sl_doc_free(d[i]);
    }
}

/* join_body: a join needs that much body cosine with a story in the
 * article's language (a report of the story's event, its body cosine known
 * from `why`): under it the article starts its own story. In another
 * language join_body does not ask (it joins at 0 and at 0.99 alike). */
static void test_join_needs_body(void **state)
{
    fixture *f = *state;
    int joined[4];
    const struct { const char *lang; double above; } cases[4] = {
        {"en", -0.01}, {"en", 0.01}, {"de", -1.0}, {"de", 0.99}};
    for (int k = 0; k < 4; k++) {
        sl_clusterer *c = sl_clu_new();
        sl_doc *x = mkdoc("x", "", A2, "2013-06-04T16:30:00Z");
        free(x->lang);
        x->lang = sl_xstrdup(cases[k].lang);
        sl_clu_add(c, 0, f->d[0]);
        sl_clu_add(c, 1, x);
        double body = why_value(c, 1, 0, "\"pair\":", "\"terms_cosine\":");
        sl_clu_remove(c, 1);
        assert_true(body > 0.0 && body < 1.0);
        double jb = k < 2 ? body + cases[k].above : cases[k].above < 0 ? 0.0 : 0.99;
        assert_int_equal(sl_clu_set(c, "join_body", jb), 0);
        if (k >= 2) /* the stems do not meet: a low threshold lets it join */
            assert_int_equal(sl_clu_set(c, "threshold", 0.05), 0);
        sl_clu_add(c, 1, x);
        joined[k] = sl_clu_story_of(c, 1) == sl_clu_story_of(c, 0);
        sl_clu_free(c);
        sl_doc_free(x);
    }
    assert_true(joined[0]);
    assert_false(joined[1]);
    assert_true(joined[2] && joined[3]);
}

static void test_threshold_and_remove(void **state)
{
    fixture *f = *state;
    sl_clusterer *c = sl_clu_new();
    assert_int_equal(sl_clu_set(c, "no_such_parameter", 1), -1);
    assert_int_equal(sl_clu_set(c, "threshold", 5.0), 0); /* nothing can join */
    assert_int_equal(sl_clu_set(c, "lone_thr", 5.0), 0);
    assert_int_equal(sl_clu_set(c, "merge_score", 5.0), 0);
    sl_clu_add(c, 0, f->d[0]);
    sl_clu_add(c, 1, f->d[1]);
    sl_clu_finish(c, 1);
    assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    const sl_clu_story *const *st;
    assert_int_equal(sl_clu_stories(c, &st), 2);
    sl_clu_remove(c, 1);
    assert_int_equal(sl_clu_story_of(c, 1), 0);
    assert_int_equal(sl_clu_stories(c, &st), 1);
    sl_clu_remove(c, 1); /* twice is harmless */
    sl_clu_remove(c, 1000);
    assert_true(sl_clu_memory(c) > 0);
    sl_clu_free(c);
}

static void test_bad_input(void **state)
{
    (void)state;
    sl_clusterer *c = sl_clu_new();
    sl_doc *e = sl_doc_new(); /* no title, no text, no time, no language */
    assert_true(sl_clu_add(c, 0, e) > 0);
    sl_doc *g = sl_doc_new();
    sl_buf b = {0};
    for (int i = 0; i < 20000; i++)
        sl_buf_puts(&b, "Word ");
    g->text = sl_buf_take(&b);
    assert_true(sl_clu_add(c, 5, g) > 0); /* sparse handles are fine */
    assert_int_equal(sl_clu_story_of(c, 3), 0);
    sl_clu_finish(c, 1);
    char *j = sl_clu_why(c, 0, 5);
    assert_non_null(j);
    free(j);
    sl_doc_free(e);
    sl_doc_free(g);
    sl_clu_free(c);
    sl_clu_free(NULL);
}

/* Two unrelated articles whose only common ground is a dateline's month
 * name (capitalised, but not a name) and one word: not one event, in
 * streaming or in batch. */
static void test_name_alone_is_not_an_event(void **state)
{
    (void)state;
    sl_doc *x = mkdoc("x", "", "Posted 15 Nov 2019. Heavy rain flooded streets and farmland after the "
                               "river burst its banks overnight, and rescuers evacuated villagers by boat.",
                      "2019-11-15T08:00:00Z");
    sl_doc *y = mkdoc("y", "", "Posted 15 Nov 2019. The orchestra premiered a symphony for violin and "
                               "choir, and critics praised the soloist and the conductor warmly.",
                      "2019-11-15T09:00:00Z");
    sl_clusterer *c = sl_clu_new();
    sl_clu_add(c, 0, x);
    sl_clu_add(c, 1, y);
    assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    sl_clu_place(c, 2, x, 50); /* batch: even as two stories of their own */
    sl_clu_place(c, 3, y, 51);
    sl_clu_finish(c, 1);
    assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    assert_int_not_equal(sl_clu_story_of(c, 2), sl_clu_story_of(c, 3));
    char *why = sl_clu_why(c, 2, 3);
    assert_non_null(strstr(why, "\"entity_cosine\":0.0000")); /* a month is no name */
    free(why);
    sl_clu_free(c);
    sl_doc_free(x);
    sl_doc_free(y);
}

/* The batch lets a lone article join its clear best story at a low score,
 * but not a story in another language (stems of two languages meet only
 * by accident). Same text, tagged once with the story's language and once
 * with another: only the first may be pulled in. */
static void test_lone_joins_in_its_language(void **state)
{
    fixture *f = *state;
    static const char *L = "Dresden residents returned home as the Elbe water fell. Volunteers "
                            "cleaned mud from cellars in Pirna and Meissen, and the power came back.";
    int joined[2];
    for (int k = 0; k < 2; k++) {
        sl_doc *d = mkdoc("l", "", L, "2013-06-06T10:00:00Z");
        if (k) {
            free(d->lang);
            d->lang = sl_xstrdup("de");
        }
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "threshold", 0.6); /* streaming leaves it alone */
        sl_clu_set(c, "lone_thr", 0.0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 7);
        sl_clu_place(c, 2, f->d[3], 9);
        sl_clu_place(c, 3, d, 11);
        sl_clu_finish(c, 1);
        joined[k] = sl_clu_story_of(c, 3) == 7;
        assert_int_equal(sl_clu_story_of(c, 2), 9);
        sl_clu_free(c);
        sl_doc_free(d);
    }
    assert_true(joined[0]);
    assert_false(joined[1]);
}

/* A clusterer whose batch joins below the threshold by the lone rule alone
 * (no join in the stream, no merge of stories, no small piece joining). */
static sl_clusterer *lone_rule_alone(void)
{
    sl_clusterer *c = sl_clu_new();
    sl_clu_set(c, "threshold", 0.6);
    sl_clu_set(c, "lone_thr", 0.0);
    sl_clu_set(c, "merge_score", 0.9);
    sl_clu_set(c, "small_max", 0);
    return c;
}

/* Places the fixture's flood story (story 7, its first `members` of two
 * reports), the football report (9) and d alone (11), runs the batch, and
 * says whether d joined the flood story; frees c. */
static int lone_joins(sl_clusterer *c, fixture *f, int members, const sl_doc *d)
{
    sl_clu_place(c, 0, f->d[0], 7);
    if (members > 1)
        sl_clu_place(c, 1, f->d[1], 7);
    sl_clu_place(c, 2, f->d[3], 9);
    sl_clu_place(c, 3, d, 11);
    sl_clu_finish(c, 1);
    int joined = sl_clu_story_of(c, 3) == sl_clu_story_of(c, 0);
    sl_clu_free(c);
    return joined;
}

/* Below the threshold, a lone article joins only an established story
 * (lone_into articles or more) and only on shared content (lone_body). */
static void test_lone_needs_a_story_and_content(void **state)
{
    fixture *f = *state;
    static const char *L = "Dresden residents returned home as the Elbe water fell. Volunteers "
                            "cleaned mud from cellars in Pirna and Meissen, and the power came back.";
    /* {lone_into, lone_body, members of story 7, expected join} */
    const struct { double into, body; int members, join; } cases[] = {
        {2, 0.10, 2, 1}, {2, 0.10, 1, 0}, {1, 0.10, 1, 1}, {2, 0.99, 2, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("l", "", L, "2013-06-06T10:00:00Z");
        sl_clusterer *c = lone_rule_alone();
        assert_int_equal(sl_clu_set(c, "lone_into", cases[k].into), 0);
        assert_int_equal(sl_clu_set(c, "lone_body", cases[k].body), 0);
        assert_int_equal(lone_joins(c, f, cases[k].members, d), cases[k].join);
        sl_doc_free(d);
    }
}

/* The lone rule asks for a name in common: the same words about another
 * place (another town's flood, with no name the story has) stay apart,
 * while the story's own places join; a title naming a name of the
 * story's titles is enough. */
static void test_lone_needs_a_name(void **state)
{
    fixture *f = *state;
#define FLOOD(town, other)                                                                  \
    "Soldiers stacked sandbags along the river embankments as the flood crest rose past "    \
    "eight metres in " town ", and thousands of residents were evacuated from their flooded " \
    "homes in " other ". The government promised emergency help for families."
    static const struct {
        const char *title, *text;
        int join;
    } cases[] = {
        {"", FLOOD("Dresden", "Pirna"), 1},
        {"", FLOOD("Passau", "Deggendorf"), 0},
        {"Merkel thanks flood volunteers", FLOOD("Passau", "Deggendorf"), 1},
    };
#undef FLOOD
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("l", cases[k].title, cases[k].text, "2013-06-06T10:00:00Z");
        sl_clusterer *c = lone_rule_alone();
        sl_clu_set(c, "title_min", 0.0);
        assert_int_equal(lone_joins(c, f, 2, d), cases[k].join);
        sl_doc_free(d);
    }
}

/* An alike merge must suit each article of the smaller story, not only its
 * centroid (members_fit). A live blog on the flood with a paragraph on a
 * trial makes a story with the trial's report; their centroid scores alike
 * with the flood story, whose articles never mention the trial. Without
 * the member floor (member_min -1) the trial is swallowed. */
static void test_merge_fits_every_member(void **state)
{
    fixture *f = *state;
    static const char *BLOG =
        "Live updates. Chancellor Angela Merkel visited flooded Dresden and promised 100 "
        "million euros of federal aid. Merkel toured the Elbe embankments with Saxony premier "
        "Stanislaw Tillich as soldiers stacked sandbags and the river rose past eight metres; "
        "the crest is expected in Dresden on Thursday after evacuations in Pirna and Meissen. "
        "In Munich, the trial of banker Ulrich Hoeness heard that jurors saw the tax ledgers "
        "of his Zurich accounts.";
    static const char *TRIAL =
        "The trial of banker Ulrich Hoeness in Munich heard on Tuesday that jurors saw the tax "
        "ledgers of his Zurich accounts. Prosecutor Karl Brandt said Hoeness hid 27 million "
        "euros from the tax office; the defence called a Swiss accountant as its witness.";
    for (int floor = 0; floor <= 1; floor++) {
        sl_doc *b = mkdoc("blog", "", BLOG, "2013-06-04T17:00:00Z");
        sl_doc *t = mkdoc("trial", "", TRIAL, "2013-06-04T15:00:00Z");
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "threshold", 0.9); /* no article moves */
        sl_clu_set(c, "lone_thr", 5.0);
        sl_clu_set(c, "small_max", 0);
        if (!floor)
            sl_clu_set(c, "member_min", -1.0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 7);
        sl_clu_place(c, 2, b, 9);
        sl_clu_place(c, 3, t, 9);
        sl_clu_finish(c, 1);
        const sl_clu_merge *m;
        size_t nm = sl_clu_merges(c, &m);
        assert_int_equal(nm, floor ? 0 : 1);
        assert_int_equal(sl_clu_story_of(c, 3) == 7, !floor);
        assert_int_equal(sl_clu_story_of(c, 2), sl_clu_story_of(c, 3)); /* no split */
        if (!floor)
            assert_string_equal(m[0].rule, "alike");
        sl_clu_free(c);
        sl_doc_free(b);
        sl_doc_free(t);
    }
}

/* The batch's last step merges a small story (here two articles) into its
 * clear best larger story when they share content words (small_max, small_body); moves,
 * the lone rule and the story merges are kept out of the way. */
static void test_small_piece_joins(void **state)
{
    fixture *f = *state;
    static const char *L = "Dresden residents returned home as the Elbe water fell. Volunteers "
                            "cleaned mud from cellars in Pirna and Meissen, and the power came back.";
    static const char *L2 = "In Pirna and Meissen the Elbe water fell and residents returned home "
                             "to cellars full of mud; volunteers from Dresden helped them clean.";
    /* {small_max, small_body, expected join} */
    const struct { double max, body; int join; } cases[] = {{2, 0.0, 1}, {0, 0.0, 0}, {2, 0.99, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("l", "", L, "2013-06-06T10:00:00Z");
        sl_doc *d2 = mkdoc("l2", "", L2, "2013-06-06T12:00:00Z");
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "threshold", 0.6); /* no move, no lone join, no merge */
        sl_clu_set(c, "lone_thr", 5.0);
        sl_clu_set(c, "merge_score", 5.0);
        sl_clu_set(c, "small_thr", 0.0);
        assert_int_equal(sl_clu_set(c, "small_max", cases[k].max), 0);
        assert_int_equal(sl_clu_set(c, "small_body", cases[k].body), 0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 7);
        sl_clu_place(c, 2, f->d[3], 9);
        sl_clu_place(c, 5, f->d[4], 7); /* the larger story */
        sl_clu_place(c, 3, d, 11);
        sl_clu_place(c, 4, d2, 11);
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 3) == 7, cases[k].join);
        assert_int_equal(sl_clu_story_of(c, 4), sl_clu_story_of(c, 3)); /* as a whole */
        assert_int_equal(sl_clu_story_of(c, 2), 9); /* the match stays apart */
        const sl_clu_merge *m;
        assert_int_equal(sl_clu_merges(c, &m), (size_t)cases[k].join);
        if (cases[k].join) { /* recorded as the small-story rule, with its score */
            assert_int_equal(m[0].from, 11);
            assert_int_equal(m[0].into, 7);
            assert_string_equal(m[0].rule, "small");
            assert_true(m[0].score > 0 && m[0].score < 1);
            assert_int_equal(m[0].doc, SL_CLU_NO_DOC);
        }
        sl_clu_free(c);
        sl_doc_free(d);
        sl_doc_free(d2);
    }
}

/* The number after "key": in the part of `why` JSON that follows `part`. */
static double why_value(sl_clusterer *c, uint32_t a, uint32_t b, const char *part, const char *key)
{
    char *why = sl_clu_why(c, a, b);
    assert_non_null(why);
    const char *p = strstr(why, part);
    assert_non_null(p);
    p = strstr(p, key);
    assert_non_null(p);
    double v = atof(p + strlen(key));
    free(why);
    return v;
}

/* A lone article whose best match is another lone article (which it may
 * not join, lone_into) looks at the established stories alone and joins
 * the clear best one at the small-story standard (small_thr, small_body). */
static void test_lone_past_a_lone_rival(void **state)
{
    fixture *f = *state;
    static const char *L = "Dresden residents returned home as the Elbe water fell. Volunteers "
                            "cleaned mud from cellars in Pirna and Meissen, and the power came back.";
    static const char *L2 = "Dresden residents returned home as the Elbe water fell in Pirna and "
                             "Meissen. Volunteers cleaned the mud from their cellars.";
    const struct { double body; int join; } cases[] = {{0.0, 1}, {0.99, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("l", "", L, "2013-06-06T10:00:00Z");
        sl_doc *d2 = mkdoc("l2", "", L2, "2013-06-06T11:00:00Z");
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "threshold", 5.0); /* no move, no merge: the lone rule alone */
        sl_clu_set(c, "merge_score", 5.0);
        sl_clu_set(c, "lone_thr", 0.0);
        sl_clu_set(c, "small_thr", 0.0);
        assert_int_equal(sl_clu_set(c, "small_body", cases[k].body), 0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 7);
        sl_clu_place(c, 2, f->d[3], 9);
        sl_clu_place(c, 3, d, 11);
        sl_clu_place(c, 4, d2, 13);
        /* the rival is the closer match */
        double pair = why_value(c, 3, 4, "\"pair\":", "\"score\":");
        double vs = why_value(c, 3, 0, "\"a_vs_story_of_b\":", "\"score\":");
        assert_true(pair > vs);
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 3) == 7, cases[k].join);
        assert_int_equal(sl_clu_story_of(c, 2), 9);
        sl_clu_free(c);
        sl_doc_free(d);
        sl_doc_free(d2);
    }
}

/* A lone article whose best match is another lone article, which joins a
 * story later in the same pass, looks again and joins that story when its
 * own body cosine with it reaches relook_body: the order of the pass does
 * not decide. Here the rival clears the small-story standard and the
 * article does not (small_body between their two body cosines). */
static void test_lone_follows_its_rival(void **state)
{
    fixture *f = *state;
    static const char *L = "Dresden residents returned home as the Elbe water fell. Volunteers "
                            "cleaned mud from cellars in Pirna and Meissen, and the power came back.";
    static const char *R = "Merkel promised federal aid to Dresden as the Elbe water fell. Residents "
                            "returned home to Pirna and Meissen, where volunteers cleaned mud from "
                            "cellars, Saxony premier Tillich said.";
    const struct { double relook; int join; } cases[] = {{0.0, 1}, {0.99, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("l", "", L, "2013-06-06T10:00:00Z");
        sl_doc *r = mkdoc("r", "", R, "2013-06-06T11:00:00Z");
        sl_clusterer *c = sl_clu_new();
        sl_clu_set(c, "threshold", 5.0); /* no move, no merge: the lone rule alone */
        sl_clu_set(c, "merge_score", 5.0);
        sl_clu_set(c, "lone_thr", 0.0);
        sl_clu_set(c, "small_thr", 0.0);
        sl_clu_set(c, "small_max", 0);
        assert_int_equal(sl_clu_set(c, "relook_body", cases[k].relook), 0);
        sl_clu_place(c, 0, f->d[0], 7);
        sl_clu_place(c, 1, f->d[1], 7);
        sl_clu_place(c, 2, f->d[3], 9);
        sl_clu_place(c, 3, d, 11); /* looked at first */
        sl_clu_place(c, 4, r, 13);
        /* the rival is the article's best match, and closer to story 7 */
        double pair = why_value(c, 3, 4, "\"pair\":", "\"score\":");
        double vs = why_value(c, 3, 0, "\"a_vs_story_of_b\":", "\"score\":");
        double body_l = why_value(c, 3, 0, "\"a_vs_story_of_b\":", "\"terms_cosine\":");
        double body_r = why_value(c, 4, 0, "\"a_vs_story_of_b\":", "\"terms_cosine\":");
        assert_true(pair > vs);
        assert_true(body_r > body_l);
        sl_clu_set(c, "small_body", (body_l + body_r) / 2);
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 4), 7);
        assert_int_equal(sl_clu_story_of(c, 3) == 7, cases[k].join);
        assert_int_equal(sl_clu_story_of(c, 2), 9);
        sl_clu_free(c);
        sl_doc_free(d);
        sl_doc_free(r);
    }
}

/* The entity cosine of two one-sentence articles (why), with ent_one at
 * value v. */
static double ent_cos(const char *ta, const char *tb, double v)
{
    sl_doc *a = mkdoc("x", "", ta, "2020-03-02T10:00:00Z");
    sl_doc *b = mkdoc("y", "", tb, "2020-03-02T12:00:00Z");
    sl_clusterer *c = sl_clu_new();
    assert_int_equal(sl_clu_set(c, "ent_one", v), 0);
    sl_clu_add(c, 0, a);
    sl_clu_add(c, 1, b);
    char *w = sl_clu_why(c, 0, 1);
    assert_non_null(w);
    const char *p = strstr(w, "\"entity_cosine\":");
    assert_non_null(p);
    double e = strtod(p + strlen("\"entity_cosine\":"), NULL);
    free(w);
    sl_clu_free(c);
    sl_doc_free(a);
    sl_doc_free(b);
    return e;
}

/* The factor ent_one 0.5 puts on the entity cosine of two articles: 0.5
 * when they share one name, 1 when more. */
static double ent_damping(const char *ta, const char *tb)
{
    double one = ent_cos(ta, tb, 1.0);
    assert_true(one > 0);
    return ent_cos(ta, tb, 0.5) / one;
}

/* One shared name counts for half (ent_one): "entity_cosine" in `why`
 * for two articles that share only "Ferrari". */
static void test_one_shared_entity_is_damped(void **state)
{
    (void)state;
    const char *a = "The carmaker Ferrari unveiled a new road car on Monday, "
                    "with a hybrid engine and a top speed above 330 km/h.";
    const char *b = "Shares in Ferrari fell on Monday after the Geneva motor "
                    "show was cancelled over the virus outbreak.";
    assert_true(fabs(ent_damping(a, b) - 0.5) < 0.001);
}

/* A name of two words is one shared name ("Buenos Aires" is damped like
 * "Ferrari" above), also where it begins a sentence; two names are two. */
static void test_two_word_name_is_one(void **state)
{
    (void)state;
    const char *a = "A carmaker unveiled a new road car in Buenos Aires on Monday. Buenos Aires "
                    "dealers expect a hybrid engine and a top speed above 330 km/h.";
    const char *b = "Shares fell on Monday after the motor show in Buenos Aires was cancelled over "
                    "the virus outbreak, organisers said.";
    assert_true(fabs(ent_damping(a, b) - 0.5) < 0.001);
    const char *c = "The carmaker Ferrari unveiled a new road car in Buenos Aires on Monday, with a "
                    "hybrid engine and a top speed above 330 km/h.";
    const char *d = "Shares in Ferrari fell on Monday after the motor show in Buenos Aires was "
                    "cancelled over the virus outbreak.";
    assert_true(fabs(ent_damping(c, d) - 1.0) < 0.001);
}

/* The source of test_cold_features: the fixture's docs by handle, and
 * handles 100.. the filler. */
typedef struct cold_src {
    fixture *f;
    sl_doc *filler;
    int calls;
} cold_src;

/* one_name: two stories that share one place alone (a city's protests and
 * a company's share listing there), the place in every title, entity list
 * and body, merge in the batch when the rule is off, and stay apart with it:
 * without the place (both words of it) they share almost nothing. */
static void test_one_place_is_a_topic(void **state)
{
    (void)state;
    static const char *T[4][2] = {
        {"Port Arlen protesters clash with police",
         "Thousands of protesters marched through Port Arlen on Monday and clashed with riot "
         "police outside the university. Police in Port Arlen fired tear gas as students built "
         "barricades. The protests in Port Arlen entered their fifth month, and the students "
         "demanded an inquiry into police violence."},
        {"Students occupy Port Arlen university as protests grow",
         "Students barricaded the university campus in Port Arlen on Monday as protesters fought "
         "riot police with bricks. Port Arlen police said tear gas was fired after protesters "
         "blocked roads. The unrest in Port Arlen has lasted five months."},
        {"Vantor plans Port Arlen share listing",
         "Vantor, the online retailer, plans to raise 15 billion dollars in a share listing in "
         "Port Arlen later this month, people familiar with the matter said. The Port Arlen "
         "listing would be the largest of the year on the Port Arlen exchange. Bankers said "
         "investors had shown strong demand."},
        {"Vantor confirms Port Arlen listing",
         "Vantor confirmed on Monday that it will list its shares in Port Arlen, raising at least "
         "13 billion dollars. The listing is a boost for the Port Arlen exchange, bankers said. "
         "Vantor shares will start trading in Port Arlen next week."},
    };
    for (int rule = 0; rule < 2; rule++) {
        sl_clusterer *c = sl_clu_new();
        if (!rule)
            assert_int_equal(sl_clu_set(c, "one_name", 0.0), 0);
        sl_doc *d[4];
        for (int i = 0; i < 4; i++) {
            char id[16], when[48];
            snprintf(id, sizeof id, "d%d", i);
            snprintf(when, sizeof when, "2019-11-1%dT10:00:00Z", i);
            d[i] = mkdoc(id, T[i][0], T[i][1], when);
            sl_clu_place(c, (uint32_t)i, d[i], i < 2 ? 7 : 9);
        }
        sl_clu_finish(c, 1);
        assert_int_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
        assert_int_equal(sl_clu_story_of(c, 2), sl_clu_story_of(c, 3));
        assert_int_equal(sl_clu_story_of(c, 0) == sl_clu_story_of(c, 2), !rule);
        sl_clu_free(c);
        for (int i = 0; i < 4; i++)
            sl_doc_free(d[i]);
    }
}

static const sl_doc *cold_get(void *ud, uint32_t h)
{
    cold_src *s = ud;
    s->calls++;
    return h < 5 ? s->f->d[h] : s->filler;
}

/* With a source, the articles of a retired story drop their term vectors
 * (less state) and get them back when needed: decisions and explanations
 * are those of a clusterer that keeps everything. */
static void test_cold_features(void **state)
{
    fixture *f = *state;
    cold_src src = {f, mkdoc("filler", "Liverpool win Champions League final", B1,
                             "2019-06-01T22:00:00Z"), 0};
    sl_clusterer *keep = sl_clu_new(), *cold = sl_clu_new();
    sl_clu_set_source(cold, cold_get, &src);
    sl_clusterer *both[2] = {keep, cold};
    for (int k = 0; k < 2; k++) {
        sl_clu_add(both[k], 0, f->d[0]); /* 2013 */
        /* six years later, enough articles for a sweep: 2013 retires */
        for (uint32_t i = 0; i < 300; i++)
            sl_clu_add(both[k], 100 + i, src.filler);
    }
    assert_true(sl_clu_memory(cold) < sl_clu_memory(keep));
    assert_int_equal(src.calls, 0); /* nothing needed back yet */
    /* a late report of the 2013 event joins its retired story */
    for (int k = 0; k < 2; k++) {
        sl_clu_add(both[k], 1, f->d[1]);
        sl_clu_finish(both[k], 1);
        assert_int_equal(sl_clu_story_of(both[k], 1), sl_clu_story_of(both[k], 0));
    }
    assert_true(src.calls > 0); /* doc 0 came back */
    char *w1 = sl_clu_why(keep, 0, 1), *w2 = sl_clu_why(cold, 0, 1);
    assert_non_null(w1);
    assert_non_null(w2);
    /* the same decision, and the same parts up to today's term weights
     * (the cold doc's vectors were recomputed with them) */
    assert_non_null(strstr(w2, "\"same_story\":true"));
    assert_non_null(strstr(w2, "\"decision\":\"same story\""));
    const char *keys[] = {"\"terms_cosine\":", "\"entity_cosine\":", "\"score\":"};
    for (size_t k = 0; k < 3; k++) {
        const char *p1 = strstr(w1, keys[k]), *p2 = strstr(w2, keys[k]);
        assert_non_null(p1);
        assert_non_null(p2);
        double v1 = strtod(p1 + strlen(keys[k]), NULL), v2 = strtod(p2 + strlen(keys[k]), NULL);
        assert_true(v1 > 0.5 && fabs(v1 - v2) < 0.02);
    }
    free(w1);
    free(w2);
    sl_clu_free(keep);
    sl_clu_free(cold);
    sl_doc_free(src.filler);
}

/* The chain that links two articles of one story: placed in one story,
 * an article on the flood and one on the football final match each other
 * on nothing, but both match an article that reports both, so the chain
 * runs through it; every link scores as the pair does in sl_clu_why, and
 * the chain's weakest link is at least the direct pair's score. Finding
 * it scores 3 pairs (the first article against the two others, then the
 * one that joins against the last): a budget of 2 gives no chain. */
static void test_chain(void **state)
{
    fixture *f = *state;
    sl_doc *both = mkdoc("both", "Merkel promises flood aid to Dresden, Liverpool win final",
                         "", "2013-06-04T12:00:00Z");
    free(both->text);
    both->text = sl_xasprintf("%s %s", A1, B1);
    sl_clusterer *c = sl_clu_new();
    sl_clu_place(c, 0, f->d[0], 7);
    sl_clu_place(c, 1, f->d[3], 7);
    sl_clu_place(c, 2, both, 7);
    sl_clu_place(c, 3, f->d[2], 8);
    sl_clu_finish(c, 0);
    uint32_t *path;
    double *scores;
    size_t n = sl_clu_chain(c, 0, 1, 3, &path, &scores);
    assert_int_equal(n, 3);
    assert_int_equal(path[0], 0);
    assert_int_equal(path[1], 2);
    assert_int_equal(path[2], 1);
    double direct = why_value(c, 0, 1, "\"pair\":", "\"score\":");
    for (size_t i = 0; i + 1 < n; i++) {
        assert_true(scores[i] > direct);
        assert_true(fabs(scores[i] - why_value(c, path[i], path[i + 1], "\"pair\":",
                                               "\"score\":")) < 1e-3);
    }
    free(path);
    free(scores);
    /* one article: itself; another story: no chain */
    assert_int_equal(sl_clu_chain(c, 0, 1, 2, &path, &scores), 0);
    assert_null(path);
    assert_null(scores);
    assert_int_equal(sl_clu_chain(c, 0, 1, SL_CLU_CHAIN_BUDGET, &path, &scores), 3);
    free(path);
    free(scores);
    assert_int_equal(sl_clu_chain(c, 2, 2, 0, &path, &scores), 1);
    assert_int_equal(path[0], 2);
    free(path);
    free(scores);
    assert_int_equal(sl_clu_chain(c, 0, 3, SL_CLU_CHAIN_BUDGET, &path, &scores), 0);
    assert_null(path);
    assert_null(scores);
    assert_int_equal(sl_clu_chain(c, 0, 99, SL_CLU_CHAIN_BUDGET, &path, &scores), 0);
    sl_clu_free(c);
    sl_doc_free(both);
}

/* The reason of a related link names each shared name once: a country
 * and its people ("Russia", "Russian") are one name, and a possessive
 * ("Kremlin's") is shown as the name itself. */
static void test_related_names_once(void **state)
{
    (void)state;
    static const char *t16 =
        "Russian President Vladimir Putin sent a telegram to Donald Trump on Wednesday to "
        "congratulate him on his election victory. The Kremlin's statement said Putin hoped "
        "Russia and the United States would restore relations. Russian officials welcomed "
        "the election result, and the Kremlin's spokesman said Russia was ready for talks. "
        "Putin said Russian diplomats would work with Trump's team.";
    static const char *t20 =
        "Russian President Vladimir Putin sent a telegram to Joe Biden on Tuesday to "
        "congratulate him on his election victory after the Electoral College vote. The "
        "Kremlin's statement said Putin hoped Russia and the United States could cooperate. "
        "Russian officials had waited for the election result, and the Kremlin's spokesman said "
        "Russia was ready for talks. Putin once praised Trump, and Russian diplomats said so.";
    sl_doc *a = mkdoc("r16", "Putin congratulates Trump on election victory", t16,
                      "2016-11-09T10:00:00Z");
    sl_doc *b = mkdoc("r20", "Putin congratulates Biden on election victory", t20,
                      "2020-12-15T10:00:00Z");
    sl_clusterer *c = sl_clu_new();
    sl_clu_add(c, 0, a);
    sl_clu_add(c, 1, b);
    sl_clu_finish(c, 1);
    assert_int_not_equal(sl_clu_story_of(c, 0), sl_clu_story_of(c, 1));
    const sl_clu_story *s = find(c, sl_clu_story_of(c, 0));
    assert_non_null(s);
    assert_int_equal(s->nrelated, 1);
    const char *r = s->related[0].reason;
    assert_non_null(strstr(r, "Putin"));
    assert_non_null(strstr(r, "Russia"));
    assert_null(strstr(r, "Russian"));
    assert_non_null(strstr(r, "Kremlin"));
    assert_null(strstr(r, "Kremlin's"));
    sl_clu_free(c);
    sl_doc_free(a);
    sl_doc_free(b);
}

/* A story keeps its MAX_RELATED (5) strongest related stories, not the
 * first found: three stories that share only the leader and the country
 * with it come first, five reports of the same kind of event in other
 * years after them; it lists the five. */
static void test_related_keeps_the_strongest(void **state)
{
    (void)state;
    static const char *const leaders[] = {"Bush", "Obama", "Merkel", "Macron", "Modi"};
    static const char *const when[] = {"2001-01-21T10:00:00Z", "2009-01-21T10:00:00Z",
                                       "2005-11-23T10:00:00Z", "2017-05-15T10:00:00Z",
                                       "2014-05-27T10:00:00Z"};
    static const char *const weak_when[] = {"2003-03-10T10:00:00Z", "2007-06-10T10:00:00Z",
                                            "2011-09-10T10:00:00Z"};
    static const char *const weak_topic[] = {"wheat harvest", "ice hockey final",
                                             "space station launch"};
    sl_doc *d[9];
    char title[160], text[1200];
    uint32_t n = 0;
    for (int i = 0; i < 3; i++) {
        snprintf(title, sizeof title, "Putin sends telegram on the %s", weak_topic[i]);
        snprintf(text, sizeof text,
                 "Russian President Vladimir Putin sent a telegram on the %s on Sunday, "
                 "the Kremlin said. In the telegram Putin praised the farmers, athletes "
                 "and engineers, and said Russia was proud of them. The Kremlin said "
                 "Putin would visit in the autumn. Russia's state television read the "
                 "telegram.",
                 weak_topic[i]);
        char id[16];
        snprintf(id, sizeof id, "w%d", i);
        d[n++] = mkdoc(id, title, text, weak_when[i]);
    }
    for (int i = 0; i < 5; i++) {
        snprintf(title, sizeof title, "Putin sends telegram congratulating %s on taking office",
                 leaders[i]);
        snprintf(text, sizeof text,
                 "Russian President Vladimir Putin sent a telegram to %s on Tuesday to "
                 "congratulate the new leader on taking office, the Kremlin said. In the "
                 "telegram Putin wished %s success and said Russia was ready for dialogue "
                 "and cooperation. The Kremlin said the telegram stressed the importance of "
                 "relations for global security. Putin called for talks on arms control "
                 "and trade, the Kremlin's statement said.",
                 leaders[i], leaders[i]);
        char id[16];
        snprintf(id, sizeof id, "s%d", i);
        d[n++] = mkdoc(id, title, text, when[i]);
    }
    d[n++] = mkdoc("hub", "Putin sends telegram congratulating Biden on taking office",
                   "Russian President Vladimir Putin sent a telegram to Biden on Tuesday to "
                   "congratulate the new leader on taking office, the Kremlin said. In the "
                   "telegram Putin wished Biden success and said Russia was ready for "
                   "dialogue and cooperation. The Kremlin said the telegram stressed the "
                   "importance of relations for global security. Putin called for talks on "
                   "arms control and trade, the Kremlin's statement said.",
                   "2021-01-21T10:00:00Z");
    /* the weak ones are related to the hub when nothing stronger is
     * there: else the test shows nothing */
    sl_clusterer *c = sl_clu_new();
    for (uint32_t i = 0; i < 3; i++)
        sl_clu_add(c, i, d[i]);
    sl_clu_add(c, 3, d[n - 1]);
    sl_clu_finish(c, 1);
    const sl_clu_story *s = find(c, sl_clu_story_of(c, 3));
    assert_non_null(s);
    assert_int_equal(s->nrelated, 3);
    sl_clu_free(c);
    /* all of them: the hub lists the five strong ones */
    c = sl_clu_new();
    for (uint32_t i = 0; i < n; i++)
        sl_clu_add(c, i, d[i]);
    sl_clu_finish(c, 1);
    int64_t hub = sl_clu_story_of(c, n - 1);
    for (uint32_t i = 0; i + 1 < n; i++)
        assert_int_not_equal(sl_clu_story_of(c, i), hub); /* other events */
    s = find(c, hub);
    assert_non_null(s);
    assert_int_equal(s->nrelated, 5);
    for (size_t k = 0; k < s->nrelated; k++) {
        int strong = 0;
        for (uint32_t i = 3; i < 8; i++)
            strong |= s->related[k].story == sl_clu_story_of(c, i);
        assert_true(strong);
    }
    sl_clu_free(c);
    for (uint32_t i = 0; i < n; i++)
        sl_doc_free(d[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_event_not_topic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_why, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bridge_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_in_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threshold_and_remove, setup, teardown),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_related_names_once),
        cmocka_unit_test(test_related_keeps_the_strongest),
        cmocka_unit_test_setup_teardown(test_cold_features, setup, teardown),
        cmocka_unit_test(test_name_alone_is_not_an_event),
        cmocka_unit_test_setup_teardown(test_lone_joins_in_its_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_needs_a_story_and_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_needs_a_name, setup, teardown),
        cmocka_unit_test(test_one_shared_entity_is_damped),
        cmocka_unit_test(test_two_word_name_is_one),
        cmocka_unit_test(test_one_place_is_a_topic),
        cmocka_unit_test_setup_teardown(test_small_piece_joins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_fits_every_member, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_past_a_lone_rival, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_follows_its_rival, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_needs_titles_to_agree, setup, teardown),
        cmocka_unit_test(test_template_titles_apart),
        cmocka_unit_test_setup_teardown(test_place_finds_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_times_follow_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_join_needs_body, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
