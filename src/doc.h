/*
 * doc: the article as it flows through the pipeline.
 *
 * bytes -> reader (raw doc: id, source, bytes, format, hints)
 *       -> extract (clean text and metadata filled in)
 *       -> cluster / views / store.
 * Every string is NUL-terminated, valid UTF-8 and owned by the doc;
 * sl_doc_free releases them all. Unknown fields are NULL (pub_time
 * SL_TIME_UNKNOWN).
 */
#ifndef SL_DOC_H
#define SL_DOC_H

#include <stddef.h>
#include <stdint.h>

#define SL_TIME_UNKNOWN INT64_MIN

typedef enum sl_format {
    SL_FMT_AUTO = 0,
    SL_FMT_TEXT,
    SL_FMT_HTML,
    SL_FMT_SGML,
    SL_FMT_JSONL,
    SL_FMT_JSON  /* one JSON object with the JSONL fields (HTTP bodies) */
} sl_format;

typedef struct sl_doc {
    char *id;         /* article id (JSONL id, SGML DOCNO or file base name) */
    char *source;     /* where it came from: path, "path:line", "-", "http" */
    sl_format format; /* format it was read as */
    char *raw;        /* raw bytes as read (decompressed), NUL-terminated */
    size_t raw_len;
    /* Filled by extraction (or given as metadata by the caller). */
    char *title;
    char *published;  /* ISO 8601 as found/normalised, or NULL */
    int64_t pub_time; /* seconds since epoch, or SL_TIME_UNKNOWN */
    char *site;
    char *author;
    char *url;
    char *lang;       /* ISO 639-1 code ("en", "ru"), or NULL if unknown */
    char *text;       /* cleaned body; paragraphs separated by "\n\n" */
    uint64_t hash;    /* hash of raw bytes + caller metadata */
} sl_doc;

sl_doc *sl_doc_new(void);
void sl_doc_free(sl_doc *d);
/* Replaces *field with a copy of value (NULL clears it). */
void sl_doc_set(char **field, const char *value);

struct sl_buf;
/* Appends the cleaned article as the JSON object of `storyline extract
 * --json`: {"id","title","published","site","author","url","lang","text"}. */
void sl_doc_json(struct sl_buf *out, const sl_doc *d);

#endif
