"""The monthly sales rollups: same figures as the raw table, used only while current."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from data.rollup import refresh_sales_rollups, rollups_are_current
from tools.analytics import changes as changes_module
from tools.analytics import report as report_module
from tools.analytics.changes import account_changes
from tools.analytics.report import build_report
from tools.analytics.scope import resolve_scope
from tools.analytics.source import ACCOUNT_ROLLUP, PRODUCT_ROLLUP, RAW_SOURCE, REGION_ROLLUP, pick_source
from tools.common.periods import parse_period

TODAY = date(2026, 11, 20)


def rows_of(r) -> list[tuple]:
    return [(row.key, row.amount, row.quantity, row.target, row.prev_amount, row.ly_amount) for row in r.rows]


def run(session, caller, period, group_by, **filters):
    scope = resolve_scope(session, caller, **filters)
    return build_report(session, scope, parse_period(period, TODAY), TODAY, group_by)


def test_rollups_sum_the_raw_table(demo_app_ro):
    with demo_app_ro.session() as s:
        assert rollups_are_current(s)
        source_rows, raw = s.execute(text("SELECT COUNT(*), SUM(amount) FROM sales_monthly")).one()
        product = dict(s.execute(text(
            "SELECT product_id, SUM(amount) FROM sales_monthly WHERE month = '2026-10-01' GROUP BY product_id")).all())
        region = dict(s.execute(text("""
            SELECT a.province || '/' || a.type || '/' || s.channel, SUM(s.amount)
            FROM sales_monthly s JOIN accounts a ON a.id = s.account_id
            WHERE s.month BETWEEN '2026-01-01' AND '2026-10-01' GROUP BY 1""")).all())
        product_groups = s.execute(text(
            "SELECT COUNT(*) FROM (SELECT DISTINCT month, rep_id, product_id FROM sales_monthly) g")).scalar()
        region_groups = s.execute(text("""
            SELECT COUNT(*) FROM (SELECT DISTINCT s.month, s.rep_id, s.channel, a.province, a.type
                                  FROM sales_monthly s JOIN accounts a ON a.id = s.account_id) g""")).scalar()
        by_product = s.execute(text("SELECT COUNT(*), SUM(amount) FROM sales_rollup_product")).one()
        by_region = s.execute(text("SELECT COUNT(*), SUM(amount) FROM sales_rollup_region")).one()
        rolled_product = dict(s.execute(text(
            "SELECT product_id, SUM(amount) FROM sales_rollup_product WHERE month = '2026-10-01' GROUP BY 1")).all())
        rolled_region = dict(s.execute(text("""
            SELECT province || '/' || account_type || '/' || channel, SUM(amount) FROM sales_rollup_region
            WHERE month BETWEEN '2026-01-01' AND '2026-10-01' GROUP BY 1""")).all())
    assert tuple(by_product) == (product_groups, raw) and tuple(by_region) == (region_groups, raw)
    assert product_groups * 5 < source_rows and region_groups * 10 < source_rows  # the point: far fewer rows
    assert rolled_product == product and rolled_region == region


SOURCES = {"region": REGION_ROLLUP, "account": ACCOUNT_ROLLUP, "product": PRODUCT_ROLLUP, None: RAW_SOURCE}


def top_account(session) -> str:
    return session.execute(text("SELECT a.name FROM accounts a JOIN sales_monthly s ON s.account_id = a.id "
                                "GROUP BY a.id, a.name ORDER BY SUM(s.amount) DESC LIMIT 1")).scalar()


@pytest.mark.parametrize("role,period,group_by,filters,rollup", [
    ("admin", "올해 누계", "region", {}, "region"),
    ("admin", "지난 분기", "account_type", {"channel": "원내"}, "region"),
    ("admin", "지난달", "team", {"channel": "원외"}, "region"),
    ("admin", "최근 12개월", "month", {"region": "부산"}, "region"),
    ("admin", "올해 누계", "product", {}, "product"),
    ("admin", "2026년 상반기", "therapeutic_area", {"team": "서울1팀"}, "product"),
    ("manager", "이번 달", "rep", {}, "region"),
    ("manager", "지난 분기", "product", {"therapeutic_area": "이상지질혈증"}, "product"),
    ("rep", "지난달", "product", {}, "product"),
    ("admin", "지난달", "account", {}, "account"),
    ("manager", "올해 누계", "account", {"account_type": "의원"}, "account"),
    ("admin", "최근 12개월", "month", {"account": "TOP"}, "account"),
    ("admin", "지난 분기", "product", {"account": "TOP"}, None),
    ("admin", "지난 분기", "account_type", {"product": "로수빛"}, None),
    ("admin", "지난달", "channel", {"product": "로수빛"}, None),
])
def test_reports_from_rollups_equal_reports_from_raw_table(demo_app_ro, caller, monkeypatch, role, period, group_by,
                                                           filters, rollup):
    who = caller(demo_app_ro, role)
    with demo_app_ro.session() as s:
        filters = {k: (top_account(s) if v == "TOP" else v) for k, v in filters.items()}
        assert pick_source(s, resolve_scope(s, who, **filters), group_by) is SOURCES[rollup]
        from_rollup = run(s, who, period, group_by, **filters)
        monkeypatch.setattr(report_module, "pick_source", lambda *_: RAW_SOURCE)
        from_raw = run(s, who, period, group_by, **filters)
    assert from_rollup.total.amount > 0
    assert rows_of(from_rollup) == rows_of(from_raw)
    assert from_rollup.total.amount == from_raw.total.amount and from_rollup.total.target == from_raw.total.target


@pytest.mark.parametrize("kind,period,filters,rollup", [
    ("new", "지난달", {}, "account"),
    ("lost", "지난 분기", {"region": "서울"}, "account"),
    ("new", "올해 누계", {"product": "로수빛"}, None),
])
def test_new_and_lost_accounts_from_rollup_equal_raw(demo_app_ro, caller, monkeypatch, kind, period, filters, rollup):
    admin = caller(demo_app_ro, "admin")
    with demo_app_ro.session() as s:
        scope = resolve_scope(s, admin, **filters)
        assert pick_source(s, scope, "account") is SOURCES[rollup]
        from_rollup = account_changes(s, scope, parse_period(period, TODAY), kind, TODAY)
        monkeypatch.setattr(changes_module, "pick_source", lambda *_: RAW_SOURCE)
        from_raw = account_changes(s, scope, parse_period(period, TODAY), kind, TODAY)
    assert from_rollup[1] > 0
    assert [c.to_json() for c in from_rollup[0]] == [c.to_json() for c in from_raw[0]]
    assert from_rollup[1] == from_raw[1]


def test_new_sales_make_the_rollup_stale_until_refreshed(demo_app, caller):
    admin = caller(demo_app, "admin")
    with demo_app.session() as s:
        before = run(s, admin, "2026년 10월", "region")
        rep_id, account_id, product_id, province = s.execute(text(
            "SELECT s.rep_id, s.account_id, s.product_id, a.province FROM sales_monthly s "
            "JOIN accounts a ON a.id = s.account_id WHERE s.month = '2026-10-01' ORDER BY s.id LIMIT 1")).one()
        s.execute(text("INSERT INTO sales_monthly (month, rep_id, account_id, product_id, channel, quantity, amount) "
                       "VALUES ('2026-10-01', :r, :a, :p, '원내', 7, 1234567)"),
                  {"r": rep_id, "a": account_id, "p": product_id})
        s.commit()
        assert not rollups_are_current(s)
        assert pick_source(s, resolve_scope(s, admin), "region") is RAW_SOURCE
        stale = {row.key: row.amount for row in run(s, admin, "2026년 10월", "region").rows}
        state = refresh_sales_rollups(s)
        s.commit()
        assert rollups_are_current(s) and state.source_rows == s.execute(text("SELECT COUNT(*) FROM sales_monthly")).scalar()
        fresh = {row.key: row.amount for row in run(s, admin, "2026년 10월", "region").rows}
    expected = {row.key: row.amount for row in before.rows}
    expected[province] += 1234567
    assert stale == expected and fresh == expected


def test_prepare_hook_doctor_and_nightly_rebuild_stale_rollups(demo_app):
    from scheduled.nightly import nightly_rollup
    from tools.analytics import lifecycle

    assert lifecycle.doctor(demo_app)[0][2].startswith("OK")
    assert "최신" in lifecycle.prepare(demo_app)  # nothing changed: no rebuild
    with demo_app.session() as s:
        s.execute(text("INSERT INTO sales_monthly (month, rep_id, account_id, product_id, channel, quantity, amount) "
                       "SELECT month, rep_id, account_id, product_id, channel, 1, 1000 FROM sales_monthly "
                       "ORDER BY id DESC LIMIT 1"))
        s.commit()
        total = s.execute(text("SELECT SUM(amount) FROM sales_monthly")).scalar()
    assert lifecycle.doctor(demo_app)[0][2].startswith("오래됨")
    assert "재생성" in lifecycle.prepare(demo_app)
    with demo_app.session() as s:
        assert rollups_are_current(s)
        assert s.execute(text("SELECT SUM(amount) FROM sales_rollup_product")).scalar() == total
    assert "재생성" in nightly_rollup(demo_app)
    assert lifecycle.doctor(demo_app)[0][2].startswith("OK")
