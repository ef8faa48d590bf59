"""Korean number formatting and markdown tables, one definition for every capability (a won
amount reads the same in every answer of a chat: "1억 2,345만원")."""

from __future__ import annotations

from typing import Sequence


def format_won(amount: float | int | None) -> str:
    """₩ amounts the way Korean sales people read them: 1억 2,345만원, 2,345만원, 1,234원."""
    if amount is None:
        return "-"
    value = int(round(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    eok, rest = divmod(value, 100_000_000)
    man = rest // 10_000
    if eok:
        return f"{sign}{eok:,}억 {man:,}만원" if man else f"{sign}{eok:,}억원"
    if man:
        return f"{sign}{man:,}만원"
    return f"{sign}{value:,}원"


def format_pct(ratio: float | None, digits: int = 1) -> str:
    """A ratio (1.034) as a percentage ("103.4%")."""
    return "-" if ratio is None else f"{ratio * 100:.{digits}f}%"


def format_growth(ratio: float | None, digits: int = 1) -> str:
    """A growth ratio (0.052) with its sign ("+5.2%")."""
    return "-" if ratio is None else f"{ratio * 100:+.{digits}f}%"


def format_int(value: float | int | None) -> str:
    return "-" if value is None else f"{int(round(value)):,}"


def ratio(numerator: float | int | None, denominator: float | int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def growth(current: float | int | None, base: float | int | None) -> float | None:
    if current is None or not base:
        return None
    return (current - base) / base


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def month_ko(d) -> str:
    """2026-03-01 → "2026년 3월"."""
    return f"{d.year}년 {d.month}월"
