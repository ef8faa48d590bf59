"""Korean number formatting for prediction answers."""

from __future__ import annotations


def won(amount: float | None) -> str:
    """KRW in 억원 / 만원 units as Korean sales people read them."""
    if amount is None:
        return "-"
    if abs(amount) >= 1e8:
        return f"{amount / 1e8:,.2f}억원"
    if abs(amount) >= 1e4:
        return f"{amount / 1e4:,.0f}만원"
    return f"{amount:,.0f}원"


def pct(ratio: float | None, digits: int = 1) -> str:
    return "-" if ratio is None else f"{ratio * 100:.{digits}f}%"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def month_ko(d) -> str:
    return f"{d.year}년 {d.month}월"
