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
    int threads;          /* HTTP worker threads; 0 = 4 */
    int quiet;            /* no request log on stderr */
} sl_server_opts;

/* Runs the server until SIGINT or SIGTERM, then shuts down gracefully
 * (pending writes are committed, the stories are saved). Returns 0 on a
 * clean shutdown, 1 when the server could not start or the database could
 * not be loaded (a message is printed on stderr). */
int sl_server_run(const sl_server_opts *opts);

#endif
