# Hostile input: a gzip bomb, 1 GiB of zeros (and of spaces) in a 1 MB
# gzip stream, as a .gz file, as .jsonl.gz and on standard input. Each is
# rejected "decompressed size is over the limit" quickly and in bounded
# memory (inflation stops at the limit), and an article already in the
# database survives.
. tests/e2e_lib.sh
. tests/hostile/lib.sh
command -v /usr/bin/time > /dev/null || skip "/usr/bin/time is absent"
python3 tests/hostile/gzbomb.py 1024 > "$TMP/zeros.txt.gz" || fail "gzbomb.py"
python3 tests/hostile/gzbomb.py 1024 32 > "$TMP/spaces.jsonl.gz" || fail "gzbomb.py"
[ "$(wc -c < "$TMP/zeros.txt.gz")" -lt 2000000 ] || fail "the bomb is not small"
db="$TMP/s.db"
good_article "$TMP/keep.txt" 1
expect 0 "$SL" ingest --db "$db" "$TMP/keep.txt"

# bomb BOMB SOURCE: ingests a bomb (a path, or "-" reading BOMB from
# standard input) and checks it is rejected in bounded time and memory.
bomb() {
    /usr/bin/time -v -o "$TMP/time" timeout 60 sh -c "'$RAW' ingest --db '$db' '$2' < '$1'" \
        > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc -eq 3 ] || { cat "$TMP/err"; fail "$2: exit $rc, wanted 3 (rejected)"; }
    grep -q "rejected .*$(basename "$2"): decompressed size is over the limit" "$TMP/err" ||
        { cat "$TMP/err"; fail "$2 not rejected as a bomb"; }
    rss=$(maxrss_kb "$TMP/time")
    [ "$rss" -lt $((160000 + MEM_SLACK_KB)) ] || fail "$2: max RSS $rss kB"
    s=$(sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$TMP/time")
    echo "gzip bomb $2: rejected, max RSS $rss kB, $s"
}
bomb "$TMP/zeros.txt.gz" "$TMP/zeros.txt.gz"
bomb "$TMP/spaces.jsonl.gz" "$TMP/spaces.jsonl.gz"
bomb "$TMP/zeros.txt.gz" -
# a lower --max-bytes is the limit that counts
expect 3 timeout 60 "$RAW" ingest --db "$db" --max-bytes 2000000 "$TMP/spaces.jsonl.gz"
grep -q "over the limit of 2000000 bytes" "$TMP/err" || { cat "$TMP/err"; fail "--max-bytes not applied"; }
# a small gzip file under the limit is still read
good_article "$TMP/small.txt" 2
gzip -c "$TMP/small.txt" > "$TMP/small.txt.gz"
expect 0 "$SL" ingest --db "$db" "$TMP/small.txt.gz"
stored_ids "$db" "$TMP/ids"
grep -qx keep.txt "$TMP/ids" || fail "the stored article was lost"
grep -qx small.txt "$TMP/ids" || fail "a small .gz was not read"
integrity "$db"
exit 0
