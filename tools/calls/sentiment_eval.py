"""`medrep eval sentiment --tsv FILE`: accuracy and macro-F1 of the call-analysis sentiment
model on an NSMC-layout TSV (`id<TAB>document<TAB>label`, header; 1 positive, 0 negative)."""

from __future__ import annotations

import time
from pathlib import Path

from tools.calls.sentiment import texts
from tools.common.plumbing import ToolInputError

BATCH = 512


def macro_f1(predicted: list[int], labels: list[int]) -> float:
    scores = []
    for positive in (0, 1):
        tp = sum(1 for p, y in zip(predicted, labels) if p == positive and y == positive)
        fp = sum(1 for p, y in zip(predicted, labels) if p == positive and y != positive)
        fn = sum(1 for p, y in zip(predicted, labels) if p != positive and y == positive)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2


def evaluate_tsv(path: Path, limit: int | None = None) -> dict:
    from tools.calls.sentiment import model_description, predict_positive
    from tools.calls.sentiment.corpus import read_tsv

    path = Path(path)
    if not path.is_file():
        raise ToolInputError(texts.TSV_NOT_FOUND.format(path=path))
    try:
        corpus = read_tsv(path, limit=limit)
    except ValueError as exc:
        raise ToolInputError(texts.TSV_BAD_HEADER) from exc
    if not len(corpus):
        raise ToolInputError(texts.TSV_EMPTY)
    model = model_description()  # loads the model, so its load time is not counted as speed
    started = time.perf_counter()
    probabilities: list[float] = []
    for start in range(0, len(corpus), BATCH):
        probabilities += predict_positive(corpus.texts[start:start + BATCH])
    elapsed = time.perf_counter() - started
    predicted = [1 if p > 0.5 else 0 for p in probabilities]
    correct = sum(1 for p, y in zip(predicted, corpus.labels) if p == y)
    return {
        "n": len(corpus),
        "accuracy": round(correct / len(corpus), 4),
        "macro_f1": round(macro_f1(predicted, corpus.labels), 4),
        "model": model,
        "sentences_per_s": round(len(corpus) / elapsed, 1) if elapsed > 0 else None,
    }
