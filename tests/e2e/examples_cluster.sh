# examples_cluster: clusters the project's own example corpus (examples/)
# and scores it against tests/golden/examples-gold.tsv with ../shared/eval/cluster_score.py.
#
# Passes when every accepted article appears in exactly one story, no
# article appears that is not in gold.tsv, and pairwise F1 >= 0.8 (set
# SL_EXAMPLES_MIN_F1 to try another bar). Rejected articles are listed but
# are not a failure on their own: they count as singletons in the score.
# Skips (77) without python3 or the shared scorer.
#
BUILD=${BUILD:-build}
SL="$PWD/$BUILD/storyline"
SHARED=${SL_SHARED:-../shared}
SCORER="$SHARED/eval/cluster_score.py"
GOLD=tests/golden/examples-gold.tsv
MIN_F1=${SL_EXAMPLES_MIN_F1:-0.8}

command -v python3 >/dev/null 2>&1 || { echo "python3 is absent"; exit 77; }
[ -f "$SCORER" ] || { echo "$SCORER is absent"; exit 77; }
[ -x "$SL" ] || { echo "FAIL: $SL is not built"; exit 1; }
[ -f "$GOLD" ] || { echo "FAIL: $GOLD is missing"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sl-examples.XXXXXX")
[ -n "$KEEP" ] || trap 'rm -rf "$TMP"' EXIT

"$SL" cluster --json examples >"$TMP/pred.json" 2>"$TMP/err"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    cat "$TMP/err"
    echo "FAIL: storyline cluster exited $rc"
    exit 1
fi

# Each accepted article exactly once, nothing unknown; rejects listed.
python3 - "$TMP/pred.json" "$GOLD" <<'EOF' || exit 1
import json, sys
pred = json.load(open(sys.argv[1]))
gold = [l.split("\t")[0] for l in open(sys.argv[2]) if l.strip()]
seen = {}
for s in pred["stories"]:
    for a in s["articles"]:
        a = a["id"] if isinstance(a, dict) else a
        seen[a] = seen.get(a, 0) + 1
bad = [a for a, n in seen.items() if n != 1]
unknown = [a for a in seen if a not in gold]
rejected = pred.get("rejected", [])
missing = [g for g in gold if g not in seen]
print("stories %d, articles placed %d of %d, rejected %d"
      % (len(pred["stories"]), len(seen), len(gold), len(rejected)))
for r in rejected:
    print("  rejected %s: %s" % (r.get("source"), r.get("error")))
if missing and len(missing) > len(rejected):
    print("FAIL: accepted but in no story: %s" % ", ".join(missing))
    sys.exit(1)
if bad:
    print("FAIL: in more than one story: %s" % ", ".join(bad))
    sys.exit(1)
if unknown:
    print("FAIL: ids not in gold.tsv: %s" % ", ".join(unknown))
    sys.exit(1)
EOF

python3 "$SCORER" "$GOLD" "$TMP/pred.json" >"$TMP/score" || { cat "$TMP/score"; exit 1; }
cat "$TMP/score"
f1=$(tail -1 "$TMP/score" | tr ' ' '\n' | sed -n 's/^pairwise_f1=//p')
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)" \
    "$f1" "$MIN_F1" || { echo "FAIL: pairwise F1 $f1 < $MIN_F1"; exit 1; }
echo "pairwise F1 $f1 >= $MIN_F1"
exit 0
