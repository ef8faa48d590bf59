"""Korean calendar effects on monthly sales: 설날 and 추석 months, seasonality shapes."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import numpy as np
from korean_lunar_calendar import KoreanLunarCalendar


@lru_cache(maxsize=64)
def lunar_holiday_months(year: int) -> dict[str, date]:
    """Solar month (day 1) of 설날 (lunar 1/1) and 추석 (lunar 8/15) in `year`."""
    result = {}
    for name, (month, day) in {"설날": (1, 1), "추석": (8, 15)}.items():
        calendar = KoreanLunarCalendar()
        calendar.setLunarDate(year, month, day, False)
        solar = date.fromisoformat(calendar.SolarIsoFormat())
        result[name] = solar.replace(day=1)
    return result


def holiday_factor(month: date) -> float:
    """Fewer working days in the 설날/추석 month: sales dip."""
    holidays = lunar_holiday_months(month.year)
    factor = 1.0
    if holidays["설날"] == month:
        factor *= 0.91
    if holidays["추석"] == month:
        factor *= 0.92
    return factor


def season_factor(season: str, month_of_year: int) -> float:
    angle = 2 * np.pi * (month_of_year - 1) / 12
    year_end = 1.05 if month_of_year == 12 else 1.0
    if season == "winter":  # respiratory and antibiotics: peak Dec–Feb, trough Jul–Aug
        return float((1 + 0.32 * np.cos(angle)) * year_end)
    if season == "spring_winter":  # allergy: spring peak (Mar–Apr) plus a winter bump
        spring = 0.30 * np.exp(-((month_of_year - 3.7) ** 2) / 1.2)
        return float((1 + 0.12 * np.cos(angle) + spring) * year_end)
    return year_end
