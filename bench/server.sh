#!/bin/sh
# Server benchmark: `storyline serve` on a fresh database, fed by
# build/bench/loadgen with 8 concurrent PUT clients while 2 readers loop
# over GET /stories and GET /search (latency percentiles per route).
#   1. the Telegram 2019 dev sample (../shared/data/telegram-2019-dev), each
#      file once (REPEAT=k sends it k times under new ids)
#   2. synthetic small JSON articles (SYNTH=N, default 5000): the server's
#      own cost per write, with language detection and HTML parsing out
# Runs are capped at SECONDS (default 30) each: this is a shared machine.
# usage: sh bench/server.sh   (after make and make build/bench/loadgen)
BUILD=${BUILD:-build}
SECS=${SECONDS_MAX:-30}
. tests/server/lib.sh
LOADGEN=$BUILD/bench/loadgen
[ -x "$LOADGEN" ] || make -s "$LOADGEN" || exit 1
TMPD=$(mktemp -d)
trap 'stop_server KILL; rm -rf "$TMPD"' EXIT INT TERM

# user + system clock ticks of the server so far
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SRV_PID/stat"; }

run() { # NAME LOADGEN-ARGS...
    name=$1; shift
    rm -f "$TMPD"/db*
    start_server "$TMPD/db" || { echo "cannot start the server"; exit 1; }
    wait_ready
    echo "== $name"
    c0=$(cpu_ticks)
    "$LOADGEN" --port "$PORT" --writers 8 --readers 2 --seconds "$SECS" "$@" | tee "$TMPD/out"
    # processor time is steadier than rates on a shared machine
    awk -v t="$(($(cpu_ticks) - c0))" -v hz="$(getconf CLK_TCK)" '/^PUT/ {
        printf "server cpu %.2f s, %.2f ms per acknowledged PUT (reads included)\n",
               t / hz, t / hz * 1000 / ($5 > 0 ? $5 : 1) }' "$TMPD/out"
    curl -s "$BASE/health"
    stop_server TERM
}

TG=${SL_SHARED:-../shared}/data/telegram-2019-dev
if [ -d "$TG" ]; then
    run "telegram-2019-dev x${REPEAT:-1}" --repeat "${REPEAT:-1}" "$TG"
else
    echo "(telegram-2019-dev is absent: skipping the corpus run)"
fi
run "synthetic ${SYNTH:-5000}" --synthetic "${SYNTH:-5000}"
