/*
 * textclean_meta: the byline and date lines that scraped articles carry
 * near the top ("By Jane Doe", "Published December 15, 2020 10:32 AM",
 * "15 декабря 2020"), recognised so that textclean can drop them from the
 * body and keep what they say as metadata.
 */
#ifndef SL_TEXTCLEAN_META_H
#define SL_TEXTCLEAN_META_H

#include <stdbool.h>

/* If s is a byline, returns true and, when name is not NULL, stores the
 * author's name in *name (caller frees). */
bool sl_tc_byline(const char *s, char **name);

/* If s is a date line (a date alone, or after "Published", "Updated"...),
 * returns true and stores the date as "YYYY-MM-DD" in iso (11 bytes). */
bool sl_tc_dateline(const char *s, char iso[11]);

/* Finds a calendar date in s ("December 15, 2020", "15 Dec 2020",
 * "2020-12-15", "15.12.2020", "15 декабря 2020"); true with iso filled. */
bool sl_tc_find_date(const char *s, char iso[11]);

/* True for reading-time lines ("5 min read"). */
bool sl_tc_reading_time(const char *s);

#endif
