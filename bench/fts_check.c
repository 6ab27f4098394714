/*
 * fts_check: checks that the search tokenizer's fast path (sl_fts_tokens)
 * gives the same tokens and offsets as its reference loop
 * (sl_fts_tokens_ref) on the title and text of every article of a
 * database, and times both (processor time, one pass each).
 *
 *   fts_check DB
 *
 * Prints the tokens, the characters and the two times; exits 1 at the
 * first article whose tokens differ.
 */
#include "fts_tokenizer.h"
#include "util.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct acc {
    uint64_t h; /* FNV-1a of the tokens and offsets, in order */
    size_t n;
} acc;

static void mix(acc *a, const void *p, size_t n)
{
    const unsigned char *u = p;
    for (size_t i = 0; i < n; i++)
        a->h = (a->h ^ u[i]) * 1099511628211u;
}

static int add(void *ctx, const char *t, int len, int start, int end)
{
    acc *a = ctx;
    int se[3] = {len, start, end};
    mix(a, se, sizeof se);
    mix(a, t, (size_t)len);
    a->n++;
    return 0;
}

static int nothing(void *ctx, const char *t, int len, int start, int end)
{
    (void)t;
    (void)start;
    *(size_t *)ctx += (size_t)len + (size_t)end;
    return 0;
}

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT seq, title, text FROM articles ORDER BY seq", -1, &st,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: fts_check DB (a storyline database)\n");
        return 2;
    }
    sl_buf all = {0}; /* every text, NUL-separated, for the timing */
    size_t tokens = 0, bytes = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 1; c <= 2; c++) {
            const char *s = (const char *)sqlite3_column_text(st, c);
            size_t n = (size_t)sqlite3_column_bytes(st, c);
            acc a = {14695981039346656037u, 0}, b = a;
            sl_fts_tokens(s ? s : "", n, &a, add);
            sl_fts_tokens_ref(s ? s : "", n, &b, add);
            if (a.h != b.h || a.n != b.n) {
                printf("article %lld, column %d: the tokens differ\n",
                       (long long)sqlite3_column_int64(st, 0), c);
                return 1;
            }
            tokens += a.n;
            bytes += n;
            sl_buf_append(&all, s ? s : "", n);
            sl_buf_putc(&all, '\0');
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    double t[2];
    size_t sink = 0;
    for (int k = 0; k < 2; k++) {
        double t0 = cpu_s();
        for (size_t i = 0; i < all.len;) {
            size_t n = strlen(all.data + i);
            (k ? sl_fts_tokens_ref : sl_fts_tokens)(all.data + i, n, &sink, nothing);
            i += n + 1;
        }
        t[k] = cpu_s() - t0;
    }
    printf("same tokens: %zu tokens in %zu bytes; fast %.3f s, reference %.3f s (%zu)\n", tokens,
           bytes, t[0], t[1], sink % 10);
    sl_buf_free(&all);
    return 0;
}
