"""Training: backtest every model on each panel, weight the ensemble, forecast, intervals.

Work is split into (panel, model, cut) tasks run with joblib over the machine's cores, so
Prophet fits of different panels run side by side. Nothing here touches the database or
MLflow; `pipeline.py` does that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from tools.prediction.backtest import ENSEMBLE, EnsemblePlan, Fold, combine, fold_cuts, plan_ensemble, score
from tools.prediction.cleaning import clean_panel
from tools.prediction.models import ProphetSettings, XGBSettings, prophet, seasonal_naive, xgboost

INTERVAL_LEVEL = 0.8


@dataclass(frozen=True)
class TrainConfig:
    horizon: int = 6
    n_origins: int = 4
    prophet: ProphetSettings = field(default_factory=ProphetSettings)
    xgb: XGBSettings = field(default_factory=XGBSettings)
    n_jobs: int = 2

    def model_fns(self, use_prophet: bool = True) -> dict:
        fns = {"seasonal_naive": seasonal_naive}
        if use_prophet:
            fns["prophet"] = partial(prophet, settings=self.prophet)
        fns["xgboost"] = partial(xgboost, settings=self.xgb)
        return fns

    def params(self) -> dict:
        return {"horizon": self.horizon, "n_origins": self.n_origins,
                "prophet_n_changepoints": self.prophet.n_changepoints,
                "prophet_changepoint_prior_scale": self.prophet.changepoint_prior_scale,
                "prophet_yearly_order": self.prophet.yearly_order,
                "xgb_n_estimators": self.xgb.n_estimators, "xgb_max_depth": self.xgb.max_depth,
                "xgb_learning_rate": self.xgb.learning_rate, "interval_level": INTERVAL_LEVEL}


FAST = TrainConfig(horizon=6, n_origins=2, prophet=ProphetSettings(n_changepoints=4, yearly_order=3),
                   xgb=XGBSettings(n_estimators=150))


@dataclass
class PanelResult:
    name: str
    forecast: pd.DataFrame  # ensemble point forecast, future months × series
    lower: pd.DataFrame
    upper: pd.DataFrame
    members: dict[str, pd.DataFrame]
    plan: EnsemblePlan
    metrics: dict[str, dict[str, float]]  # model → {smape, mase}
    history: pd.DataFrame
    repairs: list[str]


def _run(fn, panel: pd.DataFrame, horizon: int) -> pd.DataFrame:
    return fn(panel, horizon)


def _relative_error_quantiles(folds: list[Fold], weights: dict[str, float], horizon: int) -> np.ndarray:
    """Per step ahead, the INTERVAL_LEVEL quantile of |actual/forecast - 1| of the ensemble."""
    errors: list[list[float]] = [[] for _ in range(horizon)]
    for fold in folds:
        forecast = combine(fold.forecasts, weights)
        for column in fold.actual.columns:
            actual = fold.actual[column].to_numpy(dtype=float)
            predicted = forecast[column].to_numpy(dtype=float)
            for h in range(min(horizon, len(actual))):
                if predicted[h] > 0 and not np.isnan(actual[h]):
                    errors[h].append(abs(actual[h] / predicted[h] - 1.0))
    quantiles = np.array([np.quantile(e, INTERVAL_LEVEL) if e else np.nan for e in errors])
    fallback = np.nanmax(quantiles) if np.isfinite(quantiles).any() else 0.3
    quantiles = np.where(np.isfinite(quantiles), quantiles, fallback)
    return np.maximum.accumulate(quantiles)  # further ahead is never more certain


def train_panels(panels: dict[str, pd.DataFrame], config: TrainConfig,
                 no_prophet: set[str] = frozenset()) -> dict[str, PanelResult]:
    """Backtest, weight and forecast every panel; tasks run in parallel."""
    prepared, tasks = {}, []
    for name, raw in panels.items():
        panel, report = clean_panel(raw.dropna(axis=1, how="all"), drop_partial=False)
        fns = config.model_fns(use_prophet=name not in no_prophet)
        cuts = fold_cuts(len(panel), config.horizon, config.n_origins)
        prepared[name] = (panel, report, fns, cuts)
        for model_name, fn in fns.items():
            for cut in [*cuts, len(panel)]:
                tasks.append((name, model_name, cut, fn))
    jobs = max(1, min(config.n_jobs, os.cpu_count() or 1))
    outputs = Parallel(n_jobs=jobs, prefer="processes")(
        delayed(_run)(fn, prepared[name][0].iloc[:cut], config.horizon) for name, _, cut, fn in tasks)
    done: dict[tuple[str, str, int], pd.DataFrame] = {
        (name, model_name, cut): out for (name, model_name, cut, _), out in zip(tasks, outputs)}

    results = {}
    for name, (panel, report, fns, cuts) in prepared.items():
        folds = [Fold(panel.iloc[:c], panel.iloc[c: c + config.horizon],
                      {m: done[(name, m, c)] for m in fns}) for c in cuts]
        members = {m: done[(name, m, len(panel))] for m in fns}
        plan = plan_ensemble(folds) if folds else EnsemblePlan(
            "equal", {m: 1.0 / len(fns) for m in fns}, {}, {})
        forecast = combine(members, plan.weights)
        metrics = {}
        if folds:
            for fold in folds:
                fold.forecasts[ENSEMBLE] = combine(fold.forecasts, plan.weights)
            metrics = {m: score(folds, m) for m in [*fns, ENSEMBLE]}
        q = _relative_error_quantiles(folds, plan.weights, config.horizon) if folds else np.full(config.horizon, 0.3)
        lower = forecast.mul(1.0 - q.clip(max=0.95), axis=0).clip(lower=0.0)
        upper = forecast.mul(1.0 + q, axis=0)
        results[name] = PanelResult(name, forecast, lower, upper, members, plan, metrics, panel,
                                    report.notes_ko())
    return results
