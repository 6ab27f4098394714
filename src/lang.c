/*
 * lang: language identification, ISO 639-1 codes.
 *
 * How it works: the letters of the first few KB are counted by script,
 * in growing looks (640 bytes, 1.5 KB, 4 KB; the counts of a look carry
 * over to the next): when a look leaves no doubt (decide_early), the rest
 * is not read. Most running text in English, Russian or a script of its
 * own is decided by the first 640 bytes.
 *  - A script used by one language answers at once (Greek, Hebrew, Hangul,
 *    Kana, Han, Thai, Georgian, Armenian, the Indic scripts...), from the
 *    first look when nine letters in ten are of it (so are Arabic script
 *    and Han/Kana, by their marks in those letters).
 *  - Cyrillic is decided by letters that only some languages use: ы э ё
 *    (Russian, Belarusian), і ї є ґ (Ukrainian), ў (Belarusian), ђ ћ џ љ
 *    њ ј (Serbian, Macedonian), ѓ ќ ѕ (Macedonian), a high share of ъ
 *    (Bulgarian), ә ғ қ ң ө ұ ү һ ҳ ҷ (Central Asian languages). Only
 *    when no such letter settles it are n-gram profiles compared, and only
 *    among the Cyrillic languages.
 *  - Arabic script: ٹ ڈ ڑ ں ے (Urdu), پ چ ژ گ and the Persian forms of
 *    kaf and yeh (Persian), else Arabic.
 *  - Latin script: a quick English test (share of common English function
 *    words), then the same test for eighteen languages (fword_shortcut:
 *    the lists must cover 12% of 30+ words, and one list double any
 *    other, or the words only one language has point to it),
 *    else libexttextcat n-gram profiles (Debian's
 *    /usr/share/libexttextcat) restricted to Latin-script languages. The
 *    profiles are read by libexttextcat; the text's fingerprint and the
 *    distances are computed here (see "rank index"), with textcat's
 *    distance, several times faster than fp_Create + fp_Compare.
 * Profiles are loaded once (pthread_once), on the first text the n-grams
 * decide, and only read afterwards; each
 * call builds its own fingerprint, so calls run in parallel. When the best
 * profile does not beat the runner-up by a margin, function words of the two
 * candidates decide; failing that, or when the text is too short, the
 * answer is NULL.
 */
#include "lang.h"
#include "util.h"

#include <libexttextcat/constants.h>
#include <libexttextcat/fingerprint.h>
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <strings.h>

#ifndef SL_TEXTCAT_DIR
#define SL_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

#define SCAN_BYTES 4096    /* letters counted for the script test */
#define GLANCE_BYTES 640   /* first glance: decides most running text */
#define EARLY_BYTES 1536   /* second look, enough for most other texts */
#define EARLY_LETTERS 200  /* letters the first look needs to decide */
#define NGRAM_BYTES 2048   /* bytes given to the n-gram profiles */
#define MIN_NGRAM_BYTES 24 /* below this the profiles are not asked */
#define SL_NGRAMS 400      /* n-grams per fingerprint (textcat default) */

/* ---- n-gram profiles ----------------------------------------------------- */

typedef struct profile {
    const char *file; /* profile file in SL_TEXTCAT_DIR */
    const char *code; /* ISO 639-1 answer */
    int group;        /* which script group it competes in */
    void *fp;         /* loaded fingerprint, or NULL */
} profile;

enum { G_LATIN = 1, G_CYRILLIC, G_CYR_ASIA, G_DEVANAGARI };

static profile profiles[] = {
    {"en.lm", "en", G_LATIN, NULL},      {"de.lm", "de", G_LATIN, NULL},
    {"fr.lm", "fr", G_LATIN, NULL},      {"es.lm", "es", G_LATIN, NULL},
    {"it.lm", "it", G_LATIN, NULL},      {"pt.lm", "pt", G_LATIN, NULL},
    {"nl.lm", "nl", G_LATIN, NULL},      {"pl.lm", "pl", G_LATIN, NULL},
    {"cs.lm", "cs", G_LATIN, NULL},      {"sk.lm", "sk", G_LATIN, NULL},
    {"sl.lm", "sl", G_LATIN, NULL},      {"hr.lm", "hr", G_LATIN, NULL},
    {"bs.lm", "bs", G_LATIN, NULL},      {"sr-Latn.lm", "sr", G_LATIN, NULL},
    {"ro.lm", "ro", G_LATIN, NULL},      {"hu.lm", "hu", G_LATIN, NULL},
    {"fi.lm", "fi", G_LATIN, NULL},      {"sv.lm", "sv", G_LATIN, NULL},
    {"da.lm", "da", G_LATIN, NULL},      {"nb.lm", "nb", G_LATIN, NULL},
    {"et.lm", "et", G_LATIN, NULL},      {"lv.lm", "lv", G_LATIN, NULL},
    {"lt.lm", "lt", G_LATIN, NULL},      {"tr.lm", "tr", G_LATIN, NULL},
    {"az.lm", "az", G_LATIN, NULL},      {"uz.lm", "uz", G_LATIN, NULL},
    {"id.lm", "id", G_LATIN, NULL},      {"ms.lm", "ms", G_LATIN, NULL},
    {"vi.lm", "vi", G_LATIN, NULL},      {"ca.lm", "ca", G_LATIN, NULL},
    {"eu.lm", "eu", G_LATIN, NULL},      {"gl.lm", "gl", G_LATIN, NULL},
    {"ga.lm", "ga", G_LATIN, NULL},      {"is.lm", "is", G_LATIN, NULL},
    {"sq.lm", "sq", G_LATIN, NULL},      {"tl.lm", "tl", G_LATIN, NULL},
    {"sw.lm", "sw", G_LATIN, NULL},      {"af.lm", "af", G_LATIN, NULL},
    {"cy.lm", "cy", G_LATIN, NULL},      {"mt.lm", "mt", G_LATIN, NULL},
    {"ru.lm", "ru", G_CYRILLIC, NULL},   {"uk.lm", "uk", G_CYRILLIC, NULL},
    {"bg.lm", "bg", G_CYRILLIC, NULL},   {"be.lm", "be", G_CYRILLIC, NULL},
    {"sr-Cyrl.lm", "sr", G_CYRILLIC, NULL}, {"mk.lm", "mk", G_CYRILLIC, NULL},
    {"kk.lm", "kk", G_CYR_ASIA, NULL},   {"ky.lm", "ky", G_CYR_ASIA, NULL},
    {"tg.lm", "tg", G_CYR_ASIA, NULL},   {"mn.lm", "mn", G_CYR_ASIA, NULL},
    {"tt.lm", "tt", G_CYR_ASIA, NULL},   {"uz-Cyrl.lm", "uz", G_CYR_ASIA, NULL},
    {"hi.lm", "hi", G_DEVANAGARI, NULL}, {"mr.lm", "mr", G_DEVANAGARI, NULL},
    {"ne.lm", "ne", G_DEVANAGARI, NULL},
};
#define NPROFILES (sizeof profiles / sizeof *profiles)

static pthread_once_t once = PTHREAD_ONCE_INIT;
/* The function-word table is built apart (fw_once): text that the
 * function words decide needs no profiles, whose loading (about 45M
 * instructions) is then skipped. */
static pthread_once_t fw_once = PTHREAD_ONCE_INIT;
static void build_fw_table(void);

/* ---- rank index -------------------------------------------------------------
 * textcat's distance between the text's fingerprint u and a profile is
 *   sum over the n-grams g of u of |rank_profile(g) - rank_u(g)|,
 *   or MAXOUTOFPLACE when the profile lacks g.
 * fp_Compare computes it by merging two sorted lists, once per profile: 40
 * merges of 800 string compares for a Latin-script text. The index below
 * maps each n-gram of any profile to its (profile, rank) pairs, so that one
 * hash lookup per n-gram of u scores every profile at once; the sums are
 * the same numbers fp_Compare returns. The n-gram lists are taken from the
 * library itself (fp_Print writes a fingerprint in rank order), so that
 * reading the profiles and building u stay textcat's own. An n-gram is
 * known by its 64-bit hash and length alone (no string to fetch and
 * compare at each of the 400 look-ups of a text; a collision among the
 * 20,000 n-grams has odds of about 1e-11). */

typedef struct posting {
    uint16_t profile, rank;
} posting;

typedef struct gram_slot {
    uint64_t hash;       /* gram_hash of the n-gram */
    uint32_t first;      /* postings[first .. first+n) */
    uint16_t n;
    uint8_t len;         /* bytes of the n-gram */
    bool used;           /* false: free slot */
} gram_slot;

static struct {
    gram_slot *slots;
    size_t cap;          /* power of two */
    posting *postings;
} idx;

static uint64_t gram_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The slot of the n-gram of n bytes whose gram_hash is h: its own slot,
 * or the free one where it would go. */
static gram_slot *gram_find_h(size_t n, uint64_t h)
{
    size_t k = (size_t)h & (idx.cap - 1);
    while (idx.slots[k].used && !(idx.slots[k].hash == h && idx.slots[k].len == n))
        k = (k + 1) & (idx.cap - 1);
    return &idx.slots[k];
}

/* Calls fn(ctx, gram, len, rank) for the n-grams of fingerprint fp in rank
 * order (rank 0 is the most frequent). */
static void each_gram(void *fp, void (*fn)(void *, const char *, size_t, uint16_t), void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    fp_Print(fp, f);
    fclose(f);
    uint16_t rank = 0;
    for (char *p = buf; p < buf + len;) {
        char *e = memchr(p, '\n', (size_t)(buf + len - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(buf + len - p);
        fn(ctx, p, n, rank++);
        p += n + 1;
    }
    free(buf);
}

typedef struct build_ctx {
    uint16_t profile;
    posting *tmp;        /* per slot index: chained in a second pass */
    size_t ntmp, captmp;
    uint32_t *slot_of;   /* slot index of each tmp posting */
} build_ctx;

static void add_gram(void *ctx, const char *g, size_t n, uint16_t rank)
{
    build_ctx *b = ctx;
    uint64_t h = gram_hash(g, n);
    gram_slot *s = gram_find_h(n, h);
    if (!s->used)
        *s = (gram_slot){.hash = h, .len = (uint8_t)n, .used = true};
    if (b->ntmp == b->captmp) {
        b->captmp = b->captmp ? b->captmp * 2 : 4096;
        b->tmp = sl_xrealloc(b->tmp, b->captmp * sizeof *b->tmp);
        b->slot_of = sl_xrealloc(b->slot_of, b->captmp * sizeof *b->slot_of);
    }
    b->tmp[b->ntmp] = (posting){b->profile, rank};
    b->slot_of[b->ntmp++] = (uint32_t)(s - idx.slots);
    s->n++;
}

static void build_index(void)
{
    idx.cap = 1u << 15; /* about 20,000 distinct n-grams at most */
    idx.slots = sl_xcalloc(idx.cap, sizeof *idx.slots);
    build_ctx b = {0};
    for (size_t i = 0; i < NPROFILES; i++) {
        if (!profiles[i].fp)
            continue;
        b.profile = (uint16_t)i;
        each_gram(profiles[i].fp, add_gram, &b);
    }
    /* lay the postings out slot by slot */
    uint32_t at = 0;
    for (size_t k = 0; k < idx.cap; k++) {
        idx.slots[k].first = at;
        at += idx.slots[k].n;
        idx.slots[k].n = 0;
    }
    idx.postings = sl_xmalloc((b.ntmp ? b.ntmp : 1) * sizeof *idx.postings);
    for (size_t t = 0; t < b.ntmp; t++) {
        gram_slot *s = &idx.slots[b.slot_of[t]];
        idx.postings[s->first + s->n++] = b.tmp[t];
    }
    free(b.tmp);
    free(b.slot_of);
}


static void load_profiles(void)
{
    for (size_t i = 0; i < NPROFILES; i++) {
        void *fp = fp_Init(profiles[i].code);
        if (!fp)
            continue;
        fp_SetProperty(fp, TCPROP_UTF8AWARE, TC_TRUE);
        char path[512];
        snprintf(path, sizeof path, "%s%s", SL_TEXTCAT_DIR, profiles[i].file);
        if (fp_Read(fp, path, SL_NGRAMS) == 0) {
            fp_Done(fp);
            continue;
        }
        profiles[i].fp = fp;
    }
    build_index();
}

/* Adds to dist the distances of the n-gram of n bytes whose gram_hash is
 * h, at rank in the text, to every profile that has it; the caller adds
 * MAXOUTOFPLACE per n-gram of the text. */
static void score_gram(long *dist, size_t n, uint64_t h, uint16_t rank)
{
    gram_slot *s = gram_find_h(n, h);
    if (!s->used)
        return;
    for (uint32_t k = 0; k < s->n; k++) {
        posting p = idx.postings[s->first + k];
        int d = (int)p.rank - (int)rank;
        dist[p.profile] += (d < 0 ? -d : d) - MAXOUTOFPLACE;
    }
}

/* ---- the text's fingerprint -------------------------------------------------
 * textcat's fingerprint of a text, built here without its hash chains, heap
 * and memory pool (which cost more than the comparison): the text is split
 * into words at spaces and digits, each word written as _word_; every run of
 * 1 to MAXNGRAMSYMBOL characters that has '_' only at its ends is counted;
 * the SL_NGRAMS most frequent ones, by rank, are the fingerprint. As in
 * textcat, counting stops at the first n-gram that reaches the end of the
 * sample. Equal counts are ranked by first occurrence (textcat's order among
 * them is its heap's), which changes a distance by a few ranks at most.
 * N-grams are told apart by their 64-bit hash and length (a collision
 * among the few thousand n-grams of a sample has odds of about 1e-12);
 * the hash of each n-gram extends that of the one a character shorter.
 * The n-grams are kept in arrays in order of first occurrence, found
 * through a table of their 16-bit indexes: the ten thousand look-ups of a
 * sample then stay in the first-level cache (a table of whole entries
 * would be several times its size). */

#define FP_SLOTS 8192         /* power of two, above the n-grams of NGRAM_BYTES */
#define FP_MAX (FP_SLOTS / 2) /* distinct n-grams counted: later rare ones are not ranked */

typedef struct fingerprint {
    uint16_t slot[FP_SLOTS]; /* 0: free, else 1 + the n-gram's index */
    uint64_t hash[FP_MAX];   /* gram_hash of each n-gram, by first occurrence */
    uint16_t count[FP_MAX];
    uint8_t len[FP_MAX];
    size_t nused;
} fingerprint;

/* Counts the n-gram of n bytes whose gram_hash is h. */
static inline void fp_count(fingerprint *f, size_t n, uint64_t h)
{
    size_t k = (size_t)h & (FP_SLOTS - 1);
    for (;;) {
        uint32_t e = f->slot[k];
        if (!e) {
            if (f->nused >= FP_MAX)
                return; /* table full enough: later rare n-grams are not ranked */
            f->hash[f->nused] = h;
            f->count[f->nused] = 1;
            f->len[f->nused] = (uint8_t)n;
            f->slot[k] = (uint16_t)++f->nused;
            return;
        }
        if (f->hash[e - 1] == h && f->len[e - 1] == n) {
            if (f->count[e - 1] < UINT16_MAX)
                f->count[e - 1]++;
            return;
        }
        k = (k + 1) & (FP_SLOTS - 1);
    }
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s, const char *end)
{
    size_t k = 1;
    while (s + k < end && ((unsigned char)s[k] & 0xC0) == 0x80 && k < 4)
        k++;
    return k;
}

static bool fp_invalid(unsigned char c)
{
    return isspace(c) || isdigit(c);
}

/* Writes text as textcat's "_word_word" form into out (2 * len + 3 bytes);
 * returns its length. */
static size_t fp_prepare(const char *text, size_t len, char *out)
{
    size_t w = 0, i = 0;
    while (i < len && fp_invalid((unsigned char)text[i]))
        i++;
    if (i == len)
        return 0;
    out[w++] = '_';
    while (i < len) {
        if (fp_invalid((unsigned char)text[i])) {
            while (i < len && fp_invalid((unsigned char)text[i]))
                i++;
            out[w++] = '_';
            continue;
        }
        out[w++] = text[i++];
    }
    return w;
}

/* FNV-1a (gram_hash) of h's n-gram extended by the bytes [p, q). */
static inline uint64_t hash_more(uint64_t h, const char *p, const char *q)
{
    for (; p < q; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static void fp_build(fingerprint *f, const char *buf, size_t n)
{
    if (!n)
        return;
    /* where each character starts (char_len's steps), and the end: an
     * n-gram of i characters from character j is at[j] .. at[j + i] */
    uint32_t *at = sl_xmalloc((n + 1) * sizeof *at);
    size_t nc = 0;
    for (size_t i = 0; i < n; i += char_len(buf + i, buf + n))
        at[nc++] = (uint32_t)i;
    at[nc] = (uint32_t)n;
    for (size_t j = 0; j < nc; j++) {
        const char *p = buf + at[j];
        uint64_t h = hash_more(1469598103934665603ull, p, buf + at[j + 1]);
        fp_count(f, at[j + 1] - at[j], h);
        if (j + 1 >= nc)
            break;
        for (size_t i = 2; i <= MAXNGRAMSYMBOL; i++) {
            bool boundary = buf[at[j + i - 1]] == '_';
            h = hash_more(h, buf + at[j + i - 1], buf + at[j + i]);
            fp_count(f, at[j + i] - at[j], h);
            if (boundary)
                break;
            if (j + i >= nc) { /* this n-gram reached the end of the sample */
                free(at);
                return;
            }
        }
    }
    free(at);
}

/* The indexes of f's SL_NGRAMS most frequent n-grams into top, by count and
 * then first occurrence (a counting sort: one pass, no comparisons). */
static size_t fp_top(const fingerprint *f, uint32_t *top)
{
    enum { MAXC = 4096 };
    static _Thread_local uint32_t at[MAXC + 1];
    /* only the buckets up to the highest count are used: a sample's
     * counts are mostly small */
    uint32_t top_c = 0;
    for (size_t i = 0; i < f->nused; i++) {
        uint32_t c = f->count[i];
        if (c > top_c)
            top_c = c;
    }
    if (top_c > MAXC)
        top_c = MAXC;
    memset(at, 0, (top_c + 1) * sizeof *at);
    for (size_t i = 0; i < f->nused; i++) {
        uint32_t c = f->count[i];
        at[c < MAXC ? c : MAXC]++;
    }
    /* bucket starts, highest count first */
    uint32_t pos = 0;
    for (size_t c = top_c + 1; c-- > 1;) {
        uint32_t k = at[c];
        at[c] = pos;
        pos += k;
    }
    size_t n = 0;
    for (size_t i = 0; i < f->nused; i++) {
        uint32_t c = f->count[i];
        uint32_t r = at[c < MAXC ? c : MAXC]++;
        if (r < SL_NGRAMS) {
            top[r] = (uint32_t)i;
            n++;
        }
    }
    return n;
}

/* Adds to dist[p] textcat's distance from text to every profile p.
 * Returns false when the text makes no n-gram. */
static bool score_text(const char *text, size_t len, long *dist)
{
    /* one table per thread, its index table cleared after use (a fresh
     * one would cost a page-sized allocation per text) */
    static _Thread_local fingerprint fpt;
    fingerprint *f = &fpt;
    f->nused = 0;
    char *buf = sl_xmalloc(2 * len + 3);
    size_t n = fp_prepare(text, len, buf);
    fp_build(f, buf, n);
    uint32_t top[SL_NGRAMS];
    size_t ntop = fp_top(f, top);
    for (size_t r = 0; r < ntop; r++) {
        score_gram(dist, f->len[top[r]], f->hash[top[r]], (uint16_t)r);
    }
    for (size_t i = 0; i < NPROFILES; i++)
        dist[i] += (long)ntop * MAXOUTOFPLACE;
    memset(f->slot, 0, sizeof f->slot);
    f->nused = 0;
    free(buf);
    return ntop > 0;
}

/* Languages close enough that textcat's ranking between them is a coin
 * toss but either answer groups the text with its neighbours. */
static bool same_family(const char *a, const char *b)
{
    static const char *fam[] = {"sr bs hr", "id ms", NULL};
    for (int i = 0; fam[i]; i++)
        if (strstr(fam[i], a) && strstr(fam[i], b))
            return true;
    return false;
}

/* The most frequent function words of Latin-script languages: they tell
 * apart neighbours textcat confuses (Spanish, Catalan, Galician,
 * Portuguese, Italian, French, English, German, Dutch; Indonesian and
 * Malay; Danish, Norwegian and Swedish), and decide most running text of
 * those languages and of Romanian, Turkish, Hungarian and Vietnamese
 * without the n-gram profiles, and of Czech, Slovak, Polish and Slovenian
 * (a Croatian list keeps the South Slavic group apart; see fw_accept).
 * The lists of related languages share words and differ in the ones
 * each language alone uses. Space-separated,
 * lowercase; at most 32 lists (a bit mask per word). */
static const struct {
    const char *code, *words;
} fwords[] = {
    {"es", "el los las y una por con pero para como fue del al ya muy"},
    {"ca", "els les amb i dels aquest aquesta per\xC3\xB2 va seva seu \xC3\xA9s molt"},
    {"gl", "unha non polo pola coa do da e o os as no na moi"},
    {"pt", "uma n\xC3\xA3o pelo pela do da e o os as em com no na muito"},
    {"it", "il gli della che di \xC3\xA8 per una non sono nel alla"},
    {"fr", "le les des du et est une pour dans que sur pas au"},
    {"en", "the of and to is that for with was on by"},
    {"de", "der die und das ist nicht mit von den dem auf"},
    {"nl", "de het een en van niet met op voor zijn"},
    {"ro", "\xC8\x99i \xC5\x9Fi \xC3\xAEn care este c\xC4\x83 cu pe din pentru "
           "fost sunt s\xC4\x83 acest aceast\xC4\x83 despre sau"},
    {"tr", "ve bir bu i\xC3\xA7in ile olarak \xC3\xA7ok daha gibi olan sonra kadar "
           "de\xC4\x9Fil ancak ise"},
    {"hu", "az \xC3\xA9s hogy nem egy meg volt van csak m\xC3\xA1r m\xC3\xA9g mint "
           "szerint ut\xC3\xA1n amely pedig"},
    {"id", "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke "
           "oleh telah karena bahwa adalah bisa saat tersebut setelah"},
    {"ms", "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke "
           "oleh telah kerana bahawa ialah boleh semasa selepas apabila"},
    {"vi", "c\xE1\xBB\xA7" "a v\xC3\xA0 c\xC3\xA1" "c l\xC3\xA0 c\xC3\xB3 trong "
           "\xC4\x91\xC6\xB0\xE1\xBB\xA3" "c cho nh\xE1\xBB\xAFng v\xE1\xBB\x9Bi "
           "kh\xC3\xB4ng n\xC3\xA0y m\xE1\xBB\x99t ng\xC6\xB0\xE1\xBB\x9Di "
           "\xC4\x91\xC3\xA3 \xC4\x91\xE1\xBB\x83 khi \xC4\x91\xE1\xBA\xBFn theo "
           "v\xE1\xBB\x81 t\xE1\xBB\xAB"},
    {"sv", "och att det \xC3\xA4r som p\xC3\xA5 f\xC3\xB6r med till av inte har "
           "var ocks\xC3\xA5 hade efter"},
    {"da", "og at det er til p\xC3\xA5 som med af ikke har var efter blev havde ogs\xC3\xA5 "
           "siger nu nogle hvad"},
    {"nb", "og at det er til p\xC3\xA5 som med av ikke har var etter ble hadde ogs\xC3\xA5 "
           "sier n\xC3\xA5 noen hva"},
    {"cs", "je se na \xC5\xBE" "e to jsou kter\xC3\xBD kter\xC3\xA1 kter\xC3\xA9 tak\xC3\xA9 jako ale byl bylo jeho podle p\xC5\x99i nebo u\xC5\xBE jsem ne\xC5\xBE kdy\xC5\xBE"},
    {"sk", "je sa na \xC5\xBE" "e to s\xC3\xBA ktor\xC3\xBD ktor\xC3\xA1 ktor\xC3\xA9 tie\xC5\xBE ako ale bol bolo jeho pod\xC4\xBE" "a pri alebo u\xC5\xBE som ne\xC5\xBE ke\xC4\x8F"},
    {"pl", "si\xC4\x99 nie na \xC5\xBC" "e to jest w z do jak ale by\xC5\x82 by\xC5\x82o jego kt\xC3\xB3ry kt\xC3\xB3ra kt\xC3\xB3re tak\xC5\xBC" "e oraz przez czy tylko"},
    {"sl", "je se na da in za so ki pa tudi kot ali bil bilo ter ob pri ker lahko \xC5\xBE" "e"},
    {"hr", "je se na da i u za su koji koja koje kao ali bio bilo od iz \xC5\xA1to tako\xC4\x91" "er nakon prema samo"},
};

/* The next word of text[*i..len) (a run without spaces, line breaks and
 * ASCII punctuation): its start in *st; returns its length, 0 at the end. */
/* Bytes that end a word for next_word: space, line break and ASCII
 * punctuation (ispunct of the C locale). */
static const bool word_sep[256] = {
    [' '] = true, ['\n'] = true, ['!'] = true, ['"'] = true, ['#'] = true, ['$'] = true,
    ['%'] = true, ['&'] = true, ['\''] = true, ['('] = true, [')'] = true, ['*'] = true,
    ['+'] = true, [','] = true, ['-'] = true, ['.'] = true, ['/'] = true, [':'] = true,
    [';'] = true, ['<'] = true, ['='] = true, ['>'] = true, ['?'] = true, ['@'] = true,
    ['['] = true, ['\\'] = true, [']'] = true, ['^'] = true, ['_'] = true, ['`'] = true,
    ['{'] = true, ['|'] = true, ['}'] = true, ['~'] = true
};

static size_t next_word(const char *text, size_t len, size_t *i, size_t *st)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t k = *i;
    while (k < len && word_sep[u[k]])
        k++;
    *st = k;
    while (k < len && !word_sep[u[k]])
        k++;
    *i = k;
    return k - *st;
}

/* Hits of language code's function words among the words of text. */
static size_t fword_hits(const char *text, size_t len, const char *code)
{
    const char *list = NULL;
    for (size_t i = 0; i < sizeof fwords / sizeof *fwords; i++)
        if (!strcmp(fwords[i].code, code))
            list = fwords[i].words;
    if (!list)
        return 0;
    size_t hits = 0, i = 0, st, n;
    while ((n = next_word(text, len, &i, &st)) != 0) {
        for (const char *w = list; *w;) {
            size_t wl = strcspn(w, " ");
            if (wl == n && strncasecmp(w, text + st, n) == 0) {
                hits++;
                break;
            }
            w += wl;
            while (*w == ' ')
                w++;
        }
    }
    return hits;
}

/* ---- function-word shortcut ---------------------------------------------
 * Running text in one of the fwords languages is mostly decided by its
 * function words alone: when one language's list covers a large share of
 * the words and clearly more than any other list, that is the answer and
 * the n-gram fingerprint (the costly part) is skipped. Texts in languages
 * without a list hit few of these words and go on to the n-grams. */

#define FW_SLOTS 1024
#define FW_MIN_WORDS 30 /* fewer words: let the n-grams decide */
#define FW_BYTES 12  /* a listed word is shorter */
/* A word as a key: its bytes zero-padded to FW_BYTES, as two numbers (two
 * compares per probe, no call to memcmp). */
typedef struct fw_key {
    uint64_t lo;
    uint32_t hi;
} fw_key;

static struct {
    fw_key key;     /* lo 0: free slot (words are not empty) */
    uint32_t langs; /* bit i: fwords[i] lists the word */
} fw_table[FW_SLOTS];

static size_t fw_maxlen; /* bytes of the longest word in fw_table */

/* The key of w[0..FW_BYTES), zero after the word. */
static fw_key fw_key_of(const char *w)
{
    fw_key k;
    memcpy(&k.lo, w, 8);
    memcpy(&k.hi, w + 8, 4);
    return k;
}

static size_t fw_slot(fw_key w)
{
    size_t k = (size_t)(((w.lo ^ ((uint64_t)w.hi << 29)) * 0x9E3779B97F4A7C15ull) >> 54) &
               (FW_SLOTS - 1);
    while (fw_table[k].key.lo && (fw_table[k].key.lo != w.lo || fw_table[k].key.hi != w.hi))
        k = (k + 1) & (FW_SLOTS - 1);
    return k;
}

/* Words of the fwords lists that are as common in other languages of the
 * lists, which do not list them (Spanish "de" and "en" are Dutch words
 * too, Italian "e" is the Portuguese and Galician one): for the shortcut
 * they are function words of all those languages, and so tell none of them
 * apart. Tie-breaks keep using fwords alone. */
static const struct {
    const char *word, *codes;
} fw_also[] = {
    {"de", "es pt fr ca gl"}, {"en", "es fr ca"}, {"que", "es pt ca gl"}, {"no", "es"},
    {"una", "ca"},            {"con", "it"},      {"del", "it"},          {"al", "it ca"},
    {"per", "ca"},            {"e", "it"},        {"o", "es it"},         {"el", "ca"},
    {"il", "fr"},             {"da", "it"},       {"as", "en"},           {"is", "nl"},
    {"was", "nl"},            {"on", "fr"},       {"por", "pt gl"},       {"para", "pt gl"},
    {"como", "pt gl"},        {"pero", "gl"},     {"i", "it"},            {"non", "fr"},
    {"este", "es pt"},        {"nem", "pt"},      {"som", "nl"},          {"den", "da nb sv"},
    {"der", "da nb"},         {"in", "it de nl en"},  {"to", "en"},
    {"se", "es pt it fr ca gl"}, {"je", "fr"},    {"su", "es it"},        {"so", "de en"},
    {"ob", "de"},             {"ter", "pt gl"},
};

static size_t fw_lang(const char *code)
{
    for (size_t i = 0; i < sizeof fwords / sizeof *fwords; i++)
        if (!strcmp(fwords[i].code, code))
            return i;
    return SIZE_MAX;
}

static void fw_add(const char *w, size_t n, size_t lang)
{
    if (n > 0 && n < FW_BYTES && lang < 32) {
        char pad[FW_BYTES] = {0};
        memcpy(pad, w, n);
        size_t k = fw_slot(fw_key_of(pad));
        fw_table[k].key = fw_key_of(pad);
        if (n > fw_maxlen)
            fw_maxlen = n;
        fw_table[k].langs |= 1u << lang;
    }
}

static void build_fw_table(void)
{
    for (size_t i = 0; i < sizeof fwords / sizeof *fwords; i++)
        for (const char *w = fwords[i].words; *w;) {
            size_t n = strcspn(w, " ");
            fw_add(w, n, i);
            w += n;
            while (*w == ' ')
                w++;
        }
    for (size_t i = 0; i < sizeof fw_also / sizeof *fw_also; i++)
        for (const char *c = fw_also[i].codes; *c;) {
            char code[4] = {0};
            size_t n = strcspn(c, " ");
            memcpy(code, c, n < 3 ? n : 3);
            fw_add(fw_also[i].word, strlen(fw_also[i].word), fw_lang(code));
            c += n;
            while (*c == ' ')
                c++;
        }
}

/* Index of the largest of v[0..n) (the first on ties); *second gets the
 * largest of the others. */
static size_t leader(const size_t *v, size_t n, size_t *second)
{
    size_t b = 0;
    for (size_t l = 1; l < n; l++)
        if (v[l] > v[b])
            b = l;
    *second = 0;
    for (size_t l = 0; l < n; l++)
        if (l != b && v[l] > *second)
            *second = v[l];
    return b;
}

/* The fwords language of text when function words make at least 12% of
 * its words (the text is in one of these languages) and one language
 * clearly leads: either by all its function words (at least twice the
 * hits of any other list), or by the words only it has (at least 3% of
 * the words, twice the distinctive hits of any other and 3 more), or by
 * both (more hits than any other list, and at least 5 words of its own
 * and three times those of any other plus 5); NULL otherwise. */
/* The shortcut's answer code, or NULL where the n-grams decide better:
 * Croatian, Serbian and Bosnian share their function words (the Croatian
 * list stands for all three, so that their text is not taken for
 * Slovenian, Czech or Slovak), and Slovenian writes no ć or đ. */
static const char *fw_accept(const char *code, const char *text, size_t len)
{
    if (!strcmp(code, "hr"))
        return NULL;
    if (!strcmp(code, "sl") &&
        (memmem(text, len, "\xC4\x87", 2) || memmem(text, len, "\xC4\x91", 2) ||
         memmem(text, len, "\xC4\x86", 2) || memmem(text, len, "\xC4\x90", 2)))
        return NULL;
    return code;
}

/* The first position at or after i whose bit in m[0..nb) is set (of m ^ flip); nb * 64
 * when none is. */
static inline size_t next_bit(const uint64_t *m, size_t nb, size_t i, uint64_t flip)
{
    size_t b = i >> 6;
    if (b >= nb)
        return nb * 64;
    uint64_t w = (m[b] ^ flip) & (~0ull << (i & 63));
    while (!w) {
        if (++b >= nb)
            return nb * 64;
        w = m[b] ^ flip;
    }
    return b * 64 + (size_t)__builtin_ctzll(w);
}

/* Bit i: byte i of the 64 at p ends a word for next_word (word_sep). */
static uint64_t seps64(const unsigned char *p)
{
    uint64_t m = 0;
#ifdef __SSE2__
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
#define IN(a, b) _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)((a) - 1))), \
                               _mm_cmplt_epi8(v, _mm_set1_epi8((char)((b) + 1))))
        __m128i sep = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                   _mm_or_si128(_mm_or_si128(IN(0x21, 0x2F), IN(0x3A, 0x40)),
                                                _mm_or_si128(IN(0x5B, 0x60), IN(0x7B, 0x7E))));
#undef IN
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(sep) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++)
        m |= (uint64_t)word_sep[p[k]] << k;
#endif
    return m;
}

typedef struct fw_tally {
    size_t hits[sizeof fwords / sizeof *fwords], own[sizeof fwords / sizeof *fwords];
    size_t words, any;
} fw_tally;

/* What fword_shortcut has counted of a text's sample so far: the words
 * that end before the sample's end (a longer sample of the same text has
 * the same ones) and the position after the last of them, where the
 * next look at a longer sample goes on. Zero: nothing counted yet. */
typedef struct fw_seen {
    fw_tally t;
    size_t at;
} fw_seen;

/* Counts the word of n bytes at w for fword_shortcut. */
static void fw_word(fw_tally *t, const char *s, size_t n)
{
    t->words++;
    if (n > fw_maxlen) /* longer than any listed word */
        return;
    char w[FW_BYTES] = {0};
    for (size_t j = 0; j < n; j++) {
        unsigned char c = (unsigned char)s[j];
        w[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c); /* tolower of the C locale */
    }
    uint32_t m = fw_table[fw_slot(fw_key_of(w))].langs;
    t->any += m != 0;
    if (m && !(m & (m - 1))) /* one language only */
        t->own[__builtin_ctz(m)]++;
    for (; m; m &= m - 1) /* each language that lists it */
        t->hits[__builtin_ctz(m)]++;
}

/* seen: what an earlier call counted of a shorter sample of the same
 * text (sl_lang_detect looks at 640 bytes, then 1.5 KB, then 4 KB, and
 * so counts each word once), updated; NULL for none. */
static const char *fword_shortcut(const char *text, size_t len, fw_seen *seen)
{
    enum { NL = sizeof fwords / sizeof *fwords };
    fw_seen none = {0};
    if (!seen || len > SCAN_BYTES)
        seen = &none;
    fw_tally t;
    if (len <= SCAN_BYTES) {
        /* a sample: the separators 64 bytes at a time (next_word's words),
         * from the block where the last look stopped */
        enum { MAXB = SCAN_BYTES / 64 + 1 };
        uint64_t S[MAXB];
        size_t nb = (len + 63) / 64;
        for (size_t b = seen->at / 64; b < nb; b++) {
            const unsigned char *p = (const unsigned char *)text + 64 * b;
            unsigned char pad[64];
            if (64 * b + 64 > len) { /* the tail, padded with separators */
                memset(pad, ' ', sizeof pad);
                memcpy(pad, p, len - 64 * b);
                p = pad;
            }
            S[b] = seps64(p);
        }
        size_t last = len, i = seen->at;
        for (;;) {
            size_t st = next_bit(S, nb, i, ~0ull);
            if (st >= len)
                break;
            i = next_bit(S, nb, st, 0);
            if (i >= len) { /* the word that the sample's end cuts: this look's only */
                last = st;
                break;
            }
            fw_word(&seen->t, text + st, i - st);
            seen->at = i;
        }
        t = seen->t;
        if (last < len)
            fw_word(&t, text + last, len - last);
    } else {
        memset(&t, 0, sizeof t);
        size_t i = 0, st, n;
        while ((n = next_word(text, len, &i, &st)) != 0)
            fw_word(&t, text + st, n);
    }
    size_t *hits = t.hits, *own = t.own, words = t.words, any = t.any;
    if (words < FW_MIN_WORDS || any * 100 < words * 12)
        return NULL;
    size_t h2, o2, b = leader(hits, NL, &h2), o = leader(own, NL, &o2);
    if (hits[b] * 100 >= words * 12 && hits[b] >= 2 * h2 + 3)
        return fw_accept(fwords[b].code, text, len);
    if (own[o] * 100 >= words * 3 && own[o] >= 2 * o2 + 3)
        return fw_accept(fwords[o].code, text, len);
    /* close neighbours share most words: the one that leads on all its
     * words and has several of its own where the others have almost none */
    if (o == b && hits[b] > h2 && own[o] >= 3 * o2 + 5)
        return fw_accept(fwords[o].code, text, len);
    return NULL;
}

/* Between two close n-gram answers, the one whose function words clearly
 * occur more often; NULL when that does not settle it either. */
static const char *tie_break(const char *text, size_t len, const char *a, const char *b)
{
    size_t ha = fword_hits(text, len, a), hb = fword_hits(text, len, b);
    if (ha >= 2 && ha * 2 >= hb * 3)
        return a;
    if (hb >= 2 && hb * 2 >= ha * 3)
        return b;
    return NULL;
}

/* One pass over the lead bytes C4 (memchr) instead of a memmem per letter. */
bool sl_lang_has_c_acute_or_d_stroke(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p + 1 < end && (p = memchr(p, 0xC4, (size_t)(end - 1 - p))) != NULL) {
        unsigned char t = (unsigned char)p[1];
        if ((t & 0xFE) == 0x86 || (t & 0xFE) == 0x90)
            return true;
        p++;
    }
    return false;
}

/* Best profile of group for text, or NULL when too short or unsure (the
 * runner-up of another language within 1.5% of the best distance). */
static const char *ngram_guess(const char *text, size_t len, int group)
{
    /* Slovenian writes no ć or đ: keep it out when they occur */
    bool no_sl = group == G_LATIN && sl_lang_has_c_acute_or_d_stroke(text, len);
    if (len < MIN_NGRAM_BYTES)
        return NULL;
    if (len > NGRAM_BYTES) {
        len = NGRAM_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* do not cut a UTF-8 sequence */
    }
    pthread_once(&once, load_profiles);
    const char *best = NULL;
    long dist[NPROFILES] = {0};
    if (score_text(text, len, dist)) {
        long s1 = LONG_MAX, s2 = LONG_MAX;
        const char *second = NULL;
        for (size_t i = 0; i < NPROFILES; i++) {
            if (profiles[i].group != group || !profiles[i].fp ||
                (no_sl && !strcmp(profiles[i].code, "sl")))
                continue;
            long s = dist[i];
            if (s < s1) {
                s2 = s1;
                second = best;
                s1 = s;
                best = profiles[i].code;
            } else if (s < s2) {
                s2 = s;
                second = profiles[i].code;
            }
        }
        if (best && second && !same_family(best, second) && (double)s2 < (double)s1 * 1.015)
            best = tie_break(text, len, best, second);
    }
    return best;
}

/* ---- scripts --------------------------------------------------------------- */

typedef struct counts {
    size_t letters, latin, cyr, greek, hebrew, arabic, han, kana, hangul, thai, georgian,
        armenian, devanagari, bengali, tamil, telugu, malayalam, gujarati, gurmukhi, kannada,
        sinhala, khmer, lao, myanmar, ethiopic;
    /* Cyrillic marks */
    size_t ru, uk, be, bg, sr, mk, srx, asia, i_dot;
    /* Arabic-script marks */
    size_t urdu, persian, arabic_kaf_yeh;
    size_t unmarked; /* see cyr_mark */
} counts;

static void count_cyrillic(counts *c, int32_t lc)
{
    switch (lc) {
    case 0x044B: case 0x044D: case 0x0451: c->ru++; break;       /* ы э ё */
    case 0x0457: case 0x0454: case 0x0491: c->uk++; break;       /* ї є ґ */
    case 0x0456: c->i_dot++; break;                              /* і */
    case 0x045E: c->be++; break;                                 /* ў */
    case 0x044A: c->bg++; break;                                 /* ъ */
    case 0x0452: case 0x045B: c->srx++; break;                   /* ђ ћ */
    case 0x0458: case 0x0459: case 0x045A: case 0x045F: c->sr++; break; /* ј љ њ џ */
    case 0x0453: case 0x045C: case 0x0455: c->mk++; break;       /* ѓ ќ ѕ */
    case 0x04D9: case 0x0493: case 0x049B: case 0x04A3: case 0x04E9: case 0x04B1:
    case 0x04AF: case 0x04BB: case 0x04B3: case 0x04B7: case 0x04E3: case 0x04EF:
    case 0x0497: case 0x0499: case 0x04A1: case 0x04AB:
        c->asia++;
        break;
    default: break;
    }
}

static void count_arabic(counts *c, int32_t cp)
{
    switch (cp) {
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: case 0x06C1:
        c->urdu++;
        break;
    case 0x067E: case 0x0686: case 0x0698: case 0x06AF: case 0x06A9: case 0x06CC:
        c->persian++;
        break;
    case 0x0643: case 0x064A: case 0x0629:
        c->arabic_kaf_yeh++;
        break;
    default: break;
    }
}

/* Counts letter cp; lc is its lower case. */
static void count_letter(counts *c, int32_t cp, int32_t lc)
{
    c->letters++;
    if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00))
        c->latin++;
    else if (cp >= 0x400 && cp < 0x530) {
        c->cyr++;
        count_cyrillic(c, lc);
    } else if (cp >= 0x370 && cp < 0x400)
        c->greek++;
    else if (cp >= 0x530 && cp < 0x590)
        c->armenian++;
    else if (cp >= 0x590 && cp < 0x600)
        c->hebrew++;
    else if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) ||
             (cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00)) {
        c->arabic++;
        count_arabic(c, cp);
    } else if (cp >= 0x900 && cp < 0x980)
        c->devanagari++;
    else if (cp >= 0x980 && cp < 0xA00)
        c->bengali++;
    else if (cp >= 0xA00 && cp < 0xA80)
        c->gurmukhi++;
    else if (cp >= 0xA80 && cp < 0xB00)
        c->gujarati++;
    else if (cp >= 0xB80 && cp < 0xC00)
        c->tamil++;
    else if (cp >= 0xC00 && cp < 0xC80)
        c->telugu++;
    else if (cp >= 0xC80 && cp < 0xD00)
        c->kannada++;
    else if (cp >= 0xD00 && cp < 0xD80)
        c->malayalam++;
    else if (cp >= 0xD80 && cp < 0xE00)
        c->sinhala++;
    else if (cp >= 0xE00 && cp < 0xE80)
        c->thai++;
    else if (cp >= 0xE80 && cp < 0xF00)
        c->lao++;
    else if (cp >= 0x1000 && cp < 0x10A0)
        c->myanmar++;
    else if (cp >= 0x10A0 && cp < 0x1100)
        c->georgian++;
    else if (cp >= 0x1100 && cp < 0x1200)
        c->hangul++;
    else if (cp >= 0x1200 && cp < 0x1400)
        c->ethiopic++;
    else if (cp >= 0x1780 && cp < 0x1800)
        c->khmer++;
    else if (cp >= 0x3040 && cp < 0x3100)
        c->kana++;
    else if ((cp >= 0x4E00 && cp < 0xA000) || (cp >= 0x3400 && cp < 0x4DC0))
        c->han++;
    else if (cp >= 0xAC00 && cp < 0xD7B0)
        c->hangul++;
}

/* The counter (a size_t of counts, by its index) that count_cyrillic
 * adds a letter of U+0400-U+047F to, both cases; "unmarked" for the
 * letters no language stands out by. A look-up instead of its switch for
 * every letter of Russian or Ukrainian text (the switch's indirect jump
 * mispredicts letter after letter). Made once from count_cyrillic itself. */
static uint8_t cyr_mark[0x80];
static pthread_once_t cyr_once = PTHREAD_ONCE_INIT;

static void build_cyr_mark(void)
{
    const sl_cpinfo *T = sl_cp_table();
    for (int32_t cp = 0x400; cp < 0x480; cp++) {
        counts probe = {0};
        count_cyrillic(&probe, T[cp].lower);
        const size_t *f = (const size_t *)(const void *)&probe;
        size_t at = offsetof(counts, unmarked) / sizeof(size_t);
        for (size_t k = 0; k < sizeof probe / sizeof(size_t); k++)
            if (f[k])
                at = k;
        assert(at < 256);
        cyr_mark[cp - 0x400] = (uint8_t)at;
        /* what cyr_plain_run8 takes for unmarked */
        int plain = cp >= 0x410 && cp < 0x450 && (cp & 0x1F) != 0x0A && (cp & 0x1F) != 0x0B &&
                    (cp & 0x1F) != 0x0D;
        assert(!plain || at == offsetof(counts, unmarked) / sizeof(size_t));
        (void)plain;
    }
}

#ifdef __SSE2__
/* How many of the 8 two-byte characters at s (16 bytes) are, before the
 * first that is not, Russian letters no language stands out by: А-Я and
 * а-я (U+0410-U+044F) less Ъ Ы Э ъ ы э (cyr_mark gives each of them
 * "unmarked"; build_cyr_mark checks that). Each lane is one character:
 * its lead byte D0 or D1 and a continuation byte, whose index in
 * U+0400-U+047F is (lead & 1) << 6 | (cont & 0x3F). */
static inline size_t cyr_plain_run8(const unsigned char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)s);
    __m128i two = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xC0FE)),
                                  _mm_set1_epi16((short)0x80D0));
    __m128i idx = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi16(1)), 6),
                               _mm_and_si128(_mm_srli_epi16(v, 8), _mm_set1_epi16(0x3F)));
    __m128i in = _mm_and_si128(_mm_cmpgt_epi16(idx, _mm_set1_epi16(0x0F)),
                               _mm_cmplt_epi16(idx, _mm_set1_epi16(0x50)));
    __m128i low = _mm_and_si128(idx, _mm_set1_epi16(0x1F));
    __m128i mark = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(low, _mm_set1_epi16(0x0A)),
                                             _mm_cmpeq_epi16(low, _mm_set1_epi16(0x0B))),
                                _mm_cmpeq_epi16(low, _mm_set1_epi16(0x0D)));
    __m128i ok = _mm_andnot_si128(mark, _mm_and_si128(two, in));
    unsigned m = (unsigned)_mm_movemask_epi8(ok);
    return (size_t)__builtin_ctz(~m) / 2; /* bit 16 of ~m is set */
}
#endif

static void count_text(counts *c, const char *text, size_t len)
{
    const sl_cpinfo *T = sl_cp_table();
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        /* eight ASCII bytes at a time: letters are the bytes that, with
         * bit 0x20 set, fall in 'a'..'z' */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            uint64_t x = w | 0x2020202020202020ull, lo = 0x7F7F7F7F7F7F7F7Full;
            /* high bit of each byte: x >= 'a' and x <= 'z' */
            uint64_t ge = ((x & lo) + 0x1F1F1F1F1F1F1F1Full) & ~lo;  /* x + 0x1F >= 0x80 */
            uint64_t le = ~((x & lo) + 0x0505050505050505ull) & ~lo; /* x + 5 < 0x80 */
            size_t k = (size_t)((((ge & le) >> 7) * 0x0101010101010101ull) >> 56); /* bytes set */
            c->letters += k;
            c->latin += k;
            i += 8;
        }
        if (i >= len)
            break;
        if (u[i] < 0x80) { /* ASCII: a letter is a Latin letter */
            if ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z') {
                c->letters++;
                c->latin++;
            }
            i++;
            continue;
        }
        /* U+0400-U+047F (lead D0 or D1), all letters: most of a Russian
         * or Ukrainian text, counted without the script tests; first a
         * run of the unmarked ones eight at a time */
#ifdef __SSE2__
        if ((u[i] & 0xFE) == 0xD0 && i + 16 <= len) {
            size_t r = cyr_plain_run8(u + i);
            if (r) {
                c->letters += r;
                c->cyr += r;
                c->unmarked += r;
                i += 2 * r;
                continue;
            }
        }
#endif
        if ((u[i] & 0xFE) == 0xD0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            int32_t cp = ((int32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
            c->letters++;
            c->cyr++;
            ((size_t *)(void *)c)[cyr_mark[cp - 0x400]]++;
            i += 2;
            continue;
        }
        /* other two-byte letters (Latin, Greek, Cyrillic, ...) from the
         * code point table, the rest from utf8proc */
        int32_t cp;
        int k = sl_utf8_next(u + i, len - i, &cp);
        if (k < 0) {
            i++;
            continue;
        }
        if (cp < SL_CP_SMALL) {
            if (T[cp].cls & SL_CP_LETTER)
                count_letter(c, cp, T[cp].lower);
        } else if (sl_cp_class(cp) & SL_CP_LETTER) {
            count_letter(c, cp, sl_cp_lower(cp));
        }
        i += (size_t)k;
    }
}

/* ---- per-script decisions ---------------------------------------------- */

static const char *cyrillic(const counts *c, const char *text, size_t len)
{
    size_t n = c->cyr;
    if (c->asia * 100 >= n && c->asia >= 2)
        return ngram_guess(text, len, G_CYR_ASIA);
    if (c->mk >= 2 && c->mk >= c->srx)
        return "mk";
    if ((c->srx + c->sr) >= 2 && (c->srx + c->sr) * 200 >= n)
        return c->srx ? "sr" : ngram_guess(text, len, G_CYRILLIC);
    if (c->be >= 1 && c->ru >= 1 && c->i_dot >= 1)
        return "be";
    size_t uk = c->uk + c->i_dot;
    if ((uk >= 2 && uk > 3 * c->ru) || (uk >= 1 && c->ru == 0 && c->be == 0))
        return "uk";
    if (c->ru >= 1 && c->ru >= uk)
        return "ru";
    if (c->bg * 100 >= n && c->bg >= 2)
        return "bg";
    return ngram_guess(text, len, G_CYRILLIC);
}

static const char *arabic(const counts *c)
{
    if (c->urdu >= 2 && c->urdu * 100 >= c->arabic)
        return "ur";
    if (c->persian > c->arabic_kaf_yeh)
        return "fa";
    return "ar";
}

/* Share of common English function words among the words of text, as a
 * quick test that spares the n-gram comparison for most English text. The
 * words are compared as numbers: up to five lowercase letters, the first
 * in the low byte. */
#define W2(a, b) ((uint64_t)(a) | (uint64_t)(b) << 8)
#define W3(a, b, c) (W2(a, b) | (uint64_t)(c) << 16)
#define W4(a, b, c, d) (W3(a, b, c) | (uint64_t)(d) << 24)
#define W5(a, b, c, d, e) (W4(a, b, c, d) | (uint64_t)(e) << 32)
/* Bit i: byte i of the 64 at p is an ASCII letter; *high gets the bytes
 * at or above 0x80. */
static uint64_t letters64(const unsigned char *p, uint64_t *high)
{
    uint64_t m = 0, h = 0;
#ifdef __SSE2__
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i x = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* bytes above 0x7F stay negative */
        __m128i l = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(l) << (16 * k);
        h |= (uint64_t)(uint16_t)_mm_movemask_epi8(v) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        m |= (uint64_t)((unsigned)((p[k] | 0x20) - 'a') < 26) << k;
        h |= (uint64_t)(p[k] >> 7) << k;
    }
#endif
    *high = h;
    return m;
}


/* What looks_english has counted of a text's sample so far, as fw_seen
 * for fword_shortcut: the words that end before the sample's end, and
 * where to go on. Zero: nothing counted yet. */
typedef struct en_seen {
    size_t words, hits, at;
} en_seen;

/* seen: what an earlier call counted of a shorter sample of the same
 * text, updated (sl_lang_detect's growing looks count each word once). */
static bool looks_english(const char *text, size_t len, en_seen *seen)
{
    /* the, of, and, that, for, with, said, from, have, has, this, are,
     * were, which, would, been, their, will, after, about; by length */
    static const uint64_t fw3[] = {W3('t', 'h', 'e'), W3('a', 'n', 'd'), W3('f', 'o', 'r'),
                                   W3('h', 'a', 's'), W3('a', 'r', 'e')};
    static const uint64_t fw4[] = {W4('t', 'h', 'a', 't'), W4('w', 'i', 't', 'h'),
                                   W4('s', 'a', 'i', 'd'), W4('f', 'r', 'o', 'm'),
                                   W4('h', 'a', 'v', 'e'), W4('t', 'h', 'i', 's'),
                                   W4('w', 'e', 'r', 'e'), W4('b', 'e', 'e', 'n'),
                                   W4('w', 'i', 'l', 'l')};
    static const uint64_t fw5[] = {W5('w', 'h', 'i', 'c', 'h'), W5('w', 'o', 'u', 'l', 'd'),
                                   W5('t', 'h', 'e', 'i', 'r'), W5('a', 'f', 't', 'e', 'r'),
                                   W5('a', 'b', 'o', 'u', 't')};
    static const struct {
        const uint64_t *w;
        size_t n;
    } by_len[6] = {{NULL, 0}, {NULL, 0}, {NULL, 0}, {fw3, 5}, {fw4, 9}, {fw5, 5}};
    const unsigned char *u = (const unsigned char *)text;
    /* where the letters are, 64 bytes at a time, so that a word costs the
     * same few steps whatever its length (callers pass at most a sample) */
    if (len > SCAN_BYTES)
        len = SCAN_BYTES;
    enum { MAXB = SCAN_BYTES / 64 + 1 };
    uint64_t L[MAXB], H[MAXB];
    size_t nb = (len + 63) / 64;
    for (size_t b = seen->at / 64; b < nb; b++) {
        unsigned char pad[64];
        const unsigned char *p = u + 64 * b;
        if (64 * b + 64 > len) { /* the tail, padded with non-letters */
            memset(pad, 0, sizeof pad);
            memcpy(pad, p, len - 64 * b);
            p = pad;
        }
        L[b] = letters64(p, &H[b]);
    }
    size_t words = seen->words, hits = seen->hits, i = seen->at;
    for (;;) {
        size_t s = next_bit(L, nb, i, 0); /* a word: a run of ASCII letters */
        if (s >= len)
            break;
        i = next_bit(L, nb, s, ~0ull);
        /* a word that the sample's end cuts counts for this look only:
         * it is the last, and seen keeps the words before it */
        bool cut = i >= len;
        /* a word glued to a non-ASCII letter is not English */
        if (!cut && ((H[i >> 6] >> (i & 63)) & 1)) {
            seen->at = i;
            continue;
        }
        words++;
        size_t n = i - s;
        if (n >= 2 && n <= 5) {
            uint64_t key; /* ASCII letters: lowercase */
            if (s + 8 <= len) { /* the word's bytes at once, the rest masked off */
                memcpy(&key, u + s, 8);
                key = (key | 0x2020202020202020ull) & (~0ull >> (64 - 8 * n));
            } else {
                key = 0;
                for (size_t k = 0; k < n; k++)
                    key |= (uint64_t)(u[s + k] | 0x20) << (8 * k);
            }
            if (n == 2) {
                hits += key == W2('o', 'f');
            } else {
                for (size_t k = 0; k < by_len[n].n; k++)
                    if (by_len[n].w[k] == key) {
                        hits++;
                        break;
                    }
            }
        }
        if (!cut) {
            seen->words = words;
            seen->hits = hits;
            seen->at = i;
        }
    }
    return words >= 8 && hits * 100 >= words * 15;
}

/* Scripts of one language (or of one that dominates news): their counter
 * in counts and the answer. */
static const struct {
    size_t at; /* offsetof in counts */
    const char *code;
} single[] = {
    {offsetof(counts, greek), "el"},    {offsetof(counts, hebrew), "he"},
    {offsetof(counts, hangul), "ko"},   {offsetof(counts, thai), "th"},
    {offsetof(counts, georgian), "ka"}, {offsetof(counts, armenian), "hy"},
    {offsetof(counts, bengali), "bn"},  {offsetof(counts, tamil), "ta"},
    {offsetof(counts, telugu), "te"},   {offsetof(counts, malayalam), "ml"},
    {offsetof(counts, gujarati), "gu"}, {offsetof(counts, gurmukhi), "pa"},
    {offsetof(counts, kannada), "kn"},  {offsetof(counts, sinhala), "si"},
    {offsetof(counts, khmer), "km"},    {offsetof(counts, lao), "lo"},
    {offsetof(counts, myanmar), "my"},  {offsetof(counts, ethiopic), "am"},
};
#define NSINGLE (sizeof single / sizeof *single)

static size_t single_n(const counts *c, size_t i)
{
    return *(const size_t *)(const void *)((const char *)c + single[i].at);
}

/* The answer when nine letters in ten are of a script that names the
 * language (or of Arabic script, or Han and Kana, whose marks are counted
 * in the same letters); NULL otherwise. */
static const char *by_one_script(const counts *c)
{
    for (size_t i = 0; i < NSINGLE; i++)
        if (single_n(c, i) * 10 >= c->letters * 9)
            return single[i].code;
    if (c->arabic * 10 >= c->letters * 9)
        return arabic(c);
    if ((c->han + c->kana) * 10 >= c->letters * 9)
        return c->kana * 20 >= c->han + c->kana ? "ja" : "zh";
    return NULL;
}

/* The answer from the first part of a longer text when its letters leave
 * no doubt: nearly all Latin and the English test or the function words
 * decide, or nearly all Cyrillic with Russian-only letters and none of the
 * letters of the other Cyrillic languages (ъ aside, which Russian also
 * writes), or Ukrainian-only letters and no Russian ones. NULL: look at
 * the whole sample. */
static const char *decide_early(const counts *c, const char *text, size_t n, en_seen *en,
                                fw_seen *fw)
{
    if (c->letters < EARLY_LETTERS)
        return NULL;
    if (c->latin * 10 >= c->letters * 9) {
        if (looks_english(text, n, en))
            return "en";
        pthread_once(&fw_once, build_fw_table);
        return fword_shortcut(text, n, fw);
    }
    if (c->cyr * 10 >= c->letters * 9) {
        size_t uk = c->uk + c->i_dot, other = c->be + c->sr + c->srx + c->mk + c->asia;
        if (other)
            return NULL;
        if (c->ru >= 3 && uk == 0)
            return "ru";
        if (uk >= 5 && c->ru == 0)
            return "uk";
        return NULL;
    }
    return by_one_script(c);
}

const char *sl_lang_detect(const char *text, size_t len)
{
    if (!text || len < 2)
        return NULL;
    size_t scan = len < SCAN_BYTES ? len : SCAN_BYTES;
    pthread_once(&cyr_once, build_cyr_mark);
    counts c = {0};
    en_seen en = {0};
    fw_seen fw = {0};
    /* a glance at the start, then a longer look: the rest of the sample
     * only when needed (the counts grow from look to look, and so do the
     * word counts of the English test and the function words) */
    static const size_t looks[] = {GLANCE_BYTES, EARLY_BYTES};
    size_t done = 0;
    for (size_t k = 0; k < sizeof looks / sizeof *looks && scan > looks[k]; k++) {
        size_t upto = sl_utf8_floor(text, looks[k]);
        count_text(&c, text + done, upto - done);
        done = upto;
        const char *early = decide_early(&c, text, upto, &en, &fw);
        if (early)
            return early;
    }
    count_text(&c, text + done, scan - done);
    if (c.letters < 3)
        return NULL;
    size_t top = c.latin;
    int which = 0; /* 0 latin, 1 cyrillic, 2 arabic, 3 devanagari, 4 cjk, 5+i single */
    if (c.cyr > top) { top = c.cyr; which = 1; }
    if (c.arabic > top) { top = c.arabic; which = 2; }
    if (c.devanagari > top) { top = c.devanagari; which = 3; }
    if (c.han + c.kana > top) { top = c.han + c.kana; which = 4; }
    for (size_t i = 0; i < NSINGLE; i++)
        if (single_n(&c, i) > top) {
            top = single_n(&c, i);
            which = 5 + (int)i;
        }
    if (which >= 5)
        return single[which - 5].code;
    switch (which) {
    case 1: return cyrillic(&c, text, scan);
    case 2: return arabic(&c);
    case 3: return ngram_guess(text, scan, G_DEVANAGARI);
    case 4: return c.kana * 20 >= c.han + c.kana ? "ja" : "zh";
    default: break;
    }
    if (looks_english(text, scan, &en))
        return "en";
    pthread_once(&fw_once, build_fw_table);
    const char *code = fword_shortcut(text, scan, &fw);
    if (code)
        return code;
    return ngram_guess(text, scan, G_LATIN);
}

const char *sl_lang_by_function_words(const char *text, size_t len)
{
    if (!text)
        return NULL;
    pthread_once(&fw_once, build_fw_table);
    return fword_shortcut(text, len, NULL);
}
