/*
 * server: the HTTP side of `storyline serve` (libmicrohttpd).
 *
 * Threads: MHD runs a pool of worker threads on epoll (HTTP/1.1 with
 * keep-alive; 16 by default, SL_SERVE_THREADS); a loader thread opens the
 * engine at start (every route but /health answers 503 until it is
 * done); one writer thread applies all
 * writes with group commit (server_writer.c); the main thread waits for
 * SIGINT/SIGTERM. Write requests never block a worker: the handler queues
 * a job and suspends the connection, and the writer resumes it once the
 * job is committed. Reads of the ranked stories and searches use a
 * snapshot and their own SQLite connections; the few reads that need the
 * engine take its mutex (see server_int.h for the lock order).
 *
 * Slow or hostile clients (limits in sl_server_opts): MHD's connection
 * timeout (30 s silent), a global connection limit (1,000) and a per-address
 * one (200) keep one client from exhausting the server; a connection whose
 * body takes longer than 60 s from the end of the headers is closed; a
 * request line or headers over the connection's 64 KiB get 414 or 431 from
 * MHD; bodies over the limit (8 MiB by default) are refused with 413 before
 * they are read when Content-Length says so, or once they are complete
 * (nothing over the limit is kept). Headers trickling in are bounded by
 * the idle timeout and the 64 KiB only.
 *
 * The route table below is the one description of the API: dispatch, 404
 * versus 405 (with Allow), authentication and the listing at GET /api all
 * come from it.
 */
#include "server_int.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

typedef struct srv_route {
    const char *method;
    const char *pattern; /* '*' matches one path segment; a final '*' the rest */
    srv_handler fn;
    int auth;            /* needs the bearer token (when one is set) */
    const char *what;
} srv_route;

static void api_routes(srv_req *r, srv_resp *out);

static const srv_route ROUTES[] = {
    {"GET", "/", api_page, 0, "the web page"},
    {"GET", "/api", api_routes, 0, "this list of routes"},
    {"GET", "/app.js", api_asset_js, 0, "the web page's script"},
    {"GET", "/style.css", api_asset_css, 0, "the web page's style sheet"},
    {"GET", "/health", api_health, 0, "liveness and load state (200 even while loading)"},
    {"GET", "/stories", api_stories, 0, "top stories (?since=&until=&lang=&limit=)"},
    {"GET", "/stories/*", api_story, 0, "one story with all its views"},
    {"GET", "/articles/*", api_article_get, 0, "one cleaned article with its story id"},
    {"PUT", "/articles/*", api_article_put, 1, "add or replace an article (201 / 204)"},
    {"DELETE", "/articles/*", api_article_delete, 1, "remove an article (204 / 404)"},
    {"GET", "/why", api_why, 0, "why two articles are in one story, or not (?a=&b=)"},
    {"GET", "/search", api_search, 0, "full-text search (?q=&limit=&since=&until=&lang=)"},
    {"GET", "/threads", api_threads, 0,
     "contest: threads (?period=&lang_code=&category=)"},
    {"PUT", "/*.html", api_contest_put, 1, "contest: add an article (201 / 204)"},
    {"DELETE", "/*.html", api_contest_delete, 1, "contest: remove an article (204 / 404)"},
};
enum { NROUTES = sizeof ROUTES / sizeof *ROUTES };

/* ---- matching ------------------------------------------------------------- */

int srv_match(const char *pat, const char *path, char **param)
{
    *param = NULL;
    const char *star = strchr(pat, '*');
    if (!star)
        return !strcmp(pat, path);
    size_t pre = (size_t)(star - pat);
    if (strncmp(pat, path, pre))
        return 0;
    const char *suffix = star + 1, *rest = path + pre;
    size_t nrest = strlen(rest), nsuf = strlen(suffix);
    if (nrest <= nsuf || strcmp(rest + nrest - nsuf, suffix))
        return 0;
    size_t n = nrest - nsuf;
    if (nsuf && memchr(rest, '/', n)) /* a suffix pattern matches one segment */
        return 0;
    *param = sl_xstrndup(rest, nsuf ? nrest : n); /* "x.html" keeps its suffix */
    return 1;
}

/* Finds the route for method and path. Returns it, or NULL with *allow
 * set to the methods the path accepts ("" when the path is unknown). */
static const srv_route *find_route(const char *method, const char *path, char **param,
                                   char *allow, size_t cap)
{
    allow[0] = 0;
    if (!strcmp(method, "HEAD"))
        method = "GET";
    for (size_t i = 0; i < NROUTES; i++) {
        char *p;
        if (!srv_match(ROUTES[i].pattern, path, &p))
            continue;
        if (!strcmp(ROUTES[i].method, method)) {
            *param = p;
            return &ROUTES[i];
        }
        free(p);
        if (!strstr(allow, ROUTES[i].method) && strlen(allow) + 12 < cap) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, ROUTES[i].method);
            if (!strcmp(ROUTES[i].method, "GET"))
                strcat(allow, ", HEAD");
        }
    }
    *param = NULL;
    return NULL;
}

/* GET /api: the route table as JSON. */
static void api_routes(srv_req *r, srv_resp *out)
{
    sl_buf *b = &out->body;
    sl_buf_puts(b, "{\"routes\":[");
    for (size_t i = 0; i < NROUTES; i++) {
        sl_buf_puts(b, i ? ",\n{\"method\":" : "\n{\"method\":");
        sl_buf_json_str(b, ROUTES[i].method);
        sl_buf_puts(b, ",\"path\":");
        sl_buf_json_str(b, ROUTES[i].pattern);
        sl_buf_printf(b, ",\"auth\":%s,\"description\":",
                      ROUTES[i].auth && r->S->o.token ? "true" : "false");
        sl_buf_json_str(b, ROUTES[i].what);
        sl_buf_putc(b, '}');
    }
    sl_buf_puts(b, "]}\n");
}

/* ---- helpers for handlers ------------------------------------------------ */

void srv_error(srv_resp *out, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    out->status = status;
    sl_buf_reset(&out->body);
    /* messages may quote user input: repair before escaping */
    char *fixed = sl_utf8_repair(msg, strlen(msg), NULL, NULL);
    sl_buf_puts(&out->body, "{\"error\":");
    sl_buf_json_str(&out->body, fixed);
    sl_buf_printf(&out->body, ",\"status\":%d}\n", status);
    free(fixed);
}

const char *srv_arg(srv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *srv_header(srv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Constant-time comparison of the Authorization header with the token. */
static int authorized(srv *S, srv_req *r)
{
    if (!S->o.token)
        return 1;
    const char *h = srv_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7))
        return 0;
    h += 7;
    size_t a = strlen(h), b = strlen(S->o.token);
    unsigned char diff = (unsigned char)(a != b);
    for (size_t i = 0; i < a; i++)
        diff |= (unsigned char)(h[i] ^ S->o.token[i % (b ? b : 1)]);
    return diff == 0;
}

/* ---- responses ------------------------------------------------------------ */

static enum MHD_Result send_resp(srv_req *r, srv_resp *out)
{
    struct MHD_Response *resp;
    if (out->static_body)
        resp = MHD_create_response_from_buffer(out->static_len, (void *)out->static_body,
                                               MHD_RESPMEM_PERSISTENT);
    else
        resp = MHD_create_response_from_buffer(out->body.len, out->body.data,
                                               MHD_RESPMEM_MUST_COPY);
    sl_buf_free(&out->body);
    if (!resp)
        return MHD_NO;
    if (out->status != 204)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                out->ctype ? out->ctype : "application/json; charset=utf-8");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            out->cacheable ? "max-age=300" : "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (out->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, out->allow);
    if (out->location[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, out->location);
    if (out->status == 401)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    if (out->status == 503)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)out->status, resp);
    MHD_destroy_response(resp);
    if (!r->S->o.quiet)
        fprintf(stderr, "%s %d %.1fms\n", r->method, out->status, (sl_now() - r->t0) * 1e3);
    return ret;
}

static enum MHD_Result send_error(srv_req *r, int status, const char *allow, const char *msg)
{
    srv_resp out = {0};
    srv_error(&out, status, "%s", msg);
    out.allow = allow;
    return send_resp(r, &out);
}

/* ---- the access handler ---------------------------------------------------- */

/* First call for a request: route, authorization, size checks. Returns 0
 * when the request may go on, or queues an error and returns 1. */
static int admit(srv *S, srv_req *r, const char *url, enum MHD_Result *ret)
{
    char allow[64];
    const srv_route *rt = find_route(r->method, url, &r->param, allow, sizeof allow);
    if (r->param) {
        /* ids come from the URL: repaired as the writer stores them, so
         * answers are valid UTF-8 and a stored id is found again */
        char *fixed = sl_utf8_repair(r->param, strlen(r->param), NULL, NULL);
        free(r->param);
        r->param = fixed;
    }
    if (!rt) {
        *ret = allow[0] ? send_error(r, 405, allow, "method not allowed")
                        : send_error(r, 404, NULL, "no such route");
        return 1;
    }
    int ready = atomic_load(&S->ready);
    if (rt->fn != api_health && ready != 1) {
        *ret = send_error(r, 503, NULL, ready < 0 ? "the database could not be loaded"
                                                  : "loading the database");
        return 1;
    }
    if (rt->auth && !authorized(S, r)) {
        *ret = send_error(r, 401, NULL, "missing or wrong bearer token");
        return 1;
    }
    const char *cl = srv_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > S->o.max_body) {
        *ret = send_error(r, 413, NULL, "request body over the limit");
        return 1;
    }
    r->job = NULL;
    (void)rt;
    return 0;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version,
                                 const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    srv *S = cls;
    srv_req *r = *con_cls;
    if (!r) {
        r = sl_xcalloc(1, sizeof *r);
        r->S = S;
        r->conn = conn;
        r->method = method;
        r->t0 = sl_now();
        *con_cls = r;
        enum MHD_Result ret = MHD_YES;
        if (admit(S, r, url, &ret))
            r->queued = 1;
        return ret;
    }
    if (r->queued) { /* an early error was sent: discard what still comes */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (sl_now() - r->t0 > (double)S->o.request_timeout) {
            /* a body trickling in: close the connection (MHD 0.9 cannot
             * queue an answer while a body is still coming) */
            if (!S->o.quiet)
                fprintf(stderr, "%s: body not received within %u s, closing\n", r->method,
                        S->o.request_timeout);
            return MHD_NO;
        }
        if (r->body.len + *upload_size > S->o.max_body)
            r->too_big = 1;
        else
            sl_buf_append(&r->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    srv_resp out = {0};
    if (r->job) { /* resumed: the writer has finished the job */
        pthread_mutex_lock(&S->q_lock);
        int done = r->job->done;
        pthread_mutex_unlock(&S->q_lock);
        if (!done)
            return MHD_YES;
        api_job_response(r->job, &out);
        return send_resp(r, &out);
    }
    if (r->too_big)
        return send_error(r, 413, NULL, "request body over the limit");
    char allow[64];
    char *param = NULL;
    const srv_route *rt = find_route(method, url, &param, allow, sizeof allow);
    free(param);
    if (!rt)
        return send_error(r, 404, NULL, "no such route");
    out.status = 200;
    rt->fn(r, &out);
    if (r->job) {
        r->job->conn = conn;
        MHD_suspend_connection(conn);
        srv_enqueue(S, r->job);
        sl_buf_free(&out.body);
        return MHD_YES;
    }
    return send_resp(r, &out);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    srv_req *r = *con_cls;
    if (!r)
        return;
    srv_job_free(r->job);
    free(r->param);
    sl_buf_free(&r->body);
    free(r);
    *con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------- */

static void *loader_main(void *arg)
{
    srv *S = arg;
    sl_engine *e = NULL;
    /* test hook: SL_SERVE_LOAD_DELAY_MS makes the loading phase observable */
    const char *delay = getenv("SL_SERVE_LOAD_DELAY_MS");
    if (delay && atoi(delay) > 0)
        usleep((useconds_t)atoi(delay) * 1000);
    int rc = sl_engine_open(S->o.db, NULL, &e);
    char *err = NULL;
    if (rc == SL_OK) {
        /* the server reads e->clu directly; it saves the term counts it
         * had to make, for its next start (no other thread has e yet) */
        sl_engine_need_clusterer(e, 1);
        S->e = e;
        /* the writer's connection: a larger page cache and a mapped file
         * (tuning only; the store keeps WAL + synchronous=FULL); the
         * indexer thread checkpoints the WAL, so the writer's own commits
         * do so only if it ever grows past 64 MB */
        sqlite3_exec(sl_store_db(e->store), "PRAGMA mmap_size=1073741824;"
                     "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;",
                     NULL, NULL, NULL);
        rc = srv_load_extra(S);
    }
    if (rc == SL_OK) {
        S->search = sl_search_open(S->o.db, 4, &err);
        if (!S->search)
            rc = SL_EDB;
    }
    if (rc != SL_OK) {
        fprintf(stderr, "storyline serve: %s\n", err ? err : sl_engine_errmsg(e));
        free(err);
        sl_engine_close(e);
        S->e = NULL;
        atomic_store(&S->ready, -1);
        if (S->standalone)
            kill(getpid(), SIGTERM);
        return NULL;
    }
    rank_snap *snap = rank_build(S->e, &S->eng_lock, NULL, S->latest_pub);
    fprintf(stderr, "storyline serve: %zu articles, %zu stories loaded\n", snap->narticles,
            snap->n);
    srv_snap_swap(S, snap); /* from here on the writer may replace it */
    if (srv_writer_start(S) != 0) {
        atomic_store(&S->ready, -1);
        if (S->standalone)
            kill(getpid(), SIGTERM);
        return NULL;
    }
    atomic_store(&S->ready, 1);
    return NULL;
}

static struct MHD_Daemon *start_daemon(srv *S)
{
    struct sockaddr_in sa4 = {0};
    struct sockaddr_in6 sa6 = {0};
    const struct sockaddr *sa;
    unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;
    if (S->o.no_listen) {
        /* no socket and no thread: sl_server_poll runs it (and on a
         * socketpair MHD would log every TCP option it cannot set) */
        flags |= MHD_USE_NO_LISTEN_SOCKET;
        sa = NULL;
    } else if (inet_pton(AF_INET, S->o.addr, &sa4.sin_addr) == 1) {
        sa4.sin_family = AF_INET;
        sa4.sin_port = htons((uint16_t)S->o.port);
        sa = (const struct sockaddr *)&sa4;
    } else if (inet_pton(AF_INET6, S->o.addr, &sa6.sin6_addr) == 1) {
        sa6.sin6_family = AF_INET6;
        sa6.sin6_port = htons((uint16_t)S->o.port);
        sa = (const struct sockaddr *)&sa6;
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "storyline serve: '%s' is not an IP address\n", S->o.addr);
        return NULL;
    }
    if (sa)
        flags |= MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    /* MHD answers a request line or headers that do not fit in the
     * connection's memory (CONNECTION_MEMORY_LIMIT) with 414 or 431 and
     * closes the connection. */
    struct MHD_OptionItem ops[] = {
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)S->o.idle_timeout, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)S->o.max_conns, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)S->o.max_conns_per_ip, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)(64 * 1024), NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, S},
        /* the rest only with a socket and threads */
        {sa ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (intptr_t)S->o.threads, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, (void *)sa},
        {MHD_OPTION_END, 0, NULL},
    };
    return MHD_start_daemon(flags, (uint16_t)S->o.port, NULL, NULL, on_access, S,
                            MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
}

/* HTTP worker threads. MHD serves each connection on one worker, one
 * request after another: with 4 workers, ten busy connections (8 writers,
 * 2 readers) shared them, and a GET /stories waited behind another
 * connection's search (at 100,000 articles with the search cache off,
 * search p99 was 53 and 66 ms with 4 workers, 27 and 43 ms with 16; PUT/s
 * 371 and 418 against 673 and 499). Threads that wait cost little. */
enum { DEFAULT_THREADS = 16 };

/* A limit: the option, else a positive number in the environment variable
 * env (may be NULL), else dflt. */
static unsigned limit_of(unsigned opt, const char *env, unsigned dflt)
{
    if (opt)
        return opt;
    const char *v = env ? getenv(env) : NULL;
    if (v && atoi(v) > 0)
        return (unsigned)atoi(v);
    return dflt;
}

/* Raises the soft limit on open files so that max_conns connections fit
 * besides the database's own files. */
static void raise_nofile(unsigned conns)
{
    struct rlimit rl;
    rlim_t want = (rlim_t)conns + 256;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
        return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
}

static srv *server_start(const sl_server_opts *opts, int standalone)
{
    srv *S = sl_xcalloc(1, sizeof *S);
    S->o = *opts;
    S->standalone = standalone;
    if (!S->o.addr)
        S->o.addr = "127.0.0.1";
    if (!S->o.port)
        S->o.port = 8080;
    if (S->o.no_listen)
        S->o.port = 0;
    if (!S->o.max_body)
        S->o.max_body = (size_t)8 << 20;
    if (S->o.threads <= 0)
        S->o.threads = (int)limit_of(0, "SL_SERVE_THREADS", DEFAULT_THREADS);
    if (S->o.threads > 256)
        S->o.threads = 256;
    if (S->o.token && !S->o.token[0])
        S->o.token = NULL;
    S->o.idle_timeout = limit_of(S->o.idle_timeout, "SL_SERVE_IDLE_TIMEOUT", 30);
    S->o.request_timeout = limit_of(S->o.request_timeout, "SL_SERVE_REQUEST_TIMEOUT", 60);
    S->o.max_conns = limit_of(S->o.max_conns, NULL, 1000);
    S->o.max_conns_per_ip = limit_of(S->o.max_conns_per_ip, NULL, 200);
    S->debug = getenv("SL_SERVE_DEBUG") != NULL;
    pthread_mutex_init(&S->eng_lock, NULL);
    pthread_mutex_init(&S->q_lock, NULL);
    pthread_cond_init(&S->q_cond, NULL);
    pthread_rwlock_init(&S->snap_lock, NULL);
    if (!S->o.no_listen)
        raise_nofile(S->o.max_conns);

    S->daemon = start_daemon(S);
    if (!S->daemon) {
        if (S->o.no_listen)
            fprintf(stderr, "storyline serve: cannot start the HTTP daemon\n");
        else
            fprintf(stderr, "storyline serve: cannot listen on %s port %d\n", S->o.addr,
                    S->o.port);
        sl_server_stop(S);
        return NULL;
    }
    if (pthread_create(&S->loader, NULL, loader_main, S) != 0) {
        sl_server_stop(S);
        return NULL;
    }
    S->loader_started = 1;
    return S;
}

sl_server *sl_server_start(const sl_server_opts *opts)
{
    return server_start(opts, 0);
}

int sl_server_state(sl_server *S)
{
    return atomic_load(&S->ready);
}

int sl_server_poll(sl_server *S, int ms)
{
    return MHD_run_wait(S->daemon, ms) == MHD_YES ? 0 : -1;
}

int sl_server_add_connection(sl_server *S, int fd)
{
    struct sockaddr_in peer = {0};
    peer.sin_family = AF_INET;
    peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (MHD_add_connection(S->daemon, fd, (const struct sockaddr *)&peer, sizeof peer) !=
        MHD_YES)
        return -1; /* MHD closed fd */
    return 0;
}

int sl_server_stop(sl_server *S)
{
    if (!S)
        return 1;
    int status = 1;
    if (S->loader_started)
        pthread_join(S->loader, NULL);
    if (S->daemon) {
        /* stop accepting, let the writer commit and resume what is queued,
         * then close the connections, save the stories and close */
        MHD_socket lfd = MHD_quiesce_daemon(S->daemon);
        if (lfd != MHD_INVALID_SOCKET)
            close(lfd);
        srv_writer_stop(S);
        MHD_stop_daemon(S->daemon);
        S->daemon = NULL;
        status = atomic_load(&S->ready) == 1 ? 0 : 1;
    }
    sl_search_close(S->search);
    sl_engine_close(S->e);
    rank_free(S->snap);
    pthread_mutex_destroy(&S->eng_lock);
    pthread_mutex_destroy(&S->q_lock);
    pthread_cond_destroy(&S->q_cond);
    pthread_rwlock_destroy(&S->snap_lock);
    free(S);
    return status;
}

int sl_server_run(const sl_server_opts *opts)
{
    /* every thread inherits the mask: only the main thread takes signals */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    sl_server_opts o = *opts;
    o.no_listen = 0;
    srv *S = server_start(&o, 1);
    if (!S)
        return 1;
    fprintf(stderr, "storyline serve: listening on http://%s:%d/\n", S->o.addr, S->o.port);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "storyline serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return sl_server_stop(S);
}
