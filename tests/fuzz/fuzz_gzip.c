/*
 * fuzz_gzip: format detection and gzip through sl_read_bytes (AUTO). The
 * first byte picks the file name given as a hint (.txt, .html, .jsonl,
 * .gz, none), a small or default size limit, and what the rest becomes:
 *   0  the bytes as they are (also corrupt gzip when they start 1f 8b),
 *   1  the bytes gzip-compressed first (the decompressed content is then
 *      detected and split like a plain file; small limits hit the
 *      "decompressed size is over the limit" path),
 *   2  compressed, then one byte flipped (corrupt streams, bad CRC),
 *   3  compressed twice as two concatenated members.
 * Checks: every doc extracts within the doc contract; no doc is larger
 * than the limit.
 */
#include "extract.h"
#include "fuzz_common.h"
#include "reader.h"

#include <zlib.h>

typedef struct ctx {
    size_t limit;
} ctx;

static int on_doc(void *ud, sl_doc *d)
{
    ctx *c = ud;
    if (d->raw_len > c->limit)
        fuzz_fail("reader emitted a doc over the limit");
    fuzz_extract_and_check(d);
    return 0;
}

/* Appends the gzip member of in[0..n) to b. */
static void gz(sl_buf *b, const uint8_t *in, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    size_t cap = deflateBound(&z, (uLong)n) + 32;
    sl_buf_reserve(b, cap);
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)n;
    z.next_out = (unsigned char *)b->data + b->len;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        abort();
    b->len += cap - z.avail_out;
    deflateEnd(&z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const char *names[] = {"fuzz.txt", "fuzz.html", "fuzz.jsonl", "fuzz.gz",
                                  "fuzz"};
    unsigned m = data[0], flip = data[1];
    const char *name = names[(m >> 2) % 5];
    size_t lim = (m & 0x20) ? 64 + 16 * (size_t)(flip & 0x3f) : 0;
    data += 2;
    size -= 2;
    ctx c = {lim ? lim : (size_t)32 << 20};
    sl_reader r = {lim, on_doc, fuzz_on_reject, &c};
    sl_buf b = {0};
    switch (m & 3) {
    case 0:
        sl_buf_append(&b, data, size);
        break;
    case 1:
        gz(&b, data, size);
        break;
    case 2:
        gz(&b, data, size);
        b.data[(size_t)flip * 7 % b.len] ^= (char)(1u << (flip % 8));
        break;
    default:
        gz(&b, data, size / 2);
        gz(&b, data + size / 2, size - size / 2);
        break;
    }
    sl_read_bytes(&r, name, b.data ? b.data : "", b.len, SL_FMT_AUTO);
    sl_buf_free(&b);
    return 0;
}
