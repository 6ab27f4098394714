# Helpers for the server's end-to-end tests (sourced by tests/e2e/server_*.sh
# and browser.sh). POSIX sh.
#
#   start_server DB [ARGS...]   starts build/storyline serve on a random free
#                               loopback port (retrying), sets SRV_PID, PORT,
#                               BASE; returns 1 if it cannot.
#   wait_ready                  waits until /health says "ok" (load done)
#   stop_server [SIGNAL]        stops it (TERM by default) and waits
#   req METHOD PATH [CURL ARGS] runs curl; body in $TMPD/body, status in $CODE
#   server_test CMD...          skips the test (exit 77) unless every CMD is
#                               installed and $BIN is built; makes TMPD (a
#                               new directory) and SRV_LOG in it
BIN=${BUILD:-build}/storyline
[ -x "$BIN" ] || BIN=$(pwd)/build/storyline

server_test() {
    for _cmd in "$@"; do
        command -v "$_cmd" >/dev/null 2>&1 || { echo "skip: $_cmd is not installed"; exit 77; }
    done
    [ -x "$BIN" ] || { echo "skip: $BIN is not built"; exit 77; }
    TMPD=$(mktemp -d)
    SRV_LOG=$TMPD/server.log
}

rand_port() {
    echo $(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
}

start_server() {
    _db=$1; shift
    for _try in 1 2 3 4 5 6 7 8 9 10; do
        PORT=$(rand_port)
        "$BIN" serve --db "$_db" --port "$PORT" "$@" 2>>"${SRV_LOG:-/dev/null}" &
        SRV_PID=$!
        _i=0
        while [ $_i -lt 200 ]; do
            kill -0 "$SRV_PID" 2>/dev/null || break
            if curl -s "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"version"'; then
                kill -0 "$SRV_PID" 2>/dev/null || break
                BASE="http://127.0.0.1:$PORT"
                return 0
            fi
            sleep 0.05
            _i=$((_i + 1))
        done
        kill "$SRV_PID" 2>/dev/null
        wait "$SRV_PID" 2>/dev/null
        SRV_PID=
    done
    return 1
}

wait_ready() {
    _i=0
    while [ $_i -lt 600 ]; do
        curl -s "$BASE/health" | grep -q '"status":"ok"' && return 0
        sleep 0.05
        _i=$((_i + 1))
    done
    return 1
}

stop_server() {
    [ -n "$SRV_PID" ] || return 0
    kill -"${1:-TERM}" "$SRV_PID" 2>/dev/null
    wait "$SRV_PID" 2>/dev/null
    SRV_RC=$?
    SRV_PID=
    return 0
}

req() {
    _m=$1; _p=$2; shift 2
    CODE=$(curl -s -o "$TMPD/body" -D "$TMPD/headers" -w '%{http_code}' -X "$_m" "$@" "$BASE$_p")
}
