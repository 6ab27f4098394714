# cli_timings: `storyline cluster --timings` and `ingest --timings` print
# one line of processor time on stderr (the story views' against the
# rest's) and change nothing else: the same JSON on stdout as without it.
BUILD=${BUILD:-build}
SL="$PWD/$BUILD/storyline"
[ -x "$SL" ] || { echo "FAIL: $SL is not built"; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sl-timings.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

"$SL" cluster --json examples >"$TMP/plain.json" 2>/dev/null
"$SL" cluster --json --timings examples >"$TMP/timed.json" 2>"$TMP/err"
cmp -s "$TMP/plain.json" "$TMP/timed.json" || { echo "FAIL: --timings changed the output"; exit 1; }
line=$(grep '^storyline cluster: processor time' "$TMP/err")
[ -n "$line" ] || { cat "$TMP/err"; echo "FAIL: no timings line"; exit 1; }
# total = views + rest, each >= 0, and a share is printed
echo "$line" | awk '{
    for (i = 1; i <= NF; i++) {
        if ($i == "time") total = $(i + 1)
        if ($i == "views" && $(i + 1) != "add") views = $(i + 1)
        if ($i == "rest") rest = $(i + 1)
    }
    if (total == "" || views == "" || rest == "" || views < 0 || rest < 0) exit 1
    d = total - views - rest; if (d < 0) d = -d
    exit d > 0.002
}' || { echo "FAIL: inconsistent timings: $line"; exit 1; }
echo "$line" | grep -Eq 'views add [0-9]+\.[0-9]%$' || { echo "FAIL: no share: $line"; exit 1; }

# without --json no views are made: they cost nothing
"$SL" cluster --timings examples >/dev/null 2>"$TMP/err2"
grep -q 'story views 0.000 s' "$TMP/err2" || { cat "$TMP/err2"; echo "FAIL: views counted without --json"; exit 1; }
"$SL" ingest --timings --db "$TMP/db" examples >/dev/null 2>"$TMP/err3"
grep -q '^storyline ingest: processor time' "$TMP/err3" || { cat "$TMP/err3"; echo "FAIL: ingest --timings"; exit 1; }
echo "ok: $line"
