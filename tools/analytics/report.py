"""Sales performance for any period and cut, aggregated in SQL (GROUP BY in the database).

Figures per group: amount (₩, shipments 출하), quantity (boxes), target, 달성률 = amount ÷
target, growth against the period right before (전월/직전 기간 대비) and the same months a
year earlier (전년 동기 대비), and contribution to the total's YoY growth in percentage
points ((this − last year) ÷ total last year). The current month is partial (MTD).

Like for like: a period that includes the current (unfinished) month is compared on its
completed months only (`Report.basis`), against the same months a year/period earlier; the
current month alone has no comparable figure in monthly data, so its growth is left out
(None) and the answer says so. `compare` puts a second period side by side (`cmp_*`), aligned
month by month with the basis.
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
from tools.common.periods import Period, add_months, describe, month_start
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
    base_amount: int | None = None  # amount over the comparable (completed) months; None: nothing comparable
    cmp_amount: int = 0  # the side-by-side period (compare_with), whole
    cmp_quantity: int = 0
    cmp_base: int | None = None  # the side-by-side period over the months aligned with the basis

    @property
    def achievement(self) -> float | None:
        return ratio(self.amount, self.target)

    @property
    def mom(self) -> float | None:
        return None if self.base_amount is None else growth(self.base_amount, self.prev_amount)

    @property
    def yoy(self) -> float | None:
        return None if self.base_amount is None else growth(self.base_amount, self.ly_amount)

    @property
    def cmp_change(self) -> float | None:
        return None if self.base_amount is None or self.cmp_base is None else growth(self.base_amount, self.cmp_base)

    @property
    def cmp_delta(self) -> int | None:
        return None if self.base_amount is None or self.cmp_base is None else self.base_amount - self.cmp_base

    def to_json(self) -> dict:
        return {
            "key": str(self.key), "label": self.label, "amount": self.amount, "quantity": self.quantity,
            "target": self.target, "achievement": self.achievement, "prev_amount": self.prev_amount,
            "mom": self.mom, "ly_amount": self.ly_amount, "yoy": self.yoy, "contribution_pp": self.contribution_pp,
            "base_amount": self.base_amount, "cmp_amount": self.cmp_amount, "cmp_quantity": self.cmp_quantity,
            "cmp_base": self.cmp_base, "cmp_change": self.cmp_change,
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
    basis: Period | None = None  # the months growth is measured on (the completed part of the period)
    compare: Period | None = None  # compare_with, side by side
    compare_basis: Period | None = None  # compare's months aligned with `basis`
    ranked_by: str = "amount"  # what the rows are ordered on: amount or achievement

    @property
    def like_for_like(self) -> bool:
        """True when growth is measured on fewer months than the period (it includes the current month)."""
        return self.basis is None or (self.basis.start, self.basis.end) != (self.period.start, self.period.end)

    def to_json(self) -> dict:
        extra = {"basis": self.basis.to_json() if self.basis else None,
                 "compare": self.compare.to_json() if self.compare else None,
                 "compare_basis": self.compare_basis.to_json() if self.compare_basis else None}
        return extra | {
            "period": self.period.to_json(), "previous": self.previous.to_json(), "last_year": self.last_year.to_json(),
            "group_by": self.group_by, "scope": self.scope.to_json(), "rows": [r.to_json() for r in self.rows],
            "total": self.total.to_json(), "partial_month": self.partial_month.isoformat() if self.partial_month else None,
            "groups_total": self.groups_total, "notes": self.notes, "ranked_by": self.ranked_by,
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


def _grouped(session: Session, source: SalesSource, group_by: str, scope: Scope, cur: Period, basis: Period | None,
             prev: Period, ly: Period, compare: Period | None = None,
             compare_basis: Period | None = None) -> list[ReportRow]:
    key = source.column(group_by)
    month, amount, quantity = source.column("month"), source.column("amount"), source.column("quantity")
    wanted = [cur, prev, ly] + [p for p in (compare,) if p is not None]
    conds = source.conditions(scope) + [source.in_periods(*wanted)]
    columns = [_in(cur, month, amount), _in(cur, month, quantity), _in(prev, month, amount), _in(ly, month, amount)]
    same = basis is not None and (basis.start, basis.end) == (cur.start, cur.end)
    if basis is not None and not same:
        columns.append(_in(basis, month, amount))
    if compare is not None:
        columns += [_in(compare, month, amount), _in(compare, month, quantity)]
        if compare_basis is not None:
            columns.append(_in(compare_basis, month, amount))
    stmt = select(key, *columns) if key is not None else select(*columns)
    stmt = stmt.select_from(source.from_clause(group_by, scope)).where(all_of(conds))
    if key is not None:
        stmt = stmt.group_by(key)
    rows = []
    for rec in session.execute(stmt).all():
        k, values = (rec[0], rec[1:]) if key is not None else (None, rec)
        values = [int(v or 0) for v in values]
        amount_v, quantity_v, prev_amount, ly_amount = values[:4]
        rest = values[4:]
        row = ReportRow(k, "", amount_v, quantity_v, None, prev_amount, ly_amount)
        if basis is not None:
            row.base_amount = amount_v if same else rest.pop(0)
        if compare is not None:
            row.cmp_amount, row.cmp_quantity = rest.pop(0), rest.pop(0)
            if compare_basis is not None:
                row.cmp_base = rest.pop(0)
        rows.append(row)
    return rows


def _monthly(session: Session, source: SalesSource, scope: Scope, cur: Period, partial: date | None,
             compare: Period | None = None) -> list[ReportRow]:
    """One row per month of the period, each compared with the month before and a year before
    (the current, unfinished month with nothing: monthly data has no same-days figure); with
    `compare`, the month at the same position of that period side by side."""
    month = source.column("month")
    lo, hi = add_months(cur.start, -12), cur.end
    if compare is not None:
        lo, hi = min(lo, compare.start), max(hi, compare.end)
    conds = source.conditions(scope) + [month.between(lo, hi)]
    stmt = (select(month, func.sum(source.column("amount")), func.sum(source.column("quantity")))
            .select_from(source.from_clause("month", scope)).where(all_of(conds)).group_by(month))
    by_month = {m: (int(a or 0), int(q or 0)) for m, a, q in session.execute(stmt).all()}
    cmp_months = compare.month_list() if compare is not None else []
    rows = []
    for i, m in enumerate(cur.month_list()):
        amount, quantity = by_month.get(m, (0, 0))
        row = ReportRow(m, "", amount, quantity, None, by_month.get(add_months(m, -1), (0, 0))[0],
                        by_month.get(add_months(m, -12), (0, 0))[0])
        row.base_amount = None if m == partial else amount
        if i < len(cmp_months):
            row.cmp_amount, row.cmp_quantity = by_month.get(cmp_months[i], (0, 0))
            row.cmp_base = row.cmp_amount
        rows.append(row)
    return rows


def _sum_rows(rows: list[ReportRow], basis: bool, compare_basis: bool) -> ReportRow:
    total = ReportRow(None, "", sum(r.amount for r in rows), sum(r.quantity for r in rows), None,
                      sum(r.prev_amount for r in rows), sum(r.ly_amount for r in rows))
    total.base_amount = sum(r.base_amount or 0 for r in rows) if basis else None
    total.cmp_amount, total.cmp_quantity = sum(r.cmp_amount for r in rows), sum(r.cmp_quantity for r in rows)
    total.cmp_base = sum(r.cmp_base or 0 for r in rows) if compare_basis else None
    return total


def comparable_basis(period: Period, today: date) -> Period | None:
    """The months of `period` that growth is measured on: all of them for a finished period,
    the completed ones when it includes the current month, none for the current month alone."""
    current = month_start(today)
    if period.end < current:
        return period
    if period.start >= current:
        return None
    end = add_months(current, -1)
    return Period(period.start, end, describe(period.start, end, "month"))


def _offset(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _align(period: Period, basis: Period | None, compare: Period) -> Period | None:
    """compare's months matching `basis` month by month (same position in the period)."""
    if basis is None or compare.months != period.months:
        return None
    shifted = basis.shifted(_offset(period.start, compare.start))
    return Period(shifted.start, shifted.end, describe(shifted.start, shifted.end, "month"))


def _month_days(d: date) -> int:
    return (add_months(d, 1) - d).days


def build_report(
    session: Session,
    scope: Scope,
    period: Period,
    today: date,
    group_by: str = "product",
    top_n: int | None = None,
    order: str = "desc",
    compare: Period | None = None,
    rank_by: str = "amount",
) -> Report:
    if rank_by not in ("amount", "achievement"):
        raise ToolInputError("순위 기준은 amount(실적) 또는 achievement(달성률)로 말씀해 주세요.")
    if order not in ("desc", "asc"):
        raise ToolInputError("정렬은 desc(상위) 또는 asc(하위)로 말씀해 주세요.")
    if top_n is not None and top_n < 1:
        raise ToolInputError("상위/하위 개수는 1 이상으로 말씀해 주세요.")
    current = month_start(today)
    if period.start > current:
        raise ToolInputError(f"{period.label}은(는) 아직 오지 않은 기간입니다. 지난 기간이나 이번 달을 말씀해 주세요.")
    if compare is not None and compare.start > current:
        raise ToolInputError(f"{compare.label}은(는) 아직 오지 않은 기간이라 비교할 수 없습니다.")
    partial = current if period.start <= current <= period.end else None
    basis = comparable_basis(period, today)
    if basis is None or not partial:  # nothing comparable, or the whole period: the classic windows
        prev, ly = period.previous(), period.last_year()
    else:  # like for like: the completed months against the same months a period / a year before
        prev = basis.shifted(-period.months, f"{period.label} 직전 기간의 같은 달")
        ly = basis.shifted(-12, f"전년 동기({describe(add_months(basis.start, -12), add_months(basis.end, -12), 'month')})")
    compare_basis = _align(period, basis, compare) if compare is not None else None
    if compare is not None and compare_basis is None and basis is not None and not partial:
        compare_basis = compare  # two finished periods of different lengths: whole against whole
    source = pick_source(session, scope, group_by)
    if group_by == "month":
        rows = _monthly(session, source, scope, period, partial, compare)
        totals = _grouped(session, source, "total", scope, period, basis, prev, ly, compare, compare_basis)[0]
    else:
        rows = _grouped(session, source, group_by, scope, period, basis, prev, ly, compare, compare_basis)
        totals = _sum_rows(rows, basis is not None, compare_basis is not None)  # the groups partition the scope
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
                rows += [ReportRow(k, "", target=t, base_amount=0 if basis is not None else None,
                                   cmp_base=0 if compare_basis is not None else None)
                         for k, t in targets.items() if k not in known]
        else:
            totals.target = _targets(session, "total", scope, period).get(None)
    labels = _labels(session, group_by, [r.key for r in rows])
    for row in rows:
        row.label = labels.get(row.key, str(row.key))
        row.contribution_pp = ((row.base_amount - row.ly_amount) / totals.ly_amount * 100
                               if totals.ly_amount and row.base_amount is not None else None)
    totals.contribution_pp = ((totals.base_amount - totals.ly_amount) / totals.ly_amount * 100
                              if totals.ly_amount and totals.base_amount is not None else None)
    groups_total = len(rows)
    notes = [period.note] if period.note else []
    by_achievement = rank_by == "achievement" and with_target and group_by in TARGET_GROUPS and group_by != "month"
    if rank_by == "achievement" and not by_achievement and group_by != "month":
        notes.append("이 기준에는 목표가 없어 달성률로 줄 세울 수 없습니다. 실적 금액 순으로 보여드립니다.")
    if by_achievement:  # groups without a target cannot be ranked on it: they go last, or out of a bottom N
        ranked = sorted((r for r in rows if r.achievement is not None), key=lambda r: (r.achievement, r.amount),
                        reverse=(order == "desc"))
        rows = ranked if top_n and order == "asc" else ranked + [r for r in rows if r.achievement is None]
        groups_total = len(rows)
    elif group_by != "month":
        rows.sort(key=lambda r: (r.amount, r.label), reverse=(order == "desc"))
        if top_n and order == "asc":  # bottom N ranks groups that sold in the period
            rows = [r for r in rows if r.amount > 0]
            groups_total = len(rows)
    if top_n and group_by != "month":
        rows = rows[:top_n]
    if (narrowed := scope.narrowing_note(group_by)):
        notes.append(narrowed)
    if compare is not None and compare.note:
        notes.append(compare.note)
    if partial and basis is not None and compare is None:
        notes.append(f"{current.month}월은 진행 중이라({today.month}/{today.day}까지, MTD) 증감률은 완료된 "
                     f"{describe(basis.start, basis.end, 'month')}만 작년·직전 기간의 같은 달과 비교했습니다.")
    elif partial and basis is None:
        notes.append(f"{current.month}월은 {today.day}일까지의 실적(MTD)이라 월 단위 자료로는 같은 일수끼리 비교할 수 없어 "
                     f"증감률은 표시하지 않습니다(한 달의 {today.day / _month_days(current) * 100:.0f}% 경과).")
    if compare is not None and compare_basis is None and basis is not None:
        notes.append(f"{period.label}과(와) {compare.label}은(는) 같은 달끼리 맞출 수 없어 금액만 나란히 보여드리고 증감률은 생략합니다.")
    elif compare is not None and compare_basis is not None and (compare_basis.start, compare_basis.end) != (compare.start, compare.end):
        notes.append(f"{current.month}월은 진행 중이라({today.month}/{today.day}까지, MTD) 증감은 완료된 "
                     f"{describe(basis.start, basis.end, 'month')}과(와) {describe(compare_basis.start, compare_basis.end, 'month')}"
                     "의 같은 달끼리 비교했습니다.")
    if not with_target:
        notes.append("목표는 담당자×제품 단위로만 있어 거래처·지역·유형·채널 기준에는 달성률이 없습니다.")
    elif group_by not in TARGET_GROUPS:
        notes.append("목표는 담당자×제품 단위로만 있어 이 기준의 행별 달성률은 없고, 합계에만 표시합니다.")
    return Report(period, prev, ly, group_by, scope, rows, totals, partial, groups_total, notes,
                  basis, compare, compare_basis, ranked_by="achievement" if by_achievement else "amount")
