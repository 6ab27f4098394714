# Hostile input: HTML with 100,000 nested elements (closed divs; unclosed
# inline elements). Each page is extracted or rejected with a message,
# within seconds and bounded memory, never a crash; an article already in
# the database survives.
. tests/e2e_lib.sh
. tests/hostile/lib.sh
command -v /usr/bin/time > /dev/null || skip "/usr/bin/time is absent"
python3 - "$TMP" <<'PY' || fail "generator"
import sys
n, d = 100000, sys.argv[1]
para = ('<p>The harbour reopened on Wednesday after the storm, officials said. '
        'Ferries left port at dawn and the coast guard lifted its warning.</p>')
with open(d + '/deep_div.html', 'w') as f:
    f.write('<html><head><title>Deep page</title></head><body>' + '<div>' * n + para +
            '</div>' * n + '</body></html>')
with open(d + '/deep_inline.html', 'w') as f:
    f.write('<html><body>' + '<div><span><b><i>x' * n + para + '</body></html>')
with open(d + '/deep_table.html', 'w') as f:
    f.write('<html><body>' + '<table><tr><td>' * n + para + '</body></html>')
PY
db="$TMP/s.db"
good_article "$TMP/keep.txt" 1
expect 0 "$SL" ingest --db "$db" "$TMP/keep.txt"
for page in deep_div deep_inline deep_table; do
    f="$TMP/$page.html"
    /usr/bin/time -v -o "$TMP/time" timeout 30 "$RAW" cluster --json "$f" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc -eq 124 ] && fail "$page: still running after 30 s"
    case $rc in
    0) grep -q "harbour reopened" "$TMP/out" || fail "$page: extracted without its text"
       what="extracted" ;;
    3) grep -q "rejected .*$page.html: ." "$TMP/err" || { cat "$TMP/err"; fail "$page: rejected without a reason"; }
       what="rejected: $(sed -n "s/.*$page.html: //p" "$TMP/err" | head -1)" ;;
    *) cat "$TMP/err"; fail "$page: exit $rc (crash?)" ;;
    esac
    rss=$(maxrss_kb "$TMP/time")
    [ "$rss" -lt $((400000 + MEM_SLACK_KB)) ] || fail "$page: max RSS $rss kB"
    s=$(sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$TMP/time")
    echo "$page (100,000 levels): $what; max RSS $rss kB, $s"
    timeout 30 "$RAW" ingest --db "$db" "$f" > /dev/null 2>&1
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 3 ] || fail "$page: ingest exit $rc"
done
stored_ids "$db" "$TMP/ids"
grep -qx keep.txt "$TMP/ids" || fail "the stored article was lost"
integrity "$db"
exit 0
