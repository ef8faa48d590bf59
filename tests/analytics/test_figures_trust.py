"""Issue 13, the parts finished last: account changes judged like for like, charts that show
every group (or say which), titles with period, scope and what is still running, legends off
the bars, comparison bars that agree with the change written over them. Expected figures come
from raw SQL on the demo world (business date 2026-11-20)."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image
from sqlalchemy import text

from tools.analytics import charts, service
from tools.common import charts as common_charts

TODAY = date(2026, 11, 20)


def lost_count(s, before: tuple[str, str], judged: tuple[str, str]) -> int:
    """Accounts with sales in `before` and none in `judged` (whole company)."""
    return int(s.execute(text(
        "SELECT COUNT(*) FROM (SELECT account_id, "
        "SUM(CASE WHEN month BETWEEN :b0 AND :b1 THEN amount ELSE 0 END) AS b, "
        "SUM(CASE WHEN month BETWEEN :p0 AND :p1 THEN amount ELSE 0 END) AS p "
        "FROM sales_monthly WHERE month BETWEEN :b0 AND :p1 GROUP BY account_id) WHERE b > 0 AND p <= 0"),
        {"b0": before[0], "b1": before[1], "p0": judged[0], "p1": judged[1]}).scalar())


def new_count(s, before: tuple[str, str], period: tuple[str, str]) -> int:
    return int(s.execute(text(
        "SELECT COUNT(*) FROM (SELECT account_id, "
        "SUM(CASE WHEN month BETWEEN :b0 AND :b1 THEN amount ELSE 0 END) AS b, "
        "SUM(CASE WHEN month BETWEEN :p0 AND :p1 THEN amount ELSE 0 END) AS p "
        "FROM sales_monthly WHERE month BETWEEN :b0 AND :p1 GROUP BY account_id) WHERE p > 0 AND b <= 0"),
        {"b0": before[0], "b1": before[1], "p0": period[0], "p1": period[1]}).scalar())


def test_lost_accounts_are_judged_on_completed_months(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        quarter = service.sales_account_changes(s, admin, TODAY, "이번 분기", "lost")
        month = service.sales_account_changes(s, admin, TODAY, "이번 달", "lost")
        # Q4 so far: Oct is complete, Nov runs → lost = sold in Jul–Sep, nothing in October
        expected_q = lost_count(s, ("2026-07-01", "2026-09-01"), ("2026-10-01", "2026-10-01"))
        # November alone runs → judged on October against Jul–Sep as well
        expected_m = expected_q
        # what the unfinished comparison used to count: 20 days of November against Aug–Oct
        naive_m = lost_count(s, ("2026-08-01", "2026-10-01"), ("2026-11-01", "2026-11-01"))
    assert quarter.data["total"] == expected_q and quarter.data["period"]["end"] == "2026-10"
    assert "완료된 2026년 10월" in quarter.summary and "11/20까지" in quarter.summary
    assert month.data["total"] == expected_m and month.data["period"] == {"start": "2026-10", "end": "2026-10",
                                                                          "label": "2026년 10월"}
    assert "지난달(2026년 10월)" in month.summary
    assert naive_m != expected_m  # the like-for-like rule changes the answer on this world


def test_finished_period_and_new_accounts_keep_the_asked_months(demo_app_ro, caller):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        lost = service.sales_account_changes(s, admin, TODAY, "지난 분기", "lost")
        new = service.sales_account_changes(s, admin, TODAY, "이번 달", "new")
        expected_lost = lost_count(s, ("2026-04-01", "2026-06-01"), ("2026-07-01", "2026-09-01"))
        expected_new = new_count(s, ("2025-11-01", "2026-10-01"), ("2026-11-01", "2026-11-01"))
    assert lost.data["total"] == expected_lost and "진행 중" not in lost.summary
    assert new.data["total"] == expected_new and new.data["period"]["end"] == "2026-11"
    assert "11/20까지의 매출로 신규" in new.summary


def _capture(monkeypatch) -> list:
    figures = []
    real = charts.save_png

    def keep(fig, directory, stem):
        figures.append(fig)
        return real(fig, directory, stem)

    monkeypatch.setattr(charts, "save_png", keep)
    return figures


def test_achievement_chart_shows_every_product(demo_app_ro, caller, tmp_path, monkeypatch):
    rep = caller(demo_app_ro, "rep")
    figures = _capture(monkeypatch)
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, rep, TODAY, tmp_path, "achievement", "이번 분기")
        with_target = int(s.execute(text(
            "SELECT COUNT(DISTINCT product_id) FROM targets_monthly WHERE rep_id = :r "
            "AND month BETWEEN '2026-10-01' AND '2026-12-01' AND amount > 0"), {"r": rep.rep_id}).scalar())
    assert with_target > 15  # the old chart cut at 15
    ax = figures[0].axes[0]
    assert len(ax.patches) == with_target
    assert "상위" not in out.files[0].title
    # a quarter in progress is not "당월 MTD"
    assert "(11월 진행 중)" in out.files[0].title and "MTD" not in out.files[0].title
    assert "2026년 4분기" in out.files[0].title and f"{rep.name} 담당" in out.files[0].title
    with Image.open(out.files[0].path) as img:
        assert img.size[1] >= (0.3 * with_target + 1.8) * common_charts.DPI - 2


def test_achievement_chart_says_when_it_shows_fewer(demo_app_ro, caller, tmp_path, monkeypatch):
    rep = caller(demo_app_ro, "rep")
    monkeypatch.setattr(charts, "MAX_BARS", 10)
    figures = _capture(monkeypatch)
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, rep, TODAY, tmp_path, "achievement", "지난달")
        n = int(s.execute(text("SELECT COUNT(DISTINCT product_id) FROM targets_monthly WHERE rep_id = :r "
                               "AND month = '2026-10-01' AND amount > 0"), {"r": rep.rep_id}).scalar())
    assert len(figures[0].axes[0].patches) == 10
    assert f"실적 상위 10개만 표시(전체 {n}개)" in out.files[0].title
    assert f"실적 상위 10개만 표시(전체 {n}개)" in out.summary
    assert "MTD" not in out.files[0].title and "진행 중" not in out.files[0].title  # October is finished


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("kind, period, compare_with", [("trend", None, None), ("trend", "이번 분기", "작년 같은 기간")])
def test_legends_stay_off_the_plot(demo_app_ro, caller, tmp_path, monkeypatch, kind, period, compare_with):
    rep = caller(demo_app_ro, "rep")
    figures = _capture(monkeypatch)
    with demo_app_ro.session() as s:
        service.sales_chart(s, rep, TODAY, tmp_path, kind, period, compare_with)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figures[0]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert not _overlaps(legend.get_window_extent(renderer), ax.get_window_extent(renderer))
    # and the title fits the image (it used to run off the left edge)
    title = fig._suptitle.get_window_extent(renderer)
    assert title.x0 >= 0 and title.x1 <= fig.bbox.width


def test_unfinished_comparison_draws_the_same_months(demo_app_ro, caller, tmp_path, monkeypatch):
    """Q4 so far vs Q4 last year: the bars are October vs October (what the % over them is)."""
    rep = caller(demo_app_ro, "rep")
    figures = _capture(monkeypatch)
    with demo_app_ro.session() as s:
        out = service.sales_chart(s, rep, TODAY, tmp_path, "trend", "이번 분기", "작년 같은 기간")
        rows = s.execute(text(
            "SELECT product_id, SUM(CASE WHEN month BETWEEN '2026-10-01' AND '2026-11-01' THEN amount ELSE 0 END), "
            "SUM(CASE WHEN month = '2026-10-01' THEN amount ELSE 0 END), "
            "SUM(CASE WHEN month = '2025-10-01' THEN amount ELSE 0 END) FROM sales_monthly WHERE rep_id = :r "
            "GROUP BY product_id"), {"r": rep.rep_id}).all()
    top = sorted(rows, key=lambda r: -r[1])[:10]
    ax = figures[0].axes[0]
    heights = [p.get_height() for p in ax.patches]
    div, _ = common_charts.won_axis_label(max(max(r[2], r[3]) for r in top))
    assert heights[:10] == pytest.approx([r[2] / div for r in top])  # October 2026
    assert heights[10:20] == pytest.approx([r[3] / div for r in top])  # October 2025
    assert "같은 달끼리" in out.files[0].title and "(11월 진행 중)" in out.files[0].title
