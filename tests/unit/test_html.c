/*
 * test_html: HTML main-text and metadata extraction (src/html.c,
 * src/html_meta.c, src/html_text.c, src/charset.c).
 *
 * Pages are written here by hand; the last test scores a few WCXB pages
 * from ../shared when it is present (skipped otherwise).
 */
#include "harness.h"

#include "charset.h"
#include "doc.h"
#include "extract.h"
#include "html.h"
#include "html_text.h"
#include "html_meta.h"
#include "storyline.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <iconv.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <zlib.h>

/* Runs the extractor on a NUL-terminated page; returns the status. */
static int run(sl_doc *d, const char *html, size_t len, char **err)
{
    *err = NULL;
    return sl_html_extract(d, html, len, err);
}

static const char *ARTICLE_P1 =
    "The city council voted on Tuesday to expand the river park, adding twelve hectares of "
    "wetland, a cycling path and a small museum about the old harbour, after three years of "
    "debate among residents, planners and the regional water authority.";
static const char *ARTICLE_P2 =
    "Supporters said the plan would protect the area from floods, while critics worried about "
    "the cost, which the council put at forty million euros, spread over the next six years.";
static const char *ARTICLE_P3 =
    "Work is due to start in the spring, and the first section of the path should open to "
    "the public before the end of next summer, according to the mayor's office.";

/* A news page with everything around the article that must not come out. */
static char *boilerplate_page(void)
{
    return sl_xasprintf(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        "<title>Council expands river park | The Daily Example</title>"
        "<meta property=\"og:site_name\" content=\"The Daily Example\">"
        "<meta property=\"article:published_time\" content=\"2021-03-04T10:15:00+01:00\">"
        "<meta name=\"author\" content=\"Jane Reporter\">"
        "<link rel=\"canonical\" href=\"https://example.org/news/river-park\">"
        "<script>var tracking = 'NAVSCRIPT should never appear';</script>"
        "<style>.x{color:red}</style></head><body>"
        "<nav class=\"main-menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World "
        "MENUWORD</a></li><li><a href=\"/s\">Sport</a></li></ul></nav>"
        "<div class=\"share-bar\"><a href=\"#\">Share on SHAREWORD</a> <a href=\"#\">Tweet</a></div>"
        "<main><article class=\"post\">"
        "<h1>Council expands river park</h1>"
        "<p>%s</p><p>%s</p>"
        "<h2>What happens next</h2>"
        "<figure><img src=\"a.jpg\"><figcaption>CAPTIONWORD The river at dawn.</figcaption></figure>"
        "<p>%s</p>"
        "</article>"
        "<section class=\"related-articles\"><h3>Related</h3><ul>"
        "<li><a href=\"/1\">RELATEDWORD Another story about parks in the region</a></li>"
        "<li><a href=\"/2\">Yet another story about the council budget</a></li></ul></section>"
        "<div id=\"comments\" class=\"comments-area\"><p>COMMENTWORD I think this is a great "
        "idea, and I have lived here for thirty years, so I know the river well.</p>"
        "<p>Another comment, long enough to look like a paragraph of text, about costs.</p></div>"
        "</main>"
        "<footer class=\"site-footer\"><p>FOOTERWORD Copyright 2021 The Daily Example. "
        "All rights reserved. Contact us, advertise, privacy policy and terms.</p></footer>"
        "</body></html>",
        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
}

static void test_boilerplate_removed(void **state)
{
    (void)state;
    char *page = boilerplate_page(), *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(d->text);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P2));
    assert_non_null(strstr(d->text, ARTICLE_P3));
    /* the heading inside the body is its own paragraph */
    assert_non_null(strstr(d->text, "\n\nWhat happens next\n\n"));
    /* paragraphs in order, separated by a blank line */
    assert_true(strstr(d->text, ARTICLE_P1) < strstr(d->text, ARTICLE_P3));
    const char *bad[] = {"NAVSCRIPT", "MENUWORD", "SHAREWORD", "CAPTIONWORD", "RELATEDWORD",
                         "COMMENTWORD", "FOOTERWORD", "color:red", NULL};
    for (int i = 0; bad[i]; i++)
        if (strstr(d->text, bad[i]))
            fail_msg("boilerplate \"%s\" in text: %s", bad[i], d->text);
    /* metadata */
    assert_string_equal(d->title, "Council expands river park");
    assert_string_equal(d->site, "The Daily Example");
    assert_string_equal(d->author, "Jane Reporter");
    assert_string_equal(d->url, "https://example.org/news/river-park");
    assert_string_equal(d->lang, "en-GB");
    assert_non_null(d->published);
    int64_t t;
    assert_true(sl_parse_iso8601("2021-03-04T09:15:00Z", &t));
    assert_true(d->pub_time == t);
    sl_doc_free(d);
    free(page);
}

static void test_caller_fields_kept(void **state)
{
    (void)state;
    char *page = boilerplate_page(), *err;
    sl_doc *d = sl_doc_new();
    d->title = sl_xstrdup("Given title");
    d->lang = sl_xstrdup("fr");
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_string_equal(d->title, "Given title");
    assert_string_equal(d->lang, "fr");
    assert_string_equal(d->site, "The Daily Example"); /* NULL ones still filled */
    sl_doc_free(d);
    free(page);
}

/* ---- charsets -------------------------------------------------------------- */

static const char *RU_P1 =
    "Городской совет во вторник проголосовал за расширение парка у реки, добавив двенадцать "
    "гектаров болот, велосипедную дорожку и небольшой музей старой гавани.";
static const char *RU_P2 =
    "Сторонники говорят, что план защитит район от наводнений, а критики беспокоятся о "
    "стоимости, которую совет оценил в сорок миллионов евро на шесть лет.";

/* Converts UTF-8 s to charset `to` (caller frees). */
static char *to_charset(const char *s, const char *to, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(s), outleft = inleft * 2 + 16;
    char *out = malloc(outleft), *o = out, *in = (char *)s;
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *out_len = (size_t)(o - out);
    out[*out_len] = 0;
    return out;
}

static char *ru_page(const char *meta)
{
    return sl_xasprintf("<html><head>%s<title>Новости города</title></head><body>"
                        "<div class=\"article-body\"><p>%s</p><p>%s</p></div></body></html>",
                        meta, RU_P1, RU_P2);
}

static void check_ru(const char *meta, const char *charset)
{
    char *utf8 = ru_page(meta), *err;
    size_t len;
    char *bytes = to_charset(utf8, charset, &len);
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, bytes, len, &err), SL_OK);
    assert_non_null(strstr(d->text, RU_P1));
    assert_non_null(strstr(d->text, RU_P2));
    assert_string_equal(d->title, "Новости города");
    sl_doc_free(d);
    free(bytes);
    free(utf8);
}

static void test_cp1251_declared(void **state)
{
    (void)state;
    check_ru("<meta charset=\"windows-1251\">", "WINDOWS-1251");
    check_ru("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
             "WINDOWS-1251");
}

static void test_cp1251_undeclared(void **state)
{
    (void)state;
    check_ru("", "WINDOWS-1251");
    check_ru("", "KOI8-R");
    size_t len;
    char *b = to_charset(RU_P1, "WINDOWS-1251", &len);
    assert_string_equal(sl_charset_guess(b, len), "WINDOWS-1251");
    free(b);
    b = to_charset("Le café était fermé, déjà à midi; über Straße.", "WINDOWS-1252", &len);
    assert_string_equal(sl_charset_guess(b, len), "WINDOWS-1252");
    free(b);
}

/* UTF-8 pages reach libxml2 without an encoding name unless their start
 * could pass for another encoding's mark: either way every character comes
 * back as it was, whatever the page starts with and whatever it declares
 * (no fall back to Latin-1 at the first non-ASCII byte). */
static void test_utf8_in_place(void **state)
{
    (void)state;
    const char *para = "Новости: café, Straße, 1 € = 1,1 $, 東京 \xF0\x9F\x98\x80 ok. "
                       "The text goes on long enough to be an article paragraph.";
    static const char *const starts[] = {
        "",         "\xEF\xBB\xBF", "  \n",      "<!DOCTYPE html>",
        "<?xml version=\"1.0\"?>", "Новости ", "\xC3\xA9t\xC3\xA9 ",
    };
    static const char *const metas[] = {"", "<meta charset=\"iso-8859-1\">",
                                         "<meta charset=\"utf-16\">"};
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        for (size_t m = 0; m < sizeof metas / sizeof *metas; m++) {
            char *page = sl_xasprintf("%s<html><head>%s<title>Заголовок é</title></head><body>"
                                      "<article><p>%s</p><p>%s</p></article></body></html>",
                                      starts[i], metas[m], para, para);
            sl_doc *d = sl_doc_new();
            char *err;
            assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
            if (!strstr(d->text, para))
                fail_msg("start %zu meta %zu: text %s", i, m, d->text);
            /* text before <html> opens the body: libxml2 then puts the
             * head's title right under body, where it is still the title */
            assert_string_equal(d->title ? d->title : "NULL", "Заголовок é");
            sl_doc_free(d);
            free(page);
        }
}

/* The page's title is the head's <title>, or one libxml2 moved right under
 * body; never an SVG's or another element's <title> deeper in the page, and
 * a later one does not replace the first. */
static void test_title_tag_places(void **state)
{
    (void)state;
    static const char para[] = "A paragraph of the article with enough words in it to be kept as text, "
                               "and a second clause, so that it counts.";
    static const struct { const char *before, *head, *inside, *want; } cases[] = {
        {"", "<title>Head title</title>", "", "Head title"},
        {"stray text\n", "<title>Moved title</title>", "", "Moved title"},
        {"", "", "<svg><title>Icon</title></svg>", "NULL"},
        {"", "<title>Head title</title>", "<title>Late</title>", "Head title"},
        {"stray text\n", "", "<div><title>Tooltip</title></div>", "NULL"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *page = sl_xasprintf("%s<html><head>%s</head><body>%s<article><p>%s</p><p>%s</p>"
                                  "</article></body></html>",
                                  cases[i].before, cases[i].head, cases[i].inside, para, para);
        sl_doc *d = sl_doc_new();
        char *err;
        assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
        if (strcmp(d->title ? d->title : "NULL", cases[i].want))
            fail_msg("case %zu: title %s, want %s", i, d->title ? d->title : "NULL", cases[i].want);
        sl_doc_free(d);
        free(page);
    }
}

static void test_wrong_declaration_utf8_wins(void **state)
{
    (void)state;
    /* valid UTF-8 with a stale legacy declaration stays UTF-8 */
    check_ru("<meta charset=\"windows-1251\">", "UTF-8");
}

static void test_bom(void **state)
{
    (void)state;
    char *page = ru_page("");
    char *bom = sl_xasprintf("\xEF\xBB\xBF%s", page), *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, bom, strlen(bom), &err), SL_OK);
    assert_string_equal(d->title, "Новости города");
    assert_non_null(strstr(d->text, RU_P1));
    sl_doc_free(d);
    /* UTF-16LE with its BOM */
    size_t len;
    char *u16 = to_charset(page, "UTF-16LE", &len);
    char *withbom = malloc(len + 2);
    memcpy(withbom, "\xFF\xFE", 2);
    memcpy(withbom + 2, u16, len);
    size_t ulen;
    const char *used;
    char *u8 = sl_charset_to_utf8(withbom, len + 2, &ulen, &used);
    assert_string_equal(used, "UTF-16LE");
    assert_non_null(strstr(u8, RU_P2));
    free(u8);
    free(withbom);
    free(u16);
    free(bom);
    free(page);
}

static void test_invalid_utf8_repaired(void **state)
{
    (void)state;
    char *page = sl_xasprintf("<html><body><article><p>%s \xFF\xFE broken bytes here.</p>"
                              "<p>%s</p></article></body></html>",
                              ARTICLE_P1, ARTICLE_P2);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    size_t n;
    char *r = sl_utf8_repair(d->text, strlen(d->text), NULL, &n);
    assert_int_equal(n, 0); /* output is valid UTF-8 */
    free(r);
    sl_doc_free(d);
    free(page);
}

/* sl_extract does not check the HTML reader's text again (extract.c): every
 * way of writing a bad character into a page must still give valid UTF-8
 * text (character references to surrogates, NUL and past U+10FFFF, stray
 * and cut sequences in every paragraph, UTF-16 with a lone surrogate, a
 * single-byte declaration over UTF-8 bytes). */
static void test_text_always_valid_utf8(void **state)
{
    (void)state;
    static const char *bad[] = {"&#xD800;", "&#xDFFF;", "&#0;", "&#x110000;", "&#128;",
                                "&#x80000000;", "\xED\xA0\x80", "\xC0\xAF", "\xE2\x82",
                                "\xF4\x90\x80\x80", "\x80\xBF", "\xF8\x88\x80\x80\x80"};
    static const char *decl[] = {"", "<meta charset=\"utf-8\">", "<meta charset=\"windows-1251\">",
                                 "<meta charset=\"iso-8859-1\">"};
    size_t checked = 0;
    for (size_t k = 0; k < sizeof decl / sizeof *decl; k++)
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            char *page = sl_xasprintf("<html><head>%s<title>T%s</title></head><body><article>"
                                      "<p>%s%s %s</p><p>%s %s%s</p><p>%s</p></article></body></html>",
                                      decl[k], bad[i], bad[i], ARTICLE_P1, bad[i], ARTICLE_P2,
                                      bad[i], bad[i], ARTICLE_P3);
            sl_doc *d = sl_doc_new();
            d->raw = page;
            d->raw_len = strlen(page);
            d->format = SL_FMT_HTML;
            char *err = NULL;
            if (sl_extract(d, &err) == SL_OK) {
                assert_non_null(d->text);
                assert_true(sl_utf8_valid(d->text, strlen(d->text)));
                checked++;
            }
            free(err);
            d->raw = NULL;
            sl_doc_free(d);
            free(page);
        }
    assert_int_equal(checked, sizeof decl / sizeof *decl * (sizeof bad / sizeof *bad));
    /* UTF-16 with a lone high surrogate in the text */
    char *ascii = sl_xasprintf("<html><body><article><p>%s X</p><p>%s</p></article></body></html>",
                               ARTICLE_P1, ARTICLE_P2);
    size_t n = strlen(ascii);
    char *u16 = sl_xmalloc(2 * n + 2);
    u16[0] = (char)0xFF;
    u16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        u16[2 + 2 * i] = ascii[i];
        u16[3 + 2 * i] = 0;
    }
    char *x = strstr(ascii, " X<");
    size_t at = 2 + 2 * (size_t)(x + 1 - ascii);
    u16[at] = 0x00;
    u16[at + 1] = (char)0xD8; /* U+D800 in place of the X */
    sl_doc *d = sl_doc_new();
    char *err = NULL;
    if (run(d, u16, 2 * n + 2, &err) == SL_OK)
        assert_true(sl_utf8_valid(d->text, strlen(d->text)));
    free(err);
    sl_doc_free(d);
    free(u16);
    free(ascii);
}

/* ---- hostile input ------------------------------------------------------------ */

static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    sl_buf b = {0};
    sl_buf_printf(&b, "<html><body><article><p>%s</p><p>%s</p></article>", ARTICLE_P1,
                  ARTICLE_P2);
    for (int i = 0; i < DEPTH; i++)
        sl_buf_puts(&b, "<div>");
    sl_buf_puts(&b, "deep text");
    for (int i = 0; i < DEPTH; i++)
        sl_buf_puts(&b, "</div>");
    sl_buf_puts(&b, "</body></html>");
    double t = sl_now();
    sl_doc *d = sl_doc_new();
    char *err;
    int rc = run(d, b.data, b.len, &err);
    double dt = sl_now() - t;
    assert_int_equal(rc, SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_true(dt < 5.0);
    sl_doc_free(d);
    sl_buf_free(&b);
}

static void test_unclosed_and_broken(void **state)
{
    (void)state;
    /* an unclosed <button> and stray </html> must not lose the article */
    char *page = sl_xasprintf("<html><body><header><button class=\"menu\">Menu"
                              "<div class=\"content\"><p>%s</p><p>%s</p></div></html>"
                              "<p>%s</p><div><span><b>unclosed",
                              ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P2));
    sl_doc_free(d);
    free(page);
}

static void test_script_only_rejected(void **state)
{
    (void)state;
    const char *page = "<html><head><script>document.write('hello world, this is a lot of "
                       "text produced by a script');</script></head><body><script>var a = 1;"
                       "</script><noscript></noscript></body></html>";
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_EEMPTY);
    assert_non_null(err);
    assert_true(strlen(err) > 5);
    free(err);
    sl_doc_free(d);
}

static void test_binary_rejected(void **state)
{
    (void)state;
    char bytes[2048];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)((i * 7919u) & 0xFF);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, bytes, sizeof bytes, &err), SL_EBINARY);
    assert_non_null(err);
    free(err);
    sl_doc_free(d);
}

/* ---- metadata ------------------------------------------------------------------- */

static void test_jsonld(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><head><title>Ignored title - Site</title>"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Graph Site\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Headline from JSON-LD\","
        "\"datePublished\":\"2020-12-15T08:30:00Z\",\"author\":[{\"@type\":\"Person\","
        "\"name\":\"Ann Author\"},{\"@type\":\"Person\",\"name\":\"Bob Writer\"}],"
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Publisher Name\"}}]}</script>"
        "</head><body><article><p>%s</p><p>%s</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_string_equal(d->title, "Headline from JSON-LD");
    assert_string_equal(d->author, "Ann Author, Bob Writer");
    assert_string_equal(d->site, "Publisher Name");
    int64_t t;
    assert_true(sl_parse_iso8601("2020-12-15T08:30:00Z", &t));
    assert_true(d->pub_time == t);
    sl_doc_free(d);
    free(page);
}

static void title_of(const char *head, const char *want)
{
    char *page = sl_xasprintf("<html><head>%s</head><body><article><p>%s</p><p>%s</p>"
                              "</article></body></html>",
                              head, ARTICLE_P1, ARTICLE_P2);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(d->title);
    if (strcmp(d->title, want))
        fail_msg("title \"%s\", wanted \"%s\"", d->title, want);
    sl_doc_free(d);
    free(page);
}

/* Alpine/Vue '@' attributes with a "=>" in their value: libxml2 used to
 * end the tag there and print the page's markup as text. */
static void test_at_attributes(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><body><nav><ul @click.outside=\"open = false\" "
        "@focusout=\"(e) => e.relatedTarget ? open = false : null\" "
        "x-init=\"menu = [{'ID':501,'post_title':'MARKUPWORD'}]\"><li>Home</li></ul></nav>"
        "<article><p>%s</p><p>%s</p><p>%s</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P3));
    assert_null(strstr(d->text, "MARKUPWORD"));
    assert_null(strstr(d->text, "=>"));
    sl_doc_free(d);
    free(page);
}

/* Elements are built by html.c's own start handler unless their name has a
 * prefix: attributes without a value (hidden), boolean ones (checked),
 * class hints and meta attributes still read as before, and a prefixed
 * element (libxml2's path) still holds its text. */
static void test_element_builder(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><head><meta property=\"og:title\" content=\"Builder title\"></head><body>"
        "<div hidden>HIDDENWORD is never shown</div><form><input type=checkbox checked></form>"
        "<div class=\"sidebar\"><p>SIDEWORD %s</p></div>"
        "<article><p>%s</p><fb:quote><p>%s</p></fb:quote><p>%s</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_string_equal(d->title, "Builder title");
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P2));
    assert_non_null(strstr(d->text, ARTICLE_P3));
    assert_null(strstr(d->text, "HIDDENWORD"));
    assert_null(strstr(d->text, "SIDEWORD"));
    sl_doc_free(d);
    free(page);
}

/* Credits, ad labels, placeholders and inline teasers inside the body go;
 * a paragraph that merely starts with such a word stays. */
static void test_body_furniture(void **state)
{
    (void)state;
    const char *keep = "Photo booths were set up in the square, and the queue for them was "
                       "longer than the one for the new bridge itself.";
    char *page = sl_xasprintf(
        "<html><body><article><p>%s</p><p>Photo: Jane Example / Agency</p>"
        "<p>Advertisement</p><p>%s</p><p>Loading comments...</p>"
        "<p>Related: Council approves budget for next year</p>"
        "<p>Example Images / John Doe</p><p>%s</p><p>%s</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2, keep, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P2));
    assert_non_null(strstr(d->text, keep));
    const char *bad[] = {"Jane Example", "Advertisement", "Loading", "Related:", "John Doe", NULL};
    for (int i = 0; bad[i]; i++)
        if (strstr(d->text, bad[i]))
            fail_msg("furniture \"%s\" in text: %s", bad[i], d->text);
    sl_doc_free(d);
    free(page);
}

/* The edge clean-up counts words eight bytes at a time: a byline of ten
 * words goes and one of eleven stays, whatever the runs of spaces, tabs
 * and line breaks between the words and wherever they fall in a block. */
static void test_trim_edges_word_count(void **state)
{
    (void)state;
    static const char *const gaps[] = {" ", "  ", "\t", " \r ", "   \t  "};
    const char *body = "The article body is here, and it is long enough to stay as it is.";
    for (int words = 10; words <= 11; words++)
        for (size_t g = 0; g < 5 * 8; g++) {
            char text[512];
            size_t n = (size_t)snprintf(text, sizeof text, "by");
            for (int k = 1; k < words; k++)
                n += (size_t)snprintf(text + n, sizeof text - n, "%sw%.*s",
                                      k == 1 ? " " : gaps[(g + (size_t)k) % 5], (int)(g % 8) + 1,
                                      "abcdefgh");
            snprintf(text + n, sizeof text - n, "\n\n%s", body);
            char *out = sl_html_trim_edges(sl_xstrdup(text));
            if (words == 10 && strcmp(out, body))
                fail_msg("ten-word byline kept: %s", out);
            if (words == 11 && strcmp(out, text))
                fail_msg("eleven-word line dropped: %s", out);
            free(out);
        }
}

/* Short edge lines that are dates go, with or without other words; a
 * short line without a digit is no date and stays. */
static void test_trim_edges_dates(void **state)
{
    (void)state;
    const char *body = "The article body is here, and it is long enough to stay as it is.";
    static const struct {
        const char *line;
        bool dropped;
    } cases[] = {
        {"December 15, 2020", true},
        {"Monday 15.12.2020 10:30", true},
        {"15 декабря 2020", true},
        {"December news in brief", false},
        {"Декабрь, пятнадцатое", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *text = sl_xasprintf("%s\n\n%s", cases[i].line, body);
        char *out = sl_html_trim_edges(sl_xstrdup(text));
        if (cases[i].dropped && strcmp(out, body))
            fail_msg("date line kept: %s", out);
        if (!cases[i].dropped && strcmp(out, text))
            fail_msg("line without a date dropped: %s", out);
        free(out);
        free(text);
    }
}

/* sl_utf8_valid accepts exactly what sl_utf8_repair leaves unchanged. */
static void test_utf8_valid(void **state)
{
    (void)state;
    const char *cases[] = {"plain ASCII text that runs past eight bytes",
                           "\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8 and more",
                           "\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
                           "bad \xC3 lead", "overlong \xC0\xAF slash", "surrogate \xED\xA0\x80 here",
                           "too big \xF4\x90\x80\x80", "stray \x80 continuation",
                           "cut at the end \xE2\x82", "abcdefgh\xFF", ""};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i]), m;
        char *r = sl_utf8_repair(cases[i], n, &m, NULL);
        bool same = m == n && !memcmp(r, cases[i], n);
        if (sl_utf8_valid(cases[i], n) != same)
            fail_msg("case %zu: valid %d, repair leaves it unchanged %d", i,
                     sl_utf8_valid(cases[i], n), same);
        free(r);
    }
    assert_false(sl_utf8_valid("nul\0inside", 10));
}

/* The validator takes sixteen or eight bytes at a time while they are
 * ASCII and two-byte sequences: on random mixes of good and bad pieces at every
 * alignment it must agree with sl_utf8_repair, and it must see a NUL
 * wherever it is. */
static void test_utf8_valid_blocks(void **state)
{
    (void)state;
    static const char *const piece[] = {
        "a", " ", "xyz", "\xD0\xBD", "\xC3\xA9", "\xC2\xA0", "\xDF\xBF", "\xE4\xB8\xAD",
        "\xF0\x9F\x98\x80", "\x80", "\xC0\xAF", "\xC1\x81", "\xC3", "\xE2\x82", "\xFF", "\xBF\xBF"};
    enum { NP = sizeof piece / sizeof *piece };
    uint32_t seed = 12345;
    char buf[128];
    for (int round = 0; round < 5000; round++) {
        size_t n = 0;
        int count = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly good pieces, so that long valid runs occur */
            size_t j = (seed >> 16) % 8 ? (seed >> 8) % 8 : (seed >> 8) % NP;
            size_t l = strlen(piece[j]);
            memcpy(buf + n, piece[j], l);
            n += l;
        }
        size_t m;
        char *r = sl_utf8_repair(buf, n, &m, NULL);
        bool same = m == n && !memcmp(r, buf, n);
        free(r);
        if (sl_utf8_valid(buf, n) != same)
            fail_msg("round %d: valid %d, repair leaves it unchanged %d", round,
                     sl_utf8_valid(buf, n), same);
    }
    /* in a run of ASCII (sixteen bytes at a time): a NUL, a stray
     * continuation byte or a good two-byte letter at each place */
    for (size_t at = 0; at + 1 < 48; at++) {
        char t[48];
        memset(t, 'a', sizeof t);
        t[at] = 0;
        assert_false(sl_utf8_valid(t, sizeof t));
        t[at] = '\x80';
        assert_false(sl_utf8_valid(t, sizeof t));
        t[at] = '\xC3', t[at + 1] = '\xA9';
        assert_true(sl_utf8_valid(t, sizeof t));
    }
    /* a NUL at each place of a two-byte run */
    for (size_t at = 0; at < 24; at++) {
        char t[24];
        for (size_t i = 0; i + 1 < sizeof t; i += 2)
            t[i] = '\xD0', t[i + 1] = '\xBD';
        t[at] = 0;
        assert_false(sl_utf8_valid(t, sizeof t));
    }
    /* in a run of two-byte letters and spaces (sixteen bytes at a time):
     * a stray continuation, an overlong lead, a lead of a longer sequence
     * or a lead without its continuation at each place and alignment */
    static const char bad[] = {'\x80', '\xBF', '\xC3', '\xC0', '\xC1', '\xE2', '\xF0', '\xFF'};
    for (size_t shift = 0; shift < 3; shift++)
        for (size_t at = shift; at < 48; at++)
            for (size_t b = 0; b < sizeof bad; b++) {
                char t[48];
                memset(t, ' ', sizeof t);
                for (size_t i = shift; i + 2 < sizeof t; i += 3)
                    t[i] = '\xD1', t[i + 1] = '\x8B';
                size_t n = sizeof t;
                assert_true(sl_utf8_valid(t, n));
                t[at] = bad[b];
                size_t m;
                char *r = sl_utf8_repair(t, n, &m, NULL);
                bool same = m == n && !memcmp(r, t, n);
                free(r);
                if (sl_utf8_valid(t, n) != same)
                    fail_msg("shift %zu at %zu byte %02x: valid %d, repair %d", shift, at,
                             (unsigned char)bad[b], sl_utf8_valid(t, n), same);
            }
}

/* The binary test reads eight bytes at a time where no byte is a control
 * byte; it must count exactly as a byte-by-byte reading does. */
static int binary_by_bytes(const unsigned char *u, size_t len)
{
    size_t n = len < 4096 ? len : 4096, ctrl = 0;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i] == 0)
            ctrl += 8;
        else if (u[i] < 9 || (u[i] > 13 && u[i] < 32 && u[i] != 27))
            ctrl++;
    }
    return n > 0 && ctrl * 10 > n;
}

static void test_looks_binary(void **state)
{
    (void)state;
    unsigned char buf[5000];
    uint64_t x = 88172645463325252ull; /* xorshift: fixed sequence */
    int seen[2] = {0, 0};
    for (int round = 0; round < 4000; round++) {
        size_t len = (size_t)(round * 37 % 4999) + 1;
        int rate = round % 40; /* 6 * rate control bytes per thousand: 0 to ~23% */
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            unsigned r = (unsigned)(x % 1000);
            buf[i] = r < (unsigned)rate * 6 ? (unsigned char)(x >> 20) % 32
                                            : (unsigned char)(' ' + (x >> 24) % 200);
        }
        int want = binary_by_bytes(buf, len);
        assert_int_equal(sl_looks_binary((const char *)buf, len), want);
        seen[want]++;
    }
    assert_true(seen[0] > 0 && seen[1] > 0); /* both answers were exercised */
}

/* Markup indentation (whitespace between block tags) leaves no trace, and
 * whitespace between inline elements still separates their words; long
 * runs of letters, commas, no-break spaces and multi-byte letters come out
 * as written (the eight-byte loops of the counting and printing walks). */
static void test_whitespace_between_tags(void **state)
{
    (void)state;
    const char *page =
        "<html>\n <body>\n  <article>\n   <div>\n    <p>\n     <b>Alpha</b> <i>beta</i>\n"
        "     <a href=\"/g\">gamma</a>, delta,&nbsp;epsilon. Zeta eta theta iota kappa lambda\n"
        "    </p>\n    <p>Twelve-letter-long-compound-words-in-one-run stay whole, "
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C"
        "and\ttabs\r\nand  spaces end here.</p>\n"
        "    <p>A pound sign inside a long word: price\xC2\xA3" "100-for-the-whole-set, "
        "a\xC2\xA0no-break\xC2\xA0space, and the end of a long-long-long-word.</p>\n"
        "   </div>\n  </article>\n </body>\n</html>\n";
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_string_equal(d->text,
                        "Alpha beta gamma, delta, epsilon. Zeta eta theta iota kappa lambda\n\n"
                        "Twelve-letter-long-compound-words-in-one-run stay whole, "
                        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
                        "\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C"
                        "and tabs and spaces end here.\n\n"
                        "A pound sign inside a long word: price\xC2\xA3" "100-for-the-whole-set, "
                        "a no-break space, and the end of a long-long-long-word.");
    sl_doc_free(d);
}

/* Metadata read from an element's text keeps its blocks apart: the parser
 * keeps no whitespace between blocks, so the blocks themselves separate
 * the words (an author line of two <div>s, a heading broken by <br>). */
static void test_metadata_text_blocks_apart(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><body><div itemprop=\"author\"><div>Anna Smith</div>\n<div>Bob Jones</div></div>"
        "<article><h1>Council expands<br>river park</h1><p>%s</p><p>%s</p></article>"
        "</body></html>",
        ARTICLE_P1, ARTICLE_P2);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(d->author);
    assert_string_equal(d->author, "Anna Smith Bob Jones");
    assert_non_null(d->title);
    assert_string_equal(d->title, "Council expands river park");
    sl_doc_free(d);
    free(page);
}

/* A code sample with "<placeholder>" arguments is text; markup printed as
 * text (it closes its elements) is not. */
static void test_placeholders_are_not_markup(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><body><article><p>%s</p><pre>git clone &lt;repo url&gt;\ngit add &lt;path&gt;\n"
        "git commit -m &lt;message&gt;</pre><p>%s</p>"
        "<p>&lt;div class=\"x\"&gt;&lt;span&gt;MARKUPWORD&lt;/span&gt;&lt;b&gt;&lt;/div&gt;</p>"
        "<p>%s</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, "git clone <repo url>"));
    assert_null(strstr(d->text, "MARKUPWORD"));
    sl_doc_free(d);
    free(page);
}

/* A section whose links outweigh its text but that holds paragraphs of
 * prose is kept; the link list inside it still goes. */
static void test_link_heavy_section_with_prose(void **state)
{
    (void)state;
    sl_buf links = {0};
    for (int i = 0; i < 12; i++)
        sl_buf_printf(&links, "<li><a href=\"/p/%d\">LINKWORD patch number %d that changes the "
                              "code generator in some way</a></li>",
                      i, i);
    char *page = sl_xasprintf(
        "<html><body><article><p>%s</p><p>%s</p>"
        "<div class=\"sect\"><h2>Patches</h2><p>%s</p><p>Many patches were sent for review, "
        "and most of them were merged.</p><ul>%s</ul></div>"
        "<p>The mayor said the museum would tell the story of the harbour and the families who "
        "worked there for generations.</p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3, links.data);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, ARTICLE_P3));
    assert_null(strstr(d->text, "LINKWORD"));
    sl_doc_free(d);
    sl_buf_free(&links);
    free(page);
}

/* Paragraphs that are all link text: a run of LINK_LIST_MIN or more
 * (however long each) goes with the short line heading it; two in a row
 * stay; a short one goes alone; a link inside prose stays. */
static void test_link_lists(void **state)
{
    (void)state;
    sl_buf list = {0}, pair = {0};
    for (int i = 0; i < 4; i++)
        sl_buf_printf(&list, "<figure><img src=\"/i/%d.jpg\"></figure><p> <a href=\"/n/%d\">"
                             "LISTWORD headline number %d about another story on the same busy "
                             "site today</a> </p>",
                      i, i, i);
    for (int i = 0; i < 2; i++)
        sl_buf_printf(&pair, "<p><a href=\"/s/%d\">PAIRWORD source number %d that the article "
                             "names for its figures and claims</a></p>",
                      i, i);
    char *page = sl_xasprintf(
        "<html><body><article><p>%s</p><p>%s</p>%s<p>%s See <a href=\"/x\">the full "
        "report</a> for details.</p><p><a href=\"/more\">SHORTLINK read more</a></p>"
        "<h3>HEADWORD News</h3>%s</article></body></html>",
        ARTICLE_P1, ARTICLE_P2, pair.data, ARTICLE_P3, list.data);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, "the full report for details."));
    assert_non_null(strstr(d->text, "PAIRWORD source number 1"));
    assert_null(strstr(d->text, "SHORTLINK"));
    assert_null(strstr(d->text, "LISTWORD"));
    assert_null(strstr(d->text, "HEADWORD"));
    /* the text ends with the article's last paragraph, no separator left */
    size_t n = strlen(d->text), k = strlen("for details.");
    assert_true(n >= k && !strcmp(d->text + n - k, "for details."));
    sl_doc_free(d);
    free(page);

    /* a sentence before the list is not a heading: it stays */
    page = sl_xasprintf("<html><body><article><p>%s</p><p>%s</p><p>%s</p><p>Read on.</p>%s"
                        "</article></body></html>",
                        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3, list.data);
    d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, "Read on."));
    assert_null(strstr(d->text, "LISTWORD"));
    sl_doc_free(d);
    free(page);
    sl_buf_free(&list);
    sl_buf_free(&pair);
}

/* A paragraph of LINK_LIST_MIN links or more is a list by itself (tags, a
 * footer), and so are as many links ending a paragraph of prose with only
 * separators between them: they go with the few words heading them, or
 * from the line break before them. Links that end a longer sentence, or
 * fewer of them, stay. */
static void test_link_tails(void **state)
{
    (void)state;
    char *page = sl_xasprintf(
        "<html><body><article><p>%s</p><p>%s</p>"
        "<p>%s Subscribe to read on. RELWORD Related topics <a href=\"/a\">TAILWORD one headline "
        "about the port strike talks</a><a href=\"/b\"> TAILWORD two headline about the "
        "harbour</a> | <a href=\"/c\">TAILWORD three headline on the weather</a></p>"
        "<p>Thanks to everyone who read the drafts and sent their notes: <a href=\"/p1\">Anna "
        "Berg</a>, <a href=\"/p2\">Carl Dahl</a>, <a href=\"/p3\">Eva Falk</a>, "
        "<a href=\"/p4\">Gustav Holm</a>, <a href=\"/p5\">Ida Jansson Lind</a></p>"
        "<p>The two sources were <a href=\"/s1\">the port authority's yearly report on "
        "shipping</a> and <a href=\"/s2\">the union's own count of the strike days</a></p>"
        "<p>The form below is kept under our own protection from spam<br/><a href=\"/r0\">"
        "Read this? </a><a href=\"/r1\">BRWORD one headline about the fireworks</a> "
        "<a href=\"/r2\">BRWORD two headline about the night sky</a> <a href=\"/r3\">BRWORD "
        "three headline about the season</a></p>"
        "<p><a href=\"/t1\">FOOTWORD Privacy</a> <a href=\"/t2\">Legal notice and terms</a> "
        "<a href=\"/t3\">Accessibility statement</a> <a href=\"/t4\">Advertising</a> "
        "<a href=\"/t5\">Contact us</a></p></article></body></html>",
        ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_non_null(strstr(d->text, ARTICLE_P1));
    assert_non_null(strstr(d->text, "Subscribe to read on."));
    assert_null(strstr(d->text, "RELWORD"));
    assert_null(strstr(d->text, "TAILWORD"));
    assert_non_null(strstr(d->text, "sent their notes: Anna Berg, Carl Dahl"));
    assert_non_null(strstr(d->text, "the union's own count of the strike days"));
    assert_null(strstr(d->text, "FOOTWORD"));
    /* after a line break, the links' own line goes and the line before stays */
    assert_non_null(strstr(d->text, "protection from spam"));
    assert_null(strstr(d->text, "BRWORD"));
    sl_doc_free(d);
    free(page);
}

/* A link list at the very top goes with its heading, back to the start of
 * the text; a longer list paragraph after it must go whole too, not be cut
 * at where the paragraph before it had started (finding html-3: the text
 * ended in the middle of a character). */
static void test_link_list_at_start(void **state)
{
    (void)state;
    sl_buf list = {0};
    for (int i = 0; i < 5; i++) {
        sl_buf_printf(&list, "<p><a href=\"/n/%d\">LISTWORD caf\xC3\xA9 headline %d", i, i);
        for (int k = 0; k < i * 4; k++)
            sl_buf_puts(&list, " \xC3\xA9t\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9");
        sl_buf_puts(&list, " about another story today</a></p>");
    }
    char *page = sl_xasprintf("<html><body><article><p>More from us</p>%s<p>%s</p><p>%s</p>"
                              "<p>%s</p></article></body></html>",
                              list.data, ARTICLE_P1, ARTICLE_P2, ARTICLE_P3);
    char *err;
    sl_doc *d = sl_doc_new();
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    assert_true(sl_utf8_valid(d->text, strlen(d->text)));
    assert_null(strstr(d->text, "LISTWORD"));
    assert_non_null(strstr(d->text, ARTICLE_P1));
    sl_doc_free(d);
    sl_buf_free(&list);
    free(page);
}

static void test_title_suffix(void **state)
{
    (void)state;
    title_of("<title>Storm closes the northern motorway | Daily Example</title>"
             "<meta property=\"og:site_name\" content=\"Daily Example\">",
             "Storm closes the northern motorway");
    title_of("<title>Storm closes the northern motorway - Daily Example</title>",
             "Storm closes the northern motorway");
    title_of("<title>Daily Example | Storm closes the northern motorway</title>"
             "<meta property=\"og:site_name\" content=\"Daily Example\">",
             "Storm closes the northern motorway");
    /* a dash inside a headline with no site after it stays */
    title_of("<title>Anti-war protest - what we know so far about the march</title>",
             "Anti-war protest - what we know so far about the march");
    title_of("<meta property=\"og:title\" content=\"OG headline wins\">"
             "<title>Other | Site</title>",
             "OG headline wins");
}

/* Metadata attributes are read in place from the tree: values with
 * character references, empty values, attributes without a value and
 * names that differ only in case or by a prefix read as libxml2's own
 * xmlGetProp would. */
static void test_meta_attribute_values(void **state)
{
    (void)state;
    title_of("<meta property=\"og:title\" content=\"Fish &amp; chips &#233;t&eacute; &lt;3\">"
             "<title>Other | Site</title>",
             "Fish & chips \xC3\xA9t\xC3\xA9 <3");
    title_of("<meta property=\"og:title\" content=\"\"><title>Plain title here</title>",
             "Plain title here");
    title_of("<meta property=\"og:title\" content><title>Plain title here</title>",
             "Plain title here");
    title_of("<meta xproperty=\"og:title\" content=\"Not this\"><title>Plain title here</title>",
             "Plain title here");
    title_of("<meta PROPERTY=\"og:title\" CONTENT=\"Upper-case names count\">"
             "<title>Other</title>",
             "Upper-case names count");
}

/* The reference for sl_hmeta_offer's whitespace collapsing: runs of
 * space, tab, line breaks, vertical tab, form feed and no-break space
 * become one space; none at either end. */
static void squeeze_ref(const char *s, char *out)
{
    size_t j = 0;
    bool sp = false;
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        bool white = c == ' ' || (c >= '\t' && c <= '\r');
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
            white = true;
            i++;
        }
        if (white) {
            sp = j > 0;
            continue;
        }
        if (sp)
            out[j++] = ' ';
        sp = false;
        out[j++] = (char)c;
    }
    out[j] = 0;
}

/* Metadata values are collapsed alike whatever the alignment of their
 * spaces (the eight-byte loop of squeeze): random values of letters,
 * multi-byte letters, spaces, no-break spaces and control bytes. */
static void test_offer_squeezes(void **state)
{
    (void)state;
    static const char *pieces[] = {"a", "Zb", " ", "  ", "\t", "\n", "\v", "\xC2\xA0", "\xC2\xAB",
                                   "\xD0\x96", "\x01", "word", "\xE2\x80\x94", ",", "longerword"};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char in[400], want[400];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        int parts = round % 60;
        for (int k = 0; k < parts; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *p = pieces[x % (sizeof pieces / sizeof *pieces)];
            memcpy(in + n, p, strlen(p));
            n += strlen(p);
        }
        in[n] = 0;
        squeeze_ref(in, want);
        sl_hmeta m;
        sl_hmeta_init(&m);
        sl_hmeta_offer(&m, HM_TITLE, in, 10);
        if (!want[0])
            assert_null(m.v[HM_TITLE]);
        else
            assert_string_equal(m.v[HM_TITLE], want);
        sl_hmeta_free(&m);
    }
}

static void test_dates(void **state)
{
    (void)state;
    struct { const char *in, *out; } cases[] = {
        {"2020-12-15T10:00:00+03:00", "2020-12-15T10:00:00+03:00"},
        {"December 15, 2020", "2020-12-15"},
        {"Published 15 Dec 2020 10:30 GMT", "2020-12-15T10:30:00Z"},
        {"15.12.2020", "2020-12-15"},
        {"15 декабря 2020", "2020-12-15"},
        {"Tue, 15 Dec 2020 10:00:00 +0100", "2020-12-15T10:00:00+01:00"},
        {"no date here", NULL},
        {"2020-13-45", NULL},
        /* no digit, no date (the edge clean-up relies on it) */
        {"December", NULL},
        {"Tuesday, December fifteenth", NULL},
        {"15 декабря", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *d = sl_hmeta_date(cases[i].in);
        if (!cases[i].out)
            assert_null(d);
        else if (!d || strcmp(d, cases[i].out))
            fail_msg("%s -> %s, wanted %s", cases[i].in, d ? d : "NULL", cases[i].out);
        free(d);
    }
    /* every month name, in either case, in English and Russian */
    static const char *en[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
    static const char *ru[] = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                               "августа", "сентября", "октября", "ноября", "декабря"};
    for (int m = 0; m < 12; m++)
        for (int form = 0; form < 3; form++) {
            char in[64], want[32];
            if (form == 0)
                snprintf(in, sizeof in, "%s 9, 2019", en[m]);
            else if (form == 1)
                snprintf(in, sizeof in, "9 %c%s 2019", tolower((unsigned char)en[m][0]), en[m] + 1);
            else
                snprintf(in, sizeof in, "9 %s 2019", ru[m]);
            snprintf(want, sizeof want, "2019-%02d-09", m + 1);
            char *d = sl_hmeta_date(in);
            if (!d || strcmp(d, want))
                fail_msg("%s -> %s, wanted %s", in, d ? d : "NULL", want);
            free(d);
        }
}

static void test_time_element_and_text_date(void **state)
{
    (void)state;
    char *page = sl_xasprintf("<html><body><article><time datetime=\"2019-11-01T12:00:00Z\">"
                              "Nov 1</time><p>%s</p><p>%s</p></article></body></html>",
                              ARTICLE_P1, ARTICLE_P2);
    sl_doc *d = sl_doc_new();
    char *err;
    assert_int_equal(run(d, page, strlen(page), &err), SL_OK);
    int64_t t;
    assert_true(sl_parse_iso8601("2019-11-01T12:00:00Z", &t));
    assert_true(d->pub_time == t);
    sl_doc_free(d);
    free(page);
}

/* ---- WCXB pages (../shared) ------------------------------------------------------- */

static char *gunzip_file(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    sl_buf b = {0};
    int k;
    do {
        sl_buf_reserve(&b, 65536);
        k = gzread(f, b.data + b.len, 65536);
        if (k > 0)
            b.len += (size_t)k;
    } while (k > 0);
    gzclose(f);
    sl_buf_putc(&b, 0);
    *len = b.len - 1;
    return b.data;
}

/* Lowercased words (ASCII letters and digits, any non-ASCII byte counts as
 * a letter) of s, as an array; the caller frees the array and words. */
static char **words_of(const char *s, size_t *n)
{
    size_t cap = 256;
    char **w = malloc(cap * sizeof *w);
    *n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (!(isalnum(*p) || *p >= 0x80)) {
            p++;
            continue;
        }
        const unsigned char *q = p;
        while (*q && (isalnum(*q) || *q >= 0x80))
            q++;
        char *x = sl_xstrndup((const char *)p, (size_t)(q - p));
        for (char *c = x; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (*n == cap)
            w = realloc(w, (cap *= 2) * sizeof *w);
        w[(*n)++] = x;
        p = q;
    }
    return w;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Bag-of-words F1 of pred against gold. */
static double word_f1(const char *gold, const char *pred)
{
    size_t ng, np;
    char **g = words_of(gold, &ng), **p = words_of(pred, &np);
    qsort(g, ng, sizeof *g, cmp_str);
    qsort(p, np, sizeof *p, cmp_str);
    size_t i = 0, j = 0, overlap = 0;
    while (i < ng && j < np) {
        int c = strcmp(g[i], p[j]);
        if (c == 0) {
            overlap++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    for (size_t k = 0; k < ng; k++)
        free(g[k]);
    for (size_t k = 0; k < np; k++)
        free(p[k]);
    free(g);
    free(p);
    if (!overlap)
        return 0;
    double pr = (double)overlap / (double)np, rc = (double)overlap / (double)ng;
    return 2 * pr * rc / (pr + rc);
}

static void test_wcxb_pages(void **state)
{
    (void)state;
    NEED_SHARED(shared);
    const char *ids[] = {"0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"};
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        char *hp = sl_xasprintf("%s/data/wcxb-dev-articles/dev/html/%s.html.gz", shared, ids[i]);
        char *gp = sl_xasprintf("%s/data/wcxb-dev-articles/dev/ground-truth/%s.json", shared,
                                ids[i]);
        size_t hl = 0, gl = 0;
        char *html = gunzip_file(hp, &hl), *gold = test_read_file(gp, &gl);
        if (html && gold) {
            cJSON *j = cJSON_Parse(gold);
            const cJSON *gt = cJSON_GetObjectItem(j, "ground_truth");
            const cJSON *mc = cJSON_GetObjectItem(gt, "main_content");
            if (cJSON_IsString(mc) && mc->valuestring[0]) {
                sl_doc *d = sl_doc_new();
                char *err = NULL;
                int rc = sl_html_extract(d, html, hl, &err);
                double f = rc == SL_OK ? word_f1(mc->valuestring, d->text) : 0;
                print_message("wcxb %s: F1 %.3f\n", ids[i], f);
                sum += f;
                n++;
                free(err);
                sl_doc_free(d);
            }
            cJSON_Delete(j);
        }
        free(html);
        free(gold);
        free(hp);
        free(gp);
    }
    if (n == 0)
        skip();
    assert_true(sum / n >= 0.8);
}

/* Text is printed with whitespace runs collapsed to one space, whole runs
 * of single-spaced words at a time (html.c's plain_run): random words and
 * separators (double spaces, tabs, line breaks, no-break spaces, letters
 * that start with 0xC2) come out as the words joined by single spaces. */
static void test_text_spacing_random(void **state)
{
    (void)state;
    static const char *const letters[] = {"a", "b", "e", "k", "o", "s", "t", "z", "\xC3\xA9",
                                          "\xC2\xAB", "\xD0\xB4"};
    static const char *const seps[] = {" ", " ", " ", " ", "  ", "\n", "\t", "\xC2\xA0",
                                       " \n ", "\r\n"};
    unsigned seed = 12345;
    for (int round = 0; round < 60; round++) {
        sl_buf page = {0}, want = {0};
        sl_buf_puts(&page, "<html><body><article><p>");
        int nw = 150 + round;
        for (int i = 0; i < nw; i++) {
            if (i) {
                seed = seed * 1103515245u + 12345u;
                sl_buf_puts(&page, seps[(seed >> 16) % (sizeof seps / sizeof *seps)]);
                sl_buf_putc(&want, ' ');
            }
            seed = seed * 1103515245u + 12345u;
            int len = 1 + (int)((seed >> 16) % 12);
            for (int k = 0; k < len; k++) {
                seed = seed * 1103515245u + 12345u;
                const char *l = letters[(seed >> 16) % (sizeof letters / sizeof *letters)];
                sl_buf_puts(&page, l);
                sl_buf_puts(&want, l);
            }
        }
        sl_buf_puts(&page, "</p></article></body></html>");
        sl_doc *d = sl_doc_new();
        char *err;
        assert_int_equal(run(d, page.data, page.len, &err), SL_OK);
        assert_string_equal(d->text, want.data);
        sl_doc_free(d);
        sl_buf_free(&page);
        sl_buf_free(&want);
    }
}

/* ---- libxml2's page arena (html.c) ---------------------------------------- */

/* A page whose tree is many times its bytes (an element every few bytes),
 * so that the arena needs several chunks; words numbered from 0. */
static char *tiny_elements_page(int n)
{
    sl_buf b = {0};
    sl_buf_puts(&b, "<html><head><title>Many small parts</title></head><body><article><p>");
    for (int i = 0; i < n; i++) {
        sl_buf_printf(&b, "<b>w%d</b>", i);
        sl_buf_puts(&b, i % 50 == 49 ? "</p>\n<p>" : ", ");
    }
    sl_buf_puts(&b, "</p></article></body></html>");
    return sl_buf_take(&b);
}

/* Extracts page with the arena and the marks of html_runs.h on or off; the
 * doc, or NULL on failure. */
static sl_doc *extract_opts(const char *page, bool arena, bool marks)
{
    sl_html_set_arena(arena);
    sl_html_set_marks(marks);
    sl_doc *d = sl_doc_new();
    char *err;
    int rc = run(d, page, strlen(page), &err);
    free(err);
    sl_html_set_arena(true);
    sl_html_set_marks(true);
    if (rc != SL_OK) {
        sl_doc_free(d);
        return NULL;
    }
    return d;
}

static sl_doc *extract_with(const char *page, bool arena)
{
    return extract_opts(page, arena, true);
}

static void assert_same_field(const char *a, const char *b)
{
    if (a || b) {
        assert_non_null(a);
        assert_non_null(b);
        assert_string_equal(a, b);
    }
}

/* Both extracted, with the same fields; both freed. */
static void assert_same_doc(sl_doc *a, sl_doc *b)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_same_field(a->text, b->text);
    assert_same_field(a->title, b->title);
    assert_same_field(a->published, b->published);
    assert_same_field(a->site, b->site);
    assert_same_field(a->author, b->author);
    assert_same_field(a->url, b->url);
    assert_same_field(a->lang, b->lang);
    sl_doc_free(a);
    sl_doc_free(b);
}

/* The arena changes where libxml2's memory is, never what comes out. */
static void test_arena_same_output(void **state)
{
    (void)state;
    char *pages[] = {boilerplate_page(), tiny_elements_page(20000),
                     sl_xstrdup("<html><body><div><p>Unclosed <b>bold <i>and italic"
                                "<p>Another paragraph that is long enough to be kept as text, "
                                "with commas, and words.</div></table></body></html><p>after"),
                     NULL};
    for (int i = 0; pages[i]; i++) {
        assert_same_doc(extract_with(pages[i], true), extract_with(pages[i], false));
        free(pages[i]);
    }
}

/* ---- marked text runs (html_runs.c) ---------------------------------------- */

/* Marks change how much libxml2 reads, never what comes out: pages with
 * every construct the scanner must read as libxml2 does. */
static void test_marks_same_output(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "<!DOCTYPE html><html lang=\"en-GB-oxendict\"><head><title>A title of the page, "
        "long</title><meta property=\"og:title\" content=\"The title from the meta tag\">"
        "<meta name=\"author\" content='Someone Quoted Singly'>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
        "\"From the JSON-LD block <b>here</b>\",\"datePublished\":\"2019-11-08T10:00:00Z\"}"
        "</script><style>p > b { color: red } /* </p> */</style></head>"
        "<body><article><h1>The headline of the article</h1>"
        "<p>First paragraph of the story, long enough, with commas, and words &amp; an "
        "entity in it.</p><p class=\"lead text\" data-x=\"a > b\">A paragraph whose tag "
        "holds a quoted '>' in an attribute value, and more words.</p>"
        "<p>Text with a lone < sign inside it, and more words after it to be long.</p>"
        "<!-- a comment with <p>markup</p> inside, long enough --><p>After the comment "
        "comes a paragraph, long enough to be kept.</p>"
        "<p>Control \x01 characters \x0b and \r\n carriage returns in a run of text.</p>"
        "<p><a href=\"https://example.com/a/long/path?x=1&amp;y=2\">a link with an "
        "entity in its address</a> and <a href=https://example.com/unquoted>an unquoted "
        "one</a>, then text.</p>"
        "<p @click=\"open = true\" bad\"attr=\"x\">A tag with a bogus attribute name, "
        "then text that follows it.</p>"
        "<![CDATA[ a CDATA section in HTML, long enough ]]><p>And a paragraph after the "
        "CDATA section, long enough.</p><body class=\"misplaced body tag here\">"
        "<p>Text after a misplaced body tag, long enough to count.</p>"
        "<textarea>Text area text that is long enough</textarea><p>Unclosed quote "
        "<span title=\"never closed>and the rest of the page is in it</span></p>"
        "</article></body></html>",
        "<html><body><div><p>Unclosed <b>bold <i>and italic<p>Another paragraph that is long "
        "enough to be kept as text, with commas, and words.</div></table></body></html>"
        "<p>after the end of the html element, long enough",
        "<html><body><article><p>A page with the character U+100000 \xf4\x80\x80\x80 in "
        "it, which is never marked, and enough words to keep.</p></article></body></html>",
        /* character references that make what a mark is: parsed again unmarked */
        "<html><body><article><p>Text with a reference &#x100000; to what a mark is, and "
        "more words to keep it.</p><p><a title=\"&#x100001;\" href=\"https://example.com/"
        "path\">a link whose title is a reference</a> and the long rest of a paragraph.</p>"
        "</article></body></html>",
        "<html><body><article><p>Script <script>var s = '</p><p>not a paragraph, long "
        "enough';</script> after a script, and the rest of a long paragraph.</p><script/>"
        "<p>After a self-closed script tag, text that is long enough.</p></article>"
        "</body></html>",
        /* runs of blanks, marked inside the body only */
        "<html>\n  <head>\n    <meta name=\"author\" content=\"Some One Here\">\n    "
        "<title>The title</title>\n  </head>\n  <body>\n    <div>\n      <p>A paragraph "
        "of text that is long enough, with commas, and words.</p>\n      <b>bold</b>    "
        "<i>italic</i>\t\t<br>\n    </div>\n  </body>\n    <p>After the body, a paragraph "
        "long enough, with commas.</p>\n</html>\n    \n<body>\n    <p>A second body after "
        "the end, long enough, with commas, and words.</p>\n    </body>\n",
        "<html><head><!x <body>\n    <meta name=\"author\" content=\"Some One Here\">\n"
        "    </head>\n  <body/>\n     <div><p>Text after a self-closed body, long enough to "
        "be kept as the article, with commas, and words, and more words after them.</p>\n  "
        "<p>   </p>  <span>    </span>   </div> </body>",
        NULL};
    for (int i = 0; pages[i]; i++)
        assert_same_doc(extract_opts(pages[i], true, true), extract_opts(pages[i], true, false));
}

/* A tree that outgrows the first chunk is whole: every word comes out. */
static void test_arena_grows(void **state)
{
    (void)state;
    enum { N = 20000 }; /* ~200 KB of markup, a tree of several MB */
    char *page = tiny_elements_page(N);
    sl_doc *d = extract_with(page, true);
    assert_non_null(d);
    char w[16];
    for (int i = 0; i < N; i += 1000) { /* none ends a paragraph */
        snprintf(w, sizeof w, "w%d,", i);
        if (!strstr(d->text, w))
            fail_msg("word %s missing", w);
    }
    snprintf(w, sizeof w, "w%d", N - 1);
    assert_non_null(strstr(d->text, w));
    sl_doc_free(d);
    free(page);
}

/* libxml2 objects made outside a page live on across pages, and the last
 * error record names nothing of a released page. */
static void test_arena_foreign_objects(void **state)
{
    (void)state;
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"r", (const xmlChar *)"kept");
    xmlDocSetRootElement(doc, root);
    xmlChar *s = xmlStrdup((const xmlChar *)"before");
    for (int k = 0; k < 3; k++) {
        /* broken markup: the parser records errors */
        sl_doc *d = extract_with("<html><body><article><p>Text of the page, long enough to "
                                 "be kept as the article, with a comma.</q></zz></article>",
                                 true);
        assert_non_null(d);
        sl_doc_free(d);
        assert_null(xmlGetLastError());
        s = xmlRealloc(s, 4096); /* still malloc's block */
        assert_string_equal((const char *)s, "before");
    }
    xmlChar *c = xmlNodeGetContent(root);
    assert_string_equal((const char *)c, "kept");
    xmlFree(c);
    xmlFree(s);
    xmlFreeDoc(doc);
}

/* Each thread has its own arena: pages extracted at once on four threads
 * give the text one thread gives. */
typedef struct arena_job {
    const char *page;
    const char *want;
    int bad;
} arena_job;

static void *arena_worker(void *p)
{
    arena_job *j = p;
    for (int k = 0; k < 20; k++) {
        sl_doc *d = extract_with(j->page, true);
        if (!d || strcmp(d->text, j->want))
            j->bad++;
        sl_doc_free(d);
    }
    return NULL;
}

static void test_arena_threads(void **state)
{
    (void)state;
    char *pages[2] = {boilerplate_page(), tiny_elements_page(3000)};
    sl_doc *want[2] = {extract_with(pages[0], false), extract_with(pages[1], false)};
    assert_non_null(want[0]);
    assert_non_null(want[1]);
    arena_job jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (arena_job){pages[i % 2], want[i % 2]->text, 0};
        assert_int_equal(pthread_create(&t[i], NULL, arena_worker, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].bad, 0);
    }
    for (int i = 0; i < 2; i++) {
        sl_doc_free(want[i]);
        free(pages[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_removed),
        cmocka_unit_test(test_caller_fields_kept),
        cmocka_unit_test(test_cp1251_declared),
        cmocka_unit_test(test_cp1251_undeclared),
        cmocka_unit_test(test_title_tag_places),
        cmocka_unit_test(test_wrong_declaration_utf8_wins),
        cmocka_unit_test(test_utf8_in_place),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_invalid_utf8_repaired),
        cmocka_unit_test(test_text_always_valid_utf8),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_unclosed_and_broken),
        cmocka_unit_test(test_script_only_rejected),
        cmocka_unit_test(test_binary_rejected),
        cmocka_unit_test(test_jsonld),
        cmocka_unit_test(test_at_attributes),
        cmocka_unit_test(test_element_builder),
        cmocka_unit_test(test_body_furniture),
        cmocka_unit_test(test_whitespace_between_tags),
        cmocka_unit_test(test_metadata_text_blocks_apart),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_valid_blocks),
        cmocka_unit_test(test_trim_edges_word_count),
        cmocka_unit_test(test_trim_edges_dates),
        cmocka_unit_test(test_looks_binary),
        cmocka_unit_test(test_link_heavy_section_with_prose),
        cmocka_unit_test(test_link_lists),
        cmocka_unit_test(test_link_tails),
        cmocka_unit_test(test_link_list_at_start),
        cmocka_unit_test(test_placeholders_are_not_markup),
        cmocka_unit_test(test_title_suffix),
        cmocka_unit_test(test_meta_attribute_values),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_offer_squeezes),
        cmocka_unit_test(test_time_element_and_text_date),
        cmocka_unit_test(test_wcxb_pages),
        cmocka_unit_test(test_text_spacing_random),
        cmocka_unit_test(test_arena_same_output),
        cmocka_unit_test(test_marks_same_output),
        cmocka_unit_test(test_arena_grows),
        cmocka_unit_test(test_arena_foreign_objects),
        cmocka_unit_test(test_arena_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
