/* Unit test of the summary's developer knob SL_SUMMARY_PARAMS: its own
 * binary, because the knob is read once per process. A minimum sentence
 * length above every sentence's leaves nothing to choose; the same story
 * under the defaults is covered by test_summary. */
#include "harness.h"
#include "docs.h"
#include "doc.h"
#include "summary.h"
#include "util.h"

#include <stdlib.h>

static sl_doc *mkdoc(const char *id, const char *text)
{
    return test_doc(id, NULL, NULL, text);
}

static void test_knob(void **state)
{
    (void)state;
    assert_int_equal(setenv("SL_SUMMARY_PARAMS", "lead_w=2,min_words=40", 1), 0);
    sl_doc *d[2];
    d[0] = mkdoc("a", "Heavy floods hit the river valley on Friday, forcing thousands of "
                      "residents to leave their homes.");
    d[1] = mkdoc("b", "Heavy floods hit the river valley, forcing thousands of residents to "
                      "leave their homes, officials said.");
    sl_pick *p;
    size_t n = sl_summarize((const sl_doc *const *)d, 2, 100, 0, &p);
    assert_int_equal(n, 0); /* every sentence is under 40 words */
    sl_picks_free(p, n);
    for (int i = 0; i < 2; i++)
        sl_doc_free(d[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_knob)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
