"""Days since the last visit, counted from today (this month's visits included).

One function for every answer that says "마지막 방문 N일 전" (visit priorities, the client
profile), so they agree. Churn features keep their own as-of-month snapshot (features.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.models import Visit


def last_visits(session: Session, account_ids, today: date) -> dict[int, datetime]:
    """Last visit per account on or before `today` (accounts never visited are absent)."""
    ids = [int(a) for a in account_ids]
    end = datetime.combine(today + timedelta(days=1), datetime.min.time())  # all of today
    out: dict[int, datetime] = {}
    for start in range(0, len(ids), 900):
        rows = session.execute(select(Visit.account_id, func.max(Visit.visited_at))
                               .where(Visit.account_id.in_(ids[start:start + 900]), Visit.visited_at < end)
                               .group_by(Visit.account_id)).all()
        for acc_id, last in rows:
            out[int(acc_id)] = datetime.fromisoformat(last) if isinstance(last, str) else last
    return out


def visit_gaps(session: Session, account_ids, today: date) -> dict[int, int | None]:
    """Whole days from the last visit's date to `today` (0 = visited today); None = never visited."""
    last = last_visits(session, account_ids, today)
    return {int(a): ((today - last[int(a)].date()).days if int(a) in last else None) for a in account_ids}


def gap_text(days: int | None) -> str:
    return "방문 기록 없음" if days is None else ("오늘 방문" if days == 0 else f"마지막 방문 {days}일 전")
