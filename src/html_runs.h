/*
 * html_runs: the plain text runs of a page, stood in for by short marks
 * before libxml2 parses it.
 *
 * libxml2's HTML parser (2.9) reads text one character at a time, about a
 * hundred instructions a character: half of its parse of a news page. A
 * run of text between two tags that holds nothing libxml2 would change
 * (no '&', no character it drops) reaches the tree exactly as written, so
 * the page libxml2 is given has a four-byte mark in its place (one
 * character of the supplementary private use area B, U+100000 + the
 * number of the run), and the parser's text callback puts the run back
 * (sl_hruns_lookup). Quoted attribute values are marked the same way, and
 * put back as the element is made.
 *
 * Only runs whose bounds are certain are marked: a run must follow the '>'
 * of a tag, comment or doctype that was read the way libxml2 reads it, and
 * must not be inside a script or style element (whose text libxml2 keeps
 * raw). A page that holds a byte 0xF4 (a character U+100000..U+10FFFF)
 * or a NUL is left as it is, so a mark can only be one of ours (or come
 * from a character reference such as "&#x100000;"): a mark seen anywhere
 * but as a whole text callback or attribute value of its kind (in a
 * longer text, a script's text) means libxml2 read the page otherwise, and
 * the caller parses the page again unmarked (sl_hruns_has_mark). At most
 * 65,534 runs of a page are marked.
 */
#ifndef SL_HTML_RUNS_H
#define SL_HTML_RUNS_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl_hruns {
    const char *page; /* the original page (borrowed) */
    size_t page_len;
    uint32_t *off, *len; /* the marked runs, in page order */
    size_t n, cap;
    char *text; /* the page with marks: what libxml2 parses */
    size_t text_len, text_cap;
} sl_hruns;

/* Bytes of a mark; what a mark stands for. */
enum { SL_HRUNS_MARK = 4, SL_HRUNS_TEXT = 0, SL_HRUNS_ATTR = 1 };

/* Marks the runs of page[0..n) of at least min_run bytes. Returns the text
 * to parse and its length in *out_len: r->text, or page itself when
 * nothing is marked (r->n == 0). r keeps its buffers across calls. */
const char *sl_hruns_make(sl_hruns *r, const char *page, size_t n, size_t min_run,
                          size_t *out_len);

/* If s[0..n) is exactly a mark of r for a run of that kind (SL_HRUNS_TEXT
 * or SL_HRUNS_ATTR), the run it stands for. */
int sl_hruns_lookup(const sl_hruns *r, const char *s, size_t n, int kind, const char **run,
                    size_t *run_len);

/* Whether s[0..n) holds a byte that starts a mark (0xF4). */
int sl_hruns_has_mark(const char *s, size_t n);

void sl_hruns_free(sl_hruns *r);

#endif
