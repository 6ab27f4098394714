/* Unit tests of summary: sentence selection (central, not redundant, in
 * reading order, within length) and the sentence clean-up. */
#include "harness.h"
#include "docs.h"
#include "doc.h"
#include "summary.h"
#include "util.h"

static sl_doc *mkdoc(const char *id, const char *pub, const char *text)
{
    return test_doc(id, NULL, pub, text);
}

/* Three outlets report one flood; each also has an off-topic sentence.
 * The central sentences (shared bigrams) must win over the off-topic ones,
 * and two outlets saying the same thing count once. */
static void test_selection(void **state)
{
    (void)state;
    sl_doc *d[4];
    d[0] = mkdoc("b", "2020-05-02",
                 "Heavy floods hit the river valley on Friday, forcing thousands of residents "
                 "to leave their homes.\n\nThe local football club won its match against a "
                 "rival team from the coast on Saturday evening.");
    d[1] = mkdoc("a", "2020-05-01",
                 "Heavy floods hit the river valley, forcing thousands of residents to leave "
                 "their homes, officials said.\n\nRescue teams evacuated the river valley "
                 "villages as the water level kept rising overnight.");
    d[2] = mkdoc("c", "2020-05-03",
                 "Rescue teams evacuated the river valley villages after heavy floods forced "
                 "thousands of residents out.\n\nA new bakery opened downtown with a wide "
                 "selection of breads and pastries for customers.");
    d[3] = mkdoc("d", "2020-05-03",
                 "The water level in the river valley kept rising, and rescue teams evacuated "
                 "more villages.\n\nThe city council discussed parking fees for the new "
                 "shopping mall during a long meeting.");
    sl_pick *p;
    size_t n = sl_summarize((const sl_doc *const *)d, 4, 0, 2, &p);
    assert_int_equal(n, 2);
    int floods = 0;
    for (size_t i = 0; i < n; i++) {
        assert_null(strstr(p[i].text, "football"));
        assert_null(strstr(p[i].text, "bakery"));
        assert_null(strstr(p[i].text, "parking"));
        floods += strstr(p[i].text, "floods") != NULL;
    }
    assert_true(floods <= 1); /* the same report twice is redundant */
    /* reading order: article time, then position */
    if (n == 2 && p[0].doc != p[1].doc)
        assert_true(d[p[0].doc]->pub_time <= d[p[1].doc]->pub_time);
    sl_picks_free(p, n);

    /* a word budget */
    n = sl_summarize((const sl_doc *const *)d, 4, 30, 0, &p);
    int words = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *s = p[i].text; *s; s++)
            words += *s == ' ';
    assert_true(n >= 1 && words + (int)n <= 30 + 20 + 20);
    sl_picks_free(p, n);
    for (int i = 0; i < 4; i++)
        sl_doc_free(d[i]);
}

static void test_small_and_empty(void **state)
{
    (void)state;
    sl_pick *p;
    assert_int_equal(sl_summarize(NULL, 0, 0, 0, &p), 0);
    free(p);
    sl_doc *d = mkdoc("x", NULL, "Short.");
    assert_int_equal(sl_summarize((const sl_doc *const *)&d, 1, 0, 0, &p), 0);
    sl_picks_free(p, 0);
    sl_doc_free(d);
    /* one article: the lead comes first */
    d = mkdoc("y", NULL,
              "The central bank raised its main interest rate by half a point on Tuesday.\n\n"
              "Analysts had expected a smaller move from the bank this month.\n\n"
              "Shares in the country's biggest lenders rose after the announcement.");
    size_t n = sl_summarize((const sl_doc *const *)&d, 1, 0, 0, &p);
    assert_true(n >= 1 && n <= 3);
    assert_non_null(strstr(p[0].text, "central bank raised"));
    sl_picks_free(p, n);
    sl_doc_free(d);
}

static void test_compress(void **state)
{
    (void)state;
    const char *in = "_ Prices rose\nsharply (AP), officials said Monday.";
    char *s = sl_summary_compress(in, strlen(in), 1);
    assert_string_equal(s, "Prices rose sharply.");
    free(s);
    s = sl_summary_compress("\"We won,\" he said.", 18, 1); /* quotes keep attribution */
    assert_string_equal(s, "\"We won,\" he said.");
    free(s);
    s = sl_summary_compress("_ Prices rose (AP).", 19, 0);
    assert_string_equal(s, "Prices rose (AP).");
    free(s);
    /* newlines and tabs anywhere (sixteen bytes at a time, and the rest)
     * become spaces; what follows n is not read */
    s = sl_summary_compress("- The\nroads across the\tcounty were closed\nby noon\t.\nX", 51, 0);
    assert_string_equal(s, "The roads across the county were closed by noon .");
    free(s);
}

/* Sentences that lean on the one before ("On Friday, he ...",
 * "However, ...") or introduce a text ("Following are ...") never open or
 * fill a summary; a one-article story shows the self-contained ones. */
/* A one-article summary of up to `sentences` sentences of text is the one
 * sentence holding `want`. */
static void only_sentence(const char *text, int sentences, const char *want)
{
    sl_doc *d = mkdoc("z", NULL, text);
    sl_pick *p;
    size_t n = sl_summarize((const sl_doc *const *)&d, 1, 0, sentences, &p);
    assert_int_equal(n, 1);
    assert_non_null(strstr(p[0].text, want));
    sl_picks_free(p, n);
    sl_doc_free(d);
}

static void test_standalone(void **state)
{
    (void)state;
    only_sentence("On Friday, he announced a new plan for the regional rail network.\n\n"
                  "However, the rail network plan still needs a vote in parliament.\n\n"
                  "Following are excerpts from the rail network plan of the ministry.\n\n"
                  "The transport minister presented the rail network plan to reporters.",
                  3, "transport minister presented");
}

/* The same in other languages, and half a quotation that a sentence
 * split cut in two: neither opens nor fills a summary. */
static void test_standalone_other(void **state)
{
    (void)state;
    only_sentence("\xD0\x9E\xD0\xBD \xD0\xBE\xD0\xB1\xD1\x8A\xD1\x8F\xD0\xB2\xD0\xB8"
                  "\xD0\xBB \xD0\xBE \xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBE\xD0\xBC "
                  "\xD0\xBF\xD0\xBB\xD0\xB0\xD0\xBD\xD0\xB5 \xD0\xB4\xD0\xBB\xD1\x8F "
                  "\xD1\x80\xD0\xB5\xD0\xB3\xD0\xB8\xD0\xBE\xD0\xBD\xD0\xB0.\n\n" /* Он объявил о новом плане для региона. */
                  "Sin embargo, el plan de la red ferroviaria necesita un voto.\n\n"
                  "El ministro dijo: \xC2\xAB" "Construiremos la nueva red ferroviaria del norte. "
                  "Empezaremos en mayo con la primera l\xC3\xADnea.\xC2\xBB\n\n"
                  "The rail network plan goes to a \"vote in the spring. It needs a "
                  "majority,\" the minister said.\n\n"
                  "El ministro de transporte present\xC3\xB3 el plan de la red ferroviaria.",
                  5, "present\xC3\xB3 el plan");

    /* a one-article story's lead: a sentence the article repeats (its
     * standfirst again in the body) is shown once */
    sl_pick *p;
    sl_doc *d = mkdoc("w", NULL,
              "The wall between the two halves of the city fell in November.\n\n"
              "The wall between the two halves of the city fell in November.\n\n"
              "Crowds crossed the border through the night and into the morning.");
    size_t n = sl_summarize((const sl_doc *const *)&d, 1, 0, 2, &p);
    assert_int_equal(n, 2);
    assert_string_not_equal(p[0].text, p[1].text);
    assert_non_null(strstr(p[1].text, "Crowds crossed"));
    sl_picks_free(p, n);
    sl_doc_free(d);
}

/* A sentence inside a quotation that others of its line open and close
 * ("We will fight. <this> We will never give up," she said.) has no quote
 * marks of its own, yet is the speaker's, not the writer's: it neither
 * fills a one-article summary nor is picked from several articles. A
 * quotation left open at the end of a line ends there. */
static void test_inside_quotation(void **state)
{
    (void)state;
    only_sentence("\"We will fight for every village. The northern rail line will reach every "
                  "village by next year. We will never give up,\" the minister said.\n\n"
                  "The transport minister presented the rail network plan to reporters.",
                  4, "transport minister presented");
    only_sentence("The minister said: \"The first trains will run in the north in May.\n"
                  "The transport minister presented the rail network plan to reporters.",
                  4, "transport minister presented");

    sl_doc *d[2];
    d[0] = mkdoc("a", "2024-05-06T10:00:00Z",
                 "The minister presented the northern rail plan in the capital on Monday.\n\n"
                 "\"We listened to every village. The northern rail plan will cost two billion "
                 "euros over five years. Nobody will be left behind,\" the minister said.");
    d[1] = mkdoc("b", "2024-05-06T12:00:00Z",
                 "The minister presented the northern rail plan to reporters in the capital.\n\n"
                 "Unions welcomed the announcement at a meeting in the port city.\n\n"
                 "Critics in parliament asked where the money for the trains would come from.\n\n"
                 "According to the ministry, the northern rail plan will cost two billion euros "
                 "over five years.");
    sl_pick *p;
    size_t n = sl_summarize((const sl_doc *const *)d, 2, 0, 3, &p);
    assert_true(n >= 1);
    int billion = 0;
    for (size_t i = 0; i < n; i++) {
        assert_false(p[i].doc == 0 && strstr(p[i].text, "two billion"));
        billion += strstr(p[i].text, "two billion") != NULL;
    }
    assert_int_equal(billion, 1); /* the writer's own sentence stands for it */
    sl_picks_free(p, n);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_selection),
                                       cmocka_unit_test(test_small_and_empty),
                                       cmocka_unit_test(test_compress),
                                       cmocka_unit_test(test_standalone),
                                       cmocka_unit_test(test_standalone_other),
                                       cmocka_unit_test(test_inside_quotation)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
