#!/bin/sh
# Cost of the story views: user CPU time of `storyline cluster` (pipeline
# plus headlines) against `storyline cluster --json` (pipeline plus every
# view of every story) on the Telegram 2019 dev sample; median of RUNS
# runs each (the two alternate), and the views' share on top of the
# pipeline (goal: <= 30%).
#   sh bench/views.sh [DIR]     default: ../shared/data/telegram-2019-dev (all of it)
# Exits 77 when the data is absent. Prints a hash of the JSON so a speed-up
# that changes the views shows.
BUILD=${BUILD:-build}
DIR=${1:-${SL_SHARED:-../shared}/data/telegram-2019-dev}
RUNS=${RUNS:-3}
[ -d "$DIR" ] || { echo "no $DIR"; exit 77; }
BIN=$BUILD/storyline
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
utime() { # user seconds of one run of: storyline cluster ARGS
    /usr/bin/time -f %U "$BIN" cluster "$@" 2>&1 >/dev/null | tail -1
}
# the two commands alternate, so a change in the machine's load during the
# measurement weighs on both alike
times=$(for i in $(seq "$RUNS"); do
    printf 'base %s\n' "$(utime "$DIR")"
    printf 'full %s\n' "$(utime --json "$DIR")"
done)
base=$(printf '%s\n' "$times" | sed -n 's/^base //p' | median)
full=$(printf '%s\n' "$times" | sed -n 's/^full //p' | median)
hash=$("$BIN" cluster --json "$DIR" 2>/dev/null | sha1sum | cut -c1-12)
awk -v b="$base" -v f="$full" -v h="$hash" 'BEGIN {
    printf "pipeline %.2fs user, with all views %.2fs: views add %.1f%% (json %s)\n",
           b, f, (b > 0 ? 100 * (f - b) / b : 0), h }'
