/* Unit tests of gazetteer: the hash look-ups agree with the sorted lists. */
#include "harness.h"
#include "gazetteer.h"

/* Reference: bisection over the sorted {name, canonical} list. */
static const char *place_by_bisection(const char *s, size_t n)
{
    size_t lo = 0, hi = sl_gaz_nplaces;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *z = sl_gaz_places[mid][0];
        size_t zl = strlen(z);
        int c = memcmp(s, z, n < zl ? n : zl);
        if (!c)
            c = n < zl ? -1 : n > zl;
        if (!c)
            return sl_gaz_places[mid][1];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static void test_every_place(void **state)
{
    (void)state;
    assert_true(sl_gaz_nplaces > 100);
    for (size_t i = 0; i < sl_gaz_nplaces; i++) {
        const char *z = sl_gaz_places[i][0];
        size_t n = strlen(z);
        assert_ptr_equal(sl_gaz_place(z, n), sl_gaz_places[i][1]);
        /* a prefix or a longer word is found only when it is a name too */
        assert_ptr_equal(sl_gaz_place(z, n - 1), place_by_bisection(z, n - 1));
        char longer[512];
        snprintf(longer, sizeof longer, "%ss", z);
        assert_ptr_equal(sl_gaz_place(longer, n + 1), place_by_bisection(longer, n + 1));
    }
}

static void test_every_first_name(void **state)
{
    (void)state;
    assert_true(sl_gaz_nfirst > 100);
    for (size_t i = 0; i < sl_gaz_nfirst; i++) {
        const char *z = sl_gaz_first_names[i];
        assert_true(sl_gaz_first_name(z, strlen(z)));
    }
}

static void test_not_names(void **state)
{
    (void)state;
    const char *words[] = {"", "the", "Xqzzv", "Moscoww", "said"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        assert_ptr_equal(sl_gaz_place(words[i], n), place_by_bisection(words[i], n));
        assert_null(sl_gaz_place(words[i], n));
        assert_false(sl_gaz_first_name(words[i], n));
    }
    /* not NUL-terminated: only the n bytes count */
    const char *z = sl_gaz_places[0][0];
    char buf[256];
    snprintf(buf, sizeof buf, "%s and more", z);
    assert_ptr_equal(sl_gaz_place(buf, strlen(z)), sl_gaz_places[0][1]);
}

/* The GeoNames cities (tools/build-gazetteers.sh): large ones, a long
 * name also by its short one; not those whose name likelier means a word,
 * a person or a company. */
static const char *place(const char *s) { return sl_gaz_place(s, strlen(s)); }

static void test_cities(void **state)
{
    (void)state;
    assert_string_equal(place("Frankfurt"), "Frankfurt");
    assert_string_equal(place("Frankfurt am Main"), "Frankfurt");
    assert_non_null(place("Houston"));  /* a surname, but a city of millions */
    assert_non_null(place("Liverpool"));
    assert_null(place("Nice"));     /* an English word */
    assert_null(place("Libertad")); /* a Spanish one */
    assert_null(place("Florence")); /* a first name */
    assert_null(place("Toyota"));   /* a company */
    /* first-level divisions of every kind, in the news languages */
    assert_non_null(place("Bayern"));
    assert_non_null(place("Bavaria"));
    assert_non_null(place("Cataluña"));
    assert_null(place("Hauptstadt")); /* "Hauptstadt (Honiara)" */
    /* names news uses that iso-codes lacks (data/names/place_aliases.tsv) */
    assert_string_equal(place("Burma"), "Myanmar");
    assert_non_null(place("Kosovo"));
    assert_non_null(place("Turquie"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_place),
                                       cmocka_unit_test(test_every_first_name),
                                       cmocka_unit_test(test_not_names),
                                       cmocka_unit_test(test_cities)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
