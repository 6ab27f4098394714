/*
 * fuzz_entities: a story's people, organisations and places
 * (src/entities.h) and the Russian institution and place names under them
 * (src/ru_heads.h) and the Romance ones (src/romance_heads.h). The input is
 * repaired to UTF-8 and split at NUL bytes into up to eight articles; byte
 * 0 picks their language (Russian in three of sixteen, French, Spanish,
 * Italian and Portuguese in two each, English, Ukrainian, German, Arabic,
 * Korean).
 * Checks: every entity has a name that is valid UTF-8, a type among
 * SL_ENT_*, at least one mention and one article; each article's quotes
 * (src/quotes.h, with the entities: roles, pronouns, canonical names) have
 * a text and a speaker, when one, that are valid UTF-8;
 * a name of head nouns put in the
 * nominative is valid UTF-8 and fits its buffer.
 */
#include "fuzz_common.h"
#include "entities.h"
#include "quotes.h"
#include "ru_heads.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const LANGS[] = {"ru", "en", "uk", "de", "ru", "ar", "ko", "ru",
                                        "fr", "es", "it", "pt", "fr", "es", "it", "pt"};
    if (size < 1 || size > 16384)
        return 0;
    const char *lang = LANGS[data[0] & 15];
    data++;
    size--;
    size_t n;
    char *text = sl_utf8_repair((const char *)data, size, &n, NULL);
    sl_doc *docs[8];
    size_t nd = 0;
    for (size_t i = 0; i <= n && nd < 8;) {
        size_t j = i;
        while (j < n && text[j])
            j++;
        sl_doc *d = sl_doc_new();
        d->id = sl_xstrdup("fuzz");
        d->lang = sl_xstrdup(lang);
        d->text = sl_xstrndup(text + i, j - i);
        if (nd == 0) /* the first line's first 80 bytes, whole characters */
            d->title = sl_xstrndup(text + i, sl_utf8_floor(text + i, j - i < 80 ? j - i : 80));
        docs[nd++] = d;
        i = j + 1;
    }
    sl_entities *E = sl_entities_build((const sl_doc *const *)docs, nd);
    for (size_t i = 0; i < sl_entities_count(E); i++) {
        const sl_entity *x = sl_entities_at(E, i);
        if (!x->name || !x->name[0])
            fuzz_fail("an entity without a name");
        fuzz_check_utf8(x->name, "entity name is not valid UTF-8");
        if (x->type < SL_ENT_PERSON || x->type > SL_ENT_OTHER)
            fuzz_fail("entity type out of range");
        if (x->count < 1 || x->docs < 1)
            fuzz_fail("an entity without mentions or articles");
    }
    /* each line of the text as a name to put in the nominative */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && text[j] != '\n' && text[j])
            j++;
        char out[64];
        if (sl_ru_head_nominative(text + i, j - i, out, sizeof out)) {
            if (strlen(out) >= sizeof out)
                fuzz_fail("nominative overran its buffer");
            fuzz_check_utf8(out, "nominative is not valid UTF-8");
        }
        (void)sl_ru_head(text + i, j - i, NULL);
        i = j + 1;
    }
    for (size_t i = 0; i < nd; i++) {
        sl_quote *q;
        size_t nq = sl_quotes_in_text(docs[i]->text, E, &q);
        for (size_t k = 0; k < nq; k++) {
            fuzz_check_utf8(q[k].text, "quote text is not valid UTF-8");
            if (q[k].speaker)
                fuzz_check_utf8(q[k].speaker, "quote speaker is not valid UTF-8");
        }
        sl_quotes_free(q, nq);
    }
    sl_entities_free(E);
    for (size_t i = 0; i < nd; i++)
        sl_doc_free(docs[i]);
    free(text);
    return 0;
}
