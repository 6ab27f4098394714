# Quality figures with the shared scorers (../shared/eval): extraction on
# the WCXB dev article pages, story clustering on the DUC 2003 event and
# topic clusters and on the seeds, summaries on DUC 2003 (ROUGE recall).
. bench/lib.sh
[ -d "$SHARED/data" ] || { echo "_quality: $SHARED/data absent, skipped_"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SL" extract --json "$SHARED/data/wcxb-dev-articles/dev/html" > "$tmp/wcxb.jsonl" 2>/dev/null
w=$(python3 "$SHARED/eval/extract_score.py" "$SHARED/data/wcxb-dev-articles/dev/ground-truth" "$tmp/wcxb.jsonl" | tail -1)
get() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
duc=$(sh tests/e2e/duc_cluster.sh 2>/dev/null)
d3=$(printf '%s\n' "$duc" | sed -n 's/^event clusters (d3): //p')
d1=$(printf '%s\n' "$duc" | sed -n 's/^topic clusters (d1, information): //p')
r=$(sh tests/e2e/duc_rouge.sh 2>/dev/null | grep rouge1_r)
"$SL" cluster --json "$SHARED/seeds" > "$tmp/seeds.json" 2>/dev/null
s=$(python3 "$SHARED/eval/cluster_score.py" "$SHARED/data/seeds-gold.tsv" "$tmp/seeds.json" | tail -1)
echo "## Quality (shared scorers)"
echo
echo "| what | command | figures |"
echo "|---|---|---|"
echo "| extraction, WCXB dev articles (711 pages) | \`storyline extract --json .../wcxb-dev-articles/dev/html\`, \`extract_score.py\` | word F1 $(get "$w" wcxb_f1), precision $(get "$w" wcxb_precision), recall $(get "$w" wcxb_recall) |"
echo "| clustering, DUC 2003 event clusters (d3) | \`sh tests/e2e/duc_cluster.sh\` | pairwise F1 $(get "$d3" pairwise_f1), BCubed F1 $(get "$d3" bcubed_f1) (P $(get "$d3" pairwise_p), R $(get "$d3" pairwise_r)) |"
echo "| clustering, DUC 2003 topic clusters (d1, information) | same | pairwise F1 $(get "$d1" pairwise_f1), BCubed F1 $(get "$d1" bcubed_f1) |"
echo "| clustering, seeds | \`storyline cluster --json ../shared/seeds\`, \`cluster_score.py\` | pairwise F1 $(get "$s" pairwise_f1), BCubed F1 $(get "$s" bcubed_f1) |"
echo "| summaries, DUC 2003 (52 clusters, 100 words) | \`sh tests/e2e/duc_rouge.sh\` (\`rouge.py -r 0\`) | ROUGE-1 recall $(get "$r" rouge1_r), ROUGE-2 recall $(get "$r" rouge2_r) |"
