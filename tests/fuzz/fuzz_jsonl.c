/*
 * fuzz_jsonl: JSON Lines through the reader. The first byte picks the
 * per-line size limit (small limits exercise the "line over the limit"
 * paths) and the path: even = in memory (sl_read_bytes), odd = streamed
 * from standard input through a pipe (sl_read_path "-"), which is the
 * line-by-line reader with its own buffer handling. Every doc is
 * extracted; checks: doc fields valid UTF-8, a source "NAME:LINE" naming
 * a line that exists (or "-" for standard input that is not JSON Lines),
 * rejects carry a message.
 */
#include "extract.h"
#include "fuzz_common.h"
#include "reader.h"

#include <unistd.h>

typedef struct ctx {
    size_t lines; /* lines in the input */
} ctx;

static size_t line_of(const char *source)
{
    const char *colon = source ? strrchr(source, ':') : NULL;
    if (!colon)
        return 0;
    return (size_t)strtoull(colon + 1, NULL, 10);
}

static int on_doc(void *ud, sl_doc *d)
{
    ctx *c = ud;
    /* standard input not detected as JSON Lines is one doc named "-" */
    size_t line = line_of(d->source);
    if (strcmp(d->source, "-") && (line < 1 || line > c->lines))
        fuzz_fail("jsonl doc source names no line of the input");
    fuzz_extract_and_check(d);
    return 0;
}

/* Feeds the bytes to the reader as standard input through a pipe (at
 * most what fits the pipe buffer, so the write cannot block). */
static void via_stdin(const sl_reader *r, const uint8_t *data, size_t size)
{
    int fds[2];
    if (pipe(fds) < 0)
        return;
    if (size > 60000)
        size = 60000;
    size_t off = 0;
    while (off < size) {
        ssize_t k = write(fds[1], data + off, size - off);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    close(fds[1]);
    int saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    sl_read_path(r, "-");
    dup2(saved, 0);
    close(saved);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    data++;
    size--;
    ctx c = {1};
    for (size_t i = 0; i < size; i++)
        c.lines += data[i] == '\n';
    /* limit: 0 (default 32 MiB) or 8..1000 bytes */
    size_t lim = (mode >> 1) == 0 ? 0 : 8 * (mode >> 1);
    sl_reader r = {lim, on_doc, fuzz_on_reject, &c};
    if (mode & 1)
        via_stdin(&r, data, size);
    else
        sl_read_bytes(&r, "fuzz.jsonl", (const char *)data, size, SL_FMT_JSONL);
    return 0;
}
