/*
 * hash_inline: sl_hash64 (xxHash3, util.c) compiled into its caller, for
 * the loops that hash every word of an article (the story engine's
 * features, the stopword and stem caches). The library call costs a call
 * through the PLT and XXH3's dispatch on the length each time; inline, a
 * short word's hash is a few dozen instructions. Same function, same
 * values (tests/unit/test_tokenize.c compares them).
 */
#ifndef SL_HASH_INLINE_H
#define SL_HASH_INLINE_H

#include <stddef.h>
#include <stdint.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

/* sl_hash64(p, n), inline. */
static inline uint64_t sl_hash64_inline(const void *p, size_t n)
{
    return XXH3_64bits(p, n);
}

#endif
