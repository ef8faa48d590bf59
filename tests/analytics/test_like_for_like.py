"""Issue 13: like-for-like growth for unfinished periods, two periods side by side, stated scope.
Expected figures come from raw SQL on the demo world (business date 2026-11-20)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from data.access import AccessDenied
from tools.analytics import service
from tools.analytics.report import build_report
from tools.analytics.routing import comparison_args
from tools.analytics.scope import resolve_scope
from tools.common.periods import parse_period

TODAY = date(2026, 11, 20)


def total(s, start: str, end: str, rep_id: int | None = None) -> int:
    sql = "SELECT SUM(amount) FROM sales_monthly WHERE month BETWEEN :a AND :b"
    params = {"a": start, "b": end}
    if rep_id is not None:
        sql += " AND rep_id = :rep"
        params["rep"] = rep_id
    return int(s.execute(text(sql), params).scalar() or 0)


def by_product(s, start: str, end: str, rep_id: int) -> dict:
    rows = s.execute(text("SELECT product_id, SUM(amount) FROM sales_monthly WHERE rep_id = :rep "
                          "AND month BETWEEN :a AND :b GROUP BY product_id"), {"rep": rep_id, "a": start, "b": end})
    return {k: int(v) for k, v in rows}


def test_quarter_to_date_compares_completed_months_only(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        r = build_report(s, resolve_scope(s, admin), parse_period("이번 분기", TODAY), TODAY, "team")
        whole = total(s, "2026-10-01", "2026-11-01")
        october, october_ly = total(s, "2026-10-01", "2026-10-01"), total(s, "2025-10-01", "2025-10-01")
        july = total(s, "2026-07-01", "2026-07-01")
        naive_ly = total(s, "2025-10-01", "2025-12-01")
    assert r.total.amount == whole  # the figure itself still includes November to date
    assert r.total.yoy == pytest.approx(october / october_ly - 1)  # Oct 2026 vs Oct 2025
    assert r.total.mom == pytest.approx(october / july - 1)  # vs the same month of the quarter before
    assert r.total.yoy != pytest.approx(whole / naive_ly - 1)  # not a partial quarter against a full one
    with demo_app_ro.session() as s:
        out = service.sales_report(s, admin, TODAY, "이번 분기", "team").summary
    assert "완료된 2026년 10월" in out and "MTD" in out


def test_ytd_compares_january_to_october(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        r = build_report(s, resolve_scope(s, rep), parse_period("올해 누적", TODAY), TODAY, "product")
        base = by_product(s, "2026-01-01", "2026-10-01", rep.rep_id)
        ly = by_product(s, "2025-01-01", "2025-10-01", rep.rep_id)
    for row in r.rows:
        if ly.get(row.key):
            assert row.yoy == pytest.approx(base.get(row.key, 0) / ly[row.key] - 1)
    assert r.total.yoy == pytest.approx(sum(base.values()) / sum(ly.values()) - 1)
    assert sum(row.contribution_pp for row in r.rows if row.contribution_pp is not None) == pytest.approx(r.total.yoy * 100)


def test_current_month_alone_has_no_growth_and_says_why(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        out = service.sales_report(s, rep, TODAY, "이번 달")
        mtd = total(s, "2026-11-01", "2026-11-01", rep.rep_id)
        october = total(s, "2026-10-01", "2026-10-01", rep.rep_id)
    assert out.data["total"]["amount"] == mtd
    assert out.data["total"]["mom"] is None and out.data["total"]["yoy"] is None
    assert "같은 일수끼리 비교할 수 없어" in out.summary
    assert f"전월 전체의 {mtd / october * 100:.0f}%" in out.summary


def test_finished_period_is_unchanged(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        r = build_report(s, resolve_scope(s, rep), parse_period("3분기", TODAY), TODAY, "product")
        cur, ly = total(s, "2026-07-01", "2026-09-01", rep.rep_id), total(s, "2025-07-01", "2025-09-01", rep.rep_id)
    assert not r.like_for_like and r.total.yoy == pytest.approx(cur / ly - 1)


def test_side_by_side_months(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        out = service.sales_report(s, rep, TODAY, "올해 3월", "product", compare_with="작년 3월")
        cur = by_product(s, "2026-03-01", "2026-03-01", rep.rep_id)
        old = by_product(s, "2025-03-01", "2025-03-01", rep.rep_id)
    rows = {int(r["key"]): r for r in out.data["rows"]}
    for key, amount in cur.items():
        assert rows[key]["amount"] == amount and rows[key]["cmp_amount"] == old.get(key, 0)
        if old.get(key):
            assert rows[key]["cmp_change"] == pytest.approx(amount / old[key] - 1)
    assert "2026년 3월 vs 2025년 3월" in out.summary
    assert "| 제품 | 2026년 3월 | 2025년 3월 | 증감 | 증감률 |" in out.summary


def test_side_by_side_unfinished_quarter_is_like_for_like(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        out = service.sales_report(s, rep, TODAY, "이번 분기", compare_with="작년 같은 기간")
        whole = total(s, "2026-10-01", "2026-11-01", rep.rep_id)
        ly_whole = total(s, "2025-10-01", "2025-12-01", rep.rep_id)
        october, october_ly = total(s, "2026-10-01", "2026-10-01", rep.rep_id), total(s, "2025-10-01", "2025-10-01", rep.rep_id)
    t = out.data["total"]
    assert (t["amount"], t["cmp_amount"]) == (whole, ly_whole)
    assert (t["base_amount"], t["cmp_base"]) == (october, october_ly)
    assert t["cmp_change"] == pytest.approx(october / october_ly - 1)
    assert "같은 달끼리" in out.summary and "2025년 10월(같은 달)" in out.summary


def test_compare_chart(demo_app_ro, caller, tmp_path: Path):
    rep = caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        a = service.sales_chart(s, rep, TODAY, tmp_path, "trend", "지난달", compare_with="작년 같은 기간")
        b = service.sales_chart(s, rep, TODAY, tmp_path, "trend", "지난달", compare_with="작년 같은 기간")
    assert a.files[0].path != b.files[0].path and a.files[0].path.exists()
    assert "2026년 10월" in a.files[0].title and f"{rep.name} 담당" in a.files[0].title


def test_router_hints_for_comparisons():
    assert comparison_args("작년 같은 기간이랑 비교하면 이번 분기 어때?") == {
        "period": "이번 분기", "compare_with": "작년 같은 기간"}
    assert comparison_args("작년 3월이랑 올해 3월 비교") == {"period": "올해 3월", "compare_with": "작년 3월"}
    assert comparison_args("작년 이맘때랑 비교해줘") == {"compare_with": "작년 같은 기간"}
    assert comparison_args("그럼 작년 같은 기간은?") == {}  # a follow-up that moves the period
    assert comparison_args("지난달 실적") == {}


def test_scope_is_stated_and_narrowing_said(demo_app_ro, caller):
    rep = caller(demo_app_ro, "rep", team="서울1팀")
    with demo_app_ro.session() as s:
        home = s.execute(text("SELECT a.province FROM accounts a WHERE a.owner_rep_id = :r GROUP BY 1 ORDER BY COUNT(*) DESC"),
                         {"r": rep.rep_id}).scalar()
        region = service.sales_report(s, rep, TODAY, "지난달", region=home)
        own = int(s.execute(text("""SELECT SUM(s.amount) FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
                                    WHERE s.rep_id = :r AND a.province = :p AND s.month = '2026-10-01'"""),
                            {"r": rep.rep_id, "p": home}).scalar())
        product = service.sales_report(s, rep, TODAY, "지난달", product="로수빛")
        teams = service.sales_report(s, rep, TODAY, "지난달", "team")
        plain = service.sales_report(s, rep, TODAY, "지난달")
        with pytest.raises(AccessDenied) as own_team:
            resolve_scope(s, rep, team="서울1팀")
    assert region.data["total"]["amount"] == own
    for out in (region, product, teams):
        assert f"{rep.name} 담당" in out.summary.splitlines()[0]
        assert f"접근 권한에 따라 {rep.name} 님 담당 거래처의 실적만 집계했습니다" in out.summary
    assert f"{rep.name} 담당" in plain.summary.splitlines()[0] and "접근 권한에 따라" not in plain.summary
    assert "다른 팀" not in str(own_team.value) and "서울1팀" in str(own_team.value)
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        out = service.sales_report(s, admin, TODAY, "지난달", region="서울")
    assert "전사 · 지역 서울" in out.summary.splitlines()[0] and "접근 권한에 따라" not in out.summary
