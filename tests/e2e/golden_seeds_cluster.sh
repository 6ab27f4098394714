#!/bin/sh
# Golden test of the story engine on the three seed articles: Putin's
# telegrams to Biden (000, 001: one event, Dec 2020) and to Trump (004: the
# same kind of event, Nov 2016) make exactly two stories, linked as related;
# `storyline why` on 000 and 001 (after ingest) says same_story true, with
# the chain that links them; on 000 and 004, false, with no chain.
# Skips (77) when ../shared is absent.
BUILD=${BUILD:-build}
SEEDS=${SL_SHARED:-../shared}/seeds
[ -d "$SEEDS" ] || { echo "skip: $SEEDS is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is absent"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$BUILD/storyline" cluster --json "$SEEDS" > "$tmp/out.json" || { echo "cluster failed"; exit 1; }
python3 - "$tmp/out.json" <<'PY' || exit 1
import json, sys
stories = json.load(open(sys.argv[1]))["stories"]
groups = sorted(sorted(a[:3] for a in s["articles"]) for s in stories)
if groups != [["000", "001"], ["004"]]:
    sys.exit("expected {000,001},{004}; got %s" % groups)
ids = {s["id"]: sorted(a[:3] for a in s["articles"]) for s in stories}
for s in stories:
    other = [i for i in ids if i != s["id"]][0]
    rel = [r for r in s["related"] if r["story"] == other]
    if not rel:
        sys.exit("story %s is not linked to %s" % (s["id"], other))
    if "Putin" not in rel[0]["reason"]:
        sys.exit("related reason does not name Putin: %s" % rel[0]["reason"])
    # each shared name once: no name that begins with another listed one
    # (a country and its people), no possessive
    names = rel[0]["reason"].split(";")[0].split(":", 1)[1].split(",")
    names = [n.strip().lower() for n in names]
    for n in names:
        if n.endswith("'s") or n.endswith("\u2019s"):
            sys.exit("related reason lists a possessive: %s" % rel[0]["reason"])
        if any(m != n and len(m) >= 4 and n.startswith(m[:-1]) for m in names):
            sys.exit("related reason lists one name twice: %s" % rel[0]["reason"])
print("seeds: %s, related both ways" % groups)
PY
"$BUILD/storyline" ingest --db "$tmp/s.db" "$SEEDS" > /dev/null || { echo "ingest failed"; exit 1; }
why=$("$BUILD/storyline" why --db "$tmp/s.db" 000_19279ecd0e6b9f34.txt 001_32a4bd50f07827a6.txt) ||
    { echo "why failed"; exit 1; }
echo "$why" | grep -q '"same_story":true' || { echo "why 000 001: $why"; exit 1; }
# the chain that links them: the two themselves, by their pair score
echo "$why" | python3 -c '
import json, sys
w = json.load(sys.stdin)
ch = w["chain"]
assert ch["articles"] == ["000_19279ecd0e6b9f34.txt", "001_32a4bd50f07827a6.txt"], ch
assert len(ch["scores"]) == 1 and abs(ch["scores"][0] - w["pair"]["score"]) < 1e-4, ch
assert ch["weakest"] == ch["scores"][0] and isinstance(w["merges"], list), w
' || { echo "why 000 001 chain: $why"; exit 1; }
why=$("$BUILD/storyline" why --db "$tmp/s.db" 000_19279ecd0e6b9f34.txt 004_9a209ee151e1fd51.txt) ||
    { echo "why failed"; exit 1; }
echo "$why" | grep -q '"same_story":false' || { echo "why 000 004: $why"; exit 1; }
echo "$why" | python3 -c '
import json, sys
w = json.load(sys.stdin)
assert w["chain"] is None and w["merges"] == [], w
' || { echo "why 000 004 chain: $why"; exit 1; }
echo "ok"
