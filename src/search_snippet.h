/*
 * search_snippet: the snippet of a search hit made from its text and the
 * phrase instances the ranking already read, exactly as FTS5's
 * snippet(table, -1, open, close, ellipsis, ntok) makes it, without the
 * second full-text query per hit that snippet() needs (on a 100,000-
 * article index that query's seek, over every segment of the index,
 * costs more than the rest of the snippet). search.c uses it.
 */
#ifndef SL_SEARCH_SNIPPET_H
#define SL_SEARCH_SNIPPET_H

/* One phrase instance, as FTS5's xInst gives it: the query phrase, the
 * column and the token offset of its first token. */
typedef struct sl_snip_inst {
    int phrase, col, off;
} sl_snip_inst;

typedef struct sl_snip_marks {
    const char *open, *close, *ellipsis;
    int ntok; /* tokens in a snippet (FTS5's fifth argument) */
} sl_snip_marks;

/* The snippet of a row whose columns are cols[0..ncol) (NULL: SQL NULL)
 * with the instances inst[0..ninst) in xInst order (column, then offset)
 * of phrases of phrase_size[0..nphrase) tokens, tokenized by the index's
 * tokenizer (fts_tokenizer.h). Returns NULL where FTS5 returns NULL (the
 * chosen column is NULL), when an instance ends past its column (the text
 * is not the one indexed) or the instances are not in that order: the
 * caller asks FTS5 then. Caller frees. */
char *sl_snippet_make(const char *const *cols, int ncol, const sl_snip_inst *inst, int ninst,
                      const int *phrase_size, int nphrase, const sl_snip_marks *m);

#endif
