# A story that merged into another stays reachable: the merge is recorded
# with its rule and score, `story` on the old id shows the story it is now
# part of (and says so), the survivor's JSON lists it under "merged", the
# server answers 301 to the survivor, and the old id is never given to a new
# story, even after a reopen.
. tests/e2e_lib.sh
db="$TMP/m.db"
expect 0 "$SL" ingest --db "$db" examples
expect 0 "$SL" stories --db "$db" --json
big=$(json_eval "$TMP/out" "d['stories'][0]['id']")
moved=$(json_eval "$TMP/out" "d['stories'][0]['articles'][-1]")
[ "$(json_eval "$TMP/out" "len(d['stories'][0]['articles'])")" -ge 3 ] || fail "no story to split"
# split one article off into a story of its own, as a stream that saw it
# first might have; the next batch finds it belongs with the others
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
c.execute('UPDATE articles SET story=900 WHERE id=?',(sys.argv[2],)); c.commit()
" "$db" "$moved" || fail "split"
# a batch runs when an article changes: a longer copy of an article of
# another story (no new story, so no id above 900 is taken yet)
other=$(json_eval "$TMP/out" "[a for s in d['stories'][1:] for a in s['articles'] if a.endswith('.txt')][0]")
cp "examples/$other" "$TMP/$other"
printf '\nAn added closing paragraph changes the content of this article.\n' >> "$TMP/$other"
expect 0 "$SL" ingest --db "$db" "$TMP/$other"
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
r=c.execute('SELECT from_story,into_story,rule,score FROM merges').fetchall()
assert any(f==900 and i==int(sys.argv[2]) and rule in ('moved','alike','small') and 0<s<=1
           for f,i,rule,s in r), r
assert c.execute('SELECT count(*) FROM articles WHERE story=900').fetchone()[0]==0
" "$db" "$big" || fail "merge not recorded"
expect 0 "$SL" story --db "$db" 900
grep -q "Story $big" "$TMP/out" || fail "story 900 does not show story $big"
grep -q "story 900 was merged into story $big" "$TMP/err" || fail "no note of the merge"
grep -q "^Merged: story 900 into $big" "$TMP/out" || fail "text lacks the merge"
expect 0 "$SL" story --db "$db" --json 900
json_eval "$TMP/out" "d['id']" | grep -qx "$big" || fail "json of 900 is not story $big"
json_eval "$TMP/out" "[m for m in d['merged'] if m['story']==900 and m['into']==$big][0]['rule']" \
    > "$TMP/rule" || fail "merged lacks 900"
grep -qx "moved\|alike\|small" "$TMP/rule" || fail "rule $(cat "$TMP/rule")"
# ids that ended are never reused: a new story after a reopen gets a higher id
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
assert c.execute('SELECT max(story) FROM articles').fetchone()[0]<900
" "$db" || fail "setup: a live story id above 900"
printf 'Bakery wins pastry prize\n\nA bakery on Mill Street won the county pastry prize on Sunday.\n' > "$TMP/bak.txt"
expect 0 "$SL" ingest --db "$db" "$TMP/bak.txt"
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
s=c.execute('SELECT story FROM articles WHERE id=?',('bak.txt',)).fetchone()[0]
assert s>900, s
" "$db" || fail "a new story reused an id at or below 900"
expect 1 "$SL" story --db "$db" 901000
# the server sends a client holding the old id to the story it is part of
command -v curl >/dev/null 2>&1 || exit 0
TMPD=$TMP
. tests/server/lib.sh
start_server "$db" || fail "server did not start"
wait_ready || fail "server not ready"
req GET /stories/900
stop_server
[ "$CODE" = 301 ] || fail "GET /stories/900 answered $CODE"
grep -qi "^Location: /stories/$big" "$TMP/headers" || fail "no Location header"
grep -q "\"story\":$big" "$TMP/body" || fail "301 body lacks the story"
exit 0
