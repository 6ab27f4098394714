/*
 * lang: language identification, ISO 639-1 codes.
 *
 * How it works: the letters of the first few KB are counted by script.
 *  - A script used by one language answers at once (Greek, Hebrew, Hangul,
 *    Kana, Han, Thai, Georgian, Armenian, the Indic scripts...).
 *  - Cyrillic is decided by letters that only some languages use: ы э ё
 *    (Russian, Belarusian), і ї є ґ (Ukrainian), ў (Belarusian), ђ ћ џ љ
 *    њ ј (Serbian, Macedonian), ѓ ќ ѕ (Macedonian), a high share of ъ
 *    (Bulgarian), ә ғ қ ң ө ұ ү һ ҳ ҷ (Central Asian languages). Only
 *    when no such letter settles it are n-gram profiles compared, and only
 *    among the Cyrillic languages.
 *  - Arabic script: ٹ ڈ ڑ ں ے (Urdu), پ چ ژ گ and the Persian forms of
 *    kaf and yeh (Persian), else Arabic.
 *  - Latin script: a quick English test (share of common English function
 *    words), else libexttextcat n-gram profiles (Debian's
 *    /usr/share/libexttextcat) restricted to Latin-script languages.
 * Profiles are loaded once (pthread_once) and only read afterwards; each
 * call builds its own fingerprint, so calls run in parallel. When the best
 * profile does not beat the runner-up by a margin, function words of the two
 * candidates decide; failing that, or when the text is too short, the
 * answer is NULL.
 */
#include "lang.h"
#include "util.h"

#include <libexttextcat/fingerprint.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#ifndef SL_TEXTCAT_DIR
#define SL_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

#define SCAN_BYTES 4096    /* letters counted for the script test */
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

/* Function words that tell apart Latin-script neighbours textcat confuses
 * (Spanish, Catalan, Galician, Portuguese, Italian, French, English,
 * German, Dutch). Space-separated, lowercase. */
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
};

/* Hits of language code's function words among the words of text. */
static size_t fword_hits(const char *text, size_t len, const char *code)
{
    const char *list = NULL;
    for (size_t i = 0; i < sizeof fwords / sizeof *fwords; i++)
        if (!strcmp(fwords[i].code, code))
            list = fwords[i].words;
    if (!list)
        return 0;
    size_t hits = 0, i = 0;
    while (i < len) {
        while (i < len && (text[i] == ' ' || ispunct((unsigned char)text[i]) || text[i] == '\n'))
            i++;
        size_t st = i;
        while (i < len && text[i] != ' ' && text[i] != '\n' && !ispunct((unsigned char)text[i]))
            i++;
        size_t n = i - st;
        if (n == 0) {
            i++;
            continue;
        }
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

/* Best profile of group for text, or NULL when too short or unsure (the
 * runner-up of another language within 1.5% of the best distance). */
static const char *ngram_guess(const char *text, size_t len, int group)
{
    /* Slovenian writes no ć or đ: keep it out when they occur */
    bool no_sl = group == G_LATIN && (memmem(text, len, "\xC4\x87", 2) || memmem(text, len, "\xC4\x91", 2) ||
                                      memmem(text, len, "\xC4\x86", 2) || memmem(text, len, "\xC4\x90", 2));
    if (len < MIN_NGRAM_BYTES)
        return NULL;
    if (len > NGRAM_BYTES)
        len = NGRAM_BYTES;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--; /* do not cut a UTF-8 sequence */
    pthread_once(&once, load_profiles);
    void *u = fp_Init("");
    if (!u)
        return NULL;
    fp_SetProperty(u, TCPROP_UTF8AWARE, TC_TRUE);
    fp_SetProperty(u, TCPROP_MINIMUM_DOCUMENT_SIZE, MIN_NGRAM_BYTES);
    const char *best = NULL;
    if (fp_Create(u, text, (uint4)len, SL_NGRAMS)) {
        long s1 = LONG_MAX, s2 = LONG_MAX;
        const char *second = NULL;
        for (size_t i = 0; i < NPROFILES; i++) {
            if (profiles[i].group != group || !profiles[i].fp ||
                (no_sl && !strcmp(profiles[i].code, "sl")))
                continue;
            /* profiles farther than the runner-up stop early */
            long s = fp_Compare(profiles[i].fp, u, s2 < INT_MAX ? (int)s2 : INT_MAX);
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
    fp_Done(u);
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

static void count_letter(counts *c, int32_t cp)
{
    c->letters++;
    if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00))
        c->latin++;
    else if (cp >= 0x400 && cp < 0x530) {
        c->cyr++;
        count_cyrillic(c, utf8proc_tolower(cp));
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

static void count_text(counts *c, const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = sl_utf8_decode(u + i, len - i, &cp);
        if (k < 0) {
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            count_letter(c, cp);
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
 * quick test that spares the n-gram comparison for most English text. */
static bool looks_english(const char *text, size_t len)
{
    static const char *fw[] = {"the", "of", "and", "that", "for", "with", "said", "from",
                               "have", "has", "this", "are", "were", "which", "would",
                               "been", "their", "will", "after", "about", NULL};
    size_t words = 0, hits = 0, i = 0;
    while (i < len) {
        while (i < len && !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
            i++;
        size_t s = i;
        while (i < len && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
            i++;
        if (i == s)
            break;
        /* a word glued to a non-ASCII letter is not English */
        if (i < len && ((unsigned char)text[i] & 0x80))
            continue;
        words++;
        for (int k = 0; fw[k]; k++)
            if (strlen(fw[k]) == i - s && strncasecmp(fw[k], text + s, i - s) == 0) {
                hits++;
                break;
            }
    }
    return words >= 8 && hits * 100 >= words * 15;
}

const char *sl_lang_detect(const char *text, size_t len)
{
    if (!text || len < 2)
        return NULL;
    size_t scan = len < SCAN_BYTES ? len : SCAN_BYTES;
    counts c = {0};
    count_text(&c, text, scan);
    if (c.letters < 3)
        return NULL;
    /* scripts of one language (or one that dominates news) */
    struct {
        size_t n;
        const char *code;
    } single[] = {{c.greek, "el"},    {c.hebrew, "he"},      {c.hangul, "ko"},
                  {c.thai, "th"},      {c.georgian, "ka"},    {c.armenian, "hy"},
                  {c.bengali, "bn"},   {c.tamil, "ta"},       {c.telugu, "te"},
                  {c.malayalam, "ml"}, {c.gujarati, "gu"},    {c.gurmukhi, "pa"},
                  {c.kannada, "kn"},   {c.sinhala, "si"},     {c.khmer, "km"},
                  {c.lao, "lo"},       {c.myanmar, "my"},     {c.ethiopic, "am"}};
    size_t top = c.latin;
    int which = 0; /* 0 latin, 1 cyrillic, 2 arabic, 3 devanagari, 4 cjk, 5+i single */
    if (c.cyr > top) { top = c.cyr; which = 1; }
    if (c.arabic > top) { top = c.arabic; which = 2; }
    if (c.devanagari > top) { top = c.devanagari; which = 3; }
    if (c.han + c.kana > top) { top = c.han + c.kana; which = 4; }
    for (size_t i = 0; i < sizeof single / sizeof *single; i++)
        if (single[i].n > top) {
            top = single[i].n;
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
    if (looks_english(text, scan))
        return "en";
    return ngram_guess(text, scan, G_LATIN);
}
