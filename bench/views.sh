#!/bin/sh
# Cost of the story views: user CPU time of `storyline cluster` (pipeline
# plus headlines) against `storyline cluster --json` (pipeline plus every
# view of every story) on the Telegram 2019 dev sample, RUNS (default 7)
# pairs of runs; the views' share on top of the pipeline is the median of
# the pairs' shares (goal: <= 30%).
#   sh bench/views.sh [DIR]     default: ../shared/data/telegram-2019-dev (all of it)
# Exits 77 when the data is absent. Prints a hash of the JSON so a speed-up
# that changes the views shows.
BUILD=${BUILD:-build}
DIR=${1:-${SL_SHARED:-../shared}/data/telegram-2019-dev}
RUNS=${RUNS:-7}
[ -d "$DIR" ] || { echo "no $DIR"; exit 77; }
BIN=$BUILD/storyline
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
utime() { # user seconds of one run of: storyline cluster ARGS
    /usr/bin/time -f %U "$BIN" cluster "$@" 2>&1 >/dev/null | tail -1
}
# the two commands alternate, and each pair (one run of each, back to
# back) gives one figure for the views' share, so a change in the machine's
# load weighs on both alike; the median of the pairs is reported
pairs=$(for i in $(seq "$RUNS"); do
    printf '%s %s\n' "$(utime "$DIR")" "$(utime --json "$DIR")"
done)
base=$(printf '%s\n' "$pairs" | awk '{print $1}' | median)
full=$(printf '%s\n' "$pairs" | awk '{print $2}' | median)
share=$(printf '%s\n' "$pairs" | awk '$1 > 0 {print 100 * ($2 - $1) / $1}' | median)
hash=$("$BIN" cluster --json "$DIR" 2>/dev/null | sha1sum | cut -c1-12)
awk -v b="$base" -v f="$full" -v s="$share" -v h="$hash" -v r="$RUNS" 'BEGIN {
    printf "pipeline %.2fs user, with all views %.2fs (medians of %d runs): views add %.1f%% (median of the %d pairs; json %s)\n",
           b, f, r, s, r, h }'
