/*
 * harness: what every unit test includes. cmocka, the internal headers'
 * include path, and helpers to find ../shared (tests that need it skip
 * cleanly when it is absent).
 */
#ifndef SL_TEST_HARNESS_H
#define SL_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Path of the shared folder (SL_SHARED or ../shared), or NULL if absent. */
static inline const char *test_shared_dir(void)
{
    const char *env = getenv("SL_SHARED");
    const char *p = env && env[0] ? env : "../shared";
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode) ? p : NULL;
}

/* Reads a whole file (NUL-terminated; caller frees) or returns NULL. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t k;
    while ((k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) {
            cap *= 2;
            b = realloc(b, cap);
        }
    }
    fclose(f);
    b[n] = 0;
    if (len)
        *len = n;
    return b;
}

/* Fills path (at least 32 bytes) with a fresh database path under /tmp
 * that does not exist yet. */
static inline void test_tmp_db(char *path)
{
    strcpy(path, "/tmp/sl-test-XXXXXX");
    int fd = mkstemp(path);
    if (fd >= 0)
        close(fd);
    unlink(path);
}

/* Removes a database, its WAL side files and its index file (store.h). */
static inline void test_rm_db(const char *path)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-fts", "-fts-wal", "-fts-shm"};
    char side[64];
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
        snprintf(side, sizeof side, "%s%s", path, sides[i]);
        unlink(side);
    }
}

/* Skips the current test when ../shared is absent. */
#define NEED_SHARED(var)                                                                 \
    const char *var = test_shared_dir();                                                 \
    if (!var) {                                                                          \
        print_message("skipping: ../shared is absent\n");                                \
        skip();                                                                          \
    }

#endif
