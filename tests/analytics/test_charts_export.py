"""Charts render Korean without missing glyphs, stay small; Excel export holds the table; tools run."""

from __future__ import annotations

import warnings
from datetime import date
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import text

from tools.analytics import service
from tools.registry import discover_tools
from tools.common.plumbing import ToolContext

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("kind", ["trend", "achievement", "product_mix", "region"])
def test_chart_png_korean_and_small(demo_app_ro, caller, tmp_path, kind):
    manager = caller(demo_app_ro, "manager", team="서울1팀")
    with demo_app_ro.session() as s, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = service.sales_chart(s, manager, TODAY, tmp_path, kind, "지난 분기" if kind != "trend" else None)
    glyph_warnings = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert glyph_warnings == []
    (artifact,) = out.files
    assert artifact.mime == "image/png" and artifact.path.parent == tmp_path
    assert artifact.path.stat().st_size < 1_000_000
    with Image.open(artifact.path) as img:
        width, height = img.size
    assert 800 <= width <= 2000 and 400 <= height <= 1600
    assert "차트" in out.summary


def test_trend_chart_covers_twelve_months(demo_app_ro, caller, tmp_path):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, admin, TODAY, tmp_path, "trend", "지난달")
        expected = int(s.execute(text("SELECT SUM(amount) FROM sales_monthly WHERE month = '2026-10-01'")).scalar())
    months = out.data["rows"]
    assert len(months) == 12 and months[-1]["key"] == "2026-10-01" and months[-1]["amount"] == expected


def test_excel_export_matches_report(demo_app_ro, caller, tmp_path):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        out = service.sales_export(s, admin, TODAY, tmp_path, "2026년 3분기", "team")
        expected = dict(s.execute(text("""SELECT t.name, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                                          JOIN teams t ON t.id = r.team_id
                                          WHERE s.month BETWEEN '2026-07-01' AND '2026-09-01' GROUP BY t.name""")).all())
    (artifact,) = out.files
    assert artifact.path.suffix == ".xlsx"
    ws = load_workbook(artifact.path).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "팀")
    assert rows[header][1] == "실적(원)" and rows[header][4] == "달성률"
    body = {r[0]: r[1] for r in rows[header + 1:] if r[0]}
    assert body.pop("합계") == sum(expected.values())
    assert body == {k: int(v) for k, v in expected.items()}


def test_agent_tools_through_runtime(demo_app, caller):
    manager = caller(demo_app, "manager", team="서울1팀")
    runtime = SimpleNamespace(context=ToolContext(caller=manager, app=demo_app))
    tools = {t.name: t for t in discover_tools("analytics")}
    assert set(tools) == {"sales_report", "sales_chart", "sales_export", "sales_account_changes", "sales_standing"}
    content, artifact = tools["sales_report"].func(period="지난달", group_by="rep", runtime=runtime)
    assert "달성률" in content and artifact.error is None
    content, artifact = tools["sales_report"].func(team="부산·경남팀", runtime=runtime)
    assert artifact.error == "access_denied" and "다른 팀" in content
    content, artifact = tools["sales_chart"].func(kind="achievement", period="지난달", runtime=runtime)
    assert artifact.files and artifact.files[0].path.is_relative_to(demo_app.settings.home / "files")
    content, artifact = tools["sales_report"].func(period="내년 봄", runtime=runtime)
    assert artifact.error == "bad_request" and "기간" in content


def test_trend_chart_of_an_asked_span_draws_that_span(demo_app_ro, caller, tmp_path):
    """'최근 6개월 추이 차트' drew twelve months; a span of three months or more is drawn as asked."""
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, admin, TODAY, tmp_path, "trend", "최근 6개월")
        months = out.data["rows"]
        first, last = months[0]["key"], months[-1]["key"]
        expected = int(s.execute(text("SELECT SUM(amount) FROM sales_monthly WHERE month BETWEEN :a AND :b"),
                                 {"a": first, "b": last}).scalar())
    assert len(months) == 6 and sum(m["amount"] for m in months) == expected


def test_achievement_chart_by_team_when_asked_and_never_by_colleague_for_a_rep(demo_app_ro, caller, tmp_path):
    """'팀별 달성률 차트' drew one bar per rep; asked by team, an admin gets one bar per team (SQL-checked),
    and a rep asking the same still gets their own products, never colleagues' figures."""
    admin, rep = caller(demo_app_ro, "admin"), caller(demo_app_ro, "rep")
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, admin, TODAY, tmp_path, "achievement", "2026년 3분기", group_by="team")
        expected = dict(s.execute(text("""SELECT t.name, SUM(s.amount) FROM sales_monthly s JOIN reps r ON r.id = s.rep_id
                                          JOIN teams t ON t.id = r.team_id
                                          WHERE s.month BETWEEN '2026-07-01' AND '2026-09-01' GROUP BY t.name""")).all())
        mine = service.sales_chart(s, rep, TODAY, tmp_path, "achievement", "2026년 3분기", group_by="team")
        products = int(s.execute(text("""SELECT COUNT(DISTINCT product_id) FROM sales_monthly WHERE rep_id = :r
                                         AND month BETWEEN '2026-07-01' AND '2026-09-01'"""), {"r": rep.rep_id}).scalar())
    rows = {r["label"]: r["amount"] for r in out.data["rows"]}
    assert rows == {name: int(v) for name, v in expected.items()}
    assert len(mine.data["rows"]) == products and mine.data["group_by"] == "product"
