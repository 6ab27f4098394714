/*
 * fts_tokenizer: the search index's FTS5 tokenizer (see fts_tokenizer.h).
 *
 * How it works: a character is a token character when utf8proc puts it in
 * a letter, number or mark category (or private use), as unicode61's
 * default categories and its handling of marks have it; a token's output
 * is its characters lower-cased (ё as е, final sigma as sigma), Latin
 * letters reduced to their base letter (the first code point of the
 * canonical decomposition), combining diacritics and Arabic vowel marks
 * dropped. Unlike unicode61, marks never split a word: Arabic words with
 * vowel marks and Indic words with vowel signs stay whole. One table holds the verdict and the folded UTF-8 bytes of every
 * code point below U+0800, filled once; longer characters are classified
 * one at a time.
 */
#include "fts_tokenizer.h"
#include "util.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct fold {
    char out[4];       /* folded, UTF-8 */
    unsigned char tok; /* a token character */
    unsigned char len; /* bytes of out (0: dropped, as marks are) */
    unsigned char pad[2]; /* (8 bytes: a table's index is a shift) */
} fold;

enum { SMALL = 0x800 };
static fold small[SMALL];
static pthread_once_t small_once = PTHREAD_ONCE_INIT;

/* Is the code point's base letter Latin (so that its diacritics go)? */
static int latin(int32_t cp)
{
    return cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* The fold of one code point into f. */
static void fold_cp(int32_t cp, fold *f)
{
    memset(f, 0, sizeof *f);
    utf8proc_category_t c = utf8proc_category(cp);
    int letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
    int number = c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
    int mark = c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
    if (!letter && !number && !mark && c != UTF8PROC_CATEGORY_CO)
        return;
    f->tok = 1;
    if (mark && ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670))
        return; /* diacritics written apart, stress marks, Arabic vowel
                 * marks: dropped (the vowel signs of Indic scripts stay) */
    int32_t low = utf8proc_tolower(cp);
    if (low == 0x451) /* ё */
        low = 0x435;
    else if (low == 0x3C2) /* final sigma */
        low = 0x3C3;
    if (latin(low)) {
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(low, d, 8, UTF8PROC_DECOMPOSE, &last);
        if (k > 0 && k <= 8)
            low = d[0];
    }
    f->len = (unsigned char)utf8proc_encode_char(low, (utf8proc_uint8_t *)f->out);
}

static unsigned char ascii[0x100]; /* an ASCII token character's fold, 0 if none
                                    * (and for every byte >= 0x80) */

static void small_init(void)
{
    for (int32_t cp = 0; cp < SMALL; cp++)
        fold_cp(cp, &small[cp]);
    for (int c = 0; c < 0x80; c++) {
        ascii[c] = small[c].tok ? (unsigned char)small[c].out[0] : 0;
        /* the sixteen-byte loop of scan takes the ASCII token characters
         * for these */
        assert(ascii[c] == ((c >= 'A' && c <= 'Z') ? c + 0x20
                            : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c
                                                                               : 0));
    }
}

/* The three-byte range (U+0800..U+FFFF: general punctuation, typographic
 * quotes, CJK, Indic) is folded a block of 256 code points at a time, the
 * first time text has one of them; each block once per process (a mutex
 * guards the filling, a flag read with acquire says it is done). */
enum { BLOCKS = 0x100 };
static fold mid[0x10000];
static atomic_uchar mid_ready[BLOCKS];
static pthread_mutex_t mid_lock = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void mid_fill(int b)
{
    pthread_mutex_lock(&mid_lock);
    if (!atomic_load_explicit(&mid_ready[b], memory_order_relaxed)) {
        for (int32_t c = b << 8; c < (b + 1) << 8; c++)
            fold_cp(c, &mid[c]);
        atomic_store_explicit(&mid_ready[b], 1, memory_order_release);
    }
    pthread_mutex_unlock(&mid_lock);
}

static inline const fold *mid_fold(int32_t cp)
{
    if (!atomic_load_explicit(&mid_ready[cp >> 8], memory_order_acquire))
        mid_fill(cp >> 8);
    return &mid[cp];
}

/* The fold of a character of four bytes, or of a broken byte (a
 * separator of one byte), at u[0..n): in big, its length in *l. */
static __attribute__((noinline)) const fold *fold_rare(const unsigned char *u, size_t n,
                                                       size_t *l, fold *big)
{
    int32_t cp;
    int k = sl_utf8_decode(u, n, &cp);
    *l = 1;
    memset(big, 0, sizeof *big);
    if (k > 0) {
        *l = (size_t)k;
        fold_cp(cp, big);
    }
    return big;
}

/* The fold of the character at u[0..n) (n >= 1) and its length in *l: a
 * table's entry, or big filled. */
static inline const fold *fold_at(const unsigned char *u, size_t n, size_t *l, fold *big)
{
    unsigned c = u[0];
    if (c < 0x80) {
        *l = 1;
        return &small[c];
    }
    if (c >= 0xC2 && c < 0xE0 && n > 1 && (u[1] & 0xC0) == 0x80) {
        *l = 2;
        return &small[((c & 0x1F) << 6) | (u[1] & 0x3F)];
    }
    if ((c & 0xF0) == 0xE0 && n > 2 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        int32_t cp = (int32_t)(((c & 0x0F) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu));
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *l = 3;
            return mid_fold(cp);
        }
    }
    return fold_rare(u, n, l, big);
}

/* Room for 4 more bytes at buf[len] (a heap buffer once the stack's is
 * full). */
static char *grow(char *buf, char *stack, size_t *cap, size_t len)
{
    size_t ncap = *cap * 2;
    char *nb = sl_xmalloc(ncap);
    memcpy(nb, buf, len);
    if (buf != stack)
        free(buf);
    *cap = ncap;
    return nb;
}

/* How it goes: separators are skipped a character at a time, ASCII ones
 * by a byte table; inside a token a run of ASCII letters and digits is
 * folded sixteen bytes at a time (SSE2; else a byte at a time by the same
 * table), any other character's fold comes from a table (two and three
 * bytes), with no state but the token's buffer. Gives the same tokens as
 * sl_fts_tokens_ref (tests/unit/test_fts_tokenizer.c and bench/fts_check.c
 * compare them). Inline, so that the search index's tokenizer
 * (tk_tokenize) has FTS5's callback called straight from the loop; tok is
 * given FTS5's flags, always 0 (documents and queries split alike). */
static inline int scan(const char *text, size_t n, void *ctx,
                       int (*tok)(void *ctx, int flags, const char *t, int len, int start,
                                  int end))
{
    pthread_once(&small_once, small_init);
    const unsigned char *u = (const unsigned char *)text;
    char stack[256];
    char *buf = stack;
    size_t cap = sizeof stack;
    int rc = 0;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80 && !ascii[u[i]]) { /* a separator */
            i++;
            continue;
        }
        size_t start = i, len = 0;
        while (i < n) { /* buf has room for 4 more bytes */
            unsigned c = u[i];
            if (c < 0x80) {
                if (!ascii[c]) /* an ASCII separator ends the token */
                    break;
#ifdef __SSE2__
                /* sixteen bytes at a time: the run of ASCII letters and
                 * digits (the ASCII token characters) that starts here,
                 * upper case folded; the bytes after it are written but
                 * not counted */
                if (i + 16 <= n && cap - len >= 16 + 4) {
                    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
                    __m128i up = sl_sse_in_range(v, 'A', 'Z');
                    __m128i any = _mm_or_si128(_mm_or_si128(up, sl_sse_in_range(v, 'a', 'z')),
                                               sl_sse_in_range(v, '0', '9'));
                    unsigned m = (unsigned)_mm_movemask_epi8(any);
                    _mm_storeu_si128((__m128i *)(void *)(buf + len),
                                     _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
                    unsigned k = (unsigned)__builtin_ctz(~m); /* bit 16 of ~m is set */
                    if (k) { /* 0 only if the table and the ranges disagreed */
                        i += k;
                        len += k; /* room for 4 is left */
                        continue;
                    }
                }
#endif
                buf[len++] = (char)ascii[c];
                i++;
            } else {
                fold big;
                size_t l;
                const fold *f = fold_at(u + i, n - i, &l, &big);
                if (!f->tok) {
                    if (i == start) /* no token here: the separator is passed */
                        i += l;
                    break;
                }
                memcpy(buf + len, f->out, 4);
                len += f->len;
                i += l;
            }
            if (len + 4 > cap)
                buf = grow(buf, stack, &cap, len);
        }
        /* i: the end of the token (the separator after it is skipped next) */
        if (len > 0 && len <= (size_t)1 << 30 && i <= (size_t)1 << 30 &&
            (rc = tok(ctx, 0, buf, (int)len, (int)start, (int)i)) != 0)
            break;
    }
    if (buf != stack)
        free(buf);
    return rc;
}

typedef struct plain_call {
    void *ctx;
    int (*tok)(void *ctx, const char *t, int len, int start, int end);
} plain_call;

static int plain_token(void *p, int flags, const char *t, int len, int start, int end)
{
    (void)flags;
    plain_call *c = p;
    return c->tok(c->ctx, t, len, start, end);
}

int sl_fts_tokens(const char *text, size_t n, void *ctx,
                  int (*tok)(void *ctx, const char *t, int len, int start, int end))
{
    plain_call c = {ctx, tok};
    return scan(text, n, &c, plain_token);
}

/* The reference: a character at a time, as the tokenizer was first
 * written; kept to check the fast path against. */
int sl_fts_tokens_ref(const char *text, size_t n, void *ctx,
                      int (*tok)(void *ctx, const char *t, int len, int start, int end))
{
    pthread_once(&small_once, small_init);
    const unsigned char *u = (const unsigned char *)text;
    char stack[256];
    char *buf = stack;
    size_t cap = sizeof stack, len = 0, start = 0;
    int in = 0, rc = 0;
    for (size_t i = 0; i <= n;) {
        fold big;
        const fold *f;
        size_t l = 1;
        if (i == n) {
            f = &small[' ']; /* the end closes the last token */
        } else if (u[i] < 0x80) {
            f = &small[u[i]];
        } else if ((u[i] & 0xE0) == 0xC0 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80 &&
                   u[i] >= 0xC2) {
            f = &small[((u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F)];
            l = 2;
        } else {
            int32_t cp;
            int k = sl_utf8_decode(u + i, n - i, &cp);
            if (k <= 0) {
                memset(&big, 0, sizeof big); /* a broken byte separates */
            } else {
                fold_cp(cp, &big);
                l = (size_t)k;
            }
            f = &big;
        }
        if (f->tok) {
            if (!in) {
                in = 1;
                start = i;
                len = 0;
            }
            if (len + 4 > cap)
                buf = grow(buf, stack, &cap, len);
            memcpy(buf + len, f->out, 4);
            len += f->len;
        } else if (in) {
            in = 0;
            if (len > 0 && len <= (size_t)1 << 30 && i <= (size_t)1 << 30 &&
                (rc = tok(ctx, buf, (int)len, (int)start, (int)i)) != 0)
                break;
        }
        if (i == n)
            break;
        i += l;
    }
    if (buf != stack)
        free(buf);
    return rc;
}

/* ---- FTS5 glue ------------------------------------------------------------------ */

static int tk_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ud;
    (void)argv;
    if (argc > 0)
        return SQLITE_ERROR; /* it takes no options */
    static int instance; /* no state: every instance is the same */
    *out = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void tk_delete(Fts5Tokenizer *t) { (void)t; }

static int tk_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                       int (*xToken)(void *, int, const char *, int, int, int))
{
    (void)t;
    (void)flags; /* documents and queries split alike (scan tells FTS5 0) */
    return scan(text, n > 0 ? (size_t)n : 0, ctx, xToken);
}

int sl_fts_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    static fts5_tokenizer tk = {tk_create, tk_delete, tk_tokenize};
    return api->xCreateTokenizer(api, "storyline", NULL, &tk, NULL);
}
