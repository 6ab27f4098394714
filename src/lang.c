/*
 * lang: language identification with libexttextcat (n-gram profiles that
 * Debian ships in /usr/share/libexttextcat). The handle is created once and
 * shared; calls are serialised with a mutex because textcat keeps scratch
 * state in the handle.
 */
#include "lang.h"

#include <libexttextcat/textcat.h>
#include <pthread.h>
#include <string.h>

#ifndef SL_TEXTCAT_DIR
#define SL_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *handle;
static int tried;

/* textcat answers "[en][ru]..." or "[en--utf8]"; keep the first code. */
static const char *intern(const char *ans)
{
    static const char *known[] = {
        "en", "ru", "uk", "be", "bg", "sr", "mk", "kk", "de", "fr", "es", "it",
        "pt", "nl", "pl", "cs", "sk", "sl", "hr", "ro", "hu", "fi", "sv", "da",
        "nb", "no", "et", "lv", "lt", "tr", "ar", "fa", "he", "el", "zh", "ja",
        "ko", "hi", "bn", "ta", "te", "ml", "th", "vi", "id", "ms", "az", "ka",
        "hy", "ur", "ca", "eu", "gl", "is", "ga", "sq", "uz", "ky", "tg", "mn", NULL};
    if (!ans || ans[0] != '[')
        return NULL;
    const char *s = ans + 1;
    size_t n = strcspn(s, "-]");
    for (int i = 0; known[i]; i++)
        if (strlen(known[i]) == n && memcmp(known[i], s, n) == 0)
            return known[i];
    return NULL;
}

const char *sl_lang_detect(const char *text, size_t len)
{
    if (!text || len < 8)
        return NULL;
    if (len > 4096)
        len = 4096;
    /* do not cut a UTF-8 sequence */
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    const char *res = NULL;
    pthread_mutex_lock(&lock);
    if (!tried) {
        tried = 1;
        handle = special_textcat_Init(SL_TEXTCAT_DIR "fpdb.conf", SL_TEXTCAT_DIR);
    }
    if (handle) {
        const char *ans = textcat_Classify(handle, text, len);
        if (ans && strcmp(ans, _TEXTCAT_RESULT_UNKOWN) && strcmp(ans, _TEXTCAT_RESULT_SHORT))
            res = intern(ans);
    }
    pthread_mutex_unlock(&lock);
    return res;
}
