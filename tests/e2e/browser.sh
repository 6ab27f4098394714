#!/bin/sh
# Browser test of the web page (tests/browser/story_page.test.js): a server
# that ingested ../shared/seeds (and examples/ when present), driven by
# headless Chromium through playwright-core. Exits 77 (skip) when chromium,
# node or tests/browser/node_modules are missing.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "skip: $CHROMIUM is not installed (apt-get install chromium)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "skip: node is not installed"; exit 77; }
[ -d tests/browser/node_modules/playwright-core ] || {
    echo "skip: run 'npm ci' in tests/browser first (playwright-core is not installed)"; exit 77; }
SEEDS=${SL_SHARED:-../shared}/seeds
[ -d "$SEEDS" ] || { echo "skip: $SEEDS is absent"; exit 77; }
. tests/server/lib.sh
server_test curl
trap 'stop_server KILL; rm -rf "$TMPD"' EXIT INT TERM
set -- "$SEEDS"
[ -d examples ] && [ -n "$(ls examples 2>/dev/null)" ] && set -- "$@" examples
"$BIN" ingest --db "$TMPD/b.db" "$@" >/dev/null 2>&1
[ $? -le 3 ] || { echo "ingest failed"; exit 1; }
start_server "$TMPD/b.db" || { echo "cannot start the server"; cat "$SRV_LOG"; exit 1; }
wait_ready || { echo "server not ready"; exit 1; }
BASE=$BASE CHROMIUM=$CHROMIUM timeout 120 node tests/browser/story_page.test.js
