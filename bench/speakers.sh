# Story views by the language of the story's first article, on the
# Telegram pages: quotes with a speaker, entity types, timeline entries,
# and summary sentences that open in lower case (a fragment the sentence
# split cut off). What the story views give readers of each language (no
# labels: coverage, not correctness; BENCHMARKS' hand sections read
# samples).
. bench/lib.sh
data="$SHARED/data/telegram-2019-dev"
[ -d "$data" ] || { echo "_speakers: $data absent, skipped_"; exit 0; }
command -v python3 >/dev/null || { echo "_speakers: python3 absent, skipped_"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SL" cluster --json "$data" > "$tmp/stories.json" 2>/dev/null
"$SL" extract --json "$data" > "$tmp/articles.jsonl" 2>/dev/null
echo "## Story views by language: quote speakers, entity types, timelines (telegram-2019-dev)"
echo
echo "\`storyline cluster --json\` on the pages, each story's language from \`storyline extract --json\` (its first article's):"
echo
python3 - "$tmp/stories.json" "$tmp/articles.jsonl" <<'PY'
import collections, json, sys, unicodedata
lang = {}
for line in open(sys.argv[2], encoding="utf-8"):
    a = json.loads(line)
    lang[a["id"]] = a.get("lang") or "?"
quotes, spoken, ents = collections.Counter(), collections.Counter(), collections.Counter()
stories, timeline, sents, lower = (collections.Counter() for _ in range(4))
types = collections.defaultdict(collections.Counter)
for s in json.load(open(sys.argv[1], encoding="utf-8"))["stories"]:
    l = lang.get(s["articles"][0], "?")
    stories[l] += 1
    timeline[l] += len(s["timeline"])
    for x in s["summary"]:
        sents[l] += 1
        lower[l] += bool(x["text"]) and unicodedata.category(x["text"][0]) == "Ll"
    for q in s["quotes"]:
        quotes[l] += 1
        spoken[l] += q["speaker"] is not None
    for e in s["entities"]:
        ents[l] += 1
        types[l][e["type"]] += 1
print("| language | stories | quotes | with a speaker | entities | person | organization | place | "
      "other | timeline entries | summary sentences in lower case |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for l, n in quotes.most_common(9):
    t = types[l]
    print(f"| {l} | {stories[l]} | {n} | {spoken[l]} ({100 * spoken[l] / n:.0f}%) | {ents[l]} | "
          f"{t['person']} | {t['organization']} | {t['place']} | {t['other']} | {timeline[l]} | "
          f"{lower[l]} of {sents[l]} |")
PY
