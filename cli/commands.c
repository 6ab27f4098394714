/*
 * commands: the subcommands of the storyline tool (except serve).
 */
#include "cli.h"
#include "../src/doc.h"
#include "../src/extract.h"
#include "../src/reader.h"
#include "../src/store.h"
#include "../src/util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int allowed_opt(const char *allowed, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = allowed; (p = strstr(p, name)) != NULL; p += n)
        if ((p == allowed || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
            return 1;
    return 0;
}

int sl_parse_args(const sl_command *c, int argc, char **argv, const char *allowed,
                  sl_args *a)
{
    memset(a, 0, sizeof *a);
    a->addr = "127.0.0.1";
    a->port = 8080;
    a->rest = sl_xcalloc((size_t)argc + 1, sizeof *a->rest);
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (only_args || s[0] != '-' || !strcmp(s, "-")) {
            a->rest[a->nrest++] = argv[i];
            continue;
        }
        if (!strcmp(s, "--")) {
            only_args = 1;
            continue;
        }
        const char *name = s + 2;
        if (s[1] != '-' || !allowed_opt(allowed, name)) {
            fprintf(stderr, "storyline %s: unknown option '%s'\nusage: %s\n", c->name, s,
                    c->usage);
            return -1;
        }
        if (!strcmp(name, "json")) {
            a->json = 1;
            continue;
        }
        if (!strcmp(name, "timings")) {
            a->timings = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "storyline %s: option '%s' needs a value\n", c->name, s);
            return -1;
        }
        const char *v = argv[++i];
        char *end = NULL;
        if (!strcmp(name, "db")) {
            a->db = v;
        } else if (!strcmp(name, "addr")) {
            a->addr = v;
        } else if (!strcmp(name, "token")) {
            a->token = v;
        } else {
            long long x = strtoll(v, &end, 10);
            if (!*v || *end || x < 0 || x > (1LL << 40)) {
                fprintf(stderr, "storyline %s: option '%s' needs a number, not '%s'\n",
                        c->name, s, v);
                return -1;
            }
            if (!strcmp(name, "max-bytes"))
                a->max_bytes = (size_t)x;
            else if (!strcmp(name, "words"))
                a->words = (int)x;
            else if (!strcmp(name, "port"))
                a->port = (int)x;
        }
    }
    return 0;
}

/* ---- rejected inputs ------------------------------------------------------ */

typedef struct rejects {
    sl_buf json; /* JSON array body */
    size_t n;
    int quiet;   /* collect only (JSON output) */
} rejects;

static void on_reject(void *ud, const char *source, const char *msg)
{
    rejects *r = ud;
    if (r->n++)
        sl_buf_putc(&r->json, ',');
    sl_buf_puts(&r->json, "{\"source\":");
    sl_buf_json_str(&r->json, source);
    sl_buf_puts(&r->json, ",\"error\":");
    sl_buf_json_str(&r->json, msg);
    sl_buf_putc(&r->json, '}');
    fprintf(stderr, "storyline: rejected %s: %s\n", source, msg);
}

static int open_engine(const char *name, const char *db, size_t max_bytes, sl_engine **e)
{
    sl_options o = {max_bytes};
    int rc = sl_engine_open(db, &o, e);
    if (rc != SL_OK) {
        fprintf(stderr, "storyline %s: %s\n", name, sl_engine_errmsg(*e));
        sl_engine_close(*e);
        *e = NULL;
    }
    return rc;
}

static int add_paths(const char *name, sl_engine *e, sl_args *a, rejects *r)
{
    if (sl_add_paths(e, (const char *const *)a->rest, (size_t)a->nrest, on_reject, r, NULL) !=
        SL_OK) {
        fprintf(stderr, "storyline %s: %s\n", name, sl_engine_errmsg(e));
        return SL_EXIT_FAIL;
    }
    if (sl_cluster(e) != SL_OK) {
        fprintf(stderr, "storyline %s: %s\n", name, sl_engine_errmsg(e));
        return SL_EXIT_FAIL;
    }
    return SL_EXIT_OK;
}

/* Ids and headlines come from input: printed with control characters
 * escaped (sl_buf_put_printable). */
static void print_stories_text(sl_engine *e, FILE *out)
{
    size_t n = sl_story_count(e);
    sl_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        const sl_story *s = sl_story_at(e, i);
        size_t k = sl_story_article_count(s);
        sl_buf_reset(&b);
        /* (a printf per story was a tenth of the command's instructions) */
        sl_buf_puts(&b, "Story ");
        sl_buf_put_int(&b, (long long)sl_story_id(s));
        sl_buf_puts(&b, " (");
        sl_buf_put_int(&b, (long long)k);
        sl_buf_puts(&b, k == 1 ? " article): " : " articles): ");
        sl_buf_put_printable(&b, sl_story_headline(e, s));
        sl_buf_putc(&b, '\n');
        for (size_t j = 0; j < k; j++) {
            sl_buf_puts(&b, "  ");
            sl_buf_put_printable(&b, sl_story_article_id(s, j));
            sl_buf_putc(&b, '\n');
        }
        fwrite(b.data, 1, b.len, out);
    }
    sl_buf_free(&b);
    fprintf(out, "%zu stor%s\n", n, n == 1 ? "y" : "ies");
}

/* Processor seconds used so far by the process (clk CLOCK_PROCESS_CPUTIME_ID)
 * or by this thread (CLOCK_THREAD_CPUTIME_ID). */
static double cpu_seconds(clockid_t clk)
{
    struct timespec t;
    if (clock_gettime(clk, &t) != 0)
        return 0;
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Processor seconds spent in the story views of --json (see --timings). */
static double views_cpu;

static void print_stories_json(sl_engine *e, FILE *out, const char *rejected)
{
    size_t n = sl_story_count(e);
    fputs("{\"stories\":[", out);
    for (size_t i = 0; i < n; i++) {
        const sl_story *s = sl_story_at(e, i);
        /* the headline is every output's (and the database's): computed
         * before the clock starts, so that only the views count */
        sl_story_headline(e, s);
        double t0 = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
        char *j = sl_story_json(e, s);
        views_cpu += cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - t0;
        fputs(i ? ",\n" : "\n", out);
        fputs(j, out);
        sl_free(j);
    }
    fprintf(out, "\n]");
    if (rejected)
        fprintf(out, ",\"rejected\":[%s]", rejected);
    fputs("}\n", out);
}

/* ---- commands ------------------------------------------------------------- */

static int need_paths(const sl_command *c, sl_args *a)
{
    if (a->nrest == 0) {
        fprintf(stderr, "storyline %s: no input paths\nusage: %s\n", c->name, c->usage);
        return -1;
    }
    return 0;
}

/* Runs a command that reads input paths into an engine (the database of
 * --db, or memory), clusters them and calls out to print the result. */
static int input_command(const sl_command *c, int argc, char **argv, const char *allowed,
                         int need_db, int (*out)(sl_engine *, sl_args *, rejects *))
{
    sl_args a;
    sl_engine *e = NULL;
    int rc = SL_EXIT_OK;
    double start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    if (sl_parse_args(c, argc, argv, allowed, &a) || need_paths(c, &a)) {
        rc = SL_EXIT_USAGE;
    } else if (need_db && !a.db) {
        fprintf(stderr, "storyline %s: --db FILE is required\n", c->name);
        rc = SL_EXIT_USAGE;
    } else if (open_engine(c->name, a.db, a.max_bytes, &e) != SL_OK) {
        rc = SL_EXIT_FAIL;
    }
    rejects r = {{0}, 0, a.json};
    if (rc == SL_EXIT_OK)
        rc = add_paths(c->name, e, &a, &r);
    if (rc == SL_EXIT_OK)
        rc = out(e, &a, &r);
    if (rc == SL_EXIT_OK && r.n)
        rc = SL_EXIT_REJECTED;
    sl_buf_free(&r.json);
    sl_engine_close(e);
    if (a.timings) {
        /* the views against everything else the command did: reading,
         * extraction, clustering, headlines, storing (with the search
         * index), printing; both from this one run */
        double total = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - start, rest = total - views_cpu;
        fprintf(stderr,
                "storyline %s: processor time %.3f s: story views %.3f s, the rest %.3f s; "
                "views add %.1f%%\n",
                c->name, total, views_cpu, rest, rest > 0 ? 100 * views_cpu / rest : 0.0);
    }
    free(a.rest);
    return rc;
}

static int out_cluster(sl_engine *e, sl_args *a, rejects *r)
{
    if (a->json)
        print_stories_json(e, stdout, r->json.data ? r->json.data : "");
    else
        print_stories_text(e, stdout);
    return SL_EXIT_OK;
}

int cmd_cluster(const sl_command *c, int argc, char **argv)
{
    return input_command(c, argc, argv, "json,db,max-bytes,timings", 0, out_cluster);
}

static int out_ingest(sl_engine *e, sl_args *a, rejects *r)
{
    (void)r;
    printf("%zu stories in %s\n", sl_story_count(e), a->db);
    return SL_EXIT_OK;
}

int cmd_ingest(const sl_command *c, int argc, char **argv)
{
    return input_command(c, argc, argv, "db,max-bytes,timings", 1, out_ingest);
}

static int open_db_only(const sl_command *c, sl_args *a, sl_engine **e)
{
    if (!a->db) {
        fprintf(stderr, "storyline %s: --db FILE is required\n", c->name);
        return SL_EXIT_USAGE;
    }
    FILE *f = fopen(a->db, "rb");
    if (!f) {
        fprintf(stderr, "storyline %s: cannot open database %s\n", c->name, a->db);
        return SL_EXIT_FAIL;
    }
    fclose(f);
    return open_engine(c->name, a->db, 0, e) == SL_OK ? SL_EXIT_OK : SL_EXIT_FAIL;
}

/* Runs a command that reads an existing database: parses the options,
 * checks that exactly `nargs` arguments (described by `what`) are given
 * (nargs < 0: none checked), opens the database and calls run. */
static int db_command(const sl_command *c, int argc, char **argv, const char *allowed,
                      int nargs, const char *what, int (*run)(sl_engine *, sl_args *))
{
    sl_args a;
    sl_engine *e = NULL;
    int rc = sl_parse_args(c, argc, argv, allowed, &a) ? SL_EXIT_USAGE : SL_EXIT_OK;
    if (rc == SL_EXIT_OK && nargs >= 0 && a.nrest != nargs) {
        fprintf(stderr, "storyline %s: give %s\nusage: %s\n", c->name, what, c->usage);
        rc = SL_EXIT_USAGE;
    }
    if (rc == SL_EXIT_OK)
        rc = open_db_only(c, &a, &e);
    if (rc == SL_EXIT_OK)
        rc = run(e, &a);
    sl_engine_close(e);
    free(a.rest);
    return rc;
}

static int run_stories(sl_engine *e, sl_args *a)
{
    if (a->json)
        print_stories_json(e, stdout, NULL);
    else
        print_stories_text(e, stdout);
    return SL_EXIT_OK;
}

int cmd_stories(const sl_command *c, int argc, char **argv)
{
    return db_command(c, argc, argv, "json,db", 0, "no arguments", run_stories);
}

static int run_story(sl_engine *e, sl_args *a)
{
    char *end;
    long long id = strtoll(a->rest[0], &end, 10);
    const sl_story *s = *end ? NULL : sl_story_find(e, id);
    int64_t now = !s && !*end ? sl_story_resolve(e, id) : 0;
    if (now) { /* it merged into another story: show that one, and say so */
        fprintf(stderr, "storyline story: story %lld was merged into story %lld\n", id,
                (long long)now);
        s = sl_story_find(e, now);
    }
    if (!s) {
        fprintf(stderr, "storyline story: no story '%s'\n", a->rest[0]);
        return SL_EXIT_FAIL;
    }
    char *out = a->json ? sl_story_json(e, s) : sl_story_text(e, s);
    puts(out);
    sl_free(out);
    return SL_EXIT_OK;
}

int cmd_story(const sl_command *c, int argc, char **argv)
{
    return db_command(c, argc, argv, "json,db", 1, "one story ID", run_story);
}

static int run_why(sl_engine *e, sl_args *a)
{
    char *out;
    if (sl_why(e, a->rest[0], a->rest[1], &out) != SL_OK) {
        fprintf(stderr, "storyline why: %s\n", sl_engine_errmsg(e));
        return SL_EXIT_FAIL;
    }
    puts(out);
    sl_free(out);
    return SL_EXIT_OK;
}

int cmd_why(const sl_command *c, int argc, char **argv)
{
    return db_command(c, argc, argv, "db", 2, "two article IDs", run_why);
}

/* ---- check ------------------------------------------------------------------ */

int cmd_check(const sl_command *c, int argc, char **argv)
{
    sl_args a;
    int rc = SL_EXIT_USAGE;
    if (sl_parse_args(c, argc, argv, "db", &a) == 0) {
        if (!a.db || a.nrest) {
            fprintf(stderr, "storyline %s: %s\nusage: %s\n", c->name,
                    a.db ? "no arguments" : "--db FILE is required", c->usage);
        } else {
            char *report = NULL;
            int ok = sl_store_check(a.db, &report) == SL_OK;
            fputs(report ? report : "", ok ? stdout : stderr);
            free(report);
            rc = ok ? SL_EXIT_OK : SL_EXIT_FAIL;
        }
    }
    free(a.rest);
    return rc;
}

static int out_summary(sl_engine *e, sl_args *a, rejects *r)
{
    (void)r;
    char *s = sl_summarize_all(e, a->words);
    fputs(s, stdout);
    if (s[0] && s[strlen(s) - 1] != '\n')
        putchar('\n');
    sl_free(s);
    return SL_EXIT_OK;
}

int cmd_summarize(const sl_command *c, int argc, char **argv)
{
    return input_command(c, argc, argv, "words,max-bytes", 0, out_summary);
}

/* ---- extract -------------------------------------------------------------- */

typedef struct extract_ctx {
    int json;
    rejects *r;
    size_t n;
} extract_ctx;

static int on_extract(void *ud, sl_doc *d)
{
    extract_ctx *x = ud;
    char *err = NULL;
    int rc = sl_extract(d, &err);
    if (rc != SL_OK) {
        on_reject(x->r, d->source ? d->source : d->id, err);
        free(err);
        sl_doc_free(d);
        return 0;
    }
    sl_buf b = {0};
    if (x->json) {
        sl_doc_json(&b, d);
        sl_buf_putc(&b, '\n');
    } else {
        struct { const char *label, *v; } f[] = {
            {"==> ", d->id},      {"Title: ", d->title}, {"Published: ", d->published},
            {"Site: ", d->site},  {"Author: ", d->author}, {"URL: ", d->url},
            {"Language: ", d->lang}};
        if (x->n)
            sl_buf_putc(&b, '\n');
        for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
            if (!f[i].v)
                continue;
            sl_buf_puts(&b, f[i].label);
            sl_buf_put_printable(&b, f[i].v);
            sl_buf_putc(&b, '\n');
        }
        sl_buf_printf(&b, "\n%s\n", d->text);
    }
    fwrite(b.data, 1, b.len, stdout);
    sl_buf_free(&b);
    x->n++;
    sl_doc_free(d);
    return 0;
}

/* The reader's rejects: its user data is the extract context. */
static void on_extract_reject(void *ud, const char *source, const char *msg)
{
    extract_ctx *x = ud;
    on_reject(x->r, source, msg);
}

int cmd_extract(const sl_command *c, int argc, char **argv)
{
    sl_args a;
    if (sl_parse_args(c, argc, argv, "json,max-bytes", &a) || need_paths(c, &a)) {
        free(a.rest);
        return SL_EXIT_USAGE;
    }
    rejects r = {{0}, 0, 0};
    extract_ctx x = {a.json, &r, 0};
    sl_reader rd = {a.max_bytes, on_extract, on_extract_reject, &x};
    for (int i = 0; i < a.nrest; i++)
        sl_read_path(&rd, a.rest[i]);
    sl_buf_free(&r.json);
    free(a.rest);
    return r.n ? SL_EXIT_REJECTED : SL_EXIT_OK;
}
