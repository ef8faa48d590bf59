"""Per-account features as of a month, from SQL aggregates (GROUP BY account, month).

`asof` is the first day of a month; only months strictly before it are used, so the
current (partial) month never leaks in. Features (documented in docs/analytics.md):
recency_months, active_months_12, amount_12, amount_3, amount_prev3, trend_ratio (last 3 ÷
previous 3 months), slope_6 (least-squares slope of the last 6 months ÷ their mean),
mom_drop (last month vs the one before, as a fall ratio), zero_months_6, products_3,
products_change (distinct products last 3 vs previous 3 months), visit_gap_days,
visits_90, beds, type_rank, is_hospital.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy import ColumnElement, case, distinct, func, select, true
from sqlalchemy.orm import Session

from data.models import Account, MonthlySale, Visit
from data.rollup import account_month_table
from tools.common.periods import add_months

ALL_FEATURES = (
    "recency_months", "active_months_12", "log_amount_12", "log_amount_3", "trend_ratio", "slope_6", "mom_drop",
    "zero_months_6", "products_3", "products_change", "visit_gap_days", "visits_90", "log_beds", "type_rank",
)
# What the churn model reads. Visit features are left out (issue 13): visit history covers only
# the last 12 months, so training snapshots (cutoffs before that) all read "never visited" while
# the hold-out reads real gaps, and the demo world thins the visits of its planted churners over
# the whole year (data/demo/activity.py), i.e. before they churn — the label leaked into
# visits_90/visit_gap_days (hold-out AUC 0.999 with them). Visit gaps still drive visit priorities.
FEATURES = tuple(f for f in ALL_FEATURES if f not in ("visit_gap_days", "visits_90"))
FEATURE_KO = {
    "recency_months": "마지막 매출 후 경과 개월", "active_months_12": "최근 12개월 거래 개월 수",
    "log_amount_12": "최근 12개월 매출 규모", "log_amount_3": "최근 3개월 매출 규모",
    "trend_ratio": "최근 3개월 vs 직전 3개월 추세", "slope_6": "최근 6개월 기울기", "mom_drop": "전월 대비 하락폭",
    "zero_months_6": "최근 6개월 중 무거래 개월", "products_3": "최근 3개월 처방 제품 수",
    "products_change": "처방 제품 수 변화", "visit_gap_days": "마지막 방문 후 경과일", "visits_90": "최근 90일 방문 수",
    "log_beds": "병상 규모", "type_rank": "거래처 유형",
}
TYPE_RANK = {"상급종합병원": 5, "종합병원": 4, "도매상": 3, "병원": 3, "의원": 2, "약국": 1}
NO_VISIT_DAYS = 365


@dataclass
class AccountFeatures:
    account_ids: np.ndarray  # (n,)
    matrix: np.ndarray  # (n, len(FEATURES))
    monthly: np.ndarray  # (n, 12) amounts of the 12 months before asof, oldest first
    raw: dict[str, np.ndarray]  # extra per-account values for explanations (amount_12 …)
    sales: AccountSales | None = None  # what they were computed from (grading reuses it)

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, FEATURES.index(name)]


@dataclass
class AccountSales:
    """Monthly sales of accounts over the 12 months before asof, and months since the last sale."""

    accounts: list  # rows (id, beds, type, specialty) ordered by id
    account_ids: np.ndarray
    monthly: np.ndarray  # (n, 12), oldest first
    recency: np.ndarray  # months from the last sale to the month before asof (0 = last month); 36 when none


def account_sales(session: Session, asof: date, account_where: ColumnElement[bool] | None = None) -> AccountSales:
    where = account_where if account_where is not None else true()
    lo = add_months(asof, -12)
    acc_rows = session.execute(select(Account.id, Account.beds, Account.type, Account.specialty)
                               .where(where).order_by(Account.id)).all()
    ids = np.array([r.id for r in acc_rows], dtype=np.int64)
    index = {int(a): i for i, a in enumerate(ids)}
    monthly = np.zeros((len(ids), 12))
    table = account_month_table(session)
    months = [add_months(lo, k) for k in range(12)]
    # one row per account with its 12 monthly sums (and whether it had any sales row that month),
    # pivoted in SQL: 12× fewer rows to bring back than (account, month) pairs
    sums = [func.sum(case((table.c.month == m, table.c.amount), else_=0)) for m in months]
    present = [func.max(case((table.c.month == m, 1), else_=0)) for m in months]
    pivot_rows = session.execute(
        select(table.c.account_id, *sums, *present)
        .where(table.c.month >= lo, table.c.month < asof, table.c.account_id.in_(select(Account.id).where(where)))
        .group_by(table.c.account_id)).all()
    active = np.zeros((len(ids), 12), dtype=bool)  # any sales row that month (a net 0 still counts as a sale)
    if pivot_rows:
        values = np.array([row[1:] for row in pivot_rows], dtype=float)
        positions = np.array([index[row[0]] for row in pivot_rows])
        monthly[positions] = values[:, :12]
        active[positions] = values[:, 12:] > 0
    last_active = 11 - np.argmax(active[:, ::-1], axis=1)  # index of the newest month with sales
    recency = np.where(active.any(axis=1), 11 - last_active, 36.0).astype(float)
    quiet = [int(a) for a in ids[~active.any(axis=1)]]  # no sales for a year: look further back, by index
    for start in range(0, len(quiet), 900):
        last_rows = session.execute(select(table.c.account_id, func.max(table.c.month))
                                    .where(table.c.month < lo, table.c.account_id.in_(quiet[start:start + 900]))
                                    .group_by(table.c.account_id)).all()
        for acc_id, last in last_rows:
            if isinstance(last, str):
                last = date.fromisoformat(last)
            recency[index[acc_id]] = (asof.year - last.year) * 12 + asof.month - last.month - 1
    return AccountSales(acc_rows, ids, monthly, recency)


def compute_features(session: Session, asof: date, account_where: ColumnElement[bool] | None = None,
                     only_recently_active: bool = False) -> AccountFeatures:
    """Features for accounts (filtered by `account_where` on Account) as of `asof`."""
    where = account_where if account_where is not None else true()
    sales = account_sales(session, asof, where)
    acc_rows, ids, monthly, recency = sales.accounts, sales.account_ids, sales.monthly, sales.recency
    index = {int(a): i for i, a in enumerate(ids)}
    n = len(ids)
    acc_sub = select(Account.id).where(where)

    # distinct products in the last 3 and the previous 3 months, in one scan of 6 months
    recent, previous = add_months(asof, -3), add_months(asof, -6)
    products_3, products_prev3 = np.zeros(n), np.zeros(n)
    breadth_rows = session.execute(
        select(MonthlySale.account_id,
               func.count(distinct(case((MonthlySale.month >= recent, MonthlySale.product_id), else_=None))),
               func.count(distinct(case((MonthlySale.month < recent, MonthlySale.product_id), else_=None))))
        .where(MonthlySale.month >= previous, MonthlySale.month < asof, MonthlySale.account_id.in_(acc_sub))
        .group_by(MonthlySale.account_id)).all()
    for acc_id, last3, prev3 in breadth_rows:
        products_3[index[acc_id]], products_prev3[index[acc_id]] = last3, prev3
    asof_dt = datetime(asof.year, asof.month, 1)
    visit_rows = session.execute(
        select(Visit.account_id, func.max(Visit.visited_at),
               func.sum(case((Visit.visited_at >= datetime.fromordinal(asof.toordinal() - 90), 1), else_=0)))
        .where(Visit.visited_at < asof_dt, Visit.account_id.in_(acc_sub)).group_by(Visit.account_id)).all()
    visit_gap = np.full(n, float(NO_VISIT_DAYS))
    visits_90 = np.zeros(n)
    for acc_id, last, count in visit_rows:
        if isinstance(last, str):
            last = datetime.fromisoformat(last)
        visit_gap[index[acc_id]] = min(NO_VISIT_DAYS, (asof_dt - last).days)
        visits_90[index[acc_id]] = float(count or 0)

    amount_12 = monthly.sum(axis=1)
    amount_3 = monthly[:, -3:].sum(axis=1)
    amount_prev3 = monthly[:, -6:-3].sum(axis=1)
    last6 = monthly[:, -6:]
    x = np.arange(6) - 2.5
    mean6 = last6.mean(axis=1)
    slope = (last6 * x).sum(axis=1) / (x ** 2).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        slope_6 = np.where(mean6 > 0, slope / mean6, 0.0)
        trend_ratio = np.where(amount_prev3 > 0, amount_3 / amount_prev3, np.where(amount_3 > 0, 2.0, 0.0))
        mom_drop = np.where(monthly[:, -2] > 0, 1 - monthly[:, -1] / monthly[:, -2], 0.0)
    full = np.column_stack([
        recency, (monthly > 0).sum(axis=1), np.log1p(amount_12), np.log1p(amount_3), np.clip(trend_ratio, 0, 5),
        slope_6, np.clip(mom_drop, -5, 1), (last6 <= 0).sum(axis=1), products_3, products_3 - products_prev3,
        visit_gap, visits_90, np.log1p([r.beds or 0 for r in acc_rows]), [TYPE_RANK.get(r.type, 2) for r in acc_rows],
    ]).astype(float)
    matrix = full[:, [ALL_FEATURES.index(f) for f in FEATURES]]
    features = AccountFeatures(ids, matrix, monthly, {"amount_12": amount_12, "amount_3": amount_3,
                                                     "visit_gap": visit_gap, "visits_90": visits_90, "recency": recency},
                               sales)
    if only_recently_active:  # a subset: its rows no longer line up with `sales`
        keep = amount_3 > 0
        features = AccountFeatures(ids[keep], matrix[keep], monthly[keep], {k: v[keep] for k, v in features.raw.items()})
    return features


def churn_labels(session: Session, account_ids: np.ndarray, asof: date, horizon: int = 3) -> np.ndarray:
    """1 when the account has no sales in the `horizon` months starting at `asof`."""
    bought = set(session.scalars(select(MonthlySale.account_id).where(
        MonthlySale.month >= asof, MonthlySale.month < add_months(asof, horizon),
        MonthlySale.account_id.in_([int(a) for a in account_ids])).group_by(MonthlySale.account_id)))
    return np.array([0 if int(a) in bought else 1 for a in account_ids], dtype=np.int32)
