/*
 * sentence: rule-based sentence splitting for news text (see sentence.h).
 *
 * How it works: a paragraph is scanned for terminators (. ! ? and the
 * ellipsis). A terminator ends a sentence when it is followed by optional
 * closing quotes or brackets, then white space, then something that can
 * start a sentence (a capital letter, a digit, an opening quote or
 * bracket). A period is not a terminator after a known abbreviation
 * ("Mr.", "Nov.", "Gen.") or an initial ("J."), nor inside dotted
 * acronyms ("U.S.") unless the next word is a typical sentence opener
 * ("The", "He", "But"), which is how "... in the U.S. The next day" still
 * splits. Everything is linear in the text length.
 */
#include "sentence.h"
#include "dates.h"
#include "arabic.h"
#include "hash_inline.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const ABBREV[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov",
    "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Rev", "Fr", "Hon", "Pres",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    "Inc", "Corp", "Co", "Ltd", "Bros", "No", "Nos", "vs", "v", "etc", "e.g", "i.e",
    "Ave", "Blvd", "Rd", "Mt", "Ft", "Atty", "Supt", "Det", "Insp", "Msgr",
    "approx", "est", "Calif", "Fla", "Mass", "Penn", "Wash", "Ariz", "Ill", "Mich",
    "Minn", "Tenn", "Conn", "Colo", "Okla", "Ore", "Wis", "Ky", "La", "Md", "Mo",
    "Nev", "Va", "Ga", "Ala", "Ark", "Del", "Kan", "Neb", "Miss", "Vt", "Wyo",
    "Reps", "Sens", "Govs", "Gens", "Messrs", "Op", "ed", "al", "fig", "Fig", "pp", "p", "cf",
    /* Russian and Ukrainian ("10 тыс. домов", "п. 12 Правил", "- ред.)") */
    "тыс", "млн", "млрд", "трлн", "руб", "коп", "грн", "ред", "им", "ул", "пр", "просп", "пл",
    "д", "кв", "корп", "стр", "п", "пп", "ст", "ч", "т", "см", "рис", "гг", "вв", "др", "проф",
    "акад", "тис", "вул", NULL};

/* Words that typically open a sentence: after "U.S." they mean a new one. */
static const char *const OPENERS[] = {
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At",
    "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Its",
    "There", "When", "While", "After", "Before", "As", "If", "Some", "Many", "Most",
    "Officials", "Meanwhile", "However", "Still", "Yet", "Also", "Now", "Then", NULL};

/* The two lists as hash sets: asked at every period and every word with
 * one (entities ask too). Built once, read-only afterwards. */
static sl_wordset abbrev_set, opener_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void sets_init(void)
{
    sl_wordset_build_list(&abbrev_set, ABBREV);
    sl_wordset_build_list(&opener_set, OPENERS);
}

int sl_sent_abbrev(const char *w, size_t n)
{
    if (n == 0)
        return 0;
    if (n == 1 && isupper((unsigned char)w[0]))
        return 1; /* initial */
    if (n == 2 && ((unsigned char)w[0] == 0xD0 || (unsigned char)w[0] == 0xD2)) {
        int32_t cp; /* a Cyrillic initial: "В. Путин" */
        if (sl_utf8_next((const unsigned char *)w, n, &cp) == 2 &&
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
            return 1;
    }
    pthread_once(&sets_once, sets_init);
    if (sl_wordset_find(&abbrev_set, w, n) >= 0)
        return 1;
    /* dotted acronyms: "U.S", "U.N", "a.m", "p.m" */
    int dots = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.')
            dots++;
        else if (isalpha((unsigned char)w[i]))
            letters++;
        else
            return 0;
    }
    return dots > 0 && letters <= dots + 1;
}

static int is_opener(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && isalpha((unsigned char)s[k]))
        k++;
    pthread_once(&sets_once, sets_init);
    return k > 0 && sl_wordset_find(&opener_set, s, k) >= 0;
}

/* Length of a closing quote/bracket at s (ASCII or curly), or 0. */
static size_t closer_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']'))
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x9D || (unsigned char)s[2] == 0x99))
        return 3; /* ” ’ */
    return 0;
}

/* Can a sentence start at s? Capital letter, digit, opening quote or
 * bracket, or a non-ASCII letter (assumed capital; rare in English). */
static int can_start(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[')
        return 1;
    if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x9E))
        return 1; /* “ ‘ „ */
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xAB)
        return 1; /* « */
    if (c >= 0xC3 && c < 0xE0) { /* Latin with diacritics, Greek, Cyrillic, ...: not in lower case */
        int32_t cp;
        return sl_utf8_next((const unsigned char *)s, n, &cp) > 0 &&
               utf8proc_category(cp) != UTF8PROC_CATEGORY_LL;
    }
    return 0;
}

/* Is the period at text[i] an abbreviation period? */
static int abbrev_period(const char *p, size_t i, size_t pstart)
{
    size_t b = i;
    while (b > pstart && !isspace((unsigned char)p[b - 1]) && p[b - 1] != '(' &&
           p[b - 1] != '"')
        b--;
    const char *w = p + b;
    size_t n = i - b;
    if (n && isdigit((unsigned char)w[n - 1]))
        return 0;
    return sl_sent_abbrev(w, n);
}

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Is the period at p[i] a day number's ("am 15. April 2020", "15. Jänner"):
 * one or two digits standing alone before it, a month's name
 * after (the word at w, n bytes of text left)? */
static int ordinal_day(const char *p, size_t i, size_t pstart, const char *w, size_t n)
{
    size_t b = i;
    while (b > pstart && i - b < 3 && isdigit((unsigned char)p[b - 1]))
        b--;
    if (b == i || i - b > 2 || (b > pstart && !is_ws((unsigned char)p[b - 1]) && p[b - 1] != '('))
        return 0;
    size_t m = 0; /* the word: letters, ASCII or not */
    while (m < n && (isalpha((unsigned char)w[m]) || (unsigned char)w[m] >= 0x80))
        m++;
    return m && sl_dates_month_word(w, m) > 0;
}

static void push(sl_sent **v, size_t *n, size_t *cap, const char *t, size_t s, size_t e,
                 int para, int *pidx)
{
    while (s < e && is_ws((unsigned char)t[s]))
        s++;
    while (e > s && is_ws((unsigned char)t[e - 1]))
        e--;
    if (e <= s)
        return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = sl_xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[*n] = (sl_sent){s, e, para, (int)*n, (*pidx)++};
    (*n)++;
}

/* Splits one paragraph [ps, pe). */
static void split_para(const char *t, size_t ps, size_t pe, int para, sl_sent **v,
                       size_t *n, size_t *cap)
{
    size_t start = ps;
    int pidx = 0;
    for (size_t i = ps; i < pe; i++) {
        /* to the next byte a terminator opens on: . ! ? or the first of … */
        i = sl_find_any(t, i, pe, ".!?\xE2", 4);
        if (i >= pe)
            break;
        unsigned char c = (unsigned char)t[i];
        size_t tl = 0;
        if (c == '.' || c == '!' || c == '?')
            tl = 1;
        else if (c == 0xE2 && i + 2 < pe && (unsigned char)t[i + 1] == 0x80 &&
                 (unsigned char)t[i + 2] == 0xA6)
            tl = 3; /* … */
        if (!tl)
            continue;
        size_t j = i + tl;
        while (j < pe && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
            j++;
        size_t k;
        while ((k = closer_len(t + j, pe - j)) > 0)
            j += k;
        if (j >= pe || !is_ws((unsigned char)t[j]))
            continue;
        size_t s = j;
        while (s < pe && is_ws((unsigned char)t[s]))
            s++;
        if (s >= pe || !can_start(t + s, pe - s))
            continue;
        if (c == '.' && j == i + 1 && ordinal_day(t, i, ps, t + s, pe - s))
            continue; /* "am 15. April": a German date */
        if (c == '.' && j == i + 1 && abbrev_period(t, i, ps)) {
            /* "U.S. The" splits; "Nov. 3", "Mr. Putin" do not. */
            size_t b = i;
            while (b > ps && !is_ws((unsigned char)t[b - 1]))
                b--;
            int acronym = memchr(t + b, '.', i - b) != NULL;
            if (!(acronym && is_opener(t + s, pe - s)))
                continue;
        }
        push(v, n, cap, t, start, j, para, &pidx);
        start = s;
        i = s - 1;
    }
    push(v, n, cap, t, start, pe, para, &pidx);
}

size_t sl_sentences(const char *text, size_t len, sl_sent **out)
{
    return sl_sentences_max(text, len, (size_t)-1, out);
}

size_t sl_sentences_max(const char *text, size_t len, size_t max, sl_sent **out)
{
    sl_sent *v = NULL;
    size_t n = 0, cap = 0;
    size_t i = 0;
    int para = 0;
    /* a paragraph's sentences depend on its bytes alone: the first max
     * are found without reading the paragraphs after theirs */
    while (i < len && n < max) {
        /* a paragraph ends at a blank line (two newlines, spaces between) */
        size_t e = i;
        for (;;) {
            const char *nl = memchr(text + e, '\n', len - e);
            if (!nl) {
                e = len;
                break;
            }
            size_t k = (size_t)(nl - text) + 1;
            while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
                k++;
            if (k >= len || text[k] == '\n') {
                e = (size_t)(nl - text);
                break;
            }
            e = k;
        }
        size_t before = n;
        split_para(text, i, e, para, &v, &n, &cap);
        if (n > before)
            para++;
        i = e;
        while (i < len && is_ws((unsigned char)text[i]))
            i++;
    }
    *out = v;
    return n;
}

/* ---- terms ---------------------------------------------------------------- */

#include "tokenize.h"

typedef struct term_ctx {
    const char *lang;
    uint64_t lang_key;
    sl_term **v;
    size_t *nv, *cap, added;
} term_ctx;

/* Stems of recent words, per thread: the views stem the same sentences'
 * words again and again, and the stemmer costs far more than a hash.
 * Direct-mapped on a 64-bit hash of the language and the word; two words
 * sharing that hash would share a stem, a chance too small to matter to
 * word statistics. */
enum { STEM_CACHE = 32768 };
typedef struct stem_slot {
    uint64_t key, h; /* key 0: empty */
    unsigned char stop;
} stem_slot;
static _Thread_local stem_slot stem_cache[STEM_CACHE];

static int on_term(void *ud, const char *tok, size_t ntok, size_t start, size_t end, int flags)
{
    (void)start;
    (void)end;
    term_ctx *c = ud;
    uint64_t hw = sl_hash64_inline(tok, ntok); /* one hash for the caches here and in tokenize.c */
    uint64_t key = (hw ^ c->lang_key) | 1;
    stem_slot *e = &stem_cache[(key >> 20) & (STEM_CACHE - 1)];
    if (e->key != key) {
        char stem[128];
        size_t k = sl_stem_h(c->lang, tok, ntok, ntok > 3 ? hw : 0, stem, sizeof stem);
        *e = (stem_slot){key, sl_hash64_inline(stem, k), ntok < 2 || sl_stopword_h(tok, ntok, hw)};
    }
    if (*c->nv == *c->cap) {
        *c->cap = *c->cap ? *c->cap * 2 : 64;
        *c->v = sl_xrealloc(*c->v, *c->cap * sizeof **c->v);
    }
    sl_term *t = &(*c->v)[(*c->nv)++];
    t->h = e->h;
    t->stop = e->stop;
    t->cap = (flags & SL_TOK_CAP) != 0;
    t->num = (flags & SL_TOK_NUM) != 0;
    c->added++;
    return 0;
}

size_t sl_sent_terms(const char *lang, const char *s, size_t n, sl_term **v, size_t *nv,
                     size_t *cap)
{
    term_ctx c = {lang, lang ? sl_hash64_inline(lang, strlen(lang)) * 0x9E3779B97F4A7C15ull : 0, v, nv,
                  cap, 0};
    sl_tokenize(s, n, on_term, &c);
    return c.added;
}

/* The length of the dateline separator at s[j] (within lim bytes), or 0:
 * ")-- " and ")_ " are an agency mark glued to the dash ("(Xinhua)-- "). */
static size_t sep_at(const char *s, size_t j, size_t lim)
{
    static const char *const SEPS[] = {" _ ", " -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ",
                                       ")-- ", ")_ ", NULL};
    for (int i = 0; SEPS[i]; i++) {
        size_t k = strlen(SEPS[i]);
        if (SEPS[i][0] == s[j] && j + k <= lim && memcmp(s + j, SEPS[i], k) == 0)
            return k;
    }
    return 0;
}

/* A dateline is a short prefix that holds an all-capitals word or an
 * agency in parentheses, ended by a dash-like separator, and no word of
 * prose (a lower-case word longer than a particle like "de"). */
/* Is s[0..n) opened by a lower-case Cyrillic letter (а..я, ё, і, ї, є)? */
static int cyrillic_lower(const char *s, size_t n)
{
    if (n < 2)
        return 0;
    unsigned c0 = (unsigned char)s[0], c1 = (unsigned char)s[1];
    if (c0 != 0xD0 && c0 != 0xD1)
        return 0;
    unsigned cp = ((c0 & 0x1F) << 6) | (c1 & 0x3F);
    return cp >= 0x430 && cp <= 0x45F;
}

/* An Arabic dateline: a listed place, an agency in parentheses or not,
 * the separator at `at` (best: the byte after it), and then, when the
 * line ends within a few words, the outlet named there ("رام الله - دنيا
 * الوطن\n", "واشنطن (رويترز) - "). */
static size_t arabic_dateline(const char *s, size_t n, size_t at, size_t best)
{
    size_t p = sl_ar_place_prefix(s, at);
    if (!p)
        return 0;
    while (p < at && s[p] == ' ')
        p++;
    if (p < at && s[p] == '(') { /* the agency */
        const char *c = memchr(s + p, ')', at - p);
        if (!c)
            return 0;
        p = (size_t)(c - s) + 1;
    }
    if (p != at)
        return 0;
    size_t words = 0;
    for (size_t j = best; j < n && j < best + 48; j++) {
        if (s[j] == '\n')
            return j + 1; /* "دنيا الوطن" on the dateline's line */
        if (s[j] == ' ' && ++words > 3)
            break;
        if ((unsigned char)s[j] < 0x80 && s[j] != ' ' && s[j] != '.')
            break; /* not an outlet's name: the body goes on */
    }
    return best;
}

size_t sl_sent_dateline(const char *s, size_t n)
{
    size_t lim = n < 90 ? n : 90;
    size_t best = 0, at = 0, j = 0;
    /* one pass: every separator opens on a space or a parenthesis and goes
     * on with '_', '-' or a dash's first byte (the cheap test; sixteen
     * places at a time where SSE2 is there) */
#ifdef __SSE2__
    for (; j + 17 <= n && j < lim && !best; j += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + j + 1));
        __m128i open = _mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8(' ')),
                                    _mm_cmpeq_epi8(a, _mm_set1_epi8(')')));
        __m128i dash = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('_')),
                                                 _mm_cmpeq_epi8(b, _mm_set1_epi8('-'))),
                                    _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xE2)));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(open, dash));
        for (; mask && !best; mask &= mask - 1) {
            size_t c = j + (size_t)__builtin_ctz(mask);
            if (c + 1 >= lim)
                break;
            size_t k = sep_at(s, c, lim);
            if (k)
                best = c + k, at = c;
        }
    }
#endif
    for (; j < lim && !best; j++) {
        if (s[j] != ' ' && s[j] != ')')
            continue;
        if (j + 1 >= lim || (s[j + 1] != '_' && s[j + 1] != '-' && s[j + 1] != '\xE2'))
            continue;
        size_t k = sep_at(s, j, lim);
        if (k)
            best = j + k, at = j;
    }
    if (!best)
        return 0;
    if (s[0] == '"' || (n > 2 && ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xAB)) ||
        (n > 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
         ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9E)))
        return 0; /* a quotation ("Теперь ... (с Зеленским - ред.)") opens no dateline */
    if (sl_arabic_lead(s))
        return arabic_dateline(s, n, at, best);
    int caps = 0, run = 0, paren = 0;
    for (size_t j = 0; j < at; j++) {
        unsigned char c = (unsigned char)s[j];
        if ((islower(c) || cyrillic_lower(s + j, at - j)) && (j == 0 || s[j - 1] == ' ')) {
            size_t e = j, letters = 0;
            while (e < at && (isalpha((unsigned char)s[e]) || cyrillic_lower(s + e, at - e))) {
                e += (unsigned char)s[e] < 0x80 ? 1 : 2;
                letters++;
            }
            if (letters > 3)
                return 0; /* prose ("When the leader (...) -", "Теперь им нужен"), not a
                           * place and agency */
        }
        if (isupper(c)) {
            if (++run >= 3)
                caps = 1;
        } else {
            run = 0;
        }
        if (c == '(')
            paren = 1;
    }
    return caps || paren ? best : 0;
}

size_t sl_sent_body(const char *text, const sl_sent *s, size_t ns)
{
    for (size_t i = 1; i < ns && i < 3; i++)
        if (s[i].para_index == 0 && sl_sent_dateline(text + s[i].start, s[i].end - s[i].start))
            return i;
    return 0;
}

/* ---- shared splits ----------------------------------------------------------- */

void sl_splits_init(sl_splits *sp, const char *const *texts, size_t n)
{
    sp->n = n;
    /* the five arrays in one block (sp->s is what to free): a story's
     * views split its articles once, and most stories have one */
    size_t k = n + 1;
    char *mem = sl_xcalloc(k, sizeof *sp->s + sizeof *sp->ns + sizeof *sp->w + sizeof *sp->nw + 1);
    sp->s = (sl_sent **)(void *)mem;
    sp->ns = (size_t *)(void *)(mem + k * sizeof *sp->s);
    sp->w = (sl_word **)(void *)(mem + k * (sizeof *sp->s + sizeof *sp->ns));
    sp->nw = (size_t *)(void *)(mem + k * (sizeof *sp->s + sizeof *sp->ns + sizeof *sp->w));
    sp->wall = (unsigned char *)mem + k * (sizeof *sp->s + sizeof *sp->ns + sizeof *sp->w + sizeof *sp->nw);
    for (size_t i = 0; i < n; i++) {
        if (!texts[i])
            continue;
        size_t len = strlen(texts[i]);
        int all;
        sp->ns[i] = sl_sentences(texts[i], len, &sp->s[i]);
        sp->nw[i] = sl_words_of(texts[i], &sp->w[i], &all);
        sp->wall[i] = (unsigned char)all;
    }
}

void sl_splits_free(sl_splits *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n; i++) {
        free(sp->s[i]);
        free(sp->w[i]);
    }
    free(sp->s); /* the block of all five arrays */
    *sp = (sl_splits){0};
}

size_t sl_splits_get(const sl_splits *sp, size_t i, const char *text, const sl_sent **out,
                     sl_sent **own)
{
    *own = NULL;
    if (sp && i < sp->n) {
        *out = sp->s[i];
        return sp->ns[i];
    }
    if (!text) {
        *out = NULL;
        return 0;
    }
    size_t n = sl_sentences(text, strlen(text), own);
    *out = *own;
    return n;
}

size_t sl_splits_words(const sl_splits *sp, size_t i, const char *text, const sl_word **out,
                       sl_word **own, int *all)
{
    *own = NULL;
    if (sp && i < sp->n) {
        *out = sp->w[i];
        if (all)
            *all = sp->wall[i];
        return sp->nw[i];
    }
    if (!text) {
        *out = NULL;
        if (all)
            *all = 1;
        return 0;
    }
    size_t n = sl_words_of(text, own, all);
    *out = *own;
    return n;
}
