/*
 * dates: date expressions (see dates.h).
 *
 * How it works: the text is cut into simple tokens (words, numbers,
 * punctuation) with byte offsets; a small set of patterns is tried at each
 * token, longest first (month-day-year before month-day before month).
 * Relative expressions are resolved with civil-day arithmetic from
 * util.h's sl_days_from_civil. An offset expression ("N weeks after X")
 * is resolved when X, an explicit date, follows within a few tokens; the
 * arithmetic works for dates of unknown year too (in a non-leap year).
 * Russian and Ukrainian words are tokens of another script to the lexer;
 * a table of their date words (months in three cases, weekdays, day
 * words, year words, prepositions, last/this/next, units) serves their
 * patterns (cyrillic_at) and the cheap tests. Spanish, Portuguese,
 * French, Italian and German words are word tokens (Latin-1 letters
 * included); another table serves theirs (latin_at). Arabic words are
 * tokens of other script too, with a table of their own (arabic_at).
 */
#include "dates.h"
#include "arabic.h"
#include "korean.h"
#include "doc.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { T_WORD, T_NUM, T_PUNCT };

typedef struct tok {
    size_t s, e;
    int type;
} tok;

enum { MAX_TOKS = 512 };

/* Byte classes of lex (and sl_dates_possible): ASCII digits, letters and
 * white space as the C locale's isdigit, isalpha and isspace have them. */
enum { BC_OTHER, BC_DIGIT, BC_LETTER, BC_SPACE };
static unsigned char byte_class[256];

/* The end of a run of bytes of 0x80 and above from j on (below n), stopping
 * at ASCII and at General Punctuation (E2 80 xx): sixteen bytes at a time
 * where SSE2 is there, since Cyrillic and Arabic sentences are mostly such
 * runs. */
static size_t high_run_end(const unsigned char *u, size_t j, size_t n)
{
#ifdef __SSE2__
    while (j + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
        unsigned stop = ~(unsigned)_mm_movemask_epi8(x) & 0xFFFF; /* ASCII bytes */
        stop |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
        while (stop) {
            size_t k = j + (size_t)__builtin_ctz(stop);
            if (u[k] < 0x80 || k + 1 >= n || u[k + 1] == 0x80)
                return k;
            stop &= stop - 1; /* an E2 that opens no punctuation: part of the run */
        }
        j += 16;
    }
#endif
    while (j < n && u[j] >= 0x80 && !(u[j] == 0xE2 && (j + 1 >= n || u[j + 1] == 0x80)))
        j++; /* (an E2 that ends the text, cut, is punctuation's too) */
    return j;
}

/* Is u[j..j+2) a letter of Latin-1 Supplement (U+00C0..U+00FF but × and
 * ÷), as the words of Spanish, French, German, ... hold? */
static int latin1_letter(const unsigned char *u, size_t j, size_t n)
{
    return j + 1 < n && u[j] == 0xC3 && u[j + 1] >= 0x80 && u[j + 1] <= 0xBF && u[j + 1] != 0x97 &&
           u[j + 1] != 0xB7;
}

static size_t lex(const char *s, size_t n, tok *t, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        unsigned char c = u[i];
        if (byte_class[c] == BC_SPACE) {
            i++;
            continue;
        }
        size_t j = i;
        int type;
        if (byte_class[c] == BC_LETTER) {
            for (;;) { /* letters, '-', and Latin-1 letters ("décembre", "März") */
                if (j < n && (byte_class[u[j]] == BC_LETTER || u[j] == '-'))
                    j++;
                else if (latin1_letter(u, j, n))
                    j += 2;
                else
                    break;
            }
            type = T_WORD;
        } else if (isdigit(c)) {
            while (j < n && isdigit((unsigned char)s[j]))
                j++;
            /* ISO date 2020-11-03 as one number token */
            if (j - i == 4 && j + 5 < n + 0 && s[j] == '-' && isdigit((unsigned char)s[j + 1]) &&
                isdigit((unsigned char)s[j + 2]) && s[j + 3] == '-' &&
                j + 5 < n && isdigit((unsigned char)s[j + 4]) && isdigit((unsigned char)s[j + 5]))
                j += 6;
            /* ordinal suffix: 3rd, 15th */
            if (j + 1 < n && isalpha((unsigned char)s[j]) && isalpha((unsigned char)s[j + 1]) &&
                (j + 2 >= n || (!isalpha((unsigned char)s[j + 2]) && !latin1_letter(u, j + 2, n))))
                j += 2; /* (the suffix ends the word: "1799até" is no "1799at") */
            type = T_NUM;
        } else if (c >= 0x80 && !(c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80)) {
            /* a run of other scripts' letters is one token: no expression
             * here uses them, and a Cyrillic or Arabic sentence would
             * otherwise be a token per letter (General Punctuation,
             * E2 80 xx: dashes, quotes, stays one token each) */
            j = high_run_end(u, j, n);
            type = T_PUNCT;
        } else {
            int32_t cp;
            int l = sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            j = i + (size_t)(l > 0 ? l : 1);
            type = T_PUNCT;
        }
        t[k++] = (tok){i, j, type};
        i = j;
    }
    return k;
}

static int teq(const char *s, const tok *t, const char *w)
{
    size_t l = strlen(w);
    return t->e - t->s == l && strncasecmp(s + t->s, w, l) == 0;
}

static const char *const MONTHS[] = {"january", "february", "march", "april", "may",
                                     "june", "july", "august", "september", "october",
                                     "november", "december"};
static const char *const WEEKDAYS[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* Month number of a month token (full name, or a 3-4 letter abbreviation
 * written with a capital), 0 if none. *abbr is set for "Nov" forms. */
static int month_of(const char *s, const tok *t, int *abbr)
{
    size_t l = t->e - t->s;
    *abbr = 0;
    if (t->type != T_WORD || l < 3 || l > 9 || !strchr("JFMASOND", s[t->s]))
        return 0; /* runs at every token: the cheap tests first */
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(MONTHS[m]);
        if (l == ml && strncasecmp(s + t->s, MONTHS[m], l) == 0)
            return m + 1;
        if ((l == 3 || (l == 4 && m == 8)) && l < ml && strncasecmp(s + t->s, MONTHS[m], l) == 0 &&
            m != 4)
            return *abbr = 1, m + 1;
    }
    return 0;
}

static int weekday_of(const char *s, const tok *t)
{
    size_t l = t->e - t->s;
    if (t->type != T_WORD || l < 6 || l > 9 || !strchr("MTWFS", s[t->s]))
        return -1;
    for (int w = 0; w < 7; w++)
        if (teq(s, t, WEEKDAYS[w]))
            return w;
    return -1;
}

/* The number written in s[a..b) (leading digits only; 0 if none). Reads
 * nothing past b: the text need not end with a NUL (finding dates-3). */
static int digits_at(const char *s, size_t a, size_t b)
{
    int v = 0;
    for (size_t i = a; i < b && i < a + 9 && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int num_of(const char *s, const tok *t)
{
    if (t->type != T_NUM || t->e - t->s > 6)
        return -1;
    return digits_at(s, t->s, t->e);
}

static int is_year(int v) { return v >= 1800 && v <= 2100; }

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int64_t day_no(int y, int m, int d) { return sl_days_from_civil(y, (unsigned)m, (unsigned)d); }

static void set_day(sl_date *o, int64_t z)
{
    unsigned m, d;
    sl_civil_from_days(z, &o->y, &m, &d);
    o->m = (int)m;
    o->d = (int)d;
    o->prec = SL_DATE_DAY;
}

/* The weekday (0 = Monday) of day z, counted from 1970-01-01, a Thursday. */
static int day_weekday(int64_t z)
{
    return (int)(((z % 7) + 7 + 3) % 7);
}

typedef struct pubinfo {
    int known, y, m, d;
    int64_t day;  /* days since epoch */
    int wday;     /* 0 = Monday */
    /* What the clause around the expression speaks of (clause_tense): +1
     * what is to come (a date without a year or a bare weekday is the next
     * one, not the last), -1 what was, 0 it does not tell. Read only when
     * an expression needs it (tense()): the expression's tokens. */
    const char *s;
    const struct tok *t;
    size_t nt, i;
    int tense, tense_known;
} pubinfo;

static int clause_tense(const char *s, const struct tok *t, size_t nt, size_t i);

/* The tense of the clause of the expression p is resolving, read the
 * first time it is asked (most expressions never ask: a year is given, or
 * the day is "yesterday"). */
static int tense(const pubinfo *p)
{
    pubinfo *q = (pubinfo *)p; /* (sl_dates_scan's own, not const) */
    if (!q->tense_known) {
        q->tense = q->known && q->t ? clause_tense(q->s, q->t, q->nt, q->i) : 0;
        q->tense_known = 1;
    }
    return q->tense;
}

static pubinfo pub_of(int64_t pub)
{
    pubinfo p = {0};
    if (pub == SL_TIME_UNKNOWN)
        return p;
    p.known = 1;
    p.day = pub >= 0 ? pub / 86400 : -((-pub + 86399) / 86400);
    unsigned m, d;
    sl_civil_from_days(p.day, &p.y, &m, &d);
    p.m = (int)m;
    p.d = (int)d;
    p.wday = day_weekday(p.day);
    return p;
}

/* Year for a month/day written without one. In a clause about what is to
 * come, the next such day, unless it was within the last month; in one
 * about what was, this year's, unless that lies more than a month ahead
 * (then last year's). Else the nearest one, a day ahead of publication counting four times as far as
 * one behind (news tells of the past more than it announces): a day up to
 * about ten weeks ahead is the coming one ("the Dec. 17 referendum" in
 * mid-November, "the Jan. 16 game"), a later one last year's ("the law
 * took effect Feb. 3"). A month (d = 0) counts from its first day when
 * ahead, its last when behind. */
static int infer_year(const pubinfo *p, int m, int d)
{
    if (!p->known)
        return 0;
    int y = p->y;
    if (tense(p) > 0) /* the next one, unless it was within the last month */
        return day_no(y, m, d ? d : days_in_month(y, m)) < p->day - 31 ? y + 1 : y;
    if (tense(p) < 0) /* this year's, unless that is more than a month ahead */
        return day_no(y, m, d ? d : 1) > p->day + 31 ? y - 1 : y;
    int best = y;
    int64_t cost = -1;
    for (int yy = y - 1; yy <= y + 1; yy++) {
        if (d > days_in_month(yy, m))
            continue; /* Feb. 29 */
        int64_t first = day_no(yy, m, d ? d : 1), last = day_no(yy, m, d ? d : days_in_month(yy, m));
        int64_t c = first > p->day ? 4 * (first - p->day) : last < p->day ? p->day - last : 0;
        if (c <= 366 && (cost < 0 || c < cost))
            cost = c, best = yy;
    }
    return best; /* (y when none is near: a Feb. 29 the caller refuses) */
}

/* Number words: "a" is one, the others their index. */
static const char *const NUMBER_WORDS[] = {"a", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "eleven", "twelve",
                                           NULL};

static int number_word(const char *s, const tok *t)
{
    int v = num_of(s, t);
    if (v >= 0)
        return v;
    for (int i = 0; NUMBER_WORDS[i]; i++)
        if (teq(s, t, NUMBER_WORDS[i]))
            return i == 0 ? 1 : i;
    if (teq(s, t, "an") || teq(s, t, "several") || teq(s, t, "few"))
        return teq(s, t, "an") ? 1 : -1;
    return -1;
}

/* unit: 1 day, 7 week, 30 month (calendar), 365 year (calendar) */
static const char *const UNITS[] = {"day", "days", "week", "weeks", "month", "months",
                                    "year", "years", NULL};
static const int UNIT_DAYS[] = {1, 1, 7, 7, 30, 30, 365, 365};

static int unit_of(const char *s, const tok *t)
{
    for (int i = 0; UNITS[i]; i++)
        if (teq(s, t, UNITS[i]))
            return UNIT_DAYS[i];
    return 0;
}

/* Relative days (yesterday -1, today 0, tomorrow +1) and "N units ago". */
static const char *const DAY_WORDS[] = {"yesterday", "today", "tomorrow", NULL};
static const char AGO[] = "ago";

/* Lowers (or keeps) a date's precision and clears the fields it no longer
 * has, as dates.h says (finding dates-5). */
static void set_prec(sl_date *o, int prec)
{
    o->prec = prec;
    if (prec < SL_DATE_DAY)
        o->d = 0;
    if (prec < SL_DATE_MONTH)
        o->m = 0;
}

/* Adds a span of `count` units to a date (any precision; year may be 0). */
static void add_span(sl_date *o, int count, int unit, int sign)
{
    int y = o->y ? o->y : 2001; /* any non-leap year for yearless dates */
    if (unit == 365) {
        if (o->y)
            o->y += sign * count;
        return;
    }
    if (unit == 30 || o->prec == SL_DATE_MONTH) {
        int mm = o->m - 1 + sign * count * (unit == 30 ? 1 : 0);
        if (unit != 30)
            mm = o->m - 1 + sign * (count * unit) / 30;
        int yy = y + (mm >= 0 ? mm / 12 : -((11 - mm) / 12));
        mm = ((mm % 12) + 12) % 12;
        if (o->y)
            o->y = yy;
        o->m = mm + 1;
        if (o->d > days_in_month(yy, o->m))
            o->d = days_in_month(yy, o->m);
        return;
    }
    int64_t z = day_no(y, o->m, o->d) + sign * (int64_t)count * unit;
    int known = o->y != 0;
    set_day(o, z);
    if (!known)
        o->y = 0;
}

/* The words before a bare month ("in March") and before a year ("in
 * 2014", "the 2016 election") that make them dates (explicit_at), also
 * asked by sl_dates_possible_words. */
static const char *const MONTH_PRE[] = {"in", "since", "by", "until", "early", "late", "mid",
                                        "last", "next", "this", "from", "during", "of", NULL};
static const char *const YEAR_PRE[] = {"in", "since", "by", "until", "of", "from", "during",
                                       "early", "late", "mid", "before", "after", "the", "s",
                                       "and", "to", "through", "between", "year", "’s", NULL};

/* ---- Russian and Ukrainian ------------------------------------------------------ */

/* Their date words, which lex leaves as tokens of other script (T_PUNCT):
 * months in the genitive ("14 ноября") and the locative ("в ноябре") or
 * nominative, weekdays as "в понедельник" has them, day words, the
 * words after a year ("2016 года", "у 2016 році"), the prepositions that
 * make a year, month or weekday a date, last/this/next, units and "ago". */
enum { CW_NONE, CW_MGEN, CW_MLOC, CW_MNOM, CW_WDAY, CW_DAY, CW_YEARW, CW_PREP, CW_REL,
       CW_UNIT, CW_UNIT1, CW_AGO, CW_NUM }; /* CW_UNIT1: one unit ("неделю назад") */
typedef struct cword {
    const char *w;
    unsigned char kind;
    signed char v; /* month 1..12, weekday 0..6, days from today, sign, unit days / 5 */
} cword;
#define M12(kind, a, b, c, d, e, f, g, h, i, j, k, l)                                           \
    {a, kind, 1}, {b, kind, 2}, {c, kind, 3}, {d, kind, 4}, {e, kind, 5}, {f, kind, 6},       \
        {g, kind, 7}, {h, kind, 8}, {i, kind, 9}, {j, kind, 10}, {k, kind, 11}, {l, kind, 12}
static const cword CWORDS[] = {
    M12(CW_MGEN, "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
        "сентября", "октября", "ноября", "декабря"),
    M12(CW_MLOC, "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
        "сентябре", "октябре", "ноябре", "декабре"),
    M12(CW_MNOM, "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
        "сентябрь", "октябрь", "ноябрь", "декабрь"),
    M12(CW_MGEN, "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
        "вересня", "жовтня", "листопада", "грудня"),
    M12(CW_MLOC, "січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні",
        "вересні", "жовтні", "листопаді", "грудні"),
    M12(CW_MNOM, "січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
        "серпень", "вересень", "жовтень", "листопад", "грудень"),
    {"понедельник", CW_WDAY, 0}, {"вторник", CW_WDAY, 1}, {"среду", CW_WDAY, 2},
    {"четверг", CW_WDAY, 3}, {"пятницу", CW_WDAY, 4}, {"субботу", CW_WDAY, 5},
    {"воскресенье", CW_WDAY, 6}, {"понеділок", CW_WDAY, 0}, {"вівторок", CW_WDAY, 1},
    {"середу", CW_WDAY, 2}, {"четвер", CW_WDAY, 3}, {"ятницю", CW_WDAY, 4}, /* п’ятницю */
    {"суботу", CW_WDAY, 5}, {"неділю", CW_WDAY, 6},
    {"позавчера", CW_DAY, -2}, {"вчера", CW_DAY, -1}, {"сегодня", CW_DAY, 0},
    {"завтра", CW_DAY, 1}, {"послезавтра", CW_DAY, 2}, {"позавчора", CW_DAY, -2},
    {"вчора", CW_DAY, -1}, {"сьогодні", CW_DAY, 0}, {"післязавтра", CW_DAY, 2},
    {"года", CW_YEARW, 0}, {"году", CW_YEARW, 0}, {"год", CW_YEARW, 0}, {"г", CW_YEARW, 0},
    {"року", CW_YEARW, 0}, {"році", CW_YEARW, 0}, {"рік", CW_YEARW, 0}, {"р", CW_YEARW, 0},
    {"в", CW_PREP, 0}, {"во", CW_PREP, 0}, {"у", CW_PREP, 0}, {"с", CW_PREP, 0},
    {"со", CW_PREP, 0}, {"до", CW_PREP, 0}, {"к", CW_PREP, 0}, {"з", CW_PREP, 0},
    {"із", CW_PREP, 0}, {"від", CW_PREP, 0}, {"от", CW_PREP, 0},
    {"прошлом", CW_REL, -1}, {"прошлого", CW_REL, -1}, {"этом", CW_REL, 0},
    {"этого", CW_REL, 0}, {"текущем", CW_REL, 0}, {"следующем", CW_REL, 1},
    {"следующего", CW_REL, 1}, {"минулого", CW_REL, -1}, {"минулому", CW_REL, -1},
    {"цього", CW_REL, 0}, {"цьому", CW_REL, 0}, {"наступного", CW_REL, 1},
    {"наступному", CW_REL, 1},
    {"день", CW_UNIT1, 0}, {"дня", CW_UNIT, 0}, {"дней", CW_UNIT, 0}, {"дні", CW_UNIT, 0},
    {"днів", CW_UNIT, 0}, {"неделю", CW_UNIT1, 1}, {"недели", CW_UNIT, 1},
    {"недель", CW_UNIT, 1}, {"тиждень", CW_UNIT1, 1}, {"тижні", CW_UNIT, 1},
    {"тижнів", CW_UNIT, 1}, {"месяц", CW_UNIT1, 6}, {"месяца", CW_UNIT, 6},
    {"месяце", CW_UNIT, 6}, {"месяцев", CW_UNIT, 6}, {"місяць", CW_UNIT1, 6},
    {"місяці", CW_UNIT, 6}, {"місяця", CW_UNIT, 6}, {"місяців", CW_UNIT, 6},
    {"лет", CW_UNIT, 73}, {"роки", CW_UNIT, 73}, {"років", CW_UNIT, 73},
    {"назад", CW_AGO, 0}, {"тому", CW_AGO, 0},
    {"два", CW_NUM, 2}, {"две", CW_NUM, 2}, {"три", CW_NUM, 3}, {"четыре", CW_NUM, 4},
    {"пять", CW_NUM, 5}, {"шесть", CW_NUM, 6}, {"семь", CW_NUM, 7}, {"восемь", CW_NUM, 8},
    {"девять", CW_NUM, 9}, {"десять", CW_NUM, 10}, {"дві", CW_NUM, 2}, {"чотири", CW_NUM, 4},
};
#undef M12
static sl_wordset cwords_set;
/* the cheap test before the look-up: a date word of this many bytes opens
 * on this lower-case letter (its code point less U+0430; 64 past the range) */
static unsigned char cw_len_first[25][65], cw_len_last[25][65]; /* (and on this one) */

/* The index of the lower-case Cyrillic letter that opens s (two bytes at
 * least), for cw_len_first: а..я, ё, і, ї, є and their capitals. */
static int cw_first(const char *s)
{
    int cp = (((unsigned char)s[0] & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
    if (cp >= 0x410 && cp <= 0x42F)
        cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F)
        cp += 0x50; /* Ѐ..Џ: ё, і, ї, є */
    return cp >= 0x430 && cp < 0x470 ? cp - 0x430 : 64;
}

/* A unit's days from its cword value: 0 day, 1 week, 6 month, 73 year. */
static int cw_unit_days(int v) { return v == 0 ? 1 : v == 1 ? 7 : v == 6 ? 30 : 365; }

/* The kind of the Cyrillic word s[0..n), in any case ("Вчера"), and its
 * value in *v; CW_NONE for any other word. */
static int cword_in(const char *s, size_t n, int *v)
{
    unsigned char c = (unsigned char)s[0];
    if (n < 2 || n > 24 || !sl_cyrillic_lead(c) || !cw_len_first[n][cw_first(s)] ||
        !sl_cyrillic_lead((unsigned char)s[n - 2]) ||
        !cw_len_last[n][cw_first(s + n - 2)])
        return CW_NONE;
    char low[32];
    int whole;
    size_t k = sl_lower_word_in(sl_cp_table(), s, n, low, sizeof low, &whole);
    long i = whole ? sl_wordset_find(&cwords_set, low, k) : -1;
    if (i < 0)
        return CW_NONE;
    *v = CWORDS[i].v;
    return CWORDS[i].kind;
}

static int cword_of(const char *s, const tok *t, int *v)
{
    return t->type == T_PUNCT ? cword_in(s + t->s, t->e - t->s, v) : CW_NONE;
}

/* Can the Cyrillic word s[0..n) alone make sl_dates_possible true: a
 * month, a weekday, a day word, last/this/next, "ago"? (A year has its
 * digits; a preposition or a unit needs one of these or digits.) */
static int cword_possible(const char *s, size_t n)
{
    int v, k = cword_in(s, n, &v);
    return k == CW_MGEN || k == CW_MLOC || k == CW_MNOM || k == CW_WDAY || k == CW_DAY ||
           k == CW_REL || k == CW_AGO;
}

/* Tries a Russian or Ukrainian date at token i: "14 ноября [2019
 * [года]]", "2016 года", "в|с|до 2016 [году]", "в ноябре [2019 года]",
 * "ноябрь 2019", "в понедельник", "вчера", "в прошлом году",
 * "минулого року", "три|3 дня назад". Returns tokens used (0 if none). */
static size_t cyrillic_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                          sl_date *o);

/* ---- Arabic ---------------------------------------------------------------------- */

/* Arabic date words, also tokens of other script to lex: the months of
 * both systems (Egypt and the Gulf: "نوفمبر"; the Levant: "تشرين الثاني",
 * whose two-word names take an ordinal), weekdays, day words, the year
 * words, prepositions, last/this/next (after the noun: "العام الماضي"),
 * units (their duals count two: "قبل يومين") and "ago" ("قبل", "منذ").
 * A word may carry "و" (and) before it and "،" after it. */
enum { AW_NONE, AW_MONTH, AW_MONTH2, AW_ORD, AW_WDAY, AW_DAY, AW_YEARW, AW_PREP, AW_REL,
       AW_UNIT, AW_DUAL, AW_AGO, AW_YOM, AW_FIRST }; /* AW_MONTH2: "كانون", "تشرين" (v: first month) */
typedef struct aword {
    const char *w;
    unsigned char kind;
    signed char v; /* month, weekday 0..6, days from today, sign, unit days / 5 (as CWORDS) */
} aword;
static const aword AWORDS[] = {
    {"يناير", AW_MONTH, 1}, {"فبراير", AW_MONTH, 2}, {"مارس", AW_MONTH, 3},
    {"أبريل", AW_MONTH, 4}, {"إبريل", AW_MONTH, 4}, {"ابريل", AW_MONTH, 4},
    {"مايو", AW_MONTH, 5}, {"يونيو", AW_MONTH, 6}, {"يونيه", AW_MONTH, 6},
    {"يوليو", AW_MONTH, 7}, {"يوليه", AW_MONTH, 7}, {"أغسطس", AW_MONTH, 8},
    {"اغسطس", AW_MONTH, 8}, {"سبتمبر", AW_MONTH, 9}, {"أكتوبر", AW_MONTH, 10},
    {"اكتوبر", AW_MONTH, 10}, {"نوفمبر", AW_MONTH, 11}, {"ديسمبر", AW_MONTH, 12},
    {"شباط", AW_MONTH, 2}, {"آذار", AW_MONTH, 3}, {"اذار", AW_MONTH, 3},
    {"نيسان", AW_MONTH, 4}, {"أيار", AW_MONTH, 5}, {"ايار", AW_MONTH, 5},
    {"حزيران", AW_MONTH, 6}, {"تموز", AW_MONTH, 7}, {"آب", AW_MONTH, 8},
    {"أيلول", AW_MONTH, 9}, {"ايلول", AW_MONTH, 9},
    {"كانون", AW_MONTH2, 1}, {"تشرين", AW_MONTH2, 10}, /* the ordinal tells which (arabic_month) */
    {"الأول", AW_ORD, 1}, {"الاول", AW_ORD, 1}, {"الثاني", AW_ORD, 2},
    {"الاثنين", AW_WDAY, 0}, {"الإثنين", AW_WDAY, 0}, {"الثلاثاء", AW_WDAY, 1},
    {"الأربعاء", AW_WDAY, 2}, {"الاربعاء", AW_WDAY, 2}, {"الخميس", AW_WDAY, 3},
    {"الجمعة", AW_WDAY, 4}, {"السبت", AW_WDAY, 5}, {"الأحد", AW_WDAY, 6},
    {"الاحد", AW_WDAY, 6},
    {"أمس", AW_DAY, -1}, {"امس", AW_DAY, -1}, {"بالأمس", AW_DAY, -1}, {"اليوم", AW_DAY, 0},
    {"غدا", AW_DAY, 1}, {"غداً", AW_DAY, 1},
    {"عام", AW_YEARW, 0}, {"العام", AW_YEARW, 0}, {"سنة", AW_YEARW, 0}, {"لعام", AW_YEARW, 0},
    {"في", AW_PREP, 0}, {"منذ", AW_PREP, 0}, {"حتى", AW_PREP, 0}, {"خلال", AW_PREP, 0},
    {"مطلع", AW_PREP, 0}, {"أواخر", AW_PREP, 0}, {"أوائل", AW_PREP, 0}, {"بداية", AW_PREP, 0},
    {"نهاية", AW_PREP, 0}, {"منتصف", AW_PREP, 0},
    {"الماضي", AW_REL, -1}, {"الماضية", AW_REL, -1}, {"المنصرم", AW_REL, -1},
    {"المقبل", AW_REL, 1}, {"المقبلة", AW_REL, 1}, {"القادم", AW_REL, 1},
    {"القادمة", AW_REL, 1}, {"الجاري", AW_REL, 0}, {"الحالي", AW_REL, 0},
    {"يوم", AW_YOM, 0}, {"أيام", AW_UNIT, 0}, {"يومين", AW_DUAL, 0}, {"أسبوع", AW_UNIT, 1},
    {"أسابيع", AW_UNIT, 1}, {"أسبوعين", AW_DUAL, 1}, {"الأسبوع", AW_UNIT, 1},
    {"شهر", AW_UNIT, 6}, {"أشهر", AW_UNIT, 6}, {"شهور", AW_UNIT, 6}, {"شهرين", AW_DUAL, 6},
    {"الشهر", AW_UNIT, 6}, {"سنوات", AW_UNIT, 73}, {"أعوام", AW_UNIT, 73},
    {"عامين", AW_DUAL, 73}, {"سنتين", AW_DUAL, 73},
    {"قبل", AW_AGO, 0}, {"أول", AW_FIRST, 0}, /* "أول من أمس" */
};
static sl_wordset awords_set;

/* The length of the n bytes at s less a "،" that lex left on their end. */
static size_t less_comma(const char *s, size_t n)
{
    return n > 2 && !memcmp(s + n - 2, "\xD8\x8C", 2) ? n - 2 : n;
}

/* The kind of the Arabic word s[0..n) ("و" before it and "،" after it
 * let go), its value in *v; AW_NONE for any other word. */
static int aword_in(const char *s, size_t n, int *v)
{
    if (n < 4 || !sl_arabic_lead(s))
        return AW_NONE;
    n = less_comma(s, n);
    long i = sl_wordset_find(&awords_set, s, n);
    if (i < 0 && n > 4 && !memcmp(s, "\xD9\x88", 2)) /* و */
        i = sl_wordset_find(&awords_set, s + 2, n - 2);
    if (i < 0)
        return AW_NONE;
    *v = AWORDS[i].v;
    return AWORDS[i].kind;
}

static int aword_of(const char *s, const tok *t, int *v)
{
    return t->type == T_PUNCT ? aword_in(s + t->s, t->e - t->s, v) : AW_NONE;
}

/* Can the Arabic word s[0..n) alone make a date possible: a month, a
 * weekday, a day word, last/this/next, "ago" ("قبل"), a dual unit
 * ("منذ يومين")? */
static int aword_possible(const char *s, size_t n)
{
    int v, k = aword_in(s, n, &v);
    return k == AW_MONTH || k == AW_MONTH2 || k == AW_WDAY || k == AW_DAY || k == AW_REL ||
           k == AW_AGO || k == AW_DUAL;
}

/* Tries an Arabic date at token i: "13 نوفمبر [2019]", "13 تشرين
 * الثاني/نوفمبر 2019", "نوفمبر 2019", "في نوفمبر", "عام 2016", "في
 * 2016", "[يوم] الجمعة [الماضي|المقبل]", "أمس", "أول من أمس", "العام الماضي", "الشهر
 * المقبل", "قبل 3 أيام", "منذ يومين". Returns tokens used (0 if none). */
static size_t arabic_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                        sl_date *o);

/* The date of weekday w (0 = Monday) written at [st, en): on or before
 * publication (mode 0), strictly before (-1) or after (+1); relative
 * when the publication day is unknown. */
static void weekday_date(const pubinfo *p, int w, int mode, size_t st, size_t en, sl_date *o)
{
    *o = (sl_date){st, en, 0, 0, 0, SL_DATE_RELATIVE, 7 * mode, w + 1};
    if (p->known) {
        int back = ((p->wday - w) % 7 + 7) % 7, ahead = (7 - back) % 7;
        int64_t z = p->day - back;
        if (mode == -1 && back == 0)
            z -= 7;
        if (mode == 1)
            z = p->day + ahead + (w == p->wday ? 7 : 0);
        else if (mode == 0 && tense(p) > 0)
            z = p->day + ahead;
        set_day(o, z);
    }
}

/* The date of a day word at [st, en), off days from publication
 * ("yesterday", "вчера", "ayer"); relative when that day is unknown. */
static void day_date(const pubinfo *p, int off, size_t st, size_t en, sl_date *o)
{
    *o = (sl_date){st, en, 0, 0, 0, SL_DATE_RELATIVE, off, 0};
    if (p->known)
        set_day(o, p->day + off);
}

/* The date of last (sign -1), this (0) or next (+1) month or year (unit
 * 30 or 365) written at [st, en): "last month", "в прошлом году". 0 when
 * that year is outside 1..9999. */
static int unit_date(const pubinfo *p, int sign, int unit, size_t st, size_t en, sl_date *o)
{
    *o = (sl_date){st, en, 0, 0, 0, SL_DATE_RELATIVE, sign * unit, 0};
    if (!p->known)
        return 1;
    if (unit == 365) {
        *o = (sl_date){st, en, p->y + sign, 0, 0, SL_DATE_YEAR, 0, 0};
    } else {
        *o = (sl_date){st, en, p->y, p->m, 0, SL_DATE_MONTH, 0, 0};
        add_span(o, 1, 30, sign);
        set_prec(o, SL_DATE_MONTH);
    }
    return o->y >= 1 && o->y <= 9999; /* "last year" in the year 1: none (finding dates-7) */
}

/* The date count units (1, 7, 30 or 365 days) before publication,
 * written at [st, en): "three days ago", "3 дня назад". */
static void ago_date(const pubinfo *p, int count, int unit, size_t st, size_t en, sl_date *o)
{
    *o = (sl_date){st, en, 0, 0, 0, SL_DATE_RELATIVE,
                   count <= 100000 / unit ? -count * unit : -100000, 0};
    if (p->known) {
        *o = (sl_date){st, en, p->y, p->m, p->d, SL_DATE_DAY, 0, 0};
        add_span(o, count, unit, -1);
        set_prec(o, unit == 365 ? SL_DATE_YEAR : unit == 30 ? SL_DATE_MONTH : SL_DATE_DAY);
    }
}

/* The year of a month named without one (m), as "in March" has it. */
static int month_year(const pubinfo *p, int m, int next)
{
    if (!p->known)
        return 0;
    if (!next && tense(p) > 0)
        return infer_year(p, m, 0);
    return next ? p->y + (m <= p->m) : p->y - (m > p->m);
}

/* Takes the word after a year ("года", "г." with its period) at j. */
static size_t after_year(const char *s, const tok *t, size_t nt, size_t j)
{
    int v;
    if (j < nt && cword_of(s, &t[j], &v) == CW_YEARW) {
        j++;
        if (j < nt && teq(s, &t[j], ".") && t[j - 1].e - t[j - 1].s == 2)
            j++;
    }
    return j;
}

/* ---- Spanish, Portuguese, French, Italian, German ------------------------------- */

/* Their date words, lower case: months and weekdays (written in lower case
 * in the Romance languages, with a capital in German: LW_CAP), day words,
 * the prepositions before a month or a year and "de". Words that are
 * also common words of another language of the list are left out ("hier":
 * yesterday in French, here in German; "mañana": morning). */
enum { LW_NONE, LW_MONTH, LW_WDAY, LW_DAY, LW_PREP, LW_DE, LW_YEARW, LW_MONTHW, LW_REL };
enum { LW_CAP = 1, LW_EITHER = 2 }; /* German: only with a capital; either case */
typedef struct lword {
    const char *w;
    unsigned char kind, flags;
    signed char v;
} lword;
#define LM12(f, a, b, c, d, e, g, h, i, j, k, l, m)                                             \
    {a, LW_MONTH, f, 1}, {b, LW_MONTH, f, 2}, {c, LW_MONTH, f, 3}, {d, LW_MONTH, f, 4},         \
        {e, LW_MONTH, f, 5}, {g, LW_MONTH, f, 6}, {h, LW_MONTH, f, 7}, {i, LW_MONTH, f, 8},     \
        {j, LW_MONTH, f, 9}, {k, LW_MONTH, f, 10}, {l, LW_MONTH, f, 11}, {m, LW_MONTH, f, 12}
#define LW7(f, a, b, c, d, e, g, h)                                                              \
    {a, LW_WDAY, f, 0}, {b, LW_WDAY, f, 1}, {c, LW_WDAY, f, 2}, {d, LW_WDAY, f, 3},             \
        {e, LW_WDAY, f, 4}, {g, LW_WDAY, f, 5}, {h, LW_WDAY, f, 6}
static const lword LWORDS[] = {
    /* a word of two lists with two ways of writing it (the set keeps the
     * first of a word listed twice): French "mai", German "Mai" */
    {"mai", LW_MONTH, LW_EITHER, 5},
    LM12(0, "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"),
    LM12(0, "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"),
    LM12(0, "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"),
    LM12(0, "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
         "settembre", "ottobre", "novembre", "dicembre"),
    LM12(LW_CAP, "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
         "september", "oktober", "november", "dezember"),
    {"jänner", LW_MONTH, LW_CAP, 1}, /* (Austria) */
    {"setiembre", LW_MONTH, 0, 9},
    LW7(0, "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    LW7(0, "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
        "sábado", "domingo"),
    LW7(0, "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    LW7(0, "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    LW7(LW_CAP, "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    {"ayer", LW_DAY, 0, -1}, {"hoy", LW_DAY, 0, 0}, {"ontem", LW_DAY, 0, -1},
    {"hoje", LW_DAY, 0, 0}, {"amanhã", LW_DAY, 0, 1}, {"aujourd", LW_DAY, 0, 0},
    {"demain", LW_DAY, 0, 1}, {"ieri", LW_DAY, 0, -1}, {"oggi", LW_DAY, 0, 0},
    {"domani", LW_DAY, 0, 1}, {"gestern", LW_DAY, 0, -1}, {"heute", LW_DAY, 0, 0},
    {"en", LW_PREP, 0, 0}, {"em", LW_PREP, 0, 0}, {"desde", LW_PREP, 0, 0},
    {"hasta", LW_PREP, 0, 0}, {"até", LW_PREP, 0, 0}, {"depuis", LW_PREP, 0, 0},
    {"nel", LW_PREP, 0, 0}, {"dal", LW_PREP, 0, 0}, {"im", LW_PREP, 0, 0},
    {"seit", LW_PREP, 0, 0}, {"bis", LW_PREP, 0, 0}, {"ab", LW_PREP, 0, 0},
    {"de", LW_DE, 0, 0}, {"del", LW_DE, 0, 0},
    {"mes", LW_MONTHW, 0, 0}, {"mês", LW_MONTHW, 0, 0}, {"mois", LW_MONTHW, 0, 0},
    {"mese", LW_MONTHW, 0, 0}, {"monat", LW_MONTHW, LW_CAP, 0},
    /* last and next, before or after the word they qualify */
    {"pasado", LW_REL, 0, -1}, {"pasada", LW_REL, 0, -1}, {"passado", LW_REL, 0, -1},
    {"passada", LW_REL, 0, -1}, {"dernier", LW_REL, 0, -1}, {"dernière", LW_REL, 0, -1},
    {"scorso", LW_REL, 0, -1}, {"scorsa", LW_REL, 0, -1}, {"letzten", LW_REL, 0, -1},
    {"letztes", LW_REL, 0, -1}, {"vergangenen", LW_REL, 0, -1}, {"próximo", LW_REL, 0, 1},
    {"próxima", LW_REL, 0, 1}, {"prochain", LW_REL, 0, 1}, {"prochaine", LW_REL, 0, 1},
    {"prossimo", LW_REL, 0, 1}, {"prossima", LW_REL, 0, 1}, {"nächsten", LW_REL, 0, 1},
    {"nächstes", LW_REL, 0, 1},
    {"año", LW_YEARW, 0, 0}, {"ano", LW_YEARW, 0, 0}, {"année", LW_YEARW, 0, 0},
    {"anno", LW_YEARW, 0, 0}, {"jahr", LW_YEARW, LW_CAP, 0},
};
#undef LM12
#undef LW7
static sl_wordset lwords_set;
/* the cheap test before the look-up: a word of the list has this many
 * bytes and opens on this letter (a..z) and ends on this byte (lower case) */
static unsigned char lw_len_first[17][26], lw_len_last[17][256];
static uint32_t lw_first_second[17][26]; /* bit b: the second letter is 'a' + b (or not a..z: 26) */

static int lword_look(const char *s, size_t n, int *v);

/* The bit of lw_first_second for a word's second byte. */
static inline int lw_second(unsigned char c)
{
    c = (unsigned char)(c | 32);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

/* The kind of the word s[0..n) (ASCII and Latin-1 letters), in lower case
 * or, for a German word, with a capital; its value in *v. The cheap
 * tests inline (every word of a sentence meets them), the look-up not. */
static inline int lword_in(const char *s, size_t n, int *v)
{
    if (n < 2 || n > 16)
        return LW_NONE;
    unsigned char f = (unsigned char)(s[0] | 32), e = (unsigned char)s[n - 1];
    if (f < 'a' || f > 'z' || !lw_len_first[n][f - 'a'] ||
        !(lw_first_second[n][f - 'a'] >> lw_second((unsigned char)s[1]) & 1) ||
        !lw_len_last[n][e < 0x80 ? (unsigned char)tolower(e) : e])
        return LW_NONE;
    return lword_look(s, n, v);
}

static int lword_look(const char *s, size_t n, int *v)
{
    char low[24];
    int cap = (unsigned char)s[0] < 0x80 ? isupper((unsigned char)s[0]) != 0 : 0, whole;
    size_t l = sl_lower_word_in(sl_cp_table(), s, n, low, sizeof low, &whole);
    long k = whole ? sl_wordset_find(&lwords_set, low, l) : -1;
    if (k < 0)
        return LW_NONE;
    const lword *x = &LWORDS[k];
    /* one set's entry may stand for words of two lists ("sábado") */
    if (!(x->flags & LW_EITHER) &&
        ((x->flags & LW_CAP) ? !cap : (cap && (x->kind == LW_MONTH || x->kind == LW_WDAY))))
        return LW_NONE; /* "Mars 2020" is the rover; "Domingo" a name; "morgen" */
    *v = x->v;
    return x->kind;
}

static int lword_of(const char *s, const tok *t, int *v)
{
    return t->type == T_WORD ? lword_in(s + t->s, t->e - t->s, v) : LW_NONE;
}

/* A weekday with its day of the month after it ("el domingo 24", "no
 * sábado (16)", "nesta quinta-feira (14/11)", "(1º)", "Tuesday 19th"): the day so
 * numbered (in that month, if given) nearest publication
 * that falls on that weekday (w, 0 = Monday), with the number (and its
 * parentheses) added to the expression. j is the token after the
 * weekday; returns the tokens added (0 when no number follows, when a
 * month follows the number, which makes a date of its own, "el lunes 18
 * de noviembre", or when no such day lies within a month of publication,
 * or two weeks for a number without parentheses). */
static size_t weekday_number(const char *s, const tok *t, size_t nt, size_t j, const pubinfo *p,
                             int w, sl_date *o)
{
    size_t k = j + (j < nt && teq(s, &t[j], "("));
    if (!p->known || k >= nt || t[k].type != T_NUM || t[k].e - t[k].s > 4)
        return 0;
    int n = num_of(s, &t[k]);
    if (n < 1 || n > 31)
        return 0;
    size_t e = k;
    int month = 0; /* given: "(14/11)" */
    if (k > j) {
        if (k + 3 < nt && teq(s, &t[k + 1], "/") && t[k + 2].type == T_NUM &&
            teq(s, &t[k + 3], ")")) {
            month = num_of(s, &t[k + 2]);
            if (month < 1 || month > 12)
                return 0;
            k += 2;
        } else if (k + 2 < nt && teq(s, &t[k + 1], "\xC2\xBA")) {
            k++; /* "(1º)" */
        }
        if (k + 1 >= nt || !teq(s, &t[k + 1], ")"))
            return 0;
        e = k + 1;
    } else if (k + 2 < nt && t[k + 1].type == T_PUNCT && t[k + 1].s == t[k].e &&
               t[k + 2].type == T_NUM && t[k + 2].s == t[k + 1].e) {
        return 0; /* a time: "el lunes 18.30", "Monday 3:00" */
    } else if (k + 1 < nt && t[k + 1].type == T_WORD) {
        int abbr, v;
        if (month_of(s, &t[k + 1], &abbr) || lword_of(s, &t[k + 1], &v) == LW_MONTH ||
            lword_of(s, &t[k + 1], &v) == LW_DE || teq(s, &t[k + 1], "of"))
            return 0;
    }
    int64_t best = 0;
    for (int dm = -2; dm <= 2; dm++) {
        int y = p->y, m = p->m + dm;
        if (m < 1)
            m += 12, y--;
        if (m > 12)
            m -= 12, y++;
        if (n > days_in_month(y, m) || (month && m != month))
            continue;
        int64_t z = day_no(y, m, n);
        if (day_weekday(z) != w)
            continue;
        if (!best || llabs(z - p->day) < llabs(best - p->day))
            best = z;
    }
    /* a bare number may count something else ("On Friday 3 people
     * died"): only a day near publication is taken for it, and only a
     * day within a month for one in parentheses */
    if (!best || llabs(best - p->day) > (k == j ? 14 : 31))
        return 0;
    *o = (sl_date){o->start, t[e].e, 0, 0, 0, SL_DATE_RELATIVE, 0, 0};
    set_day(o, best);
    return e + 1 - j;
}

/* Can the word s[0..n) alone make sl_dates_possible true (a month, a
 * weekday, a day word)? */
static int lword_possible(const char *s, size_t n)
{
    int v, k = lword_in(s, n, &v);
    return k == LW_MONTH || k == LW_WDAY || k == LW_DAY || k == LW_REL;
}

/* Tries a Spanish, Portuguese, French, Italian or German date at token i:
 * "14 de noviembre [de 2019]", "14 novembre 2019", "14. November 2019",
 * "en noviembre [de 2019]", "noviembre de 2019", "en 2016", "im Jahr
 * 2016", "el lunes", "lundi", "am Montag", "ayer", "heute". Returns tokens
 * used (0 if none). */
static size_t latin_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                       sl_date *o);

/* Tries an explicit date at token i; returns tokens used (0 if none). */
static size_t explicit_at(const char *s, const tok *t, size_t nt, size_t i,
                          const pubinfo *p, sl_date *o)
{
    int abbr, m = month_of(s, &t[i], &abbr);
    size_t j = i + 1;
    if (m) {
        if (abbr && j < nt && teq(s, &t[j], "."))
            j++;
        int d = j < nt ? num_of(s, &t[j]) : -1;
        if (d >= 1 && d <= days_in_month(0, m) + (m == 2)) {
            j++;
            int y = 0;
            size_t k = j;
            if (k < nt && teq(s, &t[k], ","))
                k++;
            size_t of = k < nt && teq(s, &t[k], "of") ? k + 1 : k;
            if (k < nt && is_year(num_of(s, &t[k])) && t[k].e - t[k].s == 4) {
                y = num_of(s, &t[k]);
                j = k + 1;
            } else if (p->known && of + 1 < nt && teq(s, &t[of + 1], "year") &&
                       (teq(s, &t[of], "last") || teq(s, &t[of], "this") ||
                        teq(s, &t[of], "next"))) {
                /* "Dec 28 last year", "Jan. 5 of next year" */
                y = p->y + (teq(s, &t[of], "next") - teq(s, &t[of], "last"));
                j = of + 2;
            } else {
                y = infer_year(p, m, d);
            }
            if (y && d > days_in_month(y, m))
                return 0; /* "Feb. 29" of a year without one (dates-4) */
            *o = (sl_date){t[i].s, t[j - 1].e, y, m, d, SL_DATE_DAY, 0, 0};
            return j - i;
        }
        int y = j < nt && t[j].e - t[j].s == 4 ? num_of(s, &t[j]) : -1;
        if (is_year(y)) {
            *o = (sl_date){t[i].s, t[j].e, y, m, 0, SL_DATE_MONTH, 0, 0};
            return j + 1 - i;
        }
        /* a bare month needs a preposition before it ("in March") */
        if (i > 0 && !abbr) {
            for (int q = 0; MONTH_PRE[q]; q++)
                if (teq(s, &t[i - 1], MONTH_PRE[q])) {
                    int yy = 0;
                    if (p->known) {
                        yy = p->y;
                        if (teq(s, &t[i - 1], "next")) {
                            if (m <= p->m)
                                yy++;
                        } else if (tense(p) > 0 && !teq(s, &t[i - 1], "last")) {
                            yy = infer_year(p, m, 0);
                        } else if (m > p->m) {
                            yy--;
                        }
                    }
                    /* without a publication date: the month of an unknown
                     * year ("--03"), as "Nov. 3" is a day of one */
                    *o = (sl_date){t[i].s, t[i].e, yy, m, 0, SL_DATE_MONTH, 0, 0};
                    return 1;
                }
        }
        return 0;
    }
    int v = num_of(s, &t[i]);
    /* ISO 2020-11-03 */
    if (t[i].type == T_NUM && t[i].e - t[i].s == 10 && s[t[i].s + 4] == '-') {
        int y = digits_at(s, t[i].s, t[i].e), mm = digits_at(s, t[i].s + 5, t[i].e),
            d = digits_at(s, t[i].s + 8, t[i].e);
        if (is_year(y) && mm >= 1 && mm <= 12 && d >= 1 && d <= days_in_month(y, mm)) {
            *o = (sl_date){t[i].s, t[i].e, y, mm, d, SL_DATE_DAY, 0, 0};
            return 1;
        }
        return 0;
    }
    /* 3 November 2020 */
    if (v >= 1 && v <= 31 && j < nt && (m = month_of(s, &t[j], &abbr)) != 0 && !abbr &&
        v <= days_in_month(0, m) + (m == 2)) {
        int y = j + 1 < nt && t[j + 1].e - t[j + 1].s == 4 ? num_of(s, &t[j + 1]) : -1;
        if (is_year(y)) {
            if (v > days_in_month(y, m))
                return 0;
            *o = (sl_date){t[i].s, t[j + 1].e, y, m, v, SL_DATE_DAY, 0, 0};
            return 3;
        }
        int iy = infer_year(p, m, v);
        if (iy && v > days_in_month(iy, m))
            return 0; /* dates-4 */
        *o = (sl_date){t[i].s, t[j].e, iy, m, v, SL_DATE_DAY, 0, 0};
        return 2;
    }
    /* a year: "in 2014", "Moscow's 2014 annexation", "the 2016 election" */
    if (is_year(v) && t[i].e - t[i].s == 4 && i > 0) {
        static const char *const NOT_AFTER[] = {"GMT", "UTC", "hours", "hrs", "local",
                                                "people", "votes", "meters", "feet",
                                                "miles", "km", "percent", NULL};
        int ok = 0;
        for (int q = 0; YEAR_PRE[q] && !ok; q++)
            ok = teq(s, &t[i - 1], YEAR_PRE[q]);
        if (ok && j < nt)
            for (int q = 0; NOT_AFTER[q]; q++)
                if (teq(s, &t[j], NOT_AFTER[q]))
                    ok = 0;
        if (ok && !(j < nt && (teq(s, &t[j], ":") || teq(s, &t[j], "-"))))
        {
            *o = (sl_date){t[i].s, t[i].e, v, 0, 0, SL_DATE_YEAR, 0, 0};
            return 1;
        }
    }
    return 0;
}

/* Is t a word of list l (NULL-terminated, lower case)? */
static int tin(const char *s, const tok *t, const char *const *l)
{
    if (t->type != T_WORD)
        return 0;
    for (int q = 0; l[q]; q++)
        if (teq(s, t, l[q]))
            return 1;
    return 0;
}

/* Does word t end with suffix x (bytes) and hold at least min bytes? */
static int ends(const char *s, const tok *t, const char *x, size_t min)
{
    size_t l = t->e - t->s, k = strlen(x);
    return l >= min && l >= k && memcmp(s + t->e - k, x, k) == 0;
}

/* The words that tell a clause's time (tense_of), by what they tell. */
enum {
    TW_WILL = 1,   /* will, shall: what is to come, unless a name ("Will Smith") */
    TW_FUT,        /* English: upcoming */
    TW_FUT_OTHER,  /* other languages' future words ("sera", "wird") */
    TW_PAST,       /* English past forms ("said", "held") */
    TW_PAST_OTHER, /* other languages' past forms ("dijo", "wurde") */
    TW_PLANNED,    /* scheduled, slated, due: what is to come after "is" */
    TW_BEFORE_TO,  /* set, expected, plans ...: what is to come before "to" */
    TW_BE,         /* be, been, being: a participle after them reads on */
    TW_IS,         /* is, are, am, 's */
    TW_WAS,        /* was, were */
    TW_HAS,        /* French a, ont: "a annoncé" */
    TW_HAS_PAST    /* French avait, avaient: past, and "avait déclaré" */
};
typedef struct tense_word {
    const char *w;
    int cls;
} tense_word;
static const tense_word TWORDS[] = {
    {"will", TW_WILL}, {"shall", TW_WILL}, {"upcoming", TW_FUT},
    {"scheduled", TW_PLANNED}, {"slated", TW_PLANNED}, {"due", TW_PLANNED},
    {"set", TW_BEFORE_TO}, {"expected", TW_BEFORE_TO}, {"going", TW_BEFORE_TO},
    {"plans", TW_BEFORE_TO}, {"planning", TW_BEFORE_TO}, {"intends", TW_BEFORE_TO},
    {"aims", TW_BEFORE_TO}, {"be", TW_BE}, {"been", TW_BE}, {"being", TW_BE},
    {"is", TW_IS}, {"are", TW_IS}, {"am", TW_IS}, {"s", TW_IS},
    {"was", TW_WAS}, {"were", TW_WAS},
    /* English past forms (the regular ones by their "-ed") */
    {"said", TW_PAST}, {"says", TW_PAST}, {"told", TW_PAST}, {"had", TW_PAST},
    {"did", TW_PAST}, {"ago", TW_PAST}, {"yesterday", TW_PAST}, {"earlier", TW_PAST},
    {"last", TW_PAST}, {"held", TW_PAST}, {"met", TW_PAST}, {"went", TW_PAST},
    {"came", TW_PAST}, {"became", TW_PAST}, {"made", TW_PAST}, {"took", TW_PAST},
    {"gave", TW_PAST}, {"left", TW_PAST}, {"won", TW_PAST}, {"lost", TW_PAST},
    {"began", TW_PAST}, {"sent", TW_PAST}, {"found", TW_PAST}, {"saw", TW_PAST},
    {"spoke", TW_PAST}, {"wrote", TW_PAST}, {"fell", TW_PAST}, {"ran", TW_PAST},
    {"shot", TW_PAST}, {"struck", TW_PAST}, {"led", TW_PAST}, {"paid", TW_PAST},
    {"sold", TW_PAST}, {"got", TW_PAST}, {"brought", TW_PAST}, {"bought", TW_PAST},
    {"thought", TW_PAST}, {"knew", TW_PAST}, {"broke", TW_PAST}, {"chose", TW_PAST},
    {"rose", TW_PAST}, {"flew", TW_PAST}, {"kept", TW_PAST}, {"felt", TW_PAST},
    {"heard", TW_PAST}, {"stood", TW_PAST}, {"fought", TW_PAST}, {"caught", TW_PAST},
    {"sought", TW_PAST}, {"grew", TW_PAST}, {"drew", TW_PAST}, {"threw", TW_PAST},
    {"built", TW_PAST}, {"spent", TW_PAST}, {"drove", TW_PAST}, {"fled", TW_PAST},
    {"taught", TW_PAST}, {"wore", TW_PAST}, {"stole", TW_PAST}, {"swore", TW_PAST},
    {"withdrew", TW_PAST}, {"understood", TW_PAST}, {"forgot", TW_PAST}, {"froze", TW_PAST},
    {"hid", TW_PAST}, {"slept", TW_PAST}, {"shook", TW_PAST}, {"sank", TW_PAST},
    {"sang", TW_PAST}, {"rode", TW_PAST}, {"tore", TW_PAST}, {"meant", TW_PAST},
    {"dealt", TW_PAST}, {"hung", TW_PAST}, {"woke", TW_PAST}, {"swept", TW_PAST},
    {"ate", TW_PAST}, {"overtook", TW_PAST}, {"undertook", TW_PAST}, {"forgave", TW_PAST},
    {"sped", TW_PAST}, {"spun", TW_PAST}, {"stuck", TW_PAST}, {"lent", TW_PAST},
    /* French and German future words */
    {"sera", TW_FUT_OTHER}, {"seront", TW_FUT_OTHER}, {"aura", TW_FUT_OTHER},
    {"auront", TW_FUT_OTHER}, {"fera", TW_FUT_OTHER}, {"feront", TW_FUT_OTHER},
    {"ira", TW_FUT_OTHER}, {"pourra", TW_FUT_OTHER}, {"pourront", TW_FUT_OTHER},
    {"devra", TW_FUT_OTHER}, {"devront", TW_FUT_OTHER}, {"tiendra", TW_FUT_OTHER},
    {"tiendront", TW_FUT_OTHER}, {"wird", TW_FUT_OTHER}, {"werden", TW_FUT_OTHER},
    {"soll", TW_FUT_OTHER}, {"sollen", TW_FUT_OTHER},
    /* Spanish, Portuguese, French and German past forms */
    {"dijo", TW_PAST_OTHER}, {"fue", TW_PAST_OTHER}, {"fueron", TW_PAST_OTHER},
    {"hizo", TW_PAST_OTHER}, {"tuvo", TW_PAST_OTHER}, {"estuvo", TW_PAST_OTHER},
    {"era", TW_PAST_OTHER}, {"disse", TW_PAST_OTHER}, {"foi", TW_PAST_OTHER},
    {"foram", TW_PAST_OTHER}, {"fez", TW_PAST_OTHER}, {"\xC3\xA9tait", TW_PAST_OTHER},
    {"\xC3\xA9taient", TW_PAST_OTHER}, {"wurde", TW_PAST_OTHER}, {"wurden", TW_PAST_OTHER},
    {"war", TW_PAST_OTHER}, {"waren", TW_PAST_OTHER}, {"hat", TW_PAST_OTHER},
    {"hatte", TW_PAST_OTHER}, {"hatten", TW_PAST_OTHER}, {"sagte", TW_PAST_OTHER},
    {"a", TW_HAS}, {"ont", TW_HAS}, {"avait", TW_HAS_PAST}, {"avaient", TW_HAS_PAST},
};
static sl_wordset twords_set;
static pthread_once_t twords_once = PTHREAD_ONCE_INIT;

static void twords_init(void)
{
    sl_wordset_build(&twords_set, TWORDS, sizeof TWORDS / sizeof *TWORDS, sizeof *TWORDS);
}

/* The TW_* class of word t (ASCII letters compared in lower case), 0 if
 * none. */
static int tword(const char *s, const tok *t)
{
    char low[16];
    size_t l = t->e - t->s;
    if (t->type != T_WORD || l >= sizeof low)
        return 0;
    for (size_t i = 0; i < l; i++)
        low[i] = (char)tolower((unsigned char)s[t->s + i]);
    long k = sl_wordset_find(&twords_set, low, l);
    return k >= 0 ? TWORDS[k].cls : 0;
}

/* What a word of the other Latin-script languages says of the time of its
 * clause (tense_of), c its TW_* class: the future's endings of Spanish,
 * Portuguese and Italian ("celebrará", "será", "terão", "sarà",
 * "saranno"), French and German future words ("sera", "auront", "se
 * tiendra", "wird"); the preterite's endings ("anunció", "anunciaron",
 * "anunciou", "disseram") and past auxiliaries ("fue", "a annoncé",
 * "wurde", "hat"). */
static int tense_other(const char *s, const tok *t, size_t j, int c)
{
    const tok *w = &t[j];
    if (isupper((unsigned char)s[w->s]) && j > 0)
        return 0; /* names: "Ceará", "Moscou" */
    if (c == TW_FUT_OTHER || ends(s, w, "r\xC3\xA1", 4) || ends(s, w, "r\xC3\xA1n", 5) ||
        ends(s, w, "r\xC3\xA3o", 5) || ends(s, w, "r\xC3\xA0", 4) || ends(s, w, "ranno", 6) ||
        ((ends(s, w, "eront", 6) || ends(s, w, "iront", 5) || ends(s, w, "dront", 6)) &&
         !teq(s, w, "front") && !teq(s, w, "affront")))
        return 1;
    if (c == TW_PAST_OTHER || c == TW_HAS_PAST || ends(s, w, "\xC3\xB3", 4) ||
        ends(s, w, "aron", 5) || ends(s, w, "ieron", 6) || ends(s, w, "ou", 5) ||
        ends(s, w, "aram", 5) || ends(s, w, "eram", 5) || ends(s, w, "iram", 5))
        return -1;
    if ((ends(s, w, "\xC3\xA9", 3) || ends(s, w, "\xC3\xA9" "e", 4) || ends(s, w, "\xC3\xA9s", 4)) &&
        j > 0) {
        int before = tword(s, &t[j - 1]);
        if (before == TW_HAS || before == TW_HAS_PAST)
            return -1; /* "a annoncé", "ont déclaré" */
    }
    return 0;
}

/* What a Russian or Ukrainian word (a run of high bytes to lex, t[j])
 * says of the time of its clause (tense_of): the future's auxiliaries and
 * the verbs of what is planned ("будет", "состоится", "пройдут",
 * "ожидается", "планируют", "відбудеться"); the past tense, whose verbs
 * end in -л, -ла, -ло, -ли ("заявил", "прошли", "була"), which some nouns
 * share ("школа"): a past word only stops the reading. */
static int tense_cyrillic(const char *s, const tok *t)
{
    static const char *const FUTURE[] = {
        "будет", "будут", "будем", "буду", "состоится", "состоятся", "пройдет", "пройдёт",
        "пройдут", "ожидается", "ожидаются", "планируется", "планируют", "планирует",
        "намерен", "намерена", "намерены", "собирается", "собираются", "начнется",
        "начнётся", "начнутся", "предстоит", "буде", "будуть", "відбудеться", "відбудуться",
        "пройде", "планується", "планують", "очікується", NULL};
    size_t n = t->e - t->s;
    if (n < 4 || n > 48 || !sl_cyrillic_lead((unsigned char)s[t->s]))
        return 0;
    char low[64];
    int whole;
    size_t l = sl_lower_word_in(sl_cp_table(), s + t->s, n, low, sizeof low, &whole);
    if (!whole)
        return 0;
    if (sl_word_in_list(FUTURE, low, l))
        return 1;
    /* л (d0 bb), then а (d0 b0), о (d0 be), и (d0 b8) or nothing */
    int past = (l >= 6 && (unsigned char)low[l - 2] == 0xD0 && (unsigned char)low[l - 1] == 0xBB) ||
               (l >= 8 && (unsigned char)low[l - 4] == 0xD0 && (unsigned char)low[l - 3] == 0xBB &&
                (unsigned char)low[l - 2] == 0xD0 &&
                ((unsigned char)low[l - 1] == 0xB0 || (unsigned char)low[l - 1] == 0xBE ||
                 (unsigned char)low[l - 1] == 0xB8));
    return past ? -1 : 0;
}

/* What a Korean word (a Hangul run, t[0]) says of the time of its clause:
 * a verb with a syllable of the past after its first (final consonant ㅆ:
 * "밝혔다", "밝혔으나", "있었다"; not "있다", there is) is what was; one
 * that ends on 다 in the present ("열린다", "발표한다", "개최된다": news
 * tells what is scheduled in the present), a word with 겠 or "예정"
 * (planned: "열릴 예정이다") what is to come. */
static int tense_korean(const char *s, const tok *t)
{
    const unsigned char *u = (const unsigned char *)s + t->s;
    size_t n = t->e - t->s;
    int32_t prev = 0, cp; /* the syllable before, and this one */
    int ahead = 0;
    for (size_t i = 0, l; i < n && sl_ko_hangul(s + t->s + i, n - i); i += l, prev = cp) {
        l = (size_t)sl_utf8_next(u + i, n - i, &cp);
        if (cp == 0xACA0 /* 겠 */ || (prev == 0xC608 /* 예 */ && cp == 0xC815 /* 정 */))
            ahead = 1;
        else if ((cp - 0xAC00) % 28 == 20 && cp != 0xC788 /* 있 */ && prev)
            return -1; /* a past syllable: "밝혔다", "밝혔으나", "열렸고" */
        if (cp == 0xB2E4 /* 다 */ && prev && ((prev - 0xAC00) % 28 == 4 || prev == 0xB294 /* 는 */))
            ahead = 1;
    }
    return ahead;
}

/* Is the expression at token i in Korean (a Hangul run at it or just
 * after it)? */
static int korean_clause(const char *s, const tok *t, size_t nt, size_t i)
{
    for (size_t k = i; k < nt && k < i + 2; k++)
        if (t[k].type == T_PUNCT && sl_ko_hangul(s + t[k].s, t[k].e - t[k].s))
            return 1;
    return 0;
}

/* What a word says of the time of its clause: +1 what is to come ("will",
 * "is due to"), -1 what was ("said", "was", a past participle not after
 * "be"), 0 nothing. t[0..nt) are the sentence's tokens; back: the word
 * was reached reading backwards (a participle after "be" then reads on to
 * the auxiliary: "will be held"). The other languages' words are
 * tense_other's and tense_cyrillic's. */
static int tense_of(const char *s, const tok *t, size_t nt, size_t j, int back)
{
    const tok *w = &t[j];
    if (w->type != T_WORD)
        return tense_cyrillic(s, w);
    int c = tword(s, w);
    if (c == TW_WILL)
        return j == 0 || !isupper((unsigned char)s[w->s]); /* not "Will Smith" */
    if (c == TW_FUT ||
        (teq(s, w, "ll") && j > 0 && w->s > 0 && (s[w->s - 1] == '\'' || s[w->s - 1] == '\x99')))
        return 1;
    if (c == TW_BEFORE_TO && j + 1 < nt && teq(s, &t[j + 1], "to"))
        return 1;
    if (c == TW_PLANNED) {
        /* what is to come only after "is" or "be" ("is due to", "are
         * scheduled for"), what was after "was" ("was originally due") */
        for (size_t q = j; q-- > 0 && q + 3 > j;) {
            int cq = tword(s, &t[q]);
            if (cq == TW_IS || (cq == TW_BE && teq(s, &t[q], "be")))
                return 1;
            if (cq == TW_WAS)
                return -1;
        }
        return 0; /* "a scheduled vote", "Pittsburgh scheduled a news conference" */
    }
    size_t l = w->e - w->s;
    int participle = c == TW_PAST || c == TW_WAS ||
                     (l >= 5 && s[w->e - 2] == 'e' && s[w->e - 1] == 'd');
    if (!participle)
        return tense_other(s, t, j, c);
    if (back && j > 0 && tword(s, &t[j - 1]) == TW_BE)
        return 0; /* "will be held": the auxiliary decides */
    return -1;
}

/* A clause's bound: the sentence's end, a colon or semicolon, a quotation
 * mark or dash. */
static int clause_bound(const char *s, const tok *t)
{
    return t->type == T_PUNCT &&
           (strchr(".!?;:\"", s[t->s]) || (unsigned char)s[t->s] == 0xE2);
}

/* Does the clause around token i (the start of a date expression) speak
 * of what is to come (+1), of what was (-1), or does it not tell (0)? The
 * nearest word with a tense before it decides
 * ("they will meet on Friday", "Trump said on Friday"); when there is
 * none and the date opens the sentence, the nearest after it ("On Monday,
 * the court will rule"). "coming" counts only just before a weekday or
 * month ("this coming Monday", not "coming off a win in September"), and
 * a date after "since" is past. A Korean clause, whose verb comes last,
 * is read on from the date to its first word with a tense. */
static int clause_tense(const char *s, const tok *t, size_t nt, size_t i)
{
    static const char *const SINCE[] = {"since", "desde", "depuis", "seit", "dal", NULL};
    pthread_once(&twords_once, twords_init);
    int abbr;
    if (i > 0 && teq(s, &t[i - 1], "coming") &&
        (weekday_of(s, &t[i]) >= 0 || month_of(s, &t[i], &abbr)))
        return 1; /* not "his message coming six weeks after" */
    if (tin(s, &t[i], SINCE) || (i > 0 && tin(s, &t[i - 1], SINCE)))
        return 0; /* "since March", "desde abril", whatever the clause says */
    if (korean_clause(s, t, nt, i)) { /* the verb ends the clause: read on to it */
        for (size_t k = i + 1, q = 0; k < nt && q < 20 && !clause_bound(s, &t[k]); k++, q++) {
            int v = t[k].type == T_PUNCT ? tense_korean(s, &t[k]) : 0;
            if (v)
                return v;
        }
        return 0;
    }
    size_t j = i;
    for (size_t q = 0; j > 0 && q < 20; q++) {
        if (clause_bound(s, &t[j - 1]))
            break;
        int k = tense_of(s, t, nt, --j, 1);
        if (k)
            return k;
    }
    if (i - j > 3)
        return 0;
    for (size_t k = i + 1, q = 0; k < nt && q < 12 && !clause_bound(s, &t[k]); k++, q++) {
        int v = tense_of(s, t, nt, k, 0);
        if (v)
            return v;
    }
    return 0;
}

/* Is the weekday at token i part of a day's name ("Black Friday", "Good
 * Friday", "Super Tuesday"), which is not the day of the week it names? */
static int named_day(const char *s, const tok *t, size_t i)
{
    static const char *const NAMING[] = {
        "black", "cyber", "good", "holy", "maundy", "easter", "palm", "ash", "shrove", "fat",
        "whit", "super", "bloody", "remembrance", "mothering", "giving", "freaky", NULL};
    return i > 0 && isupper((unsigned char)s[t[i - 1].s]) && tin(s, &t[i - 1], NAMING);
}

/* Tries a relative date at token i; returns tokens used (0 if none). */
static size_t relative_at(const char *s, const tok *t, size_t nt, size_t i,
                          const pubinfo *p, sl_date *o)
{
    int w = weekday_of(s, &t[i]);
    if (w >= 0 && named_day(s, t, i))
        return 0;
    if (w >= 0) {
        size_t st = t[i].s, en = t[i].e;
        int mode = 0; /* 0 on or before, -1 strictly before, +1 after */
        if (i > 0 && teq(s, &t[i - 1], "last"))
            mode = -1, st = t[i - 1].s;
        else if (i > 0 && teq(s, &t[i - 1], "next"))
            mode = 1, st = t[i - 1].s;
        weekday_date(p, w, mode, st, en, o);
        return 1 + (mode ? 0 : weekday_number(s, t, nt, i + 1, p, w, o));
    }
    if (t[i].type == T_PUNCT)
        return 0;
    char c0 = (char)tolower((unsigned char)s[t[i].s]);
    for (int q = 0; (c0 == 'y' || c0 == 't') && DAY_WORDS[q]; q++)
        if (teq(s, &t[i], DAY_WORDS[q]) &&
            !(i > 0 && t[i - 1].type == T_WORD && isupper((unsigned char)s[t[i - 1].s]) &&
              isupper((unsigned char)s[t[i].s])) && /* not "USA Today" */
            !(q == 1 && ((i > 0 && teq(s, &t[i - 1], "of")) ||
                         (i + 2 < nt && t[i + 1].type == T_PUNCT && t[i + 1].s == t[i].e &&
                          teq(s, &t[i + 2], "s"))))) { /* "youth of today",
                                                                       "today's world" */
            day_date(p, q - 1, t[i].s, t[i].e, o);
            return 1;
        }
    /* last/this/next month|year */
    if (i + 1 < nt && t[i].e - t[i].s == 4 && (teq(s, &t[i], "last") || teq(s, &t[i], "this") ||
                       teq(s, &t[i], "next") || teq(s, &t[i], "past"))) {
        int sign = teq(s, &t[i], "next") ? 1 : teq(s, &t[i], "this") ? 0 : -1;
        int unit = unit_of(s, &t[i + 1]);
        if ((unit == 30 || unit == 365) && !teq(s, &t[i], "past") && (p->known || sign)) {
            return unit_date(p, sign, unit, t[i].s, t[i + 1].e, o) ? 2 : 0;
        }
    }
    /* N units ago */
    if (i + 2 < nt && t[i + 2].e - t[i + 2].s == 3 && teq(s, &t[i + 2], AGO)) {
        int k = number_word(s, &t[i]);
        int unit = unit_of(s, &t[i + 1]);
        if (k > 0 && unit) {
            ago_date(p, k, unit, t[i].s, t[i + 2].e, o);
            return 3;
        }
    }
    return 0;
}

static size_t cyrillic_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                          sl_date *o)
{
    int v, v1, k = cword_of(s, &t[i], &v);
    int n = t[i].type == T_NUM ? num_of(s, &t[i]) : k == CW_NUM ? v : -1;
    int k1 = i + 1 < nt ? cword_of(s, &t[i + 1], &v1) : CW_NONE;
    size_t l = t[i].e - t[i].s;
    if (n >= 1 && n <= 31 && k1 == CW_MGEN && n <= days_in_month(0, v1) + (v1 == 2)) {
        int y = i + 2 < nt && t[i + 2].e - t[i + 2].s == 4 ? num_of(s, &t[i + 2]) : -1;
        size_t j = i + 2;
        int vr, vy;
        if (is_year(y))
            j = after_year(s, t, nt, i + 3);
        else if (y >= 0)
            return 0; /* a year out of range ("в марте 1760 года") */
        else if (i + 3 < nt && cword_of(s, &t[i + 2], &vr) == CW_REL &&
                 cword_of(s, &t[i + 3], &vy) == CW_YEARW) {
            y = p->known ? p->y + vr : 0; /* "30 июня прошлого года" */
            j = i + 4;
        } else {
            y = infer_year(p, v1, n);
        }
        if (y && n > days_in_month(y, v1))
            return 0;
        *o = (sl_date){t[i].s, t[j - 1].e, y, v1, n, SL_DATE_DAY, 0, 0};
        return j - i;
    }
    if (is_year(n) && l == 4 && k1 == CW_YEARW) {
        size_t j = after_year(s, t, nt, i + 1);
        *o = (sl_date){t[i].s, t[j - 1].e, n, 0, 0, SL_DATE_YEAR, 0, 0};
        return j - i;
    }
    /* "3 дня назад", "три дня назад", "неделю назад" (one unit) */
    size_t u = n >= 1 && n <= 100 ? i + 1 : i;
    int vn, va, ku = u + 1 < nt ? cword_of(s, &t[u], &vn) : CW_NONE;
    if ((u > i ? ku == CW_UNIT || ku == CW_UNIT1 || ku == CW_YEARW : ku == CW_UNIT1) &&
        cword_of(s, &t[u + 1], &va) == CW_AGO) { /* ("два года назад": года as a unit) */
        ago_date(p, u > i ? n : 1, ku == CW_YEARW ? 365 : cw_unit_days(vn), t[i].s, t[u + 1].e, o);
        return u + 2 - i;
    }
    if ((k == CW_MNOM || k == CW_MGEN) && i + 1 < nt && t[i + 1].e - t[i + 1].s == 4 &&
        is_year(num_of(s, &t[i + 1]))) { /* "ноябрь 2019", "до декабря 2022 года" */
        size_t j = after_year(s, t, nt, i + 2);
        *o = (sl_date){t[i].s, t[j - 1].e, num_of(s, &t[i + 1]), v, 0, SL_DATE_MONTH, 0, 0};
        return j - i;
    }
    if (k == CW_DAY) {
        day_date(p, v, t[i].s, t[i].e, o);
        return 1;
    }
    /* last/this/next month|year, with a preposition before or not */
    size_t r = k == CW_PREP ? i + 1 : i;
    int vr, vu;
    int kr = r + 1 < nt && cword_of(s, &t[r], &vr) == CW_REL ? cword_of(s, &t[r + 1], &vu)
                                                              : CW_NONE;
    if (kr == CW_UNIT || kr == CW_UNIT1 || kr == CW_YEARW) {
        int unit = kr == CW_YEARW ? 365 : cw_unit_days(vu);
        if (unit != 30 && unit != 365)
            return 0;
        return unit_date(p, vr, unit, t[i].s, t[r + 1].e, o) ? r + 2 - i : 0;
    }
    if (k != CW_PREP || i + 1 >= nt)
        return 0;
    int y = t[i + 1].e - t[i + 1].s == 4 ? num_of(s, &t[i + 1]) : -1;
    if (is_year(y)) { /* "в 2016 году", "с 2014 года" */
        size_t j = after_year(s, t, nt, i + 2);
        *o = (sl_date){t[i + 1].s, t[j - 1].e, y, 0, 0, SL_DATE_YEAR, 0, 0};
        return j - i;
    }
    if (k1 == CW_MLOC) { /* "в ноябре [2019 года]" */
        int yy = i + 2 < nt && t[i + 2].e - t[i + 2].s == 4 ? num_of(s, &t[i + 2]) : -1;
        size_t j = i + 2;
        int vr2, vy2;
        if (is_year(yy)) {
            j = after_year(s, t, nt, i + 3);
        } else if (yy >= 0) {
            return 0; /* "в марте 1760 года" */
        } else if (i + 3 < nt && cword_of(s, &t[i + 2], &vr2) == CW_REL &&
                   cword_of(s, &t[i + 3], &vy2) == CW_YEARW) {
            yy = p->known ? p->y + vr2 : 0; /* "в феврале прошлого года" */
            j = i + 4;
        } else {
            yy = month_year(p, v1, 0);
        }
        *o = (sl_date){t[i + 1].s, t[j - 1].e, yy, v1, 0, SL_DATE_MONTH, 0, 0};
        return j - i;
    }
    if (k1 == CW_WDAY) { /* "в понедельник" */
        weekday_date(p, v1, 0, t[i].s, t[i + 1].e, o);
        return 2;
    }
    /* "у п’ятницю": lex cuts it at the apostrophe */
    int v3;
    if (i + 3 < nt && t[i + 1].e - t[i + 1].s == 2 && !memcmp(s + t[i + 1].s, "п", 2) &&
        cword_of(s, &t[i + 3], &v3) == CW_WDAY && v3 == 4) {
        weekday_date(p, 4, 0, t[i].s, t[i + 3].e, o);
        return 4;
    }
    return 0;
}

/* The month named at token j ("نوفمبر", "تشرين الثاني", "تشرين
 * الثاني/نوفمبر"): its number, 0 if none; *end the token after it. */
static int arabic_month(const char *s, const tok *t, size_t nt, size_t j, size_t *end)
{
    int v, v2, k = j < nt ? aword_of(s, &t[j], &v) : AW_NONE;
    if (k == AW_MONTH2 && j + 1 < nt && aword_of(s, &t[j + 1], &v2) == AW_ORD) {
        v = v == 1 ? (v2 == 2 ? 1 : 12) : v2 == 1 ? 10 : 11; /* كانون الثاني: January */
        j += 2;
    } else if (k == AW_MONTH) {
        j++;
    } else {
        return 0;
    }
    if (j + 1 < nt && teq(s, &t[j], "/") && aword_of(s, &t[j + 1], &v2) == AW_MONTH && v2 == v)
        j += 2; /* the other system's name after a slash */
    *end = j;
    return v;
}

/* The end of token t, less a "،" that lex left on it. */
static size_t aend(const char *s, const tok *t)
{
    return t->s + less_comma(s + t->s, t->e - t->s);
}

/* The 4-digit year at token j, or -1. */
static int year_at(const char *s, const tok *t, size_t nt, size_t j)
{
    int y = j < nt && t[j].e - t[j].s == 4 ? num_of(s, &t[j]) : -1;
    return is_year(y) ? y : -1;
}

/* The year after a month at token j: "2019", "عام 2019", "من عام 2019";
 * -1 if none, else *j moves past it. */
static int month_year_at(const char *s, const tok *t, size_t nt, size_t *j)
{
    size_t k = *j;
    int v;
    if (k < nt && teq(s, &t[k], "من"))
        k++;
    if (k < nt && aword_of(s, &t[k], &v) == AW_YEARW)
        k++;
    int y = year_at(s, t, nt, k);
    if (y > 0)
        *j = k + 1;
    return y;
}

static size_t arabic_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                        sl_date *o)
{
    int v, k = aword_of(s, &t[i], &v);
    int n = t[i].type == T_NUM ? num_of(s, &t[i]) : -1;
    size_t e;
    int m;
    if (n >= 1 && n <= 31 && (m = arabic_month(s, t, nt, i + 1, &e)) > 0 &&
        n <= days_in_month(0, m) + (m == 2)) { /* "13 نوفمبر 2019" */
        int y = month_year_at(s, t, nt, &e), vr;
        if (y > 0) {
        } else if (e < nt && aword_of(s, &t[e], &vr) == AW_REL && vr == 1) {
            y = p->known ? p->y + (m < p->m || (m == p->m && n < p->d)) : 0;
            e++; /* "20 ديسمبر المقبل": the next one */
        } else {
            y = infer_year(p, m, n);
        }
        if (y && n > days_in_month(y, m))
            return 0;
        *o = (sl_date){t[i].s, aend(s, &t[e - 1]), y, m, n, SL_DATE_DAY, 0, 0};
        return e - i;
    }
    int y;
    if ((m = arabic_month(s, t, nt, i, &e)) > 0 && (y = month_year_at(s, t, nt, &e)) > 0) {
        *o = (sl_date){t[i].s, aend(s, &t[e - 1]), y, m, 0, SL_DATE_MONTH, 0, 0};
        return e - i; /* "نوفمبر 2019", "فبراير من عام 2018" */
    }
    if ((k == AW_YEARW || k == AW_PREP) && year_at(s, t, nt, i + 1) > 0) {
        *o = (sl_date){t[i + 1].s, aend(s, &t[i + 1]), year_at(s, t, nt, i + 1), 0, 0,
                       SL_DATE_YEAR, 0, 0};
        return 2; /* "عام 2016", "في 2016", "منذ 2014" */
    }
    if (k == AW_PREP && (m = arabic_month(s, t, nt, i + 1, &e)) > 0) { /* "في نوفمبر [2020]" */
        y = month_year_at(s, t, nt, &e);
        *o = (sl_date){t[i + 1].s, aend(s, &t[e - 1]), y > 0 ? y : month_year(p, m, 0), m, 0,
                       SL_DATE_MONTH, 0, 0};
        return e - i;
    }
    if (k == AW_DAY) {
        day_date(p, v, t[i].s, aend(s, &t[i]), o);
        return 1;
    }
    int vd; /* "أول من أمس", "أول أمس": the day before yesterday */
    size_t d = i + 1 < nt && teq(s, &t[i + 1], "من") ? i + 2 : i + 1;
    if (k == AW_FIRST && d < nt && aword_of(s, &t[d], &vd) == AW_DAY && vd == -1) {
        day_date(p, -2, t[i].s, aend(s, &t[d]), o);
        return d + 1 - i;
    }
    /* "[يوم] الجمعة [الماضي|المقبل]" */
    size_t w = k == AW_YOM ? i + 1 : i;
    int vw, vr;
    if (w < nt && aword_of(s, &t[w], &vw) == AW_WDAY) {
        int rel = w + 1 < nt && aword_of(s, &t[w + 1], &vr) == AW_REL ? vr : 2;
        weekday_date(p, vw, rel == 2 ? 0 : rel, t[i].s, aend(s, &t[rel == 2 ? w : w + 1]), o);
        return (rel == 2 ? w : w + 1) + 1 - i;
    }
    /* "العام الماضي", "الشهر المقبل" */
    if ((k == AW_YEARW || (k == AW_UNIT && v == 6)) && i + 1 < nt &&
        aword_of(s, &t[i + 1], &vr) == AW_REL) {
        return unit_date(p, vr, k == AW_YEARW ? 365 : 30, t[i].s, aend(s, &t[i + 1]), o) ? 2 : 0;
    }
    /* "قبل 3 أيام", "منذ يومين", "قبل أسبوع" */
    if (k == AW_AGO || (k == AW_PREP && teq(s, &t[i], "منذ"))) {
        int c = i + 1 < nt && t[i + 1].type == T_NUM ? num_of(s, &t[i + 1]) : 1;
        size_t u = t[i + 1 < nt ? i + 1 : i].type == T_NUM ? i + 2 : i + 1;
        int vu, ku = u < nt ? aword_of(s, &t[u], &vu) : AW_NONE;
        if (c < 1 || c > 100 || !(ku == AW_UNIT || ku == AW_DUAL || ku == AW_YOM) ||
            (ku == AW_DUAL && u != i + 1))
            return 0;
        if (ku == AW_UNIT && u == i + 1 && vu != 1 && vu != 6)
            return 0; /* "قبل أيام" (days before): no count */
        ago_date(p, ku == AW_DUAL ? 2 : c, cw_unit_days(vu), t[i].s, aend(s, &t[u]), o);
        return u + 1 - i;
    }
    return 0;
}

/* ---- Korean ---------------------------------------------------------------- */

/* Korean date words. Korean writes no spaces between a word and its
 * particle, and lex keeps a run of Hangul as one token: a word counts when
 * the token opens with it and a particle or nothing follows ("어제는",
 * "지난해에"). Numbers carry their unit the same way: "2019년 11월 15일에". */
enum { KW_NONE, KW_DAY, KW_YEAR, KW_MONTH, KW_WDAY, KW_LAST, KW_NEXT };
typedef struct kword {
    const char *w;
    int kind, v;
} kword;
static const kword KWORDS[] = {
    {"그저께", KW_DAY, -2}, {"그제", KW_DAY, -2}, {"어제", KW_DAY, -1}, {"오늘", KW_DAY, 0},
    {"내일", KW_DAY, 1}, {"모레", KW_DAY, 2},
    {"지난해", KW_YEAR, -1}, {"작년", KW_YEAR, -1}, {"올해", KW_YEAR, 0}, {"금년", KW_YEAR, 0},
    {"내년", KW_YEAR, 1}, {"지난달", KW_MONTH, -1}, {"이달", KW_MONTH, 0}, {"다음달", KW_MONTH, 1},
    {"월요일", KW_WDAY, 0}, {"화요일", KW_WDAY, 1}, {"수요일", KW_WDAY, 2}, {"목요일", KW_WDAY, 3},
    {"금요일", KW_WDAY, 4}, {"토요일", KW_WDAY, 5}, {"일요일", KW_WDAY, 6},
    {"지난", KW_LAST, -1}, {"오는", KW_NEXT, 1}};

/* The Korean date word the Hangul run s[0..n) opens with, a particle or
 * nothing after it (KW_NONE if none); its value in *v, its bytes in *len. */
static int kword_in(const char *s, size_t n, int *v, size_t *len)
{
    if (n < 3 || (unsigned char)s[0] < 0xEA || (unsigned char)s[0] > 0xED || !sl_ko_hangul(s, n))
        return KW_NONE; /* (Hangul syllables open on EA..ED) */
    for (size_t i = 0; i < sizeof KWORDS / sizeof *KWORDS; i++) {
        size_t k = strlen(KWORDS[i].w);
        if (n >= k && !memcmp(s, KWORDS[i].w, k) && sl_ko_particle(s + k, n - k)) {
            *v = KWORDS[i].v;
            *len = k;
            return KWORDS[i].kind;
        }
    }
    return KW_NONE;
}

static int kword_of(const char *s, const tok *t, int *v, size_t *len)
{
    return t->type == T_PUNCT ? kword_in(s + t->s, t->e - t->s, v, len) : KW_NONE;
}

/* Does the number at token j carry the unit ("년", "월" or "일", three
 * bytes) right after it, with a particle or nothing after that? Its value
 * then, else -1. "15일간" (for fifteen days) and "3월부터" are no dates and
 * a date: the unit must be followed by a particle. */
static int ko_unit(const char *s, const tok *t, size_t nt, size_t j, const char *unit)
{
    if (j + 1 >= nt || t[j].type != T_NUM || !isdigit((unsigned char)s[t[j].e - 1]) ||
        t[j + 1].type != T_PUNCT || t[j + 1].s != t[j].e ||
        t[j + 1].e - t[j + 1].s < 3 || memcmp(s + t[j + 1].s, unit, 3) != 0 ||
        !sl_ko_particle(s + t[j + 1].s + 3, t[j + 1].e - t[j + 1].s - 3))
        return -1;
    return num_of(s, &t[j]);
}

#define KO_YEAR "\xEB\x85\x84"  /* 년 */
#define KO_MONTH "\xEC\x9B\x94" /* 월 */
#define KO_DAY "\xEC\x9D\xBC"   /* 일 */

/* Could the Hangul run s[0..n) be (part of) a date: a date word, or a unit
 * right after a number (before[-1] a digit)? */
static int kword_possible(const char *s, size_t n, int after_digit)
{
    int v;
    size_t l;
    if (kword_in(s, n, &v, &l) != KW_NONE)
        return 1;
    return after_digit && n >= 3 &&
           (!memcmp(s, KO_YEAR, 3) || !memcmp(s, KO_MONTH, 3) || !memcmp(s, KO_DAY, 3));
}

/* Is token j a word that makes "1일" before it "a day" rather than the
 * first of the month: "1일 평균" (a daily average), "1일 최대" (at most a
 * day), "1일 최소"? */
static int ko_per_day(const char *s, const tok *t, size_t nt, size_t j)
{
    static const char *const PER[] = {"\xED\x8F\x89\xEA\xB7\xA0" /* 평균 */,
                                      "\xEC\xB5\x9C\xEB\x8C\x80" /* 최대 */,
                                      "\xEC\xB5\x9C\xEC\x86\x8C" /* 최소 */};
    if (j >= nt || t[j].type != T_PUNCT || t[j].e - t[j].s < 6)
        return 0;
    for (size_t i = 0; i < sizeof PER / sizeof *PER; i++)
        if (!memcmp(s + t[j].s, PER[i], 6))
            return 1;
    return 0;
}

/* Day d of the month `dm` months from publication's (-1, 0, +1), or of the
 * nearest month to publication when dir is 2 (a day ahead counting four
 * times as far as one behind, as infer_year). 0 when there is no such day. */
static int64_t ko_month_day(const pubinfo *p, int dm, int d)
{
    int64_t best = 0, cost = -1;
    for (int k = dm == 2 ? -1 : dm; k <= (dm == 2 ? 1 : dm); k++) {
        int y = p->y, m = p->m + k;
        if (m < 1)
            m += 12, y--;
        if (m > 12)
            m -= 12, y++;
        if (y < 1 || y > 9999 || d > days_in_month(y, m))
            continue;
        int64_t z = day_no(y, m, d), c = z > p->day ? 4 * (z - p->day) : p->day - z;
        if (cost < 0 || c < cost)
            cost = c, best = z;
    }
    return best;
}

/* A Korean date at token i: "2019년 11월 15일", "11월 15일", "11월",
 * "2019년", "15일" (a day of this month, or the nearest month's), "지난
 * 14일" (the last 14th), "오는 20일" (the coming one), "지난달 29일",
 * "지난해 11월", "어제", "올해", "지난달", "월요일", "지난 월요일". Returns
 * the tokens used (0: none). */
static size_t korean_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                        sl_date *o)
{
    int v = 0, k = KW_NONE, n;
    size_t len = 0, j = i;
    if (t[i].type == T_PUNCT) {
        k = kword_of(s, &t[i], &v, &len);
        if (k == KW_NONE)
            return 0;
        j = i + 1;
    }
    int y = 0, m = 0;
    if (k == KW_NONE && (n = ko_unit(s, t, nt, j, KO_YEAR)) >= 0) {
        if (!is_year(n) || t[j].e - t[j].s != 4)
            return 0;
        y = n;
        j += 2;
    } else if (k == KW_YEAR && p->known) {
        y = p->y + v; /* "지난해 11월", "올해 3월" */
    }
    if ((k == KW_NONE || k == KW_YEAR) && (n = ko_unit(s, t, nt, j, KO_MONTH)) >= 1 && n <= 12) {
        m = n;
        j += 2;
        if (k == KW_YEAR && (y < 1 || y > 9999))
            return 0; /* (a publication in the year 1: finding dates-7) */
    }
    if (y && !m && k == KW_NONE) { /* "2019년" */
        *o = (sl_date){t[i].s, t[j - 1].s + 3, y, 0, 0, SL_DATE_YEAR, 0, 0};
        return j - i;
    }
    int d = ko_unit(s, t, nt, j, KO_DAY);
    if (m) {
        if (d >= 1 && d <= 31) { /* "11월 15일" */
            if (!y)
                y = infer_year(p, m, d);
            if (!y || d > days_in_month(y, m))
                return 0;
            *o = (sl_date){t[i].s, t[j + 1].s + 3, y, m, d, SL_DATE_DAY, 0, 0};
            return j + 2 - i;
        }
        if (!y)
            y = month_year(p, m, 0);
        if (!y)
            return 0;
        *o = (sl_date){t[i].s, t[j - 1].s + 3, y, m, 0, SL_DATE_MONTH, 0, 0};
        return j - i;
    }
    if (d >= 1 && d <= 31 && (k == KW_NONE || k == KW_LAST || k == KW_NEXT || k == KW_MONTH)) {
        if (!p->known || (k == KW_NONE && d == 1 && ko_per_day(s, t, nt, j + 2)))
            return 0;
        int64_t z;
        if (k == KW_MONTH) /* "지난달 29일" */
            z = ko_month_day(p, v, d);
        else if (k == KW_LAST) /* the last such day, up to publication */
            z = d <= p->d ? ko_month_day(p, 0, d) : ko_month_day(p, -1, d);
        else if (k == KW_NEXT) /* the coming one */
            z = d >= p->d ? ko_month_day(p, 0, d) : ko_month_day(p, 1, d);
        else
            z = ko_month_day(p, 2, d);
        if (!z)
            return 0;
        *o = (sl_date){t[i].s, t[j + 1].s + 3, 0, 0, 0, SL_DATE_DAY, 0, 0};
        set_day(o, z);
        return j + 2 - i;
    }
    int w;
    size_t wl;
    if ((k == KW_LAST || k == KW_NEXT) && j < nt && kword_of(s, &t[j], &w, &wl) == KW_WDAY) {
        weekday_date(p, w, v, t[i].s, t[j].s + wl, o); /* "지난 월요일" */
        return j + 1 - i;
    }
    switch (k) {
    case KW_DAY:
        day_date(p, v, t[i].s, t[i].s + len, o);
        return 1;
    case KW_YEAR:
        return unit_date(p, v, 365, t[i].s, t[i].s + len, o);
    case KW_MONTH:
        return unit_date(p, v, 30, t[i].s, t[i].s + len, o);
    case KW_WDAY:
        weekday_date(p, v, 0, t[i].s, t[i].s + len, o);
        return 1;
    default:
        return 0;
    }
}

/* The year token after a month at j ("de 2019", "2019"): its token index,
 * or 0 when there is none. */
static size_t year_after(const char *s, const tok *t, size_t nt, size_t j)
{
    int v;
    if (j < nt && lword_of(s, &t[j], &v) == LW_DE)
        j++;
    return j < nt && t[j].e - t[j].s == 4 && is_year(num_of(s, &t[j])) ? j : 0;
}

static size_t latin_at(const char *s, const tok *t, size_t nt, size_t i, const pubinfo *p,
                       sl_date *o)
{
    int v, vm;
    int n = num_of(s, &t[i]);
    if (n >= 1 && n <= 31) { /* "14 de noviembre", "14 novembre", "14. November" */
        size_t j = i + 1;
        if (j < nt && (teq(s, &t[j], ".") || lword_of(s, &t[j], &v) == LW_DE))
            j++;
        if (j >= nt || lword_of(s, &t[j], &vm) != LW_MONTH || n > days_in_month(0, vm) + (vm == 2))
            return 0;
        size_t y = year_after(s, t, nt, j + 1);
        int yy = y ? num_of(s, &t[y]) : infer_year(p, vm, n), vr;
        size_t e = y ? y : j;
        if (!y && j + 1 < nt && lword_of(s, &t[j + 1], &vr) == LW_REL && p->known) {
            /* "el 14 de febrero próximo": the coming one */
            yy = p->y + (day_no(p->y, vm, n) < p->day && vr > 0) - (vr < 0 && day_no(p->y, vm, n) > p->day);
            e = j + 1;
        }
        if (yy && n > days_in_month(yy, vm))
            return 0;
        *o = (sl_date){t[i].s, t[e].e, yy, vm, n, SL_DATE_DAY, 0, 0};
        return e + 1 - i;
    }
    if (t[i].type != T_WORD)
        return 0;
    int k = lword_of(s, &t[i], &v);
    if (k == LW_MONTH) { /* "noviembre de 2019", "Oktober 2019" */
        size_t y = year_after(s, t, nt, i + 1);
        if (!y)
            return 0;
        *o = (sl_date){t[i].s, t[y].e, num_of(s, &t[y]), v, 0, SL_DATE_MONTH, 0, 0};
        return y + 1 - i;
    }
    int vr;
    if (k == LW_WDAY) { /* "el lunes [pasado|próximo]", "letzten Montag" */
        int rel = i + 1 < nt && lword_of(s, &t[i + 1], &vr) == LW_REL;
        int before = !rel && i > 0 && lword_of(s, &t[i - 1], &vr) == LW_REL;
        weekday_date(p, v, rel || before ? vr : 0, before ? t[i - 1].s : t[i].s,
                     rel ? t[i + 1].e : t[i].e, o);
        if (rel || before)
            return 1 + rel;
        return 1 + weekday_number(s, t, nt, i + 1, p, v, o);
    }
    /* "el año pasado", "l'année dernière", "letztes Jahr", "el mes próximo":
     * last/next and the unit, in either order */
    int vu, ku = i + 1 < nt ? lword_of(s, &t[i + 1], &vu) : LW_NONE;
    int sign = k == LW_REL ? v : vu, unit_word = k == LW_REL ? ku : k;
    if ((k == LW_REL || ku == LW_REL) && (unit_word == LW_YEARW || unit_word == LW_MONTHW)) {
        return unit_date(p, sign, unit_word == LW_YEARW ? 365 : 30, t[i].s, t[i + 1].e, o) ? 2 : 0;
    }
    if (k == LW_DAY) {
        /* "aujourd'hui" (lex cuts it at the apostrophe): the whole word */
        size_t e = t[i].e, used = 1;
        if (i + 2 < nt && teq(s, &t[i], "aujourd") && teq(s, &t[i + 2], "hui") &&
            t[i + 1].e == t[i + 2].s && t[i + 1].s == t[i].e &&
            (teq(s, &t[i + 1], "'") || teq(s, &t[i + 1], "\xE2\x80\x99"))) {
            e = t[i + 2].e;
            used = 3;
        }
        day_date(p, v, t[i].s, e, o);
        return used;
    }
    if (k != LW_PREP || i + 1 >= nt)
        return 0;
    size_t j = i + 1;
    int vy;
    if (lword_of(s, &t[j], &vy) == LW_YEARW && j + 1 < nt)
        j++; /* "im Jahr 2016" */
    int y = t[j].e - t[j].s == 4 ? num_of(s, &t[j]) : -1;
    if (is_year(y)) { /* "en 2016", "seit 2014" */
        *o = (sl_date){t[j].s, t[j].e, y, 0, 0, SL_DATE_YEAR, 0, 0};
        return j + 1 - i;
    }
    if (j == i + 1 && lword_of(s, &t[j], &vm) == LW_MONTH) { /* "en noviembre [de 2019]" */
        size_t yt = year_after(s, t, nt, j + 1);
        int yy = yt ? num_of(s, &t[yt]) : month_year(p, vm, 0);
        size_t e = yt ? yt : j;
        *o = (sl_date){t[j].s, t[e].e, yy, vm, 0, SL_DATE_MONTH, 0, 0};
        return e + 1 - i;
    }
    return 0;
}

/* "N units after|before|later ... <explicit date>" within 4 tokens. */
static size_t offset_at(const char *s, const tok *t, size_t nt, size_t i,
                        const pubinfo *p, sl_date *o, sl_date *base)
{
    if (i + 3 >= nt)
        return 0;
    size_t l = t[i + 2].e - t[i + 2].s;
    if (l != 5 && l != 6)
        return 0;
    int sign = teq(s, &t[i + 2], "after") ? 1 : teq(s, &t[i + 2], "before") ? -1 : 0;
    if (!sign)
        return 0; /* the cheap test first: this runs at every token */
    int k = number_word(s, &t[i]);
    int unit = unit_of(s, &t[i + 1]);
    if (k <= 0 || !unit)
        return 0;
    for (size_t j = i + 3; j < nt && j <= i + 6; j++) {
        size_t used = explicit_at(s, t, nt, j, p, base);
        if (used && base->prec >= SL_DATE_MONTH) {
            *o = *base;
            o->start = t[i].s;
            o->end = base->end;
            add_span(o, k, unit, sign);
            if (unit != 1 && unit != 7)
                set_prec(o, o->prec > SL_DATE_MONTH ? SL_DATE_MONTH : o->prec);
            return j + used - i;
        }
    }
    return 0;
}

/* Is the ASCII word w[0..l) (3 to 9 letters, a maximal run of letters)
 * one that a date expression without digits must hold: a month (or its
 * abbreviation) or a weekday written with a capital, as month_of and
 * weekday_of want, or a word of relative_at in any case (a day word,
 * "ago", the month and year of "last month")? Runs at every word of every
 * sentence, so the words are sets (lower case) built once from the lists
 * those functions use, and two look-ups, (length, first letter) and
 * (length, last letter), turn most words away first. */
static sl_wordset any_case_words, capital_words;
static size_t any_alone, capital_months; /* see date_word_kind */
static char month_abbr[13][5]; /* as month_of reads them: "jan".."dec", "sept" */
static unsigned char len_first[10][26], len_last[10][26];
static pthread_once_t date_words_once = PTHREAD_ONCE_INIT;

static void note_word(const char *w)
{
    size_t l = strlen(w);
    len_first[l][w[0] - 'a'] = 1;
    len_last[l][w[l - 1] - 'a'] = 1;
}

static void start_words_init(const char *const *capital, size_t nc);

static void date_words_init(void)
{
    for (int c = 0; c < 128; c++)
        byte_class[c] = (unsigned)(c - '0') < 10           ? BC_DIGIT
                        : (unsigned)((c | 32) - 'a') < 26 ? BC_LETTER
                        : c == ' ' || (c >= '\t' && c <= '\r') ? BC_SPACE
                                                             : BC_OTHER;
    static const char *any[16], *capital[12 + 13 + 7];
    size_t na = 0, nc = 0;
    for (size_t i = 0; DAY_WORDS[i]; i++)
        any[na++] = DAY_WORDS[i];
    any[na++] = AGO;
    any_alone = na; /* then the units */
    for (size_t i = 0; UNITS[i]; i++)
        if (UNIT_DAYS[i] >= 30) /* "last month", "this year" */
            any[na++] = UNITS[i];
    for (int m = 0; m < 12; m++) {
        capital[nc++] = MONTHS[m];
        memcpy(month_abbr[m], MONTHS[m], 3);
        capital[nc++] = month_abbr[m];
    }
    memcpy(month_abbr[12], MONTHS[8], 4);
    capital[nc++] = month_abbr[12];
    capital_months = nc; /* then the weekdays */
    for (int w = 0; w < 7; w++)
        capital[nc++] = WEEKDAYS[w];
    for (size_t i = 0; i < na; i++)
        note_word(any[i]);
    for (size_t i = 0; i < nc; i++)
        note_word(capital[i]);
    sl_wordset_build(&any_case_words, any, na, sizeof *any);
    sl_wordset_build(&cwords_set, CWORDS, sizeof CWORDS / sizeof *CWORDS, sizeof *CWORDS);
    sl_wordset_build(&awords_set, AWORDS, sizeof AWORDS / sizeof *AWORDS, sizeof *AWORDS);
    sl_wordset_build(&lwords_set, LWORDS, sizeof LWORDS / sizeof *LWORDS, sizeof *LWORDS);
    for (size_t i = 0; i < sizeof LWORDS / sizeof *LWORDS; i++) {
        size_t l = strlen(LWORDS[i].w);
        lw_len_first[l][LWORDS[i].w[0] - 'a'] = 1;
        lw_first_second[l][LWORDS[i].w[0] - 'a'] |= 1u << lw_second((unsigned char)LWORDS[i].w[1]);
        lw_len_last[l][(unsigned char)LWORDS[i].w[l - 1]] = 1;
    }
    for (size_t i = 0; i < sizeof CWORDS / sizeof *CWORDS; i++)
        cw_len_first[strlen(CWORDS[i].w)][cw_first(CWORDS[i].w)] =
            cw_len_last[strlen(CWORDS[i].w)][cw_first(CWORDS[i].w + strlen(CWORDS[i].w) - 2)] = 1;
    sl_wordset_build(&capital_words, capital, nc, sizeof *capital);
    start_words_init(capital, nc);
}

/* What a date word needs around it to be part of a date (for
 * sl_dates_possible_words): nothing (a weekday, "today", "ago"), "last",
 * "this" or "next" just before it (a unit: "last month"), or, for a month,
 * a number next to it or a preposition before it. */
enum { DW_NONE, DW_ALONE, DW_UNIT, DW_MONTH };

static int date_word_kind_in_sets(const char *w, size_t l);

/* The kind of the ASCII word w[0..l) (3 to 9 letters, a maximal run of
 * letters): the two table look-ups inline (every word of a sentence meets
 * them, and they turn most away), the sets out of line. */
static inline int date_word_kind(const char *w, size_t l)
{
    if (!len_first[l][(w[0] | 32) - 'a'] || !len_last[l][(w[l - 1] | 32) - 'a'])
        return DW_NONE;
    return date_word_kind_in_sets(w, l);
}

static int date_word_kind_in_sets(const char *w, size_t l)
{
    char low[10];
    for (size_t i = 0; i < l; i++)
        low[i] = (char)(w[i] | 32);
    long k = sl_wordset_find(&any_case_words, low, l);
    if (k >= 0)
        return (size_t)k < any_alone ? DW_ALONE : DW_UNIT;
    if (isupper((unsigned char)w[0]) && (k = sl_wordset_find(&capital_words, low, l)) >= 0)
        return (size_t)k < capital_months ? DW_MONTH : DW_ALONE;
    return DW_NONE;
}

static int date_word(const char *w, size_t l) { return date_word_kind(w, l) != DW_NONE; }

/* Can the run of ASCII digits s[0..l), whole (no digit before or after
 * it), open a date? Every date led by digits opens on a number token of
 * exactly four digits that is_year accepts: a year ("in 2014"), an ISO
 * date ("2020-11-03"). The other numbers of dates go with a word the
 * test looks for: a month ("3 November", "Nov. 3"), "ago" ("three days
 * ago"), a month for "N weeks after" to count from. */
static int year_run(const char *s, size_t l)
{
    return l == 4 && is_year(digits_at(s, 0, 4));
}

int sl_dates_month_word(const char *w, size_t n)
{
    pthread_once(&date_words_once, date_words_init);
    int v;
    return n >= 2 && lword_in(w, n, &v) == LW_MONTH ? v : 0;
}

int sl_dates_possible(const char *s, size_t n)
{
    pthread_once(&date_words_once, date_words_init);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char k = byte_class[u[i]];
        if (k != BC_LETTER) {
            if (sl_cyrillic_lead(u[i])) { /* a Cyrillic word */
                size_t j = high_run_end(u, i, n);
                if (cword_possible(s + i, j - i))
                    return 1;
                i = j - 1;
            } else if (sl_arabic_lead(s + i)) { /* an Arabic word */
                size_t j = high_run_end(u, i, n);
                if (aword_possible(s + i, j - i))
                    return 1;
                i = j - 1;
            } else if (u[i] >= 0xEA && u[i] <= 0xED && sl_ko_hangul(s + i, n - i)) {
                size_t j = high_run_end(u, i, n); /* a Korean word, or a unit after digits */
                if (kword_possible(s + i, j - i, i > 0 && byte_class[u[i - 1]] == BC_DIGIT))
                    return 1;
                i = j - 1;
            } else if (k == BC_DIGIT) {
                size_t j = i + 1;
                while (j < n && byte_class[u[j]] == BC_DIGIT)
                    j++;
                if (year_run(s + i, j - i))
                    return 1;
                i = j - 1;
            }
            continue;
        }
        size_t j = i + 1;
        int wide = 0; /* a Latin-1 letter in the word */
        for (;;) {
            if (j < n && byte_class[u[j]] == BC_LETTER)
                j++;
            else if (latin1_letter(u, j, n))
                j += 2, wide = 1;
            else
                break;
        }
        if ((!wide && j - i >= 3 && j - i <= 9 && date_word(s + i, j - i)) ||
            lword_possible(s + i, j - i))
            return 1;
        if (j + 1 < n && u[j] == '-') {
            /* the whole word as lex cuts it, hyphens and all: "sexta-feira" */
            size_t h = j;
            while (h < n && (byte_class[u[h]] == BC_LETTER || u[h] == '-' || latin1_letter(u, h, n)))
                h += byte_class[u[h]] == BC_LETTER || u[h] == '-' ? 1 : 2;
            while (u[h - 1] == '-')
                h--;
            if (lword_possible(s + i, h - i))
                return 1;
        }
        i = j - 1;
    }
    return 0;
}

/* Is the token before text[a] (in the sentence from st on), as lex cuts
 * it, a word of list? It is the run of letters before the blanks before
 * a, or a longer token ("x-in") that no list holds; any case, as teq. */
static int word_before_in(const char *text, size_t st, size_t a, const char *const *list)
{
    size_t e = a;
    while (e > st && byte_class[(unsigned char)text[e - 1]] == BC_SPACE)
        e--;
    size_t b = e;
    while (b > st && e - b < 10 && byte_class[(unsigned char)text[b - 1]] == BC_LETTER)
        b--;
    if (e == a || b == e || e - b >= 10 ||
        (b > st && byte_class[(unsigned char)text[b - 1]] == BC_LETTER))
        return 0;
    char low[10];
    for (size_t i = b; i < e; i++)
        low[i - b] = (char)(text[i] | 32);
    return sl_word_in_list(list, low, e - b);
}

/* Can the date word w[i] (kind, a whole word of letters in the sentence
 * [st, en)) be part of a date? Only with what lex puts next to it: every
 * date holds a weekday, a day word or "ago", a unit after "last", "this"
 * or "next", a month with a number before or after it (a day, a year) or
 * a preposition before it, an ISO date (a word with "-") or a year after
 * one of YEAR_PRE (the digits' own test in sl_dates_possible_words). */
static int date_word_fits(const char *text, size_t st, size_t en, const sl_word *w, size_t nw,
                          size_t i, int kind)
{
    static const char *const THIS[] = {"last", "this", "next", NULL};
    if (kind == DW_ALONE)
        return 1;
    if (kind == DW_UNIT)
        return word_before_in(text, st, w[i].s, THIS);
    return (i + 1 < nw && w[i + 1].s < en && (w[i + 1].kind & SL_WORD_DIGIT)) ||
           (i > 0 && (w[i - 1].kind & SL_WORD_DIGIT)) ||
           word_before_in(text, st, w[i].s, MONTH_PRE);
}

/* The kind (CW_*) of the token lex puts next to a number, in the text
 * [a, b): after it (dir 1, the number ends at a) or before it (dir -1, it
 * starts at b), past the blanks between. */
static int cyrillic_next(const char *text, size_t a, size_t b, int dir)
{
    const unsigned char *u = (const unsigned char *)text;
    int v;
    if (dir > 0) {
        while (a < b && byte_class[u[a]] == BC_SPACE)
            a++;
        size_t e = a < b ? high_run_end(u, a, b) : a;
        return e > a ? cword_in(text + a, e - a, &v) : CW_NONE;
    }
    size_t e = b;
    while (e > a && byte_class[u[e - 1]] == BC_SPACE)
        e--;
    size_t s = e;
    while (s > a && u[s - 1] >= 0x80 && !(s - a >= 2 && u[s - 2] == 0xE2 && u[s - 1] == 0x80))
        s--; /* back to ASCII or to General Punctuation (E2 80 xx), as lex cuts */
    while (s < e && (u[s] & 0xC0) == 0x80)
        s++; /* (the rest of a character cut there) */
    return s < e ? cword_in(text + s, e - s, &v) : CW_NONE;
}

int sl_dates_possible_words(const char *text, size_t st, size_t en, const sl_word *w,
                            size_t nw)
{
    pthread_once(&date_words_once, date_words_init);
    /* outside the words there is no ASCII letter or digit but the "s" of
     * a possessive, which is no date word. A whole word of letters or of
     * digits is asked with what stands next to it; others byte by byte,
     * as sl_dates_possible (a date there may need nothing around it). */
    for (size_t i = 0; i < nw && w[i].s < en; i++) {
        const sl_word *x = &w[i];
        if (x->s < st || x->e > en) { /* cut by the sentence: its bytes inside */
            size_t a = x->s > st ? x->s : st, b = x->e < en ? x->e : en;
            if (b > a && sl_dates_possible(text + a, b - a))
                return 1;
            continue;
        }
        unsigned k = x->kind;
        size_t l = x->e - x->s;
        if (k == SL_WORD_LATIN) { /* letters only: the run is the word */
            int kind = l - 3 <= 6 ? date_word_kind(text + x->s, l) : DW_NONE; /* 3 to 9 */
            if ((kind != DW_NONE && date_word_fits(text, st, en, w, nw, i, kind)) ||
                lword_possible(text + x->s, l))
                return 1;
            continue;
        }
        if (!(k & (SL_WORD_LATIN | SL_WORD_DIGIT))) { /* another script: no digit */
            const unsigned char *u = (const unsigned char *)text + x->s;
            if (sl_cyrillic_lead(*u) && high_run_end(u, 0, l) == l) {
                if (cword_possible(text + x->s, l))
                    return 1; /* a Russian or Ukrainian date word */
            } else if (sl_arabic_lead(text + x->s) && high_run_end(u, 0, l) == l) {
                if (aword_possible(text + x->s, l))
                    return 1; /* an Arabic date word */
            } else if (*u >= 0xEA && *u <= 0xED && sl_ko_hangul(text + x->s, l)) {
                if (kword_possible(text + x->s, l, 0))
                    return 1; /* a Korean date word (a unit after digits is in a
                               * word with them: the last case below) */
            } else {
                size_t j = 0;
                while (j < l && !sl_cyrillic_lead(u[j]))
                    j++;
                if (j == l)
                    continue; /* CJK, ...: no date word */
                if (sl_dates_possible(text + x->s, l))
                    return 1; /* one in the word's runs ("г.Вчера") */
            }
            continue;
        }
        if (k == SL_WORD_DIGIT) { /* digits only: the run is the word */
            int lv, lk = i > 0 && w[i - 1].s >= st
                             ? lword_in(text + w[i - 1].s, w[i - 1].e - w[i - 1].s, &lv)
                             : LW_NONE;
            int ak = i > 0 && w[i - 1].s >= st
                         ? aword_in(text + w[i - 1].s, w[i - 1].e - w[i - 1].s, &lv)
                         : AW_NONE;
            if (year_run(text + x->s, l) && (ak == AW_YEARW || ak == AW_PREP))
                return 1; /* "عام 2016", "في 2016" */
            if (year_run(text + x->s, l) &&
                (word_before_in(text, st, x->s, YEAR_PRE) || lk == LW_PREP || lk == LW_YEARW ||
                 lk == LW_DE || lk == LW_MONTH || cyrillic_next(text, st, x->s, -1) == CW_PREP ||
                 cyrillic_next(text, x->e, en, 1) == CW_YEARW))
                return 1; /* (a month before it has taken it as its year; "в 2016",
                           * "2016 года") */
            continue;
        }
        if (sl_dates_possible(text + x->s, l))
            return 1;
    }
    return 0;
}

size_t sl_dates_find(const char *s, size_t n, int64_t pub, sl_date *out, size_t max)
{
    if (!sl_dates_possible(s, n))
        return 0; /* most sentences: no digit and no date word */
    return sl_dates_scan(s, n, pub, out, max);
}

/* Can an expression start at word token t? Only at a number (digits are
 * T_NUM), a number word (offset_at, "N units ago"), a day word or
 * last/this/next/past (relative_at), or, written with a capital, a month,
 * its abbreviation or a weekday (month_of, weekday_of: capital_words): at
 * any other word the three pattern functions all answer 0, so
 * sl_dates_scan passes it by without trying them. The words are those
 * functions' own lists. */
static sl_wordset start_any;
static unsigned char start_len_first[10][26]; /* a start word of this length and first letter */

/* Builds start_any and the filter; capital[0..nc) are capital_words'. */
static void start_words_init(const char *const *capital, size_t nc)
{
    static const char *any[32];
    size_t na = 0;
    static const char *const relative[] = {"an", "last", "this", "next", "past", NULL};
    for (size_t i = 0; DAY_WORDS[i]; i++)
        any[na++] = DAY_WORDS[i];
    for (size_t i = 0; NUMBER_WORDS[i]; i++)
        any[na++] = NUMBER_WORDS[i];
    for (size_t i = 0; relative[i]; i++)
        any[na++] = relative[i];
    for (size_t i = 0; i < na; i++)
        start_len_first[strlen(any[i])][any[i][0] - 'a'] = 1;
    for (size_t i = 0; i < nc; i++)
        start_len_first[strlen(capital[i])][capital[i][0] - 'a'] = 1;
    sl_wordset_build(&start_any, any, na, sizeof *any);
}

static int may_start(const char *s, const tok *t)
{
    if (t->type == T_PUNCT) { /* a Russian, Ukrainian, Arabic or Korean word that opens a date */
        int v;
        size_t kl;
        if (sl_arabic_lead(s + t->s))
            return aword_of(s, t, &v) != AW_NONE;
        if ((unsigned char)s[t->s] >= 0xEA && (unsigned char)s[t->s] <= 0xED)
            return kword_of(s, t, &v, &kl) != KW_NONE;
        int k = (unsigned char)s[t->s] >= 0xD0 ? cword_of(s, t, &v) : CW_NONE;
        return k == CW_PREP || k == CW_DAY || k == CW_REL || k == CW_MNOM || k == CW_MGEN ||
               k == CW_NUM || k == CW_UNIT1;
    }
    if (t->type != T_WORD)
        return t->type == T_NUM;
    const char *w = s + t->s;
    size_t l = t->e - t->s;
    int v, lk = lword_in(w, l, &v);
    if (lk == LW_MONTH || lk == LW_WDAY || lk == LW_DAY || lk == LW_PREP || lk == LW_REL ||
        lk == LW_YEARW || lk == LW_MONTHW)
        return 1; /* Spanish, French, ... (latin_at) */
    if (l > 9 || !start_len_first[l][(w[0] | 32) - 'a'])
        return 0;
    char low[10];
    for (size_t i = 0; i < l; i++)
        low[i] = (char)(w[i] | 32); /* a word token is ASCII letters and '-' */
    return sl_wordset_find(&start_any, low, l) >= 0 ||
           (isupper((unsigned char)w[0]) && sl_wordset_find(&capital_words, low, l) >= 0);
}

/* Does s[a..b) hold a run of exactly four ASCII digits (a year written)? */
static int has_year_digits(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        size_t j = i;
        while (j < b && isdigit((unsigned char)s[j]))
            j++;
        if (j - i == 4)
            return 1;
        i = j > i ? j : i + 1;
    }
    return 0;
}

/* The words that join the two ends of a date range, in the languages of
 * the patterns ("from Sept. 27 to Oct. 3, 2017", "с 27 сентября по 3
 * октября 2017 года", "del 27 de septiembre al 3 de octubre de 2017",
 * "vom 27. September bis 3. Oktober 2017", "من 27 سبتمبر إلى 3 أكتوبر") */
static const char *const RANGE[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "to", "through",
                                    "until", "till", "по", "до", "al", "a", "au", "à", "bis",
                                    "إلى", "الى", "حتى", NULL};
/* and the conjunctions, which join the ends of a range too ("between Nov. 1
 * and Nov. 3, 2016") but also two days of events ("on Monday and Tuesday") */
static const char *const AND[] = {"and", "и", "y", "e", "et", "und", "و", NULL};

/* Is s[a..b), spaces and commas off its ends, a range word (or, with
 * conj, a conjunction)? */
static int range_between(const char *s, size_t a, size_t b, int conj)
{
    while (a < b && (s[a] == ' ' || s[a] == ','))
        a++;
    while (b > a && s[b - 1] == ' ')
        b--;
    return a < b && (sl_word_in_list(RANGE, s + a, b - a) ||
                     (conj && sl_word_in_list(AND, s + a, b - a)));
}

/* Two weekdays joined by a range word are opening hours or a schedule
 * ("de martes a domingo", "Monday to Friday", "du lundi au vendredi"),
 * no event's day: both go. Two days in a row stay: a night ("dans la
 * nuit de jeudi à vendredi", "ليل الخميس- الجمعة"). Returns the dates
 * kept. */
static size_t drop_weekday_ranges(const char *s, sl_date *out, size_t k)
{
    size_t n = 0;
    for (size_t j = 0; j < k; j++) {
        int pair_next = j + 1 < k && out[j].wday && out[j + 1].wday &&
                        out[j + 1].wday != out[j].wday % 7 + 1 &&
                        out[j + 1].start >= out[j].end && out[j + 1].start - out[j].end <= 8 &&
                        range_between(s, out[j].end, out[j + 1].start, 0);
        if (pair_next) {
            j++; /* (both) */
            continue;
        }
        out[n++] = out[j];
    }
    return n;
}

/* A range's first end written without its year takes the year of the
 * second ("с 27 сентября по 3 октября 2017 года": 2017-09-27, not the
 * September before publication), less one when its month comes later
 * ("from Dec. 28 to Jan. 3, 2018": 2017-12-28). */
static void carry_years(const char *s, sl_date *out, size_t k)
{
    for (size_t j = 1; j < k; j++) {
        sl_date *a = &out[j - 1];
        const sl_date *b = &out[j];
        if (a->prec < SL_DATE_MONTH || b->prec < SL_DATE_MONTH || !b->y || b->start < a->end ||
            b->start - a->end > 16 || has_year_digits(s, a->start, a->end) ||
            !has_year_digits(s, b->start, b->end))
            continue;
        if (range_between(s, a->end, b->start, 1)) {
            a->y = b->y - (a->m > b->m);
            if (a->prec == SL_DATE_DAY && a->d > days_in_month(a->y, a->m))
                a->d = days_in_month(a->y, a->m);
        }
    }
}

size_t sl_dates_scan(const char *s, size_t n, int64_t pub, sl_date *out, size_t max)
{
    pthread_once(&date_words_once, date_words_init);
    tok t[MAX_TOKS];
    size_t nt = lex(s, n, t, MAX_TOKS);
    pubinfo p = pub_of(pub);
    size_t k = 0;
    for (size_t i = 0; i < nt && k < max;) {
        if (!may_start(s, &t[i])) {
            i++;
            continue;
        }
        sl_date o, base;
        p.s = s, p.t = t, p.nt = nt, p.i = i, p.tense_known = 0;
        size_t used = offset_at(s, t, nt, i, &p, &o, &base);
        if (used) {
            out[k++] = o;
            if (k < max)
                out[k++] = base;
            i += used;
            continue;
        }
        used = explicit_at(s, t, nt, i, &p, &o);
        if (!used)
            used = relative_at(s, t, nt, i, &p, &o);
        if (!used && t[i].type != T_WORD)
            used = cyrillic_at(s, t, nt, i, &p, &o);
        if (!used && t[i].type != T_WORD)
            used = arabic_at(s, t, nt, i, &p, &o);
        if (!used && t[i].type != T_WORD)
            used = korean_at(s, t, nt, i, &p, &o);
        if (!used && t[i].type != T_PUNCT)
            used = latin_at(s, t, nt, i, &p, &o);
        if (used) {
            out[k++] = o;
            i += used;
        } else {
            i++;
        }
    }
    carry_years(s, out, k);
    return drop_weekday_ranges(s, out, k);
}

/* Writes v (0..9999) as k (2 or 4) decimal digits at out, as "%0*d"
 * would; returns out + k. */
static char *put_digits(char *out, int v, int k)
{
    for (int i = k - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return out + k;
}

char *sl_date_iso(const sl_date *d, char *buf)
{
    buf[0] = 0;
    /* the usual fields without snprintf (the views print a date per
     * timeline event); others as printf writes them */
    if (d->y >= 0 && d->y <= 9999 && d->m >= 0 && d->m <= 99 && d->d >= 0 && d->d <= 99 &&
        (d->prec == SL_DATE_DAY || d->prec == SL_DATE_MONTH || (d->prec == SL_DATE_YEAR && d->y))) {
        char *p = buf;
        if (d->y) {
            p = put_digits(p, d->y, 4);
        } else {
            *p++ = '-';
            *p++ = '-';
        }
        if (d->prec != SL_DATE_YEAR) {
            if (d->y)
                *p++ = '-';
            p = put_digits(p, d->m, 2);
        }
        if (d->prec == SL_DATE_DAY) {
            *p++ = '-';
            p = put_digits(p, d->d, 2);
        }
        *p = 0;
        return buf;
    }
    if (d->prec == SL_DATE_DAY)
        d->y ? snprintf(buf, 16, "%04d-%02d-%02d", d->y, d->m, d->d)
             : snprintf(buf, 16, "--%02d-%02d", d->m, d->d);
    else if (d->prec == SL_DATE_MONTH)
        d->y ? snprintf(buf, 16, "%04d-%02d", d->y, d->m) : snprintf(buf, 16, "--%02d", d->m);
    else if (d->prec == SL_DATE_YEAR)
        snprintf(buf, 16, "%04d", d->y);
    return buf;
}

int sl_date_cmp(const sl_date *a, const sl_date *b)
{
    int ka = a->prec != SL_DATE_RELATIVE, kb = b->prec != SL_DATE_RELATIVE;
    if (ka != kb)
        return kb - ka;
    if (!ka) /* by their days from the publication day */
        return a->off < b->off ? -1 : a->off > b->off;
    /* unknown years sort after known ones (they are usually recent) */
    int ya = a->y ? a->y : 9999, yb = b->y ? b->y : 9999;
    if (ya != yb)
        return ya < yb ? -1 : 1;
    if (a->m != b->m)
        return a->m < b->m ? -1 : 1;
    if (a->d != b->d)
        return a->d < b->d ? -1 : 1;
    return a->prec - b->prec;
}
