# Shared helpers for the hostile-input tests (tests/e2e/hostile_*.sh and
# crash_ingest.sh); sourced after tests/e2e_lib.sh.
#
# RAW is the storyline binary itself, even under `make leakcheck` (where
# $SL is a valgrind wrapper): the big inputs go through RAW, because
# valgrind would take minutes on them; $SL still runs the small cases.
RAW="$PWD/$BUILD/storyline"
# Under ASan freed memory sits in a quarantine (256 MB by default) that
# would count as resident memory; keep it small so RSS bounds mean the
# same thing in `make test` and `make asan`.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
export ASAN_OPTIONS
# MEM_SLACK_KB: extra resident memory allowed for a sanitizer build (its
# shadow memory and allocator); 0 for a plain build.
case "$BUILD" in
*asan*) MEM_SLACK_KB=262144 ;;
*) MEM_SLACK_KB=0 ;;
esac

# good_article FILE N: writes a small plain-text news article (distinct for
# each N) to FILE.
good_article() {
    printf 'Harbour %s reopens after the storm\n\nThe harbour of town number %s reopened on Wednesday after heavy winds\nclosed it for two days, officials said. Ferries left port at dawn.\n\nThe harbour master said repairs to pier %s would take a month.\n' \
        "$2" "$2" "$2" > "$1"
}

# maxrss_kb FILE: maximum resident set size from a `/usr/bin/time -v` log.
maxrss_kb() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"; }

# stored_ids DB OUT: the article ids of the database, one per line, through
# `storyline stories --json` (fails the test if the database does not open).
stored_ids() {
    "$RAW" stories --db "$1" --json > "$TMP/stories.json" 2> "$TMP/stories.err" ||
        { cat "$TMP/stories.err" >&2; fail "stories --db $1 does not open the database"; }
    python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for s in d['stories']:
    for a in s['articles']:
        print(a)" "$TMP/stories.json" > "$2" || fail "stories --json is not JSON"
}

# integrity DB: fails unless SQLite's integrity_check says ok.
integrity() {
    python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute('PRAGMA integrity_check').fetchall()
sys.exit(0 if r == [('ok',)] else 'integrity_check: %r' % (r,))" "$1" ||
        fail "database $1 fails PRAGMA integrity_check"
}

# known_bug ID WHAT: a failure that matches a bug found by these tests
# (docs/FUZZING.md lists them by ID). Every one listed so far is fixed, so
# it fails the test as a regression. (While a newly found bug is open, it
# may record it instead, KNOWN="$KNOWN $1", and finish exits 77 naming it.)
KNOWN=""
known_bug() { fail "regression of fixed bug $1: $2"; }
finish() {
    [ -z "$KNOWN" ] && exit 0
    skip "checks passed except known bugs:$KNOWN"
}
