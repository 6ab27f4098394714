/*
 * textclean_meta: byline and date lines (see textclean_meta.h). Month
 * names are English (full, abbreviated, with or without a dot) and Russian
 * (genitive, as dates are written: "15 декабря 2020").
 */
#include "textclean_meta.h"
#include "textclean_rules.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- dates --------------------------------------------------------------- */

/* Month number of the word at s (length in *len), or 0. */
static int month_at(const char *s, size_t *len)
{
    static const char *en[] = {"january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december"};
    static const char *ru[] = {
        "\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F",             /* января */
        "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F",     /* февраля */
        "\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0",                     /* марта */
        "\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F",             /* апреля */
        "\xD0\xBC\xD0\xB0\xD1\x8F",                                     /* мая */
        "\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F",                             /* июня */
        "\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F",                             /* июля */
        "\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0",     /* августа */
        "\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", /* сентября */
        "\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",     /* октября */
        "\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",             /* ноября */
        "\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F"};    /* декабря */
    size_t n = 0;
    while (s[n] && s[n] != ' ' && s[n] != ',' && s[n] != '.')
        n++;
    for (int i = 0; i < 12; i++) {
        size_t m = strlen(en[i]);
        /* full name, or an abbreviation of 3+ letters ("Dec", "Sept") */
        if (n >= 3 && n <= m && strncasecmp(s, en[i], n) == 0 && (n == m || n <= 4)) {
            *len = n + (s[n] == '.');
            return i + 1;
        }
        if (n == strlen(ru[i]) && memcmp(s, ru[i], n) == 0) {
            *len = n;
            return i + 1;
        }
    }
    return 0;
}

static bool valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool put_iso(char iso[11], int y, int m, int d)
{
    if (!valid(y, m, d))
        return false;
    snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return true;
}

/* Reads an unsigned number at *p (at most 4 digits); advances *p. */
static int number(const char **p, int *digits)
{
    int v = 0, n = 0;
    while (isdigit((unsigned char)**p) && n < 5) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *digits = n;
    return v;
}

static const char *skip_seps(const char *p)
{
    while (*p == ' ' || *p == ',' || *p == '.')
        p++;
    return p;
}

/* A date starting at p, or false. */
static bool date_at(const char *p, char iso[11])
{
    size_t ml;
    int m = month_at(p, &ml), dg, dg2, dg3;
    if (m) { /* December 15, 2020 */
        const char *q = skip_seps(p + ml);
        int d = number(&q, &dg);
        if (dg < 1 || dg > 2)
            return false;
        while (*q && strchr("stndrh", *q) && isalpha((unsigned char)*q))
            q++; /* 15th */
        q = skip_seps(q);
        int y = number(&q, &dg2);
        return dg2 == 4 && put_iso(iso, y, m, d);
    }
    const char *q = p;
    int a = number(&q, &dg);
    if (dg == 4 && (*q == '-' || *q == '/')) { /* 2020-12-15 */
        q++;
        int mo = number(&q, &dg2);
        if (*q != '-' && *q != '/')
            return false;
        q++;
        int d = number(&q, &dg3);
        return dg2 <= 2 && dg3 <= 2 && put_iso(iso, a, mo, d);
    }
    if (dg >= 1 && dg <= 2 && *q == '.') { /* 15.12.2020 */
        q++;
        int mo = number(&q, &dg2);
        if (*q != '.')
            return false;
        q++;
        int y = number(&q, &dg3);
        return dg2 <= 2 && dg3 == 4 && put_iso(iso, y, mo, a);
    }
    if (dg >= 1 && dg <= 2 && *q == ' ') { /* 15 December 2020 */
        q++;
        m = month_at(q, &ml);
        if (!m)
            return false;
        q = skip_seps(q + ml);
        int y = number(&q, &dg2);
        return dg2 == 4 && put_iso(iso, y, m, a);
    }
    return false;
}

bool sl_tc_find_date(const char *s, char iso[11])
{
    for (const char *p = s; *p; p++) {
        bool start = p == s || p[-1] == ' ' || p[-1] == ',' || p[-1] == '(';
        if (start && date_at(p, iso))
            return true;
    }
    return false;
}

/* A word that can stand in a line that is only a date: figures, month
 * and weekday names, am/pm, "at", a time zone, punctuation. */
static bool date_word(const char *w, size_t n)
{
    static const char *ok[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
                               "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
                               "saturday", "sunday", "am", "pm", "a.m", "p.m", "at", "on",
                               "\xD0\xB2", /* в */ NULL};
    size_t ml, letters = 0, upper = 0;
    char word[32];
    while (n > 0 && strchr(",.:;|()", w[n - 1]))
        n--; /* trailing punctuation */
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)w[i]))
            return true;
    if (n < sizeof word) {
        memcpy(word, w, n);
        word[n] = 0;
        if (month_at(word, &ml))
            return true;
        for (int i = 0; ok[i]; i++)
            if (!strcasecmp(word, ok[i]))
                return true;
    }
    for (size_t i = 0; i < n; i++) {
        letters += isalpha((unsigned char)w[i]) != 0;
        upper += isupper((unsigned char)w[i]) != 0;
    }
    if (letters == 0 && !((unsigned char)w[0] & 0x80))
        return true; /* punctuation: "-", "|" */
    return letters >= 2 && letters <= 4 && upper == letters && letters == n; /* ET, UTC */
}

bool sl_tc_dateline(const char *s, char iso[11])
{
    static const char *lead[] = {"Published", "Updated", "Posted", "Last updated", "Last modified",
                                 "Date:", "Dated", "First published", "Originally published",
                                 "\xD0\x9E\xD0\xBF\xD1\x83\xD0\xB1\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE", /* Опубликовано */
                                 "\xD0\x9E\xD0\xB1\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xBE", /* Обновлено */
                                 NULL};
    size_t w = sl_tc_words(s);
    if (w > 14 || strlen(s) > 120 || !sl_tc_find_date(s, iso))
        return false;
    for (int i = 0; lead[i]; i++)
        if (!strncasecmp(s, lead[i], strlen(lead[i])))
            return true;
    /* a date alone, perhaps with a weekday, a time and a zone */
    if (w > 9)
        return false;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        /* "October 11, 2023 by Jane Doe": a date with a byline */
        if (e - p == 2 && !strncasecmp(p, "by", 2))
            return e[0] == ' ' && sl_tc_is_titlecase(e + 1);
        if (e > p && !date_word(p, (size_t)(e - p)))
            return false;
        p = e;
    }
    return true;
}

/* ---- bylines ------------------------------------------------------------- */

bool sl_tc_byline(const char *s, char **name)
{
    static const char *lead[] = {"By ", "BY ", "Written by ", "Author: ", "Authors: ",
                                 "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80: ", /* Автор: */
                                 NULL};
    const char *rest = NULL;
    for (int i = 0; lead[i] && !rest; i++)
        if (!strncmp(s, lead[i], strlen(lead[i])))
            rest = s + strlen(lead[i]);
    if (!rest || !rest[0] || sl_tc_words(rest) > 10 || strlen(rest) > 120)
        return false;
    /* a name list, not a sentence: no final full stop, capitalised words
     * (connectives and agency words aside) */
    if (sl_tc_ends_sentence(rest) && !sl_str_endswith(rest, "."))
        return false;
    if (!sl_tc_is_titlecase(rest))
        return false;
    if (name) {
        char *n = sl_xstrdup(rest);
        /* "Jane Doe, Reuters | Updated ...": keep the names */
        n[strcspn(n, "|\xE2")] = 0; /* stop at '|' or a dash/bullet */
        sl_strtrim(n);
        size_t l = strlen(n);
        while (l > 0 && (n[l - 1] == ',' || n[l - 1] == '.'))
            n[--l] = 0;
        *name = n;
    }
    return true;
}

bool sl_tc_reading_time(const char *s)
{
    if (strlen(s) > 40)
        return false;
    return (sl_strcasestr(s, "min read") || sl_strcasestr(s, "minute read") ||
            sl_strcasestr(s, "minutes read") || sl_strcasestr(s, "reading time")) != 0;
}
