"""A small training job end to end: MLflow run (params, per-model metrics, plot), registry,
persisted forecasts, and inference from them."""

from __future__ import annotations

from datetime import date

import pytest
from mlflow import MlflowClient
from sqlalchemy import func, select

from data.models import Prediction, Rep
from tools.prediction.models import ProphetSettings, XGBSettings
from tools.prediction.pipeline import run_training
from tools.prediction.tracking import CHAMPION, MODEL_NAME
from tools.prediction.training import TrainConfig

TINY = TrainConfig(horizon=6, n_origins=2, prophet=ProphetSettings(n_changepoints=3, yearly_order=2),
                   xgb=XGBSettings(n_estimators=40), n_jobs=1)


def test_training_logs_registers_and_persists(demo_app):
    report = run_training(demo_app, TINY, ("total", "team"), source="test")
    uri = demo_app.settings.mlflow_uri
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    run = client.get_run(report.registration.run_id)
    for model in ("seasonal_naive", "prophet", "xgboost", "ensemble"):
        assert f"team_{model}_smape" in run.data.metrics
        assert f"team_{model}_mase" in run.data.metrics
    assert run.data.params["n_origins"] == "2" and run.data.params["n_series_team"] == "8"
    artifacts = [a.path for a in client.list_artifacts(run.info.run_id, "plots")]
    assert artifacts and artifacts[0].endswith(".png")
    assert str(client.get_model_version_by_alias(MODEL_NAME, CHAMPION).version) == report.registration.version
    # the ensemble is no worse than the worst member on the backtest it was weighted on
    team = report.results["team"].metrics
    assert team["ensemble"]["smape"] <= max(v["smape"] for k, v in team.items() if k != "ensemble")

    with demo_app.session() as session:
        rows = session.scalars(select(Prediction).where(Prediction.scope == "team")).all()
        assert len(rows) == 8 * 6
        assert {r.month for r in rows if r.scope_id == rows[0].scope_id} == {
            date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1),
            date(2027, 4, 1)}
        assert all(r.yhat_lower <= r.yhat <= r.yhat_upper for r in rows)
        assert all(r.team_id == r.scope_id for r in rows)
        total = session.scalar(select(func.count()).select_from(Prediction).where(Prediction.series_key == "total"))
        assert total == 6

    # retraining the same data with the same settings is not strictly better: the alias stays
    again = run_training(demo_app, TINY, ("total", "team"), source="test")
    if again.registration.metric >= report.registration.metric:
        assert not again.registration.promoted
        assert str(client.get_model_version_by_alias(MODEL_NAME, CHAMPION).version) == report.registration.version
    with demo_app.session() as session:
        versions = set(session.scalars(select(Prediction.model_version).where(Prediction.scope == "team")))
        assert versions == {report.registration.champion_version if not again.registration.promoted
                            else again.registration.version}
        assert session.scalar(select(func.count()).select_from(Rep)) > 0


def test_nightly_retrain_runs_every_train_hook(demo_app, monkeypatch):
    """The nightly job retrains through the capabilities' `train` hooks, like `medrep train`:
    rollups, the churn model and the forecasts."""
    from scheduled.nightly import nightly_retrain
    from tools.clients.churn import ChurnModel
    from tools.clients.lifecycle import model_dir
    from tools.prediction import lifecycle

    monkeypatch.setattr(lifecycle, "TRAIN_SCOPES", ("total",))
    monkeypatch.setattr(lifecycle, "TrainConfig", lambda: TINY)
    before = ChurnModel.load(model_dir(demo_app))
    summary = nightly_retrain(demo_app)
    lines = summary.splitlines()
    by_step = {line.split("]")[0].lstrip("["): line for line in lines}
    assert list(by_step)[:4] == ["rollup", "analytics", "clients", "prediction"]  # medrep train's order
    assert "재생성" in by_step["rollup"] and "매출 집계" in by_step["analytics"]
    assert "이탈 위험 모델(XGBoost) 학습 완료" in by_step["clients"] and "MLflow 기록 실패" not in by_step["clients"]
    assert "학습 완료(1개 계열" in by_step["prediction"] and "champion으로 승격" in by_step["prediction"]
    uri = demo_app.settings.mlflow_uri
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    runs = client.search_runs([client.get_experiment_by_name("medrep-forecast").experiment_id])
    assert [r.data.tags["source"] for r in runs] == ["train"]
    # the churn model was retrained: a fresh model file and a new MLflow run
    after = ChurnModel.load(model_dir(demo_app))
    assert after is not None and (before is None or after.meta["trained_at"] != before.meta["trained_at"])
    churn = client.search_runs([client.get_experiment_by_name("medrep-churn").experiment_id])
    assert len(churn) == 1 and churn[0].data.metrics["auc_holdout"] == pytest.approx(after.meta["auc_holdout"])


def test_nightly_failure_of_one_capability_does_not_stop_the_others(demo_app, monkeypatch):
    from scheduled import jobs
    from tools.analytics import lifecycle as analytics
    from tools.clients import lifecycle as clients
    from tools.prediction import lifecycle as prediction

    def broken(app):
        raise RuntimeError("churn data missing")

    monkeypatch.setattr(clients, "train", broken)
    monkeypatch.setattr(analytics, "train", lambda app: "집계 확인")
    monkeypatch.setattr(prediction, "train", lambda app: "예측 학습 완료")
    summary = jobs.nightly_job(demo_app)
    assert "[clients] 거래처 등급·이탈 위험·방문 우선순위 학습 실패: RuntimeError: churn data missing" in summary
    assert "[analytics] 집계 확인" in summary and "[prediction] 예측 학습 완료" in summary
    assert summary.splitlines()[0].startswith("[rollup] 매출 집계")
