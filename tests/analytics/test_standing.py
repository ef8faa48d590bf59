"""sales_standing: rank, team average and products under target, against figures computed
here in plain SQL; a rep never sees a colleague's figures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from tools.analytics.standing import standing_answer
from tools.common.formatting import format_won

TODAY = date(2026, 11, 20)
OCTOBER = ("2026-10-01", "2026-10-01")  # 지난달 for the pinned demo date


def _per_rep(session, team_id: int, start: str, end: str) -> dict[int, tuple[str, int, int]]:
    rows = session.execute(text(
        "SELECT r.id, r.name,"
        " (SELECT COALESCE(SUM(s.amount), 0) FROM sales_monthly s WHERE s.rep_id = r.id AND s.month BETWEEN :a AND :b),"
        " (SELECT COALESCE(SUM(t.amount), 0) FROM targets_monthly t WHERE t.rep_id = r.id AND t.month BETWEEN :a AND :b)"
        " FROM reps r WHERE r.team_id = :team AND r.role = 'rep' AND r.active"), {"a": start, "b": end, "team": team_id})
    return {rid: (name, int(amount), int(target)) for rid, name, amount, target in rows}


@pytest.fixture
def rep(demo_app_ro, caller):
    return caller(demo_app_ro, "rep", team="서울1팀")


def test_rep_sees_rank_and_team_average_only(demo_app_ro, rep):
    with demo_app_ro.session() as session:
        figures = _per_rep(session, rep.team_id, *OCTOBER)
        out = standing_answer(session, rep, TODAY, "지난달")
    mine = figures[rep.rep_id]
    expected_rank = 1 + sum(1 for _, a, _ in figures.values() if a > mine[1])
    expected_ach_rank = 1 + sum(1 for _, a, t in figures.values() if a / t > mine[1] / mine[2])
    team_amount = sum(a for _, a, _ in figures.values())
    team_target = sum(t for _, _, t in figures.values())
    assert out.error is None, out.summary
    assert out.data["peers"] == len(figures) == 5
    assert (out.data["rank_amount"], out.data["rank_achievement"]) == (expected_rank, expected_ach_rank)
    assert (out.data["amount"], out.data["target"]) == mine[1:]
    assert out.data["team_average_amount"] == round(team_amount / len(figures))
    assert out.data["team_achievement"] == pytest.approx(team_amount / team_target)
    assert f"{len(figures)}명 중 매출 {expected_rank}위" in out.summary
    for rid, (name, amount, _) in figures.items():  # no colleague's name or figure
        if rid != rep.rep_id:
            assert name not in out.summary and format_won(amount) not in out.summary


def test_manager_sees_every_rep_and_team_rank(demo_app_ro, caller):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as session:
        figures = _per_rep(session, manager.team_id, *OCTOBER)
        teams = session.execute(text(
            "SELECT r.team_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id"
            " WHERE r.role = 'rep' AND r.active AND s.month BETWEEN :a AND :b GROUP BY r.team_id"),
            {"a": OCTOBER[0], "b": OCTOBER[1]}).all()
        out = standing_answer(session, manager, TODAY, "지난달")
    shown = {r["name"]: (r["amount"], r["target"]) for r in out.data["reps"]}
    assert shown == {name: (a, t) for name, a, t in figures.values()}
    mine = dict(teams)[manager.team_id]
    assert out.data["team_rank_amount"] == 1 + sum(1 for _, a in teams if a > mine)
    assert out.data["teams"] == 8


def test_products_under_target(demo_app_ro, rep):
    with demo_app_ro.session() as session:
        rows = session.execute(text(
            "SELECT p.name, COALESCE((SELECT SUM(s.amount) FROM sales_monthly s WHERE s.rep_id = :rep"
            "   AND s.product_id = p.id AND s.month = :m), 0) AS amount, SUM(t.amount) AS target"
            " FROM targets_monthly t JOIN products p ON p.id = t.product_id"
            " WHERE t.rep_id = :rep AND t.month = :m GROUP BY p.id HAVING SUM(t.amount) > 0"),
            {"rep": rep.rep_id, "m": OCTOBER[0]}).all()
        out = standing_answer(session, rep, TODAY, "지난달", kind="under_target", top_n=50)
    under = sorted(((n, int(a), int(t)) for n, a, t in rows if a < t), key=lambda r: r[1] - r[2])
    assert under, "the demo rep misses some October targets"
    assert out.data["with_target"] == len(rows)
    assert [(p["name"], p["amount"], p["target"]) for p in out.data["products"]] == under
    assert f"목표 미달 제품 {len(under)}개" in out.summary


def test_admin_ranks_teams(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as session:
        out = standing_answer(session, admin, TODAY, "지난 분기")
        total = session.execute(text(
            "SELECT SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id"
            " WHERE r.role = 'rep' AND r.active AND s.month BETWEEN '2026-07-01' AND '2026-09-01'")).scalar()
    teams = out.data["teams"]
    assert len(teams) == 8 and sum(t["amount"] for t in teams) == total
    assert [t["rank"] for t in teams] == sorted(t["rank"] for t in teams)
