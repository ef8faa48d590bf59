"""A trained backstop for what the patterns miss: TF-IDF character n-grams + logistic
regression (one-vs-rest per category), trained on `tools/documents/data/compliance_train.jsonl`.
scikit-learn is imported lazily; nothing is downloaded."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from tools.documents.compliance.findings import CATEGORIES

TRAIN_FILE = Path(__file__).resolve().parents[1] / "data" / "compliance_train.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


class ComplianceClassifier:
    def __init__(self, rows: list[dict]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.preprocessing import MultiLabelBinarizer

        texts = [r["text"] for r in rows]
        self.binarizer = MultiLabelBinarizer(classes=list(CATEGORIES))
        y = self.binarizer.fit_transform([r["expect"] for r in rows])
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=1)
        x = self.vectorizer.fit_transform(texts)
        self.model = OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))
        self.model.fit(x, y)

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        probs = self.model.predict_proba(self.vectorizer.transform(texts))
        return [dict(zip(self.binarizer.classes_, row.tolist())) for row in probs]


@lru_cache(maxsize=1)
def default_classifier() -> ComplianceClassifier:
    return ComplianceClassifier(load_jsonl(TRAIN_FILE))
