/* Unit tests of korean: the speaker of a Korean quote is the clause's
 * topic before it, when a quoting particle follows the quote. */
#include "harness.h"
#include "korean.h"
#include "entities.h"
#include "words.h"

#include <string.h>

/* The speaker of the first quote (ASCII double quotes) of s, or "-". */
static const char *ko(const char *s)
{
    static char buf[256];
    const char *o = strchr(s, '"');
    const char *c = o ? strchr(o + 1, '"') : NULL;
    if (!c)
        return "-";
    char *sp = sl_ko_speaker(s, 0, (size_t)(o - s), (size_t)(c - s) + 1, strlen(s));
    snprintf(buf, sizeof buf, "%s", sp ? sp : "-");
    free(sp);
    return buf;
}

static void test_topic_speakers(void **state)
{
    (void)state;
    /* 박 감독은 "..."고 말했다: Coach Park */
    assert_string_equal(ko("\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85\xEC\x9D\x80 \"\xEC\xA2\x8B\xEC\x9D\x80 "
                           "\xEA\xB2\xB0\xEA\xB3\xBC\xEB\x8B\xA4\"\xEA\xB3\xA0 \xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4."),
                        "\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85");
    /* 이어 마크롱은 "..."라며: the opener goes */
    assert_string_equal(ko("\xEC\x9D\xB4\xEC\x96\xB4 \xEB\xA7\x88\xED\x81\xAC\xEB\xA1\xB1\xEC\x9D\x80 "
                           "\"\xEC\x9C\xA0\xEB\x9F\xBD\xEC\x9D\xB4 \xEA\xB9\xA8\xEC\x96\xB4\xEB\x82\x98"
                           "\xEC\x95\xBC \xED\x95\x9C\xEB\x8B\xA4\"\xEB\x9D\xBC\xEB\xA9\xB0"),
                        "\xEB\xA7\x88\xED\x81\xAC\xEB\xA1\xB1");
    /* 그는 "..."고 했다: he */
    assert_string_equal(ko("\xEA\xB7\xB8\xEB\x8A\x94 \"\xEC\x9C\xA0\xEB\x9F\xBD\xEC\x9D\x80 "
                           "\xEA\xB0\x95\xED\x95\x98\xEB\x8B\xA4\"\xEA\xB3\xA0 \xED\x96\x88\xEB\x8B\xA4."),
                        "he");
    /* a comma before the topic opens the phrase: 그 배경과 관련, 정부 관계자는 */
    assert_string_equal(ko("\xEA\xB7\xB8 \xEB\xB0\xB0\xEA\xB2\xBD\xEA\xB3\xBC \xEA\xB4\x80\xEB\xA0\xA8, "
                           "\xEC\xA0\x95\xEB\xB6\x80 \xEA\xB4\x80\xEA\xB3\x84\xEC\x9E\x90\xEB\x8A\x94 "
                           "\"\xEC\x95\x88\xEB\x90\x9C\xEB\x8B\xA4\"\xEA\xB3\xA0 \xED\x96\x88\xEB\x8B\xA4."),
                        "\xEC\xA0\x95\xEB\xB6\x80 \xEA\xB4\x80\xEA\xB3\x84\xEC\x9E\x90");
}

static void test_no_speaker(void **state)
{
    (void)state;
    /* no quoting particle after the quote: "..."라는 보도 (a report saying) */
    assert_string_equal(ko("\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85\xEC\x9D\x80 \"\xEC\xA2\x8B\xEC\x9D\x80 "
                           "\xEA\xB2\xB0\xEA\xB3\xBC\xEB\x8B\xA4\"\xEB\x9D\xBC\xEB\x8A\x94 "
                           "\xEB\xB3\xB4\xEB\x8F\x84"),
                        "-");
    /* no topic: 이어 "..."고 말했다 */
    assert_string_equal(ko("\xEC\x9D\xB4\xEC\x96\xB4 \"\xEC\xA2\x8B\xEC\x9D\x80 "
                           "\xEA\xB2\xB0\xEA\xB3\xBC\xEB\x8B\xA4\"\xEA\xB3\xA0 \xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4."),
                        "-");
    /* a verb's form before a noun is no topic: 하는 */
    assert_string_equal(ko("\xEC\x9D\xBC\xEC\x9D\x84 \xED\x95\x98\xEB\x8A\x94 \"\xEC\xA2\x8B\xEC\x9D\x80 "
                           "\xEA\xB2\xB0\xEA\xB3\xBC\xEB\x8B\xA4\"\xEA\xB3\xA0 \xED\x96\x88\xEB\x8B\xA4."),
                        "-");
    /* bad input: a quote at the very start, a truncated syllable */
    assert_null(sl_ko_speaker("\"\xEA\xB3", 0, 0, 2, 3));
    assert_false(sl_ko_hangul("\xEA\xB3", 2));
    assert_true(sl_ko_hangul("\xEA\xB3\xA0", 3));
}

/* The names of sentence s as "p:name" / "l:name" lines, in order. */
static const char *names(const char *s)
{
    static char out[512];
    sl_word *w = NULL;
    size_t cap = 0;
    size_t nw = sl_words_scan(s, strlen(s), &w, &cap, 1000, NULL);
    sl_ko_name nm[16];
    size_t k = sl_ko_names(s, w, nw, nm, 16), used = 0;
    out[0] = 0;
    for (size_t i = 0; i < k; i++) {
        size_t a = w[nm[i].a].s, b = w[nm[i].a + nm[i].n - 1].s + nm[i].last_len;
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%c:%.*s", i ? " " : "",
                                 nm[i].type == SL_ENT_PERSON ? 'p' : 'l', (int)(b - a), s + a);
    }
    free(w);
    return out;
}

static void test_names(void **state)
{
    (void)state;
    /* 문재인 대통령은 평양에서 도널드 트럼프 미국 대통령과 만났다. */
    assert_string_equal(names("\xEB\xAC\xB8\xEC\x9E\xAC\xEC\x9D\xB8 \xEB\x8C\x80\xED\x86\xB5"
                              "\xEB\xA0\xB9\xEC\x9D\x80 \xED\x8F\x89\xEC\x96\x91\xEC\x97\x90\xEC\x84\x9C "
                              "\xEB\x8F\x84\xEB\x84\x90\xEB\x93\x9C \xED\x8A\xB8\xEB\x9F\xBC\xED\x94\x84 "
                              "\xEB\xAF\xB8\xEA\xB5\xAD \xEB\x8C\x80\xED\x86\xB5\xEB\xA0\xB9\xEA\xB3\xBC "
                              "\xEB\xA7\x8C\xEB\x82\xAC\xEB\x8B\xA4."),
                        "p:\xEB\xAC\xB8\xEC\x9E\xAC\xEC\x9D\xB8 l:\xED\x8F\x89\xEC\x96\x91 "
                        "l:\xEB\xAF\xB8\xEA\xB5\xAD p:\xEB\x8F\x84\xEB\x84\x90\xEB\x93\x9C "
                        "\xED\x8A\xB8\xEB\x9F\xBC\xED\x94\x84");
    /* no one: 차기 대통령 (the next president), 외교부 장관 (the ministry),
     * 관계자는 */
    assert_string_equal(names("\xEC\xB0\xA8\xEA\xB8\xB0 \xEB\x8C\x80\xED\x86\xB5\xEB\xA0\xB9 "
                              "\xEC\x99\xB8\xEA\xB5\x90\xEB\xB6\x80 \xEC\x9E\xA5\xEA\xB4\x80"),
                        "");
    /* a common noun of two syllables before a minor title is no name */
    assert_string_equal(names("\xEB\xA6\xAC\xEA\xB7\xB8 \xEC\x84\xA0\xEC\x88\x98"), "");
    /* the gazetteer's places (iso-codes' Korean names and the hand-written
     * ones) with a particle or none; a word that goes on is no place
     * ("미국인", an American), nor a name that is also a common word
     * ("수단", means) */
    assert_string_equal(names("\xEC\xBD\x9C\xEB\xA1\xAC\xEB\xB9\x84\xEC\x95\x84\xEC\x9D\x98 \xEB\x8C\x80\xED\x86\xB5\xEB\xA0\xB9\xEA\xB3\xBC \xEB\x82\xA8\xEC\x88\x98\xEB\x8B\xA8\xEC\x97\x90\xEC\x84\x9C \xEB\xA7\x8C\xEB\x82\xAC\xEB\x8B\xA4."),
                        "l:\xEC\xBD\x9C\xEB\xA1\xAC\xEB\xB9\x84\xEC\x95\x84 l:\xEB\x82\xA8\xEC\x88\x98\xEB\x8B\xA8");
    assert_string_equal(names("\xEC\x9D\xB8\xEB\x8F\x84\xEB\x84\xA4\xEC\x8B\x9C\xEC\x95\x84\xEB\x8A\x94 \xEB\xAF\xB8\xEA\xB5\xAD\xEC\x9D\xB8 \xEA\xB4\x80\xEA\xB4\x91\xEA\xB0\x9D\xEC\x9D\x84 \xEC\x88\x98\xEB\x8B\xA8\xEC\x9D\x84 \xEA\xB0\x80\xEB\xA6\xAC\xEC\xA7\x80 \xEC\x95\x8A\xEA\xB3\xA0 \xEB\xA7\x89\xEC\x95\x98\xEB\x8B\xA4."),
                        "l:\xEC\x9D\xB8\xEB\x8F\x84\xEB\x84\xA4\xEC\x8B\x9C\xEC\x95\x84");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_topic_speakers),
                                       cmocka_unit_test(test_no_speaker),
                                       cmocka_unit_test(test_names)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
