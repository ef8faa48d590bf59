"""Is a message a pasted call transcript? (light: the router asks on every turn)"""

from __future__ import annotations

import re
from collections import Counter

_LABELLED_LINE = re.compile(r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?([^\s:：]{1,12}(?:\s[^\s:：]{1,8})?)\s*[:：]\s*\S", re.MULTILINE)
MIN_LABELLED_LINES = 3
# "다음 녹취록 분석해줘: 담당자: … 원장: …" on one line: two role labels after a word for a call
_ROLE_LABEL = re.compile(r"(?:^|[\s.,!?~])(담당자|MR|엠알|영업사원|의사|원장님?|교수님?|약사님?|과장님?|부장님?|고객|선생님|doctor|rep)\s*[:：]", re.I)
_CALL_WORD = re.compile(r"녹취|통화|대화|transcript|call", re.I)


def looks_like_transcript(text: str | None) -> bool:
    """At least three "화자: 말" lines by at least two speakers, one of them speaking twice —
    a form ("제목: …, 내용: …, 태그: …") names each field once."""
    if not text:
        return False
    labels = Counter(m.group(1).strip() for m in _LABELLED_LINE.finditer(text))
    if sum(labels.values()) >= MIN_LABELLED_LINES and len(labels) >= 2 and max(labels.values()) >= 2:
        return True
    roles = list(_ROLE_LABEL.finditer(text))
    return (len({m.group(1).lower() for m in roles}) >= 2
            and _CALL_WORD.search(text[: roles[0].start()]) is not None)


def as_lines(text: str) -> str:
    """One "화자: 말" per line: a transcript pasted on one line gets a break before each role
    label (a multi-line paste is unchanged)."""
    if sum(1 for _ in _LABELLED_LINE.finditer(text)) >= MIN_LABELLED_LINES:
        return text
    return _ROLE_LABEL.sub(lambda m: "\n" + m.group(0).lstrip(" .,!?~"), text).lstrip("\n")
