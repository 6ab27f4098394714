/*
 * test_lang: language identification on short sentences written for the
 * test, unsure answers, long inputs and concurrent callers.
 */
#include "harness.h"

#include "lang.h"
#include "util.h"

#include <pthread.h>

static void expect(const char *text, const char *code)
{
    const char *got = sl_lang_detect(text, strlen(text));
    if (!code) {
        if (got)
            print_message("expected NULL, got %s for: %s\n", got, text);
        assert_null(got);
        return;
    }
    if (!got || strcmp(got, code) != 0)
        print_message("expected %s, got %s for: %s\n", code, got ? got : "NULL", text);
    assert_non_null(got);
    assert_string_equal(got, code);
}

static void english(void **state)
{
    (void)state;
    expect("The council said on Monday that the new bridge would open next spring.", "en");
    expect("Rescue teams worked through the night after heavy rain flooded the valley.", "en");
    expect("Shares fell sharply in early trading as investors worried about rising interest rates "
           "and slowing growth in China.",
           "en");
}

static void russian(void **state)
{
    (void)state;
    expect("Совет заявил в понедельник, что новый мост откроется следующей весной.", "ru");
    expect("Спасатели работали всю ночь после того, как сильный дождь затопил долину.", "ru");
}

static void ukrainian(void **state)
{
    (void)state;
    expect("Рада заявила в понеділок, що новий міст відкриють наступної весни.", "uk");
    expect("Рятувальники працювали всю ніч після того, як сильна злива затопила долину.", "uk");
}

static void german(void **state)
{
    (void)state;
    expect("Der Stadtrat teilte am Montag mit, dass die neue Brücke im nächsten Frühjahr "
           "eröffnet werden soll.",
           "de");
    expect("Die Rettungskräfte arbeiteten die ganze Nacht, nachdem heftiger Regen das Tal "
           "überflutet hatte.",
           "de");
}

/* Latin-script languages without the English shortcut go through the
 * n-gram profiles (the rank index in lang.c). */
static void latin_ngrams(void **state)
{
    (void)state;
    expect("El ayuntamiento anunci\xC3\xB3 el lunes que el nuevo puente se abrir\xC3\xA1 la "
           "pr\xC3\xB3xima primavera, despu\xC3\xA9s de tres a\xC3\xB1os de obras en la ciudad.",
           "es");
    expect("Le conseil municipal a annonc\xC3\xA9 lundi que le nouveau pont ouvrira au printemps "
           "prochain, apr\xC3\xA8s trois ann\xC3\xA9" "es de travaux dans la ville.",
           "fr");
    expect("A c\xC3\xA2mara municipal anunciou na segunda-feira que a nova ponte vai abrir na "
           "pr\xC3\xB3xima primavera, depois de tr\xC3\xAAs anos de obras na cidade.",
           "pt");
    expect("Il consiglio comunale ha annunciato luned\xC3\xAC che il nuovo ponte sar\xC3\xA0 "
           "aperto la prossima primavera, dopo tre anni di lavori nella citt\xC3\xA0.",
           "it");
    /* a longer paragraph is decided by its function words alone */
    expect("El alcalde de la ciudad dijo el lunes que las obras del nuevo puente sobre el "
           "r\xC3\xADo estar\xC3\xA1n terminadas en la primavera, y que los vecinos podr\xC3\xA1n "
           "cruzarlo a pie o en bicicleta, pero no en coche, porque el puente es para los "
           "peatones y para las bicicletas de la zona.",
           "es");
    /* the same answer however often it is asked (the index is shared) */
    for (int i = 0; i < 50; i++)
        expect("Het stadsbestuur maakte maandag bekend dat de nieuwe brug volgend voorjaar "
               "opengaat, na drie jaar werk in de stad.",
               "nl");
}

static void other_scripts(void **state)
{
    (void)state;
    expect("Το συμβούλιο ανακοίνωσε ότι η νέα γέφυρα θα ανοίξει την άνοιξη.", "el");
    expect("Съветът съобщи в понеделник, че новият мост ще бъде открит през пролетта. "
           "Според кмета ремонтът ще продължи още една година.",
           "bg");
    expect("Градско веће је у понедељак саопштило да ће нови мост бити отворен следећег "
           "пролећа.",
           "sr");
    expect("اعلن المجلس يوم الاثنين ان الجسر الجديد سيفتتح في الربيع المقبل", "ar");
    expect("شورای شهر روز دوشنبه اعلام کرد که پل جدید بهار آینده افتتاح خواهد شد", "fa");
    expect("市议会周一表示，新桥将于明年春天开放。", "zh");
    expect("市議会は月曜日、新しい橋は来年の春に開通すると発表した。", "ja");
}

static void unsure_is_null(void **state)
{
    (void)state;
    expect("", NULL);
    expect("ok", NULL);
    expect("12345 67890 !!! ???", NULL);
    expect("Hi there", NULL); /* too short for the profiles */
    assert_null(sl_lang_detect(NULL, 10));
}

static void bounded_time_on_long_input(void **state)
{
    (void)state;
    size_t n = 4 * 1024 * 1024;
    char *s = malloc(n + 1);
    const char *w = "the river rose and the town was flooded after the storm ";
    size_t wl = strlen(w);
    for (size_t i = 0; i < n; i++)
        s[i] = w[i % wl];
    s[n] = 0;
    double t0 = sl_now();
    for (int i = 0; i < 20; i++)
        assert_string_equal(sl_lang_detect(s, n), "en");
    /* only the first few KB are read: 20 calls on 4 MB stay fast */
    assert_true(sl_now() - t0 < 1.0);
    free(s);
}

/* A UTF-8 sequence cut at the length limit must not be misread. */
static void cut_sequences(void **state)
{
    (void)state;
    sl_buf b = {0};
    while (b.len < 8000)
        sl_buf_puts(&b, "Спасатели работали всю ночь после дождя. ");
    for (size_t cut = 4090; cut < 4100; cut++)
        assert_string_equal(sl_lang_detect(b.data, cut), "ru");
    sl_buf_free(&b);
}

typedef struct job {
    const char *text, *want;
    int ok;
} job;

static void *worker(void *ud)
{
    job *j = ud;
    j->ok = 1;
    for (int i = 0; i < 200; i++) {
        const char *got = sl_lang_detect(j->text, strlen(j->text));
        if (!got || strcmp(got, j->want) != 0)
            j->ok = 0;
    }
    return NULL;
}

static void concurrent_callers(void **state)
{
    (void)state;
    job jobs[4] = {
        {"Der Stadtrat teilte am Montag mit, dass die neue Brücke bald eröffnet wird.", "de", 0},
        {"Le conseil a annoncé lundi que le nouveau pont ouvrira au printemps prochain.", "fr", 0},
        {"Совет заявил в понедельник, что новый мост откроется весной.", "ru", 0},
        {"El consejo anunció el lunes que el nuevo puente abrirá la próxima primavera.", "es", 0},
    };
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_true(jobs[i].ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english),
        cmocka_unit_test(russian),
        cmocka_unit_test(ukrainian),
        cmocka_unit_test(german),
        cmocka_unit_test(latin_ngrams),
        cmocka_unit_test(other_scripts),
        cmocka_unit_test(unsure_is_null),
        cmocka_unit_test(bounded_time_on_long_input),
        cmocka_unit_test(cut_sequences),
        cmocka_unit_test(concurrent_callers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
