/*
 * quotes: quotations and their speakers (see quotes.h).
 *
 * How it works:
 * 1. Quotation spans: each opening mark pairs with its own closing one,
 *    “ with ”, « with », „ with “ or ” (a quote may run over a few
 *    paragraphs; lines with links inside are dropped from its text; other
 *    marks inside, as in «... „...“ ...», are the quote's own); straight
 *    quotes and `` '' pair within a paragraph. Spans of fewer than four
 *    words are scare quotes, not statements.
 * 2. Speaker, first from the words after the quote ('"...," X said',
 *    '"...," said X', and in Russian, Ukrainian, Spanish, Portuguese,
 *    French and German '«...», — сказал X', '"...", dijo X', '« ... », a
 *    déclaré X', where lower-case words may stand between the verb and the
 *    name: '— заявил глава МИД Сергей Лавров', '— сообщили в пресс-службе
 *    МВД', 'dijo el ministro X'; a verb alone, '"...", aclaró.', has the
 *    last named speaker as subject), then from the clause before it ('X said: "..."', 'X said that
 *    "..."', 'according to X, "..."', 'X заявил, что «...»', 'Как заявил
 *    X, «...»', 'По словам X, «...»'); with no speech verb, a clause
 *    ending in "that" or ":" gives its subject ('X expressed confidence
 *    that "..."').
 * 3. A quote without a speaker takes the previous quote's speaker in the
 *    same paragraph, or in the paragraph just before when the quote is
 *    its paragraph's whole text and that quote had a speaker; "he",
 *    "she" and "they" (он, она, они; він, вона, вони) are the last named
 *    speaker of the article, else the last person named before the
 *    quote; neither may be a person named in an oblique case
 *    (nominative.h) or, where the first name tells it, of the other
 *    gender (gazetteer.h). Names go through the story's entities, so
 *    "Putin" is "Vladimir Putin", "Путина" is "Владимир Путин".
 *    Capitalised function words that open a speaker phrase go ("When",
 *    "При"), and a clause's one opening word that names none of the
 *    story's entities is no speaker ("Indeed", "Однажды").
 * 4. Across articles, quotes whose content stems overlap by half or more
 *    (of the shorter; all of them, for quotes of fewer than four content
 *    words) are one statement: union-find over at most MAX_QUOTES
 *    quotes. The group's speaker is its most frequent named one.
 */
#include "quotes.h"
#include "arabic.h"
#include "gazetteer.h"
#include "korean.h"
#include "nominative.h"
#include "romance_heads.h"
#include "sentence.h"
#include "tokenize.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MIN_QUOTE_WORDS = 4, MAX_QUOTE_BYTES = 2000, MAX_QUOTES = 400 };

static const char *const SPEECH[] = {
    "said", "says", "say", "added", "adds", "told", "tells", "stated", "wrote", "writes",
    "asked", "noted", "declared", "explained", "warned", "insisted", "continued",
    "announced", "replied", "argued", "stressed", "remarked", "recalled", "acknowledged",
    "concluded", "urged", "vowed", "predicted", "complained", "conceded", "admitted",
    "reiterated", "emphasized", "emphasised", "observed", "commented", "tweeted",
    "responded", "according", "explains", "notes", "warns", "insists", "argues", "admits",
    "recalls", "stresses", "continues", "concludes", "predicts", "predicted", "suggests",
    "suggested", "confirmed", "confirms", "claimed", "claims", "posted", "agreed", "agrees",
    "explain", "note", "predict", "chided", "quipped", "quips", "joked", "jokes",
    "lamented", "laments", "recounted", "recounts", "boasted", "boasts", "cautioned",
    "cautions", "countered", "counters", "retorted", "shouted", "testified", "wondered",
    "wonders", "mused", "muses", "revealed", "reveals", "asserted", "asserts", "contended",
    "contends", "alleged", "alleges", "pleaded", "promised", "promises", "pledged", "pledges",
    "proclaimed", "exclaimed", "sighed", "laughed", "yelled", "whispered", "texted",
    "emailed", "elaborated", "clarified", "affirmed", "underlined", "underscored",
    "concurred", "objected", "protested", "scoffed", "reflected", "reflects", "remembered",
    "remembers", "observes", "acknowledges", "concedes", "maintained", "maintains",
    "reasoned", "reasons", "surmised", "recalled", NULL};

/* Speech verbs of the languages that put them before the speaker after a
 * quote ('«...», — сказал X', '"...", dijo el ministro X', '« ... », a
 * déclaré X', '„...“, sagte X'), where lower-case words (an article, a
 * title) may stand between the verb and the name, and a verb alone has
 * the last named speaker as its subject ('"...", aclaró.'). */
static const char *const SPEECH_VF[] = {
    /* Russian: past tense (he, she, they) and present */
    "сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил", "отметила",
    "отметили", "сообщил", "сообщила", "сообщили", "подчеркнул", "подчеркнула",
    "подчеркнули", "добавил", "добавила", "добавили", "пояснил", "пояснила", "пояснили",
    "рассказал", "рассказала", "рассказали", "написал", "написала", "написали", "ответил",
    "ответила", "ответили", "уточнил", "уточнила", "уточнили", "признал", "признала",
    "признали", "заметил", "заметила", "заметили", "напомнил", "напомнила", "напомнили",
    "заключил", "заключила", "предупредил", "предупредила", "предупредили", "считает",
    "считают", "говорит", "говорят", "заявляет", "отмечает", "отмечают", "сообщает",
    "пишет", "рассказывает", "подчеркивает", "подчёркивает", "добавляет", "поясняет",
    "уверен", "уверена", "продолжает", "продолжил", "продолжила", "уточняет", "объясняет",
    "объяснил", "объяснила", "вспоминает", "вспоминал", "вспоминала", "признается",
    "признаётся", "резюмирует", "резюмировал", "констатирует", "констатировал",
    "повествует", "говорил", "говорила", "рассуждает", "убежден", "убеждена",
    /* Ukrainian (its feminine and plural forms are often the Russian ones) */
    "сказав", "заявив", "зазначив", "зазначила", "зазначили", "повідомив", "повідомила",
    "повідомили", "підкреслив", "підкреслила", "підкреслили", "додав", "додала", "пояснив",
    "розповів", "розповіла", "розповіли", "написав", "відповів", "відповіла", "наголосив",
    "наголосила", "наголосили", "каже", "кажуть", "говорить", "зазначає", "пише",
    /* Spanish */
    "dijo", "afirmó", "aseguró", "señaló", "explicó", "agregó", "añadió", "indicó", "declaró",
    "sostuvo", "expresó", "manifestó", "comentó", "destacó", "subrayó", "apuntó", "aclaró",
    "advirtió", "escribió", "precisó", "insistió", "respondió", "concluyó", "dice", "afirma",
    "asegura", "señala", "explica", "agrega", "añade", "indica", "sostiene", "destaca",
    "admitió", "reconoció", "consideró", "opinó", "relató", "recordó", "expuso", "detalló",
    "enfatizó", "remarcó", "puntualizó", "justificó", "planteó", "reiteró", "denunció",
    "lamentó", "sentenció", "admite", "reconoce", "considera", "recuerda", "insiste",
    "justifica", "relata", "advierte", "subraya", "apunta", "aclara", "precisa", "expone",
    "detalla", "remarca", "opina", "comenta", "manifiesta", "expresa", "concluye", "dijeron",
    "afirmaron", "aseguraron", "señalaron", "explicaron", "indicaron", "resaltó", "recalcó",
    "aseveró", "narró", "contó", "confesó", "reveló", "mencionó", "cuestionó", "criticó",
    "ironizó", "exclamó", "prometió", "anunció", "informó", "argumentó", "defendió", "matizó",
    "reafirmó", "resalta", "recalca", "cuenta", "revela", "menciona", "cuestiona", "critica",
    "anuncia", "informa", "asevera", "confiesa", "narra", "argumenta", "defiende", "cerró",
    "reflexionó", "reflexiona", "contestó", "contesta", "resumió", "bromeó", "bromea",
    "celebró", "celebra", "lamenta", "agradeció", "agradece", "remató", "apostilló",
    "apostilla", "zanjó", "valoró", "valora", "analizó", "analiza", "completó", "graficó",
    "sintetizó", "ironiza", "continuó", "continúa", "prosiguió", "prosigue", "alertó",
    /* (after "ha", the auxiliary of the perfect: '"...", ha dicho X') */
    "dicho", "señalado", "explicado", "afirmado", "asegurado", "indicado", "declarado",
    "añadido", "subrayado", "destacado", "precisado", "apuntado", "reconocido", "admitido",
    "manifestado", "expresado", "comentado", "advertido", "insistido", "recordado",
    "agregado",
    /* Portuguese */
    "disse", "afirmou", "declarou", "explicou", "acrescentou", "destacou", "ressaltou",
    "comentou", "escreveu", "completou", "prosseguiu", "garantiu", "lembrou", "observou",
    "contou", "diz", "conta", "afirma", "explica", "ressalta", "destaca", "lembra",
    "acrescenta", "completa", "avalia", "avaliou", "ponderou", "defendeu", "defende",
    "argumentou", "reforçou", "frisou", "salientou", "admitiu", "reconheceu", "relatou",
    "respondeu", "alertou", "informou", "disseram", "afirmaram", "declararam", "enfatizou",
    "pontuou", "apontou", "sustentou", "criticou", "questionou", "anunciou", "revelou",
    "confessou", "concluiu", "detalhou", "opinou", "sublinhou", "esclareceu", "adiantou",
    "justificou", "garante", "pontua", "aponta", "sustenta", "critica", "questiona", "revela",
    "conclui", "detalha", "sublinha", "esclarece", "justifica", "observa", "comenta", "relata",
    "admite", "reconhece", "alerta", "informa", "declara", "argumenta", "finalizou",
    "encerrou", "brincou", "comemorou", "lamentou", "agradeceu", "analisou", "resumiu",
    "continuou", "finaliza", "brinca", "comemora", "lamenta", "agradece", "analisa", "resume",
    /* French (after "a", the auxiliary, or with "-t-il" joined) */
    "déclaré", "dit", "affirmé", "expliqué", "ajouté", "souligné", "indiqué", "précisé",
    "estimé", "assuré", "confié", "écrit", "raconté", "explique", "affirme", "ajoute",
    "souligne", "indique", "précise", "estime", "assure", "note", "relève", "poursuit",
    "confie", "raconte", "déclare", "reconnu", "admis", "rappelé", "insisté", "martelé",
    "confirmé", "annoncé", "répondu", "regretté", "déploré", "témoigné", "résumé", "rappelle",
    "insiste", "résume", "regrette", "déplore", "témoigne", "reconnaît", "confirme", "lancé",
    "noté", "signale", "signalé", "plaide", "plaidé", "soutenu", "soutient", "poursuivi",
    "observe", "observé", "commente", "commenté", "avoue", "avoué", "conclut", "conclu",
    "souffle", "glisse", "lâche", "lâché", "tranche", "tranché", "martèle", "avancé",
    "répond", "rétorque", "rétorqué", "dénonce", "dénoncé", "prévient", "prévenu", "promet",
    "promis", "juge", "jugé", "détaille", "détaillé", "ironise", "ironisé", "argue",
    "argumente", "argumenté", "réagi", "réagit", "averti", "avertit", "analyse", "analysé",
    "prétexté", "lance", "affirmait", "expliquait", "disait", "ajoutait", "sourit",
    "plaisante", "plaisanté", "félicite", "salue", "salué", "renchérit", "enchaîne",
    "enchaîné", "reprend", "repris", "abonde", "nuance", "nuancé", "admet", "concède",
    "concédé",
    /* Italian (after "ha": '"...", ha detto X') */
    "detto", "affermato", "spiegato", "aggiunto", "dichiarato", "sottolineato", "commentato",
    "ricordato", "precisato", "scritto", "osservato", "evidenziato", "dice", "spiega",
    "aggiunge", "afferma", "sottolinea", "commenta", "ricorda", "scrive", "osserva", "disse",
    "ribadito", "annunciato", "chiarito", "rivelato", "confermato", "replicato", "risposto",
    "concluso", "denunciato", "ammesso", "raccontato", "sostenuto", "avvertito", "insistito",
    "proseguito", "continuato", "puntualizzato", "attaccato", "racconta", "ribadisce",
    "annuncia", "chiarisce", "rivela", "conferma", "replica", "risponde", "conclude",
    "denuncia", "ammette", "sostiene", "avverte", "insiste", "prosegue", "continua",
    "evidenzia", "dichiara", "precisa", "puntualizza", "incalza", "attacca", "chiosa",
    "sorride", "scherza", "chiosato", "scherzato",
    /* German */
    "sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "meinte", "meint", "schrieb",
    "schreibt", "sagten", "erklärten", NULL};

static const char *const PRONOUNS[] = {"he", "she", "they", "He", "She", "They", "он", "она",
                                       "они", "Он", "Она", "Они", "він", "вона", "вони",
                                       "Він", "Вона", "Вони", "er", "Er", "sie", "Sie",
                                       /* Spanish, Portuguese */
                                       "él", "Él", "ella", "Ella", "ele", "Ele", "ela", "Ela",
                                       NULL};

/* Verbs that put a label on someone: in `X called Y "..."` the words are X's. */
static const char *const NAMING[] = {"called",  "calls",    "dubbed",  "dubs",      "branded",
                                     "brands",  "labelled", "labeled", "labels",    "described",
                                     "describes", "termed", "terms",   NULL};

/* The three lists as hash sets: asked at every word before and after
 * every quote. Built once (sets_ready, at the top of sl_quotes_in_text,
 * which every look-up below is reached from), then only read. */
static sl_wordset set_speech, set_speech_vf, set_pronouns, set_naming;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void sets_init(void)
{
    sl_wordset_build_list(&set_speech, SPEECH);
    sl_wordset_build_list(&set_speech_vf, SPEECH_VF);
    sl_wordset_build_list(&set_pronouns, PRONOUNS);
    sl_wordset_build_list(&set_naming, NAMING);
}

/* As sl_word_in_list: exact bytes, never for n 0. */
static int in_set(const sl_wordset *ws, const char *w, size_t n)
{
    return sl_wordset_find(ws, w, n) >= 0;
}

/* ---- marks ------------------------------------------------------------------ */

/* The marks: M_CURLY “ ”, M_GUIL « », M_LOW „ (closed by “ or ”), M_TICKS
 * `` ''; M_STRAIGHT ". */
enum { M_NONE, M_CURLY, M_GUIL, M_LOW, M_TICKS, M_STRAIGHT };

/* The kind of the mark at s[0..n) (M_NONE if none); its length in *len
 * and in *opens whether it opens (1) or closes (0). “ does both: it opens
 * a curly quote and closes a low one (see closes). */
static int mark_at(const char *s, size_t n, size_t *len, int *opens)
{
    const unsigned char *u = (const unsigned char *)s;
    *opens = 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C && u[2] <= 0x9E) {
        *len = 3;
        *opens = u[2] != 0x9D;
        return u[2] == 0x9E ? M_LOW : M_CURLY;
    }
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) { /* « » */
        *len = 2;
        *opens = u[1] == 0xAB;
        return M_GUIL;
    }
    if (n >= 2 && ((s[0] == '`' && s[1] == '`') || (s[0] == '\'' && s[1] == '\''))) {
        *len = 2;
        *opens = s[0] == '`';
        return M_TICKS;
    }
    if (s[0] == '"')
        return *len = 1, M_STRAIGHT;
    return M_NONE;
}

/* Does the mark at s (kind k, opens o) close a quote opened by `open`? */
static int closes(int open, const char *s, int k, int o)
{
    if (open == M_LOW) /* „...“ or „...” */
        return k == M_CURLY && (!o || (unsigned char)s[2] == 0x9C);
    return k == open && (open == M_STRAIGHT || !o);
}

/* ---- small text helpers -------------------------------------------------------- */

typedef struct span {
    size_t s, e;
} span;

/* Words of t[a..b): letters, digits, inner '.', '-' and apostrophes (before
 * a letter or digit, of any script: "вице-премьер"; ’ before a Latin
 * letter: "D’Agostini"). */
static size_t words_of(const char *t, size_t a, size_t b, span *w, size_t max, size_t *puncts)
{
    size_t k = 0, i = a;
    while (i < b && k < max) {
        unsigned char c = (unsigned char)t[i];
        if (!(isalnum(c) || c >= 0x80) || (c == 0xE2 && i + 2 < b && (unsigned char)t[i + 1] == 0x80)) {
            if (puncts && !isspace(c))
                puncts[k] = 1;
            i += c == 0xE2 ? 3 : 1;
            continue;
        }
        size_t st = i;
        while (i < b) {
            c = (unsigned char)t[i];
            if (c == 0xE2 && i + 3 < b && (unsigned char)t[i + 1] == 0x80 &&
                (unsigned char)t[i + 2] == 0x99 && i > st && isalpha((unsigned char)t[i + 3]) &&
                !(t[i + 3] == 's' && !isalpha((unsigned char)t[i + 4]))) {
                i += 3; /* a typographic apostrophe inside a word: "D’Agostini" (not
                         * a possessive's) */
                continue;
            }
            if (c == 0xE2 && i + 2 < b && (unsigned char)t[i + 1] == 0x80)
                break;
            if (isalnum(c) || c >= 0x80 ||
                ((c == '.' || c == '-' || c == '\'') && i + 1 < b &&
                 (isalnum((unsigned char)t[i + 1]) ||
                  ((unsigned char)t[i + 1] >= 0xC0 && (unsigned char)t[i + 1] != 0xE2))))
                i++;
            else
                break;
        }
        if (i < b && t[i] == '.' && i - st <= 3 && isupper((unsigned char)t[st]))
            i++; /* "Dr.", "Jr." */
        w[k++] = (span){st, i};
        if (puncts && k < max)
            puncts[k] = 0;
    }
    return k;
}

/* Does s start with an upper-case letter (of any script)? */
static int cap_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return isupper(u[0]) != 0;
    int32_t cp;
    return sl_utf8_decode(u, strnlen(s, 4), &cp) > 0 && (sl_cp_class(cp) & SL_CP_UPPER);
}

static int is_cap(const char *t, span w) { return cap_at(t + w.s); }

/* Does s start with a lower-case letter of a script with capitals (not
 * Arabic or Korean, whose names have none)? */
static int lower_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return islower(u[0]) != 0;
    int32_t cp;
    return sl_utf8_decode(u, strnlen(s, 4), &cp) > 0 &&
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Does speaker s name someone (a capital, or Arabic, which has none),
 * rather than stand for one ("he", "they")? */
static int named(const char *s)
{
    return s && (cap_at(s) || sl_arabic_lead(s) || sl_ko_hangul(s, strlen(s)));
}

/* Is w a word of the list (exact bytes)? */
static int word_is(const char *t, span w, const char *const *list)
{
    return sl_word_in_list(list, t + w.s, w.e - w.s);
}

/* A speaker phrase: at most 7 words, with a capital, a pronoun or one of
 * the nouns that stand for a source ("statement", "spokesman"). */
static int speakerish(const char *t, const span *w, size_t n)
{
    static const char *const NOUNS[] = {"statement", "spokesman", "spokeswoman", "spokesperson",
                                        "official", "officials", "ministry", "source",
                                        "sources", "message", "telegram", "report",
                                        "president", "minister", "police", NULL};
    if (n == 0 || n > 7)
        return 0;
    if (n == 1 && in_set(&set_pronouns, t + w[0].s, w[0].e - w[0].s))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (is_cap(t, w[i]) || sl_word_in_list(NOUNS, t + w[i].s, w[i].e - w[i].s))
            return 1;
    return 0;
}

static char *join(const char *t, const span *w, size_t n)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sl_buf_putc(&b, ' ');
        sl_buf_append(&b, t + w[i].s, w[i].e - w[i].s);
    }
    return sl_buf_take(&b);
}

/* The n words w joined, with "; " where punctuation stood between two of
 * them (pu, as words_of sets it): a speaker phrase in parts, which
 * normalise chooses from. */
static char *join_parts(const char *t, const span *w, size_t n, const size_t *pu)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sl_buf_puts(&b, pu[i] ? "; " : " ");
        sl_buf_append(&b, t + w[i].s, w[i].e - w[i].s);
    }
    return sl_buf_take(&b);
}

/* ---- attribution ------------------------------------------------------------- */

enum { V_NONE, V_EN, V_FIRST };

/* Is w a speech verb: V_EN (English), V_FIRST (a language that puts the
 * verb first after a quote), or V_NONE? A French verb with its pronoun
 * joined ("affirme-t-il") is looked up without it; *clitic is set then. */
static int speech_verb(const char *t, span w, int *clitic)
{
    size_t l = w.e - w.s;
    *clitic = 0;
    if (in_set(&set_speech, t + w.s, l))
        return V_EN;
    if (in_set(&set_speech_vf, t + w.s, l))
        return V_FIRST;
    const char *h = memchr(t + w.s, '-', l);
    if (h && in_set(&set_speech_vf, t + w.s, (size_t)(h - (t + w.s)))) {
        *clitic = 1;
        return V_FIRST;
    }
    return V_NONE;
}

/* Is w the auxiliary of a French, Spanish or Italian past ("a déclaré",
 * "a-t-il déclaré", "ha dicho", "ha detto")?
 * *clitic as speech_verb sets it. */
static int auxiliary(const char *t, span w, int *clitic)
{
    size_t l = w.e - w.s;
    *clitic = l > 2 && t[w.s + 1] == '-';
    if (l == 2 && t[w.s] == 'h' && t[w.s + 1] == 'a')
        return 1; /* Spanish and Italian: "ha dicho", "ha detto" */
    return t[w.s] == 'a' && (l == 1 || *clitic);
}

/* The pronoun a French verb's joined subject stands for ("affirme-t-il",
 * "a-t-elle", "ont-ils"), as the English one the caller resolves. */
static const char *clitic_pronoun(const char *t, span w)
{
    size_t n = w.e - w.s;
    const char *e = t + w.e;
    if (n > 6 && (!memcmp(e - 6, "-elles", 6) || !memcmp(e - 4, "-ils", 4)))
        return "they";
    if (n > 5 && !memcmp(e - 5, "-elle", 5))
        return "she";
    return "he";
}

/* Is the word Cyrillic (its first byte a lead byte of U+0400..U+04FF)? */
static int cyrillic(const char *t, span w)
{
    unsigned char c = (unsigned char)t[w.s];
    return sl_cyrillic_lead(c);
}

/* Is the '.' at t[b] (b > from) one of a title's abbreviation ("Mr.",
 * "Dr.", "Gov.") rather than a sentence's end? A capitalised word of two
 * to three letters before it, and a capital after its space. */
static int abbreviation_dot(const char *t, size_t from, size_t b)
{
    if (isalpha((unsigned char)t[b + 1]))
        return 1; /* no space after it: "D.J. Smith", "U.S." */
    size_t a = b;
    while (a > from && isalpha((unsigned char)t[a - 1]))
        a--;
    return b - a >= 1 && b - a <= 3 && isupper((unsigned char)t[a]) &&
           (a == from || !isalpha((unsigned char)t[a - 1])) && t[b + 1] == ' ' &&
           isupper((unsigned char)t[b + 2]);
}

/* How many of w[0..v) remain with the English auxiliaries and adverbs
 * just before a speech verb taken off ("Kelly Osbourne has revealed",
 * "Trump also said", "he later added"), down to at least `min`. */
static size_t before_aux(const char *t, const span *w, size_t min, size_t v)
{
    static const char *const AUX[] = {
        "has", "have", "had", "also", "later", "then", "once", "previously", "recently",
        "again", "further", "will", "would", "just", "reportedly", "even", "never", "always",
        "repeatedly", "publicly", "earlier", "separately", "first", "himself", "herself",
        "herself", "privately", "simply", "only", NULL};
    while (v > min && word_is(t, w[v - 1], AUX))
        v--;
    return v;
}

/* Articles that open a role ("el alcalde", "the mayor") and words after
 * one that are no role ("el lunes", "la semana"). */
static const char *const ROLE_ART[] = {"the", "el", "la", "le", "il", "lo", "o", "a",
                                       "der", "die", NULL};
static const char *const NOT_ROLE[] = {
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "segunda", "terça",
    "quarta", "quinta", "sexta", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
    "sabato", "domenica", "semana", "semaine", "settimana", "año", "mes", "día", "dia",
    "ano", "jour", "mois", "année", "anno", "mese", "giorno", "pasado", "same", "next",
    "last", "other", "following", "previous", NULL};

/* Words after a role that end it: "of" and its kin, prepositions and
 * adverbs of time ("el alcalde de Valparaíso", "l'auteur lors de", "the
 * mayor on Monday"). */
static const char *const ROLE_OF[] = {"de", "del", "of", "di", "du", "des", "do", "da", "della",
                                      "dello", "dei", "degli", "dos", "das", NULL};
static const char *const ROLE_END[] = {
    "in", "on", "at", "to", "with", "during", "after", "before", "from", "for", "by",
    "yesterday", "today", "al", "en", "por", "con", "para", "ante", "sobre", "ayer", "hoy",
    "tras", "después", "antes", "durante", "ao", "à", "aux", "au", "dans", "pour", "avec",
    "devant", "sur", "lors", "pendant", "après", "avant", "hier", "nel", "nella", "alla",
    "per", "ieri", "oggi", "ontem", "hoje", "no", "na", "em", "que", "who", "y", "et", "e",
    "and", NULL};

/* Does the role that ends before w[i] end there: the clause's end, a mark,
 * or a word of ROLE_OF or ROLE_END? */
static int role_ends(const char *t, const span *w, size_t n, const size_t *pu, size_t i)
{
    return i >= n || pu[i] || word_is(t, w[i], ROLE_OF) || word_is(t, w[i], ROLE_END);
}

/* Is w a French or Italian role with its article elided ("l'auteur",
 * "l’avocat")? */
static int elided_role(const char *t, span w)
{
    const unsigned char *u = (const unsigned char *)t + w.s;
    size_t n = w.e - w.s;
    size_t al = n > 2 && (u[0] == 'l' || u[0] == 'L') && u[1] == '\'' ? 2
                : n > 4 && (u[0] == 'l' || u[0] == 'L') && u[1] == 0xE2 && u[2] == 0x80 &&
                          u[3] == 0x99
                    ? 4
                    : 0;
    return al && n > al + 2 && !cap_at(t + w.s + al);
}

/* Speaker in the words after a quote, up to the end of the sentence. A
 * pronoun the verb implies is given as an English one the caller resolves
 * as it does the written ones: "he" or "she" for "a-t-il déclaré",
 * "a-t-elle déclaré", "they" (no gender) for '"...", aclaró.'. */
static char *speaker_after(const char *t, size_t from, size_t lim)
{
    size_t b = from;
    while (b < lim && b < from + 240 && (t[b] != '.' || abbreviation_dot(t, from, b)) &&
           t[b] != '!' && t[b] != '?' &&
           t[b] != ';' && t[b] != '\n' && !((unsigned char)t[b] == 0xE2 && b + 2 < lim &&
                                             (unsigned char)t[b + 1] == 0x80 &&
                                             ((unsigned char)t[b + 2] == 0x9C ||
                                              (unsigned char)t[b + 2] == 0x9E)) &&
           !((unsigned char)t[b] == 0xC2 && b + 1 < lim && (unsigned char)t[b + 1] == 0xAB) &&
           t[b] != '"')
        b++;
    if (b < lim && b == from + 240) /* the byte limit: to the last whole word */
        while (b > from && t[b - 1] != ' ')
            b--;
    span w[24];
    size_t pu[25] = {0};
    size_t n = words_of(t, from, b, w, 24, pu);
    for (size_t v = 0; v < n && v <= 8; v++) {
        int clitic, aux_clitic = 0;
        int kind = speech_verb(t, w[v], &clitic);
        if (kind == V_NONE || !strncmp(t + w[v].s, "according", 9))
            continue;
        int first = kind == V_FIRST && (v == 0 || (v == 1 && !pu[1] &&
                                                     auxiliary(t, w[0], &aux_clitic)));
        if (first && (clitic || aux_clitic)) /* "affirme-t-il", "a-t-elle déclaré" */
            return sl_xstrdup(clitic_pronoun(t, clitic ? w[v] : w[0]));
        size_t vs = !first && v > 1 ? before_aux(t, w, 1, v) : v; /* "X also said" */
        if (!first && vs > 0 && in_set(&set_pronouns, t + w[vs - 1].s, w[vs - 1].e - w[vs - 1].s))
            return join(t, w + vs - 1, 1); /* "Later he said", "he later added" */
        if (!first && v > 0) {
            v = vs;
            size_t c = 1;
            while (c < v && !pu[c])
                c++;
            if (c < v && v <= 12)
                /* "X, the mayor, said", "the mayor, X, said": the parts, for
                 * normalise to choose from */
                return join_parts(t, w, v, pu);
            if (speakerish(t, w, v))
                return join(t, w, v); /* "X said" */
        }
        if (first && (v + 1 >= n || pu[v + 1]))
            return sl_xstrdup("they"); /* the verb alone, of no gender: '"...", aclaró.' */
        if (first && in_set(&set_pronouns, t + w[v + 1].s, w[v + 1].e - w[v + 1].s))
            return join(t, w + v + 1, 1); /* "— сказал он" */
        if (v == 0 || first) { /* "said X" */
            size_t a = v + 1;
            /* a preposition after the verb opens its object or a place
             * ("enfatizó al diario Ámbito Financiero", "a déclaré dans Le
             * Monde"), and the subject may come after it ("expresó en su
             * oportunidad Guadalupe García Bravo"): past one, only a
             * person's name, from its known first name on, is the
             * speaker ("afirmou ao Los Angeles Times Jamie Erlicht") */
            static const char *const PREP[] = {
                "in", "on", "at", "to", "with", "during", "after", "before", "from", "for", "by",
                "al", "en", "por", "con", "para", "ante", "sobre", "ao", "à", "aux", "au",
                "dans", "pour", "avec", "devant", "sur", "nel", "nella", "alla", "allo", "per",
                "davanti", "gegenüber", "vor", "im", "zum", "zur", "bei", "durante", NULL};
            int prep = 0;
            /* English too, past a role in lower case: "stated spokesman
             * Colin Aitchison", "said the paper's lead author, Briony
             * Horgan" (the verb first after the quote) */
            int role = first || (kind == V_EN && v == 0);
            if (role)
                while (a < n && a < v + 9 && !pu[a] && !is_cap(t, w[a])) {
                    size_t l = w[a].e - w[a].s;
                    const char *e = t + w[a].e;
                    if (a == v + 1 && l > 5 &&
                        (!memcmp(e - 4, "ando", 4) || !memcmp(e - 4, "endo", 4)))
                        /* a gerund opens a clause of the verb's own subject,
                         * which is not told: '"...", ha detto incontrando
                         * gli operai a Taranto' (the verb alone) */
                        return sl_xstrdup("they");
                    prep |= word_is(t, w[a], PREP);
                    a++; /* "— заявил глава МИД ...", "dijo el ministro ..." */
                }
            size_t k = a;
            while (k < n && k < a + 6 && (k == a || !pu[k]) &&
                   (is_cap(t, w[k]) || (k > a && w[k].e - w[k].s == 2 &&
                                        !memcmp(t + w[k].s, "of", 2))))
                k++;
            while (k > a + 1 && w[k - 1].e - w[k - 1].s == 2 && !memcmp(t + w[k - 1].s, "of", 2))
                k--; /* "curator Debora Shaefer-Jacobs of the Smithsonian" */
            static const char *const GOES_ON[] = {
                "in", "on", "at", "to", "from", "who", "which", "and", "during", "after",
                "before", "for", "with", "as", "when", "while", "this", "last", "of", "via",
                "about", "after", "told", "said", "says", "adding", "noting", "de", "del",
                "da", "di", "van", "von", "bin", "al", "le", "la", "du", "dos", "das", NULL};
            if (role && kind == V_EN && k > a && k < n && !pu[k] && !is_cap(t, w[k]) &&
                !word_is(t, w[k], GOES_ON)) {
                /* the capitals qualify a noun after them: "said the Chinese
                 * envoy", "said Chinese envoy Li Wei" (the name after it) */
                size_t r = k;
                while (r < n && r < v + 12 && !pu[r] && !is_cap(t, w[r]) &&
                       !(w[r].e > w[r].s && isdigit((unsigned char)t[w[r].s])))
                    r++;
                if (r >= n || pu[r] || !is_cap(t, w[r]))
                    return NULL; /* "said Mars 2020 Deputy Project Scientist": a number */
                a = k = r;
                while (k < n && k < a + 5 && (k == a || !pu[k]) && is_cap(t, w[k]))
                    k++;
                for (size_t f = a + 1; f + 1 < k; f++)
                    if (sl_gaz_first_name(t + w[f].s, w[f].e - w[f].s)) {
                        a = f; /* "Deputy Project Scientist Ken Williford" */
                        break;
                    }
            }
            if (a > v + 1 && cyrillic(t, w[v]))
                /* Russian: past lower-case words, the last run of names
                 * before the clause ends: "— сказал заместитель
                 * Генерального секретаря ООН Антониу Гутерриш" (German
                 * capitalises every noun, so not there) */
                for (size_t r = k; r < n && r < v + 12 && !pu[r]; r++)
                    if (is_cap(t, w[r]) && !is_cap(t, w[r - 1])) {
                        a = k = r;
                        while (k < n && k < a + 6 && (k == a || !pu[k]) && is_cap(t, w[k]))
                            k++;
                    }
            if (k > a + 1 && cyrillic(t, w[v]) && cyrillic(t, w[k - 1]))
                while (a + 1 < k && !cyrillic(t, w[a]))
                    a++; /* a paper's name before the person's: "в интервью Der
                          * Spiegel Юрген Триттин" */
            static const char *const DER[] = {"der", "die", NULL};
            if (first && k == a + 1 && a > v + 1 && word_is(t, w[a - 1], DER))
                /* German: a role, then the name set off by commas: "sagte
                 * der Vorsitzende des KI-Bundesverbandes, Jörg Bienert," */
                for (size_t r = k; r < n && r < v + 12; r++)
                    if (pu[r]) {
                        size_t e = r;
                        while (e < n && e < r + 4 && (e == r || !pu[e]) && is_cap(t, w[e]))
                            e++;
                        if (e - r >= 2 && (e == n || pu[e]))
                            return join(t, w + r, e - r);
                        break;
                    }
            if (role && a > v + 1)
                /* any language: a role, then the person set off by a comma
                 * from its known first name on: "a lancé jeudi le prix
                 * Nobel de la paix, Desmond Tutu," (not Nobel); in English
                 * any two to four capitalised words that end the clause or
                 * go on with "of" ("the paper's lead author, Briony Horgan
                 * of Purdue University") */
                for (size_t r = pu[a] ? a : k; r < n && r < v + 14; r++)
                    if (pu[r]) {
                        size_t e = r;
                        while (e < n && e < r + 4 && (e == r || !pu[e]) && is_cap(t, w[e]))
                            e++;
                        int ends = e == n || pu[e] ||
                                   (kind == V_EN && w[e].e - w[e].s == 2 &&
                                    !memcmp(t + w[e].s, "of", 2));
                        /* (a name that ends the clause needs no known first
                         * name: "el director de Inversiones de Bankia AM,
                         * Sebastián Redondo.") */
                        if (e - r >= 2 && ends &&
                            (kind == V_EN || e == n ||
                             sl_gaz_first_name(t + w[r].s, w[r].e - w[r].s)))
                            return join(t, w + r, e - r);
                        break;
                    }
            if (role && v + 1 < n && !pu[v + 1] &&
                (k == a || (a > v + 2 && word_is(t, w[a - 1], ROLE_OF)))) {
                /* a role and no name ("expresó el alcalde", "a précisé
                 * l'auteur", "said the mayor"), or only the place it is of
                 * ("dijo el alcalde de Valparaíso"): the role, for which
                 * sl_quotes_in_text looks for the person the text gave it */
                size_t r0 = v + 1;
                if (elided_role(t, w[r0]) && role_ends(t, w, n, pu, r0 + 1))
                    return join(t, w + r0, 1);
                if (r0 + 1 < n && word_is(t, w[r0], ROLE_ART) && !pu[r0 + 1] &&
                    !is_cap(t, w[r0 + 1]) && !word_is(t, w[r0 + 1], NOT_ROLE) &&
                    role_ends(t, w, n, pu, r0 + 2))
                    return join(t, w + r0, 2);
            }
            if (prep) {
                size_t f = a;
                while (f + 1 < k && !sl_gaz_first_name(t + w[f].s, w[f].e - w[f].s))
                    f++;
                if (f + 1 >= k)
                    return NULL;
                a = f;
            }
            if (k > a && !pu[a])
                return join(t, w + a, k - a);
        }
        return NULL;
    }
    return NULL;
}

/* German articles, determiners and prepositions that open sentences */
static const char *const GERMAN[] = {
    "der",    "die",   "das",   "ein",    "eine",   "einen", "einem", "einer", "eines",
    "im",     "zum",   "zur",   "dem",    "den",    "diese", "dieser", "dieses", "diesem",
    "diesen", "mein",  "meine", "dank",   "nach",   "mit",   "bei",   "beim",  "vom",
    "am",     "aus",   "jedes", "jeder",  "jede",   NULL};

/* Is the word s[0..len) a function word, in any case ("If", "При", "Что",
 * "Y", "Il")? */
static int function_word(const char *s, size_t len)
{
    char low[48];
    int whole;
    size_t n = sl_lower_word_in(sl_cp_table(), s, len, low, sizeof low, &whole);
    if (!whole)
        return 0; /* longer than any function word */
    /* the stop list is English and Russian; these open sentences in the
     * other languages whose speech verbs are listed */
    static const char *const OTHER[] = {
        "y", "e", "o", "u", "a", "el", "la", "lo", "los", "las", "un", "una", "en", "de", "del",
        "al", "por", "para", "con", "sin", "si", "no", "pero", "que", "se", "es", "le", "les",
        "il", "ils", "elle", "elles", "on", "et", "mais", "ou", "une", "des", "du", "ce", "cette",
        "os", "as", "um", "uma", "ele", "ela", "mas", "em", "und", "aber",
        "er", "sie", NULL};
    return n && (sl_stopword(low, n) || sl_word_in_list(OTHER, low, n) ||
                 sl_word_in_list(GERMAN, low, n));
}

/* Subject of a clause: its first run of capitalised words (after
 * sentence-initial function words) or a pronoun; *lone is set when it is
 * one capitalised word (which may be any word that opens a sentence). */
static char *subject_of(const char *t, const span *w, size_t n, const size_t *pu, int *lone)
{
    static const char *const SKIP[] = {"The", "A", "In", "On", "But", "And", "Then", "Later",
                                       "Similarly", "Meanwhile", "Also", NULL};
    size_t i = 0;
    while (i < n && (sl_word_in_list(SKIP, t + w[i].s, w[i].e - w[i].s) ||
                     (!in_set(&set_pronouns, t + w[i].s, w[i].e - w[i].s) &&
                      function_word(t + w[i].s, w[i].e - w[i].s))))
        i++; /* "When", "При этом": not the subject */
    if (i < n && in_set(&set_pronouns, t + w[i].s, w[i].e - w[i].s))
        return join(t, w + i, 1);
    if (i >= n || !is_cap(t, w[i]))
        return NULL;
    size_t k = i + 1;
    while (k < n && !pu[k] && is_cap(t, w[k]))
        k++;
    *lone = k - i == 1;
    return join(t, w + i, k - i);
}

/* The subject of the verb w[v] (of the n words w): the words just before
 * it, back to the punctuation before them, or the pronoun before it, or
 * after "Как"/"Як" ("as") the words after it; NULL when they name no
 * one. */
static char *subject_before(const char *t, const span *w, size_t n, const size_t *pu, size_t v)
{
    static const char *const AS[] = {"Как", "как", "Як", "як", NULL};
    size_t s0 = v; /* first word after the punctuation before the verb */
    while (s0 > 0 && !pu[s0] && v - s0 < 7)
        s0--;
    if (s0 == v)
        return NULL;
    if (s0 + 1 < v)
        v = before_aux(t, w, s0 + 1, v);
    if (s0 + 1 == v && word_is(t, w[s0], AS)) {
        /* "Как заявил X, «...»": the subject follows the verb */
        size_t k = v + 1;
        while (k < n && (k == v + 1 || !pu[k]) && k < v + 8)
            k++;
        return k > v + 1 && !pu[v + 1] && speakerish(t, w + v + 1, k - v - 1)
                   ? join(t, w + v + 1, k - v - 1)
                   : NULL;
    }
    if (in_set(&set_pronouns, t + w[v - 1].s, w[v - 1].e - w[v - 1].s))
        return join(t, w + v - 1, 1); /* "Later he added that" */
    if (w[v - 1].e - w[v - 1].s == 2 && !memcmp(t + w[v - 1].s, "se", 2))
        return NULL; /* the impersonal "se informó que", "se disse": no one */
    /* drop leading lower-case words ("Similarly, Trump said") and the
     * function words that open Romance sentences ("Comme le disait",
     * "Durante la jornada") */
    while (s0 < v && ((!is_cap(t, w[s0]) && !in_set(&set_pronouns, t + w[s0].s, w[s0].e - w[s0].s) &&
                       strncmp(t + w[s0].s, "the", 3)) ||
                      sl_romance_opener(t + w[s0].s, w[s0].e - w[s0].s) == SL_OPENER_WORD))
        s0++;
    return speakerish(t, w + s0, v - s0) ? join(t, w + s0, v - s0) : NULL;
}

/* The start of the window of at most `bytes` bytes before `at`, not
 * before lo, moved past a character the byte limit falls inside. */
static size_t window_start(const char *t, size_t lo, size_t at, size_t bytes)
{
    size_t a = at > lo + bytes ? at - bytes : lo;
    while (a < at && ((unsigned char)t[a] & 0xC0) == 0x80)
        a++;
    return a;
}

/* Does c end a sentence or a paragraph? */
static int sentence_end(char c) { return c == '.' || c == '!' || c == '?' || c == '\n'; }

/* Speaker named inside a quote t[qs..qe), as French and Spanish writers
 * put it after the quote's first clause ("« Nous aimerions présenter la
 * Suisse d'aujourd'hui, explique Nicolas Mirabaud, associé gérant. Nous
 * devons ... »", "“Fue duro, admite Pérez, pero seguimos”"): a speech verb
 * that puts itself first, right after a comma, then a name that
 * punctuation ends (or the pronoun a joined "-t-il" stands for). NULL when
 * there is none. */
static char *speaker_inside(const char *t, size_t qs, size_t qe)
{
    span w[64]; /* the first clause and the attribution after it */
    size_t pu[65] = {0};
    size_t n = words_of(t, qs, qe, w, 64, pu);
    for (size_t v = 1; v + 1 < n; v++) {
        if (!pu[v] || t[w[v - 1].e] != ',')
            continue;
        int clitic, kind = speech_verb(t, w[v], &clitic);
        if (kind != V_FIRST)
            continue;
        if (clitic) /* ", explique-t-il, ..." */
            return pu[v + 1] ? sl_xstrdup(clitic_pronoun(t, w[v])) : NULL;
        size_t k = v + 1;
        while (k < n && k < v + 5 && (k == v + 1 || !pu[k]) && is_cap(t, w[k]))
            k++;
        if (k > v + 1 && (k == n || pu[k]) && !pu[v + 1] && speakerish(t, w + v + 1, k - v - 1))
            return join(t, w + v + 1, k - v - 1);
    }
    return NULL;
}

/* Speaker in the clause before a quote starting at `at`; *lone as
 * subject_of sets it. */
static char *speaker_before(const char *t, size_t para_start, size_t at, int *lone)
{
    size_t a = window_start(t, para_start, at, 300);
    for (size_t i = at; i > a + 1; i--)
        if ((t[i - 1] == ' ' && (t[i - 2] == '.' || t[i - 2] == '!' || t[i - 2] == '?') &&
             !(i >= 4 && isupper((unsigned char)t[i - 3]) && (t[i - 4] == '.' || t[i - 4] == ' '))) ||
            (t[i - 1] == '\n' && t[i - 2] == '\n')) {
            a = i;
            break;
        }
    span w[64];
    size_t pu[65] = {0};
    size_t n = words_of(t, a, at, w, 64, pu);
    if (n == 0)
        return NULL;
    size_t e = at;
    while (e > a && isspace((unsigned char)t[e - 1]))
        e--;
    int lead_in = e > a && (t[e - 1] == ':' || t[e - 1] == ',');
    static const char *const THAT[] = {"that", "что", "що", NULL};
    /* "X aseguró que «...»", "X a déclaré que", "X sagte, dass": only with
     * a speech verb (the relative "que" is everywhere) */
    static const char *const THAT_VF[] = {"que", "dass", "che", NULL};
    int that_vf = word_is(t, w[n - 1], THAT_VF);
    int that = that_vf || word_is(t, w[n - 1], THAT);
    /* according to X, "..." */
    for (size_t v = 0; v + 2 < n; v++)
        if ((t[w[v].s] | 32) == 'a' && !strncasecmp(t + w[v].s, "according", 9) &&
            !strncmp(t + w[v + 1].s, "to", 2)) { /* (the first letter first: one call a word) */
            size_t k = v + 2;
            while (k < n && !pu[k] && k < v + 9)
                k++;
            if (lead_in && speakerish(t, w + v + 2, k - v - 2))
                return join(t, w + v + 2, k - v - 2);
        }
    /* "По словам X, «...»", "За словами X": X's words */
    static const char *const BY[] = {"По", "по", "За", "за", NULL};
    static const char *const WORDS[] = {"словам", "словами", NULL};
    for (size_t v = 0; v + 2 < n; v++)
        if (word_is(t, w[v + 1], WORDS) && word_is(t, w[v], BY) && !pu[v + 1] && !pu[v + 2]) {
            size_t k = v + 2;
            while (k < n && (k == v + 2 || !pu[k]) && k < v + 9)
                k++;
            if (lead_in && speakerish(t, w + v + 2, k - v - 2))
                return join(t, w + v + 2, k - v - 2);
        }
    if (!lead_in && !that) {
        /* a label: `X called Y "..."`, `X described Y as "..."` (the verb
         * among the last few words before the quote) */
        static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being",
                                         NULL};
        for (size_t v = n; v-- > 0 && v + 6 >= n;)
            if (in_set(&set_naming, t + w[v].s, w[v].e - w[v].s))
                /* not the passive: "X was called ..." names no speaker */
                return v > 0 && sl_word_in_list(BE, t + w[v - 1].s, w[v - 1].e - w[v - 1].s)
                           ? NULL
                           : subject_before(t, w, n, pu, v);
        return NULL;
    }
    /* the last speech verb; its subject is the words just before it, or
     * in a language that puts the verb second, the names between it and
     * the colon ("Einen Tag später schrieb Kaeser: „...“") */
    for (size_t v = n; v-- > 0;) {
        int clitic, kind = speech_verb(t, w[v], &clitic);
        if (kind != V_NONE) {
            size_t k = v + 1;
            while (k < n && !pu[k] && is_cap(t, w[k]))
                k++;
            if (kind == V_FIRST && lead_in && k == n && k > v + 1 && v > 0 &&
                speakerish(t, w + v + 1, k - v - 1))
                return join(t, w + v + 1, k - v - 1);
            if (kind == V_FIRST && lead_in && v > 0 && v + 2 == n && !pu[v + 1] &&
                in_set(&set_pronouns, t + w[v + 1].s, w[v + 1].e - w[v + 1].s))
                return join(t, w + v + 1, 1); /* "Einmal schrieb sie: „...“" */
            char *sp = subject_before(t, w, n, pu, v);
            if (sp)
                return sp;
            break;
        }
    }
    return that_vf ? NULL : subject_of(t, w, n, pu, lone);
}

/* The speaker of an Arabic quote from the clause before it (from the
 * last sentence end in the paragraph before `at`): the person or
 * organisation named just after its last speech verb, past the title
 * ("وقال الرئيس الفلسطيني محمود عباس إن", "وأضاف ملادينوف:"; not
 * "وأضاف في بيان صدر عن أونروا"); the verb with no name after it
 * ("وأضاف أن", "وتابعت:") is "he", "she" or "they" by its form. NULL if
 * the clause has no speech verb. */
static char *speaker_arabic(const char *t, size_t para_start, size_t at)
{
    size_t a = window_start(t, para_start, at, 400);
    for (size_t i = at; i > a; i--)
        if (sentence_end(t[i - 1])) {
            a = i;
            break;
        }
    sl_word wb[64], *w = wb;
    size_t cap = 64;
    size_t nw = sl_words_scan(t + a, at - a, &w, &cap, 64, NULL);
    size_t v = nw;
    int g = 0;
    while (v-- > 0 && !(g = sl_ar_speech_verb(t + a + w[v].s, w[v].e - w[v].s)))
        ;
    char *sp = NULL;
    if (g) {
        sl_ar_name nm[16];
        size_t k = sl_ar_names(t + a, w, nw, nm, 16);
        for (size_t i = 0; i < k && !sp; i++)
            if (nm[i].from == v + 1 && nm[i].type != SL_ENT_PLACE) {
                char name[4 * SL_AR_WORD];
                if (sl_ar_name_text(t + a, w, &nm[i], name, sizeof name))
                    sp = sl_xstrdup(name);
            }
        size_t r = v + 1;
        while (r < nw && sl_ar_stop(t + a + w[r].s, w[r].e - w[r].s))
            r++;
        if (!sp && r == nw)
            sp = sl_xstrdup(g == 'm' ? "he" : g == 'f' ? "she" : "they");
    }
    return sp;
}

/* Does the quote's text open in Arabic? */
static int arabic_quote(const char *text)
{
    while (*text == ' ' || *text == '.' || *text == '(')
        text++;
    return sl_arabic_lead(text);
}

/* Is the quote t[qs..qe) Korean: a Hangul syllable among its first
 * characters (a quote may open on a number or a name in Latin letters)? */
static int korean_quote(const char *t, size_t qs, size_t qe)
{
    for (size_t i = qs; i < qe && i < qs + 24; i++)
        if ((unsigned char)t[i] >= 0xEA && (unsigned char)t[i] <= 0xED &&
            sl_ko_hangul(t + i, qe - i))
            return 1;
    return 0;
}

/* ---- one text ------------------------------------------------------------------- */

static int is_pronoun(const char *s) { return s && in_set(&set_pronouns, s, strlen(s)); }

/* Does the run of capitalised words w[a..k) end on a name of two or
 * three words written in an oblique case of Russian or Ukrainian
 * ("доцентом Олегом Соколовым", "аспирантки СПбГУ Анастасии Ещенко")?
 * Such a mention is no sentence's subject. */
static int oblique(const char *t, const span *w, size_t a, size_t k)
{
    char nom[192];
    for (size_t m = 2; m <= 3 && m <= k - a; m++) {
        const char *s = t + w[k - m].s;
        size_t n = w[k - 1].e - w[k - m].s;
        if (sl_name_nominative("ru", s, n, nom, sizeof nom) == SL_NAME_OBLIQUE ||
            sl_name_nominative("uk", s, n, nom, sizeof nom) == SL_NAME_OBLIQUE)
            return 1;
    }
    return 0;
}

/* The gender a pronoun speaker names ('m', 'f'; 'M', 'F' for German "er",
 * "sie", which agrees() reads strictly), or 0 (they, or none). */
static int pronoun_gender(const char *p)
{
    /* (German "sie" is "they" too: "sagten sie" is rarer in news than
     * "sagte sie") */
    static const char *const M[] = {"he", "He", "он", "Он", "він", "Він",
                                    "él", "Él", "ele", "Ele", NULL};
    static const char *const F[] = {"she", "She", "она", "Она", "вона", "Вона",
                                    "ella", "Ella", "ela", "Ela", NULL};
    static const char *const GM[] = {"er", "Er", NULL}, *const GF[] = {"sie", "Sie", NULL};
    size_t n = strlen(p);
    return sl_word_in_list(M, p, n)    ? 'm'
           : sl_word_in_list(F, p, n)  ? 'f'
           : sl_word_in_list(GM, p, n) ? 'M'
           : sl_word_in_list(GF, p, n) ? 'F'
                                       : 0;
}

/* Is name one of the story's organisations or places (E's type)? "he"
 * or "she" does not stand for it ("added the IOA", then '"...," he said'). */
static int body_named(const sl_entities *E, const char *name)
{
    int type = -1;
    return E && sl_entities_canonical(E, name, strlen(name), &type) &&
           (type == SL_ENT_ORG || type == SL_ENT_PLACE);
}

/* Can a pronoun of gender g (pronoun_gender) stand for the person named?
 * Where the name opens on a first name that tells its gender
 * (gazetteer.h), it must agree: "она" is not Игорь Коломойский, "she" is
 * not Wilbur Ross. A name of one word tells nothing: "Conway" is a man's
 * first name and Kellyanne Conway's surname. */
static int agrees(const char *name, int g)
{
    size_t n = strcspn(name, " ");
    int ng = g && name[n] ? sl_gaz_first_gender(name, n) : 0;
    if (g == 'M' || g == 'F') { /* German: every noun has a capital, so only a
                                 * first name of the gender will do, and no
                                 * noun phrase after it ("Art der Zivilisation") */
        static const char *const PARTICLES[] = {"von", "van", "de", "zu", NULL};
        for (const char *p = name + n; *p;) {
            p += strspn(p, " ");
            size_t l = strcspn(p, " ");
            if (l && !cap_at(p) && !sl_word_in_list(PARTICLES, p, l) &&
                !(!strncmp(p, "der ", 4) && p >= name + 4 && !strncmp(p - 4, "von ", 4)))
                return 0;
            p += l;
        }
        return ng == g + ('a' - 'A');
    }
    return !ng || ng == g;
}

/* Does the title a run of names opens on ("M. Lacombe", "Mme Hivon",
 * "Mrs. May") agree with a pronoun of gender g (pronoun_gender)? A run
 * that opens on no such title does. */
static int title_agrees(const char *t, span w, int g)
{
    static const char *const M[] = {"M.", "Mr.", "Mr", "Monsieur", "Herr", "Sr.", "Señor",
                                    "Sir", NULL};
    static const char *const F[] = {"Mme", "Mme.", "Mrs.", "Mrs", "Ms.", "Ms", "Madame",
                                    "Frau", "Sra.", "Señora", "Lady", "Dame", NULL};
    int lg = g | 32; /* 'M', 'F' (German) as 'm', 'f' */
    if (!g)
        return 1;
    if (word_is(t, w, M))
        return lg == 'm';
    if (word_is(t, w, F))
        return lg == 'f';
    return 1;
}

/* Is t[b] inside a quotation that opens after t[a] (a point outside any):
 * more opening marks (“ « „) than closing ones (” » and “ after „), or an
 * odd number of straight quotes, between them since the last paragraph
 * break? */
static int inside_quote(const char *t, size_t a, size_t b)
{
    int depth = 0, straight = 0;
    for (size_t i = a; i < b; i++) {
        if (t[i] == '\n') { /* a quotation of several paragraphs opens each anew */
            depth = straight = 0;
            continue;
        }
        size_t ml;
        int o, m = mark_at(t + i, b - i, &ml, &o);
        if (m == M_NONE)
            continue;
        if (m == M_STRAIGHT)
            straight ^= 1;
        else
            depth += o ? 1 : depth > 0 ? -1 : 0;
        i += ml - 1;
    }
    return depth > 0 || straight;
}

/* The last person of the story (as its canonical name, caller frees, or
 * NULL) named in the ~600 bytes before `at` and after `from`; not one
 * named in an oblique case, nor one whose gender is not g (see agrees).
 * With subject, only a name that opens a sentence outside quotations
 * counts: a pronoun speaker is that person rather than the last named
 * speaker ("Jones, who chairs the panel, disagreed. “...,” she said"). */
static char *last_person(const char *t, size_t from, size_t at, const sl_entities *E, int g,
                         int subject)
{
    if (!E || from >= at)
        return NULL;
    size_t a = window_start(t, from, at, 600);
    span w[128];
    size_t pu[129] = {0};
    size_t n = words_of(t, a, at, w, 128, pu);
    const char *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!is_cap(t, w[i]))
            continue;
        size_t k = i + 1;
        while (k < n && !pu[k] && is_cap(t, w[k]))
            k++;
        size_t b = w[i].s;
        while (b > a && t[b - 1] == ' ')
            b--;
        int ok = !subject || (b > a && sentence_end(t[b - 1]) && !inside_quote(t, from, w[i].s));
        int type = 0;
        const char *c = NULL;
        /* the whole run, or its end ("Die Analystin Anna Schmidt": German
         * capitalises the nouns before a name too) */
        for (size_t j = i; ok && !c && j < k && j < i + 3; j++)
            c = sl_entities_canonical(E, t + w[j].s, w[k - 1].e - w[j].s, &type);
        if (c && type == SL_ENT_PERSON && !oblique(t, w, i, k) && agrees(c, g) &&
            title_agrees(t, w[i], g))
            best = c;
        i = k - 1;
    }
    return best ? sl_xstrdup(best) : NULL;
}

/* Canonical speaker: entity name when the phrase names one. */
static char *normalise(char *sp, const sl_entities *E, int lone);

/* A speaker phrase in parts ("Anne Schuchat; CDC principal deputy
 * director", "the cow's caretaker; Woody Handcock"): the first part that
 * is a person of the story, else the first that is a pronoun, else the
 * first that opens on a capital once its function words go; NULL if none
 * does. Takes sp. */
static char *choose_part(char *sp, const sl_entities *E)
{
    char *pick = NULL;
    int rank = 0; /* 3 person, 2 pronoun, 1 names someone */
    for (char *p = sp, *e; p; p = e ? e + 2 : NULL) {
        e = strstr(p, "; ");
        char *part = sl_xstrndup(p, e ? (size_t)(e - p) : strlen(p));
        int r = 0, type;
        if (is_pronoun(part))
            r = 2;
        else if (E && sl_entities_canonical(E, part, strlen(part), &type) && type == SL_ENT_PERSON)
            r = 3;
        else {
            part = normalise(part, NULL, 0); /* its opening function words go */
            r = part && cap_at(part) ? 1 : 0;
        }
        if (r > rank) {
            free(pick);
            pick = part;
            rank = r;
        } else {
            free(part);
        }
        if (rank == 3)
            break;
    }
    free(sp);
    return pick;
}

/* Is w[0..n) a German article, determiner or preposition (GERMAN) that
 * opens a sentence ("Zum", "Jedes", "Mein")? After one, German
 * capitalises the noun too: "Zum Abschied", "Jedes Jahr" name no one. */
static int german_opener(const char *w, size_t n)
{
    char low[16];
    int whole;
    size_t l = sl_lower_word_in(sl_cp_table(), w, n, low, sizeof low, &whole);
    return whole && sl_word_in_list(GERMAN, low, l);
}

/* Does the phrase hold a word in lower case that no name holds (a
 * name's own are "von", "de", "bin" and the like)? */
static int lower_inside(const char *sp)
{
    static const char *const NAME_PARTICLES[] = {"von", "van", "de", "da", "di", "del", "der",
                                                 "den", "du", "dos", "das", "la", "le", "bin",
                                                 "al", "el", "ibn", "zu", NULL};
    for (const char *p = sp; *p;) {
        size_t l = strcspn(p, " ");
        if (l && !cap_at(p) && !sl_word_in_list(NAME_PARTICLES, p, l))
            return 1;
        p += l;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static char *normalise(char *sp, const sl_entities *E, int lone)
{
    /* capitalised function words that open the phrase go: "When Kim",
     * "Когда Ким Мин Джэ"; "If", "При" alone, or before lower-case words
     * ("И сам же"), are not a speaker */
    size_t cut = 0;
    int articles = 1; /* every word that went is a definite article */
    int german = 0;   /* one was a German article or preposition */
    while (sp && cap_at(sp + cut) && !is_pronoun(sp + cut)) {
        const char *e = strchr(sp + cut, ' ');
        size_t l = e ? (size_t)(e - sp) - cut : strlen(sp + cut);
        static const char *const ARTICLES[] = {"The", "A", "An", NULL};
        static const char *const DEFINITE[] = {"Der", "Die", "Das", "La", "Le", "Les", "El",
                                               "Los", "Las", "Il", "Lo", "Del", NULL};
        if (!function_word(sp + cut, l) || sl_word_in_list(ARTICLES, sp + cut, l))
            break; /* ("The statement" stays) */
        articles &= sl_word_in_list(DEFINITE, sp + cut, l);
        german |= german_opener(sp + cut, l);
        cut += l + (e != NULL);
        if (!e || !cap_at(sp + cut)) {
            free(sp);
            return NULL;
        }
    }
    if (cut && articles && !strchr(sp + cut, ' '))
        cut = 0; /* an article and one name: "Der Spiegel", "Les Echos", "Del Potro" */
    if (cut)
        memmove(sp, sp + cut, strlen(sp + cut) + 1);
    if (!sp || !E)
        return sp;
    int type;
    const char *c = sl_entities_canonical(E, sp, strlen(sp), &type);
    if (c && type != SL_ENT_PLACE) {
        free(sp);
        return sl_xstrdup(c);
    }
    if ((lone || (german && !strchr(sp, ' '))) && !c) {
        free(sp); /* a clause's one opening word that names none of the
                   * story's entities: "Однажды", "Indeed"; or the one
                   * word after the function words that went: "Mein
                   * Liebling", "Jedes Jahr" (German nouns are capitalised) */
        return NULL;
    }
    if (german && !c && lower_inside(sp)) {
        free(sp); /* "Einen Tag nach der Konferenz": no name */
        return NULL;
    }
    return sp;
}

/* Is the role phrase sp ("el suizo", "the company") a person's? Not when
 * its noun names a body or a text. */
static int person_role(const char *sp)
{
    static const char *const THINGS[] = {
        "statement", "source", "sources", "company", "report", "studio", "ministry",
        "government", "police", "agency", "club", "team", "firm", "group", "website", "post",
        "court", "embassy", "university", "foundation", "association", "union", "party",
        "council", "board", "committee", "department", "office", "campaign", "organization",
        "organisation", "network", "channel", "newspaper", "paper", "magazine", "study",
        "survey", "note", "letter", "tweet", "account", "page", "release", "informe",
        "comunicado", "compañía", "empresa", "nota", "texto", "documento", "ministerio",
        "gobierno", "policía", "agencia", "equipo", "entidad", "calificadora", "campaña",
        "organización", "fundación", "universidad", "institución", "asociación", "sindicato",
        "partido", "tribunal", "corte", "fiscalía", "embajada", "cancillería",
        "municipalidad", "alcaldía", "ayuntamiento", "junta", "communiqué", "rapport",
        "entreprise", "société", "ministère", "gouvernement", "agence", "texte", "document",
        "parquet", "cour", "mairie", "préfecture", "syndicat", "parti", "fédération",
        "étude", "comunicato", "società", "azienda", "ministero", "governo", "relatório",
        "ministério", "polícia", "campanha", "prefeitura", "secretaria", "assessoria",
        "defesa", "universidade", "associação", "procuradoria", "procura", "prefettura",
        "federazione", "partito", NULL};
    const char *noun = strrchr(sp, ' ');
    noun = noun ? noun + 1 : sp;
    const char *ap = strchr(noun, '\'');
    if (ap)
        noun = ap + 1;
    return !sl_word_in_list(THINGS, noun, strlen(noun));
}

/* Does w, a word of t, name the role noun[0..nl) ("alcalde", "Alcalde",
 * "l'auteur" for "auteur")? */
static int role_word(const char *t, span w, const char *noun, size_t nl)
{
    size_t n = w.e - w.s;
    const char *x = t + w.s;
    if (n > nl && (x[n - nl - 1] == '\'' ||
                   (n >= nl + 3 && !memcmp(x + n - nl - 3, "\xE2\x80\x99", 3)))) {
        x += n - nl;
        n = nl;
    }
    return n == nl && tolower((unsigned char)x[0]) == tolower((unsigned char)noun[0]) &&
           !memcmp(x + 1, noun + 1, nl - 1);
}

/* The person the text before `at` gives the role of speaker phrase sp
 * ("el alcalde", "the mayor", "l'auteur"): the nearest "alcalde Jorge
 * Sharp", "Mayor Naheed Nenshi", "maire de Lyon Grégory Doucet", "alcalde
 * de Valparaíso, Jorge Sharp" or "Jorge Sharp, el alcalde" whose name
 * opens on a known first name; NULL if there is none. */
static char *role_person(const char *t, size_t at, const char *sp)
{
    const char *noun = strrchr(sp, ' ');
    noun = noun ? noun + 1 : sp;
    const char *ap = strchr(noun, '\'');
    if (!ap)
        ap = strstr(noun, "\xE2\x80\x99");
    if (ap)
        noun = ap + (*ap == '\'' ? 1 : 3);
    size_t nl = strlen(noun);
    if (nl < 3)
        return NULL;
    enum { MAXW = 600 };
    span w[MAXW];
    size_t pu[MAXW + 1] = {0};
    size_t n = words_of(t, window_start(t, 0, at, 4000), at, w, MAXW, pu);
    for (size_t i = n; i-- > 0;) {
        if (!role_word(t, w[i], noun, nl))
            continue;
        size_t j = i + 1, e;
        int of = j < n && !pu[j] && word_is(t, w[j], ROLE_OF);
        j += (size_t)of;
        for (int part = 0; part < 2 && j < n && (part == 0 ? !pu[j] : pu[j]); part++) {
            e = j;
            while (e < n && e < j + 5 && (e == j || !pu[e]) && is_cap(t, w[e]))
                e++;
            /* the name from its first name on (after "de X", the last such
             * word: "Lyon" is a first name too) */
            for (size_t f = of ? e - 1 : j + 1; f-- > j + (size_t)of;)
                if (sl_gaz_first_name(t + w[f].s, w[f].e - w[f].s) && e - f >= 2)
                    return join(t, w + f, e - f);
            if (of && part == 0 && e - j >= 3)
                return join(t, w + e - 2, 2); /* "maire de Lyon Grégory Doucet" */
            if (!of || e == j)
                break;
            j = e; /* past the place of the role, the name set off by a comma */
        }
        size_t b = i; /* "Jorge Sharp, el alcalde" */
        if (b > 0 && !pu[b] && word_is(t, w[b - 1], ROLE_ART))
            b--;
        if (b >= 2 && pu[b]) {
            size_t s0 = b;
            while (s0 > 0 && b - s0 < 4 && is_cap(t, w[s0 - 1]) && (s0 == b || !pu[s0]))
                s0--;
            if (b - s0 >= 2 && sl_gaz_first_name(t + w[s0].s, w[s0].e - w[s0].s))
                return join(t, w + s0, b - s0);
        }
    }
    return NULL;
}

/* Does s[0..n) hold "http" or "www."? One pass that stops only at their
 * last bytes, "p" and ".", which prose has few of (memmem twice went over
 * the line twice, stopping at every "h" and "w"). */
int sl_quotes_has_link(const char *s, size_t n)
{
    for (size_t i = 3; i < n; i++) {
        i = sl_find_any(s, i, n, "p.", 2);
        if (i >= n)
            break;
        if (memcmp(s + i - 3, s[i] == 'p' ? "http" : "www.", 4) == 0)
            return 1;
    }
    return 0;
}

/* Quote text without link lines and with single spaces. */
static char *quote_text(const char *t, size_t s, size_t e)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    size_t i = s;
    while (i < e) {
        const char *nl = memchr(t + i, '\n', e - i);
        size_t le = nl ? (size_t)(nl - t) : e;
        int link = sl_quotes_has_link(t + i, le - i);
        if (!link) {
            /* runs without blanks go in whole; a blank goes in as one space
             * unless one (or the start) is already there */
            for (size_t k = i; k < le;) {
                if (t[k] == ' ' || t[k] == '\t') {
                    if (b.len && b.data[b.len - 1] != ' ')
                        sl_buf_putc(&b, ' ');
                    k++;
                    continue;
                }
                size_t r = k;
                while (r < le && t[r] != ' ' && t[r] != '\t')
                    r++;
                sl_buf_append(&b, t + k, r - k);
                k = r;
            }
            if (b.len && b.data[b.len - 1] != ' ')
                sl_buf_putc(&b, ' ');
        }
        i = le + 1;
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = 0;
    return sl_buf_take(&b);
}

/* "House Made of Dawn": a title of a work, not a statement. */
static int title_like(const char *s)
{
    size_t words = 0, caps = 0;
    for (const char *p = s; *p; p++)
        if (p == s || p[-1] == ' ') {
            words++;
            caps += isupper((unsigned char)*p) != 0;
        }
    size_t n = strlen(s);
    int ends = n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
    return !ends && caps * 4 >= words * 3;
}

/* Finds the mark that closes a quote opened by a mark of kind `open`,
 * from `from` on; 0 if none. A curly or straight quote's closing mark is
 * its own kind's; marks of other kinds inside are the quote's (nested
 * quotes), and a new opening mark of its own kind means it ran on without
 * closing (unless it opens a line: a quote of several paragraphs opens
 * each of them). */
static size_t find_close(const char *t, size_t len, size_t from, int open, size_t *close_len)
{
    int paras = 0, straight = open == M_STRAIGHT;
    size_t end = len < from + MAX_QUOTE_BYTES ? len : from + MAX_QUOTE_BYTES;
    for (size_t i = from; i < end; i++) {
        /* to the next byte that can matter: a newline or a mark's first byte */
        i = sl_find_any(t, i, end, "\n\xE2\xC2`'\"", 6);
        if (i >= end)
            break;
        if (t[i] == '\n' && i + 1 < len && t[i + 1] == '\n') {
            if (straight || ++paras > 3)
                return 0;
        }
        size_t l;
        int o, m = mark_at(t + i, len - i, &l, &o);
        if (m == M_NONE)
            continue;
        if (closes(open, t + i, m, o)) {
            *close_len = l;
            return i;
        }
        if (m == open && o && !straight && !(i >= 2 && t[i - 1] == '\n'))
            return 0; /* a new quote opens: ours ran on without closing */
    }
    return 0;
}

/* Where the paragraph holding pos starts: after the last blank line
 * ("\n\n") before it, or 0. */
static size_t para_start_of(const char *t, size_t pos)
{
    size_t j = pos > 1 ? pos - 1 : 0; /* a newline at t[j], 1 <= j <= pos - 1 */
    while (j >= 1) {
        const char *nl = memrchr(t + 1, '\n', j);
        if (!nl)
            return 0;
        j = (size_t)(nl - t);
        if (t[j - 1] == '\n')
            return j + 1;
        j--;
    }
    return 0;
}

/* Where the paragraph before the one starting at ps starts, or (size_t)-1
 * when ps does not follow a blank line. */
static size_t para_before(const char *t, size_t ps)
{
    if (ps < 2 || t[ps - 1] != '\n' || t[ps - 2] != '\n')
        return (size_t)-1;
    size_t e = ps - 2;
    while (e > 0 && t[e - 1] == '\n')
        e--;
    return e ? para_start_of(t, e) : (size_t)-1;
}

/* Does nothing but punctuation follow t[at..] to the end of its line? */
static int ends_paragraph(const char *t, size_t at)
{
    while (t[at] && strchr(" .,;:!?", t[at]))
        at++;
    return !t[at] || t[at] == '\n';
}

size_t sl_quotes_in_text(const char *t, const sl_entities *E, sl_quote **out)
{
    pthread_once(&sets_once, sets_init);
    size_t len = strlen(t), nq = 0, cap = 0;
    sl_quote *q = NULL;
    char *last_named = NULL;   /* borrowed from q[] */
    size_t last_named_end = 0; /* where its quote ended */
    size_t last_para = (size_t)-1;
    char *last_speaker = NULL; /* borrowed */
    int last_spoke = 0;        /* the last quote had a speaker */
    for (size_t i = 0; i < len && nq < MAX_QUOTES; i++) {
        /* only these bytes can open a quote (see mark_at): skip to the next */
        const char *next = strpbrk(t + i, "\xE2\xC2`\"");
        if (!next)
            break;
        i = (size_t)(next - t);
        size_t ml;
        int o, m = mark_at(t + i, len - i, &ml, &o);
        if (m == M_NONE || !o)
            continue;
        size_t cl = 0, c = find_close(t, len, i + ml, m, &cl);
        if (!c)
            continue;
        size_t qs = i + ml, qe = c, after = c + cl;
        char *text = quote_text(t, qs, qe);
        /* trailing comma inside the quote belongs to the sentence */
        size_t tl = strlen(text);
        while (tl && (text[tl - 1] == ',' || text[tl - 1] == ' '))
            text[--tl] = 0;
        i = after - 1;
        if (sl_count_words(text, strlen(text)) < MIN_QUOTE_WORDS || title_like(text)) {
            free(text);
            continue;
        }
        size_t ps = para_start_of(t, qs - ml);
        int lone = 0;
        char *sp = NULL;
        if (arabic_quote(text))
            sp = speaker_arabic(t, ps, qs - ml);
        else if (korean_quote(t, qs, qe))
            sp = sl_ko_speaker(t, ps, qs - ml, after, len);
        else if (!(sp = speaker_after(t, after, len)) &&
                 !(sp = speaker_before(t, ps, qs - ml, &lone)))
            sp = speaker_inside(t, qs, qe);
        if (sp && strstr(sp, "; "))
            sp = choose_part(sp, E);
        if (sp && lower_at(sp) && !is_pronoun(sp)) {
            /* a role: the person the text gave it ("el alcalde": Jorge
             * Sharp), else, the role of a person, the one who spoke last
             * in this paragraph or the one before ("dijo X. ... —agregó
             * el suizo") */
            int person = person_role(sp);
            char *p = person ? role_person(t, qs - ml, sp) : NULL;
            if (!p && last_named && person &&
                (last_para == ps || para_before(t, ps) == last_para))
                p = sl_xstrdup(last_named);
            if (p) {
                free(sp);
                sp = p;
            }
        }
        if (sp && is_pronoun(sp)) {
            int g = pronoun_gender(sp);
            free(sp);
            char *fresh = last_named ? last_person(t, last_named_end, qs, E, g, 1) : NULL;
            sp = fresh ? fresh
                 : last_named && agrees(last_named, g) && !(g && body_named(E, last_named))
                     ? sl_xstrdup(last_named)
                     : last_person(t, 0, qs, E, g, 0);
        }
        if (!sp && last_speaker &&
            (last_para == ps || (last_spoke && qs - ml == ps &&
                                 para_before(t, ps) == last_para && ends_paragraph(t, after))))
            /* the speaker's next quote in the paragraph, or a paragraph of
             * nothing but a quote after the paragraph of the speaker's */
            sp = sl_xstrdup(last_speaker);
        sp = normalise(sp, E, lone);
        if (nq == cap) {
            cap = cap ? cap * 2 : 16;
            q = sl_xrealloc(q, cap * sizeof *q);
        }
        q[nq] = (sl_quote){sp, text, sl_xmalloc(sizeof(size_t)), 1, qs};
        q[nq].docs[0] = 0;
        last_spoke = sp != NULL;
        if (sp) {
            last_speaker = sp;
            if (named(sp)) {
                last_named = sp;
                last_named_end = after;
            }
        }
        last_para = ps;
        nq++;
    }
    *out = q;
    return nq;
}

void sl_quotes_free(sl_quote *q, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(q[i].speaker);
        free(q[i].text);
        free(q[i].docs);
    }
    free(q);
}

/* ---- grouping across articles --------------------------------------------------- */

typedef struct qstems {
    uint64_t *h;
    size_t n;
} qstems;

/* Sorted, distinct content stems of a quote. */
static qstems stems_of(const char *lang, const char *text)
{
    sl_term *tv = NULL;
    size_t nt = 0, cap = 0;
    sl_sent_terms(lang, text, strlen(text), &tv, &nt, &cap);
    qstems q = {sl_xmalloc((nt + 1) * sizeof(uint64_t)), 0};
    for (size_t i = 0; i < nt; i++)
        if (!tv[i].stop)
            q.h[q.n++] = tv[i].h;
    free(tv);
    qsort(q.h, q.n, sizeof *q.h, sl_cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < q.n; i++)
        if (!k || q.h[k - 1] != q.h[i])
            q.h[k++] = q.h[i];
    q.n = k;
    return q;
}

/* Does one article's quote a repeat the other, b (or b a)? The shorter's
 * first or last REPEAT_BYTES are in the longer one as written. */
enum { REPEAT_BYTES = 32, REPEAT_MIN = 20 };
static int repeated(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb) {
        const char *t = a;
        a = b;
        b = t;
        size_t l = la;
        la = lb;
        lb = l;
    }
    if (la < REPEAT_MIN)
        return 0;
    size_t k = la < REPEAT_BYTES ? la : REPEAT_BYTES;
    /* strstr, as memmem on texts without a NUL, and quicker on these short
     * ones (memmem builds a table per call); the closing bytes end a's
     * string, the opening ones are copied to end one */
    char head[REPEAT_BYTES + 1];
    memcpy(head, a, k);
    head[k] = 0;
    return strstr(b, head) != NULL || strstr(b, a + la - k) != NULL;
}

static double stem_overlap(const qstems *a, const qstems *b)
{
    size_t i = 0, j = 0, hit = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j])
            hit++, i++, j++;
        else if (a->h[i] < b->h[j])
            i++;
        else
            j++;
    }
    size_t mn = a->n < b->n ? a->n : b->n;
    if (mn < 4) /* a short quote: the same content words, all of them */
        return mn >= 2 && hit == a->n && hit == b->n ? 1 : 0;
    return (double)hit / (double)mn;
}

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

static int by_citations(const void *a, const void *b)
{
    const sl_quote *x = a, *y = b;
    if (x->ndocs != y->ndocs)
        return x->ndocs > y->ndocs ? -1 : 1;
    if (x->docs[0] != y->docs[0])
        return x->docs[0] < y->docs[0] ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

size_t sl_quotes_find(const sl_doc *const *docs, size_t n, const sl_entities *E,
                      sl_quote **out)
{
    sl_quote *all = NULL;
    size_t na = 0;
    for (size_t d = 0; d < n && na < MAX_QUOTES; d++) {
        if (!docs[d]->text)
            continue;
        sl_quote *q;
        size_t k = sl_quotes_in_text(docs[d]->text, E, &q);
        if (na + k > MAX_QUOTES) {
            for (size_t i = MAX_QUOTES - na; i < k; i++) {
                free(q[i].speaker);
                free(q[i].text);
                free(q[i].docs);
            }
            k = MAX_QUOTES - na;
        }
        all = sl_xrealloc(all, (na + k + 1) * sizeof *all);
        for (size_t i = 0; i < k; i++) {
            q[i].docs[0] = d;
            all[na + i] = q[i];
        }
        free(q);
        na += k;
    }
    /* Quotes of one article are one statement when the article repeats
     * it (a pull quote, the lead and the body): the shorter one's opening
     * or closing words are in the longer one, as written. Quotes of two
     * articles are compared by stems, which costs a stemmer call per new
     * word, and only when two articles have quotes at all. */
    int cross = 0;
    for (size_t i = 1; i < na && !cross; i++)
        cross = all[i].docs[0] != all[0].docs[0];
    qstems *st = sl_xcalloc(na + 1, sizeof *st);
    size_t *parent = sl_xmalloc((na + 1) * sizeof *parent);
    for (size_t i = 0; i < na; i++) {
        if (cross)
            st[i] = stems_of(docs[all[i].docs[0]]->lang, all[i].text);
        parent[i] = i;
    }
    for (size_t i = 0; i < na; i++)
        for (size_t j = i + 1; j < na; j++) {
            int one = all[i].docs[0] == all[j].docs[0] ? repeated(all[i].text, all[j].text)
                                                        : stem_overlap(&st[i], &st[j]) >= 0.5;
            if (one) {
                size_t a = uf_find(parent, i), b = uf_find(parent, j);
                /* the smaller index is the root: it is folded first below */
                if (a < b)
                    parent[b] = a;
                else
                    parent[a] = b;
            }
        }
    /* fold each group into its root: doc list, best speaker, longest text */
    sl_quote *res = sl_xmalloc((na + 1) * sizeof *res);
    size_t nr = 0;
    size_t *slot = sl_xmalloc((na + 1) * sizeof *slot);
    for (size_t i = 0; i < na; i++) {
        size_t r = uf_find(parent, i);
        if (r == i) {
            slot[i] = nr;
            res[nr++] = all[i];
            continue;
        }
        sl_quote *g = &res[slot[r]], *x = &all[i];
        size_t d = x->docs[0];
        int have = 0;
        for (size_t k = 0; k < g->ndocs; k++)
            have |= g->docs[k] == d;
        if (!have) {
            g->docs = sl_xrealloc(g->docs, (g->ndocs + 1) * sizeof *g->docs);
            g->docs[g->ndocs++] = d;
        }
        if ((!g->speaker || !named(g->speaker)) && named(x->speaker)) {
            free(g->speaker);
            g->speaker = x->speaker;
            x->speaker = NULL;
        } else if (!g->speaker && x->speaker) {
            g->speaker = x->speaker;
            x->speaker = NULL;
        }
        free(x->speaker);
        free(x->text);
        free(x->docs);
    }
    for (size_t i = 0; i < na; i++)
        free(st[i].h);
    free(st);
    free(parent);
    free(slot);
    free(all);
    qsort(res, nr, sizeof *res, by_citations);
    *out = res;
    return nr;
}
