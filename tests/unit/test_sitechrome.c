/* sitechrome: a site's repeated lines cut from its articles. */
#include "harness.h"
#include "sitechrome.h"
#include "storyline.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static sl_doc *doc(const char *id, const char *site, const char *text)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->site = site ? sl_xstrdup(site) : NULL;
    d->text = sl_xstrdup(text);
    return d;
}

/* Adds an article and returns its text after the cut (caller frees). */
static char *add(sl_chrome *t, const char *id, const char *site, const char *text)
{
    sl_doc *d = doc(id, site, text);
    size_t before = strlen(d->text);
    size_t cut = sl_chrome_cut(t, d);
    assert_int_equal(before - strlen(d->text), cut);
    char *s = sl_xstrdup(d->text);
    sl_doc_free(d);
    return s;
}

#define FOOTER "Please read our comment policy before commenting."
#define PITCH "Sign up for our daily newsletter and get the news first."

/* The third article of a site with its footer loses it, with the line's
 * newline; the first two keep it; another site's article keeps it. */
static void test_footer(void **state)
{
    (void)state;
    sl_chrome *t = sl_chrome_new();
    const char *bodies[] = {
        "The council voted to close the old bridge for repairs next spring.",
        "Farmers in the valley expect the best harvest in a decade this autumn.",
        "The city's museum reopened after two years of work on its roof.",
        "A new ferry line will link the two harbours from the first of May.",
    };
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%d", i);
        char *text = sl_xasprintf("%s Officials said the work would take months, and that the "
                                  "people of the town would be told of every change in time.\n\n" PITCH
                                  " It is free.\n\n" FOOTER "\n\nMore text here about the day's "
                                  "other news, %d.",
                                  bodies[i], i);
        char *out = add(t, id, "Daily Example", text);
        assert_non_null(strstr(out, bodies[i]));
        assert_non_null(strstr(out, "More text here"));
        if (i < 2) {
            assert_string_equal(out, text);
        } else {
            assert_null(strstr(out, FOOTER));
            assert_null(strstr(out, PITCH));
            /* the paragraphs around it keep one paragraph break */
            assert_null(strstr(out, "\n\n\n"));
            assert_non_null(strstr(out, ".\n\nMore text here"));
        }
        free(out);
        free(text);
    }
    char *other = add(t, "b0", "Other Paper", "Storm news for the coast.\n\n" FOOTER);
    assert_non_null(strstr(other, FOOTER));
    free(other);
    sl_chrome_free(t);
}

/* A line that two of a site's many articles share is the articles' own
 * (an update of one report); the same article added again counts once;
 * an article without a site is left alone. */
static void test_updates_and_repeats(void **state)
{
    (void)state;
    sl_chrome *t = sl_chrome_new();
    for (int i = 0; i < 20; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%d", i);
        char *text = sl_xasprintf("Report number %d on the local elections and the count.", i);
        free(add(t, id, "Wire", text));
        free(text);
    }
    const char *para = "The deal is being led by two banks, people close to the matter said.";
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "u%d", i);
        char *text = sl_xasprintf("Version %d of the listing story.\n\n%s", i, para);
        char *out = add(t, id, "Wire", text);
        assert_non_null(strstr(out, para));
        free(out);
        free(text);
    }
    /* one article added three times: no one else had its line */
    sl_chrome *t2 = sl_chrome_new();
    for (int i = 0; i < 3; i++) {
        char *out = add(t2, "same", "Site", "Opening line of the story.\n\n" FOOTER);
        assert_non_null(strstr(out, FOOTER));
        free(out);
    }
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "x%d", i);
        char *out = add(t2, id, NULL, "Text of an article.\n\n" FOOTER);
        assert_non_null(strstr(out, FOOTER));
        free(out);
    }
    sl_chrome_free(t2);
    sl_chrome_free(t);
}

/* An article that is mostly lines an earlier one had (a copy) stays
 * whole. */
static void test_copy_stays(void **state)
{
    (void)state;
    sl_chrome *t = sl_chrome_new();
    const char *text = "The first line of a short wire story goes here.\n"
                       "Its second line says who said what and where.\n"
                       "Its third line gives the figures and the date.";
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%d", i);
        char *t2 = sl_xasprintf("%s\nCopy %d.", text, i);
        char *out = add(t, id, "Wire", t2);
        assert_string_equal(out, t2);
        free(out);
        free(t2);
    }
    sl_chrome_free(t);
}

/* A pitch glued to the last paragraph with no space ("...percent.Get
 * access to ...") goes from the site's third article, the paragraph's own
 * sentence staying; the same words glued inside a paragraph before the
 * last, or a glued end of the article's own, stay. */
static void test_glued_pitch(void **state)
{
    (void)state;
    sl_chrome *t = sl_chrome_new();
    const char *heads[] = {"Shares of the bank rose 4 percent.",
                           "The index closed at a record high on Friday.",
                           "Oil prices fell for a third day in a row.",
                           "Gold held steady ahead of the central bank's meeting."};
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "g%d", i);
        char *text = sl_xasprintf("Markets report number %d, with the day's other figures.\n\n"
                                  "%s" PITCH, i, heads[i]);
        char *out = add(t, id, "Money Site", text);
        if (i < 2) {
            assert_string_equal(out, text);
        } else {
            assert_null(strstr(out, PITCH));
            assert_non_null(strstr(out, heads[i]));
            assert_true(sl_str_endswith(out, heads[i]));
        }
        free(out);
        free(text);
    }
    /* inside an earlier paragraph: only a last line's glued ends are cut */
    char *mid = sl_xasprintf("Bonds were flat.%s\n\nThe rest of the day's report, in a line.", PITCH);
    char *out = add(t, "g9", "Money Site", mid);
    assert_string_equal(out, mid);
    free(out);
    free(mid);
    /* an article's own glued end, seen once, stays */
    const char *own = "Markets report, the last one.\n\nThe bank cut rates.Its chief said more may come.";
    out = add(t, "g10", "Money Site", own);
    assert_string_equal(out, own);
    free(out);
    sl_chrome_free(t);
}

/* Articles from..to-1 of site, each a line of its own and FOOTER. */
static void learn(sl_chrome *t, const char *site, int from, int to)
{
    for (int i = from; i < to; i++) {
        char id[16], *text = sl_xasprintf("Report number %d of the harbour works, with the "
                                          "figures of the week.\n\n" FOOTER, i);
        snprintf(id, sizeof id, "s%d", i);
        free(add(t, id, site, text));
        free(text);
    }
}

/* A saved table loaded into a new one (the next process) cuts what the
 * old one would have; loading replaces what the table had; damaged bytes
 * load as an empty table, with SL_EINVAL. */
static void test_save_load(void **state)
{
    (void)state;
    sl_chrome *t = sl_chrome_new();
    assert_false(sl_chrome_dirty(t));
    learn(t, "Daily Example", 0, 2);
    assert_true(sl_chrome_dirty(t));
    sl_buf b = {0};
    uint64_t v = sl_chrome_save(t, &b);
    assert_true(v > 0);
    assert_true(sl_chrome_dirty(t)); /* until kept */
    sl_chrome_saved(t, v);
    assert_false(sl_chrome_dirty(t));
    sl_chrome_free(t);

#define THIRD "The third report, on the new quay, which the harbour board opened on Monday."
    const char *third = THIRD "\n\n" FOOTER;
    sl_chrome *u = sl_chrome_new();
    learn(u, "Other Paper", 0, 2); /* forgotten at the load */
    assert_int_equal(sl_chrome_load(u, b.data, b.len), SL_OK);
    assert_false(sl_chrome_dirty(u));
    char *out = add(u, "s2", "Daily Example", third);
    assert_string_equal(out, THIRD);
    free(out);
    assert_true(sl_chrome_dirty(u));
    out = add(u, "s2", "Other Paper", third);
    assert_string_equal(out, third);
    free(out);
    sl_chrome_free(u);

    /* damaged: each kind leaves an empty table, which cuts nothing */
    size_t n = b.len;
    unsigned char *bad = sl_xmalloc(n);
    for (int kind = 0; kind < 5; kind++) {
        memcpy(bad, b.data, n);
        size_t len = n;
        if (kind == 0)
            bad[0] = 'X'; /* magic */
        else if (kind == 1)
            bad[4] = 9; /* format */
        else if (kind == 2)
            len = n - 1; /* cut short */
        else if (kind == 3)
            len = 5; /* shorter than the head */
        else
            memset(bad + 12, 0, 8); /* a zero key */
        sl_chrome *w = sl_chrome_new();
        assert_int_equal(sl_chrome_load(w, bad, len), SL_EINVAL);
        assert_false(sl_chrome_dirty(w));
        out = add(w, "s2", "Daily Example", third);
        assert_string_equal(out, third);
        free(out);
        sl_chrome_free(w);
    }
    free(bad);
    sl_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_footer),
        cmocka_unit_test(test_updates_and_repeats),
        cmocka_unit_test(test_copy_stays),
        cmocka_unit_test(test_save_load),
        cmocka_unit_test(test_glued_pitch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
