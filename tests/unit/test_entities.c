/* Unit tests of entities: typing by gazetteer, title and suffix, merging
 * of surnames and place aliases, sentence-initial words, canonical names. */
#include "harness.h"
#include "docs.h"
#include "doc.h"
#include "entities.h"
#include "gazetteer.h"
#include "util.h"


static sl_doc *mkdoc(const char *id, const char *title, const char *text)
{
    return test_doc(id, title, NULL, text);
}

/* An article in lang (test_doc makes English ones). */
static sl_doc *mkdoc_in(const char *lang, const char *id, const char *text)
{
    sl_doc *d = test_doc(id, NULL, NULL, text);
    free(d->lang);
    d->lang = sl_xstrdup(lang);
    return d;
}

static sl_doc *mkdoc_ru(const char *id, const char *text) { return mkdoc_in("ru", id, text); }

static const sl_entity *find(const sl_entities *E, const char *name)
{
    for (size_t i = 0; i < sl_entities_count(E); i++)
        if (strcmp(sl_entities_at(E, i)->name, name) == 0)
            return sl_entities_at(E, i);
    return NULL;
}

/* E lists name as type, with count mentions (any count when count < 0). */
static void expect(const sl_entities *E, const char *name, int type, int count)
{
    const sl_entity *e = find(E, name);
    if (!e)
        fail_msg("no entity %s", name);
    assert_int_equal(e->type, type);
    if (count >= 0)
        assert_int_equal(e->count, count);
}

static void test_gazetteer(void **state)
{
    (void)state;
    assert_string_equal(sl_gaz_place("U.S.", 4), "United States");
    assert_string_equal(sl_gaz_place("France", 6), "France");
    assert_null(sl_gaz_place("Putin", 5));
    assert_true(sl_gaz_first_name("Angela", 6));
    assert_false(sl_gaz_first_name("Kremlin", 7));
    /* common names of the census lists, but not their English words */
    assert_true(sl_gaz_first_name("Donald", 6));
    assert_true(sl_gaz_first_name("Walter", 6));
    assert_false(sl_gaz_first_name("Young", 5));
    assert_false(sl_gaz_first_name("Summer", 6));
    /* countries in other languages, as written; not where the name is also
     * an English first name or word */
    assert_string_equal(sl_gaz_place("Deutschland", 11), "Deutschland");
    assert_string_equal(sl_gaz_place("Estados Unidos", 14), "Estados Unidos");
    assert_null(sl_gaz_place("Maurice", 7));
    assert_null(sl_gaz_place("Argentine", 9));
}

/* A person named without a title, by a common first name, in English and
 * in another language, takes in the bare surname. */
static void test_first_name_without_title(void **state)
{
    (void)state;
    sl_doc *d[2];
    d[0] = mkdoc("a", NULL,
                 "Donald Tusk spoke to reporters in Brussels on Monday. Tusk said the talks "
                 "would go on next week.");
    d[1] = mkdoc("b", NULL,
                 "Um aliado de Walter Salles foi condenado nesta sexta-feira. Salles criticou "
                 "a decis\xC3\xA3o do tribunal.");
    free(d[1]->lang);
    d[1]->lang = sl_xstrdup("pt");
    for (int i = 0; i < 2; i++) {
        sl_entities *E = sl_entities_build((const sl_doc *const *)&d[i], 1);
        const sl_entity *p = find(E, i == 0 ? "Donald Tusk" : "Walter Salles");
        assert_non_null(p);
        assert_int_equal(p->type, SL_ENT_PERSON);
        assert_int_equal(p->count, 2);
        assert_null(find(E, i == 0 ? "Tusk" : "Salles"));
        sl_entities_free(E);
        sl_doc_free(d[i]);
    }
}

static void test_story(void **state)
{
    (void)state;
    sl_doc *d[2];
    d[0] = mkdoc("a", "Merkel meets Macron in Paris",
                 "German Chancellor Angela Merkel met French President Emmanuel Macron in "
                 "Paris on Monday. Merkel said the talks were useful. Officials of the "
                 "European Commission joined them. The U.S. was not invited.");
    d[1] = mkdoc("b", NULL,
                 "Angela Merkel and Emmanuel Macron spoke to reporters in Paris. Macron "
                 "praised the Green Party. However, the United States sent an envoy to the "
                 "talks, a spokesman for the Elysee said.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 2);
    const sl_entity *m = find(E, "Angela Merkel");
    assert_non_null(m);
    assert_int_equal(m->type, SL_ENT_PERSON);
    assert_true(m->count >= 3); /* "Merkel" merged in */
    assert_int_equal(m->docs, 2);
    assert_null(find(E, "Merkel"));
    const sl_entity *us = find(E, "United States");
    assert_non_null(us);
    assert_int_equal(us->type, SL_ENT_PLACE);
    assert_int_equal(us->count, 2); /* "U.S." and "United States" */
    assert_int_equal(find(E, "European Commission")->type, SL_ENT_ORG);
    assert_int_equal(find(E, "Green Party")->type, SL_ENT_ORG);
    assert_int_equal(find(E, "Paris")->type, SL_ENT_PLACE);
    /* sentence openers and titles are not entities */
    assert_null(find(E, "Officials"));
    assert_null(find(E, "However"));
    assert_null(find(E, "German Chancellor Angela Merkel"));
    assert_null(find(E, "French"));
    /* salience: the title's people come first */
    assert_true(sl_entities_at(E, 0)->salience >= 0.99);
    int type = -1;
    assert_string_equal(sl_entities_canonical(E, "Merkel", 6, &type), "Angela Merkel");
    assert_int_equal(type, SL_ENT_PERSON);
    const char *s = "President Emmanuel Macron";
    assert_string_equal(sl_entities_canonical(E, s, strlen(s), NULL), "Emmanuel Macron");
    assert_string_equal(sl_entities_canonical(E, "the U.S.", 8, NULL), "United States");
    assert_null(sl_entities_canonical(E, "he", 2, NULL));
    sl_entities_free(E);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

static void test_bad_input(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("z", "\xE2\x80\x9C", "A \xE2\x80\x9C B. C\xE2\x80\x99s D-E-F G. H. I. "
                                          "J K L M N O P Q R S T U V W X Y Z. \xC3\x89mile "
                                          "Zola wrote. \xC3\x89mile said.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    for (size_t i = 0; i < sl_entities_count(E); i++)
        assert_non_null(sl_entities_at(E, i)->name);
    sl_entities_free(E);
    sl_doc_free(d);
    E = sl_entities_build(NULL, 0);
    assert_int_equal(sl_entities_count(E), 0);
    sl_entities_free(E);
}

/* A name never opens on a connector word left after a skipped opener or
 * a title ("As of October", "Professor of Surgery"). */
static void test_connector_start(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", NULL,
                      "As of October the clinic had treated many patients. The hospital "
                      "hired a new Professor of Surgery last year. As of October the wards "
                      "were full. She is a Professor of Surgery too.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    for (size_t i = 0; i < sl_entities_count(E); i++) {
        const char *name = sl_entities_at(E, i)->name;
        assert_false(strncmp(name, "of ", 3) == 0);
    }
    assert_non_null(find(E, "Surgery"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* A sentence's capitalised first word is dropped from a name when the
 * story writes it in lower case anywhere (in another article too), and
 * only then: a look-alike of the same letter and length is not it. (The
 * name has no known first name, which would split it off anyway: see
 * test_inner_first_name.) */
static void test_initial_lower(void **state)
{
    (void)state;
    const char *lead = "Witness Okonkwo Adeyemi described the night to the court in Moscow.";
    sl_doc *d[2];
    d[0] = mkdoc("a", NULL, lead);
    d[1] = mkdoc("b", NULL, "The court heard a second witness, and Okonkwo Adeyemi left.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 2);
    assert_non_null(find(E, "Okonkwo Adeyemi"));
    assert_null(find(E, "Witness Okonkwo Adeyemi"));
    sl_entities_free(E);
    sl_doc_free(d[1]);
    d[1] = mkdoc("b", NULL, "The court wonders, and Okonkwo Adeyemi left.");
    E = sl_entities_build((const sl_doc *const *)d, 2);
    assert_non_null(find(E, "Witness Okonkwo Adeyemi"));
    sl_entities_free(E);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

/* The same beyond ASCII: a Cyrillic capital is lowered as its letter, not
 * as its bytes ("Сегодня" opens a sentence, "сегодня" sits in one), a
 * capitalised function word ("В") is no part of a name, and a name after
 * it does not open its sentence. */
static void test_initial_lower_cyrillic(void **state)
{
    (void)state;
    sl_doc *d[1];
    d[0] = mkdoc_ru("a",
                 "\xD0\xA1\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8F \xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 "
                 "\xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB0 \xD1\x83\xD0\xB5\xD1\x85\xD0\xB0\xD0\xBB\xD0\xB0. "
                 "\xD0\x92 \xD0\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBD\xD0\xB8 \xD0\xB4\xD0\xBE\xD0\xB6\xD0\xB4\xD1\x8C. "
                 "\xD0\x9E\xD0\xBD\xD0\xB0 \xD0\xB2\xD0\xB5\xD1\x80\xD0\xBD\xD1\x91\xD1\x82\xD1\x81\xD1\x8F "
                 "\xD1\x81\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8F.");
    /* "Сегодня Анна Петрова уехала. В Казани дождь. Она вернётся сегодня." */
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 1);
    const char *anna = "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB0";
    /* "Казани" is the place Казань (the Russian gazetteer) */
    const char *kazan = "\xD0\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBD\xD1\x8C";
    assert_non_null(find(E, anna));
    assert_non_null(find(E, kazan));
    assert_int_equal(find(E, kazan)->type, SL_ENT_PLACE);
    for (size_t i = 0; i < sl_entities_count(E); i++) {
        const char *nm = sl_entities_at(E, i)->name;
        assert_null(strstr(nm, "\xD0\xA1\xD0\xB5\xD0\xB3")); /* no "Сег..." */
        assert_false(nm[0] == '\xD0' && nm[1] == '\x92' && nm[2] == ' '); /* no "В ..." */
    }
    sl_entities_free(E);
    sl_doc_free(d[0]);
}

/* In an inflected language a name's forms are one entity, shown in its
 * shortest form: "Путин", "Путина", "Путину" -> "Путин" (3); an English
 * article of the story that writes a name as is joins it too. */
static void test_inflected_names(void **state)
{
    (void)state;
    sl_doc *d[2];
    /* "Вчера приехал Путин. Журналисты ждали Путина у входа. Награду
     * вручили Путину вечером." */
    d[0] = mkdoc_ru("a",
                 "\xD0\x92\xD1\x87\xD0\xB5\xD1\x80\xD0\xB0 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD1\x85\xD0\xB0\xD0\xBB "
                 "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD. "
                 "\xD0\x96\xD1\x83\xD1\x80\xD0\xBD\xD0\xB0\xD0\xBB\xD0\xB8\xD1\x81\xD1\x82\xD1\x8B \xD0\xB6\xD0\xB4\xD0\xB0\xD0\xBB\xD0\xB8 "
                 "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0 \xD1\x83 \xD0\xB2\xD1\x85\xD0\xBE\xD0\xB4\xD0\xB0. "
                 "\xD0\x9D\xD0\xB0\xD0\xB3\xD1\x80\xD0\xB0\xD0\xB4\xD1\x83 \xD0\xB2\xD1\x80\xD1\x83\xD1\x87\xD0\xB8\xD0\xBB\xD0\xB8 "
                 "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD1\x83 \xD0\xB2\xD0\xB5\xD1\x87\xD0\xB5\xD1\x80\xD0\xBE\xD0\xBC.");
    d[1] = mkdoc("b", NULL, "The award went to \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD1\x83 "
                            "after the speech.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 2);
    const sl_entity *x = find(E, "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD");
    assert_non_null(x);
    assert_int_equal(x->count, 4);
    assert_int_equal(x->docs, 2);
    assert_null(find(E, "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0"));
    assert_null(find(E, "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD1\x83"));
    int t;
    const char *putina = "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0";
    assert_string_equal(sl_entities_canonical(E, putina, strlen(putina), &t), x->name);
    sl_entities_free(E);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

/* A one-word name that is a common surname is a person even without a
 * first name or a title in the story; another one-word name is not. */
static void test_surname_alone(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", NULL, "Reporters asked about the plan of Kennedy on Monday, and "
                                 "the board of Zorblax said nothing about the plan.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *k = find(E, "Kennedy");
    assert_non_null(k);
    assert_int_equal(k->type, SL_ENT_PERSON);
    const sl_entity *z = find(E, "Zorblax");
    assert_non_null(z);
    assert_int_not_equal(z->type, SL_ENT_PERSON);
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Arabic (arabic.h): people after titles, places with prefixes, a
 * listed organisation; a surname alone after a speech verb joins the full
 * name, a spelling without hamza the place; canonical names of mentions
 * as written. */
static void test_arabic(void **state)
{
    (void)state;
    sl_doc *d = test_doc("a", NULL, NULL,
                         "وقال مبعوث الأمم المتحدة للشرق الأوسط، نيكولاي ملادينوف، إنه لا "
                         "مبرر لمهاجمة المدنيين في قطاع غزة.\n\nوأضاف ملادينوف أن "
                         "الأمم المتحدة تدعو اسرائيل إلى التحقيق. وزار الوفد بيروت ثم "
                         "إسرائيل.");
    free(d->lang);
    d->lang = sl_xstrdup("ar");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *m = find(E, "نيكولاي ملادينوف");
    assert_non_null(m);
    assert_int_equal(m->type, SL_ENT_PERSON);
    assert_int_equal(m->count, 2); /* "ملادينوف" alone joined it */
    assert_null(find(E, "ملادينوف"));
    const sl_entity *il = find(E, "إسرائيل");
    assert_non_null(il);
    assert_int_equal(il->type, SL_ENT_PLACE);
    assert_int_equal(il->count, 2); /* "اسرائيل" too */
    assert_int_equal(find(E, "قطاع غزة")->type, SL_ENT_PLACE);
    assert_int_equal(find(E, "بيروت")->type, SL_ENT_PLACE);
    assert_int_equal(find(E, "الأمم المتحدة")->type, SL_ENT_ORG);
    int type = -1;
    const char *c = sl_entities_canonical(E, "ملادينوف", strlen("ملادينوف"), &type);
    assert_non_null(c);
    assert_string_equal(c, "نيكولاي ملادينوف");
    assert_int_equal(type, SL_ENT_PERSON);
    assert_null(sl_entities_canonical(E, "الوفد", strlen("الوفد"), NULL));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* A known Russian first name inside a run opens a person's name; the
 * words before it are a mention of their own; the canonical name of the
 * whole run is the person's. English runs are not split so (its
 * first-name lists hold words: "Bank", "York"). */
static void test_inner_first_name(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("a", NULL, "The fund said on Monday that New York Bank Carrie Lam would "
                                 "visit the city.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    assert_non_null(find(E, "New York Bank Carrie Lam"));
    sl_entities_free(E);
    sl_doc_free(d);
    d = mkdoc_ru("r", "Вице-премьер Правительства РФ Виталий Мутко посетил Казань. "
                      "Школы строятся быстро, отметили в городе.");
    E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *mutko = find(E, "Виталий Мутко");
    assert_non_null(mutko);
    assert_int_equal(mutko->type, SL_ENT_PERSON);
    assert_null(find(E, "Правительства РФ Виталий Мутко"));
    const char *run = "Правительства РФ Виталий Мутко";
    int type = -1;
    assert_string_equal(sl_entities_canonical(E, run, strlen(run), &type), "Виталий Мутко");
    assert_int_equal(type, SL_ENT_PERSON);
    sl_entities_free(E);
    sl_doc_free(d);
}

/* English: a name opening on a first name that is also a place is its
 * team or school before a plural or such a word ("Washington State",
 * "Dallas Mavericks"), a person before a surname ("Jordan Henderson");
 * names with "of" or "for" are no people; "for" joins names ("Institute
 * for Fiscal Studies"); chrome prompts in capitals are no names; a
 * dateline's place in capitals is the place. */
static void test_english_types(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("e", NULL,
                      "WASHINGTON (Reuters) - Jordan Henderson scored twice on Monday. "
                      "Washington State lost to the Dallas Mavericks fans' favourite team. "
                      "The Institute for Fiscal Studies said so. He entered the Hall of Fame "
                      "last year. READ: Other news. Jordan Henderson was happy and the "
                      "Institute for Fiscal Studies agreed. NEW YORK officials agreed too.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *x = find(E, "Jordan Henderson");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PERSON);
    x = find(E, "Washington State");
    assert_true(!x || x->type != SL_ENT_PERSON);
    x = find(E, "Dallas Mavericks");
    assert_true(!x || x->type != SL_ENT_PERSON);
    x = find(E, "Hall of Fame");
    assert_true(!x || x->type != SL_ENT_PERSON);
    x = find(E, "Institute for Fiscal Studies");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_ORG);
    assert_null(find(E, "READ"));
    x = find(E, "Washington");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    assert_null(find(E, "WASHINGTON"));
    x = find(E, "New York"); /* opening a sentence in capitals */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    assert_null(find(E, "YORK"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* German capitalises every noun: a capitalised word after an article, a
 * determiner, a number or an article and an adjective ("die Studie",
 * "40 Patienten", "eine neue Studie"), one made with a noun's suffix
 * ("Infektion") and days and months are no names; places, people,
 * acronyms, brands and compounds of a name ("Paul-Ehrlich-Institut") stay. */
static void test_german_nouns(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_in("de", "g",
                         "Eine neue Studie des RKI zeigt: 40 Patienten starben in Berlin. Laut "
                         "Studie ist die Infektion gefährlich, sagte Karl Lauterbach am Mittwoch. "
                         "Lauterbach sprach mit dem Paul-Ehrlich-Institut. Die Infektion breitet "
                         "sich aus. Auch Patienten in Hamburg und Microsoft melden das. "
                         "Danach reagierten YouTube und Microsoft am Mittwoch.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    assert_null(find(E, "Studie"));
    assert_null(find(E, "Patienten"));
    assert_null(find(E, "Infektion"));
    assert_null(find(E, "Mittwoch"));
    const sl_entity *x = find(E, "Karl Lauterbach");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PERSON);
    assert_non_null(find(E, "RKI"));
    assert_non_null(find(E, "Berlin"));
    assert_non_null(find(E, "Microsoft"));
    assert_non_null(find(E, "YouTube"));
    assert_non_null(find(E, "Paul-Ehrlich-Institut"));
    sl_entities_free(E);
    sl_doc_free(d);

    /* in English, "the Study" is no German noun */
    d = mkdoc("e", NULL, "The Lancet published it. Researchers at the Lancet agreed. "
                         "The Lancet said so.");
    E = sl_entities_build((const sl_doc *const *)&d, 1);
    assert_non_null(find(E, "Lancet"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* A German role written with a capital before a first name and a surname
 * is no part of the name ("Analystin Anna Schmidt"), in the entities and
 * in canonical look-ups; not in English, whose such runs name things
 * ("Aston Martin Vantage"). Titles of other languages ("Ministre",
 * "Bundeskanzlerin") are titles. "Secretary of State Mike Pompeo" is Mike
 * Pompeo; "President of Russia" names no person. */
static void test_roles_before_names(void **state)
{
    (void)state;
    sl_doc *d = test_doc("g", NULL, NULL,
                         "Die Analystin Anna Schmidt widerspricht. Am Montag sprach "
                         "Bundeskanzlerin Angela Merkel in Berlin. Der Präsident der "
                         "Vereinigten Staaten kam nicht.");
    free(d->lang);
    d->lang = sl_xstrdup("de");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *e = find(E, "Anna Schmidt");
    assert_non_null(e);
    assert_int_equal(e->type, SL_ENT_PERSON);
    assert_non_null(find(E, "Angela Merkel"));
    assert_null(find(E, "Analystin Anna Schmidt"));
    e = find(E, "Vereinigten Staaten");
    assert_true(!e || e->type != SL_ENT_PERSON);
    const char *run = "Die Analystin Anna Schmidt";
    int type = -1;
    assert_string_equal(sl_entities_canonical(E, run, strlen(run), &type), "Anna Schmidt");
    sl_entities_free(E);
    sl_doc_free(d);

    d = mkdoc("e", NULL, "The new Aston Martin Vantage was shown on Monday. Secretary of "
                         "State Mike Pompeo spoke later. President of Russia Vladimir Putin "
                         "did not. The Ministre Boubacar Bah was there.");
    E = sl_entities_build((const sl_doc *const *)&d, 1);
    assert_null(find(E, "Martin Vantage"));
    e = find(E, "Mike Pompeo");
    assert_non_null(e);
    assert_int_equal(e->type, SL_ENT_PERSON);
    assert_null(find(E, "State Mike Pompeo"));
    assert_non_null(find(E, "Vladimir Putin"));
    assert_non_null(find(E, "Boubacar Bah"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Russian: a capitalised adjective before a lower-case noun is one name
 * with it ("Брянской области": the place Брянская область, by the
 * gazetteer's federal subjects), unless it opens the sentence or is a
 * first name ("Дмитрий решил"). */
static void test_russian_adjective_names(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_ru("r", "Учения прошли в Брянской области в понедельник. Губернатор "
                              "приехал к Брянской области вечером. Встреча прошла в Государственной "
                              "думе вечером. Вчера Дмитрий решил уехать. Главная задача решена.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *x = find(E, "Брянская область");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    assert_int_equal(x->count, 2);
    assert_null(find(E, "Брянской"));
    x = find(E, "Государственная дума"); /* in the nominative (ru_heads.h) */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_ORG);
    assert_null(find(E, "Государственной думе"));
    assert_null(find(E, "Государственной"));
    assert_null(find(E, "Дмитрий решил"));
    assert_null(find(E, "Главная задача"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Russian names of institutions and places: a capitalised adjective (in
 * any case) and the lower-case noun of an institution or place
 * (ru_heads.h), typed by that noun and shown in the nominative when the
 * noun is feminine or neuter. */
static void test_russian_institutions(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_ru(
        "r",
        "Жалобу рассмотрел Верховный суд страны. В Верховном суде ее отклонили. "
        "Представитель Следственного комитета сообщил о деле. Дело вел Следственный комитет. "
        "Крупный банк объявил о сделке, и этот крупный банк закрыт. "
        "Снег выпал в Самарской и Курской областях. Южные районы города без света. "
        "На место выехали спасатели МЧС Пермского края. "
        "Об этом сообщило Управление Пенсионного фонда. "
        "Решение приняли в Центральной избирательной комиссии. "
        "Дело рассмотрит Басманный районный суд. Обстрел шел у села Золотое Луганской области.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *x = find(E, "Верховный суд"); /* the oblique form is the same name */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_ORG);
    assert_int_equal(x->count, 2);
    assert_null(find(E, "Верховном"));
    x = find(E, "Следственный комитет"); /* a run opening on another word ends on its name */
    assert_non_null(x);
    assert_int_equal(x->count, 2);
    assert_null(find(E, "Представитель Следственного комитета"));
    assert_null(find(E, "Крупный банк")); /* the story writes "крупный" in lower case */
    x = find(E, "Курская область"); /* a noun that coordinated adjectives share */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    assert_null(find(E, "Южные районы")); /* plural: parts of a city */
    assert_non_null(find(E, "МЧС"));
    x = find(E, "Пермский край");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    x = find(E, "Управление Пенсионного фонда"); /* an institution of it: one name */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_ORG);
    assert_non_null(find(E, "Центральная избирательная комиссия"));
    x = find(E, "Басманный районный суд"); /* "районный" is an adjective, not "район" */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_ORG);
    assert_non_null(find(E, "Луганская область")); /* a village before its region */
    assert_null(find(E, "Золотое Луганской области"));
    sl_entities_free(E);
    sl_doc_free(d);

    /* masculine nouns: the nominative made by spelling, keyed alike with
     * the nominative written; one the text writes wins over the guess */
    d = mkdoc_ru("m", "Пожар начался в Ленинском районе ночью. Жители Ленинского района "
                      "спали. Учения прошли на Крымском полуострове вчера. Крымский полуостров "
                      "закрыли. Свет отключили в Ямском районе утром. Ямской район без света. "
                      "Концерт прошел в Большом зале вечером. Делегация уехала в Турцию.");
    E = sl_entities_build((const sl_doc *const *)&d, 1);
    x = find(E, "Ленинский район");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    assert_int_equal(x->count, 2);
    x = find(E, "Крымский полуостров"); /* "полуострове" and "полуостров": two stems */
    assert_non_null(x);
    assert_int_equal(x->count, 2);
    x = find(E, "Ямской район");
    assert_non_null(x);
    assert_int_equal(x->count, 2);
    assert_null(find(E, "Ямский район"));
    assert_null(find(E, "Большой залив")); /* "зал" has the stem of "залив" */
    x = find(E, "Турция"); /* iso-codes writes it "Türkiye" in Russian too */
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PLACE);
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Spanish, Portuguese, French and Italian institutions open on their noun
 * (romance_heads.h): typed organisations, with a title word inside them
 * ("Fiscalía General"), the lower-case adjectives French and Italian give
 * them, an article or a function word opening the sentence left out, and
 * an elided article ("l'Assemblée") taken off the name. */
static void test_romance_institutions(void **state)
{
    (void)state;
    sl_doc *d[3];
    d[0] = mkdoc_in("es", "a",
                    "Ayer, según la Fiscalía General, hubo fraude en la votación. La Fiscalía "
                    "General abrió una investigación junto al Banco Central de Venezuela. La Paz "
                    "recibió a los observadores.");
    d[1] = mkdoc_in("fr", "b",
                    "Selon le Conseil constitutionnel, la loi est valide. Les députés de "
                    "l'Assemblée nationale ont voté, et le Gouvernement appelle au calme. Le "
                    "président est parti pour l'Allemagne.");
    d[2] = mkdoc_in("it", "c", "Ieri la Corte costituzionale ha deciso sul caso.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)d, 3);
    const char *orgs[] = {"Fiscalía General", "Banco Central de Venezuela", "Conseil constitutionnel",
                          "Assemblée nationale", "Corte costituzionale", "Gouvernement"};
    for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++) {
        const sl_entity *x = find(E, orgs[i]);
        if (!x)
            fail_msg("%s not found", orgs[i]);
        assert_int_equal(x->type, SL_ENT_ORG);
    }
    assert_non_null(find(E, "La Paz"));                /* an article that is the name's */
    assert_null(find(E, "Selon le Conseil constitutionnel")); /* "Selon" opens no name */
    assert_null(find(E, "Gouvernement appelle"));      /* a verb, not an adjective */
    assert_non_null(find(E, "Allemagne"));             /* "l'Allemagne" */
    for (int i = 0; i < 3; i++)
        sl_doc_free(d[i]);
    sl_entities_free(E);
}

/* An elided article before a lower-case word opens a French sentence, not
 * a name; one before a capital is part of the name. */
static void test_elided_article(void **state)
{
    (void)state;
    sl_doc *d = mkdoc("f", NULL, "L'ambassadrice Marie Halvorsen a témoigné vendredi devant "
                                 "les élus. Le sénateur Patrick O'Brien l'a interrogée.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    assert_non_null(find(E, "Marie Halvorsen"));
    assert_non_null(find(E, "Patrick O'Brien"));
    sl_entities_free(E);
    sl_doc_free(d);

    /* inside an institution's name the elided article stays ("de l'",
     * Italian "dell'"); after a person's name it opens another */
    sl_doc *e[2];
    e[0] = mkdoc_in("fr", "g", "Le texte a été adopté par le Conseil de l'Europe mardi. "
                               "L'actrice a reçu avec Ellen Burstyn l'Oscar du meilleur rôle.");
    e[1] = mkdoc_in("it", "h", "Il presidente della Commissione dell'Unione europea ha parlato.");
    E = sl_entities_build((const sl_doc *const *)e, 2);
    assert_non_null(find(E, "Conseil de l'Europe"));
    assert_null(find(E, "Conseil"));
    assert_non_null(find(E, "Ellen Burstyn"));
    assert_null(find(E, "Ellen Burstyn l'Oscar"));
    assert_non_null(find(E, "Commissione dell'Unione europea"));
    sl_entities_free(E);
    sl_doc_free(e[0]);
    sl_doc_free(e[1]);
}

/* A Russian name written only in an oblique case is shown, typed and
 * keyed in the nominative ("Олегом Соколовым", "Олега Соколова" and
 * "Олег Соколов" are one person, though the stemmer cuts "Соколов" and
 * "Соколова" differently); a lone surname in another case joins it; a
 * word the story writes in lower case is no first name. */
static void test_russian_cases(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_ru("r", "Суд арестовал доцента Олега Соколова в понедельник. "
                              "Адвокат встретился с Олегом Соколовым вчера. "
                              "По словам Виталия Мутко, стадион готов. "
                              "Соколова доставили в суд. Власти Дагестана молчат. "
                              "Решение приняли власти города.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    const sl_entity *x = find(E, "Олег Соколов");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PERSON);
    assert_int_equal(x->count, 3);
    assert_null(find(E, "Олега Соколова"));
    x = find(E, "Виталий Мутко");
    assert_non_null(x);
    assert_int_equal(x->type, SL_ENT_PERSON);
    assert_null(find(E, "Власта Дагестан"));
    const char *run = "Виталия Мутко";
    int type = -1;
    assert_string_equal(sl_entities_canonical(E, run, strlen(run), &type), "Виталий Мутко");
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Russian: places from the Russian gazetteer in any case ("Киеве",
 * "Киева": Киев), a capitalised title opening a sentence is no part of
 * the name, a place in the genitive is split from the name after it
 * ("России Владимир Путин"), and a surname joins its full name by stems
 * ("Путина": Владимир Путин). */
static void test_russian_places_titles(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_ru("r", "\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 \xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD0\xB8 \xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD \xD0\xBF\xD1\x80\xD0\xB8\xD0\xBB\xD0\xB5\xD1\x82\xD0\xB5\xD0\xBB \xD0\xB2 \xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2. "
                 "\xD0\x9F\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80\xD1\x8B \xD0\xB2 \xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2\xD0\xB5 \xD0\xBF\xD1\x80\xD0\xBE\xD1\x88\xD0\xBB\xD0\xB8 \xD1\x81\xD0\xBF\xD0\xBE\xD0\xBA\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xBE.\n\n\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD0\xB8 \xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2\xD0\xB0 \xD0\xB7\xD0\xB0\xD1\x8F\xD0\xB2\xD0\xB8\xD0\xBB\xD0\xB8, \xD1\x87\xD1\x82\xD0\xBE \xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80 \xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4\xD0\xB5\xD0\xBB \xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 \xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2 \xD0\xB2\xD1\x81\xD1\x82\xD1\x80\xD0\xB5\xD1\x82\xD0\xB8\xD1\x82\xD1\x81\xD1\x8F \xD1\x81 \xD0\xBA\xD0\xBE\xD0\xBB\xD0\xBB\xD0\xB5\xD0\xB3\xD0\xB0\xD0\xBC\xD0\xB8. "
                 "\xD0\x93\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xB0 \xD0\x9C\xD0\x92\xD0\x94 \xD0\xA2\xD1\x83\xD1\x80\xD1\x86\xD0\xB8\xD0\xB8 \xD0\xA1\xD1\x83\xD0\xBB\xD0\xB5\xD0\xB9\xD0\xBC\xD0\xB0\xD0\xBD \xD0\xA1\xD0\xBE\xD0\xB9\xD0\xBB\xD1\x83 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB1\xD1\x8B\xD0\xBB \xD0\xB8\xD0\xB7 \xD0\x90\xD0\xBD\xD0\xBA\xD0\xB0\xD1\x80\xD1\x8B. "
                 "\xD0\x9F\xD0\xBE \xD1\x81\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBC \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0, \xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F \xD0\xB3\xD0\xBE\xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0. ");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    expect(E, "\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2", SL_ENT_PLACE, 2);
    expect(E, "\xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F", SL_ENT_PLACE, 2);
    expect(E, "\xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD", SL_ENT_PERSON, 2);
    assert_null(find(E, "\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 \xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD0\xB8 \xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* Russian: a borrowed place name that does not decline ("Мали", "Перу")
 * is found as written only, so a word with its stem ("Малом театре",
 * "Мало кто") names no place; a declining name still is found in any case
 * ("на Ставрополье"). */
static void test_russian_indeclinable_places(void **state)
{
    (void)state;
    sl_doc *d = mkdoc_ru("r", "\xD0\x90\xD0\xBA\xD1\x82\xD1\x80\xD0\xB8\xD1\x81\xD0\xB0 \xD0\xBC\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE \xD0\xBB\xD0\xB5\xD1\x82 \xD0\xB8\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBB\xD0\xB0 \xD0\xB2 \xD0\x9C\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xBC \xD1\x82\xD0\xB5\xD0\xB0\xD1\x82\xD1\x80\xD0\xB5. \xD0\x9C\xD0\xB0\xD0\xBB\xD0\xBE \xD0\xBA\xD1\x82\xD0\xBE \xD0\xB7\xD0\xBD\xD0\xB0\xD0\xBB \xD0\xBE\xD0\xB1 \xD1\x8D\xD1\x82\xD0\xBE\xD0\xBC. \xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 \xD0\x9C\xD0\xB0\xD0\xBB\xD0\xB8 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB1\xD1\x8B\xD0\xBB \xD0\xB2 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD1\x83, \xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC \xD0\xBF\xD0\xBE\xD0\xBB\xD0\xB5\xD1\x82\xD0\xB5\xD0\xBB \xD0\xB2 \xD0\x9F\xD0\xB5\xD1\x80\xD1\x83. \xD0\x9F\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC \xD0\xBE\xD0\xBD \xD0\xB1\xD1\x8B\xD0\xBB \xD0\xBD\xD0\xB0 \xD0\xA1\xD1\x82\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xB5.");
    sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
    expect(E, "\xD0\x9C\xD0\xB0\xD0\xBB\xD0\xB8", SL_ENT_PLACE, 1);
    expect(E, "\xD0\x9F\xD0\xB5\xD1\x80\xD1\x83", SL_ENT_PLACE, -1);
    expect(E, "\xD0\xA1\xD1\x82\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 \xD0\xBA\xD1\x80\xD0\xB0\xD0\xB9", SL_ENT_PLACE, -1);
    sl_entities_free(E);
    sl_doc_free(d);
    /* a short name the news uses alone ("Коми") is its place, one entity
     * with the full name */
    d = mkdoc_ru("k", "\xD0\x92\xD1\x87\xD0\xB5\xD1\x80\xD0\xB0 \xD0\xB3\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xB0 \xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB8 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD1\x85\xD0\xB0\xD0\xBB \xD0\xB2 \xD0\xA1\xD1\x8B\xD0\xBA\xD1\x82\xD1\x8B\xD0\xB2\xD0\xBA\xD0\xB0\xD1\x80. \xD0\x92 \xD0\xA0\xD0\xB5\xD1\x81\xD0\xBF\xD1\x83\xD0\xB1\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xB5 \xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB8 \xD0\xB2\xD1\x8B\xD0\xBF\xD0\xB0\xD0\xBB \xD1\x81\xD0\xBD\xD0\xB5\xD0\xB3. \xD0\x9A\xD0\xB0\xD0\xBA \xD1\x81\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB8\xD0\xBB\xD0\xB8 \xD0\xB2 \xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB8, \xD1\x81\xD0\xBD\xD0\xB5\xD0\xB3 \xD0\xBB\xD0\xB5\xD0\xB6\xD0\xB8\xD1\x82.");
    E = sl_entities_build((const sl_doc *const *)&d, 1);
    expect(E, "\xD0\xA0\xD0\xB5\xD1\x81\xD0\xBF\xD1\x83\xD0\xB1\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xB0 \xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB8", SL_ENT_PLACE, 3);
    assert_null(find(E, "\xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB8"));
    sl_entities_free(E);
    sl_doc_free(d);
}

/* A capitalised function word inside a sentence names no one, and a name
 * spelt like one but for a byte (first, middle or last, at every length
 * the answers are kept for and past it) is still a name, whichever of
 * the two comes first. */
static void test_function_words_alike(void **state)
{
    (void)state;
    static const char *const PAIRS[][2] = {
        {"Us", "Ur"},           {"Why", "Wry"},           {"Whom", "Whim"},
        {"Whether", "Whither"}, {"Including", "Excluding"}, {"Themselves", "Themselvez"},
        {"\xD0\x9A\xD0\xBE\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB3\xD0\xBE", /* Которого */
         "\xD0\x9A\xD0\xBE\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB3\xD0\xB0"}};
    for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++)
        for (int first = 0; first < 2; first++) {
            const char *a = PAIRS[i][first], *b = PAIRS[i][!first];
            char text[512];
            snprintf(text, sizeof text,
                     "Reporters saw %s there. Reporters saw %s there. Reporters saw %s "
                     "again. Reporters saw %s again.",
                     a, b, a, b);
            sl_doc *d = mkdoc("a", NULL, text);
            sl_entities *E = sl_entities_build((const sl_doc *const *)&d, 1);
            const sl_entity *name = find(E, PAIRS[i][1]);
            assert_non_null(name);
            assert_int_equal(name->count, 2);
            assert_null(find(E, PAIRS[i][0]));
            sl_entities_free(E);
            sl_doc_free(d);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_gazetteer),
                                       cmocka_unit_test(test_first_name_without_title),
                                       cmocka_unit_test(test_story),
                                       cmocka_unit_test(test_bad_input),
                                       cmocka_unit_test(test_connector_start),
                                       cmocka_unit_test(test_initial_lower),
                                       cmocka_unit_test(test_initial_lower_cyrillic),
                                       cmocka_unit_test(test_inflected_names), cmocka_unit_test(test_russian_places_titles),
                                       cmocka_unit_test(test_inner_first_name),
        cmocka_unit_test(test_roles_before_names),
                                       cmocka_unit_test(test_russian_cases),
                                       cmocka_unit_test(test_russian_indeclinable_places),
                                       cmocka_unit_test(test_elided_article),
                                       cmocka_unit_test(test_russian_adjective_names),
                                       cmocka_unit_test(test_german_nouns),
                                       cmocka_unit_test(test_english_types),
        cmocka_unit_test(test_russian_institutions),
        cmocka_unit_test(test_romance_institutions),
                                       cmocka_unit_test(test_surname_alone),
                                       cmocka_unit_test(test_arabic),
                                       cmocka_unit_test(test_function_words_alike)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
