/*
 * timeline: the dated events of a story. Each sentence with a date
 * expression (dates.h) becomes an entry (date, precision, the sentence
 * trimmed, its article); entries of different articles about the same
 * date and event are merged; entries are ordered by date, unresolved
 * (relative) ones last in article order.
 */
#ifndef SL_TIMELINE_H
#define SL_TIMELINE_H

#include "dates.h"
#include "doc.h"
#include "sentence.h"

typedef struct sl_event {
    sl_date date;    /* resolved date (offsets refer to the sentence) */
    char *phrase;    /* the date expression as written */
    char *text;      /* the sentence, trimmed to about 200 bytes */
    size_t *docs;    /* articles (indices) telling it, first teller first */
    size_t ndocs;
    size_t order;    /* position in the story: article index, then offset */
} sl_event;

/* Finds at most max_events events of docs[0..n) (0: a default that grows
 * with the story). Returns the count and a new array in *out; free with
 * sl_timeline_free. */
size_t sl_timeline(const sl_doc *const *docs, size_t n, size_t max_events, sl_event **out);
/* The same, with the articles' sentences already split (sp: one entry per
 * doc; NULL splits here). */
size_t sl_timeline_with(const sl_doc *const *docs, size_t n, const sl_splits *sp,
                        size_t max_events, sl_event **out);
void sl_timeline_free(sl_event *e, size_t n);

#endif
