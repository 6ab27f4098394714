/*
 * cluster: the story engine's interface. Decides which articles report the
 * same event, folds duplicates and links related stories.
 *
 * Docs are known by small integer handles the engine chooses (its index
 * of the doc). The clusterer computes what it needs from the doc when it
 * is added and keeps no pointer to it.
 */
#ifndef SL_CLUSTER_H
#define SL_CLUSTER_H

#include "doc.h"

#include <stddef.h>
#include <stdint.h>

typedef struct sl_clusterer sl_clusterer;

typedef struct sl_clu_dup {
    uint32_t doc; /* the copy */
    uint32_t of;  /* the article it copies */
} sl_clu_dup;

typedef struct sl_clu_related {
    int64_t story;
    char *reason; /* what they share and how far apart they are */
} sl_clu_related;

typedef struct sl_clu_story {
    int64_t id;                /* stable, > 0 */
    uint32_t *docs;            /* members, duplicates included, in add order */
    size_t ndocs;
    sl_clu_dup *dups;
    size_t ndups;
    sl_clu_related *related;
    size_t nrelated;
    int64_t first_seen, last_seen; /* publication times, or SL_TIME_UNKNOWN */
} sl_clu_story;

sl_clusterer *sl_clu_new(void);
void sl_clu_free(sl_clusterer *c);

/* Where the clusterer gets article h back (borrowed, valid until the next
 * call; NULL if gone). With a source, the articles of a retired story drop
 * their term vectors, so the state per article stays small in a long
 * stream; they are recomputed from the article when needed again (the
 * story revives, a member check, sl_clu_why). Without one, all are kept. */
void sl_clu_set_source(sl_clusterer *c, const sl_doc *(*get)(void *ud, uint32_t h), void *ud);
/* And where it gets the saved counts of article h (with the source's ud;
 * borrowed until the next call; NULL if none): such an article's features
 * are then restored from them when they still hold (sl_cfx_count_saved). */
void sl_clu_set_saved(sl_clusterer *c, const void *(*get_saved)(void *ud, uint32_t h, size_t *n));

/* Assigns doc (handle h) to a story, streaming; returns the story id. */
int64_t sl_clu_add(sl_clusterer *c, uint32_t h, const sl_doc *d);
/* The same with d's terms already counted in another thread (sl_cfx_count
 * with an extractor from sl_clu_scratch); cnt NULL counts here. */
struct sl_cfcount;
int64_t sl_clu_add_counted(sl_clusterer *c, uint32_t h, const sl_doc *d, const struct sl_cfcount *cnt);
/* A feature extractor for another thread, sharing the clusterer's site
 * boilerplate table; free it (sl_cfx_free) before the clusterer. */
struct sl_cfx *sl_clu_scratch(sl_clusterer *c);
/* Puts doc h into story `story` without deciding (restoring saved state);
 * creates the story if needed. sl_clu_place_counted takes d's counts
 * (cnt NULL counts here). */
void sl_clu_place(sl_clusterer *c, uint32_t h, const sl_doc *d, int64_t story);
void sl_clu_place_counted(sl_clusterer *c, uint32_t h, const sl_doc *d, int64_t story,
                          const struct sl_cfcount *cnt);
/* d's counts on the clusterer's own extractor, in its stream's order (its
 * pieces recorded as its site's): counted (sl_cfx_count), or from a saved
 * form when that still holds (sl_cfx_count_saved, NULL when not). The
 * caller frees them (sl_cfcount_free) after adding or placing d. */
struct sl_cfcount *sl_clu_count(sl_clusterer *c, const sl_doc *d);
struct sl_cfcount *sl_clu_count_saved(sl_clusterer *c, const sl_doc *d, const void *saved,
                                      size_t n);
/* Forgets doc h (deleted or about to be replaced). */
void sl_clu_remove(sl_clusterer *c, uint32_t h);
/* Ends a batch: may revisit decisions (batch != 0) and refreshes
 * duplicates and related links. */
void sl_clu_finish(sl_clusterer *c, int batch);

/* Live stories (borrowed, valid until the next change), any order. */
size_t sl_clu_stories(sl_clusterer *c, const sl_clu_story *const **out);
/* Story of doc h, or 0 if h is unknown. */
int64_t sl_clu_story_of(const sl_clusterer *c, uint32_t h);
/* Articles in story id now (0 if it ended or never was). */
size_t sl_clu_story_size(const sl_clusterer *c, int64_t id);
/* Why docs a and b are (or are not) in one story: a JSON object with
 * "same_story" and the similarity parts with their values. Caller frees. */
char *sl_clu_why(sl_clusterer *c, uint32_t a, uint32_t b);
/* The chain of members that links docs a and b of one story: the path
 * between them in the story's maximum spanning tree over pair scores, so
 * that its weakest link is as strong as possible. Returns its length in
 * articles (a first, b last; 1 when a == b) with the articles in *path
 * and the score of each link, path[i] to path[i + 1], in *scores (both
 * for the caller to free); 0 with both NULL when a and b are in different
 * stories, or when finding the chain would score more than `budget` pairs
 * of members (it scores at most n(n-1)/2 in a story of n, often far
 * fewer: it stops when b is reached). */
size_t sl_clu_chain(sl_clusterer *c, uint32_t a, uint32_t b, size_t budget, uint32_t **path,
                    double **scores);
/* The budget sl_why gives sl_clu_chain: every story of up to 1,448
 * articles gets its chain, and the search takes at most about a quarter
 * of a second (a pair score of two Telegram articles costs about 0.2
 * microseconds). */
enum { SL_CLU_CHAIN_BUDGET = 1 << 20 };

/* A story that ended in another: `from` no longer exists, its articles
 * are in `into`. rule says how (a static string):
 *  - "bridge": an article (doc) scored at least the bridge score with both;
 *    score is the lower of its two scores;
 *  - "alike": the batch found the two stories' centroids alike (score);
 *  - "small": the batch moved a small story into its clear best larger
 *    story (score);
 *  - "moved": the batch moved the story's last article (doc) to a clearly
 *    better story (score: the article's score with it).
 * doc is SL_CLU_NO_DOC when no one article made the merge. */
#define SL_CLU_NO_DOC UINT32_MAX
typedef struct sl_clu_merge {
    int64_t from, into;
    const char *rule;
    double score;
    uint32_t doc;
} sl_clu_merge;

/* Every merge since the clusterer was created, oldest first (borrowed,
 * valid until the next change). */
size_t sl_clu_merges(const sl_clusterer *c, const sl_clu_merge **out);
/* Story ids up to max are taken (a store's merged stories): new stories
 * get higher ids, so an id that ended never names another story. */
void sl_clu_reserve_ids(sl_clusterer *c, int64_t max);
/* Sets a tuning parameter of the decision by name ("threshold", "w_body",
 * "w_title", "w_ent", "w_year", "time_pen", "time_tau", "bridge",
 * "merge_score", "move_margin", "rel_ent", "rel_body"); for experiments
 * and tests. Returns 0, or -1 for an unknown name. */
int sl_clu_set(sl_clusterer *c, const char *name, double value);
/* Bytes of clustering state held (docs, stories, indexes, IDF counts). */
size_t sl_clu_memory(const sl_clusterer *c);

#endif
