/*
 * textclean_dedup: repeated paragraphs and sentences (see textclean_dedup.h).
 *
 * How it works: each sentence becomes a sorted set of 64-bit hashes of its
 * lowercased words (letters and digits only), plus one hash of the ordered
 * word sequence. A later sentence is a repeat when its sequence hash equals
 * an earlier one (4+ words), or when it has 6+ distinct words, at least 85%
 * of them occur in one earlier sentence, and it is at least half that
 * sentence's size (a reworded copy such as a standfirst repeated in the
 * body with a word dropped). Comparison is quadratic in the number of
 * sentences, so near-repeats are only looked for among the first
 * MAX_NEAR sentences; exact repeats are found everywhere.
 */
#include "textclean_dedup.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define MAX_NEAR 1500

/* ---- sentence splitting -------------------------------------------------- */

static bool is_closer(unsigned char c, const char *s)
{
    /* ASCII closers or the UTF-8 right quotes ” ’ » */
    return c == '"' || c == '\'' || c == ')' || c == ']' ||
           (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
            ((unsigned char)s[2] == 0x9D || (unsigned char)s[2] == 0x99)) ||
           (c == 0xC2 && (unsigned char)s[1] == 0xBB);
}

static size_t closer_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    /* 」 』 */
    if (c == 0xE3 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x8D || (unsigned char)s[2] == 0x8F))
        return 3;
    if (!is_closer(c, s))
        return 0;
    return c == 0xE2 ? 3 : c == 0xC2 ? 2 : 1;
}

/* Length of a full-width sentence end at s (。！？), or 0. */
static size_t fullwidth_end(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82) ||
        (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F)))
        return 3;
    return 0;
}

/* True when the word ending just before the '.' at s[i] is an abbreviation. */
static bool abbreviation(const char *s, size_t i)
{
    static const char *abbr[] = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov",
                                 "sen", "rep", "lt", "col", "sgt", "capt", "prof", "inc",
                                 "co", "corp", "ltd", "vs", "no", "jan", "feb", "mar", "apr",
                                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
                                 "ft", "rev", "pres", "gov", "adm", "cmdr", "maj", "sgt",
                                 "supt", "dept", "est", "approx", "fig", "op", "vol", NULL};
    size_t b = i;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != '"')
        b--;
    size_t n = i - b;
    if (n == 0)
        return false;
    if (memchr(s + b, '.', n))
        return true; /* U.S. e.g. */
    if (sl_utf8_count(s + b, n) == 1)
        return !isdigit((unsigned char)s[b]); /* initials, not "5." */
    for (int k = 0; abbr[k]; k++)
        if (strlen(abbr[k]) == n && strncasecmp(abbr[k], s + b, n) == 0)
            return true;
    return false;
}

/* True when s starts like a sentence: a capital, digit or opening mark. */
static bool sentence_start(const char *s)
{
    int32_t cp;
    int k = sl_utf8_decode((const unsigned char *)s, strnlen(s, 4), &cp);
    if (k < 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LO ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_PI || c == UTF8PROC_CATEGORY_PS ||
           cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x00AB || cp == 0x2014;
}

void sl_tc_sentences(const char *s, sl_tc_sentence_fn fn, void *ud)
{
    size_t n = strlen(s), start = 0, i = 0;
    while (start < n && s[start] == ' ')
        start++;
    for (i = start; i < n; i++) {
        char c = s[i];
        size_t fw = i + 2 < n ? fullwidth_end(s + i) : 0;
        if (fw) {
            /* CJK text: no space follows the stop */
            size_t j = i + fw, k;
            while (j < n && (k = closer_len(s + j)) > 0)
                j += k;
            size_t next = j;
            while (next < n && s[next] == ' ')
                next++;
            if (next < n) {
                fn(ud, s + start, j - start);
                start = next;
                i = next - 1;
            }
            continue;
        }
        bool ell = (unsigned char)c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xA6;
        if (c != '.' && c != '!' && c != '?' && !ell)
            continue;
        size_t j = i + (ell ? 3 : 1), k;
        while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
            j++;
        while (j < n && (k = closer_len(s + j)) > 0)
            j += k;
        if (j >= n || s[j] != ' ')
            continue;
        size_t next = j;
        while (next < n && s[next] == ' ')
            next++;
        if (next >= n || !sentence_start(s + next))
            continue;
        if (c == '.' && j == i + 1 && abbreviation(s, i))
            continue;
        fn(ud, s + start, j - start);
        start = next;
        i = next - 1;
    }
    size_t e = n;
    while (e > start && s[e - 1] == ' ')
        e--;
    if (e > start)
        fn(ud, s + start, e - start);
}

/* ---- word sets ----------------------------------------------------------- */

typedef struct sent {
    size_t para;       /* paragraph index */
    const char *start; /* span in the paragraph */
    size_t len;
    uint64_t *set;     /* sorted distinct word hashes */
    size_t nset, nwords;
    uint64_t seq;      /* hash of the word sequence */
    uint64_t sig;      /* one bit per word hash: a quick containment filter */
    bool drop;
} sent;

typedef struct ctx {
    sent *v;
    size_t n, cap, para;
} ctx;

/* Appends word hash x to h (n used of cap) and folds it into *seq. */
static void push_word(uint64_t **h, size_t *n, size_t *cap, uint64_t *seq, uint64_t x)
{
    if (*n == *cap) {
        *cap *= 2;
        *h = sl_xrealloc(*h, *cap * sizeof **h);
    }
    (*h)[(*n)++] = x;
    *seq = (*seq ^ x) * 1099511628211ULL;
}

/* Of each code point below U+0800 (ASCII and the two-byte scripts: Latin,
 * Greek, Cyrillic, Hebrew, Arabic): whether it is a word character (a
 * letter, a nonspacing mark or a decimal digit) and its lower case in
 * UTF-8, as words_of's general step finds them; filled once. */
enum { SMALL_CP = 0x800 };
typedef struct wch {
    char low[2]; /* lower case, 1 or 2 bytes */
    uint8_t len; /* 0: not a word character */
    uint8_t slow; /* its lower case is above U+0800: the general step */
} wch;
static wch small_wch[SMALL_CP];
static pthread_once_t small_once = PTHREAD_ONCE_INIT;

static bool word_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_ND;
}

static void small_init(void)
{
    for (int32_t cp = 0; cp < SMALL_CP; cp++) {
        int32_t low = utf8proc_tolower(cp);
        if (!word_cp(cp))
            continue;
        if (low >= SMALL_CP) {
            small_wch[cp].slow = 1;
            continue;
        }
        char b[4];
        int k = sl_utf8_encode(low, b);
        memcpy(small_wch[cp].low, b, 2);
        small_wch[cp].len = (uint8_t)k;
    }
}

/* Sorts a sentence's word hashes: insertion for the usual few dozen, the
 * library's sort beyond. */
static void sort_u64(uint64_t *h, size_t n)
{
    if (n > 48) {
        qsort(h, n, sizeof *h, sl_cmp_u64);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = h[i];
        size_t j = i;
        for (; j > 0 && h[j - 1] > x; j--)
            h[j] = h[j - 1];
        h[j] = x;
    }
}

/* Fills the sequence hash and word count of one sentence, and its word
 * set when `set` (a paragraph's key needs the sequence only). Characters
 * below U+0800 come from a table; the rest are classified one by one. */
static void words_of(sent *st, bool set)
{
    pthread_once(&small_once, small_init);
    size_t cap = 16, n = 0;
    uint64_t *h = sl_xmalloc(cap * sizeof *h);
    uint64_t seq = 1469598103934665603ULL;
    char w[256];
    size_t wl = 0;
    const unsigned char *p = (const unsigned char *)st->start;
    size_t i = 0;
    for (;;) {
        int32_t cp = 0;
        int k = i < st->len ? sl_utf8_next(p + i, st->len - i, &cp) : 0;
        if (k > 0 && cp < SMALL_CP && !small_wch[cp].slow) { /* the table */
            const wch *e = &small_wch[cp];
            if (e->len) {
                if (wl + 4 < sizeof w) {
                    memcpy(w + wl, e->low, 2);
                    wl += e->len;
                }
            } else if (wl) {
                push_word(&h, &n, &cap, &seq, sl_hash64(w, wl));
                wl = 0;
            }
            i += (size_t)k;
            continue;
        }
        bool alnum = k > 0 && word_cp(cp);
        /* ideographs and kana are words of their own */
        bool ideo = k > 0 && ((cp >= 0x3040 && cp < 0x3100) || (cp >= 0x3400 && cp < 0x4DC0) ||
                              (cp >= 0x4E00 && cp < 0xA000));
        if (alnum && !ideo) {
            if (wl + 4 < sizeof w)
                wl += (size_t)sl_utf8_encode(utf8proc_tolower(cp), w + wl);
        }
        if ((!alnum || ideo) && wl) {
            push_word(&h, &n, &cap, &seq, sl_hash64(w, wl));
            wl = 0;
        }
        if (ideo)
            push_word(&h, &n, &cap, &seq, sl_hash64(p + i, (size_t)k));
        if (k <= 0)
            break;
        i += (size_t)k;
    }
    st->nwords = n;
    st->seq = seq;
    if (!set) {
        free(h);
        return;
    }
    sort_u64(h, n);
    size_t u = 0;
    for (size_t j = 0; j < n; j++)
        if (u == 0 || h[u - 1] != h[j])
            h[u++] = h[j];
    st->set = h;
    st->nset = u;
    st->sig = 0;
    for (size_t j = 0; j < u; j++)
        st->sig |= 1ULL << (h[j] & 63);
}

static void on_sentence(void *ud, const char *start, size_t len)
{
    ctx *c = ud;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = sl_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    sent *st = &c->v[c->n++];
    memset(st, 0, sizeof *st);
    st->para = c->para;
    st->start = start;
    st->len = len;
    words_of(st, true);
}

static size_t common(const sent *a, const sent *b)
{
    size_t i = 0, j = 0, k = 0;
    while (i < a->nset && j < b->nset) {
        if (a->set[i] == b->set[j]) {
            k++;
            i++;
            j++;
        } else if (a->set[i] < b->set[j]) {
            i++;
        } else {
            j++;
        }
    }
    return k;
}

static bool near_repeat(const sent *s, const sent *e)
{
    /* sizes alone rule most pairs out: E must hold 85% of S and S be half of E */
    if (e->drop || e->nset < 6 || s->nset * 2 < e->nset || e->nset * 100 < s->nset * 85)
        return false;
    /* each bit of S missing from E is at least one word of S missing from E */
    if ((size_t)__builtin_popcountll(s->sig & ~e->sig) * 100 > s->nset * 15)
        return false;
    return common(s, e) * 100 >= s->nset * 85;
}

/* ---- paragraphs ---------------------------------------------------------- */

/* Hash of a paragraph's word sequence, or 0 when it has no words. */
static uint64_t para_key(const char *p)
{
    sent st = {0};
    st.start = p;
    st.len = strlen(p);
    words_of(&st, false);
    uint64_t k = st.nwords ? st.seq : 0;
    return k;
}

/* Marks near repeats among the first MAX_NEAR sentences. Earlier
 * sentences are kept in buckets by distinct-word count, so each sentence
 * is only compared with those of a size that could hold it (85% of its
 * words) and that it could be a copy of (at most twice its size). */
#define NBUCKETS 256
static void near_repeats(ctx *c)
{
    size_t *cnt = sl_xcalloc(NBUCKETS, sizeof *cnt), *cap = sl_xcalloc(NBUCKETS, sizeof *cap);
    size_t **bucket = sl_xcalloc(NBUCKETS, sizeof *bucket);
    for (size_t i = 0; i < c->n && i < MAX_NEAR; i++) {
        sent *s = &c->v[i];
        if (s->nset < 6)
            continue;
        size_t lo = (s->nset * 85 + 99) / 100, hi = s->nset * 2;
        if (hi >= NBUCKETS)
            hi = NBUCKETS - 1;
        if (lo >= NBUCKETS)
            lo = NBUCKETS - 1;
        for (size_t b = lo; b <= hi && !s->drop; b++)
            for (size_t k = 0; k < cnt[b] && !s->drop; k++)
                if (near_repeat(s, &c->v[bucket[b][k]]))
                    s->drop = true;
        if (s->drop)
            continue;
        size_t b = s->nset < NBUCKETS ? s->nset : NBUCKETS - 1;
        if (cnt[b] == cap[b]) {
            cap[b] = cap[b] ? cap[b] * 2 : 8;
            bucket[b] = sl_xrealloc(bucket[b], cap[b] * sizeof **bucket);
        }
        bucket[b][cnt[b]++] = i;
    }
    for (size_t b = 0; b < NBUCKETS; b++)
        free(bucket[b]);
    free(bucket);
    free(cnt);
    free(cap);
}

/* Marks every sentence of 4+ words whose word sequence occurred before. */
typedef struct seq_ix {
    uint64_t seq;
    size_t nwords, ix;
} seq_ix;

static int cmp_seq(const void *a, const void *b)
{
    const seq_ix *x = a, *y = b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    if (x->nwords != y->nwords)
        return x->nwords < y->nwords ? -1 : 1;
    return x->ix < y->ix ? -1 : x->ix > y->ix;
}

static void mark_exact(ctx *c)
{
    seq_ix *v = sl_xmalloc((c->n ? c->n : 1) * sizeof *v);
    for (size_t i = 0; i < c->n; i++)
        v[i] = (seq_ix){c->v[i].seq, c->v[i].nwords, i};
    qsort(v, c->n, sizeof *v, cmp_seq);
    for (size_t i = 1; i < c->n; i++)
        if (v[i].seq == v[i - 1].seq && v[i].nwords == v[i - 1].nwords && v[i].nwords >= 4)
            c->v[v[i].ix].drop = true;
    free(v);
}

void sl_tc_dedup(char **paras, size_t n)
{
    /* repeated paragraphs: sort (key, index) and drop all but the first */
    seq_ix *keys = sl_xmalloc((n ? n : 1) * sizeof *keys);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = paras[i] ? para_key(paras[i]) : 0;
        if (k)
            keys[nk++] = (seq_ix){k, 0, i};
    }
    qsort(keys, nk, sizeof *keys, cmp_seq);
    for (size_t i = 1; i < nk; i++)
        if (keys[i].seq == keys[i - 1].seq) {
            free(paras[keys[i].ix]);
            paras[keys[i].ix] = NULL;
        }
    free(keys);
    ctx c = {0};
    for (size_t i = 0; i < n; i++) {
        if (!paras[i])
            continue;
        c.para = i;
        sl_tc_sentences(paras[i], on_sentence, &c);
    }
    mark_exact(&c);
    near_repeats(&c);
    /* rebuild the paragraphs that lost a sentence */
    for (size_t i = 0; i < c.n;) {
        size_t p = c.v[i].para, j = i, dropped = 0;
        for (; j < c.n && c.v[j].para == p; j++)
            dropped += c.v[j].drop;
        if (dropped) {
            sl_buf b = {0};
            for (size_t k = i; k < j; k++) {
                if (c.v[k].drop)
                    continue;
                if (b.len)
                    sl_buf_putc(&b, ' ');
                sl_buf_append(&b, c.v[k].start, c.v[k].len);
            }
            char *np = b.len ? sl_buf_take(&b) : NULL;
            sl_buf_free(&b);
            free(paras[p]);
            paras[p] = np;
        }
        i = j;
    }
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].set);
    free(c.v);
}
