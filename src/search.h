/*
 * search: full-text search over the stored articles with SQLite FTS5
 * (the store keeps the articles_fts index, in a file of its own). BM25
 * ranking with titles weighted above bodies, phrase ("...") and prefix
 * (term*) queries, highlighted snippets, date and language filters.
 *
 * Searches run on a small pool of read-only connections of their own, so
 * they never wait for the engine or the writer (WAL lets readers run while
 * a transaction is open; they see committed data only). Articles become
 * searchable when the store's deferred index reaches them (store.h).
 * Finished searches are cached until the index generation changes (see
 * "How the cache works" in search.c); SL_SEARCH_CACHE=0 turns that off.
 */
#ifndef SL_SEARCH_H
#define SL_SEARCH_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

typedef struct sl_search sl_search;

typedef struct sl_search_query {
    const char *q;         /* FTS5 query; malformed ones are retried as plain terms */
    int64_t since, until;  /* publication time bounds, INT64_MIN / INT64_MAX = none */
    const char *lang;      /* ISO 639-1 or NULL */
    int limit;             /* maximum hits (1..1000) */
    int snippets;          /* how many of the first hits get a snippet */
} sl_search_query;

typedef struct sl_search_hit {
    char *id, *title, *site, *published, *lang;
    char *snippet;         /* HTML-escaped, matches wrapped in <mark></mark>;
                            * "" past the first q->snippets hits */
    int64_t story;
    double score;          /* BM25 (smaller is better, as SQLite gives it) */
    int64_t seq;           /* the article's row (articles.seq) */
} sl_search_hit;

/* Opens n read-only connections on the database file path. Returns NULL
 * with *err set (caller frees) on failure. */
sl_search *sl_search_open(const char *path, int n, char **err);
void sl_search_close(sl_search *s);

/* Runs a query. On SL_OK *hits (caller frees with sl_search_hits_free)
 * holds *n hits, best first; *plain is set when the query had to be
 * reduced to plain terms. On SL_EFORMAT or SL_EDB *err says why (caller
 * frees). */
int sl_search_run(sl_search *s, const sl_search_query *q, sl_search_hit **hits, size_t *n,
                  int *plain, char **err);
void sl_search_hits_free(sl_search_hit *hits, size_t n);
/* Frees one hit's strings and zeroes it (not the hit itself). */
void sl_search_hits_free_one(sl_search_hit *x);

/* Reduces a query to plain terms: each word quoted, a trailing '*' kept as
 * a prefix; "" if there is none. Caller frees. */
char *sl_search_plain(const char *q);

#endif
