"""Backtest arithmetic on tiny hand-computed series, data repairs, ensemble weighting."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from tools.prediction.backtest import Fold, combine, fold_cuts, plan_ensemble, score, weights_for
from tools.prediction.cleaning import clean_panel
from tools.prediction.metrics import mase, mase_scale, smape
from tools.prediction.models import seasonal_naive


def test_smape_by_hand():
    # |110-100|*2/(100+110) = 0.095238..., |50-50| = 0, |0-0| counts as perfect
    assert smape([100, 50, 0], [110, 50, 0]) == pytest.approx((20 / 210) / 3 * 100)
    assert smape([10], [0]) == pytest.approx(200.0)


def test_mase_by_hand():
    history = list(range(1, 15))  # 14 months, seasonal (lag 12) differences: 13-1=12, 14-2=12
    assert mase_scale(history) == pytest.approx(12.0)
    assert mase([20, 22], [18, 25], history) == pytest.approx(((2 + 3) / 2) / 12.0)
    # short history falls back to lag-1 differences
    assert mase_scale([1, 3, 6]) == pytest.approx(2.5)


def test_seasonal_naive_repeats_last_year():
    idx = pd.date_range("2020-01-01", periods=24, freq="MS")
    panel = pd.DataFrame({"a": np.arange(24, dtype=float)}, index=idx)
    out = seasonal_naive(panel, 14)
    assert list(out["a"]) == [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 12, 13]
    assert out.index[0] == pd.Timestamp("2022-01-01")


def test_fold_cuts_match_reference_protocol():
    # 69 months (2014-01..2019-09), horizon 6, 4 origins 3 months apart, last window ends at the end
    cuts = fold_cuts(69, 6, 4)
    assert cuts == [54, 57, 60, 63]
    assert cuts[-1] + 6 == 69


def test_score_averages_over_folds_and_series():
    idx = pd.date_range("2020-01-01", periods=16, freq="MS")
    train = pd.DataFrame({"a": np.arange(1, 15, dtype=float), "b": np.full(14, 10.0)}, index=idx[:14])
    actual = pd.DataFrame({"a": [20.0, 22.0], "b": [10.0, 10.0]}, index=idx[14:])
    forecast = pd.DataFrame({"a": [18.0, 25.0], "b": [10.0, 10.0]}, index=idx[14:])
    result = score([Fold(train, actual, {"m": forecast})], "m")
    expected_smape = (smape([20, 22], [18, 25]) + 0.0) / 2
    assert result["smape"] == pytest.approx(expected_smape)
    # series b is constant (zero scale) and forecast perfectly: MASE 0; a miss would be undefined
    assert result["mase"] == pytest.approx((((2 + 3) / 2) / 12.0 + 0.0) / 2)
    assert math.isnan(mase([10.0], [11.0], [10.0] * 14))


def test_inverse_error_weights_and_rule_choice():
    w = weights_for({"x": 10.0, "y": 20.0}, "inverse_error")
    assert w["x"] == pytest.approx(2 / 3) and w["y"] == pytest.approx(1 / 3)
    w2 = weights_for({"x": 10.0, "y": 20.0}, "inverse_squared_error")
    assert w2["x"] == pytest.approx(0.8)
    idx = pd.date_range("2020-01-01", periods=14, freq="MS")
    train = pd.DataFrame({"s": np.arange(12, dtype=float) + 100}, index=idx[:12])
    actual = pd.DataFrame({"s": [100.0, 100.0]}, index=idx[12:])
    over = pd.DataFrame({"s": [110.0, 110.0]}, index=idx[12:])
    under = pd.DataFrame({"s": [90.0, 90.0]}, index=idx[12:])
    plan = plan_ensemble([Fold(train, actual, {"over": over, "under": under})])
    combined = combine({"over": over, "under": under}, plan.weights)
    assert plan.rule in ("inverse_error", "inverse_squared_error", "equal")
    assert list(combined["s"]) == pytest.approx([100.0, 100.0])  # errors cancel: equal weights
    assert plan.rule_errors[plan.rule] == pytest.approx(0.0)


def test_cleaning_finds_zero_month_and_partial_last_month():
    rng = np.random.default_rng(1)
    idx = pd.date_range("2015-01-01", periods=40, freq="MS")
    panel = pd.DataFrame({f"s{i}": 100 + 10 * i + rng.normal(0, 3, 40) for i in range(4)}, index=idx)
    panel.iloc[20] = 0.0  # records lost for every series
    panel.iloc[-1] = panel.iloc[-1] * 0.3  # month not over
    cleaned, report = clean_panel(panel)
    assert report.missing_months == [idx[20]]
    assert report.dropped_partial == idx[-1]
    assert len(cleaned) == 39
    expected = (panel.iloc[19] + panel.iloc[21]) / 2
    assert np.allclose(cleaned.iloc[20].to_numpy(), expected.to_numpy())
    # a real but single-series dip is left alone
    panel2 = pd.DataFrame({f"s{i}": 100 + rng.normal(0, 3, 40) for i in range(4)}, index=idx)
    panel2.iloc[15, 0] = 5.0
    cleaned2, report2 = clean_panel(panel2)
    assert report2.missing_months == [] and report2.dropped_partial is None
    assert cleaned2.iloc[15, 0] == 5.0
    assert not math.isnan(cleaned2.iloc[-1, 0])
