#!/bin/sh
# Cost of the story views: processor time (user + system) of the pipeline
# with headlines only against the same pipeline with every view of every
# story, on the Telegram 2019 dev sample, RUNS (default 7) pairs of runs;
# the views' share on top of the pipeline is the median of the pairs'
# shares (goal: <= 30%). Two pipelines:
#   stored:    `storyline cluster --db FILE` (read, extract, cluster, store
#              with the full-text index: the whole pipeline of issue 4)
#              against `storyline cluster --json --db FILE`
#   in memory: `storyline cluster` against `storyline cluster --json` (an
#              in-memory store, which keeps no full-text index)
#   sh bench/views.sh [DIR]     default: ../shared/data/telegram-2019-dev (all of it)
# Exits 77 when the data is absent. Prints a hash of the JSON so a speed-up
# that changes the views shows.
BUILD=${BUILD:-build}
DIR=${1:-${SL_SHARED:-../shared}/data/telegram-2019-dev}
RUNS=${RUNS:-7}
[ -d "$DIR" ] || { echo "no $DIR"; exit 77; }
BIN=$BUILD/storyline
DB=$(mktemp -u /tmp/sl-views-XXXXXX.db)
trap 'rm -f "$DB" "$DB-wal" "$DB-shm"' EXIT INT TERM
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
cputime() { # processor seconds of one run of: storyline cluster ARGS
    rm -f "$DB" "$DB-wal" "$DB-shm"
    /usr/bin/time -f '%U %S' "$BIN" cluster "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'
}
# the two commands alternate, and each pair (one run of each, back to
# back) gives one figure for the views' share, so a change in the machine's
# load weighs on both alike; the median of the pairs is reported
measure() { # LABEL ARGS...
    label=$1
    shift
    pairs=$(for i in $(seq "$RUNS"); do
        printf '%s %s\n' "$(cputime "$@" "$DIR")" "$(cputime --json "$@" "$DIR")"
    done)
    base=$(printf '%s\n' "$pairs" | awk '{print $1}' | median)
    full=$(printf '%s\n' "$pairs" | awk '{print $2}' | median)
    share=$(printf '%s\n' "$pairs" | awk '$1 > 0 {print 100 * ($2 - $1) / $1}' | median)
    awk -v l="$label" -v b="$base" -v f="$full" -v s="$share" -v r="$RUNS" 'BEGIN {
        printf "%s: pipeline %.2fs, with all views %.2fs (processor time, medians of %d runs): views add %.1f%% (median of the %d pairs)\n",
               l, b, f, r, s, r }'
}
measure "stored (cluster --db FILE)" --db "$DB"
measure "in memory (cluster)"
hash=$("$BIN" cluster --json "$DIR" 2>/dev/null | sha1sum | cut -c1-12)
echo "views JSON hash: $hash"
