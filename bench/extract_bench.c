/*
 * extract_bench: HTML extraction speed against the bare libxml2 parse.
 *
 *   extract_bench [--runs N] [--max N] [--only parse|html|extract] PATH...
 *
 * Loads every *.html / *.htm (optionally .gz) file under the PATHs into
 * memory, then times, on one core and over the same pages:
 *   parse    htmlReadMemory + xmlFreeDoc (what any libxml2 extractor pays)
 *   html     sl_html_extract (charset, parse, scoring, metadata, text)
 *   extract  sl_extract (the above plus language detection and tidying)
 * Each is run N times (default 5), the three interleaved block by block
 * (see run_round); the median run is reported as pages/s and MB/s of CPU
 * time (the process's, so that other load on a shared machine does not
 * count), and the ratios to the parse time as the median of the runs'
 * ratios. The last line holds all figures as key=value for scripts.
 * --only runs one of the three (for a profiler) and prints its time alone.
 */
#include "doc.h"
#include "extract.h"
#include "html.h"
#include "util.h"

#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

typedef struct page {
    char *bytes;
    size_t len;
} page;

static page *pages;
static size_t npages, cap_pages, max_pages = (size_t)-1, total_bytes;

static void add_page(char *b, size_t n)
{
    if (npages == cap_pages)
        pages = sl_xrealloc(pages, (cap_pages = cap_pages ? cap_pages * 2 : 256) * sizeof *pages);
    pages[npages++] = (page){b, n};
    total_bytes += n;
}

/* Reads a file, inflating gzip; NULL on error. */
static char *load(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    sl_buf b = {0};
    for (;;) {
        sl_buf_reserve(&b, 65536);
        int k = gzread(f, b.data + b.len, 65536);
        if (k <= 0)
            break;
        b.len += (size_t)k;
    }
    gzclose(f);
    sl_buf_putc(&b, 0);
    *len = b.len - 1;
    return b.data;
}

static int is_html(const char *name)
{
    return sl_str_endswith(name, ".html") || sl_str_endswith(name, ".htm") ||
           sl_str_endswith(name, ".html.gz") || sl_str_endswith(name, ".htm.gz");
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
    struct stat sb;
    if (npages >= max_pages || stat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            return;
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            if (n == cap)
                names = sl_xrealloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
            names[n++] = sl_xasprintf("%s/%s", path, e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, cmp_name); /* same pages every run */
        for (size_t i = 0; i < n; i++) {
            walk(names[i]);
            free(names[i]);
        }
        free(names);
    } else if (is_html(path)) {
        size_t len;
        char *b = load(path, &len);
        if (b)
            add_page(b, len);
    }
}

/* CPU seconds of this process: the machine is shared, so wall time would
 * measure the neighbours. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* libxml2's own allocator functions, and those sl_html_extract installs
 * (see "memory for libxml2" in html.c): the bare parse runs on the
 * former, as any libxml2 extractor would. */
static xmlFreeFunc lib_free, sl_free;
static xmlMallocFunc lib_malloc, sl_malloc;
static xmlReallocFunc lib_realloc, sl_realloc;
static xmlStrdupFunc lib_strdup, sl_strdup;

static double run_parse(size_t from, size_t to)
{
    xmlMemSetup(lib_free, lib_malloc, lib_realloc, lib_strdup);
    double t = cpu_now();
    for (size_t i = from; i < to; i++) {
        htmlDocPtr doc = htmlReadMemory(pages[i].bytes, (int)pages[i].len, NULL, NULL,
                                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NONET | HTML_PARSE_RECOVER |
                                            HTML_PARSE_COMPACT);
        xmlFreeDoc(doc);
    }
    t = cpu_now() - t;
    xmlMemSetup(sl_free, sl_malloc, sl_realloc, sl_strdup);
    return t;
}

static double run_html(size_t from, size_t to)
{
    double t = cpu_now();
    for (size_t i = from; i < to; i++) {
        sl_doc *d = sl_doc_new();
        char *err = NULL;
        sl_html_extract(d, pages[i].bytes, pages[i].len, &err);
        free(err);
        sl_doc_free(d);
    }
    return cpu_now() - t;
}

static double run_extract(size_t from, size_t to)
{
    double t = cpu_now();
    for (size_t i = from; i < to; i++) {
        sl_doc *d = sl_doc_new();
        d->format = SL_FMT_HTML;
        /* borrowed, as html and parse read the page in place: copying the
         * input is not extraction (sl_extract only reads it) */
        d->raw = pages[i].bytes;
        d->raw_len = pages[i].len;
        char *err = NULL;
        sl_extract(d, &err);
        free(err);
        d->raw = NULL;
        sl_doc_free(d);
    }
    return cpu_now() - t;
}

typedef double (*run_fn)(size_t, size_t);

static double median(double *t, int runs)
{
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    return t[runs / 2];
}

/* Times of one run of each measurement, interleaved: the pages go in
 * blocks of about BLOCK_BYTES, and every block is parsed, extracted and
 * fully extracted before the next, so that a burst of load from the
 * machine's other users falls on all three alike (their ratio is what
 * matters). Blocks are large enough that a page is out of the caches when
 * the next measurement reads it again. */
#define BLOCK_BYTES (4u << 20)
static void run_round(const run_fn *fn, int nfn, double *t)
{
    for (int k = 0; k < nfn; k++)
        t[k] = 0;
    for (size_t from = 0; from < npages;) {
        size_t to = from, bytes = 0;
        while (to < npages && (to == from || bytes < BLOCK_BYTES))
            bytes += pages[to++].len;
        for (int k = 0; k < nfn; k++)
            t[k] += fn[k](from, to);
        from = to;
    }
}

int main(int argc, char **argv)
{
    int runs = 5, i = 1;
    const char *only = NULL;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--max") && i + 1 < argc)
            max_pages = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr,
                    "usage: extract_bench [--runs N] [--max N] [--only parse|html|extract] PATH...\n");
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    for (; i < argc; i++)
        walk(argv[i]);
    if (!npages) {
        fprintf(stderr, "extract_bench: no HTML pages found\n");
        return 1;
    }
    xmlMemGet(&lib_free, &lib_malloc, &lib_realloc, &lib_strdup);
    xmlInitParser();
    run_html(0, 1); /* lazy initialisation */
    xmlMemGet(&sl_free, &sl_malloc, &sl_realloc, &sl_strdup);
    if (only) {
        run_fn fn = !strcmp(only, "parse") ? run_parse
                    : !strcmp(only, "html") ? run_html
                    : !strcmp(only, "extract") ? run_extract
                                               : NULL;
        if (!fn) {
            fprintf(stderr, "extract_bench: --only takes parse, html or extract\n");
            return 2;
        }
        double *t = sl_xmalloc((size_t)runs * sizeof *t);
        for (int r = 0; r < runs; r++)
            run_round(&fn, 1, &t[r]);
        printf("%zu pages, %s: %.0f pages/s\n", npages, only, npages / median(t, runs));
        free(t);
        return 0;
    }
    run_html(0, npages); /* warm up caches and lazy initialisation */
    const run_fn fns[3] = {run_parse, run_html, run_extract};
    double *t = sl_xmalloc(5 * (size_t)runs * sizeof *t);
    double *tp = t, *th = t + runs, *te = t + 2 * runs, *rh = t + 3 * runs, *re = t + 4 * runs;
    for (int r = 0; r < runs; r++) {
        double x[3];
        run_round(fns, 3, x);
        tp[r] = x[0], th[r] = x[1], te[r] = x[2];
        rh[r] = x[1] / x[0], re[r] = x[2] / x[0];
    }
    double mp = median(tp, runs), mh = median(th, runs), me = median(te, runs),
           ratio_h = median(rh, runs), ratio_e = median(re, runs);
    free(t);
    double mb = (double)total_bytes / 1e6;
    printf("%zu pages, %.1f MB, median of %d runs\n", npages, mb, runs);
    printf("  bare parse     %8.0f pages/s  %6.1f MB/s\n", npages / mp, mb / mp);
    printf("  html extract   %8.0f pages/s  %6.1f MB/s  (%.2fx parse time)\n", npages / mh,
           mb / mh, ratio_h);
    printf("  full extract   %8.0f pages/s  %6.1f MB/s  (%.2fx parse time)\n", npages / me,
           mb / me, ratio_e);
    printf("pages=%zu parse_pps=%.1f html_pps=%.1f extract_pps=%.1f html_ratio=%.3f "
           "extract_ratio=%.3f\n",
           npages, npages / mp, npages / mh, npages / me, ratio_h, ratio_e);
    for (size_t k = 0; k < npages; k++)
        free(pages[k].bytes);
    free(pages);
    return 0;
}
