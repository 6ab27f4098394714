/* Unit tests of store: schema creation, put/replace/delete, hashes,
 * reloading, and migration on reopen. */
#include "harness.h"
#include "storyline.h"
#include "store.h"
#include "util.h"

#include <unistd.h>

static sl_doc *mkdoc(const char *id, const char *text, uint64_t hash)
{
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup(id);
    d->text = sl_xstrdup(text);
    d->title = sl_xstrdup("Title");
    d->pub_time = 1607990400;
    d->published = sl_xstrdup("2020-12-15T00:00:00Z");
    d->hash = hash;
    return d;
}

static int count_cb(void *ud, sl_doc *d, int64_t story)
{
    int *n = ud;
    (*n)++;
    assert_true(story > 0);
    assert_int_equal(d->pub_time, 1607990400);
    sl_doc_free(d);
    return 0;
}

static void test_roundtrip(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s;
    char *err = NULL;
    assert_int_equal(sl_store_open(path, &s, &err), SL_OK);
    sl_doc *a = mkdoc("a", "alpha", 11), *b = mkdoc("b", "beta", 22);
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK);
    assert_int_equal(sl_store_put(s, b, 2, 0), SL_OK);
    int found;
    assert_int_equal(sl_store_hash(s, "a", &found), 11);
    assert_true(found);
    a->hash = 33;
    assert_int_equal(sl_store_put(s, a, 1, 0), SL_OK); /* replace */
    assert_int_equal(sl_store_hash(s, "a", &found), 33);
    assert_int_equal(sl_store_delete(s, "b"), SL_OK);
    assert_int_equal(sl_store_delete(s, "b"), SL_ENOTFOUND);
    sl_store_hash(s, "b", &found);
    assert_false(found);
    sl_store_close(s);
    /* reopen: schema already migrated, data kept */
    assert_int_equal(sl_store_open(path, &s, &err), SL_OK);
    int n = 0;
    assert_int_equal(sl_store_each(s, count_cb, &n), SL_OK);
    assert_int_equal(n, 1);
    sl_store_close(s);
    sl_doc_free(a);
    sl_doc_free(b);
    test_rm_db(path);
}

static void test_bad_path(void **state)
{
    (void)state;
    sl_store *s;
    char *err = NULL;
    assert_int_equal(sl_store_open("/nonexistent/dir/x.db", &s, &err), SL_EDB);
    assert_non_null(err);
    assert_null(s);
    free(err);
}

static void test_newer_schema(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_store *s;
    char *err = NULL;
    assert_int_equal(sl_store_open(path, &s, &err), SL_OK);
    sqlite3_exec(sl_store_db(s), "PRAGMA user_version=999", NULL, NULL, NULL);
    sl_store_close(s);
    assert_int_equal(sl_store_open(path, &s, &err), SL_EDB);
    assert_non_null(strstr(err, "newer"));
    free(err);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_bad_path),
        cmocka_unit_test(test_newer_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
