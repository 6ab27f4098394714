/*
 * search_bench: processor time of uncached searches on a database (the
 * search cache off, one connection), as GET /search?limit=10 asks them
 * (30 hits ranked, 10 snippets). The machine is shared, so processor
 * time, not wall time; the first round is not timed (it fills the page
 * cache and the connection's row lengths, as a server's first searches do).
 *
 *   search_bench DB [ROUNDS [QUERY...]]
 *
 * Without queries it asks the twelve words of bench/loadgen.c's readers
 * and prints their mean last. Prints each query's mean time in ms.
 */
#include "search.h"
#include "storyline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    static const char *const words[] = {"election", "police", "market",  "trump",
                                        "football", "brexit", "apple",   "president",
                                        "climate",  "bank*",  "\"prime minister\"", "china"};
    if (argc < 2) {
        fprintf(stderr, "usage: search_bench DB [ROUNDS [QUERY...]]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 2)
        rounds = 2;
    const char *const *qs = argc > 3 ? (const char *const *)argv + 3 : words;
    int nq = argc > 3 ? argc - 3 : (int)(sizeof words / sizeof *words);
    setenv("SL_SEARCH_CACHE", "0", 1);
    char *err = NULL;
    sl_search *s = sl_search_open(argv[1], 1, &err);
    if (!s) {
        fprintf(stderr, "search_bench: %s\n", err);
        free(err);
        return 1;
    }
    double *ms = calloc((size_t)nq, sizeof *ms);
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < nq; i++) {
            sl_search_query q = {qs[i], INT64_MIN, INT64_MAX, NULL, 30, 10};
            sl_search_hit *h;
            size_t n;
            int plain;
            double t0 = cpu_ms();
            if (sl_search_run(s, &q, &h, &n, &plain, &err) != SL_OK) {
                fprintf(stderr, "search_bench: %s: %s\n", qs[i], err);
                free(err);
                err = NULL;
                continue;
            }
            if (r > 0)
                ms[i] += cpu_ms() - t0;
            sl_search_hits_free(h, n);
        }
    double all = 0;
    for (int i = 0; i < nq; i++) {
        printf("%-24s %8.3f ms\n", qs[i], ms[i] / (rounds - 1));
        all += ms[i] / (rounds - 1);
    }
    printf("mean of %d queries: %.3f ms\n", nq, all / nq);
    free(ms);
    sl_search_close(s);
    return 0;
}
