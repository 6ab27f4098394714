/*
 * test_sgml: TREC/DUC SGML on hand-written documents (fields, dates,
 * entities, wraps, wire furniture, malformed input), and every document of
 * ../shared/data/duc2003-dev when present.
 */
#include "harness.h"

#include "doc.h"
#include "sgml.h"
#include "storyline.h"

#include <dirent.h>

/* Extracts s into a fresh doc; returns the code, *out the doc (caller
 * frees with sl_doc_free) and *err the message (caller frees). */
static int extract(const char *s, sl_doc **out, char **err)
{
    sl_doc *d = sl_doc_new();
    *err = NULL;
    int rc = sl_sgml_extract(d, s, strlen(s), err);
    *out = d;
    return rc;
}

static sl_doc *ok(const char *s)
{
    sl_doc *d;
    char *err;
    int rc = extract(s, &d, &err);
    if (rc != SL_OK)
        print_message("error: %s\n", err ? err : "?");
    assert_int_equal(rc, SL_OK);
    assert_null(err);
    return d;
}

static void wire_document(void **state)
{
    (void)state;
    sl_doc *d = ok("\n<DOC>\n<DOCNO> ABC19990101.0001 </DOCNO>\n"
                   "<DOCTYPE> NEWS STORY </DOCTYPE>\n"
                   "<DATE_TIME> 01/02/1999 10:25:00 </DATE_TIME>\n"
                   "<HEADER>\nx1234 &Cx1f; abc-\nBC-Test-Story   01-02 0400\n</HEADER>\n"
                   "<BODY>\n<SLUG> BC-Test-Story </SLUG>\n"
                   "<TEXT>\n"
                   "\t   TOWNVILLE (XX) _ The town council voted on Saturday to build a\n"
                   "new bridge, the mayor said, ``after years of delay.''\n"
                   "\t   Work will start in the spring &AMP; end in 2001.\n"
                   "\t   (ab/cd)\n"
                   "</TEXT>\n<TRAILER> AP-NY-01-02-99 1025EST </TRAILER>\n</BODY>\n</DOC>\n");
    assert_string_equal(d->id, "ABC19990101.0001");
    assert_string_equal(d->published, "1999-01-02T10:25:00Z");
    assert_null(d->title);
    assert_string_equal(d->text,
                        "TOWNVILLE (XX) \xE2\x80\x94 The town council voted on Saturday to build a new "
                        "bridge, the mayor said, \xE2\x80\x9C" "after years of delay.\xE2\x80\x9D\n\n"
                        "Work will start in the spring & end in 2001.");
    sl_doc_free(d);
}

static void paragraphs_headline_dateline(void **state)
{
    (void)state;
    sl_doc *d = ok("<DOC>\n<DOCNO>XYZ-42</DOCNO>\n<DATE>880315</DATE>\n"
                   "<HEADLINE>\nRiver Floods &amp; Farms\nAre Lost\n</HEADLINE>\n"
                   "<DATELINE> RIVERTON </DATELINE>\n"
                   "<TEXT>\n<P>\nEds: note to editors here\n</P>\n<P>\nBy JANE DOE\n</P>\n"
                   "<P>\nThe river rose two metres overnight,\nflooding farms.\n</P>\n"
                   "<ANNOTATION>\n(STORY CAN END HERE)\n</ANNOTATION>\n"
                   "<P>\nFarmers asked for help &#8212; quickly.\n</P>\n"
                   "<P>\nMORE\n</P>\n</TEXT>\n</DOC>\n");
    assert_string_equal(d->id, "XYZ-42");
    assert_string_equal(d->published, "1988-03-15T00:00:00Z");
    assert_string_equal(d->title, "River Floods & Farms Are Lost");
    assert_string_equal(d->text, "RIVERTON \xE2\x80\x94 The river rose two metres overnight, flooding "
                                 "farms.\n\nFarmers asked for help \xE2\x80\x94 quickly.");
    sl_doc_free(d);
}

static void date_formats(void **state)
{
    (void)state;
    struct {
        const char *date, *iso;
    } cases[] = {
        {"1999-05-19 21:11:17", "1999-05-19T21:11:17Z"},
        {"1998-07-31 18:47", "1998-07-31T18:47:00Z"},
        {"08/03/1998 10:25:00", "1998-08-03T10:25:00Z"},
        {"1996-08-07", "1996-08-07T00:00:00Z"},
        {"19981015", "1998-10-15T00:00:00Z"},
        {"January 5, 1989, Thursday", "1989-01-05T00:00:00Z"},
        {"5 May 1991", "1991-05-05T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "<DOC><DOCNO>d%zu</DOCNO><DATE_TIME>%s</DATE_TIME>"
                                  "<TEXT>Some text here.</TEXT></DOC>",
                 i, cases[i].date);
        sl_doc *d = ok(buf);
        assert_non_null(d->published);
        assert_string_equal(d->published, cases[i].iso);
        sl_doc_free(d);
    }
    /* no date element: the date in the DOCNO */
    sl_doc *d = ok("<DOC><DOCNO> NYT20000213.0130 </DOCNO><TEXT>Text.</TEXT></DOC>");
    assert_string_equal(d->published, "2000-02-13T00:00:00Z");
    sl_doc_free(d);
}

static void attributes_and_unclosed(void **state)
{
    (void)state;
    /* Gigaword style: id attribute, no DOCNO; TEXT never closed */
    sl_doc *d = ok("<DOC id=\"ABC_ENG_20010203.0004\" type=\"story\">\n"
                   "<HEADLINE>Storm Hits</HEADLINE>\n<TEXT>\n<P>A storm hit the coast.</P>\n"
                   "<P>Power was cut.\n</DOC>\n");
    assert_string_equal(d->id, "ABC_ENG_20010203.0004");
    assert_string_equal(d->published, "2001-02-03T00:00:00Z");
    assert_string_equal(d->title, "Storm Hits");
    assert_string_equal(d->text, "A storm hit the coast.\n\nPower was cut.");
    sl_doc_free(d);

    /* unclosed DOCNO stops at the next tag; unclosed TEXT stops at TRAILER */
    d = ok("<DOC><DOCNO> Q1 \n<TEXT>\nThe text.\n<TRAILER>trailer words</TRAILER></DOC>");
    assert_string_equal(d->id, "Q1");
    assert_string_equal(d->text, "The text.");
    sl_doc_free(d);
}

static void errors(void **state)
{
    (void)state;
    sl_doc *d;
    char *err;
    assert_int_equal(extract("<DOC><TEXT>No id here.</TEXT></DOC>", &d, &err), SL_EFORMAT);
    assert_non_null(err);
    assert_non_null(strstr(err, "DOCNO"));
    free(err);
    sl_doc_free(d);

    assert_int_equal(extract("<DOC><DOCNO>A1</DOCNO><HEADER>x</HEADER></DOC>", &d, &err), SL_EEMPTY);
    assert_non_null(strstr(err, "TEXT"));
    free(err);
    sl_doc_free(d);

    assert_int_equal(extract("<DOC><DOCNO>A2</DOCNO><TEXT>\n<P>\n</P>\n</TEXT></DOC>", &d, &err),
                     SL_EEMPTY);
    assert_non_null(err);
    free(err);
    sl_doc_free(d);

    /* garbage never crashes */
    const char *junk[] = {"<DOC", "<DOC><DOCNO>", "<DOC><DOCNO>x</DOCNO><TEXT", "&&&;<<>>",
                          "<DOC><DOCNO>y</DOCNO><TEXT>&#99999999; &#xZZ; &QL</TEXT></DOC>"};
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
        int rc = extract(junk[i], &d, &err);
        assert_true(rc == SL_OK || rc < 0);
        free(err);
        sl_doc_free(d);
    }
}

typedef struct seen {
    size_t n, lines[4];
    char first[4];
} seen;

static int on_doc(void *ud, const char *doc, size_t len, size_t line)
{
    seen *s = ud;
    (void)len;
    if (s->n < 4) {
        s->lines[s->n] = line;
        s->first[s->n] = doc[1];
    }
    s->n++;
    return 0;
}

static int stop_first(void *ud, const char *doc, size_t len, size_t line)
{
    (void)doc;
    (void)len;
    (void)line;
    ++*(int *)ud;
    return 7;
}

static void each_document(void **state)
{
    (void)state;
    const char *s = "<DOC>\n<DOCNO>1</DOCNO>\n</DOC>\n"
                    "<doc id=\"2\">\n<TEXT>x</TEXT>\n"   /* unclosed: ends at the next DOC */
                    "<DOC>\n<DOCNO>3</DOCNO>\n</DOC>\n";
    seen sn = {0};
    assert_int_equal(sl_sgml_each(s, strlen(s), on_doc, &sn), 0);
    assert_int_equal(sn.n, 3);
    assert_int_equal(sn.lines[0], 1);
    assert_int_equal(sn.lines[1], 4);
    assert_int_equal(sn.lines[2], 6);
    int calls = 0;
    assert_int_equal(sl_sgml_each(s, strlen(s), stop_first, &calls), 7);
    assert_int_equal(calls, 1);
    assert_int_equal(sl_sgml_each("no documents", 12, stop_first, &calls), 0);
}

/* Every DUC 2003 document parses with a DOCNO, a date and text. */
typedef struct duc {
    size_t docs, failed;
} duc;

static int on_duc(void *ud, const char *doc, size_t len, size_t line)
{
    duc *c = ud;
    (void)line;
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    int rc = sl_sgml_extract(d, doc, len, &err);
    c->docs++;
    if (rc != SL_OK || !d->id || !d->published || !d->text || strlen(d->text) < 100 ||
        strstr(d->text, "&QL;") || strstr(d->text, "<P>") || strstr(d->text, "``")) {
        print_message("bad document %s: %s\n", d->id ? d->id : "?", err ? err : "");
        c->failed++;
    }
    free(err);
    sl_doc_free(d);
    return 0;
}

static void duc_corpus(void **state)
{
    (void)state;
    NEED_SHARED(shared);
    char root[1024];
    snprintf(root, sizeof root, "%s/data/duc2003-dev/docs", shared);
    DIR *top = opendir(root);
    if (!top) {
        print_message("skipping: %s is absent\n", root);
        skip();
    }
    duc c = {0};
    struct dirent *e;
    while ((e = readdir(top)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char dir[1400];
        snprintf(dir, sizeof dir, "%s/%s", root, e->d_name);
        DIR *sub = opendir(dir);
        if (!sub)
            continue;
        struct dirent *f;
        while ((f = readdir(sub)) != NULL) {
            if (f->d_name[0] == '.')
                continue;
            char path[1800];
            snprintf(path, sizeof path, "%s/%s", dir, f->d_name);
            size_t len;
            char *bytes = test_read_file(path, &len);
            if (!bytes)
                continue;
            size_t before = c.docs;
            sl_sgml_each(bytes, len, on_duc, &c);
            if (c.docs == before) {
                print_message("no <DOC> in %s\n", path);
                c.failed++;
            }
            free(bytes);
        }
        closedir(sub);
    }
    closedir(top);
    print_message("%zu DUC documents, %zu bad\n", c.docs, c.failed);
    assert_true(c.docs >= 500);
    assert_int_equal(c.failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wire_document),
        cmocka_unit_test(paragraphs_headline_dateline),
        cmocka_unit_test(date_formats),
        cmocka_unit_test(attributes_and_unclosed),
        cmocka_unit_test(errors),
        cmocka_unit_test(each_document),
        cmocka_unit_test(duc_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
