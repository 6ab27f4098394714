/*
 * dates: date expressions in news text and their resolution against the
 * article's publication date.
 *
 * Explicit dates ("Nov. 3", "November 9, 2016", "3 November 2020",
 * "2020-11-03", "in 2014", "in March"), relative ones ("on Tuesday",
 * "Monday's meeting", "yesterday", "last month", "three days ago") and
 * offsets from another date ("six weeks after the Nov. 3 vote"); in
 * Russian and Ukrainian too ("14 ноября 2019 года", "в ноябре", "в 2016
 * году", "в понедельник", "вчера", "в прошлом году", "три дня назад",
 * "14 листопада", "минулого року"), and in Spanish, Portuguese, French,
 * Italian and German ("14 de noviembre de 2019", "14 novembre 2019",
 * "am 3. Oktober", "en noviembre", "desde 2014", "el lunes", "ayer"), and
 * in Arabic, with either system of month names ("13 نوفمبر 2019", "13
 * تشرين الثاني/نوفمبر", "عام 2016", "يوم الجمعة", "أمس", "العام الماضي",
 * "قبل 3 أيام"), and in Korean ("2019년 11월 15일", "지난 14일", "오는
 * 20일", "지난달 29일", "어제", "지난해", "월요일"; a day alone, "15일",
 * is of the nearest month). A bare
 * weekday means the most recent such day on or before publication, a
 * bare month the most recent such month, and a day without a year the
 * nearest such day, one ahead counting four times as far as one behind
 * (in a clause about what was: the one of the publication year unless
 * that lies more than a month after publication). In a clause about what is to come
 * ("they will meet on Friday", "se celebrará en enero") each is the next
 * one instead, unless it lies within the month before publication. A
 * day's name ("Black Friday") is no weekday.
 * Precision stays explicit: an expression resolves to a day, a month or
 * a year, or stays relative when there is nothing to resolve it against.
 */
#ifndef SL_DATES_H
#define SL_DATES_H

#include "words.h"

#include <stddef.h>
#include <stdint.h>

enum {
    SL_DATE_RELATIVE = 0, /* unresolved: no publication date to count from */
    SL_DATE_YEAR = 1,
    SL_DATE_MONTH = 2,
    SL_DATE_DAY = 3
};

typedef struct sl_date {
    size_t start, end; /* the expression's bytes in the text */
    int y;             /* year, or 0 when unknown ("Nov. 3" with no date to anchor) */
    int m, d;          /* month 1..12 (0 if precision is year), day (0 unless day) */
    int prec;          /* SL_DATE_* */
    /* Where a relative date lies from the publication day, kept when there
     * is none to resolve it (sl_timeline orders such dates by it): off is
     * days (yesterday -1, "last month" -30, "two weeks ago" -14); for a
     * weekday, wday is 1 (Monday) .. 7 (Sunday) and off is -7 for "last
     * Tuesday", +7 for "next Tuesday", 0 for "Tuesday". Both 0 otherwise. */
    int off, wday;
} sl_date;

/* Finds the date expressions of s[0..n) in text order, resolving them
 * against pub (seconds since the epoch, or SL_TIME_UNKNOWN from doc.h).
 * Stores at most max of them in out; returns how many were stored. */
size_t sl_dates_find(const char *s, size_t n, int64_t pub, sl_date *out, size_t max);

/* The month (1..12) that the word w[0..n) names in one of the languages
 * other than English that dates are read in ("April", "März", "Jänner",
 * "noviembre", "décembre"), with the case each writes it in (German
 * months capitalised, the Romance ones in lower case); 0 if it names
 * none. English, whose "May" begins sentences, is left out. */
int sl_dates_month_word(const char *w, size_t n);

/* False when s[0..n) cannot hold a date expression: it has no run of
 * four ASCII digits that can be a year (1800..2100) and no word that one
 * needs (a month, a weekday, "today", "ago", "year" and the like). A
 * cheap test that sl_dates_find makes first; callers may make it to skip
 * other work on sentences without dates. */
int sl_dates_possible(const char *s, size_t n);

/* The same test for text[st..en), read from the text's words (words.h)
 * instead of its bytes, and closer: w[0..nw) are the words of the whole
 * text from the first one that ends after st on, and must cover it (*all
 * of sl_words_of). A word of ASCII letters or of digits is looked up whole,
 * with what stands next to it (a month needs a number by it or a
 * preposition before it, "year" needs "last", "this" or "next", a year a
 * word like "in"); only a word of mixed characters, or one the sentence
 * cuts, is read byte by byte. False only when sl_dates_scan would find
 * nothing there; it may be false where sl_dates_possible is true. */
int sl_dates_possible_words(const char *text, size_t st, size_t en, const sl_word *w,
                            size_t nw);

/* sl_dates_find without that test, for a caller that has made it (on s or
 * on a text that holds s): the same dates. */
size_t sl_dates_scan(const char *s, size_t n, int64_t pub, sl_date *out, size_t max);

/* Formats a date as ISO 8601 at its precision into buf (at least 16
 * bytes): "2020-11-03", "2020-11", "2016", "--11-03" (day, year unknown),
 * "--11" (month, year unknown); "" when relative. Returns buf. */
char *sl_date_iso(const sl_date *d, char *buf);

/* Orders dates: known before unknown, then by year, month, day; a less
 * precise date sorts before the more precise ones it contains; unresolved
 * relative dates last, by off (a weekday's off is only a day count once
 * sl_timeline has placed it). */
int sl_date_cmp(const sl_date *a, const sl_date *b);

#endif
