"""Dense text encoders: the corpus-fitted LSA default, or sentence-transformers.

- `LsaEncoder` (default, no download): TF-IDF over Kiwi morphemes and their bigrams plus
  TF-IDF over character 2-4-grams (weighted 0.3), reduced with TruncatedSVD (latent semantic analysis) and
  L2-normalised. It is fitted on the indexed corpus and persisted next to the index.
- `SentenceEncoder`: any sentence-transformers model named by `MEDREP_EMBEDDING_MODEL`
  (a local path or a model already in the Hugging Face cache; nothing is downloaded at
  run time because `HF_HUB_OFFLINE` is set before loading).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Protocol

import numpy as np

from tools.search.text import analyzer_text


class Encoder(Protocol):
    name: str
    dim: int

    def fit(self, texts: list[str], tokens: list[list[str]]) -> None: ...

    def encode(self, texts: list[str], tokens: list[list[str]]) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...


class LsaEncoder:
    """TF-IDF (morphemes + char n-grams) → TruncatedSVD → L2 norm, fitted on the corpus."""

    kind = "lsa"

    def __init__(self, dim: int = 512, fit_sample: int = 8000, seed: int = 0, char_weight: float = 0.3):
        self.target_dim = dim
        self.dim = dim
        self.fit_sample = fit_sample
        self.seed = seed
        self.char_weight = char_weight
        self._word = None
        self._char = None
        self._svd = None
        self._proj = None

    @property
    def name(self) -> str:
        return f"lsa-tfidf-kiwi+char(dim={self.dim})"

    @property
    def fitted(self) -> bool:
        return self._svd is not None

    def fit(self, texts: list[str], tokens: list[list[str]]) -> None:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        idx = np.arange(len(texts))
        if len(idx) > self.fit_sample:
            idx = np.sort(np.random.default_rng(self.seed).choice(idx, self.fit_sample, replace=False))
        words = [analyzer_text(tokens[i]) for i in idx]
        chars = [texts[i] for i in idx]
        self._word = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=1, dtype=np.float32)
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                                     min_df=2 if len(idx) > 50 else 1, max_features=300000, dtype=np.float32)
        mat = self._stack(self._word.fit_transform(words), self._char.fit_transform(chars))
        n_comp = max(1, min(self.target_dim, mat.shape[0] - 1, mat.shape[1] - 1))
        self._svd = TruncatedSVD(n_components=n_comp, random_state=self.seed, algorithm="randomized", n_iter=4)
        self._svd.fit(mat)
        self.dim = n_comp
        self._proj = None

    def _stack(self, word, char):
        from scipy.sparse import hstack

        return hstack([word, char * self.char_weight]).tocsr()

    def encode(self, texts: list[str], tokens: list[list[str]]) -> np.ndarray:
        if not self.fitted:
            raise RuntimeError("LSA encoder is not fitted")
        words = [analyzer_text(t) for t in tokens]
        mat = self._stack(self._word.transform(words), self._char.transform(texts))
        vecs = np.asarray(mat @ self._projection(), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return np.ascontiguousarray(vecs / norms)

    def _projection(self) -> np.ndarray:
        # features × dim, row-major float32: a sparse query touches only its own rows
        if getattr(self, "_proj", None) is None:
            self._proj = np.ascontiguousarray(self._svd.components_.T, dtype=np.float32)
        return self._proj

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            pickle.dump({"word": self._word, "char": self._char, "svd": self._svd, "dim": self.dim,
                         "char_weight": self.char_weight}, fh)

    @classmethod
    def load(cls, path: Path) -> LsaEncoder:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
        enc = cls(dim=state["dim"], char_weight=state.get("char_weight", 0.3))
        enc._word, enc._char, enc._svd = state["word"], state["char"], state["svd"]
        return enc


class SentenceEncoder:
    """A sentence-transformers model (`MEDREP_EMBEDDING_MODEL`); no fitting needed."""

    kind = "sentence-transformers"

    def __init__(self, model_name: str, device: str | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.model_name = model_name
        self.model = SentenceTransformer(model_name, device=device or "cpu")
        self.dim = int(self.model.get_sentence_embedding_dimension() or len(self.model.encode(["a"])[0]))

    @property
    def name(self) -> str:
        return f"sentence-transformers:{self.model_name}"

    fitted = True

    def fit(self, texts: list[str], tokens: list[list[str]]) -> None:
        return None

    def encode(self, texts: list[str], tokens: list[list[str]]) -> np.ndarray:
        vecs = self.model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        return np.ascontiguousarray(vecs.astype(np.float32))

    def save(self, path: Path) -> None:
        path.write_text(self.model_name, encoding="utf-8")


_sentence_cache: dict[str, SentenceEncoder] = {}


def make_encoder(model_name: str | None, dim: int = 512):
    """A fresh encoder: the named sentence-transformers model (cached per process), or LSA."""
    if model_name:
        if model_name not in _sentence_cache:
            _sentence_cache[model_name] = SentenceEncoder(model_name)
        return _sentence_cache[model_name]
    return LsaEncoder(dim=dim)


def load_encoder(path: Path, model_name: str | None):
    """The encoder persisted with an index (LSA pickle) or the configured model."""
    if model_name:
        return make_encoder(model_name)
    return LsaEncoder.load(path)
