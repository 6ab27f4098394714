#!/bin/sh
# Runs every libFuzzer target built by `make fuzz` (build-fuzz/fuzz_*) for
# SECS seconds, one after another, writing new inputs to a scratch corpus
# (build-fuzz/work/<target>, the repo corpus is only read), crash inputs to
# build-fuzz/artifacts/<target>/ and the log to build-fuzz/logs/<target>.log.
# A crash does not stop the loop. Afterwards, minimise into the repo
# (the repo corpus plus the scratch one, smallest covering set) with
#   sh tests/fuzz/run_each.sh merge
# Usage: sh tests/fuzz/run_each.sh [SECS] [TARGET...] | merge [TARGET...]
cd "$(dirname "$0")/../.." || exit 1
if [ "$1" = merge ]; then
    shift
    mkdir -p build-fuzz/logs
    for t in ${*:-$(cd build-fuzz && ls fuzz_* | grep -v '\.')}; do
        rm -rf "build-fuzz/min/$t"; mkdir -p "build-fuzz/min/$t" "build-fuzz/work/$t"
        # -set_cover_merge (clang >= 14) keeps a smaller set than -merge
        # for the same coverage
        "build-fuzz/$t" -set_cover_merge=1 "build-fuzz/min/$t" "tests/fuzz/corpus/$t" \
            "build-fuzz/work/$t" > "build-fuzz/logs/$t.merge.log" 2>&1 &&
            rm -rf "tests/fuzz/corpus/$t" && mv "build-fuzz/min/$t" "tests/fuzz/corpus/$t"
        echo "$t: $(ls "tests/fuzz/corpus/$t" | wc -l) inputs," \
            "$(du -sk "tests/fuzz/corpus/$t" | cut -f1) KiB"
    done
    exit 0
fi
secs=${1:-60}; [ $# -gt 0 ] && shift
# UBSan findings are only printed unless it is told to stop at the first
# (the targets are built with recoverable checks); make them crashes, as
# `make asan` (-fno-sanitize-recover) does for the replayed corpora.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export UBSAN_OPTIONS
mkdir -p build-fuzz/logs
for t in ${*:-$(cd build-fuzz && ls fuzz_* | grep -v '\.')}; do
    mkdir -p "build-fuzz/work/$t" "build-fuzz/artifacts/$t"
    dict=""; [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    "build-fuzz/$t" $dict -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$t/" \
        "build-fuzz/work/$t" "tests/fuzz/corpus/$t" > "build-fuzz/logs/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/logs/$t.log")
    echo "$t: ${secs}s, exit $rc, executions ${execs:-?}," \
        "crashes $(ls "build-fuzz/artifacts/$t" | wc -l)"
done
