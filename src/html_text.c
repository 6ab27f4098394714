/*
 * html_text: edge clean-up of extracted article text (see html_text.h).
 */
#include "html_text.h"
#include "html_meta.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EDGE_WORDS 10 /* edge lines this short are candidates for removal */
#define MIN_REPEAT 80 /* shorter repeated paragraphs are kept (list items...) */

typedef struct para {
    char *s;
    size_t n;
    bool drop;
} para;

/* isspace of the C locale, without a call per byte. */
static inline bool ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The high bit of every byte of w that is below c (1 <= c <= 128). */
static inline uint64_t bytes_below(uint64_t w, unsigned c)
{
    return ~(((w & ~HIGHS) + ONES * (0x80 - c)) | w) & HIGHS;
}

/* Words of s, counted up to max + 1 (enough to tell "more than max"):
 * eight bytes at a time, a word starting at each non-space byte after a
 * space (ascii_space). */
static int count_words_max(const char *s, size_t n, int max)
{
    int w = 0;
    bool in = false;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v); /* byte k of the text is byte k of v */
#endif
        uint64_t space = bytes_below(v ^ (ONES * ' '), 1) |
                         (bytes_below(v, '\r' + 1) & ~bytes_below(v, '\t'));
        uint64_t word = ~space & HIGHS;
        uint64_t starts = word & ((space << 8) | (in ? 0 : 0x80));
        w += (int)(((starts >> 7) * ONES) >> 56);
        if (w > max)
            return max + 1;
        in = (word >> 63) != 0;
    }
    for (; i < n; i++) {
        bool sp = ascii_space((unsigned char)s[i]);
        if (!sp && !in && ++w > max)
            break;
        in = !sp;
    }
    return w;
}

static int count_words(const char *s, size_t n)
{
    return count_words_max(s, n, INT32_MAX);
}

/* Paragraph made of markup printed as text: several "<tag" and ">", one
 * of them a "</tag" or "<!". */
static bool is_markup(const char *s, size_t n)
{
    int tags = 0, closing = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
        if (p + 1 < end && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
            tags++;
            closing += p[1] == '/' || p[1] == '!';
        }
    /* "<repo url>" placeholders in a code sample are no markup: printed
     * markup closes its elements (or holds comments/doctypes) */
    return tags >= 3 && closing > 0 && memchr(s, '>', n) != NULL;
}

/* Whether s[0..n) ends with suffix. */
static bool ends_with_n(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

static bool starts_ci(const char *s, const char *prefix)
{
    return !strncasecmp(s, prefix, strlen(prefix));
}

/* Whether s[0..n) holds an ASCII digit. */
static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(s[i] - '0') < 10)
            return true;
    return false;
}

/* Dateline, byline, counter or copyright line (short lines only). */
static bool is_edge_junk(const char *s, size_t n)
{
    int w = count_words_max(s, n, EDGE_WORDS);
    if (w > EDGE_WORDS)
        return false;
    static const char *const prefixes[] = {"by ", "written by", "posted by", "published",
                                           "updated", "last updated", "last reviewed",
                                           "on behalf of", "copyright", "photo:", "image:",
                                           "source:", "related:", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (starts_ci(s, prefixes[i]))
            return true;
    if (strstr(s, "©") || sl_strcasestr(s, "all rights reserved"))
        return true;
    /* "1,693 views", "5 min read", "3 comments" */
    if (w <= 3 && isdigit((unsigned char)s[0]) &&
        (sl_strcasestr(s, "view") || sl_strcasestr(s, "read") || sl_strcasestr(s, "comment") ||
         sl_strcasestr(s, "share")))
        return true;
    if (w <= 8 && has_digit(s, n)) { /* a date has digits (sl_hmeta_date) */
        char *d = sl_hmeta_date(s);
        bool has = d != NULL;
        free(d);
        if (has)
            return true;
    }
    return false;
}

/* Word i (0-based) of s lowercased into w (at most cap-1 bytes); false
 * when s has fewer words. */
static bool word_at(const char *s, size_t n, int i, char *w, size_t cap)
{
    size_t k = 0;
    for (int at = 0; k < n; at++) {
        while (k < n && !isalnum((unsigned char)s[k]))
            k++;
        size_t st = k;
        while (k < n && (isalnum((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80))
            k++;
        if (k == st)
            return false;
        if (at == i) {
            size_t m = k - st < cap - 1 ? k - st : cap - 1;
            for (size_t j = 0; j < m; j++)
                w[j] = (char)tolower((unsigned char)s[st + j]);
            w[m] = 0;
            return true;
        }
    }
    return false;
}

/* A short paragraph anywhere in the body that is page furniture rather
 * than article: a photo credit ("Photo: ...", "Image courtesy ...",
 * "Credit: ...", "X Images / Name"), an ad slot label, a "Loading..."
 * placeholder, or an inline teaser ("Related: <another headline>"). The
 * shapes are generic web phrasing; longer paragraphs are never touched. */
static bool is_furniture(const char *s, size_t n)
{
    int w = count_words_max(s, n, EDGE_WORDS);
    if (w == 0 || w > EDGE_WORDS)
        return false;
    char w0[24], w1[24];
    if (!word_at(s, n, 0, w0, sizeof w0))
        return false;
    if (!word_at(s, n, 1, w1, sizeof w1))
        w1[0] = 0;
    static const char *const pics[] = {"photo", "photos", "image", "images", "picture",
                                       "illustration", "graphic", "photograph", NULL};
    /* the first separator after the first word or two */
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == ' ' || (unsigned char)s[k] >= 0x80))
        k++;
    char sep = k < n ? s[k] : 0;
    int words_before = count_words(s, k);
    if (sl_word_in_list(pics, w0, strlen(w0))) {
        if ((sep == ':' || sep == '/') && words_before <= 2)
            return true; /* "Photo: ...", "Image credit: ..." */
        if (!strcmp(w1, "courtesy") || !strcmp(w1, "credit") || !strcmp(w1, "credits"))
            return true;
    }
    if ((!strcmp(w0, "credit") || !strcmp(w0, "credits")) && sep == ':' && words_before == 1)
        return true;
    if (!strcmp(w1, "images") && sep == '/' && words_before == 2)
        return true; /* agency credit: "Name Images / Photographer" */
    if (!strcmp(w0, "advertisement") && (w == 1 || (sep == ':' && words_before == 1)))
        return true;
    if (!strcmp(w0, "loading") && w <= 6 &&
        (ends_with_n(s, n, "...") || ends_with_n(s, n, "\xE2\x80\xA6")))
        return true;
    if (!strcmp(w0, "related") && sep == ':' && words_before <= 2) {
        size_t j = k + 1;
        while (j < n && isspace((unsigned char)s[j]))
            j++;
        return j < n; /* a lead-in with its teaser after it */
    }
    return false;
}

/* A last paragraph that leads in to something not there ("Related
 * articles:") or is a bare heading left without its section. */
static bool is_dangling_tail(const char *s, size_t n)
{
    if (n == 0)
        return true;
    char last = s[n - 1];
    if (last == ':' && count_words_max(s, n, 15) <= 15)
        return true;
    return count_words_max(s, n, 4) <= 4 && !strchr(".!?\"”)»", last);
}

/* Drops second and later copies of a paragraph (pages that carry their
 * article twice, once for a hidden layout). Open addressing on hashes. */
static void drop_repeats(para *ps, size_t np)
{
    size_t cap = 64;
    while (cap < np * 2)
        cap *= 2;
    uint64_t *seen = sl_xcalloc(cap, sizeof *seen);
    for (size_t i = 0; i < np; i++) {
        if (ps[i].n < MIN_REPEAT || ps[i].drop)
            continue;
        uint64_t h = sl_hash64(ps[i].s, ps[i].n) | 1; /* 0 marks a free slot */
        size_t k = (size_t)h & (cap - 1);
        while (seen[k] && seen[k] != h)
            k = (k + 1) & (cap - 1);
        if (seen[k] == h)
            ps[i].drop = true;
        seen[k] = h;
    }
    free(seen);
}

char *sl_html_trim_edges(char *text)
{
    size_t np = 0, cap = 0;
    para *ps = NULL;
    for (char *p = text; *p;) {
        char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (np == cap)
            ps = sl_xrealloc(ps, (cap = cap ? cap * 2 : 32) * sizeof *ps);
        ps[np++] = (para){p, n, false};
        p = e ? e + 2 : p + n;
    }
    for (size_t i = 0; i < np; i++)
        if (is_markup(ps[i].s, ps[i].n) || is_furniture(ps[i].s, ps[i].n))
            ps[i].drop = true;
    drop_repeats(ps, np);
    /* head: skip over dropped ones and junk lines (a few at most) */
    for (size_t i = 0, seen = 0; i < np && seen < 4; i++) {
        if (ps[i].drop)
            continue;
        seen++;
        char save = ps[i].s[ps[i].n];
        ps[i].s[ps[i].n] = 0;
        bool junk = is_edge_junk(ps[i].s, ps[i].n);
        ps[i].s[ps[i].n] = save;
        if (!junk)
            break;
        ps[i].drop = true;
    }
    for (size_t i = np, seen = 0; i-- > 0 && seen < 6;) {
        if (ps[i].drop)
            continue;
        seen++;
        char save = ps[i].s[ps[i].n];
        ps[i].s[ps[i].n] = 0;
        bool junk = is_edge_junk(ps[i].s, ps[i].n) || is_dangling_tail(ps[i].s, ps[i].n);
        ps[i].s[ps[i].n] = save;
        if (!junk)
            break;
        ps[i].drop = true;
    }
    /* keep at least something: if everything went, keep it all */
    size_t kept = 0;
    for (size_t i = 0; i < np; i++)
        kept += !ps[i].drop;
    if (kept == 0 || kept == np) {
        free(ps);
        return text; /* everything went, or nothing did: the text as it was */
    }
    sl_buf b = {0};
    for (size_t i = 0; i < np; i++) {
        if (ps[i].drop)
            continue;
        if (b.len)
            sl_buf_puts(&b, "\n\n");
        sl_buf_append(&b, ps[i].s, ps[i].n);
    }
    memcpy(text, b.data, b.len + 1);
    sl_buf_free(&b);
    free(ps);
    return text;
}
