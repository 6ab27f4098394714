/*
 * html: main-text and metadata extraction from HTML news and blog pages.
 *
 * The page is converted to UTF-8 (charset.c), parsed with libxml2's HTML
 * parser (its plain text runs and attribute values stood in for by marks
 * that the callbacks put back: html_runs.h), and walked once to gather
 * per-element statistics and the page's metadata (html_meta.c). The
 * article body is then found by scoring the elements and printed as
 * paragraphs. libxml2's memory for the page comes from a page arena,
 * released at once (see "memory for libxml2").
 *
 * How it works (in the spirit of Readability, with jusText/trafilatura-like
 * clean-up):
 *  1. One post-order walk records for every element its visible text length,
 *     the part of it inside links, commas, and counts of paragraphs, images,
 *     list items and inputs below it. Elements that never hold article text
 *     (script, style, nav, forms controls, hidden elements, figure captions)
 *     are marked dead. class/id/role hints give each element a weight
 *     (article/content/post/entry/story... up; comment/share/related/
 *     footer/sidebar/promo/nav... down); strongly negative ones are
 *     "unlikely" and dropped unless they hold most of the page's text.
 *  2. Every paragraph-like element (p, pre, td or div without block
 *     children) with at least 25 characters scores 1 + commas + up to 3 for
 *     its length; the score flows to its ancestors (parent in full,
 *     grandparent half, further ones a third per level). An ancestor starts
 *     from a tag prior plus its class weight; its final score is scaled by
 *     (1 - link density).
 *  3. The best candidate is moved up when several close runners-up share an
 *     ancestor, or when its parent scores higher; then its siblings whose
 *     scores are near it (or that are good paragraphs themselves) join it.
 *  4. The chosen elements are printed: blocks become paragraphs, headings
 *     their own paragraphs (an <h1> before any text is the page title and is
 *     left out), and sub-blocks that look like boilerplate (link lists,
 *     image galleries, forms, negative class weight) are skipped. As they
 *     print, paragraphs that are all link text go when short ("Read
 *     more") or when three or more come in a row, each a paragraph of its
 *     own (a "More news" list between the article's images), with the
 *     short line heading them (end_para). So does a paragraph of three
 *     links or more (tags, a footer), and three or more that end a
 *     paragraph with nothing but separators between them ("Related
 *     topics" and other headlines after the last sentence).
 *  5. When the result is short, the steps run again with fewer filters (no
 *     "unlikely" removal, then no class weights, then no conditional
 *     clean-up) and the longest result is kept.
 *
 * Limits (bounded time and memory on hostile input): pages beyond
 * SL_HTML_MAX_BYTES are cut to that size; libxml2 stops building the tree
 * 256 elements deep (deeper content is dropped, parsing stays linear); our
 * walks stop at MAX_DEPTH as a second guard and track at most MAX_NODES
 * elements. Every pass is linear in the number of nodes.
 */
#include "html.h"
#include "charset.h"
#include "extract.h"
#include "html_meta.h"
#include "html_runs.h"
#include "html_text.h"
#include "storyline.h"
#include "util.h"

#include <assert.h>
#include <ctype.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SL_HTML_MAX_BYTES (32u << 20) /* bytes of a page that are parsed */
#define MAX_DEPTH 1000                /* our own walk depth guard */
#define TAG_CACHE 256 /* power of two */
#define HINT_MEMO 512 /* power of two */
#define MAX_NODES 2000000u            /* elements tracked per page */
#define DEEP_RATIO 1.5f /* see pick_top */
#define KEEP_TEXT 400 /* see mark_dead */
#define LINK_ONLY_WORDS 10 /* see end_para */
#define LINK_LIST_MIN 3    /* see end_para */
#define LEAD_WORDS 5       /* see end_para */
#define CHAR_THRESHOLD 500            /* shorter results trigger a retry */

/* ---- tags ------------------------------------------------------------- */

typedef enum kind {
    K_INLINE = 0, /* text flows through */
    K_BLOCK,      /* starts and ends a paragraph */
    K_PARA,       /* p, pre: a scored paragraph */
    K_HEADING,    /* h1-h6 */
    K_LIST,       /* ul, ol, dl */
    K_ITEM,       /* li, dt, dd */
    K_CELL,       /* td, th */
    K_ROW,        /* tr */
    K_BR,         /* br */
    K_SKIP,       /* never article text */
    K_CONTROL,    /* button, label: no article text, but unclosed ones
                   * in broken markup can swallow the page (treated as
                   * hidden, see mark_dead) */
    K_BOXED       /* boilerplate box (nav, aside, footer): a block that is
                   * dropped unless broken markup put most of the page in it */
} kind;

/* What some tags are, as bits (saves string compares in the walks). */
enum {
    B_P = 1, B_IMG = 2, B_LI = 4, B_INPUT = 8, B_EMBED = 16,
    B_ROOT = 32,       /* html, body */
    B_A = 64, B_H1 = 128, B_FIGURE = 256,
    B_PARAISH = 512,   /* blocks that are a paragraph when they hold no block */
    B_KEEP = 1024,     /* never dropped for their class */
    B_META = 2048,     /* may carry metadata */
    B_SCRIPT = 4096,
    B_DESCEND = 8192,  /* skipped, but walked for metadata (head, noscript) */
    B_ASIDE = 16384
};

typedef struct tag {
    const char *name;
    kind k;
    signed char prior; /* Readability-like initial score */
    uint16_t bits;
} tag;

/* Sorted by name. */
static const tag tags[] = {
    {"a", K_INLINE, 0, B_A | B_KEEP},
    {"address", K_BLOCK, -3, 0},
    {"applet", K_SKIP, 0, 0},
    {"area", K_SKIP, 0, 0},
    {"article", K_BLOCK, 5, B_PARAISH | B_KEEP},
    {"aside", K_BOXED, 0, B_ASIDE},
    {"audio", K_SKIP, 0, 0},
    {"blockquote", K_BLOCK, 3, B_PARAISH},
    {"body", K_BLOCK, 0, B_ROOT | B_KEEP},
    {"br", K_BR, 0, 0},
    {"button", K_CONTROL, 0, B_INPUT},
    {"canvas", K_SKIP, 0, 0},
    {"center", K_BLOCK, 0, B_PARAISH},
    {"dd", K_ITEM, -3, 0},
    {"details", K_BLOCK, 0, 0},
    {"dialog", K_BOXED, 0, 0},
    {"div", K_BLOCK, 5, B_PARAISH},
    {"dl", K_LIST, -3, 0},
    {"dt", K_ITEM, -3, 0},
    {"embed", K_SKIP, 0, B_EMBED},
    {"fieldset", K_BLOCK, -3, 0},
    {"figcaption", K_SKIP, 0, 0},
    {"figure", K_BLOCK, 0, B_FIGURE},
    {"footer", K_BOXED, 0, 0},
    {"form", K_BLOCK, -3, 0},
    {"h1", K_HEADING, -5, B_H1},
    {"h2", K_HEADING, -5, 0},
    {"h3", K_HEADING, -5, 0},
    {"h4", K_HEADING, -5, 0},
    {"h5", K_HEADING, -5, 0},
    {"h6", K_HEADING, -5, 0},
    {"head", K_SKIP, 0, B_DESCEND},
    {"header", K_BLOCK, -3, 0},
    {"hr", K_BLOCK, 0, 0},
    {"html", K_BLOCK, 0, B_ROOT | B_KEEP | B_META},
    {"iframe", K_SKIP, 0, B_EMBED},
    {"img", K_INLINE, 0, B_IMG},
    {"input", K_SKIP, 0, B_INPUT},
    {"label", K_CONTROL, 0, 0},
    {"li", K_ITEM, -3, B_LI},
    {"link", K_SKIP, 0, B_META},
    {"main", K_BLOCK, 5, B_PARAISH | B_KEEP},
    {"map", K_SKIP, 0, 0},
    {"math", K_SKIP, 0, 0},
    {"menu", K_BOXED, 0, 0},
    {"meta", K_SKIP, 0, B_META},
    {"nav", K_BOXED, 0, 0},
    {"noscript", K_SKIP, 0, B_DESCEND},
    {"object", K_SKIP, 0, B_EMBED},
    {"ol", K_LIST, -3, 0},
    {"option", K_SKIP, 0, 0},
    {"p", K_PARA, 0, B_P},
    {"picture", K_SKIP, 0, 0},
    {"pre", K_PARA, 3, 0},
    {"script", K_SKIP, 0, B_SCRIPT},
    {"section", K_BLOCK, 0, B_PARAISH},
    {"select", K_SKIP, 0, B_INPUT},
    {"style", K_SKIP, 0, 0},
    {"summary", K_BLOCK, 0, 0},
    {"svg", K_SKIP, 0, 0},
    {"table", K_BLOCK, 0, 0},
    {"tbody", K_BLOCK, 0, 0},
    {"td", K_CELL, 3, 0},
    {"template", K_SKIP, 0, 0},
    {"textarea", K_SKIP, 0, B_INPUT},
    {"tfoot", K_BLOCK, 0, 0},
    {"th", K_CELL, -5, 0},
    {"thead", K_BLOCK, 0, 0},
    {"time", K_INLINE, 0, B_META},
    {"title", K_SKIP, 0, B_META},
    {"tr", K_ROW, 0, 0},
    {"ul", K_LIST, -3, 0},
    {"video", K_SKIP, 0, 0},
};

/* The tags by name (util's hash set), built once with the word sets
 * below. */
static sl_wordset tag_set;

static void tag_index(void) { sl_wordset_build(&tag_set, tags, sizeof tags / sizeof *tags, sizeof *tags); }

static const tag *tag_find(const char *name)
{
    long i = sl_wordset_find(&tag_set, name, strlen(name));
    return i < 0 ? NULL : &tags[i];
}

/* ---- class/id hints --------------------------------------------------- */

/* Substrings of class/id that mark boilerplate. "Strong" ones make an
 * element unlikely even when a positive word is also present (a
 * "comment-content" is still a comment). */
static const char *const neg_strong[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend",
    "sidebar", "newsletter", "subscri", "cookie", "consent", "gdpr", "breadcrumb",
    "outbrain", "taboola", "promo", "sponsor", "advert", "popup", "modal",
    "signup", "sign-up", "login", "paywall", "caption", "navbar", "navigation",
    "menu", "masthead", "more-stories", "trending", "popular", "pagination",
    "pager", "byline", "author-bio", "newsletter", "widget", "skip-link",
    "sr-only", "visually-hidden", "screen-reader", "toolbar", "tag-list", "taglist",
    "post-meta", "entry-meta", "article-meta", "dateline", "timestamp", "rating",
    "footer", "copyright", "banner", "print-only", "read-next", "readmore", "read-more",
    NULL};
static const char *const neg_weak[] = {
    "foot", "meta", "tags", "tool", "media", "hidden", "scroll", "contact", "extra",
    "combx", "shoutbox", "skyscraper", "shopping", "author", "date", "credit", "header",
    "aside", "supplement", NULL};
/* Whole tokens only (split at space, '-', '_'), as they are short. */
static const char *const neg_tokens[] = {"ad", "ads", "nav", "hide", "rss", "share",
                                         "tags", "bio", "cta", "top", NULL};
static const char *const pos_words[] = {"article", "content", "entry", "post", "story",
                                        "body", "text", "main", "blog", "prose", "hentry",
                                        "richtext", "rich-text", NULL};

/* The three word lists in one table indexed by a hash of a word's first
 * two bytes, so that a class string is searched for all of them in one
 * pass, with one table look-up per position (most buckets are empty).
 * Built once (pthread_once) from the NULL-terminated lists above. */
enum { W_NEG_STRONG = 1, W_NEG_WEAK = 2, W_POS = 4 };
#define PAIR_SLOTS 512 /* power of two */
#define MAX_WORDS 128
static struct {
    uint16_t start[PAIR_SLOTS + 1]; /* words of bucket b: at[start[b] .. start[b+1]) */
    uint8_t at[MAX_WORDS];          /* index into word/len/kind */
    const char *word[MAX_WORDS];
    uint8_t len[MAX_WORDS], kind[MAX_WORDS];
    int n;
} ws;
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;

static size_t pair_hash(const char *p)
{
    return ((unsigned char)p[0] * 31u + (unsigned char)p[1]) & (PAIR_SLOTS - 1);
}

static void ws_add(const char *const *words, uint8_t kind)
{
    for (int i = 0; words[i] && ws.n < MAX_WORDS; i++, ws.n++) {
        ws.word[ws.n] = words[i];
        ws.len[ws.n] = (uint8_t)strlen(words[i]);
        ws.kind[ws.n] = kind;
        assert(ws.len[ws.n] >= 2); /* see pair_hash */
    }
}

static void xa_install(void);

static void ws_init(void)
{
    xa_install();
    tag_index();
    ws_add(neg_strong, W_NEG_STRONG);
    ws_add(neg_weak, W_NEG_WEAK);
    ws_add(pos_words, W_POS);
    uint16_t count[PAIR_SLOTS] = {0};
    for (int i = 0; i < ws.n; i++)
        count[pair_hash(ws.word[i])]++;
    for (size_t b = 0; b < PAIR_SLOTS; b++)
        ws.start[b + 1] = (uint16_t)(ws.start[b] + count[b]);
    for (int i = 0; i < ws.n; i++) {
        size_t b = pair_hash(ws.word[i]);
        ws.at[ws.start[b] + --count[b]] = (uint8_t)i;
    }
}

/* The kinds (W_*) of the listed words that occur in s. */
static unsigned word_kinds(const char *s)
{
    unsigned found = 0;
    for (const char *p = s; p[0] && p[1]; p++) {
        size_t b = pair_hash(p);
        for (unsigned k = ws.start[b]; k < ws.start[b + 1]; k++) {
            int i = ws.at[k];
            if (!(found & ws.kind[i]) && !strncmp(p, ws.word[i], ws.len[i]))
                found |= ws.kind[i];
        }
    }
    return found;
}

/* Class names that hide an element (whole space-separated names). */
static bool hiding_class(const char *cls)
{
    static const char *const names[] = {"invisible", "d-none", "visually-hidden", "sr-only",
                                        "screen-reader-text", "display-none", NULL};
    const char *p = cls;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        for (int i = 0; names[i]; i++)
            if (strlen(names[i]) == n && !strncasecmp(p, names[i], n))
                return true;
        p += n;
    }
    return false;
}

static bool has_token(const char *s, const char *const *words)
{
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, " -_");
        for (int i = 0; words[i]; i++)
            if (strlen(words[i]) == n && !strncmp(p, words[i], n))
                return true;
        p += n;
        while (*p == ' ' || *p == '-' || *p == '_')
            p++;
    }
    return false;
}

/* ---- per-element statistics ------------------------------------------- */

enum {
    F_DEAD = 1,       /* this element never holds article text */
    F_NEG_STRONG = 2, /* strongly negative class/id */
    F_POS = 4,        /* positive class/id */
    F_BLOCKS = 8,     /* has block-level descendants */
    F_SCORED = 16,    /* took part in scoring */
    F_COMMENTISH = 32, /* negative hint that is about comments */
    F_HIDDEN = 64,     /* hidden by style or attribute */
    F_BOX = 128        /* nav, aside, footer... */
};

typedef struct ninfo {
    xmlNode *node;
    uint32_t parent; /* index of parent element, UINT32_MAX for root */
    uint32_t text;   /* visible characters below (whitespace runs count 1) */
    uint32_t link;   /* of which inside <a> */
    uint32_t commas;
    uint32_t own, own_commas; /* text and commas outside block children */
    uint16_t np, nimg, nli, ninput, nhead, nembed;
    float score;
    float deep; /* sum of paragraph scores anywhere below */
    uint16_t bits; /* B_* of its tag */
    int16_t weight; /* class/id weight */
    uint8_t flags;
    uint8_t kind;
    int8_t prior;
} ninfo;

typedef struct hint_memo {
    uint64_t key; /* hash of the class/id string, 0 if free */
    uint8_t flags;
    int16_t weight;
} hint_memo;

typedef struct ctx {
    ninfo *n;
    uint32_t nn, cap;
    sl_hmeta meta;
    /* per-attempt state */
    bool strip_unlikely, use_weights, clean_cond;
    uint8_t *dead;    /* effective dead flag per element for this attempt */
    uint32_t body_text;
    /* what the last attempt's filters did; a looser attempt that could
     * not differ is skipped */
    uint32_t stripped, cleaned;
    bool any_weight;
    uint32_t gen; /* this page's tag_cache generation */
    sl_hruns runs;   /* the page's marked text runs (html_runs.h) */
    bool mark_astray; /* a mark was seen where libxml2 should not put one */
} ctx;

/* Tag lookups by name pointer: libxml2 interns names in the document's
 * dictionary, so a page has few distinct pointers. A pointer means a name
 * only within one page: an entry counts when its generation is the
 * page's, so a new page needs no clearing (per thread, like the parse). */
static _Thread_local struct {
    uint32_t gen[TAG_CACHE];
    const void *key[TAG_CACHE];
    const tag *val[TAG_CACHE];
} tcache;
static _Thread_local uint32_t tcache_gen;

/* Class/id verdicts by the hash of the class and id text: they depend on
 * that text alone, so they stay valid from page to page (per thread). */
static _Thread_local hint_memo hmemo[HINT_MEMO];

/* A generation for a new page's tag look-ups. */
static uint32_t tcache_next(void)
{
    if (++tcache_gen == 0) { /* wrapped: forget every entry */
        memset(&tcache, 0, sizeof tcache);
        tcache_gen = 1;
    }
    return tcache_gen;
}

/* Tag of a name, through the per-page cache (a miss or a full cache
 * falls back to the hash set). */
static const tag *tag_of(ctx *c, const xmlChar *name)
{
    /* a multiplicative hash: the dictionary packs a page's names a few
     * bytes apart, which the low bits alone would crowd into a few
     * neighbouring slots (and past the eight probes) */
    size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 32) & (TAG_CACHE - 1);
    for (size_t k = 0; k < 8; k++, h = (h + 1) & (TAG_CACHE - 1)) {
        if (tcache.gen[h] != c->gen) {
            tcache.gen[h] = c->gen;
            tcache.key[h] = name;
            return tcache.val[h] = tag_find((const char *)name);
        }
        if (tcache.key[h] == name)
            return tcache.val[h];
    }
    return tag_find((const char *)name);
}

static inline uint32_t idx_of(const xmlNode *x)
{
    return (uint32_t)(uintptr_t)x->_private - 1; /* 0 means untracked */
}

static inline bool tracked(const xmlNode *x)
{
    return x->type == XML_ELEMENT_NODE && x->_private != NULL;
}

/* ---- eight bytes at a time -----------------------------------------------
 * Text nodes are mostly runs of letters; the loops below take eight bytes
 * at once while none of them needs a decision (a whitespace or control
 * byte, a comma, a lead byte of a three- or four-byte sequence, the 0xC2
 * of a no-break space), and fall back to one byte at a time otherwise. */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Eight bytes of text, the first in the low byte. */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* byte i of the text is byte i of w */
#endif
    return w;
}

/* Number of bytes of m with their high bit set (m has no other bits): a
 * multiply instead of popcount, which without -mpopcnt is a library call. */
static inline uint32_t count_highs(uint64_t m)
{
    return (uint32_t)(((m >> 7) * ONES) >> 56);
}

/* Nonzero when some byte of w is below n (n <= 128). */
static inline uint64_t any_below(uint64_t w, unsigned n)
{
    return (w - ONES * n) & ~w & HIGHS;
}

/* Nonzero when some byte of w equals b. */
static inline uint64_t any_equal(uint64_t w, unsigned b)
{
    return any_below(w ^ (ONES * b), 1);
}

/* The high bit of every byte of w that is below n (1 <= n <= 128), and of
 * no other: exact per byte, unlike any_below. */
static inline uint64_t bytes_below(uint64_t w, unsigned n)
{
    return ~(((w & ~HIGHS) + ONES * (0x80 - n)) | w) & HIGHS;
}

static inline uint64_t bytes_equal(uint64_t w, unsigned b)
{
    return bytes_below(w ^ (ONES * b), 1);
}

/* Bits set in each byte value (popcount is a library call without
 * -mpopcnt; two look-ups in this table are fewer steps than bit
 * arithmetic). */
#define P2(n) n, n + 1, n + 1, n + 2
#define P4(n) P2(n), P2(n + 1), P2(n + 1), P2(n + 2)
#define P6(n) P4(n), P4(n + 1), P4(n + 1), P4(n + 2)
static const uint8_t bits_in[256] = {P6(0), P6(1), P6(1), P6(2)};
#undef P2
#undef P4
#undef P6

/* Bits set in the low sixteen of m. */
static inline uint32_t pop16(unsigned m)
{
    return (uint32_t)bits_in[m & 0xFFu] + bits_in[(m >> 8) & 0xFFu];
}

/* Counts visible characters of a text node: code points that are not
 * whitespace, plus one per whitespace run between them; and commas. */
static void count_text(const char *s, uint32_t *chars, uint32_t *commas)
{
    uint32_t c = 0, k = 0;
    bool sp = false;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
#ifdef __SSE2__
        /* sixteen bytes at a time, the same steps as the eight-byte loop
         * below on bit masks (commas counted here too, and characters of
         * three and four bytes: their lead is the one byte that counts,
         * the ideographic commas are found by their three bytes) */
        if (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned ctrl = (unsigned)_mm_movemask_epi8(sl_sse_in_range(v, 0, 0x1F));
            unsigned space = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
            if (ctrl)
                space |= (unsigned)_mm_movemask_epi8(
                    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\f')))));
            __m128i top3 = _mm_and_si128(v, _mm_set1_epi8((char)0xE0));
            unsigned lead34 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(top3, _mm_set1_epi8((char)0xE0)));
            if (!(ctrl & ~space) && (!lead34 || end - p >= 18)) {
                __m128i top2 = _mm_and_si128(v, _mm_set1_epi8((char)0xC0));
                unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(top2, _mm_set1_epi8((char)0x80)));
                unsigned comma = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
                if (lead34) { /* ， (EF BC 8C) and 、 (E3 80 81) */
                    __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
                    __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
                    __m128i fw = _mm_and_si128(
                        _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)),
                                      _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0xBC))),
                        _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x8C)));
                    __m128i id = _mm_and_si128(
                        _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3)),
                                      _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x80))),
                        _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x81)));
                    comma |= (unsigned)_mm_movemask_epi8(_mm_or_si128(fw, id));
                }
                unsigned first = ~space & ~cont & 0xFFFFu;
                unsigned after = first & ((space << 1) | (sp ? 1u : 0u));
                uint32_t n = pop16(first), runs = pop16(after);
                if (!c && (after & first & (0u - first)))
                    runs--;
                c += n + runs;
                k += pop16(comma);
                if (space & 0x8000u)
                    sp = true;
                else if (first)
                    sp = false;
                p += 16;
                continue;
            }
        }
#endif
        if (end - p >= 8) {
            uint64_t w = load8(p);
            uint64_t space = bytes_equal(w, ' '), ctrl = bytes_below(w, 0x20);
            if (ctrl) /* rare in text nodes: only then look for the other spaces */
                space |= bytes_equal(w, '\n') | bytes_equal(w, '\t') | bytes_equal(w, '\r') |
                         bytes_equal(w, '\f');
            /* other control bytes, commas and lead bytes of three- and
             * four-byte sequences (ideographic commas) take the slow way */
            if (!((ctrl & ~space) | any_equal(w, ',') | (w & (w << 1) & (w << 2) & HIGHS))) {
                /* first bytes of characters: not a space, not 10xxxxxx */
                uint64_t first = ~space & ~(w & ~(w << 1)) & HIGHS;
                /* characters right after a space (the first byte's space is
                 * the one before this chunk) */
                uint64_t after = first & ((space << 8) | (sp ? 0x80u : 0u));
                uint32_t n = count_highs(first);
                uint32_t runs = count_highs(after);
                /* a run before the node's first character does not count */
                if (!c && (after & first & -first))
                    runs--;
                c += n + runs;
                if (space & (0x80ull << 56))
                    sp = true;
                else if (first)
                    sp = false;
                p += 8;
                continue;
            }
        }
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
            sp = true;
            p++;
            continue;
        }
        if ((*p & 0xC0) == 0x80) {
            p++;
            continue;
        }
        if (sp && c)
            c++;
        sp = false;
        c++;
        if (*p == ',' || (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C) || /* ， */
            (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x81))                /* 、 */
            k++;
        p++;
    }
    *chars += c;
    *commas += k;
}

static inline uint16_t sat16(uint32_t v)
{
    return v > 65535 ? 65535 : (uint16_t)v;
}

/* Attribute value as a string borrowed from the tree (NULL if absent). */
static const char *attr_text(xmlAttr *a)
{
    return a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content
                                                               : NULL;
}

enum { A_OTHER, A_CLASS, A_ID, A_STYLE, A_HIDDEN, A_ARIA_HIDDEN, A_ROLE, A_ITEMPROP, A_REL };

/* Which of the attributes read_attrs cares about name is (one string
 * compare, chosen by the first letter). */
static int attr_kind(const char *name)
{
    switch (name[0]) {
    case 'c': return strcmp(name, "class") ? A_OTHER : A_CLASS;
    case 'i':
        return !strcmp(name, "id") ? A_ID : !strcmp(name, "itemprop") ? A_ITEMPROP : A_OTHER;
    case 's': return strcmp(name, "style") ? A_OTHER : A_STYLE;
    case 'h': return strcmp(name, "hidden") ? A_OTHER : A_HIDDEN;
    case 'a': return strcmp(name, "aria-hidden") ? A_OTHER : A_ARIA_HIDDEN;
    case 'r': return !strcmp(name, "role") ? A_ROLE : !strcmp(name, "rel") ? A_REL : A_OTHER;
    default: return A_OTHER;
    }
}

/* Reads the attributes of element x that matter; fills hints in info. */
static void read_attrs(ctx *c, xmlNode *x, ninfo *in, bool *meta_worthy)
{
    char hint[320];
    size_t hl = 0;
    for (xmlAttr *a = x->properties; a; a = a->next) {
        int kind = attr_kind((const char *)a->name);
        const char *v;
        if (kind == A_OTHER || !(v = attr_text(a)))
            continue;
        switch (kind) {
        case A_CLASS:
            if (hiding_class(v))
                in->flags |= F_HIDDEN;
            /* fall through */
        case A_ID:
            for (const char *p = v; *p && hl + 2 < sizeof hint; p++)
                hint[hl++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
            if (hl + 1 < sizeof hint)
                hint[hl++] = ' ';
            break;
        case A_STYLE:
            if (sl_strcasestr(v, "display:none") || sl_strcasestr(v, "display: none") ||
                sl_strcasestr(v, "visibility:hidden"))
                in->flags |= F_HIDDEN;
            break;
        case A_HIDDEN: in->flags |= F_HIDDEN; break;
        case A_ARIA_HIDDEN:
            if (!strcmp(v, "true"))
                in->flags |= F_HIDDEN;
            break;
        case A_ROLE:
            if (!strcmp(v, "navigation") || !strcmp(v, "banner") || !strcmp(v, "contentinfo") ||
                !strcmp(v, "complementary") || !strcmp(v, "dialog") || !strcmp(v, "menu") ||
                !strcmp(v, "menubar") || !strcmp(v, "search") || !strcmp(v, "alert"))
                in->flags |= F_NEG_STRONG;
            else if (!strcmp(v, "main") || !strcmp(v, "article"))
                in->flags |= F_POS;
            break;
        case A_ITEMPROP:
            *meta_worthy = true;
            if (!strcmp(v, "articleBody"))
                in->flags |= F_POS;
            break;
        case A_REL:
            if (!strcmp(v, "author"))
                *meta_worthy = true;
            break;
        default: break;
        }
    }
    hint[hl] = 0;
    if (!hl)
        return;
    /* many elements share a class string: judge each string once */
    uint64_t h = sl_hash64(hint, hl) | 1;
    hint_memo *m = &hmemo[h & (HINT_MEMO - 1)];
    if (m->key != h) {
        m->key = h;
        m->flags = 0;
        int w = 0;
        unsigned kinds = word_kinds(hint);
        if ((kinds & W_NEG_STRONG) || has_token(hint, neg_tokens)) {
            m->flags |= F_NEG_STRONG;
            if (strstr(hint, "comment") || strstr(hint, "disqus") || strstr(hint, "repl"))
                m->flags |= F_COMMENTISH;
            w -= 25;
        } else if (kinds & W_NEG_WEAK) {
            w -= 25;
        }
        if (kinds & W_POS) {
            m->flags |= F_POS;
            w += 25;
        }
        m->weight = (int16_t)w;
    }
    in->flags |= m->flags;
    in->weight = m->weight;
    if (m->weight)
        c->any_weight = true;
}

static uint32_t new_info(ctx *c, xmlNode *x, uint32_t parent)
{
    if (c->nn == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->n = sl_xrealloc(c->n, c->cap * sizeof *c->n);
    }
    uint32_t i = c->nn++;
    memset(&c->n[i], 0, sizeof c->n[i]);
    c->n[i].node = x;
    c->n[i].parent = parent;
    x->_private = (void *)(uintptr_t)(i + 1);
    return i;
}

/* Post-order statistics of element x (and metadata on the way). */
static void collect(ctx *c, xmlNode *x, uint32_t parent, int depth, bool in_link)
{
    if (depth > MAX_DEPTH || c->nn >= MAX_NODES)
        return;
    uint32_t i = new_info(c, x, parent);
    const tag *t = tag_of(c, x->name);
    ninfo *in = &c->n[i];
    in->kind = t ? (uint8_t)t->k : K_INLINE;
    in->prior = t ? t->prior : 0;
    in->bits = t ? t->bits : 0;
    bool meta_worthy = false;
    read_attrs(c, x, in, &meta_worthy);
    if (in->kind == K_SKIP)
        in->flags |= F_DEAD;
    if (in->kind == K_CONTROL) {
        in->flags |= F_HIDDEN;
        in->kind = K_INLINE;
    }
    if (in->kind == K_BOXED) {
        in->flags |= F_NEG_STRONG;
        if (!(in->bits & B_ASIDE))
            in->flags |= F_BOX; /* an aside of plain text can be a side note */
        in->kind = K_BLOCK;
    }
    in->np = (in->bits & B_P) != 0;
    in->nimg = (in->bits & B_IMG) != 0;
    in->nli = (in->bits & B_LI) != 0;
    in->ninput = (in->bits & B_INPUT) != 0;
    in->nembed = (in->bits & B_EMBED) != 0;
    in->nhead = in->kind == K_HEADING;
    bool link = in_link || (in->bits & B_A);
    if (meta_worthy || (in->bits & B_META) || ((in->bits & B_A) && !in_link))
        sl_hmeta_element(&c->meta, x);
    if (in->bits & B_SCRIPT) {
        xmlChar *type = xmlGetProp(x, (const xmlChar *)"type");
        if (type && sl_strcasestr((const char *)type, "ld+json") && x->children &&
            x->children->content)
            sl_hmeta_jsonld(&c->meta, (const char *)x->children->content,
                            strlen((const char *)x->children->content));
        xmlFree(type);
        return; /* script text is never article text */
    }
    if (in->kind == K_SKIP && !(in->bits & B_DESCEND))
        return;
    uint32_t text = 0, lk = 0, commas = 0, np = 0, nimg = 0, nli = 0, ninput = 0, nhead = 0,
             nembed = 0;
    uint32_t block_text = 0, block_commas = 0;
    bool blocks = false;
    for (xmlNode *ch = x->children; ch; ch = ch->next) {
        if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
            uint32_t before = text;
            count_text((const char *)ch->content, &text, &commas);
            if (link)
                lk += text - before;
        } else if (ch->type == XML_ELEMENT_NODE) {
            uint32_t before = c->nn;
            collect(c, ch, i, depth + 1, link);
            if (c->nn == before)
                continue;
            ninfo *cn = &c->n[before];
            if (cn->flags & F_DEAD && cn->kind == K_SKIP)
                continue; /* scripts, forms controls etc. add nothing */
            in = &c->n[i];
            if (cn->flags & F_DEAD) {
                nimg += cn->nimg;
                continue;
            }
            text += cn->text;
            lk += cn->link;
            commas += cn->commas;
            np += cn->np;
            nimg += cn->nimg;
            nli += cn->nli;
            ninput += cn->ninput;
            nhead += cn->nhead;
            nembed += cn->nembed;
            if (cn->kind != K_INLINE && cn->kind != K_BR) {
                blocks = true;
                block_text += cn->text;
                block_commas += cn->commas;
            } else {
                block_text += cn->text - cn->own;
                block_commas += cn->commas - cn->own_commas;
            }
            if (cn->flags & F_BLOCKS)
                blocks = true;
        }
    }
    in = &c->n[i];
    in->text = text;
    in->link = lk;
    in->commas = commas;
    in->own = text - block_text;
    in->own_commas = commas - block_commas;
    in->np = sat16(in->np + np);
    in->nimg = sat16(in->nimg + nimg);
    in->nli = sat16(in->nli + nli);
    in->ninput = sat16(in->ninput + ninput);
    in->nhead = sat16(in->nhead + nhead);
    in->nembed = sat16(in->nembed + nembed);
    if (blocks)
        in->flags |= F_BLOCKS;
    if (in->kind == K_HEADING && !c->meta.v[HM_TITLE] && (in->bits & B_H1) && text > 0 &&
        text < 300) {
        char *h = sl_hmeta_text(x, 1000);
        sl_hmeta_offer(&c->meta, HM_TITLE, h, 30);
        xmlFree(h);
    }
}

/* ---- scoring ------------------------------------------------------------ */

static float link_density(const ninfo *in)
{
    return in->text ? (float)in->link / (float)in->text : 0.f;
}

/* Marks the elements dead for this attempt: dead flag, or an unlikely
 * class/id (when stripping) unless the element holds most of the text. */
static void mark_dead(ctx *c)
{
    for (uint32_t i = 0; i < c->nn; i++) {
        ninfo *in = &c->n[i];
        uint8_t d = (in->flags & F_DEAD) != 0;
        if (in->parent != UINT32_MAX && c->dead[in->parent])
            d = 1;
        if (!d && ((c->strip_unlikely && (in->flags & F_NEG_STRONG)) || (in->flags & F_HIDDEN))) {
            bool keep = (in->bits & B_KEEP) != 0;
            if (!(in->flags & F_COMMENTISH) && (float)in->text > 0.5f * (float)c->body_text)
                keep = true;
            if ((in->flags & F_POS) && !(in->flags & F_COMMENTISH) && in->np >= 3 &&
                link_density(in) < 0.3f)
                keep = true;
            /* link-free running text is rarely boilerplate, whatever the
             * class says (a "widget" of an editor's layout grid) */
            if (!(in->flags & (F_COMMENTISH | F_HIDDEN | F_BOX)) &&
                in->np >= 2 && in->text >= KEEP_TEXT && link_density(in) < 0.1f)
                keep = true;
            if (!keep) {
                d = 1;
                if (c->strip_unlikely && (in->flags & F_NEG_STRONG))
                    c->stripped++;
            }
        }
        c->dead[i] = d;
    }
}

static bool para_like(const ctx *c, uint32_t i)
{
    const ninfo *in = &c->n[i];
    if (in->kind == K_PARA)
        return true;
    if (in->flags & F_BLOCKS)
        return false;
    if (in->kind == K_CELL)
        return true;
    return in->kind == K_BLOCK && (in->bits & B_PARAISH);
}

static void init_score(ctx *c, uint32_t i)
{
    ninfo *in = &c->n[i];
    if (in->flags & F_SCORED)
        return;
    in->flags |= F_SCORED;
    in->score = (float)in->prior + (c->use_weights ? (float)in->weight : 0.f);
}

static void score_all(ctx *c)
{
    for (uint32_t i = 0; i < c->nn; i++) {
        c->n[i].flags &= (uint8_t)~F_SCORED;
        c->n[i].score = 0;
        c->n[i].deep = 0;
    }
    for (uint32_t i = 0; i < c->nn; i++) {
        if (c->dead[i])
            continue;
        ninfo *in = &c->n[i];
        uint32_t a, text, commas;
        if (para_like(c, i)) {
            a = in->parent, text = in->text, commas = in->commas;
        } else if (in->flags & F_BLOCKS) {
            /* text between the blocks is a paragraph of this element */
            a = i, text = in->own, commas = in->own_commas;
        } else {
            continue;
        }
        if (text < 25)
            continue;
        float s = 1.f + (float)commas + fminf((float)text / 100.f, 3.f);
        for (uint32_t b = a; b != UINT32_MAX; b = c->n[b].parent)
            c->n[b].deep += s;
        for (int level = 0; level < 5 && a != UINT32_MAX; level++, a = c->n[a].parent) {
            if (c->n[a].bits & B_ROOT && c->n[a].parent == UINT32_MAX)
                break; /* html */
            init_score(c, a);
            float div = level == 0 ? 1.f : level == 1 ? 2.f : (float)level * 3.f;
            c->n[a].score += s / div;
        }
    }
    for (uint32_t i = 0; i < c->nn; i++)
        if (c->n[i].flags & F_SCORED)
            c->n[i].score *= 1.f - link_density(&c->n[i]);
}

static bool is_ancestor(const ctx *c, uint32_t a, uint32_t i)
{
    for (uint32_t p = c->n[i].parent; p != UINT32_MAX; p = c->n[p].parent)
        if (p == a)
            return true;
    return false;
}

static const char *nm(const ctx *c, uint32_t i)
{
    return (const char *)c->n[i].node->name;
}

/* Picks the top candidate; UINT32_MAX if nothing was scored. */
static uint32_t pick_top(ctx *c)
{
    enum { NTOP = 5 };
    uint32_t top[NTOP];
    int nt = 0;
    for (uint32_t i = 0; i < c->nn; i++) {
        if (!(c->n[i].flags & F_SCORED) || c->dead[i])
            continue;
        int j = nt < NTOP ? nt++ : NTOP;
        if (j == NTOP && c->n[i].score <= c->n[top[NTOP - 1]].score)
            continue;
        if (j == NTOP)
            j = NTOP - 1;
        while (j > 0 && c->n[top[j - 1]].score < c->n[i].score) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = i;
    }
    if (!nt)
        return UINT32_MAX;
    uint32_t best = top[0];
    /* Several close runners-up inside one ancestor: take the ancestor. */
    int close = 0;
    for (int k = 1; k < nt; k++)
        if (c->n[top[k]].score >= 0.75f * c->n[best].score)
            close++;
    if (close >= 2) {
        for (uint32_t p = c->n[best].parent; p != UINT32_MAX; p = c->n[p].parent) {
            if ((c->n[p].bits & B_ROOT))
                break;
            int inside = 0;
            for (int k = 1; k < nt; k++)
                if (c->n[top[k]].score >= 0.75f * c->n[best].score && is_ancestor(c, p, top[k]))
                    inside++;
            if (inside >= 2) {
                best = p;
                break;
            }
        }
    }
    init_score(c, best);
    /* A parent that scores higher than the candidate holds more of it. */
    float last = c->n[best].score, threshold = last / 3.f;
    for (uint32_t p = c->n[best].parent; p != UINT32_MAX; p = c->n[p].parent) {
        if ((c->n[p].bits & B_ROOT))
            break;
        if (!(c->n[p].flags & F_SCORED))
            continue;
        if (c->n[p].score < threshold)
            break;
        if (c->n[p].score > last) {
            best = p;
            break;
        }
        last = c->n[p].score;
    }
    /* Much more paragraph weight in an ancestor (lists of sections, each
     * scored apart): the ancestor is the article. */
    for (uint32_t p = c->n[best].parent; p != UINT32_MAX; p = c->n[p].parent) {
        if ((c->n[p].bits & B_ROOT))
            break;
        float dp = c->n[p].deep * (1.f - link_density(&c->n[p]));
        float db = c->n[best].deep * (1.f - link_density(&c->n[best]));
        if (dp > DEEP_RATIO * db && link_density(&c->n[p]) < 0.25f) {
            init_score(c, p);
            best = p;
        }
    }
    /* An only child says nothing its parent does not. */
    for (;;) {
        uint32_t p = c->n[best].parent;
        if (p == UINT32_MAX || (c->n[p].bits & B_ROOT))
            break;
        int kids = 0;
        for (xmlNode *ch = c->n[p].node->children; ch; ch = ch->next)
            if (ch->type == XML_ELEMENT_NODE && tracked(ch) && !c->dead[idx_of(ch)])
                kids++;
        if (kids != 1)
            break;
        best = p;
    }
    return best;
}

/* ---- conditional clean-up ----------------------------------------------- */

static bool ends_sentence(const ninfo *in)
{
    (void)in;
    return true;
}

/* Whether a container inside the article looks like boilerplate. */
static bool junk_container(const ctx *c, uint32_t i)
{
    const ninfo *in = &c->n[i];
    bool list = in->kind == K_LIST;
    if (in->kind != K_BLOCK && !list)
        return false;
    if (in->bits & B_ROOT)
        return false;
    float w = c->use_weights ? (float)in->weight : 0.f;
    float ld = link_density(in);
    /* class weight plus earned score; the tag prior alone (lists) does
     * not condemn */
    float earned = (in->flags & F_SCORED) ? in->score - (float)in->prior * (1.f - ld) : 0.f;
    if (w + earned < 0.f && ld > 0.1f)
        return true;
    if (list && ld > 0.5f)
        return true;
    if (in->commas >= 10)
        return false;
    float p = in->np, img = in->nimg;
    int li = (int)in->nli - 100;
    if (in->bits & B_FIGURE)
        return false;
    if (img > 1 && p / img < 0.5f && in->text < 200)
        return true;
    if (!list && li > (int)p)
        return true;
    if (in->ninput > 0 && (float)in->ninput > p / 3.f)
        return true;
    if (!list && in->text < 25 && (img == 0 || img > 2) && ld > 0.f)
        return true;
    /* a link-heavy section that also holds prose (paragraphs around a link
     * list) stays: its link lists are judged one by one when printed */
    bool prose = w >= 0.f && p >= 2 && (float)in->text * (1.f - ld) >= 150.f;
    if (!list && w < 25 && ld > 0.2f && in->text < 2000 && !prose)
        return true;
    if (w >= 25 && ld > 0.5f)
        return true;
    if ((in->nembed == 1 && in->text < 75) || in->nembed > 1)
        return in->text < 200;
    (void)ends_sentence;
    return false;
}

/* junk_container, counting what it removes. */
static bool junk(ctx *c, uint32_t i)
{
    bool j = junk_container(c, i);
    c->cleaned += j;
    return j;
}

/* ---- output -------------------------------------------------------------- */

typedef struct out {
    sl_buf b;
    int brk;       /* pending break: 0 none, 1 space, 2 newline, 3 paragraph */
    bool any;      /* some text was written */
    size_t para;   /* where the current paragraph starts in b */
    size_t plink;  /* bytes of its words inside links */
    size_t pbytes; /* bytes of its words */
    int pwords;    /* its words */
    int plinks;    /* links with words in it */
    bool link_start; /* an <a> began: its first word counts a link */
    int run;       /* link paragraphs in a row before it (see end_para) */
    size_t run_at; /* where that run starts, with its separator */
    size_t lead_at; /* where the short line before the run starts, SIZE_MAX if none */
    /* the links that end the paragraph so far, with only separators
     * (spaces, "|", ",", "·", ...) between them: where the first one's
     * separator starts (SIZE_MAX: none), how many, their words */
    size_t tail_at;
    int tail_links, tail_words;
} out;

/* Whether the paragraph ending at end is all link text (nine tenths of
 * its words' bytes). */
static bool all_link(const out *o, size_t end)
{
    return end > o->para && o->pbytes > 0 && o->plink * 10 >= o->pbytes * 9;
}

/* A short line that may head a list: a few words, no sentence end. */
static bool lead_line(const out *o, size_t end)
{
    static const char *const ends[] = {".", "!", "?", "\"", "'", ")", "\xE2\x80\x9D" /* ” */,
                                       "\xC2\xBB" /* » */, "\xE3\x80\x82" /* 。 */};
    if (end <= o->para || o->pwords > LEAD_WORDS)
        return false;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        size_t n = strlen(ends[k]);
        if (end - o->para >= n && !memcmp(o->b.data + end - n, ends[k], n))
            return false;
    }
    return true;
}

/* Whether the word ending at end (after start) closes a sentence. */
static bool sentence_end(const char *start, const char *end)
{
    static const char *const ends[] = {".", "!", "?", "\xE2\x80\xA6" /* … */,
                                       "\xD8\x9F" /* ؟ */, "\xE3\x80\x82" /* 。 */,
                                       "\xEF\xBC\x81" /* ！ */, "\xEF\xBC\x9F" /* ？ */};
    /* past closing quotes and brackets */
    while (end > start && (end[-1] == '"' || end[-1] == '\'' || end[-1] == ')'))
        end--;
    if (end - start >= 3 && (unsigned char)end[-3] == 0xE2 && (unsigned char)end[-2] == 0x80 &&
        (unsigned char)end[-1] == 0x9D) /* ” */
        end -= 3;
    if (end - start >= 2 && (unsigned char)end[-2] == 0xC2 && (unsigned char)end[-1] == 0xBB) /* » */
        end -= 2;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        size_t n = strlen(ends[k]);
        if ((size_t)(end - start) >= n && !memcmp(end - n, ends[k], n))
            return true;
    }
    return false;
}

/* Where the links ending the paragraph at o->tail_at go from: with the
 * few words before them that are no sentence of their own (LEAD_WORDS
 * since the last sentence end: "Related topics", "Read also:"); the
 * paragraph's start when nothing else is left. When more words lead to
 * them, the start of their line when they have one of their own, else
 * SIZE_MAX: the links end a sentence ("thanks to everyone who helped: A,
 * B, C"). */
static size_t tail_lead(const out *o)
{
    const char *p0 = o->b.data + o->para, *q = o->b.data + o->tail_at;
    /* where the links' line starts, if they are not on the paragraph's
     * first: the cut when the words before them are too many for a lead */
    size_t line_at = *q == '\n' ? o->tail_at : SIZE_MAX;
    int words = 0;
    while (q > p0) {
        const char *e = q;
        int nl = 0;
        while (e > p0 && (e[-1] == ' ' || e[-1] == '\n'))
            nl |= *--e == '\n';
        if (nl && line_at == SIZE_MAX)
            line_at = (size_t)(e - o->b.data);
        const char *s = e;
        while (s > p0 && s[-1] != ' ' && s[-1] != '\n')
            s--;
        if (s == e)
            break;
        if (sentence_end(s, e))
            return (size_t)(e - o->b.data);
        if (++words > LEAD_WORDS)
            return line_at;
        q = s;
    }
    return o->para;
}

/* Ends the current paragraph at w; returns the new write position.
 * Paragraphs that are all link text go: a short one is a call to action
 * or a navigation leftover ("Read more", "See all reviews"); LINK_LIST_MIN
 * or more in a row (whatever their length, short ones dropped among them)
 * are a list of other pages ("More news", "Trending"), which goes whole,
 * with a short line that heads it. A paragraph of LINK_LIST_MIN links or
 * more counts as such a list by itself ("Tags: ...", a site's footer), and
 * so do as many links that end a paragraph of prose, with only separators
 * between them and more than LINK_ONLY_WORDS words: the article's text
 * ends before them and the few words that head them ("Related topics",
 * the other headlines of the site). */
static char *end_para(out *o, char *w)
{
    size_t end = (size_t)(w - o->b.data);
    size_t cut = o->para >= 2 ? o->para - 2 : 0; /* with its separator */
    bool list = false;
    if (!all_link(o, end) && o->tail_at != SIZE_MAX && o->tail_links >= LINK_LIST_MIN &&
        o->tail_words > LINK_ONLY_WORDS) {
        size_t at = tail_lead(o);
        if (at == SIZE_MAX) {
            /* a sentence's own links */
        } else if (at > o->para) {
            end = at;
            w = o->b.data + at;
        } else {
            list = true; /* a few words and the links */
        }
    }
    if (list || all_link(o, end)) {
        if (o->pwords <= LINK_ONLY_WORDS) {
            w = o->b.data + cut;
        } else {
            if (o->run++ == 0)
                o->run_at = cut;
            if (o->run < LINK_LIST_MIN && (list || o->plinks >= LINK_LIST_MIN))
                o->run = LINK_LIST_MIN;
            if (o->run == LINK_LIST_MIN)
                w = o->b.data + (o->lead_at != SIZE_MAX ? o->lead_at : o->run_at);
            else if (o->run > LINK_LIST_MIN)
                w = o->b.data + cut;
        }
    } else if (end > o->para) {
        o->lead_at = lead_line(o, end) ? cut : SIZE_MAX;
        o->run = 0;
    }
    o->plink = 0;
    o->pbytes = 0;
    o->pwords = 0;
    o->plinks = 0;
    o->tail_at = SIZE_MAX;
    o->tail_links = o->tail_words = 0;
    return w;
}

/* Closes the last paragraph of the output. */
static void finish_out(out *o)
{
    if (!o->b.data)
        return;
    char *w = end_para(o, o->b.data + o->b.len);
    *w = 0;
    o->b.len = (size_t)(w - o->b.data);
}

static void brk(out *o, int level)
{
    if (level > o->brk)
        o->brk = level;
}

static inline bool space_at(const unsigned char *p)
{
    return *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f' ||
           (p[0] == 0xC2 && p[1] == 0xA0);
}

/* Bytes that may end a word: NUL, the spaces of space_at, and 0xC2, the
 * first byte of a no-break space. */
static const bool word_stop[256] = {[0] = true,    [' '] = true,  ['\n'] = true, ['\t'] = true,
                                    ['\r'] = true, ['\f'] = true, [0xC2] = true};

/* Words separated by single spaces, most of any prose, print as they are.
 * The length of such a run of whole words at p (a word's first byte),
 * ending before a space: no control byte, no 0xC2 (a no-break space may
 * follow), no two spaces in a row. 0 when there is none; *spaces gets the
 * spaces inside (the run holds one word more). Sixteen bytes at a time
 * while sixteen remain before end (the NUL). */
static size_t plain_run(const unsigned char *p, const unsigned char *end, size_t *spaces)
{
#ifdef __SSE2__
    const unsigned char *q = p, *last = NULL;
    size_t n = 0, before_last = 0;
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        __m128i ctrl = sl_sse_in_range(v, 0, 0x1F);
        unsigned bad = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(ctrl, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))));
        bad |= sp & ((sp >> 1) | (q[16] == ' ' ? 0x8000u : 0u)); /* q[16]: at most the NUL */
        if (bad)
            sp &= (1u << __builtin_ctz(bad)) - 1; /* the spaces before it */
        if (sp) {
            unsigned k = 31u - (unsigned)__builtin_clz(sp); /* the last one */
            last = q + k;
            before_last = n + pop16(sp & ((1u << k) - 1));
            n += pop16(sp);
        }
        if (bad)
            break;
        q += 16;
    }
    *spaces = before_last;
    return last ? (size_t)(last - p) : 0;
#else
    (void)p, (void)end;
    *spaces = 0;
    return 0;
#endif
}

/* Whether a word is only a separator between links: "|", "-", "·", "•",
 * "/", a dash, a comma. */
static bool separator_word(const char *s, const char *e)
{
    static const char *const seps[] = {"|", ",", ";", "/", "-", "*", "~", "\xC2\xB7" /* · */,
                                       "\xE2\x80\xA2" /* • */, "\xE2\x80\x93" /* – */,
                                       "\xE2\x80\x94" /* — */};
    while (s < e) {
        size_t k = 0, n = 0;
        for (; k < sizeof seps / sizeof *seps; k++) {
            n = strlen(seps[k]);
            if ((size_t)(e - s) >= n && !memcmp(s, seps[k], n))
                break;
        }
        if (k == sizeof seps / sizeof *seps)
            return false;
        s += n;
    }
    return true;
}

/* Follows the run of links that ends the paragraph (see end_para) over
 * `words` words written at [s, e), their separator written at `before`. */
static void tail_word(out *o, bool in_link, size_t before, int words, const char *s, const char *e)
{
    if (in_link) {
        if (o->link_start) {
            o->link_start = false;
            o->plinks++;
            if (o->tail_at == SIZE_MAX)
                o->tail_at = before;
            o->tail_links++;
        }
        if (o->tail_at != SIZE_MAX)
            o->tail_words += words;
    } else if (o->tail_at != SIZE_MAX && (words > 1 || !separator_word(s, e))) {
        o->tail_at = SIZE_MAX;
        o->tail_links = o->tail_words = 0;
    }
}

/* Appends a text node, whitespace runs collapsed; a pending break is
 * written before the first word. Writes straight into the buffer: every
 * separator replaces at least one input byte except the first (at most
 * two bytes), so strlen(s) + 2 bytes suffice. */
static void put_text(out *o, const char *s, bool in_link)
{
    size_t n = strlen(s);
    sl_buf_reserve(&o->b, n + 3);
    char *w = o->b.data + o->b.len;
    const unsigned char *end = (const unsigned char *)s + n;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (space_at(p)) {
            brk(o, 1);
            p += *p == 0xC2 ? 2 : 1;
            continue;
        }
        if (o->brk == 3 && w != o->b.data)
            w = end_para(o, w);
        size_t before = (size_t)(w - o->b.data); /* the separator's place */
        if (w != o->b.data) {
            if (o->brk == 3) {
                *w++ = '\n';
                *w++ = '\n';
                o->para = (size_t)(w - o->b.data);
            } else if (o->brk == 2) {
                *w++ = '\n';
            } else if (o->brk == 1) {
                *w++ = ' ';
            }
        } else {
            o->para = 0; /* everything before was cut (finding html-3) */
        }
        o->brk = 0;
        size_t spaces, run = plain_run(p, end, &spaces);
        if (run) {
            memcpy(w, p, run);
            w += run;
            p += run; /* at the space after the last word */
            o->pwords += (int)spaces + 1;
            o->pbytes += run - spaces;
            if (in_link)
                o->plink += run - spaces;
            tail_word(o, in_link, before, (int)spaces + 1, w - run, w);
            o->any = true;
            continue;
        }
        char *word = w;
        /* eight bytes at a time: copy them all, then keep those before
         * the first byte that may end the word (word_stop); a control byte
         * that does not end it sends the word to the byte loop */
        for (;;) {
            if (end - p >= 8) {
                uint64_t v = load8(p);
                uint64_t ctrl = bytes_below(v, 0x20); /* the bytes below 0x21 but ' ' */
                uint64_t stop = ctrl | bytes_equal(v, ' ') | bytes_equal(v, 0xC2);
                if (ctrl && (ctrl & ~(bytes_equal(v, 0) | bytes_equal(v, '\n') | bytes_equal(v, '\t') |
                                      bytes_equal(v, '\r') | bytes_equal(v, '\f')))) {
                    while (!word_stop[*p])
                        *w++ = (char)*p++;
                } else {
                    memcpy(w, p, 8); /* room: see the comment above */
                    size_t k = stop ? (size_t)__builtin_ctzll(stop) >> 3 : 8;
                    w += k;
                    p += k;
                    if (!stop)
                        continue;
                }
            } else {
                while (!word_stop[*p])
                    *w++ = (char)*p++;
            }
            if (*p != 0xC2 || space_at(p))
                break; /* the end, a space or a no-break space */
            *w++ = (char)*p++;
        }
        o->pwords++;
        o->pbytes += (size_t)(w - word);
        if (in_link)
            o->plink += (size_t)(w - word);
        tail_word(o, in_link, before, 1, word, w);
        o->any = true;
    }
    *w = 0;
    o->b.len = (size_t)(w - o->b.data);
}

static void emit(ctx *c, out *o, xmlNode *x, int depth, bool in_link);

static void emit_children(ctx *c, out *o, xmlNode *x, int depth, bool in_link)
{
    for (xmlNode *ch = x->children; ch; ch = ch->next) {
        if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE)
            put_text(o, (const char *)ch->content, in_link);
        else if (ch->type == XML_ELEMENT_NODE)
            emit(c, o, ch, depth + 1, in_link);
    }
}

static void emit(ctx *c, out *o, xmlNode *x, int depth, bool in_link)
{
    if (depth > MAX_DEPTH || !tracked(x))
        return;
    uint32_t i = idx_of(x);
    if (c->dead[i])
        return;
    ninfo *in = &c->n[i];
    if (c->clean_cond && depth > 0 && junk(c, i))
        return;
    switch (in->kind) {
    case K_HEADING: {
        if (!o->any && (in->bits & B_H1))
            return; /* the page title above the body */
        if (link_density(in) > 0.5f || (c->use_weights && in->weight < 0))
            return;
        brk(o, 3);
        emit_children(c, o, x, depth, in_link);
        brk(o, 3);
        return;
    }
    case K_BR:
        brk(o, 2);
        return;
    case K_CELL:
        brk(o, 1);
        emit_children(c, o, x, depth, in_link);
        brk(o, 1);
        return;
    case K_ROW:
        brk(o, 2);
        emit_children(c, o, x, depth, in_link);
        brk(o, 2);
        return;
    case K_INLINE:
        if ((in->bits & B_A) && !in_link)
            o->link_start = true;
        emit_children(c, o, x, depth, in_link || (in->bits & B_A));
        return;
    default:
        brk(o, 3);
        emit_children(c, o, x, depth, in_link);
        brk(o, 3);
        return;
    }
}

/* Whether sibling s of the top candidate belongs to the article. */
static bool sibling_joins(const ctx *c, uint32_t top, uint32_t s)
{
    if (s == top)
        return true;
    const ninfo *in = &c->n[s];
    float threshold = fmaxf(10.f, c->n[top].score * 0.2f);
    float bonus = 0;
    xmlChar *c1 = xmlGetProp(c->n[top].node, (const xmlChar *)"class");
    xmlChar *c2 = xmlGetProp(in->node, (const xmlChar *)"class");
    if (c1 && c2 && c1[0] && !strcmp((char *)c1, (char *)c2))
        bonus = c->n[top].score * 0.2f;
    xmlFree(c1);
    xmlFree(c2);
    if ((in->flags & F_SCORED) && in->score + bonus >= threshold)
        return true;
    if (in->kind == K_PARA || (in->kind == K_BLOCK && !(in->flags & F_BLOCKS))) {
        float ld = link_density(in);
        if (in->text > 80 && ld < 0.25f)
            return true;
        if (in->text > 0 && in->text <= 80 && ld == 0.f) {
            /* a short paragraph that ends a sentence */
            xmlChar *t = xmlNodeGetContent(in->node);
            bool ok = false;
            if (t) {
                char *s2 = sl_strtrim((char *)t);
                size_t l = strlen(s2);
                ok = l > 0 && (strchr(".!?", s2[l - 1]) || strstr(s2, ". "));
                xmlFree(t);
            }
            return ok;
        }
    }
    return false;
}

/* One extraction attempt with the current filters; text into o. */
/* Same tag and non-empty class: repeated article parts (list items of a
 * listicle, sections) that live in separate wrappers. */
static bool twin(const ctx *c, uint32_t top, const char *top_class, uint32_t i)
{
    const ninfo *in = &c->n[i];
    if (c->dead[i] || in->text < 100 || link_density(in) > 0.3f ||
        strcmp(nm(c, i), nm(c, top)))
        return false;
    xmlChar *cl = xmlGetProp(in->node, (const xmlChar *)"class");
    bool same = cl && !strcmp((const char *)cl, top_class);
    xmlFree(cl);
    return same && !(c->clean_cond && junk_container(c, i));
}

/* One extraction attempt with the current filters; text into o. The
 * article is the top candidate, the siblings that join it, and its twins
 * elsewhere in the page, printed in document order. */
static void attempt(ctx *c, out *o)
{
    mark_dead(c);
    score_all(c);
    uint32_t top = pick_top(c);
    if (top == UINT32_MAX)
        return;
    uint32_t p = c->n[top].parent;
    if (p == UINT32_MAX) {
        emit(c, o, c->n[top].node, 0, false);
        return;
    }
    uint32_t *roots = NULL;
    size_t nr = 0, cap = 0;
    for (xmlNode *ch = c->n[p].node->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE || !tracked(ch))
            continue;
        uint32_t s = idx_of(ch);
        if (c->dead[s] || !sibling_joins(c, top, s))
            continue;
        if (s != top && c->clean_cond && junk(c, s))
            continue;
        if (nr == cap)
            roots = sl_xrealloc(roots, (cap = cap ? cap * 2 : 16) * sizeof *roots);
        roots[nr++] = s;
    }
    xmlChar *tc = xmlGetProp(c->n[top].node, (const xmlChar *)"class");
    if (tc && tc[0]) {
        for (uint32_t i = 0; i < c->nn; i++) {
            if (i == p || !twin(c, top, (const char *)tc, i) || is_ancestor(c, p, i) ||
                is_ancestor(c, i, p))
                continue;
            if (nr == cap)
                roots = sl_xrealloc(roots, (cap = cap ? cap * 2 : 16) * sizeof *roots);
            roots[nr++] = i;
        }
    }
    xmlFree(tc);
    qsort(roots, nr, sizeof *roots, sl_cmp_u32);
    uint32_t last = UINT32_MAX;
    for (size_t k = 0; k < nr; k++) {
        if (last != UINT32_MAX && is_ancestor(c, last, roots[k]))
            continue; /* inside a root already printed */
        brk(o, 3);
        emit(c, o, c->n[roots[k]].node, 1, false);
        last = roots[k];
    }
    free(roots);
}

static xmlNode *find_body(xmlNode *root)
{
    for (xmlNode *ch = root ? root->children : NULL; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE && !strcmp((const char *)ch->name, "body"))
            return ch;
    return root;
}

/* Runs the attempts, loosening filters while the result is short. */
static char *extract_body(ctx *c, xmlNode *root)
{
    xmlNode *body = find_body(root);
    c->body_text = body && tracked(body) ? c->n[idx_of(body)].text : 0;
    c->dead = sl_xcalloc(c->nn ? c->nn : 1, 1);
    static const bool plan[][3] = {
        {true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
    char *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; k < sizeof plan / sizeof *plan; k++) {
        if ((k == 1 && !c->stripped) || (k == 2 && !c->any_weight) || (k == 3 && !c->cleaned))
            continue; /* would give the same text again */
        c->stripped = c->cleaned = 0;
        c->strip_unlikely = plan[k][0];
        c->use_weights = plan[k][1];
        c->clean_cond = plan[k][2];
        out o = {.lead_at = SIZE_MAX, .tail_at = SIZE_MAX};
        attempt(c, &o);
        finish_out(&o);
        size_t len = o.b.len;
        if (!best || len > best_len) {
            free(best);
            best = sl_buf_take(&o.b);
            best_len = len;
        }
        sl_buf_free(&o.b);
        if (best_len >= CHAR_THRESHOLD)
            break;
    }
    free(c->dead);
    c->dead = NULL;
    return best ? sl_html_trim_edges(best) : NULL;
}

/* libxml2's recovery sometimes ends <html> early (a stray </html> or
 * </body>) and hangs the rest of the page beside it as further top-level
 * <html>/<body>/... elements. Moves them all into the first root's body. */
static void merge_roots(htmlDocPtr doc, xmlNode *root)
{
    xmlNode *body = find_body(root);
    xmlNode *next;
    for (xmlNode *x = root->next; x; x = next) {
        next = x->next;
        if (x->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)x->name;
        if (!strcmp(name, "html") || !strcmp(name, "body")) {
            xmlNode *sub = !strcmp(name, "html") ? find_body(x) : x, *n2;
            for (xmlNode *ch = sub->children; ch; ch = n2) {
                n2 = ch->next;
                if (ch->type == XML_ELEMENT_NODE && !strcmp((const char *)ch->name, "head"))
                    continue;
                xmlUnlinkNode(ch);
                xmlAddChild(body, ch);
            }
        } else {
            xmlUnlinkNode(x);
            xmlAddChild(body, x);
        }
    }
    (void)doc;
}

/* Attribute names that start with '@' (the event bindings of Alpine.js and
 * Vue: <ul @click.outside="...">) stop libxml2's attribute parser, which
 * then ends the tag at the next '>', often one inside a quoted script such
 * as "() => ...", and prints the rest of the tag and the page as text. Such
 * an '@' (after a space, starting a name that is followed by '=') becomes
 * 'x'. Works on a private copy, made on the first hit; returns the text to
 * parse (utf8 itself when nothing changes). */
static const char *tame_at_attrs(const char *utf8, size_t len, char **owned)
{
    char *w = *owned;
    for (const char *p = utf8; (p = memchr(p, '@', (size_t)(utf8 + len - p))) != NULL; p++) {
        size_t i = (size_t)(p - utf8);
        if (i == 0 || !isspace((unsigned char)utf8[i - 1]) || i + 1 >= len ||
            !isalpha((unsigned char)utf8[i + 1]))
            continue;
        size_t k = i + 1;
        while (k < len && (isalnum((unsigned char)utf8[k]) || strchr("._:-", utf8[k])) && utf8[k])
            k++;
        if (k >= len || utf8[k] != '=')
            continue;
        if (!w) {
            w = sl_xmalloc(len + 1);
            memcpy(w, utf8, len);
            w[len] = 0;
            *owned = w;
        }
        w[i] = 'x';
    }
    return w ? w : utf8;
}

/* ---- memory for libxml2 -------------------------------------------------------
 * libxml2 allocates every node, attribute and string of a page on its own
 * (malloc), and xmlFreeDoc walks the tree again to free them one by one:
 * about a tenth of the extraction's instructions on news pages, and the
 * nodes of a fresh tree are scattered over the heap. While this thread
 * parses and reads a page, its libxml2 allocations come from a page arena
 * instead: blocks are cut from a few large chunks in order (a tree walk
 * then reads memory in the order the parser wrote it), a free inside the
 * arena does nothing but give back the last block, and the whole page is
 * released at once with its chunks, without xmlFreeDoc.
 *
 * The functions are installed once with xmlMemSetup, for every thread;
 * outside a page (xa.top NULL), and for pointers that are not in this
 * thread's arena, they are malloc, realloc and free. Every block starts
 * with its size (realloc copies that much). Nothing libxml2 keeps beyond
 * the page may be allocated in the window: the per-thread state of
 * libxml2 is made before (it uses malloc itself), the last-error record
 * is reset before the release. Address sanitizer builds keep libxml2 on
 * malloc, so that its blocks stay checked one by one. */

#if defined(__SANITIZE_ADDRESS__)
#define SL_XML_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SL_XML_ARENA 0
#endif
#endif
#ifndef SL_XML_ARENA
#define SL_XML_ARENA 1
#endif

typedef struct xa_chunk {
    struct xa_chunk *prev;
    char *used, *end; /* free space: [used, end) */
    char *last;       /* the last block given out (its size word), or NULL */
    size_t data[];    /* blocks: a size word, then the bytes */
} xa_chunk;

static _Thread_local struct {
    xa_chunk *top; /* NULL: no page in progress on this thread */
    bool off;      /* sl_html_set_arena(false) */
} xa;

static xa_chunk *xa_chunk_new(size_t bytes, xa_chunk *prev)
{
    xa_chunk *c = sl_xmalloc(sizeof *c + bytes);
    c->prev = prev;
    c->used = (char *)c->data;
    c->end = c->used + bytes;
    c->last = NULL;
    return c;
}

/* The chunk of this thread's arena that holds p, or NULL. */
static xa_chunk *xa_owner(const void *p)
{
    for (xa_chunk *c = xa.top; c; c = c->prev)
        if ((const char *)p >= (const char *)c->data && (const char *)p < c->end)
            return c;
    return NULL;
}

/* The block of n bytes (need with its size word, rounded up) from chunk
 * c, which has the room. */
static inline void *xa_carve(xa_chunk *c, size_t n, size_t need)
{
    char *b = c->used;
    *(size_t *)(void *)b = n;
    c->last = b;
    c->used = b + need;
    return b + sizeof(size_t);
}

/* xa_malloc's other cases: no page (malloc), a size that overflows, a
 * full chunk (a new one, twice as large or the block's size). Out of
 * line, so that the usual path is a leaf that saves no registers. */
static __attribute__((noinline)) void *xa_malloc_slow(size_t n)
{
    if (!xa.top)
        return malloc(n);
    size_t need = sizeof(size_t) + ((n + 7) & ~(size_t)7);
    if (need < n)
        return NULL;
    if ((size_t)(xa.top->end - xa.top->used) < need) {
        size_t size = (size_t)(xa.top->end - (char *)xa.top->data) * 2;
        xa.top = xa_chunk_new(size > need ? size : need, xa.top);
    }
    return xa_carve(xa.top, n, need);
}

static void *xa_malloc(size_t n)
{
    xa_chunk *c = xa.top;
    size_t need = sizeof(size_t) + ((n + 7) & ~(size_t)7);
    if (c && need >= n && (size_t)(c->end - c->used) >= need)
        return xa_carve(c, n, need);
    return xa_malloc_slow(n);
}

static void xa_free(void *p)
{
    if (!p)
        return;
    xa_chunk *c = xa.top ? xa_owner(p) : NULL;
    if (!c) {
        free(p);
        return;
    }
    char *b = (char *)p - sizeof(size_t);
    if (b == c->last) { /* the last block: its room is reused */
        c->used = b;
        c->last = NULL;
    }
}

static void *xa_realloc(void *p, size_t n)
{
    xa_chunk *c = p && xa.top ? xa_owner(p) : NULL;
    if (!c)
        return realloc(p, n);
    char *b = (char *)p - sizeof(size_t);
    size_t old = *(size_t *)(void *)b;
    size_t need = sizeof(size_t) + ((n + 7) & ~(size_t)7);
    if (b == c->last && need >= n && (size_t)(c->end - b) >= need) { /* grows in place */
        *(size_t *)(void *)b = n;
        c->used = b + need;
        return p;
    }
    void *q = xa_malloc(n);
    if (q)
        memcpy(q, p, old < n ? old : n);
    return q;
}

static char *xa_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = xa_malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

/* Installs the functions (once); libxml2's global tables are made first,
 * on malloc. */
static void xa_install(void)
{
    xmlInitParser();
#if SL_XML_ARENA
    xmlMemSetup(xa_free, xa_malloc, xa_realloc, xa_strdup);
#else
    (void)xa_free, (void)xa_realloc, (void)xa_strdup;
#endif
}

/* Starts the arena of a page of len bytes on this thread; false when
 * libxml2 is not on the arena (sanitizer builds) and the page's memory
 * is its own. */
static bool xa_begin(size_t len)
{
    if (!SL_XML_ARENA || xa.off)
        return false;
    assert(!xa.top);
    /* the tree of a page takes a few times its size */
    xa.top = xa_chunk_new(len * 4 + (64u << 10), NULL);
    return true;
}

void sl_html_set_arena(bool on)
{
    assert(!xa.top);
    xa.off = !on;
}

/* Releases the page's arena: every libxml2 block allocated since
 * xa_begin. */
static void xa_end(void)
{
    xa_chunk *c = xa.top;
    xa.top = NULL;
    while (c) {
        xa_chunk *prev = c->prev;
        free(c);
        c = prev;
    }
}

/* Releases a page's libxml2 memory: its arena (doc with it), or doc. The
 * thread's last-error record, whose message may be in the arena, is
 * cleared either way (a page's parse errors are of no use afterwards). */
static void page_end(bool arena, htmlDocPtr doc)
{
    xmlResetLastError();
    if (arena)
        xa_end();
    else
        xmlFreeDoc(doc);
}

/* ---- parsing ----------------------------------------------------------------
 * libxml2 makes a text node of every run of whitespace between tags (the
 * indentation of the markup), about a third of a page's nodes. Those that
 * follow a block-level element, or open one, can never reach the output:
 * the block already puts a paragraph break there, and whitespace counts
 * for nothing in the statistics. The parser's text callback drops them
 * before a node is made; whitespace next to inline elements ("<b>a</b>
 * <i>b</i>") is kept, as is any whitespace whose neighbours are not
 * elements. */

static _Thread_local ctx *parsing; /* the page being parsed on this thread */

/* Text runs and attribute values shorter than this are left to libxml2
 * (html_runs.h). */
enum { MIN_MARKED_RUN = 12 };

static _Thread_local bool marks_off; /* sl_html_set_marks(false) */

void sl_html_set_marks(bool on) { marks_off = !on; }

static bool blank(const xmlChar *s, int len)
{
    for (int i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Whether element x breaks the flow of text (a paragraph or line break). */
static bool block_level(ctx *c, const xmlNode *x)
{
    const tag *t = tag_of(c, x->name);
    return t && t->k != K_INLINE && t->k != K_BR && t->k != K_SKIP && t->k != K_CONTROL;
}

static void on_text(void *pctx, const xmlChar *s, int len)
{
    xmlParserCtxtPtr p = pctx;
    if (parsing && parsing->runs.n) {
        const char *run;
        size_t rl;
        if (sl_hruns_lookup(&parsing->runs, (const char *)s, (size_t)len, SL_HRUNS_TEXT, &run,
                            &rl)) {
            s = (const xmlChar *)run; /* a run of text, or of blanks (html_runs.h) */
            len = (int)rl;
        } else if (sl_hruns_has_mark((const char *)s, (size_t)len)) {
            parsing->mark_astray = true;
        }
    }
    xmlNode *at = p->node;
    if (at && at->type == XML_ELEMENT_NODE && parsing && blank(s, len)) {
        xmlNode *last = at->last;
        if (last ? last->type == XML_ELEMENT_NODE && block_level(parsing, last)
                 : block_level(parsing, at))
            return;
    }
    xmlSAX2Characters(pctx, s, len);
}

/* ---- elements ----------------------------------------------------------------
 * libxml2's tree builder (xmlSAX2StartElement) copies every element's name
 * out of the parser's dictionary (to split off a namespace prefix), looks
 * for a default namespace up the ancestors, copies each attribute's name,
 * asks the (empty) DTD to normalize each value and checks whether it is an
 * ID or IDREF to index: a sixth of the tree's making, none of it of use
 * for an HTML page. on_start builds the same element for a name without a
 * prefix: the name and the attributes' names are the parser's dictionary's
 * strings (the document is given that dictionary, as libxml2's XML parser
 * does, so that xmlFreeDoc knows not to free them one by one), the
 * values are text children as xmlSAX2StartElement makes them, and an HTML
 * boolean attribute written without a value gets its name as value, as
 * there. Names with a prefix (<fb:like>, <svg:path>) and a document without
 * the parser's dictionary take libxml2's path. Same tree, node for node;
 * and since an element's name is then one pointer per page, tag_of's
 * cache finds it. */

/* name as a string of dictionary dict (the implied html, head and body
 * elements come with literal names). */
static const xmlChar *dict_name(xmlDictPtr dict, const xmlChar *name)
{
    return xmlDictOwns(dict, name) == 1 ? name : xmlDictLookup(dict, name, -1);
}

/* libxml2's own element start, for the names on_start leaves to it, with
 * the marked attribute values put back. */
static void start_unmarked(void *pctx, const xmlChar *fullname, const xmlChar **atts,
                           const sl_hruns *runs)
{
    size_t n = 0;
    while (atts[n])
        n += 2;
    const xmlChar **copy = xmlMalloc((n + 1) * sizeof *copy);
    if (!copy) {
        xmlSAX2StartElement(pctx, fullname, atts);
        return;
    }
    for (size_t i = 0; i < n; i += 2) {
        const char *run;
        size_t rl;
        copy[i] = atts[i];
        copy[i + 1] = atts[i + 1];
        if (atts[i + 1] && sl_hruns_lookup(runs, (const char *)atts[i + 1],
                                           strlen((const char *)atts[i + 1]), SL_HRUNS_ATTR,
                                           &run, &rl))
            copy[i + 1] = xmlStrndup((const xmlChar *)run, (int)rl);
    }
    copy[n] = NULL;
    xmlSAX2StartElement(pctx, fullname, copy);
    for (size_t i = 0; i < n; i += 2)
        if (copy[i + 1] != atts[i + 1])
            xmlFree((xmlChar *)copy[i + 1]);
    xmlFree(copy);
}

/* A script's or style's text: a mark there is astray. */
static void on_cdata(void *pctx, const xmlChar *s, int len)
{
    if (parsing && parsing->runs.n && sl_hruns_has_mark((const char *)s, (size_t)len))
        parsing->mark_astray = true;
    xmlSAX2CDataBlock(pctx, s, len);
}

/* Whether the parser stands right after the mark of a run of blanks. An
 * element that starts there is one libxml2 implied for the text (a <p>,
 * and the <html> or <body> around it), which it does for a mark but not
 * for blanks: the page's body was not where html_runs saw it. */
static bool after_blank_mark(xmlParserCtxtPtr p, const sl_hruns *runs)
{
    const xmlParserInput *in = p->input;
    if (!in || !in->cur || !in->base || in->cur - in->base < SL_HRUNS_MARK ||
        in->cur[-SL_HRUNS_MARK] != 0xF4)
        return false;
    const char *run;
    size_t rl;
    return sl_hruns_lookup(runs, (const char *)in->cur - SL_HRUNS_MARK, SL_HRUNS_MARK,
                           SL_HRUNS_TEXT, &run, &rl) &&
           blank((const xmlChar *)run, (int)rl);
}

static void on_start(void *pctx, const xmlChar *fullname, const xmlChar **atts)
{
    xmlParserCtxtPtr p = pctx;
    const sl_hruns *runs = parsing && parsing->runs.n ? &parsing->runs : NULL;
    if (runs && !atts && after_blank_mark(p, runs))
        parsing->mark_astray = true;
    bool marked = false; /* a value is a mark */
    for (size_t i = 0; runs && atts && atts[i]; i += 2) {
        const char *v = (const char *)atts[i + 1], *run;
        size_t vl = v ? strlen(v) : 0, rl;
        if (sl_hruns_lookup(runs, v, vl, SL_HRUNS_ATTR, &run, &rl))
            marked = true;
        else if (sl_hruns_has_mark(v, vl))
            parsing->mark_astray = true;
    }
    xmlDocPtr doc = p->myDoc;
    if (doc && !doc->dict && p->dict) { /* the first element: the document shares the names */
        doc->dict = p->dict;
        xmlDictReference(p->dict);
    }
    if (!fullname || !doc || !doc->dict || doc->dict != p->dict || !p->html || p->validate ||
        strchr((const char *)fullname, ':')) {
        if (marked)
            start_unmarked(pctx, fullname, atts, runs);
        else
            xmlSAX2StartElement(pctx, fullname, atts);
        return;
    }
    const xmlChar *name = dict_name(p->dict, fullname);
    xmlNode *parent = p->node;
    xmlNode *x = name ? xmlNewDocNodeEatName(doc, NULL, (xmlChar *)name, NULL) : NULL;
    if (!x) {
        xmlSAX2StartElement(pctx, fullname, atts); /* out of memory: libxml2 reports it */
        return;
    }
    if (!doc->children)
        xmlAddChild((xmlNode *)doc, x);
    else if (!parent)
        parent = doc->children;
    p->nodemem = -1;
    if (p->linenumbers && p->input)
        x->line = p->input->line < 65535 ? (unsigned short)p->input->line : 65535;
    if (nodePush(p, x) < 0) { /* too deep: dropped, as libxml2 does */
        xmlUnlinkNode(x);
        xmlFreeNode(x);
        return;
    }
    if (parent) {
        if (parent->type == XML_ELEMENT_NODE)
            xmlAddChild(parent, x);
        else
            xmlAddSibling(parent, x);
    }
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const xmlChar *an = dict_name(p->dict, atts[i]), *v = atts[i + 1];
        if (!an)
            continue;
        if (!v && htmlIsBooleanAttr(atts[i]))
            v = an;
        xmlAttr *a = xmlNewNsPropEatName(x, NULL, (xmlChar *)an, NULL);
        const char *run;
        size_t rl;
        if (a && v && marked &&
            sl_hruns_lookup(runs, (const char *)v, strlen((const char *)v), SL_HRUNS_ATTR, &run,
                            &rl)) {
            a->children = a->last = xmlNewDocTextLen(doc, (const xmlChar *)run, (int)rl);
            if (a->children)
                a->children->parent = (xmlNode *)a;
        } else if (a && v) {
            a->children = a->last = xmlNewDocText(doc, v);
            if (a->children)
                a->children->parent = (xmlNode *)a;
        }
    }
}

/* The encoding to name to libxml2 for UTF-8 text: none when the start
 * cannot be taken for another encoding's mark (a byte-order mark or the NUL
 * bytes of UTF-16 or UCS-4 in the first four bytes, which libxml2 checks
 * when told nothing), so that its parser reads the bytes as they are
 * (on_locator tells it they are UTF-8; with HTML_PARSE_IGNORE_ENC no meta
 * tag changes that, and the text is valid UTF-8, so it never falls back to
 * Latin-1). Else "UTF-8", for which libxml2 copies the whole text through
 * its UTF-8 to UTF-8 converter (the same characters, a pass and buffers
 * more). */
static const char *libxml_encoding(const char *utf8, size_t len)
{
    if (len < 4 || (unsigned char)utf8[0] == 0xEF || (unsigned char)utf8[0] == 0xFE ||
        (unsigned char)utf8[0] == 0xFF || memchr(utf8, 0, 4))
        return "UTF-8";
    return NULL;
}

/* The first SAX call of htmlParseDocument, before any character is read:
 * the input is UTF-8 (libxml2's HTML parser otherwise takes text it was
 * given no encoding for as Latin-1 at the first non-ASCII byte). */
static void on_locator(void *pctx, xmlSAXLocatorPtr loc)
{
    (void)loc;
    xmlParserCtxtPtr p = pctx;
    if (!p->input || !p->input->buf || !p->input->buf->encoder)
        p->charset = XML_CHAR_ENCODING_UTF8;
}

static htmlDocPtr parse_text(ctx *c, const char *utf8, size_t len)
{
    htmlParserCtxtPtr p = htmlNewParserCtxt();
    if (!p)
        return NULL;
    p->sax->characters = on_text;
    p->sax->cdataBlock = on_cdata;
    p->sax->startElement = on_start;
    p->sax->setDocumentLocator = on_locator;
    p->sax->comment = NULL; /* comments are parsed but make no nodes: nothing reads them */
    parsing = c;
    c->mark_astray = false;
    htmlDocPtr doc = htmlCtxtReadMemory(p, utf8, (int)len, NULL, libxml_encoding(utf8, len),
                                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NONET | HTML_PARSE_RECOVER |
                                            HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
    parsing = NULL;
    htmlFreeParserCtxt(p);
    return doc;
}

/* Parses UTF-8 text as HTML, its plain text runs marked (html_runs.h);
 * when a mark went astray, again as it is. The document, or NULL (an
 * arena page's first document stays in the arena until the page ends). */
static htmlDocPtr parse(ctx *c, const char *utf8, size_t len, bool arena)
{
    size_t mlen = len;
    const char *marked = marks_off ? utf8
                                   : sl_hruns_make(&c->runs, utf8, len, MIN_MARKED_RUN, &mlen);
    htmlDocPtr doc = parse_text(c, marked, mlen);
    if (c->runs.n && c->mark_astray) {
        if (!arena)
            xmlFreeDoc(doc);
        c->runs.n = 0;
        doc = parse_text(c, utf8, len);
    }
    return doc;
}

/* ---- entry point ---------------------------------------------------------- */

static int fail(char **err, int code, const char *msg)
{
    *err = sl_xstrdup(msg);
    return code;
}

static void quiet_libxml(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int sl_html_extract(sl_doc *d, const char *html, size_t len, char **err)
{
    *err = NULL;
    if (!html || len == 0)
        return fail(err, SL_EEMPTY, "empty page");
    if (sl_looks_binary(html, len < 1024 ? len : 1024)) /* binary is binary early on */
        return fail(err, SL_EBINARY, "binary data, not an HTML page");
    if (len > SL_HTML_MAX_BYTES)
        len = SL_HTML_MAX_BYTES;
    size_t ulen;
    char *owned;
    const char *utf8 = sl_charset_utf8_view(html, len, &ulen, &owned, NULL);
    utf8 = tame_at_attrs(utf8, ulen, &owned);
    /* libxml2 reports some errors (encoding, I/O) outside the parser
     * context, to stderr; the handler is per thread (finding html-2) */
    xmlSetGenericErrorFunc(NULL, quiet_libxml);
    pthread_once(&ws_once, ws_init);
    ctx c = {0};
    c.gen = tcache_next();
    bool arena = xa_begin(ulen);
    htmlDocPtr doc = parse(&c, utf8, ulen, arena);
    free(owned);
    sl_hruns_free(&c.runs);
    if (!doc) {
        page_end(arena, NULL);
        return fail(err, SL_EFORMAT, "cannot parse HTML");
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    sl_hmeta_init(&c.meta);
    if (root)
        merge_roots(doc, root);
    if (root)
        collect(&c, root, UINT32_MAX, 0, false);
    char *text = c.nn ? extract_body(&c, root) : NULL;
    sl_hmeta_finish(&c.meta, d, text);
    uint32_t body_text = c.body_text;
    sl_hmeta_free(&c.meta);
    free(c.n);
    page_end(arena, doc);
    if (!text || !text[0]) {
        free(text);
        return fail(err, SL_EEMPTY,
                    body_text ? "page has no article text"
                              : "page has no visible text (only markup or scripts)");
    }
    free(d->text);
    d->text = text;
    return SL_OK;
}
