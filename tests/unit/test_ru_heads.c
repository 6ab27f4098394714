/* Unit tests of ru_heads: the head nouns of Russian institution and place
 * names, in every case and not in their adjectives; agreement; the
 * nominative of a feminine or neuter name. */
#include "harness.h"
#include "entities.h"
#include "ru_heads.h"

#include <string.h>

static int head(const char *w, const char **e) { return sl_ru_head(w, strlen(w), e); }

static void test_head(void **state)
{
    (void)state;
    const char *e = NULL;
    assert_int_equal(head("суд", &e), SL_ENT_ORG);
    assert_string_equal(e, "");
    assert_int_equal(head("Суде", &e), SL_ENT_ORG);
    assert_string_equal(e, "е");
    assert_int_equal(head("комитета", NULL), SL_ENT_ORG);
    assert_int_equal(head("области", &e), SL_ENT_PLACE);
    assert_string_equal(e, "и");
    assert_int_equal(head("районах", &e), SL_ENT_PLACE);
    assert_string_equal(e, "ах");
    assert_int_equal(head("управлением", NULL), SL_ENT_ORG);
    assert_int_equal(head("шоссе", NULL), SL_ENT_PLACE);
    /* the stemmer gives adjectives the stem of their noun: not a head */
    assert_int_equal(head("районный", NULL), -1);
    assert_int_equal(head("районном", NULL), -1);
    assert_int_equal(head("судебный", NULL), -1);
    /* a noun with a head's stem but not its form: "зал" and "залив" */
    assert_int_equal(head("залив", NULL), SL_ENT_PLACE);
    assert_int_equal(head("зал", NULL), -1);
    assert_int_equal(head("зале", NULL), -1);
    assert_int_equal(head("края", NULL), SL_ENT_PLACE); /* "край": "кра" + "й" */
    /* other nouns, other languages, nothing */
    assert_int_equal(head("закон", NULL), -1);
    assert_int_equal(head("court", NULL), -1);
    assert_int_equal(head("", NULL), -1);
    char longw[300];
    memset(longw, 'a', sizeof longw);
    assert_int_equal(sl_ru_head(longw, sizeof longw, NULL), -1);
}

static void test_agree(void **state)
{
    (void)state;
    const char *a = "Курской";
    assert_true(sl_ru_agree(a, strlen(a), "и"));       /* Курской области */
    assert_false(sl_ru_agree("Южные", strlen("Южные"), "ы")); /* a plural adjective */
    assert_false(sl_ru_agree("Зиминский", strlen("Зиминский"), "ы")); /* ... районы */
    assert_false(sl_ru_agree("Петушинском", strlen("Петушинском"), "ах"));
    assert_false(sl_ru_agree("Крестецкого", strlen("Крестецкого"), "ов"));
    assert_true(sl_ru_agree("Верховном", strlen("Верховном"), "е"));
}

/* The nominative of name, or NULL when there is none to give. */
static const char *nom(const char *name)
{
    static char out[256];
    return sl_ru_head_nominative(name, strlen(name), out, sizeof out) == 1 ? out : NULL;
}

static void test_nominative(void **state)
{
    (void)state;
    assert_string_equal(nom("Николаевской области"), "Николаевская область");
    assert_string_equal(nom("Центральной избирательной комиссии"),
                        "Центральная избирательная комиссия");
    assert_string_equal(nom("Верховной Раде"), "Верховная Рада"); /* the noun's capital kept */
    assert_string_equal(nom("Законодательном собрании"), "Законодательное собрание");
    assert_string_equal(nom("Черном море"), "Черное море");
    assert_string_equal(nom("Верхней улице"), "Верхняя улица");     /* soft */
    assert_string_equal(nom("Свежей улице"), "Свежая улица");       /* after ж */
    assert_string_equal(nom("Третьей улице"), "Третья улица");      /* -ий of "третий" */
    assert_string_equal(nom("Общего собрания"), "Общее собрание");  /* after щ */
    assert_string_equal(nom("Русским морем"), "Русское море");      /* -им after к */
    assert_string_equal(nom("Курской областях"), "Курская область"); /* coordinated */
    /* masculine: -ый; -ий after a velar, a sibilant or a soft ending;
     * -ой for the stems whose ending is stressed */
    assert_string_equal(nom("Верховном суде"), "Верховный суд");
    assert_string_equal(nom("Ленинском районе"), "Ленинский район");
    assert_string_equal(nom("Пермского края"), "Пермский край");
    assert_string_equal(nom("Верхнего моста"), "Верхний мост");
    assert_string_equal(nom("Общим собором"), "Общий собор");
    assert_string_equal(nom("Третьему району"), "Третий район");
    assert_string_equal(nom("Областного суда"), "Областной суд");
    assert_string_equal(nom("Тверском районе"), "Тверской район");
    assert_string_equal(nom("Северо-Кавказского федерального округа"),
                        "Северо-Кавказский федеральный округ");
    assert_string_equal(nom("Крестецкого районов"), "Крестецкий район"); /* coordinated */
    /* in the nominative already (2): the written adjective is kept */
    assert_int_equal(sl_ru_head_nominative("Заводской район", strlen("Заводской район"),
                                           (char[64]){0}, 64),
                     2);
    assert_int_equal(sl_ru_head_nominative("Красная площадь", strlen("Красная площадь"),
                                           (char[64]){0}, 64),
                     2);
    /* plural adjectives; not such a name */
    assert_null(nom("Южные области"));
    assert_null(nom("Николаевской"));
    assert_null(nom("Николаевской новости"));
    assert_null(nom("Николаевской  области")); /* an empty word */
    char small[8];
    assert_int_equal(sl_ru_head_nominative("Николаевской области", strlen("Николаевской области"),
                                           small, sizeof small),
                     0); /* does not fit */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_head), cmocka_unit_test(test_agree),
                                       cmocka_unit_test(test_nominative)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
