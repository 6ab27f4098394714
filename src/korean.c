/*
 * korean: who is quoted in Korean text, and its people and places (see
 * korean.h).
 */
#include "korean.h"
#include "gazetteer.h"
#include "entities.h"
#include "util.h"

#include <pthread.h>
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

/* Titles that follow a person's name; the first STRONG of them follow
 * foreign names too ("트럼프 대통령"), the others only a Korean name. */
static const char *const TITLES[] = {
    "대통령", "총리", "주석", "총통", "국무장관", "여사", "부총리", "장관", "외무장관",
    "국방장관", "사무총장",
    /* STRONG ends here */
    "의원", "대표", "대변인", "위원장", "회장", "사장", "감독", "교수", "변호사", "국장",
    "차관", "차장", "총장", "원장", "청장", "시장", "지사", "선수", "씨", "기자", "검사",
    "판사", "총재", "비서관", "수석", "실장", "이사장", "부장", "단장", "대사", "특사",
    "코치", "부대변인", "최고위원", "원내대표", "대법원장", NULL};
enum { STRONG = 11 };

/* The surnames a Korean name of three syllables opens on. */
static const char *const SURNAMES[] = {
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
    "황", "안", "송", "류", "유", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "남",
    "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "지", "엄", "채",
    "원", "천", "방", "공", "현", "함", "변", "염", "여", "추", "도", "소", "석", "선", "설",
    "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "제",
    "모", "탁", "국", "어", "은", "편", "용", "예", "경", "봉", NULL};

/* Last syllables no name ends on: a verb's or a particle's ("이른다",
 * "출신의", "관계자는"), an organisation's ("외교부", "한양대", "경찰국"). */
static const char *const NOT_LAST[] = {"다", "던", "에", "의", "는", "을", "를", "고", "며",
                                       "면", "게", "데", "어", "가", "째", "부", "대", "팀",
                                       "국", "청", "처", "당", "련", "협", NULL};

/* Words that stand before a title and name no one: time and order
 * ("차기 대통령", "마지막 총리", "이날"), alliances ("나토 사무총장"). */
static const char *const NOT_NAME[] = {"마지막", "차기", "이날", "잠깐", "훗날", "당시", "현재",
                                       "역대", "신임", "전임", "전직", "현직", "미래", "초대",
                                       "후임", "나토", "유엔", NULL};

/* Particles a noun may carry (after a title or a place). */
static const char *const PARTICLES[] = {
    "은", "는", "이", "가", "의", "을", "를", "과", "와", "에", "도", "로", "만", "에서",
    "으로", "에게", "까지", "부터", "과의", "와의", "에서의", "에는", "에서는", "으로는",
    "께서", "이나", "처럼", "측", "께", "쯤", "경", "부터는", "까지는", NULL};

/* The titles, the particles and the gazetteer's places as hash sets
 * (sl_ko_names asks them at every word of every Korean sentence), built
 * once, then only read. */
static sl_wordset set_titles, set_particles, set_places;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void sets_init(void)
{
    sl_wordset_build_list(&set_titles, TITLES);
    sl_wordset_build_list(&set_particles, PARTICLES);
    sl_wordset_build(&set_places, sl_gaz_places_ko, sl_gaz_nplaces_ko, sizeof *sl_gaz_places_ko);
}

int sl_ko_particle(const char *s, size_t n)
{
    pthread_once(&sets_once, sets_init);
    return n == 0 || sl_wordset_find(&set_particles, s, n) >= 0;
}

/* The entry of ws that t[a..b) opens with, before a particle or nothing:
 * each whole number of syllables from the start is looked up (*len: its
 * bytes); the lowest index of those that match, -1 if none. */
static long prefix_in(const sl_wordset *ws, const char *t, size_t a, size_t b, size_t *len)
{
    long best = -1;
    for (size_t k = 3; a + k <= b; k += 3) {
        long i = sl_wordset_find(ws, t + a, k);
        if (i >= 0 && (best < 0 || i < best) && sl_ko_particle(t + a + k, b - a - k)) {
            best = i;
            *len = k;
        }
    }
    return best;
}

/* Is t[a..b) a title (TITLES), with a particle after it or none? *len: the
 * bytes of the title itself; its index in TITLES, plus 1 (0: none). */
static int title_at(const char *t, size_t a, size_t b, size_t *len)
{
    pthread_once(&sets_once, sets_init);
    return (int)prefix_in(&set_titles, t, a, b, len) + 1;
}

/* Is t[a..b) a place of the gazetteer (sl_gaz_places_ko), with a particle
 * after it or none? *len: the bytes of the place's name (the shortest
 * that fits). */
static int place_at(const char *t, size_t a, size_t b, size_t *len)
{
    pthread_once(&sets_once, sets_init);
    for (size_t k = 3; a + k <= b; k += 3)
        if (sl_wordset_find(&set_places, t + a, k) >= 0 && sl_ko_particle(t + a + k, b - a - k)) {
            *len = k;
            return 1;
        }
    return 0;
}

/* Is t[a..b) all Hangul syllables, from lo to hi of them? */
static int hangul_word(const char *t, size_t a, size_t b, size_t lo, size_t hi)
{
    size_t n = 0;
    for (size_t i = a; i < b; i += 3, n++)
        if (b - i < 3 || !sl_ko_hangul(t + i, b - i))
            return 0;
    return n >= lo && n <= hi;
}

/* Is t[a..b) a Korean name: three syllables, a surname first, and a last
 * one no verb, particle or organisation ends on? */
static int korean_name(const char *t, size_t a, size_t b)
{
    return hangul_word(t, a, b, 3, 3) && sl_word_in_list(SURNAMES, t + a, 3) &&
           !sl_word_in_list(NOT_LAST, t + b - 3, 3);
}

size_t sl_ko_names(const char *s, const sl_word *w, size_t nw, sl_ko_name *out, size_t max)
{
    size_t k = 0, len;
    for (size_t i = 0; i < nw && k < max; i++) {
        if (!sl_ko_hangul(s + w[i].s, w[i].e - w[i].s))
            continue;
        if (place_at(s, w[i].s, w[i].e, &len)) {
            out[k++] = (sl_ko_name){i, 1, len, SL_ENT_PLACE};
            continue;
        }
        int title = i > 0 ? title_at(s, w[i].s, w[i].e, &len) : 0;
        if (!title)
            continue;
        /* the name before the title, or before a country and the title */
        size_t j = i - 1, pl;
        if (place_at(s, w[j].s, w[j].e, &pl) && w[j].e - w[j].s == pl && j > 0)
            j--;
        if (w[j].sep || place_at(s, w[j].s, w[j].e, &pl) ||
            title_at(s, w[j].s, w[j].e, &pl) ||
            sl_word_in_list(NOT_NAME, s + w[j].s, w[j].e - w[j].s))
            continue;
        if (korean_name(s, w[j].s, w[j].e)) {
            out[k++] = (sl_ko_name){j, 1, w[j].e - w[j].s, SL_ENT_PERSON};
            continue;
        }
        /* a foreign name, of one or two words, before a head of state's or
         * a minister's title: "트럼프 대통령", "도널드 트럼프 미국 대통령" */
        if (title > STRONG || !hangul_word(s, w[j].s, w[j].e, 2, 4) ||
            sl_word_in_list(NOT_LAST, s + w[j].e - 3, 3))
            continue;
        size_t a = j;
        if (j > 0 && !w[j].sep && hangul_word(s, w[j - 1].s, w[j - 1].e, 2, 4) && j < i - 1)
            a = j - 1;
        out[k++] = (sl_ko_name){a, j + 1 - a, w[j].e - w[j].s, SL_ENT_PERSON};
    }
    return k;
}
