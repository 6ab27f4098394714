/*
 * ru_heads: head nouns of Russian institution and place names (see
 * ru_heads.h).
 *
 * How it works: the nouns below, stemmed once with the Russian Snowball
 * stemmer (as the entities' keys are), in a map from stem to type; a word
 * is lower-cased, stemmed and looked up. Only nouns that name
 * institutions or places after an adjective are listed, not nouns that
 * any capitalised word may precede ("закон", "проект").
 */
#include "ru_heads.h"
#include "entities.h"
#include "strmap.h"
#include "tokenize.h"
#include "util.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/* The nouns, in the nominative singular; their type, and their gender
 * (told by the ending, but for the feminine nouns on "ь", marked 'f'). */
typedef struct head {
    const char *noun;
    char type, fem_soft;
} head;

enum { O = SL_ENT_ORG, P = SL_ENT_PLACE };

static const head HEADS[] = {
    {"суд", O, 0}, {"комитет", O, 0}, {"совет", O, 0}, {"банк", O, 0}, {"фонд", O, 0},
    {"театр", O, 0}, {"университет", O, 0}, {"институт", O, 0}, {"академия", O, 0},
    {"консерватория", O, 0}, {"музей", O, 0}, {"библиотека", O, 0}, {"госпиталь", O, 0},
    {"больница", O, 0}, {"партия", O, 0}, {"фронт", O, 0}, {"союз", O, 0}, {"собрание", O, 0},
    {"палата", O, 0}, {"дума", O, 0}, {"рада", O, 0}, {"служба", O, 0}, {"агентство", O, 0},
    {"прокуратура", O, 0}, {"управление", O, 0}, {"департамент", O, 0}, {"комиссия", O, 0},
    {"инспекция", O, 0}, {"гвардия", O, 0}, {"армия", O, 0}, {"флот", O, 0}, {"штаб", O, 0},
    {"церковь", O, 1}, {"патриархат", O, 0}, {"собор", O, 0}, {"храм", O, 0},
    {"монастырь", O, 0}, {"лавра", O, 0}, {"биржа", O, 0}, {"корпорация", O, 0},
    {"завод", O, 0}, {"комбинат", O, 0}, {"трибунал", O, 0}, {"организация", O, 0},
    {"ассоциация", O, 0}, {"клуб", O, 0}, {"правительство", O, 0}, {"администрация", O, 0},
    {"полиция", O, 0}, {"дом", O, 0}, {"цирк", O, 0}, {"министерство", O, 0},
    {"ведомство", O, 0}, {"казначейство", O, 0}, {"телеканал", O, 0},
    {"область", P, 1}, {"край", P, 0}, {"район", P, 0}, {"округ", P, 0}, {"площадь", P, 1},
    {"улица", P, 0}, {"проспект", P, 0}, {"бульвар", P, 0}, {"переулок", P, 0}, {"шоссе", P, 0},
    {"море", P, 0}, {"озеро", P, 0}, {"остров", P, 0}, {"полуостров", P, 0}, {"залив", P, 0},
    {"океан", P, 0}, {"пролив", P, 0}, {"мост", P, 0}, {"вокзал", P, 0}, {"аэропорт", P, 0},
    {"парк", P, 0}, {"сад", P, 0}, {"кремль", P, 0}, {"кладбище", P, 0}, {"хребет", P, 0},
    {"пустыня", P, 0}, {"берег", P, 0}, {"полюс", P, 0}, {"стадион", P, 0}};

enum { MASC, FEM, NEUT };

/* Does w[0..n) end with the Cyrillic letters e (UTF-8)? */
static int ends_in(const char *w, size_t n, const char *e)
{
    size_t l = strlen(e);
    return n >= l && memcmp(w + n - l, e, l) == 0;
}

static int gender(const head *h)
{
    size_t n = strlen(h->noun);
    if (h->fem_soft || ends_in(h->noun, n, "а") || ends_in(h->noun, n, "я"))
        return FEM;
    if (ends_in(h->noun, n, "о") || ends_in(h->noun, n, "е"))
        return NEUT;
    return MASC;
}

static sl_strmap *heads;
static pthread_once_t heads_once = PTHREAD_ONCE_INIT;

enum { WORD_MAX = 128 }; /* bytes of a word, lower-cased, and of its stem */

/* w[0..n) lower-cased into low and its stem into st (WORD_MAX bytes each,
 * NUL-terminated); the stem's length, 0 if w is too long to be one of the
 * nouns (*k: the lower-cased word's). */
static size_t stem_of(const char *w, size_t n, char *low, char *st, size_t *k)
{
    if (n >= WORD_MAX)
        return 0;
    *k = sl_lower_word_in(sl_cp_table(), w, n, low, WORD_MAX, NULL);
    low[*k] = 0;
    size_t s = sl_stem("ru", low, *k, st, WORD_MAX - 1);
    st[s] = 0;
    return s;
}

/* The stems of a noun's forms: the stemmer does not give all the forms
 * of a noun one stem ("залив": "зал", "залива": "залив"; "музей": "муз",
 * "музея": "музе"), so the map holds the stems of the nominative and of
 * the other cases' forms (find_head checks a word's ending against the
 * noun's). */
static void heads_init(void)
{
    static const char *const AFTER_CONSONANT[] = {"", "а", "у", "е", "ом", "ы", "ов", NULL};
    static const char *const AFTER_VOWEL[] = {"", "я", "и", "е", "ю", "у", "ы", "а",
                                              "ем", "ей", "ой", "ом", NULL};
    heads = sl_strmap_new();
    /* the nominatives' stems first: the other forms' do not take them */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < sizeof HEADS / sizeof *HEADS; i++) {
        const char *noun = HEADS[i].noun;
        size_t n = strlen(noun);
        int vowel = ends_in(noun, n, "а") || ends_in(noun, n, "я") || ends_in(noun, n, "о") ||
                    ends_in(noun, n, "е") || ends_in(noun, n, "й") || ends_in(noun, n, "ь");
        size_t base = vowel ? n - 2 : n; /* without its last letter (two bytes) */
        const char *const *END = vowel ? AFTER_VOWEL : AFTER_CONSONANT;
        for (size_t j = pass; END[j] && (pass || j == 0); j++) {
            char form[WORD_MAX], low[WORD_MAX], st[WORD_MAX];
            size_t k, el = strlen(END[j]);
            const char *w = noun;
            size_t wn = n;
            if (j > 0) {
                memcpy(form, noun, base);
                memcpy(form + base, END[j], el);
                w = form;
                wn = base + el;
            }
            uint32_t had;
            if (stem_of(w, wn, low, st, &k) && !sl_strmap_get(heads, st, &had))
                sl_strmap_put(heads, st, (uint32_t)i);
        }
    }
}

/* Is what the stemmer cut off the word a noun's case ending? It also
 * cuts adjectives' suffixes, so "районный" and "районном" have the stem of
 * "район"; those are adjectives, not the noun. */
static const char *noun_ending(const char *e)
{
    static const char *const END[] = {
        "", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й", "ом", "ем", "ой", "ей", "ам",
        "ям", "ах", "ях", "ов", "ев", "ью", "ие", "ия", "ии", "ию", "ий", "ье", "ья", "ьи",
        "ами", "ями", "ием", "иям", "иях", "ьям", "ьях", "ьев", "ьем", NULL};
    for (size_t i = 0; END[i]; i++)
        if (!strcmp(e, END[i]))
            return END[i];
    return NULL;
}

/* The head w[0..n) is a form of (and its ending in *ending), or NULL. */
static const head *find_head(const char *w, size_t n, const char **ending)
{
    pthread_once(&heads_once, heads_init);
    char low[WORD_MAX], st[WORD_MAX];
    uint32_t i;
    size_t k, sn = stem_of(w, n, low, st, &k);
    if (!sn || !sl_strmap_get(heads, st, &i) || sn > k || memcmp(low, st, sn) != 0)
        return NULL;
    /* a form of that noun, not of another with its stem ("зал", "зале"
     * have the stem of "залив"), nor an adjective made of it ("районный"
     * has the stem of "район"): the word and the noun differ in their
     * case endings only */
    const char *noun = HEADS[i].noun;
    if (sn > strlen(noun) || memcmp(noun, st, sn) != 0)
        return NULL;
    /* the longest part they share, then back letter by letter to the
     * stem until what is left of each is an ending ("музея" and "музей":
     * "я" and "й"; "управлением" and "управление": "ем" and "е") */
    size_t p = sn;
    while (low[p] && low[p] == noun[p])
        p++;
    const char *e;
    for (;;) {
        while (p > sn && ((unsigned char)low[p] & 0xC0) == 0x80)
            p--; /* to the start of a letter */
        if ((e = noun_ending(low + p)) && noun_ending(noun + p))
            break;
        if (p == sn)
            return NULL;
        p--;
    }
    if (ending)
        *ending = e;
    return &HEADS[i];
}

int sl_ru_head(const char *w, size_t n, const char **ending)
{
    const head *h = find_head(w, n, ending);
    return h ? h->type : -1;
}

int sl_ru_agree(const char *adj, size_t n, const char *ending)
{
    static const char *const PLURAL_ADJ[] = {"ые", "ие", "ых", "их", "ыми", "ими", NULL};
    for (size_t i = 0; PLURAL_ADJ[i]; i++)
        if (ends_in(adj, n, PLURAL_ADJ[i]))
            return 0;
    /* endings only plural nouns have, and those of the nominative and
     * genitive plural that a singular adjective in those cases rules out */
    static const char *const PLURAL_NOUN[] = {"ах", "ях", "ами", "ями", "ам", "ям", "ьям",
                                              "ьях", "ьев", NULL};
    for (size_t i = 0; PLURAL_NOUN[i]; i++)
        if (!strcmp(ending, PLURAL_NOUN[i]))
            return 0;
    if ((ends_in(adj, n, "ый") || ends_in(adj, n, "ий")) &&
        (!strcmp(ending, "ы") || !strcmp(ending, "и") || !strcmp(ending, "ов") ||
         !strcmp(ending, "ев") || !strcmp(ending, "ей")))
        return 0; /* "Зиминский ... районы" */
    if ((ends_in(adj, n, "ого") || ends_in(adj, n, "его")) &&
        (!strcmp(ending, "ов") || !strcmp(ending, "ев") || !strcmp(ending, "ей")))
        return 0; /* "Крестецкого и Новгородского районов" */
    return 1;
}

/* Is a[0..n), the stem of a masculine adjective, one whose ending is
 * stressed, so that its nominative ends in -ой ("областн": Областной)?
 * Spelling cannot tell; these are the stems that name institutions and
 * places often. The rest end in -ый, or -ий after к, г, х, ж, ш, ч, щ or
 * a soft ending. */
static int stressed_stem(const char *a, size_t n)
{
    static const char *const STRESSED[] = {
        "областн", "окружн", "краев",  "миров",  "городск", "заводск", "тверск", "донск",
        "морск",   "мужск",  "полев",  "боев",   "войсков", "передов", "берегов", "лугов",
        "очередн", "основн", "родн",   "лесн",   "речн",    "земн",    "ночн",    "цветн",
        "страстн", "больш",  "молод",  "свят",   "золот",   "крут",    "прост",   "густ",
        "сед",     "слеп",   "глух",   "дорог",  "сквозн",  "запасн",  "выходн",  "мирск",
        "полевск", "головн", NULL};
    char low[WORD_MAX];
    if (n >= WORD_MAX)
        return 0;
    size_t k = sl_lower_word_in(sl_cp_table(), a, n, low, WORD_MAX, NULL);
    low[k] = 0;
    for (size_t i = 0; STRESSED[i]; i++)
        if (!strcmp(low, STRESSED[i]))
            return 1;
    return 0;
}

/* Writes into b the adjective a[0..n), an oblique form of gender g
 * agreeing with a singular noun, in the nominative; 0 if it does not end
 * as one ("Николаевской": Николаевская; "Третьего": Третье). */
static int adjective_nominative(sl_buf *b, const char *a, size_t n, int g)
{
    /* endings: oblique -> nominative, tried in order (longest first) */
    static const char *const FEM_END[][2] = {{"ьей", "ья"}, {"ой", "ая"}, {"ей", "яя"},
                                         {"ую", "ая"}, {"юю", "яя"}, {"ая", "ая"},
                                         {"яя", "яя"}, {NULL, NULL}};
    static const char *const NEU_END[][2] = {{"ьего", "ье"}, {"ьему", "ье"}, {"ьим", "ье"},
                                         {"ьем", "ье"},  {"ого", "ое"},  {"ому", "ое"},
                                         {"его", "ее"},  {"ему", "ее"},  {"ым", "ое"},
                                         {"ом", "ое"},   {"им", "ее"},   {"ем", "ее"},
                                         {"ое", "ое"},   {"ее", "ее"},   {NULL, NULL}};
    static const char *const MASC_END[][2] = {
        {"ьего", "ий"}, {"ьему", "ий"}, {"ьим", "ий"}, {"ьем", "ий"}, {"ого", "ый"},
        {"ому", "ый"},  {"его", "ий"},  {"ему", "ий"}, {"ым", "ый"},  {"ом", "ый"},
        {"им", "ий"},   {"ем", "ий"},   {NULL, NULL}};
    const char *const (*T)[2] = g == FEM ? FEM_END : g == NEUT ? NEU_END : MASC_END;
    if (g == MASC && n > 4 && (ends_in(a, n, "ый") || ends_in(a, n, "ий") || ends_in(a, n, "ой"))) {
        sl_buf_append(b, a, n); /* the nominative as written: its stress is known */
        return 1;
    }
    for (size_t i = 0; T[i][0]; i++) {
        size_t l = strlen(T[i][0]);
        if (n <= l + 2 || !ends_in(a, n, T[i][0]))
            continue;
        const char *stem_end = a + n - l;
        /* the letter before the ending (two bytes, Cyrillic) */
        int sib = ends_in(a, n - l, "ж") || ends_in(a, n - l, "ш") || ends_in(a, n - l, "ч") ||
                  ends_in(a, n - l, "щ");
        int velar = ends_in(a, n - l, "к") || ends_in(a, n - l, "г") || ends_in(a, n - l, "х");
        const char *nom = T[i][1];
        if (g == FEM && sib && !strcmp(T[i][0], "ей"))
            nom = "ая"; /* "Свежей": Свежая */
        if (g == NEUT && velar && !strcmp(T[i][0], "им"))
            nom = "ое"; /* "Русским": Русское */
        if (g == NEUT && sib && (!strcmp(T[i][0], "его") || !strcmp(T[i][0], "ему") ||
                                 !strcmp(T[i][0], "ем") || !strcmp(T[i][0], "им")))
            nom = "ее"; /* "Общего": Общее */
        if (g == MASC && (velar || sib))
            nom = "ий"; /* "Ленинском": Ленинский; "Общего": Общий */
        if (g == MASC && stressed_stem(a, (size_t)(stem_end - a)))
            nom = "ой"; /* "Областного": Областной; "Тверском": Тверской */
        sl_buf_append(b, a, (size_t)(stem_end - a));
        sl_buf_puts(b, nom);
        return 1;
    }
    return 0;
}

int sl_ru_head_nominative(const char *name, size_t n, char *out, size_t cap)
{
    /* the words: adjectives, then the noun */
    const char *w[6];
    size_t wl[6], nw = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && name[j] != ' ')
            j++;
        if (nw == 6 || j == i)
            return 0;
        w[nw] = name + i;
        wl[nw++] = j - i;
        i = j + 1;
    }
    if (nw < 2)
        return 0;
    const head *h = find_head(w[nw - 1], wl[nw - 1], NULL);
    int g = h ? gender(h) : MASC;
    /* (the noun may be plural: coordinated adjectives share it, "Курской
     * областях" of "в Самарской и Курской областях" is Курская область) */
    if (!h || !sl_ru_agree(w[nw - 2], wl[nw - 2], ""))
        return 0; /* a plural adjective's name is no single name */
    sl_buf b = {0};
    int ok = 1;
    for (size_t i = 0; i + 1 < nw && ok; i++) {
        ok = adjective_nominative(&b, w[i], wl[i], g);
        sl_buf_putc(&b, ' ');
    }
    if (ok) {
        /* the noun as listed, with the capital it was written with */
        const char *noun = h->noun;
        int32_t cp;
        int l = sl_utf8_next((const unsigned char *)w[nw - 1], wl[nw - 1], &cp);
        if (l > 0 && sl_cp_lower(cp) != cp) {
            int32_t c0;
            int l0 = sl_utf8_next((const unsigned char *)noun, strlen(noun), &c0);
            char up[4];
            int ul = sl_utf8_encode(utf8proc_toupper(c0), up);
            sl_buf_append(&b, up, (size_t)ul);
            noun += l0;
        }
        sl_buf_puts(&b, noun);
    }
    int same = ok && b.len == n && memcmp(b.data, name, n) == 0;
    ok = ok && !same && b.len < cap;
    if (ok)
        memcpy(out, b.data, b.len + 1);
    sl_buf_free(&b);
    return same ? 2 : ok;
}
