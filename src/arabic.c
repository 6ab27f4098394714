/*
 * arabic: names, places and speech verbs in Arabic text (see arabic.h).
 *
 * The word lists below are written as news writes them; they are folded
 * (arabic.h) once, at first use, into sets that are only read afterwards.
 */
#include "arabic.h"
#include "entities.h"
#include "gazetteer.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Titles and roles that stand before a person's name, with the article
 * ("الرئيس") or in the construct state before what they head ("وزير
 * الخارجية", "مغني الأوبرا"). */
static const char *const TITLES[] = {
    "الرئيس", "رئيس", "الرئيسة", "رئيسة", "الشيخ", "الملك", "الملكة", "الأمير", "الأميرة",
    "العاهل", "ولي", "الوزير", "وزير", "الوزيرة", "وزيرة", "النائب", "نائب", "النائبة",
    "السفير", "سفير", "السفيرة", "المتحدث", "متحدث", "المتحدثة", "الناطق", "ناطق", "المبعوث",
    "مبعوث", "المبعوثة", "الأمين", "أمين", "المستشار", "مستشار", "المستشارة", "القائد", "قائد",
    "الزعيم", "زعيم", "المرشد", "اللواء", "العميد", "العقيد", "الجنرال", "الدكتور", "الدكتورة",
    "السيد", "السيدة", "الإمام", "البابا", "المدير", "مدير", "المديرة", "مديرة", "المفوض",
    "مفوض", "الكاتب", "الكاتبة", "الصحفي", "الصحفية", "الصحافي", "الصحافية", "المحلل", "الفنان",
    "الفنانة", "المغني", "مغني", "المغنية", "مغنية", "اللاعب", "لاعب", "اللاعبة", "المدرب",
    "مدرب", "النجم", "نجم", "النجمة", "نجمة", "الممثل", "الممثلة", "المخرج", "الباحث",
    "البروفيسور", "المطران", "الشاعر", "المحامي", "القاضي", "الحاكم", "حاكم", "المحافظ",
    "محافظ", "المرشح", "المرشحة", "مرشح", "الإعلامي", "الإعلامية", "المفتي", "الحاخام",
    "الناشط", "الناشطة", "المعارض", "المنسق", "منسق", "المقرر", "عضو", "العضو", "رئيسا", "عهد",
    "نقيب", "النقيب", "مقرر", "متحدثة", "زعيمة", "قائدة", "عضوة", "مندوب", "المندوب", "ممثل",
    "سلطان", "السلطان", "معد", "مؤلف", "الملحق", "الملحقة", "مساعد", "المساعد", NULL};

/* Vague subjects: a source, an official, a witness. A name follows only
 * when it opens on a known first name ("مسؤول أمريكي" is nobody); nor
 * do the things that speak (a statement, a report). */
static const char *const VAGUE[] = {
    "مصدر", "مصادر", "مسؤول", "مسؤولة", "مسؤولون", "مسئول", "شاهد", "شهود", "خبير", "خبراء",
    "محلل", "مراقبون", "ناشطون", "مواطن", "مواطنون", "بيان", "تقرير", "تصريح", "رسالة", "مقال",
    "دراسة", "استطلاع", "وثيقة", "مصدرا", "موقع", "صحيفة", "مجلة", "قناة", "وسائل", "تقارير",
    "فريق", NULL};

/* Nouns that open an organisation's name before what they head ("وزارة
 * الخارجية", "مجلس الأمن"). */
static const char *const OPENERS[] = {
    "وزارة", "حكومة", "مجلس", "هيئة", "منظمة", "جامعة", "شركة", "مكتب", "لجنة", "دولة", "قوات",
    "جيش", "بلدية", "محكمة", "صندوق", "بنك", "مؤسسة", "وكالة", "سلطة", "رابطة", "جمعية",
    "نقابة", "إدارة", "ديوان", "مركز", "معهد", "قيادة", "حركة", "حزب", "جماعة", "تنظيم",
    "تحالف", "اتحاد", "الحرس", "مصرف", "برلمان", "البرلمان", "الكونغرس", "الكونجرس", "مفوضية",
    "شؤون", "نادي", "منتخب", "وفد", "جهاز", NULL};
/* Of those, the ones whose name may be a word without the article
 * ("حركة حماس", "شركة أبل", "وكالة رويترز") */
static const char *const OPENERS_NAMED[] = {"حركة", "حزب",  "جماعة", "تنظيم", "شركة", "منظمة",
                                            "وكالة", "مجموعة", "نادي", "منتخب", NULL};
/* Nouns that open a place's name ("محافظة الطائف", "قرية الولجة") */
static const char *const PLACE_OPENERS[] = {"محافظة", "مدينة", "منطقة", "ولاية", "إقليم",
                                            "مقاطعة", "بلدة", "قرية", "مخيم", "جزيرة", NULL};

/* Organisations news names without an opener, or whose name starts with
 * the article ("الأمم المتحدة"); the first of each pair is how news
 * writes it, the second the name shown. */
static const char *const ORGS[][2] = {
    {"الأمم المتحدة", "الأمم المتحدة"},
    {"الاتحاد الأوروبي", "الاتحاد الأوروبي"},
    {"الاتحاد الأفريقي", "الاتحاد الأفريقي"},
    {"الاتحاد الإفريقي", "الاتحاد الأفريقي"},
    {"حلف شمال الأطلسي", "حلف شمال الأطلسي"},
    {"الناتو", "حلف شمال الأطلسي"},
    {"حماس", "حماس"},
    {"حزب الله", "حزب الله"},
    {"فتح", "فتح"},
    {"الجامعة العربية", "جامعة الدول العربية"},
    {"جامعة الدول العربية", "جامعة الدول العربية"},
    {"مجلس الأمن", "مجلس الأمن"},
    {"مجلس الأمن الدولي", "مجلس الأمن"},
    {"البنك الدولي", "البنك الدولي"},
    {"صندوق النقد الدولي", "صندوق النقد الدولي"},
    {"منظمة الصحة العالمية", "منظمة الصحة العالمية"},
    {"اليونسكو", "اليونسكو"},
    {"يونسكو", "اليونسكو"},
    {"اليونيسف", "اليونيسف"},
    {"أونروا", "الأونروا"},
    {"الأونروا", "الأونروا"},
    {"أوبك", "أوبك"},
    {"الكرملين", "الكرملين"},
    {"البيت الأبيض", "البيت الأبيض"},
    {"البنتاغون", "البنتاغون"},
    {"البنتاجون", "البنتاغون"},
    {"رويترز", "رويترز"},
    {"فرانس برس", "فرانس برس"},
    {"داعش", "داعش"},
    {"طالبان", "طالبان"},
    {"الحوثيين", "الحوثيون"},
    {"الحوثيون", "الحوثيون"},
    {"فيسبوك", "فيسبوك"},
    {"تويتر", "تويتر"},
    {"جوجل", "غوغل"},
    {"غوغل", "غوغل"},
    {"أبل", "أبل"},
    {"أمازون", "أمازون"},
    {NULL, NULL}};

/* Speech verbs by the gender they show: a man, a woman, a plural. */
static const char *const SPEECH_M[] = {
    "قال", "يقول", "أضاف", "يضيف", "أكد", "يؤكد", "أوضح", "صرح", "تابع", "أشار", "لفت", "اعتبر",
    "كتب", "أعلن", "شدد", "ذكر", "أعرب", "غرد", "أفاد", "نفى", "رأى", "أردف", "استطرد", "حذر",
    "دعا", "طالب", "قالها", NULL};
static const char *const SPEECH_F[] = {
    "قالت", "تقول", "أضافت", "تضيف", "أكدت", "تؤكد", "أوضحت", "صرحت", "تابعت", "أشارت", "لفتت",
    "اعتبرت", "كتبت", "أعلنت", "شددت", "ذكرت", "أعربت", "غردت", "أفادت", "نفت", "رأت", "أردفت",
    "حذرت", "دعت", "طالبت", NULL};
static const char *const SPEECH_P[] = {"قالوا", "أكدوا", "أضافوا", "أوضحوا", "أشاروا",
                                       "اعتبروا", "ذكروا", "أعلنوا", "طالبوا", "قلن", NULL};

/* Words that end a name: function words, prepositions, pronouns, time
 * words (weekdays, months, "يوم") and verbs of being. */
static const char *const STOPS[] = {
    "في", "من", "إلى", "على", "عن", "مع", "إن", "أن", "أنه", "أنها", "إنه", "إنها", "إنهم",
    "أنهم", "الذي", "التي", "الذين", "اللذين", "هذا", "هذه", "ذلك", "تلك", "هناك", "هنا", "قد",
    "لقد", "كان", "كانت", "يكون", "تكون", "ما", "ماذا", "لا", "لم", "لن", "ليس", "بعد", "قبل",
    "خلال", "عبر", "حول", "بين", "منذ", "حتى", "أو", "ثم", "كما", "لكن", "لكنه", "بل", "هو",
    "هي", "هم", "نحن", "أنا", "كل", "بعض", "غير", "عند", "عندما", "أمام", "ضد", "دون", "لدى",
    "وفق", "وفقا", "حسب", "بحسب", "يوم", "اليوم", "أمس", "غدا", "الأحد", "الاثنين", "الإثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "يناير", "فبراير", "مارس", "أبريل",
    "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون",
    "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "عاما", "عام",
    "سنة", "إذ", "إذا", "لو", "أي", "أيضا", "فقط", "جدا", "ذاته", "نفسه", "نفسها", "عليه",
    "عليها", "له", "لها", "لهم", "به", "بها", "فيه", "فيها", "منه", "منها", "إنّ", "أنّ",
    "لدينا", "يجب", "وأن", "وإن", "الى", "شكل", "نحو", "أكثر", "أقل", "مثل", "ثلاثة", "اثنين",
    "عدة", "عدد", "أحد", "إحدى", "عنه", "عنها", "إليه", "لديه", "بينما", "حيث", "تم", "يتم",
    "سيتم", "وسط", "ضمن", "إننا", "إنني", "أننا", "إني", "لأن", "كي", "مقابل", "آخر", "أخرى",
    "قائلا", "مضيفا", "مشيرا", "مؤكدا", "معتبرا", "موضحا", "مبتسما", "متابعا", "لافتا", "مشددا",
    "لاحقا", "سابقا", "مجددا", "حاليا", NULL};

/* Words that join the parts of one name ("محمد بن سلمان", "أبو مازن") */
static const char *const JOINS[] = {"بن", "ابن", "بنت", "أبو", "أبي", "عبد", "آل", "أم", NULL};

typedef struct folded_set {
    sl_wordset ws;
    char **words; /* folded, NULL-ended */
} folded_set;

static folded_set firsts; /* the first words of the listed places and organisations */
static folded_set titles, vague, openers, openers_named, place_openers, speech_m, speech_f,
    speech_p, stops,
    joins, orgs, places;
static const char **org_shown, **place_shown; /* by index in orgs, places */
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

size_t sl_ar_fold(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char a = u[i], b = i + 1 < n ? u[i + 1] : 0;
        if ((a == 0xD8 && (b == 0xA2 || b == 0xA3 || b == 0xA5)) || (a == 0xD9 && b == 0xB1)) {
            a = 0xD8; /* آ أ إ ٱ: ا */
            b = 0xA7;
        } else if (a == 0xD9 && ((b >= 0x8B && b <= 0x92) || b == 0x80 || b == 0xB0)) {
            i += 2; /* a vowel mark, shadda, sukun, tatweel, dagger alef */
            continue;
        } else if (a < 0xC0 || a >= 0xE0 || !b) {
            if (k + 2 > cap)
                return 0;
            out[k++] = (char)a; /* one byte (or the start of a longer character) */
            i++;
            continue;
        }
        if (k + 3 > cap)
            return 0;
        out[k++] = (char)a;
        out[k++] = (char)b;
        i += 2;
    }
    out[k] = 0;
    return k;
}

static char *fold_dup(const char *s)
{
    char buf[4 * SL_AR_WORD];
    size_t k = sl_ar_fold(s, strlen(s), buf, sizeof buf);
    return sl_xstrdup(k ? buf : s);
}

/* A set of the folded forms of n strings (each at stride bytes from the
 * last, from first). */
static void fold_set(folded_set *f, const void *first, size_t n, size_t stride)
{
    f->words = sl_xcalloc(n + 1, sizeof *f->words);
    for (size_t i = 0; i < n; i++)
        f->words[i] = fold_dup(*(const char *const *)((const char *)first + i * stride));
    sl_wordset_build_list(&f->ws, (const char *const *)f->words);
}

static void fold_list(folded_set *f, const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    fold_set(f, list, n, sizeof *list);
}

static void sets_init(void)
{
    fold_list(&titles, TITLES);
    fold_list(&vague, VAGUE);
    fold_list(&openers, OPENERS);
    fold_list(&openers_named, OPENERS_NAMED);
    fold_list(&place_openers, PLACE_OPENERS);
    fold_list(&speech_m, SPEECH_M);
    fold_list(&speech_f, SPEECH_F);
    fold_list(&speech_p, SPEECH_P);
    fold_list(&stops, STOPS);
    fold_list(&joins, JOINS);
    size_t no = 0;
    while (ORGS[no][0])
        no++;
    fold_set(&orgs, ORGS, no, sizeof *ORGS);
    org_shown = sl_xcalloc(no + 1, sizeof *org_shown);
    for (size_t i = 0; i < no; i++)
        org_shown[i] = ORGS[i][1];
    fold_set(&places, sl_gaz_places_ar, sl_gaz_nplaces_ar, sizeof *sl_gaz_places_ar);
    place_shown = sl_xcalloc(sl_gaz_nplaces_ar + 1, sizeof *place_shown);
    for (size_t i = 0; i < sl_gaz_nplaces_ar; i++)
        place_shown[i] = sl_gaz_places_ar[i][1];
    /* the first words, folded (cut at the first space of the folded names) */
    firsts.words = sl_xcalloc(no + sl_gaz_nplaces_ar + 1, sizeof *firsts.words);
    size_t k = 0;
    for (char **w = orgs.words; *w; w++)
        firsts.words[k++] = sl_xstrndup(*w, strcspn(*w, " "));
    for (char **w = places.words; *w; w++)
        firsts.words[k++] = sl_xstrndup(*w, strcspn(*w, " "));
    sl_wordset_build_list(&firsts.ws, (const char *const *)firsts.words);
}

static int in(const folded_set *f, const char *w, size_t n)
{
    return sl_wordset_find(&f->ws, w, n) >= 0;
}

/* ---- one word --------------------------------------------------------------- */

enum { MAX_FORMS = 6 };

/* A word folded, and the forms it may have without its prefixes: the
 * conjunctions و ف, then the prepositions ب ك ل ("وبالعراق": بالعراق,
 * العراق...), "لل" read as ل and the article ("للعراق": العراق). */
typedef struct word {
    char f[SL_AR_WORD]; /* folded; "" when too long or not Arabic */
    size_t fn;
    char forms[MAX_FORMS][SL_AR_WORD];
    size_t len[MAX_FORMS];
    unsigned char letters[MAX_FORMS]; /* prefix letters each form lacks */
    unsigned char prep[MAX_FORMS];    /* a preposition among them (not only "و", "ف") */
    int nforms;
    int tanwin; /* written with a tanwin ("مغايرًا"): an indefinite noun, no name */
} word;

static int starts(const char *f, size_t n, const char *p)
{
    size_t pl = strlen(p);
    return n >= pl && !memcmp(f, p, pl);
}

static void add_form(word *x, const char *f, size_t n, int letters, int prep, const char *pre)
{
    size_t pl = pre ? strlen(pre) : 0;
    if (x->nforms == MAX_FORMS || n + pl + 1 > SL_AR_WORD || n < 4)
        return; /* (a form keeps two letters at least) */
    if (pre)
        memcpy(x->forms[x->nforms], pre, pl);
    memcpy(x->forms[x->nforms] + pl, f, n);
    x->forms[x->nforms][n + pl] = 0;
    x->len[x->nforms] = n + pl;
    x->letters[x->nforms] = (unsigned char)letters;
    x->prep[x->nforms] = (unsigned char)prep;
    x->nforms++;
}

static void read_word(const char *s, sl_word w, word *x)
{
    x->nforms = 0;
    x->fn = 0;
    x->f[0] = 0;
    x->tanwin = 0;
    if (!sl_arabic_lead(s + w.s))
        return;
    for (size_t i = w.s; i + 1 < w.e; i++)
        x->tanwin |= (unsigned char)s[i] == 0xD9 && (unsigned char)s[i + 1] >= 0x8B &&
                     (unsigned char)s[i + 1] <= 0x8D;
    x->fn = sl_ar_fold(s + w.s, w.e - w.s, x->f, sizeof x->f);
    if (!x->fn)
        return;
    add_form(x, x->f, x->fn, 0, 0, NULL);
    size_t base = 0;
    if (starts(x->f, x->fn, "و") || starts(x->f, x->fn, "ف")) {
        add_form(x, x->f + 2, x->fn - 2, 1, 0, NULL);
        base = 2;
    }
    for (size_t b = 0; b <= base; b += 2) {
        const char *f = x->f + b;
        size_t n = x->fn - b;
        int l = (int)b / 2;
        if (starts(f, n, "لل"))
            add_form(x, f + 4, n - 4, l + 2, 1, "ال");
        else if (starts(f, n, "ب") || starts(f, n, "ل") || starts(f, n, "ك"))
            add_form(x, f + 2, n - 2, l + 1, 1, NULL);
    }
}

/* The bytes of the first k letters of the word at s (its vowel marks
 * with them). */
static size_t letters_bytes(const char *s, size_t n, int k)
{
    size_t i = 0;
    for (int done = 0; i < n && done <= k;) {
        char f[8];
        int l = (unsigned char)s[i] >= 0xC0 && i + 1 < n ? 2 : 1;
        if (sl_ar_fold(s + i, (size_t)l, f, sizeof f) == 0 && l == 2) {
            i += 2; /* a mark: it goes with the letter before */
            continue;
        }
        if (done == k)
            break;
        done++;
        i += (size_t)l;
    }
    return i;
}

/* Is form f (one of x's) in set? */
static int form_in(const folded_set *set, const word *x, int *which)
{
    for (int i = 0; i < x->nforms; i++)
        if (in(set, x->forms[i], x->len[i])) {
            if (which)
                *which = i;
            return 1;
        }
    return 0;
}

static int bare_in(const folded_set *set, const word *x) { return x->fn && in(set, x->f, x->fn); }

/* the form without the conjunction only (و ف): verbs and titles take no
 * preposition */
static int conj_in(const folded_set *set, const word *x)
{
    for (int i = 0; i < x->nforms; i++)
        if (!x->prep[i] && in(set, x->forms[i], x->len[i]))
            return 1;
    return 0;
}

/* Reads the lone word w[0..n) into x; false when it is too long to be any
 * listed word. */
static int read_alone(const char *w, size_t n, word *x)
{
    pthread_once(&sets_once, sets_init);
    if (n >= SL_AR_WORD)
        return 0;
    read_word(w, (sl_word){0, (uint32_t)n, 0, 0, 0, 0}, x);
    return 1;
}

/* The gender a speech verb shows ('m', 'f', 'p'), 0 if x is none */
static int verb_gender(const word *x)
{
    return conj_in(&speech_m, x)   ? 'm'
           : conj_in(&speech_f, x) ? 'f'
           : conj_in(&speech_p, x) ? 'p'
                                   : 0;
}

int sl_ar_speech_verb(const char *w, size_t n)
{
    word x;
    return read_alone(w, n, &x) ? verb_gender(&x) : 0;
}

static int stop_word(const word *x)
{
    return !x->fn || conj_in(&stops, x) || conj_in(&speech_m, x) || conj_in(&speech_f, x) ||
           conj_in(&speech_p, x);
}

int sl_ar_stop(const char *w, size_t n)
{
    word x;
    return !read_alone(w, n, &x) || stop_word(&x);
}

/* ---- a sentence --------------------------------------------------------------- */

enum { MAX_SPAN = 4, MAX_MODIFIERS = 8 };

typedef struct sent {
    const char *s;
    const sl_word *w;
    size_t nw;
    word *x; /* x[i]: w[i] read */
} sent;

/* Only spaces, or (comma) one comma, between w[j-1] and w[j]? */
static int joined(const sent *t, size_t j, int comma)
{
    if (!t->w[j].sep)
        return 1;
    if (!comma)
        return 0;
    const char *p = t->s + t->w[j - 1].e, *e = t->s + t->w[j].s;
    int commas = 0;
    for (; p < e; p++) {
        if (*p == ',')
            commas++;
        else if (e - p >= 2 && !memcmp(p, "\xD8\x8C", 2)) /* ، */
            commas++, p++;
        else if (*p != ' ')
            return 0;
    }
    return commas == 1;
}

/* The longest place or listed organisation at w[i] (up to MAX_SPAN
 * words, the first one's prefixes off); its word count, 0 if none. */
static size_t listed_at(const sent *t, size_t i, sl_ar_name *out)
{
    if (!form_in(&firsts, &t->x[i], NULL))
        return 0; /* most words open no listed name: one look-up a form */
    char key[MAX_SPAN * SL_AR_WORD];
    size_t most = t->nw - i < MAX_SPAN ? t->nw - i : MAX_SPAN;
    for (size_t n = most; n >= 1; n--) {
        int ok = 1;
        size_t tail = 0; /* the words after the first, joined by spaces */
        for (size_t j = i + 1; j < i + n && ok; j++) {
            const word *y = &t->x[j];
            ok = joined(t, j, 0) && y->fn;
            if (ok) {
                key[SL_AR_WORD + tail++] = ' ';
                memcpy(key + SL_AR_WORD + tail, y->f, y->fn);
                tail += y->fn;
            }
        }
        if (!ok)
            continue;
        const word *x = &t->x[i];
        for (int f = 0; f < x->nforms; f++) {
            size_t l = x->len[f];
            char *k = key + SL_AR_WORD - l;
            memcpy(k, x->forms[f], l);
            long p = sl_wordset_find(&places.ws, k, l + tail);
            long o = p < 0 ? sl_wordset_find(&orgs.ws, k, l + tail) : -1;
            if (p >= 0 || o >= 0) {
                *out = (sl_ar_name){i, i, n, letters_bytes(t->s + t->w[i].s, t->w[i].e - t->w[i].s,
                                                        x->letters[f]),
                                    p >= 0 ? SL_ENT_PLACE : SL_ENT_ORG,
                                    p >= 0 ? place_shown[p] : org_shown[o]};
                return n;
            }
        }
    }
    return 0;
}

static int definite(const word *x)
{
    return starts(x->f, x->fn, "ال") || starts(x->f, x->fn, "لل");
}

/* Does the word hold a prefix before the article ("للصحفيين", "بالقدس",
 * "والمسلمين")? Not a name's part: a family name takes the article alone
 * ("علي الخطيب"). */
static int prefixed_definite(const word *x)
{
    for (int i = 1; i < x->nforms; i++)
        if (starts(x->forms[i], x->len[i], "ال"))
            return 1;
    return 0;
}

/* Does the word end on the nisba ("-ي", "-ية": أمريكي, فلسطينية)? */
static int nisba(const word *x)
{
    return x->fn >= 6 && (!memcmp(x->f + x->fn - 2, "\xD9\x8A", 2) ||
                          !memcmp(x->f + x->fn - 4, "\xD9\x8A\xD8\xA9", 4));
}

/* Can word y be part of a person's name: two letters or more, no
 * tanwin, no function word, title, opener or vague noun, with or without
 * its prefixes ("بشركة", "لشؤون")? */
static int name_word(const word *y)
{
    return y->fn >= 4 && !y->tanwin && !stop_word(y) && !form_in(&titles, y, NULL) &&
           !form_in(&openers, y, NULL) && !form_in(&place_openers, y, NULL) &&
           !form_in(&vague, y, NULL) && !form_in(&stops, y, NULL);
}

static int ends(const word *y, const char *e)
{
    size_t l = strlen(e);
    return y->fn >= l + 4 && !memcmp(y->f + y->fn - l, e, l);
}

/* Does the word end on a pronoun suffix ("كلمتها", her speech; "-هم",
 * "تغريدته", "مناقبه")? */
static int suffixed(const word *y)
{
    return ends(y, "ها") || ends(y, "هم") || ends(y, "ته") || (y->fn >= 8 && ends(y, "ه"));
}

/* Is the word shaped like a noun rather than a foreign name: a feminine
 * or plural ending ("شرطة", "صفقة", "محطات"), which transliterated names
 * do not take? */
static int noun_shaped(const word *y)
{
    return (y->fn >= 4 && !memcmp(y->f + y->fn - 2, "\xD8\xA9", 2)) || ends(y, "ات");
}

/* A person's name at w[j]: up to three words (four with a joining word
 * such as "بن"), each a name_word. Not a name: a first word with the
 * article or "و" before it ("والمترجم", "وآخر"), or a verb's present form
 * ("يستنكر"), unless it is a known first name ("وليد", "يوسف"); a later
 * word with "و" ("وشمائله") unless a first name, or with a pronoun suffix
 * ("وزملاؤها"), a participle in the accusative ("ترامب متهما", Trump
 * accusing), a prefix before the article ("للصحفيين"), or a listed place
 * ("ماكول تركيا"). A name that does not open on a known first name takes
 * no word with the article: family names with it ("علي الخطيب") follow
 * Arabic first names, and "فريق البحث" (the research team) is no one;
 * nor is a name with a word shaped like a noun (noun_shaped), a masdar
 * after a preposition ("لتقديم دعم"), or two words on "ا" (accusatives:
 * "شرطا أساسيا"); it has two words at most (a third is more often the
 * next word of the sentence: "أندريا بوتشيلي برنامج"). After a known first
 * name, a third word is a first name, a family name with the article, or
 * follows a joining word ("سامح شكري التزام": two). Its word count, 0 if
 * none; *known set when it opens on a known first name; first: it must. */
static size_t name_at(const sent *t, size_t j, int first, int *known)
{
    if (j >= t->nw)
        return 0;
    const word *x = &t->x[j];
    *known = sl_gaz_first_name(t->s + t->w[j].s, t->w[j].e - t->w[j].s);
    sl_ar_name listed;
    if (!name_word(x) || suffixed(x) || (first && !*known) || listed_at(t, j, &listed) ||
        (!*known && ends(x, "ا") && j + 1 < t->nw && joined(t, j + 1, 0) &&
         ends(&t->x[j + 1], "ا")) ||
        (!*known && (definite(x) || prefixed_definite(x) || starts(x->f, x->fn, "ي") ||
                     starts(x->f, x->fn, "و") || starts(x->f, x->fn, "لت") ||
                     starts(x->f, x->fn, "تت") ||
                     starts(x->f, x->fn, "بت") || noun_shaped(x) || ends(x, "ية"))))
        return 0;
    size_t k = 1, most = *known ? 3 : 2;
    while (j + k < t->nw && k < most && joined(t, j + k, 0)) {
        const word *y = &t->x[j + k];
        int yk = sl_gaz_first_name(t->s + t->w[j + k].s, t->w[j + k].e - t->w[j + k].s);
        if (!name_word(y) || prefixed_definite(y) || suffixed(y) || listed_at(t, j + k, &listed) ||
            (!yk && y->fn >= 8 && starts(y->f, y->fn, "م") && ends(y, "ا")) ||
            (!*known && (definite(y) || noun_shaped(y))) ||
            (!yk && (starts(y->f, y->fn, "ي") || starts(y->f, y->fn, "و"))))
            break;
        if (k == 2 && *known && !yk && !definite(y) && !bare_in(&joins, &t->x[j + 1]))
            break;
        if (bare_in(&joins, y))
            most = 4;
        k++;
    }
    while (k > 1 && bare_in(&joins, &t->x[j + k - 1]))
        k--; /* (a joining word ends no name) */
    return k;
}

/* After a title at w[i]: the words that qualify it (with the article, or
 * an opener, title or listed name: "وزير الخارجية الأمريكي", "المتحدث
 * باسم وزارة الخارجية", and after "في" or "لدى" what has the article or
 * is listed: "المندوب الدائم لدى الأمم المتحدة"), then the name. Returns the name's word count and
 * sets *at; 0 if none. */
static size_t after_title(const sent *t, size_t i, int vague_title, size_t *at)
{
    size_t j = i + 1, mods = 0;
    sl_ar_name skip;
    while (j < t->nw && mods < MAX_MODIFIERS && joined(t, j, 0)) {
        const word *y = &t->x[j];
        size_t l;
        if (!y->fn)
            return 0;
        if ((!strcmp(y->f, "في") || !strcmp(y->f, "لدى")) && j + 1 < t->nw &&
            joined(t, j + 1, 0) &&
            (definite(&t->x[j + 1]) || bare_in(&openers, &t->x[j + 1]) ||
             listed_at(t, j + 1, &skip))) {
            j++; /* "رئيس لجنة الاستخبارات في مجلس النواب", "المندوب لدى الأمم المتحدة" */
            continue;
        }
        if (stop_word(y))
            return 0;
        if ((definite(y) && !sl_gaz_first_name(t->s + t->w[j].s, t->w[j].e - t->w[j].s)) ||
            bare_in(&titles, y) || bare_in(&openers, y) || !strcmp(y->f, "باسم") ||
            (vague_title && nisba(y))) {
            j++;
            mods++;
        } else if ((l = listed_at(t, j, &skip)) > 0) {
            j += l;
            mods++;
        } else {
            break;
        }
    }
    if (j >= t->nw || (!joined(t, j, 1)))
        return 0;
    *at = j;
    int known;
    return name_at(t, j, vague_title, &known);
}

/* A name opened at w[i] by an opener (of an organisation or a place):
 * what the opener heads, up to three words with the article, or one word
 * without it after an opener of OPENERS_NAMED or PLACE_OPENERS; its word
 * count after the opener. */
static size_t opened(const sent *t, size_t i, int named)
{
    size_t k = 0;
    while (i + 1 + k < t->nw && k < 3 && joined(t, i + 1 + k, 0)) {
        const word *y = &t->x[i + 1 + k];
        if (!y->fn || stop_word(y))
            break;
        if (definite(y) && !starts(y->f, y->fn, "لل")) {
            k++;
        } else if (k == 0 && named && !nisba(y) && !bare_in(&titles, y)) {
            k++;
            break;
        } else {
            break;
        }
    }
    return k;
}

size_t sl_ar_name_text(const char *s, const sl_word *w, const sl_ar_name *nm, char *out,
                       size_t cap)
{
    size_t k = 0;
    if (nm->shown) {
        k = strlen(nm->shown) < cap ? strlen(nm->shown) : sl_utf8_floor(nm->shown, cap - 1);
        memcpy(out, nm->shown, k);
    } else {
        for (size_t i = nm->a; i < nm->a + nm->n; i++) {
            const char *p = s + w[i].s + (i == nm->a ? nm->skip : 0);
            size_t l = s + w[i].e - p;
            if (k + l + 2 > cap)
                l = k + 2 < cap ? sl_utf8_floor(p, cap - k - 2) : 0;
            if (k && l)
                out[k++] = ' ';
            memcpy(out + k, p, l);
            k += l;
        }
    }
    out[k] = 0;
    return k;
}

size_t sl_ar_place_prefix(const char *s, size_t n)
{
    pthread_once(&sets_once, sets_init);
    sl_word wb[MAX_SPAN], *w = wb;
    size_t cap = MAX_SPAN;
    size_t nw = sl_words_scan(s, n, &w, &cap, MAX_SPAN, NULL);
    if (!nw || w[0].s != 0)
        return 0;
    word x[MAX_SPAN];
    for (size_t i = 0; i < nw; i++)
        read_word(s, w[i], &x[i]);
    sent t = {s, w, nw, x};
    sl_ar_name nm;
    size_t k = listed_at(&t, 0, &nm);
    if (!k || nm.type != SL_ENT_PLACE || nm.skip)
        return 0;
    size_t e = w[k - 1].e;
    return e == n || s[e] == ' ' || s[e] == '(' ? e : 0;
}

size_t sl_ar_names(const char *s, const sl_word *w, size_t nw, sl_ar_name *out, size_t max)
{
    pthread_once(&sets_once, sets_init);
    if (!nw || !max)
        return 0;
    sent t = {s, w, nw, sl_xmalloc(nw * sizeof(word))};
    for (size_t i = 0; i < nw; i++)
        read_word(s, w[i], &t.x[i]);
    size_t n = 0;
    int subject = 0; /* the word before was a speech verb */
    for (size_t i = 0; i < nw && n < max;) {
        const word *x = &t.x[i];
        size_t k, at;
        int which, known;
        if (!x->fn) {
            i++;
            subject = 0;
            continue;
        }
        if ((k = listed_at(&t, i, &out[n])) > 0) {
            n++;
            i += k;
        } else if (conj_in(&titles, x) || conj_in(&vague, x)) {
            k = after_title(&t, i, conj_in(&vague, x), &at);
            if (k) {
                /* one word ("الرئيس عون", but also "الرئيس متمنيا", the
                 * president wishing) is typed by the full name it ends,
                 * if any (entities.c) */
                out[n++] = (sl_ar_name){i, at, k, 0, k >= 2 ? SL_ENT_PERSON : SL_ENT_OTHER, NULL};
                i = at + k;
            } else {
                i++;
            }
        } else if ((form_in(&openers, x, &which) &&
                    (k = opened(&t, i, form_in(&openers_named, x, NULL))) > 0) ||
                   (form_in(&place_openers, x, &which) && (k = opened(&t, i, 1)) > 0 &&
                    !listed_at(&t, i + 1, &out[n]))) {
            /* (a listed place after "مدينة" is itself: "بمدينة دير البلح") */
            out[n++] = (sl_ar_name){i, i, k + 1, letters_bytes(s + w[i].s, w[i].e - w[i].s,
                                                            x->letters[which]),
                                    form_in(&place_openers, x, NULL) ? SL_ENT_PLACE : SL_ENT_ORG,
                                    NULL};
            i += k + 1;
        } else if (subject && (k = name_at(&t, i, 0, &known)) > 0) {
            /* the subject of a speech verb: a person when it has two
             * words or more; one word ("ملادينوف", or "نور", a first name
             * and light) is typed by the full name it ends, if any */
            out[n++] = (sl_ar_name){i, i, k, 0, k >= 2 ? SL_ENT_PERSON : SL_ENT_OTHER, NULL};
            i += k;
        } else if (subject && t.x[i].fn >= 10 && definite(&t.x[i]) && !prefixed_definite(&t.x[i]) &&
                   ends(&t.x[i], "ي") && !t.x[i].tanwin &&
                   (i + 1 == nw || !joined(&t, i + 1, 0) || stop_word(&t.x[i + 1]))) {
            /* "قال السيستاني": a family name with the article, alone
             * after the verb, typed by the full name it ends, if any */
            out[n++] = (sl_ar_name){i, i, 1, 0, SL_ENT_OTHER, NULL};
            i++;
        } else {
            subject = verb_gender(x) != 0;
            i++;
            continue;
        }
        subject = 0;
    }
    free(t.x);
    return n;
}
