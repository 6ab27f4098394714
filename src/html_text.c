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

static int count_words(const char *s, size_t n)
{
    int w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = isspace((unsigned char)s[i]) != 0;
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Paragraph made of markup printed as text: several "<tag" and ">". */
static bool is_markup(const char *s, size_t n)
{
    int tags = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))
            tags++;
    return tags >= 3 && memchr(s, '>', n) != NULL;
}

static bool starts_ci(const char *s, const char *prefix)
{
    return !strncasecmp(s, prefix, strlen(prefix));
}

/* Dateline, byline, counter or copyright line (short lines only). */
static bool is_edge_junk(const char *s, size_t n)
{
    int w = count_words(s, n);
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
    if (w <= 8) {
        char *d = sl_hmeta_date(s);
        bool has = d != NULL;
        free(d);
        if (has)
            return true;
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
    if (last == ':' && count_words(s, n) <= 15)
        return true;
    return count_words(s, n) <= 4 && !strchr(".!?\"”)»", last);
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
        if (is_markup(ps[i].s, ps[i].n))
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
    if (kept == 0) {
        free(ps);
        return text;
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
