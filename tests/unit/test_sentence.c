/* Unit tests of sentence: splitting around abbreviations and quotes. */
#include "harness.h"
#include "sentence.h"

/* Splits s and returns the i-th sentence as a static string. */
static const char *nth(const char *s, size_t i, size_t *count)
{
    static char buf[512];
    sl_sent *v;
    size_t n = sl_sentences(s, strlen(s), &v);
    if (count)
        *count = n;
    buf[0] = 0;
    if (i < n)
        snprintf(buf, sizeof buf, "%.*s", (int)(v[i].end - v[i].start), s + v[i].start);
    free(v);
    return buf;
}

/* s splits into two sentences, the first being first. */
static void two(const char *s, const char *first)
{
    size_t n;
    assert_string_equal(nth(s, 0, &n), first);
    assert_int_equal(n, 2);
}

static void test_abbreviations(void **state)
{
    (void)state;
    size_t n;
    const char *s = "The U.S. Senate met on Nov. 3 with Mr. Smith and Dr. J. Doe. They voted.";
    assert_string_equal(nth(s, 0, &n), "The U.S. Senate met on Nov. 3 with Mr. Smith and Dr. J. Doe.");
    assert_int_equal(n, 2);
    assert_string_equal(nth(s, 1, NULL), "They voted.");
    nth("Prices rose 3.5 percent. Markets fell.", 0, &n);
    assert_int_equal(n, 2);
    /* "U.S." ending a sentence before a typical opener */
    two("Sanctions hit the U.S. The Kremlin denied it.", "Sanctions hit the U.S.");
    /* a German day number before its month ends no sentence; one that
     * ends a sentence still does */
    two("Er stellt sich am 15. April 2020 nicht mehr zur Wahl. Das teilte er mit.",
        "Er stellt sich am 15. April 2020 nicht mehr zur Wahl.");
    two("Der Sieger war Nummer 15. Aprils Wetter half ihm.", "Der Sieger war Nummer 15.");
    /* the months of the date reader's languages: Austria's "Jänner", and a
     * Romance one in its lower case */
    two("Die Wahl ist am 26. J\xC3\xA4nner 2020. Sie wird knapp.",
        "Die Wahl ist am 26. J\xC3\xA4nner 2020.");
    two("Das Event findet am 28. und 29. Mai 2020 in Berlin statt. Es ist gut.",
        "Das Event findet am 28. und 29. Mai 2020 in Berlin statt.");
    two("La cita es el 3. marzo en Madrid. Luego vuelve.", "La cita es el 3. marzo en Madrid.");
    /* an English month is a sentence's first word as often: it splits */
    two("The team finished 5. May brings the final.", "The team finished 5.");
}

/* Russian and Ukrainian: abbreviations and initials end no sentence, a
 * lower-case word opens none, a quotation in « » or „ “ opens one. */
static void test_cyrillic(void **state)
{
    (void)state;
    size_t n;
    const char *s = "Без света остались 10 тыс. домов и 2 млн. жителей. Сети восстановят завтра.";
    assert_string_equal(nth(s, 0, &n), "Без света остались 10 тыс. домов и 2 млн. жителей.");
    assert_int_equal(n, 2);
    s = "Указ подписал В. В. Путин. Он вступит в силу сразу.";
    assert_string_equal(nth(s, 0, &n), "Указ подписал В. В. Путин.");
    assert_int_equal(n, 2);
    s = "Нужен первый звонок (с Зеленским - ред.), - сказал он. Затем он ушёл.";
    assert_string_equal(nth(s, 0, &n), "Нужен первый звонок (с Зеленским - ред.), - сказал он.");
    assert_int_equal(n, 2);
    s = "Сумма составила 5 млрд. рублей по версии следствия. Суд согласился.";
    nth(s, 0, &n);
    assert_int_equal(n, 2);
    s = "Он это сказал. «Мы продолжим работу», — добавил он.";
    assert_string_equal(nth(s, 1, &n), "«Мы продолжим работу», — добавил он.");
    assert_int_equal(n, 2);
}

static void test_quotes(void **state)
{
    (void)state;
    size_t n;
    const char *s = "\"We will win,\" he said. \"Are you sure?\" she asked. Then they left.";
    assert_string_equal(nth(s, 0, &n), "\"We will win,\" he said.");
    assert_int_equal(n, 3);
    assert_string_equal(nth(s, 1, NULL), "\"Are you sure?\" she asked.");
    s = "\xE2\x80\x9CIt is over.\xE2\x80\x9D The statement ended there.";
    assert_string_equal(nth(s, 0, &n), "\xE2\x80\x9CIt is over.\xE2\x80\x9D");
    assert_int_equal(n, 2);
    s = "He said ``it is done.'' Officials agreed.";
    assert_string_equal(nth(s, 1, &n), "Officials agreed.");
}

static void test_paragraphs(void **state)
{
    (void)state;
    sl_sent *v;
    const char *s = "First line\nwraps here. Second one.\n\n  \nNew paragraph";
    size_t n = sl_sentences(s, strlen(s), &v);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].para, 0);
    assert_int_equal(v[1].para, 0);
    assert_int_equal(v[1].para_index, 1);
    assert_int_equal(v[2].para, 1);
    assert_int_equal(v[2].para_index, 0);
    free(v);
    assert_int_equal(sl_sentences("", 0, &v), 0);
    free(v);
    assert_int_equal(sl_sentences(" \n\n ", 4, &v), 0);
    free(v);
}

static void test_dateline(void **state)
{
    (void)state;
    /* a sentence and what follows its dateline (NULL: no dateline) */
    static const char *const cases[][2] = {
        {"MOSCOW \xE2\x80\x94 Putin spoke.", "Putin spoke."},
        {"DOI INTHANON, Thailand (AP) _ Stargazers watched.", "Stargazers watched."},
        {"HANOI, April 19 (Xinhua)-- Exports grew.", "Exports grew."},
        /* prose before the dash */
        {"When the leader (a hero) \xE2\x80\x94 the film says so \xE2\x80\x94 spoke.", NULL},
        {"RIO DE JANEIRO, Brazil (AP) _ Rain fell.", "Rain fell."},
        {"Prices - and wages - rose.", NULL},
        /* every separator: " -- ", an en dash, " - ", ")_ " */
        {"LONDON -- Markets fell.", "Markets fell."},
        {"KYIV \xE2\x80\x93 Talks began.", "Talks began."},
        {"PARIS - Strikes spread.", "Strikes spread."},
        {"BEIJING, Nov. 2 (Xinhua)_ Trade rose.", "Trade rose."},
        {"ROME -", NULL}, /* a separator cut short by the end */
        /* Cyrillic prose, and a quotation, before a dash in parentheses */
        {"Власти города (по данным СМИ) - сообщили о переносе.", NULL},
        {"\"Теперь им нужен мой первый звонок (с Зеленским - ред.)\", - подчеркнул он.", NULL},
        {"\xC2\xAB" "Это (так сказать) - пример\xC2\xBB, - сказал он.", NULL},
        {"МОСКВА (Reuters) - Рубль вырос.", "Рубль вырос."},
        /* Arabic: a listed place, an agency, the outlet on the dateline's line */
        {"واشنطن - نبه خبراء من خطورة ضعف السمع.", "نبه خبراء من خطورة ضعف السمع."},
        {"القاهرة (رويترز) - ارتفعت الأسعار.", "ارتفعت الأسعار."},
        {"رام الله - دنيا الوطن\nقالت إذاعة الجيش إن الصواريخ لن تتوقف.",
         "قالت إذاعة الجيش إن الصواريخ لن تتوقف."},
        /* prose before the dash, no place */
        {"قال الوزير - في بيان - إن الوضع خطير.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = cases[i][0];
        size_t k = sl_sent_dateline(s, strlen(s));
        if (cases[i][1])
            assert_string_equal(s + k, cases[i][1]);
        else
            assert_int_equal(k, 0);
        if (!cases[i][1] || (unsigned char)s[0] >= 0xD8)
            continue; /* (capitals before an Arabic place make no dateline) */
        /* the same dateline after 0..40 more capitals, before a long text:
         * the separator at every place of a 16-byte block */
        size_t dl = (size_t)k;
        for (size_t pad = 0; pad <= 40; pad++) {
            char buf[512];
            memset(buf, 'Z', pad);
            snprintf(buf + pad, sizeof buf - pad, "%s%s", s,
                     " and then the long rest of the story went on and on for a while.");
            assert_int_equal(sl_sent_dateline(buf, strlen(buf)), dl + pad);
        }
    }
}

/* A teaser line before a dateline is not the body; without a dateline the
 * body starts at the first sentence. */
static void test_body(void **state)
{
    (void)state;
    const char *t = "A teaser line comes first here.\n\nMOSCOW \xE2\x80\x94 Putin spoke on "
                    "Tuesday.\n\nHe said more.";
    sl_sent *s;
    size_t n = sl_sentences(t, strlen(t), &s);
    assert_int_equal(n, 3);
    assert_int_equal(sl_sent_body(t, s, n), 1);
    free(s);
    t = "Putin spoke on Tuesday.\n\nHe said more.\n\nThe end came later.";
    n = sl_sentences(t, strlen(t), &s);
    assert_int_equal(n, 3);
    assert_int_equal(sl_sent_body(t, s, n), 0);
    free(s);
}

/* Shared splits give what a fresh split gives; without them (or past
 * their end) the text is split on demand. */
static void test_splits(void **state)
{
    (void)state;
    const char *texts[3] = {"One here. Two there.", NULL, "Only one."};
    sl_splits sp;
    sl_splits_init(&sp, texts, 3);
    const sl_sent *s;
    sl_sent *own;
    assert_int_equal(sl_splits_get(&sp, 0, texts[0], &s, &own), 2);
    assert_null(own);
    assert_int_equal(s[1].start, 10);
    assert_int_equal(sl_splits_get(&sp, 1, texts[1], &s, &own), 0);
    assert_int_equal(sl_splits_get(NULL, 2, texts[2], &s, &own), 1);
    assert_non_null(own);
    free(own);
    assert_int_equal(sl_splits_get(NULL, 0, NULL, &s, &own), 0);
    assert_null(own);
    sl_splits_free(&sp);
    sl_splits_free(NULL);
}

/* The lead alone: sl_sentences_max gives sl_sentences' first sentences,
 * at least max of them when there are, and stops after their paragraph. */
static void test_lead_only(void **state)
{
    (void)state;
    const char *t = "Mr. Smith came. He spoke.\n\nThe U.S. The end? Yes!\n\n  \n"
                    "One more \"said he.\" Last one.\n\nAlone";
    sl_sent *all;
    size_t n = sl_sentences(t, strlen(t), &all);
    assert_int_equal(n, 8);
    for (size_t max = 0; max <= n + 1; max++) {
        sl_sent *v;
        size_t k = sl_sentences_max(t, strlen(t), max, &v);
        assert_true(k >= (max < n ? max : n) && k <= n);
        for (size_t i = 0; i < k; i++)
            assert_memory_equal(&v[i], &all[i], sizeof v[i]);
        if (k && k < n) /* it stopped at the end of a paragraph */
            assert_true(all[k].para != all[k - 1].para);
        free(v);
    }
    free(all);
}

/* Terms are stems: two forms of a word are one term, function words are
 * marked. */
static void test_terms(void **state)
{
    (void)state;
    const char *s = "The talks resumed; talking resumes.";
    sl_term *t = NULL;
    size_t nt = 0, ct = 0;
    assert_int_equal(sl_sent_terms("en", s, strlen(s), &t, &nt, &ct), 5);
    assert_true(t[0].stop && !t[1].stop);
    assert_int_equal(t[2].h, t[4].h); /* resumed, resumes: one stem */
    assert_true(t[1].h != t[2].h);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations), cmocka_unit_test(test_cyrillic),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_body), cmocka_unit_test(test_splits),
        cmocka_unit_test(test_terms), cmocka_unit_test(test_lead_only)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
