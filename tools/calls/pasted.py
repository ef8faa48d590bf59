"""Is a message a pasted call transcript? (light: the router asks on every turn)"""

from __future__ import annotations

import re
from collections import Counter

_LABELLED_LINE = re.compile(r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?([^\s:：]{1,12}(?:\s[^\s:：]{1,8})?)\s*[:：]\s*\S", re.MULTILINE)
MIN_LABELLED_LINES = 3


def looks_like_transcript(text: str | None) -> bool:
    """At least three "화자: 말" lines by at least two speakers, one of them speaking twice —
    a form ("제목: …, 내용: …, 태그: …") names each field once."""
    if not text:
        return False
    labels = Counter(m.group(1).strip() for m in _LABELLED_LINE.finditer(text))
    return sum(labels.values()) >= MIN_LABELLED_LINES and len(labels) >= 2 and max(labels.values()) >= 2
