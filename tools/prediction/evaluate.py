"""`medrep eval forecast --csv FILE --horizon H`: rolling-origin backtest of every model.

CSV in long format `unique_id,ds,y` (monthly). Four origins, each `ceil(H/2)` months
apart, the last window ending at the last full month. Data problems are repaired
generically first (see `cleaning.py`): a month where every series collapses at once is
imputed, and a partial last month is dropped. The ensemble's weights come from an inner
backtest on each origin's training window only, so nothing of the test window leaks in.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from tools.common.plumbing import ToolInputError
from tools.prediction.backtest import ENSEMBLE, Fold, ensemble_forecast, fold_cuts, score
from tools.prediction.cleaning import clean_panel
from tools.prediction.models import MODELS

N_ORIGINS = 4


def read_long_csv(csv: Path) -> pd.DataFrame:
    """Long CSV → panel (rows = month starts, columns = unique_id)."""
    if not Path(csv).is_file():
        raise ToolInputError(f"CSV 파일을 찾을 수 없습니다: {csv}. 경로를 확인해 주세요.")
    frame = pd.read_csv(csv)
    missing = {"unique_id", "ds", "y"} - set(frame.columns)
    if missing:
        raise ToolInputError(f"CSV에 {sorted(missing)} 열이 없습니다. unique_id,ds,y 형식(long)으로 주세요.")
    frame["ds"] = pd.to_datetime(frame["ds"]).dt.to_period("M").dt.to_timestamp()
    panel = frame.pivot_table(index="ds", columns="unique_id", values="y", aggfunc="sum")
    return panel.asfreq("MS")


def evaluate_panel(panel: pd.DataFrame, horizon: int, n_origins: int = N_ORIGINS) -> dict:
    if horizon < 1:
        raise ToolInputError("예측 기간(horizon)은 1개월 이상이어야 합니다.")
    started = time.perf_counter()
    cleaned, report = clean_panel(panel)
    cuts = fold_cuts(len(cleaned), horizon, n_origins)
    if not cuts:
        raise ToolInputError(f"백테스트에 필요한 이력이 부족합니다(최소 {12 + horizon}개월).")
    folds, rules = [], []
    for cut in cuts:
        train, actual = cleaned.iloc[:cut], cleaned.iloc[cut: cut + horizon]
        combined, members, plan = ensemble_forecast(train, horizon, MODELS)
        members[ENSEMBLE] = combined
        folds.append(Fold(train, actual, members))
        rules.append({"origin": f"{train.index[-1]:%Y-%m}", "rule": plan.rule,
                      "weights": {k: round(v, 3) for k, v in plan.weights.items()}})
    models = {name: {k: round(v, 3) for k, v in score(folds, name).items()} for name in folds[0].forecasts}
    baseline = models["seasonal_naive"]["smape"]
    return {
        "n_series": int(panel.shape[1]),
        "horizon": horizon,
        "models": models,
        "origins": [f"{f.actual.index[0]:%Y-%m}~{f.actual.index[-1]:%Y-%m}" for f in folds],
        "ensemble_vs_seasonal_naive_smape_pct": round(100 * (baseline - models[ENSEMBLE]["smape"]) / baseline, 1),
        "ensemble_plans": rules,
        "data_repairs": report.notes_ko(),
        "mase_scale": "in-sample seasonal naive (lag 12) MAE of each cleaned training window",
        "seconds": round(time.perf_counter() - started, 1),
    }


def evaluate_csv(csv: Path, horizon: int) -> dict:
    return evaluate_panel(read_long_csv(Path(csv)), horizon)
