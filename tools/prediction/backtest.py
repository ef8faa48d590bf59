"""Rolling-origin backtest and the backtest-weighted ensemble.

Origins: `n_origins` forecast windows of `horizon` months, the last one ending at the last
month of the panel, each starting `step` months (default ceil(horizon/2)) before the next.
The ensemble weights its members by inverse backtest sMAPE measured on an *inner* backtest
that only uses the training window, and picks its combination rule (inverse error,
inverse squared error, or equal weights) on that same inner backtest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.prediction.metrics import mase, smape
from tools.prediction.models import MODELS, ModelFn

ENSEMBLE = "ensemble"


@dataclass
class Fold:
    train: pd.DataFrame
    actual: pd.DataFrame
    forecasts: dict[str, pd.DataFrame] = field(default_factory=dict)


def fold_cuts(n_months: int, horizon: int, n_origins: int, step: int | None = None) -> list[int]:
    """Training lengths, oldest first, for each origin."""
    step = step or max(1, math.ceil(horizon / 2))
    cuts = [n_months - horizon - k * step for k in range(n_origins)]
    return sorted(c for c in cuts if c >= 12)


def score(folds: list[Fold], name: str) -> dict[str, float]:
    """Mean sMAPE and MASE over every (fold, series) of the backtest."""
    smapes, mases = [], []
    for fold in folds:
        forecast = fold.forecasts[name]
        for column in fold.actual.columns:
            actual = fold.actual[column].to_numpy(dtype=float)
            if np.isnan(actual).any():
                continue
            history = fold.train[column].dropna().to_numpy(dtype=float)
            smapes.append(smape(actual, forecast[column].to_numpy()))
            value = mase(actual, forecast[column].to_numpy(), history)
            if not math.isnan(value):
                mases.append(value)
    return {"smape": float(np.mean(smapes)) if smapes else float("nan"),
            "mase": float(np.mean(mases)) if mases else float("nan")}


def run_models(panel: pd.DataFrame, horizon: int, models: dict[str, ModelFn]) -> dict[str, pd.DataFrame]:
    return {name: fn(panel, horizon) for name, fn in models.items()}


def backtest(panel: pd.DataFrame, horizon: int, models: dict[str, ModelFn] | None = None,
             n_origins: int = 4, step: int | None = None) -> list[Fold]:
    models = models or MODELS
    folds = []
    for cut in fold_cuts(len(panel), horizon, n_origins, step):
        train = panel.iloc[:cut]
        actual = panel.iloc[cut: cut + horizon]
        folds.append(Fold(train, actual, run_models(train, horizon, models)))
    return folds


RULES = ("inverse_error", "inverse_squared_error", "equal")


def weights_for(errors: dict[str, float], rule: str) -> dict[str, float]:
    finite = {k: v for k, v in errors.items() if not math.isnan(v)}
    if not finite:
        return {k: 1.0 / len(errors) for k in errors}
    if rule == "equal":
        return {k: (1.0 / len(finite) if k in finite else 0.0) for k in errors}
    power = 2.0 if rule == "inverse_squared_error" else 1.0
    raw = {k: 1.0 / max(v, 1e-6) ** power for k, v in finite.items()}
    total = sum(raw.values())
    return {k: raw.get(k, 0.0) / total for k in errors}


def combine(forecasts: dict[str, pd.DataFrame], weights: dict[str, float]) -> pd.DataFrame:
    names = [n for n in weights if weights[n] > 0]
    result = sum(forecasts[n] * weights[n] for n in names)
    return result  # type: ignore[return-value]


@dataclass
class EnsemblePlan:
    rule: str
    weights: dict[str, float]
    member_errors: dict[str, float]
    rule_errors: dict[str, float]


def plan_ensemble(folds: list[Fold]) -> EnsemblePlan:
    """Choose the combination rule and weights from a backtest's folds."""
    names = list(folds[0].forecasts)
    member_errors = {n: score(folds, n)["smape"] for n in names}
    rule_errors = {}
    for rule in RULES:
        w = weights_for(member_errors, rule)
        trial = [Fold(f.train, f.actual, {ENSEMBLE: combine(f.forecasts, w)}) for f in folds]
        rule_errors[rule] = score(trial, ENSEMBLE)["smape"]
    rule = min(rule_errors, key=rule_errors.get)
    return EnsemblePlan(rule, weights_for(member_errors, rule), member_errors, rule_errors)


def ensemble_forecast(train: pd.DataFrame, horizon: int, models: dict[str, ModelFn] | None = None,
                      inner_origins: int = 3) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], EnsemblePlan]:
    """Fit every model on `train`, weight them by an inner backtest on `train` only."""
    models = models or MODELS
    inner = backtest(train, horizon, models, n_origins=inner_origins)
    members = run_models(train, horizon, models)
    if not inner:
        equal = {n: 1.0 / len(models) for n in models}
        plan = EnsemblePlan("equal", equal, {}, {})
    else:
        plan = plan_ensemble(inner)
    return combine(members, plan.weights), members, plan
