"""Search benchmark: build an index over N chunks (default 100,000) and time queries.

Passages are sentences of the demo documents and wiki pages recombined at random (seeded),
so the vocabulary is realistic Korean pharma text. Prints build time (tokenising, LSA fit,
vectors, BM25) and per-mode query latency p50/p95, with a visibility mask like production
(a random 80% of positions allowed).

`--demo` instead times the whole search answer (`search_documents`: visibility mask in SQL,
entity lookup, query cleanup, hybrid retrieval, relevance floor, passages from the database)
in process on the demo corpus of MEDREP_HOME (run `medrep demo` first), over the questions of
the repo's own retrieval set (tests/search/data/pharma_questions.jsonl) asked as the demo rep
김민준: the first (cold: index load, Kiwi) query apart, then `--rounds` rounds, p50/p95 in ms.

    .venv/bin/python bench/search_bench.py [--chunks 100000] [--queries 200]
    MEDREP_HOME=var .venv/bin/python bench/search_bench.py --demo [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.search.encoders import LsaEncoder
from tools.search.engine import EngineParams, HybridEngine
from tools.search.text import morphemes_many

CONTENT = Path(__file__).resolve().parents[1] / "data" / "demo" / "content"


def sentences() -> list[str]:
    out = []
    for path in sorted(CONTENT.rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip("-# ").strip()
            if len(line) > 15 and ":" not in line[:12]:
                out.extend(s for s in re.split(r"(?<=[.다])\s+", line) if len(s) > 10)
    return out


def make_chunks(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = sentences()
    return [" ".join(rng.sample(pool, rng.randint(3, 8))) + f" 문서번호 {i}" for i in range(n)]


def pct(xs, q):
    return float(np.percentile(xs, q))


QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "search" / "data" / "pharma_questions.jsonl"


def demo(rounds: int) -> None:
    import json

    from sqlalchemy import select

    from data.access import Caller
    from data.models import Rep
    from medrep.kernel.context import open_app
    from tools.search.service import search_documents

    app = open_app()
    questions = [json.loads(line)["query"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    with app.session() as session:
        rep = Caller.from_rep(session.scalars(select(Rep).where(Rep.name == "김민준")).one())
        t = time.perf_counter()
        search_documents(session, app.settings, rep, questions[0], 5)
        cold = (time.perf_counter() - t) * 1000
        lat = []
        for _ in range(rounds):
            for q in questions:
                t = time.perf_counter()
                search_documents(session, app.settings, rep, q, 5)
                lat.append((time.perf_counter() - t) * 1000)
    print(f"demo corpus ({app.settings.home}): first query (index load, Kiwi) {cold:.0f} ms")
    print(f"search_documents: p50 {statistics.median(lat):6.1f} ms  p95 {pct(lat, 95):6.1f} ms  "
          f"max {max(lat):6.1f} ms  (n={len(lat)}: {len(questions)} questions x {rounds})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--demo", action="store_true", help="time search_documents on MEDREP_HOME's demo corpus")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if args.demo:
        demo(args.rounds)
        return

    chunks = make_chunks(args.chunks)
    t0 = time.perf_counter()
    tokens = morphemes_many(chunks)
    t_tok = time.perf_counter() - t0
    engine = HybridEngine(encoder=LsaEncoder(), params=EngineParams())
    t1 = time.perf_counter()
    engine.build(chunks, tokens)
    t_vec = time.perf_counter() - t1
    t2 = time.perf_counter()
    engine._bm25_index()
    t_bm25 = time.perf_counter() - t2
    print(f"chunks: {len(chunks):,}  encoder: {engine.encoder.name}")
    print(f"build: tokenise {t_tok:.1f}s, LSA fit + vectors {t_vec:.1f}s, BM25 {t_bm25:.1f}s, "
          f"total {t_tok + t_vec + t_bm25:.1f}s")

    rng = random.Random(11)
    pool = sentences()
    queries = [" ".join(rng.choice(pool).split()[:rng.randint(2, 5)]) for _ in range(args.queries)]
    allowed = np.random.default_rng(3).random(len(chunks)) < 0.8
    for q in queries[:5]:
        engine.search(q, "hybrid", 10, allowed=allowed)  # warm-up
    for mode in ("bm25", "dense", "hybrid"):
        lat = []
        for q in queries:
            t = time.perf_counter()
            engine.search(q, mode, 10, allowed=allowed)
            lat.append((time.perf_counter() - t) * 1000)
        print(f"query {mode:6s}: p50 {statistics.median(lat):6.1f} ms  p95 {pct(lat, 95):6.1f} ms  (n={len(lat)})")
    t = time.perf_counter()
    engine.add(make_chunks(1, seed=99))
    engine.search(queries[0], "hybrid", 10)
    print(f"append one chunk + first query (lazy BM25 rebuild): {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
