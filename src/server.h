/*
 * server: the live story desk. An HTTP/1.1 server (libmicrohttpd) that
 * serves the JSON API, the Telegram Data Clustering Contest (round 2)
 * routes and the web page, over one engine and its SQLite database.
 * See src/server.c for the route table and the threading model.
 */
#ifndef SL_SERVER_H
#define SL_SERVER_H

#include <stddef.h>

typedef struct sl_server_opts {
    const char *db;       /* database file (required) */
    const char *addr;     /* listening address; NULL = 127.0.0.1 */
    int port;             /* 0 = 8080 */
    const char *token;    /* bearer token for writes; NULL = open */
    size_t max_body;      /* request body limit; 0 = 8 MiB */
    int threads;          /* HTTP worker threads; 0 = SL_SERVE_THREADS, else 16 */
    int quiet;            /* no request log on stderr */
    /* Limits against slow or hostile clients; 0 = the default, or the
     * environment variable named when it is set (tests use them). */
    unsigned idle_timeout;     /* seconds a connection may stay silent: 30
                                * (SL_SERVE_IDLE_TIMEOUT) */
    unsigned request_timeout;  /* seconds to receive one request's body, from
                                * the end of its headers: 60 (then the
                                * connection is closed; SL_SERVE_REQUEST_TIMEOUT) */
    unsigned max_conns;        /* open connections: 1000 */
    unsigned max_conns_per_ip; /* open connections per client address: 200 */
    int no_listen;        /* no listening socket and no HTTP thread:
                           * connections come only through
                           * sl_server_add_connection, and the caller runs
                           * the HTTP side with sl_server_poll (fuzzing) */
} sl_server_opts;

typedef struct srv sl_server;

/* Runs the server until SIGINT or SIGTERM, then shuts down gracefully
 * (pending writes are committed, the stories are saved). Returns 0 on a
 * clean shutdown, 1 when the server could not start or the database could
 * not be loaded (a message is printed on stderr). */
int sl_server_run(const sl_server_opts *opts);

/* The same server without the signal loop, for tests and fuzzing in one
 * process: sl_server_start returns once the daemon runs (the database
 * loads in the background; NULL if it could not start),
 * sl_server_state tells 1 ready, 0 loading, -1 failed, and
 * sl_server_stop shuts down as sl_server_run does on SIGTERM (returns its
 * status) and frees the server. */
sl_server *sl_server_start(const sl_server_opts *opts);
int sl_server_state(sl_server *S);
int sl_server_stop(sl_server *S);
/* Hands a connected stream socket (e.g. one end of a socketpair) to the
 * server as if it came from 127.0.0.1; the server owns fd from then on,
 * even on failure. Returns 0, or -1 when the server refused it. */
int sl_server_add_connection(sl_server *S, int fd);
/* no_listen servers: does the pending HTTP work, waiting at most ms
 * milliseconds for some (0: none). Returns 0, or -1 on a failure. */
int sl_server_poll(sl_server *S, int ms);

#endif
