"""Sales performance for any period and cut, aggregated in SQL (GROUP BY in the database).

Figures per group: amount (₩, shipments 출하), quantity (boxes), target, 달성률 = amount ÷
target, growth against the period right before (전월/직전 기간 대비) and the same months a
year earlier (전년 동기 대비), and contribution to the total's YoY growth in percentage
points ((this − last year) ÷ total last year). The current month is partial (MTD).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from data.models import Team
from tools.common.formatting import growth, ratio
from tools.analytics.scope import (
    ACCOUNTS, PRODUCTS, REPS, TARGET_GROUPS, Scope, all_of,
)
from tools.analytics.source import TARGET_SOURCE, SalesSource, pick_source
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


def _in(period: Period, month, value):
    return func.sum(case((month.between(period.start, period.end), value), else_=0))


def _labels(session: Session, group_by: str, keys: list) -> dict:
    table, name = {
        "rep": (REPS, REPS.c.name), "team": (TEAMS, TEAMS.c.name), "account": (ACCOUNTS, ACCOUNTS.c.name),
        "product": (PRODUCTS, PRODUCTS.c.name),
    }.get(group_by, (None, None))
    if table is None:
        if group_by == "month":
            return {k: f"{k.year}년 {k.month}월" for k in keys}
        return {k: str(k) for k in keys}
    columns = [table.c.id, name] + ([ACCOUNTS.c.district] if group_by == "account" else [])
    wanted = {k for k in keys if k is not None}
    query = select(*columns)
    if len(wanted) <= 900:  # beyond that, one pass over the dimension table beats long IN lists
        query = query.where(table.c.id.in_(wanted))
    found = {row[0]: row[1:] for row in session.execute(query).all() if row[0] in wanted}
    labels = {k: values[0] for k, values in found.items()}
    if group_by == "account":  # same names exist in several districts: add the district when needed
        counts = Counter(labels.values())
        for acc_id, (acc_name, district) in found.items():
            if counts[acc_name] > 1:
                labels[acc_id] = f"{acc_name}({district})"
    return labels


def _targets(session: Session, group_by: str, scope: Scope, period: Period) -> dict:
    """Target sums per group key (key None for the total). Targets have the product rollup's
    shape (month × rep × product), so the same source logic builds their query."""
    key = TARGET_SOURCE.column(group_by)
    conds = TARGET_SOURCE.conditions(scope) + [TARGET_SOURCE.in_periods(period)]
    total = func.sum(TARGET_SOURCE.column("amount"))
    stmt = (select(key, total) if key is not None else select(total))
    stmt = stmt.select_from(TARGET_SOURCE.from_clause(group_by, scope)).where(all_of(conds))
    if key is None:
        value = session.execute(stmt).scalar()
        return {None: int(value) if value is not None else None}
    return {k: int(v) for k, v in session.execute(stmt.group_by(key)).all()}


def _grouped(session: Session, source: SalesSource, group_by: str, scope: Scope, cur: Period, prev: Period,
             ly: Period) -> list[ReportRow]:
    key = source.column(group_by)
    month, amount, quantity = source.column("month"), source.column("amount"), source.column("quantity")
    conds = source.conditions(scope) + [source.in_periods(cur, prev, ly)]
    columns = [_in(cur, month, amount), _in(cur, month, quantity), _in(prev, month, amount), _in(ly, month, amount)]
    stmt = select(key, *columns) if key is not None else select(*columns)
    stmt = stmt.select_from(source.from_clause(group_by, scope)).where(all_of(conds))
    if key is not None:
        stmt = stmt.group_by(key)
    rows = []
    for rec in session.execute(stmt).all():
        k, values = (rec[0], rec[1:]) if key is not None else (None, rec)
        amount_v, quantity_v, prev_amount, ly_amount = (int(v or 0) for v in values)
        rows.append(ReportRow(k, "", amount_v, quantity_v, None, prev_amount, ly_amount))
    return rows


def _monthly(session: Session, source: SalesSource, scope: Scope, cur: Period) -> list[ReportRow]:
    """One row per month of the period, each compared with the month before and a year before."""
    month = source.column("month")
    lo = add_months(cur.start, -12)
    conds = source.conditions(scope) + [month.between(lo, cur.end)]
    stmt = (select(month, func.sum(source.column("amount")), func.sum(source.column("quantity")))
            .select_from(source.from_clause("month", scope)).where(all_of(conds)).group_by(month))
    by_month = {m: (int(a or 0), int(q or 0)) for m, a, q in session.execute(stmt).all()}
    rows = []
    for m in cur.month_list():
        amount, quantity = by_month.get(m, (0, 0))
        rows.append(ReportRow(m, "", amount, quantity, None, by_month.get(add_months(m, -1), (0, 0))[0],
                              by_month.get(add_months(m, -12), (0, 0))[0]))
    return rows


def _sum_rows(rows: list[ReportRow]) -> ReportRow:
    return ReportRow(None, "", sum(r.amount for r in rows), sum(r.quantity for r in rows), None,
                     sum(r.prev_amount for r in rows), sum(r.ly_amount for r in rows))


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
    source = pick_source(session, scope, group_by)
    if group_by == "month":
        rows = _monthly(session, source, scope, period)
        totals = _grouped(session, source, "total", scope, period, prev, ly)[0]
    else:
        rows = _grouped(session, source, group_by, scope, period, prev, ly)
        totals = _sum_rows(rows)  # the groups partition the scope's rows: no second scan
    totals.label = "합계"
    with_target = scope.has_target
    if with_target:
        if group_by in TARGET_GROUPS:
            targets = _targets(session, group_by, scope, period)
            totals.target = sum(targets.values()) if targets else None
            known = {r.key for r in rows}
            for row in rows:
                row.target = targets.get(row.key)
            if group_by != "month":  # a group with a target but no sales yet still shows (0원, 0%)
                rows += [ReportRow(k, "", target=t) for k, t in targets.items() if k not in known]
        else:
            totals.target = _targets(session, "total", scope, period).get(None)
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
    notes = [period.note] if period.note else []
    partial = current if period.start <= current <= period.end else None
    if partial:
        notes.append(f"{current.month}월은 진행 중인 달입니다({today.month}/{today.day}까지 누계, MTD). 전월·전년 대비는 한 달 전체와 비교한 값이에요.")
    if not with_target:
        notes.append("목표는 담당자×제품 단위로만 있어 거래처·지역·유형·채널 기준에는 달성률이 없습니다.")
    elif group_by not in TARGET_GROUPS:
        notes.append("목표는 담당자×제품 단위로만 있어 이 기준의 행별 달성률은 없고, 합계에만 표시합니다.")
    return Report(period, prev, ly, group_by, scope, rows, totals, partial, groups_total, notes)
