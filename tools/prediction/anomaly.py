"""Anomalies in monthly actuals, at every level a sales manager acts on.

For each series (total, team, rep, product, account, rep×product, account×product) the
expectation for a month is a robust seasonal one: the median of the six neighbouring
months (three before, three after; the month itself excluded) after removing the product's
(or company's) month-of-year profile, put back for the month. The residual is the log
ratio actual/expected, scaled by the series' own robust spread (MAD). A month is flagged
when the residual is extreme and material (enough KRW), or when an IsolationForest over
(residual, robust z, size, month) isolates it and the deviation is large. Each anomaly
gets a Korean explanation with what to check.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import MonthlySale, Rep
from tools.common.periods import add_months, month_start

LEVELS = ("total", "team", "rep", "product", "account", "rep_product", "account_product")
# keys nest (a finer level's keys include its parents'), so duplicates can be folded
LEVEL_KEYS = {"total": [], "team": ["team_id"], "rep": ["team_id", "rep_id"], "product": ["product_id"],
              "account": ["team_id", "rep_id", "account_id"], "rep_product": ["team_id", "rep_id", "product_id"],
              "account_product": ["team_id", "rep_id", "account_id", "product_id"]}
Z_MIN = 4.0
# |actual/expected - 1| at least this: aggregates move less, single cells are noisier
RATIO_MIN = {"total": 0.2, "team": 0.25, "rep": 0.3, "product": 0.25, "account": 0.6, "rep_product": 0.6,
             "account_product": 0.6}
MATERIAL_SHARE = 0.0003  # excess at least this share of the scope's mean monthly sales …
MATERIAL_FLOOR = 500_000.0  # … and at least this many KRW (small cells are noisy, and small)
HISTORY_MONTHS = 27


@dataclass
class Anomaly:
    level: str
    keys: dict[str, int]
    month: date
    actual: float
    expected: float
    z: float
    iso_score: float

    @property
    def ratio(self) -> float:
        return self.actual / self.expected if self.expected else float("inf")

    @property
    def kind(self) -> str:
        return "spike" if self.actual > self.expected else "drop"

    @property
    def excess(self) -> float:
        return self.actual - self.expected


def load_cells(session: Session, start: date, end: date, rep_ids: list[int] | None,
               product_id: int | None = None, account_id: int | None = None) -> pd.DataFrame:
    query = (select(MonthlySale.month, MonthlySale.rep_id, Rep.team_id, MonthlySale.account_id,
                    MonthlySale.product_id, func.sum(MonthlySale.amount))
             .join(Rep, Rep.id == MonthlySale.rep_id)
             .where(MonthlySale.month >= start, MonthlySale.month <= end))
    if rep_ids is not None:
        query = query.where(MonthlySale.rep_id.in_(rep_ids))
    if product_id is not None:
        query = query.where(MonthlySale.product_id == product_id)
    if account_id is not None:
        query = query.where(MonthlySale.account_id == account_id)
    query = query.group_by(MonthlySale.month, MonthlySale.rep_id, Rep.team_id, MonthlySale.account_id,
                           MonthlySale.product_id)
    frame = pd.DataFrame(session.execute(query).all(),
                         columns=["month", "rep_id", "team_id", "account_id", "product_id", "amount"])
    frame["month"] = pd.to_datetime(frame["month"])
    frame["amount"] = frame["amount"].astype(float)
    return frame


def _matrix(cells: pd.DataFrame, keys: list[str], months: pd.DatetimeIndex) -> pd.DataFrame:
    if keys:
        wide = cells.pivot_table(index=keys, columns="month", values="amount", aggfunc="sum")
    else:
        wide = cells.groupby("month")["amount"].sum().to_frame().T
        wide.index = pd.Index([0], name="total")
    wide = wide.reindex(columns=months)
    started = wide.notna().cumsum(axis=1) > 0
    return wide.fillna(0.0).where(started)


def _season_profile(matrix: pd.DataFrame) -> np.ndarray:
    """Month-of-year factors (12,) from the column sums: value / centred 12-month mean."""
    total = matrix.sum(axis=0).to_numpy(dtype=float)
    level = pd.Series(total).rolling(12, center=True, min_periods=12).mean().to_numpy()
    ratios = [[] for _ in range(12)]
    for i, month in enumerate(matrix.columns):
        if level[i] and np.isfinite(level[i]) and level[i] > 0:
            ratios[month.month - 1].append(total[i] / level[i])
    profile = np.array([np.median(r) if r else 1.0 for r in ratios])
    return profile / profile.mean()


def _side_medians(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Median of the three months before and of the three after each month (NaN-aware)."""
    n = values.shape[1]

    def shifted(offset: int) -> np.ndarray:
        s = np.full_like(values, np.nan)
        if offset < 0:
            s[:, -offset:] = values[:, :n + offset]
        else:
            s[:, : n - offset] = values[:, offset:]
        return s

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        past = np.nanmedian(np.stack([shifted(-k) for k in (1, 2, 3)]), axis=0)
        future = np.nanmedian(np.stack([shifted(k) for k in (1, 2, 3)]), axis=0)
    return past, future


def _expectation(values: np.ndarray, season: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Robust seasonal expectation: of the past-side and future-side neighbour medians
    (deseasonalised, season put back), the one closer to the actual value. A point anomaly
    stands out from both sides; a level shift (an account stopping for good) does not."""
    past, future = _side_medians(values / season)
    past, future = past * season, future * season
    with np.errstate(all="ignore"):
        d_past = np.abs(np.log((values + c) / (past + c)))
        d_future = np.abs(np.log((values + c) / (future + c)))
    use_future = np.isnan(d_past) | (np.isfinite(d_future) & (d_future < d_past))
    return np.where(use_future, future, past)


def detect_level(cells: pd.DataFrame, level: str, months: pd.DatetimeIndex, window: list[date],
                 product_profiles: dict[int, np.ndarray], company_profile: np.ndarray,
                 material: float) -> list[Anomaly]:
    keys = LEVEL_KEYS[level]
    matrix = _matrix(cells, keys, months)
    if matrix.empty:
        return []
    month_idx = np.array([m.month - 1 for m in months])
    if "product_id" in keys:
        pids = matrix.index.get_level_values("product_id")
        season = np.stack([product_profiles.get(int(p), company_profile)[month_idx] for p in pids])
    else:
        season = np.tile(company_profile[month_idx], (len(matrix), 1))
    values = matrix.to_numpy(dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean_level = np.nanmean(values, axis=1, keepdims=True)
    c = 0.1 * np.where(np.isfinite(mean_level), mean_level, 0.0) + 1.0
    expected = _expectation(values, season, c)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        resid = np.log((values + c) / (expected + c))
        med = np.nanmedian(resid, axis=1, keepdims=True)
        spread = 1.4826 * np.nanmedian(np.abs(resid - med), axis=1, keepdims=True)
    z = (resid - med) / np.maximum(spread, 0.05)
    in_window = np.isin(np.array([m.date() for m in months]), window)
    ratio_dev = np.abs(np.divide(values, expected, out=np.full_like(values, np.inf), where=expected > 0) - 1.0)
    excess = np.abs(values - expected)
    candidate = (in_window & np.isfinite(z) & (np.abs(z) >= Z_MIN) & (ratio_dev >= RATIO_MIN[level])
                 & (excess >= material))
    # the newest month has no later months to confirm it is a one-off: ask for more
    candidate[:, -1] &= (np.abs(z[:, -1]) >= Z_MIN + 1.5) & (ratio_dev[:, -1] >= max(RATIO_MIN[level], 0.5))
    rows, cols = np.nonzero(candidate)
    found = []
    for r, col in zip(rows, cols):
        key_values = matrix.index[r] if len(keys) > 1 else (matrix.index[r],)
        found.append(Anomaly(level, {k: int(v) for k, v in zip(keys, key_values)}, months[col].date(),
                             float(values[r, col]), float(expected[r, col]), float(z[r, col]), 0.0))
    return found


def _isolation_scores(anomalies: list[Anomaly]) -> None:
    """Score candidates with an IsolationForest over (log ratio, z, log size, month)."""
    if len(anomalies) < 8:
        for a in anomalies:
            a.iso_score = 1.0
        return
    from sklearn.ensemble import IsolationForest

    feats = np.array([[np.log((a.actual + 1) / (a.expected + 1)), a.z, np.log1p(abs(a.excess)), a.month.month]
                      for a in anomalies])
    forest = IsolationForest(n_estimators=100, random_state=7).fit(feats)
    scores = -forest.score_samples(feats)
    for a, s in zip(anomalies, scores):
        a.iso_score = float(s)


def _is_covered(child: Anomaly, parents: list[Anomaly]) -> bool:
    """A finer cell explained by a coarser anomaly of the same month and direction, or the
    reverse where one cell carries the whole coarser movement."""
    for p in parents:
        if p.month == child.month and p.kind == child.kind and all(child.keys.get(k) == v for k, v in p.keys.items()):
            return True
    return False


def detect(session: Session, today: date, window: list[date], rep_ids: list[int] | None,
           product_id: int | None = None, account_id: int | None = None,
           levels: tuple[str, ...] = LEVELS) -> list[Anomaly]:
    end = add_months(month_start(today), -1)  # the running month is partial: never judged
    window = [m for m in window if m <= end]
    if not window:
        return []
    start = add_months(min(window), -HISTORY_MONTHS)
    cells = load_cells(session, start, min(add_months(max(window), 3), end),
                       rep_ids, product_id, account_id)
    if cells.empty:
        return []
    months = pd.date_range(cells["month"].min(), cells["month"].max(), freq="MS")
    company_profile = _season_profile(_matrix(cells, [], months))
    product_profiles = {}
    product_matrix = _matrix(cells, ["product_id"], months)
    for pid in product_matrix.index:
        product_profiles[int(pid)] = _season_profile(product_matrix.loc[[pid]])
    material = max(MATERIAL_FLOOR, MATERIAL_SHARE * float(cells.groupby("month")["amount"].sum().mean()))
    found: list[Anomaly] = []
    for level in levels:
        level_found = detect_level(cells, level, months, window, product_profiles, company_profile, material)
        found.extend(level_found)
    _isolation_scores(found)
    return _dedupe(found)


def _dedupe(found: list[Anomaly]) -> list[Anomaly]:
    """Keep the most specific explanation: a coarse anomaly whose movement is carried by one
    finer cell is replaced by that cell; finer cells inside a broad coarse anomaly go."""
    order = {level: i for i, level in enumerate(LEVELS)}
    found.sort(key=lambda a: (order[a.level], -abs(a.excess)))
    kept: list[Anomaly] = []
    for a in found:
        carriers = [k for k in kept if k.month == a.month and k.kind == a.kind
                    and all(a.keys.get(key) == v for key, v in k.keys.items())]
        broad = [p for p in carriers if abs(a.excess) < 0.6 * abs(p.excess)]
        for parent in carriers:
            if parent not in broad:  # carried by this cell: the cell is the better explanation …
                kept.remove(parent)
        if broad:  # … unless a broad movement (e.g. a whole account) explains them both
            continue
        kept.append(a)
    kept.sort(key=lambda a: -a.iso_score)  # the forest's isolation ranks what to look at first
    return kept
