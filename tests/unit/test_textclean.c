/*
 * test_textclean: plain-text cleaning on hand-written scraped texts (title,
 * chrome, captions, tweets, hard wraps, repeats), plus the rule helpers.
 */
#include "harness.h"

#include "doc.h"
#include "storyline.h"
#include "textclean.h"
#include "textclean_dedup.h"
#include "textclean_meta.h"
#include "textclean_rules.h"
#include "util.h"

/* Cleans s into a fresh doc; asserts success. Caller frees with sl_doc_free. */
static sl_doc *clean(const char *s)
{
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    int rc = sl_text_clean(d, s, strlen(s), &err);
    if (rc != SL_OK)
        print_message("error: %s\n", err ? err : "?");
    assert_int_equal(rc, SL_OK);
    assert_null(err);
    assert_non_null(d->text);
    return d;
}

static void title_after_browser_warning(void **state)
{
    (void)state;
    sl_doc *d = clean("Your browser is outdated. Please update your browser for the best experience.\n\n"
                      "Mayor opens new bridge over the river\n\n"
                      "The mayor opened the bridge on Monday. Hundreds of people walked across it.\n");
    assert_string_equal(d->title, "Mayor opens new bridge over the river");
    assert_string_equal(d->text,
                        "The mayor opened the bridge on Monday. Hundreds of people walked across it.");
    sl_doc_free(d);
}

/* A subtitle between the headline and the dateline paragraph is no body
 * text; without a dateline such a sentence stays (it may be the lead). */
static void dek_before_dateline_dropped(void **state)
{
    (void)state;
    const char *body = "RIVERTON \xE2\x80\x94 The mayor opened the new bridge over the river on "
                       "Monday, three years after the old one was closed to traffic.\n\n"
                       "Hundreds of people walked across it before the first cars were let through.";
    char *text = sl_xasprintf("Mayor opens new bridge over the river\n\n"
                              "The town waited three years for a crossing that took one day to open.\n\n"
                              "%s\n",
                              body);
    sl_doc *d = clean(text);
    assert_string_equal(d->title, "Mayor opens new bridge over the river");
    assert_string_equal(d->text, body);
    sl_doc_free(d);
    free(text);
    d = clean("Mayor opens new bridge over the river\n\n"
              "The town waited three years for a crossing that took one day to open.\n\n"
              "The mayor opened the new bridge over the river on Monday, three years after the "
              "old one was closed to traffic.\n");
    assert_non_null(strstr(d->text, "The town waited three years"));
    sl_doc_free(d);
}

static void chrome_lines_dropped(void **state)
{
    (void)state;
    sl_doc *d = clean("Storm hits the coast\n\n"
                      "Advertisement\n\n"
                      "A storm hit the coast on Friday, cutting power to thousands of homes.\n\n"
                      "Download the Example News app for the latest updates\n\n"
                      "Sign up for our daily newsletter to get the news in your inbox.\n\n"
                      "Read more: Storm season starts early this year\n\n"
                      "We use cookies to improve your experience. By continuing you accept our cookie policy.\n\n"
                      "Click here to see the full forecast.\n\n"
                      "Share this article\n\n"
                      "Follow us on Twitter and Facebook\n\n"
                      "Officials said repairs would take several days.\n\n"
                      "https://example.com/storm/2020/story\n\n"
                      "\xC2\xA9 2020 Example Media. All rights reserved.\n");
    assert_string_equal(d->title, "Storm hits the coast");
    assert_string_equal(d->text, "A storm hit the coast on Friday, cutting power to thousands of homes.\n\n"
                                 "Officials said repairs would take several days.");
    sl_doc_free(d);
}

static void captions_and_credits_dropped(void **state)
{
    (void)state;
    sl_doc *d = clean("Talks resume in the capital\n\n"
                      "Image: Two ministers shake hands before the meeting\n"
                      "The ministers met in the capital in May. Jane Doe / Example Agency\n\n"
                      "Negotiators met again on Tuesday after a month of silence.\n\n"
                      "Image via Wikimedia\n\n"
                      "Delegates walk into the hall on Tuesday. (Photo by John Smith/Getty Images)\n\n"
                      "Photo: Example Agency\n\n"
                      "Both sides called the talks useful.\n");
    assert_string_equal(d->title, "Talks resume in the capital");
    assert_string_equal(d->text, "Negotiators met again on Tuesday after a month of silence.\n\n"
                                 "Both sides called the talks useful.");
    sl_doc_free(d);
}

static void tweet_and_video_embeds_dropped(void **state)
{
    (void)state;
    sl_doc *d = clean("Senator responds to critics\n\n"
                      "The senator answered her critics in a post on Wednesday:\n\n"
                      "I stand by every word I said yesterday. See you all in the chamber.\n\n"
                      "\xE2\x80\x94 Some Senator (@somesenator) March 4, 2021\n\n"
                      "View this video on YouTube\n\n"
                      "Her office declined to comment further.\n\n"
                      "Latest in Politics\n");
    assert_string_equal(d->text, "The senator answered her critics in a post on Wednesday:\n\n"
                                 "Her office declined to comment further.");
    sl_doc_free(d);
}

static void hard_wraps_joined(void **state)
{
    (void)state;
    /* PDF-like text wrapped near 70 columns, a headline over two lines,
     * and a sentence cut by two stray URL lines. */
    sl_doc *d = clean(" Council Approves New Budget For\n"
                      "Schools And Roads\n"
                      " Council members vote on the plan at the town hall on Monday evening\n"
                      "after a long debate. Ann Lee / Town Photo\n"
                      "\n"
                      "The town council approved a new budget on Monday that raises spending\n"
                      "on schools and roads for the third year running, the mayor said.\n"
                      "\n"
                      "Teachers welcomed the plan, saying that the money, which was promised\n"
                      "\n"
                      "\n"
                      "https://example.org/budget/2021\n"
                      "https://example.org/schools\n"
                      "\n"
                      "two years ago, would finally reach classrooms across the whole town.\n"
                      "\n"
                      "\xE2\x80\x9CWe are pleased,\xE2\x80\x9D the mayor said.\n"
                      "\n"
                      "Critics said the council should have cut property taxes instead of\n"
                      "raising spending again.\n");
    assert_string_equal(d->title, "Council Approves New Budget For Schools And Roads");
    assert_string_equal(d->text,
                        "The town council approved a new budget on Monday that raises spending on "
                        "schools and roads for the third year running, the mayor said.\n\n"
                        "Teachers welcomed the plan, saying that the money, which was promised two "
                        "years ago, would finally reach classrooms across the whole town.\n\n"
                        "\xE2\x80\x9CWe are pleased,\xE2\x80\x9D the mayor said.\n\n"
                        "Critics said the council should have cut property taxes instead of raising "
                        "spending again.");
    sl_doc_free(d);
}

static void repeats_removed(void **state)
{
    (void)state;
    sl_doc *d = clean("Factory to close next year\n\n"
                      "The company said the old factory would close in March next year.\n\n"
                      "Workers gathered outside the gates on Thursday morning.\n\n"
                      "Workers gathered outside the gates on Thursday morning.\n\n"
                      "Union leaders were angry. The company said the factory would close in March "
                      "next year. They asked for talks.\n\n"
                      "We will see. We will see.\n");
    assert_string_equal(d->text, "The company said the old factory would close in March next year.\n\n"
                                 "Workers gathered outside the gates on Thursday morning.\n\n"
                                 "Union leaders were angry. They asked for talks.\n\n"
                                 "We will see. We will see.");
    sl_doc_free(d);
}

static void whitespace_normalised(void **state)
{
    (void)state;
    sl_doc *d = clean("Prices\xC2\xA0rise again\r\n\r\n"
                      "Prices rose\xC2\xA0\xC2\xA0 again\xE2\x80\x8B in May,\tthe office said.\xC2\xA0\r\n");
    assert_string_equal(d->title, "Prices rise again");
    assert_string_equal(d->text, "Prices rose again in May, the office said.");
    sl_doc_free(d);
}

static void known_title_removed_from_body(void **state)
{
    (void)state;
    sl_doc *d = sl_doc_new();
    d->title = strdup("Rain Expected Tomorrow");
    const char *s = "Rain expected tomorrow\n\nForecasters expect heavy rain on Sunday.\n";
    char *err = NULL;
    assert_int_equal(sl_text_clean(d, s, strlen(s), &err), SL_OK);
    assert_string_equal(d->title, "Rain Expected Tomorrow");
    assert_string_equal(d->text, "Forecasters expect heavy rain on Sunday.");
    sl_doc_free(d);
}

static void no_headline_keeps_first_paragraph(void **state)
{
    (void)state;
    sl_doc *d = clean("The river rose by two metres overnight, officials said.\n\n"
                      "Residents were told to leave.\n");
    assert_null(d->title);
    assert_string_equal(d->text, "The river rose by two metres overnight, officials said.\n\n"
                                 "Residents were told to leave.");
    sl_doc_free(d);
}

static void empty_and_junk_inputs(void **state)
{
    (void)state;
    const char *inputs[] = {"", "\n\n  \n", "Advertisement\n\nShare\n",
                            "https://example.com/a/b\n", "* * *\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        sl_doc *d = sl_doc_new();
        char *err = NULL;
        assert_int_equal(sl_text_clean(d, inputs[i], strlen(inputs[i]), &err), SL_EEMPTY);
        assert_non_null(err);
        free(err);
        sl_doc_free(d);
    }
}

static void headline_only_text(void **state)
{
    (void)state;
    sl_doc *d = clean("Earthquake shakes the island\n");
    assert_string_equal(d->title, "Earthquake shakes the island");
    assert_string_equal(d->text, "Earthquake shakes the island");
    sl_doc_free(d);
}

static void cyrillic_text(void **state)
{
    (void)state;
    sl_doc *d = clean("\xD0\x9D\xD0\xBE\xD0\xB2\xD1\x8B\xD0\xB9 \xD0\xBC\xD0\xBE\xD1\x81\xD1\x82 "
                      "\xD0\xBE\xD1\x82\xD0\xBA\xD1\x80\xD1\x8B\xD1\x82\n\n"
                      "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82 \xD0\xBE\xD1\x82\xD0\xBA\xD1\x80\xD1\x8B\xD0\xBB\xD0\xB8 "
                      "\xD0\xB2 \xD0\xBF\xD0\xBE\xD0\xBD\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB8\xD0\xBA.\n");
    assert_non_null(d->title);
    assert_true(strlen(d->text) > 10);
    sl_doc_free(d);
}

static void russian_chrome(void **state)
{
    (void)state;
    sl_doc *d = clean("Мост открыли в понедельник\n\n"
                      "Новый мост через реку открыли в понедельник, сообщил мэр.\n\n"
                      "Фото: пресс-служба\n\n"
                      "Читайте также: Ремонт дорог продлится до осени\n\n"
                      "Подписывайтесь на наш канал в мессенджере\n\n"
                      "Движение по мосту начнется во вторник.\n");
    assert_string_equal(d->title, "Мост открыли в понедельник");
    assert_string_equal(d->text, "Новый мост через реку открыли в понедельник, сообщил мэр.\n\n"
                                 "Движение по мосту начнется во вторник.");
    sl_doc_free(d);
}

static void cjk_paragraphs_kept(void **state)
{
    (void)state;
    sl_doc *d = clean("新桥周一通车\n\n市长周一宣布新桥正式通车。\n\n工程历时三年，耗资十亿元。\n");
    assert_string_equal(d->title, "新桥周一通车");
    assert_string_equal(d->text, "市长周一宣布新桥正式通车。\n\n工程历时三年，耗资十亿元。");
    sl_doc_free(d);
}

static void byline_and_date_become_metadata(void **state)
{
    (void)state;
    sl_doc *d = clean("Council Approves Budget\n\n"
                      "By Jane Doe and John Roe, Example Wire\n\n"
                      "Published December 15, 2020 10:32 AM\n\n"
                      "4 min read\n\n"
                      "By the time the meeting ended, the budget had passed.\n");
    assert_string_equal(d->title, "Council Approves Budget");
    assert_string_equal(d->author, "Jane Doe and John Roe, Example Wire");
    assert_string_equal(d->published, "2020-12-15");
    assert_string_equal(d->text, "By the time the meeting ended, the budget had passed.");
    sl_doc_free(d);
}

static void meta_helpers(void **state)
{
    (void)state;
    char iso[11], *name = NULL;
    assert_true(sl_tc_find_date("on Dec. 15, 2020 at noon", iso));
    assert_string_equal(iso, "2020-12-15");
    assert_true(sl_tc_find_date("15 September 2019", iso));
    assert_string_equal(iso, "2019-09-15");
    assert_true(sl_tc_find_date("2021-03-04T10:00", iso));
    assert_string_equal(iso, "2021-03-04");
    assert_true(sl_tc_find_date("15.12.2020", iso));
    assert_string_equal(iso, "2020-12-15");
    assert_true(sl_tc_find_date("15 \xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F 2020", iso));
    assert_string_equal(iso, "2020-12-15");
    assert_false(sl_tc_find_date("May I have 15 of them in 2020", iso));
    assert_false(sl_tc_find_date("2020-13-45", iso));
    assert_true(sl_tc_dateline("Tuesday, December 15, 2020", iso));
    assert_true(sl_tc_dateline("Updated 10:32 AM ET, Tue December 15, 2020", iso));
    assert_false(sl_tc_dateline("The vote on December 14, 2020 confirmed the result.", iso));
    assert_false(sl_tc_dateline("TV Guide: 15 - 21 November 2019", iso));
    assert_false(sl_tc_dateline("Italy 1-0 United States: Nov 20, 2018", iso));
    assert_true(sl_tc_dateline("Dec 15, 2020 at 10:32 AM UTC", iso));
    assert_true(sl_tc_byline("By JANE DOE", &name));
    assert_string_equal(name, "JANE DOE");
    free(name);
    assert_false(sl_tc_byline("By the time they left, it was dark.", NULL));
    assert_false(sl_tc_byline("By noon the roads were closed.", NULL));
    assert_true(sl_tc_reading_time("5 min read"));
}

static void page_copy_frame(void **state)
{
    (void)state;
    /* a whole web page copied as text: menu, buttons, headline, byline,
     * body, then related links and footer */
    sl_doc *d = clean("Home\n\nNews\n\nSport\n\nWeather\n\nLog in\n\nGet the Newsletter\n\n"
                      "Local Team Wins Regional Championship After Dramatic Final\n\n"
                      "Jane Doe\n\nMarch 3, 2024 by Jane Doe\n\n"
                      "The local team won the regional championship on Saturday after a dramatic "
                      "final that went to extra time.\n\n"
                      "Fans filled the stadium and celebrated late into the night, the club said.\n\n"
                      "Related Posts\n\n"
                      "Coach Signs New Three Year Contract With Club\n\n"
                      "Stadium Upgrade Plans Approved By City Council\n\n"
                      "Privacy Policy\n\nTerms of Use\n");
    assert_string_equal(d->title, "Local Team Wins Regional Championship After Dramatic Final");
    assert_string_equal(d->published, "2024-03-03");
    assert_string_equal(d->text, "The local team won the regional championship on Saturday after a "
                                 "dramatic final that went to extra time.\n\n"
                                 "Fans filled the stadium and celebrated late into the night, the "
                                 "club said.");
    sl_doc_free(d);
}

static void nav_runs_dropped_subheads_kept(void **state)
{
    (void)state;
    sl_doc *d = clean("Harbour Reopens After Storm Repairs Finish Early\n\n"
                      "The harbour reopened on Monday after repairs to the sea wall finished two "
                      "weeks ahead of schedule.\n\n"
                      "Topics\n\nWeather\n\nTransport\n\nLocal Politics\n\nEconomy\n\n"
                      "Fishing boats were the first to return, followed by a small cargo ship "
                      "carrying timber.\n\n"
                      "What happens next\n\n"
                      "Ferries will resume their normal timetable from Wednesday, the operator said "
                      "in a statement.\n");
    assert_string_equal(d->text, "The harbour reopened on Monday after repairs to the sea wall "
                                 "finished two weeks ahead of schedule.\n\n"
                                 "Fishing boats were the first to return, followed by a small cargo "
                                 "ship carrying timber.\n\n"
                                 "What happens next\n\n"
                                 "Ferries will resume their normal timetable from Wednesday, the "
                                 "operator said in a statement.");
    sl_doc_free(d);
}

static void comments_cut_off(void **state)
{
    (void)state;
    sl_doc *d = clean("Library Extends Opening Hours For Exam Season\n\n"
                      "The city library will stay open until midnight during the exam season, the "
                      "council announced on Friday.\n\n"
                      "Students had asked for longer hours in a petition signed by more than two "
                      "thousand people.\n\n"
                      "3 Comments\n\n"
                      "Great news for everyone studying this year, thank you so much to the "
                      "council for listening.\n\n"
                      "About time too, the old hours were far too short for anyone with a job.\n");
    assert_string_equal(d->text, "The city library will stay open until midnight during the exam "
                                 "season, the council announced on Friday.\n\n"
                                 "Students had asked for longer hours in a petition signed by more "
                                 "than two thousand people.");
    sl_doc_free(d);
}

/* ---- helpers ------------------------------------------------------------- */

static void rule_helpers(void **state)
{
    (void)state;
    assert_true(sl_tc_ends_sentence("He left.\xE2\x80\x9D"));
    assert_true(sl_tc_ends_sentence("Why?)"));
    assert_false(sl_tc_ends_sentence("which bear"));
    assert_false(sl_tc_ends_sentence("\xE2\x80\x9CWe are,\xE2\x80\x9D"));
    assert_true(sl_tc_starts_lower("\xE2\x80\x9Cspecial"));
    assert_false(sl_tc_starts_lower("Special"));
    assert_true(sl_tc_is_titlecase("Council Approves a Budget for Schools"));
    assert_false(sl_tc_is_titlecase("the council approved a budget"));
    assert_int_equal(sl_tc_line_kind("https://example.com/x http://example.org/y"), SL_TC_URL);
    assert_int_equal(sl_tc_line_kind("\xE2\x80\x94 A Person (@aperson) June 1, 2019"),
                     SL_TC_TWEET_ATTR);
    assert_int_equal(sl_tc_line_kind("Related article: Something else happened"), SL_TC_CHROME);
    assert_int_equal(sl_tc_line_kind("The browser wars of the 1990s shaped the web."), SL_TC_TEXT);
    assert_true(sl_tc_is_caption("A man walks by. Jo Bloggs / Some Agency"));
    assert_true(sl_tc_is_caption("A man walks by.Jo Bloggs / Agency file"));
    assert_false(sl_tc_is_caption("Prices rose 3 / 4 of a point on Monday."));
    assert_false(sl_tc_is_caption("The ratio was set at 2 / 3 by the Board"));
}

typedef struct spans {
    char out[8][128];
    int n;
} spans;

static void collect(void *ud, const char *s, size_t n)
{
    spans *sp = ud;
    if (sp->n < 8 && n < 128) {
        memcpy(sp->out[sp->n], s, n);
        sp->out[sp->n][n] = 0;
    }
    sp->n++;
}

static void sentence_split(void **state)
{
    (void)state;
    spans sp = {0};
    sl_tc_sentences("Mr. Smith went to the U.S. Senate on Nov. 3. He spoke for 2.5 hours! "
                    "\xE2\x80\x9CGood,\xE2\x80\x9D he said. J. Doe agreed.",
                    collect, &sp);
    assert_int_equal(sp.n, 4);
    assert_string_equal(sp.out[0], "Mr. Smith went to the U.S. Senate on Nov. 3.");
    assert_string_equal(sp.out[1], "He spoke for 2.5 hours!");
    assert_string_equal(sp.out[2], "\xE2\x80\x9CGood,\xE2\x80\x9D he said.");
    assert_string_equal(sp.out[3], "J. Doe agreed.");
}

static void cjk_sentence_split(void **state)
{
    (void)state;
    spans sp = {0};
    sl_tc_sentences("\xE5\xB8\x82\xE9\x95\xBF\xE8\xAF\xB4\xE3\x80\x82"      /* 市长说。 */
                    "\xE3\x80\x8C\xE5\xA5\xBD\xEF\xBC\x81\xE3\x80\x8D"      /* 「好！」 */
                    "\xE6\x98\xAF\xE5\x90\x97\xEF\xBC\x9F",                    /* 是吗？ */
                    collect, &sp);
    assert_int_equal(sp.n, 3);
    assert_string_equal(sp.out[1], "\xE3\x80\x8C\xE5\xA5\xBD\xEF\xBC\x81\xE3\x80\x8D");
}

static void dedup_near_repeat(void **state)
{
    (void)state;
    char *p[3];
    p[0] = strdup("In 2010, the mayor was among the first officials to praise the new plan.");
    p[1] = strdup("It was different. In 2010, mayor was among the first officials to the plan. Fine.");
    p[2] = strdup("It was different.");
    sl_tc_dedup(p, 3);
    assert_string_equal(p[0], "In 2010, the mayor was among the first officials to praise the new plan.");
    assert_string_equal(p[1], "It was different. Fine.");
    assert_non_null(p[2]); /* a 3-word sentence is never a repeat */
    for (int i = 0; i < 3; i++)
        free(p[i]);
}

static void long_input_is_bounded(void **state)
{
    (void)state;
    /* 4,000 distinct sentences and a very long line: must finish quickly */
    size_t cap = 4000 * 64 + 200000;
    char *s = malloc(cap), *q = s;
    q += sprintf(q, "A Long Report About Many Things\n\n");
    for (int i = 0; i < 4000; i++)
        q += sprintf(q, "Item number %d was counted by clerk %d today. ", i, i * 7);
    *q++ = '\n';
    memset(q, 'x', 100000);
    q += 100000;
    *q = 0;
    double t0 = sl_now();
    sl_doc *d = clean(s);
    assert_true(sl_now() - t0 < 5.0);
    assert_true(strlen(d->text) > 100000);
    sl_doc_free(d);
    free(s);
}

static void many_lines_are_bounded(void **state)
{
    (void)state;
    /* 60,000 short distinct lines and 20,000 repeated ones */
    sl_buf b = {0};
    for (int i = 0; i < 60000; i++)
        sl_buf_printf(&b, "Line %d says item %d.\n\nSame line again here.\n\n", i, i * 3);
    double t0 = sl_now();
    sl_doc *d = clean(b.data);
    assert_true(sl_now() - t0 < 10.0);
    assert_non_null(strstr(d->text, "Same line again here."));
    assert_null(strstr(strstr(d->text, "Same line again here.") + 1, "Same line again here."));
    sl_doc_free(d);
    sl_buf_free(&b);
}

/* sl_tc_words_upto: the count up to cap, cap + 1 beyond it; ideographs
 * count two to a word, and two-byte letters like any other. */
static void words_upto(void **state)
{
    (void)state;
    assert_int_equal(sl_tc_words("one two  three four"), 4);
    assert_int_equal(sl_tc_words_upto("one two  three four", 4), 4);
    assert_int_equal(sl_tc_words_upto("one two  three four", 2), 3);
    assert_int_equal(sl_tc_words_upto("", 2), 0);
    assert_int_equal(sl_tc_words("\xD0\x9C\xD0\xB8\xD1\x80 \xCE\xB1\xCE\xB2 x"), 3); /* Мир αβ x */
    assert_int_equal(sl_tc_words("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE5\xBA\x81"), 2); /* 東京都庁 */
    assert_int_equal(sl_tc_words_upto("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE5\xBA\x81", 1), 2);
    /* a broken byte is a character of a word, not a space */
    assert_int_equal(sl_tc_words("ab\xC3 cd\xFF"), 2);
}

/* Repeats are found in any case, in two-byte scripts too: a paragraph
 * written again in capitals is the same words. */
static void repeats_removed_cyrillic_case(void **state)
{
    (void)state;
    sl_doc *d = clean("\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C"
                      "\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE \xD0\xBE\xD0\xB4\xD0\xBE\xD0\xB1\xD1\x80"
                      "\xD0\xB8\xD0\xBB\xD0\xBE \xD0\xBD\xD0\xBE\xD0\xB2\xD1\x8B\xD0\xB9 "
                      "\xD0\xB1\xD1\x8E\xD0\xB4\xD0\xB6\xD0\xB5\xD1\x82 \xD0\xBD\xD0\xB0 "
                      "\xD1\x87\xD0\xB5\xD1\x82\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB3.\n\n"
                      "\xD0\x9F\xD0\xA0\xD0\x90\xD0\x92\xD0\x98\xD0\xA2\xD0\x95\xD0\x9B\xD0\xAC"
                      "\xD0\xA1\xD0\xA2\xD0\x92\xD0\x9E \xD0\x9E\xD0\x94\xD0\x9E\xD0\x91\xD0\xA0"
                      "\xD0\x98\xD0\x9B\xD0\x9E \xD0\x9D\xD0\x9E\xD0\x92\xD0\xAB\xD0\x99 "
                      "\xD0\x91\xD0\xAE\xD0\x94\xD0\x96\xD0\x95\xD0\xA2 \xD0\x9D\xD0\x90 "
                      "\xD0\xA7\xD0\x95\xD0\xA2\xD0\x92\xD0\x95\xD0\xA0\xD0\x93.\n\n"
                      "\xD0\x94\xD0\xB5\xD0\xBF\xD1\x83\xD1\x82\xD0\xB0\xD1\x82\xD1\x8B "
                      "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xBB\xD0\xBE\xD1\x81\xD1\x83"
                      "\xD1\x8E\xD1\x82 \xD0\xB2 \xD0\xBF\xD1\x8F\xD1\x82\xD0\xBD\xD0\xB8\xD1\x86"
                      "\xD1\x83.\n");
    /* the capitals' copy is gone, the first and the last stay */
    assert_null(strstr(d->text, "\xD0\x9F\xD0\xA0\xD0\x90\xD0\x92"));
    assert_non_null(strstr(d->text, "\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2"));
    assert_non_null(strstr(d->text, "\xD0\x94\xD0\xB5\xD0\xBF"));
    sl_doc_free(d);
}

/* The two-byte characters that are not kept as they are, inside runs of
 * ones that are: NBSP is a space, the soft hyphen goes, NEL ends a line. */
static void two_byte_controls_in_runs(void **state)
{
    (void)state;
    sl_doc *d = clean("Ministers agreed on closer co\xC2\xADoperation in \xC3\x9C" "berlingen\xC2\xA0on "
                      "Friday, the \xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80 said "
                      "after the talks ended.\xC2\x85\xC2\x85" "The next round is planned for the spring in "
                      "the same town, officials said.\n");
    assert_non_null(strstr(d->text, "closer cooperation in \xC3\x9C" "berlingen on Friday"));
    assert_non_null(strstr(d->text, "talks ended.\n\nThe next round"));
    sl_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_after_browser_warning),
        cmocka_unit_test(chrome_lines_dropped),
        cmocka_unit_test(captions_and_credits_dropped),
        cmocka_unit_test(tweet_and_video_embeds_dropped),
        cmocka_unit_test(hard_wraps_joined),
        cmocka_unit_test(repeats_removed),
        cmocka_unit_test(repeats_removed_cyrillic_case),
        cmocka_unit_test(words_upto),
        cmocka_unit_test(whitespace_normalised),
        cmocka_unit_test(two_byte_controls_in_runs),
        cmocka_unit_test(known_title_removed_from_body),
        cmocka_unit_test(no_headline_keeps_first_paragraph),
        cmocka_unit_test(empty_and_junk_inputs),
        cmocka_unit_test(headline_only_text),
        cmocka_unit_test(cyrillic_text),
        cmocka_unit_test(russian_chrome),
        cmocka_unit_test(cjk_paragraphs_kept),
        cmocka_unit_test(byline_and_date_become_metadata),
        cmocka_unit_test(page_copy_frame),
        cmocka_unit_test(nav_runs_dropped_subheads_kept),
        cmocka_unit_test(comments_cut_off),
        cmocka_unit_test(meta_helpers),
        cmocka_unit_test(rule_helpers),
        cmocka_unit_test(sentence_split),
        cmocka_unit_test(cjk_sentence_split),
        cmocka_unit_test(dek_before_dateline_dropped),
        cmocka_unit_test(dedup_near_repeat),
        cmocka_unit_test(long_input_is_bounded),
        cmocka_unit_test(many_lines_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
