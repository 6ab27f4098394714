/*
 * sentence: splits cleaned article text into sentences with byte offsets.
 *
 * News text is full of periods that do not end sentences ("U.S.", "Nov. 3",
 * "Mr. Putin", "J. Smith", "3.5") and of sentence ends hidden inside
 * quotation marks ('... he said." The next'). The splitter is a small
 * rule set, not a model; every view (summary, timeline, quotes) cites
 * sentences by these offsets.
 */
#ifndef SL_SENTENCE_H
#define SL_SENTENCE_H

#include "words.h"

#include <stddef.h>

typedef struct sl_sent {
    size_t start, end; /* [start, end) bytes in the text, trimmed */
    int para;          /* paragraph number (paragraphs split at blank lines) */
    int index;         /* sentence number in the text, from 0 */
    int para_index;    /* sentence number inside its paragraph, from 0 */
} sl_sent;

/* Splits text (len bytes, valid UTF-8) into sentences. Returns the count
 * and stores a new array in *out (caller frees; NULL when the count is 0).
 * Paragraphs are separated by a blank line; single newlines inside a
 * paragraph are ordinary spaces (hard-wrapped text). */
size_t sl_sentences(const char *text, size_t len, sl_sent **out);

/* The same, stopping after the paragraph where the count reaches max: the
 * sentences returned (max or more, or all) are sl_sentences' first ones,
 * for a caller that reads only the lead. */
size_t sl_sentences_max(const char *text, size_t len, size_t max, sl_sent **out);

/* The sentences and words of each article of a story, found once and
 * shared by the views (summary, timeline, entities) instead of each
 * splitting again. s[i], ns[i]: the sentences of article i (s[i] NULL
 * when none); w[i], nw[i]: its words (words.h), wall[i] set when they
 * cover all of its text. */
typedef struct sl_splits {
    sl_sent **s;
    size_t *ns;
    sl_word **w;
    size_t *nw;
    unsigned char *wall;
    size_t n;
} sl_splits;

/* Splits texts[0..n) (NULL entries have no sentences) into *sp; free with
 * sl_splits_free. */
void sl_splits_init(sl_splits *sp, const char *const *texts, size_t n);
void sl_splits_free(sl_splits *sp);

/* The sentences of article i with text `text`: borrowed from sp when sp is
 * given (and holds article i), else split now into a new array that the
 * caller frees with free(*own). *own is NULL when nothing was split. */
size_t sl_splits_get(const sl_splits *sp, size_t i, const char *text, const sl_sent **out,
                     sl_sent **own);

/* The words of article i with text `text`, as sl_splits_get gives its
 * sentences: borrowed from sp, else found now into a new array that the
 * caller frees with free(*own). *all (may be NULL): they cover the whole
 * text (see sl_words_of). */
size_t sl_splits_words(const sl_splits *sp, size_t i, const char *text, const sl_word **out,
                       sl_word **own, int *all);

/* True when the word w (n bytes, as written, without its final period) is
 * an abbreviation that a period does not end a sentence after ("Mr",
 * "Nov", "U.S", "Corp"); single capital letters (initials) included. */
int sl_sent_abbrev(const char *w, size_t n);


#include <stdint.h>

/* One word of a sentence for the statistics of the views. */
typedef struct sl_term {
    uint64_t h;        /* hash of the word's stem */
    unsigned stop : 1; /* function word or a single character */
    unsigned cap : 1;  /* capitalised in the text */
    unsigned num : 1;  /* contains a digit */
} sl_term;

/* Terms of s[0..n) (language lang, may be NULL), appended to the growable
 * array *v (count *nv, capacity *cap; caller frees *v). Returns the number
 * appended. */
size_t sl_sent_terms(const char *lang, const char *s, size_t n, sl_term **v, size_t *nv,
                     size_t *cap);

/* Bytes to skip at the start of a lead sentence to drop a wire dateline
 * ("MOSCOW — ", "DOI INTHANON, Thailand (AP) _ ", "BEIJING, Nov. 2
 * (Xinhua) -- "); 0 when there is none. */
size_t sl_sent_dateline(const char *s, size_t n);

/* Index of the sentence where the article's body starts: the one that
 * opens on a dateline when one of the first three sentences does (what
 * comes before it is a dek, teaser or caption the page put first), else 0. */
size_t sl_sent_body(const char *text, const sl_sent *s, size_t ns);

#endif
