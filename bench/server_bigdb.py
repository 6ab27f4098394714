#!/usr/bin/env python3
"""Builds a large storyline database for the server benchmark (reads at
scale) without running the clusterer 100,000 times: the cleaned articles of
a JSONL file (from `storyline extract --json DIR`) are inserted REPLICAS
times under new ids, each replica shifted by a day, with story ids assigned
in groups of GROUP consecutive articles. The server then loads it like any
database (the stored story of each article is restored as is).

usage: bench/server_bigdb.py ARTICLES.jsonl OUT.db TOTAL [GROUP]
OUT.db must already exist with storyline's schema (e.g. from
`storyline ingest --db OUT.db EMPTY_DIR`).
"""
import json
import sqlite3
import sys
from datetime import datetime


def epoch(iso):
    if not iso:
        return None
    try:
        return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def main():
    src, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    group = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    docs = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    db = sqlite3.connect(out)
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


if __name__ == "__main__":
    main()
