"""Report latency on whatever database is loaded (SQLite demo or PostgreSQL at 10M rows).

    DATABASE_URL=postgresql+psycopg://… MEDREP_HOME=… medrep demo --scale 25 --no-prepare --no-questions
    DATABASE_URL=postgresql+psycopg://… MEDREP_TODAY=2026-11-20 .venv/bin/python bench/report_bench.py [--repeat 5]

Times typical sales reports as an admin (the widest scope) and a manager, and the
new/lost-account query, and prints one line per report (median of the repeats, ms, and the
table it read: a rollup or sales_monthly) plus the sales and rollup row counts.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import func, select

from data.access import Caller
from data.db import open_app
from data.models import MonthlySale, Rep, SalesRollupState
from tools.analytics.changes import account_changes
from tools.analytics.report import build_report
from tools.analytics.scope import resolve_scope
from tools.analytics.source import pick_source
from tools.common.periods import parse_period

CASES = (
    ("admin", "이번 달", "product", {}),
    ("admin", "지난달", "team", {}),
    ("admin", "지난 분기", "region", {}),
    ("admin", "올해 누계", "product", {}),
    ("admin", "지난달", "account", {}),
    ("admin", "최근 12개월", "month", {}),
    ("admin", "지난달", "channel", {"product": "로수빛"}),
    ("manager", "이번 달", "rep", {}),
    ("manager", "올해 누계", "account_type", {}),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = open_app(migrate=False)
    today = app.today()
    with app.session() as s:
        rows = s.scalar(select(func.count()).select_from(MonthlySale))
        admin = Caller.from_rep(s.scalars(select(Rep).where(Rep.role == "admin")).first())
        manager = Caller.from_rep(s.scalars(select(Rep).where(Rep.role == "manager")).first())
        rep = Caller.from_rep(s.scalars(select(Rep).where(Rep.role == "rep")).first())
        state = s.get(SalesRollupState, 1)
    print(f"database={app.engine.dialect.name} sales_rows={rows:,} today={today}")
    if state is not None:
        print(f"rollups: {state.rollup_rows:,} rows, rebuilt in {state.seconds:.1f} s for {state.source_rows:,} sales rows")
    callers = {"admin": admin, "manager": manager}
    timings = []
    for role, period, group_by, filters in CASES:
        runs = []
        for _ in range(args.repeat):
            with app.session() as s:
                t = time.perf_counter()
                scope = resolve_scope(s, callers[role], **filters)
                build_report(s, scope, parse_period(period, today), today, group_by)
                runs.append((time.perf_counter() - t) * 1000)
                source = pick_source(s, scope, group_by).name
        timings.append(statistics.median(runs))
        print(f"report {role:7s} {period:8s} by {group_by:13s} {filters or ''} median {timings[-1]:8.1f} ms  "
              f"[{source}]")
    for kind in ("new", "lost"):
        runs = []
        for _ in range(args.repeat):
            with app.session() as s:
                t = time.perf_counter()
                account_changes(s, resolve_scope(s, admin), parse_period("지난달", today), kind, today, limit=20)
                runs.append((time.perf_counter() - t) * 1000)
        print(f"accounts {kind:4s} 지난달 median {statistics.median(runs):8.1f} ms")
    print(f"reports: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")
    _client_reports(app, today, {"rep": rep, "manager": manager}, args.repeat)


def _client_reports(app, today, callers: dict, repeat: int) -> None:
    """Account grades and visit priorities (the first call also loads the company-wide
    12-month sales distribution the grade percentiles use; later calls reuse it)."""
    from tools.clients.service import client_grades, client_visit_priorities

    model_dir = app.settings.home / "models"
    cases = (("grades", "rep", lambda s, c: client_grades(s, c, today)),
             ("grades", "manager", lambda s, c: client_grades(s, c, today)),
             ("visit priorities", "rep", lambda s, c: client_visit_priorities(s, c, today, model_dir)))
    for name, role, call in cases:
        runs = []
        for _ in range(repeat + 1):
            with app.session() as s:
                t = time.perf_counter()
                call(s, callers[role])
                runs.append((time.perf_counter() - t) * 1000)
        print(f"clients {name:16s} {role:7s} first {runs[0]:8.1f} ms, then median {statistics.median(runs[1:]):8.1f} ms")


if __name__ == "__main__":
    main()
