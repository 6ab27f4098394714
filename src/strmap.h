/*
 * strmap: open-addressing hash map from strings to uint32 values. Keys are
 * copied and owned by the map.
 */
#ifndef SL_STRMAP_H
#define SL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_strmap sl_strmap;

sl_strmap *sl_strmap_new(void);
void sl_strmap_free(sl_strmap *m);
/* Sets key to value (replacing any old value). */
void sl_strmap_put(sl_strmap *m, const char *key, uint32_t value);
/* Looks key up; returns false if absent. */
bool sl_strmap_get(const sl_strmap *m, const char *key, uint32_t *value);
/* Removes key; returns false if absent. */
bool sl_strmap_del(sl_strmap *m, const char *key);
size_t sl_strmap_count(const sl_strmap *m);

#endif
