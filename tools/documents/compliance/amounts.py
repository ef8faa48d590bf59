"""Korean money amounts in text: "1인당 15만원", "3만 원", "150,000원", "3만5천원", "오만 원"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "십만": 100_000, "만": 10_000,
          "천": 1_000, "백": 100}
_HANGUL_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_NUM = r"\d[\d,]*(?:\.\d+)?"
_PIECE = rf"(?:{_NUM}\s*(?:억|천만|백만|십만|만|천|백)?)"
_AMOUNT = re.compile(rf"(?P<body>{_PIECE}(?:\s*{_PIECE})*)\s*원(?!장|내|외|래|인|칙|리|료)")
_PIECE_RE = re.compile(rf"({_NUM})\s*(억|천만|백만|십만|만|천|백)?")
_HANGUL_AMOUNT = re.compile(r"(?<![가-힣])(?P<body>[일이삼사오육칠팔구십백천]{1,4})\s*(?P<unit>만|천)\s*원(?!장|내|외|래|인|칙|리|료)")
_PER_PERSON = re.compile(r"(1\s*인당|인당|1\s*인\s|한\s*사람당|1명당|명당|개당|1개당|세트당|per\s*person)\s*$")
_HEADCOUNT = re.compile(r"(\d{1,4})\s*(명|분)(?![가-힣]*(?:에게서))")


@dataclass(frozen=True)
class Amount:
    value: int
    start: int
    end: int
    per_person: bool  # "1인당", "개당" just before it


def _hangul_number(word: str) -> int | None:
    total, current = 0, 0
    for ch in word:
        if ch in _HANGUL_DIGITS:
            current = _HANGUL_DIGITS[ch]
        elif ch in ("십", "백", "천"):
            mult = {"십": 10, "백": 100, "천": 1000}[ch]
            total += (current or 1) * mult
            current = 0
        else:
            return None
    return total + current


def parse_amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    for m in _AMOUNT.finditer(text):
        value = 0.0
        for num, unit in _PIECE_RE.findall(m.group("body")):
            value += float(num.replace(",", "")) * _UNITS.get(unit, 1)
        found.append(Amount(round(value), m.start(), m.end(), _per_person_before(text, m.start())))
    for m in _HANGUL_AMOUNT.finditer(text):
        n = _hangul_number(m.group("body"))
        if n:
            found.append(Amount(n * _UNITS[m.group("unit")], m.start(), m.end(), _per_person_before(text, m.start())))
    found.sort(key=lambda a: a.start)
    return found


def _per_person_before(text: str, start: int) -> bool:
    return bool(_PER_PERSON.search(text[max(0, start - 10):start]))


def headcount(text: str) -> int | None:
    """The number of people a sentence names ("참석자 4명", "의사 6명, 약사 2명" → 8)."""
    counts = [int(m.group(1)) for m in _HEADCOUNT.finditer(text)]
    total = sum(counts)
    return total or None


def won(value: int) -> str:
    return f"{value:,}원"
