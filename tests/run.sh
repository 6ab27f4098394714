#!/bin/sh
# Runs every unit test binary given as arguments, then every end-to-end
# test script in tests/e2e/ (each is a shell script that exits 0 on pass,
# 77 on skip). Prints one closing line "N passed, N failed, N skipped".
BUILD=${BUILD:-build}
export BUILD
pass=0; fail=0; skipped=0
failed=""
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    n=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    pass=$((pass + ${n:-0})); skipped=$((skipped + ${s:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ] && [ -z "$f" ]; then fail=$((fail + 1)); fi
    if [ $rc -ne 0 ]; then
        failed="$failed $(basename "$t")"
        printf '%s\n' "$out"
    fi
    printf '%-28s %s\n' "$(basename "$t")" "$([ $rc -eq 0 ] && echo ok || echo FAILED)"
done
for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    out=$(sh "$t" 2>&1); rc=$?
    name=$(basename "$t" .sh)
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); echo "$(printf '%-28s' "e2e/$name") ok"
    elif [ $rc -eq 77 ]; then
        skipped=$((skipped + 1)); echo "$(printf '%-28s' "e2e/$name") skipped: $(printf '%s\n' "$out" | tail -1)"
    else
        fail=$((fail + 1)); failed="$failed e2e/$name"
        printf '%s\n' "$out" | tail -40
        echo "$(printf '%-28s' "e2e/$name") FAILED"
    fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
