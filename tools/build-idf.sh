#!/bin/sh
# Rebuilds the story engine's background IDF table, reproducibly:
#   data/idf/bg_df.tsv     document counts of stems (counts and stems only)
#   src/cluster_idftab.c   the same table compiled into the library
# Usage: tools/build-idf.sh [CORPUS_DIR...]   (run from the repository root,
# after `make`). Default corpora: the public news samples in ../shared/data
# (Telegram 2019 contest sample, WCXB article pages); see data/idf/README.md.
# No Debian package ships news word/document frequencies for English and
# Russian (python3-wordfreq is not in Debian 12), so the counts come from
# these corpora.
set -eu
BUILD=${BUILD:-build}
[ -f "$BUILD/libstoryline.a" ] || { echo "run make first" >&2; exit 1; }
if [ $# -eq 0 ]; then
    set -- ../shared/data/telegram-2019-dev ../shared/data/wcxb-dev-articles
fi
PKGS=$(awk '!/^#/ && NF>=2 && $2 != "-" && $2 !~ /^-/ && $2 != "cmocka" {print $2}' deps.txt)
RAW=$(awk '!/^#/ && NF>=2 && $2 ~ /^-./ {print "-l" substr($2,2)}' deps.txt)
mkdir -p "$BUILD/tools"
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
    -o "$BUILD/tools/build-idf" tools/build-idf.c "$BUILD/libstoryline.a" \
    $(pkg-config --libs $PKGS) $RAW -lpthread -lm
"$BUILD/tools/build-idf" count "$@" > data/idf/bg_df.tsv
"$BUILD/tools/build-idf" gen data/idf/bg_df.tsv > src/cluster_idftab.c
echo "data/idf/bg_df.tsv: $(head -1 data/idf/bg_df.tsv | cut -f2) documents, $(($(wc -l < data/idf/bg_df.tsv) - 1)) stems"
