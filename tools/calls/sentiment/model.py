"""Loading the artifact in `model/` and scoring with it: the linear model's probability and the
CNN's, mixed by the weight chosen on the validation split (meta.json)."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.calls.sentiment import cnn, features

MODEL_DIR = Path(__file__).with_name("model")
META_FILE = "meta.json"
LINEAR_FILE = "linear.npz"
CNN_FILE = "cnn.npz"


@dataclass
class Ensemble:
    meta: dict
    weights: np.ndarray  # NB ratio × LR weight per hashed column (float32)
    bias: float
    cnn_model: object | None
    vocab: dict[str, int]
    lock: threading.Lock

    @property
    def description(self) -> str:
        dev = self.meta.get("dev_accuracy")
        score = f", dev acc {dev:.3f}" if isinstance(dev, float) else ""
        return f"{self.meta['name']} v{self.meta['version']} (NSMC{score})"

    def linear_logits(self, texts: Sequence[str]) -> np.ndarray:
        cfg = self.meta["linear"]
        matrix = features.hashed(texts, features.morphemes(texts), cfg["n_features"],
                                 cfg["char_n"], cfg["morph_n"])
        return matrix @ self.weights + self.bias

    def cnn_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        ids = cnn.encode(texts, self.vocab, self.meta["cnn"]["length"])
        with self.lock:  # one torch forward at a time: the model is shared across threads
            return cnn.probabilities(self.cnn_model, ids)

    def predict(self, texts: Sequence[str]) -> list[float]:
        cleaned = [features.normalize(t) for t in texts]
        present = [i for i, t in enumerate(cleaned) if t]
        result = [0.5] * len(cleaned)
        if not present:
            return result
        batch = [cleaned[i] for i in present]
        p_linear = 1.0 / (1.0 + np.exp(-self.linear_logits(batch)))
        mix = self.meta["ensemble"]["linear_weight"]
        if self.cnn_model is not None and mix < 1.0:
            p = mix * p_linear + (1.0 - mix) * self.cnn_probabilities(batch)
        else:
            p = p_linear
        for i, value in zip(present, p):
            result[i] = float(min(1.0, max(0.0, value))) if math.isfinite(value) else 0.5
        return result


def load_ensemble(directory: Path = MODEL_DIR) -> Ensemble:
    meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    with np.load(directory / LINEAR_FILE) as linear:
        weights = linear["weights"].astype(np.float32)
        bias = float(linear["bias"])
    cnn_model, vocab = None, {}
    if (directory / CNN_FILE).exists():
        cfg = meta["cnn"]
        with np.load(directory / CNN_FILE) as arrays:
            chars = [str(c) for c in arrays["vocab"]]
            state = {k[len("w:"):]: arrays[k] for k in arrays.files if k.startswith("w:")}
        vocab = {ch: i + 2 for i, ch in enumerate(chars)}
        cnn_model = cnn.load(state, len(chars) + 2, cfg["dim"], cfg["filters"])
    return Ensemble(meta, weights, bias, cnn_model, vocab, threading.Lock())
