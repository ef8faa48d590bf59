"""Invariants of the generated demo world, checked with independent SQL."""

from __future__ import annotations

import json

from sqlalchemy import text

from data.demo.calendar import lunar_holiday_months
from data.demo.catalog import PRODUCTS


def q(app, sql, **params):
    with app.engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def test_sizes_and_people(demo_app_ro):
    assert q(demo_app_ro, "SELECT COUNT(*) FROM accounts")[0][0] == 1500
    assert q(demo_app_ro, "SELECT COUNT(*) FROM products")[0][0] == len(PRODUCTS) >= 30
    months = q(demo_app_ro, "SELECT MIN(month), MAX(month), COUNT(DISTINCT month) FROM sales_monthly")[0]
    assert str(months[0]) == "2023-01-01" and str(months[1]) == "2026-11-01" and months[2] >= 36
    roles = dict(q(demo_app_ro, "SELECT role, COUNT(*) FROM reps GROUP BY role"))
    assert roles["rep"] >= 30 and roles["manager"] == 8 and roles["admin"] >= 1
    types = {row[0] for row in q(demo_app_ro, "SELECT DISTINCT type FROM accounts")}
    assert types == {"상급종합병원", "종합병원", "병원", "의원", "약국", "도매상"}


def test_every_demo_user_maps_to_a_rep_with_platform_ids(demo_app_ro):
    rows = q(demo_app_ro, "SELECT slack_user_id, teams_user_id, email, team_id, role FROM reps")
    assert all(r[0] and r[1] and "@" in r[2] for r in rows)
    assert len({r[0] for r in rows}) == len(rows) and len({r[1] for r in rows}) == len(rows)
    assert all(r[3] is not None for r in rows if r[4] != "admin")
    # every account belongs to a field rep of the team covering its province
    bad = q(demo_app_ro, """SELECT COUNT(*) FROM accounts a JOIN reps r ON r.id = a.owner_rep_id
                             JOIN teams t ON t.id = r.team_id
                             WHERE r.role != 'rep' OR instr(t.provinces, a.province) = 0""")
    assert bad[0][0] == 0


def test_sales_amount_is_quantity_times_price(demo_app_ro):
    rows = q(demo_app_ro, """SELECT p.code, s.month, s.amount, s.quantity, p.unit_price FROM sales_monthly s
                             JOIN products p ON p.id = s.product_id WHERE s.id % 997 = 0""")
    assert rows
    for code, month, amount, quantity, price in rows:
        if code == "HB-AML05" and str(month) >= "2025-07-01":  # 약가 인하 8.5%
            price = round(price * (1 - 0.085), -1)
        assert amount == round(quantity * price)


def test_winter_seasonality_for_respiratory_products(demo_app_ro):
    rows = q(demo_app_ro, """SELECT substr(s.month, 6, 2) AS m, SUM(s.amount) FROM sales_monthly s
                             JOIN products p ON p.id = s.product_id
                             WHERE p.atc_code LIKE 'R05%' AND s.month BETWEEN '2023-01-01' AND '2025-12-01'
                             GROUP BY m""")
    by_month = dict(rows)
    winter = by_month["12"] + by_month["01"] + by_month["02"]
    summer = by_month["06"] + by_month["07"] + by_month["08"]
    assert winter > 1.3 * summer


def test_lunar_holiday_months_dip(demo_app_ro):
    """Non-seasonal products sell less in the 설날/추석 month than the neighbouring months."""
    totals = dict(q(demo_app_ro, """SELECT s.month, SUM(s.quantity) FROM sales_monthly s JOIN products p
                                     ON p.id = s.product_id WHERE p.atc_code LIKE 'C%' GROUP BY s.month"""))
    totals = {str(k): v for k, v in totals.items()}
    dips = 0
    for year in (2024, 2025):
        for month in lunar_holiday_months(year).values():
            before = month.replace(month=month.month - 1) if month.month > 1 else month.replace(year=year - 1, month=12)
            after = month.replace(month=month.month + 1)
            dips += totals[str(month)] < min(totals[str(before)], totals[str(after)])
    assert dips >= 3


def test_planted_anomalies_and_life_cycle_in_data(demo_app_ro):
    manifest = json.loads((demo_app_ro.settings.home / "demo_world.json").read_text(encoding="utf-8"))
    assert len(manifest["anomalies"]) >= 5
    for anomaly in manifest["anomalies"]:
        if anomaly["scope"] != "account_product":
            continue
        series = dict(q(demo_app_ro, """SELECT s.month, SUM(s.quantity) FROM sales_monthly s JOIN products p
                                       ON p.id = s.product_id WHERE s.account_id = :a AND p.code = :c GROUP BY s.month""",
                        a=anomaly["account_id"], c=anomaly["product_code"]))
        series = {str(k): v for k, v in series.items()}
        value = series.get(anomaly["month"], 0)
        others = sorted(v for k, v in series.items() if k != anomaly["month"] and k < "2026-11-01")
        median = others[len(others) // 2]
        if anomaly["kind"] == "spike":
            assert value > 2.5 * median
        else:
            assert value < 0.2 * median
    churned = manifest["churned_accounts"][0]
    after = q(demo_app_ro, "SELECT COUNT(*) FROM sales_monthly WHERE account_id = :a AND month > :m",
              a=churned["account_id"], m=churned["last_month"])
    assert after[0][0] == 0
    new_account = manifest["new_accounts"][0]
    first = q(demo_app_ro, "SELECT MIN(month) FROM sales_monthly WHERE account_id = :a", a=new_account)[0][0]
    assert str(first) >= "2025-11-01"


def test_targets_cover_the_year_and_achievement_is_plausible(demo_app_ro):
    rows = q(demo_app_ro, """SELECT t.month, SUM(t.amount), (SELECT SUM(amount) FROM sales_monthly s WHERE s.month = t.month)
                             FROM targets_monthly t WHERE t.month IN ('2026-10-01', '2026-12-01') GROUP BY t.month""")
    by_month = {str(r[0]): r for r in rows}
    october = by_month["2026-10-01"]
    assert 0.8 < october[2] / october[1] < 1.1
    assert by_month["2026-12-01"][1] > 0 and by_month["2026-12-01"][2] is None  # future target, no actuals


def test_generation_is_deterministic(tmp_path, demo_app_ro, settings_factory):
    from data.db import open_app
    from data.demo.generator import generate_world
    app = open_app(settings_factory(tmp_path))
    generate_world(app)
    sql = "SELECT COUNT(*), SUM(amount), SUM(quantity * rep_id) FROM sales_monthly"
    assert q(app, sql) == q(demo_app_ro, sql)
    app.engine.dispose()


def test_postgres_world_matches_sqlite_world(pg_url, tmp_path, demo_app_ro, settings_factory):
    """The same seed gives the same world on PostgreSQL (COPY path) as on SQLite."""
    from data.db import open_app
    from data.demo.generator import generate_world

    app = open_app(settings_factory(tmp_path, database_url=pg_url))
    generate_world(app)
    for sql in ("SELECT COUNT(*), SUM(amount), SUM(quantity) FROM sales_monthly",
                "SELECT COUNT(*), SUM(amount) FROM targets_monthly",
                "SELECT COUNT(*), SUM(amount), SUM(quantity) FROM sales_rollup_region",
                "SELECT COUNT(*), SUM(amount), SUM(quantity) FROM sales_rollup_account",
                "SELECT COUNT(*), SUM(amount), SUM(quantity) FROM sales_rollup_product",
                "SELECT COUNT(*) FROM visits"):
        assert [tuple(map(int, r)) for r in q(app, sql)] == [tuple(map(int, r)) for r in q(demo_app_ro, sql)]
    app.engine.dispose()
