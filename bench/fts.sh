# The search index's tokenizer (src/fts_tokenizer.c) on every stored title
# and text of the contest pages: bench/fts_check checks that its fast path
# gives the reference loop's tokens and offsets, and times both (processor
# time of one pass each; the median of $RUNS runs).
. bench/lib.sh
data="$SHARED/data/telegram-2019-dev"
[ -d "$data" ] || { echo "_fts: $data absent, skipped_"; exit 0; }
db=$(mktemp -u /tmp/sl-bench-XXXXXX.db)
"$SL" ingest --db "$db" "$data" >/dev/null 2>&1
check="$PWD/$BUILD/bench/fts_check"
runs=$(for i in $(seq "$RUNS"); do taskset -c 0 "$check" "$db" || exit 1; done)
status=$?
rm -f "$db" "$db"-*
[ $status -eq 0 ] || { echo "_fts: the fast path's tokens differ_"; exit 1; }
med() { echo "$runs" | sed -n "s/.*$1 \([0-9.]*\) s.*/\1/p" | sort -n |
        awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'; }
echo "## Search tokenizer (telegram-2019-dev, every stored title and text)"
echo
echo "$runs" | head -1 | sed 's/;.*//'
echo
echo "| \`taskset -c 0 fts_check DB\` | median of $RUNS |"
echo "|---|---:|"
echo "| \`sl_fts_tokens\` (the tokenizer) | $(med fast) s |"
echo "| \`sl_fts_tokens_ref\` (the plain loop it is checked against) | $(med reference) s |"
