/*
 * romance_heads: words that shape names of institutions in Spanish,
 * Portuguese, French and Italian, where the noun of the institution comes
 * first ("Banco Central de Venezuela", "Ministério da Saúde", "Conseil
 * constitutionnel", "Corte costituzionale"), and the function words that
 * open sentences there but never a name ("Según", "Selon", "Secondo").
 */
#ifndef SL_ROMANCE_HEADS_H
#define SL_ROMANCE_HEADS_H

#include <stddef.h>

/* Is w[0..n), as written (capitalised), the noun of an institution that
 * opens its name in one of these languages ("Fiscalía", "Assemblée",
 * "Tribunale")? Words English writes the same way and uses in other
 * names ("Union Station", "Hospital Road") are not among them. */
int sl_romance_head(const char *w, size_t n);

/* Is w[0..n), lower-case, an adjective that French or Italian (lang "fr"
 * or "it") writes in lower case after an institution's noun
 * ("constitutionnel", "nationale", "européenne", "costituzionale")? One of
 * a list, in any gender and number. */
int sl_romance_adjective(const char *lang, const char *w, size_t n);

/* Capitalised function words that open a sentence in these languages:
 * 0 when w[0..n) is none, SL_OPENER_WORD for a preposition, conjunction
 * or determiner ("Según", "Pour", "Questo"), SL_OPENER_ARTICLE for an
 * article ("La", "El", "Les", "Gli"), which may also be part of a name
 * ("La Paz", "El País"). */
enum { SL_OPENER_WORD = 1, SL_OPENER_ARTICLE = 2 };
int sl_romance_opener(const char *w, size_t n);

#endif
