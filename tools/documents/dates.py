"""The date written on a letter or quotation: 'YYYY-MM-DD' (past or future) or 오늘/내일/어제."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.common.plumbing import ToolInputError
from tools.documents import texts

_WORDS = {"오늘": 0, "금일": 0, "내일": 1, "모레": 2, "어제": -1}
_ISO = re.compile(r"(\d{4})[-./년 ]\s*(\d{1,2})[-./월 ]\s*(\d{1,2})일?")


def doc_date(value: str | None, today: date) -> date:
    if not value or not value.strip():
        return today
    v = value.strip()
    if v in _WORDS:
        return today + timedelta(days=_WORDS[v])
    m = _ISO.fullmatch(v)
    if not m:
        raise ToolInputError(texts.BAD_DATE.format(value=v))
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ToolInputError(texts.NO_SUCH_DATE.format(value=v)) from exc
