/* Unit test of sl_init_process: it turns SQLite's memory statistics off
 * when called first, and refuses (changing nothing) once SQLite is in use.
 * Its own binary, since the setting is the process's. */
#include "harness.h"
#include "storyline.h"

#include <sqlite3.h>

static void test_first_then_refused(void **state)
{
    (void)state;
    assert_int_equal(sl_init_process(), SL_OK);
    sl_engine *e = NULL;
    assert_int_equal(sl_engine_open(NULL, NULL, &e), SL_OK);
    static const char text[] = "Storm closes the harbour\n\nA storm closed the harbour of the "
                               "town on Monday, the port authority said.";
    int outcome = 0;
    assert_int_equal(sl_add_article(e, "a1", text, sizeof text - 1, NULL, &outcome), SL_OK);
    assert_int_equal(outcome, SL_ADDED);
    assert_int_equal(sl_cluster(e), SL_OK);
    /* the store is working, and SQLite counted none of its memory */
    assert_int_equal(sqlite3_memory_used(), 0);
    /* SQLite is initialised now: a second call is refused */
    assert_int_equal(sl_init_process(), SL_EINVAL);
    sl_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_then_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
