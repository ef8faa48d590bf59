"""Korean time and section phrases of the digest settings: '7시 반' → '07:30'."""

from __future__ import annotations

import re

_HHMM = re.compile(r"(?<!\d)([01]?\d|2[0-3])\s*:\s*([0-5]\d)(?!\d)")
_KO = re.compile(r"(오전|오후|아침|저녁)?\s*(\d{1,2})\s*시\s*(반|(\d{1,2})\s*분)?")
SECTION_WORDS = (("뉴스", "news"), ("실적", "sales"), ("매출", "sales"), ("전망", "forecast"), ("목표", "forecast"),
                 ("예측", "forecast"), ("방문", "visits"), ("우선순위", "visits"), ("이상", "anomalies"))


def parse_time(text: str) -> str | None:
    found = _HHMM.search(text)
    if found:
        return f"{int(found.group(1)):02d}:{found.group(2)}"
    found = _KO.search(text)
    if not found:
        return None
    hour = int(found.group(2))
    minute = 30 if found.group(3) == "반" else int(found.group(4) or 0)
    if found.group(1) in ("오후", "저녁") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_sections(text: str) -> list[str]:
    return list(dict.fromkeys(value for word, value in SECTION_WORDS if word in text))
