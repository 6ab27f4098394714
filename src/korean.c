/*
 * korean: who is quoted in Korean text (see korean.h).
 */
#include "korean.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int sl_ko_hangul(const char *s, size_t n)
{
    int32_t cp;
    int l = sl_utf8_decode((const unsigned char *)s, n, &cp);
    return l == 3 && cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Does t[at..n) open on a quoting particle, the verb of saying to follow
 * ("고 말했다", "라며", "이라고 했다")? */
static int quoting_particle(const char *t, size_t at, size_t n)
{
    static const char *const P[] = {"이라고", "라고", "고", "이라며", "라며", "며", "라면서",
                                     "면서", NULL};
    for (int i = 0; P[i]; i++) {
        size_t l = strlen(P[i]);
        if (n - at >= l && memcmp(t + at, P[i], l) == 0)
            return 1;
    }
    return 0;
}

/* A word t[a..b) (no spaces). */
typedef struct span {
    size_t a, b;
} span;

static int word_in(const char *t, span w, const char *const *list)
{
    return sl_word_in_list(list, t + w.a, w.b - w.a);
}

/* Does the word end with s (bytes)? */
static int ends_with(const char *t, span w, const char *s)
{
    size_t l = strlen(s);
    return w.b - w.a >= l && memcmp(t + w.b - l, s, l) == 0;
}

static int has_digit(const char *t, span w)
{
    for (size_t i = w.a; i < w.b; i++)
        if (t[i] >= '0' && t[i] <= '9')
            return 1;
    return 0;
}

/* Is the word a topic, the speaker's mark: a noun with 은 or 는 after it,
 * not a verb's or an adjective's form before a noun, which ends the same
 * way ("하는", "있는", "많은")? */
static int topic(const char *t, span w)
{
    static const char *const MODIFIER[] = {"하는", "있는", "없는", "되는", "않는", "같은",
                                           "많은", "라는", "다는", "보는", "주는", "오는",
                                           "가는", "받는", "나는", "아닌", "이런", "그런",
                                           NULL};
    if (!(ends_with(t, w, "\xEC\x9D\x80") || ends_with(t, w, "\xEB\x8A\x94")) ||
        w.b - w.a < 4)
        return 0; /* 은, 는, after something */
    for (int i = 0; MODIFIER[i]; i++)
        if (ends_with(t, w, MODIFIER[i]))
            return 0;
    return 1;
}

char *sl_ko_speaker(const char *t, size_t from, size_t open, size_t close, size_t n)
{
    static const char *const OPENERS[] = {"이어", "또", "또한", "특히", "그러나", "하지만",
                                          "다만", "한편", "이에", "이날", "앞서", "그러면서",
                                          "아울러", "이어서", "당시", "그리고", "결국", "지난", NULL};
    if (open <= from || close > n || !quoting_particle(t, close, n))
        return NULL;
    /* the clause: back to the sentence's end or the quote before this one
     * ('"..."며 "..."고 했다': the second's clause is the first's) */
    size_t a = open;
    while (a > from && !strchr(".!?\n\"", t[a - 1]) &&
           !(a >= from + 3 && (unsigned char)t[a - 3] == 0xE2 && (unsigned char)t[a - 2] == 0x80 &&
             ((unsigned char)t[a - 1] == 0x9C || (unsigned char)t[a - 1] == 0x9D)))
        a--;
    span w[24];
    int comma[24]; /* a comma after the word */
    size_t nw = 0;
    for (size_t i = a; i < open && nw < 24;) {
        while (i < open && t[i] == ' ')
            i++;
        size_t j = i;
        while (j < open && t[j] != ' ' && t[j] != ',')
            j++;
        if (j > i) {
            comma[nw] = j < open && t[j] == ',';
            w[nw++] = (span){i, j};
        }
        i = j + (j < open && t[j] == ',');
    }
    /* the first topic, at most six words before the quote */
    size_t k = 0;
    while (k < nw && !topic(t, w[k]))
        k++;
    if (k >= nw || nw - k > 7)
        return NULL;
    /* the phrase opens after a comma or an adverbial before the topic
     * ("그 배경과 관련, 트럼프 행정부 관계자는", "로이터통신 등에 따르면
     * 5개국 정상은", "체제에서도 초선들은") */
    static const char *const ADVERBIAL[] = {"따르면", "에서", "에서도", "에서는", "에게",
                                            "통해", "관련", NULL};
    size_t s0 = 0;
    for (size_t i = 0; i < k; i++) {
        int ends_adv = comma[i];
        for (int q = 0; !ends_adv && ADVERBIAL[q]; q++)
            ends_adv = ends_with(t, w[i], ADVERBIAL[q]);
        if (ends_adv)
            s0 = i + 1;
    }
    while (s0 < k && (word_in(t, w[s0], OPENERS) || has_digit(t, w[s0])))
        s0++; /* "이어", "지난 9일" */
    if (k - s0 > 3)
        s0 = k - 3; /* the speaker's phrase: the topic and three words before it */
    span last = w[k];
    last.b -= 3; /* 은 / 는 */
    static const char *const HE[] = {"그", NULL}, *const SHE[] = {"그녀", NULL},
                             *const THEY[] = {"이들", "그들", NULL};
    if (word_in(t, last, HE)) /* "종사했던 그는": he */
        return sl_xstrdup("he");
    if (word_in(t, last, SHE))
        return sl_xstrdup("she");
    if (word_in(t, last, THEY))
        return sl_xstrdup("they");
    sl_buf b = {0};
    sl_buf_puts(&b, "");
    for (size_t i = s0; i < k; i++) {
        sl_buf_append(&b, t + w[i].a, w[i].b - w[i].a);
        sl_buf_putc(&b, ' ');
    }
    sl_buf_append(&b, t + last.a, last.b - last.a);
    return b.data;
}
