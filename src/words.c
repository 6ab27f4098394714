/*
 * words: the words of a text with byte offsets (see words.h).
 *
 * The scan runs at every byte of every article a story view reads, so the
 * common cases are decided by tables: ASCII letters and digits in a tight
 * loop, two-byte letters (Cyrillic, Greek, accented Latin) in loops of
 * their own, everything else through the code point tables of util.h.
 */
#include "words.h"
#include "sentence.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

static const sl_cpinfo *cp_tab;          /* sl_cp_table(): U+0000..U+07FF */
static unsigned char alnum_kind[256];    /* SL_WORD_LATIN or _DIGIT for ASCII, else 0 */
static unsigned char byte_kind[256];     /* K_* of a byte that starts a character */
enum { K_OTHER, K_ALNUM, K_SPACE, K_MULTI }; /* K_MULTI: a UTF-8 lead (or stray) byte */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void tables_init(void)
{
    for (int c = 0; c < 128; c++) {
        int letter = (unsigned)((c | 32) - 'a') < 26, digit = (unsigned)(c - '0') < 10;
        alnum_kind[c] = (unsigned char)(letter ? SL_WORD_LATIN : digit ? SL_WORD_DIGIT : 0);
        byte_kind[c] = alnum_kind[c] ? K_ALNUM : isspace(c) ? K_SPACE : K_OTHER;
    }
    for (int c = 128; c < 256; c++)
        byte_kind[c] = K_MULTI;
    cp_tab = sl_cp_table();
}


static inline int is_upper_at(const char *s, size_t n)
{
    int32_t cp;
    return sl_utf8_next((const unsigned char *)s, n, &cp) > 0 && (sl_cp_class_in(cp_tab, cp) & SL_CP_UPPER);
}

/* What a word is made of beyond ASCII: letters, digits ("٢٠١٩") and
 * combining marks, which belong to the letter before them (Arabic vowel
 * marks and tanwin, Devanagari vowel signs). */
#define WORD_CLS (SL_CP_LETTER | SL_CP_DIGIT | SL_CP_MARK)

/* Is there a letter or digit at s (n > 0 bytes)? *len is its length.
 * ASCII and two-byte letters are decided inline. */
static inline __attribute__((always_inline)) int letter_at(const char *s, size_t n, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return (unsigned)((u[0] | 32) - 'a') < 26 || (unsigned)(u[0] - '0') < 10;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] & 0xC0) == 0x80) {
        *len = 3; /* U+2000..U+203F, General Punctuation (dashes, quotes): no letters */
        return 0;
    }
    int32_t cp;
    int k = sl_utf8_next(u, n, &cp);
    *len = k > 0 ? k : 1;
    return k > 0 && (sl_cp_class_in(cp_tab, cp) & WORD_CLS);
}

static int is_apos(const char *s, size_t n, int *len)
{
    if (n >= 1 && s[0] == '\'')
        return *len = 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0x99)
        return *len = 3;
    return 0;
}

int sl_words_char_class(const char *s, size_t n, int *len)
{
    pthread_once(&tables_once, tables_init);
    int l;
    int letter = letter_at(s, n, &l);
    *len = l;
    return (letter ? 1 : 0) | (is_upper_at(s, n) ? 2 : 0);
}

/* The scan; nul: s[n] is a NUL byte, which ends every loop over letters,
 * so the tight loops need no bounds test (the compiler makes a copy of
 * the function for each value). */
static inline size_t scan(const char *s, size_t n, sl_word **wp, size_t *cap, size_t max,
                          int *done, const int nul)
{
    size_t k = 0, i = 0, room = *cap;
    int sep = 0;
    const unsigned char *u = (const unsigned char *)s;
    sl_word *w = *wp;
    while (i < n) {
        int l;
        unsigned kind = byte_kind[u[i]];
        if (kind != K_ALNUM) { /* between words: ASCII decided by the table */
            if (kind == K_MULTI && (u[i] & 0xFE) == 0xD0 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80)
                goto word; /* U+0400..U+047F, Cyrillic letters */
            if (kind == K_MULTI && letter_at(s + i, n - i, &l))
                goto word;
            if (kind == K_MULTI) {
                sep = 1; /* not a letter, and no ASCII space */
                i += (size_t)l;
            } else {
                sep |= kind == K_OTHER;
                i++;
            }
            continue;
        }
    word:;
        size_t st = i, dots = 0;
        unsigned char wk = 0, c;
        for (;;) {
            int a;
            if (nul) { /* the common case in a tight loop: s[n], a NUL, ends it */
                const unsigned char *p = u + i;
                while ((c = alnum_kind[*p]) != 0) {
                    wk |= c;
                    p++;
                }
                i = (size_t)(p - u);
            } else {
                while (i < n && (c = alnum_kind[u[i]])) {
                    wk |= c;
                    i++;
                }
            }
            if (!nul && i >= n)
                break;
            if (u[i] < 0x80) { /* ASCII: only "-", "." or "'" before a letter go on (s[n] is no joiner) */
                if ((u[i] != '-' && u[i] != '.' && u[i] != '\'') || i + 1 >= n ||
                    !letter_at(s + i + 1, n - i - 1, &a))
                    break;
                dots += u[i] == '.';
                i++;
                wk |= SL_WORD_OTHER;
                continue;
            }
            /* two-byte letters (Cyrillic, Greek, accented Latin): the
             * table, in a loop of their own; U+0400..U+047F (lead bytes
             * D0 and D1, most Cyrillic) are all letters */
            size_t i0 = i;
            if (nul) { /* a lead byte is no NUL: the byte after it is there */
                const unsigned char *p = u + i;
                while ((p[0] & 0xFE) == 0xD0 && (p[1] & 0xC0) == 0x80)
                    p += 2;
                while ((unsigned)(p[0] - 0xC2) < 0x1E && (p[1] & 0xC0) == 0x80 &&
                       (cp_tab[((p[0] & 0x1F) << 6) | (p[1] & 0x3F)].cls & WORD_CLS))
                    p += 2;
                i = (size_t)(p - u);
            } else {
                while (i + 1 < n && (u[i] & 0xFE) == 0xD0 && (u[i + 1] & 0xC0) == 0x80)
                    i += 2;
                while (i + 1 < n && (unsigned)(u[i] - 0xC2) < 0x1E && (u[i + 1] & 0xC0) == 0x80 &&
                       (cp_tab[((u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F)].cls & WORD_CLS))
                    i += 2;
            }
            if (i != i0) {
                wk |= SL_WORD_OTHER;
                continue;
            }
            if (letter_at(s + i, n - i, &l)) {
                i += (size_t)l;
            } else if (is_apos(s + i, n - i, &a) && i + (size_t)a < n &&
                       letter_at(s + i + a, n - i - a, &l)) {
                i += (size_t)a;
            } else {
                break;
            }
            wk |= SL_WORD_OTHER;
        }
        size_t en = i;
        if (k == room) {
            if (room >= max) {
                i = st; /* not read: the caller learns it from *done */
                break;
            }
            size_t grow = room ? room * 2 : 16; /* (an empty array to start: *cap 0) */
            room = *cap = grow < max ? grow : max;
            w = *wp = sl_xrealloc(w, room * sizeof *w);
        }
        sl_word *x = &w[k++];
        x->s = (uint32_t)st;
        x->e = (uint32_t)en;
        x->cap = (unsigned char)(u[st] < 0x80 ? (unsigned)(u[st] - 'A') < 26 : is_upper_at(s + st, n - st));
        x->poss = 0;
        x->sep = (unsigned char)sep;
        x->kind = wk;
        sep = 0;
        if (wk & SL_WORD_OTHER) {
            /* possessive (an apostrophe joined it: the word holds "other") */
            int a;
            if (s[en - 1] != 's')
                ;
            else if (en - st > 2 && is_apos(s + en - 2, 1, &a))
                x->e = (uint32_t)(en - 2), x->poss = 1, sep = 1;
            else if (en - st > 4 && (unsigned char)s[en - 2] == 0x99 && is_apos(s + en - 4, 3, &a))
                x->e = (uint32_t)(en - 4), x->poss = 1, sep = 1;
        }
        /* keep the period of "U.S." and of abbreviations, as written */
        if (i < n && s[i] == '.' && (dots || (en - st) <= 4) && x->cap &&
            (dots || sl_sent_abbrev(s + st, en - st))) {
            x->e = (uint32_t)++i;
            x->kind |= SL_WORD_OTHER;
        }
        /* the common gap, one space before a letter: straight to the word */
        if ((nul || i + 2 < n) && u[i] == ' ' &&
            (alnum_kind[u[i + 1]] || ((u[i + 1] & 0xFE) == 0xD0 && (u[i + 2] & 0xC0) == 0x80))) {
            i++;
            goto word;
        }
    }
    if (done)
        *done = i >= n;
    return k;
}

size_t sl_words_scan(const char *s, size_t n, sl_word **w, size_t *cap, size_t max, int *done)
{
    pthread_once(&tables_once, tables_init);
    return scan(s, n, w, cap, max, done, 0);
}

size_t sl_words_of(const char *s, sl_word **w, int *all)
{
    pthread_once(&tables_once, tables_init);
    size_t n = strlen(s);
    /* prose has a word per six bytes or so; the array grows past that */
    int cut = n > UINT32_MAX, done;
    if (cut)
        n = UINT32_MAX; /* word offsets are 32 bits */
    size_t cap = n / 6 + 16;
    *w = sl_xmalloc(cap * sizeof **w);
    size_t k = cut ? scan(s, n, w, &cap, n / 2 + 2, &done, 0)
                   : scan(s, n, w, &cap, n / 2 + 2, &done, 1); /* s[n] is the NUL */
    if (all)
        *all = done && !cut;
    return k;
}
