/*
 * ru_heads: the nouns that head Russian names of institutions and places
 * written as a capitalised adjective and a lower-case noun ("Верховный
 * суд", "Следственный комитет", "Белый дом", "Красная площадь").
 *
 * Russian capitalises only the first word of such a name, so the noun
 * looks like any other word; what tells a name is the adjective's capital
 * and a noun that institutions and places are named with. The nouns are
 * known by their stems, so every case counts ("в Верховном суде",
 * "Следственного комитета").
 */
#ifndef SL_RU_HEADS_H
#define SL_RU_HEADS_H

#include <stddef.h>

/* SL_ENT_ORG or SL_ENT_PLACE when the Russian word w[0..n) (any case, any
 * capitalisation) is a form of a noun that heads names of that type; -1
 * when it is not. *ending (when given) is then the form's case ending,
 * lower-case ("" for the stem alone, "е" of "суде", "ах" of "районах"): a
 * static string. Safe to call from several threads. */
int sl_ru_head(const char *w, size_t n, const char **ending);

/* Can the Russian adjective adj[0..n) (a word ending as one) and a noun
 * with that case ending (sl_ru_head's) be one singular name? Not a plural
 * adjective ("Южные районы": parts of a city, not a name), nor a singular
 * one with a plural noun ("в Петушинском и Суздальском районах"). */
int sl_ru_agree(const char *adj, size_t n, const char *ending);

/* The nominative of a Russian name of adjectives and a head noun
 * (name[0..n), words separated by single spaces) in another case
 * ("Николаевской области": Николаевская область, "в Законодательном
 * собрании": Законодательное собрание, "Ленинском районе": Ленинский
 * район) into out (cap bytes, NUL-terminated). Returns 1 if written, 2 if
 * the name is in the nominative already, 0 if it is no such name. A
 * masculine adjective's nominative ends in -ый, -ий or -ой, which the
 * stress decides: -ой for a list of stems that name places and
 * institutions often ("Областном": Областной), otherwise by spelling, so
 * a name the text writes in the nominative is surer (2). */
int sl_ru_head_nominative(const char *name, size_t n, char *out, size_t cap);

#endif
