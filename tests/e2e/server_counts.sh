#!/bin/sh
# Saved term counts and the server: `storyline serve` on a database whose
# stories are stored builds its clusterer at start and saves the term
# counts it had to make (table counts, one row per article), so that its
# next start restores them; a restart finds every article's counts and
# serves the same stories.
. tests/server/lib.sh
server_test curl python3
cleanup() {
    stop_server KILL
    rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM
DB=$TMPD/counts.db
"$BIN" ingest --db "$DB" examples >/dev/null 2>&1 || { echo "ingest failed"; exit 1; }

rows() { # articles, then saved counts
    python3 -c 'import sqlite3,sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM articles").fetchone()[0],
      db.execute("SELECT count(*) FROM counts").fetchone()[0])' "$DB"
}
set -- $(rows)
[ "$1" -gt 0 ] || { echo "no articles ingested"; exit 1; }
[ "$2" -eq 0 ] || { echo "a fresh ingest saved $2 counts (it counts its articles in the stream)"; exit 1; }

start_server "$DB" || { echo "cannot start the server"; exit 1; }
wait_ready || { echo "server not ready"; cat "$SRV_LOG"; exit 1; }
first=$(curl -s "$BASE/stories") || { echo "no stories"; exit 1; }
stop_server
set -- $(rows)
[ "$2" -eq "$1" ] || { echo "the server's start saved $2 counts for $1 articles"; exit 1; }

start_server "$DB" || { echo "cannot start the server again"; exit 1; }
wait_ready || { echo "server not ready after the restart"; cat "$SRV_LOG"; exit 1; }
again=$(curl -s "$BASE/stories")
stop_server
[ "$first" = "$again" ] || { echo "the restart serves other stories"; exit 1; }
set -- $(rows)
[ "$2" -eq "$1" ] || { echo "after the restart: $2 counts for $1 articles"; exit 1; }
echo "ok: the server's start saved the counts of $1 articles; the restart served the same stories"
