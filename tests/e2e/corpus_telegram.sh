#!/bin/sh
# The whole pipeline on real pages: `storyline cluster --json` on the
# Telegram contest pages (../shared/data/telegram-2019-dev; one day's
# folder under make leakcheck). Under make asan this runs every view
# (summary, timeline, quotes, entities) on thousands of real articles in
# many languages with the sanitizers on. Checks what must hold whatever
# the wording: the run ends with 0 or 3 (some pages rejected), the output
# is valid UTF-8 and valid JSON, every page is in exactly one story or
# rejected with a reason (nothing dropped in silence), every story has a
# headline and well-formed views. Skips (77) when the pages or python3
# are absent.
. tests/e2e_lib.sh
data="$SHARED/data/telegram-2019-dev"
[ -d "$data" ] || skip "$data is absent"
command -v python3 >/dev/null || skip "python3 is absent"
[ -n "$SL_VALGRIND" ] && data="$data/20191108"
"$SL" cluster --json "$data" > "$TMP/out.json" 2> "$TMP/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { tail -5 "$TMP/err" >&2; fail "cluster --json exited $rc"; }
find "$data" -type f | sed 's,.*/,,' | sort > "$TMP/pages"
python3 - "$TMP/out.json" "$TMP/pages" <<'PY' || exit 1
import json, sys
raw = open(sys.argv[1], "rb").read()
try:
    doc = json.loads(raw.decode("utf-8", errors="strict"))
except (UnicodeDecodeError, ValueError) as e:
    print("output is not valid UTF-8 JSON:", e); sys.exit(1)
pages = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
seen = {}
bad = []
for s in doc["stories"]:
    ids = [a if isinstance(a, str) else a["id"] for a in s["articles"]]
    if not ids:
        bad.append("story %s has no articles" % s["id"])
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
    if not s.get("headline"):
        bad.append("story %s has no headline" % s["id"])
    for q in s["quotes"]:
        if not q["text"] or (q["speaker"] is not None and not q["speaker"].strip()):
            bad.append("story %s: malformed quote %r" % (s["id"], q))
    for e in s["entities"]:
        if not e["name"].strip() or e["type"] not in ("person", "organization", "place", "other"):
            bad.append("story %s: malformed entity %r" % (s["id"], e))
    for t in s["timeline"]:
        if not t.get("text"):
            bad.append("story %s: timeline entry without text" % s["id"])
rejected = {}
for r in doc["rejected"]:
    if not r.get("error"):
        bad.append("rejected without a reason: %r" % r)
    rejected[r["source"].rsplit("/", 1)[-1]] = 1
twice = [i for i, n in seen.items() if n > 1]
if twice:
    bad.append("%d pages in two stories, e.g. %s" % (len(twice), twice[0]))
lost = [p for p in pages if p not in seen and p not in rejected]
if lost:
    bad.append("%d pages neither in a story nor rejected, e.g. %s" % (len(lost), lost[0]))
if bad:
    print("\n".join(bad[:10])); sys.exit(1)
print("%d pages: %d in %d stories, %d rejected" % (len(pages), len(seen), len(doc["stories"]), len(rejected)))
PY
