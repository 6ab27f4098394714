/* Unit tests of the public API (engine): add outcomes, replace, remove,
 * stories and their JSON, errors, persistence across reopen. */
#include "harness.h"
#include "flood_texts.h"
#include "storyline.h"
#include "engine.h" /* (white box: which articles hold their texts) */

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *A =
    "Harbour closes after storm\n\nHeavy winds closed the harbour of Riverton on Monday, "
    "officials said. Ferries stayed in port.\n";
static const char *B =
    "Storm shuts Riverton harbour\n\nThe harbour of Riverton was closed on Monday as heavy "
    "winds hit the coast, officials said. Ferries stayed in port.\n";
static const char *C =
    "Chess club wins regional title\n\nThe Lakeside chess club won the regional title on "
    "Saturday after a tense final round against the defending champions.\n";

static void test_outcomes(void **state)
{
    (void)state;
    sl_engine *e;
    assert_int_equal(sl_engine_open(NULL, NULL, &e), SL_OK);
    int out;
    assert_int_equal(sl_add_article(e, "a", A, strlen(A), NULL, &out), SL_OK);
    assert_int_equal(out, SL_ADDED);
    assert_int_equal(sl_add_article(e, "a", A, strlen(A), NULL, &out), SL_OK);
    assert_int_equal(out, SL_UNCHANGED);
    assert_int_equal(sl_add_article(e, "a", B, strlen(B), NULL, &out), SL_OK);
    assert_int_equal(out, SL_REPLACED);
    assert_int_equal(sl_add_article(e, "c", C, strlen(C), NULL, &out), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_int_equal(sl_story_count(e), 2);
    size_t total = 0;
    for (size_t i = 0; i < sl_story_count(e); i++)
        total += sl_story_article_count(sl_story_at(e, i));
    assert_int_equal(total, 2);
    assert_int_equal(sl_remove_article(e, "c"), SL_OK);
    assert_int_equal(sl_remove_article(e, "c"), SL_ENOTFOUND);
    assert_non_null(strstr(sl_engine_errmsg(e), "c"));
    assert_int_equal(sl_story_count(e), 1);
    sl_engine_close(e);
}

static void test_rejects(void **state)
{
    (void)state;
    sl_engine *e;
    assert_int_equal(sl_engine_open(":memory:", NULL, &e), SL_OK);
    int out;
    assert_int_equal(sl_add_article(e, "empty", "", 0, NULL, &out), SL_EEMPTY);
    assert_non_null(strstr(sl_engine_errmsg(e), "empty"));
    assert_int_equal(sl_add_article(e, "bin", "\0\0\0\1\2\3\0\0", 8, NULL, &out), SL_EBINARY);
    sl_meta m = {0};
    m.format = 5; /* JSON object */
    assert_int_equal(sl_add_article(e, "j", "{bad", 4, &m, &out), SL_EFORMAT);
    const char *j = "{\"text\":\"A JSON body with a title and text.\",\"title\":\"T\"}";
    assert_int_equal(sl_add_article(e, "j", j, strlen(j), &m, &out), SL_OK);
    char *aj = sl_article_json(e, "j");
    assert_non_null(strstr(aj, "\"title\":\"T\""));
    sl_free(aj);
    assert_null(sl_article_json(e, "nope"));
    sl_engine_close(e);
}

static void test_json_and_persist(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    sl_meta m = {0};
    m.published = "2024-03-04T09:00:00Z";
    m.site = "Harbor Wire";
    assert_int_equal(sl_add_article(e, "a", A, strlen(A), &m, NULL), SL_OK);
    assert_int_equal(sl_add_article(e, "c", C, strlen(C), NULL, NULL), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    const sl_story *s = sl_story_at(e, 0);
    char *json = sl_story_json(e, s);
    assert_non_null(strstr(json, "\"articles\":["));
    assert_non_null(strstr(json, "\"duplicates\":"));
    assert_non_null(strstr(json, "\"summary\":"));
    sl_free(json);
    int64_t ids[2] = {sl_story_id(sl_story_at(e, 0)), sl_story_id(sl_story_at(e, 1))};
    sl_engine_close(e);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_int_equal(sl_story_count(e), 2);
    assert_non_null(sl_story_find(e, ids[0]));
    assert_non_null(sl_story_find(e, ids[1]));
    char *aj = sl_article_json(e, "a");
    assert_non_null(strstr(aj, "2024-03-04T09:00:00Z"));
    sl_free(aj);
    sl_engine_close(e);
    test_rm_db(path);
}

/* The first column of sql's first row on the closed database at path. */
static int64_t db_count(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Runs sql on the closed database at path. */
static void db_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Adds article id of the Harbor Wire site: text and the site's footer. */
static void add_wire(sl_engine *e, const char *id, const char *text)
{
    char *body = sl_xasprintf("%s\nPlease read our comment policy before commenting.\n", text);
    sl_meta m = {.site = "Harbor Wire"};
    assert_int_equal(sl_add_article(e, id, body, strlen(body), &m, NULL), SL_OK);
    free(body);
}

/* Whether article id's JSON (its stored text) holds needle. */
static int article_has(sl_engine *e, const char *id, const char *needle)
{
    char *aj = sl_article_json(e, id);
    assert_non_null(aj);
    int has = strstr(aj, needle) != NULL;
    sl_free(aj);
    return has;
}

/* A line that a site's earlier articles all had is cut from the third one
 * before it is stored: gone from the stored text (after reopening too)
 * and from its story's summary. */
static void test_site_chrome(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_wire(e, "w0", A);
    add_wire(e, "w1", B);
    add_wire(e, "w2", C);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_true(article_has(e, "w0", "comment policy"));
    assert_false(article_has(e, "w2", "comment policy"));
    assert_true(article_has(e, "w2", "Lakeside chess club"));
    sl_engine_close(e);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_false(article_has(e, "w2", "comment policy"));
    int found = 0;
    for (size_t i = 0; i < sl_story_count(e); i++) {
        const sl_story *s = sl_story_at(e, i);
        if (sl_story_article_count(s) == 1 && !strcmp(sl_story_article_id(s, 0), "w2")) {
            char *json = sl_story_json(e, s);
            assert_non_null(strstr(json, "chess club"));
            assert_null(strstr(json, "comment policy"));
            sl_free(json);
            found = 1;
        }
    }
    assert_true(found);
    sl_engine_close(e);
    test_rm_db(path);
}

/* The sites' lines seen by one process are known to the next: the
 * footer of two articles added before a reopening is cut from the third
 * added after it. A damaged saved table costs only that. */
static void test_site_chrome_kept(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_wire(e, "w0", A);
    add_wire(e, "w1", B);
    sl_engine_close(e);
    assert_int_equal(db_count(path, "SELECT count(*) FROM state WHERE name='sitechrome'"), 1);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_wire(e, "w2", C);
    assert_false(article_has(e, "w2", "comment policy"));
    assert_true(article_has(e, "w2", "Lakeside chess club"));
    sl_engine_close(e);

    db_exec(path, "UPDATE state SET data=x'534c4348' WHERE name='sitechrome';"
                  "DELETE FROM articles WHERE id='w2';");
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_wire(e, "w2", C);
    assert_true(article_has(e, "w2", "comment policy"));
    sl_engine_close(e);
    test_rm_db(path);
}

typedef struct rejected {
    int n;
    char source[256];
} rejected;

static void note_reject(void *ud, const char *source, const char *message)
{
    rejected *r = ud;
    assert_non_null(message);
    r->n++;
    snprintf(r->source, sizeof r->source, "%s", source);
}

/* Writes text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Several paths in one call (one transaction): files and a directory are
 * all added, a path that is not there is rejected by name, and the rest
 * stays added after reopening. */
static void test_add_paths(void **state)
{
    (void)state;
    char dir[] = "/tmp/sl-paths-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[600], fa[600], fb[600], missing[600];
    snprintf(sub, sizeof sub, "%s/more", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    put_file(dir, "a.txt", A);
    put_file(dir, "b.txt", B);
    put_file(sub, "c.txt", C);
    snprintf(fa, sizeof fa, "%s/a.txt", dir);
    snprintf(fb, sizeof fb, "%s/b.txt", dir);
    snprintf(missing, sizeof missing, "%s/none.txt", dir);
    const char *paths[] = {fa, missing, fb, sub};
    char path[32];
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    rejected r = {0};
    size_t added = 0;
    assert_int_equal(sl_add_paths(e, paths, 4, note_reject, &r, &added), SL_OK);
    assert_int_equal(added, 3);
    assert_int_equal(r.n, 1);
    assert_non_null(strstr(r.source, "none.txt"));
    assert_int_equal(sl_cluster(e), SL_OK);
    sl_engine_close(e);
    assert_int_equal(db_count(path, "SELECT count(*) FROM articles"), 3);
    test_rm_db(path);
    char rm[700];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
}

/* The story of an article after the engine's last batch (0 if none). */
static int64_t story_of(sl_engine *e, const char *id)
{
    for (size_t i = 0; i < sl_story_count(e); i++) {
        const sl_story *s = sl_story_at(e, i);
        for (size_t j = 0; j < sl_story_article_count(s); j++)
            if (!strcmp(sl_story_article_id(s, j), id))
                return sl_story_id(s);
    }
    return 0;
}

/* The stories table and the articles' stories at path say what e shows:
 * a row per story with its size and headline, each article's story. */
static void assert_table_is(const char *path, sl_engine *e)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *rows, *art;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM stories", -1, &rows, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(rows), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(rows, 0), (int64_t)sl_story_count(e));
    sqlite3_finalize(rows);
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT size, headline FROM stories WHERE id=?1", -1, &rows, NULL),
        SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT story FROM articles WHERE id=?1", -1, &art, NULL),
        SQLITE_OK);
    for (size_t i = 0; i < sl_story_count(e); i++) {
        const sl_story *s = sl_story_at(e, i);
        sqlite3_bind_int64(rows, 1, sl_story_id(s));
        assert_int_equal(sqlite3_step(rows), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int64(rows, 0), (int64_t)sl_story_article_count(s));
        assert_string_equal((const char *)sqlite3_column_text(rows, 1), sl_story_headline(e, s));
        sqlite3_reset(rows);
        for (size_t j = 0; j < sl_story_article_count(s); j++) {
            sqlite3_bind_text(art, 1, sl_story_article_id(s, j), -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(art), SQLITE_ROW);
            assert_int_equal(sqlite3_column_int64(art, 0), sl_story_id(s));
            sqlite3_reset(art);
        }
    }
    sqlite3_finalize(rows);
    sqlite3_finalize(art);
    sqlite3_close(db);
}

/* A story that merged into another resolves to it, now and after a
 * reopen; the survivor's JSON lists it; its id is never given again. */
static void test_merged_story(void **state)
{
    (void)state;
    char path[32];
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_int_equal(sl_add_article(e, "a", A, strlen(A), NULL, NULL), SL_OK);
    assert_int_equal(sl_add_article(e, "b", B, strlen(B), NULL, NULL), SL_OK);
    assert_int_equal(sl_add_article(e, "c", C, strlen(C), NULL, NULL), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_int_equal(story_of(e, "a"), story_of(e, "b"));
    sl_engine_close(e);
    /* b split off into story 50, as a stream that saw it first might */
    db_exec(path, "UPDATE articles SET story=50 WHERE id='b'");
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_int_equal(story_of(e, "b"), 50);
    assert_int_equal(sl_story_resolve(e, 50), 50); /* alive: itself */
    assert_int_equal(sl_remove_article(e, "c"), SL_OK); /* a change: the batch runs */
    assert_int_equal(sl_cluster(e), SL_OK);
    int64_t now = story_of(e, "a");
    assert_int_equal(story_of(e, "b"), now);
    assert_int_not_equal(now, 50); /* b's story ended in a's (first made, as large) */
    assert_null(sl_story_find(e, 50));
    assert_int_equal(sl_story_resolve(e, 50), now);
    assert_int_equal(sl_story_resolve(e, 12345), 0);
    char *json = sl_story_json(e, sl_story_find(e, now));
    assert_non_null(strstr(json, "\"merged\":[{\"story\":50,"));
    sl_free(json);
    assert_table_is(path, e); /* b's row names its new story */
    sl_engine_close(e);
    /* after a reopen: still resolved (from the store), and a new story gets
     * an id above every id that ended */
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_int_equal(sl_story_resolve(e, 50), now);
    assert_int_equal(sl_add_article(e, "c", C, strlen(C), NULL, NULL), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_true(story_of(e, "c") > 50);
    sl_engine_close(e);
    test_rm_db(path);
}

/* An article that comes again with new content and goes to another story
 * takes its old story along when it was its only article. */
static void test_replaced_story(void **state)
{
    (void)state;
    sl_engine *e;
    assert_int_equal(sl_engine_open(NULL, NULL, &e), SL_OK);
    assert_int_equal(sl_add_article(e, "a", A, strlen(A), NULL, NULL), SL_OK);
    assert_int_equal(sl_add_article(e, "x", C, strlen(C), NULL, NULL), SL_OK);
    int64_t old = story_of(e, "x");
    assert_int_not_equal(old, story_of(e, "a"));
    int out;
    assert_int_equal(sl_add_article(e, "x", B, strlen(B), NULL, &out), SL_OK);
    assert_int_equal(out, SL_REPLACED);
    int64_t now = story_of(e, "a");
    assert_int_equal(story_of(e, "x"), now);
    assert_int_equal(sl_story_resolve(e, old), now);
    char *json = sl_story_json(e, sl_story_find(e, now));
    assert_non_null(strstr(json, "\"rule\":\"replaced\",\"score\":null,\"article\":\"x\""));
    sl_free(json);
    sl_engine_close(e);
}

/* The flood articles of flood_texts.h through the public API. */
static void add_floods(sl_engine *e)
{
    static const struct {
        const char *id, *title, *published;
        const char *const *text;
    } f[] = {
        {"a1", "Merkel promises aid to flooded Dresden", "2013-06-04T10:00:00Z", &A1},
        {"a2", "Merkel visits Elbe flood, pledges 100 million euros", "2013-06-04T16:30:00Z", &A2},
        {"c1", "Merkel visits flooded Ahr valley", "2021-07-18T12:00:00Z", &C1},
        {"b1", "Liverpool win Champions League final", "2019-06-01T22:00:00Z", &B1},
        {"a1copy", "Merkel promises aid to flooded Dresden", "2013-06-04T11:00:00Z", &A1},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        sl_meta m = {0};
        m.title = f[i].title;
        m.published = f[i].published;
        m.lang = "en";
        assert_int_equal(sl_add_article(e, f[i].id, *f[i].text, strlen(*f[i].text), &m, NULL),
                         SL_OK);
    }
}

/* A copy of a2 under another id, half an hour later: a duplicate that
 * joins the flood story. */
static void add_a2copy(sl_engine *e)
{
    sl_meta m = {.title = "Merkel visits Elbe flood, pledges 100 million euros",
                 .published = "2013-06-04T17:00:00Z",
                 .lang = "en"};
    assert_int_equal(sl_add_article(e, "a2copy", A2, strlen(A2), &m, NULL), SL_OK);
}

/* A new database at path (32 bytes) with the flood articles, batched. */
static sl_engine *open_floods(char *path)
{
    test_tmp_db(path);
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_floods(e);
    assert_int_equal(sl_cluster(e), SL_OK);
    return e;
}

/* Every story's JSON, in display order, joined. */
static char *all_json(sl_engine *e)
{
    char *all = strdup("");
    for (size_t i = 0; i < sl_story_count(e); i++) {
        char *j = sl_story_json(e, sl_story_at(e, i));
        char *both = malloc(strlen(all) + strlen(j) + 2);
        sprintf(both, "%s\n%s", all, j);
        free(all);
        sl_free(j);
        all = both;
    }
    return all;
}

/* How many of e's articles hold their text in memory. */
static size_t texts_held(const sl_engine *e)
{
    size_t n = 0;
    for (size_t h = 0; h < e->ndocs; h++)
        n += e->docs[h] && e->docs[h]->text;
    return n;
}

/* Runs sql (a format taking story id `id`) on the closed database at path,
 * then opens it; returns that story. */
static const sl_story *reopen_after(const char *path, const char *sql, int64_t id, sl_engine **e)
{
    char q[512];
    snprintf(q, sizeof q, sql, (long long)id);
    db_exec(path, q);
    assert_int_equal(sl_engine_open(path, NULL, e), SL_OK);
    const sl_story *s = sl_story_find(*e, id);
    assert_non_null(s);
    return s;
}

/* A database whose stories table is current opens with its stored stories
 * (deferred clustering): the views are the ones the batch made, with the
 * duplicate and the related link, and the headline is the stored one (the
 * test changes it in the file to tell). sl_why builds the clustering
 * state and leaves the stories, and a story taken before, as they were; a
 * change brings the clusterer's stories back, the duplicate still found. */
static void test_deferred_open(void **state)
{
    (void)state;
    char path[32];
    sl_engine *e = open_floods(path);
    int64_t a = story_of(e, "a1"), c = story_of(e, "c1");
    assert_int_equal(story_of(e, "a2"), a);
    assert_int_equal(story_of(e, "a1copy"), a);
    assert_int_not_equal(c, a);
    char *before = all_json(e);
    assert_non_null(strstr(before, "\"duplicates\":[{\"id\":\"a1copy\",\"of\":\"a1\"}]"));
    char rel[64];
    snprintf(rel, sizeof rel, "\"related\":[{\"story\":%lld,", (long long)c);
    assert_non_null(strstr(before, rel));
    char *sum = sl_summarize_all(e, 60);
    sl_engine_close(e);

    /* the same views again: each story's texts read when its views ask,
     * and every text at once for the summary of all */
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    char *again = all_json(e);
    assert_string_equal(again, before);
    free(again);
    sl_engine_close(e);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    again = sl_summarize_all(e, 60);
    assert_true(sum[0] != 0);
    assert_string_equal(again, sum);
    sl_free(again);
    sl_free(sum);
    sl_engine_close(e);

    /* read from the table: a headline changed there is shown (and a
     * trigger the test adds lists the rows the next batch writes) */
    const sl_story *s = reopen_after(
        path,
        "UPDATE stories SET headline='Stored headline' WHERE id=%lld;"
        "CREATE TABLE writes(id);"
        "CREATE TRIGGER w AFTER INSERT ON stories BEGIN INSERT INTO writes VALUES(new.id); END;",
        a, &e);
    assert_string_equal(sl_story_headline(e, s), "Stored headline");
    char *why = NULL;
    assert_int_equal(sl_why(e, "a1", "a2", &why), SL_OK);
    assert_non_null(strstr(why, "\"same_story\":true"));
    sl_free(why);
    /* building the clusterer read every text and kept none (but the two
     * articles asked about) */
    assert_true(texts_held(e) <= 2);
    assert_true(sl_story_find(e, a) == s); /* still valid, still shown */
    assert_string_equal(sl_story_headline(e, s), "Stored headline");
    assert_int_equal(sl_story_article_count(s), 3);
    /* a change: the clusterer's stories; a story whose articles did not
     * change keeps the stored headline (a headline depends on its articles
     * alone); the related links (sl_why built the clusterer without them)
     * are made when its stories are shown, the new article's story among
     * them */
    const char *d = "Dresden flood crest passes\n\nThe Elbe crest passed Dresden on Thursday.\n";
    assert_int_equal(sl_add_article(e, "d", d, strlen(d), NULL, NULL), SL_OK);
    s = sl_story_find(e, story_of(e, "a1"));
    assert_string_equal(sl_story_headline(e, s), "Stored headline");
    char *j = sl_story_json(e, s);
    const char *related = strstr(j, "\"related\":[");
    assert_non_null(related);
    int64_t sd = story_of(e, "d"), b = story_of(e, "b1");
    char link[2][48];
    snprintf(link[0], sizeof link[0], "{\"story\":%lld,\"reason\"", (long long)c);
    snprintf(link[1], sizeof link[1], "{\"story\":%lld,\"reason\"", (long long)sd);
    for (int k = 0; k < 2; k++) {
        const char *at = strstr(related, link[k]);
        assert_true(at && at < strstr(related, "]"));
    }
    sl_free(j);
    assert_int_equal(sl_cluster(e), SL_OK);
    s = sl_story_find(e, story_of(e, "a1"));
    assert_string_equal(sl_story_headline(e, s), "Stored headline");
    /* an article joins the story: its headline is made again */
    add_a2copy(e);
    assert_int_equal(story_of(e, "a2copy"), story_of(e, "a1"));
    s = sl_story_find(e, story_of(e, "a1"));
    assert_string_not_equal(sl_story_headline(e, s), "Stored headline");
    char *made = strdup(sl_story_headline(e, s));
    assert_int_equal(sl_cluster(e), SL_OK);
    s = sl_story_find(e, story_of(e, "a1"));
    assert_string_equal(sl_story_headline(e, s), made);
    j = sl_story_json(e, s);
    assert_non_null(strstr(j, "{\"id\":\"a1copy\",\"of\":\"a1\"}"));
    assert_non_null(strstr(j, "{\"id\":\"a2copy\",\"of\":\"a2\"}"));
    sl_free(j);
    sl_engine_close(e);

    /* the batches wrote the rows that changed: the new story and the ones
     * whose links or articles changed, not the unrelated football story;
     * the table holds the headline made last */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char q[160];
    snprintf(q, sizeof q, "SELECT (SELECT count(*) FROM writes WHERE id=%lld),"
             "(SELECT count(*) FROM writes WHERE id=%lld),"
             "(SELECT headline FROM stories WHERE id=%lld)",
             (long long)sd, (long long)b, (long long)a);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_true(sqlite3_column_int(st, 0) >= 1);
    assert_int_equal(sqlite3_column_int(st, 1), 0);
    assert_string_equal((const char *)sqlite3_column_text(st, 2), made);
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(made);
    free(before);
    test_rm_db(path);
}

/* A batch writes only what changed (engine_rows.c); what it leaves is
 * still what the engine shows: after a story ends (its article removed),
 * after an article joins a story, after a replaced article moves, after a
 * reopen with the stored stories, and in a new engine on the database. */
static void test_written_rows(void **state)
{
    (void)state;
    char path[32];
    sl_engine *e = open_floods(path);
    assert_table_is(path, e);
    size_t n = sl_story_count(e);
    assert_int_equal(sl_remove_article(e, "b1"), SL_OK); /* its story ends */
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_int_equal(sl_story_count(e), n - 1);
    assert_table_is(path, e);
    sl_engine_close(e);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK); /* rows read back */
    add_a2copy(e);
    assert_int_equal(sl_add_article(e, "b1", B1, strlen(B1), NULL, NULL), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_table_is(path, e);
    /* a1copy's text becomes the football report's: it leaves the flood */
    assert_int_equal(sl_add_article(e, "a1copy", B1, strlen(B1), NULL, NULL), SL_OK);
    assert_int_not_equal(story_of(e, "a1copy"), story_of(e, "a1"));
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_table_is(path, e);
    sl_engine_close(e);
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_table_is(path, e);
    sl_engine_close(e);
    test_rm_db(path);
}

/* The stored duplicates and related links are read in the shape
 * sl_cluster writes them without a JSON tree; any other valid JSON (keys
 * in another order, spaces, escapes) reads the same through cJSON. */
static void test_saved_json_forms(void **state)
{
    (void)state;
    char path[32];
    sl_engine *e = open_floods(path);
    int64_t a = story_of(e, "a1"), c = story_of(e, "c1");
    char *j = sl_story_json(e, sl_story_find(e, a));
    assert_non_null(strstr(j, "\"duplicates\":[{\"id\":\"a1copy\",\"of\":\"a1\"}]"));
    sl_free(j);
    sl_engine_close(e);
    static const char *const forms[][2] = {
        /* duplicates, related (%lld: c's story) */
        {"[ {\"of\":\"a1\", \"id\":\"a1copy\"} ]",
         "[{\"reason\":\"says \\\"flood\\\"\",\"story\":%lld}]"},
        {"[{\"id\":\"a1\\u0063opy\",\"of\":\"a1\"}]",
         "[{\"story\":%lld,\"reason\":\"says \\\"flood\\\"\"}]"},
        {"[{\"id\":\"a1copy\",\"of\":\"a1\"}]",
         "[{\"story\": %lld, \"reason\": \"says \\\"flood\\\"\"}]"},
    };
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        char rel[160], sql[512];
        snprintf(rel, sizeof rel, forms[k][1], (long long)c);
        snprintf(sql, sizeof sql, "UPDATE stories SET duplicates='%s', related='%s' WHERE id=%%lld",
                 forms[k][0], rel);
        const sl_story *s = reopen_after(path, sql, a, &e);
        assert_int_equal(sl_story_article_count(s), 3);
        j = sl_story_json(e, s);
        assert_non_null(strstr(j, "\"duplicates\":[{\"id\":\"a1copy\",\"of\":\"a1\"}]"));
        char want[96];
        snprintf(want, sizeof want,
                 "\"related\":[{\"story\":%lld,\"reason\":\"says \\\"flood\\\"\"}]", (long long)c);
        if (!strstr(j, want))
            print_message("form %zu: %s\n", k, j);
        assert_non_null(strstr(j, want));
        sl_free(j);
        sl_engine_close(e);
    }
    test_rm_db(path);
}

/* Stored arrays damaged at random (a byte replaced, dropped or doubled,
 * 300 times from a fixed seed): opening never fails or crashes, and the
 * story is shown with its three articles, from the table or made again. */
static void test_saved_json_damaged(void **state)
{
    (void)state;
    char path[32];
    sl_engine *e = open_floods(path);
    int64_t a = story_of(e, "a1"), c = story_of(e, "c1");
    sl_engine_close(e);
    char good[2][128];
    snprintf(good[0], sizeof good[0], "[{\"id\":\"a1copy\",\"of\":\"a1\"}]");
    snprintf(good[1], sizeof good[1], "[{\"story\":%lld,\"reason\":\"shares names: Merkel\"}]",
             (long long)c);
    static const char bytes[] = "\"\\,{}[]:0a-9 un\x01\xc3";
    unsigned seed = 7;
    for (int k = 0; k < 300; k++) {
        char bad[2][160];
        for (int i = 0; i < 2; i++) {
            snprintf(bad[i], sizeof bad[i], "%s", good[i]);
            size_t n = strlen(bad[i]);
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            char b = bytes[(seed >> 20) % (sizeof bytes - 1)];
            switch ((seed >> 4) % 3) {
            case 0: bad[i][at] = b; break;
            case 1: memmove(bad[i] + at, bad[i] + at + 1, n - at); break;
            default: memmove(bad[i] + at + 1, bad[i] + at, n - at + 1); break;
            }
        }
        /* one of the two damaged at a time, the other as written */
        int which = k % 2;
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(
                             db, "UPDATE stories SET duplicates=?1, related=?2 WHERE id=?3", -1,
                             &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, which == 0 ? bad[0] : good[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, which == 1 ? bad[1] : good[1], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, a);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
        sqlite3_close(db);
        assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
        int64_t now = story_of(e, "a1");
        const sl_story *s = sl_story_find(e, now);
        assert_non_null(s);
        assert_int_equal(sl_story_article_count(s), 3);
        char *j = sl_story_json(e, s);
        assert_non_null(strstr(j, "\"related\":["));
        sl_free(j);
        sl_engine_close(e);
    }
    test_rm_db(path);
}

/* The stored stories are not shown when they do not describe the stored
 * articles: an article stored after the last batch (no sl_cluster before
 * the close), or a table that disagrees with the articles' stories. The
 * stories are then made again from the articles. */
/* ---- saved counts ------------------------------------------------------------ */

/* An article of the site "Herald", its text ending with the site's footer
 * line. */
static void add_herald(sl_engine *e, const char *id, const char *title, const char *text)
{
    char *body = sl_xasprintf("%s\n\nHerald staff in the valley office contributed to this report.", text);
    sl_meta m = {.title = title, .published = "2013-06-05T09:00:00Z", .site = "Herald",
                 .lang = "en"};
    assert_int_equal(sl_add_article(e, id, body, strlen(body), &m, NULL), SL_OK);
    free(body);
}

/* Copies the closed database at from (and its index file) to a new path. */
static void copy_db(const char *from, char *to)
{
    test_tmp_db(to);
    static const char *const sides[] = {"", "-fts"};
    for (size_t i = 0; i < 2; i++) {
        char a[64], b[64];
        snprintf(a, sizeof a, "%s%s", from, sides[i]);
        snprintf(b, sizeof b, "%s%s", to, sides[i]);
        FILE *in = fopen(a, "rb"), *out = fopen(b, "wb");
        assert_non_null(in);
        assert_non_null(out);
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            assert_int_equal(fwrite(buf, 1, n, out), n);
        fclose(in);
        fclose(out);
    }
}

/* Opens path, adds the football report again under a new id (a change:
 * the clusterer is built), batches; *saved and *restored: the counts the
 * build saved and restored. Returns every story's JSON. */
static char *change_and_cluster(const char *path, size_t *saved, size_t *restored)
{
    sl_engine *e;
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_herald(e, "h3", "Herald: the harbour reopens", C1);
    *saved = e->counts_saved;
    *restored = e->counts_restored;
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_table_is(path, e);
    char *json = all_json(e);
    sl_engine_close(e);
    return json;
}

/* A change to a stored database builds the clusterer from the saved term
 * counts of its articles, saving those it had to count (a read, sl_why,
 * saves none); the stories are those of a database without saved counts,
 * or with damaged ones. An article's counts go when it changes or goes,
 * and a site article's are counted again when the boilerplate verdicts
 * they were made under no longer hold (the earlier article that had its
 * footer line is gone: the line is its own now). */
static void test_saved_counts(void **state)
{
    (void)state;
    char path[32], copy[32], bare[32];
    sl_engine *e = open_floods(path); /* five articles */
    add_herald(e, "h1", "Herald: flood aid promised", A1);
    add_herald(e, "h2", "Herald: cup final tonight", B1);
    assert_int_equal(sl_cluster(e), SL_OK);
    sl_engine_close(e);
    assert_int_equal(db_count(path, "SELECT count(*) FROM counts"), 0); /* none counted again */

    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    char *why = NULL;
    assert_int_equal(sl_why(e, "a1", "h1", &why), SL_OK); /* a read: builds, saves nothing */
    sl_free(why);
    assert_int_equal(e->counts_saved, 0);
    sl_engine_close(e);

    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    add_a2copy(e); /* a write builds: all seven counted and saved */
    assert_int_equal(e->counts_saved, 7);
    assert_int_equal(e->counts_restored, 0);
    assert_int_equal(sl_cluster(e), SL_OK);
    sl_engine_close(e);
    assert_int_equal(db_count(path, "SELECT count(*) FROM counts"), 7);

    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    /* the removal builds first, h1 still there: all seven restored,
     * a2copy's counts saved */
    assert_int_equal(sl_remove_article(e, "h1"), SL_OK);
    assert_int_equal(e->counts_restored, 7);
    assert_int_equal(e->counts_saved, 1);
    /* b1 becomes another text: its counts go with the old one */
    assert_int_equal(sl_add_article(e, "b1", A2, strlen(A2), NULL, NULL), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    sl_engine_close(e);
    assert_int_equal(db_count(path, "SELECT count(*) FROM counts"), 6);
    assert_int_equal(db_count(path, "SELECT count(*) FROM counts WHERE seq IN"
                                    " (SELECT seq FROM articles WHERE id IN ('h1','b1'))"),
                     0);

    copy_db(path, copy);
    db_exec(copy, "UPDATE counts SET data=randomblob(length(data))");
    copy_db(path, bare);
    db_exec(bare, "DELETE FROM counts");
    size_t saved, restored;
    char *json = change_and_cluster(path, &saved, &restored);
    /* h2's counts were made with h1's footer line left out, and the line
     * is h2's own now: h2 is counted again (and b1, with its new text) */
    assert_int_equal(restored, 5);
    assert_int_equal(saved, 2);
    char *json_copy = change_and_cluster(copy, &saved, &restored);
    assert_int_equal(restored, 0);
    assert_int_equal(saved, 7);
    char *json_bare = change_and_cluster(bare, &saved, &restored);
    assert_int_equal(restored, 0);
    assert_string_equal(json, json_copy);
    assert_string_equal(json, json_bare);
    free(json);
    free(json_copy);
    free(json_bare);
    test_rm_db(path);
    test_rm_db(copy);
    test_rm_db(bare);
}

static void test_deferred_refused(void **state)
{
    (void)state;
    char path[32];
    sl_engine *e = open_floods(path);
    size_t n = sl_story_count(e);
    int64_t a = story_of(e, "a1");
    assert_int_equal(sl_add_article(e, "x", C, strlen(C), NULL, NULL), SL_OK);
    sl_engine_close(e); /* x stored, the batch not run */
    assert_int_equal(sl_engine_open(path, NULL, &e), SL_OK);
    assert_true(story_of(e, "x") > 0);
    size_t total = 0;
    for (size_t i = 0; i < sl_story_count(e); i++)
        total += sl_story_article_count(sl_story_at(e, i));
    assert_int_equal(total, 6);
    assert_int_equal(sl_remove_article(e, "x"), SL_OK);
    assert_int_equal(sl_cluster(e), SL_OK);
    assert_int_equal(sl_story_count(e), n);
    sl_engine_close(e);
    /* a size that does not match the members: made again, three articles */
    const sl_story *s =
        reopen_after(path, "UPDATE stories SET size=7, headline='Stored' WHERE id=%lld", a, &e);
    assert_int_equal(sl_story_article_count(s), 3);
    assert_string_not_equal(sl_story_headline(e, s), "Stored");
    sl_engine_close(e);
    /* a related list that does not parse: the same */
    s = reopen_after(path, "UPDATE stories SET size=3, related='[{' WHERE id=%lld", a, &e);
    assert_string_not_equal(sl_story_headline(e, s), "Stored");
    sl_engine_close(e);
    /* a related story id out of range, or not whole: the same */
    static const char *const bad[] = {"1e300", "-4", "2.5"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char q[128];
        snprintf(q, sizeof q,
                 "UPDATE stories SET related='[{\"story\":%s,\"reason\":\"r\"}]' WHERE id=%%lld",
                 bad[k]);
        s = reopen_after(path, q, a, &e);
        assert_string_not_equal(sl_story_headline(e, s), "Stored");
        sl_engine_close(e);
    }
    test_rm_db(path);
}

static void test_bad_db(void **state)
{
    (void)state;
    sl_engine *e;
    assert_int_equal(sl_engine_open("/nonexistent/x.db", NULL, &e), SL_EDB);
    assert_non_null(strstr(sl_engine_errmsg(e), "/nonexistent/x.db"));
    sl_engine_close(e);
    assert_string_equal(sl_strerror(SL_ENOTFOUND), "not found");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_json_and_persist),
        cmocka_unit_test(test_site_chrome),
        cmocka_unit_test(test_site_chrome_kept),
        cmocka_unit_test(test_add_paths),
        cmocka_unit_test(test_merged_story),
        cmocka_unit_test(test_replaced_story),
        cmocka_unit_test(test_deferred_open),
        cmocka_unit_test(test_written_rows),
        cmocka_unit_test(test_saved_json_forms),
        cmocka_unit_test(test_saved_json_damaged),
        cmocka_unit_test(test_saved_counts),
        cmocka_unit_test(test_deferred_refused),
        cmocka_unit_test(test_bad_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
