#!/bin/sh
# Cost of the story views on the Telegram 2019 dev sample: each run of
# `storyline cluster --json --timings` measures, in the same process, the
# processor time spent making every view of every story (summary,
# timeline, quotes, entities: sl_story_json after the headline, which every
# output has) and the processor time of everything else the command did.
# The views' share on top of the rest is the median over RUNS (default 7)
# runs (goal: <= 30%). Measuring both parts in one run keeps a change in
# the machine's load from weighing on one side only. Two pipelines:
#   stored:    `storyline cluster --json --db FILE` (read, extract, cluster,
#              store with the full-text index: the whole pipeline of issue 4)
#   in memory: `storyline cluster --json` (an in-memory store, no index)
#   sh bench/views.sh [DIR]     default: ../shared/data/telegram-2019-dev (all of it)
# Exits 77 when the data is absent. Prints a hash of the JSON so a speed-up
# that changes the views shows.
BUILD=${BUILD:-build}
DIR=${1:-${SL_SHARED:-../shared}/data/telegram-2019-dev}
RUNS=${RUNS:-7}
[ -d "$DIR" ] || { echo "no $DIR"; exit 77; }
BIN=$BUILD/storyline
DB=$(mktemp -u /tmp/sl-views-XXXXXX.db)
trap 'rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-fts" "$DB-fts-wal" "$DB-fts-shm"' EXIT INT TERM
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# one run: prints "views rest share" from the --timings line
run() {
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-fts" "$DB-fts-wal" "$DB-fts-shm"
    "$BIN" cluster --json --timings "$@" "$DIR" 2>&1 >/dev/null |
        sed -n 's/.*story views \([0-9.]*\) s, the rest \([0-9.]*\) s; views add \([0-9.]*\)%.*/\1 \2 \3/p'
}
measure() { # LABEL ARGS...
    label=$1
    shift
    rows=$(for i in $(seq "$RUNS"); do run "$@"; done)
    views=$(printf '%s\n' "$rows" | awk '{print $1}' | median)
    rest=$(printf '%s\n' "$rows" | awk '{print $2}' | median)
    share=$(printf '%s\n' "$rows" | awk '{print $3}' | median)
    lo=$(printf '%s\n' "$rows" | awk '{print $3}' | sort -n | head -1)
    hi=$(printf '%s\n' "$rows" | awk '{print $3}' | sort -n | tail -1)
    awk -v l="$label" -v v="$views" -v r="$rest" -v s="$share" -v n="$RUNS" -v lo="$lo" -v hi="$hi" 'BEGIN {
        printf "%s: views %.2fs, the rest of the pipeline %.2fs (processor time, medians of %d runs): views add %.1f%% (median; runs %.1f%% to %.1f%%)\n",
               l, v, r, n, s, lo, hi }'
}
measure "stored (cluster --json --db FILE)" --db "$DB"
measure "in memory (cluster --json)"
hash=$("$BIN" cluster --json "$DIR" 2>/dev/null | sha1sum | cut -c1-12)
echo "views JSON hash: $hash"
