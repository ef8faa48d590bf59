"""`medrep eval retrieval --beir DIR`: per-mode retrieval quality and latency as JSON."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

from tools.common.plumbing import ToolInputError
from tools.search.engine import EngineParams, HybridEngine
from tools.search.metrics import mrr_at, ndcg_at, percentile, recall_at

DEFAULT_MODE = "hybrid"


def load_beir(beir_dir: Path) -> tuple[dict[str, dict], dict[str, str], dict[str, dict[str, float]]]:
    """(corpus, queries, qrels) from a BEIR folder; Korean error when a file is missing."""
    beir_dir = Path(beir_dir)
    needed = [beir_dir / "corpus.jsonl", beir_dir / "queries.jsonl", beir_dir / "qrels" / "test.tsv"]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise ToolInputError(
            "BEIR 폴더 구성이 올바르지 않습니다. 다음 파일이 필요합니다: " + ", ".join(missing)
            + " (corpus.jsonl, queries.jsonl, qrels/test.tsv)")
    corpus = {}
    with open(needed[0], encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                corpus[str(row["_id"])] = {"title": row.get("title") or "", "text": row.get("text") or ""}
    queries = {}
    with open(needed[1], encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                queries[str(row["_id"])] = row["text"]
    qrels: dict[str, dict[str, float]] = {}
    with open(needed[2], encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        for row in reader:
            if len(row) < 3 or row[0] == "query-id":
                continue
            qrels.setdefault(row[0], {})[row[1]] = float(row[2])
    return corpus, queries, qrels


def passage_text(title: str, text: str) -> str:
    return f"{title}\n{text}".strip()


def evaluate_beir(beir_dir: Path, modes: list[str] | None = None, params: EngineParams | None = None,
                  settings=None) -> dict:
    """Index the corpus, run every query in each mode, return DESIGN.md's JSON object."""
    from medrep.kernel.settings import get_settings
    from tools.search.encoders import make_encoder
    from tools.search.reranker import load_reranker

    settings = settings or get_settings()
    corpus, queries, qrels = load_beir(beir_dir)
    reranker = load_reranker(settings.medrep_reranker_model)
    available = ["bm25", "dense", "hybrid"] + (["hybrid+rerank"] if reranker is not None else [])
    modes = modes or available
    unknown = [m for m in modes if m not in available]
    if unknown:
        raise ToolInputError(f"알 수 없거나 설정되지 않은 검색 모드입니다: {', '.join(unknown)} "
                             f"(가능: {', '.join(available)}; hybrid+rerank는 MEDREP_RERANKER_MODEL 설정 필요)")
    ids = list(corpus)
    texts = [passage_text(corpus[i]["title"], corpus[i]["text"]) for i in ids]
    engine = HybridEngine(encoder=make_encoder(settings.medrep_embedding_model), params=params or EngineParams())
    engine.build(texts)
    judged = [q for q in queries if q in qrels]
    if judged:
        engine.search(queries[judged[0]], "hybrid", 10)  # warm-up (lazy BM25 and caches)
    result: dict = {"n": len(judged), "default": "hybrid+rerank" if reranker is not None else DEFAULT_MODE,
                    "encoder": engine.encoder.name, "reranker": getattr(reranker, "name", None), "modes": {}}
    for mode in modes:
        sums = {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "ndcg@10": 0.0, "mrr@10": 0.0}
        latencies = []
        for qid in judged:
            t0 = time.perf_counter()
            hits = engine.search(queries[qid], mode, 10, reranker=reranker,
                                 texts_for=lambda pos: [texts[p] for p in pos])
            latencies.append((time.perf_counter() - t0) * 1000)
            ranked = [ids[h.position] for h in hits]
            rel = qrels[qid]
            sums["recall@1"] += recall_at(ranked, rel, 1)
            sums["recall@5"] += recall_at(ranked, rel, 5)
            sums["recall@10"] += recall_at(ranked, rel, 10)
            sums["ndcg@10"] += ndcg_at(ranked, rel, 10)
            sums["mrr@10"] += mrr_at(ranked, rel, 10)
        n = max(len(judged), 1)
        figures = {key: round(value / n, 4) for key, value in sums.items()}
        figures["p50_ms"] = round(percentile(latencies, 50), 2)
        figures["p95_ms"] = round(percentile(latencies, 95), 2)
        result["modes"][mode] = figures
    return result
