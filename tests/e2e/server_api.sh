#!/bin/sh
# End-to-end test of `storyline serve`: a real server on a random loopback
# port, driven with curl through every route and status code, the Telegram
# contest routes, expiry, the bearer token, the loading phase (503) and a
# restart on the same database. Exit 0 pass, 77 skip, 1 fail.
. tests/server/lib.sh
server_test curl
cleanup() { stop_server KILL; rm -rf "$TMPD"; }
trap cleanup EXIT INT TERM

fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
expect() { # expect CODE NAME: compares $CODE
    if [ "$CODE" = "$1" ]; then ok "$2 -> $1"; else bad "$2: expected $1, got $CODE: $(head -c 300 "$TMPD/body")"; fi
}
has() { # has TEXT NAME: body contains TEXT
    if grep -qF -- "$1" "$TMPD/body"; then ok "$2"; else bad "$2: body lacks '$1': $(head -c 300 "$TMPD/body")"; fi
}
lacks() {
    if grep -qF -- "$1" "$TMPD/body"; then bad "$2: body has '$1'"; else ok "$2"; fi
}
header() { # header TEXT NAME
    if grep -qi -- "$1" "$TMPD/headers"; then ok "$2"; else bad "$2: no header '$1'"; fi
}
# poll PATH TEXT: GET until the body contains TEXT (the stories list is a
# snapshot refreshed shortly after writes; articles are searchable shortly
# after their 201)
poll() {
    _n=0
    while [ $_n -lt 100 ]; do
        req GET "$1"
        grep -qF -- "$2" "$TMPD/body" && return 0
        sleep 0.05
        _n=$((_n + 1))
    done
    return 1
}

# A contest-format HTML article (written here, not taken from a corpus).
html_article() { # NAME TITLE ISO-TIME SITE BODY
    cat > "$TMPD/$1" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:url" content="https://$4/news/$1"/>
<meta property="og:site_name" content="$4"/>
<meta property="article:published_time" content="$3"/>
<meta property="og:title" content="$2"/>
</head><body><article><h1>$2</h1>
<address><time datetime="$3">$3</time></address>
<p>$5</p><p>$5 Officials said more details would follow later in the week.</p>
</article></body></html>
EOF
}

DB=$TMPD/api.db
# ---- loading phase -------------------------------------------------------------
SL_SERVE_LOAD_DELAY_MS=1500 start_server "$DB" || { echo "cannot start the server"; cat "$SRV_LOG"; exit 1; }
req GET /health; expect 200 "GET /health while loading"; has '"loading"' "health says loading"
req GET /stories; expect 503 "GET /stories while loading"
req PUT /articles/x --data-binary 'text'; expect 503 "PUT while loading"
wait_ready || { bad "server never became ready"; exit 1; }
req GET /health; expect 200 "GET /health"; has '"status":"ok"' "health ok"

# ---- articles ------------------------------------------------------------------
cat > "$TMPD/a1.txt" <<'EOF'
Harbour bridge reopens after storm repairs

The harbour bridge reopened on Monday after three weeks of storm repairs, the city transport office said.
Engineers replaced two damaged cables and resurfaced the eastern lane. "We are glad to have it back," said the mayor, Anna Weber.
EOF
req PUT /articles/a1 -H 'Content-Type: text/plain' --data-binary @"$TMPD/a1.txt"; expect 201 "PUT new article"
has '"story":' "201 names the story"
req PUT /articles/a1 -H 'Content-Type: text/plain' --data-binary @"$TMPD/a1.txt"; expect 204 "PUT same article again"
printf '\nA later update said traffic was flowing normally.\n' >> "$TMPD/a1.txt"
req PUT /articles/a1 -H 'Content-Type: text/plain' --data-binary @"$TMPD/a1.txt"; expect 204 "PUT changed article"
req PUT /articles/j1 -H 'Content-Type: application/json' --data-binary \
    '{"title":"Harbour bridge open again after storm","published":"2021-03-01T09:00:00Z","site":"Coast Herald","lang":"en","text":"The harbour bridge is open again after storm repairs that took three weeks. Engineers replaced damaged cables on the bridge."}'
expect 201 "PUT JSON article"
req PUT /articles/bad -H 'Content-Type: application/json' --data-binary '{"title": '; expect 400 "PUT malformed JSON"
req PUT /articles/empty -H 'Content-Type: text/plain' --data-binary ''; expect 400 "PUT empty body"
head -c 9000000 /dev/zero | tr '\0' 'a' > "$TMPD/big.txt"
req PUT /articles/big -H 'Content-Type: text/plain' --data-binary @"$TMPD/big.txt"; expect 413 "PUT over 8 MiB"
req GET /articles/a1; expect 200 "GET article"; has '"story":' "article has its story"; has 'traffic was flowing' "article text updated"
req GET /articles/nope; expect 404 "GET unknown article"
req PATCH /articles/a1; expect 405 "PATCH article"; header '^Allow:.*PUT' "405 has Allow"

# ---- stories --------------------------------------------------------------------
poll /stories '"j1"' >/dev/null 2>&1 || true
poll /stories 'arbour' || bad "stories list never showed the article"
req GET /stories; expect 200 "GET /stories"; has '"score"' "stories have a score"; has '"outlets"' "stories have outlets"
SID=$(sed -n 's/.*"stories":\[{"id":\([0-9]*\).*/\1/p' "$TMPD/body")
req GET "/stories?limit=1&lang=en&since=2000-01-01&until=2100-01-01T00:00:00Z"; expect 200 "GET /stories with filters"
req GET "/stories?since=1600000000"; expect 200 "GET /stories since as seconds"
req GET "/stories?lang=xx"; expect 200 "GET /stories other language"; has '"total":0' "no story in language xx"
req GET "/stories?limit=abc"; expect 400 "GET /stories bad limit"
req GET "/stories?since=yesterday"; expect 400 "GET /stories bad date"
req GET "/stories/$SID"; expect 200 "GET /stories/$SID"
for f in '"summary"' '"timeline"' '"quotes"' '"entities"' '"sources"' '"related_stories"' '"duplicates"'; do
    has "$f" "story has $f"
done
req GET /stories/999999; expect 404 "GET unknown story"
req GET /stories/abc; expect 404 "GET story with bad id"
req POST /stories; expect 405 "POST /stories"; header '^Allow: GET' "405 Allow: GET"
req GET /no/such/route; expect 404 "unknown route"
req GET /api; expect 200 "GET /api"; has '"/threads"' "route list names the contest route"

# ---- why -----------------------------------------------------------------------
# the verdict agrees with the stories the articles report; unknown ids are named
story_of() { req GET "/articles/$1"; sed -n 's/.*"story":\([0-9]*\).*/\1/p' "$TMPD/body"; }
S_A1=$(story_of a1); S_J1=$(story_of j1)
req GET "/why?a=a1&b=j1"; expect 200 "GET /why"
for f in '"pair":' '"terms_cosine":' '"threshold":' '"decision":' '"chain":' '"merges":'; do
    has "$f" "why has $f"
done
if [ -n "$S_A1" ] && [ "$S_A1" = "$S_J1" ]; then
    has '"same_story":true' "why agrees: one story"; has '"articles":["a1","j1"]' "why: chain from a1 to j1"
else
    has '"same_story":false' "why agrees: two stories"; has '"chain":null' "why: no chain across stories"
fi
req GET "/why?a=a1&b=a1"; expect 200 "GET /why of an article with itself"; has '"same_story":true' "an article is in its own story"
req GET "/why?a=a1"; expect 400 "GET /why without b"
req GET "/why?a=a1&b=nope"; expect 404 "GET /why with an unknown article"; has 'nope' "404 names the unknown article"
req POST "/why?a=a1&b=j1"; expect 405 "POST /why"

# ---- search ---------------------------------------------------------------------
# articles are indexed shortly after their 201 (deferred indexing): wait
# until a1 and j1 are searchable, then check what searches return
poll "/search?q=harbour+bridge" '"a1"' || bad "a1 not searchable within 5 s"
poll "/search?q=engin*" '"j1"' || bad "j1 not searchable within 5 s"
req GET "/search?q=harbour+bridge"; expect 200 "search words"; has '"a1"' "search finds a1"; has '<mark>' "snippet highlighted"
req GET "/search?q=%22storm+repairs%22"; expect 200 "search phrase"; has '"a1"' "phrase finds a1"
req GET "/search?q=engin*"; expect 200 "search prefix"; has '"j1"' "prefix finds j1"
req GET "/search?q=%22unbalanced+AND"; expect 200 "malformed query is sanitised"; has '"plain":true' "query reduced to plain terms"
req GET "/search?q=bridge&lang=de"; expect 200 "search with language filter"; lacks '"a1"' "language filter excludes"
req GET "/search?q=bridge&since=2021-03-01&until=2021-03-02"; expect 200 "search with dates"; has '"j1"' "date filter keeps j1"; lacks '"a1"' "date filter drops undated a1"
req GET "/search"; expect 400 "search without q"
req GET "/search?q=bridge&limit=0"; expect 400 "search bad limit"

# ---- delete ---------------------------------------------------------------------
req DELETE /articles/a1; expect 204 "DELETE article"
req DELETE /articles/a1; expect 404 "DELETE it again"
req GET /articles/a1; expect 404 "deleted article is gone"
req GET "/search?q=harbour"; lacks '"a1"' "deleted article not searchable"

# ---- contest routes -----------------------------------------------------------------
html_article c1.html "Central bank raises interest rates to curb inflation" 2021-05-10T10:00:00+00:00 "Daily Ledger" "The central bank raised its key interest rate by half a point on Monday to curb inflation, the bank said in a statement."
html_article c2.html "Central bank lifts rates as inflation climbs" 2021-05-10T11:30:00+00:00 "Market Wire" "The central bank lifted interest rates on Monday as inflation climbed, the bank statement said."
html_article c3.html "Local team wins the cup final" 2021-05-10T12:00:00+00:00 "Sports Daily" "The local football team won the cup final on Sunday after a late goal in extra time."
for f in c1 c2 c3; do
    req PUT "/$f.html" -H 'Cache-Control: max-age=86400' --data-binary @"$TMPD/$f.html"; expect 201 "contest PUT $f.html"
done
req PUT /c1.html -H 'Cache-Control: max-age=86400' --data-binary @"$TMPD/c1.html"; expect 204 "contest PUT again"
req GET "/threads?period=7200&lang_code=en&category=any"; expect 200 "GET /threads"
has '"threads"' "threads object"; has '"c2.html"' "threads list c2"; has '"category"' "threads have a category"; lacks '"j1"' "period leaves old j1 out"
req GET "/threads?period=600&lang_code=en"; expect 200 "GET /threads short period"; lacks '"c1.html"' "short period drops c1"; has '"c3.html"' "short period keeps c3"
req GET "/threads?period=7200&category=economy"; expect 200 "threads by category"; has '"economy"' "economy classified"
req GET "/threads?category=cooking"; expect 400 "threads unknown category"
req GET "/threads?period=x"; expect 400 "threads bad period"
req DELETE /c3.html; expect 204 "contest DELETE"
req DELETE /c3.html; expect 404 "contest DELETE again"
req GET /c1.html; expect 405 "GET a contest name"

# ---- expiry: relative to the latest publication time -------------------------------
html_article e1.html "Old river ferry timetable" 2021-05-01T08:00:00+00:00 "Coast Herald" "The river ferry keeps its winter timetable until the end of the month, the operator said."
req PUT /e1.html -H 'Cache-Control: max-age=3600' --data-binary @"$TMPD/e1.html"; expect 201 "PUT expiring article"
req GET /articles/e1.html; expect 404 "article already expired against the latest time"
html_article e2.html "New ferry timetable" 2021-05-20T08:00:00+00:00 "Coast Herald" "A new summer ferry timetable starts next week, the operator said on Thursday."
req PUT /e2.html -H 'Cache-Control: max-age=3600' --data-binary @"$TMPD/e2.html"; expect 201 "PUT newer article"
req GET /articles/c1.html; expect 404 "c1 expired once a newer article arrived"
req GET /articles/e2.html; expect 200 "e2 stays"; has '"expires"' "article shows its expiry"

# ---- stalled clients do not block others ------------------------------------------------
python3 - "$PORT" <<'PY' &
import socket, sys, time
held = []
for i in range(30):  # half-sent requests and a half-sent body, then silence
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.sendall(b"GET /stories HTTP/1.1\r\nHost: x\r\n" if i % 2 else
              b"PUT /articles/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
    held.append(s)
time.sleep(3)
PY
STALL=$!
sleep 0.5
CODE=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/health"); expect 200 "GET /health while 30 clients stall"
CODE=$(curl -s -o /dev/null -m 2 -w '%{http_code}' -X PUT --data-binary @"$TMPD/e2.html" "$BASE/e2.html"); expect 204 "PUT while clients stall"
wait $STALL 2>/dev/null

# ---- restart on the same database ------------------------------------------------------
stop_server TERM
[ "$SRV_RC" = 0 ] && ok "SIGTERM exits 0" || bad "SIGTERM exit status $SRV_RC"
start_server "$DB" || { bad "restart failed"; exit 1; }
wait_ready
req GET /articles/j1; expect 200 "j1 survives a restart"
req GET /articles/e2.html; expect 200 "e2 survives a restart"; has '"expires"' "expiry survives a restart"
req GET /articles/a1; expect 404 "deleted a1 stays deleted"
req GET "/search?q=ferry"; expect 200 "search after restart"; has '"e2.html"' "search index survived"
stop_server TERM

# ---- token ------------------------------------------------------------------------------
start_server "$TMPD/tok.db" --token s3cret || { bad "token server failed"; exit 1; }
wait_ready
req PUT /articles/t1 --data-binary @"$TMPD/c2.html"; expect 401 "PUT without token"; header '^WWW-Authenticate: Bearer' "401 asks for Bearer"
req PUT /articles/t1 -H 'Authorization: Bearer wrong' --data-binary @"$TMPD/c2.html"; expect 401 "PUT with a wrong token"
req PUT /articles/t1 -H 'Authorization: Bearer s3cret' --data-binary @"$TMPD/c2.html"; expect 201 "PUT with the token"
req DELETE /t1.html; expect 401 "contest DELETE without token"
req GET /articles/t1; expect 200 "reads need no token"
req GET /; expect 200 "GET / (web page)"; has '<script src="/app.js">' "page loads its script"
req GET /app.js; expect 200 "GET /app.js"; req GET /style.css; expect 200 "GET /style.css"
CODE=$(curl -s -o /dev/null -w '%{http_code}' -I "$BASE/health"); expect 200 "HEAD /health"
stop_server TERM

echo "$fails failure(s)"
[ $fails -eq 0 ]
