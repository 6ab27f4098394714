/*
 * tokenize_loop: the word loop of sl_tokenize as an inline function, for
 * a caller that tokenizes a lot through a callback of its own (the story
 * engine's features): compiled into it, the callback is inlined into the
 * loop instead of being called through a pointer for every word.
 * sl_tokenize (tokenize.c) is this loop too; there is one definition.
 * Private to tokenize.c and cluster_feat.c.
 */
#ifndef SL_TOKENIZE_LOOP_H
#define SL_TOKENIZE_LOOP_H

#include "tokenize.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes the code point at s (n > 0 bytes left) into *cp and returns its
 * length; an invalid sequence is one U+FFFD of one byte. */
static inline int next_cp(const unsigned char *s, size_t n, int32_t *cp)
{
    int k = sl_utf8_next(s, n, cp);
    if (k < 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

#define IN_WORD (SL_CP_LETTER | SL_CP_MARK | SL_CP_DIGIT)

/* True for a character that may join two parts of a word (see joins):
 * ' ’ - . , (one test of a bit for the ASCII ones, at every word's end). */
static inline int joiner(int32_t cp)
{
    const uint64_t ascii = 1ull << '\'' | 1ull << '-' | 1ull << '.' | 1ull << ',';
    return (uint32_t)cp < 64 ? (int)(ascii >> cp & 1) : cp == 0x2019;
}

/* True when cp, a joiner candidate at s[i] of k bytes, joins the word it
 * follows: ' ’ - between letters (a hyphen also before a digit); . ,
 * between digits. */
static inline int joins(const sl_cpinfo *T, const unsigned char *s, size_t len, size_t i, int k,
                 int32_t cp, int prev_digit)
{
    size_t j = i + (size_t)k;
    if (j >= len)
        return 0;
    int32_t nx;
    next_cp(s + j, len - j, &nx);
    unsigned nc = sl_cp_class_in(T, nx);
    if (cp == '\'' || cp == 0x2019)
        return (nc & (SL_CP_LETTER | SL_CP_MARK)) != 0;
    if (cp == '-')
        return (nc & IN_WORD) != 0;
    return (nc & IN_WORD) == SL_CP_DIGIT && prev_digit;
}

/* A one- or two-byte code point as a word's character: its class, and
 * its lower-case form (as the word keeps it) already encoded, so that the
 * word loop copies bytes instead of mapping and encoding each character,
 * and adds what it counts (letters, and whether one is not upper case or
 * a digit is there) from the same eight bytes. */
enum { NOT_UPPER = 0x80 }; /* a letter or mark that is not upper case */
typedef struct wordch {
    char low[4];   /* the UTF-8 bytes, then zeros */
    uint8_t len;   /* their number */
    uint8_t cls;   /* SL_CP_* bits (as sl_cp_table's) */
    uint8_t let;   /* 1 for a letter or mark */
    uint8_t bits;  /* NOT_UPPER, or SL_TOK_NUM for a digit that is no letter */
} wordch;

/* The table of the code points below SL_CP_SMALL (filled once,
 * thread-safe). */
const wordch *sl_tok_wordch(void);

/* The character at s (n > 0 bytes left): its code point, its class, and
 * its length as the return value; ASCII and two bytes inline. */
static inline int char_at(const wordch *W, const unsigned char *s, size_t n, int32_t *cp,
                          unsigned *c)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        *c = W[s[0]].cls;
        return 1;
    }
    int k = next_cp(s, n, cp);
    *c = *cp < SL_CP_SMALL ? W[*cp].cls : sl_cp_class(*cp);
    return k;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* How many of the 16 bytes at s are ASCII lower-case letters before the
 * first that is not (16 if all are). */
static inline size_t ascii_lower_run16(const unsigned char *s)
{
    __m128i v = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)s), _mm_set1_epi8('a'));
    __m128i in = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(25)), v); /* v <= 25 */
    unsigned m = (unsigned)_mm_movemask_epi8(in);
    return (size_t)__builtin_ctz(~m); /* bit 16 of ~m is set */
}

/* How many of the 8 two-byte characters at s (16 bytes) are lower-case
 * Russian letters (а-п: D0 B0-BF, р-я: D1 80-8F) before the first that
 * is not. */
static inline size_t cyr_lower_run16(const unsigned char *s)
{
    __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)s), _mm_set1_epi16((short)0xF0FF));
    __m128i in = _mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16((short)0xB0D0)),
                              _mm_cmpeq_epi16(v, _mm_set1_epi16((short)0x80D1)));
    unsigned m = (unsigned)_mm_movemask_epi8(in);
    return (size_t)__builtin_ctz(~m) / 2;
}
#endif

/* How it works: a word's characters of one or two bytes (nearly all of
 * them) go through a short loop that decodes, classifies, lowers and
 * counts with one table entry each; anything else (a longer character, a
 * joiner, the end of the word, invalid UTF-8) leaves it for the general
 * step below it, which decides as the original definition says. */
static inline int sl_tokenize_loop(const wordch *W, const sl_cpinfo *T, const char *text,
                                   size_t len, sl_token_fn fn, void *ud)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    /* the lower-cased token: on the stack, on the heap when longer */
    char local[256], *tok = local;
    size_t cap = sizeof local;
    int ret = 0;
    while (i < len) {
        /* skip to the next word character */
        int32_t cp;
        int k;
        unsigned c;
        for (;;) {
            k = char_at(W, s + i, len - i, &cp, &c);
            if (c & IN_WORD)
                break;
            i += (size_t)k;
            if (i >= len)
                goto done;
        }
        size_t start = i, n = 0, after = 0;
        int flags = 0;
        unsigned letters = 0, bits = 0;
        if ((c & (SL_CP_LETTER | SL_CP_UPPER)) == (SL_CP_LETTER | SL_CP_UPPER))
            flags |= SL_TOK_CAP;
        for (;;) { /* cp (k bytes at s[i], class c) belongs to the word */
            if (n + 5 > cap) {
                cap *= 2;
                tok = tok == local ? memcpy(sl_xmalloc(cap), local, n) : sl_xrealloc(tok, cap);
            }
            if (cp < SL_CP_SMALL) {
                const wordch *e = &W[cp];
                memcpy(tok + n, e->low, 4);
                n += e->len;
                letters += e->let;
                bits |= e->bits;
            } else {
                if (c & (SL_CP_LETTER | SL_CP_MARK)) {
                    letters++;
                    bits |= (c & SL_CP_UPPER) ? 0 : NOT_UPPER;
                    cp = sl_cp_lower(cp);
                } else {
                    bits |= (c & SL_CP_DIGIT) ? SL_TOK_NUM : 0;
                    if (cp == 0x2019)
                        cp = '\''; /* a joiner */
                }
                n += (size_t)sl_utf8_encode(cp, tok + n);
            }
            i += (size_t)k;
            /* the short loop: word characters of one or two bytes, each
             * adding at most 4 bytes to tok and taking at least one of s:
             * up to lim the token has room without a check per character */
            size_t room = cap - n;
            size_t lim = room > 5 ? i + (room - 5) / 4 + 1 : i;
            if (lim > len)
                lim = len;
            for (;;) {
                if (i >= lim) {
                    if (i >= len)
                        goto word_end;
                    break; /* the general step grows the token */
                }
                unsigned b0 = s[i];
                const wordch *e;
                size_t k2;
                if (b0 < 0x80) {
#ifdef __SSE2__
                    if (b0 - 'a' < 26u && i + 16 <= len && cap - n >= 16) {
                        /* a run of lower-case ASCII letters, copied as is
                         * (16 bytes written, r of them kept) */
                        size_t r = ascii_lower_run16(s + i);
                        memcpy(tok + n, s + i, 16);
                        n += r;
                        letters += (unsigned)r;
                        bits |= NOT_UPPER;
                        i += r;
                        continue;
                    }
#endif
                    e = &W[b0];
                    k2 = 1;
                } else if (b0 - 0xC2u < 0x1Eu && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
#ifdef __SSE2__
                    if (b0 - 0xD0u < 2u && i + 16 <= len && cap - n >= 16) {
                        size_t r = cyr_lower_run16(s + i); /* the same for Russian */
                        if (r) {
                            memcpy(tok + n, s + i, 16);
                            n += 2 * r;
                            letters += (unsigned)r;
                            bits |= NOT_UPPER;
                            i += 2 * r;
                            continue;
                        }
                    }
#endif
                    e = &W[(b0 & 0x1F) << 6 | (s[i + 1] & 0x3Fu)];
                    k2 = 2;
                } else {
                    break;
                }
                if (!(e->cls & IN_WORD))
                    break;
                memcpy(tok + n, e->low, 4);
                n += e->len;
                letters += e->let;
                bits |= e->bits;
                i += k2;
            }
            k = char_at(W, s + i, len - i, &cp, &c);
            if (c & IN_WORD)
                continue;
            if (!joiner(cp) || !joins(T, s, len, i, k, cp, s[i - 1] >= '0' && s[i - 1] <= '9')) {
                after = (size_t)k; /* no word's: the skip would decode it again */
                break;
            }
        }
    word_end:
        flags |= (int)(bits & SL_TOK_NUM);
        if (letters > 1 && !(bits & NOT_UPPER))
            flags |= SL_TOK_UPPER;
        tok[n] = 0;
        ret = fn(ud, tok, n, start, i, flags);
        if (ret)
            break;
        i += after;
    }
done:
    if (tok != local)
        free(tok);
    return ret;
}

#endif
