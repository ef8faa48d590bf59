"""One training job: load panels → train → log to MLflow and register → persist the
champion's forecasts in the `predictions` table (what chat turns read)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import delete, select

from data.models import Account, Prediction, Rep
from tools.prediction.backtest import ENSEMBLE
from tools.prediction.charts import forecast_chart
from tools.prediction.series import load_panel, parse_key
from tools.prediction.tracking import Registration, log_and_register
from tools.prediction.training import PanelResult, TrainConfig, train_panels

log = logging.getLogger(__name__)
CORE_PANELS = ("total", "team", "product")


@dataclass
class TrainingReport:
    registration: Registration
    results: dict[str, PanelResult]
    n_series: int
    rows_written: int
    seconds: float

    def summary_ko(self) -> str:
        reg = self.registration
        status = "champion으로 승격" if reg.promoted else f"기존 champion(v{reg.champion_version}) 유지"
        parts = [f"{name} sMAPE {r.metrics[ENSEMBLE]['smape']:.1f}%" for name, r in self.results.items()
                 if ENSEMBLE in r.metrics]
        return (f"예측 모델 v{reg.version} 학습 완료({self.n_series}개 계열, {self.seconds:.0f}초; "
                f"{', '.join(parts)}) → {status}, 예측 {self.rows_written}건 저장")


def forecast_table(results: dict[str, PanelResult]) -> pd.DataFrame:
    frames = []
    for result in results.values():
        for key in result.forecast.columns:
            frames.append(pd.DataFrame({
                "series_key": key, "month": result.forecast.index, "yhat": result.forecast[key].to_numpy(),
                "yhat_lower": result.lower[key].to_numpy(), "yhat_upper": result.upper[key].to_numpy(),
            }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["series_key", "month", "yhat", "yhat_lower", "yhat_upper"])


def _owners(session) -> tuple[dict[int, int | None], dict[int, int | None]]:
    rep_team = dict(session.execute(select(Rep.id, Rep.team_id)).all())
    account_rep = dict(session.execute(select(Account.id, Account.owner_rep_id)).all())
    return rep_team, account_rep


def persist(app, table: pd.DataFrame, registration: Registration) -> int:
    """Write forecasts: all of them when promoted, else only series the champion lacks."""
    with app.session() as session:
        rep_team, account_rep = _owners(session)
        keys = set(table["series_key"])
        existing = set(session.scalars(select(Prediction.series_key).distinct()))
        if registration.promoted:
            session.execute(delete(Prediction).where(Prediction.series_key.in_(keys)))
            rows = table
        else:
            rows = table[~table["series_key"].isin(existing)]
        now = datetime.now(UTC).replace(tzinfo=None)
        records = []
        for row in rows.itertuples(index=False):
            scope, scope_id = parse_key(row.series_key)
            rep_id = scope_id if scope == "rep" else account_rep.get(scope_id) if scope == "account" else None
            team_id = scope_id if scope == "team" else rep_team.get(rep_id) if rep_id else None
            records.append(Prediction(
                created_at=now, series_key=row.series_key, scope=scope, scope_id=scope_id, rep_id=rep_id,
                team_id=team_id, month=pd.Timestamp(row.month).date(), model_name=ENSEMBLE,
                model_version=registration.version, yhat=float(row.yhat), yhat_lower=float(row.yhat_lower),
                yhat_upper=float(row.yhat_upper)))
        session.add_all(records)
        session.commit()
    return len(records)


def _core_metric(results: dict[str, PanelResult]) -> float:
    values = [r.metrics[ENSEMBLE]["smape"] for name, r in results.items()
              if name in CORE_PANELS and ENSEMBLE in r.metrics]
    if not values:
        values = [r.metrics[ENSEMBLE]["smape"] for r in results.values() if ENSEMBLE in r.metrics]
    return float(np.mean(values)) if values else float("inf")


def run_training(app, config: TrainConfig, scopes: tuple[str, ...], source: str,
                 no_prophet: frozenset[str] = frozenset({"account"})) -> TrainingReport:
    started = time.perf_counter()
    today = app.today()
    with app.session() as session:
        panels = {scope: load_panel(session, scope, today) for scope in scopes}
    panels = {k: v for k, v in panels.items() if not v.empty}
    if not panels:
        raise LookupError("학습할 매출 데이터가 없습니다. `medrep demo`로 데모 데이터를 만들거나 실적을 적재해 주세요.")
    results = train_panels(panels, config, no_prophet=set(no_prophet))
    metrics = {f"{name}_{model}_{kind}": value for name, r in results.items()
               for model, scores in r.metrics.items() for kind, value in scores.items() if np.isfinite(value)}
    params = {**config.params(), "scopes": ",".join(results), "no_prophet": ",".join(sorted(no_prophet)), "data_end": f"{next(iter(panels.values())).index[-1]:%Y-%m}"}
    for name, r in results.items():
        params[f"n_series_{name}"] = r.forecast.shape[1]
    plots = []
    plot_dir = app.settings.path("prediction", "plots", "x").parent
    for name in ("total", *results):
        if name in results:
            r = results[name]
            key = r.forecast.columns[0]
            plots.append(forecast_chart(plot_dir / f"{source}_{name}.png", f"{name} 매출 예측 ({key})",
                                        r.history[key].iloc[-24:], r.forecast[key], r.lower[key], r.upper[key]))
            break
    table = forecast_table(results)
    plans = {name: {"rule": r.plan.rule, "weights": r.plan.weights, "member_smape": r.plan.member_errors,
                    "repairs": r.repairs} for name, r in results.items()}
    registration = log_and_register(app.settings.mlflow_uri, app.settings.home / "mlartifacts",
                                    params=params, metrics=metrics, core_metric=_core_metric(results), forecast_table=table, plans=plans,
                                    plots=plots, tags={"source": source, "today": today.isoformat()})
    written = persist(app, table, registration)
    return TrainingReport(registration, results, int(table["series_key"].nunique()), written,
                          time.perf_counter() - started)
