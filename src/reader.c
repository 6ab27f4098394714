/*
 * reader: files, directories, standard input, gzip, SGML and JSON Lines to
 * raw docs. Every item that cannot be read is reported through on_reject
 * with its name and the reason; the rest goes on.
 */
#include "reader.h"
#include "extract.h"
#include "sgml.h"
#include "util.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define DEFAULT_MAX ((size_t)32 << 20)
#define MAX_DEPTH 64

static size_t limit(const sl_reader *r) { return r->max_bytes ? r->max_bytes : DEFAULT_MAX; }

static void reject(const sl_reader *r, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void reject(const sl_reader *r, const char *source, const char *fmt, ...)
{
    if (!r->on_reject)
        return;
    sl_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    r->on_reject(r->ud, source, b.data);
    sl_buf_free(&b);
}

char *sl_path_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    size_t n = strlen(s);
    if (n > 3 && !strcmp(s + n - 3, ".gz"))
        n -= 3;
    return sl_xstrndup(s, n);
}

/* ---- gzip --------------------------------------------------------------- */

static int is_gzip(const char *b, size_t n)
{
    return n >= 2 && (unsigned char)b[0] == 0x1f && (unsigned char)b[1] == 0x8b;
}

/* Inflates gzip bytes, refusing output over max (a gzip bomb). Returns 0,
 * or -1 for corrupt data, -2 for too big. */
static int gunzip(const char *in, size_t n, size_t max, char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return -1;
    sl_buf b = {0};
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    int rc;
    do {
        sl_buf_reserve(&b, 65536);
        z.next_out = (unsigned char *)b.data + b.len;
        z.avail_out = 65536;
        rc = inflate(&z, Z_NO_FLUSH);
        b.len = (size_t)((char *)z.next_out - b.data);
        if (b.len > max) {
            inflateEnd(&z);
            sl_buf_free(&b);
            return -2;
        }
        if (rc == Z_STREAM_END && z.avail_in > 0 && is_gzip((char *)z.next_in, z.avail_in)) {
            inflateReset(&z); /* concatenated members */
            rc = Z_OK;
        }
    } while (rc == Z_OK);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        sl_buf_free(&b);
        return -1;
    }
    b.data[b.len] = 0;
    *out_len = b.len;
    *out = sl_buf_take(&b);
    return 0;
}

/* ---- JSON --------------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *repaired(const char *s)
{
    return s ? sl_utf8_repair(s, strlen(s), NULL, NULL) : NULL;
}

/* cJSON strings end at a NUL, so an escaped NUL (\u0000) would cut an id
 * or a text short: map it to U+FFFD, as raw NUL bytes are, before
 * parsing. Returns a copy to parse, or NULL when there is nothing to map. */
static char *map_nul_escapes(const char *json, size_t len)
{
    char *copy = NULL;
    for (size_t i = 0; i + 6 <= len; i++) {
        if (json[i] != '\\')
            continue;
        if (json[i + 1] != 'u') {
            i++; /* an escape of another kind, e.g. "\\" */
            continue;
        }
        if (memcmp(json + i + 2, "0000", 4))
            continue;
        if (!copy)
            copy = sl_xstrndup(json, len);
        memcpy(copy + i + 2, "fffd", 4);
        i += 5;
    }
    return copy;
}

int sl_doc_from_json(sl_doc *d, const char *json, size_t len, char **err)
{
    const char *end = NULL;
    char *mapped = map_nul_escapes(json, len);
    const char *src = mapped ? mapped : json;
    cJSON *o = cJSON_ParseWithLengthOpts(src, len, &end, 0);
    if (!o) {
        const char *e = cJSON_GetErrorPtr();
        size_t at = e && e >= src && e <= src + len ? (size_t)(e - src) : 0;
        *err = sl_xasprintf("malformed JSON near byte %zu", at);
        free(mapped);
        return SL_EFORMAT;
    }
    free(mapped);
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        *err = sl_xstrdup("JSON value is not an object");
        return SL_EFORMAT;
    }
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(o, "id");
    char idbuf[32];
    const char *id = NULL;
    if (cJSON_IsString(idv))
        id = idv->valuestring;
    else if (cJSON_IsNumber(idv)) {
        snprintf(idbuf, sizeof idbuf, "%.0f", idv->valuedouble);
        id = idbuf;
    }
    const char *text = jstr(o, "text");
    if (!text) {
        cJSON_Delete(o);
        *err = sl_xstrdup("JSON object has no string \"text\"");
        return SL_EFORMAT;
    }
    if (id && !d->id)
        d->id = repaired(id);
    free(d->raw);
    d->raw = sl_xstrdup(text);
    d->raw_len = strlen(text);
    struct { const char *key; char **field; } f[] = {
        {"title", &d->title}, {"url", &d->url}, {"published", &d->published},
        {"site", &d->site}, {"lang", &d->lang}, {"author", &d->author}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        const char *v = jstr(o, f[i].key);
        if (v && !*f[i].field)
            *f[i].field = repaired(v);
    }
    cJSON_Delete(o);
    if (!d->id) {
        *err = sl_xstrdup("JSON object has no \"id\"");
        return SL_EFORMAT;
    }
    return SL_OK;
}

/* ---- splitting ---------------------------------------------------------- */

typedef struct sgml_ctx {
    const sl_reader *r;
    const char *source;
} sgml_ctx;

static int emit(const sl_reader *r, sl_doc *d) { return r->on_doc(r->ud, d); }

/* The DOCNO of one <DOC> element, trimmed, or NULL. The id is needed
 * before extraction (to skip unchanged articles), so the reader takes it. */
static char *docno(const char *doc, size_t len)
{
    const char *end = doc + len;
    for (const char *p = doc; p + 7 <= end; p++) {
        if (strncasecmp(p, "<DOCNO>", 7))
            continue;
        p += 7;
        const char *q = p;
        while (q < end && *q != '<')
            q++;
        char *id = sl_utf8_repair(p, (size_t)(q - p), NULL, NULL);
        sl_strtrim(id);
        if (id[0])
            return id;
        free(id);
        return NULL;
    }
    return NULL;
}

static int sgml_one(void *ud, const char *doc, size_t len, size_t line)
{
    sgml_ctx *c = ud;
    sl_doc *d = sl_doc_new();
    d->id = docno(doc, len);
    d->source = sl_xasprintf("%s:%zu", c->source, line);
    d->format = SL_FMT_SGML;
    d->raw = sl_xstrndup(doc, len);
    d->raw_len = len;
    return emit(c->r, d);
}

/* One JSON Lines line (without its newline): a doc or a reject. */
static int jsonl_line(const sl_reader *r, const char *source, size_t line, const char *q,
                      size_t n)
{
    while (n && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++, n--;
    while (n && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\r'))
        n--;
    if (!n)
        return 0;
    char *err = NULL;
    sl_doc *d = sl_doc_new();
    d->source = sl_xasprintf("%s:%zu", source, line);
    if (n > limit(r)) {
        reject(r, d->source, "line of %zu bytes is over the limit of %zu", n, limit(r));
    } else if (sl_doc_from_json(d, q, n, &err) != SL_OK) {
        reject(r, d->source, "%s", err);
        free(err);
    } else {
        d->format = SL_FMT_AUTO;
        return emit(r, d);
    }
    sl_doc_free(d);
    return 0;
}

static int read_jsonl(const sl_reader *r, const char *source, const char *b, size_t n)
{
    size_t line = 0;
    const char *p = b, *end = b + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        int rc = jsonl_line(r, source, ++line, p, (size_t)(stop - p));
        if (rc)
            return rc;
        p = stop + (nl ? 1 : 0);
    }
    return 0;
}

/* Streams JSON Lines from fd after the first `have` bytes already in buf,
 * so a stream of any length is read in bounded memory: only one line is
 * held at a time, and a line over the limit is skipped, not stored. */
static int stream_jsonl(const sl_reader *r, const char *source, int fd, sl_buf *buf)
{
    size_t line = 0, start = 0, skipped = 0; /* skipped: bytes of an overlong line */
    int eof = 0, rc = 0;
    while (!rc) {
        char *nl = memchr(buf->data + start, '\n', buf->len - start);
        if (nl) {
            size_t n = (size_t)(nl - (buf->data + start));
            line++;
            if (skipped) {
                char *src = sl_xasprintf("%s:%zu", source, line);
                reject(r, src, "line of %zu bytes is over the limit of %zu", skipped + n,
                       limit(r));
                free(src);
                skipped = 0;
            } else {
                rc = jsonl_line(r, source, line, buf->data + start, n);
            }
            start += n + 1;
            continue;
        }
        if (eof)
            break;
        /* keep the partial line, drop what is consumed */
        memmove(buf->data, buf->data + start, buf->len - start);
        buf->len -= start;
        start = 0;
        if (buf->len > limit(r)) {
            skipped += buf->len;
            buf->len = 0;
        }
        sl_buf_reserve(buf, 1 << 16);
        ssize_t k = read(fd, buf->data + buf->len, 1 << 16);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            reject(r, source, "cannot read: %s", strerror(errno));
            return 0;
        }
        if (k == 0) {
            eof = 1;
            if (buf->len > start || skipped) { /* last line without newline */
                sl_buf_putc(buf, '\n');
            }
            continue;
        }
        buf->len += (size_t)k;
    }
    return rc;
}

int sl_read_bytes(const sl_reader *r, const char *source, const char *bytes,
                  size_t len, sl_format fmt)
{
    char *owned = NULL;
    if (is_gzip(bytes, len)) {
        size_t n;
        int rc = gunzip(bytes, len, limit(r), &owned, &n);
        if (rc == -2) {
            reject(r, source, "decompressed size is over the limit of %zu bytes", limit(r));
            return 0;
        }
        if (rc < 0) {
            reject(r, source, "corrupt gzip data");
            return 0;
        }
        bytes = owned;
        len = n;
    }
    if (len == 0) {
        reject(r, source, "empty file");
        free(owned);
        return 0;
    }
    if (len > limit(r)) {
        reject(r, source, "%zu bytes is over the limit of %zu", len, limit(r));
        free(owned);
        return 0;
    }
    if (fmt == SL_FMT_AUTO)
        fmt = sl_detect_format(source, bytes, len);
    int rc = 0;
    if (fmt == SL_FMT_JSONL) {
        rc = read_jsonl(r, source, bytes, len);
    } else if (fmt == SL_FMT_SGML) {
        sgml_ctx c = {r, source};
        rc = sl_sgml_each(bytes, len, sgml_one, &c);
    } else {
        sl_doc *d = sl_doc_new();
        d->source = sl_xstrdup(source);
        d->format = fmt;
        if (fmt == SL_FMT_JSON) {
            char *err = NULL;
            if (sl_doc_from_json(d, bytes, len, &err) != SL_OK) {
                reject(r, source, "%s", err);
                free(err);
                sl_doc_free(d);
                free(owned);
                return 0;
            }
            d->format = SL_FMT_AUTO;
        } else {
            d->id = sl_path_basename(source);
            d->raw = sl_xstrndup(bytes, len);
            d->raw_len = len;
        }
        rc = emit(r, d);
    }
    free(owned);
    return rc;
}

/* ---- files -------------------------------------------------------------- */

/* Reads the rest of fd into b (which may hold bytes already), stopping
 * once more than max bytes are held; nothing when at_eof says a read
 * already found the end. */
static int read_fd(int fd, size_t max, sl_buf *b, int *too_big, int at_eof)
{
    *too_big = 0;
    while (!at_eof && b->len <= max) {
        sl_buf_reserve(b, 65536);
        ssize_t k = read(fd, b->data + b->len, 65536);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (k == 0)
            break;
        b->len += (size_t)k;
    }
    sl_buf_reserve(b, 0);
    b->data[b->len] = 0;
    *too_big = b->len > max;
    return 0;
}

typedef struct dir_stack {
    dev_t dev[MAX_DEPTH];
    ino_t ino[MAX_DEPTH];
    int n;
} dir_stack;

static int read_any(const sl_reader *r, const char *path, dir_stack *st);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_dir(const sl_reader *r, const char *path, struct stat *sb, dir_stack *st)
{
    for (int i = 0; i < st->n; i++)
        if (st->dev[i] == sb->st_dev && st->ino[i] == sb->st_ino) {
            reject(r, path, "symbolic link loop");
            return 0;
        }
    if (st->n >= MAX_DEPTH) {
        reject(r, path, "directories nested deeper than %d", MAX_DEPTH);
        return 0;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        reject(r, path, "cannot open directory: %s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue; /* ".", "..", hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = sl_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = sl_xstrdup(de->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    st->dev[st->n] = sb->st_dev;
    st->ino[st->n] = sb->st_ino;
    st->n++;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            size_t pl = strlen(path);
            char *child = sl_xasprintf("%s%s%s", path, pl && path[pl - 1] == '/' ? "" : "/",
                                       names[i]);
            rc = read_any(r, child, st);
            free(child);
        }
        free(names[i]);
    }
    free(names);
    st->n--;
    return rc;
}

/* Reads one file (or stdin). JSON Lines are streamed line by line, so the
 * size limit applies per line; anything else is read whole, up to the
 * limit. */
static int read_file(const sl_reader *r, const char *path, int fd)
{
    sl_buf b = {0};
    int too_big, rc = 0, eof = 0;
    /* peek at the start to tell JSON Lines (a smaller file is then read
     * whole: no third read to find its end again) */
    while (b.len < 65536) {
        sl_buf_reserve(&b, 65536 - b.len);
        ssize_t k = read(fd, b.data + b.len, 65536 - b.len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            reject(r, path, "cannot read: %s", strerror(errno));
            sl_buf_free(&b);
            return 0;
        }
        if (k == 0) {
            eof = 1;
            break;
        }
        b.len += (size_t)k;
    }
    if (b.len && !is_gzip(b.data, b.len) &&
        sl_detect_format(path, b.data, b.len) == SL_FMT_JSONL) {
        rc = stream_jsonl(r, path, fd, &b);
    } else if (read_fd(fd, limit(r), &b, &too_big, eof) < 0) {
        reject(r, path, "cannot read: %s", strerror(errno));
    } else if (too_big) {
        reject(r, path, "file is over the size limit of %zu bytes", limit(r));
    } else {
        rc = sl_read_bytes(r, path, b.data ? b.data : "", b.len, SL_FMT_AUTO);
    }
    sl_buf_free(&b);
    return rc;
}

static int read_any(const sl_reader *r, const char *path, dir_stack *st)
{
    struct stat sb;
    if (stat(path, &sb) < 0) {
        if (errno == ELOOP)
            reject(r, path, "symbolic link loop");
        else
            reject(r, path, "cannot open: %s", strerror(errno));
        return 0;
    }
    if (S_ISDIR(sb.st_mode))
        return read_dir(r, path, &sb, st);
    if (!S_ISREG(sb.st_mode)) {
        reject(r, path, "not a regular file");
        return 0;
    }
    if ((size_t)sb.st_size > limit(r) && !sl_str_endswith(path, ".gz") &&
        !sl_str_endswith(path, ".jsonl")) {
        reject(r, path, "file of %lld bytes is over the size limit of %zu bytes",
               (long long)sb.st_size, limit(r));
        return 0;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        reject(r, path, "cannot open: %s", strerror(errno));
        return 0;
    }
    int rc = read_file(r, path, fd);
    close(fd);
    return rc;
}

int sl_read_path(const sl_reader *r, const char *path)
{
    if (!strcmp(path, "-"))
        return read_file(r, "-", STDIN_FILENO);
    dir_stack st;
    st.n = 0;
    return read_any(r, path, &st);
}
