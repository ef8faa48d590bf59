"""Rank and comparison answers: where the caller stands among peers, against the peer
average, and which products are under target.

Scope rules (DESIGN.md "Access rules"): peers' figures are read in SQL to compute a rank and
an average, but only the caller's visible rows are ever shown. A rep sees their own rank and
the team average, never a colleague's figures; a manager sees every rep of the team, and the
team's rank and the company average among teams; an admin sees every team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import Caller, rep_filter
from data.models import MonthlySale, MonthlyTarget, Product, Rep, Team
from data.months import month_start
from tools.common.formatting import format_pct, format_won, markdown_table, ratio
from tools.common.periods import Period, parse_period
from tools.common.results import Citation, ToolOutput

StandingKind = Literal["rank", "under_target"]
UNDER_TARGET_DEFAULT_N = 10

# Korean texts of this module, together.
T_RANK_REP = ("{label} {name} 님의 매출은 {amount}(목표 {target}, 달성률 {ach})로 {team} 담당자 {n}명 중 "
              "매출 {rank_amount}위, 달성률 {rank_ach}위입니다.")
T_AVG = "팀 평균: 1인당 매출 {avg_amount}, 팀 달성률 {team_ach} → 내 달성률은 팀보다 {diff}."
T_PRIVACY = "다른 팀원의 개별 실적은 보여드리지 않습니다(순위와 팀 평균만)."
T_RANK_GROUP = "{label} {who} 순위(매출 기준, {n}{unit}):"
T_GROUP_AVG = "{what} 평균: 매출 {avg_amount}, 달성률 {avg_ach}."
T_TEAM_AMONG = "{team}은(는) 전사 {n}개 팀 중 매출 {rank_amount}위, 달성률 {rank_ach}위입니다."
T_PARTIAL = "진행 중인 달은 {today:%m월 %d일}까지의 실적을 한 달 목표와 비교했습니다."
T_UNDER_HEAD = "{label} {whose} 목표 미달 제품 {k}개(전체 {n}개 제품 중, 부족액 큰 순):"
T_UNDER_NONE = "{label} {whose} 목표를 못 채운 제품은 없습니다(목표가 있는 제품 {n}개 모두 달성)."
T_NO_TARGET = "{label}에는 목표가 설정되어 있지 않아 순위·달성률을 계산할 수 없습니다."
T_NO_PEERS = "비교할 팀원이 없어 순위를 계산할 수 없습니다."
H_RANK = ("순위", "이름", "매출", "목표", "달성률")
H_UNDER = ("제품", "매출", "목표", "달성률", "부족액")
SUGGEST = ("지난달 목표 못 채운 제품", "팀 평균 대비 내 달성률", "이번 분기 목표 달성 가능할까?")


@dataclass
class Figures:
    key: int
    name: str
    amount: int = 0
    target: int = 0

    @property
    def achievement(self) -> float | None:
        return ratio(self.amount, self.target)


@dataclass
class Standing:
    """One caller's standing among `peers` (every peer, for the rank; shown only by scope)."""

    period: Period
    peers: list[Figures]
    me: Figures | None
    rank_amount: int | None = None
    rank_achievement: int | None = None
    average_amount: float = 0.0
    group_achievement: float | None = None
    extra: list[str] = field(default_factory=list)


def _rank(items: list[Figures], me: Figures, by_achievement: bool) -> int:
    """1 + how many peers are strictly ahead (ties share a rank)."""
    value = (lambda f: f.achievement or 0.0) if by_achievement else (lambda f: f.amount)
    return 1 + sum(1 for f in items if value(f) > value(me))


def _rep_figures(session: Session, rep_ids: list[int], period: Period) -> dict[int, tuple[int, int]]:
    """{rep_id: (amount, target)} over the period's months."""
    if not rep_ids:
        return {}
    sales = dict(session.execute(
        select(MonthlySale.rep_id, func.sum(MonthlySale.amount))
        .where(MonthlySale.rep_id.in_(rep_ids), MonthlySale.month >= period.start, MonthlySale.month <= period.end)
        .group_by(MonthlySale.rep_id)).all())
    targets = dict(session.execute(
        select(MonthlyTarget.rep_id, func.sum(MonthlyTarget.amount))
        .where(MonthlyTarget.rep_id.in_(rep_ids), MonthlyTarget.month >= period.start,
               MonthlyTarget.month <= period.end)
        .group_by(MonthlyTarget.rep_id)).all())
    return {r: (int(sales.get(r) or 0), int(targets.get(r) or 0)) for r in rep_ids}


def _field_reps(session: Session, team_id: int | None = None) -> list[tuple[int, str, int]]:
    """(id, name, team_id) of active field reps (role rep), optionally of one team."""
    q = select(Rep.id, Rep.name, Rep.team_id).where(Rep.role == "rep", Rep.active.is_(True))
    if team_id is not None:
        q = q.where(Rep.team_id == team_id)
    return [tuple(r) for r in session.execute(q.order_by(Rep.id)).all()]


def rep_standing(session: Session, caller: Caller, period: Period) -> Standing:
    """The caller (a rep) among the field reps of their team."""
    reps = _field_reps(session, caller.team_id)
    figures = _rep_figures(session, [r[0] for r in reps], period)
    peers = [Figures(rid, name, *figures[rid]) for rid, name, _ in reps]
    me = next((p for p in peers if p.key == caller.rep_id), None)
    out = Standing(period, peers, me)
    _fill(out)
    return out


def team_standing(session: Session, period: Period, team_id: int | None = None) -> Standing:
    """Teams ranked by amount (me = `team_id`'s team when given)."""
    teams = dict(session.execute(select(Team.id, Team.name)).all())
    reps = _field_reps(session)
    figures = _rep_figures(session, [r[0] for r in reps], period)
    by_team: dict[int, Figures] = {}
    for rid, _, tid in reps:
        f = by_team.setdefault(tid, Figures(tid, teams.get(tid, str(tid))))
        f.amount += figures[rid][0]
        f.target += figures[rid][1]
    peers = sorted(by_team.values(), key=lambda f: -f.amount)
    out = Standing(period, peers, by_team.get(team_id) if team_id is not None else None)
    _fill(out)
    return out


def _fill(out: Standing) -> None:
    if not out.peers:
        return
    out.average_amount = sum(p.amount for p in out.peers) / len(out.peers)
    out.group_achievement = ratio(sum(p.amount for p in out.peers), sum(p.target for p in out.peers))
    if out.me is not None:
        out.rank_amount = _rank(out.peers, out.me, False)
        out.rank_achievement = _rank(out.peers, out.me, True)


def under_target_products(session: Session, caller: Caller, period: Period) -> tuple[list[Figures], int]:
    """Products of the caller's scope whose sales are below target in the period, biggest
    shortfall first; and how many products had a target."""
    targets = dict(session.execute(
        select(MonthlyTarget.product_id, func.sum(MonthlyTarget.amount))
        .where(rep_filter(caller, MonthlyTarget.rep_id), MonthlyTarget.month >= period.start,
               MonthlyTarget.month <= period.end)
        .group_by(MonthlyTarget.product_id)).all())
    sales = dict(session.execute(
        select(MonthlySale.product_id, func.sum(MonthlySale.amount))
        .where(rep_filter(caller, MonthlySale.rep_id), MonthlySale.month >= period.start,
               MonthlySale.month <= period.end)
        .group_by(MonthlySale.product_id)).all())
    names = dict(session.execute(select(Product.id, Product.name)).all())
    rows = [Figures(pid, names.get(pid, str(pid)), int(sales.get(pid) or 0), int(t))
            for pid, t in targets.items() if t]
    under = sorted((r for r in rows if r.amount < r.target), key=lambda r: r.amount - r.target)
    return under, len(rows)


# --- answers -----------------------------------------------------------------------------

def _row(rank: int, f: Figures) -> list[str]:
    return [str(rank), f.name, format_won(f.amount), format_won(f.target), format_pct(f.achievement)]


def _ranked_table(peers: list[Figures]) -> str:
    ordered = sorted(peers, key=lambda f: -f.amount)
    return markdown_table(H_RANK, [_row(_rank(peers, f, False), f) for f in ordered])


def _partial_note(period: Period, today: date) -> list[str]:
    return [T_PARTIAL.format(today=today)] if period.start <= month_start(today) <= period.end else []


def standing_answer(session: Session, caller: Caller, today: date, period_text: str | None = None,
                    kind: StandingKind = "rank", top_n: int | None = None) -> ToolOutput:
    period = parse_period(period_text, today)
    if kind == "under_target":
        return _under_answer(session, caller, today, period, top_n or UNDER_TARGET_DEFAULT_N)
    if caller.is_admin:
        return _admin_answer(session, today, period)
    if caller.is_manager:
        return _manager_answer(session, caller, today, period)
    return _rep_answer(session, caller, today, period)


def _rep_answer(session: Session, caller: Caller, today: date, period: Period) -> ToolOutput:
    s = rep_standing(session, caller, period)
    if s.me is None or len(s.peers) < 2:
        return ToolOutput(summary=T_NO_PEERS, error="not_found")
    if not s.me.target:
        return ToolOutput(summary=T_NO_TARGET.format(label=period.label), error="not_found")
    mine, team = s.me.achievement or 0.0, s.group_achievement or 0.0
    diff_pt = (mine - team) * 100
    diff = f"{abs(diff_pt):.1f}%p {'높습니다' if diff_pt >= 0 else '낮습니다'}"
    lines = [T_RANK_REP.format(label=period.label, name=caller.name, amount=format_won(s.me.amount),
                               target=format_won(s.me.target), ach=format_pct(s.me.achievement),
                               team=caller.team_name or "소속 팀", n=len(s.peers), rank_amount=s.rank_amount,
                               rank_ach=s.rank_achievement),
             T_AVG.format(avg_amount=format_won(s.average_amount), team_ach=format_pct(s.group_achievement), diff=diff),
             T_PRIVACY, *_partial_note(period, today)]
    data = {"period": period.to_json(), "rank_amount": s.rank_amount, "rank_achievement": s.rank_achievement,
            "peers": len(s.peers), "amount": s.me.amount, "target": s.me.target, "achievement": s.me.achievement,
            "team_average_amount": round(s.average_amount), "team_achievement": s.group_achievement}
    return ToolOutput(summary="\n".join(lines), data=data, suggestions=list(SUGGEST[:2]),
                      citations=[Citation(title="실적·목표", source="sales_monthly, targets_monthly")])


def _manager_answer(session: Session, caller: Caller, today: date, period: Period) -> ToolOutput:
    s = rep_standing(session, caller, period)
    teams = team_standing(session, period, caller.team_id)
    lines = [T_RANK_GROUP.format(label=period.label, who=caller.team_name or "소속 팀", n=len(s.peers), unit="명"),
             _ranked_table(s.peers),
             T_GROUP_AVG.format(what="팀원", avg_amount=format_won(s.average_amount),
                                avg_ach=format_pct(s.group_achievement))]
    if teams.me is not None:
        lines.append(T_TEAM_AMONG.format(team=caller.team_name or "소속 팀", n=len(teams.peers),
                                         rank_amount=teams.rank_amount, rank_ach=teams.rank_achievement))
        lines.append(T_GROUP_AVG.format(what="전사 팀", avg_amount=format_won(teams.average_amount),
                                        avg_ach=format_pct(teams.group_achievement)))
    lines += _partial_note(period, today)
    data = {"period": period.to_json(), "reps": [{"name": f.name, "amount": f.amount, "target": f.target,
                                                  "rank": _rank(s.peers, f, False)} for f in s.peers],
            "team_rank_amount": teams.rank_amount, "team_rank_achievement": teams.rank_achievement,
            "teams": len(teams.peers), "team_achievement": s.group_achievement}
    return ToolOutput(summary="\n".join(lines), data=data, suggestions=list(SUGGEST[:1]))


def _admin_answer(session: Session, today: date, period: Period) -> ToolOutput:
    teams = team_standing(session, period)
    lines = [T_RANK_GROUP.format(label=period.label, who="팀", n=len(teams.peers), unit="개 팀"),
             _ranked_table(teams.peers),
             T_GROUP_AVG.format(what="팀", avg_amount=format_won(teams.average_amount),
                                avg_ach=format_pct(teams.group_achievement)), *_partial_note(period, today)]
    data = {"period": period.to_json(), "teams": [{"name": f.name, "amount": f.amount, "target": f.target,
                                                   "rank": _rank(teams.peers, f, False)} for f in teams.peers]}
    return ToolOutput(summary="\n".join(lines), data=data)


def _under_answer(session: Session, caller: Caller, today: date, period: Period, top_n: int) -> ToolOutput:
    under, n = under_target_products(session, caller, period)
    whose = "전사" if caller.is_admin else (f"{caller.team_name or '소속 팀'}" if caller.is_manager
                                           else f"{caller.name} 님")
    if not n:
        return ToolOutput(summary=T_NO_TARGET.format(label=period.label), error="not_found")
    if not under:
        return ToolOutput(summary=T_UNDER_NONE.format(label=period.label, whose=whose, n=n),
                          data={"period": period.to_json(), "products": []})
    shown = under[:top_n]
    table = markdown_table(H_UNDER, [[f.name, format_won(f.amount), format_won(f.target), format_pct(f.achievement),
                                      format_won(f.target - f.amount)] for f in shown])
    lines = [T_UNDER_HEAD.format(label=period.label, whose=whose, k=len(under), n=n), table,
             *_partial_note(period, today)]
    data = {"period": period.to_json(), "under_target": len(under), "with_target": n,
            "products": [{"name": f.name, "amount": f.amount, "target": f.target} for f in shown]}
    return ToolOutput(summary="\n".join(lines), data=data, suggestions=["목표 채우려면 뭘 해야 해?"])
