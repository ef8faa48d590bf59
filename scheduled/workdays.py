"""Korean business days: weekends, public holidays and substitute holidays (대체공휴일) are off
(`holidays.KR`)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _kr(year: int) -> holidays.HolidayBase:
    return holidays.KR(years=year, language="ko")


def holiday_name(day: date) -> str | None:
    return _kr(day.year).get(day)


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None
