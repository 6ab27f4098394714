#!/bin/sh
# The sites' repeated lines and a restart: `storyline serve` keeps the
# table of lines its sites repeat (src/sitechrome.h) in the database, so a
# footer that two articles of a site had before the server stopped is cut
# from the site's third article, PUT after the restart. Exit 0 pass, 77
# skip, 1 fail.
. tests/server/lib.sh
server_test curl python3
cleanup() {
    stop_server KILL
    rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM
DB=$TMPD/chrome.db
FOOTER="Please read our comment policy before commenting on this page."

put() { # ID TEXT: a JSON article of the Harbor Wire with the footer
    python3 -c 'import json,sys
print(json.dumps({"title": sys.argv[1], "site": "Harbor Wire", "lang": "en",
                  "published": "2021-03-01T09:00:00Z",
                  "text": sys.argv[2] + "\n\n" + sys.argv[3]}))' "$1" "$2" "$FOOTER" > "$TMPD/body.json"
    req PUT "/articles/$1" -H 'Content-Type: application/json' --data-binary @"$TMPD/body.json"
    [ "$CODE" = 201 ] || { echo "PUT $1: $CODE $(head -c 300 "$TMPD/body")"; exit 1; }
}

start_server "$DB" || { echo "cannot start the server"; exit 1; }
wait_ready || { echo "server not ready"; cat "$SRV_LOG"; exit 1; }
put w0 "The harbour board approved the new quay after a long debate about its cost and its place."
put w1 "Fishermen in the bay reported the largest catch of herring in twenty years this week."
req GET /articles/w1
grep -qF "comment policy" "$TMPD/body" || { echo "the second article lost the footer"; exit 1; }
stop_server
[ "$SRV_RC" = 0 ] || { echo "the server stopped with $SRV_RC"; cat "$SRV_LOG"; exit 1; }

start_server "$DB" || { echo "cannot start the server again"; exit 1; }
wait_ready || { echo "server not ready after the restart"; cat "$SRV_LOG"; exit 1; }
put w2 "The lakeside chess club won the regional final on Saturday with a late draw in the last game."
req GET /articles/w2
grep -qF "lakeside chess club" "$TMPD/body" || { echo "the third article lost its text: $(head -c 300 "$TMPD/body")"; exit 1; }
if grep -qF "comment policy" "$TMPD/body"; then
    echo "the footer stayed on the third article after the restart"
    exit 1
fi
stop_server
echo "ok: the footer of two articles before the restart was cut from the third after it"
