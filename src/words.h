/*
 * words: the words of a text with byte offsets, found in one pass over
 * the text and shared by the views that read words (entities, timeline)
 * instead of each scanning the text again.
 *
 * A word is a run of letters, digits and combining marks (any script:
 * "مغايرًا", "٢٠١٩" are one word each), joined across "-",
 * "." and an apostrophe between letters ("al-Assad", "U.S", "O'Brien");
 * a possessive "'s" is not part of it, and the period of an abbreviation
 * is ("U.S.", "Mr.", "Nov.").
 */
#ifndef SL_WORDS_H
#define SL_WORDS_H

#include <stddef.h>
#include <stdint.h>

enum {
    SL_WORD_DIGIT = 1, /* holds an ASCII digit */
    SL_WORD_LATIN = 2, /* holds an ASCII letter */
    SL_WORD_OTHER = 4  /* holds anything else: another script, "-", ".", "'" */
};

typedef struct sl_word {
    uint32_t s, e;      /* bytes [s, e) of the text (texts up to 4 GiB) */
    unsigned char cap;  /* starts with a capital letter */
    unsigned char poss; /* was followed by 's */
    unsigned char sep;  /* punctuation between the previous word and this one */
    unsigned char kind; /* SL_WORD_* bits */
} sl_word;

/* Splits s[0..n) into words, stored in *w (room for *cap words); returns
 * the count, at most max. When *cap < max, *w is a heap array that grows
 * (by realloc, *cap updated) as words come. *done (may be NULL) is set
 * when the whole text was read (the count did not reach max). */
size_t sl_words_scan(const char *s, size_t n, sl_word **w, size_t *cap, size_t max, int *done);

/* The words of the NUL-terminated text s in a new array *w (caller
 * frees); returns the count. *all (may be NULL) is set when they cover the whole text:
 * then every ASCII letter and digit of it lies inside one of the words,
 * but the "s" of a possessive (not so past the first 4 GiB, or past a
 * word per two bytes). */
size_t sl_words_of(const char *s, sl_word **w, int *all);

/* How the scanner sees the character at s (n > 0 bytes): bit 0 set for a
 * letter, digit or combining mark, bit 1 for an upper-case letter; *len is its length in
 * bytes (1 for a broken sequence). For the tests. */
int sl_words_char_class(const char *s, size_t n, int *len);

#endif
