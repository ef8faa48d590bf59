"""A ranked table followed by "차트로" draws that table's rows as bars (issue 12: "상위 5개 거래처"
→ "차트로" drew the 12-month trend). The bars are checked against SQL, not against the table."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from agent.runtime import AgentRuntime
from agent.types import Turn
from tools.analytics import charts
from tools.common.charts import won_axis_label


@pytest.fixture
def figures(monkeypatch) -> list:
    kept = []
    real = charts.save_png

    def keep(fig, directory, stem):
        kept.append(fig)
        return real(fig, directory, stem)

    monkeypatch.setattr(charts, "save_png", keep)
    return kept


def _bars(fig) -> tuple[list[float], list[str]]:
    """(bar lengths, y labels) from the top bar down."""
    ax = fig.axes[0]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())
    labels = {round(t.get_position()[1]): t.get_text() for t in ax.get_yticklabels()}
    return [b.get_width() for b in bars], [labels[round(b.get_y() + b.get_height() / 2)] for b in bars]


def _ask(runtime, who, key, *texts):
    return [runtime.answer(Turn(caller=who, thread_key=key, text=t)) for t in texts]


def test_top_accounts_then_chart_draws_those_accounts(demo_app, caller, figures):
    rep = caller(demo_app, "rep")
    runtime = AgentRuntime(demo_app)
    table, chart = _ask(runtime, rep, "rank:accounts", "지난달 상위 5개 거래처", "차트로")
    with demo_app.session() as s:
        top = s.execute(text(
            "SELECT a.name, SUM(m.amount) AS amount FROM sales_monthly m JOIN accounts a ON a.id = m.account_id "
            "WHERE m.rep_id = :r AND m.month = '2026-10-01' GROUP BY m.account_id, a.name "
            "ORDER BY amount DESC, a.name DESC LIMIT 5"), {"r": rep.rep_id}).all()
        n_accounts = s.execute(text(
            "SELECT COUNT(DISTINCT account_id) FROM sales_monthly WHERE rep_id = :r AND month = '2026-10-01'"),
            {"r": rep.rep_id}).scalar()
    assert table.tool_calls[0].name == "sales_report"
    call = chart.tool_calls[0]
    assert call.name == "sales_chart" and call.args["kind"] == "ranking"
    assert call.args["group_by"] == "account" and call.args["top_n"] == 5
    div, _ = won_axis_label(top[0].amount)
    widths, labels = _bars(figures[-1])
    assert widths == pytest.approx([row.amount / div for row in top])
    assert all(label.startswith(row.name) for label, row in zip(labels, top))  # "(구)" tells twins apart
    assert "지난달(2026년 10월) 거래처 실적 상위 5" in chart.text and f"{rep.name} 담당" in chart.text
    assert f"(전체 {n_accounts}개 중)" in chart.text
    assert chart.files and chart.files[0].path.stat().st_size < 1_000_000


def test_bottom_products_chart_asked_directly(demo_app, caller, figures):
    """"하위 3개" ranks the products that sold (as the table does), smallest first."""
    rep = caller(demo_app, "rep")
    runtime = AgentRuntime(demo_app)
    (chart,) = _ask(runtime, rep, "rank:bottom", "이번 분기 하위 3개 제품 차트")
    with demo_app.session() as s:
        bottom = s.execute(text(
            "SELECT product_id, SUM(amount) AS amount FROM sales_monthly WHERE rep_id = :r "
            "AND month BETWEEN '2026-10-01' AND '2026-12-01' GROUP BY product_id HAVING SUM(amount) > 0 "
            "ORDER BY amount ASC LIMIT 3"), {"r": rep.rep_id}).all()
    call = chart.tool_calls[0]
    assert (call.name, call.args["kind"], call.args["group_by"], call.args["order"]) == (
        "sales_chart", "ranking", "product", "asc")
    div, _ = won_axis_label(max(row.amount for row in bottom))
    widths, _ = _bars(figures[-1])
    assert widths == pytest.approx([row.amount / div for row in bottom])
    assert "제품 실적 하위 3" in chart.text and "(11월 진행 중)" in chart.text


def test_product_table_still_charts_its_mix(demo_app, caller, figures):
    """An unranked product table keeps its own chart (the mix), not ranking bars."""
    rep = caller(demo_app, "rep")
    runtime = AgentRuntime(demo_app)
    _, chart = _ask(runtime, rep, "rank:mix", "지난달 제품별 실적", "차트로")
    assert chart.tool_calls[0].args["kind"] == "product_mix"
