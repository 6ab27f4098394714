/*
 * sitechrome: the lines a site prints around every article ("Please read
 * our comment policy before commenting.", a newsletter pitch, a copyright
 * line, a subscription offer glued to the last paragraph) that extraction
 * kept because they sit inside the article's own block. A page alone
 * cannot tell them from the article; a site's pages together can: a line
 * or sentence that several of the site's articles repeat word for word is
 * the site's, not the article's.
 *
 * The engine cuts them from each article's text as the articles arrive
 * (in stream order, before the text is stored and clustered). A line of
 * CHROME_MIN to CHROME_MAX bytes is the site's (d->site) when two earlier
 * articles of the site had it, and at least CHROME_SHARE of the site's
 * earlier articles: a footer is on most of a site's pages, while the
 * site's updates of one report (a wire story filed three times) share
 * their paragraphs with two or three pages of many. Unless such lines are
 * most of the text: then the article is a copy of an earlier one and stays
 * whole. Lines, not sentences: a sentence split can cut at "Nov. 25" and
 * leave half a sentence; the one exception is the end of the last line
 * after a sentence glued on with no space ("...percent.Get access to
 * ..."), where pages that run their blocks together put the site's pitch,
 * which is judged as a line of its own. The lines seen are a bounded table (forgotten
 * when full), so a long stream costs a fixed amount of memory. The table
 * can be saved and loaded (the engine keeps it in its database), so a
 * site's chrome stays known to the next process.
 */
#ifndef SL_SITECHROME_H
#define SL_SITECHROME_H

#include "doc.h"
#include "util.h"

#include <stddef.h>

typedef struct sl_chrome sl_chrome;

sl_chrome *sl_chrome_new(void);
void sl_chrome_free(sl_chrome *t);

/* Records d's lines as seen by d and cuts from d->text those that are its
 * site's. An article is known by its id (16 bits of its hash): added
 * again, it does not count for the lines it was the first to have (it
 * does for the others, which a new version of an article may have gained
 * since). Returns the bytes cut (0: the text is as it was). Safe to call
 * from several threads. */
size_t sl_chrome_cut(sl_chrome *t, sl_doc *d);

/* Whether the table changed since it was made, loaded or last saved
 * (sl_chrome_saved). */
int sl_chrome_dirty(sl_chrome *t);
/* Appends the table to out (a versioned little-endian format); returns
 * the version of the table written, which the caller passes to
 * sl_chrome_saved once the bytes are safely kept. */
uint64_t sl_chrome_save(sl_chrome *t, sl_buf *out);
void sl_chrome_saved(sl_chrome *t, uint64_t version);
/* Replaces the table with one sl_chrome_save wrote (n bytes). SL_OK, or
 * SL_EINVAL (the table left empty) if data is not such a table: it is a
 * cache, and a damaged one costs only the lines it would have cut. */
int sl_chrome_load(sl_chrome *t, const void *data, size_t n);

#endif
