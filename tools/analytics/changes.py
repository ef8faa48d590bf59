"""New and lost prescribing accounts (신규 처방처 / 이탈 거래처), computed in SQL.

Definitions (documented in docs/analytics.md):
- new in period P: the account has sales (amount > 0) in P and none in the 12 months
  right before P's first month.
- lost in period P: the account has sales in the 3 months right before P's first month
  and none in P.
The scope's filters apply to both windows (e.g. new accounts *for a product*).

Like for like (`judged_period`): a running month would compare a few days of orders with
three whole months, so "lost" is judged on P's completed months (the running month alone:
on last month), and the answer says so. "New" keeps the running month (an order that came
is a fact), said as "…까지".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tools.analytics.scope import ACCOUNTS, REPS, Scope, all_of
from tools.analytics.source import pick_source
from tools.common.periods import Period, add_months, describe, month_start
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


def judged_period(period: Period, today: date, kind: str) -> tuple[Period, str]:
    """(the months the change is judged on, the Korean sentence that says so; "" when as asked)."""
    current = month_start(today)
    if not period.start <= current <= period.end:
        return period, ""
    if kind == "new":
        return period, (f"{current.month}월은 진행 중이라 {today.month}/{today.day}까지의 매출로 신규 여부를 "
                        f"판단했습니다.")
    if period.start < current:
        done = Period(period.start, add_months(current, -1), describe(period.start, add_months(current, -1)))
        return done, (f"{current.month}월은 진행 중이라({today.month}/{today.day}까지) 이탈은 완료된 {done.label}만으로 "
                      f"판단했습니다(직전 {LOST_LOOKBACK_MONTHS}개월 매출이 있었는데 {done.label}에 매출이 없는 거래처).")
    last = add_months(current, -1)
    done = Period(last, last, describe(last, last))
    return done, (f"이번 달은 진행 중이라({today.month}/{today.day}까지) 며칠치 주문을 석 달치와 비교하지 않도록, "
                  f"이탈은 완료된 지난달({done.label}) 기준으로 판단했습니다.")


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
