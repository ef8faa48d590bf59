"""Generic data-quality repairs before forecasting, with nothing told about the data.

- A *missing month*: a month where (nearly) every series falls far below its own robust
  level at once (e.g. all zeros: records lost, not real demand) → treated as missing and
  imputed from the neighbouring months.
- A *partial last month*: the final month sits far below what the series' recent level
  expects across the panel (the month is not over) → dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MISSING_RATIO = 0.25  # month value / robust level below this for most series → missing
PARTIAL_RATIO = 0.75  # last month / expected level below this for most series → partial


@dataclass
class CleaningReport:
    missing_months: list[pd.Timestamp] = field(default_factory=list)
    dropped_partial: pd.Timestamp | None = None

    def notes_ko(self) -> list[str]:
        notes = [f"{m:%Y-%m}: 전 계열이 동시에 급락(결측으로 판단) → 앞뒤 달로 보간" for m in self.missing_months]
        if self.dropped_partial is not None:
            notes.append(f"{self.dropped_partial:%Y-%m}: 마지막 달이 기대 수준보다 크게 낮음(부분 집계로 판단) → 제외")
        return notes


def _robust_level(panel: pd.DataFrame) -> pd.DataFrame:
    """Centred rolling median (±6 months, the month itself excluded by neighbours' weight)."""
    return panel.rolling(13, center=True, min_periods=4).median()


def _panel_ratio(values: pd.Series, level: pd.Series) -> float:
    ok = level > 0
    if not ok.any():
        return 1.0
    ratios = (values[ok].clip(lower=0) / level[ok]).to_numpy()
    return float(np.median(ratios))


def clean_panel(panel: pd.DataFrame, *, drop_partial: bool = True) -> tuple[pd.DataFrame, CleaningReport]:
    """Return a repaired copy of `panel` (rows = months, columns = series) and what was done."""
    report = CleaningReport()
    data = panel.astype(float).copy()
    if len(data) < 8:
        return data, report

    if drop_partial:
        last = data.index[-1]
        recent = data.iloc[-7:-1]
        expected = recent.median()
        if _panel_ratio(data.loc[last], expected) < PARTIAL_RATIO:
            data = data.iloc[:-1]
            report.dropped_partial = last

    level = _robust_level(data)
    for month in data.index[1:-1]:
        row = data.loc[month]
        present = row.notna()
        if not present.any():
            continue
        if _panel_ratio(row[present], level.loc[month][present]) < MISSING_RATIO:
            report.missing_months.append(month)
    if report.missing_months:
        repaired = data.copy()
        repaired.loc[report.missing_months] = np.nan
        data = repaired.interpolate(limit_area="inside")  # a series' leading gap stays empty
    return data, report
