/*
 * summary: concept-coverage sentence selection (see summary.h).
 *
 * How it works (after Gillick and Favre's ICSI summariser, greedy form):
 * 1. Every sentence of every article (up to a cap per article, so big
 *    stories stay linear) is tokenised into stems. Its concepts are the
 *    pairs of adjacent stems that are not both function words.
 * 2. A concept's weight is the number of articles that contain it; in a
 *    multi-article story only concepts found in at least two articles
 *    count, so one outlet's idiosyncrasies do not. A concept seen in an
 *    article's first sentences gets a bonus: news puts the event first.
 * 3. Greedy selection: repeatedly take the sentence with the best ratio of
 *    not-yet-covered concept weight to length (times a lead-position
 *    prior), skipping sentences too close in content to one already taken
 *    (two outlets saying the same thing count once), until the length is
 *    reached.
 * 4. The chosen sentences are ordered by article time, then position.
 * Only sentences that can stand alone are candidates: not what a page puts
 * before the dateline (a dek or teaser), not a sentence that leans on the
 * one before (a pronoun or connective up front), not captions or links.
 * A story of one article has no shared concepts; there every concept has
 * weight 1 and the position prior makes the lead win, as it should.
 */
#include "summary.h"
#include "sentence.h"
#include "util.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Tuned once on DUC 2003 dev (see tests/e2e/duc_rouge.sh); kept round.
 * Developer knob: SL_SUMMARY_PARAMS="df_power=1.5,lead_bonus=0.5" overrides
 * them for tuning runs. */
static double P_DF_POWER = 1.5;     /* concept weight: articles sharing it, to this power */
static double P_LEAD_BONUS = 0.5;   /* per article where the concept is in the lead */
static double P_LENGTH_POWER = 0.5; /* gain is divided by length to this power */
static double P_LEAD_W = 0.5;       /* position prior strength, 4+ articles */
static double P_REDUNDANT = 0.6;    /* stem overlap that makes a sentence redundant */
static double P_OVERFLOW = 20;      /* words the last sentence may run over */
static double P_MIN_WORDS = 6;
static double P_DANGLING = 1;       /* drop sentences opening on a pronoun */
static double P_CAND_POS = 15;
static double P_MINDF3 = 6;         /* articles from which concepts need 3 */
static double P_UNI_W = 1;          /* weight factor of one-word concepts */

static void load_params(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    const char *e = getenv("SL_SUMMARY_PARAMS");
    if (!e)
        return;
    static const struct { const char *k; double *v; } T[] = {
        {"df_power", &P_DF_POWER}, {"lead_bonus", &P_LEAD_BONUS},
        {"length_power", &P_LENGTH_POWER}, {"lead_w", &P_LEAD_W},
        {"redundant", &P_REDUNDANT}, {"overflow", &P_OVERFLOW},
        {"min_words", &P_MIN_WORDS}, {"dangling", &P_DANGLING},
        {"cand_pos", &P_CAND_POS}, {"mindf3", &P_MINDF3},
        {"uni_w", &P_UNI_W}};
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        const char *p = strstr(e, T[i].k);
        if (p && p[strlen(T[i].k)] == '=')
            *T[i].v = atof(p + strlen(T[i].k) + 1);
    }
}
#define DF_POWER P_DF_POWER
#define LEAD_BONUS P_LEAD_BONUS
#define LENGTH_POWER P_LENGTH_POWER
#define MAX_CAND_POS ((size_t)P_CAND_POS)
#define MIN_WORDS ((int)P_MIN_WORDS)

enum {
    MAX_SENTS_PER_DOC = 30, /* sentences per article whose concepts count */
    MAX_CANDIDATES = 4000,
    MAX_WORDS = 60
};

typedef struct cand {
    size_t doc, start, end;
    int pos;            /* sentence index in its article */
    int words;          /* words in the sentence */
    double len_pow;     /* words to LENGTH_POWER: the score's divisor */
    size_t c0, nc;      /* its concepts: ids[c0 .. c0+nc) */
    size_t t0, nt;      /* its content stems: stems[t0 .. t0+nt) */
    int eligible;
    char *text;         /* compressed sentence (eligible ones only) */
} cand;

/* Open-addressing map from a concept hash to its statistics. */
typedef struct cmap {
    uint64_t *key;
    int *df, *last, *lead; /* last: the last article counted, plus one (0: none) */
    char *uni;      /* 1 for single-word concepts */
    double *w;
    size_t cap, n;
    size_t *used;   /* the n slots in use, in the order they were taken */
    size_t used_cap;
} cmap;

/* The cleared tables of the last story, per thread: a story with two
 * articles or more takes a concept map of 8192 slots or more and a
 * "covered" mark per slot, and clearing 72 KB cost more than the rest
 * of a small story's summary. After use only the slots taken (m->used)
 * and the marks set (the chosen sentences' concepts) are cleared again;
 * the next map of the same size takes the tables. */
typedef struct cmap_pool {
    uint64_t *key;
    char *covered;
    size_t cap; /* of both (0: none kept) */
} cmap_pool;
static pthread_key_t pool_key;
static pthread_once_t pool_once = PTHREAD_ONCE_INIT;

static void pool_free(void *p)
{
    cmap_pool *q = p;
    free(q->key);
    free(q->covered);
    free(q);
}

static void pool_make(void) { pthread_key_create(&pool_key, pool_free); }

static cmap_pool *pool_get(void)
{
    pthread_once(&pool_once, pool_make);
    return sl_thread_value(pool_key, 1, sizeof(cmap_pool));
}

/* Cleared tables of cap slots: the kept ones when they are that size
 * (the caller owns them now), else new ones. */
static void pool_take(size_t cap, uint64_t **key, char **covered)
{
    cmap_pool *q = pool_get();
    if (q->cap == cap) {
        *key = q->key;
        *covered = q->covered;
        q->key = NULL;
        q->covered = NULL;
        q->cap = 0;
        return;
    }
    *key = sl_xcalloc(cap, sizeof **key);
    *covered = sl_xcalloc(cap, 1);
}

/* Gives back cleared tables of cap slots to be kept (the ones kept
 * before are freed). */
static void pool_give(size_t cap, uint64_t *key, char *covered)
{
    cmap_pool *q = pool_get();
    free(q->key);
    free(q->covered);
    *q = (cmap_pool){key, covered, cap};
}

static void cmap_init(cmap *m, size_t want)
{
    m->n = 0;
    m->cap = 64;
    while (m->cap < want * 2)
        m->cap *= 2;
    /* only the keys need clearing: a slot's other fields are set when
     * cmap_slot takes it, and no one reads a slot not taken */
    m->key = NULL; /* cleared tables: pool_take */
    m->df = sl_xmalloc(m->cap * sizeof *m->df);
    m->last = sl_xmalloc(m->cap * sizeof *m->last);
    m->lead = sl_xmalloc(m->cap * sizeof *m->lead);
    m->uni = sl_xmalloc(m->cap);
    m->w = sl_xmalloc(m->cap * sizeof *m->w);
    m->used = NULL;
    m->used_cap = 0;
}

static void cmap_free(cmap *m)
{
    free(m->key);
    free(m->df);
    free(m->last);
    free(m->lead);
    free(m->uni);
    free(m->w);
    free(m->used);
}

/* Slot of key h (0 is used as the empty marker, so keys are made odd). */
static size_t cmap_slot(cmap *m, uint64_t h)
{
    h |= 1;
    size_t i = (size_t)(h * 0x9E3779B97F4A7C15ull >> 7) & (m->cap - 1);
    while (m->key[i] && m->key[i] != h)
        i = (i + 1) & (m->cap - 1);
    if (!m->key[i]) {
        m->key[i] = h;
        m->df[i] = m->last[i] = m->lead[i] = 0;
        m->uni[i] = 0;
        m->w[i] = 0;
        if (m->n == m->used_cap) {
            m->used_cap = m->used_cap ? m->used_cap * 2 : 1024;
            m->used = sl_xrealloc(m->used, m->used_cap * sizeof *m->used);
        }
        m->used[m->n++] = i;
    }
    return i;
}

/* Openers of a sentence that leans on the one before it, in each language
 * of the views: pronouns and connectives, not the articles and
 * demonstratives that open news sentences ("Das Gericht", "Este lunes",
 * "Ce lundi"); and an editor's note introducing a text ("Following are"). */
static const char *const DANGLING[] = {
    "It ", "It's ", "He ", "She ", "They ", "This ", "That ", "These ", "Those ",
    "But ", "And ", "Yet ", "So ", "Its ", "His ", "Her ", "Their ", "There ",
    "Such ", "Also ", "Still ", "Even ", "However,", "Consequently,", "Therefore,",
    "Thus,", "Moreover,", "Furthermore,", "Nevertheless,", "Nonetheless,", "Hence,",
    "Instead,", "Otherwise,", "Besides,", "In addition,", "As a result,",
    "Following are ", "Following is ", "Here are ", "Here is ",
    "\xD0\x9E\xD0\xBD ", /* Он */ "\xD0\x9E\xD0\xBD\xD0\xB0 ", /* Она */
    "\xD0\x9E\xD0\xBD\xD0\xB8 ", /* Они */ "\xD0\x9E\xD0\xBD\xD0\xBE ", /* Оно */
    "\xD0\xAD\xD1\x82\xD0\xBE ", /* Это */ "\xD0\xAD\xD1\x82\xD0\xB8 ", /* Эти */
    "\xD0\x95\xD0\xB3\xD0\xBE ", /* Его */ "\xD0\x95\xD0\xB5 ", /* Ее */
    "\xD0\x81\xD0\xB5 ", /* Её */ "\xD0\x98\xD1\x85 ", /* Их */
    "\xD0\x9D\xD0\xBE ", /* Но */ "\xD0\x90 ", /* А */ "\xD0\x98 ", /* И */
    "\xD0\x9E\xD0\xB4\xD0\xBD\xD0\xB0\xD0\xBA\xD0\xBE", /* Однако */
    "\xD0\xA2\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5 ", /* Также */
    "\xD0\x9F\xD1\x80\xD0\xB8 \xD1\x8D\xD1\x82\xD0\xBE\xD0\xBC", /* При этом */
    "\xD0\x9A\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB5 \xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE", /* Кроме того */
    "\xD0\x9A \xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80\xD1\x83", /* К примеру */
    "\xD0\x9D\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80", /* Например */
    "\xD0\x9F\xD0\xBE\xD1\x8D\xD1\x82\xD0\xBE\xD0\xBC\xD1\x83", /* Поэтому */
    "\xD0\x92\xD1\x96\xD0\xBD ", /* Він */ "\xD0\x92\xD0\xBE\xD0\xBD\xD0\xB0 ", /* Вона */
    "\xD0\x92\xD0\xBE\xD0\xBD\xD0\xB8 ", /* Вони */ "\xD0\xA6\xD0\xB5 ", /* Це */
    "\xD0\x99\xD0\xBE\xD0\xB3\xD0\xBE ", /* Його */ "\xD0\x87\xD1\x97 ", /* Її */
    "\xD0\x90\xD0\xBB\xD0\xB5 ", /* Але */ "\xD0\xA2\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xB6 ", /* Також */
    "\xD0\x9F\xD1\x80\xD0\xBE\xD1\x82\xD0\xB5", /* Проте */
    "\xD0\x97\xD0\xBE\xD0\xBA\xD1\x80\xD0\xB5\xD0\xBC\xD0\xB0", /* Зокрема */
    "\xC3\x89l ", /* Él */ "Ella ", "Ellos ", "Ellas ", "Esto ", "Eso ", "Pero ",
    "Sin embargo", "Adem\xC3\xA1s", /* Además */ "Asimismo", "No obstante", "Por eso",
    "Ele ", "Eles ", "Elas ", "Isso ", "Isto ", "Mas ", "Por\xC3\xA9m", /* Porém */
    "No entanto", "Al\xC3\xA9m disso", /* Além disso */ "Il ", "Elle ", "Ils ", "Elles ",
    "Cela ", "Ceci ", "Mais ", "Cependant", "Pourtant", "Toutefois", "En outre",
    "Par ailleurs", "Er ", "Sie ", "Es ", "Dies ", "Aber ", "Doch ", "Jedoch", "Allerdings",
    "Au\xC3\x9F" "erdem", /* Außerdem */ "Deshalb", "Trotzdem", "Lui ", "Lei ", "Loro ",
    "Questo ", "Ma ", "Per\xC3\xB2", /* Però */ "Tuttavia", "Inoltre",
    NULL};

/* DANGLING by the first two bytes of each (a bucket of a small hash): a
 * sentence is compared with the few that open like it. */
enum { DANGLE_BUCKETS = 256 };
static unsigned char dangle_first[DANGLE_BUCKETS], dangle_next[128];
static pthread_once_t dangle_once = PTHREAD_ONCE_INIT;

static unsigned dangle_bucket(const char *s)
{
    return ((unsigned char)s[0] * 31u + (unsigned char)s[1]) % DANGLE_BUCKETS;
}

static void dangle_init(void)
{
    size_t n = 0;
    while (DANGLING[n])
        n++;
    assert(n < 127);
    for (size_t i = n; i-- > 0;) { /* 0 ends a chain: entries are i + 1 */
        unsigned b = dangle_bucket(DANGLING[i]);
        dangle_next[i + 1] = dangle_first[b];
        dangle_first[b] = (unsigned char)(i + 1);
    }
}

/* Does s[0..n) open on one of DANGLING? */
static int dangling_opener(const char *s, size_t n)
{
    if (n < 2)
        return 0;
    pthread_once(&dangle_once, dangle_init);
    for (unsigned k = dangle_first[dangle_bucket(s)]; k; k = dangle_next[k]) {
        size_t l = strlen(DANGLING[k - 1]);
        if (l <= n && !memcmp(s, DANGLING[k - 1], l))
            return 1;
    }
    return 0;
}

/* "On Saturday, he flew ...": a short opening phrase, then a pronoun as
 * the subject; the sentence leans on the one before it as much as one
 * that opens on the pronoun. */
static int pronoun_after_opener(const char *s, size_t n)
{
    static const char *const P[] = {"he ",  "she ",  "they ",  "it ",    "his ",  "her ",
                                    "its ", "their ", "this ", "these ", "those ", NULL};
    size_t lim = n < 48 ? n : 48;
    int words = 1;
    for (size_t i = 0; i + 2 < lim && words <= 5; i++) {
        if (s[i] == ' ')
            words++;
        if (s[i] == ',' && s[i + 1] == ' ') {
            for (int k = 0; P[k]; k++)
                if (i + 2 + strlen(P[k]) <= n && memcmp(s + i + 2, P[k], strlen(P[k])) == 0)
                    return 1;
            return 0;
        }
    }
    return 0;
}

/* Whether the sentence holds part of a quotation that goes on in the
 * sentence before or after it: an odd number of guillemets, of curly
 * double quotes or of straight ones. Parity, not pairs: «», »«, “”, „“
 * and a typed “...“ all close. */
static int quote_cut(const char *s, size_t n)
{
    unsigned g = 0, curly = 0, straight = 0;
    for (size_t i = sl_find_any(s, 0, n, "\"\xC2\xE2", 3); i < n;
         i = sl_find_any(s, i + 1, n, "\"\xC2\xE2", 3)) {
        if (s[i] == '"')
            straight++;
        else if (s[i] == '\xC2' && i + 1 < n)
            g += s[i + 1] == '\xAB' || s[i + 1] == '\xBB';
        else if (s[i] == '\xE2' && i + 2 < n && s[i + 1] == '\x80')
            curly += s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E';
    }
    return (g | curly | straight) & 1;
}

/* Follows quotations across the sentences of a paragraph: inside_quote
 * says whether sentence s (in text order) begins inside a quotation that
 * an earlier sentence of its line opened and none has closed, and notes
 * s's own marks. Such a sentence has no quote marks of its own (the
 * middle of "We will fight. We will win. We will never give up," he
 * said.) and would stand in a summary as the writer's words. A line ends
 * the quotation: a quotation that runs on into the next paragraph opens
 * it again, and many texts end their paragraphs with a single newline. */
typedef struct quote_state {
    int para, open;
} quote_state;

static int line_start(const char *text, size_t at)
{
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
        at--;
    return at == 0 || text[at - 1] == '\n';
}

static int inside_quote(quote_state *q, const char *text, const sl_sent *s)
{
    if (s->para != q->para || line_start(text, s->start)) {
        q->para = s->para;
        q->open = 0;
    }
    int inside = q->open;
    if (s->end > s->start && quote_cut(text + s->start, s->end - s->start))
        q->open ^= 1;
    return inside;
}

/* Is the sentence fit to stand alone in a summary? Every test rejects,
 * so they run cheapest first: most sentences fail on their first or
 * last byte before the loops over their text. */
static int eligible(const char *s, size_t n, int words)
{
    if (n < 2 || words < MIN_WORDS || words > MAX_WORDS)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'a' && c <= 'z')
        return 0; /* a fragment */
    if (c >= 0xC3) { /* a letter not in ASCII: a fragment when it is a lower-case one
                      * ("сигнал для"; scripts without case have none) */
        int32_t cp;
        if (sl_utf8_next((const unsigned char *)s, n, &cp) > 0 &&
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
            return 0;
    }
    /* a quotation needs its speaker */
    if (s[0] == '"' || s[0] == '`' || (n >= 3 && c == 0xE2 && (unsigned char)s[2] == 0x9C))
        return 0;
    if (s[n - 1] == '?' || s[n - 1] == ':')
        return 0;
    if (!(s[n - 1] == '.' || s[n - 1] == '"' || s[n - 1] == '!' || s[n - 1] == '\'' ||
          (n >= 3 && (unsigned char)s[n - 3] == 0xE2)))
        return 0; /* no sentence end: a title, caption or junk line */
    /* a sentence that leans on the one before it reads badly alone */
    if (P_DANGLING > 0 && dangling_opener(s, n))
        return 0;
    if (P_DANGLING > 0 && pronoun_after_opener(s, n))
        return 0;
    /* page chrome: a heading in capitals ("TOP STORIES") */
    const char *sp1 = memchr(s, ' ', n);
    if (n > 8 && isupper(c) && isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]) &&
        sp1 && isupper((unsigned char)sp1[1]) && isupper((unsigned char)sp1[2]))
        return 0;
    /* one pass for the rest: a title-case run is a headline or a caption
     * glued to the text; a layout gap (three spaces) is page chrome; links,
     * addresses and handles are not prose. Only these bytes matter. */
    static const unsigned char KEY[256] = {[' '] = 1, ['@'] = 1, ['h'] = 1, ['w'] = 1};
    int caps = isupper(c) != 0, seen = 1, caps8 = 0;
    for (size_t i = 0; i < n; i++) {
        if (!KEY[(unsigned char)s[i]])
            continue;
        if (s[i] == ' ') {
            if (i + 2 < n && s[i + 1] == ' ' && s[i + 2] == ' ')
                return 0;
            if (i + 1 < n) { /* a word starts after each space */
                seen++;
                caps += isupper((unsigned char)s[i + 1]) != 0;
                if (seen == 8)
                    caps8 = caps;
            }
        } else if (s[i] == '@' || (n - i >= 4 && (memcmp(s + i, "http", 4) == 0 ||
                                                  memcmp(s + i, "www.", 4) == 0))) {
            return 0;
        }
    }
    if ((seen >= 6 && caps * 10 >= seen * 6) || caps8 >= 7)
        return 0;
    return !quote_cut(s, n);
}

typedef struct ctx {
    cand *c;
    size_t nc, capc;
    size_t *ids;      /* concept slots, per candidate */
    size_t nids, capids;
    uint64_t *stems;  /* content stems, per candidate */
    size_t nstems, capstems;
} ctx;

static void push_id(ctx *x, size_t id)
{
    if (x->nids == x->capids) {
        x->capids = x->capids ? x->capids * 2 : 256;
        x->ids = sl_xrealloc(x->ids, x->capids * sizeof *x->ids);
    }
    x->ids[x->nids++] = id;
}

static void push_stem(ctx *x, uint64_t h)
{
    if (x->nstems == x->capstems) {
        x->capstems = x->capstems ? x->capstems * 2 : 256;
        x->stems = sl_xrealloc(x->stems, x->capstems * sizeof *x->stems);
    }
    x->stems[x->nstems++] = h;
}

/* Sorts v[0..n) ascending: quicksort on size_t (median of three, the
 * smaller side first so the stack stays logarithmic), insertion sort for
 * short runs. qsort's comparator calls cost more than the comparisons of
 * the few dozen concepts of a sentence. */
static void sort_ids(size_t *v, size_t n)
{
    size_t lo_st[64], hi_st[64], top = 0;
    size_t lo = 0, hi = n;
    for (;;) {
        while (hi - lo > 16) {
            size_t mid = lo + (hi - lo) / 2, a = v[lo], b = v[mid], c = v[hi - 1];
            size_t p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
            size_t i = lo, j = hi - 1;
            for (;;) {
                while (v[i] < p)
                    i++;
                while (v[j] > p)
                    j--;
                if (i >= j)
                    break;
                size_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
            /* [lo, j] <= p <= [j + 1, hi) */
            if (j + 1 - lo < hi - (j + 1)) {
                lo_st[top] = j + 1, hi_st[top++] = hi;
                hi = j + 1;
            } else {
                lo_st[top] = lo, hi_st[top++] = j + 1;
                lo = j + 1;
            }
        }
        for (size_t i = lo + 1; i < hi; i++) {
            size_t x = v[i], j = i;
            while (j > lo && v[j - 1] > x) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        if (!top)
            return;
        top--;
        lo = lo_st[top];
        hi = hi_st[top];
    }
}

/* Counts article di (once) among the articles with the concept in slot,
 * and among those with it in their lead when lead is set. */
static void count_concept(cmap *m, size_t slot, size_t di, int lead)
{
    if (m->last[slot] != (int)di + 1) {
        m->last[slot] = (int)di + 1;
        m->df[slot]++;
        m->lead[slot] += lead;
    }
}

/* Adds the candidates of one article and counts their concepts. */
static void add_doc(ctx *x, cmap *m, const sl_doc *d, size_t di, const sl_splits *sp,
                    sl_term **tv, size_t *tcap)
{
    if (!d->text)
        return;
    const sl_sent *s;
    sl_sent *own;
    size_t ns = sl_splits_get(sp, di, d->text, &s, &own);
    if (ns > MAX_SENTS_PER_DOC)
        ns = MAX_SENTS_PER_DOC;
    int eligible_before = 0;
    size_t body = sl_sent_body(d->text, s, ns); /* a dek or caption is no candidate */
    quote_state q = {-1, 0};
    for (size_t i = body; i < ns && x->nc < MAX_CANDIDATES; i++) {
        int quoted = inside_quote(&q, d->text, &s[i]);
        size_t st = s[i].start, en = s[i].end;
        if (s[i].index == 0 || s[i].para_index == 0)
            st += sl_sent_dateline(d->text + st, en - st);
        if (x->nc == x->capc) {
            x->capc = x->capc ? x->capc * 2 : 64;
            x->c = sl_xrealloc(x->c, x->capc * sizeof *x->c);
        }
        cand *c = &x->c[x->nc++];
        memset(c, 0, sizeof *c);
        c->doc = di;
        c->start = st;
        c->end = en;
        c->pos = eligible_before; /* junk lines before the lead do not count */
        /* words matter only to a sentence that may be chosen */
        c->words = i < MAX_CAND_POS ? sl_count_words(d->text + st, en - st) : 0;
        c->eligible =
            i < MAX_CAND_POS && en > st && !quoted && eligible(d->text + st, en - st, c->words);
        eligible_before += c->eligible;
        if (c->eligible) {
            /* attribution tails and asides carry words the readers of a
             * summary want (and ROUGE on DUC agrees): only wire marks go */
            c->text = sl_summary_compress(d->text + st, en - st, 0);
            c->words = sl_count_words(c->text, strlen(c->text));
            c->len_pow = pow((double)c->words, LENGTH_POWER);
        }
        size_t nt = 0;
        sl_sent_terms(d->lang, d->text + st, en - st, tv, &nt, tcap);
        c->c0 = x->nids;
        c->t0 = x->nstems;
        /* a sentence that cannot be chosen only counts its concepts'
         * articles: its own ids and stems are never read */
        int keep = c->eligible;
        int lead = i - body < 3;
        for (size_t k = 0; k < nt; k++) {
            if (!(*tv)[k].stop) {
                if (keep)
                    push_stem(x, (*tv)[k].h);
                size_t slot = cmap_slot(m, (*tv)[k].h ^ 0x5bd1e995ull);
                m->uni[slot] = 1;
                count_concept(m, slot, di, lead);
                if (keep)
                    push_id(x, slot);
            }
            if (k + 1 < nt && !((*tv)[k].stop && (*tv)[k + 1].stop)) {
                size_t slot = cmap_slot(m, (*tv)[k].h * 31 + (*tv)[k + 1].h);
                count_concept(m, slot, di, lead);
                if (keep)
                    push_id(x, slot);
            }
        }
        c->nc = x->nids - c->c0;
        /* each concept once per sentence: gains become plain sums */
        if (c->nc) /* x->ids is NULL until the first concept */
            sort_ids(x->ids + c->c0, c->nc);
        size_t u = 0;
        for (size_t k = 0; k < c->nc; k++)
            if (!u || x->ids[c->c0 + u - 1] != x->ids[c->c0 + k])
                x->ids[c->c0 + u++] = x->ids[c->c0 + k];
        c->nc = u;
        x->nids = c->c0 + u;
        c->nt = x->nstems - c->t0;
    }
    free(own);
}

/* Share of the smaller sentence's content stems found in the other. */
static double overlap(const ctx *x, const cand *a, const cand *b)
{
    if (!a->nt || !b->nt)
        return 0;
    size_t hit = 0;
    for (size_t i = 0; i < a->nt; i++)
        for (size_t j = 0; j < b->nt; j++)
            if (x->stems[a->t0 + i] == x->stems[b->t0 + j]) {
                hit++;
                break;
            }
    size_t mn = a->nt < b->nt ? a->nt : b->nt;
    return (double)hit / (double)mn;
}

/* Weight of the concepts of c not covered yet (ids are distinct). */
static double gain(const ctx *x, const cmap *m, const cand *c, const char *covered)
{
    double g = 0;
    for (size_t k = 0; k < c->nc; k++) {
        size_t id = x->ids[c->c0 + k];
        if (!covered[id])
            g += m->w[id];
    }
    return g;
}

static int ndocs_with_text(const sl_doc *const *docs, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += docs[i]->text && docs[i]->text[0];
    return k;
}

static int by_reading_order(const void *a, const void *b, void *ud)
{
    const sl_doc *const *sort_docs = ud;
    const sl_pick *p = a, *q = b;
    int64_t ta = sort_docs[p->doc]->pub_time, tb = sort_docs[q->doc]->pub_time;
    if (ta != tb && ta != SL_TIME_UNKNOWN && tb != SL_TIME_UNKNOWN)
        return ta < tb ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* ---- selection ------------------------------------------------------------ */

/* State of the greedy run: covered concepts (by concept slot), candidates
 * already considered, and the chosen ones in the order taken. */
typedef struct sel {
    char *covered, *used;
    size_t *chosen;
    size_t n;
} sel;

static double score(const ctx *x, const cmap *m, const cand *c, const char *covered,
                    double lead_w)
{
    double g = gain(x, m, c, covered);
    double prior = 1.0 + lead_w / (1.0 + c->pos);
    return (g + 0.01) * prior / c->len_pow;
}

static void sel_take(const ctx *x, sel *S, size_t i)
{
    const cand *c = &x->c[i];
    for (size_t k = 0; k < c->nc; k++)
        S->covered[x->ids[c->c0 + k]] = 1;
    S->chosen[S->n++] = i;
}

/* Greedy selection (step 3 above) into S, which starts empty (nothing
 * covered or used). Leaves the choice in S->chosen[0 .. return), in the
 * order taken. */
static size_t greedy(const ctx *x, const cmap *m, sel *S, int words,
                     int sentences, double lead_w)
{
    assert(S->n == 0);
    int have = 0;
    for (;;) {
        if (sentences > 0 ? (int)S->n >= sentences : have >= words)
            break;
        double best = 0;
        size_t bi = (size_t)-1;
        for (size_t i = 0; i < x->nc; i++) {
            const cand *c = &x->c[i];
            if (S->used[i] || !c->eligible)
                continue;
            if (sentences <= 0 && have > 0 && have + c->words > words + P_OVERFLOW)
                continue;
            double sc = score(x, m, c, S->covered, lead_w);
            if (sc > best) {
                best = sc;
                bi = i;
            }
        }
        if (bi == (size_t)-1)
            break;
        S->used[bi] = 1;
        const cand *c = &x->c[bi];
        int redundant = 0;
        for (size_t k = 0; k < S->n && !redundant; k++)
            redundant = overlap(x, c, &x->c[S->chosen[k]]) > P_REDUNDANT;
        if (redundant)
            continue;
        sel_take(x, S, bi);
        have += c->words;
    }
    return S->n;
}

/* One article: its lead is its summary (what the concept weights would
 * pick anyway, with every weight 1 and the position prior deciding),
 * without the cost of stemming the article. */
static size_t lead_summary(const sl_doc *const *docs, size_t n, const sl_splits *sp, int words,
                           int sentences, sl_pick **out)
{
    size_t di = 0;
    while (di < n && !(docs[di]->text && docs[di]->text[0]))
        di++;
    const sl_doc *d = docs[di];
    const sl_sent *s;
    sl_sent *own;
    size_t ns = sl_splits_get(sp, di, d->text, &s, &own);
    sl_pick *p = sl_xmalloc((ns + 1) * sizeof *p);
    size_t np = 0;
    int have = 0;
    quote_state q = {-1, 0};
    for (size_t i = sl_sent_body(d->text, s, ns); i < ns && i < MAX_CAND_POS; i++) {
        if (sentences > 0 ? (int)np >= sentences : have >= words)
            break;
        if (inside_quote(&q, d->text, &s[i]))
            continue;
        size_t st = s[i].start, en = s[i].end;
        if (s[i].index == 0 || s[i].para_index == 0)
            st += sl_sent_dateline(d->text + st, en - st);
        int w = sl_count_words(d->text + st, en - st);
        if (en <= st || !eligible(d->text + st, en - st, w))
            continue;
        if (sentences <= 0 && have > 0 && have + w > words + 20)
            break;
        int again = 0; /* a sentence the article repeats (a standfirst) */
        for (size_t k = 0; k < np && !again; k++)
            again = p[k].end - p[k].start == en - st &&
                    !memcmp(d->text + p[k].start, d->text + st, en - st);
        if (again)
            continue;
        p[np++] = (sl_pick){di, st, en, sl_summary_compress(d->text + st, en - st, 0)};
        have += w;
    }
    free(own);
    *out = p;
    return np;
}

size_t sl_summarize(const sl_doc *const *docs, size_t n, int words, int sentences,
                    sl_pick **out)
{
    return sl_summarize_with(docs, n, NULL, words, sentences, out);
}

size_t sl_summarize_with(const sl_doc *const *docs, size_t n, const sl_splits *sp, int words,
                         int sentences, sl_pick **out)
{
    *out = NULL;
    load_params();
    int nd = ndocs_with_text(docs, n);
    if (!nd)
        return 0;
    if (words <= 0 && sentences <= 0) {
        if (nd <= 3)
            sentences = nd == 1 ? 2 : 3;
        else
            words = 100;
    }
    if (nd == 1)
        return lead_summary(docs, n, sp, words, sentences, out);
    ctx x = {0};
    cmap m;
    sl_term *tv = NULL;
    size_t tcap = 0;
    /* the concept map must not grow while slots are stored: size it first */
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += docs[i]->text ? strlen(docs[i]->text) / 4 + 16 : 0;
    cmap_init(&m, total <= 4096 ? 4096 : total > 2000000 ? 2000000 : total);
    char *covered;
    pool_take(m.cap, &m.key, &covered);
    for (size_t i = 0; i < n && x.nc < MAX_CANDIDATES && m.n * 2 < m.cap; i++)
        add_doc(&x, &m, docs[i], i, sp, &tv, &tcap);
    free(tv);

    int mindf = nd >= P_MINDF3 ? 3 : nd >= 3 ? 2 : 1;
    /* few articles share few concepts: there the lead matters most */
    double lead_w = nd <= 3 ? 4.0 : P_LEAD_W;
    /* df to DF_POWER for the usual small df, computed once per story */
    double dfp[64];
    for (int d = 0; d < 64; d++)
        dfp[d] = pow(d, DF_POWER);
    for (size_t k = 0; k < m.n; k++) {
        size_t i = m.used[k];
        if (m.df[i] >= mindf)
            m.w[i] = ((m.df[i] < 64 ? dfp[m.df[i]] : pow(m.df[i], DF_POWER)) +
                      LEAD_BONUS * m.lead[i]) *
                     (m.uni[i] ? P_UNI_W : 1.0);
    }

    sel S = {covered, sl_xcalloc(x.nc ? x.nc : 1, 1),
             sl_xmalloc((x.nc ? x.nc : 1) * sizeof(size_t)), 0};
    size_t np = greedy(&x, &m, &S, words, sentences, lead_w);
    const size_t *chosen = S.chosen;
    sl_pick *picks = sl_xmalloc((np ? np : 1) * sizeof *picks);
    for (size_t k = 0; k < np; k++) {
        cand *c = &x.c[chosen[k]];
        picks[k] = (sl_pick){c->doc, c->start, c->end, c->text};
        c->text = NULL;
    }
    if (np > 1)
        qsort_r(picks, np, sizeof *picks, by_reading_order, (void *)docs);
    for (size_t i = 0; i < x.nc; i++)
        free(x.c[i].text);
    /* clear what was set and keep the tables for the next story */
    for (size_t k = 0; k < S.n; k++) {
        const cand *c = &x.c[S.chosen[k]];
        for (size_t j = 0; j < c->nc; j++)
            S.covered[x.ids[c->c0 + j]] = 0;
    }
    for (size_t k = 0; k < m.n; k++)
        m.key[m.used[k]] = 0;
    pool_give(m.cap, m.key, S.covered);
    m.key = NULL;
    free(S.used);
    free(S.chosen);
    free(x.c);
    free(x.ids);
    free(x.stems);
    cmap_free(&m);
    *out = picks;
    return np;
}

void sl_picks_free(sl_pick *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(p[i].text);
    free(p);
}

/* ---- compression ----------------------------------------------------------- */

static int has_quote(const char *s)
{
    return strchr(s, '"') || strstr(s, "``") || strstr(s, "\xE2\x80\x9C") ||
           strstr(s, "\xE2\x80\x9D");
}

static int is_attribution(const char *t)
{
    static const char *const V[] = {" said", "said ", " says", " told", "according to",
                                    " reported", " announced", " added", NULL};
    for (int i = 0; V[i]; i++)
        if (strstr(t, V[i]))
            return 1;
    return 0;
}

/* Removes " (...)" asides of at most 6 words, in place. */
static void drop_parens(char *s)
{
    char *o = s, *p = s;
    while (*p) {
        if (*p == '(' && p > s && p[-1] == ' ') {
            char *e = strchr(p, ')');
            int w = 1;
            for (char *q = p; e && q < e; q++)
                w += *q == ' ';
            if (e && w <= 6) {
                p = e + 1;
                if (o > s && o[-1] == ' ' && *p == ' ')
                    p++;
                else if (o > s && o[-1] == ' ' && (*p == ',' || *p == '.'))
                    o--;
                continue;
            }
        }
        *o++ = *p++;
    }
    *o = 0;
}

char *sl_summary_compress(const char *s, size_t n, int shorten)
{
    char *t = sl_xstrndup(s, n);
    /* newlines and tabs, rare inside a sentence, are found sixteen bytes
     * at a time (a NUL would end the string: none is before n in text) */
    size_t len = strlen(t);
    for (size_t i = sl_find_any(t, 0, len, "\n\t", 2); i < len;
         i = sl_find_any(t, i + 1, len, "\n\t", 2))
        t[i] = ' ';
    char *b = t;
    while (*b == '_' || *b == '-' || *b == ' ')
        b++;
    if (b != t)
        memmove(t, b, len - (size_t)(b - t) + 1);
    if (!shorten)
        return t;
    drop_parens(t);
    len = strlen(t);
    if (len > 2 && t[len - 1] == '.' && !has_quote(t)) {
        char *c = strrchr(t, ',');
        if (c && c > t + len / 3) {
            int w = 0;
            for (char *q = c; *q; q++)
                w += *q == ' ';
            t[len - 1] = 0;
            if (w <= 8 && is_attribution(c)) {
                c[0] = '.';
                c[1] = 0;
            } else {
                t[len - 1] = '.';
            }
        }
    }
    return t;
}
