/* Unit tests of romance_heads: institution nouns as written, the
 * adjectives French and Italian write after them, and the words that open
 * sentences but no name. */
#include "harness.h"
#include "romance_heads.h"

#include <string.h>

static int head(const char *w) { return sl_romance_head(w, strlen(w)); }
static int adj(const char *lang, const char *w) { return sl_romance_adjective(lang, w, strlen(w)); }
static int opener(const char *w) { return sl_romance_opener(w, strlen(w)); }

static void test_heads(void **state)
{
    (void)state;
    assert_true(head("Fiscalía"));
    assert_true(head("Ministério"));
    assert_true(head("Assemblée"));
    assert_true(head("Tribunale"));
    assert_false(head("fiscalía")); /* as written: lower case is no name's start */
    assert_false(head("Venezuela"));
    assert_false(head(""));
}

static void test_adjectives(void **state)
{
    (void)state;
    assert_true(adj("fr", "constitutionnel"));
    assert_true(adj("fr", "nationale"));
    assert_true(adj("fr", "européenne"));
    assert_true(adj("fr", "fédéraux")); /* -al, -aux */
    assert_true(adj("it", "costituzionale"));
    assert_true(adj("it", "europea"));
    /* verbs with an adjective's suffix; other languages; nothing */
    assert_false(adj("fr", "appelle"));
    assert_false(adj("fr", "explique"));
    assert_false(adj("es", "nacional"));
    assert_false(adj(NULL, "nationale"));
    assert_false(adj("fr", ""));
}

static void test_openers(void **state)
{
    (void)state;
    assert_int_equal(opener("Según"), SL_OPENER_WORD);
    assert_int_equal(opener("Selon"), SL_OPENER_WORD);
    assert_int_equal(opener("Secondo"), SL_OPENER_WORD);
    assert_int_equal(opener("La"), SL_OPENER_ARTICLE);
    assert_int_equal(opener("Gli"), SL_OPENER_ARTICLE);
    assert_int_equal(opener("Fiscalía"), 0);
    assert_int_equal(opener("Paz"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_heads),
                                       cmocka_unit_test(test_adjectives),
                                       cmocka_unit_test(test_openers)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
