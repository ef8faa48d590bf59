"""New and lost prescribing accounts (신규 처방처 / 이탈 거래처), computed in SQL.

Definitions (documented in docs/analytics.md):
- new in period P: the account has sales (amount > 0) in P and none in the 12 months
  right before P's first month.
- lost in period P: the account has sales in the 3 months right before P's first month
  and none in P. When P includes the current (partial) month, some of them may still order.
The scope's filters apply to both windows (e.g. new accounts *for a product*).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tools.analytics.scope import ACCOUNTS, REPS, Scope, all_of
from tools.analytics.source import pick_source
from tools.common.periods import Period, add_months, month_start
from tools.common.plumbing import ToolInputError

NEW_LOOKBACK_MONTHS = 12
LOST_LOOKBACK_MONTHS = 3


@dataclass
class AccountChange:
    account_id: int
    name: str
    type: str
    province: str
    district: str
    owner: str
    amount: int  # sales in P (new) or in the 3 months before P (lost)
    first_month: date | None  # first month with sales in P (new); last month with sales (lost)

    def to_json(self) -> dict:
        return {"account_id": self.account_id, "name": self.name, "type": self.type, "province": self.province,
                "district": self.district, "owner": self.owner, "amount": self.amount,
                "month": self.first_month.isoformat() if self.first_month else None}


def account_changes(session: Session, scope: Scope, period: Period, kind: str = "new", today: date | None = None,
                    limit: int | None = None) -> tuple[list[AccountChange], int]:
    """(accounts, total count) of new or lost accounts in the period, largest amount first."""
    if kind not in ("new", "lost"):
        raise ToolInputError("kind는 new(신규 처방처) 또는 lost(이탈 거래처) 중 하나로 말씀해 주세요.")
    if today is not None and period.start > month_start(today):
        raise ToolInputError(f"{period.label}은(는) 아직 오지 않은 기간입니다.")
    lookback = NEW_LOOKBACK_MONTHS if kind == "new" else LOST_LOOKBACK_MONTHS
    before = Period(add_months(period.start, -lookback), add_months(period.start, -1), "")
    source = pick_source(session, scope, "account")
    month, account_id, sales = source.column("month"), source.column("account"), source.column("amount")
    in_p = func.sum(case((month.between(period.start, period.end), sales), else_=0))
    in_before = func.sum(case((month.between(before.start, before.end), sales), else_=0))
    if kind == "new":
        month_col = func.min(case((month.between(period.start, period.end), month), else_=None))
        having, amount = (in_p > 0) & (in_before <= 0), in_p
    else:
        month_col = func.max(case((month.between(before.start, before.end), month), else_=None))
        having, amount = (in_before > 0) & (in_p <= 0), in_before
    conds = source.conditions(scope) + [month.between(before.start, period.end)]
    grouped = (select(account_id.label("account_id"), amount.label("amount"), month_col.label("month"))
               .select_from(source.from_clause("account", scope)).where(all_of(conds))
               .group_by(account_id).having(having).subquery())
    # the grouped accounts are counted in the same pass (a window over the grouped rows), not re-grouped
    stmt = (select(grouped.c.account_id, ACCOUNTS.c.name, ACCOUNTS.c.type, ACCOUNTS.c.province, ACCOUNTS.c.district,
                   REPS.c.name, grouped.c.amount, grouped.c.month, func.count().over())
            .select_from(grouped.join(ACCOUNTS, ACCOUNTS.c.id == grouped.c.account_id)
                         .outerjoin(REPS, REPS.c.id == ACCOUNTS.c.owner_rep_id))
            .order_by(grouped.c.amount.desc(), grouped.c.account_id))
    if limit:
        stmt = stmt.limit(limit)
    out, total = [], 0
    for acc_id, name, typ, province, district, owner, amt, month, total in session.execute(stmt).all():
        if isinstance(month, str):
            month = date.fromisoformat(month)
        out.append(AccountChange(acc_id, name, typ, province, district, owner or "-", int(amt or 0), month))
    return out, int(total)
