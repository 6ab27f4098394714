/*
 * entities: the people, organisations and places of a story, found
 * without a statistical model: runs of capitalised words, cleaned of
 * sentence-initial words and titles, typed by gazetteers (gazetteer.h),
 * organisation suffixes ("Ministry", "Party", "University"), person
 * titles ("President", "Prime Minister") and first names, and merged so
 * that "Putin" and "Vladimir Putin" (or "U.S." and "United States") are
 * one entity.
 */
#ifndef SL_ENTITIES_H
#define SL_ENTITIES_H

#include "doc.h"
#include "sentence.h"

enum { SL_ENT_PERSON, SL_ENT_ORG, SL_ENT_PLACE, SL_ENT_OTHER };

typedef struct sl_entity {
    char *name;      /* canonical name */
    int type;        /* SL_ENT_* */
    int count;       /* mentions in the story (merged forms included) */
    int docs;        /* articles that mention it */
    double salience; /* 0..1: frequency, early position and titles */
} sl_entity;

typedef struct sl_entities sl_entities;

/* Finds the entities of docs[0..n). Free with sl_entities_free. */
sl_entities *sl_entities_build(const sl_doc *const *docs, size_t n);
/* The same, with the articles' sentences already split (sp: one entry per
 * doc; NULL splits here). */
sl_entities *sl_entities_build_with(const sl_doc *const *docs, size_t n, const sl_splits *sp);
void sl_entities_free(sl_entities *e);

/* Entities by decreasing salience (merged forms excluded). Borrowed. */
size_t sl_entities_count(const sl_entities *e);
const sl_entity *sl_entities_at(const sl_entities *e, size_t i);

/* Canonical name of a mention as written ("Putin", "Russian President
 * Vladimir Putin", "the Kremlin"), or NULL when it names no entity of
 * the story. *type (may be NULL) receives its type. Borrowed. */
const char *sl_entities_canonical(const sl_entities *e, const char *mention, size_t n,
                                  int *type);

/* "person", "organization", "place" or "other". */
const char *sl_entity_type_name(int type);

/* True if w (n bytes) is a title that precedes a person's name
 * ("President", "Minister", "Mr."). */
int sl_entity_title_word(const char *w, size_t n);

#endif
