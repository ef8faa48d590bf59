"""Sales performance for any period and cut, aggregated in SQL (GROUP BY in the database).

Figures per group: amount (₩, shipments 출하), quantity (boxes), target, 달성률 = amount ÷
target, growth against the period right before (전월/직전 기간 대비) and the same months a
year earlier (전년 동기 대비), and contribution to the total's YoY growth in percentage
points ((this − last year) ÷ total last year). The current month is partial (MTD).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from data.models import Team
from tools.analytics.formatting import growth, ratio
from tools.analytics.scope import (
    ACCOUNTS, PRODUCTS, REPS, SALES, TARGET_GROUPS, TARGETS, Scope, all_of, sales_conditions, target_conditions,
)
from tools.common.periods import Period, add_months, month_start
from tools.common.plumbing import ToolInputError

TEAMS = Team.__table__


@dataclass
class ReportRow:
    key: object
    label: str
    amount: int = 0
    quantity: int = 0
    target: int | None = None
    prev_amount: int = 0
    ly_amount: int = 0
    contribution_pp: float | None = None  # share of the total's YoY growth, in %p

    @property
    def achievement(self) -> float | None:
        return ratio(self.amount, self.target)

    @property
    def mom(self) -> float | None:
        return growth(self.amount, self.prev_amount)

    @property
    def yoy(self) -> float | None:
        return growth(self.amount, self.ly_amount)

    def to_json(self) -> dict:
        return {
            "key": str(self.key), "label": self.label, "amount": self.amount, "quantity": self.quantity,
            "target": self.target, "achievement": self.achievement, "prev_amount": self.prev_amount,
            "mom": self.mom, "ly_amount": self.ly_amount, "yoy": self.yoy, "contribution_pp": self.contribution_pp,
        }


@dataclass
class Report:
    period: Period
    previous: Period
    last_year: Period
    group_by: str
    scope: Scope
    rows: list[ReportRow]
    total: ReportRow
    partial_month: date | None  # the current month when the period includes it (MTD)
    groups_total: int = 0  # groups before top/bottom N
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "period": self.period.to_json(), "previous": self.previous.to_json(), "last_year": self.last_year.to_json(),
            "group_by": self.group_by, "scope": self.scope.to_json(), "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(), "partial_month": self.partial_month.isoformat() if self.partial_month else None,
            "groups_total": self.groups_total, "notes": self.notes,
        }


def _sales_key(group_by: str):
    return {
        "rep": SALES.c.rep_id, "team": REPS.c.team_id, "region": ACCOUNTS.c.province, "account": SALES.c.account_id,
        "account_type": ACCOUNTS.c.type, "product": SALES.c.product_id, "therapeutic_area": PRODUCTS.c.therapeutic_area,
        "channel": SALES.c.channel, "month": SALES.c.month, "total": None,
    }[group_by]


def _sales_from(group_by: str, scope: Scope):
    source = SALES
    if group_by in ("region", "account_type") or scope.needs_accounts():
        source = source.join(ACCOUNTS, ACCOUNTS.c.id == SALES.c.account_id)
    if group_by == "therapeutic_area" or scope.needs_products():
        source = source.join(PRODUCTS, PRODUCTS.c.id == SALES.c.product_id)
    if group_by == "team":
        source = source.join(REPS, REPS.c.id == SALES.c.rep_id)
    return source


def _in(period: Period, value):
    return func.sum(case((SALES.c.month.between(period.start, period.end), value), else_=0))


def _labels(session: Session, group_by: str, keys: list) -> dict:
    table, name = {
        "rep": (REPS, REPS.c.name), "team": (TEAMS, TEAMS.c.name), "account": (ACCOUNTS, ACCOUNTS.c.name),
        "product": (PRODUCTS, PRODUCTS.c.name),
    }.get(group_by, (None, None))
    if table is None:
        if group_by == "month":
            return {k: f"{k.year}년 {k.month}월" for k in keys}
        return {k: str(k) for k in keys}
    labels: dict = {}
    for chunk in range(0, len(keys), 900):
        part = [k for k in keys[chunk:chunk + 900] if k is not None]
        labels.update(dict(session.execute(select(table.c.id, name).where(table.c.id.in_(part))).all()))
    if group_by == "account":  # same names exist in several districts: add the district when needed
        dup = {v for v in labels.values() if list(labels.values()).count(v) > 1}
        if dup:
            rows = session.execute(select(ACCOUNTS.c.id, ACCOUNTS.c.district).where(
                ACCOUNTS.c.id.in_([k for k, v in labels.items() if v in dup]))).all()
            for acc_id, district in rows:
                labels[acc_id] = f"{labels[acc_id]}({district})"
    return labels


def _targets(session: Session, group_by: str, scope: Scope, period: Period) -> dict:
    """Target sums per group key (key None for the total)."""
    key = {"rep": TARGETS.c.rep_id, "team": REPS.c.team_id, "product": TARGETS.c.product_id,
           "therapeutic_area": PRODUCTS.c.therapeutic_area, "month": TARGETS.c.month}.get(group_by)
    source = TARGETS
    if group_by == "team":
        source = source.join(REPS, REPS.c.id == TARGETS.c.rep_id)
    if group_by == "therapeutic_area":
        source = source.join(PRODUCTS, PRODUCTS.c.id == TARGETS.c.product_id)
    conds = target_conditions(scope) + [TARGETS.c.month.between(period.start, period.end)]
    if key is None:
        value = session.execute(select(func.sum(TARGETS.c.amount)).select_from(source).where(all_of(conds))).scalar()
        return {None: int(value) if value is not None else None}
    stmt = select(key, func.sum(TARGETS.c.amount)).select_from(source).where(all_of(conds)).group_by(key)
    return {k: int(v) for k, v in session.execute(stmt).all()}


def _grouped(session: Session, group_by: str, scope: Scope, cur: Period, prev: Period, ly: Period) -> list[ReportRow]:
    key = _sales_key(group_by)
    lo, hi = min(prev.start, ly.start), cur.end
    conds = sales_conditions(scope) + [SALES.c.month.between(lo, hi)]
    columns = [_in(cur, SALES.c.amount), _in(cur, SALES.c.quantity), _in(prev, SALES.c.amount), _in(ly, SALES.c.amount)]
    stmt = select(key, *columns) if key is not None else select(*columns)
    stmt = stmt.select_from(_sales_from(group_by, scope)).where(all_of(conds))
    if key is not None:
        stmt = stmt.group_by(key)
    rows = []
    for rec in session.execute(stmt).all():
        k, values = (rec[0], rec[1:]) if key is not None else (None, rec)
        amount, quantity, prev_amount, ly_amount = (int(v or 0) for v in values)
        rows.append(ReportRow(k, "", amount, quantity, None, prev_amount, ly_amount))
    return rows


def _monthly(session: Session, scope: Scope, cur: Period) -> list[ReportRow]:
    """One row per month of the period, each compared with the month before and a year before."""
    lo = add_months(cur.start, -12)
    conds = sales_conditions(scope) + [SALES.c.month.between(lo, cur.end)]
    stmt = (select(SALES.c.month, func.sum(SALES.c.amount), func.sum(SALES.c.quantity))
            .select_from(_sales_from("month", scope)).where(all_of(conds)).group_by(SALES.c.month))
    by_month = {m: (int(a or 0), int(q or 0)) for m, a, q in session.execute(stmt).all()}
    rows = []
    for month in cur.month_list():
        amount, quantity = by_month.get(month, (0, 0))
        rows.append(ReportRow(month, "", amount, quantity, None, by_month.get(add_months(month, -1), (0, 0))[0],
                              by_month.get(add_months(month, -12), (0, 0))[0]))
    return rows


def build_report(
    session: Session,
    scope: Scope,
    period: Period,
    today: date,
    group_by: str = "product",
    top_n: int | None = None,
    order: str = "desc",
) -> Report:
    if order not in ("desc", "asc"):
        raise ToolInputError("정렬은 desc(상위) 또는 asc(하위)로 말씀해 주세요.")
    if top_n is not None and top_n < 1:
        raise ToolInputError("상위/하위 개수는 1 이상으로 말씀해 주세요.")
    current = month_start(today)
    if period.start > current:
        raise ToolInputError(f"{period.label}은(는) 아직 오지 않은 기간입니다. 지난 기간이나 이번 달을 말씀해 주세요.")
    prev, ly = period.previous(), period.last_year()
    if group_by == "month":
        rows = _monthly(session, scope, period)
    else:
        rows = _grouped(session, group_by, scope, period, prev, ly)
    totals = _grouped(session, "total", scope, period, prev, ly)[0]
    totals.label = "합계"
    with_target = scope.has_target
    if with_target:
        totals.target = _targets(session, "total", scope, period).get(None)
        if group_by in TARGET_GROUPS:
            targets = _targets(session, group_by, scope, period)
            known = {r.key for r in rows}
            for row in rows:
                row.target = targets.get(row.key)
            if group_by != "month":  # a group with a target but no sales yet still shows (0원, 0%)
                rows += [ReportRow(k, "", target=t) for k, t in targets.items() if k not in known]
    labels = _labels(session, group_by, [r.key for r in rows])
    for row in rows:
        row.label = labels.get(row.key, str(row.key))
        row.contribution_pp = (row.amount - row.ly_amount) / totals.ly_amount * 100 if totals.ly_amount else None
    totals.contribution_pp = (totals.amount - totals.ly_amount) / totals.ly_amount * 100 if totals.ly_amount else None
    groups_total = len(rows)
    if group_by != "month":
        rows.sort(key=lambda r: (r.amount, r.label), reverse=(order == "desc"))
        if top_n and order == "asc":  # bottom N ranks groups that sold in the period
            rows = [r for r in rows if r.amount > 0]
            groups_total = len(rows)
        if top_n:
            rows = rows[:top_n]
    notes = []
    partial = current if period.start <= current <= period.end else None
    if partial:
        notes.append(f"{current.month}월은 진행 중인 달입니다({today.month}/{today.day}까지 누계, MTD). 전월·전년 대비는 한 달 전체와 비교한 값이에요.")
    if not with_target:
        notes.append("목표는 담당자×제품 단위로만 있어 거래처·지역·유형·채널 기준에는 달성률이 없습니다.")
    elif group_by not in TARGET_GROUPS:
        notes.append("목표는 담당자×제품 단위로만 있어 이 기준의 행별 달성률은 없고, 합계에만 표시합니다.")
    return Report(period, prev, ly, group_by, scope, rows, totals, partial, groups_total, notes)
