/*
 * storyline.h: the whole public API of libstoryline. Nothing outside this
 * header is public.
 *
 * Storyline turns a pile of news articles (plain text, HTML, TREC/DUC SGML,
 * JSON Lines) into stories: each article is cleaned, duplicates are folded,
 * articles about the same event are grouped, related events are linked and
 * each story gets its views (headline, summary, timeline, quotes, entities).
 *
 * Conventions
 *  - Functions that can fail return an int status: SL_OK (0) or a negative
 *    SL_E* code. Objects come back through out-parameters.
 *  - sl_strerror(code) describes a code; sl_engine_errmsg(engine) gives the
 *    message of the engine's last failure, naming the item and the reason.
 *  - Strings are UTF-8 and NUL-terminated. Returned "const char *" strings
 *    are borrowed: they belong to the engine and stay valid until the next
 *    call that changes the engine (add, remove, cluster) or until close.
 *    Returned "char *" strings belong to the caller, who frees them with
 *    sl_free().
 *  - Out of memory aborts the process with a message (one policy, decided
 *    once); no function returns an out-of-memory status.
 *  - An engine is not thread-safe: callers serialise access to it.
 */
#ifndef STORYLINE_H
#define STORYLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SL_VERSION "0.1.0"

/* Status codes. */
enum {
    SL_OK = 0,
    SL_EINVAL = -1,    /* bad argument */
    SL_EIO = -2,       /* cannot read or write a file */
    SL_EFORMAT = -3,   /* malformed input (JSON, SGML, ...) */
    SL_ETOOBIG = -4,   /* input over a configured limit */
    SL_EEMPTY = -5,    /* input holds no article text */
    SL_EBINARY = -6,   /* input is binary, not text */
    SL_EDB = -7,       /* database error */
    SL_ENOTFOUND = -8, /* no such article or story */
    SL_ELOOP = -9      /* symbolic link loop */
};

/* What sl_add_article did (its *outcome). */
enum {
    SL_ADDED = 1,     /* a new article */
    SL_UNCHANGED = 2, /* same id and content as stored: nothing changed */
    SL_REPLACED = 3   /* same id, new content: replaced and reclustered */
};

typedef struct sl_engine sl_engine;
typedef struct sl_story sl_story;

/* Options for sl_engine_open; zero-initialise and set what you need. */
typedef struct sl_options {
    size_t max_input_bytes; /* per file/article; 0 means 32 MiB */
} sl_options;

/* Optional metadata given with an article; any field may be NULL. Values
 * given here win over what extraction finds. */
typedef struct sl_meta {
    const char *title;
    const char *url;
    const char *published; /* ISO 8601 */
    const char *site;
    const char *author;
    const char *lang;      /* ISO 639-1 */
    const char *source;    /* where the bytes came from (path, "http") */
    int format;            /* 0 = detect; see sl_format_name */
} sl_meta;

/* Optional process-wide setup, for a program whose only use of SQLite is
 * through storyline: call it once, first, before any thread uses SQLite
 * (it is not thread-safe). It turns off SQLite's memory statistics
 * (sqlite3_memory_used, the heap limits), which storyline never reads, so
 * that SQLite's allocations take no lock (2% of an ingest's instructions).
 * Returns SL_OK, or SL_EINVAL, changing nothing, once SQLite is in use in
 * the process. */
int sl_init_process(void);

/* Describes a status code (static string). */
const char *sl_strerror(int code);
/* Releases memory returned by the library. NULL is fine. */
void sl_free(void *p);

/* Opens an engine on the SQLite database at path, creating or migrating it
 * as needed; path NULL or ":memory:" keeps everything in memory. opts may
 * be NULL. On failure the return is negative and *out may still hold an
 * engine whose sl_engine_errmsg says why; close it with sl_engine_close.
 * A database whose stories the last sl_cluster saved (no article written
 * since) opens with those stories, without recounting its articles or
 * reading their texts (read when a view asks for them); the
 * first add, remove or sl_why pays for that instead (sl_why without the
 * related links, which the first change makes). sl_why leaves the
 * stories, and the pointers to them, as they were. */
int sl_engine_open(const char *path, const sl_options *opts, sl_engine **out);
/* Closes the engine, writing nothing further. NULL is fine. */
void sl_engine_close(sl_engine *e);
/* Message of the last failure ("" if none); borrowed. */
const char *sl_engine_errmsg(const sl_engine *e);

/* Adds one article from raw bytes (any format; detected unless
 * meta->format says). The article is extracted, stored and assigned to a
 * story at once. outcome (may be NULL) receives SL_ADDED, SL_UNCHANGED or
 * SL_REPLACED. Invalid UTF-8 is repaired. */
int sl_add_article(sl_engine *e, const char *id, const void *bytes, size_t len,
                   const sl_meta *meta, int *outcome);

/* Called once per rejected item by sl_add_path: source names the item
 * (file, or "file:line"), message the reason. */
typedef void (*sl_reject_fn)(void *ud, const char *source, const char *message);

/* Reads a file, a directory (recursively, in byte order of names) or "-"
 * (standard input) and adds every article in it. Items that cannot be read
 * are reported to reject (may be NULL) and skipped; the rest is added.
 * *n_added (may be NULL) receives the number of articles accepted. Returns
 * SL_OK unless the engine itself failed (e.g. the database). */
int sl_add_path(sl_engine *e, const char *path, sl_reject_fn reject, void *ud,
                size_t *n_added);
/* The same for n paths, in one transaction: `ingest --db F *.html` gives
 * each file as a path, and a commit of its own for each made a glob of
 * files several times slower than their directory. If the engine fails,
 * none of them is added. */
int sl_add_paths(sl_engine *e, const char *const *paths, size_t n, sl_reject_fn reject,
                 void *ud, size_t *n_added);

/* Removes an article; SL_ENOTFOUND if there is none. */
int sl_remove_article(sl_engine *e, const char *id);

/* Finishes a batch: revisits clustering decisions and saves the stories. */
int sl_cluster(sl_engine *e);

/* Stories, in display order (largest and most recent first). */
size_t sl_story_count(sl_engine *e);
/* Borrowed story at index i (< sl_story_count), or NULL. */
const sl_story *sl_story_at(sl_engine *e, size_t i);
/* Borrowed story by id, or NULL. */
const sl_story *sl_story_find(sl_engine *e, int64_t id);
/* The live story that story id is now part of: id itself while it lives;
 * once it merged into another story (see "merged" in README "JSON
 * formats"), that story, followed through later merges; 0 if none (an
 * unknown id, or a story whose articles were all removed). */
int64_t sl_story_resolve(sl_engine *e, int64_t id);
int64_t sl_story_id(const sl_story *s);
size_t sl_story_article_count(const sl_story *s);
/* Borrowed id of the i-th article of the story. */
const char *sl_story_article_id(const sl_story *s, size_t i);
/* Borrowed headline of the story. */
const char *sl_story_headline(sl_engine *e, const sl_story *s);

/* JSON of one story with all its views (see README "JSON formats");
 * caller frees with sl_free. */
char *sl_story_json(sl_engine *e, const sl_story *s);

/* Cleaned article as JSON ({"id","title","published","site","author",
 * "url","lang","text"}); NULL if unknown. Caller frees with sl_free. */
char *sl_article_json(sl_engine *e, const char *id);

/* Why two articles are (or are not) in one story: JSON with "same_story",
 * the similarity parts that decided it, and for one story the chain of
 * members that links them and the merges that built it (README "JSON
 * formats"). *out (caller frees with
 * sl_free) is set on success; SL_ENOTFOUND names the unknown id. */
int sl_why(sl_engine *e, const char *id1, const char *id2, char **out);

/* Summary of all the engine's articles taken as one story, as plain text
 * (one sentence per line), at most about `words` words (0 = automatic).
 * Caller frees with sl_free. */
char *sl_summarize_all(sl_engine *e, int words);

/* Readable text of a story with all its views. Caller frees with sl_free. */
char *sl_story_text(sl_engine *e, const sl_story *s);

#ifdef __cplusplus
}
#endif
#endif
