"""MLflow: every training run logs parameters, backtest metrics per model and a forecast
plot; the forecast model is registered and the `champion` alias moves only when the new
version beats the current champion on the backtest (lower core sMAPE)."""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tools.common.tracking import mlflow_session

log = logging.getLogger(__name__)

EXPERIMENT = "medrep-forecast"
MODEL_NAME = "medrep-sales-forecast"
CHAMPION = "champion"
CORE_METRIC = "core_smape"


@dataclass
class Registration:
    run_id: str
    version: str
    promoted: bool
    champion_version: str | None
    previous_champion: str | None
    previous_metric: float | None
    metric: float


def current_champion(tracking_uri: str) -> tuple[str, float] | None:
    """(version, core sMAPE) of the champion, or None when there is none yet."""
    from mlflow.exceptions import MlflowException

    with mlflow_session(tracking_uri) as (_, client):
        try:
            version = client.get_model_version_by_alias(MODEL_NAME, CHAMPION)
        except MlflowException:
            return None
    metric = version.tags.get(CORE_METRIC)
    return str(version.version), float(metric) if metric is not None else float("inf")


def should_promote(new_metric: float, champion_metric: float | None) -> bool:
    """Promotion rule: no champion yet, or strictly better (lower) backtest sMAPE."""
    return champion_metric is None or new_metric < champion_metric


def ensure_experiment(mlflow, client, artifact_root: Path) -> None:
    """The experiment, with artifacts under MEDREP_HOME (not the working directory)."""
    if client.get_experiment_by_name(EXPERIMENT) is None:
        artifact_root.mkdir(parents=True, exist_ok=True)
        client.create_experiment(EXPERIMENT, artifact_location=artifact_root.resolve().as_uri())
    mlflow.set_experiment(EXPERIMENT)


def log_and_register(tracking_uri: str, artifact_root: Path, *, params: dict, metrics: dict[str, float], core_metric: float,
                     forecast_table: pd.DataFrame, plans: dict, plots: list[Path], tags: dict[str, str]) -> Registration:
    with mlflow_session(tracking_uri) as (mlflow, client):
        return _log_and_register(mlflow, client, tracking_uri, artifact_root, params=params, metrics=metrics,
                                 core_metric=core_metric, forecast_table=forecast_table, plans=plans, plots=plots,
                                 tags=tags)


def _log_and_register(mlflow, client, tracking_uri: str, artifact_root: Path, *, params: dict,
                      metrics: dict[str, float], core_metric: float, forecast_table: pd.DataFrame, plans: dict,
                      plots: list[Path], tags: dict[str, str]) -> Registration:
    from tools.prediction.mlflow_model import ForecastTableModel

    ensure_experiment(mlflow, client, artifact_root)
    champion = current_champion(tracking_uri)
    with mlflow.start_run(run_name=tags.get("source", "train")) as run:
        mlflow.set_tags(tags)
        mlflow.log_params(params)
        mlflow.log_metrics({**metrics, CORE_METRIC: core_metric})
        for plot in plots:
            mlflow.log_artifact(str(plot), artifact_path="plots")
        with tempfile.TemporaryDirectory() as tmp:
            table_path = Path(tmp) / "forecast.csv"
            forecast_table.to_csv(table_path, index=False)
            plan_path = Path(tmp) / "ensemble_plans.json"
            plan_path.write_text(json.dumps(plans, ensure_ascii=False, indent=2), encoding="utf-8")
            mlflow.log_artifact(str(plan_path))
            info = mlflow.pyfunc.log_model(
                name="forecast_model", python_model=ForecastTableModel(),
                artifacts={"forecast": str(table_path), "plans": str(plan_path)},
                pip_requirements=["mlflow", "pandas"], registered_model_name=MODEL_NAME,
            )
        version = str(info.registered_model_version)
        client.set_model_version_tag(MODEL_NAME, version, CORE_METRIC, repr(float(core_metric)))
        promoted = should_promote(core_metric, champion[1] if champion else None)
        if promoted:
            client.set_registered_model_alias(MODEL_NAME, CHAMPION, version)
        mlflow.set_tag("promoted", str(promoted).lower())
        return Registration(run.info.run_id, version, promoted, version if promoted else champion[0],
                            champion[0] if champion else None, champion[1] if champion else None, core_metric)
