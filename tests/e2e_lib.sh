# Shared helpers for the end-to-end tests in tests/e2e/ (sourced, not run).
BUILD=${BUILD:-build}
SL="$PWD/$BUILD/storyline"
SHARED=${SL_SHARED:-../shared}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sl-e2e.XXXXXX")
[ -n "$KEEP" ] || trap 'rm -rf "$TMP"' EXIT
# make leakcheck: every storyline run goes through valgrind; a definite
# leak or a memory error makes it exit 99, which fails the test.
if [ -n "$SL_VALGRIND" ]; then
    cat > "$TMP/storyline" <<EOS
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$SL" "\$@"
EOS
    chmod +x "$TMP/storyline"
    SL="$TMP/storyline"
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }
need_shared() { [ -d "$SHARED/seeds" ] || skip "../shared is absent"; }
# expect CODE CMD...: runs CMD, fails unless it exits with CODE.
expect() {
    want=$1; shift
    "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
    [ "$got" -eq "$want" ] || { cat "$TMP/err" >&2; fail "'$*' exited $got, wanted $want"; }
}
# json_get FILE PYEXPR: evaluates PYEXPR with d = parsed JSON of FILE.
json_eval() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
