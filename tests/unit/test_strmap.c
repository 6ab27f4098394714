/* Unit tests of strmap: put, get, delete, growth with tombstones. */
#include "harness.h"
#include "strmap.h"

static void test_basic(void **state)
{
    (void)state;
    sl_strmap *m = sl_strmap_new();
    uint32_t v;
    assert_false(sl_strmap_get(m, "a", &v));
    sl_strmap_put(m, "a", 1);
    sl_strmap_put(m, "b", 2);
    sl_strmap_put(m, "a", 3);
    assert_true(sl_strmap_get(m, "a", &v));
    assert_int_equal(v, 3);
    assert_int_equal(sl_strmap_count(m), 2);
    assert_true(sl_strmap_del(m, "a"));
    assert_false(sl_strmap_del(m, "a"));
    assert_false(sl_strmap_get(m, "a", &v));
    assert_true(sl_strmap_get(m, "b", &v));
    assert_int_equal(v, 2);
    sl_strmap_free(m);
}

static void test_many(void **state)
{
    (void)state;
    sl_strmap *m = sl_strmap_new();
    char k[32];
    for (uint32_t i = 0; i < 20000; i++) {
        snprintf(k, sizeof k, "key-%u", i);
        sl_strmap_put(m, k, i);
        if (i % 3 == 0) {
            snprintf(k, sizeof k, "key-%u", i / 2);
            sl_strmap_del(m, k);
        }
    }
    uint32_t v;
    assert_true(sl_strmap_get(m, "key-19999", &v));
    assert_int_equal(v, 19999);
    snprintf(k, sizeof k, "key-%u", 3000u);
    assert_false(sl_strmap_get(m, k, &v)); /* deleted as i/2 of 6000 */
    sl_strmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
