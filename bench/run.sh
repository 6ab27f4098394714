#!/bin/sh
# make bench: runs every bench/*.sh (each prints a Markdown section with
# its figures and the command that measures them) and writes BENCHMARKS.md.
# Inputs are fixed files from ../shared; a section is skipped when they are
# absent. Each figure is the median of several runs.
BUILD=${BUILD:-build}
export BUILD
out=BENCHMARKS.md
tmp=$(mktemp)
{
    echo "# Benchmarks"
    echo
    echo "Written by \`make bench\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')). One core is used unless a section says otherwise."
    echo
    for s in bench/*.sh; do
        [ "$s" = bench/run.sh ] && continue
        [ "$s" = bench/lib.sh ] && continue
        echo "running $s" >&2
        echo "From \`sh $s\` (the script's head says what it runs):"
        echo
        sh "$s" || echo "_$(basename "$s") failed_"
        echo
    done
} > "$tmp"
mv "$tmp" "$out"
cat "$out"
