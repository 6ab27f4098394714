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
    /* the eight-character loop of scan folds these itself (cyr_run8):
     * А-Я to а-я, а-я as they are */
    for (int32_t cp = 0x410; cp < 0x450; cp++) {
        int32_t low = cp < 0x430 ? cp + 0x20 : cp;
        assert(small[cp].tok && small[cp].len == 2 &&
               (unsigned char)small[cp].out[0] == (0xC0 | (low >> 6)) &&
               (unsigned char)small[cp].out[1] == (0x80 | (low & 0x3F)));
        (void)low;
    }
    for (int c = 0; c < 0x80; c++) {
        ascii[c] = small[c].tok ? (unsigned char)small[c].out[0] : 0;
        /* ascii_run16 takes the ASCII token characters and their folds
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

#ifdef __SSE2__
/* Folds the run of Russian letters А-Я, а-я (U+0410-U+044F, most of a
 * Russian text's characters) that starts at the 8 two-byte characters of
 * u (16 bytes) into out (16 bytes written); returns how many characters
 * the run has (0-8). Each 16-bit lane is one character, its lead byte D0
 * or D1 low and its continuation byte high; the index of the character in
 * U+0400-U+047F is (lead & 1) << 6 | (cont & 0x3F). А-П (D0 90-9F) fold
 * to D0 B0-BF, Р-Я (D0 A0-AF) to D1 80-8F; small_init checks that the
 * table agrees. */
static inline size_t cyr_run8(const unsigned char *u, char *out)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
    __m128i two = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xC0FE)),
                                  _mm_set1_epi16((short)0x80D0));
    __m128i idx = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi16(1)), 6),
                               _mm_and_si128(_mm_srli_epi16(v, 8), _mm_set1_epi16(0x3F)));
    __m128i ok = _mm_and_si128(two, _mm_and_si128(_mm_cmpgt_epi16(idx, _mm_set1_epi16(0x0F)),
                                                  _mm_cmplt_epi16(idx, _mm_set1_epi16(0x50))));
    __m128i up1 = _mm_and_si128(_mm_cmpgt_epi16(idx, _mm_set1_epi16(0x0F)),
                                _mm_cmplt_epi16(idx, _mm_set1_epi16(0x20)));
    __m128i up2 = _mm_and_si128(_mm_cmpgt_epi16(idx, _mm_set1_epi16(0x1F)),
                                _mm_cmplt_epi16(idx, _mm_set1_epi16(0x30)));
    /* А-П: continuation + 0x20; Р-Я: lead + 1, continuation - 0x20 (no
     * carry or borrow between the bytes in either) */
    __m128i add = _mm_or_si128(_mm_and_si128(up1, _mm_set1_epi16(0x2000)),
                               _mm_and_si128(up2, _mm_set1_epi16((short)0xE001)));
    _mm_storeu_si128((__m128i *)(void *)out, _mm_add_epi16(v, add));
    unsigned m = (unsigned)_mm_movemask_epi8(ok);
    return (size_t)__builtin_ctz(~m) / 2; /* bit 16 of ~m is set */
}

/* Folds the run of ASCII letters and digits (the ASCII token characters)
 * that starts the 16 bytes at u into out (16 bytes written, upper case
 * folded) and returns its length (0-16); in *stay (if not NULL) bit j
 * says that byte j is no ASCII separator (a token character or a byte of
 * a longer character), and bit 16 is set. A range test is one signed
 * compare of the byte moved so that the range starts at -128; a letter
 * is lower-cased by setting its bit 0x20 (small_init checks that these
 * are the table's ASCII token characters and folds). */
static inline unsigned ascii_run16(const unsigned char *u, char *out, unsigned *stay)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
    __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8((char)(-128 - 'a'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(-128 - '0'))),
                                   _mm_set1_epi8((char)(-128 + 10)));
    _mm_storeu_si128((__m128i *)(void *)out,
                     _mm_or_si128(v, _mm_and_si128(letter, _mm_set1_epi8(0x20))));
    unsigned t = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    if (stay)
        *stay = t | (unsigned)_mm_movemask_epi8(v) | 0x10000u;
    return (unsigned)__builtin_ctz(~t); /* bit 16 of ~t is set */
}
#endif

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

/* The rest of the token that starts at u[start] and goes on at u[*i],
 * its first len bytes folded in *buf already (room for 4 more bytes
 * after them; *buf grows from stack when full): returns its length, *i
 * set to its end (past the character at start when that one is a
 * separator of two or more bytes, the length then 0). A run of ASCII
 * letters and digits is folded sixteen bytes at a time and a run of
 * Russian letters eight characters at a time (SSE2; else a byte or a
 * character at a time), any other character's fold comes from a table
 * (two and three bytes), with no state but the token's buffer. */
static inline __attribute__((always_inline)) size_t
token(const unsigned char *u, size_t n, size_t start, size_t *at, size_t len, char **bufp,
      size_t *cap, char *stack)
{
    char *buf = *bufp;
    size_t i = *at;
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
            if (i + 16 <= n && *cap - len >= 16 + 4) {
                unsigned k = ascii_run16(u + i, buf + len, NULL);
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
#ifdef __SSE2__
            /* eight Russian letters at a time (the bytes after the run
             * are written but not counted) */
            if ((c & 0xFE) == 0xD0 && i + 16 <= n && *cap - len >= 16 + 4) {
                size_t k = cyr_run8(u + i, buf + len);
                if (k) {
                    i += 2 * k;
                    len += 2 * k; /* room for 4 is left */
                    continue;
                }
            }
#endif
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
        if (len + 4 > *cap)
            buf = grow(buf, stack, cap, len);
    }
    *bufp = buf;
    *at = i;
    return len;
}

/* How it goes: where sixteen bytes are left, one load tells the ASCII
 * separators (a run of them is skipped at once) and the ASCII token
 * characters; a token of fewer than sixteen of these, or of fewer than
 * eight Russian letters, that an ASCII separator ends (most words of
 * English or Russian text) is folded and given from that load, and the
 * separators after it skipped; any other token goes on in token(). Else
 * separators are skipped a byte at a time by a table. Gives the same
 * tokens as sl_fts_tokens_ref (tests/unit/test_fts_tokenizer.c and
 * bench/fts_check.c compare them). Inline, so that the search index's
 * tokenizer (tk_tokenize) has FTS5's callback called straight from the
 * loop; tok is given FTS5's flags, always 0 (documents and queries split
 * alike). */
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
        size_t start = i, len, next;
#ifdef __SSE2__
        if (i + 16 <= n) {
            /* bit j of stay: byte j is no ASCII separator (bit 16: the
             * end of the sixteen) */
            unsigned stay;
            size_t k = ascii_run16(u + i, buf, &stay); /* cap is at least 16 + 4 */
            if (!(stay & 1)) { /* separators */
                i += (unsigned)__builtin_ctz(stay);
                continue;
            }
            if (k == 0 && (u[i] & 0xFE) == 0xD0)
                k = 2 * cyr_run8(u + i, buf);
            i += k;
            if (!((stay >> k) & 1)) { /* an ASCII separator ends the token */
                len = k;
                next = i + (unsigned)__builtin_ctz(stay >> k);
            } else {
                len = token(u, n, start, &i, k, &buf, &cap, stack);
                next = i;
            }
        } else
#endif
        if (u[i] < 0x80 && !ascii[u[i]]) { /* a separator */
            i++;
            continue;
        } else {
            len = token(u, n, start, &i, 0, &buf, &cap, stack);
            next = i;
        }
        /* i: the end of the token; next: past the separators after it
         * that are already known */
        if (len > 0 && len <= (size_t)1 << 30 && i <= (size_t)1 << 30 &&
            (rc = tok(ctx, 0, buf, (int)len, (int)start, (int)i)) != 0)
            break;
        i = next;
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
