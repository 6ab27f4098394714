/*
 * textclean: raw scraped text (web page copies, PDF text) to a title and
 * clean paragraphs.
 *
 * How it works, in passes over lines and then paragraphs:
 *  1. Normalise: Unicode spaces (NBSP, thin spaces...) become spaces,
 *     zero-width characters and soft hyphens go, control characters become
 *     spaces, runs of spaces collapse; a line that started with blanks is
 *     "indented".
 *  2. Classify each line on its own (textclean_rules): chrome, bare URLs,
 *     tweet signatures.
 *  3. Join lines into paragraphs. A text is hard-wrapped when many lines
 *     that are followed by another line reach near the typical line width
 *     without ending a sentence. In wrapped text a line joins the next
 *     unless it ends a sentence well short of the width, or an indent
 *     starts a paragraph; in unwrapped text (one paragraph per line) a line
 *     joins the next only when it stops mid-sentence and the next starts in
 *     lowercase.
 *  4. Drop paragraphs that are captions (ending with a photo credit), the
 *     tweet before a tweet signature, symbol-only lines; near the top,
 *     bylines and date lines, whose content fills author and published.
 *  5. Frame: when the text has body paragraphs (a dozen words ending a
 *     sentence), the headline is the best-scored headline-like line before
 *     the first of them, and only sentences survive before the first and
 *     after the last (menus, kickers, related links and footers do not
 *     end with one); runs of four or more short unpunctuated lines are
 *     navigation anywhere; a comment-thread or related-links heading in the
 *     second half cuts off the rest. A text without body paragraphs takes
 *     its first headline-like paragraph as title.
 *  6. Rejoin a sentence split across a paragraph break (a paragraph that
 *     stops mid-sentence followed by one starting in lowercase: what is
 *     left when stray URLs or page breaks were cut out of it).
 *  7. Drop short unpunctuated trailing lines (section footers, link rails),
 *     then repeated paragraphs and sentences (textclean_dedup).
 */
#include "textclean.h"
#include "sentence.h" /* sl_sent_dateline: one dateline rule for cleaning and summaries */
#include "storyline.h"
#include "textclean_dedup.h"
#include "textclean_meta.h"
#include "textclean_rules.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct line {
    char *s;         /* normalised, trimmed */
    bool indent;     /* started with blanks */
    sl_tc_kind kind;
} line;

typedef struct para {
    sl_buf b;
    sl_tc_kind kind;
    bool drop;
} para;

/* ---- 1. normalisation ---------------------------------------------------- */

/* What to do with one code point: 0 keep, 1 space, 2 remove, 3 newline. */
static inline int cp_action(int32_t cp)
{
    if (cp == '\n' || cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return 3;
    if (cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || cp == 0x1680)
        return 1;
    if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
        return 2;
    if (cp < 0x20 || cp == 0x7F)
        return cp == '\r' ? 2 : 1;
    return 0;
}

/* Splits text into normalised lines; *n receives the count; caller frees
 * each line's s and the array. */
static line *split_lines(const char *text, size_t len, size_t *n)
{
    size_t cap = 64, cnt = 0;
    line *v = sl_xmalloc(cap * sizeof *v);
    sl_buf cur = {0};
    bool lead = true, indent = false, space = false;
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i <= len;) {
        /* a run of characters kept as they are (cp_action 0, but the
         * space): copied at once (printable ASCII, all kept, is told by
         * its byte) */
        size_t j = i;
        while (j < len) {
            if (u[j] > 0x20 && u[j] < 0x7F) {
                j++;
                continue;
            }
            int32_t rc;
            int rk = sl_utf8_next(u + j, len - j, &rc);
            if (rk < 0 || rc == ' ' || cp_action(rc))
                break;
            j += (size_t)rk;
        }
        if (j > i) {
            if (space)
                sl_buf_putc(&cur, ' ');
            sl_buf_append(&cur, text + i, j - i);
            lead = space = false;
            i = j;
            continue;
        }
        int32_t cp = '\n';
        int k = 1;
        if (i < len) {
            k = sl_utf8_decode(u + i, len - i, &cp);
            if (k < 0) {
                cp = 0xFFFD;
                k = 1;
            }
            /* a lone CR is a line break */
            if (cp == '\r' && !(i + 1 < len && u[i + 1] == '\n'))
                cp = '\n';
        }
        int act = cp_action(cp);
        if (act == 3) {
            if (cnt == cap) {
                cap *= 2;
                v = sl_xrealloc(v, cap * sizeof *v);
            }
            v[cnt].s = cur.len ? sl_buf_take(&cur) : sl_xstrdup("");
            v[cnt].indent = indent && v[cnt].s[0];
            v[cnt].kind = SL_TC_TEXT;
            cnt++;
            sl_buf_reset(&cur);
            lead = true;
            indent = space = false;
        } else if (act == 1 || (act == 0 && cp == ' ')) {
            if (lead)
                indent = true;
            else
                space = true;
        } else if (act == 0) {
            if (space)
                sl_buf_putc(&cur, ' ');
            char enc[4];
            sl_buf_append(&cur, enc, (size_t)sl_utf8_encode(cp, enc));
            lead = space = false;
        }
        i += (size_t)k;
    }
    sl_buf_free(&cur);
    *n = cnt;
    return v;
}

/* ---- 3. hard wraps ------------------------------------------------------- */

typedef struct layout {
    bool wrapped;      /* hard-wrapped text */
    size_t width;      /* typical width of a wrapped line (code points) */
    bool indent_marks; /* an indent starts a paragraph */
} layout;

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static bool is_text(const line *l)
{
    return l->kind == SL_TC_TEXT && l->s[0];
}

static layout detect_layout(const line *v, size_t n)
{
    layout lo = {false, 0, false};
    size_t *lens = sl_xmalloc((n ? n : 1) * sizeof *lens), nc = 0, nonblank = 0, indented = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].s[0])
            continue;
        nonblank++;
        indented += v[i].indent;
        if (is_text(&v[i]) && i + 1 < n && is_text(&v[i + 1]))
            lens[nc++] = sl_tc_cplen(v[i].s);
    }
    lo.indent_marks = indented * 2 < nonblank;
    if (nc >= 2) {
        qsort(lens, nc, sizeof *lens, cmp_size);
        size_t w = lens[(nc * 8) / 10 < nc ? (nc * 8) / 10 : nc - 1];
        size_t evidence = 0;
        for (size_t i = 0; i + 1 < n; i++)
            if (is_text(&v[i]) && is_text(&v[i + 1]) && sl_tc_cplen(v[i].s) * 4 >= w * 3 &&
                !sl_tc_ends_sentence(v[i].s))
                evidence++;
        lo.width = w;
        lo.wrapped = w >= 30 && w <= 160 && evidence >= 2 && evidence * 3 >= nc;
    }
    free(lens);
    return lo;
}

/* True when the last character of s is a hyphen after a letter. */
static bool ends_hyphen(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && s[n - 1] == '-' && isalpha((unsigned char)s[n - 2]);
}

/* Whether line b continues the paragraph whose last line is a.
 * Returns 0 break, 1 join with a space, 2 join without one. */
static int continues(const layout *lo, const line *a, const line *b, bool first_para)
{
    if (b->indent && lo->indent_marks)
        return 0;
    if (ends_hyphen(a->s))
        return 2; /* "President-" + "Elect", "well-" + "known": keep the hyphen */
    if (!lo->wrapped) /* a comma never ends a paragraph */
        return !sl_tc_ends_sentence(a->s) && (sl_tc_starts_lower(b->s) || sl_str_endswith(a->s, ","));
    if (sl_tc_ends_sentence(a->s) && sl_tc_cplen(a->s) * 4 < lo->width * 3)
        return 0;
    /* a wrapped headline followed by body text */
    if (first_para && !sl_tc_ends_sentence(a->s) && sl_tc_is_titlecase(a->s) &&
        !sl_tc_is_titlecase(b->s))
        return 0;
    return 1;
}

static para *new_para(para **v, size_t *n, size_t *cap, sl_tc_kind kind)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = sl_xrealloc(*v, *cap * sizeof **v);
    }
    para *p = &(*v)[(*n)++];
    memset(p, 0, sizeof *p);
    p->kind = kind;
    return p;
}

/* Groups lines into paragraphs (see the top comment, step 3). */
static para *assemble(const line *v, size_t n, size_t *np)
{
    layout lo = detect_layout(v, n);
    para *ps = NULL;
    size_t cnt = 0, cap = 0;
    const line *last = NULL; /* last line of the open paragraph */
    for (size_t i = 0; i < n; i++) {
        const line *l = &v[i];
        if (!l->s[0] || l->kind == SL_TC_CHROME || l->kind == SL_TC_TWEET_ATTR) {
            last = NULL;
            if (l->kind == SL_TC_TWEET_ATTR)
                new_para(&ps, &cnt, &cap, SL_TC_TWEET_ATTR);
            continue;
        }
        if (l->kind == SL_TC_URL)
            continue; /* transparent: a stray link inside a paragraph */
        int how = last ? continues(&lo, last, l, cnt == 1) : 0;
        if (how == 0) {
            para *p = new_para(&ps, &cnt, &cap, SL_TC_TEXT);
            sl_buf_puts(&p->b, l->s);
        } else {
            if (how == 1)
                sl_buf_putc(&ps[cnt - 1].b, ' ');
            sl_buf_puts(&ps[cnt - 1].b, l->s);
        }
        last = l;
    }
    *np = cnt;
    return ps;
}

/* ---- 4-7. paragraph passes ----------------------------------------------- */

static const char *ptext(const para *p)
{
    return p->b.data ? p->b.data : "";
}

/* Step 4: captions, tweets, symbol lines, chrome that wrapped over lines. */
static void drop_furniture(para *ps, size_t n)
{
    size_t prev = (size_t)-1; /* last kept text paragraph */
    for (size_t i = 0; i < n; i++) {
        para *p = &ps[i];
        if (p->kind == SL_TC_TWEET_ATTR) {
            p->drop = true;
            if (prev != (size_t)-1 && prev + 1 == i && ps[prev].b.len < 600)
                ps[prev].drop = true;
            continue;
        }
        const char *s = ptext(p);
        if (!s[0] || sl_tc_no_alnum(s) || sl_tc_is_caption(s) || sl_tc_line_kind(s) != SL_TC_TEXT)
            p->drop = true;
        else
            prev = i;
    }
}

/* Step 4b: bylines, date lines and reading times near the top; what they
 * say fills d->author and d->published when those are unknown. */
static size_t first_body(const para *ps, size_t n);

static void take_meta(sl_doc *d, para *ps, size_t n)
{
    /* the lines before the body, or the first few when there is none */
    size_t seen = 0, limit = first_body(ps, n);
    for (size_t i = 0; i < n && (limit < n ? i < limit : seen < 8); i++) {
        if (ps[i].drop)
            continue;
        seen++;
        const char *s = ptext(&ps[i]);
        char iso[11], *name = NULL;
        if (sl_tc_byline(s, &name)) {
            if (!d->author && name[0])
                d->author = name;
            else
                free(name);
            ps[i].drop = true;
        } else if (sl_tc_dateline(s, iso)) {
            if (!d->published)
                d->published = sl_xstrdup(iso);
            ps[i].drop = true;
        } else if (sl_tc_reading_time(s)) {
            ps[i].drop = true;
        }
    }
}

/* Index of the next kept paragraph at or after i, or n. */
static size_t next_kept(const para *ps, size_t n, size_t i)
{
    while (i < n && ps[i].drop)
        i++;
    return i;
}

static bool headline_like(const char *s)
{
    size_t w = sl_tc_words_upto(s, 40), c = sl_tc_cplen(s);
    if (w < 2 || w > 40 || c > 300)
        return false;
    /* a headline does not end with a full stop (but may with ? or !) */
    if (!sl_tc_ends_sentence(s))
        return s[strlen(s) - 1] != ',';
    const char *q = s + strlen(s);
    while (q > s && strchr("\"')]", q[-1]))
        q--;
    return q > s && (q[-1] == '?' || q[-1] == '!' || sl_str_endswith(s, "\xEF\xBC\x9F") ||
                     sl_str_endswith(s, "\xEF\xBC\x81"));
}

/* Lowercased letters and digits of s, for comparing titles. */
static char *squash(const char *s)
{
    char *r = sl_xmalloc(strlen(s) + 1), *q = r;
    for (; *s; s++)
        if (isalnum((unsigned char)*s) || ((unsigned char)*s & 0x80))
            *q++ = (char)tolower((unsigned char)*s);
    *q = 0;
    return r;
}

static bool same_text(const char *a, const char *b)
{
    char *x = squash(a), *y = squash(b);
    bool eq = strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

/* ---- 5. the article frame ----------------------------------------------- */

/* Step 5: finds and removes the headline paragraph; returns it (caller
 * frees) or NULL. When known is set (a title from metadata) only a
 * paragraph repeating it is removed, and NULL is returned. */
static char *take_title(para *ps, size_t n, const char *known)
{
    size_t i = next_kept(ps, n, 0);
    if (i >= n)
        return NULL;
    if (known) {
        if (same_text(ptext(&ps[i]), known))
            ps[i].drop = true;
        return NULL;
    }
    /* short section labels ("World", "Politics | Europe") before a headline */
    for (int k = 0; k < 2; k++) {
        size_t j = next_kept(ps, n, i + 1);
        const char *s = ptext(&ps[i]);
        size_t w = sl_tc_words_upto(s, 3);
        if (j < n && w <= 3 && !sl_tc_ends_sentence(s) && headline_like(ptext(&ps[j])) &&
            sl_tc_words_upto(ptext(&ps[j]), 3) > w) {
            ps[i].drop = true;
            i = j;
        }
    }
    if (!headline_like(ptext(&ps[i])))
        return NULL;
    ps[i].drop = true;
    return sl_xstrdup(ptext(&ps[i]));
}

/* A paragraph of the article body: a dozen words or more ending a
 * sentence, or a long one however it ends (a teaser cut mid-sentence). */
static bool body_like(const char *s)
{
    size_t w = sl_tc_words_upto(s, 40);
    return (w >= 12 && sl_tc_ends_sentence(s)) || w >= 40;
}

/* Index of the first kept body paragraph, or n. */
static size_t first_body(const para *ps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ps[i].drop && body_like(ptext(&ps[i])))
            return i;
    return n;
}

/* Link and button text: a few words starting with an imperative. */
static bool call_to_action(const char *s)
{
    static const char *verbs[] = {"back to", "get ", "try ", "access ", "recover ", "advertise",
                                  "click", "subscribe", "sign ", "join ", "download", "learn ",
                                  "contact", "explore", "discover", "shop ", "buy ", "order ",
                                  "book ", "start ", "register", "log ", "follow", "share",
                                  "watch", "listen", "view ", "see ", "visit", "return",
                                  "go to", "continue", "load ", "show ", "leave ", "print",
                                  "read ", "skip", "donate", "support us", NULL};
    if (sl_tc_words_upto(s, 5) > 5)
        return false;
    for (int i = 0; verbs[i]; i++)
        if (!strncasecmp(s, verbs[i], strlen(verbs[i])))
            return true;
    return false;
}

/* How much a paragraph before the body looks like the headline: a
 * headline has several words (navigation one to three), is often in
 * title case, is no button text, and sits close to the body. */
static int title_score(const char *s, size_t dist)
{
    size_t w = sl_tc_words_upto(s, 14);
    int score = (int)(w < 14 ? w : 14);
    if (w >= 3 && sl_tc_is_titlecase(s))
        score += 3;
    if (call_to_action(s))
        score -= 10;
    score -= (int)(dist < 10 ? dist : 10);
    return score;
}

/* Step 5 when the text has a body: the headline is the best-scored
 * headline-like paragraph before the first body paragraph (navigation,
 * section labels, bylines and kickers come before it too); before the body
 * only sentences (a standfirst) and long paragraphs survive besides it, and
 * after the last body paragraph only those do (related-article links, tags
 * and footers end without a sentence). Returns the title (caller frees) or
 * NULL; falls back to take_title for texts without a body paragraph. */
static char *take_frame(para *ps, size_t n, const char *known)
{
    size_t first = n, last = n;
    for (size_t i = 0; i < n; i++)
        if (!ps[i].drop && body_like(ptext(&ps[i]))) {
            if (first == n)
                first = i;
            last = i;
        }
    if (first == n)
        return take_title(ps, n, known);
    size_t t = n, cands = 0;
    int best = 0;
    for (size_t i = first; i-- > 0;) {
        const char *s = ptext(&ps[i]);
        if (ps[i].drop)
            continue;
        if (known) {
            if (same_text(s, known))
                t = i;
            continue;
        }
        if (!headline_like(s))
            continue;
        int sc = title_score(s, cands++);
        if (t == n || sc > best) {
            t = i;
            best = sc;
        }
    }
    char *title = NULL;
    if (t < n) {
        ps[t].drop = true;
        if (!known)
            title = sl_xstrdup(ptext(&ps[t]));
    }
    for (size_t i = 0; i < first; i++) {
        const char *s = ptext(&ps[i]);
        size_t w = sl_tc_words_upto(s, 25);
        if (!ps[i].drop && !(sl_tc_ends_sentence(s) && w >= 6) && w < 25)
            ps[i].drop = true;
    }
    for (size_t i = last + 1; i < n; i++) {
        const char *s = ptext(&ps[i]);
        size_t w = sl_tc_words_upto(s, 25);
        if (!ps[i].drop && !(sl_tc_ends_sentence(s) && w >= 3) && w < 25)
            ps[i].drop = true;
    }
    return title;
}

/* Step 5b: a dek (standfirst). News copy starts its body with the
 * dateline ("MOSCOW — ..."); a short paragraph between the headline and
 * a dateline paragraph among the first few is the subtitle, not the
 * story, and would otherwise lead the summary. It is dropped. */
#define DEK_WORDS 40 /* a longer paragraph before the dateline is kept */
static void drop_dek(para *ps, size_t n)
{
    size_t first = next_kept(ps, n, 0), j = first;
    for (int k = 0; k < 3 && j < n; k++, j = next_kept(ps, n, j + 1)) {
        const char *s = ptext(&ps[j]);
        if (sl_sent_dateline(s, strlen(s)) == 0)
            continue;
        for (size_t i = first; i < j; i++)
            if (!ps[i].drop && sl_tc_words(ptext(&ps[i])) > DEK_WORDS)
                return;
        for (size_t i = first; i < j; i++)
            ps[i].drop = true;
        return;
    }
}

/* A short line that is no sentence: a menu item, tag, label or button. */
static bool link_like(const char *s)
{
    return sl_tc_words_upto(s, 5) <= 5 && sl_tc_cplen(s) <= 50 && !sl_tc_ends_sentence(s);
}

/* Step 5b: runs of link-like lines (menus, tag lists, link rails) are
 * navigation wherever they are; an article's subheading stands alone
 * between paragraphs. */
static void drop_nav_runs(para *ps, size_t n)
{
    size_t run_min = 4;
    size_t i = 0;
    while (i < n) {
        if (ps[i].drop || !link_like(ptext(&ps[i]))) {
            i++;
            continue;
        }
        size_t j = i, len = 0;
        while (j < n && (ps[j].drop || link_like(ptext(&ps[j])))) {
            len += !ps[j].drop;
            j++;
        }
        if (len >= run_min)
            for (size_t k = i; k < j; k++)
                ps[k].drop = true;
        i = j;
    }
}

/* A heading that opens a block of links to other articles. */
static bool related_marker(const char *s)
{
    static const char *heads[] = {"Related Posts", "Related Articles", "Related Stories",
                                  "Related Content", "Related News", "You may also like",
                                  "You might also like", "Recommended for you",
                                  "Recommended Articles", "Read Next", "More Stories",
                                  "Popular Posts", "Most Popular", "Most Read", "Trending Now",
                                  "Also on", "Further reading", NULL};
    if (sl_tc_words_upto(s, 8) > 8 || (sl_tc_ends_sentence(s) && !sl_str_endswith(s, ":")))
        return false;
    for (int i = 0; heads[i]; i++)
        if (!strncasecmp(s, heads[i], strlen(heads[i])))
            return true;
    return false;
}

/* A heading that opens a comment thread: "Leave a Reply", "12 Comments". */
static bool comments_marker(const char *s)
{
    static const char *heads[] = {"Leave a Reply", "Leave a Comment", "Post a Comment",
                                  "Add a Comment", "Join the conversation", "Join the discussion",
                                  "Comments", NULL};
    if (sl_tc_words_upto(s, 8) > 8 || (sl_tc_ends_sentence(s) && !sl_str_endswith(s, ":")))
        return false;
    for (int i = 0; heads[i]; i++)
        if (!strncasecmp(s, heads[i], strlen(heads[i])))
            return true;
    /* "12 Comments", "3 thoughts on ...", "5 Responses to ..." */
    const char *p = s;
    while (isdigit((unsigned char)*p))
        p++;
    if (p > s && *p == ' ')
        return !strncasecmp(p + 1, "comment", 7) || !strncasecmp(p + 1, "thought", 7) ||
               !strncasecmp(p + 1, "response", 8) || !strncasecmp(p + 1, "repl", 4);
    return false;
}

/* Step 5d: after some body, a comment-thread heading cuts off the rest; so
 * does a related-links heading in the second half of the text (higher up
 * it may be an inline box the article goes on after). */
static void cut_after_marker(para *ps, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += !ps[i].drop;
    size_t body = 0, seen = 0, cut = n;
    for (size_t i = 0; i < n && cut == n; i++) {
        if (ps[i].drop)
            continue;
        const char *s = ptext(&ps[i]);
        if (body_like(s))
            body++;
        else if (body >= 1 && (comments_marker(s) || (seen * 2 >= kept && related_marker(s))))
            cut = i;
        seen++;
    }
    for (size_t i = cut; i < n; i++)
        ps[i].drop = true;
}

/* ---- 6-7. repairs and tails ------------------------------------------- */

/* Step 6: a sentence split across a paragraph break. */
static void rejoin(para *ps, size_t n)
{
    size_t i = next_kept(ps, n, 0);
    while (i < n) {
        size_t j = next_kept(ps, n, i + 1);
        if (j >= n)
            break;
        const char *a = ptext(&ps[i]), *b = ptext(&ps[j]);
        if (sl_tc_words(a) >= 4 && !sl_tc_ends_sentence(a) && sl_tc_starts_lower(b)) {
            sl_buf_putc(&ps[i].b, ' ');
            sl_buf_puts(&ps[i].b, b);
            ps[j].drop = true;
            continue; /* the joined paragraph may continue further */
        }
        i = j;
    }
}

/* Step 7a: section footers and link rails at the end. */
static void drop_tail(para *ps, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (ps[i].drop)
            continue;
        const char *s = ptext(&ps[i]);
        if (sl_tc_words_upto(s, 6) > 6 || sl_tc_cplen(s) > 60 || sl_tc_ends_sentence(s) ||
            strpbrk(s, "0123456789"))
            break; /* footers and rails carry no figures; results and scores do */
        ps[i].drop = true;
    }
}

int sl_text_clean(sl_doc *d, const char *text, size_t len, char **err)
{
    size_t nl = 0, np = 0;
    line *lines = split_lines(text, len, &nl);
    for (size_t i = 0; i < nl; i++)
        lines[i].kind = sl_tc_line_kind(lines[i].s);
    para *ps = assemble(lines, nl, &np);
    for (size_t i = 0; i < nl; i++)
        free(lines[i].s);
    free(lines);

    drop_furniture(ps, np);
    take_meta(d, ps, np);
    char *title = take_frame(ps, np, d->title);
    drop_dek(ps, np);
    drop_nav_runs(ps, np);
    cut_after_marker(ps, np);
    rejoin(ps, np);
    drop_tail(ps, np);

    char **keep = sl_xmalloc((np ? np : 1) * sizeof *keep);
    size_t nk = 0;
    for (size_t i = 0; i < np; i++) {
        if (!ps[i].drop)
            keep[nk++] = sl_buf_take(&ps[i].b);
        sl_buf_free(&ps[i].b);
    }
    free(ps);
    sl_tc_dedup(keep, nk);

    sl_buf out = {0};
    for (size_t i = 0; i < nk; i++) {
        if (!keep[i])
            continue;
        if (out.len)
            sl_buf_puts(&out, "\n\n");
        sl_buf_puts(&out, keep[i]);
        free(keep[i]);
    }
    free(keep);
    /* a text that is nothing but a headline keeps it as its body */
    if (!out.len && title)
        sl_buf_puts(&out, title);
    if (title && !d->title)
        d->title = title;
    else
        free(title);
    free(d->text);
    d->text = out.len ? sl_buf_take(&out) : sl_xstrdup("");
    sl_buf_free(&out);
    if (!d->text[0]) {
        *err = sl_xstrdup("no article text");
        return SL_EEMPTY;
    }
    return SL_OK;
}
