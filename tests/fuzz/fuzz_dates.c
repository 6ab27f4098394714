/*
 * fuzz_dates: sl_parse_iso8601 on arbitrary strings. When a string parses,
 * formatting the time with sl_format_iso8601 and parsing that again must
 * give the same time (the store and the views keep dates in the formatted
 * form). sl_format_iso8601 writes four-digit years only, so the round trip
 * is checked for times within years 0000..9999; with -DSL_FUZZ_STRICT
 * a parsed time outside that range is itself reported (see docs/FUZZING.md,
 * finding dates-1).
 */
#include "fuzz_common.h"

#define YEAR0 (-62167219200LL)     /* 0000-01-01T00:00:00Z */
#define YEAR10000 (253402300800LL) /* 10000-01-01T00:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return 0;
    char *s = fuzz_cstr(data, size);
    int64_t t = 0, t2 = 0;
    if (sl_parse_iso8601(s, &t)) {
        if (t >= YEAR0 && t < YEAR10000) {
            char iso[32];
            sl_format_iso8601(t, iso);
            if (!sl_parse_iso8601(iso, &t2) || t2 != t) {
                fprintf(stderr, "%s -> %lld -> %s -> %lld\n", s, (long long)t, iso,
                        (long long)t2);
                fuzz_fail("ISO 8601 round trip changes the time");
            }
        } else {
#ifdef SL_FUZZ_STRICT
            fprintf(stderr, "%s -> %lld\n", s, (long long)t);
            fuzz_fail("parsed time outside the years sl_format_iso8601 can write");
#endif
        }
    }
    free(s);
    return 0;
}
