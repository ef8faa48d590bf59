"""`medrep demo` / `medrep train` hooks: train the churn model; `medrep doctor` rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tools.clients.churn import ChurnModel, log_to_mlflow, train_churn_model

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext


def model_dir(app: "AppContext") -> Path:
    return app.settings.home / "models"


def train(app: "AppContext") -> str:
    with app.session() as session:
        result = train_churn_model(session, app.today(), model_dir(app))
    logged = log_to_mlflow(app.settings.mlflow_uri, result)
    return (f"이탈 위험 모델(XGBoost) 학습 완료: 시간 기준 검증 AUC {result.auc:.3f} "
            f"(학습 {result.n_train:,}건/이탈 {result.positives_train}, 검증 {result.n_test:,}건/이탈 {result.positives_test})"
            + ("" if logged else " — MLflow 기록 실패(모델 파일은 저장됨)"))


def prepare(app: "AppContext") -> str:
    return train(app)


def doctor(app: "AppContext") -> list[tuple[str, str, str]]:
    model = ChurnModel.load(model_dir(app))
    if model is None:
        return [("churn model", "xgboost", "미학습 — `medrep train` 실행")]
    auc = model.meta.get("auc_holdout")
    return [("churn model", "xgboost", f"OK (AUC {auc:.3f}, {model.meta.get('trained_at', '')[:10]})"
             if auc is not None else "OK")]
