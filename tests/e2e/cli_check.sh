# cli_check: `storyline check --db FILE` passes a database that ingest made
# (its search index made with the storyline tokenizer), and fails, naming
# the problem, when the articles and the index disagree or the file is
# missing.
BUILD=${BUILD:-build}
SL="$PWD/$BUILD/storyline"
[ -x "$SL" ] || { echo "FAIL: $SL is not built"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is absent"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sl-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

"$SL" ingest --db "$TMP/db" examples >/dev/null 2>&1
out=$("$SL" check --db "$TMP/db") || { echo "FAIL: check of a fresh database: $out"; exit 1; }
echo "$out" | grep -q '^ok: [0-9]* articles' || { echo "FAIL: $out"; exit 1; }
grep -q "tokenize='storyline'" "$TMP/db-fts" 2>/dev/null ||
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); s=c.execute(\"select sql from sqlite_master where name='articles_fts'\").fetchone()[0]; sys.exit(0 if 'storyline' in s else 1)" "$TMP/db-fts" ||
    { echo "FAIL: the index does not use the storyline tokenizer"; exit 1; }

# an article removed behind the store's back: its index entries are extra
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('delete from articles where seq=(select min(seq) from articles)'); c.commit()" "$TMP/db"
if err=$("$SL" check --db "$TMP/db" 2>&1); then echo "FAIL: check passed a damaged database: $err"; exit 1; fi
echo "$err" | grep -q 'index:' || { echo "FAIL: no index problem named: $err"; exit 1; }

if err=$("$SL" check --db "$TMP/none.db" 2>&1); then echo "FAIL: check passed a missing file"; exit 1; fi
echo "$err" | grep -q 'cannot open' || { echo "FAIL: $err"; exit 1; }
echo "ok: $out"
