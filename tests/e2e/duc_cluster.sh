#!/bin/sh
# Story clustering quality on the DUC 2003 dev event clusters (ids d3*), as
# one mixed pile, scored by ../shared/eval/cluster_score.py: pairwise F1 and
# BCubed F1 must reach the floors below. The topic clusters (d1*) are
# scored for information only. Skips (77) when ../shared is absent.
#
# The target is 0.95 for both; the floors are what the engine reaches now,
# so a regression fails the test. They went down by 0.01 when lone articles
# stopped joining other lone articles or joining on a shared name alone
# (lone_into, lone_body in src/cluster.c): on the Telegram pages those joins
# were mostly wrong, and DUC's event clusters are broad enough to reward them.
# They went up by 0.01 when small stories of two or more articles began to
# merge into their clear best larger story on shared content (merge_small),
# and again when a lone article whose best match is another lone article
# began to join its clear best established story (reassign): pairwise
# 0.8780, BCubed 0.8960 then. Up again when a lone article whose lone
# rival joined a story later in the same pass looked again (relook_body):
# pairwise 0.8864, BCubed 0.9038. What is left is mostly topic-level:
# several gold event clusters hold articles with no similarity to the
# rest (a month of Asian Games sports, two Senate races in a midterm
# cluster); with the pair scores of today, merging every piece of a gold
# cluster that has a positive average pair score with another piece, and
# removing every wrongly joined article, would reach pairwise F1 0.943.
PAIR_MIN=${DUC_PAIR_MIN:-0.88}
BCUBED_MIN=${DUC_BCUBED_MIN:-0.90}
BUILD=${BUILD:-build}
SHARED=${SL_SHARED:-../shared}
DUC=$SHARED/data/duc2003-dev
[ -d "$DUC/docs" ] || { echo "skip: $DUC is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is absent"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
score() { # $1 = d3 or d1
    grep -P "\t$1" "$DUC/gold.tsv" > "$tmp/gold_$1.tsv"
    "$BUILD/storyline" cluster --json "$DUC"/docs/$1* > "$tmp/$1.json" 2>/dev/null
    python3 "$SHARED/eval/cluster_score.py" "$tmp/gold_$1.tsv" "$tmp/$1.json" | tail -1
}
d1=$(score d1) && echo "topic clusters (d1, information): $d1"
d3=$(score d3) || { echo "clustering failed"; exit 1; }
echo "event clusters (d3): $d3"
pf=$(echo "$d3" | tr ' ' '\n' | sed -n 's/^pairwise_f1=//p')
bf=$(echo "$d3" | tr ' ' '\n' | sed -n 's/^bcubed_f1=//p')
python3 -c "import sys; sys.exit(0 if float('$pf') >= $PAIR_MIN and float('$bf') >= $BCUBED_MIN else 1)" ||
    { echo "below the floors: pairwise_f1=$pf (min $PAIR_MIN) bcubed_f1=$bf (min $BCUBED_MIN)"; exit 1; }
echo "ok"
