/*
 * fuzz_textdates: sl_dates_find (src/dates.h), the date expressions of news
 * text ("Nov. 3", "three days ago", "six weeks after the Nov. 3 vote"),
 * with and without a publication date to resolve them against.
 *
 * The text is passed without a NUL after it (finding dates-3: a number at
 * its very end was read past it), no date may have a day its month lacks
 * (dates-4), and a month or year date has no finer fields (dates-5); all
 * three are fixed (docs/FUZZING.md) and their inputs are in the corpus.
 *
 * Input layout: byte 0 picks the publication date: bits 0-1 = 0 none
 * (SL_TIME_UNKNOWN), 1 a fixed date (2026-03-04T12:00:00Z) moved by bytes
 * 1-2 as a signed number of days, 2 any second of years 0001-9999 from
 * bytes 1-8, 3 the fixed date; bits 2-3 the most dates asked for (64, 1,
 * 2, 0). The text follows (after byte 2, or byte 8 in mode 2), passed as a
 * heap copy of exactly its size, without a NUL, so reading past it is an
 * ASan error.
 *
 * Checks: no more dates than asked for; each lies inside the text
 * (start < end <= n) and they come in text order; the precision is one
 * of SL_DATE_*; a day-precision date has a month 1-12 and a day that
 * exists in it, a month-precision one no day, a year one neither month nor
 * day but a year; a relative date has no fields, and only appears when
 * there is no publication date; sl_date_iso writes a string (shorter than
 * its 16-byte buffer) that reads back to the same year, month and day;
 * sl_date_cmp is reflexive and antisymmetric on the dates found.
 * Dictionary: fuzz_textdates.dict.
 */
#include "dates.h"
#include "doc.h"
#include "fuzz_common.h"

enum { MAX_TEXT = 4096, MAX_DATES = 64 };

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && (!y || (y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29; /* year 0: unknown, February 29 may be meant */
    return dm[m - 1];
}

static void check_iso(const sl_date *d)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    sl_date_iso(d, buf);
    size_t l = strnlen(buf, sizeof buf);
    if (l >= 15) /* "%04d-%02d-%02d" of a 4-digit year is 10 */
        fuzz_fail("sl_date_iso output fills its 16-byte buffer");
    if (d->prec == SL_DATE_RELATIVE) {
        if (l)
            fuzz_fail("a relative date formats as a non-empty string");
        return;
    }
    int y = 0, m = 0, dd = 0, k;
    if (d->y) {
        k = sscanf(buf, "%d-%d-%d", &y, &m, &dd);
    } else {
        k = sscanf(buf, "--%d-%d", &m, &dd);
    }
    int want = (d->y != 0) + (d->prec >= SL_DATE_MONTH) + (d->prec == SL_DATE_DAY);
    if (k != want || y != d->y || m != (d->prec >= SL_DATE_MONTH ? d->m : 0) ||
        dd != (d->prec == SL_DATE_DAY ? d->d : 0)) {
        fprintf(stderr, "date %d-%d-%d prec %d -> '%s'\n", d->y, d->m, d->d, d->prec, buf);
        fuzz_fail("sl_date_iso does not read back to the date");
    }
}

static void date_fail(const char *what, const char *msg)
{
    fprintf(stderr, "%s\n", what);
    fuzz_fail(msg);
}

static void check_date(const sl_date *d, size_t n, int pub_known)
{
    char what[96];
    snprintf(what, sizeof what, "date %d-%d-%d precision %d at %zu..%zu of %zu", d->y, d->m,
             d->d, d->prec, d->start, d->end, n);
    if (d->start >= d->end || d->end > n)
        date_fail(what, "date expression outside the text");
    switch (d->prec) {
    case SL_DATE_DAY:
        if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > days_in(d->y, d->m))
            date_fail(what, "day-precision date with an impossible month or day");
        break;
    case SL_DATE_MONTH:
        if (d->m < 1 || d->m > 12)
            date_fail(what, "month-precision date with a bad month");
        if (d->d != 0) /* finding dates-5 */
            date_fail(what, "month-precision date with a day");
        break;
    case SL_DATE_YEAR:
        if (!d->y)
            date_fail(what, "year-precision date without a year");
        if (d->m || d->d) /* finding dates-5 */
            date_fail(what, "year-precision date with a month or day");
        break;
    case SL_DATE_RELATIVE:
        if (pub_known)
            date_fail(what, "relative date although a publication date was given");
        if (d->y || d->m || d->d)
            date_fail(what, "relative date with fields set");
        break;
    default:
        date_fail(what, "precision out of range");
    }
    check_iso(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static const size_t maxes[] = {MAX_DATES, 1, 2, 0};
    int mode = data[0] & 3;
    size_t max = maxes[(data[0] >> 2) & 3];
    int64_t pub = SL_TIME_UNKNOWN;
    size_t off = 3;
    const int64_t fixed = 1772625600; /* 2026-03-04T12:00:00Z */
    if (mode == 1 || mode == 3) {
        int16_t days = (int16_t)(data[1] | data[2] << 8);
        pub = mode == 1 ? fixed + (int64_t)days * 86400 : fixed;
    } else if (mode == 2) {
        if (size < 9)
            return 0;
        uint64_t u = 0;
        for (int i = 1; i <= 8; i++)
            u = u << 8 | data[i];
        const int64_t y1 = -62135596800LL, y10000 = 253402300800LL; /* 0001, 10000 */
        pub = y1 + (int64_t)(u % (uint64_t)(y10000 - y1));
        off = 9;
    }
    size_t n = size - off;
    if (n > MAX_TEXT)
        return 0;
    char *s = malloc(n ? n : 1); /* exactly n bytes: no NUL after the text (dates-3) */
    if (!s)
        abort();
    if (n)
        memcpy(s, data + off, n);
    sl_date out[MAX_DATES + 1];
    memset(out, 0xa5, sizeof out);
    size_t k = sl_dates_find(s, n, pub, out, max);
    if (k > max)
        fuzz_fail("more dates than asked for");
    for (size_t i = 0; i < k; i++) {
        check_date(&out[i], n, pub != SL_TIME_UNKNOWN);
        if (i && out[i].start < out[i - 1].start)
            fuzz_fail("dates not in text order");
        if (sl_date_cmp(&out[i], &out[i]) != 0)
            fuzz_fail("sl_date_cmp(a, a) is not 0");
        if (i) {
            int ab = sl_date_cmp(&out[i - 1], &out[i]), ba = sl_date_cmp(&out[i], &out[i - 1]);
            if ((ab > 0) != (ba < 0) || (ab < 0) != (ba > 0))
                fuzz_fail("sl_date_cmp is not antisymmetric");
        }
    }
    free(s);
    return 0;
}
