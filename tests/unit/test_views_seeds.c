/* Golden test of the views on the seed story (the acceptance case): the
 * two seed articles about Putin congratulating Biden (000 and 001 in
 * ../shared/seeds), extracted by the library, then viewed together. The
 * test checks facts, not wording, so cleaner extraction keeps it green:
 * - quotes: Putin's statement on Russian-American cooperation is ONE
 *   quote citing both articles, spoken by Vladimir Putin;
 * - timeline: the Nov. 3 vote, the Electoral College meeting (306 votes)
 *   and the congratulation/telegram;
 * - entities: Vladimir Putin, Joe Biden, Donald Trump, the Kremlin, the
 *   Electoral College.
 * Skips when ../shared is absent. */
#include "harness.h"
#include "doc.h"
#include "extract.h"
#include "util.h"
#include "views.h"

#include <dirent.h>

/* Reads the seed whose name starts with prefix and extracts it. */
static sl_doc *load_seed(const char *dir, const char *prefix)
{
    char path[4096];
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    struct dirent *de;
    sl_doc *d = NULL;
    while ((de = readdir(dp)) && !d) {
        if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len;
        char *raw = test_read_file(path, &len);
        if (!raw)
            break;
        d = sl_doc_new();
        d->id = sl_xstrdup(de->d_name);
        d->raw = sl_utf8_repair(raw, len, &d->raw_len, NULL);
        free(raw);
        char *err = NULL;
        if (sl_extract(d, &err) != 0) {
            print_message("extract %s: %s\n", path, err ? err : "?");
            free(err);
            sl_doc_free(d);
            d = NULL;
        }
    }
    closedir(dp);
    return d;
}

/* The JSON array member `name` of json, as a string (caller frees). */
static char *member(const char *json, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\"%s\":[", name);
    const char *p = strstr(json, key);
    assert_non_null(p);
    p += strlen(key) - 1;
    int depth = 0, in_str = 0;
    const char *q = p;
    for (; *q; q++) {
        if (in_str) {
            if (*q == '\\')
                q++;
            else if (*q == '"')
                in_str = 0;
        } else if (*q == '"') {
            in_str = 1;
        } else if (*q == '[' || *q == '{') {
            depth++;
        } else if ((*q == ']' || *q == '}') && --depth == 0) {
            break;
        }
    }
    return sl_xstrndup(p, (size_t)(q - p) + 1);
}

/* The object of array `arr` (JSON text) that contains needle, or NULL
 * (caller frees). */
static char *object_with(const char *arr, const char *needle)
{
    const char *p = strstr(arr, needle);
    if (!p)
        return NULL;
    const char *a = p, *b = p;
    while (a > arr && *a != '{')
        a--;
    while (*b && *b != '}')
        b++;
    return sl_xstrndup(a, (size_t)(b - a) + 1);
}

static void test_seed_views(void **state)
{
    (void)state;
    NEED_SHARED(shared);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/seeds", shared);
    sl_doc *d[2] = {load_seed(dir, "000"), load_seed(dir, "001")};
    if (!d[0] || !d[1]) {
        sl_doc_free(d[0]);
        sl_doc_free(d[1]);
        print_message("skipping: seeds 000/001 not found\n");
        skip();
    }
    sl_buf b = {0};
    sl_view_json(&b, (const sl_doc *const *)d, 2, NULL);
    char *quotes = member(b.data, "quotes");
    char *timeline = member(b.data, "timeline");
    char *entities = member(b.data, "entities");

    /* one grouped quote, both articles, speaker Putin */
    char *q = object_with(quotes, "Russian-American cooperation");
    assert_non_null(q);
    assert_non_null(strstr(q, "Putin"));
    assert_non_null(strstr(q, d[0]->id));
    assert_non_null(strstr(q, d[1]->id));
    const char *second = strstr(quotes, "Russian-American cooperation");
    assert_null(strstr(second + 1, "Russian-American cooperation based"));
    free(q);

    /* timeline: the vote, the Electoral College meeting, the telegram */
    char *vote = object_with(timeline, "Nov. 3");
    assert_non_null(vote);
    assert_non_null(strstr(vote, "\"11-03") ? vote : strstr(vote, "-11-03"));
    free(vote);
    char *ec = object_with(timeline, "306 electoral votes");
    assert_non_null(ec);
    assert_non_null(strstr(ec, "Electoral College"));
    free(ec);
    char *tg = object_with(timeline, "Tuesday");
    assert_non_null(tg);
    assert_true(strstr(tg, "telegram") || strstr(tg, "congratulat"));
    free(tg);

    /* entities */
    const char *want[] = {"\"Vladimir Putin\"", "\"Joe Biden\"", "\"Donald Trump\"", "Kremlin",
                          "\"Electoral College\""};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        if (!strstr(entities, want[i]))
            print_message("entities: %s\nmissing %s\n", entities, want[i]);
        assert_non_null(strstr(entities, want[i]));
    }
    char *putin = object_with(entities, "\"Vladimir Putin\"");
    assert_non_null(strstr(putin, "\"type\":\"person\""));
    free(putin);

    /* the text view carries the same */
    sl_buf t = {0};
    sl_view_text(&t, (const sl_doc *const *)d, 2, NULL);
    assert_non_null(strstr(t.data, "Summary:"));
    assert_non_null(strstr(t.data, "Timeline:"));
    assert_non_null(strstr(t.data, "Vladimir Putin: "));
    /* timeline lines: a reader's date (the vote's year is unknown: its
     * month's name, not "--11-03"), texts starting in one column */
    const char *tl = strstr(t.data, "Timeline:\n");
    assert_non_null(tl);
    assert_null(strstr(tl, "  --"));
    assert_non_null(strstr(tl, "\n  Nov 3 "));
    size_t col = 0;
    int lines = 0;
    for (const char *l = tl + strlen("Timeline:\n"); l[0] == ' ' && l[1] == ' ';
         l = strchr(l, '\n') + 1) {
        /* the text starts after the label's run of two or more spaces */
        const char *gap = strstr(l + 2, "  ");
        assert_non_null(gap);
        while (*gap == ' ')
            gap++;
        size_t c = 0; /* columns: code points (all labels here are ASCII) */
        for (const char *p = l; p < gap; p++)
            c += ((unsigned char)*p & 0xC0) != 0x80;
        if (!col)
            col = c;
        assert_int_equal(c, col);
        lines++;
    }
    assert_true(lines >= 3);
    char *h = sl_view_headline((const sl_doc *const *)d, 2);
    assert_true(strstr(h, "Putin") || strstr(h, "Biden"));
    free(h);
    sl_buf_free(&t);
    free(quotes);
    free(timeline);
    free(entities);
    sl_buf_free(&b);
    sl_doc_free(d[0]);
    sl_doc_free(d[1]);
}

/* Seed 004 (Putin congratulating Trump, 2016) names Obama, Joe Biden and
 * Bashar Assad once each: a person named with a title or a known first
 * name is listed from one mention. */
static void test_seed_2016_people(void **state)
{
    (void)state;
    NEED_SHARED(shared);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/seeds", shared);
    sl_doc *d = load_seed(dir, "004");
    if (!d) {
        print_message("skipping: seed 004 not found\n");
        skip();
    }
    sl_buf b = {0};
    sl_view_json(&b, (const sl_doc *const *)&d, 1, NULL);
    char *entities = member(b.data, "entities");
    const char *want[] = {"\"Donald Trump\"", "\"Vladimir Putin\"", "\"Obama\"",
                          "\"Joe Biden\""};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char *e = object_with(entities, want[i]);
        if (!e)
            print_message("entities: %s\nmissing %s\n", entities, want[i]);
        assert_non_null(e);
        assert_non_null(strstr(e, "\"type\":\"person\""));
        free(e);
    }
    free(entities);
    /* the article has no publication date: its months ("Back in
     * December") are months of an unknown year, and still events */
    char *timeline = member(b.data, "timeline");
    char *dec = object_with(timeline, "\"phrase\":\"December\"");
    if (!dec)
        print_message("timeline: %s\n", timeline);
    assert_non_null(dec);
    assert_non_null(strstr(dec, "\"date\":\"--12\",\"precision\":\"month\""));
    assert_non_null(strstr(dec, "absolute leader"));
    free(dec);
    free(timeline);
    sl_buf_free(&b);
    sl_doc_free(d);
}

/* Which names of one mention are listed: a titled person and a known
 * place are, an organisation is not; two mentions list anything. */
static void test_one_mention(void **state)
{
    (void)state;
    sl_doc *d = sl_doc_new();
    d->id = sl_xstrdup("a");
    d->lang = sl_xstrdup("en");
    d->text = sl_xstrdup(
        "The council met in Toronto on Monday to discuss the new bridge over the river. "
        "Senator Hollowbrook said the plan was sound and asked for a vote next week.\n\n"
        "Engineers from Quarrystone Holdings presented the design to the members.\n\n"
        "The Marlowe Trust paid for the study. The Marlowe Trust will also pay for the "
        "first stage of the work, the members were told.");
    sl_buf b = {0};
    sl_view_json(&b, (const sl_doc *const *)&d, 1, NULL);
    char *entities = member(b.data, "entities");
    char *p = object_with(entities, "\"Hollowbrook\"");
    assert_non_null(p);
    assert_non_null(strstr(p, "\"type\":\"person\""));
    free(p);
    assert_non_null(strstr(entities, "\"Toronto\""));
    assert_non_null(strstr(entities, "Marlowe Trust"));
    assert_null(strstr(entities, "Quarrystone"));
    free(entities);
    sl_buf_free(&b);
    sl_doc_free(d);
}

/* A story whose first article's title has no terms ("— …") still gets a
 * headline, from the other's words (UBSan once stopped on the copy of no
 * terms). */
static void test_headline_title_without_terms(void **state)
{
    (void)state;
    sl_doc *d[2];
    static const char *const titles[] = {"\xE2\x80\x94 \xE2\x80\xA6",
                                         "Council approves the new bridge over the river"};
    for (int i = 0; i < 2; i++) {
        d[i] = sl_doc_new();
        d[i]->id = sl_xstrdup(i ? "b" : "a");
        d[i]->lang = sl_xstrdup("en");
        d[i]->title = sl_xstrdup(titles[i]);
        d[i]->text = sl_xstrdup("The council approved the new bridge over the river on Monday.");
    }
    char *h = sl_view_headline((const sl_doc *const *)d, 2);
    assert_non_null(strstr(h, "bridge"));
    free(h);
    for (int i = 0; i < 2; i++)
        sl_doc_free(d[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_seed_views),
                                       cmocka_unit_test(test_seed_2016_people),
                                       cmocka_unit_test(test_one_mention),
                                       cmocka_unit_test(test_headline_title_without_terms)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
