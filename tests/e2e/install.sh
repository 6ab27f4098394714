# make install puts the binary, libraries, header, pkg-config file and man
# page under PREFIX, and a program builds against the installed library.
. tests/e2e_lib.sh
p="$TMP/prefix"
make -s install PREFIX="$p" BUILD="$BUILD" >/dev/null || fail "make install"
for f in bin/storyline lib/libstoryline.a lib/libstoryline.so include/storyline.h \
         lib/pkgconfig/storyline.pc share/man/man1/storyline.1; do
    [ -e "$p/$f" ] || fail "$f not installed"
done
"$p/bin/storyline" --version | grep -q "storyline" || fail "installed binary"
[ "$BUILD" = build ] || exit 0   # sanitizer builds stop here
cat > "$TMP/prog.c" <<'C'
#include <storyline.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    sl_engine *e;
    if (sl_engine_open(NULL, NULL, &e) != SL_OK)
        return 1;
    const char *t = "Bridge reopens\n\nThe old bridge reopened on Friday after repairs.\n";
    if (sl_add_article(e, "x", t, strlen(t), NULL, NULL) != SL_OK || sl_cluster(e) != SL_OK)
        return 2;
    printf("%zu\n", sl_story_count(e));
    sl_engine_close(e);
    return 0;
}
C
export PKG_CONFIG_PATH="$p/lib/pkgconfig"
# shellcheck disable=SC2046
cc -o "$TMP/prog" "$TMP/prog.c" $(pkg-config --cflags --libs storyline) || fail "build against storyline.pc"
[ "$(LD_LIBRARY_PATH="$p/lib" "$TMP/prog")" = 1 ] || fail "program using the library"
exit 0
