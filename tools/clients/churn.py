"""Churn-risk model: XGBoost on monthly account snapshots, time-based hold-out.

Label: an account that bought in the 3 months before a cutoff month buys nothing in the 3
months from the cutoff. Training cutoffs run up to `HOLDOUT_MONTHS + 2` months before the
last complete label window; the latest `HOLDOUT_MONTHS` cutoffs are the hold-out (their
label windows never overlap training labels). The model is saved under
MEDREP_HOME/models and loaded for inference; it is never trained inside a chat turn.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import MonthlySale
from tools.clients.features import FEATURE_KO, FEATURES, AccountFeatures, churn_labels, compute_features
from tools.common.periods import add_months, month_start

log = logging.getLogger(__name__)
HORIZON = 3
HOLDOUT_MONTHS = 6
MODEL_FILE = "churn_xgb.json"
META_FILE = "churn_xgb.meta.json"


@dataclass
class TrainResult:
    auc: float
    n_train: int
    n_test: int
    positives_train: int
    positives_test: int
    path: Path


def _snapshots(session: Session, cutoffs: list[date]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for cutoff in cutoffs:
        feats = compute_features(session, cutoff, only_recently_active=True)
        xs.append(feats.matrix)
        ys.append(churn_labels(session, feats.account_ids, cutoff, HORIZON))
    return np.vstack(xs), np.concatenate(ys)


def train_churn_model(session: Session, today: date, model_dir: Path, seed: int = 7) -> TrainResult:
    first = session.scalar(select(func.min(MonthlySale.month)))
    if first is None:
        raise LookupError("매출 데이터가 없어 이탈 위험 모델을 학습할 수 없습니다.")
    if isinstance(first, str):
        first = date.fromisoformat(first)
    current = month_start(today)
    last_cutoff = add_months(current, -HORIZON)  # its label window ends with the last complete month
    test_cutoffs = [add_months(last_cutoff, -i) for i in range(HOLDOUT_MONTHS)][::-1]
    train_end = add_months(test_cutoffs[0], -HORIZON)  # no overlap of label windows
    train_start = add_months(first, 12)  # a full year of history for the features
    train_cutoffs = []
    c = train_start
    while c <= train_end:
        train_cutoffs.append(c)
        c = add_months(c, 1)
    if len(train_cutoffs) < 3:
        raise LookupError("학습에 필요한 매출 이력이 부족합니다(최소 2년).")
    x_train, y_train = _snapshots(session, train_cutoffs)
    x_test, y_test = _snapshots(session, test_cutoffs)
    # No scale_pos_weight: re-weighting the rare positives ~400× inflated every probability (a
    # "30%" meant ~1%), so a threshold on the risk meant nothing. Unweighted log-loss keeps the
    # ranking (AUC) and gives probabilities that match observed rates (calibration in the meta).
    model = xgb.XGBClassifier(
        n_estimators=300, max_depth=4, learning_rate=0.05, subsample=0.9, colsample_bytree=0.9,
        min_child_weight=2, eval_metric="logloss", random_state=seed, n_jobs=2,
    )
    model.fit(x_train, y_train)
    p_test = model.predict_proba(x_test)[:, 1]
    auc = float(roc_auc_score(y_test, p_test)) if 0 < y_test.sum() < len(y_test) else float("nan")
    calibration = calibration_table(y_test, p_test)
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    model.get_booster().save_model(str(path))
    meta = {"features": list(FEATURES), "auc_holdout": auc, "n_train": int(len(y_train)), "n_test": int(len(y_test)),
            "positives_train": int(y_train.sum()), "positives_test": int(y_test.sum()),
            "train_cutoffs": [train_cutoffs[0].isoformat(), train_cutoffs[-1].isoformat()],
            "test_cutoffs": [test_cutoffs[0].isoformat(), test_cutoffs[-1].isoformat()],
            "brier_holdout": float(np.mean((p_test - y_test) ** 2)), "mean_risk_holdout": float(p_test.mean()),
            "churn_rate_holdout": float(y_test.mean()), "calibration_holdout": calibration,
            "horizon_months": HORIZON, "trained_at": datetime.now(timezone.utc).isoformat(), "business_date": today.isoformat()}
    (model_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return TrainResult(auc, len(y_train), len(y_test), int(y_train.sum()), int(y_test.sum()), path)


def calibration_table(y: np.ndarray, p: np.ndarray) -> list[dict]:
    """Predicted vs observed churn per risk band (hold-out): is a "20%" really one in five?"""
    edges = [0.0, 0.01, 0.05, 0.2, 0.5, 1.0001]
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (p >= lo) & (p < hi)
        if mask.any():
            rows.append({"band": f"{lo:.0%}–{min(hi, 1):.0%}", "n": int(mask.sum()),
                         "mean_risk": float(p[mask].mean()), "observed": float(y[mask].mean())})
    return rows


def log_to_mlflow(tracking_uri: str, result: TrainResult) -> bool:
    """Log the hold-out AUC and the model file to MLflow; False when MLflow is unreachable."""
    from tools.common.tracking import mlflow_session

    try:
        with mlflow_session(tracking_uri) as (mlflow, _client):
            mlflow.set_experiment("medrep-churn")
            with mlflow.start_run(run_name="churn-xgboost"):
                mlflow.log_params({"horizon_months": HORIZON, "holdout_months": HOLDOUT_MONTHS, "n_train": result.n_train})
                mlflow.log_metrics({"auc_holdout": result.auc, "positives_test": result.positives_test})
                mlflow.log_artifact(str(result.path))
        return True
    except Exception:  # tracking is optional; the model file is what inference uses
        log.warning("MLflow logging failed", exc_info=True)
        return False


_LOADED: dict[str, tuple[tuple, "ChurnModel"]] = {}  # model path -> (file stamps, model)
_LOADED_LOCK = threading.Lock()


class ChurnModel:
    """A saved churn model: scores and per-feature contributions (pred_contribs)."""

    def __init__(self, model_dir: Path):
        path = model_dir / MODEL_FILE
        if not path.exists():
            raise FileNotFoundError(path)
        self.booster = xgb.Booster()
        self.booster.load_model(str(path))
        meta_path = model_dir / META_FILE
        self.meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        if self.meta.get("features", list(FEATURES)) != list(FEATURES):  # trained on another feature set
            raise FileNotFoundError(path)

    @classmethod
    def load(cls, model_dir: Path) -> "ChurnModel | None":
        """The saved model, or None when there is none (or it predates the current features:
        `medrep train` retrains it). Kept per process until the file changes (a retrain)."""
        path = model_dir / MODEL_FILE
        try:
            key = (str(path), path.stat().st_mtime_ns, (model_dir / META_FILE).stat().st_mtime_ns
                   if (model_dir / META_FILE).exists() else 0)
        except FileNotFoundError:
            return None
        with _LOADED_LOCK:
            cached = _LOADED.get(str(path))
            if cached is not None and cached[0] == key:
                return cached[1]
        try:
            model = cls(model_dir)
        except FileNotFoundError:
            return None
        with _LOADED_LOCK:
            _LOADED[str(path)] = (key, model)
        return model

    def score(self, feats: AccountFeatures) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities, contributions (n, n_features) in log-odds)."""
        if len(feats.account_ids) == 0:
            return np.zeros(0), np.zeros((0, len(FEATURES)))
        matrix = xgb.DMatrix(feats.matrix)
        probs = self.booster.predict(matrix)
        contribs = self.booster.predict(matrix, pred_contribs=True)[:, :-1]  # last column is the bias
        return probs, contribs


def explain(feats: AccountFeatures, i: int, contribs: np.ndarray, k: int = 3) -> list[str]:
    """Top factors raising the risk of account i, in Korean with the feature's value."""
    order = np.argsort(-contribs[i])
    out = []
    for j in order[:k]:
        if contribs[i, j] <= 0:
            break
        name = FEATURES[j]
        out.append(f"{FEATURE_KO[name]}({_value_text(name, feats.matrix[i, j], feats, i)})")
    return out or ["뚜렷한 위험 요인 없음"]


def _value_text(name: str, value: float, feats: AccountFeatures, i: int) -> str:
    from tools.common.formatting import format_won

    if name == "log_amount_12":
        return format_won(feats.raw["amount_12"][i])
    if name == "log_amount_3":
        return format_won(feats.raw["amount_3"][i])
    if name in ("trend_ratio",):
        return f"{(value - 1) * 100:+.0f}%"
    if name == "slope_6":
        return f"월 {value * 100:+.1f}%"
    if name == "mom_drop":
        return f"{-value * 100:+.0f}%"
    if name == "visit_gap_days":
        return "방문 기록 없음" if value >= 365 else f"{int(value)}일"
    if name == "log_beds":
        return f"{int(round(np.expm1(value)))}병상"
    if name == "recency_months":
        return f"{int(value)}개월"
    return f"{value:g}"
