"""Sentiment model speed: load time, then sentences per second over dev-set reviews in batches
(the way the call pipeline sends a call's utterances).

    .venv/bin/python bench/sentiment_bench.py [--tsv ../shared/bench/sentiment-ko/dev.tsv] [--n 2000] [--batch 64]

Prints JSON: model, load_s, n, batch, sentences_per_s, p50_ms and p95_ms per batch, threads."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_TSV = ROOT.parent / "shared" / "bench" / "sentiment-ko" / "dev.tsv"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()

    from tools.calls.sentiment.corpus import read_tsv

    texts = read_tsv(args.tsv, limit=args.n).texts
    started = time.perf_counter()
    from tools.calls.sentiment import model_description, predict_positive

    model = model_description()
    predict_positive(["워밍업 문장입니다"])  # Kiwi and torch set up on the first call
    load_s = time.perf_counter() - started

    batches = []
    began = time.perf_counter()
    for start in range(0, len(texts), args.batch):
        t0 = time.perf_counter()
        predict_positive(texts[start:start + args.batch])
        batches.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - began

    import torch

    print(json.dumps({
        "model": model, "load_s": round(load_s, 2), "n": len(texts), "batch": args.batch,
        "sentences_per_s": round(len(texts) / total, 1),
        "p50_ms": round(statistics.median(batches), 1),
        "p95_ms": round(sorted(batches)[int(0.95 * (len(batches) - 1))], 1),
        "torch_threads": torch.get_num_threads(),
    }, indent=2))


if __name__ == "__main__":
    main()
