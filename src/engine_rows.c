/*
 * engine_rows: the batch's writes to the stories table and to each
 * article's story, limited to what changed (see engine.h, "Written rows").
 *
 * A batch (sl_cluster) used to clear the stories table and write every
 * story again, and set every article's story: on a database of 100,000
 * articles, tens of thousands of rows rewritten for a batch of three new
 * articles, and the headline of every story computed again from its
 * articles. The engine now remembers what the table holds: for each story
 * id, a signature of its row (headline, size, first and last seen,
 * duplicates and related links as written), a signature of its members
 * (ids and content hashes, in order) and its headline; and for each
 * article, the story its row names (in doubt, so written again, once a
 * transaction of the store was rolled back or failed to commit). A batch
 * writes the stories whose row differs, deletes the rows of stories that
 * ended, sets the story of the articles that moved, and takes the
 * headline of a story whose members did not change from the last write
 * (a headline depends on the members alone; sl_story_headline asks the
 * rows first).
 *
 * What the table holds is known after a batch that committed, and after
 * a database opened with its stored stories (engine_saved.c records each
 * stored row as it reads it). Otherwise (a table not used at open, a
 * batch that failed) the next batch clears the table and writes
 * everything, as before.
 */
#include "engine.h"
#include "hash_inline.h"

#include <stdlib.h>
#include <string.h>

/* Mixes n bytes (s, NULL counts apart from "") into h. */
static uint64_t mix(uint64_t h, const char *s, size_t n)
{
    uint64_t v = s ? sl_hash64_inline(s, n) : 0x9E3779B97F4A7C15ull;
    return (h ^ v) * 0xFF51AFD7ED558CCDull + 0xC4CEB9FE1A85EC53ull;
}

static uint64_t mix_int(uint64_t h, int64_t v)
{
    return mix(h, (const char *)&v, sizeof v);
}

uint64_t sl_engine_row_sig(const char *headline, int64_t size, int64_t first_seen,
                           int64_t last_seen, const char *dups, const char *related)
{
    uint64_t h = mix(0, headline, headline ? strlen(headline) : 0);
    h = mix_int(h, size);
    h = mix_int(h, first_seen);
    h = mix_int(h, last_seen);
    h = mix(h, dups, dups ? strlen(dups) : 0);
    return mix(h, related, related ? strlen(related) : 0);
}

/* The members of a story: ids and content hashes, in order. */
static uint64_t members_sig(sl_engine *e, const uint32_t *hs, size_t n)
{
    uint64_t h = mix_int(0, (int64_t)n);
    for (size_t i = 0; i < n; i++) {
        const sl_doc *d = hs[i] < e->ndocs ? e->docs[hs[i]] : NULL;
        if (!d)
            continue;
        h = mix(h, d->id, strlen(d->id));
        h = mix_int(h, (int64_t)d->hash);
    }
    return h;
}

static int cmp_row(const void *a, const void *b)
{
    int64_t x = ((const sl_row *)a)->id, y = ((const sl_row *)b)->id;
    return (x > y) - (x < y);
}

void sl_engine_rows_free(sl_engine *e)
{
    for (size_t i = 0; i < e->nrows; i++)
        free(e->rows[i].headline);
    free(e->rows);
    e->rows = NULL;
    e->nrows = 0;
    e->caprows = 0;
    e->rows_known = 0;
}

void sl_engine_row_add(sl_engine *e, int64_t id, uint64_t sig, const char *headline)
{
    if (e->nrows == e->caprows) {
        e->caprows = e->caprows ? e->caprows * 2 : 256;
        e->rows = sl_xrealloc(e->rows, e->caprows * sizeof *e->rows);
    }
    e->rows[e->nrows++] = (sl_row){id, sig, 0, headline ? sl_xstrdup(headline) : NULL};
}

void sl_engine_rows_loaded(sl_engine *e)
{
    qsort(e->rows, e->nrows, sizeof *e->rows, cmp_row);
    for (size_t i = 0; i < e->nsaved; i++) {
        const sl_clu_story *cs = &e->saved[i];
        sl_row key = {.id = cs->id};
        sl_row *r = bsearch(&key, e->rows, e->nrows, sizeof *e->rows, cmp_row);
        if (r) /* (members in load order, the handle order refresh gives) */
            r->members = members_sig(e, cs->docs, cs->ndocs);
    }
    e->rows_known = 1;
}

/* The handles of story s's members, in its order (refresh's). */
static size_t story_handles(sl_engine *e, const sl_story *s, uint32_t **hs, size_t *cap)
{
    if (s->n + 1 > *cap) {
        *cap = s->n + 1;
        *hs = sl_xrealloc(*hs, *cap * sizeof **hs);
    }
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t h;
        if (sl_strmap_get(e->ids, s->ids[i], &h))
            (*hs)[k++] = h;
    }
    return k;
}

/* Row r's headline when its story's members are still `members` (a
 * headline depends on them alone), else NULL. */
static const char *kept_headline(const sl_row *r, uint64_t members)
{
    return r && r->headline && r->members && r->members == members ? r->headline : NULL;
}

static const sl_row *row_of(const sl_engine *e, int64_t id)
{
    sl_row key = {.id = id};
    return e->nrows ? bsearch(&key, e->rows, e->nrows, sizeof *e->rows, cmp_row) : NULL;
}

const char *sl_engine_row_stored_headline(const sl_engine *e, int64_t id)
{
    const sl_row *r = row_of(e, id);
    return r ? r->headline : NULL;
}

const char *sl_engine_row_headline(sl_engine *e, const sl_story *s)
{
    const sl_row *r = row_of(e, s->id);
    if (!r || !r->headline || !r->members)
        return NULL; /* (nothing to keep: the members need no hashing) */
    uint32_t *hs = NULL;
    size_t cap = 0, k = story_handles(e, s, &hs, &cap);
    uint64_t members = members_sig(e, hs, k);
    free(hs);
    return kept_headline(r, members);
}

int sl_engine_write_stories(sl_engine *e, void (*json_dups)(sl_engine *, const sl_clu_story *,
                                                             sl_buf *),
                            void (*json_related)(const sl_clu_story *, sl_buf *))
{
    int rc = SL_OK;
    if (e->instore_known && sl_store_undone(e->store) != e->instore_undone)
        e->instore_known = 0; /* a write to the articles was undone */
    if (!e->rows_known) { /* the table's rows are not known: all of them again */
        sl_engine_rows_free(e);
        rc = sl_store_clear_stories(e->store);
    }
    sl_row *old = e->rows;
    size_t nold = e->nrows;
    sl_row *rows = sl_xcalloc(e->nstories + 1, sizeof *rows);
    size_t n = 0;
    uint32_t *hs = NULL;
    size_t caphs = 0;
    sl_buf dups = {0}, rel = {0};
    for (size_t i = 0; i < e->nstories && rc == SL_OK; i++) {
        sl_story *s = &e->stories[i];
        size_t k = story_handles(e, s, &hs, &caphs);
        for (size_t j = 0; j < k && rc == SL_OK; j++) {
            if (!e->docs[hs[j]] || (e->instore_known && e->instore[hs[j]] == s->id))
                continue;
            rc = sl_store_set_story(e->store, e->docs[hs[j]]->id, s->id);
            e->instore[hs[j]] = s->id;
        }
        const sl_row *was = row_of(e, s->id); /* (e->rows is still the old rows) */
        uint64_t members = members_sig(e, hs, k);
        const char *kept = s->headline ? NULL : kept_headline(was, members);
        if (kept) /* (sl_story_headline would hash the members again to find it) */
            s->headline = sl_xstrdup(kept);
        const char *headline = sl_story_headline(e, s);
        sl_buf_reset(&dups);
        sl_buf_reset(&rel);
        json_dups(e, s->cs, &dups);
        json_related(s->cs, &rel);
        uint64_t sig = sl_engine_row_sig(headline, (int64_t)s->n, s->cs->first_seen,
                                         s->cs->last_seen, dups.data, rel.data);
        if (rc == SL_OK && !(was && was->sig == sig))
            rc = sl_store_put_story(e->store, s->id, headline, s->n, s->cs->first_seen,
                                    s->cs->last_seen, dups.data, rel.data);
        rows[n++] = (sl_row){s->id, sig, members, headline ? sl_xstrdup(headline) : NULL};
    }
    sl_buf_free(&dups);
    sl_buf_free(&rel);
    free(hs);
    qsort(rows, n, sizeof *rows, cmp_row);
    /* the rows of stories that ended */
    for (size_t i = 0, j = 0; i < nold && rc == SL_OK; i++) {
        while (j < n && rows[j].id < old[i].id)
            j++;
        if (j == n || rows[j].id != old[i].id)
            rc = sl_store_delete_story(e->store, old[i].id);
    }
    sl_engine_rows_free(e);
    e->rows = rows;
    e->nrows = n;
    e->caprows = e->nstories + 1;
    if (rc != SL_OK) { /* rolled back by the caller: nothing is known */
        sl_engine_rows_free(e);
        e->instore_known = 0;
        return rc;
    }
    e->rows_known = 1;
    e->instore_known = 1; /* (at the caller's commit; a failed one counts as undone) */
    e->instore_undone = sl_store_undone(e->store);
    return rc;
}
