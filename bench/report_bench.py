"""Report latency on whatever database is loaded (SQLite demo or PostgreSQL at 10M rows).

    DATABASE_URL=postgresql+psycopg://… MEDREP_TODAY=2026-11-20 .venv/bin/python bench/report_bench.py [--repeat 3]

Times typical sales reports as an admin (the widest scope) and a manager, and the
new/lost-account query, and prints one line per report (median of the repeats, ms) plus
the sales row count.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import func, select

from data.access import Caller
from data.models import MonthlySale, Rep
from medrep.app import open_app
from tools.analytics.changes import account_changes
from tools.analytics.report import build_report
from tools.analytics.scope import resolve_scope
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
    print(f"database={app.engine.dialect.name} sales_rows={rows:,} today={today}")
    callers = {"admin": admin, "manager": manager}
    timings = []
    for role, period, group_by, filters in CASES:
        runs = []
        for _ in range(args.repeat):
            with app.session() as s:
                t = time.perf_counter()
                build_report(s, resolve_scope(s, callers[role], **filters), parse_period(period, today), today, group_by)
                runs.append((time.perf_counter() - t) * 1000)
        timings.append(statistics.median(runs))
        print(f"report {role:7s} {period:8s} by {group_by:13s} {filters or ''} median {timings[-1]:8.1f} ms")
    for kind in ("new", "lost"):
        runs = []
        for _ in range(args.repeat):
            with app.session() as s:
                t = time.perf_counter()
                account_changes(s, resolve_scope(s, admin), parse_period("지난달", today), kind, today, limit=20)
                runs.append((time.perf_counter() - t) * 1000)
        print(f"accounts {kind:4s} 지난달 median {statistics.median(runs):8.1f} ms")
    print(f"reports: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")


if __name__ == "__main__":
    main()
