/* Unit tests of nominative: Russian and Ukrainian personal names put back
 * in the nominative from every case, names left alone when a reading is
 * uncertain, and names already in the nominative. */
#include "harness.h"
#include "nominative.h"

typedef struct tcase {
    const char *lang, *in, *want; /* want NULL: SL_NAME_UNKNOWN */
} tcase;

static void check(const tcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char out[128] = "";
        int r = sl_name_nominative(c[i].lang, c[i].in, strlen(c[i].in), out, sizeof out);
        if (!c[i].want) {
            if (r != SL_NAME_UNKNOWN)
                fail_msg("%s: read as %d (%s), want unknown", c[i].in, r, out);
        } else if (r != SL_NAME_OBLIQUE || strcmp(out, c[i].want) != 0) {
            fail_msg("%s: got %d \"%s\", want \"%s\"", c[i].in, r, out, c[i].want);
        }
    }
}

static void test_russian_cases(void **state)
{
    (void)state;
    static const tcase C[] = {
        {"ru", "Владимира Путина", "Владимир Путин"},
        {"ru", "Владимиру Путину", "Владимир Путин"},
        {"ru", "Владимиром Путиным", "Владимир Путин"},
        {"ru", "Владимире Путине", "Владимир Путин"},
        {"ru", "Владимира Зеленского", "Владимир Зеленский"},
        {"ru", "Владимиром Зеленским", "Владимир Зеленский"},
        {"ru", "Сергеем Лавровым", "Сергей Лавров"},
        {"ru", "Дмитрия Пескова", "Дмитрий Песков"},
        {"ru", "Игорем Ивановым", "Игорь Иванов"},
        {"ru", "Александра Новака", "Александр Новак"},
        {"ru", "Владимира Владимировича Путина", "Владимир Владимирович Путин"},
        /* surnames that do not decline */
        {"ru", "Виталия Мутко", "Виталий Мутко"},
        {"ru", "Эдуарда Парри", "Эдуард Парри"},
        {"ru", "Анны Скороход", "Анна Скороход"},
        /* women, and a man's name on -а */
        {"ru", "Марии Захаровой", "Мария Захарова"},
        {"ru", "Анну Иванову", "Анна Иванова"},
        {"ru", "Ольгой Бузовой", "Ольга Бузова"},
        {"ru", "Ирины Сергеевны Васевой", "Ирина Сергеевна Васева"},
        {"ru", "Никиты Михалкова", "Никита Михалков"},
        /* "Ярослава" is also a woman's name; "Дубневича" cannot be hers */
        {"ru", "Ярослава Дубневича", "Ярослав Дубневич"},
        /* surnames on -а, a man's or a woman's */
        {"ru", "Степана Бандеры", "Степан Бандера"},
        {"ru", "Елены Телиги", "Елена Телига"},
        {"ru", "Романа Полански", "Роман Полански"},
        {"ru", "Сергею Кулибабе", "Сергей Кулибаба"},
        {"ru", "Аллой Салминой", "Алла Салмина"},
        {"ru", "Викторию Лесничую", "Виктория Лесничая"},
        {"ru", "Ивана Голубца", "Иван Голубец"},
        {"ru", "Андреем Бабишем", "Андрей Бабиш"},
        /* a first name and a patronymic */
        {"ru", "Евгении Викторовне", "Евгения Викторовна"},
        {"ru", "Александра Леонидовича", "Александр Леонидович"},
        /* foreign first names (data/names/first_names_ru_foreign.tsv); two
         * first names; a woman's name on a consonant does not decline, so
         * "Марину" is Марина's only */
        {"ru", "Дональда Трампа", "Дональд Трамп"},
        {"ru", "Майком Помпео", "Майк Помпео"},
        {"ru", "Башаром Асадом", "Башар Асад"},
        {"ru", "Реджепом Тайипом Эрдоганом", "Реджеп Тайип Эрдоган"},
        {"ru", "Марину Чекунову", "Марина Чекунова"},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_ukrainian_cases(void **state)
{
    (void)state;
    static const tcase C[] = {
        {"uk", "Володимира Зеленського", "Володимир Зеленський"},
        {"uk", "Володимиру Зеленському", "Володимир Зеленський"},
        {"uk", "Петра Порошенка", "Петро Порошенко"},
        {"uk", "Юлії Тимошенко", "Юлія Тимошенко"},
        {"uk", "Ірини Верещук", "Ірина Верещук"},
        {"uk", "Андрія Кравчука", "Андрій Кравчук"},
        {"uk", "Андрієм Єрмаком", "Андрій Єрмак"},
        {"uk", "Дмитра Нескромного", "Дмитро Нескромний"},
        {"uk", "Світлані Лободі", "Світлана Лобода"},
        {"uk", "Миколи Азарова", "Микола Азаров"},
        {"uk", "Романом Макеєвим", "Роман Макеєв"},
    };
    check(C, sizeof C / sizeof *C);
}

/* Left alone: two readings, an unknown first name, no name at all, a
 * surname that would lose its -ко, another language. */
static void test_uncertain(void **state)
{
    (void)state;
    static const tcase C[] = {
        {"ru", "Ярослава Никоненко", NULL},   /* Ярослава, or Ярослав's */
        {"ru", "Александра Пахмутова", NULL}, /* the same */
        {"ru", "Вунибальдом Штаусом", NULL},  /* a first name the lists lack */
        {"ru", "Правительства РФ", NULL},
        {"uk", "Віталієм Кличком", NULL},
        {"uk", "Вадима Пристайка", NULL},
        {"ru", "Алла Салминой", NULL},
        {"ru", "Максиму Бондареву-Софрину", NULL},
        {"ru", "Артема Дзюбу", NULL},  /* Дзюба's accusative, or Дзюбу's genitive */
        {"ru", "Сергея Шойгу", NULL},  /* the same */
        {"ru", "Сергеем Белоголовцевыми", NULL},
        {"en", "Владимира Путина", NULL},
        {"ru", "Путина", NULL},
        {"ru", "Vladimir Putin", NULL},
    };
    check(C, sizeof C / sizeof *C);
}

static void test_nominative_already(void **state)
{
    (void)state;
    static const char *const N[] = {"Владимир Путин", "Сергей Шойгу", "Анна Иванова",
                                    "Мария Захарова", "Дмитрий Сергеевич Лазарев",
                                    "Володимир Дудка", "Юлия Леонидовна"};
    for (size_t i = 0; i < sizeof N / sizeof *N; i++) {
        char out[128];
        assert_int_equal(sl_name_nominative("ru", N[i], strlen(N[i]), out, sizeof out),
                         SL_NAME_NOMINATIVE);
    }
    char small[8];
    assert_int_equal(sl_name_nominative("ru", "Виталия Мутко", strlen("Виталия Мутко"), small,
                                        sizeof small),
                     SL_NAME_UNKNOWN);
}

static void test_first_oblique(void **state)
{
    (void)state;
    assert_true(sl_name_first_oblique("ru", "Виталия", strlen("Виталия")));
    assert_true(sl_name_first_oblique("uk", "Володимира", strlen("Володимира")));
    assert_false(sl_name_first_oblique("ru", "Виталий", strlen("Виталий")));
    assert_false(sl_name_first_oblique("ru", "Правительства", strlen("Правительства")));
    assert_false(sl_name_first_oblique("en", "Виталия", strlen("Виталия")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_russian_cases), cmocka_unit_test(test_ukrainian_cases),
        cmocka_unit_test(test_uncertain), cmocka_unit_test(test_nominative_already),
        cmocka_unit_test(test_first_oblique)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
