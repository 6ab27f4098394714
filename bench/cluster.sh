#!/bin/sh
# Story engine benchmark: prints the figures (median of RUNS runs, processor
# time, so that a busy machine does not skew them).
#   1. the whole pipeline (read, extract, cluster) on telegram-2019-dev:
#      articles per second;
#   2. clustering alone on the same corpus (bench/cluster_bench corpus);
#   3. clustering alone on synthetic streams of 10k and 100k articles (and
#      1M when BENCH_1M=1; run once) built from that corpus: microseconds
#      per article (add alone, and with the batch finish), their ratios
#      (growth), bytes of state per article.
# Usage: sh bench/cluster.sh   (after make; RUNS=3 by default)
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
CORPUS=${SL_SHARED:-../shared}/data/telegram-2019-dev
[ -d "$CORPUS" ] || { echo "skip: $CORPUS is absent"; exit 77; }
make -s "$BUILD/bench/cluster_bench" >/dev/null || exit 1
B="$BUILD/bench/cluster_bench"

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

# 1. whole pipeline, processor time of the child
n=$(find "$CORPUS" -name '*.html' | wc -l)
i=0; : > /tmp/cluster_bench.$$
while [ $i -lt "$RUNS" ]; do
    python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_utime + r.ru_stime)' "$BUILD/storyline" cluster --json "$CORPUS" >> /tmp/cluster_bench.$$
    i=$((i + 1))
done
s=$(median < /tmp/cluster_bench.$$)
echo "pipeline telegram-2019-dev: $n articles, ${s}s cpu, $(awk -v n="$n" -v s="$s" 'BEGIN{printf "%.0f", n/s}') articles/s"

run() { # label, args...: median of the runs' us_per_article
    label=$1; shift
    i=0; : > /tmp/cluster_bench.$$
    while [ $i -lt "$RUNS" ]; do
        "$B" "$@" >> /tmp/cluster_bench.$$ || exit 1
        i=$((i + 1))
    done
    us=$(field us_per_article < /tmp/cluster_bench.$$ | median)
    uf=$(field us_with_finish < /tmp/cluster_bench.$$ | median)
    line=$(tail -1 /tmp/cluster_bench.$$)
    echo "$label: median us_per_article=$us us_with_finish=$uf; last run: $line"
    eval "US_$label=$us"
    eval "UF_$label=$uf"
}
growth() { # from, to, label: the two ratios
    eval "a=\$US_$1 b=\$US_$2 fa=\$UF_$1 fb=\$UF_$2"
    echo "growth $3: $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", b/a}')x (add), $(awk -v a="$fa" -v b="$fb" 'BEGIN{printf "%.2f", b/a}')x (with the batch finish)"
}
run corpus corpus "$CORPUS"
run s10k stream 10000 "$CORPUS"
run s100k stream 100000 "$CORPUS"
if [ -n "$BENCH_1M" ]; then
    RUNS=1 run s1m stream 1000000 "$CORPUS"
    growth s10k s1m "10k -> 1M"
fi
growth s10k s100k "10k -> 100k"
rm -f /tmp/cluster_bench.$$
