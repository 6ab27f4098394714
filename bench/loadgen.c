/*
 * loadgen: a small HTTP/1.1 load generator for `storyline serve`
 * (bench/server.sh runs it). Writer threads stream the files under the
 * given directories as PUT /articles/{id} over keep-alive connections
 * (each file `repeat` times under distinct ids); reader threads meanwhile
 * loop over GET /stories and GET /search. Prints throughput and latency
 * percentiles per kind of request, one "key value" line each.
 *
 * usage: loadgen --port P [--writers 8] [--readers 2] [--repeat 1]
 *                [--id-prefix r] [--max N] [--seconds S] [--synthetic N] [DIR...]
 *
 * Ids are PREFIX<round>-<file name>; a prefix the database has not seen
 * makes every PUT a new article (bench/server_bigdb.py's ids start "r").
 *
 * --synthetic N generates N small JSON articles instead (pseudo-words on a
 * few hundred topics, language given so extraction skips detection): a
 * measure of the server's own cost per write rather than the pipeline's.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct file {
    char *name;
    char *data;
    size_t len;
    int json;
} file;

static file *files;
static size_t nfiles, capfiles;
static int port, repeat = 1;
static const char *id_prefix = "r"; /* ids are PREFIX<round>-<file name> */
static size_t max_puts;
static double seconds = 60;
static atomic_size_t next_put;
static atomic_int stop_readers;
static double t_start;

typedef struct lat {
    double *v;
    size_t n, cap;
    size_t codes[6]; /* 1xx..5xx by first digit, [0] = transport errors */
} lat;

static void push_file(file x);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void lat_add(lat *l, double v, int code)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    l->v[l->n++] = v;
    l->codes[code >= 100 && code < 600 ? code / 100 : 0]++;
}

static void add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || sb.st_size <= 0) {
        fclose(f);
        return;
    }
    file x = {0};
    x.len = (size_t)sb.st_size;
    x.data = malloc(x.len);
    if (!x.data || fread(x.data, 1, x.len, f) != x.len) {
        free(x.data);
        fclose(f);
        return;
    }
    fclose(f);
    const char *b = strrchr(path, '/');
    x.name = strdup(b ? b + 1 : path);
    push_file(x);
}

static void push_file(file x)
{
    if (nfiles == capfiles) {
        capfiles = capfiles ? capfiles * 2 : 1024;
        files = realloc(files, capfiles * sizeof *files);
        if (!files)
            abort();
    }
    files[nfiles++] = x;
}

/* N synthetic JSON articles: pseudo-words, 400 topics, dated over a day. */
static void synthesize(size_t n)
{
    unsigned seed = 12345;
    for (size_t i = 0; i < n; i++) {
        char text[4096], title[256], body[8192];
        unsigned topic = (unsigned)(i * 7919u % 400u);
        size_t t = 0;
        for (int w = 0; w < 60 && t < sizeof text - 32; w++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100u;
            if (r < 40)
                t += (size_t)snprintf(text + t, sizeof text - t, "top%uw%u ", topic, r % 8u);
            else
                t += (size_t)snprintf(text + t, sizeof text - t, "com%u ", (seed >> 8) % 3000u);
        }
        snprintf(title, sizeof title, "Topic %u report top%uw1 top%uw2", topic, topic, topic);
        int len = snprintf(body, sizeof body,
                           "{\"title\":\"%s\",\"lang\":\"en\",\"site\":\"site%zu.example\","
                           "\"published\":\"2020-01-01T%02zu:%02zu:00Z\",\"text\":\"%s.\"}",
                           title, i % 50, (i / 60) % 24, i % 60, text);
        file x = {0};
        char name[64];
        snprintf(name, sizeof name, "syn%zu", i);
        x.name = strdup(name);
        x.data = strdup(body);
        x.len = (size_t)len;
        x.json = 1;
        push_file(x);
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        add_file(dir);
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        if (!names)
            abort();
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            walk(path);
        else if (strstr(names[i], ".md") == NULL)
            add_file(path);
        free(names[i]);
    }
    free(names);
}

/* ---- a keep-alive connection ------------------------------------------------ */

typedef struct conn {
    int fd;
    char buf[1 << 16];
    size_t have;
} conn;

static int conn_open(conn *c)
{
    c->have = 0;
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0)
        return -1;
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    return 0;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0) {
            if (k < 0 && errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Sends a request and reads the response; returns the status or -1. */
static int roundtrip(conn *c, const char *head, size_t hlen, const char *body, size_t blen)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (c->fd < 0 && conn_open(c) != 0)
            return -1;
        if (send_all(c->fd, head, hlen) == 0 && (!blen || send_all(c->fd, body, blen) == 0)) {
            c->have = 0;
            for (;;) {
                ssize_t k = recv(c->fd, c->buf + c->have, sizeof c->buf - 1 - c->have, 0);
                if (k <= 0)
                    break;
                c->have += (size_t)k;
                c->buf[c->have] = 0;
                char *end = strstr(c->buf, "\r\n\r\n");
                if (!end)
                    continue;
                int status = atoi(c->buf + 9);
                size_t clen = 0;
                char *cl = strcasestr(c->buf, "\r\ncontent-length:");
                if (cl && cl < end)
                    clen = strtoul(cl + 17, NULL, 10);
                size_t need = (size_t)(end + 4 - c->buf) + clen, got = c->have;
                int closing = strcasestr(c->buf, "connection: close") != NULL &&
                              strcasestr(c->buf, "connection: close") < end;
                while (got < need) { /* drain the body; its bytes are not needed */
                    k = recv(c->fd, c->buf, sizeof c->buf - 1, 0);
                    if (k <= 0) {
                        closing = 1;
                        break;
                    }
                    got += (size_t)k;
                }
                if (closing) {
                    close(c->fd);
                    c->fd = -1;
                }
                return status;
            }
        }
        close(c->fd);
        c->fd = -1;
    }
    return -1;
}

/* ---- workers ------------------------------------------------------------------ */

static void *writer(void *arg)
{
    lat *l = arg;
    conn c = {.fd = -1};
    size_t total = nfiles * (size_t)repeat;
    if (max_puts && max_puts < total)
        total = max_puts;
    char head[1024];
    for (;;) {
        size_t i = atomic_fetch_add(&next_put, 1);
        if (i >= total || now() - t_start > seconds)
            break;
        const file *f = &files[i % nfiles];
        size_t round = i / nfiles;
        int n = snprintf(head, sizeof head,
                         "PUT /articles/%s%zu-%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                         id_prefix, round, f->name, f->json ? "application/json" : "text/html", f->len);
        double t0 = now();
        int st = roundtrip(&c, head, (size_t)n, f->data, f->len);
        lat_add(l, now() - t0, st);
    }
    if (c.fd >= 0)
        close(c.fd);
    return NULL;
}

typedef struct reader_arg {
    lat stories, search;
    int seed;
} reader_arg;

static void *reader(void *arg)
{
    reader_arg *r = arg;
    static const char *const words[] = {"election", "police", "market", "trump", "football",
                                        "brexit", "apple", "president", "climate", "bank*",
                                        "%22prime+minister%22", "china"};
    conn c = {.fd = -1};
    char head[512];
    unsigned k = (unsigned)r->seed;
    while (!atomic_load(&stop_readers)) {
        int n;
        int is_search = k & 1;
        if (is_search)
            n = snprintf(head, sizeof head,
                         "GET /search?q=%s&limit=10 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                         words[(k / 2) % (sizeof words / sizeof *words)]);
        else
            n = snprintf(head, sizeof head,
                         "GET /stories?limit=20 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        double t0 = now();
        int st = roundtrip(&c, head, (size_t)n, NULL, 0);
        lat_add(is_search ? &r->search : &r->stories, now() - t0, st);
        k++;
        usleep(2000); /* a reader is a user, not a flood */
    }
    if (c.fd >= 0)
        close(c.fd);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *name, lat *ls, size_t n, double secs)
{
    lat all = {0};
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < ls[i].n; j++)
            lat_add(&all, ls[i].v[j], 200);
        for (int k = 0; k < 6; k++)
            all.codes[k] += ls[i].codes[k];
    }
    all.codes[2] -= all.n;
    size_t ok = all.codes[2];
    qsort(all.v, all.n, sizeof *all.v, cmp_double);
    double p50 = all.n ? all.v[all.n / 2] : 0, p99 = all.n ? all.v[(all.n * 99) / 100] : 0;
    double mx = all.n ? all.v[all.n - 1] : 0;
    printf("%-8s requests %zu  ok(2xx) %zu  errors %zu  rate %.0f/s  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
           name, all.n, ok, all.n - ok, secs > 0 ? (double)all.n / secs : 0, p50 * 1e3,
           p99 * 1e3, mx * 1e3);
    free(all.v);
}

int main(int argc, char **argv)
{
    int writers = 8, readers = 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc)
            port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--writers") && i + 1 < argc)
            writers = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--readers") && i + 1 < argc)
            readers = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--id-prefix") && i + 1 < argc)
            id_prefix = argv[++i];
        else if (!strcmp(argv[i], "--max") && i + 1 < argc)
            max_puts = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--synthetic") && i + 1 < argc)
            synthesize(strtoul(argv[++i], NULL, 10));
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = atof(argv[++i]);
        else
            walk(argv[i]);
    }
    if (!port || !nfiles || repeat < 1) {
        fprintf(stderr, "usage: loadgen --port P [--writers 8] [--readers 2] [--repeat 1] "
                        "[--id-prefix r] [--max N] [--seconds S] DIR...\n");
        return 2;
    }
    t_start = now();
    pthread_t *wt = calloc((size_t)writers + 1, sizeof *wt);
    pthread_t *rt = calloc((size_t)readers + 1, sizeof *rt);
    lat *wl = calloc((size_t)writers + 1, sizeof *wl);
    reader_arg *ra = calloc((size_t)readers + 1, sizeof *ra);
    for (int i = 0; i < readers; i++) {
        ra[i].seed = i;
        pthread_create(&rt[i], NULL, reader, &ra[i]);
    }
    for (int i = 0; i < writers; i++)
        pthread_create(&wt[i], NULL, writer, &wl[i]);
    for (int i = 0; i < writers; i++)
        pthread_join(wt[i], NULL);
    double secs = now() - t_start;
    atomic_store(&stop_readers, 1);
    for (int i = 0; i < readers; i++)
        pthread_join(rt[i], NULL);
    lat *st = calloc((size_t)readers + 1, sizeof *st), *se = calloc((size_t)readers + 1, sizeof *se);
    for (int i = 0; i < readers; i++) {
        st[i] = ra[i].stories;
        se[i] = ra[i].search;
    }
    printf("files %zu  writers %d  readers %d  seconds %.2f\n", nfiles, writers, readers, secs);
    report("PUT", wl, (size_t)writers, secs);
    report("stories", st, (size_t)readers, secs);
    report("search", se, (size_t)readers, secs);
    return 0;
}
