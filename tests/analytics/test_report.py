"""Report figures checked against independent raw SQL on the demo world."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from data.access import AccessDenied
from tools.analytics import service
from tools.common.formatting import format_won
from tools.analytics.report import build_report
from tools.analytics.scope import resolve_scope
from tools.common.periods import parse_period

TODAY = date(2026, 11, 20)


def sql_map(session, sql: str, **params) -> dict:
    return {k: int(v) for k, v in session.execute(text(sql), params).all()}


def sql_one(session, sql: str, **params) -> int:
    return int(session.execute(text(sql), params).scalar() or 0)


def report(session, caller, period, group_by, **filters):
    scope = resolve_scope(session, caller, **filters)
    return build_report(session, scope, parse_period(period, TODAY), TODAY, group_by)


def test_product_month_with_targets_mom_yoy(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = report(s, admin, "2026년 10월", "product")
        amount = sql_map(s, "SELECT product_id, SUM(amount) FROM sales_monthly WHERE month = '2026-10-01' GROUP BY product_id")
        target = sql_map(s, "SELECT product_id, SUM(amount) FROM targets_monthly WHERE month = '2026-10-01' GROUP BY product_id")
        prev = sql_map(s, "SELECT product_id, SUM(amount) FROM sales_monthly WHERE month = '2026-09-01' GROUP BY product_id")
        ly = sql_map(s, "SELECT product_id, SUM(amount) FROM sales_monthly WHERE month = '2025-10-01' GROUP BY product_id")
        qty = sql_map(s, "SELECT product_id, SUM(quantity) FROM sales_monthly WHERE month = '2026-10-01' GROUP BY product_id")
    assert {row.key: row.amount for row in r.rows} == amount
    for row in r.rows:
        assert row.quantity == qty[row.key]
        assert row.target == target[row.key]
        assert row.achievement == pytest.approx(amount[row.key] / target[row.key])
        assert row.mom == pytest.approx(amount[row.key] / prev[row.key] - 1)
        assert row.yoy == pytest.approx(amount[row.key] / ly[row.key] - 1)
    assert r.total.amount == sum(amount.values()) and r.total.target == sum(target.values())
    assert [row.amount for row in r.rows] == sorted(amount.values(), reverse=True)
    # contributions to YoY growth add up to the total's YoY growth (in %p)
    assert sum(row.contribution_pp for row in r.rows) == pytest.approx(r.total.yoy * 100)
    assert r.partial_month is None


def test_team_ytd(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = report(s, admin, "올해 누계", "team")
        amount = sql_map(s, """SELECT r.team_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                               WHERE s.month BETWEEN '2026-01-01' AND '2026-11-01' GROUP BY r.team_id""")
        # like for like: November is unfinished, so growth compares the completed Jan–Oct with Jan–Oct 2025
        base = sql_map(s, """SELECT r.team_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                             WHERE s.month BETWEEN '2026-01-01' AND '2026-10-01' GROUP BY r.team_id""")
        ly = sql_map(s, """SELECT r.team_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                           WHERE s.month BETWEEN '2025-01-01' AND '2025-10-01' GROUP BY r.team_id""")
        target = sql_map(s, """SELECT r.team_id, SUM(t.amount) FROM targets_monthly t JOIN reps r ON r.id = t.rep_id
                               WHERE t.month BETWEEN '2026-01-01' AND '2026-11-01' GROUP BY r.team_id""")
        names = dict(s.execute(text("SELECT id, name FROM teams")).all())
    assert {row.key: row.amount for row in r.rows} == amount
    for row in r.rows:
        assert row.label == names[row.key]
        assert row.target == target[row.key]
        assert row.yoy == pytest.approx((base[row.key] - ly[row.key]) / ly[row.key])
    assert r.total.yoy == pytest.approx(sum(base.values()) / sum(ly.values()) - 1)
    assert (r.basis.start, r.basis.end) == (date(2026, 1, 1), date(2026, 10, 1))
    assert r.partial_month == date(2026, 11, 1)
    assert any("MTD" in n for n in r.notes)


def test_region_quarter_and_account_type_custom_range(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = report(s, admin, "2026년 3분기", "region")
        amount = sql_map(s, """SELECT a.province, SUM(s.amount) FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
                               WHERE s.month BETWEEN '2026-07-01' AND '2026-09-01' GROUP BY a.province""")
        prev = sql_map(s, """SELECT a.province, SUM(s.amount) FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
                             WHERE s.month BETWEEN '2026-04-01' AND '2026-06-01' GROUP BY a.province""")
        assert {row.key: row.amount for row in r.rows} == amount
        assert all(row.target is None for row in r.rows)  # no per-region targets
        for row in r.rows:
            assert row.mom == pytest.approx(amount[row.key] / prev[row.key] - 1)

        r2 = report(s, admin, "2025-03~2025-08", "account_type")
        amount2 = sql_map(s, """SELECT a.type, SUM(s.amount) FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
                                WHERE s.month BETWEEN '2025-03-01' AND '2025-08-01' GROUP BY a.type""")
        assert {row.key: row.amount for row in r2.rows} == amount2
        assert r2.previous.start == date(2024, 9, 1) and r2.last_year.start == date(2024, 3, 1)


def test_channel_and_combined_filters(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = report(s, admin, "지난달", "channel", product="로수빛", region="서울특별시")
        amount = sql_map(s, """SELECT s.channel, SUM(s.amount) FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
                               JOIN products p ON p.id = s.product_id
                               WHERE s.month = '2026-10-01' AND p.code = 'HB-ROS10' AND a.province = '서울'
                               GROUP BY s.channel""")
        assert {row.key: row.amount for row in r.rows} == amount
        assert r.total.target is None  # a region cut has no target

        r2 = report(s, admin, "2026년 6월", "product", therapeutic_area="고지혈증", channel="원외")
        amount2 = sql_map(s, """SELECT s.product_id, SUM(s.amount) FROM sales_monthly s JOIN products p ON p.id = s.product_id
                                WHERE s.month = '2026-06-01' AND p.therapeutic_area = '이상지질혈증' AND s.channel = '원외'
                                GROUP BY s.product_id""")
        assert {row.key: row.amount for row in r2.rows} == amount2


def test_month_series_mom_yoy(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = report(s, admin, "최근 6개월", "month")
        by_month = sql_map(s, "SELECT month, SUM(amount) FROM sales_monthly GROUP BY month")
        tgt = sql_map(s, "SELECT month, SUM(amount) FROM targets_monthly GROUP BY month")
    assert [row.key for row in r.rows] == [date(2026, m, 1) for m in range(5, 11)]
    for row in r.rows:
        k = row.key.isoformat()
        prev = date(row.key.year, row.key.month - 1, 1).isoformat()
        ly = date(row.key.year - 1, row.key.month, 1).isoformat()
        assert row.amount == by_month[k] and row.target == tgt[k]
        assert row.mom == pytest.approx(by_month[k] / by_month[prev] - 1)
        assert row.yoy == pytest.approx(by_month[k] / by_month[ly] - 1)


def test_top_and_bottom_n(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        scope = resolve_scope(s, admin)
        period = parse_period("2026년 9월", TODAY)
        top = build_report(s, scope, period, TODAY, "account", top_n=5)
        bottom = build_report(s, scope, period, TODAY, "account", top_n=3, order="asc")
        expected = [int(v) for (v,) in s.execute(text(
            "SELECT SUM(amount) AS a FROM sales_monthly WHERE month = '2026-09-01' GROUP BY account_id ORDER BY a DESC LIMIT 5"))]
        low = [int(v) for (v,) in s.execute(text(
            "SELECT SUM(amount) AS a FROM sales_monthly WHERE month = '2026-09-01' GROUP BY account_id ORDER BY a ASC LIMIT 3"))]
        total = sql_one(s, "SELECT SUM(amount) FROM sales_monthly WHERE month = '2026-09-01'")
    assert [r.amount for r in top.rows] == expected
    assert [r.amount for r in bottom.rows] == low
    assert top.total.amount == total and top.groups_total > 5


def test_manager_limited_to_team(demo_app_ro, caller):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        r = report(s, manager, "지난 분기", "rep")
        amount = sql_map(s, """SELECT s.rep_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                               WHERE r.team_id = :team AND s.month BETWEEN '2026-07-01' AND '2026-09-01'
                               GROUP BY s.rep_id""", team=manager.team_id)
        assert {row.key: row.amount for row in r.rows} == amount
        with pytest.raises(AccessDenied):
            resolve_scope(s, manager, team="부산·경남팀")
        other = s.execute(text("""SELECT a.name FROM accounts a JOIN reps r ON r.id = a.owner_rep_id
                                  WHERE r.team_id != :team ORDER BY a.id LIMIT 1"""), {"team": manager.team_id}).scalar()
        with pytest.raises(AccessDenied):
            resolve_scope(s, manager, account=other)


def test_rep_sees_only_own_rows(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep", team="서울1팀")
    with demo_app_ro.session() as s:
        r = report(s, rep, "2026년 8월", "product")
        own = sql_one(s, "SELECT SUM(amount) FROM sales_monthly WHERE rep_id = :rep AND month = '2026-08-01'", rep=rep.rep_id)
        assert r.total.amount == own
        other_rep = s.execute(text("SELECT r.name FROM reps r WHERE r.team_id != :team AND r.role = 'rep' LIMIT 1"),
                              {"team": rep.team_id}).scalar()
        with pytest.raises(AccessDenied):
            resolve_scope(s, rep, rep=other_rep)
        with pytest.raises(AccessDenied) as own_team:
            resolve_scope(s, rep, team="서울1팀")  # a rep sees own numbers, not the team's
        assert "다른 팀" not in str(own_team.value) and "소속 팀" in str(own_team.value)
        assert "본인 실적" in str(own_team.value)
        other_account = s.execute(text("""SELECT a.name FROM accounts a JOIN reps r ON r.id = a.owner_rep_id
                                          WHERE r.team_id != :team ORDER BY a.id LIMIT 1"""), {"team": rep.team_id}).scalar()
        with pytest.raises(AccessDenied):
            resolve_scope(s, rep, account=other_account)


def test_region_outside_territory_is_denied_with_territory_named(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep", team="서울1팀")
    with demo_app_ro.session() as s:
        own = dict(s.execute(text("""SELECT a.province, SUM(s.amount) FROM sales_monthly s
                                     JOIN accounts a ON a.id = s.account_id
                                     WHERE s.rep_id = :rep AND s.month = '2026-08-01' GROUP BY a.province"""),
                             {"rep": rep.rep_id}).all())
        home = max(own, key=own.get)
        r = report(s, rep, "2026년 8월", "product", region=home)
        assert r.total.amount == own[home]
        elsewhere = s.execute(text("SELECT DISTINCT province FROM accounts WHERE province NOT IN "
                                   "(SELECT province FROM accounts WHERE owner_rep_id = :rep) ORDER BY 1"),
                              {"rep": rep.rep_id}).scalars().first()
        with pytest.raises(AccessDenied) as denied:
            resolve_scope(s, rep, region=elsewhere)
    assert elsewhere in str(denied.value) and home in str(denied.value) and "담당 범위" in str(denied.value)
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        assert resolve_scope(s, admin, region=elsewhere).region == elsewhere


def _changes_sql(s, kind: str, start: str, end: str, before_start: str, before_end: str) -> set[int]:
    in_p = f"SUM(CASE WHEN month BETWEEN '{start}' AND '{end}' THEN amount ELSE 0 END)"
    in_b = f"SUM(CASE WHEN month BETWEEN '{before_start}' AND '{before_end}' THEN amount ELSE 0 END)"
    having = f"{in_p} > 0 AND {in_b} = 0" if kind == "new" else f"{in_b} > 0 AND {in_p} = 0"
    rows = s.execute(text(f"SELECT account_id FROM sales_monthly WHERE month BETWEEN '{before_start}' AND '{end}' "
                          f"GROUP BY account_id HAVING {having}")).all()
    return {r[0] for r in rows}


def test_new_and_lost_accounts(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        new = service.sales_account_changes(s, admin, TODAY, "올해 누계", "new", top_n=500)
        lost = service.sales_account_changes(s, admin, TODAY, "지난 분기", "lost", top_n=500)
        expected_new = _changes_sql(s, "new", "2026-01-01", "2026-11-01", "2025-01-01", "2025-12-01")
        expected_lost = _changes_sql(s, "lost", "2026-07-01", "2026-09-01", "2026-04-01", "2026-06-01")
    assert {a["account_id"] for a in new.data["accounts"]} == expected_new and new.data["total"] == len(expected_new)
    with demo_app_ro.session() as s:
        top5 = service.sales_account_changes(s, admin, TODAY, "올해 누계", "new", top_n=5)
    assert len(top5.data["accounts"]) == 5 and top5.data["total"] == len(expected_new)  # counted beyond the page
    assert [a["amount"] for a in top5.data["accounts"]] == sorted((a["amount"] for a in new.data["accounts"]),
                                                                  reverse=True)[:5]
    assert {a["account_id"] for a in lost.data["accounts"]} == expected_lost
    assert expected_new, "the demo world plants new accounts"
    assert "신규 처방처" in new.summary and "직전 12개월" in new.summary


def test_summary_is_korean_markdown(demo_app_ro, caller):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        out = service.sales_report(s, manager, TODAY, "이번 달", "rep", top_n=3)
    assert "| 담당자 | 실적 |" in out.summary and "달성률" in out.summary and "MTD" in out.summary
    assert "%" in out.summary and "원" in out.summary


@pytest.mark.parametrize("value,expected", [
    (123_450_000, "1억 2,345만원"), (100_000_000, "1억원"), (23_450_000, "2,345만원"), (9_999, "9,999원"),
    (-52_000_000, "-5,200만원"), (1_234_567_890_000, "12,345억 6,789만원"), (None, "-"),
])
def test_format_won(value, expected):
    assert format_won(value) == expected


def test_bad_input_messages(demo_app_ro, caller):
    from tools.common.plumbing import ToolInputError
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        with pytest.raises(ToolInputError, match="기준"):
            service.sales_report(s, admin, TODAY, "이번 달", "weather")
        with pytest.raises(ToolInputError, match="아직 오지 않은"):
            service.sales_report(s, admin, TODAY, "2027년 3월", "product")
        with pytest.raises(LookupError, match="제품"):
            service.sales_report(s, admin, TODAY, "이번 달", "product", product="비아그라")


def test_ranked_by_achievement_against_sql(demo_app_ro, caller):
    """"지난달 달성률 낮은 팀원 2명": the reps of the team ordered on actual ÷ target, from SQL."""
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s:
        amount = sql_map(s, "SELECT s.rep_id, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id "
                            "WHERE r.team_id = :t AND s.month = '2026-10-01' GROUP BY s.rep_id", t=manager.team_id)
        target = sql_map(s, "SELECT t.rep_id, SUM(t.amount) FROM targets_monthly t JOIN reps r ON r.id = t.rep_id "
                            "WHERE r.team_id = :t AND t.month = '2026-10-01' GROUP BY t.rep_id", t=manager.team_id)
        names = dict(s.execute(text("SELECT id, name FROM reps")).all())
        out = service.sales_report(s, manager, TODAY, "2026년 10월", "rep", top_n=2, order="asc", rank_by="achievement")
        by_amount = service.sales_report(s, manager, TODAY, "2026년 10월", "rep", top_n=2, order="asc")
        accounts = service.sales_report(s, manager, TODAY, "2026년 10월", "account", top_n=3, order="asc",
                                        rank_by="achievement")
    lowest = sorted(target, key=lambda r: amount.get(r, 0) / target[r])[:2]
    assert [row["label"] for row in out.data["rows"]] == [names[r] for r in lowest]
    assert out.data["ranked_by"] == "achievement" and "달성률 하위 2개만 표시" in out.summary
    assert by_amount.data["ranked_by"] == "amount"
    assert [row["label"] for row in by_amount.data["rows"]] == [names[r] for r in sorted(amount, key=amount.get)[:2]]
    # accounts have no targets: said, and ranked on amount
    assert accounts.data["ranked_by"] == "amount" and "달성률로 줄 세울 수 없습니다" in accounts.summary
