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
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.models import Account
from tools.analytics.formatting import format_won
from tools.clients.features import AccountFeatures, compute_features

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
    reasons: list[str]

    @property
    def reason_text(self) -> str:
        return " · ".join(self.reasons)


def grade_letter(score: float) -> str:
    for letter, bound in THRESHOLDS:
        if score >= bound:
            return letter
    return "D"


def grade_accounts(session: Session, asof: date, feats: AccountFeatures | None = None) -> dict[int, Grade]:
    """Grades for every account (company-wide percentiles); callers filter by access."""
    feats = feats or compute_features(session, asof)
    info = {r.id: r for r in session.execute(select(Account.id, Account.type, Account.beds, Account.specialty))}
    amount = feats.raw["amount_12"]
    active = amount > 0
    sorted_active = np.sort(amount[active])
    m = np.where(active, np.searchsorted(sorted_active, amount, side="right") / max(len(sorted_active), 1), 0.0)
    f = feats.column("active_months_12") / 12
    recency = feats.raw["recency"]
    r = np.clip(1 - recency / 6, 0, 1)
    grades = {}
    for i, acc_id in enumerate(feats.account_ids):
        row = info[int(acc_id)]
        type_p = TYPE_POTENTIAL.get(row.type, 0.4)
        beds_p = min(1.0, np.log1p(row.beds or 0) / np.log1p(2000))
        chronic = 1.0 if (row.specialty or "") in CHRONIC_SPECIALTIES else 0.5
        p = 0.5 * type_p + 0.3 * beds_p + 0.2 * chronic if row.beds else 0.7 * type_p + 0.3 * chronic
        parts = {"M": float(m[i]), "F": float(f[i]), "R": float(r[i]), "P": float(p)}
        score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)
        letter = grade_letter(score)
        reasons = [
            f"최근 12개월 매출 {format_won(amount[i])}" + (f"(상위 {max(1, round((1 - m[i]) * 100))}%)" if active[i] else ""),
            f"12개월 중 {int(feats.column('active_months_12')[i])}개월 거래",
            "최근 매출 지난달" if recency[i] == 0 else (f"마지막 매출 {int(recency[i]) + 1}개월 전" if recency[i] < 36 else "매출 이력 없음"),
            f"{row.type}" + (f"·{row.beds:,}병상" if row.beds else "") + (f"·{row.specialty}" if row.specialty else ""),
        ]
        grades[int(acc_id)] = Grade(int(acc_id), letter, score, parts, reasons)
    return grades
