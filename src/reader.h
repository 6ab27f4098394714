/*
 * reader: turns paths and byte streams into raw docs (id, source, format,
 * bytes, caller metadata). Walks directories recursively in byte order of
 * names, reads "-" as standard input, decompresses gzip, splits SGML files
 * into their <DOC>s and JSON Lines into their lines. It does not extract:
 * that is the next stage's job.
 */
#ifndef SL_READER_H
#define SL_READER_H

#include "doc.h"
#include "storyline.h"

/* Receives each raw doc; takes ownership of d. A non-zero return stops
 * reading and is returned by the reader. */
typedef int (*sl_doc_fn)(void *ud, sl_doc *d);

typedef struct sl_reader {
    size_t max_bytes;     /* per file or per article; 0 means 32 MiB */
    sl_doc_fn on_doc;
    sl_reject_fn on_reject;
    void *ud;
} sl_reader;

/* Reads a file, directory or "-". Returns 0, or what on_doc returned. */
int sl_read_path(const sl_reader *r, const char *path);

/* Splits bytes from source (file name used for the default id and as a
 * format hint) into raw docs. fmt SL_FMT_AUTO detects. The bytes are
 * copied. Returns 0, or what on_doc returned. */
int sl_read_bytes(const sl_reader *r, const char *source, const char *bytes,
                  size_t len, sl_format fmt);

/* Fills d's metadata from a JSON object (JSONL line or HTTP body) with
 * "id", "text" and optional "title", "url", "published", "site", "lang",
 * "author". Returns SL_OK or SL_EFORMAT with *err set (caller frees). */
int sl_doc_from_json(sl_doc *d, const char *json, size_t len, char **err);

/* Base name of a path without directories ("a/b/c.txt" -> "c.txt");
 * a trailing ".gz" is dropped. Caller frees. */
char *sl_path_basename(const char *path);

#endif
