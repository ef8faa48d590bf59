"""Capability hooks: `prepare` (medrep demo: fast training of every series but accounts),
`train` (medrep train / nightly: every series, full settings), `doctor`."""

from __future__ import annotations

from medrep.kernel.context import AppContext
from tools.prediction.training import FAST, TrainConfig

PREPARE_SCOPES = ("total", "team", "product", "rep")
TRAIN_SCOPES = ("total", "team", "product", "rep", "account")


def prepare(app: AppContext) -> str:
    from tools.prediction.pipeline import run_training

    # fast settings; Prophet only on the company/team/product panels so a demo stays well under a minute
    return run_training(app, FAST, PREPARE_SCOPES, source="prepare",
                        no_prophet=frozenset({"rep", "account"})).summary_ko()


def train(app: AppContext) -> str:
    from tools.prediction.pipeline import run_training

    return run_training(app, TrainConfig(), TRAIN_SCOPES, source="train").summary_ko()


def doctor(app: AppContext) -> list[tuple[str, str, str]]:
    from sqlalchemy import func, select

    from data.models import Prediction

    with app.session() as session:
        count = session.scalar(select(func.count()).select_from(Prediction)) or 0
        version = session.scalar(select(Prediction.model_version).order_by(Prediction.created_at.desc()).limit(1))
    status = f"예측 {count}건 (모델 v{version})" if count else "학습된 예측 없음 — `medrep train` 실행"
    return [("prediction", f"Prophet+XGBoost+계절 단순 앙상블, MLflow {app.settings.mlflow_uri}", status)]
