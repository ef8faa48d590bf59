"""Anomalies in monthly actuals, at every level a sales manager acts on.

For each series (total, team, rep, product, account, rep×product, account×product) the
expectation for a month is a robust seasonal one: the median of the six neighbouring
months (three before, three after; the month itself excluded) after removing the product's
(or company's) month-of-year profile, put back for the month. A month's season factor comes
from the same month of the other years only, so an anomaly never explains itself. Each
anomaly also carries two plain references a rep can check by hand: the neighbouring months'
median and last year's month scaled by the trend. The residual is the log
ratio actual/expected, scaled by the series' own robust spread (MAD). A month is flagged
when the residual is extreme and material (enough KRW), or when an IsolationForest over
(residual, robust z, size, month) isolates it and the deviation is large. Each anomaly
gets a Korean explanation with what to check.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import MonthlySale, Rep
from tools.common.periods import add_months, month_start
from tools.prediction.cache import Memo, data_version

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
AGGREGATE_LEVELS = ("total", "team", "product")
HISTORY_MONTHS = 36  # three years: a month's season comes from the same month of the other years


@dataclass
class Anomaly:
    level: str
    keys: dict[str, int]
    month: date
    actual: float
    expected: float
    z: float
    iso_score: float
    neighbours: float | None = None  # median of the up to six neighbouring months (3 before, 3 after)
    last_year: float | None = None  # the same month a year before, times the neighbours' growth

    def change(self, reference: float | None) -> float | None:
        """actual / reference − 1 (−0.46 for a 46% drop)."""
        return self.actual / reference - 1.0 if reference else None

    @property
    def ratio(self) -> float:
        return self.actual / self.expected if self.expected else float("inf")

    @property
    def kind(self) -> str:
        return "spike" if self.actual > self.expected else "drop"

    @property
    def excess(self) -> float:
        return self.actual - self.expected



def within_scope(query, rep_ids, product_id=None, account_id=None):
    """`query` over sales_monthly narrowed to the reps, product and account of a series (None: all)."""
    if rep_ids is not None:
        query = query.where(MonthlySale.rep_id.in_(rep_ids))
    if product_id is not None:
        query = query.where(MonthlySale.product_id == product_id)
    if account_id is not None:
        query = query.where(MonthlySale.account_id == account_id)
    return query

def load_cells(session: Session, start: date, end: date, rep_ids: list[int] | None,
               product_id: int | None = None, account_id: int | None = None) -> pd.DataFrame:
    query = (select(MonthlySale.month, MonthlySale.rep_id, Rep.team_id, MonthlySale.account_id,
                    MonthlySale.product_id, func.sum(MonthlySale.amount))
             .join(Rep, Rep.id == MonthlySale.rep_id)
             .where(MonthlySale.month >= start, MonthlySale.month <= end))
    query = within_scope(query, rep_ids, product_id, account_id)
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


def _season_ratios(matrix: pd.DataFrame) -> np.ndarray:
    """Each month's column total over its centred 12-month mean (NaN where the mean is not defined)."""
    total = matrix.sum(axis=0).to_numpy(dtype=float)
    level = pd.Series(total).rolling(12, center=True, min_periods=12).mean().to_numpy()
    with np.errstate(all="ignore"):
        return np.where(np.isfinite(level) & (level > 0), total / level, np.nan)


def _season_factors(matrix: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(per-column factors, (12,) profile). A column's factor is the median ratio of the SAME
    month in the other years: a month never sets its own season, or an anomaly would explain
    itself (텔미한정's January drop made "January" look 23% weaker, so −46% read as −23%)."""
    ratios = _season_ratios(matrix)
    moy = np.array([m.month - 1 for m in matrix.columns])
    profile = np.ones(12)
    for k in range(12):
        r = ratios[(moy == k) & np.isfinite(ratios)]
        if r.size:
            profile[k] = np.median(r)
    scale = profile.mean()
    per_column = np.empty(len(moy))
    for i, k in enumerate(moy):
        others = ratios[(moy == k) & np.isfinite(ratios) & (np.arange(len(moy)) != i)]
        per_column[i] = np.median(others) if others.size else profile[k]
    return per_column / scale, profile / scale


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


def _expectation(values: np.ndarray, season: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(expectation, in-between mask). The expectation: of the past-side and future-side
    neighbour medians (deseasonalised, season put back), the one closer to the actual value.
    A point anomaly stands out from both sides; a level shift (an account stopping for good)
    does not, and a month between the two sides is a step on the way (a territory handed over
    over three months), not an anomaly: the mask marks those."""
    past, future = _side_medians(values / season)
    past, future = past * season, future * season
    with np.errstate(all="ignore"):
        d_past = np.abs(np.log((values + c) / (past + c)))
        d_future = np.abs(np.log((values + c) / (future + c)))
        between = (values >= np.fmin(past, future)) & (values <= np.fmax(past, future))
    use_future = np.isnan(d_past) | (np.isfinite(d_future) & (d_future < d_past))
    return np.where(use_future, future, past), between


def detect_level(cells: pd.DataFrame, level: str, months: pd.DatetimeIndex, window: list[date],
                 product_profiles: dict[int, np.ndarray], company_profile: np.ndarray,
                 material: float) -> list[Anomaly]:
    keys = LEVEL_KEYS[level]
    matrix = _matrix(cells, keys, months)
    if matrix.empty:
        return []
    if "product_id" in keys:
        pids = matrix.index.get_level_values("product_id")
        season = np.stack([product_profiles.get(int(p), company_profile) for p in pids])
    else:
        season = np.tile(company_profile, (len(matrix), 1))
    values = matrix.to_numpy(dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean_level = np.nanmean(values, axis=1, keepdims=True)
    c = 0.1 * np.where(np.isfinite(mean_level), mean_level, 0.0) + 1.0
    expected, between = _expectation(values, season, c)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        resid = np.log((values + c) / (expected + c))
        med = np.nanmedian(resid, axis=1, keepdims=True)
        spread = 1.4826 * np.nanmedian(np.abs(resid - med), axis=1, keepdims=True)
    z = (resid - med) / np.maximum(spread, 0.05)
    in_window = np.isin(np.array([m.date() for m in months]), window)
    ratio_dev = np.abs(np.divide(values, expected, out=np.full_like(values, np.inf), where=expected > 0) - 1.0)
    excess = np.abs(values - expected)
    candidate = (in_window & ~between & np.isfinite(z) & (np.abs(z) >= Z_MIN) & (ratio_dev >= RATIO_MIN[level])
                 & (excess >= material))
    # the newest month has no later months to confirm it is a one-off: ask for more
    candidate[:, -1] &= (np.abs(z[:, -1]) >= Z_MIN + 1.5) & (ratio_dev[:, -1] >= max(RATIO_MIN[level], 0.5))
    rows, cols = np.nonzero(candidate)
    found = []
    for r, col in zip(rows, cols):
        key_values = matrix.index[r] if len(keys) > 1 else (matrix.index[r],)
        neighbours, last_year = references(values[r], col)
        found.append(Anomaly(level, {k: int(v) for k, v in zip(keys, key_values)}, months[col].date(),
                             float(values[r, col]), float(expected[r, col]), float(z[r, col]), 0.0,
                             neighbours, last_year))
    return found


def references(series: np.ndarray, col: int) -> tuple[float | None, float | None]:
    """Two plain expectations a rep can check by hand: the median of the neighbouring months
    (three before, three after, those that exist), and the same month a year before scaled by
    the trend (the neighbouring months' sum over the same months' sum a year before)."""
    n = series.shape[0]
    near = [i for i in (*range(col - 3, col), *range(col + 1, col + 4)) if 0 <= i < n and np.isfinite(series[i])]
    neighbours = float(np.median(series[near])) if near else None
    last_year = None
    if col >= 12 and np.isfinite(series[col - 12]):
        pairs = [i for i in near if i >= 12 and np.isfinite(series[i - 12])]
        before = float(np.sum(series[[i - 12 for i in pairs]])) if pairs else 0.0
        if before > 0:
            last_year = float(series[col - 12]) * float(np.sum(series[pairs])) / before
    return neighbours, last_year


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


_SCANS = Memo(size=64)


def detect(session: Session, today: date, window: list[date], rep_ids: list[int] | None,
           product_id: int | None = None, account_id: int | None = None,
           levels: tuple[str, ...] = LEVELS) -> list[Anomaly]:
    """The anomalies of the scope in the window, memoised per data version and scope (a scan
    reloads 3+ years of cells and fits a forest); each call gets its own copies."""
    end = add_months(month_start(today), -1)  # the running month is partial: never judged
    window = [m for m in window if m <= end]
    if not window:
        return []
    key = (data_version(session), end, tuple(window), None if rep_ids is None else tuple(sorted(rep_ids)),
           product_id, account_id, tuple(levels))
    found = _SCANS.get_or_make(key, lambda: _scan(session, end, window, rep_ids, product_id, account_id, levels))
    return [replace(a, keys=dict(a.keys)) for a in found]


def _scan(session: Session, end: date, window: list[date], rep_ids: list[int] | None, product_id: int | None,
          account_id: int | None, levels: tuple[str, ...]) -> list[Anomaly]:
    start = add_months(min(window), -HISTORY_MONTHS)
    cells = load_cells(session, start, min(add_months(max(window), 3), end),
                       rep_ids, product_id, account_id)
    if cells.empty:
        return []
    months = pd.date_range(cells["month"].min(), cells["month"].max(), freq="MS")
    company_profile = _season_factors(_matrix(cells, [], months))[0]
    product_profiles = {}
    product_matrix = _matrix(cells, ["product_id"], months)
    for pid in product_matrix.index:
        product_profiles[int(pid)] = _season_factors(product_matrix.loc[[pid]])[0]
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
    # a whole product, team or the total moving comes first (the largest money, and what a
    # company-wide scan is for); then the forest's isolation ranks the cells
    kept.sort(key=lambda a: (a.level not in AGGREGATE_LEVELS, -abs(a.excess) if a.level in AGGREGATE_LEVELS
                             else -a.iso_score))
    return kept
