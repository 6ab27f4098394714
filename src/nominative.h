/*
 * nominative: the nominative of a Russian or Ukrainian personal name
 * written in another case.
 *
 * Russian and Ukrainian names decline: "Владимира Путина", "Владимиру
 * Путину", "Владимиром Путиным" are all "Владимир Путин", and a story may
 * name someone only in the genitive ("по словам Виталия Мутко"). The
 * first name tells the case: it is an oblique form of a known first name
 * (gazetteer.h) under one of the declension rules. The other words (a
 * patronymic, the surname) must then be forms of the same case and a
 * gender the first name allows; when they are, each is put back in the
 * nominative. Anything uncertain is left alone: two readings that give
 * two names, a first name that is also a nominative ("Ярослава" is a
 * woman's name and the genitive of "Ярослав") with a surname that fits
 * both, an ending that several nominatives share.
 */
#ifndef SL_NOMINATIVE_H
#define SL_NOMINATIVE_H

#include <stddef.h>

enum {
    SL_NAME_UNKNOWN = 0,    /* not read as a personal name, or not with certainty */
    SL_NAME_OBLIQUE = 1,    /* an oblique case: out holds the nominative */
    SL_NAME_NOMINATIVE = 2  /* a known first name in the nominative, and a surname that fits */
};

/* Reads name[0..n), two or three words separated by single spaces, in
 * language lang ("ru" or "uk"; any other gives SL_NAME_UNKNOWN). On
 * SL_NAME_OBLIQUE the nominative is written to out (NUL-terminated, cap
 * bytes; SL_NAME_UNKNOWN when it does not fit). */
int sl_name_nominative(const char *lang, const char *name, size_t n, char *out, size_t cap);

/* True if w[0..n) is a known first name in an oblique case of lang
 * ("Виталия", "Володимира"), not itself a known first name. */
int sl_name_first_oblique(const char *lang, const char *w, size_t n);

/* The nominatives a one-word surname w[0..n) may have in lang, read in
 * every case and gender the surname rules know ("Пескова": Песков,
 * Пескова's own form is not among them); at most max, each a string of
 * up to SL_NAME_WORD bytes. Returns how many. For a lone surname, which
 * no first name puts in a case: the caller matches them against the
 * surnames of the story's full names. */
enum { SL_NAME_WORD = 64 };
size_t sl_name_surname_forms(const char *lang, const char *w, size_t n,
                             char out[][SL_NAME_WORD], size_t max);

#endif
