"""Korean (and English) period phrases → month ranges.

Sales are monthly, so a `Period` is an inclusive range of months. Relative phrases are
resolved against a business date (`today`): "이번 달" is today's month (partial, to date).
"""

from __future__ import annotations

from data.months import add_months, month_start, months_between  # noqa: F401

import re
from dataclasses import dataclass
from datetime import date

from tools.common.plumbing import ToolInputError


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Number of months in the inclusive range start..end."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class Period:
    start: date  # first month (day 1)
    end: date  # last month (day 1), inclusive
    label: str  # Korean label, e.g. "2025년 3분기"

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)

    def month_list(self) -> list[date]:
        return [add_months(self.start, i) for i in range(self.months)]

    def shifted(self, months: int, label: str | None = None) -> "Period":
        return Period(add_months(self.start, months), add_months(self.end, months), label or self.label)

    def previous(self) -> "Period":
        """The period of equal length right before this one (MoM / QoQ)."""
        return self.shifted(-self.months, f"{self.label} 직전 기간")

    def last_year(self) -> "Period":
        """Same months one year earlier (전년 동기)."""
        return self.shifted(-12, f"전년 동기({self.start.year - 1}년)")

    def to_json(self) -> dict:
        return {"start": self.start.strftime("%Y-%m"), "end": self.end.strftime("%Y-%m"), "label": self.label}


def _month_label(d: date) -> str:
    return f"{d.year}년 {d.month}월"


def single_month(d: date) -> Period:
    d = month_start(d)
    return Period(d, d, _month_label(d))


def quarter(year: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise ToolInputError("분기는 1~4분기 중에서 말씀해 주세요.")
    start = date(year, 3 * (q - 1) + 1, 1)
    return Period(start, add_months(start, 2), f"{year}년 {q}분기")


def half(year: int, h: int) -> Period:
    start = date(year, 1 if h == 1 else 7, 1)
    return Period(start, add_months(start, 5), f"{year}년 {'상' if h == 1 else '하'}반기")


def year_period(year: int, today: date) -> Period:
    if year == today.year:
        return Period(date(year, 1, 1), month_start(today), f"{year}년 누계(1~{today.month}월)")
    return Period(date(year, 1, 1), date(year, 12, 1), f"{year}년")


_YEAR = r"(?:(\d{4})\s*년?|(올해|금년|작년|지난해|전년|재작년|this year|last year))"


def _resolve_year(match_year: str | None, word: str | None, today: date) -> int | None:
    if match_year:
        return int(match_year)
    if word in ("올해", "금년", "this year"):
        return today.year
    if word in ("작년", "지난해", "전년", "last year"):
        return today.year - 1
    if word == "재작년":
        return today.year - 2
    return None


def parse_period(text: str | None, today: date, default: str = "이번 달") -> Period:
    """Parse a period phrase. Accepts Korean, English and ISO forms (YYYY-MM, YYYY-MM~YYYY-MM,
    YYYY-Qn). Raises ToolInputError with a Korean hint when nothing matches."""
    raw = (text or "").strip() or default
    t = raw.lower().replace("  ", " ")
    current = month_start(today)

    # explicit ranges: 2025-01~2025-06, 2025.01-2025.06, 2025년 1월~3월
    m = re.search(r"(\d{4})[-./년\s]*(\d{1,2})\s*월?\s*(?:~|부터|-|to)\s*(?:(\d{4})[-./년\s]*)?(\d{1,2})\s*월?", t)
    if m and ("~" in t or "부터" in t or " to " in t or re.search(r"\d{4}-\d{1,2}-\d{4}", t)):
        start = date(int(m.group(1)), int(m.group(2)), 1)
        end = date(int(m.group(3) or m.group(1)), int(m.group(4)), 1)
        if end < start:
            raise ToolInputError("기간의 끝이 시작보다 앞섭니다. 예: 2025-01~2025-06")
        return Period(start, end, f"{_month_label(start)}~{_month_label(end)}")

    m = re.search(r"(?:최근|지난|last|past)\s*(\d{1,2})\s*(?:개월|달|months?)", t)
    if m:
        n = int(m.group(1))
        if not 1 <= n <= 60:
            raise ToolInputError("최근 1~60개월 범위로 말씀해 주세요.")
        end = add_months(current, -1)
        return Period(add_months(end, -(n - 1)), end, f"최근 {n}개월({_month_label(add_months(end, -(n - 1)))}~{_month_label(end)})")

    if re.search(r"이번\s*달|이달|당월|금월|this month|mtd", t):
        return Period(current, current, f"이번 달({_month_label(current)})")
    if re.search(r"지난\s*달|전월|저번\s*달|last month|previous month", t):
        prev = add_months(current, -1)
        return Period(prev, prev, f"지난달({_month_label(prev)})")

    this_q = (today.month - 1) // 3 + 1
    if re.search(r"이번\s*분기|당분기|금분기|this quarter|qtd", t):
        p = quarter(today.year, this_q)
        return Period(p.start, p.end, f"이번 분기({p.label})")
    if re.search(r"지난\s*분기|전분기|직전\s*분기|last quarter", t):
        y, q = (today.year, this_q - 1) if this_q > 1 else (today.year - 1, 4)
        p = quarter(y, q)
        return Period(p.start, p.end, f"지난 분기({p.label})")

    # 2025년 3분기, 작년 3분기, 3분기, Q3 2025, 2025-Q3
    m = re.search(r"(\d{4})\s*-?\s*q([1-4])", t)
    if m:
        return quarter(int(m.group(1)), int(m.group(2)))
    m = re.search(r"q([1-4])\s*(\d{4})", t)
    if m:
        return quarter(int(m.group(2)), int(m.group(1)))
    m = re.search(_YEAR + r"?\s*(?:([1-4])\s*분기|q([1-4]))", t)
    if m:
        year = _resolve_year(m.group(1), m.group(2), today) or today.year
        q = int(m.group(3) or m.group(4))
        if not (m.group(1) or m.group(2)) and date(today.year, 3 * (q - 1) + 1, 1) > current:
            year = today.year - 1  # "3분기" asked in Q1 means last year's
        return quarter(year, q)
    m = re.search(_YEAR + r"?\s*(상반기|하반기|first half|second half|h1|h2)", t)
    if m:
        year = _resolve_year(m.group(1), m.group(2), today) or today.year
        h = 1 if m.group(3) in ("상반기", "first half", "h1") else 2
        if not (m.group(1) or m.group(2)) and h == 2 and today.month < 7:
            year -= 1
        return half(year, h)

    if re.search(r"연초\s*(?:부터|대비|이후)?|올해\s*누적|누계|ytd|year to date", t):
        return Period(date(today.year, 1, 1), current, f"올해 누계(1~{today.month}월)")

    # 2025년 3월, 2025-03, 2025.3, 작년 3월, 3월
    m = re.search(r"(\d{4})[-./]\s*(\d{1,2})(?!\d)", t) or re.search(_YEAR + r"?\s*(\d{1,2})\s*월", t)
    if m:
        if len(m.groups()) == 2:
            year, month = int(m.group(1)), int(m.group(2))
        else:
            year = _resolve_year(m.group(1), m.group(2), today)
            month = int(m.group(3))
            if year is None:
                year = today.year if date(today.year, month, 1) <= current else today.year - 1
        if not 1 <= month <= 12:
            raise ToolInputError("월은 1~12월 중에서 말씀해 주세요.")
        return single_month(date(year, month, 1))

    m = re.search(_YEAR, t)
    if m:
        year = _resolve_year(m.group(1), m.group(2), today)
        if year:
            return year_period(year, today)

    raise ToolInputError(
        f"'{raw}' 기간을 이해하지 못했습니다. 예: 이번 달, 지난달, 3분기, 상반기, 올해, 작년, "
        "최근 6개월, 2025년 3월, 2025-01~2025-06"
    )
