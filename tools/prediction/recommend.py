"""`forecast_recommendations`: connect a rep's forecast gap to accounts and products.

Lagging products: largest shortfall against target over the last three full months.
Accounts to act on: the rep's active accounts ranked by recent decline (last 3 full months
vs the 3 before and vs last year), weighted up by churn risk and grade from
`tools.clients` when that capability is installed and trained, and by days since the last
visit. Each gets a one-line Korean reason and a suggested action.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from data.access import Caller
from data.models import Account, MonthlySale, MonthlyTarget, Product, Visit
from tools.common.periods import add_months, month_start
from tools.common.results import ToolOutput
from tools.prediction.gap import compute_gap
from tools.prediction.scope import resolve_series
from tools.common.formatting import format_pct, markdown_table, format_won

log = logging.getLogger(__name__)


@dataclass
class AccountAdvice:
    account_id: int
    name: str
    type: str
    recent: float
    previous: float
    last_year: float
    days_since_visit: int | None
    grade: str | None = None
    risk: float | None = None
    score: float = 0.0
    focus_product: str | None = None
    reasons: list[str] = field(default_factory=list)


def _client_signals(session: Session, today: date, home: Path | None,
                    account_ids: list[int]) -> tuple[dict[int, str], dict[int, float]]:
    """Grades and churn risks from tools.clients, or empty maps when it is unavailable."""
    grades: dict[int, str] = {}
    risks: dict[int, float] = {}
    try:
        from tools.clients.features import compute_features
        from tools.clients.grading import grade_accounts
    except ImportError:
        return grades, risks
    try:
        asof = month_start(today)
        grades = {k: g.grade for k, g in grade_accounts(session, asof, Account.id.in_(account_ids)).items()}
        if home is not None:
            from tools.clients.churn import ChurnModel

            model = ChurnModel.load(home / "models")
            if model is not None:
                feats = compute_features(session, asof, Account.id.in_(account_ids), only_recently_active=True)
                probs, _ = model.score(feats)
                risks = {int(a): float(p) for a, p in zip(feats.account_ids, probs)}
    except Exception:  # the clients capability is optional here: recommend without it
        log.warning("client grades/risks unavailable", exc_info=True)
    return grades, risks


def _sums_by(session: Session, column, rep_id: int, start: date, end: date, model=MonthlySale) -> dict[int, float]:
    query = (select(column, func.sum(model.amount))
             .where(model.rep_id == rep_id, model.month >= start, model.month <= end).group_by(column))
    return {k: float(v or 0) for k, v in session.execute(query)}


def lagging_products(session: Session, rep_id: int, today: date, top: int = 3) -> list[dict]:
    end = add_months(month_start(today), -1)
    start = add_months(end, -2)
    actual = _sums_by(session, MonthlySale.product_id, rep_id, start, end)
    target = _sums_by(session, MonthlyTarget.product_id, rep_id, start, end, model=MonthlyTarget)
    names = {pid: pname for pid, pname in session.execute(select(Product.id, Product.name))}
    rows = [{"product_id": p, "name": names.get(p, str(p)), "actual": actual.get(p, 0.0), "target": t,
             "shortfall": t - actual.get(p, 0.0), "achievement": actual.get(p, 0.0) / t if t else None}
            for p, t in target.items() if t > 0]
    rows.sort(key=lambda r: -r["shortfall"])
    return [r for r in rows if r["shortfall"] > 0][:top]


def account_advice(session: Session, rep_id: int, today: date, home: Path | None, top: int = 5) -> list[AccountAdvice]:
    end = add_months(month_start(today), -1)
    recent_start, prev_start = add_months(end, -2), add_months(end, -5)
    accounts = {a.id: a for a in session.scalars(select(Account).where(
        and_(Account.owner_rep_id == rep_id, Account.status == "active")))}
    if not accounts:
        return []
    recent = _sums_by(session, MonthlySale.account_id, rep_id, recent_start, end)
    previous = _sums_by(session, MonthlySale.account_id, rep_id, prev_start, add_months(recent_start, -1))
    last_year = _sums_by(session, MonthlySale.account_id, rep_id, add_months(recent_start, -12), add_months(end, -12))
    last_visit = {k: v for k, v in session.execute(select(Visit.account_id, func.max(Visit.visited_at))
                                      .where(Visit.account_id.in_(list(accounts))).group_by(Visit.account_id))}
    grades, risks = _client_signals(session, today, home, list(accounts))
    now = datetime.combine(today, datetime.min.time())
    advice = []
    for account_id, account in accounts.items():
        r, p, ly = recent.get(account_id, 0.0), previous.get(account_id, 0.0), last_year.get(account_id, 0.0)
        base = max(p, ly)
        decline = max(0.0, base - r)
        visited = last_visit.get(account_id)
        days = (now - visited).days if visited else None
        item = AccountAdvice(account_id, account.name, account.type, r, p, ly, days,
                             grades.get(account_id), risks.get(account_id))
        weight = 1.0 + (item.risk or 0.0) + (0.3 if item.grade in ("A", "B") else 0.0)
        weight += 0.3 if days is None or days > 45 else 0.0
        item.score = decline * weight
        if p > 0 and r < p:
            item.reasons.append(f"최근 3개월 {format_won(r)} (직전 3개월 대비 {format_pct(r / p - 1, 0)})")
        if ly > 0 and r < ly:
            item.reasons.append(f"전년 동기 대비 {format_pct(r / ly - 1, 0)}")
        if item.grade:
            item.reasons.append(f"등급 {item.grade}")
        if item.risk is not None and item.risk >= 0.2:
            item.reasons.append(f"이탈 위험 {format_pct(item.risk, 0)}")
        item.reasons.append(f"마지막 방문 {days}일 전" if days is not None else "방문 기록 없음")
        if decline > 0:
            advice.append(item)
    advice.sort(key=lambda a: -a.score)
    chosen = advice[:top]
    _attach_declining_products(session, rep_id, chosen, recent_start, prev_start, end)
    return chosen


def _attach_declining_products(session: Session, rep_id: int, advice: list[AccountAdvice], recent_start: date,
                               prev_start: date, end: date) -> None:
    """Name, per account, the product whose sales fell most (recent 3 months vs the 3 before)."""
    if not advice:
        return
    ids = [a.account_id for a in advice]
    rows = session.execute(
        select(MonthlySale.account_id, MonthlySale.product_id, MonthlySale.month >= recent_start,
               func.sum(MonthlySale.amount))
        .where(MonthlySale.rep_id == rep_id, MonthlySale.account_id.in_(ids), MonthlySale.month >= prev_start,
               MonthlySale.month <= end)
        .group_by(MonthlySale.account_id, MonthlySale.product_id, MonthlySale.month >= recent_start)).all()
    change: dict[tuple[int, int], float] = {}
    for account_id, product_id, is_recent, amount in rows:
        key = (account_id, product_id)
        change[key] = change.get(key, 0.0) + (float(amount or 0) if is_recent else -float(amount or 0))
    names = {pid: pname for pid, pname in session.execute(select(Product.id, Product.name))}
    for a in advice:
        drops = [(delta, pid) for (acc, pid), delta in change.items() if acc == a.account_id and delta < 0]
        if drops:
            delta, pid = min(drops)
            a.focus_product = names.get(pid)
            a.reasons.insert(0, f"{names.get(pid)} {format_won(-delta)} 감소")


def forecast_recommendations(session: Session, caller: Caller, today: date, home: Path | None,
                             rep: str | None = None) -> ToolOutput:
    target = resolve_series(session, caller, "rep", rep)
    rep_id = int(target.scope_id)  # type: ignore[arg-type]
    gap = compute_gap(session, caller, today, "이번 분기", target)
    products = lagging_products(session, rep_id, today)
    accounts = account_advice(session, rep_id, today, home)
    ach = gap.achievement()
    shortfall = gap.target_total - gap.expected
    lines = [f"**{target.label} 실적 개선 제안** — 이대로면 {gap.period_label} 달성률 {format_pct(ach, 0)} 예상"
             + (f", 목표까지 약 {format_won(shortfall)} 부족" if shortfall > 0 else " (목표 초과 예상)"), ""]
    if products:
        lines.append("**부진 제품** (최근 3개월 목표 대비)")
        lines.append(markdown_table(["제품", "실적", "목표", "달성률", "부족분"], [
            [p["name"], format_won(p["actual"]), format_won(p["target"]), format_pct(p["achievement"], 0), format_won(p["shortfall"])]
            for p in products]))
        lines.append("")
    focus = products[0]["name"] if products else None
    if accounts:
        lines.append("**방문 우선 거래처**")
        for i, a in enumerate(accounts, 1):
            product = a.focus_product or focus
            action = f"방문해 {product} 디테일링과 처방 유지 상황 확인" if product else "방문해 처방 변화 원인 확인"
            lines.append(f"{i}. {a.name}({a.type}) — {', '.join(a.reasons)} → {action}")
        recoverable = sum(max(0.0, max(a.previous, a.last_year) - a.recent) for a in accounts) / 3
        if shortfall > 0:
            lines.append("")
            lines.append(f"위 거래처가 이전 수준을 회복하면 월 약 {format_won(recoverable)} — 월 평균 부족분의 "
                         f"{format_pct(min(recoverable / (shortfall / max(1, sum(m.kind != '실적' for m in gap.months))), 9.99), 0)}"
                         f"를 메울 수 있습니다.")
    else:
        lines.append("최근 매출이 줄어든 담당 거래처가 없습니다. 신규 처방처 발굴에 집중하세요.")
    data = {"label": target.label, "achievement": ach, "shortfall": shortfall, "products": products,
            "accounts": [{"account_id": a.account_id, "name": a.name, "reasons": a.reasons, "score": a.score,
                          "grade": a.grade, "risk": a.risk} for a in accounts]}
    return ToolOutput(summary="\n".join(lines), data=data,
                      suggestions=["이 거래처 프로필 보여줘", "이번 분기 목표 달성 전망은?"])
