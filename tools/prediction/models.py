"""Forecasting models over a panel (rows = month starts, columns = series; NaN before a
series starts). Each model maps (panel, horizon) → future panel of point forecasts.

- seasonal_naive: the value 12 months earlier (last value when the history is short).
- prophet: Prophet per series, yearly seasonality plus Korean calendar regressors
  (working days, 설날/추석 months from the `holidays` KR calendar).
- xgboost: one global gradient-boosted model per panel on scale-free lag, rolling-mean and
  calendar features (direct multi-horizon: the step ahead is a feature).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.prediction.calendar_kr import calendar_frame

log = logging.getLogger(__name__)
SEASON = 12


def future_index(panel: pd.DataFrame, horizon: int) -> pd.DatetimeIndex:
    return pd.date_range(panel.index[-1] + pd.offsets.MonthBegin(1), periods=horizon, freq="MS")


def _history(panel: pd.DataFrame, column: str) -> pd.Series:
    series = panel[column]
    first = series.first_valid_index()
    return series.loc[first:].ffill().fillna(0.0) if first is not None else series.iloc[:0]


def seasonal_naive(panel: pd.DataFrame, horizon: int) -> pd.DataFrame:
    index = future_index(panel, horizon)
    out = {}
    for column in panel.columns:
        y = _history(panel, column).to_numpy()
        if len(y) == 0:
            out[column] = np.zeros(horizon)
        elif len(y) >= SEASON:
            out[column] = np.array([y[len(y) - SEASON + (h % SEASON)] for h in range(horizon)])
        else:
            out[column] = np.repeat(y[-1], horizon)
    return pd.DataFrame(out, index=index)


@dataclass(frozen=True)
class ProphetSettings:
    n_changepoints: int = 6
    changepoint_prior_scale: float = 0.05
    seasonality_prior_scale: float = 5.0
    yearly_order: int = 4


def _prophet_one(y: pd.Series, horizon: int, settings: ProphetSettings) -> np.ndarray:
    from prophet import Prophet

    if len(y) < 2 * SEASON:  # too short for yearly seasonality: fall back
        return np.repeat(float(y.iloc[-SEASON:].mean()) if len(y) else 0.0, horizon)
    frame = pd.DataFrame({"ds": y.index, "y": y.to_numpy()})
    months = pd.DatetimeIndex(frame["ds"]).append(future_index(y.to_frame(), horizon))
    cal = calendar_frame(months).reset_index(drop=True)
    model = Prophet(
        growth="linear", n_changepoints=min(settings.n_changepoints, max(1, len(y) // 4)),
        changepoint_prior_scale=settings.changepoint_prior_scale,
        seasonality_prior_scale=settings.seasonality_prior_scale,
        yearly_seasonality=False, weekly_seasonality=False, daily_seasonality=False,
        uncertainty_samples=0,
    )
    model.add_seasonality("yearly", period=365.25, fourier_order=settings.yearly_order)
    for name in ("working_days", "days", "seollal", "chuseok"):
        model.add_regressor(name, standardize=True)
    train = frame.join(cal.iloc[: len(frame)])
    model.fit(train, algorithm="Newton")
    future = pd.DataFrame({"ds": months[len(frame):]}).join(cal.iloc[len(frame):].reset_index(drop=True))
    return np.maximum(model.predict(future)["yhat"].to_numpy(), 0.0)


def prophet(panel: pd.DataFrame, horizon: int, settings: ProphetSettings | None = None) -> pd.DataFrame:
    from cmdstanpy.utils.logging import get_logger

    settings = settings or ProphetSettings()
    get_logger().setLevel(logging.WARNING)  # cmdstan chatter per fit
    logging.getLogger("prophet").setLevel(logging.WARNING)
    index = future_index(panel, horizon)
    out = {c: _prophet_one(_history(panel, c), horizon, settings) for c in panel.columns}
    return pd.DataFrame(out, index=index)


LAGS = tuple(range(1, 13))


def _features(values: np.ndarray, t: int, scale: float, target_month: pd.Timestamp,
              cal: dict[pd.Timestamp, tuple], h: int) -> list[float]:
    lags = [values[t - lag] / scale if t - lag >= 0 else np.nan for lag in LAGS]
    window3 = values[max(0, t - 2): t + 1]
    window12 = values[max(0, t - 11): t + 1]
    same_month_last_year = values[t + h - SEASON] / scale if t + h - SEASON >= 0 and t + h - SEASON <= t else np.nan
    working, days, seollal, chuseok = cal[target_month]
    return [*lags, window3.mean() / scale, window12.mean() / scale, same_month_last_year, h,
            target_month.month, working, days, seollal, chuseok]


def _calendar_lookup(months: pd.DatetimeIndex) -> dict[pd.Timestamp, tuple]:
    frame = calendar_frame(months)
    return {m: tuple(frame.loc[m, ["working_days", "days", "seollal", "chuseok"]]) for m in months}


@dataclass(frozen=True)
class XGBSettings:
    n_estimators: int = 300
    max_depth: int = 3
    learning_rate: float = 0.05
    subsample: float = 0.8
    min_history: int = 6


def xgboost(panel: pd.DataFrame, horizon: int, settings: XGBSettings | None = None) -> pd.DataFrame:
    from xgboost import XGBRegressor

    settings = settings or XGBSettings()
    index = future_index(panel, horizon)
    months = panel.index.append(index)
    cal = _calendar_lookup(months)
    rows, targets, weights = [], [], []
    origins: dict[str, tuple[np.ndarray, float]] = {}
    for column in panel.columns:
        series = _history(panel, column)
        values = series.to_numpy(dtype=float)
        offset = len(panel) - len(values)
        n = len(values)
        for t in range(settings.min_history - 1, n - 1):
            scale = max(values[max(0, t - 11): t + 1].mean(), 1e-9)
            for h in range(1, horizon + 1):
                if t + h >= n:
                    break
                rows.append(_features(values, t, scale, months[offset + t + h], cal, h))
                targets.append(values[t + h] / scale)
                weights.append(1.0 + t / n)  # recent origins count more
        if n:
            origins[column] = (values, max(values[-12:].mean(), 1e-9))
    out = {}
    model = None
    if rows:
        model = XGBRegressor(n_estimators=settings.n_estimators, max_depth=settings.max_depth,
                             learning_rate=settings.learning_rate, subsample=settings.subsample,
                             colsample_bytree=0.9, objective="reg:absoluteerror", n_jobs=1,
                             random_state=7)
        model.fit(np.array(rows), np.array(targets), sample_weight=np.array(weights))
    for column in panel.columns:
        if column not in origins or model is None:
            out[column] = np.zeros(horizon)
            continue
        values, scale = origins[column]
        t = len(values) - 1
        feats = [_features(values, t, scale, index[h - 1], cal, h) for h in range(1, horizon + 1)]
        out[column] = np.maximum(model.predict(np.array(feats)) * scale, 0.0)
    return pd.DataFrame(out, index=index)


ModelFn = Callable[[pd.DataFrame, int], pd.DataFrame]

MODELS: dict[str, ModelFn] = {
    "seasonal_naive": seasonal_naive,
    "prophet": prophet,
    "xgboost": xgboost,
}
