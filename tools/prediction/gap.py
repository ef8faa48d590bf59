"""Forecast versus target: actuals of full months + the forecast for the running and
remaining months of a period, against the period's targets (targets_monthly)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import MonthlySale, MonthlyTarget
from tools.common.periods import month_start, parse_period
from tools.common.plumbing import ToolInputError
from tools.common.results import ToolOutput
from tools.prediction.forecast import MAX_HORIZON, series_forecast
from tools.prediction.scope import SeriesTarget, own_scope, rep_ids_of, resolve_series
from tools.common.formatting import month_ko, format_pct, markdown_table, format_won


@dataclass
class MonthGap:
    month: date
    kind: str  # 실적 | 진행중 | 예측
    actual: float
    expected: float
    lower: float
    upper: float
    target: float


@dataclass
class GapResult:
    target: SeriesTarget
    period_label: str
    months: list[MonthGap]
    source: str

    @property
    def expected(self) -> float:
        return sum(m.expected for m in self.months)

    @property
    def target_total(self) -> float:
        return sum(m.target for m in self.months)

    def achievement(self, which: str = "expected") -> float | None:
        total = self.target_total
        if not total:
            return None
        return sum(getattr(m, which) for m in self.months) / total


def _monthly_sums(session: Session, model, rep_ids: list[int] | None, months: list[date]) -> dict[date, float]:
    query = select(model.month, func.sum(model.amount)).where(model.month.in_(months))
    if rep_ids is not None:
        query = query.where(model.rep_id.in_(rep_ids))
    return {m: float(v or 0) for m, v in session.execute(query.group_by(model.month))}


def gap_target(session: Session, caller: Caller, rep: str | None, team: str | None) -> SeriesTarget:
    if rep:
        return resolve_series(session, caller, "rep", rep)
    if team:
        return resolve_series(session, caller, "team", team)
    return own_scope(session, caller)


def compute_gap(session: Session, caller: Caller, today: date, period: str | None, target: SeriesTarget) -> GapResult:
    span = parse_period(period, today, default="이번 분기", allow_future=True)  # "다음 분기 목표 달성 가능?"
    current = month_start(today)
    months = span.month_list()
    future = [m for m in months if m >= current]
    rep_ids = rep_ids_of(session, target)
    actuals = _monthly_sums(session, MonthlySale, rep_ids, months)
    targets = _monthly_sums(session, MonthlyTarget, rep_ids, months)
    fc_by_month, source = {}, "실적"
    if future:
        horizon = (future[-1].year - current.year) * 12 + future[-1].month - current.month + 1
        if horizon > MAX_HORIZON:
            raise ToolInputError(f"예측은 {MAX_HORIZON}개월 앞까지만 가능합니다. 더 가까운 기간(예: 이번 분기)으로 물어봐 주세요.")
        fc = series_forecast(session, caller, target, today, horizon)
        source = fc.source
        fc_by_month = {m: (y, lo if lo is not None else y, hi if hi is not None else y)
                       for m, y, lo, hi in zip(fc.months, fc.yhat, fc.lower, fc.upper)}
    rows = []
    for m in months:
        actual = actuals.get(m, 0.0)
        if m < current:
            rows.append(MonthGap(m, "실적", actual, actual, actual, actual, targets.get(m, 0.0)))
            continue
        y, lo, hi = fc_by_month[m]
        if m == current:  # the running month: never expect less than what is already booked
            y, lo, hi = max(y, actual), max(lo, actual), max(hi, actual)
        rows.append(MonthGap(m, "진행중" if m == current else "예측", actual, y, lo, hi, targets.get(m, 0.0)))
    return GapResult(target, span.label, rows, source)


def forecast_target_gap(session: Session, caller: Caller, today: date, period: str | None = "이번 분기",
                        rep: str | None = None, team: str | None = None) -> ToolOutput:
    target = gap_target(session, caller, rep, team)
    result = compute_gap(session, caller, today, period, target)
    expected, goal = result.expected, result.target_total
    if not goal:
        raise LookupError(f"{target.label}의 {result.period_label} 목표가 등록되어 있지 않습니다.")
    ach, low, high = result.achievement(), result.achievement("lower"), result.achievement("upper")
    has_future = any(m.kind != "실적" for m in result.months)
    headline = (f"이대로면 {result.period_label} 달성률 **{format_pct(ach, 0)}** 예상" if has_future
                else f"{result.period_label} 달성률 **{format_pct(ach, 0)}** (확정 실적)")
    if has_future and low is not None and high is not None and (high - low) > 0.001:
        headline += f" (80% 구간 {format_pct(low, 0)}~{format_pct(high, 0)})"
    lines = [f"**{target.label}** — {headline}", ""]
    rows = [[month_ko(m.month), m.kind, format_won(m.actual), format_won(m.expected), format_won(m.target),
             format_pct(m.expected / m.target if m.target else None, 0)] for m in result.months]
    lines.append(markdown_table(["월", "구분", "실적(현재까지)", "예상", "목표", "예상 달성률"], rows))
    shortfall = goal - expected
    remaining = [m for m in result.months if m.kind != "실적"]
    lines.append("")
    lines.append(f"합계: 예상 {format_won(expected)} / 목표 {format_won(goal)}")
    if shortfall > 0 and remaining:
        lines.append(f"목표까지 약 **{format_won(shortfall)}** 부족 — 남은 {len(remaining)}개월 동안 월 평균 "
                     f"{format_won(shortfall / len(remaining))}의 추가 실적이 필요합니다.")
    elif shortfall <= 0:
        lines.append(f"목표 대비 약 {format_won(-shortfall)} 초과 달성이 예상됩니다.")
    lines.append(f"_근거: 지난달까지 확정 실적 + {result.source} 예측 (진행 중인 달은 월 전체 예측과 현재 실적 중 큰 값)_")
    data = {"label": target.label, "period": result.period_label, "expected": expected, "target": goal,
            "achievement": ach, "achievement_low": low, "achievement_high": high, "source": result.source,
            "months": [{"month": m.month.isoformat(), "kind": m.kind, "actual": m.actual, "expected": m.expected,
                        "target": m.target} for m in result.months]}
    return ToolOutput(summary="\n".join(lines), data=data,
                      suggestions=["목표 달성을 위해 어떤 거래처를 챙겨야 해?", "다음 3개월 매출 예측 보여줘"])
