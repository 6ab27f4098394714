# Helpers for bench/*.sh (sourced).
BUILD=${BUILD:-build}
SL="$PWD/$BUILD/storyline"
SHARED=${SL_SHARED:-../shared}
RUNS=${RUNS:-5}
# median_time CMD...: runs CMD $RUNS times (output discarded), prints the
# median wall time in seconds.
median_time() {
    for i in $(seq "$RUNS"); do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'
    done | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]}'
}
