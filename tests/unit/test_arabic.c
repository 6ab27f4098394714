/* Unit tests of arabic: folding, places with their prefixes, people after
 * titles and speech verbs, organisations, speech verbs, and the phrases
 * that look like names but are not. */
#include "harness.h"
#include "arabic.h"
#include "entities.h"
#include "words.h"

/* The names of sentence s as "type:name" lines, in order, into out. */
static void names_of(const char *s, char *out, size_t cap)
{
    sl_word *w;
    size_t nw = sl_words_of(s, &w, NULL);
    sl_ar_name nm[32];
    size_t k = sl_ar_names(s, w, nw, nm, 32);
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < k; i++) {
        static const char T[] = "polx"; /* SL_ENT_PERSON, ORG, PLACE, OTHER */
        char name[512];
        sl_ar_name_text(s, w, &nm[i], name, sizeof name);
        used += (size_t)snprintf(out + used, cap - used, "%c:%s\n", T[nm[i].type], name);
    }
    free(w);
}

typedef struct tcase {
    const char *sentence, *want; /* want: names_of's lines */
} tcase;

static void check(const tcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char got[2048];
        names_of(c[i].sentence, got, sizeof got);
        if (strcmp(got, c[i].want) != 0)
            fail_msg("%s\ngot:\n%swant:\n%s", c[i].sentence, got, c[i].want);
    }
}

static void test_fold(void **state)
{
    (void)state;
    char out[64];
    /* the forms of alef, vowel marks and tatweel */
    assert_int_equal(sl_ar_fold("إسرائيل", strlen("إسرائيل"), out, sizeof out), strlen("اسرائيل"));
    assert_string_equal(out, "اسرائيل");
    sl_ar_fold("الصّين", strlen("الصّين"), out, sizeof out);
    assert_string_equal(out, "الصين");
    sl_ar_fold("مغايرًا", strlen("مغايرًا"), out, sizeof out);
    assert_string_equal(out, "مغايرا");
    sl_ar_fold("آسيا", strlen("آسيا"), out, sizeof out);
    assert_string_equal(out, "اسيا");
    /* too long for the buffer: 0 */
    assert_int_equal(sl_ar_fold("اسرائيل", strlen("اسرائيل"), out, 4), 0);
}

static void test_places(void **state)
{
    (void)state;
    static const tcase C[] = {
        /* prefixes off: "and", "in", "to" + the article */
        {"وصل الوفد إلى بيروت ثم وبغداد", "l:بيروت\nl:بغداد\n"},
        {"زار الوزير للعراق والسعودية", "l:العراق\nl:السعودية\n"},
        /* a name of two words; spelt without hamza */
        {"قصف في قطاع غزة واسرائيل", "l:قطاع غزة\nl:إسرائيل\n"},
        /* a word that opens a place's name */
        {"في محافظة الطائف أمس", "l:محافظة الطائف\n"},
        /* a listed place after that word is itself */
        {"بمدينة دير البلح وسط", "l:دير البلح\n"},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_people(void **state)
{
    (void)state;
    static const tcase C[] = {
        {"وقال الرئيس الفلسطيني محمود عباس إن الاحتلال مسؤول", "p:محمود عباس\n"},
        {"وقال وزير الخارجية الأمريكي مايك بومبيو للصحفيين في واشنطن",
         "p:مايك بومبيو\nl:واشنطن\n"},
        /* a comma before the name; a listed organisation inside the title */
        {"وقال مبعوث الأمم المتحدة للشرق الأوسط، نيكولاي ملادينوف: لا مبرر",
         "p:نيكولاي ملادينوف\n"},
        /* a family name with the article after a known first name */
        {"هنأ نائب رئيس المجلس الإسلامي الشيعي الأعلى الشيخ علي الخطيب، المسلمين",
         "p:علي الخطيب\n"},
        /* "في" inside the title */
        {"وقال رئيس لجنة الاستخبارات في مجلس النواب آدم شيف إن", "p:آدم شيف\n"},
        /* the subject of a speech verb: one word is typed later */
        {"وأضاف ملادينوف، عبر تويتر", "x:ملادينوف\no:تويتر\n"},
        {"وقال السيستاني في خطبة الجمعة", "x:السيستاني\n"},
        /* a participle after the name is no part of it */
        {"وقال الرئيس دونالد ترامب متهما الديمقراطيين", "p:دونالد ترامب\n"},
        /* joined by "بن" */
        {"والتقى ولي عهد أبو ظبي الشيخ محمد بن زايد اليوم", "p:محمد بن زايد\n"},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_organisations(void **state)
{
    (void)state;
    static const tcase C[] = {
        {"علق كلا من الأمم المتحدة والاتحاد الأوروبي على الجريمة",
         "o:الأمم المتحدة\no:الاتحاد الأوروبي\n"},
        {"وقالت وزارة الخارجية الأمريكية في بيان", "o:وزارة الخارجية الأمريكية\n"},
        {"وأعلنت حركة حماس مسؤوليتها", "o:حركة حماس\n"},
        /* a noun that is not a name after an opener */
        {"تشكيل حكومة انقاذية اصلاحية", ""},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_not_names(void **state)
{
    (void)state;
    static const tcase C[] = {
        /* a vague subject, a statement, a team */
        {"وقال مسؤول أمريكي إن المحادثات مستمرة", ""},
        {"وقال بيان صادر عن الوزارة إن", ""},
        {"وقال فريق البحث إن النتائج", ""},
        /* the verb alone, an adverb after it */
        {"وأضاف أن الوضع خطير", ""},
        {"فتابع مبتسما: أنا بخير", ""},
        /* accusatives, a masdar after a preposition, tanwin */
        {"وقال شرطا أساسيا للتسوية", ""},
        {"وقال لتقديم دعم للاجئين", ""},
        {"ورأى العميد مغايرًا هذا الموسم", ""},
        /* a verb's present form after a title */
        {"الرئيس يريد الحوار", ""},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_speech_verbs(void **state)
{
    (void)state;
    assert_int_equal(sl_ar_speech_verb("قال", strlen("قال")), 'm');
    assert_int_equal(sl_ar_speech_verb("وأضاف", strlen("وأضاف")), 'm');
    assert_int_equal(sl_ar_speech_verb("واضافت", strlen("واضافت")), 'f');
    assert_int_equal(sl_ar_speech_verb("وأكدوا", strlen("وأكدوا")), 'p');
    /* a preposition is no verb's prefix; a noun is no verb */
    assert_int_equal(sl_ar_speech_verb("بقال", strlen("بقال")), 0);
    assert_int_equal(sl_ar_speech_verb("بيان", strlen("بيان")), 0);
    assert_true(sl_ar_stop("وفي", strlen("وفي")));
    assert_true(sl_ar_stop("الاثنين", strlen("الاثنين")));
    assert_false(sl_ar_stop("بومبيو", strlen("بومبيو")));
}

static void test_robust(void **state)
{
    (void)state;
    /* Latin text, broken UTF-8, long words and empty input: no names, no crash */
    char out[256];
    names_of("Putin said \xD8 \xD9\x84 \xFF\xFE", out, sizeof out);
    assert_string_equal(out, "");
    char longw[800];
    for (size_t i = 0; i + 2 < sizeof longw; i += 2)
        memcpy(longw + i, "\xD8\xA8", 2);
    longw[sizeof longw - 2] = 0;
    names_of(longw, out, sizeof out);
    assert_string_equal(out, "");
    sl_ar_name nm[1];
    assert_int_equal(sl_ar_names("", NULL, 0, nm, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),          cmocka_unit_test(test_places),
        cmocka_unit_test(test_people),        cmocka_unit_test(test_organisations),
        cmocka_unit_test(test_not_names),     cmocka_unit_test(test_speech_verbs),
        cmocka_unit_test(test_robust)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
