"""Split a multi-part question into its requests ("지난달 실적 알려주고, 이번 분기 목표까지
얼마 남았는지도" → two), so the router can make one tool call per request in one turn."""

from __future__ import annotations

import re

# A request ends at a verb of asking followed by "고"/"면서" or a comma, or at "그리고"/"and also".
_BOUNDARY = re.compile(
    r"(?:(?:알려|보여|뽑아|찾아|정리해|요약해|계산해|비교해|말해|정해|짜|그려|만들어)\s*주(?:고|시고|면서)|(?:알려|보여|뽑아|찾아)\s*줘\s*(?:[,，]|그리고))"
    r"|\s*(?:[,，;]\s*)?그리고\s+|\s*,\s*(?:and\s+)?also\s+|\s*[;；]\s*",
    re.I,
)
_MIN_CHARS = 4


def split_requests(text: str) -> list[str]:
    """The requests in `text`, in order; one element when it asks for one thing."""
    parts = [p.strip(" ,，.") for p in _BOUNDARY.split(text)]
    parts = [p for p in parts if len(p) >= _MIN_CHARS]
    if len(parts) < 2:
        return [text.strip()]
    # A comma list after the split ("목표 못 채운 제품 3개랑, 이번 분기 …") is split once more.
    out: list[str] = []
    for part in parts:
        out += [q.strip() for q in re.split(r"(?:랑|하고|이랑)?\s*[,，]\s+", part) if len(q.strip()) >= _MIN_CHARS]
    return out


# "A이랑 B", "A하고 B", "A and (then) B": two requests only when A and B ask for different
# tools (the router checks that); "실적이랑 달성률" is one report, "3월이랑 4월 비교" one comparison.
_CONJUNCTION = re.compile(r"(?<=[가-힣A-Za-z0-9])(?:이랑|랑|하고)\s+|\s+and\s+(?:then\s+)?|\s*&\s*", re.I)
_COMPARISON = re.compile(r"비교|대비|차이|vs\.?|versus|compare", re.I)
# "한성대학교병원이랑 통화한 녹취", "원장님하고 미팅한 내용": "with A", not "A and B".
_WITH_WHOM = re.compile(r"(?:(?:한|했던|하던|나눈)\s*)?(?:통화|미팅|면담|상담|대화|얘기|이야기|회의|만나|만난|만났|같이|함께)")
# "다이제스트에 실적이랑 뉴스만 넣어줘": items of one list, put in or left out together.
_ITEM_LIST_TAIL = re.compile(r"^(?:[가-힣A-Za-z]+\s+){0,2}?[가-힣A-Za-z]+?(?:만|도|까지|은|는)?\s*(?:넣|빼|추가|받|보내|포함|제외|켜|꺼)")


def conjunction_splits(text: str) -> list[tuple[str, str]]:
    """Candidate (head, tail) splits of `text` at a conjunction, left to right."""
    if _COMPARISON.search(text):
        return []
    out = []
    for m in _CONJUNCTION.finditer(text):
        head, tail = text[: m.start()].strip(" ,"), text[m.end():].strip(" ,")
        joined_by_and = m.group(0).strip() in ("이랑", "랑", "하고")
        if len(head) >= 2 and len(tail) >= 2 and not (joined_by_and and (_WITH_WHOM.match(tail) or _ITEM_LIST_TAIL.match(tail))):
            out.append((head, tail))
    return out
