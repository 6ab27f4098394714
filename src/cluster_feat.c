/*
 * cluster_feat: article features for the story engine (see cluster_feat.h).
 *
 * How it works: one pass of the tokenizer over the title and the first
 * MAX_TEXT bytes of the body (news puts the event first; this bounds the
 * cost per article). Each distinct word of an article goes through a cache
 * from the word's hash to its stem's term hash, so a word is stemmed once
 * per clusterer rather than once per article (while the cache holds it). Per-article counts live in a
 * scratch hash map cleared between articles. Weights are (1 + ln tf) * idf;
 * each part keeps its top terms (quickselect), sorted by hash for merging
 * dot products, normalised to unit length. All words also feed the SimHash.
 *
 * Site boilerplate: a line or sentence of the body that an earlier article
 * of the same site (d->site) also had (a "read also" list, a subscription
 * pitch glued to the last paragraph, a footer that extraction kept) is left
 * out of the term counts: it says nothing about this article's event, and
 * would make every page of the site look alike. Unless it is most of the
 * body: then the article is a copy or an update of the earlier one, and
 * all of it counts. The SimHash always sees everything. The pieces seen
 * are a bounded table (site and piece hash -> the first article's id
 * hash), forgotten when it gets full.
 *
 * Site frame words: a name or title word in a large share of a site's
 * articles (its region, its title templates) weighs less in that site's
 * articles (site_factor), so two of its articles on different events do
 * not match on the site's own vocabulary.
 */
#include "cluster_feat.h"
#include "cluster_map.h"
#include "hash_inline.h"
#include "huge_alloc.h"
#include "simhash.h"
#include "tokenize.h"
#include "tokenize_loop.h"
#include "util.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 4096    /* body bytes read per article */
#define CACHE_BITS 18    /* term cache: 256k words, in sets of CACHE_WAYS */
#define CACHE_WAYS 4
#define MIN_SIM_WORDS 12 /* fewer words: no fingerprint */
#define BOILER_MAX (1u << 18) /* site lines remembered (then forgotten) */
#define BOILER_MIN_LINE 16    /* shorter lines are too common to tell */
#define SITE_MAX (1u << 15)   /* (site, name) counts kept (then halved) */
#define SITE_MIN 20           /* a site's articles before its counts tell */
#define SITE_RARE 0.05        /* names in fewer of a site's articles keep weight */
#define BGC_SIZE (1u << 16)   /* restored terms' background counts remembered */

/* ---- per-article maps ------------------------------------------------------- */

/* A map for one article at a time (word hash -> its record, term -> its
 * record): emptied between articles by a new stamp instead of by clearing
 * its table, which stays as large as the longest article needed (a slot
 * is in use when its stamp is the current one). Keys are hashes already,
 * so their own bits place them. Linear probing, load under 1/2. */
typedef struct aslot {
    uint64_t key;
    uint32_t val;
    uint32_t stamp;
} aslot;

typedef struct amap {
    aslot *s;
    size_t cap, n; /* cap is 0 or a power of two */
    uint32_t cur;  /* the stamp of the slots in use */
} amap;

static void amap_free(amap *m)
{
    free(m->s);
    memset(m, 0, sizeof *m);
}

/* Forgets every key. */
static void amap_clear(amap *m)
{
    m->n = 0;
    if (++m->cur == 0) { /* the stamps wrapped: clear them once */
        for (size_t i = 0; i < m->cap; i++)
            m->s[i].stamp = 0;
        m->cur = 1;
    }
}

static inline size_t amap_home(uint64_t key, size_t cap) { return (size_t)(key >> 1) & (cap - 1); }

static void amap_grow(amap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    aslot *t = sl_xcalloc(ncap, sizeof *t);
    uint32_t cur = m->cur ? m->cur : 1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->s[i].stamp != m->cur || !m->cur)
            continue;
        size_t j = amap_home(m->s[i].key, ncap);
        while (t[j].stamp == cur)
            j = (j + 1) & (ncap - 1);
        t[j] = m->s[i];
        t[j].stamp = cur;
    }
    free(m->s);
    m->s = t;
    m->cap = ncap;
    m->cur = cur;
}

/* Pointer to key's value, inserted with value init if absent. */
static inline uint32_t *amap_put(amap *m, uint64_t key, uint32_t init)
{
    if ((m->n + 1) * 2 > m->cap)
        amap_grow(m);
    size_t j = amap_home(key, m->cap);
    for (; m->s[j].stamp == m->cur; j = (j + 1) & (m->cap - 1))
        if (m->s[j].key == key)
            return &m->s[j].val;
    m->s[j] = (aslot){key, init, m->cur};
    m->n++;
    return &m->s[j].val;
}

/* Pointer to key's value, or NULL. */
static inline uint32_t *amap_get(amap *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    for (size_t j = amap_home(key, m->cap); m->s[j].stamp == m->cur; j = (j + 1) & (m->cap - 1))
        if (m->s[j].key == key)
            return &m->s[j].val;
    return NULL;
}

typedef struct acc {
    uint32_t h;      /* the term (0 for a word that carries none) */
    uint32_t bg_df;
    uint16_t tf_body, tf_title, tf_ent;
    uint32_t pos;    /* first surface: offset in its text */
    uint16_t len;    /* surface length */
    uint8_t intitle; /* surface is in the title */
    /* the name this one continues: a word's first word of the name
     * (index in waccs + 1; NAME_OWN when it is a name of its own, 0 when
     * not yet a name); a term's head term (0: its own) */
    uint32_t head;
} acc;

#define NAME_OWN UINT32_MAX

typedef struct wpend { /* a distinct word of the article, its term not looked up yet */
    uint64_t wh;       /* sl_hash64 of the lower-cased word */
    uint32_t off;      /* its first TERM_BYTES bytes in wbytes */
    uint32_t n;        /* its length */
} wpend;

typedef struct piece { /* a line or sentence of the body */
    uint64_t key;  /* its key in the boilerplate table (0: too short) */
    uint32_t end;  /* its end offset; it starts after the previous one's */
    uint8_t keep;  /* counts (not the site's boilerplate) */
} piece;

typedef struct cslot {
    uint64_t key;
    uint32_t term;
    uint32_t bg_df; /* the term's background document count */
} cslot;

struct sl_cfx {
    cslot *cache;    /* a set a cache line, on huge pages (huge_alloc.h) */
    size_t cache_len; /* what to free */
    amap wseen;      /* word hash -> index in waccs, current article */
    acc *waccs;
    size_t nwaccs, capwaccs;
    wpend *wpend;    /* waccs[i]'s word (on_tok), until resolve_terms finds its term */
    uint32_t *miss;  /* resolve_terms: the words the term cache lacks (capwaccs) */
    sl_buf wbytes;
    amap seen;       /* term -> index in accs, current article */
    acc *accs;
    size_t naccs, capaccs;
    sl_cterm *terms; /* weighing scratch (weigh): capterms terms, */
    uint32_t *hs;    /* and as many term hashes */
    float *idfw;     /* and as many IDF weights */
    size_t capterms;
    piece *pieces;   /* the body's pieces (body_tokens) */
    size_t cappieces;
    sl_u64map names; /* term -> offset in namebuf */
    sl_buf namebuf;
    /* site line -> first article's id hash (| 1): this extractor's own
     * table, or its owner's for a scratch extractor (sl_cfx_new_sharing) */
    sl_u64map own_boiler;
    pthread_mutex_t own_lock;
    sl_u64map *boiler;
    pthread_mutex_t *boiler_lock;
    /* site -> its articles weighed, and (site, term) -> those of them with
     * the term as a name or in the title: the site's frame words (see
     * site_factor). Used and counted by the weighing half only. */
    sl_u64map site_n, site_df;
    /* per-article state during tokenizing */
    const char *lang;
    uint64_t lang_key; /* lang's part of the term cache's keys */
    const char *text;
    size_t base;     /* offset of x->text in the body (lines) */
    size_t name_end; /* where the last capitalised word ended (body offset + 1; 0: none) */
    uint32_t name_word; /* and its index in waccs */
    int in_title;
    int sim_only;    /* boilerplate: feeds the SimHash only */
    uint64_t verdicts; /* the body's pieces' verdicts (verdicts_sig), 0 without a site */
    uint64_t *bgc;     /* restored terms' background counts: term << 32 | count,
                          BGC_SIZE entries by the term's low bits (bg_count) */
    sl_simhash sh;
    const wordch *wch;     /* the tokenizer's tables (feat_tokenize) */
    const sl_cpinfo *cpt;
    uint16_t years[8], ycount[8];
    int nyears;
};

static void calendar_ready(void);
static void tfw_ready(void);

sl_cfx *sl_cfx_new(void)
{
    sl_cfx *x = sl_xcalloc(1, sizeof *x);
    x->cache = sl_huge_calloc(((size_t)1 << CACHE_BITS) * sizeof *x->cache, &x->cache_len);
    x->wch = sl_tok_wordch();
    x->cpt = sl_cp_table();
    calendar_ready();
    tfw_ready();
    sl_buf_putc(&x->namebuf, 0); /* offset 0 is never a name */
    pthread_mutex_init(&x->own_lock, NULL);
    x->boiler = &x->own_boiler;
    x->boiler_lock = &x->own_lock;
    return x;
}

sl_cfx *sl_cfx_new_sharing(sl_cfx *owner)
{
    sl_cfx *x = sl_cfx_new();
    x->boiler = owner->boiler;
    x->boiler_lock = owner->boiler_lock;
    return x;
}

void sl_cfx_free(sl_cfx *x)
{
    if (!x)
        return;
    free(x->bgc);
    sl_huge_free(x->cache, x->cache_len);
    amap_free(&x->seen);
    amap_free(&x->wseen);
    free(x->waccs);
    free(x->wpend);
    free(x->miss);
    sl_buf_free(&x->wbytes);
    free(x->pieces);
    free(x->terms);
    free(x->hs);
    free(x->idfw);
    sl_u64map_free(&x->names);
    sl_buf_free(&x->namebuf);
    sl_u64map_free(&x->own_boiler);
    sl_u64map_free(&x->site_n);
    sl_u64map_free(&x->site_df);
    pthread_mutex_destroy(&x->own_lock);
    free(x->accs);
    free(x);
}

size_t sl_cfx_memory(const sl_cfx *x)
{
    return sizeof *x + ((size_t)1 << CACHE_BITS) * sizeof(cslot) +
           x->names.cap * 12 + x->namebuf.cap + (x->capaccs + x->capwaccs) * sizeof(acc) +
           x->capwaccs * (sizeof(wpend) + sizeof(uint32_t)) + x->wbytes.cap +
           (x->seen.cap + x->wseen.cap) * sizeof(aslot) +
           (x->own_boiler.cap + x->site_n.cap + x->site_df.cap) * 12 +
           x->capterms * (sizeof(sl_cterm) + 8) + x->cappieces * sizeof(piece);
}

const char *sl_cfx_name(const sl_cfx *x, uint32_t h)
{
    uint32_t *o = sl_u64map_get(&x->names, h);
    return o && *o ? x->namebuf.data + *o : NULL;
}

/* The surface form of a name is kept as it is written, less a
 * possessive ending: "Kremlin's" and "Kremlin\u2019s" name "Kremlin".
 * slot is the term's value in x->names, 0 while it has no name (the
 * caller puts it there, one look-up for both the question and the
 * answer). */
static void add_name(sl_cfx *x, uint32_t *slot, const char *s, size_t n)
{
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
        n -= 2;
    else if (n > 4 && s[n - 1] == 's' && !memcmp(s + n - 4, "\xE2\x80\x99", 3))
        n -= 4;
    if (*slot || !n)
        return;
    *slot = (uint32_t)x->namebuf.len;
    sl_buf_append(&x->namebuf, s, n);
    sl_buf_putc(&x->namebuf, 0);
}

enum { TERM_BYTES = 120 }; /* a word is stemmed at most this long */

/* A word's key in the term cache, and the set of slots it may be in. */
static inline uint64_t term_key(const sl_cfx *x, uint64_t wh) { return (wh ^ x->lang_key) | 1; }

static inline cslot *term_set(const sl_cfx *x, uint64_t k)
{
    return &x->cache[((k >> 1) & (((size_t)1 << CACHE_BITS) / CACHE_WAYS - 1)) * CACHE_WAYS];
}

/* The term cache: a lower-cased word's term and the term's background
 * count, by the word's key. A set of CACHE_WAYS slots is kept most
 * recently used first: a news corpus has about as many distinct words as
 * the cache holds, half of them seen once, and a direct-mapped table of
 * 128k words lost a third of its hits to words that shared a slot (441k
 * misses on the 300k distinct words of telegram-2019-dev; 356k with this
 * one, whose keys also tell languages apart).
 *
 * set_front puts slot c in front of set, the slots before way w moving
 * down one (w = CACHE_WAYS - 1 for a new slot: the least recent goes). */
static inline void set_front(cslot *set, size_t w, cslot c)
{
    /* (a loop here became a call to memmove) */
    _Static_assert(CACHE_WAYS == 4, "the shift below moves up to 3 slots");
    cslot s0 = set[0], s1 = set[1], s2 = set[2];
    if (w >= 3)
        set[3] = s2;
    if (w >= 2)
        set[2] = s1;
    if (w >= 1)
        set[1] = s0;
    set[0] = c;
}

/* The slot of key k, moved to the front of its set, or NULL when the
 * cache does not have it. */
static const cslot *term_hit(sl_cfx *x, uint64_t k)
{
    cslot *set = term_set(x, k);
    size_t w = 0;
    while (w + 1 < CACHE_WAYS && set[w].key != k)
        w++;
    if (set[w].key != k)
        return NULL;
    set_front(set, w, set[w]);
    return &set[0];
}

/* Puts a slot the cache did not have in front of its set. */
static void term_put(sl_cfx *x, cslot c)
{
    set_front(term_set(x, c.key), CACHE_WAYS - 1, c);
}

/* True when the word starting at byte `start` begins a sentence or line:
 * only spaces, quotes and brackets stand between it and a full stop, a
 * line break or the start of the text. */
static int sentence_initial(const char *text, size_t start)
{
    size_t i = start;
    while (i > 0) {
        unsigned char ch = (unsigned char)text[i - 1];
        if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' || ch == '(' || ch == '[' ||
            ch == '-' || ch == 0xAB || ch == 0xC2 || ch == 0x80 || ch == 0x9C ||
            ch == 0x98 || ch == 0x94 || ch == 0x93 || ch == 0xE2) {
            i--; /* ASCII, and the bytes of « “ ‘ — – */
            continue;
        }
        return ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == '\r' || ch == ':' ||
               ch == ';' || ch == '|' || ch == 0xBB;
    }
    return 1;
}

/* True for an English month or weekday name or its abbreviation (lower
 * case): capitalised, but a date rather than a name. Datelines carry them
 * ("15 Nov 2019, 00:08"), so as entities they would match any two
 * articles of the same month. */
static const char *const CALENDAR[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed",
    "wednesday", "thu", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
    "sunday"};
static sl_wordset calendar_set; /* asked at every capitalised word */
static pthread_once_t calendar_once = PTHREAD_ONCE_INIT;

static void calendar_init(void)
{
    sl_wordset_build(&calendar_set, CALENDAR, sizeof CALENDAR / sizeof *CALENDAR, sizeof *CALENDAR);
}

/* Builds calendar_set (once): sl_cfx_new calls it, so calendar_word
 * need not ask at every capitalised word. */
static void calendar_ready(void) { pthread_once(&calendar_once, calendar_init); }

static int calendar_word(const char *tok, size_t n)
{
    if (n < 3 || n > 9)
        return 0;
    return sl_wordset_find(&calendar_set, tok, n) >= 0;
}

/* Links name word a (at start of x->text) to the name it continues: a
 * name word right after a capitalised word, one space apart, continues
 * that word's name ("Kong" of "Hong Kong", also where "Hong" begins a
 * sentence). A word written both alone and in a name, or in two names,
 * is a name of its own. */
static void name_link(sl_cfx *x, acc *a, size_t start)
{
    uint32_t self = (uint32_t)(a - x->waccs);
    uint32_t head = NAME_OWN;
    if (start > 0 && x->name_end == x->base + start && x->text[start - 1] == ' ' &&
        x->name_word != self) {
        const acc *p = &x->waccs[x->name_word];
        head = p->head != NAME_OWN && p->head ? p->head : x->name_word + 1;
    }
    if (!a->head)
        a->head = head;
    else if (a->head != head)
        a->head = NAME_OWN;
}

static inline __attribute__((always_inline)) int on_tok(void *ud, const char *tok, size_t n,
                                                         size_t start, size_t end, int flags)
{
    sl_cfx *x = ud;
    uint64_t wh = sl_hash64_inline(tok, n);
    sl_simhash_word(&x->sh, wh);
    if (x->sim_only)
        return 0;
    if (n == 4 && (flags & SL_TOK_NUM) && !x->in_title) {
        int y = 0, ok = 1;
        for (size_t i = 0; i < 4; i++) {
            if (tok[i] < '0' || tok[i] > '9')
                ok = 0;
            else
                y = y * 10 + tok[i] - '0';
        }
        if (ok && y >= 1900 && y <= 2099) {
            int j = 0;
            while (j < x->nyears && x->years[j] != y)
                j++;
            if (j < x->nyears)
                x->ycount[j]++;
            else if (x->nyears < 8) {
                x->years[x->nyears] = (uint16_t)y;
                x->ycount[x->nyears++] = 1;
            }
        }
    }
    uint32_t *slot = amap_put(&x->wseen, wh | 1, UINT32_MAX);
    if (*slot == UINT32_MAX) {
        if (x->nwaccs == x->capwaccs) {
            x->capwaccs = x->capwaccs ? x->capwaccs * 2 : 512;
            x->waccs = sl_xrealloc(x->waccs, x->capwaccs * sizeof *x->waccs);
            x->wpend = sl_xrealloc(x->wpend, x->capwaccs * sizeof *x->wpend);
            x->miss = sl_xrealloc(x->miss, x->capwaccs * sizeof *x->miss);
        }
        acc *a = &x->waccs[x->nwaccs];
        memset(a, 0, sizeof *a);
        /* the word's term is looked up in resolve_terms with the article's
         * other new words; its cache set is fetched now, so that those
         * lookups find their sets in the processor's cache instead of
         * waiting on memory one after the other (the wait on the set was
         * 63% of this loop's own time) */
        __builtin_prefetch(term_set(x, term_key(x, wh)));
        wpend *p = &x->wpend[x->nwaccs];
        p->wh = wh;
        p->off = (uint32_t)x->wbytes.len;
        p->n = (uint32_t)n;
        sl_buf_append(&x->wbytes, tok, n < TERM_BYTES ? n : TERM_BYTES);
        a->pos = (uint32_t)(x->base + start);
        a->len = (uint16_t)(end - start < 60 ? end - start : 60);
        a->intitle = (uint8_t)x->in_title;
        *slot = (uint32_t)x->nwaccs++;
    }
    acc *a = &x->waccs[*slot];
    if (x->in_title) {
        if (a->tf_title < UINT16_MAX)
            a->tf_title++;
        return 0;
    }
    if (a->tf_body < UINT16_MAX)
        a->tf_body++;
    int name = ((flags & SL_TOK_UPPER) ||
                ((flags & SL_TOK_CAP) && !(flags & SL_TOK_NUM) && !sentence_initial(x->text, start))) &&
               !calendar_word(tok, n);
    if (name && a->tf_ent < UINT16_MAX) {
        if (!a->tf_ent || a->intitle) { /* prefer a capitalised surface */
            a->pos = (uint32_t)(x->base + start);
            a->len = (uint16_t)(end - start < 60 ? end - start : 60);
            a->intitle = 0;
        }
        a->tf_ent++;
        name_link(x, a, start);
    }
    if (flags & (SL_TOK_UPPER | SL_TOK_CAP)) { /* where a name may go on */
        x->name_end = x->base + end + 1;
        x->name_word = (uint32_t)(a - x->waccs);
    }
    return 0;
}

/* sl_tokenize with on_tok compiled into its loop (see tokenize_loop.h). */
static void feat_tokenize(sl_cfx *x, const char *text, size_t len)
{
    sl_tokenize_loop(x->wch, x->cpt, text, len, on_tok, x);
}

/* Turns the article's distinct words into its distinct terms (stems,
 * stopwords dropped), summing counts: x->waccs -> x->accs. Each distinct
 * word goes through the term cache once, in the order on_tok first saw
 * them.
 *
 * The words the cache lacks are stemmed after it has been asked for all
 * of them: each needs an entry of the stem cache and one of the
 * background table, two tables larger than the processor's caches, and
 * these are fetched a few words ahead (the stem cache's entry) and while
 * the later words are stemmed (the background count), instead of a wait
 * on memory for each in turn (the two waits were a third of the cost of
 * a word the cache lacked). */
enum { STEM_AHEAD = 4 }; /* stem cache entries fetched ahead */

static void resolve_terms(sl_cfx *x)
{
    x->naccs = 0;
    assert(x->seen.n == 0);
    size_t nmiss = 0;
    uint32_t *miss = x->miss;
    for (size_t i = 0; i < x->nwaccs; i++) { /* the words the cache has */
        const cslot *cs = term_hit(x, term_key(x, x->wpend[i].wh));
        if (!cs) {
            miss[nmiss++] = (uint32_t)i;
            continue;
        }
        x->waccs[i].h = cs->term;
        x->waccs[i].bg_df = cs->bg_df;
    }
    for (size_t j = 0; j < nmiss + STEM_AHEAD; j++) { /* the others' terms */
        if (j < nmiss) {
            const wpend *p = &x->wpend[miss[j]];
            if (p->n <= TERM_BYTES)
                sl_stem_prefetch(x->lang, x->wbytes.data + p->off, p->n, p->wh);
        }
        if (j < STEM_AHEAD)
            continue;
        const wpend *p = &x->wpend[miss[j - STEM_AHEAD]];
        const char *tok = x->wbytes.data + p->off;
        size_t m = p->n < TERM_BYTES ? p->n : TERM_BYTES;
        uint32_t term = sl_term_of_h(x->lang, tok, m, m == p->n ? p->wh : sl_hash64_inline(tok, m));
        x->waccs[miss[j - STEM_AHEAD]].h = term;
        if (term)
            sl_idf_bg_prefetch(term);
    }
    for (size_t j = 0; j < nmiss; j++) { /* and their background counts */
        acc *a = &x->waccs[miss[j]];
        a->bg_df = a->h ? sl_idf_bg_df(a->h) : 0;
        term_put(x, (cslot){term_key(x, x->wpend[miss[j]].wh), a->h, a->bg_df});
    }
    sl_buf_reset(&x->wbytes);
    for (size_t i = 0; i < x->nwaccs; i++) {
        acc *w = &x->waccs[i];
        if (!w->h)
            continue;
        /* the head word's term, or 0 for a name of its own */
        uint32_t head = w->head && w->head != NAME_OWN ? x->waccs[w->head - 1].h : 0;
        if (head == w->h)
            head = 0;
        uint32_t *slot = amap_put(&x->seen, w->h, UINT32_MAX);
        if (*slot == UINT32_MAX) {
            if (x->naccs == x->capaccs) {
                x->capaccs = x->capaccs ? x->capaccs * 2 : 512;
                x->accs = sl_xrealloc(x->accs, x->capaccs * sizeof *x->accs);
            }
            x->accs[x->naccs] = *w;
            x->accs[x->naccs].head = head;
            *slot = (uint32_t)x->naccs++;
            continue;
        }
        acc *a = &x->accs[*slot];
        if (w->tf_ent && a->tf_ent && a->head != head)
            a->head = 0; /* two words of one term in two names */
        else if (w->tf_ent && !a->tf_ent)
            a->head = head;
        if (w->tf_ent && (!a->tf_ent || a->intitle)) { /* prefer a capitalised surface */
            a->pos = w->pos;
            a->len = w->len;
            a->intitle = w->intitle;
        }
        a->tf_body = (uint16_t)(a->tf_body + w->tf_body < UINT16_MAX ? a->tf_body + w->tf_body : UINT16_MAX);
        a->tf_title = (uint16_t)(a->tf_title + w->tf_title < UINT16_MAX ? a->tf_title + w->tf_title : UINT16_MAX);
        a->tf_ent = (uint16_t)(a->tf_ent + w->tf_ent < UINT16_MAX ? a->tf_ent + w->tf_ent : UINT16_MAX);
    }
}

/* ---- top-k selection ------------------------------------------------------ */

/* Moves the k largest weights of t[0..n) to the front (any order). */
static void select_top(sl_cterm *t, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    if (k >= n)
        return;
    while (hi - lo > 1) {
        float p = t[lo + (hi - lo) / 2].w;
        size_t i = lo, j = hi - 1;
        while (i <= j) {
            while (t[i].w > p)
                i++;
            while (t[j].w < p)
                j--;
            if (i <= j) {
                sl_cterm tmp = t[i];
                t[i] = t[j];
                t[j] = tmp;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j + 1 && j + 1 > lo)
            hi = j + 1;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* Keeps the top k of t[0..n) (weights > 0), sorts them by hash,
 * normalises; returns how many were kept. */
static size_t finish_part(sl_cterm *t, size_t n, size_t k)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].w > 0)
            t[o++] = t[i];
    select_top(t, o, k);
    if (o > k)
        o = k;
    for (size_t i = 1; i < o; i++) { /* by hash: a few dozen terms */
        sl_cterm v = t[i];
        size_t j = i;
        for (; j > 0 && t[j - 1].h > v.h; j--)
            t[j] = t[j - 1];
        t[j] = v;
    }
    double s = 0;
    for (size_t i = 0; i < o; i++)
        s += (double)t[i].w * t[i].w;
    s = sqrt(s);
    for (size_t i = 0; i < o && s > 0; i++)
        t[i].w = (float)(t[i].w / s);
    return o;
}

/* The weight of a term frequency, 1 + ln tf (0 for none). Most terms of
 * an article occur a few times: their weights are kept in a table filled
 * by sl_cfx_new with the same expression, so they are the same floats. */
#define TFW_SMALL 64
static float tfw_small[TFW_SMALL];
static pthread_once_t tfw_once = PTHREAD_ONCE_INIT;

static float tfw_calc(unsigned tf) { return tf ? 1.0f + logf((float)tf) : 0.0f; }

static void tfw_init(void)
{
    for (unsigned tf = 0; tf < TFW_SMALL; tf++)
        tfw_small[tf] = tfw_calc(tf);
}

static void tfw_ready(void) { pthread_once(&tfw_once, tfw_init); }

static inline float tfw(unsigned tf) { return tf < TFW_SMALL ? tfw_small[tf] : tfw_calc(tf); }

/* Keeps the names of the entities and of the heaviest body terms (lower
 * case), for the reasons given with related stories. */
static void name_terms(sl_cfx *x, const acc *accs, const sl_cterm *en, size_t ne,
                       const sl_cterm *b, size_t nb, const char *title, const char *body)
{
    /* the names are a table larger than the processor's caches: the
     * slots are fetched together */
    for (size_t i = 0; i < ne; i++)
        sl_u64map_prefetch(&x->names, en[i].h, 1);
    for (size_t i = 0; i < nb; i++)
        if (b[i].w >= 0.15f)
            sl_u64map_prefetch(&x->names, b[i].h, 1);
    for (size_t i = 0; i < ne; i++) {
        const acc *a = &accs[*amap_get(&x->seen, en[i].h)];
        add_name(x, sl_u64map_put(&x->names, a->h, 0), (a->intitle ? title : body) + a->pos, a->len);
    }
    for (size_t i = 0; i < nb; i++) {
        if (b[i].w < 0.15f)
            continue;
        uint32_t *slot = sl_u64map_put(&x->names, b[i].h, 0);
        if (*slot)
            continue;
        const acc *a = &accs[*amap_get(&x->seen, b[i].h)];
        char low[64];
        size_t m = a->len < sizeof low ? a->len : sizeof low - 1;
        const char *src = (a->intitle ? title : body) + a->pos;
        for (size_t j = 0; j < m; j++)
            low[j] = (src[j] >= 'A' && src[j] <= 'Z') ? (char)(src[j] + 32) : src[j];
        add_name(x, slot, low, m);
    }
}

/* End of the piece of body[i..n) that starts at i: the end of its line,
 * or of its sentence ('.', '!' or '?' followed by a space or by a capital
 * letter glued to it, as extraction leaves "on BSE.Get access ..."). */
static size_t piece_end(const char *b, size_t i, size_t n)
{
    for (;; i++) {
        i = sl_find_any(b, i, n, "\n.!?", 4);
        if (i >= n || b[i] == '\n')
            return i;
        if (i + 1 < n && (b[i + 1] == ' ' || (b[i + 1] >= 'A' && b[i + 1] <= 'Z')))
            return i + 1;
    }
}

/* The body's pieces (lines and sentences) into x->pieces: their ends and
 * keys in the boilerplate table (0 for a piece too short to tell); their
 * number. */
static size_t find_pieces(sl_cfx *x, const char *body, size_t blen, uint64_t site)
{
    size_t npieces = 0;
    for (size_t i = 0; i <= blen; npieces++) {
        size_t j = piece_end(body, i, blen);
        if (npieces == x->cappieces) {
            x->cappieces = x->cappieces ? x->cappieces * 2 : 256;
            x->pieces = sl_xrealloc(x->pieces, x->cappieces * sizeof *x->pieces);
        }
        piece *pc = &x->pieces[npieces];
        pc->end = (uint32_t)j;
        pc->keep = 1;
        pc->key = j - i >= BOILER_MIN_LINE
                      ? (sl_hash64_inline(body + i, j - i) ^ (site * 0x9E3779B97F4A7C15ULL)) | 1
                      : 0;
        i = j + 1;
    }
    return npieces;
}

/* Looks the pieces up in the boilerplate table, which the caller has
 * locked: a piece an earlier article (another owner) had is not kept.
 * With `remember` the pieces are recorded as the owner's, else only read
 * (the same verdicts: a piece the article has twice is its own either
 * way). Returns the bytes not kept. */
static size_t judge_pieces(sl_cfx *x, size_t npieces, uint32_t owner, int remember)
{
    sl_u64map *m = x->boiler;
    size_t seen_bytes = 0;
    for (size_t k = 0, i = 0; k < npieces; k++) {
        piece *pc = &x->pieces[k];
        if (pc->key) {
            uint32_t *v = remember ? sl_u64map_put(m, pc->key, 0) : sl_u64map_get(m, pc->key);
            if (v && !*v)
                *v = owner;
            else if (v && *v != owner) {
                pc->keep = 0;
                seen_bytes += pc->end - i;
            }
        }
        i = pc->end + 1;
    }
    return seen_bytes;
}

/* The verdicts on the pieces, as one number: counts saved with one are
 * the counts of the text under the same verdicts (sl_cfx_count_saved). */
static uint64_t verdicts_sig(const sl_cfx *x, size_t npieces, int copy)
{
    uint64_t sig = 0xCBF29CE484222325ULL ^ (uint64_t)npieces;
    for (size_t k = 0; k < npieces; k++)
        if (x->pieces[k].key)
            sig = (sig ^ (x->pieces[k].key + x->pieces[k].keep)) * 0x100000001B3ULL;
    return sig ^ (uint64_t)copy;
}

/* Empties the boilerplate table (which the caller has locked) when it is
 * full and the article's pieces are to be recorded: it starts over. */
static void boiler_room(sl_cfx *x, int remember)
{
    sl_u64map *m = x->boiler;
    if (remember && m->n >= BOILER_MAX) {
        memset(m->keys, 0, m->cap * sizeof *m->keys);
        m->n = 0;
    }
}

/* The article's owner key in the boilerplate table. */
static uint32_t piece_owner(const sl_doc *d)
{
    return (uint32_t)sl_hash64(d->id ? d->id : "", d->id ? strlen(d->id) : 0) | 1;
}

/* Tokenizes the body piece by piece, leaving the site's boilerplate pieces
 * out of the counts (see the top); with `remember`, the article's pieces
 * are recorded as its site's. The table is looked up under its lock, the
 * pieces found and hashed and the tokenizing done outside. The pieces are
 * found once: their ends, keys and keep flags go to x->pieces. Sets
 * x->verdicts. */
static void body_tokens(sl_cfx *x, const sl_doc *d, const char *body, size_t blen, int remember)
{
    uint64_t site = d->site && d->site[0] ? sl_hash64(d->site, strlen(d->site)) : 0;
    x->verdicts = 0;
    if (!site) {
        x->text = body;
        x->base = 0;
        feat_tokenize(x, body, blen);
        return;
    }
    size_t npieces = find_pieces(x, body, blen, site);
    pthread_mutex_lock(x->boiler_lock);
    boiler_room(x, remember);
    /* the table is larger than the processor's caches: the pieces' slots
     * are fetched together, not waited for one after the other */
    for (size_t k = 0; k < npieces; k++)
        if (x->pieces[k].key)
            sl_u64map_prefetch(x->boiler, x->pieces[k].key, remember);
    size_t seen_bytes = judge_pieces(x, npieces, piece_owner(d), remember);
    pthread_mutex_unlock(x->boiler_lock);
    int copy = seen_bytes * 2 > blen; /* mostly an earlier article: a copy */
    x->verdicts = verdicts_sig(x, npieces, copy);
    for (size_t k = 0, i = 0; k < npieces; k++) {
        size_t j = x->pieces[k].end;
        if (j > i) {
            x->text = body + i;
            x->base = i;
            x->sim_only = !x->pieces[k].keep && !copy;
            feat_tokenize(x, body + i, j - i);
        }
        i = j + 1;
    }
    x->sim_only = 0;
    x->base = 0;
}

/* The bytes of the body read: MAX_TEXT at most, cut at a character
 * boundary. */
static size_t body_len(const char *body)
{
    size_t blen = strlen(body);
    if (blen > MAX_TEXT) {
        blen = MAX_TEXT;
        while (blen > 0 && ((unsigned char)body[blen] & 0xC0) == 0x80)
            blen--;
    }
    return blen;
}

/* The counting half: tokenizes d into x's scratch (x->accs and x->seen)
 * and gives its SimHash and most mentioned year. */
static void count_doc(sl_cfx *x, const sl_doc *d, int remember, uint64_t *sim, uint16_t *year)
{
    x->nwaccs = 0;
    x->name_end = 0;
    assert(x->wseen.n == 0 && x->seen.n == 0);
    memset(&x->sh, 0, sizeof x->sh);
    x->nyears = 0;
    x->lang = d->lang;
    /* a word's term depends on its language's stemmer: every language
     * string (and none) keys the cache apart */
    x->lang_key = d->lang ? sl_hash64(d->lang, strlen(d->lang)) * 0x9E3779B97F4A7C15ULL : 0;
    const char *title = d->title ? d->title : "";
    const char *body = d->text ? d->text : "";
    size_t blen = body_len(body);
    x->in_title = 1;
    x->text = title;
    x->base = 0;
    feat_tokenize(x, title, strlen(title));
    x->in_title = 0;
    body_tokens(x, d, body, blen, remember);
    *sim = x->sh.nwords >= MIN_SIM_WORDS ? sl_simhash_take(&x->sh) : 0;
    resolve_terms(x);
    amap_clear(&x->wseen);
    *year = 0;
    for (int j = 0, best = 0; j < x->nyears; j++)
        if (x->ycount[j] > best || (x->ycount[j] == best && x->years[j] > *year)) {
            best = x->ycount[j];
            *year = x->years[j];
        }
}

struct sl_cfcount {
    acc *a;
    size_t n;
    uint64_t sim;
    uint16_t year;
    uint64_t verdicts; /* the pieces' verdicts the counts were made under */
};

sl_cfcount *sl_cfx_count(sl_cfx *x, const sl_doc *d)
{
    sl_cfcount *c = sl_xcalloc(1, sizeof *c);
    count_doc(x, d, 1, &c->sim, &c->year);
    c->verdicts = x->verdicts;
    c->n = x->naccs;
    c->a = sl_xmalloc((c->n + 1) * sizeof *c->a);
    memcpy(c->a, x->accs, c->n * sizeof *c->a);
    amap_clear(&x->seen);
    return c;
}

void sl_cfcount_free(sl_cfcount *c)
{
    if (!c)
        return;
    free(c->a);
    free(c);
}

/* ---- saved counts ----------------------------------------------------------- */

/* How it works: the saved form is what sl_cfx_count made of a text, with
 * what that depended on besides the text. Counting is a function of the
 * doc's id, title, text, site and language, of the code (COUNTS_FORMAT),
 * of the stemmers (a probe: the terms of a few words in each language
 * with a stemmer, which changes when a library upgrade stems differently)
 * and of one thing outside the doc: the site's boilerplate table, which
 * decides which pieces of the body are the site's and left out. The
 * table's verdicts on the doc's pieces are saved as a signature; the
 * saved counts hold when the table gives the same verdicts now
 * (sl_cfx_count_saved looks the pieces up, which costs a fraction of
 * tokenizing), so a doc restored from its saved counts gets the same
 * features, to the last bit, as one counted again.
 *
 * Layout (integers little-endian, "v" a LEB128 varint): byte COUNTS_FORMAT,
 * u32 probe, u64 verdicts, u64 SimHash, v year, v number of terms; then
 * per term u32 term, byte flags (1 surface in the title, 2 has a head
 * term, 4 title count, 8 name count), v body count, [v title count],
 * [v name count], v surface offset, v surface length, [u32 head term];
 * last a u32 check (the low half of the hash of everything before it). */

/* Bump with any change to what counting makes of a doc (tokenizing,
 * stopwords, names, pieces, MAX_TEXT): counts saved before are counted
 * again. */
#define COUNTS_FORMAT 1

static uint32_t probe_value;
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

static void probe_init(void)
{
    /* inflected forms each stemmer reduces (and two that stay) */
    static const char *const words[][2] = {
        {"en", "connections"}, {"en", "generously"}, {"en", "relational"}, {"en", "hopping"},
        {"en", "universities"}, {"ru", "книгами"}, {"ru", "дорогами"}, {"ru", "написала"},
        {"ru", "красивейший"}, {"de", "häuser"}, {"fr", "nationales"}, {"es", "canciones"},
        {"it", "bellissimi"}, {"pt", "corações"}, {"uk", "книжками"}, {"xx", "words"}};
    uint64_t h = COUNTS_FORMAT * 0x9E3779B97F4A7C15ULL ^ MAX_TEXT ^ (uint64_t)BOILER_MIN_LINE << 20;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        h = (h ^ sl_term_of(words[i][0], words[i][1], strlen(words[i][1]))) * 0x100000001B3ULL;
    probe_value = (uint32_t)(h ^ h >> 32);
}

static uint32_t counts_probe(void)
{
    pthread_once(&probe_once, probe_init);
    return probe_value;
}

static void put_v(sl_buf *b, uint64_t v)
{
    unsigned char p[10];
    size_t n = 0;
    do {
        p[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        p[n++] |= v ? 0x80 : 0;
    } while (v);
    sl_buf_append(b, p, n);
}

void sl_cfcount_save(const sl_cfcount *c, sl_buf *out)
{
    size_t start = out->len;
    sl_buf_reserve(out, 32 + c->n * 12);
    sl_buf_putc(out, COUNTS_FORMAT);
    sl_buf_put_u32(out, counts_probe());
    sl_buf_put_u64(out, c->verdicts);
    sl_buf_put_u64(out, c->sim);
    put_v(out, c->year);
    put_v(out, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const acc *a = &c->a[i];
        unsigned flags = (a->intitle ? 1u : 0) | (a->head ? 2u : 0) | (a->tf_title ? 4u : 0) |
                         (a->tf_ent ? 8u : 0);
        sl_buf_put_u32(out, a->h);
        sl_buf_putc(out, (char)flags);
        put_v(out, a->tf_body);
        if (a->tf_title)
            put_v(out, a->tf_title);
        if (a->tf_ent)
            put_v(out, a->tf_ent);
        put_v(out, a->pos);
        put_v(out, a->len);
        if (a->head)
            sl_buf_put_u32(out, a->head);
    }
    sl_buf_put_u32(out, (uint32_t)sl_hash64(out->data + start, out->len - start));
}

/* Reading a saved form: varints bounded by end (fixed-size integers by
 * sl_rd_u32 and sl_rd_u64, the caller having checked the room). */
static const unsigned char *get_v_long(const unsigned char *p, const unsigned char *end,
                                       uint64_t *v)
{
    *v = 0;
    for (unsigned shift = 0; shift < 64 && p < end; shift += 7) {
        unsigned char c = *p++;
        *v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return p;
    }
    return NULL;
}

/* A varint at p (before end) into *v: the byte after it, or NULL if it
 * runs past end or is too long. */
static inline const unsigned char *get_v(const unsigned char *p, const unsigned char *end,
                                         uint64_t *v)
{
    if (p < end && *p < 0x80) { /* most are one byte */
        *v = *p;
        return p + 1;
    }
    return get_v_long(p, end, v);
}

/* The background count of term h (sl_idf_bg_df), through a small table
 * of the last terms asked for: most terms of an article are common ones,
 * asked for again and again, and the background table is too large for
 * the processor's caches. */
static uint32_t bg_count(sl_cfx *x, uint32_t h)
{
    if (!x->bgc)
        x->bgc = sl_xcalloc(BGC_SIZE, sizeof *x->bgc);
    uint64_t *e = &x->bgc[h & (BGC_SIZE - 1)];
    if ((uint32_t)(*e >> 32) == h) /* (h is never 0: an empty entry never matches) */
        return (uint32_t)*e;
    uint32_t df = sl_idf_bg_df(h);
    *e = (uint64_t)h << 32 | df;
    return df;
}

/* The counts of the saved form data[0..n) if it is whole, of this format
 * and probe, and was made under `verdicts`; else NULL. A surface must lie
 * in the doc's title or read body (tlen, blen bytes). */
static sl_cfcount *decode_counts(sl_cfx *x, const void *data, size_t n, uint64_t verdicts,
                                 size_t tlen, size_t blen)
{
    const unsigned char *p = data;
    if (n < 1 + 4 + 8 + 8 + 1 + 1 + 4)
        return NULL;
    const unsigned char *end = p + n - 4; /* (the check after it) */
    if (p[0] != COUNTS_FORMAT || sl_rd_u32(end) != (uint32_t)sl_hash64(p, n - 4) ||
        sl_rd_u32(p + 1) != counts_probe() || sl_rd_u64(p + 5) != verdicts)
        return NULL;
    uint64_t sim = sl_rd_u64(p + 13), year, nt;
    const unsigned char *q = get_v(p + 21, end, &year);
    if (q)
        q = get_v(q, end, &nt);
    /* a term takes 8 bytes at least */
    if (!q || year > UINT16_MAX || nt > (size_t)(end - q) / 8)
        return NULL;
    sl_cfcount *c = sl_xcalloc(1, sizeof *c);
    c->sim = sim;
    c->year = (uint16_t)year;
    c->verdicts = verdicts;
    c->a = sl_xmalloc((nt + 1) * sizeof *c->a);
    for (size_t i = 0; i < nt && q; i++) {
        if (end - q < 8) {
            q = NULL;
            break;
        }
        uint32_t h = sl_rd_u32(q), head = 0;
        unsigned flags = q[4];
        uint64_t tb, tt = 0, te = 0, pos, len;
        q = get_v(q + 5, end, &tb);
        if (q && (flags & 4))
            q = get_v(q, end, &tt);
        if (q && (flags & 8))
            q = get_v(q, end, &te);
        if (q)
            q = get_v(q, end, &pos);
        if (q)
            q = get_v(q, end, &len);
        if (q && (flags & 2)) {
            if (end - q < 4)
                q = NULL;
            else {
                head = sl_rd_u32(q);
                q += 4;
            }
        }
        size_t in = flags & 1 ? tlen : blen;
        if (!q || !h || flags > 15 || tb > UINT16_MAX || tt > UINT16_MAX || te > UINT16_MAX ||
            pos > in || len > in - pos || ((flags & 2) && !head)) {
            q = NULL;
            break;
        }
        c->a[c->n++] = (acc){.h = h,
                             .tf_body = (uint16_t)tb,
                             .tf_title = (uint16_t)tt,
                             .tf_ent = (uint16_t)te,
                             .pos = (uint32_t)pos,
                             .len = (uint16_t)len,
                             .intitle = (uint8_t)(flags & 1),
                             .head = head};
    }
    if (q != end) { /* (NULL: broken off) */
        sl_cfcount_free(c);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++) /* (the background counts are the table's) */
        c->a[i].bg_df = bg_count(x, c->a[i].h);
    return c;
}

sl_cfcount *sl_cfx_count_saved(sl_cfx *x, const sl_doc *d, const void *data, size_t n,
                               int remember)
{
    if (!data || !n)
        return NULL;
    const char *body = d->text ? d->text : "";
    size_t blen = body_len(body), tlen = d->title ? strlen(d->title) : 0;
    uint64_t site = d->site && d->site[0] ? sl_hash64(d->site, strlen(d->site)) : 0;
    if (!site)
        return decode_counts(x, data, n, 0, tlen, blen);
    /* the verdicts counting would give now, read without changing the
     * table; if they are the saved ones, the pieces are recorded as the
     * site's when counting would record them (under one hold of the lock) */
    size_t npieces = find_pieces(x, body, blen, site);
    uint32_t owner = piece_owner(d);
    pthread_mutex_lock(x->boiler_lock);
    boiler_room(x, remember); /* (as counting would: the same when it follows) */
    size_t seen_bytes = judge_pieces(x, npieces, owner, 0);
    sl_cfcount *c = decode_counts(x, data, n, verdicts_sig(x, npieces, seen_bytes * 2 > blen),
                                  tlen, blen);
    if (c && remember)
        judge_pieces(x, npieces, owner, 1);
    pthread_mutex_unlock(x->boiler_lock);
    return c;
}

/* Site frame words. A name or title word that a site puts in many of its
 * articles (its region, its own name, the words of its title templates)
 * says which site, not which event: two of its articles share it whatever
 * they report. Its weight in this site's articles falls with the share of
 * the site's articles that have it, from 1 at SITE_RARE to 0 at all of
 * them (a within-site inverse document frequency). A site's first
 * SITE_MIN articles are not judged; texts without a site never are. */
static uint64_t site_key(uint64_t site, uint32_t h)
{
    return (site ^ ((uint64_t)h * 0x9E3779B97F4A7C15ULL)) | 1;
}

static float site_factor_df(uint32_t df, uint32_t n)
{
    if (n < SITE_MIN)
        return 1.0f;
    double f = (double)df / n;
    if (f <= SITE_RARE)
        return 1.0f;
    return (float)(log(1.0 / f) / log(1.0 / SITE_RARE));
}

static float site_factor(const sl_cfx *x, uint64_t site, uint32_t n, uint32_t h)
{
    if (n < SITE_MIN)
        return 1.0f;
    const uint32_t *df = sl_u64map_get(&x->site_df, site_key(site, h));
    return site_factor_df(df ? *df : 0, n);
}

/* Halves every count of m, dropping those that reach 0. */
static void halve(sl_u64map *m)
{
    sl_u64map old = *m;
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i] && old.vals[i] / 2)
            *sl_u64map_put(m, old.keys[i], 0) = old.vals[i] / 2;
    sl_u64map_free(&old);
}

/* Counts the article's names and title words as its site's. The table is
 * bounded: when full, every count (the sites' article counts too) is
 * halved, which keeps the shares and forgets the names seen once or twice
 * (most of the table); a site's frame words, counted in many of its
 * articles, stay. While the table has room, weigh counts them itself as
 * it reads them. */
static void site_count(sl_cfx *x, uint64_t site, const acc *accs, size_t n)
{
    if (x->site_df.n >= SITE_MAX) {
        halve(&x->site_df);
        halve(&x->site_n);
    }
    (*sl_u64map_put(&x->site_n, site, 0))++;
    for (size_t i = 0; i < n; i++)
        if (accs[i].tf_ent || accs[i].tf_title)
            (*sl_u64map_put(&x->site_df, site_key(site, accs[i].h), 0))++;
}

/* The entity terms of en[0..ne) (at most SL_CF_ENT) that continue a name
 * whose head term is among them too, as a bit mask. */
static uint16_t name_mask(sl_cfx *x, const acc *accs, const sl_cterm *en, size_t ne)
{
    uint16_t m = 0;
    for (size_t i = 0; i < ne && i < 16; i++) {
        uint32_t head = accs[*amap_get(&x->seen, en[i].h)].head;
        for (size_t j = 0; head && j < ne; j++)
            if (en[j].h == head)
                m |= (uint16_t)(1u << i);
    }
    return m;
}

/* How many of the terms a shares with b continue a name: in a's mask am,
 * and in b's mask bm too unless b has none (a story's vector: bm_known
 * 0). Shared names are counted as shared terms less these. */
size_t sl_cterm_name_tails(const sl_cterm *a, size_t na, uint16_t am, const sl_cterm *b,
                           size_t nb, uint16_t bm, int bm_known)
{
    size_t n = 0, j = 0;
    for (size_t i = 0; i < na && i < 16 && j < nb; i++) {
        if (!(am >> i & 1))
            continue;
        while (j < nb && b[j].h < a[i].h)
            j++;
        if (j < nb && b[j].h == a[i].h && (!bm_known || (j < 16 && bm >> j & 1)))
            n++;
    }
    return n;
}

/* The weighing half: accs (x->seen maps their terms to indexes) to the
 * feature vectors. */
static void weigh(sl_cfx *x, const sl_doc *d, const acc *accs, size_t n, sl_idf *idf, int count,
                  sl_cfeat *out)
{
    const char *title = d->title ? d->title : "";
    const char *body = d->text ? d->text : "";
    if (x->capterms < 3 * n + 1) { /* scratch kept for the next article */
        free(x->terms);
        free(x->hs);
        free(x->idfw);
        x->capterms = 3 * n + 64;
        x->terms = sl_xmalloc(x->capterms * sizeof *x->terms);
        x->hs = sl_xmalloc(x->capterms * sizeof *x->hs);
        x->idfw = sl_xmalloc(x->capterms * sizeof *x->idfw);
    }
    uint64_t site = d->site && d->site[0] ? sl_hash64(d->site, strlen(d->site)) | 1 : 0;
    const uint32_t *sn = site ? sl_u64map_get(&x->site_n, site) : NULL;
    uint32_t nsite = sn ? *sn : 0;
    /* the site's counts are read and counted in one look-up per term,
     * unless the table is to be halved first (site_count); the slots of
     * the terms are fetched now, and are there when the IDF is done */
    int tally = site && count && x->site_df.n < SITE_MAX;
    int by_site = tally || nsite >= SITE_MIN;
    /* the IDF of each term (the doc counted first when count is set):
     * x->hs holds the terms, then their background counts; x->idfw the
     * weights */
    float *idfw = x->idfw;
    uint32_t *hs = x->hs, *bg = x->hs + n;
    for (size_t i = 0; i < n; i++) {
        hs[i] = accs[i].h;
        bg[i] = accs[i].bg_df;
        if (by_site && (accs[i].tf_ent || accs[i].tf_title))
            sl_u64map_prefetch(&x->site_df, site_key(site, accs[i].h), tally);
    }
    if (idf)
        sl_idf_weigh(idf, d->lang, count && n, hs, bg, n, idfw);
    sl_cterm *b = x->terms, *ti = b + n, *en = b + 2 * n;
    size_t nt = 0, ne = 0;
    if (tally)
        (*sl_u64map_put(&x->site_n, site, 0))++;
    for (size_t i = 0; i < n; i++) {
        const acc *a = &accs[i];
        float w = idf ? idfw[i] : 1.0f;
        if (tally && (a->tf_ent || a->tf_title)) {
            uint32_t *df = sl_u64map_put(&x->site_df, site_key(site, a->h), 0);
            w *= site_factor_df((*df)++, nsite);
        } else if (nsite >= SITE_MIN && (a->tf_ent || a->tf_title)) {
            w *= site_factor(x, site, nsite, a->h);
        }
        b[i].h = a->h;
        b[i].w = tfw(a->tf_body + a->tf_title) * w;
        if (a->tf_title)
            ti[nt++] = (sl_cterm){a->h, tfw(a->tf_title) * w};
        if (a->tf_ent)
            en[ne++] = (sl_cterm){a->h, (float)a->tf_ent * w};
    }
    if (site && count && !tally)
        site_count(x, site, accs, n);
    size_t kb = finish_part(b, n, SL_CF_BODY);
    nt = finish_part(ti, nt, SL_CF_TITLE);
    ne = finish_part(en, ne, SL_CF_ENT);
    out->ent_cont = name_mask(x, accs, en, ne);
    name_terms(x, accs, en, ne, b, kb, title, body);
    out->t = sl_xmalloc((kb + nt + ne + 1) * sizeof *out->t);
    memcpy(out->t, b, kb * sizeof *b);
    memcpy(out->t + kb, ti, nt * sizeof *b);
    memcpy(out->t + kb + nt, en, ne * sizeof *b);
    out->nb = (uint8_t)kb;
    out->nt = (uint8_t)nt;
    out->ne = (uint8_t)ne;
}

static void feat_head(const sl_doc *d, sl_cfeat *out)
{
    memset(out, 0, sizeof *out);
    out->when = d->pub_time;
    out->lang = d->lang && d->lang[0] ? (uint16_t)((unsigned char)d->lang[0] << 8 | (unsigned char)d->lang[1]) : 0;
}

void sl_cfx_doc_counted(sl_cfx *x, const sl_doc *d, const sl_cfcount *c, sl_idf *idf, int count,
                        sl_cfeat *out)
{
    feat_head(d, out);
    out->sim = c->sim;
    out->year = c->year;
    assert(x->seen.n == 0);
    for (size_t i = 0; i < c->n; i++)
        *amap_put(&x->seen, c->a[i].h, 0) = (uint32_t)i;
    weigh(x, d, c->a, c->n, idf, count, out);
    amap_clear(&x->seen);
}

void sl_cfx_doc(sl_cfx *x, const sl_doc *d, sl_idf *idf, int count, sl_cfeat *out)
{
    feat_head(d, out);
    count_doc(x, d, count, &out->sim, &out->year);
    weigh(x, d, x->accs, x->naccs, idf, count, out);
    amap_clear(&x->seen);
}

/* ---- title names ---------------------------------------------------------- */

int sl_cterm_has(const sl_cterm *t, size_t n, uint32_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo].h == h;
}

/* True when b mentions none of a's title names: a title term that a's
 * text also writes as a name (its entity vector). Title case says nothing
 * of names, the body's capitals do. */
static int names_missing(const sl_cfeat *a, const sl_cfeat *b)
{
    const sl_cterm *ta = sl_cf_title(a), *ea = sl_cf_ent(a);
    for (size_t i = 0; i < a->nt; i++) {
        uint32_t h = ta[i].h;
        if (!sl_cterm_has(ea, a->ne, h))
            continue;
        if (!sl_cterm_has(sl_cf_title(b), b->nt, h) && !sl_cterm_has(sl_cf_ent(b), b->ne, h) &&
            !sl_cterm_has(sl_cf_body(b), b->nb, h))
            return 1;
    }
    return 0;
}

/* How it works: the title says which event; its names say whose. Two
 * reports of one event name the same people, places and companies, or at
 * least each mentions the other's names somewhere. A title built from a
 * template ("<Company> posts Q2 results", "<Team> beat <Team>") shares its
 * frame words with the next one of the series, and the names, which are
 * the event's identity, differ: a name of each title that the other
 * article never mentions. Titles in different languages are not compared
 * (their stems do not meet). */
int sl_cf_title_names_differ(const sl_cfeat *a, const sl_cfeat *b)
{
    if (!a->nt || !b->nt || !a->ne || !b->ne || (a->lang && b->lang && a->lang != b->lang))
        return 0;
    return names_missing(a, b) && names_missing(b, a);
}

/* ---- dot products -------------------------------------------------------- */

/* How it works: a merge of the two lists by hash. Most pairs of lists
 * share a few terms of their 40 to 64, so most steps only move on; with
 * SSE2 the merge first compares blocks of four hashes of each list (all
 * sixteen pairs at once) and skips the block with the smaller last hash
 * when no pair is equal: none of its terms can meet a later one of the
 * other list. A block with an equal pair is merged term by term. Shared
 * terms are summed in hash order either way, so the sum is the same to
 * the last bit. */
#ifdef __SSE2__
#include <emmintrin.h>

/* The hashes of t[0..4) as four 32-bit lanes. */
static inline __m128i hashes4(const sl_cterm *t)
{
    __m128 lo = _mm_loadu_ps((const float *)t), hi = _mm_loadu_ps((const float *)(t + 2));
    return _mm_castps_si128(_mm_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0)));
}

/* True when a hash of a[0..4) equals one of b[0..4). */
static inline int any_equal4(const sl_cterm *a, const sl_cterm *b)
{
    __m128i x = hashes4(a), y = hashes4(b);
    __m128i e = _mm_cmpeq_epi32(x, y);
    e = _mm_or_si128(e, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(0, 3, 2, 1))));
    e = _mm_or_si128(e, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(1, 0, 3, 2))));
    e = _mm_or_si128(e, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(2, 1, 0, 3))));
    return _mm_movemask_epi8(e) != 0;
}
#endif

/* One step of the merge of two hash-sorted term lists: a shared term adds
 * its product to *s and counts in *n; the smaller hash (both, if equal)
 * moves on, without a branch. */
static inline void merge_step(const sl_cterm *a, const sl_cterm *b, size_t *i, size_t *j,
                              double *s, size_t *n)
{
    uint32_t x = a[*i].h, y = b[*j].h;
    if (x == y) {
        *s += (double)a[*i].w * b[*j].w;
        (*n)++;
    }
    *i += x <= y;
    *j += y <= x;
}

double sl_cterm_dot_n(const sl_cterm *a, size_t na, const sl_cterm *b, size_t nb,
                      size_t *shared)
{
    double s = 0;
    size_t i = 0, j = 0, n = 0;
#ifdef __SSE2__
    while (i + 4 <= na && j + 4 <= nb) {
        if (!any_equal4(a + i, b + j)) {
            if (a[i + 3].h < b[j + 3].h)
                i += 4;
            else
                j += 4;
            continue;
        }
        /* term by term until one of the two blocks is passed */
        for (size_t ie = i + 4, je = j + 4; i < ie && j < je;)
            merge_step(a, b, &i, &j, &s, &n);
    }
#endif
    while (i < na && j < nb)
        merge_step(a, b, &i, &j, &s, &n);
    if (shared)
        *shared = n;
    return s;
}

double sl_cterm_dot(const sl_cterm *a, size_t na, const sl_cterm *b, size_t nb)
{
    return sl_cterm_dot_n(a, na, b, nb, NULL);
}

/* ---- prepared queries ---------------------------------------------------- */

/* How it works: the query's terms sit in a table of 512 slots, at most a
 * quarter full, placed by the low bits of their hash (a hash already) with
 * linear probing; a term of the other list that the query lacks mostly
 * finds its slot empty at the first probe. The other list is read in
 * order, so shared terms add up in hash order as in the merge. A term of
 * hash 0 (no term) or a list too long goes to the merge instead. */
void sl_ctq_set(sl_ctq *q, const sl_cterm *t, size_t n)
{
    const size_t mask = ((size_t)1 << SL_CTQ_BITS) - 1;
    for (size_t i = 0; i < q->nused; i++) /* the previous list goes */
        q->slot[q->used[i]].h = 0;
    q->nused = 0;
    q->t = t;
    q->n = n;
    q->table = n <= SL_CTQ_MAX;
    for (size_t i = 0; i < n && q->table; i++)
        q->table = t[i].h != 0;
    if (!q->table)
        return;
    for (size_t i = 0; i < n; i++) {
        size_t k = t[i].h & mask;
        while (q->slot[k].h)
            k = (k + 1) & mask;
        q->slot[k] = t[i];
        q->used[q->nused++] = (uint16_t)k;
    }
}

double sl_ctq_dot_n(const sl_ctq *q, const sl_cterm *b, size_t nb, size_t *shared)
{
    if (!q->table)
        return sl_cterm_dot_n(q->t, q->n, b, nb, shared);
    const size_t mask = ((size_t)1 << SL_CTQ_BITS) - 1;
    double s = 0;
    size_t n = 0;
    for (size_t j = 0; j < nb; j++) {
        uint32_t h = b[j].h;
        for (size_t k = h & mask; q->slot[k].h; k = (k + 1) & mask)
            if (q->slot[k].h == h) {
                s += (double)q->slot[k].w * b[j].w;
                n++;
                break;
            }
    }
    if (shared)
        *shared = n;
    return s;
}
