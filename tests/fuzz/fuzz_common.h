/*
 * fuzz_common.h: helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c).
 *
 * Besides "does not crash", the targets check the contracts of src/doc.h
 * and src/util.h on what the code under test returns: every string of a
 * doc is valid UTF-8 without NUL bytes. A broken contract calls abort(),
 * which libFuzzer reports as a crash and the replay build as a failure.
 * Header-only (static functions), so each target stays one .c file as the
 * Makefile expects.
 */
#ifndef SL_FUZZ_COMMON_H
#define SL_FUZZ_COMMON_H

#include "doc.h"
#include "extract.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Aborts with a message naming what broke. */
static inline void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz contract broken: %s\n", what);
    abort();
}

/* Aborts unless s[0..n) is valid UTF-8 without NUL (sl_utf8_decode is the
 * reference decoder: overlong forms and surrogates are invalid). */
static inline void fuzz_check_utf8n(const char *s, size_t n, const char *what)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = u[i] ? sl_utf8_decode(u + i, n - i, &cp) : -1;
        if (k <= 0)
            fuzz_fail(what);
        i += (size_t)k;
    }
}

static inline void fuzz_check_utf8(const char *s, const char *what)
{
    if (s)
        fuzz_check_utf8n(s, strlen(s), what);
}

/* Checks every string field of an extracted doc. */
static inline void fuzz_check_doc(const sl_doc *d)
{
    fuzz_check_utf8(d->id, "doc id is not valid UTF-8");
    fuzz_check_utf8(d->title, "doc title is not valid UTF-8");
    fuzz_check_utf8(d->published, "doc published is not valid UTF-8");
    fuzz_check_utf8(d->site, "doc site is not valid UTF-8");
    fuzz_check_utf8(d->author, "doc author is not valid UTF-8");
    fuzz_check_utf8(d->url, "doc url is not valid UTF-8");
    fuzz_check_utf8(d->lang, "doc lang is not valid UTF-8");
    fuzz_check_utf8(d->text, "doc text is not valid UTF-8");
    if (d->published && d->pub_time == SL_TIME_UNKNOWN)
        fuzz_fail("published set but pub_time unknown");
}

/* Extracts a raw doc the reader emitted, checks what extraction made of it
 * and frees it. */
static inline void fuzz_extract_and_check(sl_doc *d)
{
    char *err = NULL;
    if (sl_extract(d, &err) == 0)
        fuzz_check_doc(d);
    free(err);
    sl_doc_free(d);
}

/* The reader's reject callback: every reject names its item and a reason
 * in valid UTF-8. */
static inline void fuzz_on_reject(void *ud, const char *source, const char *msg)
{
    (void)ud;
    if (!source || !msg || !msg[0])
        fuzz_fail("reject without source or message");
    fuzz_check_utf8(msg, "reject message is not valid UTF-8");
}

/* A NUL-terminated copy of the input (caller frees). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = 0;
    return s;
}

#endif
