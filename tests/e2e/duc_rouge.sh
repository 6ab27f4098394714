#!/bin/sh
# ROUGE of the multi-document summaries on the DUC 2003 dev clusters that
# have human summaries: one 100-word summary per cluster with
# `storyline summarize --words 100`, scored by ../shared/eval/rouge.py
# (ROUGE-1.5.5 options). Fails below ROUGE1_MIN / ROUGE2_MIN recall.
# The goal is R-1 0.40 / R-2 0.10 (ROUGE1_MIN=0.40 ROUGE2_MIN=0.10); the
# defaults are regression floors just under what the summariser reaches
# on the merged pipeline today (R-1 0.4005, R-2 0.1022 on 2026-11-22,
# after 0.398 / 0.102 before sentences leaning on the one before were left
# out), so a change that loses quality fails here. SL_SUMMARY_PARAMS (see src/summary.c) tunes it.
# Skips (77) when ../shared or python3 is absent. Set KEEP=dir to keep
# the summaries and the pairs file.
BUILD=${BUILD:-build}
SHARED=${SL_SHARED:-../shared}
DUC=$SHARED/data/duc2003-dev
[ -d "$DUC/summaries" ] && [ -f "$SHARED/eval/rouge.py" ] || { echo "no $DUC"; exit 77; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
BIN=$BUILD/storyline
[ -x "$BIN" ] || { echo "no $BIN"; exit 1; }
tmp=${KEEP:-$(mktemp -d)}
mkdir -p "$tmp"
pairs=$tmp/pairs.tsv
: > "$pairs"
for dir in "$DUC"/summaries/*/; do
    c=$(basename "$dir")
    out=$tmp/$c.txt
    "$BIN" summarize --words 100 "$DUC/docs/$c" > "$out" 2>/dev/null
    [ -s "$out" ] || { echo "no summary for $c"; exit 1; }
    refs=$(ls "$dir"*.txt | tr '\n' ',' | sed 's/,$//')
    printf '%s\t%s\t%s\n' "$c" "$out" "$refs" >> "$pairs"
done
res=$(python3 "$SHARED/eval/rouge.py" --batch "$pairs" -r 0 | tail -1)
[ -z "$KEEP" ] && rm -rf "$tmp"
echo "$res"
r1=$(printf '%s\n' "$res" | tr ' ' '\n' | sed -n 's/^rouge1_r=//p')
r2=$(printf '%s\n' "$res" | tr ' ' '\n' | sed -n 's/^rouge2_r=//p')
[ -n "$r1" ] && [ -n "$r2" ] || { echo "no ROUGE figures"; exit 1; }
min1=${ROUGE1_MIN:-0.395}
min2=${ROUGE2_MIN:-0.100}
awk -v a="$r1" -v b="$r2" -v x="$min1" -v y="$min2" 'BEGIN { exit !(a >= x && b >= y) }' ||
    { echo "ROUGE below thresholds (R-1 >= $min1, R-2 >= $min2)"; exit 1; }
