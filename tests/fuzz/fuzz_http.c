/*
 * fuzz_http: the HTTP API in process. On the first input it starts the real
 * server (src/server.c, sl_server_start without a listening socket or an
 * HTTP thread: this thread runs libmicrohttpd with sl_server_poll, so a
 * request needs no thread switch unless it writes) on a temporary
 * database, stores a few articles through it and waits until it is ready;
 * every input is then one HTTP/1.1 request written to one end of
 * a socketpair whose other end the server gets (sl_server_add_connection).
 * The client shuts down its write side and reads the answer until the
 * server closes the connection. The server stops and the database is
 * removed at exit.
 *
 * Input layout: byte 0 % 8 picks the mode, byte 0 / 8 flags, byte 1 a
 * selector (article id, content type, limits), the rest is the payload:
 *   0  raw bytes as they are (requests, pipelined requests, garbage)
 *   1  GET <payload as request target> (bytes that would break the request
 *      line are percent-encoded): routing and every query string
 *   2  GET /search?q=<payload, all percent-encoded>&limit=&lang=: FTS5
 *   3  PUT /articles/fzN, body = payload, Content-Type JSON / HTML / text /
 *      none; then GET /articles/fzN must answer 200 if the PUT succeeded
 *   4  PUT /fzN.html (contest): payload's first line is the Cache-Control
 *      value, the rest the body
 *   5  GET /stories with the payload as raw header lines
 *   6  DELETE /articles/<payload> or /<payload>.html
 *   7  GET /threads?period=&lang_code=&category= from three payload lines
 * Flags: bit 0 no Authorization header, bit 1 HEAD instead of GET, bit 2
 * Expect: 100-continue, bit 3 keep-alive instead of Connection: close.
 *
 * Contract: the server answers (the raw modes may also just close the
 * connection) with status lines "HTTP/1.x NNN" whose status is one the API
 * documents (README) or one libmicrohttpd sends for a broken request
 * (414, 417, 431, 501, 505) and never 500; every answer's headers end;
 * Content-Length matches the body; JSON answers are valid UTF-8 and parse
 * (cJSON), and a JSON error carries its own status; a successful PUT is
 * readable at once. The server must answer within 8 s. Dictionary:
 * fuzz_http.dict.
 */
#include "fuzz_common.h"
#include "server.h"

#include <cJSON.h>
#include <errno.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TOKEN "fuzz-token"
enum { MAX_BODY = 4096, WAIT_MS = 8000, QUIET_MS = 20 };

static sl_server *server;
static char dir[256], db[300];

static void cleanup(void)
{
    if (server)
        sl_server_stop(server);
    server = NULL;
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    char p[400];
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        snprintf(p, sizeof p, "%s%s", db, ext[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* ---- one exchange ------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Sends req[0..n) on a new connection, shuts down the write side and reads
 * until the server closes. Returns the answer (NUL-terminated, caller
 * frees) and its length in *len. */
static char *exchange(const char *req, size_t n, int need, size_t *len)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) != 0)
        fuzz_fail("socketpair");
    if (sl_server_add_connection(server, sv[1]) != 0)
        fuzz_fail("the server refused a connection");
    sl_buf out = {0};
    size_t sent = 0;
    int wr_open = 1, rounds = 0;
    double t0 = now_ms(), last = t0;
    for (;;) {
        if (wr_open) {
            ssize_t k = n > sent ? send(sv[0], req + sent, n - sent, MSG_NOSIGNAL) : 0;
            if (k > 0)
                sent += (size_t)k;
            if ((k < 0 && errno != EAGAIN && errno != EINTR) || sent == n) {
                shutdown(sv[0], SHUT_WR);
                wr_open = 0;
            }
        }
        /* the server runs in this thread (no_listen): let it work; wait
         * for events only once it has nothing left to do at once (a write
         * waits for the writer thread) */
        if (sl_server_poll(server, ++rounds > 20) != 0)
            fuzz_fail("sl_server_poll");
        int eof = 0;
        for (;;) {
            char b[16384];
            ssize_t k = recv(sv[0], b, sizeof b, 0);
            if (k > 0) {
                sl_buf_append(&out, b, (size_t)k);
                last = now_ms();
                continue;
            }
            eof = k == 0 || (errno != EAGAIN && errno != EINTR);
            break;
        }
        if (eof)
            break;
        double t = now_ms();
        /* a broken request may hold the connection until the idle timeout
         * (libmicrohttpd waits for the rest of a body after the client shut
         * down its side; the fuzzer sets a 1 s idle timeout): stop waiting
         * after 20 ms of silence */
        if (!need && !wr_open && t - last > QUIET_MS)
            break;
        if (t - t0 > WAIT_MS)
            fuzz_fail("the server did not close the connection within 8 s");
    }
    close(sv[0]);
    *len = out.len;
    if (!out.data)
        return sl_xstrdup("");
    return sl_buf_take(&out);
}

/* ---- the contract --------------------------------------------------------- */

static int status_ok(int st)
{
    static const int ok[] = {200, 201, 204, 400, 401, 404, 405, 413, /* the API */
                             414, 417, 431, 501, 505}; /* libmicrohttpd */
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (ok[i] == st)
            return 1;
    return 0;
}

/* Value of header name in the block h[0..n), or NULL; *vlen its length. */
static const char *header(const char *h, size_t n, const char *name, size_t *vlen)
{
    size_t k = strlen(name);
    for (const char *p = h; p < h + n;) {
        const char *eol = memmem(p, (size_t)(h + n - p), "\r\n", 2);
        if (!eol)
            eol = h + n;
        if ((size_t)(eol - p) > k && !strncasecmp(p, name, k) && p[k] == ':') {
            const char *v = p + k + 1;
            while (v < eol && *v == ' ')
                v++;
            *vlen = (size_t)(eol - v);
            return v;
        }
        p = eol + 2;
    }
    return NULL;
}

static void check_json(const char *body, size_t n, int status)
{
    fuzz_check_utf8n(body, n, "JSON answer is not valid UTF-8");
    cJSON *j = cJSON_ParseWithLength(body, n);
    if (!j || !cJSON_IsObject(j)) {
        fprintf(stderr, "status %d, body: %.*s\n", status, (int)(n > 2000 ? 2000 : n), body);
        fuzz_fail("JSON answer does not parse as an object");
    }
    if (status >= 400) {
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "status");
        if (!cJSON_IsString(e) || !cJSON_IsNumber(s) || s->valueint != status)
            fuzz_fail("JSON error without its message or status");
    }
    cJSON_Delete(j);
}

/* Checks every answer in r[0..n); returns the status of the last final one
 * (0 if there is none) and how many final answers there were in *count. */
static int check_answers(const char *r, size_t n, int head, int *count)
{
    int last = 0;
    *count = 0;
    size_t i = 0;
    while (i < n) {
        const char *a = r + i;
        size_t left = n - i;
        if (left < 12 || (memcmp(a, "HTTP/1.1 ", 9) && memcmp(a, "HTTP/1.0 ", 9))) {
            fprintf(stderr, "answer: %.*s\n", (int)(left > 200 ? 200 : left), a);
            fuzz_fail("answer without an HTTP/1.x status line");
        }
        if (a[9] < '1' || a[9] > '5' || a[10] < '0' || a[10] > '9' || a[11] < '0' ||
            a[11] > '9' || (left > 12 && a[12] != ' ' && a[12] != '\r'))
            fuzz_fail("malformed status code");
        int st = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
        const char *end = memmem(a, left, "\r\n\r\n", 4);
        if (!end)
            fuzz_fail("answer headers do not end");
        size_t hlen = (size_t)(end - a) + 2;
        i += hlen + 2;
        if (st == 100)
            continue;
        if (!status_ok(st)) {
            fprintf(stderr, "status %d\n", st);
            fuzz_fail("status the API does not document");
        }
        (*count)++;
        last = st;
        size_t vl;
        const char *cl = header(a, hlen, "Content-Length", &vl);
        const char *te = header(a, hlen, "Transfer-Encoding", &vl);
        if (te || head || st == 204)
            return last; /* no body to delimit (chunked: not sent by this API) */
        if (!cl)
            return last; /* body until the connection closes */
        size_t blen = (size_t)strtoull(cl, NULL, 10);
        const char *ct = header(a, hlen, "Content-Type", &vl);
        if (st == 400 && !ct)
            return last; /* libmicrohttpd's own 400: 0.9.75 may send its header
                          * block twice (bad Content-Length), nothing to check */
        if (blen > n - i) {
            if (head) /* a raw request may be HEAD: no body */
                return last;
            fuzz_fail("body shorter than Content-Length");
        }
        if (ct && !strncasecmp(ct, "application/json", 16) && blen)
            check_json(r + i, blen, st);
        i += blen;
    }
    return last;
}

/* Runs one request and checks what comes back. need: 1 when the request is
 * well formed, so an answer is required. Returns the last status. */
static int run(const char *req, size_t n, int head, int need)
{
    size_t len;
    double t0 = now_ms();
    char *r = exchange(req, n, need, &len);
    int count;
    int st = check_answers(r, len, head, &count);
    if (getenv("FUZZ_HTTP_DEBUG"))
        fprintf(stderr, "fuzz_http: %.*s -> %d answer(s), last %d, %.1f ms\n",
                (int)strcspn(req, "\r\n") > 80 ? 80 : (int)strcspn(req, "\r\n"), req, count, st,
                now_ms() - t0);
    if (need && count == 0) {
        fprintf(stderr, "request: %.*s\n", (int)(n > 300 ? 300 : n), req);
        fuzz_fail("no answer to a well-formed request");
    }
    free(r);
    return st;
}

/* ---- start ------------------------------------------------------------------ */

/* Small hand-written articles so that stories, search and threads have
 * something to show. */
static const char *const SEED[] = {
    "{\"title\":\"Ferry service resumes after storm\",\"site\":\"Harbour Post\","
    "\"published\":\"2026-03-02T08:00:00Z\",\"lang\":\"en\",\"text\":\"The ferry service "
    "between the two islands resumed on Monday after a storm closed the port for three days. "
    "Officials said the pier needs repairs.\\n\\nThe first boat left at dawn with forty "
    "passengers.\"}",
    "{\"title\":\"Storm closes island port for three days\",\"site\":\"Coast Daily\","
    "\"published\":\"2026-03-01T18:00:00Z\",\"lang\":\"en\",\"text\":\"A storm closed the "
    "island port for three days, stopping the ferry service. Officials said repairs to the "
    "pier would start next week.\\n\\nFerries are expected to resume on Monday.\"}",
    "<html><head><title>Council approves new budget</title>"
    "<meta property=\"article:published_time\" content=\"2026-02-27T10:00:00Z\"></head>"
    "<body><article><h1>Council approves new budget</h1><p>The city council approved a new "
    "budget on Friday that raises spending on schools and roads.</p><p>The vote was seven "
    "to two, the mayor said after the meeting.</p></article></body></html>",
    "Football club signs young striker\n\nThe club signed a nineteen-year-old striker on "
    "Thursday for an undisclosed fee, its manager said.\n\nHe joins from a second division "
    "side and will play on Saturday.\n",
};

static void put_seed(size_t i)
{
    static const char *const ctype[] = {"application/json", "application/json", "text/html",
                                        "text/plain"};
    char req[4096];
    int n = snprintf(req, sizeof req,
                     "PUT /articles/seed%zu HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
                     "Authorization: Bearer " TOKEN "\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     i, ctype[i], strlen(SEED[i]), SEED[i]);
    int st = run(req, (size_t)n, 0, 1);
    if (st != 201 && st != 204) {
        fprintf(stderr, "fuzz_http: seed article %zu: status %d\n", i, st);
        abort();
    }
}

static void start(void)
{
    signal(SIGPIPE, SIG_IGN);
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NULL;
    if (!base)
        base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/sl-fuzz-http.XXXXXX", base);
    if (!mkdtemp(dir))
        fuzz_fail("mkdtemp");
    snprintf(db, sizeof db, "%s/fuzz.db", dir);
    sl_server_opts o = {0};
    o.db = db;
    o.token = TOKEN;
    o.max_body = MAX_BODY;
    o.quiet = 1;
    o.no_listen = 1;
    o.idle_timeout = 1; /* broken requests hold a connection that long */
    o.request_timeout = 2;
    o.max_conns_per_ip = 1000; /* every connection comes from "127.0.0.1" */
    server = sl_server_start(&o);
    if (!server)
        fuzz_fail("the server does not start");
    atexit(cleanup);
    for (int i = 0; sl_server_state(server) == 0; i++) {
        if (i > 3000)
            fuzz_fail("the server did not load in 30 s");
        usleep(10000);
    }
    if (sl_server_state(server) != 1)
        fuzz_fail("the server failed to load");
    for (size_t i = 0; i < sizeof SEED / sizeof *SEED; i++)
        put_seed(i);
}

/* ---- building requests ---------------------------------------------------- */

/* Appends s[0..n) percent-encoded: every byte when all, else only those that
 * would break a request line (controls, space, non-ASCII, '#'). */
static void put_enc(sl_buf *b, const uint8_t *s, size_t n, int all)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        int keep = all ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                             (c >= 'A' && c <= 'Z')
                       : c > ' ' && c < 0x7f && c != '#';
        if (keep) {
            sl_buf_putc(b, (char)c);
        } else {
            sl_buf_putc(b, '%');
            sl_buf_putc(b, hex[c >> 4]);
            sl_buf_putc(b, hex[c & 15]);
        }
    }
}

/* The next line of the payload (without '\n'); advances *p, *n. */
static const uint8_t *next_line(const uint8_t **p, size_t *n, size_t *len)
{
    const uint8_t *s = *p, *nl = memchr(s, '\n', *n);
    *len = nl ? (size_t)(nl - s) : *n;
    *p += nl ? *len + 1 : *len;
    *n -= nl ? *len + 1 : *len;
    return s;
}

static void end_headers(sl_buf *b, unsigned flags, size_t body)
{
    sl_buf_puts(b, "Host: fuzz\r\n");
    if (!(flags & 1))
        sl_buf_puts(b, "Authorization: Bearer " TOKEN "\r\n");
    if (flags & 4)
        sl_buf_puts(b, "Expect: 100-continue\r\n");
    sl_buf_puts(b, flags & 8 ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    if (body != (size_t)-1)
        sl_buf_printf(b, "Content-Length: %zu\r\n", body);
    sl_buf_puts(b, "\r\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server)
        start();
    if (size < 2) {
        run((const char *)data, size, 0, 0);
        return 0;
    }
    unsigned mode = data[0] % 8, flags = data[0] / 8, sel = data[1];
    const uint8_t *p = data + 2;
    size_t n = size - 2;
    int head = (flags & 2) != 0;
    const char *get = head ? "HEAD " : "GET ";
    sl_buf b = {0};
    int need = 1;
    switch (mode) {
    case 0:
        sl_buf_append(&b, data + 1, size - 1);
        need = 0;
        head = memmem(b.data, b.len, "HEAD", 4) != NULL;
        break;
    case 1:
        sl_buf_puts(&b, get);
        if (!n || p[0] != '/')
            sl_buf_putc(&b, '/');
        put_enc(&b, p, n, 0);
        sl_buf_puts(&b, " HTTP/1.1\r\n");
        end_headers(&b, flags, (size_t)-1);
        break;
    case 2: {
        static const char *const lim[] = {"", "&limit=1", "&limit=200", "&limit=0"};
        static const char *const lang[] = {"", "&lang=en", "&lang=any", "&since=2026-03-01"};
        sl_buf_puts(&b, get);
        sl_buf_puts(&b, "/search?q=");
        put_enc(&b, p, n, 1);
        sl_buf_printf(&b, "%s%s HTTP/1.1\r\n", lim[sel & 3], lang[(sel >> 2) & 3]);
        end_headers(&b, flags, (size_t)-1);
        break;
    }
    case 3: {
        static const char *const ct[] = {"application/json", "text/html; charset=utf-8",
                                         "text/plain", NULL};
        head = 0;
        sl_buf_printf(&b, "PUT /articles/fz%u HTTP/1.1\r\n", sel & 3);
        if (ct[(sel >> 2) & 3])
            sl_buf_printf(&b, "Content-Type: %s\r\n", ct[(sel >> 2) & 3]);
        end_headers(&b, flags, n);
        sl_buf_append(&b, p, n);
        int st = run(b.data, b.len, 0, 1);
        if ((st == 201 || st == 204) && !(flags & 8)) {
            /* what was stored is there */
            char g[128];
            int k = snprintf(g, sizeof g,
                             "GET /articles/fz%u HTTP/1.1\r\nHost: fuzz\r\n"
                             "Connection: close\r\n\r\n", sel & 3);
            if (run(g, (size_t)k, 0, 1) != 200)
                fuzz_fail("an article stored by PUT cannot be read back");
        }
        sl_buf_free(&b);
        return 0;
    }
    case 4: {
        size_t cl;
        const uint8_t *cc = next_line(&p, &n, &cl);
        head = 0;
        sl_buf_printf(&b, "PUT /fz%u.html HTTP/1.1\r\nCache-Control: ", sel & 3);
        for (size_t i = 0; i < cl; i++) /* one header line: no CR or LF */
            sl_buf_putc(&b, cc[i] == '\r' ? ' ' : (char)cc[i]);
        sl_buf_puts(&b, "\r\n");
        end_headers(&b, flags, n);
        sl_buf_append(&b, p, n);
        break;
    }
    case 5:
        sl_buf_printf(&b, "%s/stories HTTP/1.1\r\n", get);
        sl_buf_append(&b, p, n);
        sl_buf_puts(&b, "\r\nConnection: close\r\n\r\n");
        need = 0;
        head = head || memmem(b.data, b.len, "HEAD", 4) != NULL;
        break;
    case 6:
        head = 0;
        sl_buf_puts(&b, sel & 1 ? "DELETE /" : "DELETE /articles/");
        put_enc(&b, p, n, 1);
        sl_buf_puts(&b, sel & 1 ? ".html HTTP/1.1\r\n" : " HTTP/1.1\r\n");
        end_headers(&b, flags, (size_t)-1);
        break;
    default: {
        static const char *const key[] = {"period", "lang_code", "category"};
        sl_buf_printf(&b, "%s/threads", get);
        char sep = '?';
        for (int k = 0; k < 3; k++) {
            size_t l;
            const uint8_t *v = next_line(&p, &n, &l);
            if (!((sel >> k) & 1))
                continue;
            sl_buf_printf(&b, "%c%s=", sep, key[k]);
            sep = '&';
            put_enc(&b, v, l, 1);
        }
        sl_buf_puts(&b, " HTTP/1.1\r\n");
        end_headers(&b, flags, (size_t)-1);
        break;
    }
    }
    run(b.data ? b.data : "", b.len, head, need);
    sl_buf_free(&b);
    return 0;
}
