"""Korean business calendar per month: working days and lunar-holiday (설날/추석) months.

Dates come from the `holidays` package's KR calendar (lunar holidays included), so 설날
and 추석 fall in the right Gregorian month every year.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays
import pandas as pd


@lru_cache(maxsize=64)
def _kr_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KR", years=year).items())


@lru_cache(maxsize=2048)
def month_calendar(year: int, month: int) -> tuple[int, int, int, int]:
    """(working_days, days_in_month, seollal, chuseok) for one month."""
    days = calendar.monthrange(year, month)[1]
    hol = _kr_holidays(year)
    working = 0
    seollal = chuseok = 0
    for d in range(1, days + 1):
        day = date(year, month, d)
        name = hol.get(day, "")
        if "New Year" in name and "Korean" in name or "설날" in name:
            seollal = 1
        if "Chuseok" in name or "추석" in name:
            chuseok = 1
        if day.weekday() < 5 and day not in hol:
            working += 1
    return working, days, seollal, chuseok


def calendar_frame(months: pd.DatetimeIndex) -> pd.DataFrame:
    """Calendar features for each month start in `months`."""
    rows = [month_calendar(m.year, m.month) for m in months]
    frame = pd.DataFrame(rows, index=months, columns=["working_days", "days", "seollal", "chuseok"])
    frame["month"] = months.month
    return frame


def lunar_holiday_dates(start_year: int, end_year: int) -> pd.DataFrame:
    """Prophet-style holiday frame (holiday, ds) for 설날 and 추석, month-start aligned."""
    rows = []
    for year in range(start_year, end_year + 1):
        for day, name in _kr_holidays(year).items():
            label = "seollal" if ("New Year" in name and "Korean" in name or "설날" in name) else (
                "chuseok" if ("Chuseok" in name or "추석" in name) else None)
            if label:
                rows.append((label, pd.Timestamp(day.replace(day=1))))
    frame = pd.DataFrame(rows, columns=["holiday", "ds"]).drop_duplicates()
    return frame.reset_index(drop=True)


def next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)
