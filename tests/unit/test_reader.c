/* Unit tests of reader: format detection, JSONL, SGML splitting, gzip,
 * limits and rejects. */
#include "harness.h"
#include "extract.h"
#include "reader.h"
#include "util.h"

#include <unistd.h>
#include <zlib.h>

typedef struct got {
    int ndocs, nrej;
    char ids[16][64];
    char rej[16][160];
} got;

static int on_doc(void *ud, sl_doc *d)
{
    got *g = ud;
    if (g->ndocs < 16)
        snprintf(g->ids[g->ndocs], 64, "%s", d->id ? d->id : "(null)");
    g->ndocs++;
    sl_doc_free(d);
    return 0;
}

static void on_rej(void *ud, const char *source, const char *msg)
{
    got *g = ud;
    if (g->nrej < 16)
        snprintf(g->rej[g->nrej], 160, "%s: %s", source, msg);
    g->nrej++;
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(sl_detect_format("a.txt", "Hello world.\n", 13), SL_FMT_TEXT);
    const char *h = "<!DOCTYPE html><html><body><p>x</p></body></html>";
    assert_int_equal(sl_detect_format("a", h, strlen(h)), SL_FMT_HTML);
    const char *s = "\n<DOC>\n<DOCNO> X1 </DOCNO>\n</DOC>\n";
    assert_int_equal(sl_detect_format(NULL, s, strlen(s)), SL_FMT_SGML);
    const char *j = "{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\"}\n";
    assert_int_equal(sl_detect_format(NULL, j, strlen(j)), SL_FMT_JSONL);
    assert_int_equal(sl_detect_format(NULL, "{\"id\":1}", 8), SL_FMT_JSON);
    assert_int_equal(sl_detect_format("page.html", "plain words", 11), SL_FMT_HTML);
}

static void test_jsonl(void **state)
{
    (void)state;
    got g = {0};
    sl_reader r = {0, on_doc, on_rej, &g};
    const char *j = "{\"id\":\"a\",\"text\":\"one\",\"title\":\"T\"}\n\n"
                    "{\"id\":\"b\" oops\n"
                    "{\"text\":\"no id\"}\n"
                    "{\"id\":7,\"text\":\"numeric id\"}\n";
    sl_read_bytes(&r, "f.jsonl", j, strlen(j), SL_FMT_AUTO);
    assert_int_equal(g.ndocs, 2);
    assert_string_equal(g.ids[0], "a");
    assert_string_equal(g.ids[1], "7");
    assert_int_equal(g.nrej, 2);
    assert_non_null(strstr(g.rej[0], "f.jsonl:3"));
    assert_non_null(strstr(g.rej[1], "f.jsonl:4"));
    assert_non_null(strstr(g.rej[1], "id"));
}

static void test_sgml_split(void **state)
{
    (void)state;
    got g = {0};
    sl_reader r = {0, on_doc, on_rej, &g};
    const char *s = "<DOC>\n<DOCNO> A1 </DOCNO>\n<TEXT>\nOne.\n</TEXT>\n</DOC>\n"
                    "<DOC>\n<DOCNO> A2 </DOCNO>\n<TEXT>\nTwo.\n</TEXT>\n</DOC>\n";
    sl_read_bytes(&r, "wire.sgml", s, strlen(s), SL_FMT_AUTO);
    assert_int_equal(g.ndocs, 2); /* ids come from extraction (DOCNO) */
}

static void test_gzip(void **state)
{
    (void)state;
    const char *text = "A gzip-compressed article about the harbour.";
    unsigned char gz[256];
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = gz;
    z.avail_out = sizeof gz;
    deflate(&z, Z_FINISH);
    size_t n = sizeof gz - z.avail_out;
    deflateEnd(&z);
    got g = {0};
    sl_reader r = {0, on_doc, on_rej, &g};
    sl_read_bytes(&r, "dir/page.txt.gz", (char *)gz, n, SL_FMT_AUTO);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.ids[0], "page.txt");
    /* the same bytes over a small limit: a bomb is refused */
    got g2 = {0};
    sl_reader r2 = {10, on_doc, on_rej, &g2};
    sl_read_bytes(&r2, "bomb.gz", (char *)gz, n, SL_FMT_AUTO);
    assert_int_equal(g2.ndocs, 0);
    assert_int_equal(g2.nrej, 1);
    assert_non_null(strstr(g2.rej[0], "limit"));
    /* corrupt gzip */
    gz[n / 2] ^= 0xFF;
    got g3 = {0};
    sl_reader r3 = {0, on_doc, on_rej, &g3};
    sl_read_bytes(&r3, "bad.gz", (char *)gz, n, SL_FMT_AUTO);
    assert_int_equal(g3.ndocs + g3.nrej, 1);
}

static void test_basename(void **state)
{
    (void)state;
    char *b = sl_path_basename("a/b/000_x.txt");
    assert_string_equal(b, "000_x.txt");
    free(b);
    b = sl_path_basename("x.html.gz");
    assert_string_equal(b, "x.html");
    free(b);
}

static void test_json_doc(void **state)
{
    (void)state;
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    const char *j = "{\"id\":\"x\",\"text\":\"body\",\"published\":\"2020-12-15T10:00:00Z\","
                    "\"site\":\"Wire\",\"lang\":\"en\",\"url\":\"http://e/x\"}";
    assert_int_equal(sl_doc_from_json(d, j, strlen(j), &err), 0);
    assert_string_equal(d->id, "x");
    assert_string_equal(d->raw, "body");
    assert_string_equal(d->site, "Wire");
    sl_doc_free(d);
    /* an escaped NUL does not cut the id or the text: it becomes U+FFFD */
    d = sl_doc_new();
    const char *n = "{\"id\":\"a\\u0000b\",\"text\":\"x\\u0000y \\\\u0000\"}";
    assert_int_equal(sl_doc_from_json(d, n, strlen(n), &err), 0);
    assert_string_equal(d->id, "a\xEF\xBF\xBD" "b");
    assert_string_equal(d->raw, "x\xEF\xBF\xBD" "y \\u0000"); /* an escaped backslash stays */
    sl_doc_free(d);
    d = sl_doc_new();
    assert_int_not_equal(sl_doc_from_json(d, "[1,2]", 5, &err), 0);
    assert_non_null(err);
    free(err);
    sl_doc_free(d);
}

static void test_jsonl_stream(void **state)
{
    (void)state;
    char path[] = "/tmp/sl-reader-XXXXXX.jsonl";
    int fd = mkstemps(path, 6);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "{\"id\":\"a\",\"text\":\"first\"}\n{\"id\":\"long\",\"text\":\"");
    for (int i = 0; i < 200000; i++)
        fputc('x', f);
    fprintf(f, "\"}\n");
    for (int i = 0; i < 300; i++)
        fprintf(f, "{\"id\":\"n%d\",\"text\":\"t\"}\n", i);
    fprintf(f, "{\"id\":\"last\",\"text\":\"no newline\"}");
    fclose(f);
    got g = {0};
    sl_reader r = {1000, on_doc, on_rej, &g}; /* limit 1000 bytes per line */
    sl_read_path(&r, path);
    assert_int_equal(g.ndocs, 302);
    assert_int_equal(g.nrej, 1);
    assert_non_null(strstr(g.rej[0], ":2: line of 200"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),   cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_sgml_split), cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_basename), cmocka_unit_test(test_json_doc),
        cmocka_unit_test(test_jsonl_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
