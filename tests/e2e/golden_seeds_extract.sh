# Golden test of cleaning on the seeds: `storyline extract --json
# ../shared/seeds` gives the expected titles and cleaned texts. The repo
# keeps no seed text: tests/golden/seeds-extract.tsv holds, per article,
# the title, the sha256 of the cleaned text and its word count. Property
# checks say what is wrong when the hash moves: no site chrome, captions,
# credits, URLs or embed notices left, no sentence twice, every paragraph
# ends a sentence (hard wraps joined). After a deliberate change, review
# the output and regenerate the file with SL_GOLDEN_UPDATE=1.
. tests/e2e_lib.sh
need_shared
"$SL" extract --json "$SHARED/seeds" > "$TMP/seeds.jsonl" || fail "extract"
python3 - "$TMP/seeds.jsonl" tests/golden/seeds-extract.tsv "${SL_GOLDEN_UPDATE:-}" <<'PY' || fail "golden"
import hashlib, json, re, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
if sys.argv[3]:
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        for d in docs:
            t = d["text"]
            f.write("\t".join([d["id"], d["title"] or "", hashlib.sha256(t.encode()).hexdigest(),
                               str(len(t.split()))]) + "\n")
    sys.exit(0)
gold = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")}
assert len(docs) == len(gold), "article count"
chrome = re.compile(r"IE 11|not supported|Download the|Image via|Image:|View this video|"
                    r"Related article|Latest in|https?://|\w+ / [A-Z]\w+", re.I)
bad = []
for d in docs:
    g = gold[d["id"]]
    t = d["text"]
    if d["title"] != g[1]:
        bad.append("%s: title %r, expected %r" % (d["id"], d["title"], g[1]))
    for p in t.split("\n\n"):
        if chrome.search(p):
            bad.append("%s: chrome left: %r" % (d["id"], p[:80]))
        if not re.search(r"[.!?…:\"”’)]$", p.strip()):
            bad.append("%s: paragraph does not end a sentence: %r" % (d["id"], p[-60:]))
    sents = [s.strip() for s in re.split(r"(?<=[.!?”])\s+", t) if len(s.split()) > 5]
    dup = {s for s in sents if sents.count(s) > 1}
    if dup:
        bad.append("%s: sentences twice: %r" % (d["id"], sorted(dup)[:2]))
    if hashlib.sha256(t.encode()).hexdigest() != g[2]:
        bad.append("%s: cleaned text changed (%d words, golden %s); review it, then "
                   "SL_GOLDEN_UPDATE=1" % (d["id"], len(t.split()), g[3]))
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("seeds match their golden titles and texts")
PY
exit 0
