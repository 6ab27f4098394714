#!/usr/bin/env python3
"""Builds a large storyline database for the server benchmark (reads at
scale) without running the clusterer 100,000 times: the cleaned articles of
a JSONL file (from `storyline extract --json DIR`) are inserted REPLICAS
times under new ids, each replica shifted by a day, with story ids assigned
in groups of GROUP consecutive articles. The server then loads it like any
database (the stored story of each article is restored as is).

usage: bench/server_bigdb.py ARTICLES.jsonl OUT.db TOTAL [GROUP [PASS]]
OUT.db must already exist with storyline's schema (e.g. from
`storyline ingest --db OUT.db EMPTY_DIR`).

The inserted rows are logged for the full-text index, which lives in
OUT.db-fts (store.c, "How the index is kept"); this script then indexes
them as the server's indexer does under load, PASS (default 512) log
entries per transaction, so the index has the segments a server that took
the articles by PUT would have (the server would otherwise rebuild it at
once when it opens the file). It prints the time and the index's segment
count.

The index file's tokenizer ("storyline", src/fts_tokenizer.c) is not in
Python's SQLite: the script registers it on its connection from
build/libstoryline.so (or $SL_LIB) through ctypes, so the index it writes
is the one the server would write.
"""
import ctypes
import json
import os
import sqlite3
import sys
import time
from datetime import datetime


def epoch(iso):
    if not iso:
        return None
    try:
        return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def register_tokenizer(db):
    """sl_fts_register on db's sqlite3 handle (the pointer that follows the
    object header of CPython's sqlite3.Connection)."""
    here = os.path.dirname(os.path.abspath(__file__))
    lib = ctypes.CDLL(os.environ.get("SL_LIB") or
                      os.path.join(here, "..", "build", "libstoryline.so"))
    lib.sl_fts_register.argtypes = [ctypes.c_void_p]
    handle = ctypes.c_void_p.from_address(id(db) + object.__basicsize__).value
    if lib.sl_fts_register(handle) != 0:
        sys.exit("cannot register the storyline tokenizer")
    db.execute("CREATE VIRTUAL TABLE temp.tok_check USING fts5(x, tokenize='storyline')")
    db.execute("DROP TABLE temp.tok_check")


def main():
    src, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    group = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    docs = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    db = sqlite3.connect(out)
    register_tokenizer(db)
    db.execute("PRAGMA synchronous=OFF")
    story, n, r = 0, 0, 0
    with db:
        while n < total:
            for i, d in enumerate(docs):
                if n >= total:
                    break
                if i % group == 0:
                    story += 1
                t = epoch(d.get("published"))
                t = t + r * 86400 if t is not None else None
                pub = datetime.utcfromtimestamp(t).strftime("%Y-%m-%dT%H:%M:%SZ") if t else None
                db.execute(
                    "INSERT INTO articles(id,source,format,title,published,pub_time,site,author,"
                    "url,lang,raw,text,hash,story) VALUES(?,?,?,?,?,?,?,?,?,?,NULL,?,?,?)",
                    ("r%d-%s" % (r, d["id"]), "bench", "text", d.get("title"), pub, t,
                     d.get("site"), d.get("author"), d.get("url"), d.get("lang"),
                     d.get("text") or "", n + 1, story))
                n += 1
            r += 1
    print("%d articles, %d stories, %d replicas" % (n, story, r))
    step = int(sys.argv[5]) if len(sys.argv) > 5 else 512
    db.execute("ATTACH ? AS fts", (out + "-fts",))
    t0 = time.time()
    while True:
        with db:
            # the store's index pass (sl_store_index): the oldest log entries
            # after the watermark; each seq's entry set to its current row
            done = db.execute("SELECT done FROM fts.fts_meta").fetchone()[0]
            hi, got = db.execute("SELECT max(n), count(*) FROM (SELECT n FROM fts_log"
                                 " WHERE n > ? ORDER BY n LIMIT ?)", (done, step)).fetchone()
            if not got:
                break
            for (seq,) in db.execute("SELECT DISTINCT seq FROM fts_log WHERE n > ? AND n <= ?",
                                     (done, hi)).fetchall():
                db.execute("DELETE FROM fts.articles_fts WHERE rowid=?", (seq,))
                db.execute("INSERT INTO fts.articles_fts(rowid,title,text)"
                           " SELECT seq,title,text FROM articles WHERE seq=?", (seq,))
            db.execute("UPDATE fts.fts_meta SET done=?", (hi,))
    with db:
        db.execute("DELETE FROM fts_log WHERE n <= (SELECT done FROM fts.fts_meta)")
    segs = db.execute("SELECT count(DISTINCT segid) FROM fts.articles_fts_idx"
                      ).fetchone()[0]
    print("indexed in passes of %d: %.1f s, %d segments" % (step, time.time() - t0, segs))

if __name__ == "__main__":
    main()
