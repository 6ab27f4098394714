# Hostile input: a JSON Lines stream whose second line is a 50 MB object.
# That line is rejected with its line number ("NAME:2 ... over the
# limit"), the lines around it are accepted, from a file and from standard
# input, and an article already in the database survives.
. tests/e2e_lib.sh
. tests/hostile/lib.sh
f="$TMP/feed.jsonl"
python3 - "$f" <<'PY' || fail "generator"
import json, sys
good = 'The council met on %s and voted to rebuild the harbour wall before winter, officials said.'
with open(sys.argv[1], 'w') as f:
    f.write(json.dumps({'id': 'j1', 'text': good % 'Tuesday'}) + '\n')
    f.write('{"id":"j2","text":"' + 'storm ' * (50 * 1000 * 1000 // 6) + '"}\n')
    f.write(json.dumps({'id': 'j3', 'text': good % 'Friday'}) + '\n')
PY
[ "$(wc -c < "$f")" -gt 50000000 ] || fail "line 2 is not 50 MB"
db="$TMP/s.db"
good_article "$TMP/keep.txt" 1
expect 0 "$SL" ingest --db "$db" "$TMP/keep.txt"

expect 3 timeout 60 "$RAW" ingest --db "$db" "$f"
grep -q "rejected .*feed.jsonl:2: line of 5[0-9]* bytes is over the limit" "$TMP/err" ||
    { cat "$TMP/err"; fail "line 2 not rejected with its number"; }
[ "$(grep -c rejected "$TMP/err")" -eq 1 ] || { cat "$TMP/err"; fail "more than line 2 rejected"; }
stored_ids "$db" "$TMP/ids"
for id in keep.txt j1 j3; do grep -qx "$id" "$TMP/ids" || fail "$id missing"; done
grep -qx j2 "$TMP/ids" && fail "the 50 MB line was stored"
integrity "$db"

# standard input, through cluster --json
timeout 60 sh -c "'$RAW' cluster --json - < '$f'" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 3 ] || { cat "$TMP/err"; fail "stdin: wanted exit 3"; }
python3 - "$TMP/out" <<'PY' || fail "stdin: JSON output"
import json, sys
d = json.load(open(sys.argv[1]))
ids = sorted(a for s in d['stories'] for a in s['articles'])
assert ids == ['j1', 'j3'], ids
rej = d['rejected']
assert len(rej) == 1 and rej[0]['source'] == '-:2' and 'over the limit' in rej[0]['error'], rej
PY
# a lower --max-bytes: the same line numbering
printf '{"id":"k1","text":"A short line about the harbour reopening after the storm."}\n{"id":"k2","text":"%s"}\n' \
    "$(head -c 3000 /dev/zero | tr '\0' 'w')" > "$TMP/small.jsonl"
timeout 60 "$RAW" cluster --json --max-bytes 2000 "$TMP/small.jsonl" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 3 ] || fail "--max-bytes: wanted exit 3"
grep -q "small.jsonl:2: line of 30[0-9][0-9] bytes is over the limit of 2000" "$TMP/err" ||
    { cat "$TMP/err"; fail "--max-bytes line not rejected"; }
grep -q '"k1"' "$TMP/out" || fail "--max-bytes: line 1 lost"
exit 0
