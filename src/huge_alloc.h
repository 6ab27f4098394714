/*
 * huge_alloc: zeroed memory for the large caches that are read at random,
 * a cache line here and there (the story engine's term cache, the
 * tokenizer's stem cache), asked for on 2 MiB pages (madvise; the kernel
 * gives them when it can, as transparent huge pages). On 4 KiB pages a
 * look-up in a cache of several MiB mostly misses the TLB as well as the
 * data cache, and a prefetch of the set waits for the page walk before
 * the word loop can go on (perf: the prefetch of the term cache's set was
 * 16% of the token loop's samples). Aligned to the huge page, so also to
 * cache lines. Without huge pages it is ordinary zeroed memory.
 */
#ifndef SL_HUGE_ALLOC_H
#define SL_HUGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define SL_HUGE_PAGE ((size_t)2 << 20)

/* The length sl_huge_calloc(n, &len) gives in len. */
static inline size_t sl_huge_len(size_t n)
{
    return (n + SL_HUGE_PAGE - 1) & ~(SL_HUGE_PAGE - 1);
}

/* n zeroed bytes aligned to SL_HUGE_PAGE, as pages of the process's own
 * (mmap); *len is what to give sl_huge_free. Aborts when out of memory,
 * as sl_xmalloc does. */
static inline void *sl_huge_calloc(size_t n, size_t *len)
{
    size_t want = sl_huge_len(n);
    size_t got = want + SL_HUGE_PAGE;
    char *p = mmap(NULL, got, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "storyline: out of memory (%zu bytes)\n", got);
        abort();
    }
    char *q = (char *)(((uintptr_t)p + SL_HUGE_PAGE - 1) & ~(uintptr_t)(SL_HUGE_PAGE - 1));
    if (q > p)
        munmap(p, (size_t)(q - p));
    if (q + want < p + got)
        munmap(q + want, (size_t)(p + got - (q + want)));
#ifdef MADV_HUGEPAGE
    madvise(q, want, MADV_HUGEPAGE); /* a hint: its failure changes nothing */
#endif
    *len = want;
    return q;
}

/* Frees what sl_huge_calloc gave (p may be NULL). */
static inline void sl_huge_free(void *p, size_t len)
{
    if (p)
        munmap(p, len);
}

#endif
