"""Pure month arithmetic on `date`s (a month is represented by its first day).

Lives in data/ so the demo world generator and every layer above can share it;
`tools.common.periods` re-exports it for the period phrases.
"""

from __future__ import annotations

from datetime import date


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Number of months in the inclusive range start..end."""
    return (end.year - start.year) * 12 + end.month - start.month + 1
