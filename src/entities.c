/*
 * entities: people, organisations and places of a story (see entities.h).
 *
 * How it works:
 * 1. Every sentence (and title) is scanned into words with byte offsets;
 *    runs of capitalised words, joined by "of", "de", "al" and the like,
 *    are mention candidates. Title-case lines (captions, headlines in the
 *    body) are skipped: every word there is capitalised.
 * 2. A run loses a sentence-initial word that is a function word or is
 *    seen in lower case elsewhere in the story ("Officials", "However"),
 *    and everything up to its last person title ("Russian President
 *    Vladimir Putin" -> "Vladimir Putin", which also marks a person).
 *    A Russian or Ukrainian name whose first word is a first name in an
 *    oblique case is read in the nominative (nominative.h), and keyed
 *    and shown so.
 * 3. Mentions are counted per name (places under their gazetteer name, so
 *    "U.S." counts for "United States"), with a salience weight that
 *    favours early sentences, and a bonus when a title names the entity.
 * 4. Types: gazetteer -> place; organisation suffix, all-capitals
 *    acronym or a name usually written after "the" -> organisation;
 *    title or known first name, or one word that is a common surname ->
 *    person. A one-word person or unknown
 *    name that is the last word of a longer person's name ("Putin") is
 *    merged into it.
 * Everything is linear in the story's text, plus a pass over the entities
 * per title.
 */
#include "entities.h"
#include "arabic.h"
#include "korean.h"
#include "gazetteer.h"
#include "hash_inline.h"
#include "nominative.h"
#include "romance_heads.h"
#include "ru_heads.h"
#include "sentence.h"
#include "strmap.h"
#include "tokenize.h"
#include "util.h"
#include "words.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_RUN = 8, MAX_ENTITIES_OUT = 25 };


/* The entities by map key (a name as written, a place's name or a stem
 * key): open addressing on the key's hash, the keys' bytes kept end to end
 * in one buffer. A story asks it at every mention and adds a key per new
 * name; a general string map would hash twice, copy every key and free
 * it again. */
typedef struct eslot {
    uint64_t h;        /* 0: empty */
    uint32_t off, len; /* the key: keys.data[off..off+len) */
    uint32_t idx;
} eslot;

typedef struct emap {
    eslot *s;
    size_t cap, n;
    sl_buf keys;
} emap;

typedef struct ent {
    char *key; /* in the name blocks (key_dup) */
    int count, docs, lastdoc, the_count, noninit, title_ev, nwords;
    int de_count, de_noun; /* one-word mentions in German; of them after an article */
    double sal;
    int merged;    /* index of the entity it was merged into, or -1 */
    int dropped;
    int type;
    const char *place; /* canonical place name, or NULL */
    int certain;       /* the name's SL_NAME_* (nominative.h): how sure its case is */
    int hint;          /* SL_ENT_* + 1 of a name whose words gave its type (Arabic), or 0 */
} ent;

/* The entities' names live in blocks that die with the entities: a story
 * names hundreds of them, each once (a name replaced by a shorter form
 * leaves its old bytes in the block). */
typedef struct kblock {
    struct kblock *next;
    char data[];
} kblock;

struct sl_entities {
    ent *v;
    size_t n, cap;
    emap map;              /* map key -> index in v */
    uint64_t *lower;       /* hashes of the story's lower-case words */
    size_t nlower, lower_cap;
    char *stem_lang;       /* a language whose names were keyed by stems */
    size_t *order;         /* kept entities by salience */
    size_t norder;
    sl_entity *out;
    kblock *kblocks; /* the names' blocks, the newest first */
    char *kcur;      /* free bytes of the newest: kcur[0..kleft) */
    size_t kleft;
};

enum { KBLOCK_BYTES = 2048 };

/* A copy of s in E's name blocks (freed with E). */
static char *key_dup(sl_entities *E, const char *s)
{
    size_t n = strlen(s) + 1;
    if (n > E->kleft) {
        size_t sz = n > KBLOCK_BYTES ? n : KBLOCK_BYTES;
        kblock *b = sl_xmalloc(sizeof *b + sz);
        b->next = E->kblocks;
        E->kblocks = b;
        E->kcur = b->data;
        E->kleft = sz;
    }
    char *p = memcpy(E->kcur, s, n);
    E->kcur += n;
    E->kleft -= n;
    return p;
}

/* ---- word lists -------------------------------------------------------- */

static const char *const TITLES[] = {
    "President", "President-elect", "President-Elect", "Vice", "Prime", "Minister",
    "Secretary", "Senator", "Sen.", "Rep.", "Representative", "Gov.", "Governor", "Mr.",
    "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Gen.", "General", "King", "Queen",
    "Prince", "Princess", "Pope", "Chancellor", "Judge", "Justice", "Chief", "Director",
    "Chairman", "Chairwoman", "CEO", "Ambassador", "Mayor", "Spokesman", "Spokeswoman",
    "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Rev.", "Premier", "Emperor", "Cardinal",
    "Archbishop", "Bishop", "Sheikh", "Speaker", "Coach", "Commissioner", "Attorney",
    "Deputy", "Counsel", "Professor", "Prof.", "Commander", "Marshal", "Patriarch", "Sir",
    "Lord", "Lady", "Dame", "Pres.", "Envoy", "Detective", "Sergeant", "Lieutenant",
    "Colonel", "Captain", "Admiral", "Gov", "Sen", "Rep", "Minister-President", "Leader",
    "Foreign", "Defense", "Defence", "Interior", "Finance", "Justice", "Health", "General",
    /* the titles other languages write with a capital before a name */
    "Président", "Présidente", "Ministre", "Madame", "Monsieur", "Mme", "Mme.", "Professeur",
    "Docteur", "Presidente", "Ministro", "Ministra", "Senador", "Senadora", "Diputado",
    "Diputada", "Gobernador", "Gobernadora", "Alcalde", "Alcaldesa", "Herr", "Frau",
    "Bundeskanzler", "Bundeskanzlerin", "Kanzler", "Kanzlerin", "Präsident", "Präsidentin",
    "Ministerin", "Ministerpräsident", "Ministerpräsidentin", "Bürgermeister",
    "Bürgermeisterin", NULL};

/* Words that alone do not name a person even after a title. */
static const char *const NON_NAME[] = {"Foreign", "Defense", "Defence", "Interior",
                                       "Finance", "Health", "General", NULL};

static const char *const ORG_WORDS[] = {
    "Ministry", "Party", "University", "College", "Council", "Committee", "Agency", "Bank",
    "Court", "Department", "Association", "Union", "Organization", "Organisation",
    "Commission", "Institute", "Inc", "Inc.", "Corp", "Corp.", "Co.", "Ltd", "Ltd.", "LLC",
    "Group", "Times", "Post", "News", "Press", "Network", "Company", "Airlines", "Airways",
    "Congress", "Senate", "Parliament", "Assembly", "Administration", "Office", "Service",
    "Services", "Bureau", "Fund", "Federation", "League", "Club", "Foundation", "Police",
    "Army", "Navy", "Force", "Forces", "Board", "Church", "Reuters", "Kremlin", "Pentagon",
    "Duma", "Cabinet", "Government", "Journal", "Authority", "Corporation", "Holdings",
    "Motors", "Systems", "Technologies", "Society", "Guard", "Tribunal", "Secretariat",
    "School", "Hospital", "Museum", "Embassy", "Centre", "Center", "Alliance", "Coalition",
    "Front", "Movement", "House", "Channel", "Television", "Radio", "Agency", "Games",
    NULL};

/* Capitalised words that alone name nothing in particular. */
static const char *const GENERIC1[] = {"North", "South", "East", "West", "Northern", "Southern",
                                       "Eastern", "Western", "Central", "LLC", "Inc", "Ltd",
                                       "Celsius", "Fahrenheit",
                                       /* a month abbreviated without its period, as
                                        * datelines write it ("15 Nov 2019") */
                                       "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                                       "Sept", "Oct", "Nov", "Dec", NULL};

static const char *const CONNECTORS[] = {"of", "for", "de", "du", "la", "van", "von", "bin",
                                         "al", "der", "del", "da", "di", "le", NULL};

static const char *const SKIP_WORDS[] = {
    "The", "A", "An", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec.", "I", "Image", "Photo", "Video", "Read", "More",
    /* the prompts of site chrome in capitals ("READ: ...", "WATCH: ...") */
    "READ", "WATCH", "VIDEO", "PHOTO", "PHOTOS", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE",
    "LIVE", "ALSO", "RELATED", "MORE", "SEE", "CLICK", "SUBSCRIBE", "ADVERTISEMENT", "LISTEN",
    "OPINION", "ANALYSIS", "EDITORIAL", "FILE", "EXPLAINER", "SPONSORED", NULL};

/* German articles and determiners: German capitalises every noun, and a
 * capitalised word after one of these is a noun ("die Studie", "im
 * Krankenhaus", "mehrere Patienten"), rarely a name. */
static const char *const DE_DET[] = {
    "der",     "die",     "das",    "den",    "dem",    "des",    "ein",    "eine",   "einen",
    "einem",   "einer",   "eines",  "kein",   "keine",  "keinen", "keinem", "keiner", "keines",
    "im",      "am",      "zum",    "zur",    "vom",    "beim",   "ins",    "ans",    "aufs",
    "dieser",  "diese",   "dieses", "diesen", "diesem", "jeder",  "jede",   "jedes",  "jeden",
    "jedem",   "alle",    "allen",  "aller",  "viele",  "vielen", "vieler", "mehrere", "mehreren",
    "einige",  "einigen", "wenige", "wenigen", "sein",  "seine",  "seinen", "seinem", "seiner",
    "ihr",     "ihre",    "ihren",  "ihrem",  "ihrer",  "unser",  "unsere", "unseren", "unserem",
    "welche",  "welcher", "welches", "solche", "solchen", "beiden", "beide", "manche", "manchen",
    "zwei",    "drei",    "vier",   "fünf",   "sechs",  "sieben", "acht",   "neun",   "zehn",
    "elf",     "zwölf",   "zwanzig", "dreißig", "hundert", "tausend", NULL};

/* Capitalised German words that are no names by themselves: days,
 * months, and words that open a sentence or a quotation. */
static const char *const DE_NOT_NAME[] = {
    "Montag",  "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",   "Sonntag",
    "Januar",  "Februar",  "März",     "April",      "Mai",     "Juni",      "Juli",
    "September", "Oktober", "November", "Dezember",  "Ich",     "Wir",       "Sie",
    "Er",      "Es",       "Du",       "Ihr",        "Man",     "Dies",      "Diese",
    "Dieser",  "Dieses",   "Wenn",     "Aber",       "Und",     "Doch",      "Auch",
    "Nun",     "So",       "Als",      "Wie",        "Was",     "Wer",       "Warum",
    "Hier",    "Dort",     "Heute",    "Gestern",    "Morgen",  "Jetzt",     "Damit",
    "Dabei",   "Deshalb",  "Trotzdem", "Allerdings", "Zudem",   "Laut",      "Mehr",
    NULL};

/* Endings of German nouns made with a suffix ("Infektion", "Studie",
 * "Gesellschaft", "Politik"): such a word alone is no name. */
static const char *const DE_NOUN_END[] = {
    "ung",  "ungen", "heit",  "heiten", "keit",  "keiten", "schaft", "schaften", "tion",
    "tionen", "sion", "sionen", "tät",  "täten", "ismus", "nis",    "nisse",    "tum",
    "ling", "linge", "ment",  "mente",  "enz",   "enzen",  "anz",    "anzen",    "ie",
    "ien",  "ik",    "erei",  "ität",   NULL};

/* ---- fast look-ups ----------------------------------------------------------- */

/* The word lists above as hash sets, and the letter classes of the
 * two-byte UTF-8 range (Latin, Greek, Cyrillic, ...) from util's code point
 * table: both are asked at every word or byte of every story. Built once
 * (pthread_once) and only read afterwards. */
static const sl_cpinfo *cp_tab; /* sl_cp_table(): U+0000..U+07FF */
static sl_wordset set_titles, set_non_name, set_org, set_generic1, set_connectors, set_skip,
    set_de_det, set_de_not_name;
static pthread_once_t fast_once = PTHREAD_ONCE_INIT;

static void fast_init(void)
{
    cp_tab = sl_cp_table();
    sl_wordset_build_list(&set_titles, TITLES);
    sl_wordset_build_list(&set_non_name, NON_NAME);
    sl_wordset_build_list(&set_org, ORG_WORDS);
    sl_wordset_build_list(&set_generic1, GENERIC1);
    sl_wordset_build_list(&set_connectors, CONNECTORS);
    sl_wordset_build_list(&set_skip, SKIP_WORDS);
    sl_wordset_build_list(&set_de_det, DE_DET);
    sl_wordset_build_list(&set_de_not_name, DE_NOT_NAME);
}

static void fast_ready(void) { pthread_once(&fast_once, fast_init); }

/* Does s open on a character of U+0400..U+047F (lead byte D0 or D1), as
 * Russian words do? */
static inline int cyrillic_lead(const char *s)
{
    return ((unsigned char)s[0] & 0xFE) == 0xD0;
}

/* The code point whose bytes end at *end in s, *end moved to its first
 * byte; -1 when there is none. */
static int32_t cp_ending(const char *s, size_t *end)
{
    size_t i = *end;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--; /* back to the character's first byte (i - 1) */
    int32_t cp;
    if (i == 0 || sl_utf8_next((const unsigned char *)s + i - 1, *end - i + 1, &cp) <= 0)
        return -1;
    *end = i - 1;
    return cp;
}

/* Is cp a Russian vowel, й or ь (lower case)? */
static int ru_vowel(int32_t cp)
{
    static const int32_t VOWELS[] = {0x430, 0x435, 0x438, 0x439, 0x43E, 0x443, 0x44B,
                                     0x44C, 0x44D, 0x44E, 0x44F, 0x451}; /* аеийоуыьэюяё */
    for (size_t v = 0; v < sizeof VOWELS / sizeof *VOWELS; v++)
        if (cp == VOWELS[v])
            return 1;
    return 0;
}

/* Does the name end on a consonant (its last character a letter that is
 * no Russian vowel, й or ь)? */
static int ends_on_consonant(const char *name)
{
    size_t e = strlen(name);
    int32_t cp = cp_ending(name, &e);
    return cp >= 0 && !ru_vowel(cp) && (sl_cp_class(cp) & SL_CP_LETTER) != 0;
}

/* Russian places (gazetteer.h), keyed as names in an inflected language
 * are (stem_key in Russian): "России" and "Россией" find "Россия". Built
 * once on first use. */
static sl_strmap *ru_places;
static pthread_once_t ru_once = PTHREAD_ONCE_INIT;
static const char *stem_key_compute(sl_buf *b, const char *lang, const char *name);

/* Does a Russian place name stay the same in every case? A borrowed name
 * ending on о, у, ю, э, or on е or и after a consonant: "Мали", "Чили",
 * "Перу", "Осло", "Тбилиси", "Кабо-Верде" ("Ставрополье" and "Гималаи"
 * decline). Asked of one-word names: in "Республика Коми" the first word
 * declines, and its stem key holds what names it ("Коми"). */
static int ru_indeclinable(const char *name)
{
    size_t e = strlen(name);
    int32_t last = cp_ending(name, &e), prev = cp_ending(name, &e);
    switch (last) {
    case 0x43E: case 0x443: case 0x44E: case 0x44D: /* о у ю э */
        return 1;
    case 0x435: case 0x438: /* е и: after a consonant, б..щ */
        return prev >= 0x431 && prev <= 0x449 && !ru_vowel(prev);
    default:
        return 0;
    }
}

/* The key of a name that does not decline: "=" and the name in lower
 * case, into out[0..130). */
static const char *exact_key(char *out, const char *w, size_t n)
{
    int whole;
    size_t l = sl_lower_word_in(cp_tab, w, n, out + 1, 129, &whole);
    out[0] = '=';
    out[whole ? l + 1 : 1] = 0;
    return out;
}

static void ru_init(void)
{
    pthread_once(&fast_once, fast_init);
    ru_places = sl_strmap_new();
    sl_buf b = {0}, f = {0};
    for (size_t i = 0; i < sl_gaz_nplaces_ru; i++) {
        const char *name = sl_gaz_places_ru[i][0];
        if (!strchr(name, ' ') && ru_indeclinable(name)) { /* as written only (ru_place) */
            char k[130];
            sl_strmap_put(ru_places, exact_key(k, name, strlen(name)), (uint32_t)i);
            continue;
        }
        sl_strmap_put(ru_places, stem_key_compute(&b, "ru", name), (uint32_t)i);
        /* the stemmer cuts a final "-ев", "-ов" of the nominative only
         * ("Киев": "ки", but "Киева", "Киеве": "киев"): a name ending on
         * a consonant is also keyed as its genitive is */
        if (ends_on_consonant(name)) {
            sl_buf_reset(&f);
            sl_buf_puts(&f, name);
            sl_buf_puts(&f, "\xD0\xB0"); /* "а" */
            const char *k = stem_key_compute(&b, "ru", f.data);
            uint32_t j;
            if (!sl_strmap_get(ru_places, k, &j))
                sl_strmap_put(ru_places, k, (uint32_t)i);
        }
    }
    sl_buf_free(&b);
    sl_buf_free(&f);
}

/* The canonical Russian place the Cyrillic word (its Russian stem key
 * given) names, or NULL. A name that does not decline is found only as
 * written: "Малом" has the stem of "Мали" and names no country. */
static const char *ru_place(const char *word, size_t n, const char *stem_key)
{
    pthread_once(&ru_once, ru_init);
    uint32_t i;
    char k[130];
    return sl_strmap_get(ru_places, exact_key(k, word, n), &i) ||
                   sl_strmap_get(ru_places, stem_key, &i)
               ? sl_gaz_places_ru[i][1]
               : NULL;
}

/* Russian titles before a name, written in lower case ("президент
 * Владимир Путин", "министра Сергея Лаврова"): their stems, so that
 * every case counts. */
static const char *const RU_TITLES[] = {
    "президент", "экс-президент", "премьер", "премьер-министр", "вице-премьер", "министр",
    "замминистра", "губернатор", "мэр", "депутат", "сенатор", "спикер", "посол",
    "канцлер", "генсек", "генпрокурор", "прокурор", "судья", "адвокат", "председатель",
    "пресс-секретарь", "советник", "директор", "гендиректор", "основатель", "генерал",
    "полковник", "патриарх", "король", "королева", "принц", "принцесса", "актер", "актёр",
    "актриса", "певец", "певица", "режиссер", "режиссёр", "журналист", "политик", "блогер",
    "писатель", "тренер", "футболист", "госсекретарь", "политолог", "экономист", NULL};
static sl_strmap *ru_titles; /* stems */

/* The first two letters of the titles' stems, a bit per pair of
 * U+0400..U+047F. The Russian stemmer only takes endings off (and writes
 * "ё" as "е"), so a word whose stem is a title's opens on that title's
 * first two letters: the other words need no stemmer call. */
static uint8_t ru_title_pairs[128][16];

/* The pair index of w's first two letters, or -1 when they are not two
 * letters of U+0400..U+047F; "ё" counts as "е". */
static int ru_pair(const char *w, size_t n)
{
    const unsigned char *u = (const unsigned char *)w;
    if (n < 4)
        return -1;
    int c[2];
    for (int k = 0; k < 2; k++) {
        if ((u[2 * k] & 0xFE) != 0xD0 || (u[2 * k + 1] & 0xC0) != 0x80)
            return -1;
        int cp = ((u[2 * k] & 0x1F) << 6) | (u[2 * k + 1] & 0x3F);
        c[k] = (cp == 0x451 ? 0x435 : cp) - 0x400;
    }
    return c[0] * 128 + c[1];
}

static void ru_titles_init(void)
{
    ru_titles = sl_strmap_new();
    for (size_t i = 0; RU_TITLES[i]; i++) {
        char st[64];
        size_t k = sl_stem("ru", RU_TITLES[i], strlen(RU_TITLES[i]), st, sizeof st);
        sl_strmap_put(ru_titles, st, 1);
        int p = ru_pair(st, k);
        assert(p >= 0);
        ru_title_pairs[p / 128][p % 128 / 8] |= (uint8_t)(1u << (p % 8));
    }
}

/* Is w[0..n) a lower-case Russian title (any case form)? */
static int ru_title(const char *w, size_t n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    if (n < 3 || n > 60 || !cyrillic_lead(w))
        return 0;
    pthread_once(&once, ru_titles_init);
    int p = ru_pair(w, n);
    if (p < 0 || !(ru_title_pairs[p / 128][p % 128 / 8] >> (p % 8) & 1))
        return 0;
    char st[64];
    sl_stem("ru", w, n, st, sizeof st);
    uint32_t v;
    return sl_strmap_get(ru_titles, st, &v);
}

/* Is w[0..n) in the set? As sl_word_in_list: exact bytes, never for n 0. */
static int in_set(const sl_wordset *ws, const char *w, size_t n) { return sl_wordset_find(ws, w, n) >= 0; }

int sl_entity_title_word(const char *w, size_t n)
{
    fast_ready();
    return in_set(&set_titles, w, n);
}

const char *sl_entity_type_name(int type)
{
    static const char *const N[] = {"person", "organization", "place", "other"};
    return type >= 0 && type <= 3 ? N[type] : "other";
}

/* ---- entity table ---------------------------------------------------------- */

static inline uint64_t emap_hash(const char *k, size_t n) { return sl_hash64_inline(k, n) | 1; }

/* The slot of key k (n bytes, hash h): its own, or the empty one where it
 * would go. */
static eslot *emap_slot(const emap *m, const char *k, size_t n, uint64_t h)
{
    size_t j = (size_t)(h >> 7) & (m->cap - 1);
    for (;; j = (j + 1) & (m->cap - 1)) {
        eslot *e = &m->s[j];
        if (!e->h || (e->h == h && e->len == n && memcmp(m->keys.data + e->off, k, n) == 0))
            return e;
    }
}

static int emap_get(const emap *m, const char *k, uint32_t *idx)
{
    if (!m->cap)
        return 0;
    size_t n = strlen(k);
    const eslot *e = emap_slot(m, k, n, emap_hash(k, n));
    if (e->h)
        *idx = e->idx;
    return e->h != 0;
}

/* The slot of key k (n bytes), after making room for one more key: its
 * own when the key is in the map (e->h set), else the empty slot where
 * emap_take puts it. Asks and adds with one hash. */
static eslot *emap_find_room(emap *m, const char *k, size_t n, uint64_t *hp)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        eslot *t = sl_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < m->cap; i++)
            if (m->s[i].h) {
                size_t j = (size_t)(m->s[i].h >> 7) & (cap - 1);
                while (t[j].h)
                    j = (j + 1) & (cap - 1);
                t[j] = m->s[i];
            }
        free(m->s);
        m->s = t;
        m->cap = cap;
    }
    *hp = emap_hash(k, n);
    return emap_slot(m, k, n, *hp);
}

/* Puts key k (n bytes, hash h) with index idx into the empty slot e that
 * emap_find_room gave for it. */
static void emap_take(emap *m, eslot *e, const char *k, size_t n, uint64_t h, uint32_t idx)
{
    assert(!e->h);
    *e = (eslot){h, (uint32_t)m->keys.len, (uint32_t)n, idx};
    sl_buf_append(&m->keys, k, n);
    m->n++;
}

static void emap_free(emap *m)
{
    free(m->s);
    sl_buf_free(&m->keys);
}

/* The entity under map key mk, added when new with the name shown; a
 * known one keyed by stems takes shown as its name when shown is surer of
 * its case (certain: SL_NAME_*, nominative.h) or as sure and shorter (of
 * the forms of a name in an inflected language, the nominative is the
 * shortest as a rule: "Путин", not "Путина", "Путину"). place: the
 * canonical place shown names, or NULL. */
static ent *get_ent(sl_entities *E, const char *mk, const char *shown, int certain, int nwords,
                    const char *place)
{
    size_t mn = strlen(mk);
    uint64_t h;
    eslot *e = emap_find_room(&E->map, mk, mn, &h);
    if (e->h) {
        ent *x = &E->v[e->idx];
        if (mk != shown && (certain > x->certain ||
                            (certain == x->certain && strlen(shown) < strlen(x->key)))) {
            x->key = key_dup(E, shown);
            x->certain = certain;
        }
        return x;
    }
    if (E->n == E->cap) {
        E->cap = E->cap ? E->cap * 2 : 64;
        E->v = sl_xrealloc(E->v, E->cap * sizeof *E->v);
    }
    ent *x = &E->v[E->n];
    memset(x, 0, sizeof *x);
    x->key = key_dup(E, shown);
    x->certain = certain;
    x->lastdoc = -1;
    x->merged = -1;
    x->nwords = nwords;
    x->type = SL_ENT_OTHER;
    x->place = place;
    emap_take(&E->map, e, mk, mn, h, (uint32_t)E->n);
    E->n++;
    return x;
}

/* sl_lower_at_in and sl_lower_word_in with the table fetched once */
static inline int32_t lower_at(const char *s, size_t n, int *len)
{
    return sl_lower_at_in(cp_tab, s, n, len);
}

static inline size_t lower_word(const char *s, size_t n, char *out, size_t cap, int *whole)
{
    return sl_lower_word_in(cp_tab, s, n, out, cap, whole);
}

/* Is the word, lower-cased ("The", "Однако"), a function word? */
static int stop_cased_compute(const char *s, size_t n)
{
    char buf[64];
    int whole;
    size_t k = lower_word(s, n, buf, sizeof buf, &whole);
    return whole && sl_stopword(buf, k);
}

/* Answers of stop_cased for words of up to 16 bytes, per thread: it is
 * asked at every capitalised word of every sentence (title_case) and again
 * for names and runs, and the words are the same few hundred ("The",
 * "Trump"); lowering and hashing one costs ten times a look-up here. A
 * word is known by its length and two loads of 8 (or 4) bytes that cover
 * all of it, overlapping (or its first, middle and last byte), so equal
 * keys are equal words. */
enum { STOP_SLOTS = 8192 };
typedef struct stop_slot {
    uint64_t a, b;
    uint8_t n, stop; /* n 0: empty */
} stop_slot;
static _Thread_local stop_slot stop_cache[STOP_SLOTS];

static int stop_cased(const char *s, size_t n)
{
    if (n == 0 || n > 16)
        return stop_cased_compute(s, n);
    const unsigned char *u = (const unsigned char *)s;
    uint64_t a, b;
    if (n < 4) {
        a = u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16;
        b = 0;
    } else if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        a = x;
        b = y;
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ n;
    stop_slot *e = &stop_cache[(h >> 40) & (STOP_SLOTS - 1)];
    if (e->n == n && e->a == a && e->b == b)
        return e->stop;
    int r = stop_cased_compute(s, n);
    *e = (stop_slot){a, b, (uint8_t)n, (uint8_t)r};
    return r;
}

/* "Following", "Finally", "Asked": sentence openers, not names. */
static int verb_like(const char *w, size_t n)
{
    return (n > 5 && memcmp(w + n - 3, "ing", 3) == 0) ||
           (n > 4 && memcmp(w + n - 2, "ly", 2) == 0) ||
           (n > 4 && memcmp(w + n - 2, "ed", 2) == 0);
}

/* The set of lower-case words: hashes in an open-addressing table. */
static uint64_t word_hash(const char *s, size_t n)
{
    /* FNV-1a over the lower-cased code points, in one pass and no copy:
     * "Сегодня" at a sentence's start hashes as "сегодня" in its middle */
    uint64_t h = 1469598103934665603ull;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (; i < n && u[i] < 0x80; i++) /* ASCII first, a byte each (lower_at's ASCII) */
        h = (h ^ ((unsigned)(u[i] - 'A') < 26 ? u[i] | 32u : u[i])) * 1099511628211ull;
    while (i < n) {
        int l;
        uint32_t c = (uint32_t)lower_at(s + i, n - i, &l);
        i += (size_t)l;
        do {
            h = (h ^ (c & 0xFF)) * 1099511628211ull;
            c >>= 8;
        } while (c);
    }
    return (h ^ (h >> 29)) | 1;
}

static int lower_has(const sl_entities *E, uint64_t h, int add)
{
    sl_entities *M = (sl_entities *)E;
    if (add && (M->nlower + 1) * 2 > M->lower_cap) {
        size_t cap = M->lower_cap ? M->lower_cap * 2 : 1024;
        uint64_t *t = sl_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < M->lower_cap; i++)
            if (M->lower[i]) {
                size_t j = (size_t)(M->lower[i] >> 3) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = M->lower[i];
            }
        free(M->lower);
        M->lower = t;
        M->lower_cap = cap;
    }
    if (!M->lower_cap)
        return 0;
    size_t j = (size_t)(h >> 3) & (M->lower_cap - 1);
    while (M->lower[j] && M->lower[j] != h)
        j = (j + 1) & (M->lower_cap - 1);
    if (M->lower[j])
        return 1;
    if (add) {
        M->lower[j] = h;
        M->nlower++;
    }
    return 0;
}

/* The set's first table, sized for a story of nw words (at most a
 * quarter of them are asked about, and most repeat): a one-article story
 * no longer clears 8 KB for a few dozen words; a big one grows as before. */
static void lower_reserve(sl_entities *E, size_t nw)
{
    size_t cap = 64;
    while (cap < nw / 4 && cap < 1024)
        cap *= 2;
    E->lower = sl_xcalloc(cap, sizeof *E->lower);
    E->lower_cap = cap;
}

static int lower_seen(const sl_entities *E, const char *s, size_t n)
{
    return n < 64 && lower_has(E, word_hash(s, n), 0);
}

/* Is w[0..n) an elided French or Italian article or pronoun before a
 * lower-case word ("L'ambassadrice", "D’après", "C’est", "Dell'anno"), or
 * an English contraction ("I’m", "We’re")? Such a word opens a sentence,
 * not a name ("D'Alema", "O'Brien" keep their capital; "Mo’unga" is no
 * elision). */
static int elided_noun(const char *w, size_t n)
{
    static const char *const ELIDED[] = {"L", "D", "J", "C", "M", "N", "S", "T", "Qu", "Dell",
                                         "Nell", "Sull", "All", "Dall", "Un", "I", NULL};
    static const char *const CONTRACTED[] = {"m", "re", "ve", "ll", "d", NULL};
    size_t i = 0;
    while (i < n && i < 5 && w[i] != '\'' && (unsigned char)w[i] != 0xE2)
        i++;
    size_t al = i < n && w[i] == '\'' ? 1 : i + 2 < n && !memcmp(w + i, "\xE2\x80\x99", 3) ? 3 : 0;
    if (!al || i == 0 || i + al >= n)
        return 0;
    const char *r = w + i + al;
    size_t rn = n - i - al;
    unsigned char c = (unsigned char)r[0];
    int lower = (c >= 'a' && c <= 'z') || (c == 0xC3 && rn > 1 && (unsigned char)r[1] >= 0xA0);
    return lower && (sl_word_in_list(ELIDED, w, i) || sl_word_in_list(CONTRACTED, r, rn));
}

/* Does the run w[0..nw), opening a Spanish, Portuguese, French or Italian
 * sentence, open on a function word ("Según", "Selon", "Secondo") or on
 * an article before an institution's noun ("La Fiscalía", "Le Conseil")?
 * Other articles stay: they begin names of places and papers ("La Paz",
 * "Los Ángeles", "Le Monde", "El País"). */
static int romance_opener(const char *s, const sl_word *w, size_t nw)
{
    int o = sl_romance_opener(s + w[0].s, w[0].e - w[0].s);
    if (o != SL_OPENER_ARTICLE)
        return o == SL_OPENER_WORD;
    return nw > 1 && sl_romance_head(s + w[1].s, w[1].e - w[1].s);
}

/* Turns a run of capitalised words into a key (words joined by spaces)
 * after dropping leading junk and titles. Returns the number of words
 * kept; *title_ev is set when a person title preceded the name. */
/* A word whose elided article strip_elisions took off (a bit of
 * sl_word.kind that words.h leaves unused). */
#define WORD_ELIDED 0x80

static int all_caps(const char *w, size_t n);

/* The gazetteer's place for w[0..n) written in capitals ("WASHINGTON",
 * "NEW YORK": Washington, New York, as datelines write them); NULL when
 * it is not in capitals or no place. */
static const char *caps_place(const char *w, size_t n)
{
    if (n < 4 || n >= 64 || !isupper((unsigned char)w[0]) || !isupper((unsigned char)w[1]) ||
        !all_caps(w, n))
        return NULL;
    char tc[64];
    for (size_t i = 0; i < n; i++)
        tc[i] = i == 0 || w[i - 1] == ' ' || w[i - 1] == '-' ? w[i]
                                                             : (char)tolower((unsigned char)w[i]);
    return sl_gaz_place(tc, n);
}

static int clean_run(const sl_entities *E, const char *s, const sl_word *w, size_t nw,
                     int initial, int romance, sl_buf *key, int *title_ev)
{
    size_t a = 0;
    *title_ev = 0;
    while (a < nw) {
        const sl_word *x = &w[a];
        size_t l = x->e - x->s;
        if (in_set(&set_skip, s + x->s, l) || (a == 0 && elided_noun(s + x->s, l)) ||
            (a == 0 && initial && E &&
             (stop_cased(s + x->s, l) || lower_seen(E, s + x->s, l) ||
              verb_like(s + x->s, l)) &&
             !sl_gaz_place(s + x->s, l) &&
             !(nw > 1 && (sl_gaz_place(s + x->s, w[1].e - x->s) || /* "La Paz" */
                          caps_place(s + x->s, w[1].e - x->s)))) || /* "NEW YORK" */
            (a == 0 && initial && romance && romance_opener(s, w, nw)))
            a++;
        else
            break;
    }
    /* a sentence's first word joined to an institution by an article
     * ("Ieri la Corte costituzionale", "Hoy el Gobierno"): the name opens
     * on the institution */
    if (romance && initial && a == 0 && nw > 2 && !sl_romance_head(s + w[0].s, w[0].e - w[0].s))
        for (size_t h = 2; h < nw; h++)
            if (!w[h - 1].cap && sl_romance_head(s + w[h].s, w[h].e - w[h].s)) {
                a = h;
                break;
            }
    /* French "M." (Monsieur) is a title where the name opens, not the
     * middle initial it is inside one ("George M. Weah") */
    if (a + 1 < nw && w[a].e - w[a].s == 2 && s[w[a].s] == 'M' && s[w[a].s + 1] == '.') {
        a++;
        *title_ev = 1;
    }
    /* strip up to the last title (none inside an institution's name:
     * "Fiscalía General", "Secretaría General") */
    size_t last = (size_t)-1;
    int institution = romance && a < nw && sl_romance_head(s + w[a].s, w[a].e - w[a].s);
    for (size_t i = a; i < nw && !institution; i++)
        if (in_set(&set_titles, s + w[i].s, w[i].e - w[i].s))
            last = i;
    if (last != (size_t)-1) {
        int org = 0;
        for (size_t i = last + 1; i < nw; i++)
            org |= in_set(&set_org, s + w[i].s, w[i].e - w[i].s);
        if (last + 1 >= nw || org) {
            if (!org)
                return 0; /* a bare title: "Prime Minister" */
        } else {
            a = last + 1;
            *title_ev = !in_set(&set_non_name, s + w[last].s, w[last].e - w[last].s);
            if (!w[last + 1].cap) {
                /* "Secretary of State Mike Pompeo": the person opens on
                 * the first name after what the title is of; "President
                 * of Russia", "Präsident der Vereinigten Staaten" name
                 * no person */
                size_t j = last + 2;
                while (j + 1 < nw && !(w[j + 1].cap && w[j].cap &&
                                       sl_gaz_first_name(s + w[j].s, w[j].e - w[j].s)))
                    j++;
                if (j + 1 < nw && nw - j <= 3)
                    a = j;
                else
                    *title_ev = 0;
            }
        }
    }
    /* a name does not open on a connector ("As of October", "Professor
     * of Surgery") */
    while (a < nw && !w[a].cap)
        a++;
    sl_buf_reset(key);
    sl_buf_puts(key, "");
    for (size_t i = a; i < nw; i++) {
        size_t start = w[i].s;
        if (i > a) {
            sl_buf_putc(key, ' ');
            /* inside the name an elided article stays: "Conseil de
             * l'Europe", "Commissione dell'Unione europea" */
            while ((w[i].kind & WORD_ELIDED) && start > w[i - 1].e && s[start - 1] != ' ')
                start--;
        }
        sl_buf_append(key, s + start, w[i].e - start);
    }
    return (int)(nw - a);
}

/* Is the single word an adjective of nationality ("Russian", "Chinese")?
 * place: the word's place in the gazetteer (sl_gaz_place), which it is
 * not then ("Dominican" may be both). */
static int demonym(const char *w, size_t n, const char *place)
{
    /* the endings "ian", "ean", "ese", "ish", "can" (and "ian-", which a
     * word with a hyphen has passed already) */
    static const char SUF[][4] = {"ian", "ean", "ese", "ish", "can"};
    if (place)
        return 0;
    if (memchr(w, '-', n))
        return 1; /* "Russian-American", "Sino-Japanese" */
    if (n <= 5)
        return 0;
    for (size_t i = 0; i < sizeof SUF / sizeof *SUF; i++)
        if (w[n - 3] == SUF[i][0] && w[n - 2] == SUF[i][1] && w[n - 1] == SUF[i][2])
            return 1;
    return 0;
}

typedef struct scan_ctx {
    sl_entities *E;
    sl_buf key, stems, stems2;
    int doc;
    const char *stem_lang; /* the article's language when names inflect in it, else NULL */
    int arabic;            /* the article is in Arabic */
    int korean;            /* the article is in Korean */
    int opening_adj;       /* the mention is an adjective and its noun opening the
                            * sentence: no evidence of a name by itself */
    int romance;           /* the article is in Spanish, Portuguese, French or Italian */
    sl_word *elided;       /* scan_sentence's copy of a sentence's words (romance) */
    size_t elided_cap;
    int coordinated;       /* the run follows "и" or "или": its noun may be plural,
                            * shared with adjectives before ("в Самарской и Курской
                            * областях") */
    int german;            /* the article is in German */
    int det_before;        /* German: the mention follows an article or a determiner */
} scan_ctx;

/* Are names keyed by their stems in this language? Not in English, whose
 * names do not inflect (and whose keys stay as written); in Russian and
 * the other languages with a stemmer, "Путина" and "Путину" are Putin. */
static const char *stem_lang_of(const char *lang)
{
    return lang && lang[0] && strcmp(lang, "en") != 0 ? lang : NULL;
}

/* Keys of recent names, per thread: a story names the same people again
 * and again, and each key costs a stemmer call per word. A slot holds a
 * name, its language and its key (no longer than a slot's fields; longer
 * ones are computed every time). */
enum { SKEY_SLOTS = 16384, SKEY_NAME = 56, SKEY_LANG = 8, SKEY_OUT = 64 };
typedef struct skey_slot {
    uint64_t h;
    char name[SKEY_NAME], lang[SKEY_LANG], out[SKEY_OUT];
} skey_slot;
static pthread_key_t skey_key;
static pthread_once_t skey_once = PTHREAD_ONCE_INIT;
static void skey_make(void) { pthread_key_create(&skey_key, free); }

/* The map key of a name in an inflected language: its words lower-cased
 * and stemmed, after a mark no name written as is can hold. */
static const char *stem_key(sl_buf *b, const char *lang, const char *name)
{
    size_t nl = strlen(name), ll = strlen(lang);
    if (nl >= SKEY_NAME || ll >= SKEY_LANG)
        return stem_key_compute(b, lang, name);
    pthread_once(&skey_once, skey_make);
    skey_slot *skey_cache = sl_thread_value(skey_key, SKEY_SLOTS, sizeof *skey_cache);
    uint64_t h = sl_hash64_inline(name, nl) ^ (sl_hash64_inline(lang, ll) * 0x9E3779B97F4A7C15ull);
    h |= 1; /* 0 marks an empty slot */
    skey_slot *e = &skey_cache[(h >> 20) & (SKEY_SLOTS - 1)];
    if (e->h == h && strcmp(e->name, name) == 0 && strcmp(e->lang, lang) == 0) {
        sl_buf_reset(b);
        sl_buf_puts(b, e->out);
        return b->data;
    }
    const char *k = stem_key_compute(b, lang, name);
    if (b->len < SKEY_OUT) {
        e->h = h;
        memcpy(e->name, name, nl + 1);
        memcpy(e->lang, lang, ll + 1);
        memcpy(e->out, k, b->len + 1);
    }
    return k;
}

static const char *stem_key_compute(sl_buf *b, const char *lang, const char *name)
{
    sl_buf_reset(b);
    sl_buf_puts(b, "\x01");
    const char *p = name;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char low[256], stem[256];
        /* a longer word is cut: no name's word is that long */
        size_t k = lower_word(p, n, low, sizeof low, NULL);
        size_t sn = sl_stem(lang, low, k, stem, sizeof stem);
        if (b->len > 1)
            sl_buf_putc(b, ' ');
        sl_buf_append(b, stem, sn);
        p += n;
        while (*p == ' ')
            p++;
    }
    return b->data;
}

/* Is w[0..n) written in capitals only, two or more ("МВД", "NATO")? */
static int all_caps(const char *w, size_t n)
{
    int up = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = sl_utf8_next((const unsigned char *)w + i, n - i, &cp);
        if (l <= 0)
            return 0;
        unsigned cls = sl_cp_class_in(cp_tab, cp);
        if ((cls & SL_CP_LETTER) && !(cls & SL_CP_UPPER))
            return 0;
        up += (cls & SL_CP_UPPER) != 0;
        i += (size_t)l;
    }
    return up >= 2;
}

/* Does the Cyrillic word w[0..n) end as a Russian adjective does
 * ("Донецкой", "Российская")? Such a word opens a name ("Донецкой
 * Народной Республики") rather than naming a place of its own. */
static int ru_adjective(const char *w, size_t n)
{
    /* two-letter endings (4 bytes), then three-letter ones (6 bytes) */
    static const char END2[][5] = {"ой", "ий", "ый", "ая", "ое", "ые", "ие", "их", "ых",
                                   "ую", "юю", "яя", "ее"};
    static const char END3[][7] = {"ого", "его", "ому", "ему"};
    if (n <= 4)
        return 0;
    for (size_t i = 0; i < sizeof END2 / sizeof *END2; i++)
        if (memcmp(w + n - 4, END2[i], 4) == 0)
            return 1;
    if (n > 6)
        for (size_t i = 0; i < sizeof END3 / sizeof *END3; i++)
            if (memcmp(w + n - 6, END3[i], 6) == 0)
                return 1;
    return 0;
}

/* Does the Cyrillic word end as a Russian adjective in the prepositional
 * or instrumental case, or a feminine one in the genitive, dative or
 * prepositional ("Верховном", "Белым", "Третьей")? Surnames and nouns
 * end so too ("Путиным", "Кремлем"), so such a word opens a name only
 * before the noun of one (ru_heads.h: "Верховном суде"). */
static int ru_adjective_oblique(const char *w, size_t n)
{
    static const char END[][5] = {"ом", "ем", "ым", "им", "ей"};
    if (n <= 6) /* the ending and at least two letters */
        return 0;
    for (size_t i = 0; i < sizeof END / sizeof *END; i++)
        if (memcmp(w + n - 4, END[i], 4) == 0)
            return 1;
    return 0;
}

/* Is noun[0..nn) the noun of an institution or place, in a form that can
 * go with the adjective adj[0..na) in one name (ru_heads.h)? */
static int ru_head_after(const scan_ctx *c, const char *adj, size_t na, const char *noun,
                         size_t nn)
{
    const char *e;
    return sl_ru_head(noun, nn, &e) >= 0 && (c->coordinated || sl_ru_agree(adj, na, e));
}

static void add_mention(scan_ctx *c, const char *s, const sl_word *w, size_t nw, int initial,
                        double weight, int after_the, int next_lower, int title_before);

/* Counts one mention of x, of salience weight, in the article c->doc. */
static void count_mention(const scan_ctx *c, ent *x, double weight)
{
    x->count++;
    x->sal += weight;
    if (x->lastdoc != c->doc) {
        x->lastdoc = c->doc;
        x->docs++;
    }
}

/* A Russian run that opens on a place in the genitive before a name of
 * two words or more ("США Дональд Трамп", "Украины Андрей Загороднюк",
 * after "президент" or "министр"): the place and the name are two
 * mentions. Returns 1 when it split the run (and added both). */
static int split_place_run(scan_ctx *c, const char *s, const sl_word *w, size_t nw, int initial,
                           double weight, int next_lower, int title_before)
{
    size_t l0 = w[0].e - w[0].s;
    if (nw < 3 || !cyrillic_lead(s + w[0].s) || ru_adjective(s + w[0].s, l0) || l0 >= 64 ||
        w[0].poss)
        return 0;
    char first[64];
    memcpy(first, s + w[0].s, l0);
    first[l0] = 0;
    if (!ru_place(first, l0, stem_key(&c->stems2, "ru", first)))
        return 0;
    add_mention(c, s, w, 1, initial, weight, 0, 0, 0);
    add_mention(c, s, w + 1, nw - 1, 0, weight, 0, next_lower, title_before);
    return 1;
}

/* Is w a known first name, in the nominative or (in lang) in another
 * case ("Виталия")? */
static int first_name_any(const char *lang, const char *s, sl_word w)
{
    return sl_gaz_first_name(s + w.s, w.e - w.s) ||
           (lang && sl_name_first_oblique(lang, s + w.s, w.e - w.s));
}

/* Where a person's name of two or three words opens inside the run w[0..n)
 * on a known Russian or Ukrainian first name (in any case, in lang),
 * unless a first name stands before it too: the words before it, in the
 * genitive, name what the person belongs to ("Правительства РФ Виталий
 * Мутко", "Турции Реджеп Тайип Эрдоган", "главы МИД Сергея Лаврова"). 0
 * if it does not. (Cyrillic only: English puts the title there in lower
 * case, and its first-name lists hold words that open names of companies
 * and places: "Bank", "York".) */
static size_t inner_first_name(const char *lang, const char *s, const sl_word *w, size_t n)
{
    for (size_t i = n > 4 ? n - 3 : 1; i + 1 < n; i++)
        if (w[i].cap && w[i + 1].cap && cyrillic_lead(s + w[i].s) &&
            first_name_any(lang, s, w[i]) && !first_name_any(lang, s, w[i - 1]))
            return i;
    return 0;
}

/* Where a person's name of two or three words opens inside the German
 * run w[0..n) on a known first name, after a word or two that are neither
 * a first name nor a place: a role, which German writes with a capital
 * like every noun ("Analystin Anna Schmidt", "Museumsleiter Stefan
 * Soltek"). 0 if it does not, or if lang is not German (as
 * inner_first_name is for Cyrillic only: in English such runs are names of
 * things, "Aston Martin Vantage", "Devil May Cry"). */
static size_t german_first_name(const char *lang, const char *s, const sl_word *w, size_t n)
{
    if (!lang || strcmp(lang, "de") != 0)
        return 0;
    for (size_t i = 1; i <= 2 && i + 1 < n && n - i <= 3; i++) {
        if (!w[i].cap || !w[i + 1].cap || !sl_gaz_first_name(s + w[i].s, w[i].e - w[i].s))
            continue;
        static const char *const ARTICLES[] = {"Der", "Die", "Das", "Den", "Dem", "Des", NULL};
        int role = 0; /* a word before that is more than an article */
        for (size_t j = 0; j < i; j++) {
            if (!w[j].cap || sl_gaz_first_name(s + w[j].s, w[j].e - w[j].s) ||
                sl_gaz_place(s + w[j].s, w[j].e - w[j].s))
                return 0;
            role |= !sl_word_in_list(ARTICLES, s + w[j].s, w[j].e - w[j].s);
        }
        if (!role || sl_gaz_place(s + w[0].s, w[i].e - w[0].s))
            return 0; /* "Die Belle Epoque", "New York Times" */
        return i;
    }
    return 0;
}

static void add_mention(scan_ctx *c, const char *s, const sl_word *w, size_t nw, int initial,
                        double weight, int after_the, int next_lower, int title_before)
{
    if (c->stem_lang && initial && nw >= 2 && !w[0].poss && w[0].e - w[0].s < 64) {
        /* a Russian title opening the sentence, capitalised ("Президент
         * Владимир Путин"): a title, not part of the name */
        char low[64];
        size_t l = lower_word(s + w[0].s, w[0].e - w[0].s, low, sizeof low, NULL);
        if (ru_title(low, l)) {
            add_mention(c, s, w + 1, nw - 1, 0, weight, 0, next_lower, 1);
            return;
        }
    }
    int tev;
    int k = clean_run(c->E, s, w, nw, initial, c->romance, &c->key, &tev);
    if (k <= 0)
        return;
    size_t a = nw - (size_t)k; /* the words clean_run dropped */
    if (c->stem_lang) {
        if (split_place_run(c, s, w + a, (size_t)k, initial && a == 0, weight, next_lower,
                            title_before))
            return;
        /* a title before one word, or before an adjective ("глава Офиса",
         * "председатель Верховной Рады"), may precede an organisation */
        if (k < 2 || ru_adjective(s + w[a].s, w[a].e - w[a].s) || all_caps(s + w[a].s, w[a].e - w[a].s))
            title_before = 0;
    }
    size_t g = german_first_name(c->stem_lang, s, w + a, (size_t)k);
    if (g) { /* the person, with the role as a title */
        add_mention(c, s, w + a + g, (size_t)k - g, 0, weight, 0, next_lower, 1);
        return;
    }
    size_t f = inner_first_name(c->stem_lang, s, w + a, (size_t)k);
    if (f) { /* two mentions: what the person belongs to, and the person */
        add_mention(c, s, w + a, f, initial && a == 0, weight, after_the, 0, 0);
        add_mention(c, s, w + a + f, (size_t)k - f, 0, weight, 0, next_lower, title_before);
        return;
    }
    if (k > 5)
        return;
    tev |= title_before;
    const char *key = c->key.data;
    size_t kl = c->key.len;
    if (kl < 2)
        return;
    const char *place = sl_gaz_place(key, kl);
    if (!place)
        place = caps_place(key, kl); /* a dateline's "WASHINGTON", "NEW YORK" */
    int ru_keyed = 0; /* c->stems2 holds the key's Russian stem key */
    if (!place && c->stem_lang && cyrillic_lead(key)) {
        place = ru_place(key, kl, stem_key(&c->stems2, "ru", key)); /* "России": Россия */
        ru_keyed = 1;
    }
    if (k == 1 && ((next_lower && demonym(key, kl, place)) || stop_cased(key, kl) ||
                   in_set(&set_generic1, key, kl)))
        return;
    const char *shown = place ? place : key;
    const char *mk = shown;
    /* a Russian or Ukrainian person's name is shown in the nominative,
     * when its case can be told ("Виталия Мутко": Виталий Мутко), and its
     * first word is not one the story writes in lower case ("Власти
     * Дагестана" opening a sentence: "власти", not the name Власта) */
    const char *disp = shown;
    char nom[192];
    int certain = SL_NAME_UNKNOWN;
    if (!place && c->stem_lang && k >= 2 && k <= 3 && cyrillic_lead(key) &&
        !lower_seen(c->E, key, w[a].e - w[a].s)) {
        certain = sl_name_nominative(c->stem_lang, key, kl, nom, sizeof nom);
        if (certain == SL_NAME_OBLIQUE)
            disp = nom;
    }
    /* an institution's or place's name of adjectives and a noun,
     * likewise ("Николаевской области": Николаевская область), keyed by
     * the nominative's stems too (the stemmer gives "полуостров" another
     * stem than "полуострова") */
    int shown_as = certain;
    if (!place && certain == SL_NAME_UNKNOWN && c->stem_lang && !strcmp(c->stem_lang, "ru") &&
        k >= 2 && cyrillic_lead(key)) {
        /* a nominative the text writes is surer than one made of another
         * case: a masculine adjective's ending is a guess */
        int r = sl_ru_head_nominative(key, kl, nom, sizeof nom);
        if (r == 1)
            disp = nom;
        shown_as = r == 1 ? SL_NAME_OBLIQUE : r == 2 ? SL_NAME_NOMINATIVE : shown_as;
    }
    if (!place && (c->stem_lang || c->E->stem_lang)) {
        /* In an inflected language, by its stems. A name another article
         * of the story has already is found as that article keyed it: as
         * written (English: "Apple" in an English and a Spanish article)
         * or by the stems of the first inflected language seen. */
        uint32_t idx;
        const char *own = shown;
        /* a name read in an oblique case by the stems of its nominative:
         * the stemmer makes "сокол" of "Соколов" but "соколов" of
         * "Соколова", "Соколовым" */
        const char *kname = shown_as == SL_NAME_OBLIQUE ? nom : key;
        if (c->stem_lang && ru_keyed && kname == key && !strcmp(c->stem_lang, "ru")) {
            sl_buf_reset(&c->stems); /* the same key, made for the place test */
            sl_buf_append(&c->stems, c->stems2.data, c->stems2.len);
            own = c->stems.data;
        } else if (c->stem_lang) {
            own = stem_key(&c->stems, c->stem_lang, kname);
        }
        if (c->stem_lang && !c->E->stem_lang)
            c->E->stem_lang = sl_xstrdup(c->stem_lang);
        mk = own;
        if (!emap_get(&c->E->map, own, &idx)) {
            if (own != shown && emap_get(&c->E->map, shown, &idx)) {
                mk = shown;
            } else if (!c->stem_lang || strcmp(c->stem_lang, c->E->stem_lang) != 0) {
                const char *first = ru_keyed && kname == key && !strcmp(c->E->stem_lang, "ru")
                                        ? c->stems2.data
                                        : stem_key(&c->stems2, c->E->stem_lang, kname);
                if (emap_get(&c->E->map, first, &idx))
                    mk = first;
            }
        }
    }
    ent *x = get_ent(c->E, mk, mk == shown ? shown : disp, shown_as, k, place);
    if (c->romance && !place && sl_romance_head(s + w[a].s, w[a].e - w[a].s))
        x->hint = SL_ENT_ORG + 1; /* "Fiscalía General", "Conseil constitutionnel" */
    count_mention(c, x, weight);
    x->title_ev += tev;
    x->the_count += after_the;
    if (c->german && k == 1) {
        x->de_count++;
        x->de_noun += c->det_before;
    }
    /* a name that only ever opens a sentence is likely a capitalised
     * word; one after words clean_run dropped ("В Москве", "The Kremlin")
     * does not open it */
    x->noninit += !c->opening_adj && (!initial || (size_t)k < nw || k > 1 || tev);
}

/* Does the capitalised German word w[i] stand where a noun does: after
 * an article, a determiner or a number ("die Studie", "mehrere
 * Patienten", "40 Tote"), or after an article and an inflected adjective
 * ("eine neue Studie")? */
static int german_noun_place(const char *s, const sl_word *w, size_t i)
{
    if (i == 0 || w[i].sep || w[i - 1].cap)
        return 0;
    const sl_word *p = &w[i - 1];
    size_t pl = p->e - p->s;
    if ((p->kind & SL_WORD_DIGIT) || in_set(&set_de_det, s + p->s, pl))
        return 1;
    if (i < 2 || p->sep || w[i - 2].cap || pl < 4 ||
        !in_set(&set_de_det, s + w[i - 2].s, w[i - 2].e - w[i - 2].s))
        return 0;
    const char *e = s + p->e;
    return e[-1] == 'e' ||
           (e[-2] == 'e' && (e[-1] == 'n' || e[-1] == 'r' || e[-1] == 's' || e[-1] == 'm'));
}

/* Title-case lines (headlines, captions glued to the text) are not prose:
 * function words are capitalised inside them ("Biden After Electoral
 * College Confirmation In ..."), or nearly every word is. */
static int title_case(const char *s, const sl_word *w, size_t nw)
{
    if (nw < 4)
        return 0;
    size_t caps = 0, func = 0;
    for (size_t i = 0; i < nw; i++) {
        caps += w[i].cap;
        if (i > 0 && w[i].cap && !w[i].sep && stop_cased(s + w[i].s, w[i].e - w[i].s) &&
            !in_set(&set_skip, s + w[i].s, w[i].e - w[i].s))
            func++;
    }
    return func >= 2 || caps * 10 >= nw * 9;
}

/* Adds the mentions of one sentence, given as its words w[0..nw) (offsets
 * into s). */
/* Is w[0], not the first word of its sentence, a capitalised Russian
 * adjective before a lower-case noun, w[1] (a name of the form
 * "Государственная дума", "Московская область": the adjective alone names
 * nothing)? Not a first name on -ий ("Дмитрий решил"), nor a word of the
 * stop list ("Данный проект"). An adjective in a case whose endings
 * surnames share ("Верховном", "Путиным") must precede the noun of an
 * institution or place (ru_heads.h: "в Верховном суде"). */
static int russian_adj_noun(const scan_ctx *c, const char *s, const sl_word *w)
{
    size_t l0 = w[0].e - w[0].s, l1 = w[1].e - w[1].s;
    if (!c->stem_lang || strcmp(c->stem_lang, "ru") != 0 || w[1].cap || w[1].sep ||
        w[0].poss || !cyrillic_lead(s + w[0].s) || !cyrillic_lead(s + w[1].s) || l1 < 6 ||
        ru_adjective(s + w[1].s, l1) || sl_gaz_first_name(s + w[0].s, l0))
        return 0;
    if (!ru_adjective(s + w[0].s, l0) &&
        !(ru_adjective_oblique(s + w[0].s, l0) && ru_head_after(c, s + w[0].s, l0, s + w[1].s, l1)))
        return 0;
    const char *e; /* a head noun must agree ("Тулунский ... районы" do not) */
    if (sl_ru_head(s + w[1].s, l1, &e) >= 0 && !c->coordinated && !sl_ru_agree(s + w[0].s, l0, e))
        return 0;
    char low[64];
    int whole;
    for (int i = 0; i < 2; i++) {
        size_t k = lower_word(s + w[i].s, w[i].e - w[i].s, low, sizeof low, &whole);
        if (!whole || sl_stopword(low, k))
            return 0;
    }
    return 1;
}

/* Is the word "и" or "или"? */
static int coordinator(const char *s, sl_word w)
{
    size_t n = w.e - w.s;
    return (n == 2 && !memcmp(s + w.s, "и", 2)) || (n == 6 && !memcmp(s + w.s, "или", 6));
}

/* Do two words end alike (their last two letters, Cyrillic), as the
 * adjectives of one name agree ("Центральной избирательной комиссии";
 * not "Золотое Луганской области", a village and its region)? */
static int same_ending(const char *s, sl_word a, sl_word b)
{
    return a.e - a.s >= 4 && b.e - b.s >= 4 && memcmp(s + a.e - 4, s + b.e - 4, 4) == 0;
}

static int ru_adj_any(const char *s, sl_word w)
{
    return cyrillic_lead(s + w.s) &&
           (ru_adjective(s + w.s, w.e - w.s) || ru_adjective_oblique(s + w.s, w.e - w.s));
}

/* How many of the words after w[0] (n words from w[0] on) complete a
 * name when w[0], the last capitalised word of a run, is a Russian
 * adjective before the lower-case noun of an institution or place (and
 * the adjectives that agree with it between them); 0 if they do not.
 * (russian_adj_noun asks first about a run of one word inside a
 * sentence.) */
static size_t russian_adj_head(const scan_ctx *c, const char *s, const sl_word *w, size_t n)
{
    if (!c->stem_lang || strcmp(c->stem_lang, "ru") != 0 || w[0].poss || !ru_adj_any(s, w[0]) ||
        sl_gaz_first_name(s + w[0].s, w[0].e - w[0].s))
        return 0;
    /* up to two lower-case adjectives that agree with it, then the noun
     * ("Центральной избирательной комиссии") */
    for (size_t k = 1; k < n && k <= 3; k++) {
        if (w[k].cap || w[k].sep || w[k - 1].poss || !cyrillic_lead(s + w[k].s))
            return 0;
        if (ru_adj_any(s, w[k]) && same_ending(s, w[k], w[0]))
            continue; /* "районный" of "Басманный районный суд" */
        return ru_head_after(c, s + w[0].s, w[0].e - w[0].s, s + w[k].s, w[k].e - w[k].s) ? k : 0;
    }
    return 0;
}

/* The Arabic names of a sentence (arabic.h), keyed by their folded form,
 * typed by the words that found them. */
static void scan_arabic(scan_ctx *c, const char *s, const sl_word *w, size_t nw, double weight)
{
    sl_ar_name nm[64];
    size_t k = sl_ar_names(s, w, nw, nm, 64);
    for (size_t i = 0; i < k; i++) {
        char shown[4 * SL_AR_WORD], key[4 * SL_AR_WORD];
        if (!sl_ar_name_text(s, w, &nm[i], shown, sizeof shown) ||
            !sl_ar_fold(shown, strlen(shown), key, sizeof key))
            continue;
        int place = nm[i].type == SL_ENT_PLACE;
        ent *x = get_ent(c->E, key, shown, SL_NAME_UNKNOWN, (int)nm[i].n,
                         place ? nm[i].shown : NULL);
        x->hint = nm[i].type + 1;
        count_mention(c, x, weight);
        x->noninit++;
    }
}

/* Korean names (korean.h), keyed as written. */
static void scan_korean(scan_ctx *c, const char *s, const sl_word *w, size_t nw, double weight)
{
    sl_ko_name nm[32];
    size_t k = sl_ko_names(s, w, nw, nm, 32);
    for (size_t i = 0; i < k; i++) {
        char name[256];
        size_t a = w[nm[i].a].s, b = w[nm[i].a + nm[i].n - 1].s + nm[i].last_len;
        if (b - a >= sizeof name)
            continue;
        memcpy(name, s + a, b - a);
        name[b - a] = 0;
        ent *x = get_ent(c->E, name, name, SL_NAME_UNKNOWN, (int)nm[i].n, NULL);
        x->hint = nm[i].type + 1;
        count_mention(c, x, weight);
        x->noninit++;
    }
}

/* The length of an elided article opening w[0..n) before a capital
 * ("l'Assemblée", "dell'Unione", "L'Élysée"): its bytes up to and with
 * the apostrophe; 0 if there is none. "d'" (of) is left: "Conseil d'État"
 * and "Côte d'Ivoire" keep it inside the name. */
static size_t elided_article(const char *w, size_t n)
{
    static const char *const ART[] = {"l", "L", "dell", "Dell", "nell", "Nell", "all", "All",
                                      "dall", "Dall", "sull", "Sull", "un", "Un", NULL};
    size_t i = 0;
    while (i < n && i < 5 && w[i] != '\'' && (unsigned char)w[i] != 0xE2)
        i++;
    size_t al = i < n && w[i] == '\'' ? 1 : i + 2 < n && !memcmp(w + i, "\xE2\x80\x99", 3) ? 3 : 0;
    if (!al || i == 0 || i + al >= n || !sl_word_in_list(ART, w, i))
        return 0;
    int32_t cp;
    int l = sl_utf8_next((const unsigned char *)w + i + al, n - i - al, &cp);
    return l > 0 && (sl_cp_class_in(cp_tab, cp) & SL_CP_UPPER) ? i + al : 0;
}

/* The sentence's words with elided articles taken off the names they open
 * (romance languages): a copy in c->elided when one is, else w itself. */
static const sl_word *strip_elisions(scan_ctx *c, const char *s, const sl_word *w, size_t nw)
{
    if (!nw)
        return w;
    const char *a = s + w[0].s, *b = s + w[nw - 1].e; /* no apostrophe: nothing to do */
    if (!memchr(a, '\'', (size_t)(b - a)) && !memmem(a, (size_t)(b - a), "\xE2\x80\x99", 3))
        return w;
    int any = 0;
    for (size_t i = 0; i < nw && !any; i++)
        any = !w[i].cap || i == 0 ? elided_article(s + w[i].s, w[i].e - w[i].s) > 0 : 0;
    if (!any)
        return w;
    if (c->elided_cap < nw) {
        c->elided_cap = nw;
        c->elided = sl_xrealloc(c->elided, nw * sizeof *c->elided);
    }
    for (size_t i = 0; i < nw; i++) {
        c->elided[i] = w[i];
        size_t k = elided_article(s + w[i].s, w[i].e - w[i].s);
        if (k) {
            c->elided[i].s += (uint32_t)k;
            c->elided[i].cap = 1;
            /* opens its own run, but after a name "dell'" (of the) goes on
             * with it: "Commissione dell'Unione europea", not "Ellen Burstyn
             * l'Oscar" ("de l'" after an institution: scan_sentence) */
            c->elided[i].sep |= i > 0 && (!w[i - 1].cap || (memcmp(s + w[i].s, "dell", 4) != 0 &&
                                                             memcmp(s + w[i].s, "Dell", 4) != 0));
            c->elided[i].kind |= WORD_ELIDED;
        }
    }
    return c->elided;
}

static void scan_sentence(scan_ctx *c, const char *s, const sl_word *w, size_t nw, double weight)
{
    if (c->arabic)
        scan_arabic(c, s, w, nw, weight);
    if (c->korean)
        scan_korean(c, s, w, nw, weight);
    if (title_case(s, w, nw))
        return;
    if (c->romance)
        w = strip_elisions(c, s, w, nw);
    size_t i = 0;
    while (i < nw) {
        if (!w[i].cap) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < nw && !w[j - 1].poss && !w[j].sep && j - i < MAX_RUN) {
            if (w[j].cap) {
                j++;
            } else if (in_set(&set_connectors, s + w[j].s, w[j].e - w[j].s) && j + 1 < nw &&
                       w[j + 1].cap &&
                       (!w[j + 1].sep ||
                        ((w[j + 1].kind & WORD_ELIDED) && !w[j].sep &&
                         sl_romance_head(s + w[i].s, w[i].e - w[i].s)))) {
                j += 2; /* an institution "de l'Europe": "Conseil de l'Europe" */
            } else {
                break;
            }
        }
        if ((w[i].kind & WORD_ELIDED) && j > i + 1 &&
            (sl_gaz_first_name(s + w[i + 1].s, w[i + 1].e - w[i + 1].s) ||
             (!w[i + 1].cap && !sl_romance_head(s + w[i].s, w[i].e - w[i].s) &&
              !sl_gaz_place(s + w[i].s, w[j - 1].e - w[i].s))))
            i++; /* a role before a person or what it leads: "l'Ad Luigi Gubitosi",
                  * "l'Ad di PSA" (not "l'Afrique du Sud") */
        size_t more;
        c->coordinated = i > 0 && !w[i].sep && !w[i - 1].cap && coordinator(s, w[i - 1]);
        if (j == i + 1 && j < nw && i > 0 && !w[i].sep && russian_adj_noun(c, s, w + i)) {
            j++; /* "Московской области", "Белом доме", "Республиканской партии" */
        } else if (j < nw && (more = russian_adj_head(c, s, w + j - 1, nw - j + 1)) > 0) {
            /* the name's noun: "Белый дом отказался" (clean_run drops an
             * adjective the story also writes in lower case), "Представитель
             * Следственного комитета" (the name opens on its adjectives) */
            size_t a = j - 1;
            while (a > i && ru_adj_any(s, w[a - 1]) && same_ending(s, w[a - 1], w[a]) &&
                   !w[a].sep && !w[a - 1].poss)
                a--;
            if (a == i + 1 && sl_ru_head(s + w[i].s, w[i].e - w[i].s, NULL) == SL_ENT_ORG)
                a = i; /* an institution of it: "Управление Пенсионного фонда" */
            if (a > i) { /* the words before are a name of their own ("МЧС",
                          * a village before its district) */
                add_mention(c, s, w + i, a - i, i == 0, weight, 0, 0, 0);
                i = a;
            }
            c->opening_adj = i == 0;
            j += more;
        } else if (c->romance && c->stem_lang && sl_romance_head(s + w[j - 1].s, w[j - 1].e - w[j - 1].s)) {
            /* French and Italian write an institution's adjectives in lower
             * case: "Conseil constitutionnel", "Corte costituzionale" */
            for (size_t k = 0; k < 2 && j < nw && !w[j].cap && !w[j].sep && !w[j - 1].poss &&
                               sl_romance_adjective(c->stem_lang, s + w[j].s, w[j].e - w[j].s);
                 k++)
                j++;
        }
        int after_the = i > 0 && !w[i].sep && (w[i - 1].e - w[i - 1].s) == 3 &&
                        strncasecmp(s + w[i - 1].s, "the", 3) == 0;
        int next_lower = j < nw && !w[j].cap;
        c->det_before = c->german && german_noun_place(s, w, i);
        /* a Russian title in lower case just before: "президент Путин" */
        int title_before = c->stem_lang && i > 0 && !w[i].sep && !w[i - 1].cap &&
                           ru_title(s + w[i - 1].s, w[i - 1].e - w[i - 1].s);
        add_mention(c, s, w + i, j - i, i == 0, weight, after_the, next_lower, title_before);
        c->opening_adj = 0;
        i = j;
    }
}

/* lower_seen is asked only about a sentence's first word (clean_run, at
 * the start of a sentence-initial run), so only lower-case words that
 * could equal one need to be in the set. A coarse filter of those first
 * words, by lower-cased first character (first_key) and length,
 * spares hashing most lower-case words. */
typedef struct initials {
    uint64_t len_bits[256]; /* bit l of [b]: a first word of l bytes opens on b */
} initials;

/* The filter's index of a word: its lower-cased first character, low
 * byte (a capital and its small letter agree; in Cyrillic their first
 * UTF-8 bytes may not: "Р" is D0 A0, "р" D1 80). */
static inline unsigned char first_key(const char *s, size_t n)
{
    int l;
    return (unsigned char)(lower_at(s, n, &l) & 0xFF);
}

/* The words of one sentence: w[a..k) of its text's words. */
typedef struct span {
    size_t a, k;
} span;

/* The words of each sentence s[0..ns) among the text's words w[0..nw)
 * (both in order), found in one walk for both passes over the text (caller
 * frees). A word that straddles a sentence's end belongs to none. */
static span *sentence_spans(const sl_word *w, size_t nw, const sl_sent *s, size_t ns)
{
    span *v = sl_xmalloc((ns + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < ns; i++) {
        size_t start = s[i].start, end = s[i].end;
        while (k < nw && w[k].s < start)
            k++;
        v[i].a = k;
        while (k < nw && w[k].e <= end) /* (then w[k].s < end: a word is not empty) */
            k++;
        v[i].k = k;
    }
    return v;
}

/* Marks (on) or clears (!on) the capitalised first words of the ns
 * sentences sp of text t (words w). Clearing what was marked, with the
 * same arguments, leaves the filter empty: it is 2 KB, and most stories
 * have a few dozen sentences. */
static void mark_initials(initials *q, const char *t, const span *sp, size_t ns, const sl_word *w,
                          int on)
{
    for (size_t i = 0; i < ns; i++) {
        size_t a = sp[i].a;
        if (a == sp[i].k || !w[a].cap)
            continue;
        size_t l = w[a].e - w[a].s;
        if (l >= 64)
            continue;
        uint64_t *bits = &q->len_bits[first_key(t + w[a].s, l)];
        *bits = on ? *bits | 1ull << l : 0;
    }
}

/* Adds the lower-case words of text s (words w[0..nw)) that may be asked
 * about (see initials) to the set. */
static void collect_lower(sl_entities *E, const char *s, const sl_word *w, size_t nw,
                          const initials *q)
{
    for (size_t i = 0; i < nw; i++) {
        size_t l = w[i].e - w[i].s;
        if (!w[i].cap && l < 64 && (q->len_bits[first_key(s + w[i].s, l)] >> l & 1))
            lower_has(E, word_hash(s + w[i].s, l), 1);
    }
}

/* Scans the ns sentences sp of text t, taking each one's words from the
 * words of the whole text (w, in order) rather than splitting again.
 * (The punctuation before a sentence's first word is never asked about:
 * scan_sentence reads the separator of the words after the first.) */
static void scan_doc(scan_ctx *c, const char *t, const span *sp, size_t ns, const sl_word *w)
{
    for (size_t i = 0; i < ns; i++)
        if (sp[i].a < sp[i].k)
            scan_sentence(c, t, w + sp[i].a, sp[i].k - sp[i].a, i < 3 ? 2.0 : 1.0);
}

/* ---- resolution ------------------------------------------------------------ */

static int is_acronym(const char *k)
{
    return !strchr(k, ' ') && all_caps(k, strlen(k));
}

/* A one-word entity of German articles that is a common noun: written
 * after an article or a determiner ("die Studie"), or ending as nouns
 * made with a suffix do ("Infektion", "Gesellschaft"), and neither a
 * place, a known first name or surname, an acronym nor typed otherwise. */
static int german_noun(const ent *x)
{
    if (x->nwords != 1 || !x->de_count || x->place || x->type != SL_ENT_OTHER || x->hint ||
        is_acronym(x->key))
        return 0;
    size_t n = strlen(x->key);
    if (in_set(&set_de_not_name, x->key, n))
        return 1;
    for (size_t i = 1; i < n; i++)
        if (isupper((unsigned char)x->key[i]) && x->key[i - 1] != '-')
            return 0; /* "iPhone", "YouTube": a brand ("E-Zigaretten" is none) */
    for (size_t a = 0, b; a < n; a = b + 1) { /* each part of "Paul-Ehrlich-Institut" */
        for (b = a; b < n && x->key[b] != '-'; b++)
            ;
        if (sl_gaz_first_name(x->key + a, b - a) || sl_gaz_surname(x->key + a, b - a) ||
            (b < n && sl_gaz_place(x->key + a, b - a)))
            return 0;
    }
    if (x->de_noun > 0)
        return 1;
    for (size_t i = 0; DE_NOUN_END[i]; i++) {
        size_t l = strlen(DE_NOUN_END[i]);
        if (n > l + 2 && !memcmp(x->key + n - l, DE_NOUN_END[i], l))
            return 1;
    }
    return 0;
}

/* The type a Russian name (its words key, the last at lastw) has by its
 * head noun: an institution's first ("Правительство Оренбургской
 * области"), or the noun of an institution or place after an adjective
 * ("Верховный суд", "Следственного комитета"); -1 if it has none. */
static int ru_head_name(const char *key, const char *lastw)
{
    if (lastw - key < 2)
        return -1;
    const char *sp = strchr(key, ' ');
    if (sp && cyrillic_lead(key) && sl_ru_head(key, (size_t)(sp - key), NULL) == SL_ENT_ORG)
        return SL_ENT_ORG; /* "Правительство Оренбургской области" */
    const char *end = lastw - 1, *w = end; /* the word before: [w, end) */
    while (w > key && w[-1] != ' ')
        w--;
    size_t l = (size_t)(end - w);
    if (!ru_adjective(w, l) && !ru_adjective_oblique(w, l))
        return -1;
    return sl_ru_head(lastw, strlen(lastw), NULL);
}

/* Does the last word w of a name opening on a place ("Washington",
 * "Dallas", which are first names too) make it the place's team, school or
 * thing: a plural that is no surname ("Mavericks", "Nationals") or one of
 * the words such names end on ("State", "Tech", "Cup")? */
static int place_team(const char *w)
{
    static const char *const ENDS[] = {"State", "Tech", "Cup", "Prix", "Falls", "Street", "City",
                                       "County", "Water", "Magic", "Heat", "Thunder", "Jazz",
                                       "Fire", "Galaxy", "United", "Consensus", NULL};
    size_t n = strlen(w);
    return sl_word_in_list(ENDS, w, n) ||
           (n > 4 && w[n - 1] == 's' && w[n - 2] != 's' && !sl_gaz_surname(w, n));
}

static void type_entities(sl_entities *E)
{
    int rt;
    for (size_t i = 0; i < E->n; i++) {
        ent *x = &E->v[i];
        const char *sp = strrchr(x->key, ' ');
        const char *lastw = sp ? sp + 1 : x->key;
        const char *first_end = strchr(x->key, ' ');
        size_t fl = first_end ? (size_t)(first_end - x->key) : strlen(x->key);
        /* "Bank of England", "Institute for Fiscal Studies" (three words at least) */
        int linked = x->nwords >= 3 && (strstr(x->key, " of ") || strstr(x->key, " for "));
        if (x->place)
            x->type = SL_ENT_PLACE;
        else if (x->hint)
            x->type = x->hint - 1;
        else if (in_set(&set_org, lastw, strlen(lastw)) || is_acronym(x->key) ||
                 (linked && in_set(&set_org, x->key, fl)))
            x->type = SL_ENT_ORG; /* also "Bank of England", "Institute for Fiscal Studies" */
        else if (x->title_ev * 2 >= x->count && x->title_ev > 0)
            x->type = SL_ENT_PERSON;
        else if (x->nwords >= 2 && x->nwords <= 4 && sl_gaz_first_name(x->key, fl) && !linked &&
                 !(sl_gaz_place(x->key, fl) && place_team(lastw)))
            x->type = SL_ENT_PERSON; /* not "Hall of Fame"; not a place's team or school:
                                      * "Washington State", "Dallas Mavericks" */
        else if (x->nwords >= 2 && cyrillic_lead(lastw) && (rt = ru_head_name(x->key, lastw)) >= 0)
            x->type = rt; /* "Верховный суд", "Красная площадь" */
        else if (x->the_count * 2 > x->count)
            x->type = SL_ENT_ORG;
        else if (x->title_ev > 0)
            x->type = SL_ENT_PERSON;
        else if (x->nwords == 1 && sl_gaz_surname(x->key, strlen(x->key)))
            x->type = SL_ENT_PERSON; /* "Clinton" with no first name in the story */
    }
}

/* Puts surname key k for person j into m, unless a person counted more
 * often has it already. */
static void sur_put(emap *m, const char *k, const ent *v, uint32_t j)
{
    size_t n = strlen(k);
    uint64_t h;
    eslot *e = emap_find_room(m, k, n, &h);
    if (!e->h)
        emap_take(m, e, k, n, h, j);
    else if (v[e->idx].count < v[j].count)
        e->idx = j;
}

/* A person of sur whose surname as written is a nominative the lone
 * surname k may have in lang ("Пескова": Дмитрий Песков, whose stems
 * differ: "песк", "песков"); the first found, in *b. */
static int surname_form(const emap *sur, const char *lang, const char *k, uint32_t *b)
{
    char forms[8][SL_NAME_WORD];
    size_t nf = sl_name_surname_forms(lang, k, strlen(k), forms, 8);
    for (size_t i = 0; i < nf; i++)
        if (emap_get(sur, forms[i], b))
            return 1;
    return 0;
}

/* "Putin" joins "Vladimir Putin": the most mentioned longer person name
 * that ends with it (a map from surnames, so this stays linear). */
static void merge_surnames(sl_entities *E)
{
    emap sur = {0};
    sl_buf sk = {0};
    for (size_t j = 0; j < E->n; j++) {
        ent *y = &E->v[j];
        if (y->nwords < 2 || y->type != SL_ENT_PERSON)
            continue;
        const char *last = strrchr(y->key, ' ') + 1;
        sur_put(&sur, last, E->v, (uint32_t)j);
        /* in an inflected language also by its stem: "Зеленским" is
         * Владимир Зеленский */
        if (E->stem_lang)
            sur_put(&sur, stem_key(&sk, E->stem_lang, last), E->v, (uint32_t)j);
    }
    for (size_t i = 0; i < E->n; i++) {
        ent *x = &E->v[i];
        if (x->nwords != 1 || x->type == SL_ENT_PLACE || x->type == SL_ENT_ORG)
            continue;
        uint32_t b;
        /* (no surnames: no stem key to look up) */
        if (emap_get(&sur, x->key, &b) ||
            (E->stem_lang && sur.n && emap_get(&sur, stem_key(&sk, E->stem_lang, x->key), &b)) ||
            (E->stem_lang && sur.n && surname_form(&sur, E->stem_lang, x->key, &b))) {
            ent *y = &E->v[b];
            x->merged = (int)b;
            y->count += x->count;
            y->sal += x->sal;
            y->docs = y->docs > x->docs ? y->docs : x->docs;
            y->noninit += x->noninit;
        } else if (x->type == SL_ENT_OTHER && x->title_ev > 0) {
            x->type = SL_ENT_PERSON;
        }
    }
    sl_buf_free(&sk);
    emap_free(&sur);
}

static void add_title_bonus(sl_entities *E, const char *title)
{
    for (size_t i = 0; i < E->n; i++) {
        ent *x = &E->v[i];
        if (x->merged >= 0 || x->dropped)
            continue;
        const char *k = x->key;
        const char *sp = strrchr(k, ' ');
        if (x->type == SL_ENT_PERSON && sp)
            k = sp + 1; /* titles use surnames */
        const char *p = strstr(title, k);
        size_t kl = strlen(k);
        if (p && (p == title || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[kl]))
            x->sal += 2;
    }
}

static int by_salience(const void *a, const void *b, void *ud)
{
    const ent *sort_base = ud;
    const ent *x = &sort_base[*(const size_t *)a], *y = &sort_base[*(const size_t *)b];
    if (x->sal != y->sal)
        return x->sal > y->sal ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

sl_entities *sl_entities_build(const sl_doc *const *docs, size_t n)
{
    return sl_entities_build_with(docs, n, NULL);
}

sl_entities *sl_entities_build_with(const sl_doc *const *docs, size_t n, const sl_splits *sp)
{
    fast_ready();
    sl_entities *E = sl_xcalloc(1, sizeof *E);
    scan_ctx c = {0};
    c.E = E;
    /* every text's lower-case words must be known before any sentence is
     * scanned; the words found on the way are kept for the scan */
    /* per text: its words (borrowed or own), their count, its sentences'
     * spans and their count; five arrays in one block (freed as w) */
    size_t k1 = n + 1;
    void **blk = sl_xcalloc(5 * k1, sizeof(void *));
    const sl_word **w = (const sl_word **)blk;
    sl_word **wown = (sl_word **)(blk + k1);
    size_t *nw = (size_t *)(blk + 2 * k1);
    span **spans = (span **)(blk + 3 * k1);
    size_t *nss = (size_t *)(blk + 4 * k1);
    _Static_assert(sizeof(size_t) == sizeof(void *), "size_t arrays share the block");
    /* the filter, per thread: all clear between stories (mark_initials off) */
    static _Thread_local initials q0;
    initials *q = &q0;
    for (size_t d = 0; d < n; d++) {
        const char *t = docs[d]->text;
        if (!t)
            continue;
        nw[d] = sl_splits_words(sp, d, t, &w[d], &wown[d], NULL);
        const sl_sent *ss;
        sl_sent *own;
        nss[d] = sl_splits_get(sp, d, t, &ss, &own);
        spans[d] = sentence_spans(w[d], nw[d], ss, nss[d]);
        free(own);
        mark_initials(q, t, spans[d], nss[d], w[d], 1);
    }
    size_t words = 0;
    for (size_t d = 0; d < n; d++)
        words += nw[d];
    lower_reserve(E, words);
    for (size_t d = 0; d < n; d++)
        if (docs[d]->text)
            collect_lower(E, docs[d]->text, w[d], nw[d], q);
    for (size_t d = 0; d < n; d++)
        if (docs[d]->text)
            mark_initials(q, docs[d]->text, spans[d], nss[d], w[d], 0);
    for (size_t d = 0; d < n; d++) {
        const char *t = docs[d]->text;
        if (!t)
            continue;
        c.doc = (int)d;
        c.stem_lang = stem_lang_of(docs[d]->lang);
        c.arabic = docs[d]->lang && !strcmp(docs[d]->lang, "ar");
        c.korean = docs[d]->lang && !strcmp(docs[d]->lang, "ko");
        c.german = docs[d]->lang && !strcmp(docs[d]->lang, "de");
        c.romance = docs[d]->lang && (!strcmp(docs[d]->lang, "es") || !strcmp(docs[d]->lang, "pt") ||
                                      !strcmp(docs[d]->lang, "fr") || !strcmp(docs[d]->lang, "it"));
        scan_doc(&c, t, spans[d], nss[d], w[d]);
        free(spans[d]);
        free(wown[d]);
    }
    free(blk);
    type_entities(E);
    merge_surnames(E);
    for (size_t i = 0; i < E->n; i++) {
        ent *x = &E->v[i];
        if (x->merged < 0 && !x->noninit && !x->place)
            x->dropped = 1; /* only ever a capitalised first word */
        if (x->merged < 0 && german_noun(x))
            x->dropped = 1;
    }
    for (size_t d = 0; d < n; d++)
        if (docs[d]->title)
            add_title_bonus(E, docs[d]->title);
    E->order = sl_xmalloc((E->n + 1) * sizeof *E->order);
    for (size_t i = 0; i < E->n; i++)
        if (E->v[i].merged < 0 && !E->v[i].dropped)
            E->order[E->norder++] = i;
    qsort_r(E->order, E->norder, sizeof *E->order, by_salience, E->v);
    E->out = sl_xcalloc(E->norder + 1, sizeof *E->out);
    double top = E->norder ? E->v[E->order[0]].sal : 1;
    for (size_t i = 0; i < E->norder; i++) {
        ent *x = &E->v[E->order[i]];
        E->out[i] = (sl_entity){x->key, x->type, x->count, x->docs, top > 0 ? x->sal / top : 0};
    }
    free(c.elided);
    sl_buf_free(&c.key);
    sl_buf_free(&c.stems);
    sl_buf_free(&c.stems2);
    return E;
}

void sl_entities_free(sl_entities *E)
{
    if (!E)
        return;
    for (kblock *b = E->kblocks, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    free(E->v);
    free(E->order);
    free(E->out);
    emap_free(&E->map);
    free(E->lower);
    free(E->stem_lang);
    free(E);
}

size_t sl_entities_count(const sl_entities *E) { return E->norder; }

const sl_entity *sl_entities_at(const sl_entities *E, size_t i)
{
    return i < E->norder ? &E->out[i] : NULL;
}

/* The name entity idx is shown under (the one it was merged into), its
 * type in *type (may be NULL); NULL if it was dropped. */
static const char *shown_of(const sl_entities *E, uint32_t idx, int *type)
{
    const ent *x = &E->v[idx];
    while (x->merged >= 0)
        x = &E->v[x->merged];
    if (x->dropped)
        return NULL;
    if (type)
        *type = x->type;
    return x->key;
}

const char *sl_entities_canonical(const sl_entities *E, const char *mention, size_t n,
                                  int *type)
{
    fast_ready();
    if (n && sl_arabic_lead(mention)) { /* an Arabic name, keyed folded (scan_arabic) */
        char key[4 * SL_AR_WORD];
        uint32_t idx;
        return sl_ar_fold(mention, n, key, sizeof key) && emap_get(&E->map, key, &idx)
                   ? shown_of(E, idx, type)
                   : NULL;
    }
    sl_word w[16], *wp = w;
    size_t cap = 16;
    size_t nw = sl_words_scan(mention, n, &wp, &cap, 16, NULL);
    size_t a = 0;
    while (a < nw && !w[a].cap)
        a++; /* "the Kremlin" */
    size_t b = a;
    while (b < nw && (w[b].cap || in_set(&set_connectors, mention + w[b].s, w[b].e - w[b].s)))
        b++;
    if (b == a)
        return NULL;
    sl_buf key = {0};
    int tev;
    int k = clean_run(NULL, mention, w + a, b - a, 0, 0, &key, &tev);
    const char *res = NULL;
    if (k > 0) {
        const char *place = sl_gaz_place(key.data, key.len);
        uint32_t idx;
        sl_buf sk = {0};
        int found = emap_get(&E->map, place ? place : key.data, &idx) ||
                    (!place && E->stem_lang &&
                     emap_get(&E->map, stem_key(&sk, E->stem_lang, key.data), &idx));
        sl_buf_free(&sk);
        size_t f;
        if (!found && ((f = inner_first_name(E->stem_lang, mention, w + b - k, (size_t)k)) > 0 ||
                       (f = german_first_name(E->stem_lang, mention, w + b - k, (size_t)k)) > 0)) {
            /* the person of "Правительства РФ Виталий Мутко", "Polit-Experte
             * Jonathan Cristol" */
            size_t x = b - (size_t)k + f;
            sl_buf_free(&key);
            return sl_entities_canonical(E, mention + w[x].s, w[b - 1].e - w[x].s, type);
        }
        if (found)
            res = shown_of(E, idx, type);
    }
    sl_buf_free(&key);
    return res;
}
