"""The dates written on documents, said in Korean or English ("2026-12-10", "12월 10일",
"다음주 화요일", "내일", "어제"): a visit already made looks back, a planned event, a letter or
a quotation may look ahead. The offline router finds the phrase (`find_day_phrase`), the tools
read it (`doc_date`), so both paths give the same day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.common.plumbing import ToolInputError
from tools.documents import texts

WEEKDAYS = "월화수목금토일"
_RELATIVE = {"오늘": 0, "금일": 0, "today": 0, "내일": 1, "tomorrow": 1, "모레": 2, "어제": -1, "yesterday": -1,
             "그제": -2, "그저께": -2}
_ISO = r"(?P<y>\d{4})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*일?"
_MONTH_DAY = r"(?P<m2>\d{1,2})\s*(?:월\s*|/)(?P<d2>\d{1,2})\s*일?"
_WEEKDAY = r"(?:(?P<week>이번\s*주|금주|다음\s*주|차주|담주|지난\s*주|저번\s*주)\s*)?(?P<wd>[월화수목금토일])요일"
DAY_PHRASE = re.compile(rf"{_ISO}|(?<![\d.])(?:{_MONTH_DAY})(?![\d])|{_WEEKDAY}|(?:{'|'.join(_RELATIVE)})", re.I)


def find_day_phrase(text: str) -> str | None:
    """The first day phrase in `text`, as said."""
    m = DAY_PHRASE.search(text or "")
    return m.group(0).strip() if m else None


def parse_day(value: str, today: date, *, ahead: bool) -> date | None:
    """The day `value` names, or None when it names none. `ahead`: a bare weekday or month-day
    is the next one (a plan), else the last one (a visit)."""
    v = (value or "").strip()
    if v.lower() in _RELATIVE:
        return today + timedelta(days=_RELATIVE[v.lower()])
    m = DAY_PHRASE.fullmatch(v)
    if not m:
        return None
    if m.group("y"):
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if m.group("m2"):
        day = date(today.year, int(m.group("m2")), int(m.group("d2")))
        if ahead and day < today - timedelta(days=31):
            return day.replace(year=today.year + 1)  # "1월 5일" said in December
        if not ahead and day > today + timedelta(days=31):
            return day.replace(year=today.year - 1)
        return day
    target = WEEKDAYS.index(m.group("wd"))
    monday = today - timedelta(days=today.weekday())
    week = re.sub(r"\s+", "", m.group("week") or "")
    if week in ("다음주", "차주", "담주"):
        return monday + timedelta(days=7 + target)
    if week in ("지난주", "저번주"):
        return monday + timedelta(days=-7 + target)
    if week in ("이번주", "금주"):
        return monday + timedelta(days=target)
    delta = (target - today.weekday()) % 7
    return today + timedelta(days=delta) if ahead else today - timedelta(days=(today.weekday() - target) % 7)


def doc_date(value: str | None, today: date, *, ahead: bool = True, what: str = "날짜") -> date:
    """The day of a document field; today when not given; a Korean error when unreadable."""
    if not value or not value.strip():
        return today
    v = value.strip()
    try:
        day = parse_day(v, today, ahead=ahead)
    except ValueError as exc:  # "2월 30일"
        raise ToolInputError(texts.NO_SUCH_DATE.format(value=v)) from exc
    if day is None:
        raise ToolInputError(texts.BAD_DATE.format(what=what, value=v))
    return day
