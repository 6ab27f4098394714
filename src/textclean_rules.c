/*
 * textclean_rules: generic boilerplate classifiers for scraped text (see
 * textclean_rules.h). The phrase tables below are data: each entry is a
 * case-insensitive prefix, exact line or pair of words that marks site
 * chrome on any news site, with a length bound so that a real sentence that
 * happens to start the same way survives.
 */
#include "textclean_rules.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ---- small string helpers ------------------------------------------------ */

/* Ideographs and kana: written without spaces, about two to a word. */
static bool cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp < 0x3100) || (cp >= 0x3400 && cp < 0x4DC0) ||
           (cp >= 0x4E00 && cp < 0xA000) || (cp >= 0xF900 && cp < 0xFB00);
}

size_t sl_tc_words_upto(const char *s, size_t cap)
{
    size_t n = 0, ideo = 0;
    const unsigned char *u = (const unsigned char *)s;
    int in = 0;
    for (size_t i = 0; u[i];) {
        int32_t cp;
        int k;
        if (u[i] < 0x80) { /* ASCII and two-byte characters are never CJK */
            cp = u[i];
            k = 1;
        } else if (u[i] >= 0xC2 && u[i] < 0xE0 && (u[i + 1] & 0xC0) == 0x80) {
            cp = 0x80;
            k = 2;
        } else if ((k = sl_utf8_decode(u + i, strnlen(s + i, 4), &cp)) < 0) {
            k = 1;
            cp = 0xFFFD;
        }
        i += (size_t)k;
        if (cp == ' ') {
            in = 0;
            continue;
        }
        if (cjk(cp)) {
            ideo++;
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        } else {
            continue;
        }
        if (n + (ideo + 1) / 2 > cap) /* the count only grows */
            return cap + 1;
    }
    return n + (ideo + 1) / 2;
}

size_t sl_tc_words(const char *s) { return sl_tc_words_upto(s, SIZE_MAX - 1); }

size_t sl_tc_cplen(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool has_prefix_ci(const char *s, const char *p)
{
    return strncasecmp(s, p, strlen(p)) == 0;
}

/* Decodes the code point before position i of s (i > 0); returns its start. */
static size_t prev_cp(const char *s, size_t i, int32_t *cp)
{
    size_t j = i;
    do
        j--;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
    if (sl_utf8_decode((const unsigned char *)s + j, i - j, cp) < 0)
        *cp = 0xFFFD;
    return j;
}

static bool is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0x00BB || cp == 0x203A || cp == '*' || cp == 0x300D || cp == 0x300F ||
           cp == 0x300B || cp == 0xFF09;
}

static bool is_opener(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 ||
           cp == 0x00AB || cp == 0x2039 || cp == 0x201E;
}

bool sl_tc_ends_sentence(const char *s)
{
    size_t i = strlen(s);
    int32_t cp = 0;
    while (i > 0) {
        i = prev_cp(s, i, &cp);
        if (!is_closer(cp) && cp != ' ')
            break;
    }
    /* also the full stops and marks of CJK, Arabic, Indic and Ethiopic text */
    return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x2026 ||
           cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0xFF1A ||
           cp == 0xFF1B || cp == 0x061F || cp == 0x06D4 || cp == 0x0964 || cp == 0x0965 ||
           cp == 0x1362;
}

bool sl_tc_starts_lower(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k < 0)
            return false;
        if (!is_opener(cp) && cp != ' ')
            return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        i += (size_t)k;
    }
    return false;
}

bool sl_tc_no_alnum(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k < 0)
            return false;
        utf8proc_category_t c = utf8proc_category(cp);
        if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
            (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
            return false;
        i += (size_t)k;
    }
    return true;
}

/* First code point of a word, skipping opening punctuation; 0 if none. */
static int32_t word_first_letter(const char *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sl_utf8_decode((const unsigned char *)w + i, n - i, &cp);
        if (k < 0)
            return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            return cp;
        if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO)
            return 0;
        i += (size_t)k;
    }
    return 0;
}

static bool is_upper(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Function words that headlines leave in lowercase. */
static bool small_word(const char *w, size_t n)
{
    static const char *small[] = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on",
                                  "at", "to", "for", "by", "with", "from", "as", "vs", "via",
                                  "into", "over", "up", "off", "per", "than", NULL};
    for (int i = 0; small[i]; i++)
        if (strlen(small[i]) == n && strncasecmp(small[i], w, n) == 0)
            return true;
    return false;
}

bool sl_tc_is_titlecase(const char *s)
{
    size_t words = 0, caps = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            int32_t f = word_first_letter(p, (size_t)(e - p));
            if (f && !small_word(p, (size_t)(e - p))) {
                words++;
                caps += is_upper(f);
            }
        }
        p = e;
    }
    return words >= 1 && caps * 5 >= words * 4;
}

/* ---- line rules ---------------------------------------------------------- */

static bool is_url_token(const char *w, size_t n)
{
    if (n >= 7 && !strncasecmp(w, "http://", 7))
        return true;
    if (n >= 8 && !strncasecmp(w, "https://", 8))
        return true;
    if (n >= 4 && !strncasecmp(w, "www.", 4))
        return true;
    /* bare domain/path: no spaces, a dot and a slash, no letters after ':' */
    const char *dot = memchr(w, '.', n), *sl = memchr(w, '/', n);
    return dot && sl && dot < sl && n > 8 && !memchr(w, '@', n);
}

static bool only_urls(const char *s)
{
    const char *p = s;
    size_t toks = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            if (!is_url_token(p, (size_t)(e - p)))
                return false;
            toks++;
        }
        p = e;
    }
    return toks > 0;
}

/* A line that starts with one of these and is at most max bytes long. */
typedef struct prefix_rule {
    const char *prefix;
    size_t max;
} prefix_rule;

static const prefix_rule prefixes[] = {
    /* photo and video captions, credits */
    {"Image:", 400}, {"Images:", 400}, {"Image via ", 160}, {"Images via ", 160},
    {"Image credit", 200}, {"Image source", 200}, {"Image copyright", 200},
    {"Photo:", 400}, {"Photos:", 400}, {"Photo via ", 160}, {"Photo by ", 200},
    {"Photo credit", 200}, {"Photograph:", 400}, {"Picture:", 400}, {"Pictured:", 400},
    {"Credit:", 200}, {"Caption:", 400}, {"(Photo", 200}, {"(Image", 200},
    {"Video:", 200}, {"Watch:", 200}, {"Listen:", 200}, {"Gallery:", 200},
    {"View this video on", 80}, {"View this post on", 80}, {"View this photo on", 80},
    {"Watch this video on", 80}, {"Watch on YouTube", 60}, {"A post shared by", 200},
    {"Click to play", 60}, {"Play video", 60}, {"Embedded video", 60},
    /* teasers and links */
    {"Related article", 300}, {"Related articles", 300}, {"Related:", 300},
    {"Related stories", 300}, {"Related coverage", 300}, {"Related content", 300},
    {"Related reading", 300}, {"Read more:", 300}, {"Read more ", 120}, {"Read also", 300},
    {"Read next", 300}, {"Also read", 300}, {"See also:", 300}, {"More:", 300},
    {"Recommended:", 300}, {"Click here", 300}, {"Tap here", 300}, {"Continue reading", 120},
    {"Story continues", 120}, {"Scroll to continue", 120}, {"Skip to ", 80},
    {"Back to top", 40},
    /* social and subscription prompts */
    {"Follow us on", 200}, {"Follow us:", 200}, {"Like us on", 200}, {"Share this", 80},
    {"Share on ", 80}, {"Share via", 80}, {"Share:", 80}, {"Join us on", 160},
    /* legal */
    {"Copyright", 300}, {"\xC2\xA9", 300}, {"(c) ", 200}, {"All rights reserved", 300},
    /* the same in Russian: photo, source, "read also", share, subscribe, ads */
    {"\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE:", 300},                         /* Фото: */
    {"\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE ", 60},                          /* Фото ... */
    {"\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0\xB8\xD0\xBA:", 200}, /* Источник: */
    {"\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5", 300}, /* Читайте также */
    {"\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD0\xBD\xD0\xB0\xD1\x81", 200}, /* Читайте нас */
    {"\xD0\x9F\xD0\xBE\xD0\xB4\xD0\xBF\xD0\xB8\xD1\x81\xD1\x8B\xD0\xB2\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5\xD1\x81\xD1\x8C", 200}, /* Подписывайтесь */
    {"\xD0\x9F\xD0\xBE\xD0\xB4\xD0\xBF\xD0\xB8\xD1\x88\xD0\xB8\xD1\x82\xD0\xB5\xD1\x81\xD1\x8C", 200}, /* Подпишитесь */
    {"\xD0\x9F\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8\xD1\x82\xD1\x8C\xD1\x81\xD1\x8F", 80}, /* Поделиться */
    {"\xD0\xA0\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0", 40},  /* Реклама */
    /* wire trailers */
    {"(Reporting by", 300}, {"Reporting by", 200}, {"Editing by", 200},
    {"(Editing by", 200}, {"Additional reporting by", 200}, {"Compiled by", 120},
    {NULL, 0}};

/* Whole lines (case-insensitive, a trailing ':' or '|' ignored). */
static const char *exact[] = {
    "Advertisement", "Ad", "Ads", "Sponsored", "Sponsored content", "Promoted", "Share",
    "Tweet", "Email", "E-mail", "Print", "Comments", "Comment", "Save", "Copy link",
    "Link copied", "Menu", "Search", "Close", "Loading", "Loading...", "Log in", "Login",
    "Sign in", "Sign up", "Register", "Subscribe", "Home", "Next", "Previous", "More",
    "Top", "Facebook", "Twitter", "WhatsApp", "LinkedIn", "Reddit", "Pinterest",
    "Telegram", "Messenger", "Instagram", "YouTube", "Flipboard", "Most read",
    "Most popular", "Most viewed", "Trending", "Trending now", "Recommended", "Related",
    "Top stories", "Editor's picks", "Don't miss", "Popular now", "Latest news",
    "Latest stories", "You may also like", "You might also like", "Listen to this article",
    "Breaking news", "Live updates", "Newsletter", "Read more", "See more", "Show more",
    "Show comments", "View comments", "Leave a comment", NULL};

/* Section footers and rails: a short line without final punctuation that
 * starts with one of these. */
static const char *rails[] = {"Latest in ", "Latest from ", "More in ", "More from ",
                              "More on ", "More stories", "Most read in ", "Top stories in ",
                              "Trending in ", "Popular in ", "Recommended for you",
                              "Other stories", "Related topics", "Topics:", "Tags:",
                              "Filed under", "Posted in ", NULL};

/* All of the words in one of these groups occur (case-insensitive). */
typedef struct words_rule {
    const char *a, *b, *c; /* c may be NULL */
    size_t max;
} words_rule;

static const words_rule pairs[] = {
    {"browser", "not supported", NULL, 300},   {"browser", "update your", NULL, 300},
    {"browser", "upgrade", NULL, 300},          {"browser", "optimal experience", NULL, 300},
    {"browser", "best experience", NULL, 300},  {"browser", "outdated", NULL, 300},
    {"javascript", "enable", NULL, 300},        {"javascript", "disabled", NULL, 300},
    {"javascript", "required", NULL, 300},      {"cookies", "we use", NULL, 500},
    {"cookies", "uses cookies", NULL, 500},     {"cookie", "accept", NULL, 400},
    {"cookie", "consent", NULL, 400},           {"cookie", "privacy policy", NULL, 500},
    {"cookie", "policy", "continu", 500},      {"newsletter", "sign up", NULL, 300},
    {"newsletter", "subscribe", NULL, 300},     {"newsletter", "inbox", NULL, 300},
    {"newsletter", "delivered", NULL, 300},     {"newsletter", "get our", NULL, 200},
    {"download", " app", NULL, 160},            {"get the", " app", "download", 200},
    {"install", " app", "our", 160},            {"sign up", "email", "free", 200},
    {"subscribe", "unlimited", "access", 200},  {"subscribe", "support", "journalism", 250},
    {"ad blocker", "disable", NULL, 300},       {"adblock", "disable", NULL, 300},
    {"all rights reserved", "", NULL, 300},     {"pic.twitter.com/", "", NULL, 400},
    /* Russian: "subscribe" with "channel/site/news" */
    {"\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xBF\xD0\xB8\xD1\x81", "\xD0\xBA\xD0\xB0\xD0\xBD\xD0\xB0\xD0\xBB", NULL, 200},
    {"\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xBF\xD0\xB8\xD1\x81", "\xD1\x81\xD0\xB0\xD0\xB9\xD1\x82", NULL, 200},
    {NULL, NULL, NULL, 0}};

/* "— Name (@handle) Month D, YYYY": an embedded tweet's signature line. */
static bool tweet_attr(const char *s)
{
    int32_t cp;
    int k = sl_utf8_decode((const unsigned char *)s, strlen(s), &cp);
    if (k < 0 || !(cp == 0x2014 || cp == 0x2013 || cp == '-'))
        return false;
    const char *at = strstr(s, "(@");
    if (!at || !strchr(at, ')'))
        return false;
    size_t n = strlen(s);
    return n >= 4 && isdigit((unsigned char)s[n - 1]) && isdigit((unsigned char)s[n - 2]) &&
           isdigit((unsigned char)s[n - 3]) && isdigit((unsigned char)s[n - 4]) && n < 200;
}

static bool exact_match(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ':' || s[n - 1] == '|' || s[n - 1] == ' '))
        n--;
    for (int i = 0; exact[i]; i++)
        if (strlen(exact[i]) == n && strncasecmp(exact[i], s, n) == 0)
            return true;
    return false;
}

sl_tc_kind sl_tc_line_kind(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return SL_TC_TEXT;
    if (only_urls(s))
        return SL_TC_URL;
    if (tweet_attr(s))
        return SL_TC_TWEET_ATTR;
    if (exact_match(s))
        return SL_TC_CHROME;
    int first = tolower((unsigned char)s[0]);
    for (const prefix_rule *r = prefixes; r->prefix; r++)
        if (n <= r->max && tolower((unsigned char)r->prefix[0]) == first &&
            has_prefix_ci(s, r->prefix))
            return SL_TC_CHROME;
    if (n <= 80 && sl_tc_words_upto(s, 7) <= 7 && !sl_tc_ends_sentence(s))
        for (int i = 0; rails[i]; i++)
            if (has_prefix_ci(s, rails[i]))
                return SL_TC_CHROME;
    if (n > 500)
        return SL_TC_TEXT; /* longer than any rule below allows */
    /* the pair rules' words are lowercase: compare with a lowercased copy */
    char lc[512];
    for (size_t i = 0; i <= n; i++)
        lc[i] = (char)tolower((unsigned char)s[i]);
    /* rules in a row share their first word: it is looked for once */
    const char *last = NULL;
    bool has = false;
    for (const words_rule *r = pairs; r->a; r++) {
        if (n > r->max)
            continue;
        if (!last || strcmp(last, r->a)) {
            last = r->a;
            has = strstr(lc, r->a) != NULL;
        }
        if (has && strstr(lc, r->b) && (!r->c || strstr(lc, r->c)))
            return SL_TC_CHROME;
    }
    return SL_TC_TEXT;
}

/* ---- captions ------------------------------------------------------------ */

/* Words of s as [start,end) pairs; returns the count (at most max). */
static size_t split_words(const char *s, const char **ws, const char **we, size_t max)
{
    size_t n = 0;
    const char *p = s;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            ws[n] = p;
            we[n] = e;
            n++;
        }
        p = e;
    }
    return n;
}

static bool cap_word(const char *w, const char *e)
{
    int32_t cp;
    return sl_utf8_decode((const unsigned char *)w, (size_t)(e - w), &cp) > 0 && is_upper(cp);
}

/* "... text. Name Surname / Agency words" at the end of s. */
static bool ends_with_slash_credit(const char *s)
{
    const char *slash = NULL;
    for (const char *p = strstr(s, " / "); p; p = strstr(p + 1, " / "))
        slash = p;
    if (!slash)
        return false;
    /* after the slash: 1-6 words, the first capitalised, no sentence end */
    const char *after = slash + 3;
    size_t aw = sl_tc_words(after);
    if (aw < 1 || aw > 6 || !cap_word(after, after + strlen(after)) || sl_tc_ends_sentence(after))
        return false;
    /* before: 1-4 capitalised words back to a sentence end or the start */
    size_t blen = (size_t)(slash - s);
    char *before = sl_xstrndup(s, blen);
    const char *ws[700], *we[700];
    size_t n = split_words(before, ws, we, 700);
    bool ok = false;
    for (size_t k = 1; k <= 4 && k <= n; k++) {
        size_t i = n - k;
        const char *w = ws[i], *e = we[i];
        /* a glued start "conceded.Alexander": take the part after the dot */
        const char *dot = NULL;
        for (const char *q = w; q < e - 1; q++)
            if ((*q == '.' || *q == '!' || *q == '?') && isupper((unsigned char)q[1]))
                dot = q;
        if (dot)
            w = dot + 1;
        if (!cap_word(w, e))
            break;
        if (dot || i == 0) {
            ok = true;
            break;
        }
        char *prev = sl_xstrndup(ws[i - 1], (size_t)(we[i - 1] - ws[i - 1]));
        bool end = sl_tc_ends_sentence(prev);
        free(prev);
        if (end) {
            ok = true;
            break;
        }
    }
    free(before);
    return ok;
}

/* A last parenthesis that is a photo credit: "(AP Photo/...)", "(Photo by ...)". */
static bool ends_with_photo_paren(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || s[n - 1] != ')')
        return false;
    const char *open = strrchr(s, '(');
    if (!open || (size_t)(s + n - open) > 120)
        return false;
    char *in = sl_xstrndup(open, (size_t)(s + n - open));
    bool hit = sl_strcasestr(in, "photo") || sl_strcasestr(in, "getty") ||
               sl_strcasestr(in, "image") || sl_strcasestr(in, "picture") ||
               sl_strcasestr(in, "credit");
    free(in);
    return hit;
}

bool sl_tc_is_caption(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 1200)
        return false;
    if (ends_with_slash_credit(s) || ends_with_photo_paren(s))
        return true;
    /* a short credit line on its own: "Getty Images", "AFP via Getty Images" */
    return sl_tc_words_upto(s, 6) <= 6 && !sl_tc_ends_sentence(s) &&
           (sl_str_endswith(s, " Images") || sl_strcasestr(s, "via Getty") ||
            sl_strcasestr(s, "Photo/"));
}
