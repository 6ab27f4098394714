# Every subcommand answers --help with its usage; errors go to stderr with
# the documented exit codes.
. tests/e2e_lib.sh
expect 0 "$SL" --help
grep -q "usage: storyline" "$TMP/out" || fail "top-level help"
for c in cluster ingest stories story extract summarize why serve; do
    expect 0 "$SL" "$c" --help
    grep -q "usage: storyline $c" "$TMP/out" || fail "$c --help has no usage line"
done
expect 2 "$SL"
expect 2 "$SL" nosuchcommand
grep -q "unknown command" "$TMP/err" || fail "unknown command message"
expect 2 "$SL" cluster --bogus x
expect 2 "$SL" cluster
expect 2 "$SL" ingest examples
expect 2 "$SL" story --db "$TMP/x.db"
expect 1 "$SL" stories --db "$TMP/missing.db"
[ -s "$TMP/out" ] && fail "error output on stdout"
exit 0
