# Bad input: each bad item is rejected with a message naming it and the
# reason, and everything else is still processed (exit code 3).
. tests/e2e_lib.sh
in="$TMP/in"; mkdir -p "$in"
good="Storm closes harbour for two days

Heavy winds closed the harbour of the town on Monday, officials said. Ferries
stayed in port and the coast guard warned boats to keep away from the piers.

The harbour master said it would reopen on Wednesday if the wind dropped."
printf '%s\n' "$good" > "$in/a_good.txt"
printf '\000\001\002\003binary\000\000\377\376\000\001' > "$in/b_binary.bin"
: > "$in/c_empty.txt"
head -c 3000 /dev/zero | tr '\0' 'x' > "$in/d_big.txt"
ln -s "$in/loop1" "$in/loop2"; ln -s "$in/loop2" "$in/loop1"
ln -s "$in/nowhere" "$in/e_dangling.txt"
printf '{"id":"j1","text":"%s"}\n{"id":"j2", broken\n{"id":"j3","text":"Second line of the stream holds a whole article about the harbour reopening on Wednesday."}\n' \
    "The council met on Tuesday and voted to rebuild the harbour wall before winter." > "$in/f_stream.jsonl"
printf '<html><head><script>var a=1;</script></head><body><div><span></span></div></body></html>' > "$in/g_markup.html"
printf 'Caf\303 invalid \377 bytes and a NUL \000 in the middle of a sentence about the harbour.\n\nThe rest of the article is fine and long enough to be text.\n' > "$in/h_badutf8.txt"
if [ "$(id -u)" -ne 0 ]; then
    printf 'secret\n' > "$in/i_unreadable.txt"; chmod 000 "$in/i_unreadable.txt"
fi

expect 3 "$SL" cluster --json --max-bytes 2048 "$in"
out="$TMP/out"; err="$TMP/err"
python3 - "$out" <<'PY' || fail "JSON output"
import json, sys
d = json.load(open(sys.argv[1]))
ids = [a for s in d["stories"] for a in s["articles"]]
assert len(ids) == len(set(ids)), "an article is in two stories"
for want in ["a_good.txt", "j1", "j3", "h_badutf8.txt"]:
    assert want in ids, want + " missing"
rej = {r["source"].rsplit("/", 1)[-1]: r["error"] for r in d["rejected"]}
print(rej)
assert "binary" in rej["b_binary.bin"]
assert "empty" in rej["c_empty.txt"]
assert "limit" in rej["d_big.txt"]
assert "loop" in rej.get("loop1", "") and "loop" in rej.get("loop2", "")
assert "e_dangling.txt" in rej
assert "f_stream.jsonl:2" in rej and "JSON" in rej["f_stream.jsonl:2"]
assert "g_markup.html" in rej
PY
grep -q "b_binary.bin" "$err" || fail "rejections not on stderr"
# invalid UTF-8 and NUL repaired to U+FFFD
"$SL" extract --json "$in/h_badutf8.txt" > "$TMP/x.json" || fail "extract"
python3 -c "
import json,sys
d=json.loads(open(sys.argv[1]).readline())
t=(d['title'] or '')+d['text']
assert t.count('\ufffd') == 3 and '\x00' not in t, t
" "$TMP/x.json" || fail "UTF-8 repair"
# extract reports the reader's rejects too (binary, empty, too big)
expect 3 "$SL" extract --json --max-bytes 2048 "$in/b_binary.bin" "$in/c_empty.txt" "$in/d_big.txt" "$in/a_good.txt"
[ "$(grep -c . "$TMP/out")" -eq 1 ] || fail "extract output"
[ "$(grep -c rejected "$TMP/err")" -eq 3 ] || fail "extract rejects"
# a page libxml2 cannot decode: one reject line, nothing else on stderr
# (finding html-2: libxml2 printed "encoding error" lines there)
cp tests/fuzz/corpus/fuzz_html/html-2-libxml2-stderr "$TMP/enc.html"
"$SL" extract "$TMP/enc.html" > /dev/null 2> "$TMP/enc.err"
[ "$(wc -l < "$TMP/enc.err")" -eq 1 ] && grep -q "rejected .*enc.html" "$TMP/enc.err" ||
    fail "stderr: $(cat "$TMP/enc.err")"
# standard input
printf '%s\n' "$good" | "$SL" cluster --json - > "$TMP/stdin.json" || fail "stdin"
grep -q '"articles":\["-"\]' "$TMP/stdin.json" || fail "stdin article id"
exit 0
