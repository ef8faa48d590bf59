"""`medrep eval forecast` contract on a small synthetic CSV with a lost month and a partial
last month (found without being told)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.common.plumbing import ToolInputError
from tools.prediction.evaluate import evaluate_csv


def test_evaluate_csv_contract(tmp_path):
    rng = np.random.default_rng(3)
    months = pd.date_range("2016-01-01", periods=40, freq="MS")
    rows = []
    for sid, base in (("A", 100.0), ("B", 300.0), ("C", 50.0)):
        season = 1 + 0.3 * np.cos(2 * np.pi * (months.month - 1) / 12)
        y = np.asarray(base * season * (1 + 0.01 * np.arange(40)) + rng.normal(0, base * 0.03, 40))
        y[18] = 0.0  # lost records, every series
        y[-1] *= 0.35  # partial month
        rows += [(sid, m.strftime("%Y-%m-%d"), v) for m, v in zip(months, y)]
    csv = tmp_path / "series.csv"
    pd.DataFrame(rows, columns=["unique_id", "ds", "y"]).to_csv(csv, index=False)

    result = evaluate_csv(csv, horizon=3)
    assert result["n_series"] == 3 and result["horizon"] == 3
    assert set(result["models"]) == {"seasonal_naive", "prophet", "xgboost", "ensemble"}
    assert all(set(v) == {"smape", "mase"} for v in result["models"].values())
    assert any("2017-07" in note for note in result["data_repairs"])
    assert any("2019-04" in note and "제외" in note for note in result["data_repairs"])
    # 4 origins, 2 months apart (ceil(3/2)), the last ending at the last full month 2019-03
    assert result["origins"][-1] == "2019-01~2019-03" and len(result["origins"]) == 4
    members = [v["smape"] for k, v in result["models"].items() if k != "ensemble"]
    assert result["models"]["ensemble"]["smape"] <= max(members)
    assert result["models"]["seasonal_naive"]["smape"] < 15  # clean seasonal data: errors are small


def test_evaluate_rejects_bad_input(tmp_path):
    with pytest.raises(ToolInputError, match="찾을 수 없습니다"):
        evaluate_csv(tmp_path / "missing.csv", horizon=6)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,value\n1,2020-01-01,3\n", encoding="utf-8")
    with pytest.raises(ToolInputError, match="unique_id,ds,y"):
        evaluate_csv(bad, horizon=6)
