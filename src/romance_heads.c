/*
 * romance_heads: institution nouns, lower-case adjectives and sentence
 * openers of Spanish, Portuguese, French and Italian (see
 * romance_heads.h).
 *
 * How it works: word lists as hash sets (sl_wordset), built once; the
 * adjectives as stems with their endings (a suffix alone would take verbs:
 * "explique", "appelle").
 */
#include "romance_heads.h"
#include "util.h"

#include <pthread.h>
#include <string.h>

/* The nouns as written at the start of a name (capitalised, accents as
 * each language writes them). */
static const char *const HEADS[] = {
    /* Spanish */
    "Banco", "Ministerio", "Partido", "Universidad", "Corte", "Asamblea", "Congreso",
    "Senado", "Cámara", "Policía", "Fiscalía", "Gobierno", "Consejo", "Comisión", "Agencia",
    "Fundación", "Instituto", "Organización", "Federación", "Asociación", "Ejército",
    "Fuerzas", "Armada", "Juzgado", "Defensoría", "Procuraduría", "Contraloría", "Secretaría",
    "Sindicato", "Confederación", "Comité", "Museo", "Embajada", "Parlamento", "Cancillería",
    "Presidencia", "Alcaldía", "Gobernación", "Superintendencia", "Registraduría", "Tribunal",
    /* Portuguese */
    "Ministério", "Universidade", "Supremo", "Câmara", "Polícia", "Governo", "Conselho",
    "Comissão", "Agência", "Fundação", "Organização", "Federação", "Associação", "Exército",
    "Assembleia", "Procuradoria", "Secretaria", "Prefeitura", "Museu", "Embaixada",
    "Congresso", "Confederação", "Presidência",
    /* French */
    "Banque", "Ministère", "Parti", "Université", "Cour", "Assemblée", "Sénat", "Conseil",
    "Commission", "Agence", "Fondation", "Institut", "Organisation", "Fédération",
    "Gouvernement", "Police", "Gendarmerie", "Armée", "Parquet", "Préfecture", "Mairie",
    "Syndicat", "Confédération", "Musée", "Ambassade", "Caisse", "Haute", "Conférence",
    "Union", "Église", "Eglise", "Autorité", "Direction", "Office", "Administration",
    /* Italian */
    "Banca", "Ministero", "Partito", "Università", "Tribunale", "Camera", "Senato",
    "Governo", "Consiglio", "Commissione", "Agenzia", "Fondazione", "Istituto", "Polizia",
    "Procura", "Esercito", "Sindacato", "Ambasciata", "Guardia", "Questura", "Prefettura",
    "Unione", "Chiesa", "Autorità", "Organizzazione", "Regione", "Provincia", "Comune",
    NULL};

static const char *const OPENERS[] = {
    /* Spanish */
    "Según", "Para", "Por", "En", "Con", "Desde", "Tras", "Ante", "Sin", "Sobre", "Hasta",
    "Durante", "Mientras", "Aunque", "Pero", "Además", "También", "Este", "Esta", "Estos",
    "Estas", "Ese", "Esa", "Su", "Sus", "Del", "Al", "Entre", "Cuando", "Como", "Si",
    /* Portuguese */
    "Segundo", "Em", "Com", "Após", "Antes", "Sem", "Até", "Mas", "Esse", "Essa", "Do", "Da",
    "Dos", "Das", "No", "Na", "Nos", "Nas", "Ao", "Pelo", "Pela", "Quando",
    /* French */
    "Selon", "Pour", "Par", "Dans", "Avec", "Depuis", "Après", "Avant", "Sans", "Sur", "Sous",
    "Pendant", "Mais", "Et", "Ou", "Ce", "Cette", "Ces", "Son", "Sa", "Ses", "Du", "Au",
    "Aux", "Lors", "Quand", "Chez", "Contre", "Vers", "Comme", "Ainsi", "Alors", "Puis",
    "Enfin",
    /* Italian */
    "Secondo", "Per", "Dopo", "Prima", "Senza", "Tra", "Fra", "Ma", "Questo", "Questa",
    "Della", "Nel", "Nella", "Alla", "Dal", "Dalla", "Sul", "Sulla", "Quando", "Anche",
    NULL};

static const char *const ARTICLES[] = {"El", "La", "Los", "Las", "Lo", "Le", "Les", "Il",
                                       "Gli", "I", "O", "Os", "As", "Un", "Una", "Une",
                                       "Uno", "Des", "Um", "Uma", NULL};

static sl_wordset heads, openers, articles;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    sl_wordset_build_list(&heads, HEADS);
    sl_wordset_build_list(&openers, OPENERS);
    sl_wordset_build_list(&articles, ARTICLES);
}

int sl_romance_head(const char *w, size_t n)
{
    pthread_once(&once, init);
    return sl_wordset_find(&heads, w, n) >= 0;
}

int sl_romance_opener(const char *w, size_t n)
{
    pthread_once(&once, init);
    if (sl_wordset_find(&articles, w, n) >= 0)
        return SL_OPENER_ARTICLE;
    return sl_wordset_find(&openers, w, n) >= 0 ? SL_OPENER_WORD : 0;
}

/* The adjectives institutions carry, by their stems; a word is one when
 * it is a stem and one of its language's endings ("national" + "e",
 * "fédér" + "aux", "nazional" + "e"). */
static const char *const FR_ADJ[] = {
    "national", "constitutionnel", "européen", "fédéral", "central", "suprême", "général",
    "régional", "municipal", "départemental", "socialiste", "républicain", "communiste",
    "écologiste", "populaire", "démocrate", "libéral", "conservat", "administrati",
    "supérieur", "international", "mondial", "militaire", "pénal", "civil", "électoral",
    "économique", "social", "islamique", "catholique", "orthodoxe", "protestant", "africain",
    "américain", "français", "présidentiel", "parlementaire", "sanitaire", "judiciaire",
    "fiscal", "monétaire", "olympique", "insoumis", "centriste", "nationaliste", "unifié",
    "intérieur", "extérieur", "souverain", "provisoire", "permanent", "mixte", NULL};
static const char *const FR_END[] = {"", "e", "s", "es", "le", "les", "ne", "nes", "aux",
                                     "eur", "rice", "ve", "f", "ves", "fs", NULL};
static const char *const IT_ADJ[] = {
    "nazional", "costituzional", "europe", "federal", "central", "suprem", "general",
    "regional", "comunal", "provincial", "municipal", "democratic", "popolar", "socialist",
    "comunist", "liberal", "superior", "internazional", "mondial", "amministrativ", "penal",
    "civil", "militar", "elettoral", "economic", "social", "islamic", "cattolic", "african",
    "american", "italian", "presidenzial", "parlamentar", "sanitari", "giudiziari", "fiscal",
    "monetari", "olimpic", "permanent", "straordinari", "provvisori", "unit", NULL};
static const char *const IT_END[] = {"e", "i", "o", "a", "he", "hi", NULL};

/* Is w[0..n) one of the stems followed by one of the endings? */
static int stem_and_ending(const char *w, size_t n, const char *const *stems,
                           const char *const *endings)
{
    for (size_t i = 0; stems[i]; i++) {
        size_t l = strlen(stems[i]);
        size_t base = l;
        if (n < l || memcmp(w, stems[i], l) != 0) {
            /* "-al" makes "-aux": "fédéraux" */
            if (l < 2 || memcmp(stems[i] + l - 2, "al", 2) != 0 || n != l + 1 ||
                memcmp(w, stems[i], l - 2) != 0 || memcmp(w + l - 2, "aux", 3) != 0)
                continue;
            return 1;
        }
        for (size_t e = 0; endings[e]; e++)
            if (n - base == strlen(endings[e]) && !memcmp(w + base, endings[e], n - base))
                return 1;
    }
    return 0;
}

int sl_romance_adjective(const char *lang, const char *w, size_t n)
{
    if (!lang)
        return 0;
    if (!strcmp(lang, "fr"))
        return stem_and_ending(w, n, FR_ADJ, FR_END);
    if (!strcmp(lang, "it"))
        return stem_and_ending(w, n, IT_ADJ, IT_END);
    return 0;
}
