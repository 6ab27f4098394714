#!/bin/sh
# Extraction speed: bare libxml2 parse vs storyline's HTML extraction, on
# the WCXB dev article pages and the Telegram 2019 contest pages (one core,
# median of RUNS runs). Skips a set whose folder is absent.
#   BUILD=build RUNS=5 sh bench/extract.sh
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
SHARED=${SL_SHARED:-../shared}
BIN=$BUILD/bench/extract_bench
[ -x "$BIN" ] || { echo "extract.sh: $BIN missing (make bench)" >&2; exit 1; }
for set in wcxb-dev-articles/dev/html telegram-2019-dev; do
    dir=$SHARED/data/$set
    if [ ! -d "$dir" ]; then
        echo "== $set: absent, skipped"
        continue
    fi
    echo "== $set"
    taskset -c 0 "$BIN" --runs "$RUNS" "$dir" 2>/dev/null || "$BIN" --runs "$RUNS" "$dir"
done
