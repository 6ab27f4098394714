/* Unit tests of quotes: attribution patterns, inheritance, pronouns,
 * speaker normalisation and grouping across articles. */
#include "harness.h"
#include "docs.h"
#include "doc.h"
#include "entities.h"
#include "quotes.h"
#include "util.h"

/* Speaker of the i-th quote of text ("?" when none, "-" when absent). */
static char *speaker(const char *text, size_t i)
{
    static char buf[128];
    sl_quote *q;
    size_t n = sl_quotes_in_text(text, NULL, &q);
    snprintf(buf, sizeof buf, "%s", i < n ? (q[i].speaker ? q[i].speaker : "?") : "-");
    sl_quotes_free(q, n);
    return buf;
}

static void test_patterns(void **state)
{
    (void)state;
    assert_string_equal(speaker("\"We will rebuild the city,\" Smith said.", 0), "Smith");
    assert_string_equal(speaker("\"We will rebuild the city,\" said Mayor Anne Smith.", 0),
                        "Mayor Anne Smith");
    assert_string_equal(speaker("Smith said: \"We will rebuild the city.\"", 0), "Smith");
    assert_string_equal(speaker("Smith said that \"we will rebuild the city.\"", 0), "Smith");
    assert_string_equal(speaker("According to the ministry, \"the talks will resume soon.\"", 0),
                        "the ministry");
    assert_string_equal(
        speaker("\xE2\x80\x9CThe talks will resume soon,\xE2\x80\x9D the statement said.", 0),
        "the statement");
    assert_string_equal(speaker("Jones expressed hope that \xE2\x80\x9Cthe two sides can agree "
                                "on a deal.\xE2\x80\x9D",
                                0),
                        "Jones");
    assert_string_equal(speaker("\xC2\xABThe talks will resume very soon,\xC2\xBB Ivanov said.", 0),
                        "Ivanov");
    /* a label someone put on someone: the labeller speaks; not in the passive */
    assert_string_equal(speaker("Back in December, Ivanov called the mayor \"the absolute leader "
                                "of the whole race.\"", 0),
                        "Ivanov");
    assert_string_equal(speaker("The report described the plan as \"a danger to every coastal "
                                "town.\"", 0),
                        "The report");
    assert_string_equal(speaker("The mayor was called \"the worst leader of the whole race.\"", 0),
                        "?");
    /* scare quotes and titles of works are not quotes */
    assert_string_equal(speaker("She read \"House Made of Dawn Again\" twice.", 0), "-");
    assert_string_equal(speaker("He sent a \"congratulatory telegram\" to her.", 0), "-");
}

static void test_inheritance(void **state)
{
    (void)state;
    const char *t = "\"We have done our part,\" Smith said. \"Now it is up to them to act.\"\n\n"
                    "\"Nobody believes that claim anymore,\" Brown said. Later he added that "
                    "\"the vote will take place next week.\"";
    assert_string_equal(speaker(t, 0), "Smith");
    assert_string_equal(speaker(t, 1), "Smith"); /* same paragraph, no speaker */
    assert_string_equal(speaker(t, 2), "Brown");
    assert_string_equal(speaker(t, 3), "Brown"); /* "he" -> last named speaker */
}

static sl_doc *mkdoc(const char *id, const char *text)
{
    return test_doc(id, NULL, NULL, text);
}

/* Speaker of the i-th quote of text (i < 0: the last) with the entities of
 * text as a story of one article in language lang (NULL: detected), as
 * speaker() gives it ("?" none, "-" absent). */
static char *story_speaker(const char *text, const char *lang, long i)
{
    static char buf[128];
    sl_doc *d = mkdoc("s", text);
    if (lang) {
        free(d->lang);
        d->lang = sl_xstrdup(lang);
    }
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    sl_quote *q;
    size_t n = sl_quotes_in_text(d->text, E, &q);
    size_t k = i < 0 ? n - 1 : (size_t)i;
    snprintf(buf, sizeof buf, "%s", n && k < n ? (q[k].speaker ? q[k].speaker : "?") : "-");
    sl_quotes_free(q, n);
    sl_entities_free(E);
    sl_doc_free(d);
    return buf;
}

/* Russian and Ukrainian: the verb before its subject after a quote, with
 * lower-case words between them; "что", "как", "по словам"; он/она. */
static void test_russian(void **state)
{
    (void)state;
    assert_string_equal(speaker("«Мы продолжим эту работу в следующем году», — сказал Кулик.", 0),
                        "Кулик");
    assert_string_equal(speaker("«Мы продолжим эту работу в следующем году», — заявил в "
                                "понедельник глава МИД Сергей Лавров.", 0),
                        "МИД Сергей Лавров");
    assert_string_equal(speaker("«Мы продолжим эту работу в следующем году», — сказал "
                                "вице-премьер Виталий Мутко.", 0),
                        "Виталий Мутко");
    assert_string_equal(speaker("«Подозреваемый задержан на месте происшествия», — сообщили в "
                                "пресс-службе МВД.", 0),
                        "МВД");
    assert_string_equal(speaker("«Подозреваемый задержан на месте происшествия», — сказал "
                                "источник.", 0),
                        "?");
    assert_string_equal(speaker("Кулик заявил: «Мы продолжим эту работу в следующем году».", 0),
                        "Кулик");
    assert_string_equal(speaker("Балыбердин заявил, что «работа по реабилитации пруда ведется».",
                                0),
                        "Балыбердин");
    assert_string_equal(speaker("Как заявил Мутко, «все национальные проекты нацелены на это».",
                                0),
                        "Мутко");
    assert_string_equal(speaker("По словам Мутко, «строительство жилья идет с опережением».", 0),
                        "Мутко");
    assert_string_equal(speaker("«Це велика перемога для всієї нашої країни», — зазначив "
                                "Зеленський.", 0),
                        "Зеленський");
    /* past lower-case words, the last names before the clause ends */
    assert_string_equal(speaker("«Мы продолжим эту работу в следующем году», — сказал заместитель "
                                "Генерального секретаря ООН Антониу Гутерриш.", 0),
                        "ООН Антониу Гутерриш");
    /* a capitalised function word opening the phrase goes */
    assert_string_equal(speaker("Когда Ким Мин Джэ сказал: «Тебе нужно скушать немного рыбки».", 0),
                        "Ким Мин Джэ");
    /* the words after a quote are read to a byte limit, which never cuts
     * a word (here, inside a character of the name) */
    char longer[512];
    for (int pad = 0; pad < 2; pad++) {
        snprintf(longer, sizeof longer,
                 "«Мы продолжим эту работу в следующем году», — сказал в понедельник вечером "
                 "%sвременно исполняющий обязанности главного врача Алексей Шабунин.",
                 pad ? "на встрече с жителями района в городском доме культуры " : "");
        const char *sp = speaker(longer, 0);
        assert_string_equal(sp, pad ? "?" : "Алексей Шабунин");
    }
    /* a sentence-initial function word is no subject */
    assert_string_equal(speaker("При этом отметим: «строительство жилья идет с опережением».", 0),
                        "?");
    const char *t = "«Мы продолжим эту работу в следующем году», — сказал Кулик. «Хорошая "
                    "новость для всех жителей нашего города», — отметил он.";
    assert_string_equal(speaker(t, 1), "Кулик");
}

/* Spanish, Portuguese, French and German put the verb first after a
 * quote too, with articles and titles before the name; a verb alone, or
 * with the French pronoun joined, has the last named speaker as subject. */
static void test_verb_first(void **state)
{
    (void)state;
    assert_string_equal(speaker("\"Vamos a reconstruir la ciudad entera\", dijo el ministro "
                                "Pedro Sánchez.", 0),
                        "Pedro Sánchez");
    assert_string_equal(speaker("\"Vamos a reconstruir la ciudad entera\", escribió Fernández "
                                "en Twitter.", 0),
                        "Fernández");
    assert_string_equal(speaker("«Nous allons reconstruire toute la ville», a déclaré le "
                                "ministre Bruno Le Maire.", 0),
                        "Bruno Le Maire");
    assert_string_equal(speaker("„Wir werden die ganze Stadt aufbauen“, sagte Merkel am "
                                "Montag.", 0),
                        "Merkel");
    assert_string_equal(speaker("\"Vamos reconstruir a cidade inteira\", disse Lula.", 0),
                        "Lula");
    const char *t = "\"Vamos a reconstruir la ciudad entera\", dijo Fernández. \"Nadie "
                    "esperaba que el río creciera tan rápido\", aclaró.";
    assert_string_equal(speaker(t, 1), "Fernández");
    t = "\"Vamos a reconstruir la ciudad entera\", dijo la ministra Ana Torres.\n\n\"Nadie "
        "esperaba que el río creciera tan rápido\", aclaró."; /* the verb tells no gender */
    assert_string_equal(speaker(t, 1), "Ana Torres");
    t = "«Nous allons reconstruire toute la ville», a déclaré Macron. «Personne ne "
        "pensait que le fleuve monterait si vite», a-t-il ajouté.";
    assert_string_equal(speaker(t, 1), "Macron");
    t = "«Nous allons reconstruire toute la ville», a déclaré Macron. «Personne ne "
        "pensait que le fleuve monterait si vite», affirme-t-il.";
    assert_string_equal(speaker(t, 1), "Macron");
    /* "X aseguró que «...»", and the perfect ("ha dicho", "ha detto") */
    assert_string_equal(speaker("En su exposición, Aguer asegura que \"la propaganda es "
                                "apabullante y va trastornando a los jóvenes\".", 0),
                        "Aguer");
    assert_string_equal(speaker("\"Vamos a reconstruir la ciudad entera\", ha dicho Ana "
                                "Torres.", 0),
                        "Ana Torres");
    assert_string_equal(speaker("\"Ricostruiremo tutta la città, strada per strada\", ha "
                                "detto Salvini.", 0),
                        "Salvini");
    /* a relative "que" with no speech verb names no one */
    assert_string_equal(speaker("La decisión fue ratificada en virtud de que \"las pruebas "
                                "son insuficientes para afirmar nada\".", 0),
                        "?");
    /* past a preposition, only a person's name from its first name on */
    assert_string_equal(speaker("\"No creo que hoy el problema sea la reforma laboral\", "
                                "enfatizó al diario Ámbito Financiero.", 0),
                        "?");
    assert_string_equal(speaker("\"Esta es una nueva visión de arte para todo el mundo\", "
                                "expresó en su oportunidad Laura Torres, presidenta.", 0),
                        "Laura Torres");
    /* a gerund after the verb: the verb alone, not the place after it */
    t = "\"Non sono un venditore di fumo, non sono un superuomo\", ha detto Conte.\n\n"
        "\"Mittal restituisce la fabbrica in questo momento\", ha detto incontrando gli "
        "operai a Taranto.";
    assert_string_equal(speaker(t, 1), "Conte");
    /* "M." is a title's abbreviation, not the sentence's end */
    assert_string_equal(story_speaker("« Une seule voix peut faire toute la différence », a "
                                      "souligné M. Riester, le ministre.",
                                      "fr", 0),
                        "Riester");
    /* a title tells the gender a pronoun needs: "elle" is not M. Lacombe */
    assert_string_equal(story_speaker("Mme Hivon se réjouit de la position de M. Lacombe.\n\n"
                                      "« Il y a une contradiction spectaculaire ici », dit-elle.",
                                      "fr", -1),
                        "Hivon");
    /* English too, past a time and a role: past a preposition, only a
     * person from a known first name on */
    assert_string_equal(speaker("\"We will rebuild the whole city,\" said on Monday the "
                                "mayor Anne Smith.", 0),
                        "Anne Smith");
    assert_string_equal(speaker("\"We will rebuild the whole city,\" said in an interview "
                                "with CNN.", 0),
                        "?");
}

/* More speech verbs of French, Spanish, Portuguese and Italian ("signale",
 * "a lancé", "recalcó", "pontuou", "ribadito"); after the verb, a role and
 * then the person set off by a comma; no speaker for the
 * impersonal "se informó que", nor for a Romance sentence's opening words
 * before the verb ("Comme le disait ..."). */
static void test_romance_verbs(void **state)
{
    (void)state;
    assert_string_equal(speaker("« La dernière distribution date de deux mois », signale Amadou "
                                "Naco.", 0),
                        "Amadou Naco");
    assert_string_equal(speaker("« L'Histoire n'avance pas toujours », a lancé Barack Obama.", 0),
                        "Barack Obama");
    assert_string_equal(speaker("\"No vamos a retroceder ante la presión del gobierno\", recalcó Luis Arce.", 0), "Luis Arce");
    assert_string_equal(speaker("\"Não vamos recuar diante da pressão do governo\", pontuou Sergio Moro.", 0), "Sergio Moro");
    assert_string_equal(speaker("\"Non torneremo indietro davanti alle pressioni\", ha ribadito Giuseppe Conte.", 0),
                        "Giuseppe Conte");
    /* Spanish and Portuguese pronouns stand for the last person named */
    assert_string_equal(story_speaker("La ministra Ana Torres visitó el río. \"Vamos a reconstruir la "
                                      "ciudad entera\", dijo ella.", "es", 0),
                        "Ana Torres");
    /* a role, then the person after a comma: the person */
    assert_string_equal(speaker("« Tu as restauré la fierté de la nation », a lancé jeudi le prix "
                                "Nobel de la paix, Desmond Tutu, ami de Mandela.", 0),
                        "Desmond Tutu");
    assert_string_equal(speaker("\"Es una noche histórica para la democracia\", dijo el presidente "
                                "del Senado, Jaime Quintana.", 0),
                        "Jaime Quintana");
    assert_string_equal(story_speaker("Durante la jornada se informó que \"existe una alta demanda "
                                      "de cambios\".", "es", 0),
                        "?");
    assert_string_equal(story_speaker("Comme le disait le philosophe il y a longtemps : « Tout est "
                                      "dans tout. »", "fr", 0),
                        "?");
}

/* A speaker named inside the quote, after its first clause, as French,
 * Spanish and Russian writers put it ("« ..., explique X, associé. ... »",
 * "«..., — говорит X. — ...»"); a paper's name before a Russian speaker's
 * is not part of it ("сказал в интервью Der Spiegel Юрген Триттин"). */
static void test_speaker_inside(void **state)
{
    (void)state;
    assert_string_equal(speaker("« Nous aimerions présenter la Suisse moderne, explique Nicolas "
                                "Mirabaud, associé gérant. Nous devons combler ce décalage. »", 0),
                        "Nicolas Mirabaud");
    assert_string_equal(speaker("«Германия глубоко изменилась, — говорит Борис Райтшустер. — Есть "
                                "опросы общественного мнения.»", 0),
                        "Борис Райтшустер");
    assert_string_equal(speaker("«Альянс больше не способен защищать интересы Европы», — сказал "
                                "в интервью Der Spiegel Юрген Триттин.", 0),
                        "Юрген Триттин");
    /* a comma and a verb, but no name after it: none */
    assert_string_equal(speaker("« Nous aimerions présenter la Suisse moderne, explique la "
                                "banque dans son rapport annuel. »", 0),
                        "?");
}

/* English: a title's abbreviation does not end the words after a quote;
 * a name with an appositive is the name; a paragraph of nothing but a
 * quote after the paragraph of an attributed one is the same speaker's;
 * a typographic apostrophe inside a name keeps it whole. */
static void test_english_more(void **state)
{
    (void)state;
    assert_string_equal(speaker("\"We will rebuild the whole city,\" Mr. Nenshi said.", 0),
                        "Mr. Nenshi");
    assert_string_equal(speaker("\"We will rebuild the whole city,\" Anne Smith, the town's "
                                "mayor, said.", 0),
                        "Anne Smith");
    assert_string_equal(speaker("\"We will rebuild the whole city,\" explains Anne Smith.", 0),
                        "Anne Smith");
    assert_string_equal(speaker("\"We will rebuild the whole city,\" said Dan D’Agostini.", 0),
                        "Dan D’Agostini");
    const char *t = "\"We will rebuild the whole city,\" Smith said.\n\n"
                    "\"Nobody expected the river to rise that fast.\"\n\n"
                    "The storm closed roads. \"Crews worked through the whole night there.\"";
    assert_string_equal(speaker(t, 1), "Smith"); /* a quote paragraph after Smith's */
    assert_string_equal(speaker(t, 2), "?");     /* a quote inside other text */
    t = "\"We will rebuild the whole city,\" Smith said.\n\nThe storm closed every road.\n\n"
        "\"Nobody expected the river to rise that fast.\"";
    assert_string_equal(speaker(t, 1), "?"); /* not the paragraph right after */
    /* after the verb, a role in lower case before the name, or the name set
     * off by a comma; capitals that qualify a noun are no speaker */
    assert_string_equal(speaker("\"We will rebuild the whole city,\" stated spokesman Colin "
                                "Aitchison.", 0),
                        "Colin Aitchison");
    assert_string_equal(speaker("\"We saw carbonates right where a lakeshore would be,\" said "
                                "the paper's lead author, Briony Horgan of Purdue University.", 0),
                        "Briony Horgan");
    assert_string_equal(speaker("\"The scholarships will help many students,\" said the "
                                "Chinese envoy.", 0),
                        "?");
    assert_string_equal(speaker("\"The scholarships will help many students,\" said Chinese "
                                "envoy Li Wei in Islamabad.", 0),
                        "Li Wei");
    assert_string_equal(speaker("\"We will rebuild the whole city,\" writes curator Debora "
                                "Shaefer-Jacobs of the Smithsonian.", 0),
                        "Debora Shaefer-Jacobs");
    /* auxiliaries and adverbs before the verb are no part of the speaker;
     * more verbs ("chided", "revealed") */
    assert_string_equal(speaker("Kelly Osbourne has revealed that \"this is the closest we have "
                                "ever come\" to a deal.", 0),
                        "Kelly Osbourne");
    assert_string_equal(speaker("\"It has never been the norm for parties to do it,\" Mr Addo "
                                "chided.", 0),
                        "Addo");
}

/* A role and no name after the verb ("expresó el alcalde", "a précisé
 * l'auteur"): the person the text gave that role before ("El alcalde
 * Jorge Sharp", "Le maire de Lyon Grégory Doucet"), else the last named
 * speaker of the paragraph or the one before, else the role as written;
 * a body's role ("la compañía") is no person's. */
static void test_role_speakers(void **state)
{
    (void)state;
    const char *t = "El alcalde Jorge Sharp visitó el barrio el lunes.\n\n"
                    "\"Vamos a reconstruir toda la ciudad después de esta tragedia\", expresó "
                    "el alcalde.\n\n"
                    "\"Esta obra es fundamental para el desarrollo del puerto\", dijo el alcalde "
                    "de Valparaíso.";
    assert_string_equal(speaker(t, 0), "Jorge Sharp");
    assert_string_equal(speaker(t, 1), "Jorge Sharp");
    t = "Le maire de Lyon Grégory Doucet a visité le quartier lundi.\n\n"
        "« Nous allons reconstruire toute la ville après cette tragédie », a expliqué le maire.";
    assert_string_equal(speaker(t, 0), "Grégory Doucet");
    t = "\"No pude jugar bien en el primer tiempo del partido\", dijo Dylan Gissi.\n\n"
        "\"Ahora tenemos que mejorar en la marca para el próximo partido\", agrega el suizo.";
    assert_string_equal(speaker(t, 1), "Dylan Gissi");
    t = "\"No pude jugar bien en el primer tiempo del partido\", dijo Dylan Gissi.\n\n"
        "\"Se trata de un fraude y ya lo hemos denunciado ante la justicia\", afirma la "
        "compañía.";
    assert_string_equal(speaker(t, 1), "la compañía");
    t = "\"La situación de la provincia es muy grave en este momento\", señaló la especialista.";
    assert_string_equal(speaker(t, 0), "la especialista");
    assert_string_equal(speaker("\"Nuestros clientes buscan otra cosa en este mercado\", ha "
                                "señalado el director de Inversiones de Bankia AM, Sebastián "
                                "Redondo.", 0),
                        "Sebastián Redondo");
    assert_string_equal(speaker("\"We weren't ready for the first period at all,\" said "
                                "Senators head coach D.J. Smith.", 0),
                        "D.J. Smith");
    /* "el lunes" is no role */
    assert_string_equal(speaker("\"Vamos a reconstruir toda la ciudad\", dijo el lunes.", 0), "?");
}

/* "he" and "she" do not stand for an organisation the story names. */
static void test_pronoun_not_body(void **state)
{
    (void)state;
    const char *t = "\"The talks with the visiting officials were good,\" added the IOA.\n\n"
                    "\"We will find a solution for the games in time,\" he said.";
    sl_doc *d = mkdoc("a", t);
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    sl_quote *q;
    size_t n = sl_quotes_in_text(t, E, &q);
    assert_int_equal(n, 2);
    assert_string_equal(q[0].speaker, "IOA");
    assert_true(!q[1].speaker || strcmp(q[1].speaker, "IOA") != 0);
    sl_quotes_free(q, n);
    sl_entities_free(E);
    sl_doc_free(d);
}

/* With the story's entities, the part of an attribution that is a person
 * is the speaker: "the mayor, Anne Smith, said". */
static void test_speaker_parts(void **state)
{
    (void)state;
    assert_string_equal(story_speaker("Anne Smith visited the river on Monday.\n\n"
                                      "\"We will rebuild the whole city,\" the mayor of the "
                                      "town, Anne Smith, said.",
                                      NULL, 0),
                        "Anne Smith");
}

/* Each opening mark has its own closing one: „...“ (German, Ukrainian),
 * and the marks of a quote inside another are the outer quote's text. */
static void test_marks(void **state)
{
    (void)state;
    assert_string_equal(speaker("„Wir werden die Stadt wieder aufbauen“, sagte Schmidt.", 0),
                        "Schmidt");
    sl_quote *q;
    const char *t = "«Завод „Электросвет“ заменит все лампы в городе до зимы», — сказал Иванов.";
    size_t n = sl_quotes_in_text(t, NULL, &q);
    assert_int_equal(n, 1);
    assert_string_equal(q[0].text, "Завод „Электросвет“ заменит все лампы в городе до зимы");
    assert_string_equal(q[0].speaker, "Иванов");
    sl_quotes_free(q, n);
    n = sl_quotes_in_text("„Wir werden die Stadt wieder aufbauen“, sagte Schmidt.", NULL, &q);
    assert_int_equal(n, 1);
    assert_string_equal(q[0].text, "Wir werden die Stadt wieder aufbauen");
    sl_quotes_free(q, n);
}

/* A short quote (under four content words) is one statement with another
 * only when their content words are the same. */
static void test_grouping_short(void **state)
{
    (void)state;
    static const char *const OTHER[] = {"не пачкать руки в крови", "не пачкать ноги в крови"};
    for (int i = 0; i < 2; i++) {
        char text[256];
        snprintf(text, sizeof text, "Моралес призвал военных «%s».", OTHER[i]);
        sl_doc *d[2] = {mkdoc("a", "Моралес призвал военных «не пачкать руки в крови»."),
                        mkdoc("b", text)};
        for (int k = 0; k < 2; k++) {
            free(d[k]->lang);
            d[k]->lang = sl_xstrdup("ru");
        }
        sl_quote *q;
        size_t n = sl_quotes_find((const sl_doc *const *)d, 2, NULL, &q);
        assert_int_equal(n, i == 0 ? 1 : 2);
        assert_int_equal(q[0].ndocs, i == 0 ? 2 : 1);
        sl_quotes_free(q, n);
        sl_doc_free(d[0]);
        sl_doc_free(d[1]);
    }
}

/* With the story's entities: a name is the entity's full name; one
 * capitalised word that names no entity is no speaker. */
static void test_speaker_entities(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", "Russian President Vladimir Putin met the officials on Monday.\n\n"
                           "\"We will continue this work next year,\" Putin said.\n\n"
                           "Officials: \"the talks will resume after the holidays.\"");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    sl_quote *q;
    size_t n = sl_quotes_in_text(d->text, E, &q);
    assert_int_equal(n, 2);
    assert_string_equal(q[0].speaker, "Vladimir Putin");
    assert_null(q[1].speaker);
    sl_quotes_free(q, n);
    n = sl_quotes_in_text(d->text, NULL, &q); /* without them, as written */
    assert_int_equal(n, 2);
    assert_non_null(q[1].speaker);
    assert_string_equal(q[1].speaker, "Officials");
    sl_quotes_free(q, n);
    sl_entities_free(E);
    sl_doc_free(d);
}

/* A pronoun stands for the last person named before the quote who can
 * be its subject: not one named in an oblique case ("с Игорем
 * Коломойским"), and, where the first name tells a gender, one of the
 * pronoun's ("она": Юлия Мендель, not Игорь Коломойский). */
static void test_pronoun_case_gender(void **state)
{
    (void)state;
    assert_string_equal(
        story_speaker("Пресс-секретарь Юлия Мендель ответила на вопрос. Офис не обсуждает "
                      "дела с бизнесменом Игорем Коломойским. Коломойский промолчал.\n\n"
                      "«Он не имеет полномочий говорить от имени Украины», — написала она.",
                      "ru", 0),
        "Юлия Мендель");
}

/* German: the verb second after a fronted phrase ("Einen Tag später
 * schrieb Kaeser:"), an article and one name kept whole ("Der Spiegel"),
 * a capitalised noun after a German opener no speaker ("Zum Abschied"). */
/* Arabic: the name after the clause's speech verb, past its title; a
 * surname alone is the story's full name; the verb alone ("وأضاف أن") is
 * the last named speaker. */
static void test_arabic(void **state)
{
    (void)state;
    static const char *const T =
        "وقال وزير الخارجية الأمريكي مايك بومبيو للصحفيين إن \"الولايات المتحدة لن تتراجع "
        "عن دعمها الكامل\".\n\nوأضاف أن \"الحوار هو الطريق الوحيد للحل\".\n\n"
        "وقال بومبيو: \"نحن ننتظر ردا واضحا من الجانب الآخر\".\n\n"
        "وقالت المتحدثة باسم الوزارة مورغان أورتاغوس: \"سنواصل العمل مع شركائنا في "
        "المنطقة\".\n\nوتابعت: \"لا نريد حربا جديدة في المنطقة\".";
    assert_string_equal(story_speaker(T, "ar", 0), "مايك بومبيو");
    assert_string_equal(story_speaker(T, "ar", 1), "مايك بومبيو");
    assert_string_equal(story_speaker(T, "ar", 2), "مايك بومبيو");
    assert_string_equal(story_speaker(T, "ar", 3), "مورغان أورتاغوس");
    /* "وتابعت" (she): the last named speaker */
    assert_string_equal(story_speaker(T, "ar", 4), "مورغان أورتاغوس");
    /* no speech verb before: none */
    assert_string_equal(story_speaker("وجاء في الوثيقة \"نحن ننتظر ردا واضحا من الجانب "
                                      "الآخر\".", "ar", 0), "?");
}

static void test_german(void **state)
{
    (void)state;
    assert_string_equal(speaker("Einen Tag nach der Konferenz schrieb Kaeser: \xE2\x80\x9EWenn "
                                "ein Chef sein Unternehmen ausrichtet, gilt er als "
                                "pathetisch.\xE2\x80\x9C", 0),
                        "Kaeser");
    assert_string_equal(speaker("\xE2\x80\x9E" "Die Regierung hat keinen Plan mehr\xE2\x80\x9C, "
                                "schreibt Der Spiegel.", 0),
                        "Der Spiegel");
    assert_string_equal(story_speaker("Angela Merkel besuchte die Stadt am Montag.\n\nZum "
                                      "Abschied: \xE2\x80\x9EMan k\xC3\xB6nnte einen Docht "
                                      "reinflechten und ihn als Kerze anz\xC3\xBCnden.\xE2\x80\x9C",
                                      NULL, 0),
                        "?");
}

/* A story and the speaker its last quote should have. */
typedef struct scase {
    const char *text, *want;
} scase;

/* lang: the story's language, or NULL (detected) */
static void check_last_speakers(const scase *C, size_t n, const char *lang)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(story_speaker(C[i].text, lang, -1), C[i].want) != 0)
            fail_msg("case %zu: speaker %s, want %s", i, story_speaker(C[i].text, lang, -1),
                     C[i].want);
}

/* English and French: "she" and "-t-elle" skip a man's name for the
 * woman named before him; a one-word name tells no gender ("Conway"). */
static void test_pronoun_gender_en_fr(void **state)
{
    (void)state;
    static const scase C[] = {
        {"Ambassador Marie Halvorsen testified on Friday. President Donald Trump attacked "
         "her on Twitter.\n\n\"I was shocked by what I read that morning,\" she said.",
         "Marie Halvorsen"},
        {"L'ambassadrice Marie Halvorsen a témoigné vendredi. Le président Donald Trump "
         "l'a attaquée.\n\n« Je n'ai pas compris pourquoi il m'attaquait », a-t-elle "
         "déclaré.",
         "Marie Halvorsen"},
        {"L'ambassadrice Marie Halvorsen a témoigné vendredi. Le président Donald Trump "
         "l'a attaquée.\n\n« Partout où elle est passée, les choses ont mal tourné », "
         "a-t-il écrit.",
         "Donald Trump"},
        {"Counsellor Kellyanne Conway spoke on Fox News.\n\n\"We learned that they have "
         "no case against the president,\" Conway said. \"Objections would have been "
         "flying from any attorney,\" she said.",
         "Conway"},
    };
    check_last_speakers(C, sizeof C / sizeof *C, NULL);
}

/* "He"/"she" after a new person opens a sentence since the last named
 * speaker's quote is that person; not one named inside a quotation, and
 * not one named in the middle of a sentence. */
static void test_pronoun_new_subject(void **state)
{
    (void)state;
    static const scase C[] = {
        {"\"We will pass the bill this week,\" Senator Alan Brooks said on Monday.\n\n"
         "Governor Maria Lopez, who opposes the bill, spoke on Tuesday.\n\n"
         "\"It will cost the state a fortune,\" she said.",
         "Maria Lopez"},
        {"\"We will pass the bill this week,\" Senator Alan Brooks said on Monday.\n\n"
         "Coach Jim Nolan said the team was ready.\n\n"
         "\"We have a lot of skill in our lineup,\" he said.",
         "Jim Nolan"},
        /* the new name is inside a quotation, or not a sentence's subject */
        {"\"We will pass the bill this week,\" Senator Alan Brooks said on Monday.\n\n"
         "\"Everyone agrees. Jim Nolan told me so,\" Brooks said.\n\n"
         "\"It will be a good law for the state,\" he added.",
         "Alan Brooks"},
        {"\"We will pass the bill this week,\" Senator Alan Brooks said on Monday.\n\n"
         "The vote was delayed by Jim Nolan on Tuesday.\n\n"
         "\"It will be a good law for the state,\" he added.",
         "Alan Brooks"},
    };
    check_last_speakers(C, sizeof C / sizeof *C, NULL);
}

/* Korean: the topic before the quote, with the quoting particle after it;
 * 그는 (he) is the last named speaker. */
static void test_korean(void **state)
{
    (void)state;
    /* 박 감독은 “베트남 국민의 성원이 원동력이 됐다”고 말했다. 그는 “모두 잘했다”고 했다. */
    const char *t = "\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85\xEC\x9D\x80 \xE2\x80\x9C"
                    "\xEB\xB2\xA0\xED\x8A\xB8\xEB\x82\xA8 \xEA\xB5\xAD\xEB\xAF\xBC\xEC\x9D\x98 "
                    "\xEC\x84\xB1\xEC\x9B\x90\xEC\x9D\xB4 \xEC\x9B\x90\xEB\x8F\x99\xEB\xA0\xA5"
                    "\xEC\x9D\xB4 \xEB\x90\x90\xEB\x8B\xA4\xE2\x80\x9D\xEA\xB3\xA0 "
                    "\xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4. \xEA\xB7\xB8\xEB\x8A\x94 \xE2\x80\x9C"
                    "\xEC\x84\xA0\xEC\x88\x98\xEB\x93\xA4\xEC\x9D\xB4 \xEB\xAA\xA8\xEB\x91\x90 "
                    "\xEC\x9E\x98 \xED\x96\x88\xEB\x8B\xA4\xE2\x80\x9D\xEA\xB3\xA0 "
                    "\xED\x96\x88\xEB\x8B\xA4.";
    assert_string_equal(speaker(t, 0), "\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85");
    assert_string_equal(speaker(t, 1), "\xEB\xB0\x95 \xEA\xB0\x90\xEB\x8F\x85");
}

/* German "er" and "sie" after the verb ("sagt er im Gespräch") or before
 * the colon ("Einmal schrieb sie:") stand for the last person of that
 * gender whose first name says so; a noun phrase after a first name
 * ("Art der Zivilisation") is none. A role with the name set off by
 * commas is the name. */
static void test_german_pronouns(void **state)
{
    (void)state;
    static const scase C[] = {
        {"Der freie Markt werde zerst\xC3\xB6rt, meint Alexander Isawnin.\n\n"
         "\xE2\x80\x9EMit dem Gesetz hat der Staat das Instrument\xE2\x80\x9C, sagt er im "
         "Gespr\xC3\xA4" "ch mit der Presse.",
         "Alexander Isawnin"},
        {"Die Analystin Anna Schmidt widerspricht.\n\nEinmal schrieb sie: "
         "\xE2\x80\x9EIch muss mich gar nicht entscheiden, was ich abonniere.\xE2\x80\x9C",
         "Anna Schmidt"},
        /* "sie" is not the man named before */
        {"Der Trainer Thomas Weber kam am Montag.\n\nEinmal schrieb sie: "
         "\xE2\x80\x9EIch muss mich gar nicht entscheiden, was ich abonniere.\xE2\x80\x9C",
         "?"},
        {"Venedig ist ein Symbol der Art der Zivilisation, sagt man.\n\n"
         "\xE2\x80\x9E" "Die Langsamkeit, mit der das Meer abnimmt, ist gro\xC3\x9F\xE2\x80\x9C, "
         "schrieb er.",
         "?"},
        {"\xE2\x80\x9EUnser Team hat hart gearbeitet, um Antworten zu geben\xE2\x80\x9C, "
         "sagte der Vizechef der Polizei Essex, Tim Smith.",
         "Tim Smith"},
        /* after the comma no name but a clause */
        {"\xE2\x80\x9EUnser Team hat hart gearbeitet, um Antworten zu geben\xE2\x80\x9C, "
         "sagte der Trainer nach dem Spiel, Bayern M\xC3\xBCnchen sei stark.",
         "Trainer"},
    };
    check_last_speakers(C, sizeof C / sizeof *C, "de");
}

static void test_grouping(void **state)
{
    (void)state;
    sl_doc *d[2];
    d[0] = mkdoc("a", "Russian President Vladimir Putin wrote to the winner.\n\n"
                      "\"Cooperation based on equality and mutual respect would be in the "
                      "interest of both peoples,\" the statement said.");
    d[1] = mkdoc("b", "Putin sent a message.\n\nHe added that \"cooperation based on the "
                      "principles of equality and mutual respect would meet the interests of "
                      "the peoples of both countries.\"");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 2);
    sl_quote *q;
    size_t n = sl_quotes_find((const sl_doc *const *)d, 2, E, &q);
    assert_int_equal(n, 1);
    assert_int_equal(q[0].ndocs, 2);
    assert_string_equal(q[0].speaker, "Vladimir Putin");
    sl_quotes_free(q, n);
    sl_entities_free(E);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

/* One article: a statement it repeats (a pull quote above the body) is
 * one quote; two different statements stay two. */
static void test_grouping_in_article(void **state)
{
    (void)state;
    sl_doc *d[1];
    d[0] = mkdoc("a", "\"We will rebuild every school before the winter,\" Smith said.\n\n"
                      "The storm closed roads across the county.\n\n"
                      "\"We will rebuild every school before the winter, and the roads "
                      "after them,\" Smith told the council. \"Nobody expected the river to "
                      "rise that fast,\" Brown said.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 1);
    sl_quote *q;
    size_t n = sl_quotes_find((const sl_doc *const *)d, 1, E, &q);
    assert_int_equal(n, 2);
    int smith = 0, brown = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(q[i].ndocs, 1);
        smith += q[i].speaker && !strcmp(q[i].speaker, "Smith");
        brown += q[i].speaker && !strcmp(q[i].speaker, "Brown");
    }
    assert_int_equal(smith, 1);
    assert_int_equal(brown, 1);
    sl_quotes_free(q, n);
    sl_entities_free(E);
    sl_doc_free(d[0]);
}

/* The repeat is found by the shorter quote's closing words too (its
 * opening ones, capitalised, are not in the longer one); a quote that
 * differs from the other in its last byte as well is no repeat. */
static void test_repeat_by_ending(void **state)
{
    (void)state;
    static const char *const SHORT[] = {"The roads will be rebuilt by the spring",
                                        "The roads will be rebuilt by the springs"};
    for (int i = 0; i < 2; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "\"%s,\" Smith said.\n\nThe storm closed roads.\n\n\"Every school "
                 "first, and then the roads will be rebuilt by the spring, he promised "
                 "us,\" Smith told the council.",
                 SHORT[i]);
        sl_doc *d = mkdoc("a", text);
        sl_quote *q;
        size_t n = sl_quotes_find((const sl_doc *const *)&d, 1, NULL, &q);
        assert_int_equal(n, i == 0 ? 1 : 2);
        sl_quotes_free(q, n);
        sl_doc_free(d);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    const char *odd[] = {"\"", "\"\"", "\xE2\x80\x9C unclosed and long enough to count here",
                         "``", "'' said X", "\xE2\x80\x9D closing first \xE2\x80\x9C", ""};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        sl_quote *q;
        size_t n = sl_quotes_in_text(odd[i], NULL, &q);
        assert_true(n <= 1);
        sl_quotes_free(q, n);
    }
}

/* The link test answers as two memmem calls on random lines made of
 * pieces of links and prose, at every length. */
static void test_has_link(void **state)
{
    (void)state;
    static const char *const P[] = {"http", "htt", "h", "p", "www", "ww", ".", "w.", "a", " ",
                                    "ttp", "p.", "www.", "\xD0\xB4", "s://"};
    unsigned seed = 7;
    char t[128];
    int links = 0, plain = 0;
    for (int round = 0; round < 4000; round++) {
        size_t n = 0;
        int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 20;
        for (int p = 0; p < k; p++) {
            const char *x = P[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof P / sizeof *P)];
            memcpy(t + n, x, strlen(x));
            n += strlen(x);
        }
        for (size_t m = 0; m <= n; m++) {
            int want = memmem(t, m, "http", 4) != NULL || memmem(t, m, "www.", 4) != NULL;
            if (sl_quotes_has_link(t, m) != want)
                fail_msg("\"%.*s\": %d, want %d", (int)m, t, !want, want);
            links += want;
            plain += !want;
        }
    }
    assert_true(links > 1000 && plain > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns), cmocka_unit_test(test_inheritance),
        cmocka_unit_test(test_grouping), cmocka_unit_test(test_grouping_in_article),
        cmocka_unit_test(test_repeat_by_ending), cmocka_unit_test(test_russian),
        cmocka_unit_test(test_marks), cmocka_unit_test(test_verb_first),
        cmocka_unit_test(test_romance_verbs),
        cmocka_unit_test(test_speaker_inside),
        cmocka_unit_test(test_english_more),
        cmocka_unit_test(test_pronoun_not_body),
        cmocka_unit_test(test_role_speakers), cmocka_unit_test(test_speaker_parts), cmocka_unit_test(test_grouping_short),
        cmocka_unit_test(test_speaker_entities), cmocka_unit_test(test_pronoun_case_gender),
        cmocka_unit_test(test_pronoun_gender_en_fr),
        cmocka_unit_test(test_pronoun_new_subject), cmocka_unit_test(test_german),
        cmocka_unit_test(test_german_pronouns), cmocka_unit_test(test_korean),
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_bad_input), cmocka_unit_test(test_has_link)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
