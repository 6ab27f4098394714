# The plain-text path (JSON Lines reader, text cleaner, language): the
# contest pages' extracted texts, written by storyline's own
# `extract --json` and read back as JSON Lines, extracted again.
. bench/lib.sh
data="$SHARED/data/telegram-2019-dev"
[ -d "$data" ] || { echo "_text: $data absent, skipped_"; exit 0; }
in=$(mktemp /tmp/sl-bench-XXXXXX.jsonl)
"$SL" extract --json "$data" > "$in" 2>/dev/null
n=$(wc -l < "$in")
t=$(median_time taskset -c 0 "$SL" extract --json "$in")
hash=$("$SL" extract --json "$in" 2>/dev/null | sha256sum | cut -c1-12)
rm -f "$in"
echo "## Plain text: clean articles given as JSON Lines ($n articles)"
echo
echo "| command | median of $RUNS | articles/s |"
echo "|---|---:|---:|"
echo "| \`taskset -c 0 storyline extract --json FILE\`, FILE = \`storyline extract --json $data\` | ${t} s | $(awk -v n=$n -v t=$t 'BEGIN {printf "%d", n / t}') |"
echo
echo "Output hash (sha256 of the second \`extract --json\` output, first 12): \`$hash\`."
