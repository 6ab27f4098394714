/* Unit tests of html_runs: which text runs and attribute values are
 * marked, what a mark stands for, and that the marked page read back
 * mark by mark is the page. */
#include "harness.h"
#include "html_runs.h"
#include "util.h"

/* The marked text with every mark replaced by what it stands for. */
static char *unmark(const sl_hruns *r, const char *t, size_t n)
{
    sl_buf b = {0};
    for (size_t i = 0; i < n;) {
        const char *run;
        size_t rl;
        if (i + SL_HRUNS_MARK <= n &&
            (sl_hruns_lookup(r, t + i, SL_HRUNS_MARK, SL_HRUNS_TEXT, &run, &rl) ||
             sl_hruns_lookup(r, t + i, SL_HRUNS_MARK, SL_HRUNS_ATTR, &run, &rl))) {
            sl_buf_append(&b, run, rl);
            i += SL_HRUNS_MARK;
        } else {
            sl_buf_putc(&b, t[i++]);
        }
    }
    return sl_buf_take(&b);
}

/* Marks page; returns how many runs, and checks the round trip. */
static size_t marks(sl_hruns *r, const char *page)
{
    size_t n = strlen(page), out;
    const char *t = sl_hruns_make(r, page, n, 12, &out);
    if (!r->n) {
        assert_ptr_equal(t, page);
        assert_int_equal(out, n);
        return 0;
    }
    assert_true(out < n);
    char *back = unmark(r, t, out);
    assert_string_equal(back, page);
    free(back);
    return r->n;
}

static void test_text_and_values(void **state)
{
    (void)state;
    sl_hruns r = {0};
    const char *page = "<html lang=\"en-GB-oxendict-x\"><body><p class=\"lead paragraph\">"
                       "A run of plain text, long enough.</p><p>short</p></body></html>";
    assert_int_equal(marks(&r, page), 2);
    size_t out;
    const char *t = sl_hruns_make(&r, page, strlen(page), 12, &out);
    const char *run;
    size_t rl;
    /* the value of the p's class, then its text; html's lang is left */
    const char *v = strstr(t, "class=\"") + 7;
    assert_true(sl_hruns_lookup(&r, v, SL_HRUNS_MARK, SL_HRUNS_ATTR, &run, &rl));
    assert_int_equal(rl, strlen("lead paragraph"));
    assert_memory_equal(run, "lead paragraph", rl);
    assert_false(sl_hruns_lookup(&r, v, SL_HRUNS_MARK, SL_HRUNS_TEXT, &run, &rl));
    const char *x = strchr(v + SL_HRUNS_MARK, '>') + 1;
    assert_true(sl_hruns_lookup(&r, x, SL_HRUNS_MARK, SL_HRUNS_TEXT, &run, &rl));
    assert_memory_equal(run, "A run of plain text, long enough.", rl);
    assert_true(sl_hruns_has_mark(x, SL_HRUNS_MARK));
    assert_false(sl_hruns_has_mark("plain", 5));
    assert_non_null(strstr(t, "lang=\"en-GB-oxendict-x\""));
    assert_non_null(strstr(t, "<p>short</p>"));
    sl_hruns_free(&r);
}

/* Runs libxml2 would change, or whose bounds are not certain, are left. */
static void test_left_alone(void **state)
{
    (void)state;
    sl_hruns r = {0};
    static const char *const pages[] = {
        "<p>An entity &amp; in a long run of text</p>",
        "<p>A control \x01 character in a long run</p>",
        "<p>A carriage return\r\n in a long run</p>",
        "<p>A noncharacter \xEF\xBF\xBE in a long run</p>",
        "<p>         \n\t      </p>",
        "<script>var a = 'a long run of script text';</script>",
        "<style>p { margin: 0 auto; padding: 0 }</style>",
        "<p a\"b=\"c\">a long run after a bogus attribute</p>",
        "x < y then a long run of text here<b>b</b>",
        "<!foo>a long run after an unknown declaration<b>b</b>",
        "<?php echo 1 ?>a long run after a processing instruction<b>b</b>",
        "<!DOCTYPE html PUBLIC \"a\">a long run after a quoted doctype<b>b</b>",
        "<p>Holds U+100000 \xF4\x80\x80\x80 in a long run</p>",
        "<p title=\"a value with an &amp; entity\">x</p>",
        "<body class=\"the body's class names\"><head title=\"long head title\">",
        NULL};
    for (int i = 0; pages[i]; i++)
        if (marks(&r, pages[i]) != 0)
            fail_msg("marked: %s", pages[i]);
    /* a NUL anywhere: nothing */
    const char nul[] = "<p>A long run of text, long enough.</p>\0<p>";
    size_t out;
    sl_hruns_make(&r, nul, sizeof nul - 1, 12, &out);
    assert_int_equal(r.n, 0);
    assert_int_equal(out, sizeof nul - 1);
    sl_hruns_free(&r);
}

/* Runs of blanks of four bytes or more are marked inside the body only:
 * not before it, not after "</body" or "</html", not after "<body/>". */
static void test_blank_runs(void **state)
{
    (void)state;
    sl_hruns r = {0};
    assert_int_equal(marks(&r, "<html>\n    <head>\n    <title>t</title>\n    </head>\n"
                               "    <body>\n\t\t\t<p>x</p>   <b>y</b>    \n</body>\n    </html>"),
                     2);
    size_t out;
    const char *page = "<body>\n    <p>x</p>\t\t\t\t<p>y</p> \t\n<p>z</p>  \r\n  </body>";
    const char *t = sl_hruns_make(&r, page, strlen(page), 12, &out);
    assert_int_equal(r.n, 2); /* a run with a carriage return is left to libxml2 */
    const char *run;
    size_t rl;
    assert_true(sl_hruns_lookup(&r, t + 6, SL_HRUNS_MARK, SL_HRUNS_TEXT, &run, &rl));
    assert_int_equal(rl, 5);
    assert_memory_equal(run, "\n    ", 5);
    assert_int_equal(marks(&r, "<body/>\n    <p>x</p>\n    "), 0);
    assert_int_equal(marks(&r, "<body>x</BODY >\n    <p>x</p>\n    <b>"), 0);
    assert_int_equal(marks(&r, "<!-- <body> -->\n    <p>x</p>\n    <b>"), 0);
    assert_int_equal(marks(&r, "<body>\n  <p>x</p>\n</html><p>y</p>\n    <b>"), 0);
    sl_hruns_free(&r);
}

/* What follows a script or style, a comment, a self-closed script, an end
 * tag and a plain doctype is marked again. */
static void test_after_constructs(void **state)
{
    (void)state;
    sl_hruns r = {0};
    assert_int_equal(marks(&r, "<!DOCTYPE html>A long run after the doctype<b>b</b>"), 1);
    assert_int_equal(marks(&r, "<script>'</p>a long run in script'</SCRIPT >A long run after "
                               "the script<b>b</b>"),
                     1);
    assert_int_equal(
        marks(&r, "<script src=\"/static/app.bundle.js\"/>A long run after the script<b>b</b>"),
        2);
    assert_int_equal(marks(&r, "<!-- a <p>comment</p> -->A long run after the comment<b>b</b>"),
                     1);
    assert_int_equal(marks(&r, "<b>x</b >A long run after an end tag<b>b</b>"), 1);
    assert_int_equal(marks(&r, "<a href='single quoted value'>A long run of text</a>"), 2);
    /* an unquoted value is left; the text after it is marked */
    assert_int_equal(marks(&r, "<a href=unquoted/value/here>A long run of text</a>"), 1);
    sl_hruns_free(&r);
}

/* Many runs: every one comes back. */
static void test_many(void **state)
{
    (void)state;
    sl_buf b = {0};
    for (int i = 0; i < 5000; i++)
        sl_buf_printf(&b, "<p id=\"paragraph-%05d\">Paragraph number %d of the page.</p>\n", i, i);
    char *page = sl_buf_take(&b);
    sl_hruns r = {0};
    assert_int_equal(marks(&r, page), 10000);
    sl_hruns_free(&r);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_values),
        cmocka_unit_test(test_left_alone),
        cmocka_unit_test(test_blank_runs),
        cmocka_unit_test(test_after_constructs),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
