/*
 * util: allocation that aborts on failure, growable buffers, UTF-8 repair,
 * JSON string escaping, ISO 8601 dates and hashing.
 */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include <xxhash.h>

static void oom(size_t n)
{
    fprintf(stderr, "storyline: out of memory (%zu bytes)\n", n);
    abort();
}

void *sl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *sl_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *sl_thread_value(pthread_key_t key, size_t n, size_t size)
{
    void *v = pthread_getspecific(key);
    if (!v) {
        v = sl_xcalloc(n, size);
        pthread_setspecific(key, v);
    }
    return v;
}

void *sl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *sl_xstrdup(const char *s)
{
    return s ? sl_xstrndup(s, strlen(s)) : NULL;
}

char *sl_xstrndup(const char *s, size_t n)
{
    char *p = sl_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *sl_xasprintf(const char *fmt, ...)
{
    sl_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return sl_buf_take(&b);
}

/* ---- buffers ---------------------------------------------------------- */

void sl_buf_grow(sl_buf *b, size_t extra)
{
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = sl_xrealloc(b->data, cap);
    b->cap = cap;
}

void sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sl_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sl_buf_printf(sl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sl_buf_put_int(sl_buf *b, long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--i] = '-';
    sl_buf_append(b, tmp + i, sizeof tmp - i);
}

void sl_buf_put_fixed3(sl_buf *b, double v)
{
    if (!(v > -1e15 && v < 1e15)) { /* NaN, infinities, huge: printf's way */
        sl_buf_printf(b, "%.3f", v);
        return;
    }
    double r = rint(v * 1000.0); /* ties to even, as printf rounds 0.0625 */
    long long t = (long long)r;
    if (t < 0 || (t == 0 && signbit(v)))
        sl_buf_putc(b, '-'); /* printf keeps the sign of -0.0004 ("-0.000") */
    unsigned long long u = t < 0 ? 0ull - (unsigned long long)t : (unsigned long long)t;
    sl_buf_put_int(b, (long long)(u / 1000));
    char f[4] = {(char)('0' + u / 100 % 10), (char)('0' + u / 10 % 10), (char)('0' + u % 10), 0};
    sl_buf_putc(b, '.');
    sl_buf_append(b, f, 3);
}

char *sl_buf_take(sl_buf *b)
{
    char *p = b->data ? b->data : sl_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void sl_buf_reset(sl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void sl_buf_free(sl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void sl_buf_json_strn(sl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sl_buf_reserve(b, n + 2);
    sl_buf_putc(b, '"');
    /* the bytes JSON escapes: control characters, quote, backslash */
    static const unsigned char ESC[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        ['"'] = 1, ['\\'] = 1};
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
        /* sixteen bytes at a time while none needs escaping (unsigned
         * "below 0x20" as a signed compare with the top bit flipped) */
        while (i + 16 <= n) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i ctl = _mm_cmplt_epi8(_mm_xor_si128(x, _mm_set1_epi8((char)0x80)),
                                         _mm_set1_epi8((char)(0x20 ^ 0x80)));
            __m128i m = _mm_or_si128(ctl, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                       _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
            unsigned mask = (unsigned)_mm_movemask_epi8(m);
            if (mask) {
                unsigned k = (unsigned)__builtin_ctz(mask);
                run += k;
                i += k;
                break;
            }
            run += 16;
            i += 16;
        }
        if (i >= n)
            break;
#endif
        unsigned char c = (unsigned char)s[i];
        if (!ESC[c]) {
            run++; /* most bytes: copied with their run */
            continue;
        }
        const char *esc = NULL;
        char u[7];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20) {
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = 0;
            esc = u;
        }
        if (esc) {
            sl_buf_append(b, s + i - run, run);
            run = 0;
            sl_buf_puts(b, esc);
        } else {
            run++;
        }
    }
    sl_buf_append(b, s + n - run, run);
    sl_buf_putc(b, '"');
}

void sl_buf_json_str(sl_buf *b, const char *s)
{
    if (!s)
        sl_buf_puts(b, "null");
    else
        sl_buf_json_strn(b, s, strlen(s));
}

void sl_buf_put_printable(sl_buf *b, const char *s)
{
    if (!s) {
        sl_buf_puts(b, "(null)");
        return;
    }
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != 0x7f)
            sl_buf_putc(b, (char)c);
        else if (c == '\n')
            sl_buf_puts(b, "\\n");
        else if (c == '\t')
            sl_buf_puts(b, "\\t");
        else if (c == '\r')
            sl_buf_puts(b, "\\r");
        else
            sl_buf_printf(b, "\\x%02x", c);
    }
}

/* ---- UTF-8 -------------------------------------------------------------- */

int sl_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n == 0)
        return -1;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    int32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)len > n)
        return -1;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return len;
}

/* Classes of the Basic Multilingual Plane past two bytes of UTF-8 (three
 * bytes: Indic and East Asian scripts, symbols), made on first use: the
 * word scans meet such characters often, and utf8proc's category costs
 * tens of instructions a call. */
uint8_t sl_cp_bmp_cls[0x10000]; /* filled with the table of sl_cp_table */
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;
static unsigned cp_class_slow(int32_t cp);

static void bmp_fill(void)
{
    for (int32_t cp = SL_CP_SMALL; cp < 0x10000; cp++)
        sl_cp_bmp_cls[cp] = (uint8_t)cp_class_slow(cp);
}

unsigned sl_cp_class(int32_t cp)
{
    if (cp >= SL_CP_SMALL && cp < 0x10000) {
        pthread_once(&bmp_once, bmp_fill);
        return sl_cp_bmp_cls[cp];
    }
    return cp_class_slow(cp);
}

static unsigned cp_class_slow(int32_t cp)
{
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z')
            return SL_CP_LETTER | SL_CP_UPPER;
        if (cp >= 'a' && cp <= 'z')
            return SL_CP_LETTER;
        return cp >= '0' && cp <= '9' ? SL_CP_DIGIT : 0;
    }
    if (cp > 0x10FFFF)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
        return SL_CP_LETTER | SL_CP_UPPER;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return SL_CP_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return SL_CP_MARK;
    case UTF8PROC_CATEGORY_ND:
        return SL_CP_DIGIT;
    default:
        return 0;
    }
}

int32_t sl_cp_lower(int32_t cp)
{
    if (cp < 128)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return cp > 0x10FFFF ? cp : utf8proc_tolower(cp);
}

static sl_cpinfo cp_small[SL_CP_SMALL];
static pthread_once_t cp_once = PTHREAD_ONCE_INIT;

static void cp_fill(void)
{
    for (int32_t cp = 0; cp < SL_CP_SMALL; cp++)
        cp_small[cp] = (sl_cpinfo){(uint8_t)sl_cp_class(cp), sl_cp_lower(cp)};
}

const sl_cpinfo *sl_cp_table(void)
{
    pthread_once(&cp_once, cp_fill);
    pthread_once(&bmp_once, bmp_fill); /* for sl_cp_class_in */
    return cp_small;
}

int sl_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

char *sl_utf8_repair(const char *s, size_t n, size_t *out_len, size_t *n_repaired)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0, i = 0;
    sl_buf b = {0};
    sl_buf_reserve(&b, n);
    size_t run = 0;
    while (i < n) {
        if (u[i] >= 0x01 && u[i] < 0x80) {
            run++;
            i++;
            continue;
        }
        int32_t cp;
        int k = u[i] ? sl_utf8_decode(u + i, n - i, &cp) : -1;
        if (k > 0) {
            run += (size_t)k;
            i += (size_t)k;
            continue;
        }
        sl_buf_append(&b, s + i - run, run);
        run = 0;
        sl_buf_append(&b, "\xEF\xBF\xBD", 3);
        bad++;
        i++;
        /* skip continuation bytes of the broken sequence */
        while (i < n && (u[i] & 0xC0) == 0x80 && u[i - 1] != 0) {
            i++;
            if (i < n && (u[i] & 0xC0) != 0x80)
                break;
        }
    }
    sl_buf_append(&b, s + n - run, run);
    if (out_len)
        *out_len = b.len;
    if (n_repaired)
        *n_repaired = bad;
    return sl_buf_take(&b);
}

/* ---- strings -------------------------------------------------------------- */

static size_t space_prefix(const unsigned char *s, size_t n)
{
    /* ASCII whitespace, NBSP (C2 A0), and U+2000..U+200B, U+3000, BOM */
    if (n >= 1 && (s[0] == ' ' || (s[0] >= 9 && s[0] <= 13)))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x80 && s[2] <= 0x8B)
        return 3;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

static size_t space_suffix(const unsigned char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++)
        if (space_prefix(s + n - k, k) == k)
            return k;
    return 0;
}

char *sl_strtrim(char *s)
{
    size_t n = strlen(s), k, start = 0;
    while ((k = space_prefix((unsigned char *)s + start, n - start)) > 0)
        start += k;
    while (n > start && (k = space_suffix((unsigned char *)s + start, n - start)) > 0)
        n -= k;
    memmove(s, s + start, n - start);
    s[n - start] = 0;
    return s;
}

/* A byte of 0x80 in each byte of x that is zero, none elsewhere (no
 * borrow crosses bytes, unlike the shorter test for "some byte is zero"). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & low7) + low7) | x | low7);
}

int sl_count_words(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull;
    int w = 0;
    uint64_t prev = 0x80; /* the byte before s counts as a space */
    size_t i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: the spaces as a mask, the starts counted
     * by a byte table (no popcount instruction in the baseline set) */
    static const unsigned char bits8[256] = {
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
        B6(0), B6(1), B6(1), B6(2)
#undef B2
#undef B4
#undef B6
    };
    unsigned before = 1; /* bit 0: the byte before is a space */
    const __m128i sp0 = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, sp0), _mm_cmpeq_epi8(x, nl)), _mm_cmpeq_epi8(x, tab)));
        unsigned starts = ~sp & (sp << 1 | before) & 0xFFFF;
        w += bits8[starts & 0xFF] + bits8[starts >> 8];
        before = sp >> 15;
    }
    prev = before ? 0x80 : 0;
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: a word starts at a byte that is no space
     * after one that is (as the loop below, bit 7 of each byte) */
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t sp = zero_bytes(x ^ (ones * ' ')) | zero_bytes(x ^ (ones * '\n')) |
                      zero_bytes(x ^ (ones * '\t'));
        uint64_t before = sp << 8 | prev; /* little-endian: byte k-1 under byte k */
        /* the starts as one bit per byte, summed by a multiply (no
         * popcount instruction in the baseline x86-64 set: a libgcc call) */
        w += (int)((((~sp & before & (ones << 7)) >> 7) * ones) >> 56);
        prev = sp >> 56;
    }
#endif
    int in = !prev;
    for (; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

bool sl_str_startswith(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool sl_word_in_list(const char *const *list, const char *w, size_t n)
{
    if (n == 0)
        return false;
    /* (w may hold a NUL: strncmp would stop there, equal, and list[i][n]
     * lie past a shorter entry; strnlen first, then the bytes) */
    for (int i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strnlen(list[i], n + 1) == n && memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

static uint64_t wordset_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a: short words, inline */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

/* The string of item i. */
static const char *wordset_item(const sl_wordset *ws, size_t i)
{
    const char *z;
    memcpy(&z, ws->items + i * ws->stride, sizeof z);
    return z;
}

void sl_wordset_build(sl_wordset *ws, const void *items, size_t n, size_t stride)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    ws->items = items;
    ws->stride = stride;
    ws->slot = sl_xcalloc(cap, sizeof *ws->slot);
    ws->len = sl_xcalloc(cap, sizeof *ws->len);
    ws->mask = cap - 1;
    memset(ws->first_len, 0, sizeof ws->first_len);
    for (size_t i = 0; i < n; i++) {
        const char *z = wordset_item(ws, i);
        size_t zl = strlen(z);
        if (sl_wordset_find(ws, z, zl) >= 0)
            continue; /* listed twice: the first stays */
        size_t j = (size_t)wordset_hash(z, zl) & ws->mask;
        while (ws->slot[j])
            j = (j + 1) & ws->mask;
        ws->slot[j] = (uint32_t)(i + 1);
        ws->len[j] = (uint8_t)(zl < 255 ? zl : 255);
        if (zl)
            ws->first_len[(unsigned char)z[0]] |= 1ull << (zl < 63 ? zl : 63);
    }
}

void sl_wordset_build_list(sl_wordset *ws, const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    sl_wordset_build(ws, list, n, sizeof *list);
}

long sl_wordset_find(const sl_wordset *ws, const char *w, size_t n)
{
    if (n == 0 || !(ws->first_len[(unsigned char)w[0]] >> (n < 63 ? n : 63) & 1))
        return -1;
    uint8_t l = (uint8_t)(n < 255 ? n : 255);
    for (size_t j = (size_t)wordset_hash(w, n) & ws->mask; ws->slot[j]; j = (j + 1) & ws->mask) {
        if (ws->len[j] != l)
            continue;
        const char *z = wordset_item(ws, ws->slot[j] - 1);
        if (strncmp(z, w, n) == 0 && z[n] == 0) /* stops at z's end: no over-read */
            return (long)ws->slot[j] - 1;
    }
    return -1;
}

bool sl_str_endswith(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

const char *sl_strcasestr(const char *hay, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0)
        return hay;
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < m && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == m)
            return hay;
    }
    return NULL;
}

uint64_t sl_hash64(const void *p, size_t n) { return XXH3_64bits(p, n); }

int sl_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int sl_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- dates ------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil. */
int64_t sl_days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void sl_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    return v;
}

bool sl_parse_iso8601(const char *s, int64_t *out)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    const char *p = s;
    int y = digits(&p, 4);
    if (y < 0 || *p != '-')
        return false;
    p++;
    int mo = digits(&p, 2);
    if (mo < 1 || mo > 12 || *p != '-')
        return false;
    p++;
    int d = digits(&p, 2);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return false;
    int hh = 0, mm = 0, ss = 0;
    int64_t off = 0;
    if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        hh = digits(&p, 2);
        if (hh < 0 || hh > 23 || *p != ':')
            return false;
        p++;
        mm = digits(&p, 2);
        if (mm < 0 || mm > 59)
            return false;
        if (*p == ':') {
            p++;
            ss = digits(&p, 2);
            if (ss < 0 || ss > 60)
                return false;
            if (*p == '.' || *p == ',') {
                p++;
                while (isdigit((unsigned char)*p))
                    p++;
            }
        }
        while (*p == ' ')
            p++;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1;
            p++;
            int oh = digits(&p, 2), om = 0;
            if (oh < 0)
                return false;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p))
                om = digits(&p, 2);
            if (om < 0)
                return false;
            off = sign * (oh * 3600 + om * 60);
        }
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return false;
    int64_t t = sl_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + hh * 3600 +
                mm * 60 + ss - off;
    /* keep to the years sl_format_iso8601 can write (0001-9999 UTC) */
    if (t < sl_days_from_civil(1, 1, 1) * 86400 ||
        t >= sl_days_from_civil(10000, 1, 1) * 86400)
        return false;
    *out = t;
    return true;
}

/* Two decimal digits of v (below 100) at out. */
static void put2(char *out, unsigned v)
{
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
}

void sl_format_iso8601(int64_t t, char *out)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t rem = t - days * 86400;
    int y;
    unsigned m, d;
    sl_civil_from_days(days, &y, &m, &d);
    unsigned hh = (unsigned)(rem / 3600) % 24u, mi = (unsigned)(rem / 60 % 60),
             ss = (unsigned)(rem % 60);
    /* as "%04u-%02u-%02uT%02u:%02u:%02uZ" would print them (every field
     * fits its width), without printf: the views print a date per
     * timeline event and article */
    unsigned yy = (unsigned)y % 10000u;
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    put2(out + 5, m % 100u);
    out[7] = '-';
    put2(out + 8, d % 100u);
    out[10] = 'T';
    put2(out + 11, hh);
    out[13] = ':';
    put2(out + 14, mi);
    out[16] = ':';
    put2(out + 17, ss);
    out[19] = 'Z';
    out[20] = 0;
}

double sl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
