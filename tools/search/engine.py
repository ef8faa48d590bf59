"""Hybrid retrieval engine: BM25 (bm25s over Kiwi morphemes) + dense vectors (FAISS),
fused by weighted reciprocal rank, optionally reranked.

The engine knows positions 0..n-1 only; callers map positions to database rows and pass
a boolean `allowed` mask (the caller's visibility) that is applied BEFORE ranking, so
nothing a caller may not see can take a rank.
"""

from __future__ import annotations

import json
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tools.search.text import morphemes, morphemes_many, with_bigrams

MODES = ("bm25", "dense", "hybrid", "hybrid+rerank")


@dataclass(frozen=True)
class EngineParams:
    """General settings (see docs/search.md): BM25 k1=0.9, b=0.4 (the Anserini defaults) over
    morphemes + bigrams; convex fusion of BM25 and cosine, each min-max-normalised over the
    candidates, with a small dense weight (dense only reorders near-ties); RRF available as `fusion="rrf"`."""

    k1: float = 0.9
    b: float = 0.4
    fusion: str = "convex"  # convex | rrf
    alpha: float = 0.1  # dense weight in convex fusion
    rrf_k: int = 60
    w_bm25: float = 1.0
    w_dense: float = 1.0
    candidates: int = 100  # per retriever, before fusion
    rerank_top: int = 30


@dataclass
class Hit:
    position: int
    score: float
    bm25: float = 0.0
    dense: float = 0.0
    rank_bm25: int | None = None
    rank_dense: int | None = None
    rerank: float | None = None


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, scores.shape[0])
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


@dataclass
class HybridEngine:
    encoder: object
    params: EngineParams = field(default_factory=EngineParams)
    tokens: list[list[str]] = field(default_factory=list)
    vectors: object = None  # faiss index
    _bm25: object = None
    _bm25_size: int = 0
    _df: dict | None = None
    _df_size: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _encoder_file: Path | None = None  # where this fit of the encoder is already saved

    # ---- building -------------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.tokens)

    def build(self, texts: list[str], tokens: list[list[str]] | None = None) -> None:
        """Index `texts` from scratch (fits the LSA encoder on them)."""
        import faiss

        tokens = tokens if tokens is not None else morphemes_many(texts)
        self.encoder.fit(texts, tokens)
        self.tokens = list(tokens)
        self.vectors = faiss.IndexFlatIP(self.encoder.dim)
        if texts:
            self.vectors.add(self._encode(texts, tokens))
        self._bm25 = None
        self._bm25_size = 0
        self._encoder_file = None

    def _encode(self, texts: list[str], tokens: list[list[str]], batch: int = 4096) -> np.ndarray:
        parts = [self.encoder.encode(texts[i:i + batch], tokens[i:i + batch]) for i in range(0, len(texts), batch)]
        return np.vstack(parts).astype(np.float32) if parts else np.zeros((0, self.encoder.dim), np.float32)

    def add(self, texts: list[str], tokens: list[list[str]] | None = None) -> list[int]:
        """Append texts (incremental: vectors now, BM25 lazily on the next query)."""
        import faiss

        if not texts:
            return []
        tokens = tokens if tokens is not None else morphemes_many(texts)
        if self.vectors is None:
            self.vectors = faiss.IndexFlatIP(self.encoder.dim)
        start = self.size
        with self._lock:
            self.vectors.add(self._encode(texts, tokens))
            self.tokens.extend(tokens)
        return list(range(start, self.size))

    def _bm25_index(self):
        if self._bm25 is None or self._bm25_size != self.size:
            with self._lock:
                if self._bm25 is None or self._bm25_size != self.size:
                    import bm25s

                    bm = bm25s.BM25(k1=self.params.k1, b=self.params.b)
                    # an empty document must still occupy its position
                    bm.index([with_bigrams(t) if t else ["\u2205"] for t in self.tokens], show_progress=False)
                    self._bm25, self._bm25_size = bm, self.size
        return self._bm25

    def _document_frequencies(self) -> dict:
        with self._lock:
            if self._df is None or self._df_size > self.size:
                self._df, self._df_size = {}, 0
            if self._df_size < self.size:
                for toks in self.tokens[self._df_size:]:
                    for t in set(toks):
                        self._df[t] = self._df.get(t, 0) + 1
                self._df_size = self.size
        return self._df

    def df(self, term: str) -> int:
        return self._document_frequencies().get(term, 0)

    def term_idf(self, terms) -> dict[str, float]:
        import math

        df = self._document_frequencies()
        n = max(self.size, 1)
        return {t: math.log(1 + (n - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in terms}

    def terms_with_prefix(self, prefix: str) -> list[str]:
        """Index terms that start with `prefix` (a brand stem → the names documents use)."""
        if len(prefix) < 2:
            return []
        return sorted(t for t in self._document_frequencies() if t.startswith(prefix) and "_" not in t)

    def doc_terms(self, position: int) -> set[str]:
        return set(self.tokens[position])

    def idf_coverage(self, query_tokens: list[str], position: int) -> float:
        """Share of the query's IDF mass that a passage contains (a relevance floor that
        ignores common words and punishes unmatched rare ones)."""
        import math

        terms = set(query_tokens)
        if not terms:
            return 0.0
        with self._lock:
            if self._df is None or self._df_size > self.size:
                self._df, self._df_size = {}, 0
            if self._df_size < self.size:
                for toks in self.tokens[self._df_size:]:
                    for t in set(toks):
                        self._df[t] = self._df.get(t, 0) + 1
                self._df_size = self.size
        n = max(self.size, 1)
        idf = {t: math.log(1 + (n - self._df.get(t, 0) + 0.5) / (self._df.get(t, 0) + 0.5)) for t in terms}
        doc = set(self.tokens[position])
        total = sum(idf.values())
        return sum(v for t, v in idf.items() if t in doc) / total if total > 0 else 0.0

    # ---- querying -------------------------------------------------------------------
    def bm25_scores(self, query_tokens: list[str]) -> np.ndarray:
        bm = self._bm25_index()
        vocab = bm.vocab_dict
        ids = [vocab[t] for t in with_bigrams(query_tokens) if t in vocab]
        if not ids or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(bm.get_scores_from_ids(ids), dtype=np.float32)

    def dense_scores(self, query: str, query_tokens: list[str], allowed: np.ndarray | None, k: int):
        """(positions, cosine) of the k nearest allowed vectors."""
        import faiss

        if self.size == 0:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        q = self.encoder.encode([query], [query_tokens])
        self._last_query_vector = q
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            if ids.size == 0:
                return np.empty(0, np.int64), np.empty(0, np.float32)
            k = min(k, int(ids.size))
            if ids.size < self.size:
                params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
        k = min(k, self.size)
        dist, pos = self.vectors.search(q, k, params=params) if params else self.vectors.search(q, k)
        keep = pos[0] >= 0
        return pos[0][keep].astype(np.int64), dist[0][keep].astype(np.float32)

    def search(self, query: str, mode: str = "hybrid", k: int = 10, allowed: np.ndarray | None = None,
               reranker=None, texts_for=None, extra_tokens: list[str] | None = None) -> list[Hit]:
        """Ranked hits among `allowed` positions. `texts_for(positions)` gives passages for the
        reranker (mode hybrid+rerank); `extra_tokens` are added to the query's morphemes (names
        analysed the way documents are)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}")
        q_tokens = morphemes(query) + [t for t in (extra_tokens or []) if t]
        p = self.params
        n_cand = max(p.candidates, k)
        hits: dict[int, Hit] = {}
        if mode in ("bm25", "hybrid", "hybrid+rerank"):
            scores = self.bm25_scores(q_tokens)
            if allowed is not None:
                scores = np.where(allowed, scores, -1.0)
            for rank, pos in enumerate(_top(scores, n_cand)):
                if scores[pos] <= 0:
                    break
                hits[int(pos)] = Hit(int(pos), 0.0, bm25=float(scores[pos]), rank_bm25=rank)
        if mode in ("dense", "hybrid", "hybrid+rerank"):
            positions, cos = self.dense_scores(query, q_tokens, allowed, n_cand)
            for rank, (pos, c) in enumerate(zip(positions.tolist(), cos.tolist())):
                hit = hits.setdefault(pos, Hit(pos, 0.0))
                hit.dense, hit.rank_dense = c, rank
        if mode in ("hybrid", "hybrid+rerank") and hits:
            self._fuse(hits, scores)
        else:
            for hit in hits.values():
                hit.score = hit.bm25 if mode == "bm25" else hit.dense
        ranked = sorted(hits.values(), key=lambda h: (-h.score, h.position))
        if mode == "hybrid+rerank" and reranker is not None and ranked:
            head = ranked[: max(p.rerank_top, k)]
            passages = texts_for([h.position for h in head])
            scores = reranker.score(query, passages)
            for h, s in zip(head, scores):
                h.rerank = float(s)
            ranked = sorted(head, key=lambda h: (-(h.rerank or 0.0), -h.score)) + ranked[len(head):]
        return ranked[:k]

    def _fuse(self, hits: dict[int, Hit], bm25_all: np.ndarray) -> None:
        p = self.params
        if p.fusion == "rrf":
            for hit in hits.values():
                hit.score = (p.w_bm25 / (p.rrf_k + hit.rank_bm25 + 1) if hit.rank_bm25 is not None else 0.0) + (
                    p.w_dense / (p.rrf_k + hit.rank_dense + 1) if hit.rank_dense is not None else 0.0)
            return
        positions = np.fromiter(hits.keys(), dtype=np.int64)
        # exact scores of both retrievers for every candidate of either
        vecs = self.vectors.reconstruct_batch(positions)
        cos = vecs @ self._last_query_vector[0]
        bm = np.maximum(bm25_all[positions], 0.0)
        bm_spread = float(bm.max() - bm.min())
        bm_n = (bm - bm.min()) / bm_spread if bm_spread > 1e-9 else np.zeros_like(bm)
        spread = float(cos.max() - cos.min())
        cos_n = (cos - cos.min()) / spread if spread > 1e-9 else np.zeros_like(cos)
        fused = (1 - p.alpha) * bm_n + p.alpha * cos_n
        for pos, f, b, c in zip(positions.tolist(), fused.tolist(), bm.tolist(), cos.tolist()):
            hit = hits[pos]
            hit.score, hit.bm25, hit.dense = f, b, c

    # ---- persistence ----------------------------------------------------------------
    def save(self, directory: Path) -> None:
        import faiss

        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.vectors, str(directory / "vectors.faiss"))
        with open(directory / "tokens.pkl", "wb") as fh:
            pickle.dump(self.tokens, fh, protocol=pickle.HIGHEST_PROTOCOL)
        # appends do not refit the encoder: its 14 MB pickle is written once per fit
        if self._encoder_file != directory / "encoder.pkl" or not self._encoder_file.exists():
            self.encoder.save(directory / "encoder.pkl")
            self._encoder_file = directory / "encoder.pkl"
        (directory / "engine.json").write_text(json.dumps(
            {"encoder": self.encoder.name, "size": self.size, "params": self.params.__dict__}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, encoder, params: EngineParams | None = None) -> HybridEngine:
        import faiss

        with open(directory / "tokens.pkl", "rb") as fh:
            tokens = pickle.load(fh)
        engine = cls(encoder=encoder, params=params or EngineParams(), tokens=tokens)
        engine.vectors = faiss.read_index(str(directory / "vectors.faiss"))
        engine._encoder_file = directory / "encoder.pkl"
        if engine.vectors.ntotal != len(tokens) or engine.vectors.d != encoder.dim:
            raise ValueError("index files disagree; rebuild")
        return engine
