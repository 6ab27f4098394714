# Hostile input: a 200 MB line without a newline, as a plain-text file, as
# a .jsonl file and on standard input. Each is rejected as over the size
# limit, quickly and in bounded memory (the reader stops at the limit, it
# does not hold the whole line), and an article already in the database
# survives the failed ingest.
. tests/e2e_lib.sh
. tests/hostile/lib.sh
command -v /usr/bin/time > /dev/null || skip "/usr/bin/time is absent"
big="$TMP/big.txt"
# 200 MB of words and no newline, made on the fly (never committed); the
# same file is also linked as big.jsonl
yes 'storm harbour ferry wind ' | tr -d '\n' | head -c 200000000 > "$big"
[ "$(wc -c < "$big")" -eq 200000000 ] || fail "could not make the 200 MB file"
ln "$big" "$TMP/big.jsonl" || fail "link"
db="$TMP/s.db"
good_article "$TMP/keep.txt" 1
expect 0 "$SL" ingest --db "$db" "$TMP/keep.txt"

# the file: rejected by size, before reading it
expect 3 timeout 30 "$RAW" ingest --db "$db" "$big"
grep -q "big.txt.*over the size limit" "$TMP/err" || { cat "$TMP/err"; fail "file not rejected as over the size limit"; }
stored_ids "$db" "$TMP/ids"
grep -qx keep.txt "$TMP/ids" || fail "the stored article was lost"
integrity "$db"

# the same bytes named .jsonl: streamed, the one line rejected by size,
# memory stays near the limit (32 MiB) instead of 200 MB
/usr/bin/time -v -o "$TMP/time1" timeout 60 "$RAW" ingest --db "$db" "$TMP/big.jsonl" \
    > "$TMP/out" 2> "$TMP/err"
rc=$?
[ $rc -eq 3 ] || { cat "$TMP/err"; fail "big.jsonl: exit $rc, wanted 3"; }
grep -q "big.jsonl:1: line of 200000000 bytes is over the limit" "$TMP/err" ||
    { cat "$TMP/err"; fail "big.jsonl not rejected with its line number"; }
rss=$(maxrss_kb "$TMP/time1")
[ "$rss" -lt $((160000 + MEM_SLACK_KB)) ] || fail "big.jsonl: max RSS $rss kB"
echo "200 MB .jsonl line: rejected, max RSS $rss kB"
# extract reports the same rejection
timeout 60 "$RAW" extract --json "$TMP/big.jsonl" > "$TMP/out" 2> "$TMP/err"
rc=$?
if [ $rc -gt 128 ] || grep -q "Sanitizer" "$TMP/err"; then
    known_bug cli-1 "storyline extract crashes (exit $rc) on a rejection by the reader"
else
    [ $rc -eq 3 ] || { cat "$TMP/err"; fail "extract big.jsonl: exit $rc, wanted 3"; }
    grep -q "big.jsonl:1: line of 200000000 bytes" "$TMP/err" || fail "extract: no rejection"
    [ -s "$TMP/out" ] && fail "extract big.jsonl produced output"
fi

# standard input: read up to the limit, then rejected
/usr/bin/time -v -o "$TMP/time2" timeout 60 sh -c "cat '$TMP/big.jsonl' | '$RAW' ingest --db '$db' -" \
    > "$TMP/out" 2> "$TMP/err"
rc=$?
[ $rc -eq 3 ] || { cat "$TMP/err"; fail "stdin: exit $rc, wanted 3"; }
grep -q "rejected -: .*over the size limit" "$TMP/err" || { cat "$TMP/err"; fail "stdin not rejected as over the size limit"; }
rss=$(maxrss_kb "$TMP/time2")
[ "$rss" -lt $((160000 + MEM_SLACK_KB)) ] || fail "stdin: max RSS $rss kB"
echo "200 MB line on stdin: rejected, max RSS $rss kB"
stored_ids "$db" "$TMP/ids"
grep -qx keep.txt "$TMP/ids" || fail "the stored article was lost"
integrity "$db"
finish
