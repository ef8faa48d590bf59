"""Account grades A–D from recency, frequency, monetary value and potential, with reasons.

score = 0.40·M + 0.20·F + 0.15·R + 0.25·P, each in 0..1:
- M: percentile of the last 12 months' sales among all active accounts (company-wide);
- F: months with sales out of the last 12;
- R: 1 when the last sale was last month, falling to 0 at 6 months without sales;
- P: potential from account type (상급종합병원 1.0 … 약국 0.3), beds (log-scaled, 2,000 = 1)
  and whether the specialty prescribes chronic-care products (내과 계열).
Grades: A ≥ 0.80, B ≥ 0.60, C ≥ 0.40, D below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from data.models import MonthlySale
from data.rollup import account_month_table
from tools.common.formatting import format_won
from tools.clients.features import account_sales
from tools.common.periods import add_months

WEIGHTS = {"M": 0.40, "F": 0.20, "R": 0.15, "P": 0.25}
THRESHOLDS = (("A", 0.80), ("B", 0.60), ("C", 0.40))
TYPE_POTENTIAL = {"상급종합병원": 1.0, "종합병원": 0.8, "도매상": 0.7, "병원": 0.6, "의원": 0.4, "약국": 0.3}
CHRONIC_SPECIALTIES = {"내과", "가정의학과", "순환기내과", "내분비내과", "신경과", "호흡기내과"}
VISITS_PER_MONTH = {"A": 4, "B": 2, "C": 1, "D": 0.5}


@dataclass
class Grade:
    account_id: int
    grade: str
    score: float
    parts: dict[str, float]
    facts: dict  # inputs the reasons are written from (amount_12, percentile, months, recency, type …)

    @property
    def reasons(self) -> list[str]:
        """Korean reasons, written on demand (grading 37k accounts should not format 150k strings)."""
        f = self.facts
        active = f["amount_12"] > 0
        return [
            f"최근 12개월 매출 {format_won(f['amount_12'])}" + (f"(상위 {max(1, round((1 - f['m']) * 100))}%)" if active else ""),
            f"12개월 중 {f['active_months']}개월 거래",
            "최근 매출 지난달" if f["recency"] == 0
            else (f"마지막 매출 {int(f['recency']) + 1}개월 전" if f["recency"] < 36 else "매출 이력 없음"),
            f"{f['type']}" + (f"·{f['beds']:,}병상" if f["beds"] else "") + (f"·{f['specialty']}" if f["specialty"] else ""),
        ]

    @property
    def reason_text(self) -> str:
        return " · ".join(self.reasons)


def grade_letter(score: float) -> str:
    for letter, bound in THRESHOLDS:
        if score >= bound:
            return letter
    return "D"


def grade_accounts(session: Session, asof: date, account_where: ColumnElement[bool] | None = None,
                   sales: AccountSales | None = None) -> dict[int, Grade]:
    """Grades of the accounts matching `account_where` (default: all). The monetary part is a
    company-wide percentile, so the same account gets the same grade whoever asks. `sales`:
    the same accounts' sales when the caller has them already (compute_features reads them)."""
    sales = sales if sales is not None else account_sales(session, asof, account_where)
    ids, amount, recency = sales.account_ids, sales.monthly.sum(axis=1), sales.recency
    active_months = (sales.monthly > 0).sum(axis=1)
    rows = sales.accounts
    company = np.sort(amount[amount > 0]) if account_where is None else company_amounts(session, asof)
    active = amount > 0
    m = np.where(active, np.searchsorted(company, amount, side="right") / max(len(company), 1), 0.0)
    f = active_months / 12
    r = np.clip(1 - recency / 6, 0, 1)
    type_p = np.array([TYPE_POTENTIAL.get(row.type, 0.4) for row in rows])
    beds = np.array([row.beds or 0 for row in rows], dtype=float)
    beds_p = np.minimum(1.0, np.log1p(beds) / np.log1p(2000))
    specialties = [row.specialty for row in rows]
    chronic = np.array([1.0 if (sp or "") in CHRONIC_SPECIALTIES else 0.5 for sp in specialties])
    p = np.where(beds > 0, 0.5 * type_p + 0.3 * beds_p + 0.2 * chronic, 0.7 * type_p + 0.3 * chronic)
    scores = np.round(WEIGHTS["M"] * m + WEIGHTS["F"] * f + WEIGHTS["R"] * r + WEIGHTS["P"] * p, 3)
    grades = {}
    for i, (acc_id, row, specialty) in enumerate(zip(ids.tolist(), rows, specialties)):
        parts = {"M": float(m[i]), "F": float(f[i]), "R": float(r[i]), "P": float(p[i])}
        facts = {"amount_12": float(amount[i]), "m": float(m[i]), "active_months": int(active_months[i]),
                 "recency": float(recency[i]), "type": row.type, "beds": row.beds, "specialty": specialty}
        grades[acc_id] = Grade(acc_id, grade_letter(float(scores[i])), float(scores[i]), parts, facts)
    return grades


_COMPANY_AMOUNTS: dict[tuple, np.ndarray] = {}


def company_amounts(session: Session, asof: date) -> np.ndarray:
    """Sorted 12-month sales of every account that sold (the M percentile's reference).

    Cached per database, month and sales high-water mark: it changes only when sales load."""
    key = (session.get_bind().url.render_as_string(hide_password=True), asof,
           session.scalar(select(func.max(MonthlySale.id))))
    if key not in _COMPANY_AMOUNTS:
        table = account_month_table(session)
        totals = session.scalars(select(func.sum(table.c.amount))
                                 .where(table.c.month >= add_months(asof, -12), table.c.month < asof)
                                 .group_by(table.c.account_id)).all()
        amounts = np.sort(np.array([float(t or 0) for t in totals]))
        if len(_COMPANY_AMOUNTS) >= 8:
            _COMPANY_AMOUNTS.clear()
        _COMPANY_AMOUNTS[key] = amounts[amounts > 0]
    return _COMPANY_AMOUNTS[key]
