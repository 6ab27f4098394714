# ingest persists; a second ingest of the same inputs changes nothing;
# stories/story/why read the database.
. tests/e2e_lib.sh
db="$TMP/s.db"
expect 0 "$SL" ingest --db "$db" examples
sum1=$(python3 -c "
import sqlite3,sys,hashlib
c=sqlite3.connect(sys.argv[1]); print(hashlib.sha256('\n'.join(c.iterdump()).encode()).hexdigest())" "$db")
file1=$(sha256sum "$db" | cut -d' ' -f1)
expect 0 "$SL" ingest --db "$db" examples
sum2=$(python3 -c "
import sqlite3,sys,hashlib
c=sqlite3.connect(sys.argv[1]); print(hashlib.sha256('\n'.join(c.iterdump()).encode()).hexdigest())" "$db")
file2=$(sha256sum "$db" | cut -d' ' -f1)
[ "$sum1" = "$sum2" ] || fail "second ingest changed the database content"
[ "$file1" = "$file2" ] || fail "second ingest rewrote the database file"
expect 0 "$SL" stories --db "$db" --json
json_eval "$TMP/out" "len(d['stories'])" > "$TMP/n"
[ "$(cat "$TMP/n")" -ge 1 ] || fail "no stories"
id=$(json_eval "$TMP/out" "d['stories'][0]['id']")
a=$(json_eval "$TMP/out" "d['stories'][0]['articles'][0]")
expect 0 "$SL" story --db "$db" --json "$id"
json_eval "$TMP/out" "d['id']" | grep -qx "$id" || fail "story id"
expect 0 "$SL" story --db "$db" "$id"
grep -q "Story $id" "$TMP/out" || fail "story text"
expect 1 "$SL" story --db "$db" 999999
expect 0 "$SL" why --db "$db" "$a" "$a"
grep -q '"same_story":true' "$TMP/out" || fail "why same article"
expect 1 "$SL" why --db "$db" "$a" no-such-article
# replacing an article with new content reclusters it
f=$(ls examples/*.txt | head -1)
cp "$f" "$TMP/$(basename "$f")"
printf '\nAn added closing paragraph changes the content of this article.\n' >> "$TMP/$(basename "$f")"
expect 0 "$SL" ingest --db "$db" "$TMP/$(basename "$f")"
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
t=c.execute('select text from articles where id=?',(sys.argv[2],)).fetchone()[0]
assert 'added closing paragraph' in t
assert c.execute('PRAGMA integrity_check').fetchone()[0]=='ok'
" "$db" "$(basename "$f")" || fail "replace"
exit 0
