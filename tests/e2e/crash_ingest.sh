# Crash safety: `storyline ingest --db` killed with SIGKILL at 50 random
# points. 300 generated articles are split into 50 batch directories; each
# round starts an ingest of one batch (every 10th round: of all of them),
# kills it after a random delay, checks the database, then restarts the
# ingest and lets it finish. After every kill (and after every 10th
# finished restart) the database must pass PRAGMA integrity_check, open
# (`storyline stories`), and hold every article of every ingest that had
# completed (exited 0) before. SL_CRASH_ROUNDS and SL_CRASH_SEED change the defaults (50, the
# clock).
. tests/e2e_lib.sh
. tests/hostile/lib.sh
rounds=${SL_CRASH_ROUNDS:-50}
seed=${SL_CRASH_SEED:-$(date +%s)}
echo "seed $seed"
all="$TMP/all"
for b in $(seq 1 50); do
    mkdir -p "$all/b$b"
    for j in 1 2 3 4 5 6; do good_article "$all/b$b/r${b}_$j.txt" "$b-$j"; done
done
db="$TMP/s.db"
: > "$TMP/expected"
# calibration: how long one batch takes here and now (ms), into a
# database that exists already
"$RAW" ingest --db "$TMP/cal.db" "$all/b1" > /dev/null 2>&1 || fail "calibration ingest"
t0=$(date +%s%N)
"$RAW" ingest --db "$TMP/cal.db" "$all/b2" > /dev/null 2>&1 || fail "calibration ingest"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# random delays, uniform over 0..0.7 times the calibrated time (ten times
# that for the rounds that ingest everything: the calibration includes
# the start of the process, often slower than the rest), so that kills
# land before, during and after the transaction
python3 -c "
import random, sys
random.seed(int(sys.argv[1]))
for i in range(1, int(sys.argv[2]) + 1):
    top = int(sys.argv[3]) * (7 if i % 10 == 0 else 0.7)
    print('%.3f' % (random.uniform(0, top) / 1000))" "$seed" "$rounds" "$ms" > "$TMP/delays"
check() { # check WHEN: the database after a kill or a restart
    # killed before it created the database: nothing to check yet
    [ -e "$db" ] || [ -s "$TMP/expected" ] || return 0
    "$RAW" stories --db "$db" --json > "$TMP/stories.json" 2> "$TMP/err" ||
        { cat "$TMP/err"; fail "round $i ($1): stories --db does not open the database"; }
    python3 - "$db" "$TMP/stories.json" "$TMP/expected" <<'PY' || fail "round $i ($1)"
import json, sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchall()
if r != [('ok',)]:
    sys.exit('integrity_check: %r' % (r,))
d = json.load(open(sys.argv[2]))
have = {a for s in d['stories'] for a in s['articles']}
lost = set(open(sys.argv[3]).read().split()) - have
if lost:
    sys.exit('completed articles lost: %s' % sorted(lost)[:3])
PY
}
# names TARGET: the article ids (file names) under TARGET
names() { find "$1" -name '*.txt' | sed 's|.*/||'; }
killed=0 finished=0 i=0
start=$(date +%s)
for delay in $(cat "$TMP/delays"); do
    i=$((i + 1))
    b=$(( (i - 1) % 50 + 1 ))
    target="$all/b$b"; [ $((i % 10)) -eq 0 ] && target="$all"
    # (in a subshell, so that the shell's "Killed" notice goes to /dev/null)
    rc=$( ("$RAW" ingest --db "$db" "$target" > /dev/null 2>&1 &
           pid=$!; sleep "$delay"; kill -9 $pid 2>/dev/null; wait $pid; echo $?) 2>/dev/null)
    if [ "$rc" -eq 0 ]; then
        finished=$((finished + 1))
        names "$target" >> "$TMP/expected"
    elif [ "$rc" -eq 137 ]; then
        killed=$((killed + 1))
    else
        fail "round $i: ingest exited $rc before the kill"
    fi
    check "after a kill at ${delay}s"
    # restart: the same ingest runs to the end
    timeout 60 "$RAW" ingest --db "$db" "$target" > /dev/null 2> "$TMP/err" ||
        { cat "$TMP/err"; fail "round $i: restarted ingest failed"; }
    names "$target" >> "$TMP/expected"
    [ $((i % 10)) -eq 0 ] || [ $i -eq "$rounds" ] && check "after the restart"
done
n=$(python3 -c "
import json, sys
print(len({a for s in json.load(open(sys.argv[1]))['stories'] for a in s['articles']}))" "$TMP/stories.json")
echo "$i rounds in $(( $(date +%s) - start )) s (a batch took $ms ms): $killed killed during" \
    "ingest, $finished finished before the kill; $n articles stored"
[ "$n" -eq 300 ] || [ "$rounds" -ne 50 ] || fail "$n articles stored, wanted 300"
[ $killed -gt 0 ] || fail "no kill landed during an ingest"
exit 0
