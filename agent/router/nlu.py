"""Intent classifier: Kiwi morpheme uni/bigrams + character n-grams → logistic regression,
trained on `agent/router/data/train.jsonl` and cached under MEDREP_HOME by training-file hash."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from tools.common.korean import kiwi

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
TRAIN_FILE = DATA_DIR / "train.jsonl"
MODEL_VERSION = "2"  # bump when features change so cached models are rebuilt

SMALLTALK = "smalltalk"
FOLLOWUP = "followup"


_CONTENT_TAGS = ("N", "V", "M", "SL", "SN", "XR", "XS", "VA")


def morphemes(text: str) -> list[str]:
    """Kiwi morpheme forms (content words and derivational suffixes), lower-cased, with bigrams."""
    tokens = [t.form.lower() for t in kiwi().tokenize(text) if t.tag.startswith(_CONTENT_TAGS)]
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def load_examples(path: Path = TRAIN_FILE) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(row["intent"])
    return texts, labels


def build_pipeline() -> Pipeline:
    features = FeatureUnion([
        ("morph", TfidfVectorizer(analyzer=morphemes, sublinear_tf=True, min_df=1)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                                 preprocessor=normalize, min_df=1)),
    ])
    return Pipeline([("features", features), ("clf", LogisticRegression(C=20.0, max_iter=3000))])


_FITTED: dict[str, Pipeline] = {}  # fitted pipelines by training digest, shared in-process


@dataclass
class Prediction:
    intent: str
    confidence: float
    ranked: list[tuple[str, float]]


class IntentClassifier:
    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        self.labels: list[str] = list(pipeline.classes_)

    @classmethod
    def train(cls, path: Path = TRAIN_FILE, extra: Sequence[tuple[str, str]] = ()) -> "IntentClassifier":
        """Fit on the labelled file plus `extra` (text, intent) pairs: the manifests' examples."""
        texts, labels = load_examples(path)
        texts += [text for text, _ in extra]
        labels += [intent for _, intent in extra]
        pipeline = build_pipeline()
        pipeline.fit(texts, labels)
        return cls(pipeline)

    @classmethod
    def load_or_train(cls, cache_dir: Path | None, path: Path = TRAIN_FILE,
                      extra: Sequence[tuple[str, str]] = ()) -> "IntentClassifier":
        """Use the fitted model cached under `cache_dir` when the training data is unchanged."""
        digest = hashlib.sha256(path.read_bytes() + json.dumps(list(extra), ensure_ascii=False).encode()
                                + MODEL_VERSION.encode()).hexdigest()[:16]
        if digest in _FITTED:
            return cls(_FITTED[digest])
        cache = cache_dir / f"intent-{digest}.pkl" if cache_dir else None
        if cache and cache.exists():
            try:
                with cache.open("rb") as fh:
                    model = cls(pickle.load(fh))
                _FITTED[digest] = model.pipeline
                return model
            except Exception:  # a stale or broken cache is rebuilt
                log.warning("intent model cache unreadable, retraining", exc_info=True)
        model = cls.train(path, extra)
        _FITTED[digest] = model.pipeline
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump(model.pipeline, fh)
            tmp.replace(cache)
        return model

    def predict(self, text: str) -> Prediction:
        proba = self.pipeline.predict_proba([text])[0]
        order = np.argsort(-proba)
        ranked = [(self.labels[i], float(proba[i])) for i in order[:5]]
        return Prediction(ranked[0][0], ranked[0][1], ranked)
