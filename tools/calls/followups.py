"""What the customer asked for and who promised what by when (rule-based: Korean request
and commitment endings, due dates relative to the call date)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from tools.calls.roles import CUSTOMER, REP
from tools.calls.utterances import Utterance, clock

_REQUEST = re.compile(r"(주세요|주시고|주실\s*수|주시겠어요|주면\s*좋겠|주시면\s*좋겠|부탁(?:해요|합니다|드려요|드립니다)|"
                      r"필요해요|필요합니다|원해요|보내\s*줘요|가져와\s*줘|알려\s*줘요|해\s*줘요|있을까요\?)")
_REP_COMMIT = re.compile(r"(하겠습니다|드리겠습니다|드릴게요|할게요|올게요|갈게요|오겠습니다|가겠습니다|보내드릴|챙겨\s*오겠|"
                         r"요청하겠|확인하겠|확인해\s*두겠|준비하겠|회신드리|연락드리)")
_CUSTOMER_COMMIT = re.compile(r"(써\s*보죠|써\s*볼게요|써\s*보겠|처방해\s*보|검토해\s*보|검토할게요|넣어\s*보|바꿔\s*보|"
                              r"해\s*보죠|연락\s*줄게요|알려\s*줄게요)")
_NOT_A_STEP = re.compile(r"(감사합니다|수고하세요|안녕히|그렇게\s*하겠습니다만|설명드리기\s*어렵)")
_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_DUE = re.compile(r"(오늘|내일|모레|이번\s*주(?:\s*([월화수목금토일])요일)?|다음\s*주(?:\s*([월화수목금토일])요일)?|"
                  r"다음\s*달|월말|(\d{1,2})\s*월\s*(\d{1,2})\s*일|(\d{1,2})\s*일(?:까지|에)|다음\s*방문)")


@dataclass
class Request:
    text: str
    at: str
    at_s: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class NextStep:
    who: str  # rep | customer
    what: str
    due: str | None  # ISO date, or "다음 방문"
    at: str
    at_s: float

    def to_json(self) -> dict:
        return asdict(self)


def due_date(text: str, call_day: date) -> str | None:
    """The due date said in `text`, relative to the call's day."""
    m = _DUE.search(text)
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group(1))
    if word == "오늘":
        return call_day.isoformat()
    if word == "내일":
        return (call_day + timedelta(days=1)).isoformat()
    if word == "모레":
        return (call_day + timedelta(days=2)).isoformat()
    monday = call_day - timedelta(days=call_day.weekday())
    if word.startswith("이번 주"):
        day = _WEEKDAYS.get(m.group(2) or "금", 4)
        return (monday + timedelta(days=day)).isoformat()
    if word.startswith("다음 주"):
        day = _WEEKDAYS.get(m.group(3) or "금", 4)
        return (monday + timedelta(days=7 + day)).isoformat()
    if word == "다음 달":
        first = (call_day.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first.isoformat()
    if word == "월말":
        return ((call_day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)).isoformat()
    if m.group(4) and m.group(5):
        month, day = int(m.group(4)), int(m.group(5))
        year = call_day.year + (1 if month < call_day.month else 0)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    if m.group(6):
        day = int(m.group(6))
        month_first = call_day.replace(day=1)
        if day < call_day.day:
            month_first = (month_first + timedelta(days=32)).replace(day=1)
        try:
            return month_first.replace(day=day).isoformat()
        except ValueError:
            return None
    if word == "다음 방문":
        return "다음 방문"
    return None


def customer_requests(utterances: list[Utterance]) -> list[Request]:
    out = []
    for u in utterances:
        if u.role != CUSTOMER:
            continue
        for sentence in u.sentences():
            if _REQUEST.search(sentence):
                at = u.time_at(u.text.find(sentence))
                out.append(Request(sentence, clock(at), round(at, 2)))
    return out


def next_steps(utterances: list[Utterance], call_day: date) -> list[NextStep]:
    out: list[NextStep] = []
    for u in utterances:
        pattern = _REP_COMMIT if u.role == REP else _CUSTOMER_COMMIT if u.role == CUSTOMER else None
        if pattern is None:
            continue
        for sentence in u.sentences():
            if pattern.search(sentence) and not _NOT_A_STEP.search(sentence):
                at = u.time_at(u.text.find(sentence))
                out.append(NextStep(u.role, sentence, due_date(sentence, call_day), clock(at), round(at, 2)))
    # a later promise with the same wording repeats an earlier one
    seen: set[str] = set()
    unique = []
    for step in out:
        key = re.sub(r"\W", "", step.what)
        if key not in seen:
            seen.add(key)
            unique.append(step)
    return unique
