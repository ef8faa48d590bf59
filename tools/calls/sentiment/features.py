"""Text → sparse features for the linear model: character n-grams of the text (spaces kept as
a boundary mark) and Kiwi morpheme n-grams, hashed into a fixed number of columns so the model
is a plain weight vector. Training and inference share this module, so both see one scheme."""

from __future__ import annotations

import re
from collections.abc import Sequence

WHITESPACE = re.compile(r"\s+")
MAX_CHARS = 300  # reviews and call utterances are short; a pasted essay is cut, not hashed whole


def normalize(text: str) -> str:
    return WHITESPACE.sub(" ", text or "").strip()[:MAX_CHARS]


def char_ngrams(text: str, longest: int) -> list[str]:
    padded = f" {text} "
    size = len(padded)
    return ["c" + padded[i:i + k] for k in range(1, longest + 1) for i in range(size - k + 1)]


def morpheme_ngrams(morphemes: Sequence[str], longest: int) -> list[str]:
    seq = ["<s>", *morphemes, "</s>"]
    size = len(seq)
    return ["m" + " ".join(seq[i:i + k]) for k in range(1, longest + 1) for i in range(size - k + 1)]


def morphemes(texts: Sequence[str]) -> list[list[str]]:
    """`form/TAG` per morpheme, from the process-wide Kiwi analyser."""
    from tools.common.korean import kiwi

    analysed = kiwi().tokenize(list(texts))
    return [[f"{t.form}/{t.tag}".replace(" ", "_") for t in tokens] for tokens in analysed]


def hashed(texts: Sequence[str], morphs: Sequence[Sequence[str]], n_features: int,
           char_n: int, morph_n: int):
    """Binary CSR matrix (one row per text) of the hashed n-grams."""
    import numpy as np
    from sklearn.feature_extraction import FeatureHasher

    # float32, as the weights: a float64 matrix would upcast the 4M-weight vector on every call
    hasher = FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False, dtype=np.float32)
    rows = (char_ngrams(t, char_n) + morpheme_ngrams(m, morph_n) for t, m in zip(texts, morphs))
    matrix = hasher.transform(rows).tocsr()
    matrix.data[:] = 1.0
    return matrix
