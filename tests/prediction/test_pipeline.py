"""A small training job end to end: MLflow run (params, per-model metrics, plot), registry,
persisted forecasts, and inference from them."""

from __future__ import annotations

from datetime import date

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


def test_nightly_retrain_runs_the_training_job(demo_app, monkeypatch):
    from scheduled.nightly import nightly_retrain
    from tools.prediction import lifecycle, training

    monkeypatch.setattr(lifecycle, "TRAIN_SCOPES", ("total",))
    monkeypatch.setattr(training, "TrainConfig", lambda: TINY)
    summary = nightly_retrain(demo_app)
    assert "학습 완료(1개 계열" in summary and "champion으로 승격" in summary
    uri = demo_app.settings.mlflow_uri
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    runs = client.search_runs([client.get_experiment_by_name("medrep-forecast").experiment_id])
    assert [r.data.tags["source"] for r in runs] == ["nightly"]
