/*
 * nominative: the nominative of a Russian or Ukrainian personal name
 * written in another case (see nominative.h).
 *
 * How it works: each word is matched against its rules (an ending of an
 * oblique case, the nominative ending that replaces it, the cases it
 * marks, the languages and the gender it holds for). The first name's
 * readings are those that give a known first name; a reading fixes the
 * cases and the gender (a name on а or я is a woman's, but for the few
 * men's names of MEN_A). The patronymic and the surname are then read
 * under those cases and that gender, by the rules of the longest ending
 * that fits. A surname no rule of the case fits may be one that does not
 * decline (Мутко, a woman's name on a consonant); it stays as written.
 * Constant time per name.
 */
#include "nominative.h"
#include "gazetteer.h"
#include "util.h"

#include <string.h>

enum { GEN = 1, DAT = 2, ACC = 4, INS = 8, PRE = 16 };
enum { RU = 1, UK = 2, BOTH = RU | UK };
/* A rule's flags:
 * - CONS: the ending follows a consonant;
 * - MASC, FEM: the genders a patronymic or surname rule holds for;
 * - NOT_K: the word left does not end on a consonant (or й) and к ("Бойк"
 *   from "Бойка": such surnames end on -ко, Бойко, Кличко, Пристайко);
 * - OVER: where this first-name rule gives a known first name, the rules
 *   of the same ending without OVER are not read ("Петра" in Ukrainian is
 *   Петро's, not the Russian Петр's);
 * - WEAK: a surname rule read beside the reading as a surname that does
 *   not decline, not before it; two readings then leave the name alone
 *   ("Артема Дзюбу" is Дзюба's accusative, "Сергея Шойгу" Шойгу's
 *   genitive);
 * - NOT_S: the word left does not end on с or ц ("Полански", a foreign
 *   -ski that does not decline, is no Поланска's genitive). */
enum { CONS = 1, MASC = 2, FEM = 4, NOT_K = 8, OVER = 16, WEAK = 32, NOT_S = 64 };
enum { WORD_MAX = SL_NAME_WORD, OUTS = 4 };

typedef struct rule {
    const char *obl, *nom;
    unsigned char cases, langs, flags;
} rule;

/* First names; a name whose nominative ends on а or я declines like a
 * woman's name, whoever bears it. */
static const rule FIRST[] = {
    /* on a consonant (Владимир, Володимир) */
    {"а", "", GEN | ACC, BOTH, CONS},
    {"у", "", DAT, RU, CONS},
    {"у", "", DAT | PRE, UK, CONS},
    {"ові", "", DAT | PRE, UK, CONS},
    {"ом", "", INS, BOTH, CONS},
    {"е", "", PRE, RU, CONS},
    /* on й and ь (Сергей, Дмитрий, Андрій, Игорь) */
    {"я", "й", GEN | ACC, BOTH, 0},
    {"ю", "й", DAT, RU, 0},
    {"ю", "й", DAT | PRE, UK, 0},
    {"ем", "й", INS, RU, 0},
    {"е", "й", PRE, RU, 0},
    {"ии", "ий", PRE, RU, 0},
    {"єві", "й", DAT | PRE, UK, 0},
    {"єм", "й", INS, UK, 0},
    {"я", "ь", GEN | ACC, BOTH, 0},
    {"ю", "ь", DAT, BOTH, 0},
    {"ем", "ь", INS, BOTH, 0},
    {"е", "ь", PRE, RU, 0},
    {"еві", "ь", DAT | PRE, UK, 0},
    /* Ukrainian men's names on о (Петро, Дмитро) */
    {"а", "о", GEN | ACC, UK, CONS | OVER},
    {"у", "о", DAT, UK, CONS | OVER},
    {"ові", "о", DAT | PRE, UK, CONS | OVER},
    {"ом", "о", INS, UK, CONS | OVER},
    /* on а (Анна, Ірина, Никита) */
    {"ы", "а", GEN, RU, 0},
    {"и", "а", GEN, BOTH, 0},
    {"е", "а", DAT | PRE, RU, 0},
    {"і", "а", DAT | PRE, UK, 0},
    {"у", "а", ACC, BOTH, 0},
    {"ой", "а", INS, RU, 0},
    {"ою", "а", INS, BOTH, 0},
    /* on я (Мария, Юлія, Таня) */
    {"и", "я", GEN, RU, 0},
    {"ии", "ия", GEN | DAT | PRE, RU, 0},
    {"е", "я", DAT | PRE, RU, 0},
    {"ї", "я", GEN | DAT | PRE, UK, 0},
    {"і", "я", GEN | DAT | PRE, UK, 0},
    {"ю", "я", ACC, BOTH, 0},
    {"ей", "я", INS, RU, 0},
    {"ею", "я", INS, BOTH, 0},
    {"єю", "я", INS, UK, 0},
};

static const rule PATRONYMIC[] = {
    {"ича", "ич", GEN | ACC, BOTH, MASC},
    {"ичу", "ич", DAT, RU, MASC},
    {"ичу", "ич", DAT | PRE, UK, MASC},
    {"ичеві", "ич", DAT | PRE, UK, MASC},
    {"ичем", "ич", INS, BOTH, MASC},
    {"иче", "ич", PRE, RU, MASC},
    {"вны", "вна", GEN, RU, FEM},
    {"вне", "вна", DAT | PRE, RU, FEM},
    {"вну", "вна", ACC, BOTH, FEM},
    {"вной", "вна", INS, RU, FEM},
    {"вни", "вна", GEN, UK, FEM},
    {"вні", "вна", DAT | PRE, UK, FEM},
    {"вною", "вна", INS, UK, FEM},
    {"ичны", "ична", GEN, RU, FEM},
    {"ичне", "ична", DAT | PRE, RU, FEM},
    {"ичну", "ична", ACC, RU, FEM},
    {"ичной", "ична", INS, RU, FEM},
};

#define ADJ_RU(a, b)                                                                          \
    {a "ого", b "ий", GEN | ACC, RU, MASC}, {a "ому", b "ий", DAT, RU, MASC},                   \
        {a "им", b "ий", INS, RU, MASC}, {a "ом", b "ий", PRE, RU, MASC},                       \
        {a "ой", b "ая", GEN | DAT | INS | PRE, RU, FEM}, {a "ую", b "ая", ACC, RU, FEM}
#define ADJ_UK(a, b)                                                                          \
    {a "ого", b "ий", GEN | ACC, UK, MASC}, {a "ому", b "ий", DAT | PRE, UK, MASC},             \
        {a "им", b "ий", INS, UK, MASC}, {a "ім", b "ий", PRE, UK, MASC},                       \
        {a "ої", b "а", GEN, UK, FEM}, {a "ій", b "а", DAT | PRE, UK, FEM},                     \
        {a "у", b "а", ACC, UK, FEM}, {a "ою", b "а", INS, UK, FEM}
#define POSS_RU(a)                                                                            \
    {a "ым", a, INS, RU, MASC}, {a "ой", a "а", GEN | DAT | INS | PRE, RU, FEM},               \
        {a "у", a "а", ACC, BOTH, FEM}
#define POSS_UK(a)                                                                            \
    {a "им", a, INS, UK, MASC}, {a "ої", a "а", GEN, UK, FEM},                                \
        {a "ій", a "а", DAT | PRE, UK, FEM}, {a "ою", a "а", INS, UK, FEM}

static const rule SURNAME[] = {
    /* adjectival: Зеленский, Зеленський, Жуковская */
    ADJ_RU("ск", "ск"), ADJ_RU("цк", "цк"), ADJ_UK("ськ", "ськ"), ADJ_UK("цьк", "цьк"),
    /* possessive: Путин, Лавров, Иванова (the rest: on a consonant) */
    POSS_RU("ов"), POSS_RU("ев"), POSS_RU("ёв"), POSS_RU("ин"), POSS_RU("ын"),
    POSS_UK("ов"), POSS_UK("ев"), POSS_UK("єв"), POSS_UK("ін"), POSS_UK("ин"),
    /* a woman's adjectival name in the accusative (Лесничая) */
    {"ую", "ая", ACC, RU, FEM},
    /* on ж, ш, ч, щ, ц, whose instrumental is -ем (Бабиш, Бабишем) */
    {"жем", "ж", INS, BOTH, MASC},
    {"шем", "ш", INS, BOTH, MASC},
    {"чем", "ч", INS, BOTH, MASC},
    {"щем", "щ", INS, BOTH, MASC},
    {"цем", "ц", INS, BOTH, MASC},
    /* -ец, whose е drops (Голубец, Голубца) */
    {"ца", "ец", GEN | ACC, BOTH, MASC | CONS},
    {"цу", "ец", DAT, BOTH, MASC | CONS},
    {"цом", "ец", INS, BOTH, MASC | CONS},
    {"це", "ец", PRE, RU, MASC | CONS},
    /* Ukrainian adjectival men's names on -ий (Нескромний) */
    {"ого", "ий", GEN | ACC, UK, MASC},
    {"ому", "ий", DAT | PRE, UK, MASC},
    {"им", "ий", INS, UK, MASC},
    /* Ukrainian men's names on -енко */
    {"енка", "енко", GEN | ACC, UK, MASC},
    {"енку", "енко", DAT | PRE, UK, MASC},
    {"енкові", "енко", DAT | PRE, UK, MASC},
    {"енком", "енко", INS, UK, MASC},
    /* men's names on a consonant (Трамп, Кравчук, Асад) */
    {"а", "", GEN | ACC, BOTH, MASC | CONS | NOT_K},
    {"у", "", DAT, RU, MASC | CONS | NOT_K},
    {"у", "", DAT | PRE, UK, MASC | CONS | NOT_K},
    {"ові", "", DAT | PRE, UK, MASC | CONS | NOT_K},
    {"ом", "", INS, BOTH, MASC | CONS | NOT_K},
    {"е", "", PRE, RU, MASC | CONS | NOT_K},
    {"і", "", PRE, UK, MASC | CONS | NOT_K},
    /* names on -а of men and women (Бандера, Дзюба, Кулибаба, Телига, Лобода) */
    {"у", "а", ACC, BOTH, MASC | CONS | WEAK},
    {"ги", "га", GEN, RU, MASC | FEM},
    {"ки", "ка", GEN, RU, MASC | FEM | NOT_S},
    {"хи", "ха", GEN, RU, MASC | FEM},
    {"жи", "жа", GEN, RU, MASC | FEM},
    {"ши", "ша", GEN, RU, MASC | FEM},
    {"чи", "ча", GEN, RU, MASC | FEM},
    {"щи", "ща", GEN, RU, MASC | FEM},
    {"і", "а", DAT | PRE, UK, MASC | FEM | CONS},
    {"ы", "а", GEN, RU, MASC | FEM | CONS},
    {"и", "а", GEN, UK, MASC | FEM | CONS},
    {"е", "а", DAT, RU, MASC | CONS},
    {"е", "а", DAT | PRE, RU, FEM | CONS},
    {"ой", "а", INS, RU, MASC | FEM | CONS},
    {"ою", "а", INS, BOTH, MASC | FEM | CONS},
};

/* Men's first names on а or я, which decline as women's do (the rest of
 * such names are women's) */
static const char *const MEN_A[] = {"Гаврила", "Данила", "Илья", "Ілля", "Кузьма", "Лука",
                                    "Микола", "Никита", "Сава", "Савва", "Фома", "Хома", NULL};

static int ends(const char *w, size_t n, const char *suf, size_t *sl)
{
    *sl = strlen(suf);
    return *sl < n && memcmp(w + n - *sl, suf, *sl) == 0;
}

/* The Cyrillic letter that ends w[0..n) (0 if none). */
static int last_letter(const char *w, size_t n)
{
    if (n < 2)
        return 0;
    const unsigned char *p = (const unsigned char *)w + n - 2;
    if (!sl_cyrillic_lead(p[0]) || (p[1] & 0xC0) != 0x80)
        return 0;
    return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
}

static int consonant(int cp)
{
    static const char C[] = "бвгджзклмнпрстфхцчшщґ";
    if (!cp)
        return 0;
    char u[3] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 0};
    for (size_t i = 0; C[i]; i += 2)
        if (C[i] == u[0] && C[i + 1] == u[1])
            return 1;
    return 0;
}

static int ends_on(const char *w, size_t n, const char *const *list)
{
    size_t sl;
    for (size_t i = 0; list[i]; i++)
        if (ends(w, n, list[i], &sl))
            return 1;
    return 0;
}

/* The nominative the rule gives for w[0..n), in out (WORD_MAX bytes);
 * 0 if the rule does not apply. */
static size_t apply(const rule *r, const char *w, size_t n, char *out)
{
    size_t sl, nl = strlen(r->nom);
    if (!ends(w, n, r->obl, &sl) || n - sl + nl >= WORD_MAX)
        return 0;
    size_t m = n - sl; /* what is left: two letters at least */
    if (m < 4 || ((r->flags & CONS) && !consonant(last_letter(w, m))))
        return 0;
    if ((r->flags & NOT_K) && memcmp(w + m - 2, "к", 2) == 0 &&
        (consonant(last_letter(w, m - 2)) || last_letter(w, m - 2) == 0x439))
        return 0;
    if ((r->flags & NOT_S) && (!memcmp(w + m - 2, "с", 2) || !memcmp(w + m - 2, "ц", 2)))
        return 0;
    memcpy(out, w, m);
    memcpy(out + m, r->nom, nl + 1);
    return m + nl;
}

/* A surname that does not decline: one on a vowel other than а and я, on
 * -их/-ых; for a woman also one on a consonant, й or ь. Not one on an
 * adjective's oblique ending ("Нескромного") or a plural one
 * ("Белоголовцевыми"). */
static int indeclinable(const char *w, size_t n, int gender)
{
    static const char *const V[] = {"о", "е", "и", "у", "ю", "э", "ы", "і", "ї", "є",
                                    "их", "ых", NULL};
    static const char *const ADJ[] = {"ого", "его", "ому", "ему", "ыми", "ими", NULL};
    if (ends_on(w, n, ADJ))
        return 0;
    if (ends_on(w, n, V))
        return 1;
    int c = last_letter(w, n);
    return gender == FEM && c && (consonant(c) || c == 0x439 || c == 0x44C);
}

static int lang_bit(const char *lang)
{
    if (!lang)
        return 0;
    return !strcmp(lang, "ru") ? RU : !strcmp(lang, "uk") ? UK : 0;
}

typedef struct words {
    const char *w[3];
    size_t n[3], k;
} words;

static int split(const char *s, size_t n, words *W)
{
    W->k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j == i || W->k == 3 || j - i >= WORD_MAX || !sl_cyrillic_lead((unsigned char)s[i]) ||
            memchr(s + i, '-', j - i))
            return 0; /* (a double name, "Бондарев-Софрин": both parts decline) */
        W->w[W->k] = s + i;
        W->n[W->k++] = j - i;
        i = j + 1;
    }
    return W->k >= 2;
}

/* Adds cand to out[0..*nout) unless it is there already or out is full. */
static void put_distinct(char out[][WORD_MAX], size_t *nout, const char *cand)
{
    size_t j = 0;
    while (j < *nout && strcmp(out[j], cand) != 0)
        j++;
    if (j == *nout && *nout < OUTS)
        memcpy(out[(*nout)++], cand, strlen(cand) + 1);
}

/* Adds the nominatives of w[0..n) that the rules of table T (the WEAK
 * ones, or the others) give under cases and gender to out (distinct, at
 * most OUTS), of the rules with the longest ending that applies
 * ("Зеленському" is read by -ському, not by -у); returns the cases of
 * those rules. */
static unsigned read_word(const rule *T, size_t nt, int lb, unsigned cases, int gender, int weak,
                          const char *w, size_t n, char out[][WORD_MAX], size_t *nout)
{
    size_t longest = 0, sl;
    for (size_t i = 0; i < nt; i++) {
        char cand[WORD_MAX];
        if ((T[i].langs & lb) && (T[i].cases & cases) && (T[i].flags & gender) &&
            !!(T[i].flags & WEAK) == weak && apply(&T[i], w, n, cand) &&
            ends(w, n, T[i].obl, &sl) && sl > longest)
            longest = sl;
    }
    unsigned got = 0;
    for (size_t i = 0; i < nt; i++) {
        const rule *r = &T[i];
        char cand[WORD_MAX];
        if (!(r->langs & lb) || !(r->cases & cases) || !(r->flags & gender) ||
            strlen(r->obl) != longest || !!(r->flags & WEAK) != weak || !apply(r, w, n, cand))
            continue;
        got |= r->cases & cases;
        put_distinct(out, nout, cand);
    }
    return got;
}

/* Does w[0..n) end on а or я? A first name that does declines as a
 * woman's name does. */
static int ends_a(const char *w, size_t n)
{
    int c = last_letter(w, n);
    return c == 0x430 || c == 0x44F;
}

/* Could the surname (and the patronymic) stand in the nominative beside a
 * first name in it (a_decl: one on а or я)? Not when they end as only an
 * oblique case does. */
static int nominative_fits(const words *W, int a_decl)
{
    static const char *const OBLIQUE[] = {"ого", "ому", "ым", "им", "ом", "ем", "ича", "ичу",
                                          "вны", "вне", "вну", "вной", "ову", "еву", "ину",
                                          NULL};
    static const char *const NOM_A[] = {"ова", "ева", "ёва", "ина", "ына", "ая", "яя", "ська",
                                        "цька", "вна", "ична", NULL}; /* (and patronymics) */
    /* no woman's surname ends so in the nominative */
    static const char *const OBLIQUE_A[] = {"ой", "ую", NULL};
    for (size_t i = 1; i < W->k; i++) {
        const char *w = W->w[i];
        size_t n = W->n[i];
        if (ends_on(w, n, OBLIQUE) || (a_decl && ends_on(w, n, OBLIQUE_A)))
            return 0;
        if (a_decl && ends_a(w, n) && !ends_on(w, n, NOM_A) && i == W->k - 1)
            return 0; /* "Александра Новака": a woman's surname on -а is one
                       * of NOM_A's (a man's may be any: Дудка) */
    }
    return 1;
}

/* Is w[0..n) a patronymic in an oblique case (any gender, any case), or
 * a woman's in the nominative ("Леонидовна", which the surname rules
 * would read as a man's genitive)? */
static int patronymic(int lb, const char *w, size_t n)
{
    static const char *const NOM_F[] = {"вна", "ична", NULL};
    if (ends_on(w, n, NOM_F))
        return 1;
    char cand[WORD_MAX];
    for (size_t i = 0; i < sizeof PATRONYMIC / sizeof *PATRONYMIC; i++)
        if ((PATRONYMIC[i].langs & lb) && apply(&PATRONYMIC[i], w, n, cand))
            return 1;
    return 0;
}

/* Is first (a known first name, nominative) one that declines? Not a
 * woman's name that does not end on а or я ("Марин", "Кристин"): so
 * "Марину" is Марина only. */
static int first_declines(const char *first)
{
    size_t n = strlen(first);
    return sl_gaz_first_gender(first, n) != 'f' || ends_a(first, n);
}

/* The nominatives of w[0..n) read as a known first name in one of cases
 * (the middle word of "Реджепом Тайипом Эрдоганом"), in out; the cases
 * read. */
static unsigned second_first(int lb, unsigned cases, const char *w, size_t n,
                             char out[][WORD_MAX], size_t *nout)
{
    unsigned got = 0;
    for (size_t i = 0; i < sizeof FIRST / sizeof *FIRST; i++) {
        const rule *r = &FIRST[i];
        char cand[WORD_MAX];
        if (!(r->langs & lb) || !(r->cases & cases) || !apply(r, w, n, cand) ||
            !sl_gaz_first_name(cand, strlen(cand)) || !first_declines(cand))
            continue;
        got |= r->cases & cases;
        put_distinct(out, nout, cand);
    }
    return got;
}

/* The nominatives of W read with the first name first (its nominative in
 * first) in cases, by the surname rules (undeclined 0) or as a surname
 * that does not decline (1); distinct results in out. */
static void read_rest(const words *W, int lb, const char *first, unsigned cases, int a_decl,
                      int undeclined, char out[][WORD_MAX * 3], size_t *nout)
{
    int man_a = a_decl && sl_word_in_list(MEN_A, first, strlen(first));
    for (int g = 0; g < 2; g++) {
        int gender = g == 0 ? MASC : FEM;
        if (gender == FEM ? !a_decl || man_a : a_decl && !man_a)
            continue;
        unsigned cs = cases;
        char mid[OUTS][WORD_MAX];
        size_t nmid = 0;
        if (W->k == 3) {
            cs = read_word(PATRONYMIC, sizeof PATRONYMIC / sizeof *PATRONYMIC, lb, cases, gender,
                           0, W->w[1], W->n[1], mid, &nmid);
            if (nmid == 0) /* a second first name: "Реджепом Тайипом Эрдоганом" */
                cs = second_first(lb, cases, W->w[1], W->n[1], mid, &nmid);
            if (nmid != 1)
                continue;
        }
        char last[OUTS][WORD_MAX];
        size_t nlast = 0;
        const char *lw = W->w[W->k - 1];
        size_t ln = W->n[W->k - 1];
        if (W->k == 2 && patronymic(lb, lw, ln)) /* "Евгении Викторовне" */
            read_word(PATRONYMIC, sizeof PATRONYMIC / sizeof *PATRONYMIC, lb, cs, gender, 0, lw,
                      ln, last, &nlast);
        else if (!undeclined)
            read_word(SURNAME, sizeof SURNAME / sizeof *SURNAME, lb, cs, gender, 0, lw, ln, last,
                      &nlast);
        else {
            read_word(SURNAME, sizeof SURNAME / sizeof *SURNAME, lb, cs, gender, 1, lw, ln, last,
                      &nlast);
            if (indeclinable(lw, ln, gender) && nlast < OUTS) {
                memcpy(last[nlast], lw, ln);
                last[nlast++][ln] = 0;
            }
        }
        for (size_t j = 0; j < nlast; j++) {
            char full[WORD_MAX * 3];
            size_t fl = strlen(first);
            memcpy(full, first, fl);
            if (W->k == 3) {
                full[fl++] = ' ';
                memcpy(full + fl, mid[0], strlen(mid[0]));
                fl += strlen(mid[0]);
            }
            full[fl++] = ' ';
            memcpy(full + fl, last[j], strlen(last[j]) + 1);
            size_t x = 0;
            while (x < *nout && strcmp(out[x], full) != 0)
                x++;
            if (x == *nout && *nout < OUTS)
                memcpy(out[(*nout)++], full, strlen(full) + 1);
        }
    }
}


int sl_name_nominative(const char *lang, const char *name, size_t n, char *out, size_t cap)
{
    int lb = lang_bit(lang);
    words W;
    if (!lb || !split(name, n, &W))
        return SL_NAME_UNKNOWN;
    char res[OUTS][WORD_MAX * 3];
    size_t nres = 0;
    /* every reading of the first name (the rules whose nominative is a
     * known first name), with a surname that declines; failing those, with
     * one that does not (a declined reading wins: "Путине" is "Путин") */
    const char *over = NULL; /* the ending of an OVER rule that read a name */
    for (size_t i = 0; i < sizeof FIRST / sizeof *FIRST && !over; i++) {
        char first[WORD_MAX];
        if ((FIRST[i].flags & OVER) && (FIRST[i].langs & lb) &&
            apply(&FIRST[i], W.w[0], W.n[0], first) && sl_gaz_first_name(first, strlen(first)))
            over = FIRST[i].obl;
    }
    for (int undeclined = 0; undeclined < 2 && !nres; undeclined++)
        for (size_t i = 0; i < sizeof FIRST / sizeof *FIRST; i++) {
            const rule *r = &FIRST[i];
            char first[WORD_MAX];
            if (!(r->langs & lb) || (over && !(r->flags & OVER) && !strcmp(r->obl, over)) ||
                !apply(r, W.w[0], W.n[0], first) || !sl_gaz_first_name(first, strlen(first)) ||
                !first_declines(first))
                continue;
            read_rest(&W, lb, first, r->cases, ends_a(first, strlen(first)), undeclined, res,
                      &nres);
        }
    int as_is = sl_gaz_first_name(W.w[0], W.n[0]) &&
                nominative_fits(&W, ends_a(W.w[0], W.n[0]));
    if (as_is)
        return nres ? SL_NAME_UNKNOWN : SL_NAME_NOMINATIVE;
    if (nres != 1 || strlen(res[0]) >= cap)
        return SL_NAME_UNKNOWN;
    memcpy(out, res[0], strlen(res[0]) + 1);
    return SL_NAME_OBLIQUE;
}

int sl_name_first_oblique(const char *lang, const char *w, size_t n)
{
    int lb = lang_bit(lang);
    if (!lb || n >= WORD_MAX || sl_gaz_first_name(w, n))
        return 0;
    for (size_t i = 0; i < sizeof FIRST / sizeof *FIRST; i++) {
        char first[WORD_MAX];
        if ((FIRST[i].langs & lb) && apply(&FIRST[i], w, n, first) &&
            sl_gaz_first_name(first, strlen(first)) && first_declines(first))
            return 1;
    }
    return 0;
}

size_t sl_name_surname_forms(const char *lang, const char *w, size_t n,
                             char out[][SL_NAME_WORD], size_t max)
{
    int lb = lang_bit(lang);
    size_t k = 0;
    if (!lb || n >= WORD_MAX || !sl_cyrillic_lead((unsigned char)w[0]))
        return 0;
    for (size_t i = 0; i < sizeof SURNAME / sizeof *SURNAME && k < max; i++) {
        char cand[WORD_MAX];
        if (!(SURNAME[i].langs & lb) || !apply(&SURNAME[i], w, n, cand))
            continue;
        size_t j = 0;
        while (j < k && strcmp(out[j], cand) != 0)
            j++;
        if (j == k)
            memcpy(out[k++], cand, strlen(cand) + 1);
    }
    return k;
}
