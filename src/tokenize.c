/*
 * tokenize: a Unicode-aware word splitter (classes and case mapping from
 * util's code point table, filled from utf8proc), Snowball stemmers from
 * libstemmer kept per thread, and stopword lists.
 */
#include "tokenize.h"
#include "hash_inline.h"
#include "huge_alloc.h"
#include "tokenize_loop.h"
#include "util.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wordch wordch_small[SL_CP_SMALL];
static pthread_once_t wordch_once = PTHREAD_ONCE_INIT;

static void wordch_fill(void)
{
    const sl_cpinfo *T = sl_cp_table();
    for (int32_t cp = 0; cp < SL_CP_SMALL; cp++) {
        wordch *e = &wordch_small[cp];
        unsigned c = T[cp].cls;
        int32_t low = c & (SL_CP_LETTER | SL_CP_MARK) ? T[cp].lower : cp;
        e->len = (uint8_t)sl_utf8_encode(low, e->low);
        e->cls = (uint8_t)c;
        e->let = (c & (SL_CP_LETTER | SL_CP_MARK)) != 0;
        e->bits = e->let ? ((c & SL_CP_UPPER) ? 0 : NOT_UPPER) : (c & SL_CP_DIGIT) ? SL_TOK_NUM : 0;
    }
}

const wordch *sl_tok_wordch(void)
{
    pthread_once(&wordch_once, wordch_fill);
    return wordch_small;
}

int sl_tokenize(const char *text, size_t len, sl_token_fn fn, void *ud)
{
    return sl_tokenize_loop(sl_tok_wordch(), sl_cp_table(), text, len, fn, ud);
}

/* ---- stemming ----------------------------------------------------------- */

/* Stems of recent words, per thread: a word costs the Snowball stemmer
 * thousands of instructions (Russian most), and the same words come back
 * in article after article, and again when the views of a story read the
 * articles its clustering read. Keyed by a 64-bit hash of the word and
 * the stemmer's language, in sets of STEM_WAYS entries kept most recently
 * used first (a news corpus has more distinct words than a small cache
 * holds, half of them seen once: a direct-mapped table loses many of its
 * hits to words that share a slot); stems longer than STEM_BYTES are not
 * kept. The cache starts small (1 << STEM_BITS_MIN entries, 1 MiB) and
 * grows fourfold, keeping its entries, each time it has missed half as
 * many times as it has entries since it last grew, up to 1 <<
 * STEM_BITS_MAX entries (16 MiB): a day of world news has some 300,000
 * distinct words, a handful of articles a few thousand. */
enum { STEM_BITS_MIN = 15, STEM_BITS_MAX = 19, STEM_WAYS = 4, STEM_BYTES = 23 };
typedef struct stem_entry {
    uint64_t key; /* 0: empty */
    unsigned char len;
    char stem[STEM_BYTES];
} stem_entry;

/* A stemmer of another language, kept for the next words of it: news
 * from several languages comes interleaved, and one stemmer for all of
 * them was made again at every change (1,867 times in a cluster run on
 * telegram-2019-dev). */
enum { OTHER_SLOTS = 8 };
typedef struct other_stemmer {
    uint64_t code;          /* the language's code (lang_code), 0: unused */
    uint64_t id;            /* cache key part of the language */
    struct sb_stemmer *st;  /* NULL when libstemmer has no such language */
    struct sb_stemmer *st1; /* its ISO 8859-1 stemmer (see stem_word), made
                               on first use; NULL when there is none */
    bool st1_asked;         /* st1 was asked of libstemmer */
} other_stemmer;

typedef struct stemmers {
    struct sb_stemmer *en, *ru;
    struct sb_stemmer *en8, *koi; /* the same algorithms on one byte a
                                     character (ISO 8859-1, KOI8-R), made
                                     on first use: see stem_word */
    other_stemmer others[OTHER_SLOTS]; /* the other codes (of 1 to 3 bytes:
                                          longer ones are English), most
                                          recent first */
    stem_entry *cache;  /* 1 << bits entries, made on first use, a set on two
                           cache lines, on huge pages (huge_alloc.h) */
    size_t cache_len;   /* what to free */
    unsigned bits;
    size_t misses;      /* since the cache was made or last grew */
} stemmers;

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void free_stemmers(void *p)
{
    stemmers *s = p;
    if (!s)
        return;
    if (s->en)
        sb_stemmer_delete(s->en);
    if (s->ru)
        sb_stemmer_delete(s->ru);
    if (s->en8)
        sb_stemmer_delete(s->en8);
    if (s->koi)
        sb_stemmer_delete(s->koi);
    for (size_t i = 0; i < OTHER_SLOTS; i++) {
        if (s->others[i].st)
            sb_stemmer_delete(s->others[i].st);
        if (s->others[i].st1)
            sb_stemmer_delete(s->others[i].st1);
    }
    sl_huge_free(s->cache, s->cache_len);
    free(s);
}

static void make_key(void) { pthread_key_create(&key, free_stemmers); }

/* The thread's stemmers: the key's value (which frees them when the thread
 * ends), found once and then kept in a thread-local pointer, as this is
 * asked for every word the caches have not seen. */
static stemmers *get_stemmers(void)
{
    static _Thread_local stemmers *mine;
    if (!mine) {
        pthread_once(&once, make_key);
        mine = sl_thread_value(key, 1, sizeof(stemmers));
    }
    return mine;
}

/* Whether lang is the two-letter code a b (this is asked for every word
 * the caches have not seen: no call to strcmp). */
static inline int is_code(const char *lang, char a, char b)
{
    return lang[0] == a && lang[1] == b && !lang[2];
}

/* Whether lang is longer than 3 bytes. */
static inline int longer_than3(const char *lang)
{
    return lang[0] && lang[1] && lang[2] && lang[3];
}

/* The bytes of a language code of 1 to 7 bytes as a number, or 0 for
 * another (compared at every word the caches have not seen: no strcmp). */
static inline uint64_t lang_code(const char *lang)
{
    uint64_t c = 0;
    for (size_t i = 0; i < 8; i++) {
        if (!lang[i])
            return c;
        c |= (uint64_t)(unsigned char)lang[i] << (8 * i);
    }
    return 0;
}

/* The stemmer for a word of language lang; *id names its language for
 * the cache. */
static struct sb_stemmer *stemmer_for(stemmers *s, const char *lang, const char *w, size_t n,
                                      uint64_t *id)
{
    int cyr = n >= 2 && ((unsigned char)w[0] == 0xD0 || (unsigned char)w[0] == 0xD1);
    if (!lang || is_code(lang, 'e', 'n') ||
        (!is_code(lang, 'r', 'u') && !cyr && longer_than3(lang))) {
        if (cyr)
            goto ru;
        if (!s->en)
            s->en = sb_stemmer_new("english", "UTF_8");
        *id = 0x2545F4914F6CDD1Dull;
        return s->en;
    }
    if (is_code(lang, 'r', 'u') || cyr) {
    ru:
        if (!s->ru)
            s->ru = sb_stemmer_new("russian", "UTF_8");
        *id = 0x9E3779B97F4A7C15ull;
        return s->ru;
    }
    uint64_t code = lang_code(lang);
    if (!code) { /* the empty code: no stemmer */
        *id = 0;
        return NULL;
    }
    other_stemmer *o = s->others;
    if (o[0].code == code) { /* the language of the last word, mostly */
        *id = o[0].id;
        return o[0].st;
    }
    size_t i = 1;
    while (i < OTHER_SLOTS && o[i].code != code)
        i++;
    other_stemmer found;
    if (i < OTHER_SLOTS) {
        found = o[i];
    } else { /* a language not kept: the least recent one goes */
        i = OTHER_SLOTS - 1;
        if (o[i].st)
            sb_stemmer_delete(o[i].st);
        if (o[i].st1)
            sb_stemmer_delete(o[i].st1);
        found.code = code;
        found.st = sb_stemmer_new(lang, "UTF_8"); /* ISO codes work too */
        found.st1 = NULL;
        found.st1_asked = false;
        found.id = sl_hash64(lang, strlen(lang)) * 0xBF58476D1CE4E5B9ull;
    }
    memmove(o + 1, o, i * sizeof *o); /* most recent first */
    o[0] = found;
    *id = found.id;
    return found.st;
}

/* The set of STEM_WAYS entries for key k in a cache of 1 << bits entries. */
static stem_entry *stem_set(stem_entry *cache, unsigned bits, uint64_t k)
{
    return &cache[((k >> 17) & (((size_t)1 << bits) / STEM_WAYS - 1)) * STEM_WAYS];
}

/* Makes the cache four times bigger, moving its entries over (most
 * recent first in each set, as they were). */
static void stem_cache_grow(stemmers *s)
{
    unsigned bits = s->bits + 2;
    size_t len;
    stem_entry *c = sl_huge_calloc(((size_t)1 << bits) * sizeof *c, &len);
    size_t n = (size_t)1 << s->bits;
    for (size_t w = 0; w < STEM_WAYS; w++)
        for (size_t i = w; i < n; i += STEM_WAYS) {
            const stem_entry *e = &s->cache[i];
            if (!e->key)
                continue;
            stem_entry *set = stem_set(c, bits, e->key);
            size_t j = 0;
            while (j + 1 < STEM_WAYS && set[j].key)
                j++;
            set[j] = *e;
        }
    sl_huge_free(s->cache, s->cache_len);
    s->cache = c;
    s->cache_len = len;
    s->bits = bits;
    s->misses = 0;
}

/* Moves set[0..w) to set[1..w] (w < STEM_WAYS), with plain copies: the
 * loop it replaces became a call to memmove. */
static inline void shift_down(stem_entry *set, size_t w)
{
    _Static_assert(STEM_WAYS == 4, "shift_down moves up to 3 entries");
    stem_entry e0 = set[0], e1 = set[1], e2 = set[2];
    if (w >= 3)
        set[3] = e2;
    if (w >= 2)
        set[2] = e1;
    if (w >= 1)
        set[1] = e0;
}

size_t sl_stem(const char *lang, const char *w, size_t n, char *out, size_t cap)
{
    return sl_stem_h(lang, w, n, n > 3 ? sl_hash64_inline(w, n) : 0, out, cap);
}

/* True for a number: digits and the . , - a token keeps between them.
 * Every Snowball stemmer leaves it as it is (its rules take letters off;
 * test_tokenize checks all of libstemmer's on numbers of the news), so it
 * is not stemmed, nor kept in the cache: news has many, mostly seen once. */
static int number_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if ((c < '0' || c > '9') && c != '.' && c != ',' && c != '-')
            return 0;
    }
    return 1;
}

void sl_stem_prefetch(const char *lang, const char *w, size_t n, uint64_t h)
{
    stemmers *s = n > 3 && !number_word(w, n) ? get_stemmers() : NULL;
    uint64_t id = 0;
    if (!s || !stemmer_for(s, lang, w, n, &id) || !s->cache)
        return;
    const stem_entry *set = stem_set(s->cache, s->bits, (h ^ id) | 1);
    _Static_assert(STEM_WAYS * sizeof(stem_entry) == 128, "a set is two cache lines");
    __builtin_prefetch(set, 1);
    __builtin_prefetch((const char *)set + 64, 1);
}

/* KOI8-R's byte of each lower-case Russian letter а..я (U+0430..U+044F);
 * ё (U+0451) is 0xA3. */
static const unsigned char koi8[32] = {0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA,
                                       0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0,
                                       0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8, 0xC3, 0xDE,
                                       0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1};

enum { KOI_MAX = 64 }; /* letters of a word stemmed in KOI8-R, at most */

/* The lower-case Russian word w (n bytes of UTF-8) in KOI8-R into k (at
 * most KOI_MAX letters); its length, or 0 if it holds another character. */
static size_t to_koi8(const unsigned char *w, size_t n, unsigned char *k)
{
    size_t m = 0;
    /* each letter is two bytes, D0 or D1 and a continuation byte (decoded
     * here: a call to the general decoder a letter cost as much again) */
    for (size_t i = 0; i < n; i += 2, m++) {
        if (i + 1 >= n || m == KOI_MAX || (w[i] != 0xD0 && w[i] != 0xD1) || (w[i + 1] & 0xC0) != 0x80)
            return 0;
        int32_t cp = (int32_t)(w[i] & 0x1F) << 6 | (w[i + 1] & 0x3F);
        if (cp == 0x451)
            k[m] = 0xA3;
        else if (cp >= 0x430 && cp <= 0x44F)
            k[m] = koi8[cp - 0x430];
        else
            return 0;
    }
    return m;
}

/* koi8 inverted: the letter (а = 0) of KOI8-R byte 0xC0 + i (the 32
 * lower-case letters but ё are the bytes 0xC0..0xDF), so that a stem goes
 * back to UTF-8 by a look-up a letter rather than a search of koi8 (the
 * search was a tenth of the cost of a Russian word the caches lacked,
 * libstemmer aside). */
static const unsigned char koi8_letter[32] = {30, 0,  1,  22, 4,  5,  20, 3,  21, 8,  9,
                                              10, 11, 12, 13, 14, 15, 31, 16, 17, 18, 19,
                                              6,  2,  28, 27, 7,  24, 29, 25, 23, 26};

/* A KOI8-R stem (n letters) back in UTF-8 into u, 2n bytes; false if a
 * byte is none of the letters (the stemmer only removes letters: never). */
static bool from_koi8(const unsigned char *k, size_t n, char *u)
{
    for (size_t i = 0; i < n; i++) {
        int32_t cp;
        if (k[i] == 0xA3)
            cp = 0x451;
        else if (k[i] >= 0xC0 && k[i] <= 0xDF)
            cp = 0x430 + koi8_letter[k[i] - 0xC0];
        else
            return false;
        /* а..я and ё are two bytes: D0 B0..BF, D1 80..91 */
        u[2 * i] = (char)(0xC0 | cp >> 6);
        u[2 * i + 1] = (char)(0x80 | (cp & 0x3F));
    }
    return true;
}

/* A word of characters below U+0100 (UTF-8, n bytes) in ISO 8859-1 into
 * l (at most KOI_MAX characters); its length, or 0 if it holds another. */
static size_t to_latin1(const unsigned char *w, size_t n, unsigned char *l)
{
    size_t m = 0;
    for (size_t i = 0; i < n; m++) {
        if (m == KOI_MAX)
            return 0;
        if (w[i] < 0x80) {
            l[m] = w[i++];
        } else if ((w[i] == 0xC2 || w[i] == 0xC3) && i + 1 < n && (w[i + 1] & 0xC0) == 0x80) {
            l[m] = (unsigned char)((w[i] & 3) << 6 | (w[i + 1] & 0x3F));
            i += 2;
        } else {
            return 0;
        }
    }
    return m;
}

/* An ISO 8859-1 stem (n characters) back in UTF-8 into u (cap bytes), its
 * length into *un; false when it does not fit (a stemmer may lengthen a
 * word: German's ß is ss). */
static bool from_latin1(const unsigned char *l, size_t n, char *u, size_t cap, size_t *un)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m + 2 > cap)
            return false;
        if (l[i] < 0x80) {
            u[m++] = (char)l[i];
        } else {
            u[m++] = (char)(0xC0 | l[i] >> 6);
            u[m++] = (char)(0x80 | (l[i] & 0x3F));
        }
    }
    *un = m;
    return true;
}

/* The stem of w (n bytes, of language lang) by st, into *res (the
 * stemmer's buffer or buf, of 2 * KOI_MAX bytes) and *rn; 0 if the
 * stemmer failed. An English word of ASCII letters goes to the ISO 8859-1
 * stemmer, a Russian word of lower-case letters to the KOI8-R one, and a
 * word of another language (French, Spanish, German...) written in ISO
 * 8859-1 to that language's ISO 8859-1 stemmer if libstemmer has one,
 * converted: Snowball makes every encoding of a language from one
 * algorithm, so the stems are the same (checked on the 128,056 English
 * and 88,509 Russian words of the development corpora, and for the
 * others on the 192,006 words of ISO 8859-1 letters of telegram-2019-dev
 * in each of libstemmer's fourteen ISO 8859-1 languages), and the
 * one-byte stemmers take about a fifth (English), two fifths (Russian)
 * and three tenths (the others of telegram-2019-dev together: French
 * nearly a half, Spanish a sixth; Catalan's takes more, but is rare)
 * fewer instructions a word than the UTF-8 ones. */
static int stem_word(stemmers *s, struct sb_stemmer *st, const char *lang, const char *w,
                     size_t n, const char **res, size_t *rn, char *buf)
{
    const unsigned char *u = (const unsigned char *)w;
    if (st == s->en) {
        size_t i = 0;
        while (i < n && u[i] < 0x80)
            i++;
        if (i == n) {
            if (!s->en8)
                s->en8 = sb_stemmer_new("english", "ISO_8859_1");
            if (s->en8)
                st = s->en8;
        }
    } else if (st == s->ru) {
        unsigned char k[KOI_MAX];
        size_t kn = to_koi8(u, n, k);
        if (kn && !s->koi)
            s->koi = sb_stemmer_new("russian", "KOI8_R");
        if (kn && s->koi) {
            const sb_symbol *r = sb_stemmer_stem(s->koi, k, (int)kn);
            size_t rl = r ? (size_t)sb_stemmer_length(s->koi) : 0;
            if (r && from_koi8(r, rl, buf)) {
                *res = buf;
                *rn = 2 * rl;
                return 1;
            }
        }
    } else if (st == s->others[0].st) { /* stemmer_for put it in front */
        other_stemmer *o = &s->others[0];
        unsigned char l[KOI_MAX];
        size_t ln = to_latin1(u, n, l);
        if (ln && !o->st1_asked) {
            o->st1 = sb_stemmer_new(lang, "ISO_8859_1");
            o->st1_asked = true;
        }
        if (ln && o->st1) {
            const sb_symbol *r = sb_stemmer_stem(o->st1, l, (int)ln);
            size_t rl = r ? (size_t)sb_stemmer_length(o->st1) : 0;
            if (r && from_latin1(r, rl, buf, 2 * KOI_MAX, rn)) {
                *res = buf;
                return 1;
            }
        }
    }
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
    if (!r)
        return 0;
    *res = (const char *)r;
    *rn = (size_t)sb_stemmer_length(st);
    return 1;
}

size_t sl_stem_h(const char *lang, const char *w, size_t n, uint64_t h, char *out, size_t cap)
{
    stemmers *s = n > 3 && !number_word(w, n) ? get_stemmers() : NULL;
    uint64_t id = 0;
    struct sb_stemmer *st = s ? stemmer_for(s, lang, w, n, &id) : NULL;
    const char *res = w;
    size_t rn = n;
    stem_entry *set = NULL, hit;
    uint64_t k = 0;
    size_t way = 0;
    if (st) {
        if (!s->cache) {
            s->bits = STEM_BITS_MIN;
            s->cache = sl_huge_calloc(((size_t)1 << s->bits) * sizeof *s->cache, &s->cache_len);
        }
        k = (h ^ id) | 1;
        set = stem_set(s->cache, s->bits, k);
        while (way + 1 < STEM_WAYS && set[way].key != k)
            way++;
        if (set[way].key == k) { /* known: it moves to the front */
            hit = set[way];
            shift_down(set, way);
            set[0] = hit;
            res = set[0].stem;
            rn = set[0].len;
            st = NULL;
        } else if (s->bits < STEM_BITS_MAX && ++s->misses > ((size_t)1 << s->bits) / 2) {
            stem_cache_grow(s);
            set = stem_set(s->cache, s->bits, k);
        }
    }
    char buf[2 * KOI_MAX];
    if (st) {
        stem_word(s, st, lang, w, n, &res, &rn, buf); /* on failure, the word */
        if (rn <= STEM_BYTES) { /* in front; the least recent entry goes */
            shift_down(set, STEM_WAYS - 1);
            set[0].key = k;
            set[0].len = (unsigned char)rn;
            memcpy(set[0].stem, res, rn);
        }
    }
    if (rn >= cap)
        rn = cap - 1;
    memcpy(out, res, rn);
    out[rn] = 0;
    return rn;
}

/* ---- stopwords ------------------------------------------------------------ */

static const char *const stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
    "during", "each", "even", "ever", "few", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
    "how", "however", "i", "if", "in", "into", "is", "it", "it's", "its", "itself",
    "just", "last", "least", "less", "like", "many", "may", "me", "might", "more",
    "most", "much", "must", "my", "myself", "new", "no", "nor", "not", "now", "of",
    "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "per", "said", "same", "say", "says", "she", "should", "since", "so",
    "some", "still", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "though", "through",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were",
    "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
    "yourself", "yourselves", "mr", "mrs", "ms", "s", "t", "don't", "he's", "she's",
    "i'm", "we're", "they're", "that's", "there's", "would", "year", "years", "told",
    "according", "including", "another", "around", "among", "week", "day", "time",
    "two", "three", "first", "get", "got", "make", "made", "well", "back", "way",
    "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все",
    "она", "так", "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по",
    "только", "ее", "её", "мне", "было", "вот", "от", "меня", "еще", "ещё", "нет", "о",
    "из", "ему", "теперь", "когда", "даже", "ну", "вдруг", "ли", "если", "уже", "или",
    "ни", "быть", "был", "него", "до", "вас", "нибудь", "опять", "уж", "вам", "ведь",
    "там", "потом", "себя", "ничего", "ей", "может", "они", "тут", "где", "есть", "надо",
    "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "чтоб", "без", "будто",
    "чего", "раз", "тоже", "себе", "под", "будет", "ж", "тогда", "кто", "этот", "того",
    "потому", "этого", "какой", "совсем", "ним", "здесь", "этом", "один", "почти",
    "мой", "тем", "чтобы", "нее", "сейчас", "были", "куда", "зачем", "всех", "никогда",
    "можно", "при", "наконец", "два", "об", "другой", "хоть", "после", "над", "больше",
    "тот", "через", "эти", "нас", "про", "всего", "них", "какая", "много", "разве",
    "три", "эту", "моя", "впрочем", "хорошо", "свою", "этой", "перед", "иногда",
    "лучше", "чуть", "том", "нельзя", "такой", "им", "более", "всегда", "конечно",
    "всю", "между", "это", "также", "который", "которые", "которая", "которого",
    "году", "года", "год", "заявил", "сообщает", "время", NULL};

static uint64_t *table;
static size_t table_mask;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    size_t n = 0;
    while (stopwords[n])
        n++;
    size_t cap = 1;
    while (cap < n * 4)
        cap <<= 1;
    table = sl_xcalloc(cap, sizeof *table);
    table_mask = cap - 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = sl_hash64(stopwords[i], strlen(stopwords[i])) | 1;
        size_t j = h & table_mask;
        while (table[j] && table[j] != h)
            j = (j + 1) & table_mask;
        table[j] = h;
    }
}

bool sl_stopword(const char *w, size_t n)
{
    return sl_stopword_h(w, n, sl_hash64_inline(w, n));
}

bool sl_stopword_h(const char *w, size_t n, uint64_t h)
{
    (void)w;
    (void)n;
    pthread_once(&stop_once, build_table);
    h |= 1;
    for (size_t j = h & table_mask; table[j]; j = (j + 1) & table_mask)
        if (table[j] == h)
            return true;
    return false;
}
