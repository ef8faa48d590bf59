"""Forecast accuracy metrics: sMAPE (percent, 0..200) and MASE (seasonal-naive scaled)."""

from __future__ import annotations

import numpy as np


def smape(actual, forecast) -> float:
    """Symmetric MAPE in percent; a pair of zeros counts as a perfect forecast."""
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    denom = np.abs(a) + np.abs(f)
    ratio = np.divide(2.0 * np.abs(f - a), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(np.mean(ratio) * 100.0)


def mase_scale(history, season: int = 12) -> float:
    """In-sample MAE of the seasonal naive forecast (falls back to lag 1 for short series)."""
    y = np.asarray(history, dtype=float)
    m = season if len(y) > season else 1
    if len(y) <= m:
        return float("nan")
    return float(np.mean(np.abs(y[m:] - y[:-m])))


def mase(actual, forecast, history, season: int = 12) -> float:
    scale = mase_scale(history, season)
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    mae = float(np.mean(np.abs(a - f)))
    if not scale or np.isnan(scale):
        return float("nan") if mae else 0.0
    return mae / scale
