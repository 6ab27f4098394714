/*
 * cluster_bench: speed and memory of the story engine alone (articles are
 * read and extracted first, untimed; only sl_clu_add and sl_clu_finish are
 * timed).
 *
 *   cluster_bench corpus PATH...     every article of PATH once, in order
 *   cluster_bench stream N PATH...   a synthetic stream of N articles built
 *                                    from PATH's articles: replica r of an
 *                                    article is shifted by r * 30 days and
 *                                    has one word in eight replaced by a
 *                                    replica-specific token (so replicas are
 *                                    neither duplicates nor one story)
 *
 * Prints one line: articles, stories, microseconds per article (add), the
 * finish time (the batch pass and the related links), microseconds per
 * article with the finish, bytes of clustering state per article, and a
 * hash of the story assignment (to catch a speed-up that changes
 * results).
 */
#include "cluster.h"
#include "cluster_feat.h"
#include "extract.h"
#include "reader.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Processor time of this process, in seconds: the machine is shared, so
 * wall time would measure the neighbours. */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct base {
    sl_doc **d;
    size_t n, cap;
} base;

static int on_doc(void *ud, sl_doc *d)
{
    base *b = ud;
    char *err = NULL;
    if (sl_extract(d, &err) != 0) {
        free(err);
        sl_doc_free(d);
        return 0;
    }
    free(d->raw);
    d->raw = NULL;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1024;
        b->d = sl_xrealloc(b->d, b->cap * sizeof *b->d);
    }
    b->d[b->n++] = d;
    return 0;
}

/* Replica r of text: one word in eight replaced by a token naming r. */
static char *perturb(const char *text, uint64_t r, uint64_t i)
{
    sl_buf out = {0};
    uint64_t w = 0;
    const char *p = text;
    while (*p) {
        const char *q = p;
        while (*q && *q != ' ' && *q != '\n')
            q++;
        if (q > p) {
            if (r && ((w * 2654435761u + r * 40503u + i) & 7) == 0)
                sl_buf_printf(&out, "q%llux%llu", (unsigned long long)r,
                              (unsigned long long)(w % 97));
            else
                sl_buf_append(&out, p, (size_t)(q - p));
            w++;
        }
        if (!*q)
            break;
        sl_buf_putc(&out, *q);
        p = q + 1;
    }
    if (!out.data)
        sl_buf_puts(&out, "");
    return sl_buf_take(&out);
}

/* Article k of the stream (replica k / n of base article k % n). The
 * returned doc and its text live until the next call. */
typedef struct stream_src {
    base *b;
    sl_doc tmp;
    char *text;
} stream_src;

static const sl_doc *stream_doc(void *ud, uint32_t k)
{
    stream_src *src = ud;
    size_t i = k % src->b->n;
    uint64_t rep = k / src->b->n;
    const sl_doc *d = src->b->d[i];
    free(src->text);
    src->text = NULL;
    src->tmp = *d;
    if (rep) {
        src->text = perturb(d->text ? d->text : "", rep, i);
        src->tmp.text = src->text;
        if (src->tmp.pub_time != SL_TIME_UNKNOWN)
            src->tmp.pub_time += (int64_t)rep * 30 * 86400;
    }
    return &src->tmp;
}

static uint64_t assignment_hash(sl_clusterer *c, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        int64_t s = sl_clu_story_of(c, (uint32_t)i);
        h = (h ^ (uint64_t)s) * 1099511628211ULL;
    }
    return h;
}

static void report(sl_clusterer *c, size_t n, double add_s, double fin_s)
{
    const sl_clu_story *const *st;
    size_t ns = sl_clu_stories(c, &st);
    printf("articles=%zu stories=%zu us_per_article=%.2f finish_s=%.3f us_with_finish=%.2f "
           "bytes_per_article=%.0f hash=%016llx\n",
           n, ns, n ? add_s * 1e6 / n : 0, fin_s, n ? (add_s + fin_s) * 1e6 / n : 0,
           n ? (double)sl_clu_memory(c) / n : 0, (unsigned long long)assignment_hash(c, n));
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "corpus") && strcmp(argv[1], "stream"))) {
        fprintf(stderr, "usage: cluster_bench corpus PATH... | cluster_bench stream N PATH...\n");
        return 2;
    }
    int stream = !strcmp(argv[1], "stream");
    size_t want = stream ? strtoull(argv[2], NULL, 10) : 0;
    base b = {0};
    sl_reader r = {0, on_doc, NULL, &b};
    for (int i = stream ? 3 : 2; i < argc; i++)
        sl_read_path(&r, argv[i]);
    if (!b.n) {
        fprintf(stderr, "cluster_bench: no articles\n");
        return 1;
    }
    if (!stream)
        want = b.n;
    if (getenv("BENCH_FEAT")) { /* the feature pass alone */
        sl_cfx *x = sl_cfx_new();
        sl_idf *idf = sl_idf_new();
        double t0 = cpu_now();
        for (size_t i = 0; i < b.n; i++) {
            sl_cfeat f;
            sl_cfx_doc(x, b.d[i], idf, 1, &f);
            free(f.t);
        }
        printf("features: %.2f us per article\n", (cpu_now() - t0) * 1e6 / b.n);
        sl_cfx_free(x);
        sl_idf_free(idf);
    }
    sl_clusterer *c = sl_clu_new();
    /* the clusterer may ask for an article again (cold features): it gets
     * it from src, the add loop from its own copy */
    stream_src src = {&b, {0}, NULL}, mine = {&b, {0}, NULL};
    sl_clu_set_source(c, stream_doc, &src);
    double add_s = 0;
    for (size_t k = 0; k < want; k++) {
        const sl_doc *d = stream_doc(&mine, (uint32_t)k);
        double t0 = cpu_now();
        sl_clu_add(c, (uint32_t)k, d);
        add_s += cpu_now() - t0;
    }
    free(mine.text);
    double t0 = cpu_now();
    sl_clu_finish(c, 1);
    double fin_s = cpu_now() - t0;
    report(c, want, add_s, fin_s);
    sl_clu_free(c);
    free(src.text);
    for (size_t i = 0; i < b.n; i++)
        sl_doc_free(b.d[i]);
    free(b.d);
    return 0;
}
