"""The churn model is loaded once per process and loaded again when a retrain rewrites it."""

from __future__ import annotations

import json
import os

import numpy as np
import xgboost as xgb

from tools.clients.churn import META_FILE, MODEL_FILE, ChurnModel
from tools.clients.features import FEATURES


def _save(model_dir, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, y = rng.random((60, len(FEATURES))), rng.integers(0, 2, 60)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 2}, xgb.DMatrix(x, label=y), num_boost_round=3)
    booster.save_model(str(model_dir / MODEL_FILE))
    (model_dir / META_FILE).write_text(json.dumps({"features": list(FEATURES)}), encoding="utf-8")


def test_loaded_once_then_again_after_a_retrain(tmp_path):
    assert ChurnModel.load(tmp_path) is None  # no model yet
    _save(tmp_path, 1)
    first = ChurnModel.load(tmp_path)
    assert first is not None and ChurnModel.load(tmp_path) is first
    _save(tmp_path, 2)
    stamp = (tmp_path / MODEL_FILE).stat().st_mtime_ns + 1_000_000
    os.utime(tmp_path / MODEL_FILE, ns=(stamp, stamp))  # a retrain within the same clock tick still counts
    second = ChurnModel.load(tmp_path)
    assert second is not None and second is not first
    x = np.random.default_rng(3).random((4, len(FEATURES)))
    fresh = xgb.Booster()
    fresh.load_model(str(tmp_path / MODEL_FILE))
    assert np.allclose(second.booster.predict(xgb.DMatrix(x)), fresh.predict(xgb.DMatrix(x)))
