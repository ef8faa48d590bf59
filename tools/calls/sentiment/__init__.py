"""Korean sentiment of short texts (call utterances): P(positive) from a model trained on NSMC
reviews — an NB-weighted logistic regression over hashed character and morpheme n-grams,
averaged with a character CNN. The artifact is `model/` (npz + meta.json, made by `train.py`);
it is loaded once per process, on first use."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from tools.calls.sentiment.model import Ensemble, load_ensemble

_lock = threading.Lock()
_model: Ensemble | None = None


def _ensemble() -> Ensemble:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = load_ensemble()
    return _model


def predict_positive(texts: Sequence[str]) -> list[float]:
    """P(positive) in [0, 1] per text; an empty or blank text is 0.5 (no evidence)."""
    return _ensemble().predict(texts)


def model_description() -> str:
    return _ensemble().description
