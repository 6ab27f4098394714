#!/bin/sh
# Golden test of the story views through the CLI: `storyline cluster --json`
# on ../shared/seeds; the story holding seed 000 (Putin congratulates
# Biden) must, when it also holds 001, show Putin's statement on
# Russian-American cooperation as one quote citing both articles, a
# timeline with the Nov. 3 vote, the Electoral College meeting and the
# congratulation, and the expected entities. Facts are checked, not
# wording. Skips (77) without ../shared or python3, or when clustering
# keeps 000 and 001 apart (then tests/unit/test_views_seeds.c still
# checks the views on the pair).
BUILD=${BUILD:-build}
SEEDS=${SL_SHARED:-../shared}/seeds
[ -d "$SEEDS" ] || { echo "no $SEEDS"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$BUILD/storyline" cluster --json "$SEEDS" > "$out" 2>/dev/null
[ -s "$out" ] || { echo "no output from storyline cluster --json"; exit 1; }
python3 - "$out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
def ids(s):
    return [a if isinstance(a, str) else a.get("id") for a in s["articles"]]
story = next((s for s in doc["stories"] if any(i.startswith("000") for i in ids(s))), None)
if story is None:
    print("seed 000 is in no story"); sys.exit(1)
a000 = next(i for i in ids(story) if i.startswith("000"))
a001 = next((i for i in ids(story) if i.startswith("001")), None)
if a001 is None:
    print("clustering keeps 000 and 001 apart"); sys.exit(77)
fail = []
qs = [q for q in story["quotes"] if "Russian-American cooperation" in q["text"]]
if len(qs) != 1:
    fail.append("want one grouped cooperation quote, got %d" % len(qs))
elif not (a000 in qs[0]["articles"] and a001 in qs[0]["articles"]):
    fail.append("cooperation quote does not cite both: %s" % qs[0]["articles"])
elif "Putin" not in (qs[0]["speaker"] or ""):
    fail.append("cooperation quote speaker: %r" % qs[0]["speaker"])
tl = story["timeline"]
if not any("Nov. 3" in e["text"] and (e["date"] or "").endswith("11-03") for e in tl):
    fail.append("no Nov. 3 vote in the timeline")
if not any("306" in e["text"] and "Electoral College" in e["text"] for e in tl):
    fail.append("no Electoral College meeting in the timeline")
if not any("Tuesday" in (e.get("phrase") or "") + e["text"] and
           ("telegram" in e["text"] or "congratulat" in e["text"]) for e in tl):
    fail.append("no congratulation/telegram in the timeline")
for e in tl:
    for k in ("date", "precision", "text", "article"):
        if k not in e: fail.append("timeline entry without %s" % k)
names = {e["name"]: e for e in story["entities"]}
for want in ("Vladimir Putin", "Joe Biden", "Donald Trump", "Electoral College"):
    if want not in names: fail.append("entity missing: " + want)
if not any("Kremlin" in n for n in names):
    fail.append("entity missing: Kremlin")
if names.get("Vladimir Putin", {}).get("type") != "person":
    fail.append("Vladimir Putin is not a person")
if not story["summary"] or not all(s.get("article") in ids(story) for s in story["summary"]):
    fail.append("summary empty or cites unknown articles")
if fail:
    print("\n".join(fail)); sys.exit(1)
print("ok")
PY
