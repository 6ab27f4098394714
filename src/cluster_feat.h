/*
 * cluster_feat: what the story engine keeps of an article. Turns a doc into
 * three small TF-IDF vectors (body, title, named entities), the year its
 * text mentions most, a SimHash fingerprint and its publication time. The
 * vectors are capped to their top-weighted terms so comparing an article
 * with a story costs the same however long either is.
 *
 * Named entities are approximated by capitalised words that do not start a
 * sentence (and acronyms); this works for English and Russian alike.
 * A name or title word that many of a site's articles carry weighs less
 * in that site's articles (it names the site's beat, not the event).
 */
#ifndef SL_CLUSTER_FEAT_H
#define SL_CLUSTER_FEAT_H

#include "doc.h"
#include "idf.h"

#include <stddef.h>
#include <stdint.h>

#define SL_CF_BODY 40  /* body terms kept per article */
#define SL_CF_TITLE 8  /* title terms kept */
#define SL_CF_ENT 16   /* entity terms kept */
_Static_assert(SL_CF_ENT <= 16, "sl_cfeat's ent_cont has a bit for each entity term");

typedef struct sl_cterm {
    uint32_t h; /* sl_term_hash of the stem */
    float w;
} sl_cterm;

typedef struct sl_cfeat {
    sl_cterm *t;        /* body[nb], then title[nt], then ent[ne]; each part
                           sorted by h and of unit length. Owned: free(t). */
    uint8_t nb, nt, ne;
    uint16_t ent_cont;  /* ent[i] continues a name whose first word is in ent
                           too ("Kong" of "Hong Kong"): bit i */
    uint16_t year;      /* year mentioned most in the text, 0 if none */
    uint64_t sim;       /* SimHash of the words, 0 if too short to tell */
    int64_t when;       /* publication time or SL_TIME_UNKNOWN */
    uint16_t lang;      /* the doc's language code as two bytes, 0 if unknown */
} sl_cfeat;

static inline const sl_cterm *sl_cf_body(const sl_cfeat *f) { return f->t; }
static inline const sl_cterm *sl_cf_title(const sl_cfeat *f) { return f->t + f->nb; }
static inline const sl_cterm *sl_cf_ent(const sl_cfeat *f) { return f->t + f->nb + f->nt; }

/* The extractor: stem cache, scratch space and the names of terms (the
 * first surface form seen of each entity and top term, for reasons). */
typedef struct sl_cfx sl_cfx;

sl_cfx *sl_cfx_new(void);
void sl_cfx_free(sl_cfx *x);

/* Computes d's features into *out (out->t allocated; caller frees). When
 * count is non-zero the doc's terms are first counted into idf. */
void sl_cfx_doc(sl_cfx *x, const sl_doc *d, sl_idf *idf, int count, sl_cfeat *out);

/* The two halves of sl_cfx_doc, so the first can run in another thread:
 * sl_cfx_count tokenizes and counts d's terms (no weights, nothing of the
 * clusterer's state but the site boilerplate table, which is locked) and
 * records d's lines as its site's; sl_cfx_doc_counted weighs the counts
 * into *out like sl_cfx_doc. A scratch extractor for another thread shares
 * its owner's boilerplate table: sl_cfx_new_sharing (free it before the
 * owner). */
typedef struct sl_cfcount sl_cfcount;
sl_cfx *sl_cfx_new_sharing(sl_cfx *owner);
sl_cfcount *sl_cfx_count(sl_cfx *x, const sl_doc *d);
void sl_cfcount_free(sl_cfcount *c);
void sl_cfx_doc_counted(sl_cfx *x, const sl_doc *d, const sl_cfcount *c, sl_idf *idf, int count,
                        sl_cfeat *out);

/* Saved counts: sl_cfcount_save appends c's saved form to out (for the
 * database, see cluster_feat.c "saved counts"); sl_cfx_count_saved gives
 * the counts of d from a saved form as counting would make them now, or
 * NULL if the form is damaged, from another format or stemmer, or was
 * made under other boilerplate verdicts: then d is to be counted. With
 * `remember`, as sl_cfx_count counts (d's pieces recorded as its site's),
 * and a NULL must be followed at once by sl_cfx_count (it may have emptied
 * a full boilerplate table, as counting would); without, as sl_cfx_doc
 * with count 0 counts (the table only read). */
void sl_cfcount_save(const sl_cfcount *c, struct sl_buf *out);
sl_cfcount *sl_cfx_count_saved(sl_cfx *x, const sl_doc *d, const void *data, size_t n,
                               int remember);

/* Surface form of a term seen as an entity or top term, or NULL. Borrowed. */
const char *sl_cfx_name(const sl_cfx *x, uint32_t h);
size_t sl_cfx_memory(const sl_cfx *x);

/* True when a and b (titles in one language) each have a title name
 * that the other does not mention at all (see cluster_feat.c). */
int sl_cf_title_names_differ(const sl_cfeat *a, const sl_cfeat *b);

/* How many entity terms of a (name mask am, sl_cfeat's ent_cont) that
 * b also has continue a name, in b's mask bm too when bm_known: shared
 * names are the shared terms less these ("Hong Kong" is one name). */
size_t sl_cterm_name_tails(const sl_cterm *a, size_t na, uint16_t am, const sl_cterm *b,
                           size_t nb, uint16_t bm, int bm_known);

/* Whether the sorted list t[0..n) has term h (by bisection). */
int sl_cterm_has(const sl_cterm *t, size_t n, uint32_t h);

/* Dot product of two term lists sorted by h; sl_cterm_dot_n also gives
 * how many terms they share (shared may be NULL). */
double sl_cterm_dot(const sl_cterm *a, size_t na, const sl_cterm *b, size_t nb);
double sl_cterm_dot_n(const sl_cterm *a, size_t na, const sl_cterm *b, size_t nb,
                      size_t *shared);

/* A term list prepared for dot products with many others (an article
 * against its candidate stories): its terms in a small hash table, so a
 * product costs a probe per term of the other list instead of a merge of
 * both. Same sums to the last bit as sl_cterm_dot_n (shared terms are
 * added in the other list's hash order). The list is borrowed: it must
 * outlive the query and not change while it is in use. */
#define SL_CTQ_BITS 9 /* 512 slots: lists of up to SL_CTQ_MAX terms */
#define SL_CTQ_MAX 128
typedef struct sl_ctq {
    const sl_cterm *t; /* the list (for a list too long for the table) */
    size_t n;
    int table;         /* the terms are in slot (else: merge with t) */
    size_t nused;
    uint16_t used[SL_CTQ_MAX]; /* the slots in use (emptied at the next set) */
    sl_cterm slot[1 << SL_CTQ_BITS]; /* h == 0: empty */
} sl_ctq;

/* q must start zeroed; sl_ctq_set may then be called again and again. */
void sl_ctq_set(sl_ctq *q, const sl_cterm *t, size_t n);
/* sl_cterm_dot_n(q's list, b): shared may be NULL. */
double sl_ctq_dot_n(const sl_ctq *q, const sl_cterm *b, size_t nb, size_t *shared);

#endif
