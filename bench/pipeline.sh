# The whole pipeline (read, extract, cluster, store) on the contest pages.
. bench/lib.sh
data="$SHARED/data/telegram-2019-dev"
[ -d "$data" ] || { echo "_pipeline: $data absent, skipped_"; exit 0; }
n=$(find "$data" -name '*.html' | wc -l)
db=$(mktemp -u /tmp/sl-bench-XXXXXX.db)
t_mem=$(median_time taskset -c 0 "$SL" cluster --json "$data")
# every run starts with no database and no index file (FILE-fts, FILE-fts-wal...)
t_db=$(median_time sh -c "rm -f $db $db-*; taskset -c 0 $SL ingest --db $db $data")
rm -f "$db" "$db"-*
hash=$("$SL" cluster --json "$data" 2>/dev/null | sha256sum | cut -c1-12)
echo "## Pipeline: read, extract, cluster (telegram-2019-dev, $n pages)"
echo
echo "| command | median of $RUNS | articles/s |"
echo "|---|---:|---:|"
echo "| \`taskset -c 0 storyline cluster --json $data\` (in memory, views included) | ${t_mem} s | $(awk -v n=$n -v t=$t_mem 'BEGIN {printf "%d", n / t}') |"
echo "| \`taskset -c 0 storyline ingest --db FILE $data\` (stored on disk) | ${t_db} s | $(awk -v n=$n -v t=$t_db 'BEGIN {printf "%d", n / t}') |"
echo
echo "Output hash (sha256 of the \`cluster --json\` output, first 12): \`$hash\`."
