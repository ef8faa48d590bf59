"""Target gap arithmetic against independent SQL, forecast answers from persisted forecasts,
access rules and the agent tools."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from data.models import Prediction
from tools.common.plumbing import ToolContext
from tools.registry import discover_tools
from tools.prediction.gap import forecast_target_gap

NOV, DEC, OCT = date(2026, 11, 1), date(2026, 12, 1), date(2026, 10, 1)


def _store(app, scope, scope_id, rep_id, team_id, values):
    with app.session() as session:
        for i, (month, yhat) in enumerate(values.items()):
            session.add(Prediction(series_key="total" if scope == "total" else f"{scope}:{scope_id}", scope=scope,
                                   scope_id=scope_id, rep_id=rep_id, team_id=team_id, month=month,
                                   model_name="ensemble", model_version="7", yhat=yhat, yhat_lower=yhat * 0.9,
                                   yhat_upper=yhat * 1.1))
        session.commit()


def _sql_sum(app, table, rep_ids, month):
    ids = ",".join(str(i) for i in rep_ids)
    with app.engine.connect() as conn:
        return float(conn.execute(text(f"SELECT COALESCE(SUM(amount),0) FROM {table} WHERE rep_id IN ({ids}) "
                                       f"AND month = :m"), {"m": month.isoformat()}).scalar())


def test_quarter_gap_matches_independent_sql(demo_app, caller):
    rep = caller(demo_app, "rep")
    oct_actual = _sql_sum(demo_app, "sales_monthly", [rep.rep_id], OCT)
    nov_so_far = _sql_sum(demo_app, "sales_monthly", [rep.rep_id], NOV)
    # Nov forecast below what is already booked → the booked amount counts; Dec from the forecast
    _store(demo_app, "rep", rep.rep_id, rep.rep_id, rep.team_id,
           {NOV: nov_so_far * 0.5, DEC: 91_000_000.0, date(2027, 1, 1): 1.0})
    targets = sum(_sql_sum(demo_app, "targets_monthly", [rep.rep_id], m) for m in (OCT, NOV, DEC))
    with demo_app.session() as session:
        out = forecast_target_gap(session, rep, demo_app.today(), "이번 분기")
    expected = oct_actual + nov_so_far + 91_000_000.0
    assert out.data["expected"] == pytest.approx(expected)
    assert out.data["target"] == pytest.approx(targets)
    assert out.data["achievement"] == pytest.approx(expected / targets)
    assert f"{expected / targets * 100:.0f}%" in out.summary and "이대로면" in out.summary
    kinds = [m["kind"] for m in out.data["months"]]
    assert kinds == ["실적", "진행중", "예측"]
    assert out.data["achievement_low"] < out.data["achievement"] < out.data["achievement_high"]


def test_team_gap_sums_team_reps(demo_app, caller):
    manager = caller(demo_app, "manager")
    with demo_app.engine.connect() as conn:
        reps = [r[0] for r in conn.execute(text("SELECT id FROM reps WHERE team_id = :t"), {"t": manager.team_id})]
    _store(demo_app, "team", manager.team_id, None, manager.team_id, {NOV: 9e9, DEC: 4e8})
    with demo_app.session() as session:
        out = forecast_target_gap(session, manager, demo_app.today(), "이번 분기")
    expected = _sql_sum(demo_app, "sales_monthly", reps, OCT) + 9e9 + 4e8
    targets = sum(_sql_sum(demo_app, "targets_monthly", reps, m) for m in (OCT, NOV, DEC))
    assert out.data["expected"] == pytest.approx(expected)
    assert out.data["target"] == pytest.approx(targets)
    # a past period is pure actuals
    with demo_app.session() as session:
        past = forecast_target_gap(session, manager, demo_app.today(), "2026년 2분기")
    q2 = [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    assert past.data["expected"] == pytest.approx(sum(_sql_sum(demo_app, "sales_monthly", reps, m) for m in q2))
    assert "확정 실적" in past.summary


def _runtime(app, who):
    return SimpleNamespace(context=ToolContext(caller=who, app=app))


def test_agent_tools_with_access_rules(demo_app, caller):
    tools = {t.name: t for t in discover_tools("prediction")}
    assert set(tools) == {"forecast_sales", "forecast_target_gap", "forecast_recommendations", "anomaly_detect"}
    rep = caller(demo_app, "rep")
    _store(demo_app, "rep", rep.rep_id, rep.rep_id, rep.team_id,
           {NOV: 8.0e7, DEC: 8.2e7, date(2027, 1, 1): 8.4e7})
    runtime = _runtime(demo_app, rep)

    content, artifact = tools["forecast_sales"].func(runtime=runtime)
    assert artifact.error is None, content
    assert "모델 v7" in content and "8,000만원" in content and "7,200만원 ~ 8,800만원" in content
    assert artifact.files and artifact.files[0].path.exists() and artifact.files[0].mime == "image/png"
    assert "관리자만" in content  # total was narrowed to the rep's own series

    content, artifact = tools["forecast_sales"].func(scope="team", runtime=runtime)
    assert artifact.error == "access_denied"
    other = caller(demo_app, "rep", team="부산·경남팀")
    content, artifact = tools["forecast_sales"].func(scope="rep", name=other.name, runtime=runtime)
    assert artifact.error == "access_denied"
    content, artifact = tools["forecast_sales"].func(horizon=9, runtime=runtime)
    assert artifact.error == "bad_request" and "예측 개월 수는 1~6 사이로" in content

    # no stored forecast for the product cut → seasonal-naive baseline, labelled as such
    content, artifact = tools["forecast_sales"].func(scope="product", name="로수빛", horizon=2, runtime=runtime)
    assert artifact.error is None and "계절 단순 예측" in content
    nov_last_year = _sql_product_month(demo_app, rep.rep_id, "HB-ROS10", date(2025, 11, 1))
    assert artifact.data["forecast"][0]["yhat"] == pytest.approx(nov_last_year)

    content, artifact = tools["forecast_target_gap"].func(runtime=runtime)
    assert artifact.error is None and "달성률" in content
    content, artifact = tools["forecast_recommendations"].func(runtime=runtime)
    assert artifact.error is None and "방문 우선 거래처" in content
    assert artifact.data["accounts"] and all(a["reasons"] for a in artifact.data["accounts"])
    content, artifact = tools["forecast_recommendations"].func(rep=other.name, runtime=runtime)
    assert artifact.error == "access_denied"
    content, artifact = tools["anomaly_detect"].func(period="최근 6개월", runtime=runtime)
    assert artifact.error is None and "이상 실적" in content


def _sql_product_month(app, rep_id, code, month):
    with app.engine.connect() as conn:
        return float(conn.execute(text(
            "SELECT COALESCE(SUM(s.amount),0) FROM sales_monthly s JOIN products p ON p.id = s.product_id "
            "WHERE s.rep_id = :r AND p.code = :c AND s.month = :m"), {"r": rep_id, "c": code,
                                                                      "m": month.isoformat()}).scalar())


def test_manager_sees_team_forecast(demo_app, caller):
    manager = caller(demo_app, "manager")
    _store(demo_app, "team", manager.team_id, None, manager.team_id, {NOV: 4.5e8, DEC: 4.6e8, date(2027, 1, 1): 4.7e8})
    content, artifact = discover_tools("prediction")[0].func(scope="team", horizon=2, runtime=_runtime(demo_app, manager))
    assert artifact.error is None and "4억 5,000만원" in content and "4억 6,000만원" in content


def test_recommendation_names_each_accounts_most_declining_product(demo_app, caller):
    from tools.prediction.recommend import forecast_recommendations

    rep = caller(demo_app, "rep")
    with demo_app.session() as session:
        out = forecast_recommendations(session, rep, demo_app.today(), demo_app.settings.home)
    first = out.data["accounts"][0]
    with demo_app.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.name, SUM(CASE WHEN s.month >= '2026-08-01' THEN s.amount ELSE -s.amount END) AS d "
            "FROM sales_monthly s JOIN products p ON p.id = s.product_id WHERE s.rep_id = :r AND s.account_id = :a "
            "AND s.month BETWEEN '2026-05-01' AND '2026-10-01' GROUP BY p.name ORDER BY d LIMIT 1"),
            {"r": rep.rep_id, "a": first["account_id"]}).all()
    name, delta = rows[0]
    assert delta < 0 and first["reasons"][0].startswith(name)
    # accounts are ordered by weighted decline
    scores = [a["score"] for a in out.data["accounts"]]
    assert scores == sorted(scores, reverse=True)


def test_a_stored_forecast_that_starts_after_this_month_falls_back_instead_of_failing(demo_app, caller):
    """Forecasts trained for a later date (they start next month) leave this month uncovered:
    the gap uses the seasonal baseline for every month rather than failing on the missing one."""
    rep = caller(demo_app, "rep")
    _store(demo_app, "rep", rep.rep_id, rep.rep_id, rep.team_id, {DEC: 91_000_000.0, date(2027, 1, 1): 1.0})
    with demo_app.session() as session:
        out = forecast_target_gap(session, rep, demo_app.today(), "이번 분기")
    assert [m["kind"] for m in out.data["months"]] == ["실적", "진행중", "예측"]
    assert "계절 단순 예측" in out.data["source"] and out.data["months"][2]["expected"] != 91_000_000.0


def test_a_tool_bug_raising_key_error_is_not_shown_as_not_found():
    from tools.common.plumbing import run_with_session

    class App:
        from contextlib import contextmanager

        @contextmanager
        def session(self):
            yield SimpleNamespace(commit=lambda: None)

    def buggy(session, caller):
        raise KeyError(date(2026, 11, 1))

    out = run_with_session(buggy, SimpleNamespace(app=App(), caller=None))
    assert out.error == "failed" and "2026" not in out.summary and "오류가 발생했습니다" in out.summary
