"""Intent classifier: character n-grams (1–4, within words) → TF-IDF → logistic regression,
trained on `agent/router/data/train.jsonl` (hand-written) and `train_generated.jsonl` (templates ×
slot values × styles, written by `data/generate.py`; labelling rules in `data/LABELLING.md`) plus
every manifest's examples. Entity names are masked first ("발사렉스 용량" → "⟨제품⟩ 용량",
agent/router/masking.py, with the slot filler's lexicon), in training and in `predict`, so
which product, team, rep or region the generator drew is no feature of an intent.

Training uses scikit-learn (only when no cached model matches the training data); the fitted
model is exported to plain arrays (vocabulary, idf, coefficients) that predict with numpy
alone, so answering a question never imports scikit-learn/scipy or loads a morpheme
analyser: a cold `medrep ask` stays fast. `test_slots_console.py` checks that the exported
model gives scikit-learn's probabilities.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
TRAIN_FILE = DATA_DIR / "train.jsonl"
GENERATED_FILE = DATA_DIR / "train_generated.jsonl"
# Hand-written in many styles from the catalog and LABELLING.md by engineers who had not seen
# train.jsonl or the templates (one file per group of capabilities).
WRITTEN_FILES: tuple[Path, ...] = tuple(sorted(DATA_DIR.glob("train_written_*.jsonl")))
TRAIN_FILES: tuple[Path, ...] = (TRAIN_FILE, GENERATED_FILE, *WRITTEN_FILES)
MODEL_VERSION = "4"  # bump when features change so cached models are rebuilt
NGRAM_RANGE = (1, 4)
REGULARISATION_C = 20.0

SMALLTALK = "smalltalk"
FOLLOWUP = "followup"
OUT_OF_SCOPE = "out_of_scope"  # weather, lunch, stocks, coding, 연애 상담…: answered without a tool
PSEUDO_INTENTS = (SMALLTALK, FOLLOWUP, OUT_OF_SCOPE)


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def char_ngrams(text: str) -> list[str]:
    """scikit-learn's `char_wb` analyser over `normalize(text)`: n-grams inside words padded
    with one space on each side."""
    grams: list[str] = []
    low, high = NGRAM_RANGE
    for word in normalize(text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return grams


def _paths(paths: Path | Sequence[Path]) -> list[Path]:
    return [paths] if isinstance(paths, Path) else list(paths)


def load_examples(paths: Path | Sequence[Path] = TRAIN_FILES) -> tuple[list[str], list[str]]:
    """(texts, intents) of one labelled JSONL file or several, in order."""
    texts, labels = [], []
    for path in _paths(paths):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["intent"])
    return texts, labels


def fit_pipeline(texts: Sequence[str], labels: Sequence[str]):
    """The scikit-learn pipeline (imported here: training only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    pipeline = Pipeline([
        ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                                  preprocessor=normalize, min_df=1)),
        ("clf", LogisticRegression(C=REGULARISATION_C, max_iter=3000)),
    ])
    pipeline.fit(list(texts), list(labels))
    return pipeline


@dataclass
class Prediction:
    intent: str
    confidence: float
    ranked: list[tuple[str, float]]


class Masker(Protocol):
    """Replaces entity names by placeholders (agent/router/masking.py)."""

    fingerprint: str

    def mask(self, text: str) -> str: ...


_FITTED: dict[str, "IntentClassifier"] = {}  # by training digest, shared in-process


class IntentClassifier:
    """Exported model: n-gram → column, idf per column, one coefficient row per intent.
    `mask` (when trained on masked lines) is applied by `predict`, not by `probabilities`."""

    mask: Callable[[str], str] | None = None

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 labels: list[str]):
        self.vocabulary = vocabulary
        self.idf = idf
        self.coef = coef
        self.intercept = intercept
        self.labels = labels

    @classmethod
    def from_pipeline(cls, pipeline) -> "IntentClassifier":
        tfidf, clf = pipeline.named_steps["tfidf"], pipeline.named_steps["clf"]
        coef, intercept = clf.coef_, clf.intercept_
        if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row
            coef, intercept = np.vstack([-coef, coef]), np.array([-intercept[0], intercept[0]])
        return cls({k: int(v) for k, v in tfidf.vocabulary_.items()}, tfidf.idf_.astype(np.float64),
                   coef.astype(np.float64), intercept.astype(np.float64), [str(c) for c in clf.classes_])

    @classmethod
    def train(cls, path: Path | Sequence[Path] = TRAIN_FILES, extra: Sequence[tuple[str, str]] = (),
              masker: Masker | None = None) -> "IntentClassifier":
        """Fit on the labelled file plus `extra` (text, intent) pairs: the manifests' examples;
        with `masker`, on the lines with their entity names masked."""
        texts, labels = load_examples(path)
        texts += [text for text, _ in extra]
        labels += [intent for _, intent in extra]
        if masker is not None:
            texts = [masker.mask(text) for text in texts]
        model = cls.from_pipeline(fit_pipeline(texts, labels))
        model.mask = masker.mask if masker is not None else None
        return model

    @classmethod
    def load_or_train(cls, cache_dir: Path | None, path: Path | Sequence[Path] = TRAIN_FILES,
                      extra: Sequence[tuple[str, str]] = (), masker: Masker | None = None) -> "IntentClassifier":
        """Use the exported model cached under `cache_dir` when the training data (and the
        masker's lexicon) is unchanged."""
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in _paths(path)) + json.dumps(list(extra), ensure_ascii=False).encode()
                                + MODEL_VERSION.encode() + (masker.fingerprint.encode() if masker else b"")).hexdigest()[:16]
        if digest in _FITTED:
            return _FITTED[digest]
        cache = cache_dir / f"intent-{digest}.npz" if cache_dir else None
        if cache and cache.exists():
            try:
                model = cls.load(cache)
                model.mask = masker.mask if masker is not None else None
                _FITTED[digest] = model
                return model
            except Exception:  # a stale or broken cache is rebuilt
                log.warning("intent model cache unreadable, retraining", exc_info=True)
        model = cls.train(path, extra, masker)
        _FITTED[digest] = model
        if cache:
            model.save(cache)
        return model

    def save(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        with tmp.open("wb") as fh:
            np.savez(fh, idf=self.idf, coef=self.coef, intercept=self.intercept,
                     terms=np.array(json.dumps(terms, ensure_ascii=False)),
                     labels=np.array(json.dumps(self.labels, ensure_ascii=False)))
        tmp.replace(target)

    @classmethod
    def load(cls, source: Path) -> "IntentClassifier":
        with np.load(source, allow_pickle=False) as data:
            terms = json.loads(str(data["terms"]))
            return cls({t: i for i, t in enumerate(terms)}, data["idf"], data["coef"], data["intercept"],
                       json.loads(str(data["labels"])))

    def probabilities(self, text: str) -> np.ndarray:
        counts = Counter(self.vocabulary[g] for g in char_ngrams(text) if g in self.vocabulary)
        scores = self.intercept.copy()
        if counts:
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            weights = np.array([1.0 + math.log(counts[c]) for c in columns]) * self.idf[columns]
            weights /= np.linalg.norm(weights)
            scores += self.coef[:, columns] @ weights
        scores -= scores.max()
        proba = np.exp(scores)
        return proba / proba.sum()

    def predict(self, text: str) -> Prediction:
        proba = self.probabilities(self.mask(text) if self.mask else text)
        order = np.argsort(-proba)
        ranked = [(self.labels[i], float(proba[i])) for i in order[:5]]
        return Prediction(ranked[0][0], ranked[0][1], ranked)
