# Replays every fuzz corpus (tests/fuzz/corpus/<target>/) through its
# target built without libFuzzer: a crash found once stays fixed.
. tests/e2e_lib.sh
n=0
for t in "$BUILD"/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    [ -d "tests/fuzz/corpus/$name" ] || fail "$name has no corpus"
    "$t" "tests/fuzz/corpus/$name" > "$TMP/replay" 2>&1 || { cat "$TMP/replay"; fail "$name"; }
    n=$((n + 1))
done
[ $n -gt 0 ] || skip "no fuzz targets built"
exit 0
