/* Unit tests of timeline: dated entries, merging across articles,
 * ordering, relative entries kept when there is no publication date. */
#include "harness.h"
#include "docs.h"
#include "doc.h"
#include "timeline.h"
#include "util.h"

static sl_doc *mkdoc(const char *id, const char *pub, const char *text)
{
    return test_doc(id, NULL, pub, text);
}

static void test_merge_and_order(void **state)
{
    (void)state;
    sl_doc *d[3];
    d[0] = mkdoc("a", "2020-12-15",
                 "The electors met on Monday and confirmed the result of the election.\n\n"
                 "The vote itself took place on Nov. 3 across the whole country.");
    d[1] = mkdoc("b", "2020-12-16",
                 "On Monday, the electors confirmed the result of the presidential election.\n\n"
                 "Back in 2016 the outcome had been very different for the party.");
    d[2] = mkdoc("c", NULL, "The minister resigned on Friday after weeks of pressure from his party.");
    sl_event *e;
    size_t n = sl_timeline((const sl_doc *const *)d, 3, 0, &e);
    assert_int_equal(n, 4);
    char iso[16];
    assert_string_equal(sl_date_iso(&e[0].date, iso), "2016");
    assert_string_equal(sl_date_iso(&e[1].date, iso), "2020-11-03");
    assert_string_equal(sl_date_iso(&e[2].date, iso), "2020-12-14");
    assert_int_equal(e[2].ndocs, 2); /* both articles' Monday meeting */
    assert_int_equal(e[3].date.prec, SL_DATE_RELATIVE);
    assert_string_equal(e[3].phrase, "Friday");
    assert_int_equal(e[3].docs[0], 2);
    sl_timeline_free(e, n);
    /* a cap keeps the events told by most articles */
    n = sl_timeline((const sl_doc *const *)d, 3, 1, &e);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].ndocs, 2);
    sl_timeline_free(e, n);
    for (int i = 0; i < 3; i++)
        sl_doc_free(d[i]);
}

/* A sentence is one entry, under its most precise date (the written-out
 * anchor when two are as precise); two tellings of one event are one entry
 * showing the fuller sentence, whose article is cited first. */
static void test_fold(void **state)
{
    (void)state;
    sl_doc *d[2];
    d[0] = mkdoc("a", "2020-12-16",
                 "The message came six weeks after the Nov. 3 vote, in a year unlike 2016.\n\n"
                 "The electors met on Monday in the capital.");
    d[1] = mkdoc("b", "2020-12-16",
                 "The electors met on Monday in the capital and confirmed the winner of the "
                 "presidential election.");
    sl_event *e;
    size_t n = sl_timeline((const sl_doc *const *)d, 2, 0, &e);
    assert_int_equal(n, 2);
    char iso[16];
    assert_string_equal(sl_date_iso(&e[0].date, iso), "2020-11-03");
    assert_string_equal(e[0].phrase, "Nov. 3");
    assert_string_equal(sl_date_iso(&e[1].date, iso), "2020-12-14");
    assert_int_equal(e[1].ndocs, 2);
    assert_int_equal(e[1].docs[0], 1);
    assert_non_null(strstr(e[1].text, "presidential election"));
    sl_timeline_free(e, n);
    for (int i = 0; i < 2; i++)
        sl_doc_free(d[i]);
}

/* Relative entries without a publication date come last, in the order of
 * the days they name: back from the weekday that brings the weekdays named
 * closest together ("Monday" before "Tuesday"; "Friday" before "Monday"
 * across a weekend), after "last month" and "two weeks ago". */
static void test_relative_order(void **state)
{
    (void)state;
    static const struct { const char *text; const char *want[4]; } cases[] = {
        {"The president congratulated the winner on Tuesday.\n\n"
         "Many leaders had congratulated him on his victory last month.\n\n"
         "The electors met on Monday and confirmed the result.\n\n"
         "The count had ended two weeks ago in the last state.",
         {"last month", "two weeks ago", "Monday", "Tuesday"}},
        {"The talks resumed on Monday in the capital.\n\n"
         "The talks had broken down on Friday after a long night.\n\n"
         "Both delegations were still in the capital on Saturday.",
         {"Friday", "Saturday", "Monday", NULL}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sl_doc *d = mkdoc("a", NULL, cases[k].text);
        sl_event *e;
        size_t n = sl_timeline((const sl_doc *const *)&d, 1, 0, &e);
        size_t want = 0;
        while (want < 4 && cases[k].want[want])
            want++;
        assert_int_equal(n, want);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(e[i].date.prec, SL_DATE_RELATIVE);
            assert_string_equal(e[i].phrase, cases[k].want[i]);
        }
        sl_timeline_free(e, n);
        sl_doc_free(d);
    }
}

/* A lead-in ending on a colon introduces what is not in it (a video, a
 * list): no entry, even with a date; the dated sentence after it is one. */
static void test_lead_in(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", "2016-11-09",
                      "Here is the candidate praising the governor back in September:\n\n"
                      "The governor had endorsed the candidate in October at a rally.");
    sl_event *e;
    size_t n = sl_timeline((const sl_doc *const *)&d, 1, 0, &e);
    assert_int_equal(n, 1);
    char iso[16];
    assert_string_equal(sl_date_iso(&e[0].date, iso), "2016-10");
    assert_string_equal(e[0].phrase, "October");
    sl_timeline_free(e, n);
    sl_doc_free(d);
}

/* A weekday with its date written out is filed under the date: the
 * weekday alone would be the one before publication. */
static void test_weekday_and_date(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", "2019-11-15",
                      "The seventh game between the two teams starts on Saturday, Nov. 16, at "
                      "five in the afternoon.");
    sl_event *e;
    size_t n = sl_timeline((const sl_doc *const *)&d, 1, 0, &e);
    assert_int_equal(n, 1);
    char iso[16];
    assert_string_equal(sl_date_iso(&e[0].date, iso), "2019-11-16");
    sl_timeline_free(e, n);
    sl_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_merge_and_order),
                                       cmocka_unit_test(test_fold),
                                       cmocka_unit_test(test_relative_order),
                                       cmocka_unit_test(test_lead_in),
                                       cmocka_unit_test(test_weekday_and_date)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
