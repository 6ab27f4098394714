/* Unit tests of dates: explicit and relative expressions, resolution. */
#include "harness.h"
#include "dates.h"
#include "doc.h"
#include "util.h"

/* Finds the dates of s with publication date pub ("YYYY-MM-DD" or NULL)
 * and returns the ISO form of the i-th, "R:<phrase>" when relative. */
static const char *nth(const char *s, const char *pub, size_t i)
{
    static char buf[64];
    int64_t t = SL_TIME_UNKNOWN;
    if (pub)
        assert_true(sl_parse_iso8601(pub, &t));
    sl_date d[8];
    size_t n = sl_dates_find(s, strlen(s), t, d, 8);
    if (i >= n)
        return "none";
    if (d[i].prec == SL_DATE_RELATIVE)
        snprintf(buf, sizeof buf, "R:%.*s", (int)(d[i].end - d[i].start), s + d[i].start);
    else
        sl_date_iso(&d[i], buf);
    return buf;
}

/* A text, its publication date (or NULL) and the first date nth gives. */
typedef struct dcase {
    const char *text, *pub, *want;
} dcase;

static void check_cases(const dcase *C, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(nth(C[i].text, C[i].pub, 0), C[i].want) != 0)
            fail_msg("%s: %s, want %s", C[i].text, nth(C[i].text, C[i].pub, 0), C[i].want);
}

static void test_explicit(void **state)
{
    (void)state;
    assert_string_equal(nth("It happened on November 9, 2016, in Moscow.", NULL, 0), "2016-11-09");
    assert_string_equal(nth("The vote on Dec. 15, 2020 was close.", NULL, 0), "2020-12-15");
    assert_string_equal(nth("The Nov. 3 vote", "2020-12-15", 0), "2020-11-03");
    assert_string_equal(nth("The Nov. 3 vote", NULL, 0), "--11-03");
    assert_string_equal(nth("Crimea was annexed in 2014.", NULL, 0), "2014");
    assert_string_equal(nth("Moscow\xE2\x80\x99s 2014 annexation", NULL, 0), "2014");
    assert_string_equal(nth("Signed 3 November 2020 in Paris", NULL, 0), "2020-11-03");
    assert_string_equal(nth("Filed 2019-11-08.", NULL, 0), "2019-11-08");
    assert_string_equal(nth("in March 2011", NULL, 0), "2011-03");
    /* a bare month with no publication date: the month of an unknown year */
    assert_string_equal(nth("Back in December, he called him a leader.", NULL, 0), "--12");
    assert_string_equal(nth("a video from back in September:", NULL, 0), "--09");
    /* not dates */
    assert_string_equal(nth("at 1830 GMT", NULL, 0), "none");
    assert_string_equal(nth("He may come.", NULL, 0), "none");
    assert_string_equal(nth("with 306 electoral votes", NULL, 0), "none");
}

static void test_relative(void **state)
{
    (void)state;
    /* 2020-12-15 was a Tuesday */
    assert_string_equal(nth("Putin on Tuesday congratulated Biden", "2020-12-15", 0), "2020-12-15");
    assert_string_equal(nth("after Monday's meeting", "2020-12-15", 0), "2020-12-14");
    assert_string_equal(nth("on Wednesday", "2020-12-15", 0), "2020-12-09");
    assert_string_equal(nth("last Tuesday", "2020-12-15", 0), "2020-12-08");
    assert_string_equal(nth("next Friday", "2020-12-15", 0), "2020-12-18");
    assert_string_equal(nth("on Tuesday", NULL, 0), "R:Tuesday");
    assert_string_equal(nth("yesterday", "2020-03-01", 0), "2020-02-29");
    assert_string_equal(nth("his victory last month", "2020-12-15", 0), "2020-11");
    assert_string_equal(nth("his victory last month", "2021-01-10", 0), "2020-12");
    assert_string_equal(nth("last year", "2021-01-10", 0), "2020");
    assert_string_equal(nth("three days ago", "2021-01-02", 0), "2020-12-30");
    assert_string_equal(nth("in March", "2020-12-15", 0), "2020-03");
    assert_string_equal(nth("in December", "2021-01-10", 0), "2020-12");
}

static void test_offset(void **state)
{
    (void)state;
    const char *s = "his message coming six weeks after the Nov. 3 vote";
    assert_string_equal(nth(s, "2020-12-15", 0), "2020-12-15");
    assert_string_equal(nth(s, "2020-12-15", 1), "2020-11-03");
    assert_string_equal(nth(s, NULL, 0), "--12-15");
    assert_string_equal(nth(s, NULL, 1), "--11-03");
    assert_string_equal(nth("two days before Jan. 1, 2000", NULL, 0), "1999-12-30");
}

/* Without a publication date a relative date keeps where it lies from that
 * day: days for day words, months, years and "ago", a weekday and its
 * last/next for weekdays (sl_timeline orders by them). */
static void test_relative_place(void **state)
{
    (void)state;
    static const struct { const char *s; int off, wday; } cases[] = {
        {"He spoke on Tuesday.", 0, 2},          {"They met last Friday.", -7, 5},
        {"It opens next Monday.", 7, 1},         {"She left yesterday.", -1, 0},
        {"It ends tomorrow.", 1, 0},             {"The vote last month was close.", -30, 0},
        {"Prices rose last year.", -365, 0},     {"He was freed two weeks ago.", -14, 0},
        {"It closed 3 days ago.", -3, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sl_date d[4];
        size_t n = sl_dates_find(cases[i].s, strlen(cases[i].s), SL_TIME_UNKNOWN, d, 4);
        assert_int_equal(n, 1);
        assert_int_equal(d[0].prec, SL_DATE_RELATIVE);
        assert_int_equal(d[0].off, cases[i].off);
        assert_int_equal(d[0].wday, cases[i].wday);
    }
}

static void test_order(void **state)
{
    (void)state;
    sl_date a = {0, 0, 2016, 0, 0, SL_DATE_YEAR, 0, 0}, b = {0, 0, 2016, 11, 9, SL_DATE_DAY, 0, 0};
    sl_date c = {0, 0, 0, 11, 3, SL_DATE_DAY, 0, 0}, r = {0, 0, 0, 0, 0, SL_DATE_RELATIVE, 0, 0};
    assert_true(sl_date_cmp(&a, &b) < 0);
    assert_true(sl_date_cmp(&b, &c) < 0);
    assert_true(sl_date_cmp(&c, &r) < 0);
    assert_true(sl_date_cmp(&r, &r) == 0);
    sl_date month_ago = {0, 0, 0, 0, 0, SL_DATE_RELATIVE, -30, 0};
    assert_true(sl_date_cmp(&month_ago, &r) < 0);
    assert_true(sl_date_cmp(&c, &month_ago) < 0);
}

/* Findings of fuzz_textdates (docs/FUZZING.md): a number at the very end
 * of a text without a NUL after it, days a month lacks, and the fields a
 * lowered precision no longer has. */
static void test_fuzz_findings(void **state)
{
    (void)state;
    /* dates-3: "in 2014" as the last bytes of a buffer with no NUL after
     * (ASan would catch a read past it) */
    const char *txt = "Crimea was annexed in 2014";
    size_t n = strlen(txt);
    char *exact = sl_xmalloc(n);
    memcpy(exact, txt, n);
    sl_date d[4];
    assert_int_equal(sl_dates_find(exact, n, SL_TIME_UNKNOWN, d, 4), 1);
    assert_int_equal(d[0].y, 2014);
    free(exact);
    /* dates-4: no day a month lacks */
    assert_string_equal(nth("Feb. 29 was busy", "2021-03-10", 0), "none");
    assert_string_equal(nth("Feb. 29 was busy", "2019-03-10", 0), "none");
    assert_string_equal(nth("Feb. 29 was busy", "2020-03-10", 0), "2020-02-29");
    assert_string_equal(nth("on 31 September 2020", NULL, 0), "2020-09"); /* the month only */
    assert_string_equal(nth("on 31February", NULL, 0), "none");
    assert_string_equal(nth("on 29 February 2019", NULL, 0), "2019-02"); /* the month only */
    /* dates-5: a month-precision date has no day, a year one no month */
    int64_t pub;
    assert_true(sl_parse_iso8601("2020-06-20", &pub));
    const char *cases[] = {"two years ago", "three months ago", "12 years after June 20, 2000"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = sl_dates_find(cases[i], strlen(cases[i]), pub, d, 4);
        assert_true(k >= 1);
        assert_true(d[0].prec != SL_DATE_DAY);
        assert_int_equal(d[0].d, 0);
        if (d[0].prec == SL_DATE_YEAR)
            assert_int_equal(d[0].m, 0);
    }
}

/* sl_dates_possible never turns away a sentence with a date: a sentence it
 * rejects, with " - 2000" added (which passes the test and adds no date of
 * its own: no word before the year makes it one), has no date either.
 * Sentences of date-like words and numbers in random order.
 * sl_dates_possible_words, reading words and what stands next to them,
 * turns away more (a month with no number or preposition by it, "year"
 * without "last"), and never a sentence with a date, on the whole text
 * and on a cut of it. */
static void test_possible(void **state)
{
    (void)state;
    static const char *const W[] = {
        "November", "november", "NOVEMBER", "Nov", "Nov.", "Sept.", "Sep", "May", "may",
        "Mayor", "mid-March", "March", "Tuesday", "tuesday", "Monday's", "TODAY", "Today",
        "today's", "yesterday", "tomorrow", "USA", "youth", "of", "last", "next", "this",
        "past", "month", "months", "year", "Years", "week", "weeks", "day", "days", "ago",
        "Ago", "a", "an", "three", "several", "after", "before", "later", "in", "since",
        "the", "vote", "\xD0\x92 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD0\xB5", "\xE2\x80\x99s",
        "-", ",", ".", ":", "(", "'", "\xE2\x80\x94", "2014", "3rd", "G20", "COVID-19", "0", "15", "31", "1799",
        "2101", "12014", "2014-11-03", "2019-nCoV", "1990s", "3.5", "3", "5th", "s", "’s",
        "during", "U.S.", "x-in", "mid-", "Russia's", "2019", "ноября", "ноябре", "Ноябрь",
        "в", "у", "назад", "тому", "дня", "неделю", "года", "году", "г.", "прошлом", "минулого",
        "понедельник", "Вчера", "п'ятницю", "три", "москва", "noviembre", "de", "en", "lunes",
        "d\xC3\xA9" "cembre", "Oktober", "im", "Jahr", "14.", "seit", "ayer", "Mars", "at\xC3\xA9",
        "pasado", "pr\xC3\xB3ximo", "a\xC3\xB1o", "mes", "letztes",
        "caf\xC3\xA9", "sexta-feira", "ter\xC3\xA7" "a-feira", "na", "quinta-", NULL};
    size_t nw = 0;
    while (W[nw])
        nw++;
    uint64_t r = 42;
    int rejected = 0, accepted = 0, agreed = 0, words_rejected = 0;
    for (int it = 0; it < 20000; it++) {
        char s[256];
        size_t len = 0;
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        int words = 1 + (int)((r >> 33) % 7);
        for (int k = 0; k < words; k++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            const char *w = W[(r >> 33) % nw];
            int glue = (r >> 20) % 4 == 0; /* no space before: "Nov.", "Monday-ago" */
            len += (size_t)snprintf(s + len, sizeof s - len, "%s%s", glue || !k ? "" : " ", w);
        }
        /* the words version agrees, on the whole text and on a cut of it
         * that may split words */
        sl_word *wv;
        int all;
        size_t nwv = sl_words_of(s, &wv, &all);
        assert_true(all);
        sl_date d[8], e[8];
        size_t a = len ? (size_t)(r >> 40) % len : 0, b = a + (size_t)(r >> 50) % (len - a + 1);
        size_t f = 0;
        while (f < nwv && wv[f].e <= a)
            f++;
        int pw = sl_dates_possible_words(s, 0, len, wv, nwv),
            pc = sl_dates_possible_words(s, a, b, wv + f, nwv - f);
        if (pw && !sl_dates_possible(s, len))
            fail_msg("the words' test says yes, the bytes' no: [%s]", s);
        assert_true(!pc || sl_dates_possible(s + a, b - a));
        if (!pw) {
            if (sl_dates_scan(s, len, 0, e, 8))
                fail_msg("missed: [%s]", s);
            assert_int_equal(sl_dates_scan(s, len, 0, e, 8), 0);
            assert_int_equal(sl_dates_scan(s, len, SL_TIME_UNKNOWN, e, 8), 0);
            words_rejected += sl_dates_possible(s, len);
        }
        if (!pc)
            assert_int_equal(sl_dates_scan(s + a, b - a, 0, e, 8), 0);
        agreed++;
        free(wv);
        if (sl_dates_possible(s, len)) {
            accepted++;
            /* the scan without the test finds what find finds */
            size_t k = sl_dates_find(s, len, 0, d, 8);
            assert_int_equal(sl_dates_scan(s, len, 0, e, 8), k);
            for (size_t j = 0; j < k; j++)
                assert_memory_equal(&d[j], &e[j], sizeof d[j]);
            continue;
        }
        rejected++;
        assert_int_equal(sl_dates_find(s, len, 0, d, 8), 0);
        assert_int_equal(sl_dates_scan(s, len, 0, d, 8), 0); /* the test loses no date */
        char t[264];
        snprintf(t, sizeof t, "%s - 2000", s);
        assert_true(sl_dates_possible(t, strlen(t)));
        assert_int_equal(sl_dates_find(t, strlen(t), 0, d, 8), 0);
        assert_int_equal(sl_dates_find(t, strlen(t), SL_TIME_UNKNOWN, d, 8), 0);
    }
    assert_true(rejected > 1000 && accepted > 1000); /* both sides were tried */
    assert_true(words_rejected > 1000); /* and the words' closer look */
    assert_int_equal(agreed, 20000);
    assert_false(sl_dates_possible("He may come, the mayor said.", 28));
    assert_true(sl_dates_possible("in 2014", 7));
    /* numbers that no date opens on: not four digits of a year */
    assert_false(sl_dates_possible("5 people, 3.5% of 12019 votes and 1799 seats", 44));
    assert_true(sl_dates_possible("on 2020-11-03", 13));
    assert_true(sl_dates_possible("on Tuesday", 10));
    assert_true(sl_dates_possible("a week ago", 10));
}

/* The lexer passes runs of other scripts sixteen bytes at a time: a date
 * after a run of every length, with a dash (E2 80 94, its own token) or a
 * sign (E2 84 96, part of the run) inside or at its end, is found at its
 * place. */
static void test_high_runs(void **state)
{
    (void)state;
    for (int len = 0; len < 40; len++)
        for (int at = 0; at <= len; at++)
            for (int kind = 0; kind < 3; kind++) {
                char s[128];
                size_t n = 0;
                for (int i = 0; i < len; i++) {
                    if (i == at && kind) {
                        memcpy(s + n, kind == 1 ? "\xE2\x80\x94" : "\xE2\x84\x96", 3);
                        n += 3;
                    }
                    memcpy(s + n, "\xD0\xB4", 2); /* a Cyrillic letter */
                    n += 2;
                }
                if (at == len && kind) {
                    memcpy(s + n, kind == 1 ? "\xE2\x80\x94" : "\xE2\x84\x96", 3);
                    n += 3;
                }
                size_t where = n + 1;
                n += (size_t)snprintf(s + n, sizeof s - n, " 3 November 2019 ok");
                sl_date d[4];
                assert_int_equal(sl_dates_scan(s, n, 0, d, 4), 1);
                assert_int_equal(d[0].start, where);
                assert_int_equal(d[0].y, 2019);
                assert_int_equal(d[0].d, 3);
            }
}

/* sl_date_iso writes what the printf formats it replaced wrote, at every
 * precision, with and without a year, in and out of the usual ranges. */
/* Russian and Ukrainian: a day and a month in the genitive, with a year
 * and its word or without; a month after "в"/"у"; a year with its word or
 * after a preposition; weekdays and day words; last/this/next year and
 * month; "N units ago". */
static void test_cyrillic(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"Встреча прошла 14 ноября в Москве.", "2019-11-15", "2019-11-14"},
        {"Встреча прошла 14 ноября в Москве.", NULL, "--11-14"},
        {"Это случилось 3 марта 2014 года в Крыму.", NULL, "2014-03-03"},
        {"Це сталося 14 листопада 2019 року у Києві.", NULL, "2019-11-14"},
        {"Инцидент произошел 30 июня прошлого года.", "2019-11-15", "2018-06-30"},
        {"В 2016 году Трамп победил.", NULL, "2016"},
        {"Война идет с 2014 года.", NULL, "2014"},
        {"Рост был в 2019 г. выше.", NULL, "2019"},
        {"В ноябре 2019 года цены выросли.", NULL, "2019-11"},
        {"В ноябре цены выросли.", "2020-02-01", "2019-11"},
        {"В феврале прошлого года она уехала.", "2019-11-15", "2018-02"},
        {"Дома сдадут не позднее декабря 2022 года.", NULL, "2022-12"},
        {"Ноябрь 2019 был теплым.", NULL, "2019-11"},
        {"Вчера президент выступил.", "2019-11-15", "2019-11-14"},
        {"Вчера президент выступил.", NULL, "R:Вчера"},
        {"Встреча прошла в понедельник.", "2019-11-15", "2019-11-11"},
        {"У п'ятницю відбулася зустріч.", "2019-11-20", "2019-11-15"},
        {"В прошлом году было иначе.", "2019-11-15", "2018"},
        {"Минулого року ціни зросли.", "2019-11-15", "2018"},
        {"Три дня назад он ушёл.", "2019-11-15", "2019-11-12"},
        {"Неделю назад он ушёл.", "2019-11-15", "2019-11-08"},
        {"Два года назад он ушёл.", "2019-11-15", "2017"},
        /* not dates */
        {"Было известно, что в марте 1760 года оно вышло.", NULL, "none"},
        {"Несколько дней назад он ушёл.", "2019-11-15", "none"},
        {"В Москве прошел митинг.", "2019-11-15", "none"},
    };
    check_cases(C, sizeof C / sizeof *C);
}

/* Spanish, Portuguese, French, Italian and German: a day and a month with
 * or without "de" or the German ordinal's period, a month after a
 * preposition or before a year, a year after a preposition, weekdays and
 * day words; a Romance month or weekday with a capital is none ("Mars
 * 2020", "Domingo"), nor is a German one without it. */
/* Arabic: both month systems (and both at once), years with "عام" and
 * "في", weekdays with "يوم" and last/next, day words, units ago with
 * duals; "،" stays out of the phrase. (2019-11-15 was a Friday.) */
/* A range's first end takes the second's year. */
static void test_range_year(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"с 27 сентября по 3 октября 2017 года", "2019-11-15", "2017-09-27"},
        {"from Sept. 27 to Oct. 3, 2017", "2019-11-15", "2017-09-27"},
        {"from Dec. 28 to Jan. 3, 2018", "2019-11-15", "2017-12-28"},
        {"between Nov. 1 and Nov. 3, 2016", "2019-11-15", "2016-11-01"},
        {"del 27 de septiembre al 3 de octubre de 2017", "2019-11-15", "2017-09-27"},
        {"vom 27. September bis 3. Oktober 2017", "2019-11-15", "2017-09-27"},
        {"من 27 سبتمبر إلى 3 أكتوبر 2017", "2019-11-15", "2017-09-27"},
        /* no range: the year is the publication's */
        {"On Sept. 27 he said the Oct. 3, 2017 vote was fair.", "2019-11-15", "2019-09-27"},
    };
    check_cases(C, sizeof C / sizeof *C);
    assert_string_equal(nth("from Sept. 27 to Oct. 3, 2017", "2019-11-15", 1), "2017-10-03");
    /* two weekdays joined so are a schedule, no event's days */
    static const dcase W[] = {
        {"El museo abre de martes a domingo.", "2019-11-15", "none"},
        {"Open Monday to Friday, 9 to 5.", "2019-11-15", "none"},
        {"Ouvert du lundi au vendredi.", "2019-11-15", "none"},
        {"Geöffnet Montag bis Freitag.", "2019-11-15", "none"},
        {"He spoke on Monday and left on Friday.", "2019-11-15", "2019-11-11"},
        {"Talks were held on Monday and Tuesday.", "2019-11-15", "2019-11-11"},
        /* two days in a row: a night */
        {"Un incendie dans la nuit de jeudi à vendredi.", "2019-11-16", "2019-11-14"},
    };
    check_cases(W, sizeof W / sizeof *W);
}

/* Korean: numbers carry their unit and words their particle, with no
 * space ("2019년 11월 15일에", "어제는"). A day alone is of the nearest
 * month; "지난" and "오는" say last and coming. */
static void test_korean(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"그는 2019년 11월 15일에 말했다.", NULL, "2019-11-15"},
        {"11월 3일 회의가 열렸다.", "2019-11-15", "2019-11-03"},
        {"지난 14일 서울에서 열렸다.", "2019-11-15", "2019-11-14"},
        {"지난 20일 서울에서 열렸다.", "2019-11-15", "2019-10-20"},
        {"오는 20일 개최된다.", "2019-11-15", "2019-11-20"},
        {"오는 3일 개최된다.", "2019-11-15", "2019-12-03"},
        {"15일 오전 발표했다.", "2019-11-15", "2019-11-15"},
        {"지난달 29일 발표했다.", "2019-11-15", "2019-10-29"},
        {"지난해 11월 그는 말했다.", "2019-11-15", "2018-11"},
        {"2017년 5월 취임 직후", NULL, "2017-05"},
        {"1999년 통계 작성 이후", NULL, "1999"},
        {"어제는 비가 왔다.", "2019-11-15", "2019-11-14"},
        {"올해 매출은 늘었다.", "2019-11-15", "2019"},
        {"지난 월요일 회의.", "2019-11-15", "2019-11-11"},
        /* not dates: a duration, ten years, a day unknown without a date */
        {"15일간 이어졌다.", "2019-11-15", "none"},
        {"10년 만에 처음이다.", "2019-11-15", "none"},
        {"15일 발표했다.", NULL, "none"},
        /* "1일" before an average or a limit is "a day"; before anything
         * else, the first */
        {"1일 평균 3만 명이 찾았다.", "2019-11-15", "none"},
        {"1일 최대 500명까지 받는다.", "2019-11-15", "none"},
        {"1일 발표했다.", "2019-11-15", "2019-11-01"},
        /* a weekday is of the clause's time, which its verb at the end
         * tells: the past (ㅆ before 다), the present of what is
         * scheduled, what is planned (예정); "있다" (there is) tells none */
        {"월요일에 회의가 열린다.", "2019-11-15", "2019-11-18"},
        {"월요일에 회의가 열렸다.", "2019-11-15", "2019-11-11"},
        {"월요일 회의를 열 예정이다.", "2019-11-15", "2019-11-18"},
        {"월요일에 문제가 있다고 말했다.", "2019-11-15", "2019-11-11"},
        {"월요일 회의가 있다.", "2019-11-15", "2019-11-11"},
        {"3월 3일 발표한다.", "2019-12-20", "2020-03-03"},
        {"3월 3일 발표했다.", "2019-12-20", "2019-03-03"},
        {"3월 불출마를 밝혔으나, 이후 계속 고민한다.", "2019-12-20", "2019-03"},
    };
    check_cases(C, sizeof C / sizeof *C);
    /* the cheap tests let every one of them through, on bytes and words */
    for (size_t i = 0; i < sizeof C / sizeof *C; i++) {
        sl_date e[4];
        const char *t = C[i].text;
        size_t n = strlen(t);
        if (!sl_dates_scan(t, n, 1573776000 /* 2019-11-15 */, e, 4))
            continue;
        sl_word *w;
        int all;
        size_t nw = sl_words_of(t, &w, &all);
        assert_true(sl_dates_possible(t, n));
        assert_true(sl_dates_possible_words(t, 0, n, w, nw));
        free(w);
    }
    /* last year and last month of the year 1 are no dates (finding dates-7) */
    assert_string_equal(nth("\xEC\x9E\x91\xEB\x85\x84", "0001-06-01", 0), "none"); /* 작년 */
    assert_string_equal(nth("It rose last year.", "0001-06-01", 0), "none");
    assert_string_equal(nth("It rose last month.", "0001-01-10", 0), "none");
    assert_string_equal(nth("It rose next year.", "0001-06-01", 0), "0002");
    /* the phrase is the date, without its particle */
    assert_string_equal(nth("2019년 11월 15일에 말했다.", NULL, 0), "2019-11-15");
    sl_date d[2];
    const char *t = "그는 2019년에 말했다.";
    assert_int_equal(sl_dates_find(t, strlen(t), SL_TIME_UNKNOWN, d, 2), 1);
    assert_int_equal(d[0].end - d[0].start, strlen("2019년"));
}

static void test_arabic(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"قتل ثمانية أفراد يوم 13 تشرين الثاني/نوفمبر 2019، في غزة.", NULL, "2019-11-13"},
        {"وصل في 13 نوفمبر.", "2019-11-15", "2019-11-13"},
        {"حفل يوم 20 ديسمبر المقبل.", "2019-11-01", "2019-12-20"},
        {"ولد في 3 كانون الثاني 1990.", NULL, "1990-01-03"},
        {"في كانون الأول 2018 بدأ.", NULL, "2018-12"},
        {"احتضن المباراة في فبراير من عام 2018 ضد العين.", "2019-11-08", "2018-02"},
        {"سينطلق البرنامج في نوفمبر 2020.", NULL, "2020-11"},
        {"في أيلول/سبتمبر أعلنت بيلوسي.", "2019-11-15", "2019-09"},
        {"ولد في تونس عام 1959.", NULL, "1959"},
        {"معتقل منذ 2002.", NULL, "2002"},
        {"ومع اختتام الجلسة، يوم الأربعاء، رفضت اللجنة.", "2019-11-15", "2019-11-13"},
        {"اتهمت قبرص الجمعة تركيا.", "2019-11-15", "2019-11-15"},
        {"تقام المباراة الثلاثاء المقبل.", "2019-11-15", "2019-11-19"},
        {"صرح أمس الخميس.", "2019-11-15", "2019-11-14"},
        {"ناقش ذلك أول من أمس.", "2019-11-15", "2019-11-13"},
        {"تراجع الطلب العام الماضي.", "2019-11-15", "2018"},
        {"يرتفع الشهر المقبل.", "2019-11-15", "2019-12"},
        {"زار بيروت قبل 3 أيام.", "2019-11-15", "2019-11-12"},
        {"غادر منذ يومين.", "2019-11-15", "2019-11-13"},
        /* not dates: "days before" with no count, the secretary-general */
        {"قبل أيام من الاجتماع.", "2019-11-15", "none"},
        {"قال الأمين العام إن الوضع خطير.", "2019-11-15", "none"},
    };
    check_cases(C, sizeof C / sizeof *C);
    /* the phrase has no trailing comma */
    sl_date d[4];
    const char *t = "وقع الحادث الجمعة، في غزة.";
    size_t n = sl_dates_find(t, strlen(t), 0, d, 4);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].end - d[0].start, strlen("الجمعة"));
}

static void test_western(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"El 14 de noviembre de 2019 se firmó el acuerdo.", NULL, "2019-11-14"},
        {"Se firmó el 14 de noviembre.", "2019-11-15", "2019-11-14"},
        {"Le 14 novembre 2019, il a parlé.", NULL, "2019-11-14"},
        {"Am 14. November 2019 sprach er.", NULL, "2019-11-14"},
        {"Am 3. Oktober feiern sie.", "2019-11-15", "2019-10-03"},
        {"Am 26. J\xC3\xA4nner 2020 wird gew\xC3\xA4hlt.", NULL, "2020-01-26"},
        {"Es findet am 29. Mai 2020 statt.", NULL, "2020-05-29"},
        {"Le 29 mai 2020, il a parl\xC3\xA9.", NULL, "2020-05-29"},
        {"Il 5 dicembre 2019 arriva.", NULL, "2019-12-05"},
        {"Nasceu a 28 de setembro de 1990.", NULL, "1990-09-28"},
        {"En noviembre de 2019 los precios subieron.", NULL, "2019-11"},
        {"Depuis décembre 2018, rien.", NULL, "2018-12"},
        {"Seit Oktober 2019 gilt das.", NULL, "2019-10"},
        {"La guerra sigue desde 2014.", NULL, "2014"},
        {"Im Jahr 2016 begann es.", NULL, "2016"},
        {"Em 2016, o presidente falou.", NULL, "2016"},
        {"El lunes el presidente habló.", "2019-11-15", "2019-11-11"},
        {"Am Montag sagte er das.", "2019-11-15", "2019-11-11"},
        {"Ayer el presidente habló.", "2019-11-15", "2019-11-14"},
        {"Heute tritt er ab.", "2019-11-15", "2019-11-15"},
        {"Il a parlé aujourd'hui.", "2019-11-15", "2019-11-15"},
        {"La ley, a más tardar, el 14 de febrero próximo.", "2019-11-15", "2020-02-14"},
        {"El lunes pasado habló.", "2019-11-18", "2019-11-11"},
        {"Letzten Montag sagte er das.", "2019-11-18", "2019-11-11"},
        {"El año pasado fue difícil.", "2019-11-15", "2018"},
        {"Le mois prochain, il partira.", "2019-11-15", "2019-12"},
        {"Mars 2020 is a rover.", NULL, "none"},
        {"Domingo dijo que no.", "2019-11-15", "none"},
        {"Er kam am montag.", "2019-11-15", "none"},
    };
    check_cases(C, sizeof C / sizeof *C);
    /* the month words other modules ask about (sentence.c), each written
     * as its language writes it */
    static const struct { const char *w; int m; } M[] = {
        {"J\xC3\xA4nner", 1}, {"M\xC3\xA4rz", 3}, {"April", 4}, {"noviembre", 11},
        {"d\xC3\xA9" "cembre", 12}, {"setiembre", 9}, {"Mai", 5}, {"mai", 5}, {"m\xC3\xA4rz", 0}, {"Noviembre", 0},
        {"May", 0}, {"Montag", 0}, {"a", 0}, {"", 0}};
    for (size_t i = 0; i < sizeof M / sizeof *M; i++)
        assert_int_equal(sl_dates_month_word(M[i].w, strlen(M[i].w)), M[i].m);
    /* the whole of "aujourd'hui" (with either apostrophe) is the phrase */
    static const char *const AUJ[] = {"Il a parlé aujourd'hui.",
                                      "Il a parlé aujourd\xE2\x80\x99hui."};
    for (size_t i = 0; i < 2; i++) {
        sl_date d[2];
        size_t n = sl_dates_find(AUJ[i], strlen(AUJ[i]), 0, d, 2);
        assert_int_equal(n, 1);
        assert_int_equal(d[0].end - d[0].start, strlen(AUJ[i]) - strlen("Il a parlé ") - 1);
    }
}

/* A date without a year, a bare month or a bare weekday in a clause about
 * what is to come is the next one; in one about what was, or with nothing
 * to tell, the last (2019-11-20 was a Wednesday). A day's name is no
 * weekday. */
static void test_future(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"They will meet on Friday.", "2019-11-20", "2019-11-22"},
        {"They met on Friday.", "2019-11-20", "2019-11-15"},
        /* irregular past forms are the past too: this year's January, not
         * the coming one */
        {"They fled on Jan. 16.", "2019-11-20", "2019-01-16"},
        {"She withdrew on Jan. 16 from the race.", "2019-11-20", "2019-01-16"},
        {"The race is on Jan. 16.", "2019-11-20", "2020-01-16"},
        {"They meet on Friday.", "2019-11-20", "2019-11-15"},
        {"The court will resume today (Wednesday).", "2019-11-20", "2019-11-20"},
        {"The vote will be held in March.", "2019-11-20", "2020-03"},
        {"The vote was held in March.", "2019-11-20", "2019-03"},
        {"The vote will be held in November.", "2019-11-20", "2019-11"},
        {"He will step down on Jan. 15.", "2019-11-20", "2020-01-15"},
        {"He will step down on Dec. 15.", "2019-11-20", "2019-12-15"},
        /* within the last month: this year's (a late report, not next year) */
        {"We'll see the results of October 30.", "2019-11-20", "2019-10-30"},
        {"The summit is due to open on Monday.", "2019-11-20", "2019-11-25"},
        {"The game was originally due for March 6.", "2019-11-20", "2019-03-06"},
        {"He postponed a scheduled Oct. 23 vote.", "2019-11-20", "2019-10-23"},
        {"She is set to testify on Saturday.", "2019-11-20", "2019-11-23"},
        {"England will tour Japan, the union said on Friday.", "2019-11-20", "2019-11-15"},
        {"The man, who was arrested on Friday, will appear today.", "2019-11-20",
         "2019-11-15"},
        {"On Monday, the court will rule.", "2019-11-20", "2019-11-25"},
        {"On Monday, the court said it would rule.", "2019-11-20", "2019-11-18"},
        {"Analysts predict a drop from September, as output is expected to fall.",
         "2019-11-20", "2019-09"},
        {"Teams will be busy, as fans said they came in September.", "2019-11-20", "2019-09"},
        {"Will Smith agreed on Thursday to a deal.", "2019-11-20", "2019-11-14"},
        {"Smith, a reliever, signed as Will Smith did on Thursday.", "2019-11-20",
         "2019-11-14"},
        {"It comes this coming Monday.", "2019-11-20", "2019-11-25"},
        {"He is coming off a loss in September.", "2019-11-20", "2019-09"},
        {"Prices fell on Black Friday.", "2019-11-20", "none"},
        {"Deals for Cyber Monday are here.", "2019-11-20", "none"},
        {"The Good Friday Agreement was signed in 1998.", "2019-11-20", "1998"},
        /* the other languages' future and past */
        {"El juicio se celebrar\xC3\xA1 el lunes.", "2019-11-20", "2019-11-25"},
        {"El juicio arrancar\xC3\xA1 en enero.", "2019-11-20", "2020-01"},
        {"El juicio arranc\xC3\xB3 en enero.", "2019-11-20", "2019-01"},
        {"El presidente anunci\xC3\xB3 el lunes que se celebrar\xC3\xA1.", "2019-11-20",
         "2019-11-18"},
        {"Il sera en concert vendredi soir.", "2019-11-20", "2019-11-22"},
        {"Le ministre a annonc\xC3\xA9 vendredi qu'il sera l\xC3\xA0.", "2019-11-20",
         "2019-11-15"},
        {"Die Ausstellung wird am Sonntag er\xC3\xB6" "ffnet.", "2019-11-20", "2019-11-24"},
        {"Am Sonntag hat er gewonnen.", "2019-11-20", "2019-11-17"},
        {"O sorteio ser\xC3\xA1 realizado neste s\xC3\xA1" "bado.", "2019-11-20", "2019-11-23"},
        {"O sorteio foi realizado no s\xC3\xA1" "bado.", "2019-11-20", "2019-11-16"},
        /* (sl_dates_find's cheap test reads the hyphenated weekday whole) */
        {"O Twitter informou nesta ter\xC3\xA7" "a-feira que vai bloquear.", "2019-11-20",
         "2019-11-19"},
        {"La cerimonia si svolger\xC3\xA0 gioved\xC3\xAC.", "2019-11-20", "2019-11-21"},
        {"Em setembro, o IBC-R do Cear\xC3\xA1 apresentou recuo.", "2019-11-20", "2019-09"},
        {"O alvar\xC3\xA1 saiu; estava preso desde abril.", "2019-11-20", "2019-04"},
        {"He will stay, as he has since March.", "2019-11-20", "2019-03"},
        /* with nothing to tell: the nearest, a day ahead counting four
         * times one behind; "last year" after the day gives its year */
        {"The Dec. 17 referendum is near.", "2019-11-20", "2019-12-17"},
        {"The Jan. 16 game in Hamilton.", "2019-11-20", "2020-01-16"},
        {"The law of Feb. 3 changed much.", "2019-11-20", "2019-02-03"},
        {"He was arrested on Jan. 24.", "2019-11-20", "2019-01-24"},
        {"The transfer ended on Dec 28 last year.", "2019-11-20", "2018-12-28"},
        {"It ends on Jan. 5 of next year.", "2019-06-20", "2020-01-05"},
        {"\xD0\xA1\xD0\xBB\xD0\xB5\xD0\xB4\xD1\x83\xD1\x8E\xD1\x89\xD0\xB8\xD0\xB9 "
         "\xD0\xBC\xD0\xB0\xD1\x82\xD1\x87 \xD0\xBF\xD1\x80\xD0\xBE\xD0\xB9\xD0\xB4\xD0\xB5\xD1\x82 "
         "\xD0\xB2 \xD0\xB2\xD0\xBE\xD1\x81\xD0\xBA\xD1\x80\xD0\xB5\xD1\x81\xD0\xB5\xD0\xBD\xD1\x8C\xD0\xB5.",
         "2019-11-20", "2019-11-24"}, /* "Следующий матч пройдет в воскресенье." */
        {"\xD0\x9C\xD0\xB0\xD1\x82\xD1\x87 \xD0\xB1\xD1\x8B\xD0\xBB "
         "\xD1\x81\xD1\x8B\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBD "
         "\xD0\xB2 \xD0\xB2\xD0\xBE\xD1\x81\xD0\xBA\xD1\x80\xD0\xB5\xD1\x81\xD0\xB5\xD0\xBD\xD1\x8C\xD0\xB5.",
         "2019-11-20", "2019-11-17"}, /* "Матч был сыгран в воскресенье." */
        {"\xD0\x92 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB5 "
         "\xD0\xB1\xD1\x83\xD0\xB4\xD0\xB5\xD1\x82 \xD1\x85\xD0\xBE\xD0\xBB\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE.",
         "2019-11-20", "2020-01"}, /* "В январе будет холодно." */
    };
    check_cases(C, sizeof C / sizeof *C);
}

/* A weekday with its day of the month after it is that day (the one so
 * numbered nearest publication on that weekday); a number that is a time
 * or counts something, or one a month follows, is not its day
 * (2019-11-20 was a Wednesday). */
static void test_weekday_number(void **state)
{
    (void)state;
    static const dcase C[] = {
        {"No cap\xC3\xADtulo de ter\xC3\xA7" "a-feira (26), na novela.", "2019-11-20",
         "2019-11-26"},
        {"Ser\xC3\xA1 visto el domingo 24 a las 23 horas.", "2019-11-20", "2019-11-24"},
        {"Y el martes 19, Golem Fest.", "2019-11-20", "2019-11-19"},
        {"Na quarta-feira (30), Bolsonaro amea\xC3\xA7ou.", "2019-11-20", "2019-10-30"},
        {"Nesta quinta-feira (14/11), falou.", "2019-11-20", "2019-11-14"},
        {"Na sexta-feira (1\xC2\xBA), falou.", "2019-11-05", "2019-11-01"},
        {"Nesta quinta-feira (14/12), falou.", "2019-11-20", "2019-11-14"},
        {"He spoke on Tuesday 19th.", "2019-11-20", "2019-11-19"},
        {"El lunes 18 de noviembre habl\xC3\xB3.", "2019-11-20", "2019-11-18"},
        {"El lunes 18.30 horas.", "2019-11-20", "2019-11-18"},
        {"On Friday 3 people died.", "2019-11-20", "2019-11-15"},
        /* the number names no such weekday near publication */
        {"On Friday (3) they met.", "2019-11-20", "2019-11-15"},
    };
    check_cases(C, sizeof C / sizeof *C);
    /* the number and its parentheses belong to the expression */
    static const char *const S = "Na quarta-feira (30), ele falou.";
    sl_date d[2];
    int64_t t;
    assert_true(sl_parse_iso8601("2019-11-20", &t));
    assert_int_equal(sl_dates_find(S, strlen(S), t, d, 2), 1);
    assert_int_equal(d[0].end - d[0].start, strlen("quarta-feira (30)"));
}

static void test_iso_format(void **state)
{
    (void)state;
    static const int Y[] = {0, 1, 999, 1970, 2019, 9999, 10000, -5};
    static const int M[] = {0, 1, 9, 10, 12, 99, 100, -1};
    static const int D[] = {0, 1, 9, 31, 99, 123, -3};
    static const int P[] = {SL_DATE_DAY, SL_DATE_MONTH, SL_DATE_YEAR};
    for (size_t a = 0; a < sizeof Y / sizeof *Y; a++)
        for (size_t b = 0; b < sizeof M / sizeof *M; b++)
            for (size_t c = 0; c < sizeof D / sizeof *D; c++)
                for (size_t p = 0; p < 3; p++) {
                    sl_date d = {0};
                    d.y = Y[a];
                    d.m = M[b];
                    d.d = D[c];
                    d.prec = P[p];
                    char got[16], want[16];
                    sl_date_iso(&d, got);
                    if (d.prec == SL_DATE_DAY)
                        d.y ? snprintf(want, 16, "%04d-%02d-%02d", d.y, d.m, d.d)
                            : snprintf(want, 16, "--%02d-%02d", d.m, d.d);
                    else if (d.prec == SL_DATE_MONTH)
                        d.y ? snprintf(want, 16, "%04d-%02d", d.y, d.m)
                            : snprintf(want, 16, "--%02d", d.m);
                    else
                        snprintf(want, 16, "%04d", d.y);
                    assert_string_equal(got, want);
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explicit), cmocka_unit_test(test_relative),
        cmocka_unit_test(test_iso_format),
        cmocka_unit_test(test_offset), cmocka_unit_test(test_order),
        cmocka_unit_test(test_relative_place),
        cmocka_unit_test(test_fuzz_findings), cmocka_unit_test(test_possible),
        cmocka_unit_test(test_high_runs), cmocka_unit_test(test_cyrillic),
        cmocka_unit_test(test_western), cmocka_unit_test(test_arabic), cmocka_unit_test(test_korean),
        cmocka_unit_test(test_range_year), cmocka_unit_test(test_future),
        cmocka_unit_test(test_weekday_number)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
