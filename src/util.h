/*
 * util: memory, growable byte buffers and small string helpers shared by
 * every module.
 *
 * Out-of-memory policy (decided once, as in cmark and Redis): the sl_x*
 * allocators abort the process with a message when memory runs out, so no
 * caller checks for NULL.
 */
#ifndef SL_UTIL_H
#define SL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <string.h>
#include <pthread.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void *sl_xmalloc(size_t n);
void *sl_xcalloc(size_t n, size_t size);
void *sl_xrealloc(void *p, size_t n);
/* Copies of strings; the caller frees. sl_xstrdup(NULL) returns NULL. */
char *sl_xstrdup(const char *s);
char *sl_xstrndup(const char *s, size_t n);
char *sl_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* This thread's value of key: n zeroed blocks of size bytes made at the
 * thread's first call (the key's destructor frees them when it ends). */
void *sl_thread_value(pthread_key_t key, size_t n, size_t size);

/* A growable byte buffer, always NUL-terminated after the first append.
 * Zero-initialise ({0}) to start; sl_buf_free releases it; sl_buf_take
 * hands the bytes to the caller (who frees them) and resets the buffer. */
typedef struct sl_buf {
    char *data;
    size_t len;
    size_t cap;
} sl_buf;

/* Makes room for extra more bytes and the NUL (sl_buf_reserve's slow
 * path, out of line). */
void sl_buf_grow(sl_buf *b, size_t extra);
/* The appenders are inline: the views call them for every word of every
 * name and every piece of JSON, and most calls only copy a few bytes. */
static inline void sl_buf_reserve(sl_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap)
        sl_buf_grow(b, extra);
}
static inline void sl_buf_append(sl_buf *b, const void *p, size_t n)
{
    sl_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}
static inline void sl_buf_puts(sl_buf *b, const char *s) { sl_buf_append(b, s, strlen(s)); }
static inline void sl_buf_putc(sl_buf *b, char c)
{
    sl_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
/* Little-endian integers of a saved binary form: appended to b, and read
 * back from p (the caller has checked there is room). */
static inline void sl_buf_put_u32(sl_buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    sl_buf_append(b, p, 4);
}
static inline void sl_buf_put_u64(sl_buf *b, uint64_t v)
{
    sl_buf_put_u32(b, (uint32_t)v);
    sl_buf_put_u32(b, (uint32_t)(v >> 32));
}
static inline uint32_t sl_rd_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t sl_rd_u64(const unsigned char *p)
{
    return sl_rd_u32(p) | (uint64_t)sl_rd_u32(p + 4) << 32;
}
void sl_buf_printf(sl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal ("%lld" without printf's cost: JSON writers call
 * it for every number of every story). */
void sl_buf_put_int(sl_buf *b, long long v);
/* Appends v with three decimals, as "%.3f" writes it (ties to even; a
 * value a rounding error away from a tie, like 0.0005, may round the other
 * way). NaN, infinities and |v| >= 1e15 go to printf. */
void sl_buf_put_fixed3(sl_buf *b, double v);
void sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap);
char *sl_buf_take(sl_buf *b);
void sl_buf_reset(sl_buf *b);
void sl_buf_free(sl_buf *b);
/* Appends s as a JSON string literal (quotes included, escapes applied;
 * s must be valid UTF-8). NULL appends null. */
void sl_buf_json_str(sl_buf *b, const char *s);
void sl_buf_json_strn(sl_buf *b, const char *s, size_t n);
/* Appends s for a terminal: control characters (C0, DEL) are written as
 * C-style escapes ("\n", "\x1b"), so text from input cannot forge lines
 * or drive the terminal. NULL appends "(null)". */
void sl_buf_put_printable(sl_buf *b, const char *s);

/* Repairs UTF-8: invalid or overlong sequences, surrogates and NUL bytes
 * become U+FFFD. Returns a new NUL-terminated string (caller frees) and
 * stores its length in *out_len if not NULL. *n_repaired (if not NULL)
 * receives the number of replacements. */
char *sl_utf8_repair(const char *s, size_t n, size_t *out_len, size_t *n_repaired);
/* Decodes one UTF-8 code point at s (n bytes available); returns its
 * length (1..4) and stores the code point, or -1 for invalid input. */
int sl_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Unicode classes of a code point, for the word scanners (from utf8proc):
 * SL_CP_LETTER categories Lu..Lo, SL_CP_UPPER Lu, SL_CP_MARK Mn and Mc
 * (combining marks, part of a word in Devanagari and others), SL_CP_DIGIT
 * Nd. */
enum { SL_CP_LETTER = 1, SL_CP_UPPER = 2, SL_CP_MARK = 4, SL_CP_DIGIT = 8 };
typedef struct sl_cpinfo {
    uint8_t cls;   /* SL_CP_* bits */
    int32_t lower; /* the lower-case code point */
} sl_cpinfo;
/* The code points below SL_CP_SMALL (one and two bytes of UTF-8: Latin,
 * Greek, Cyrillic, Hebrew, Arabic...: nearly every character of a news
 * text) have their classes in a table filled once; scanners fetch it once
 * per call and index it, and ask the functions below for the rest. */
#define SL_CP_SMALL 0x800
const sl_cpinfo *sl_cp_table(void); /* thread-safe, never NULL */
unsigned sl_cp_class(int32_t cp);   /* any code point */
int32_t sl_cp_lower(int32_t cp);    /* any code point */
/* The classes of the rest of the Basic Multilingual Plane (three bytes of
 * UTF-8), filled before sl_cp_table() first returns. */
extern uint8_t sl_cp_bmp_cls[0x10000];
/* The classes of cp: from T (sl_cp_table(), fetched once by the caller)
 * for one and two bytes, sl_cp_bmp_cls for three, else sl_cp_class. */
static inline unsigned sl_cp_class_in(const sl_cpinfo *T, int32_t cp)
{
    return cp < SL_CP_SMALL ? T[cp].cls : cp < 0x10000 ? sl_cp_bmp_cls[cp] : sl_cp_class(cp);
}
#ifdef __SSE2__
/* The bytes of v in [lo, hi] as lanes of 0xFF, the others 0, for ASCII
 * bounds (0 <= lo <= hi < 0x7F): a byte of 0x80 or more is never in (it
 * compares as negative). */
static inline __m128i sl_sse_in_range(__m128i v, char lo, char hi)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}
#endif

/* The first index from i on (below n) whose byte is one of set[0..k),
 * or n: sixteen bytes at a time where SSE2 is there (k at most 8 then).
 * For scanners that act on a few bytes and pass the rest by (give set and
 * k as constants: inline, the compares unroll). */
static inline size_t sl_find_any(const char *s, size_t i, size_t n, const char *set, int k)
{
#ifdef __SSE2__
    if (i + 16 <= n) {
        __m128i needle[8];
        for (int j = 0; j < k && j < 8; j++)
            needle[j] = _mm_set1_epi8(set[j]);
        for (; i + 16 <= n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i m = _mm_cmpeq_epi8(x, needle[0]);
            for (int j = 1; j < k && j < 8; j++)
                m = _mm_or_si128(m, _mm_cmpeq_epi8(x, needle[j]));
            unsigned mask = (unsigned)_mm_movemask_epi8(m);
            if (mask)
                return i + (size_t)__builtin_ctz(mask);
        }
    }
#endif
    uint64_t bits[4] = {0, 0, 0, 0}; /* the rest by a bit per byte value */
    for (int j = 0; j < k; j++)
        bits[(unsigned char)set[j] >> 6] |= 1ull << ((unsigned char)set[j] & 63);
    for (; i < n; i++)
        if (bits[(unsigned char)s[i] >> 6] >> ((unsigned char)s[i] & 63) & 1)
            return i;
    return n;
}
/* The characters of s[0..n): its bytes that do not continue a UTF-8
 * sequence. */
static inline size_t sl_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}
/* sl_utf8_decode with ASCII, two- and three-byte sequences (Latin, Greek,
 * Cyrillic..., the rest of the BMP) decided inline, for scanners that decode every character;
 * n > 0. */
/* The largest character boundary of s at or below n (s[n] must be
 * readable): a cut there splits no UTF-8 sequence. */
static inline size_t sl_utf8_floor(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}
/* Is c the first byte of a character of U+0400..U+04FF (Cyrillic)? */
static inline int sl_cyrillic_lead(unsigned char c) { return (c & 0xFC) == 0xD0; }

static inline int sl_utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        /* three bytes (Indic and East Asian scripts, punctuation); not
         * overlong, no surrogate */
        int32_t v = ((int32_t)(s[0] & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
        return -1;
    }
    return sl_utf8_decode(s, n, cp);
}
/* Encodes cp into out (at least 4 bytes); returns the length. */
int sl_utf8_encode(int32_t cp, char *out);
/* The lower-case code point of the character at s (n > 0 bytes), T from
 * sl_cp_table() (fetched once by the caller); *len is its length in bytes
 * (1 for a broken byte, which is returned as it is). Case pairs of one and
 * two bytes (Latin, Greek, Cyrillic) come from the table. */
static inline int32_t sl_lower_at_in(const sl_cpinfo *T, const char *s, size_t n, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return (unsigned)(u[0] - 'A') < 26 ? u[0] | 32 : u[0];
    }
    int32_t cp;
    int k = sl_utf8_next(u, n, &cp);
    *len = k > 0 ? k : 1;
    if (k <= 0)
        return u[0];
    return cp < SL_CP_SMALL ? T[cp].lower : sl_cp_lower(cp);
}
/* Writes s[0..n) lower-cased (letter by letter, as sl_lower_at_in) into
 * out[0..cap) and returns its length, stopping while a character might not
 * fit with a NUL after it; *whole (when given) says whether all of s
 * went in. */
static inline size_t sl_lower_word_in(const sl_cpinfo *T, const char *s, size_t n, char *out,
                                      size_t cap, int *whole)
{
    size_t k = 0, i = 0;
    while (i < n && k + 4 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII, the common case: a byte each */
            out[k++] = (char)((unsigned)(c - 'A') < 26 ? c | 32 : c);
            i++;
            continue;
        }
        int l;
        int32_t cp = sl_lower_at_in(T, s + i, n - i, &l);
        if (cp >= 0x80 && cp < 0x800) { /* Cyrillic, Greek, accented Latin: two bytes */
            out[k++] = (char)(0xC0 | (cp >> 6));
            out[k++] = (char)(0x80 | (cp & 0x3F));
        } else {
            k += (size_t)sl_utf8_encode(cp, out + k);
        }
        i += (size_t)l;
    }
    if (whole)
        *whole = i >= n;
    return k;
}

/* Trims ASCII and Unicode whitespace at both ends, in place; returns s. */
char *sl_strtrim(char *s);
bool sl_str_startswith(const char *s, const char *prefix);
/* Words of s[0..n): runs of bytes other than space, tab and newline. */
int sl_count_words(const char *s, size_t n);
/* True when the n bytes at w equal one of the strings of the NULL-ended
 * list exactly (n == 0 is never in it). */
bool sl_word_in_list(const char *const *list, const char *w, size_t n);
/* The same look-up by hash, for lists asked at every word: a read-only set
 * over n items of stride bytes each (kept by the caller, e.g. static),
 * each starting with its string (a const char *: a list of strings, or a
 * table of structs whose first field is the name). A string listed twice
 * is found at its first index. Built once; its memory is kept for the
 * process. */
typedef struct sl_wordset {
    const char *items;
    size_t stride;
    uint32_t *slot; /* item index plus one; 0 is an empty slot */
    uint8_t *len;   /* the string's length (255: longer), a cheap pre-test */
    size_t mask;
    /* bit min(length, 63) of [first byte]: is there an item of that length
     * opening on that byte? Most words asked about are refused here,
     * before they are hashed. */
    uint64_t first_len[256];
} sl_wordset;
void sl_wordset_build(sl_wordset *ws, const void *items, size_t n, size_t stride);
/* The set of a NULL-ended list of strings. */
void sl_wordset_build_list(sl_wordset *ws, const char *const *list);
/* Index of the item whose string equals w[0..n), or -1 (always for n == 0). */
long sl_wordset_find(const sl_wordset *ws, const char *w, size_t n);
bool sl_str_endswith(const char *s, const char *suffix);
/* Case-insensitive ASCII substring search; returns a pointer or NULL. */
const char *sl_strcasestr(const char *hay, const char *needle);

/* 64-bit hash of bytes (xxHash3). */
uint64_t sl_hash64(const void *p, size_t n);

/* qsort comparisons of uint32_t and uint64_t, ascending. */
int sl_cmp_u32(const void *a, const void *b);
int sl_cmp_u64(const void *a, const void *b);

/* Seconds since the epoch for an ISO 8601 date-time ("2020-12-15",
 * "2020-12-15T10:00:00Z", "...+03:00", "2020-12-15 10:00:00"); returns
 * false when s is not one. */
bool sl_parse_iso8601(const char *s, int64_t *out);
/* Formats t (UTC) as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void sl_format_iso8601(int64_t t, char *out);
/* Days from civil date (proleptic Gregorian) and back. */
int64_t sl_days_from_civil(int y, unsigned m, unsigned d);
void sl_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);

/* Monotonic clock in seconds, for benchmarks and timeouts. */
double sl_now(void);

#endif
