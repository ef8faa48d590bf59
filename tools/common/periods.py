"""Korean (and English) period phrases → month ranges.

Sales are monthly, so a `Period` is an inclusive range of months. Relative phrases are
resolved against a business date (`today`): "이번 달" is today's month (partial, to date).
The grammar (which words name which period) is tools/common/period_phrases.py; this module
gives a phrase its months. The LLM's tools and the offline router both come through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from data.months import add_months, month_start, months_between  # also re-exported from here
from tools.common.period_phrases import Phrase, Term, find_phrases
from tools.common.plumbing import ToolInputError


@dataclass(frozen=True)
class Period:
    start: date  # first month (day 1)
    end: date  # last month (day 1), inclusive
    label: str  # Korean label, e.g. "2025년 3분기"
    note: str = ""  # said to the user, e.g. when a week was widened to its month(s)

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
        out = {"start": self.start.strftime("%Y-%m"), "end": self.end.strftime("%Y-%m"), "label": self.label}
        return {**out, "note": self.note} if self.note else out


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




# --- labels -------------------------------------------------------------------------------

_UNITS = {"month": (1, None), "quarter": (3, lambda i: f"{i}분기"),
          "half": (6, lambda i: "상반기" if i == 1 else "하반기")}  # months in one, and its name


def _aligned(start: date, end: date, unit: str, single_only: bool) -> str | None:
    size, name = _UNITS[unit]
    if (start.month - 1) % size or end.month % size:
        return None
    a, b = (start.month - 1) // size + 1, end.month // size
    if start.year == end.year and a == b:
        return f"{start.year}년 {name(a)}"
    if single_only:
        return None
    return f"{start.year}년 {name(a)}~" + (name(b) if start.year == end.year else f"{end.year}년 {name(b)}")


def describe(start: date, end: date, unit: str | None = None) -> str:
    """Explicit Korean months: "2025년 3월", "2025년 3월~5월", "2025년 10월~2026년 2월";
    unit=None names a whole quarter, half or year as such, unit="quarter" also ranges of them."""
    if start == end:
        return _month_label(start)
    for u in ("quarter", "half"):
        if unit in (None, u):
            named = _aligned(start, end, u, single_only=unit is None)
            if named:
                return named
    if unit is None and start.month == 1 and end == date(start.year, 12, 1):
        return f"{start.year}년"
    tail = f"{end.month}월" if start.year == end.year else _month_label(end)
    return f"{_month_label(start)}~{tail}"


def _has_final_consonant(word: str) -> bool:
    last = word.rstrip()[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return last in "0136781lmn"


# --- terms → periods -----------------------------------------------------------------------

_REL_WORDS = {"month": {0: "이번 달", -1: "지난달", -2: "지지난달", 1: "다음 달"},
              "quarter": {0: "이번 분기", -1: "지난 분기", -2: "지지난 분기", 1: "다음 분기"},
              "half": {0: "이번 반기", -1: "지난 반기", 1: "다음 반기"}}
_UNIT_WORD = {"month": "개월", "quarter": "분기", "half": "반기"}
_DAY_WORDS = {0: "오늘", -1: "어제", -2: "그제"}
_WEEK_WORDS = {0: "이번 주", -1: "지난주", -2: "지지난주"}


def _calendar(unit: str, n: int, year: int) -> Period:
    if unit == "month":
        return single_month(date(year, n, 1))
    return quarter(year, n) if unit == "quarter" else half(year, n)


def _cal(term: Term, today: date, anchor: date | None, year: int | None) -> Period:
    """A numbered month/quarter/half; without a year, the latest one that began by `anchor`
    ("5월" asked in March is last year's May)."""
    year = term.year if term.year is not None else (
        today.year + term.year_offset if term.year_offset is not None else year)
    if year is not None:
        return _calendar(term.unit, term.value, year)
    anchor = anchor or month_start(today)
    p = _calendar(term.unit, term.value, anchor.year)
    return p if p.start <= anchor else _calendar(term.unit, term.value, anchor.year - 1)


def _rel(term: Term, today: date) -> Period:
    size = _UNITS[term.unit][0]
    current = month_start(today)
    start = add_months(date(current.year, (current.month - 1) // size * size + 1, 1), term.value * size)
    end = add_months(start, size - 1)
    word = _REL_WORDS[term.unit].get(term.value) or (
        f"{abs(term.value)}{_UNIT_WORD[term.unit]} {'전' if term.value < 0 else '후'}")
    return Period(start, end, f"{word}({describe(start, end)})")


def _months_around(term: Term, today: date) -> Period:
    current = month_start(today)
    if not 1 <= term.value <= 60:
        raise ToolInputError("최근 1~60개월 범위로 말씀해 주세요.")
    if term.kind == "last":
        end = add_months(current, -1)
        start = add_months(end, -(term.value - 1))
        return Period(start, end, f"최근 {term.value}개월({describe(start, end, 'month')})")
    start, end = add_months(current, 1), add_months(current, term.value)
    return Period(start, end, f"다음 {term.value}개월({describe(start, end, 'month')})")


def _days(term: Term, today: date) -> Period:
    """A day or a week: the month(s) holding it, with a note that sales are monthly."""
    if term.kind == "day":
        first = last = today + timedelta(days=term.value)
        word = _DAY_WORDS.get(term.value, f"{-term.value}일 전")
    elif term.kind == "week":
        first = today - timedelta(days=today.weekday()) + timedelta(weeks=term.value)
        last = min(first + timedelta(days=6), today)
        word = _WEEK_WORDS.get(term.value, f"{-term.value}주 전")
    elif term.kind == "days":
        first, last, word = today - timedelta(days=term.value - 1), today, f"최근 {term.value}일"
    else:
        year = term.year if term.year is not None else today.year + (term.year_offset or 0)
        if not term.has_year and (term.value, term.day) > (today.month, today.day):
            year -= 1  # "3월 15일" asked in February: last year's
        try:
            first = last = date(year, term.value, term.day)
        except ValueError:
            raise ToolInputError("날짜를 확인해 주세요. 예: 2025-03-15, 3월 15일") from None
        word = f"{year}년 {term.value}월 {term.day}일"
    start, end = month_start(first), month_start(last)
    months = describe(start, end, "month")
    josa = "이" if _has_final_consonant(word) else "가"
    verb = "속한" if start == end else "걸친"
    note = f"매출은 월 단위로 집계됩니다. '{word}'{josa} {verb} {months} 실적을 보여드립니다."
    return Period(start, end, f"{word}({months})", note)


def _resolve(term: Term, today: date, anchor: date | None = None, year: int | None = None) -> Period:
    current = month_start(today)
    if term.kind == "cal":
        return _cal(term, today, anchor, year)
    if term.kind == "year":
        return year_period(today.year + term.year_offset if term.year is None else term.year, today)
    if term.kind == "rel":
        return _rel(term, today)
    if term.kind in ("last", "next"):
        return _months_around(term, today)
    if term.kind == "ytd":
        return Period(date(today.year, 1, 1), current, f"올해 누계(1~{today.month}월)")
    if term.kind == "now":
        return Period(current, current, f"이번 달({_month_label(current)})")
    return _days(term, today)


def _resolve_range(first: Term, last: Term, today: date) -> Period:
    """first..last. An end without a year takes the start's ("2025년 1월~6월"); a start without
    one is the latest before the end ("10월부터 2월까지" in February spans the new year)."""
    if last.kind == "cal" and not last.has_year and first.kind not in ("ytd", "now") and (
            first.kind != "cal" or first.has_year):
        left = _resolve(first, today)
        right = _resolve(last, today, year=left.start.year)
        if right.end < left.start:
            right = _resolve(last, today, year=left.start.year + 1)
    else:
        right = _resolve(last, today)
        left = _resolve(first, today, anchor=right.start)
    start = date(right.start.year, 1, 1) if first.kind == "ytd" else left.start
    if right.end < start:
        raise ToolInputError("기간의 끝이 시작보다 앞섭니다. 예: 2025-01~2025-06, 3월부터 5월까지")
    if first.kind == "ytd" and start.year == right.end.year:  # 연초부터, 3분기 누적
        return Period(start, right.end, f"{start.year}년 누계(1~{right.end.month}월)")
    unit = first.unit if first.kind == last.kind == "cal" and first.unit == last.unit else "month"
    # months that make a whole quarter, half or year are named as a rep says them: the LLM or
    # the router may have rewritten "4분기" as "2026년 10월~12월" before it reaches us
    return Period(start, right.end, describe(start, right.end, None if unit == "month" else unit))


def _phrase_period(phrase: Phrase, today: date) -> Period:
    if phrase.last is None:
        return _resolve(phrase.first, today)
    return _resolve_range(phrase.first, phrase.last, today)


# --- the public entry points ----------------------------------------------------------------

_EXAMPLES = ("예: 이번 달, 지난달, 3분기, 상반기, 올해, 작년, 최근 6개월, 2025년 3월, "
             "3월부터 5월까지, 2025-01~2025-06, 작년 같은 기간")


def _single(named: list[Phrase], today: date) -> Period:
    periods = [_phrase_period(p, today) for p in named]
    first = periods[0]
    if any((p.start, p.end) != (first.start, first.end) or p.note for p in periods[1:]):
        listed = ", ".join(f"'{p.text.strip()}'" for p in named)
        raise ToolInputError(f"기간이 여러 개 들어 있습니다({listed}). 하나만 말씀해 주세요. "
                             "이어진 기간이라면 '3월부터 5월까지'처럼 말씀해 주세요.")
    return first


def _reference_period(reference: str | Period | None, today: date, default: str) -> Period:
    if isinstance(reference, Period):
        return reference
    return parse_period(reference or default, today, default="이번 달")


def _refuse_future(period: Period, today: date) -> None:
    current = month_start(today)
    if period.start > current:
        raise ToolInputError(
            f"{period.label}은(는) 아직 오지 않은 기간입니다. 매출 실적은 이번 달"
            f"({_month_label(current)})까지만 있어요. 예측은 '다음 3개월 매출 예측'처럼 물어봐 주세요.")


def _drop_glosses(raw: str, phrases: list[Phrase]) -> list[Phrase]:
    """A period in brackets explains the one before it: "2025년 3분기(7~9월)" is 2025 Q3. Our own
    labels come back this way, too: in "전년 동기(2025년 4분기)" the brackets hold the answer."""
    def bracketed(p: Phrase) -> bool:
        before = raw[: p.start]
        return before.rfind("(") > before.rfind(")")
    inside = [p for p in phrases if bracketed(p)]
    outside = [p for p in phrases if not bracketed(p)]
    if not inside or not outside:
        return phrases
    if any(not p.is_comparison for p in outside):
        return outside
    return inside  # 전년 동기(2025년 4분기): already shifted


def parse_period(text: str | None, today: date, default: str = "이번 달", *,
                 reference: str | Period | None = None, allow_future: bool = False) -> Period:
    """Parse a period phrase (Korean, English, ISO; ranges; "작년 같은 기간"). A comparison
    without a period of its own shifts `reference` (default: the `default` phrase) back a year.
    Raises ToolInputError with a Korean hint when nothing matches or, unless `allow_future`
    (a forecast's target period), the period is still to come."""
    raw = (text or "").strip() or default
    phrases = _drop_glosses(raw, find_phrases(raw))
    named = [p for p in phrases if not p.is_comparison]
    if not phrases:
        raise ToolInputError(f"'{raw}' 기간을 이해하지 못했습니다. {_EXAMPLES}")
    period = _single(named, today) if named else None
    if len(named) < len(phrases):  # 작년 같은 기간
        base = period or _reference_period(reference, today, default)
        shifted = base.shifted(-12)
        period = Period(shifted.start, shifted.end, f"전년 동기({describe(shifted.start, shifted.end)})")
    if not allow_future:
        _refuse_future(period, today)
    return period


def extract_period(text: str) -> str | None:
    """The period phrase inside a sentence, as parse_period reads it ("지난달 서울 실적" → "지난달";
    a comparison and the period it names come back together: "이번 분기 작년 같은 기간")."""
    text = text or ""
    phrases = _drop_glosses(text, find_phrases(text, strict=False))
    named = next((p for p in phrases if not p.is_comparison), None)
    comparison = next((p for p in phrases if p.is_comparison), None)
    parts = [p.text for p in (named, comparison) if p is not None]
    return " ".join(re.sub(r"\s+", " ", part).strip() for part in parts) or None


def compares_with_last_year(text: str | None) -> bool:
    """Whether the phrase asks for the same period a year earlier ("작년 같은 기간", "전년 동기")."""
    text = text or ""
    return any(p.is_comparison for p in _drop_glosses(text, find_phrases(text, strict=False)))
