/*
 * textclean_rules: the line and paragraph classifiers behind textclean.
 *
 * Every rule is generic web or wire boilerplate: browser and cookie
 * notices, app and newsletter prompts, share/follow links, section
 * footers, photo captions and credits, embed notices, embedded tweets,
 * copyright lines. None names a site. Strings passed in are trimmed,
 * NUL-terminated, valid UTF-8 with single spaces between words.
 */
#ifndef SL_TEXTCLEAN_RULES_H
#define SL_TEXTCLEAN_RULES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum sl_tc_kind {
    SL_TC_TEXT = 0,    /* ordinary text */
    SL_TC_CHROME,      /* site chrome, credit, teaser, notice: drop */
    SL_TC_URL,         /* only URLs: drop */
    SL_TC_TWEET_ATTR   /* "— Name (@handle) Month D, YYYY": drop it and the tweet before */
} sl_tc_kind;

/* Classifies one line on its own. */
sl_tc_kind sl_tc_line_kind(const char *s);

/* True when a whole paragraph (hard wraps joined) is a photo caption: it
 * ends with a credit such as "Name Surname / Agency" or "(Photo by ...)",
 * or is nothing but such a credit. */
bool sl_tc_is_caption(const char *s);

/* True when s ends a sentence: last character, before closing quotes and
 * brackets, is one of . ! ? : ; or an ellipsis. */
bool sl_tc_ends_sentence(const char *s);

/* True when the first letter of s (after opening quotes/brackets) is a
 * lowercase letter. */
bool sl_tc_starts_lower(const char *s);

/* True when most content words of s start with a capital (a headline). */
bool sl_tc_is_titlecase(const char *s);

/* Number of space-separated words in s. */
size_t sl_tc_words(const char *s);
/* The same when it is at most cap, else cap + 1 (it stops counting there:
 * the rules that ask only compare with a small number). */
size_t sl_tc_words_upto(const char *s, size_t cap);

/* Number of code points in s. */
size_t sl_tc_cplen(const char *s);

/* True when s has no letter or digit at all (separators, bullets). */
bool sl_tc_no_alnum(const char *s);

#endif
