#!/bin/sh
# Golden test for plain-text cleaning: extracts the seed articles
# (../shared/seeds, or $SL_SHARED/seeds) with `storyline extract --json`
# and compares each article's title and cleaned text with
# tests/golden/seeds/<file>.expected (first line the title, a blank line,
# then the text). Skips (77) when the shared folder is absent.
BUILD=${BUILD:-build}
SHARED=${SL_SHARED:-../shared}
[ -d "$SHARED/seeds" ] || { echo "skip: $SHARED/seeds is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is absent"; exit 77; }
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
"$BUILD/storyline" extract --json "$SHARED/seeds" > "$out/all.jsonl" || { echo "extract failed"; exit 1; }
python3 - "$out" <<'PY' || exit 1
import json, os, sys
out = sys.argv[1]
n = 0
for line in open(os.path.join(out, "all.jsonl"), encoding="utf-8"):
    d = json.loads(line)
    name = os.path.basename(d["id"])
    with open(os.path.join(out, name + ".expected"), "w", encoding="utf-8") as f:
        f.write((d.get("title") or "") + "\n\n" + (d.get("text") or "") + "\n")
    n += 1
if n == 0:
    sys.exit("no article extracted")
PY
status=0
for g in tests/golden/seeds/*.expected; do
    name=$(basename "$g")
    if [ ! -f "$out/$name" ]; then
        echo "missing output for $name"; status=1; continue
    fi
    if ! diff -u "$g" "$out/$name"; then
        echo "golden mismatch: $name"; status=1
    fi
done
[ $status -eq 0 ] && echo "seeds match their golden files"
exit $status
