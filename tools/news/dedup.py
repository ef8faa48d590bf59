"""Syndication: the same story from several outlets is one item. Two articles are the same
story when they share a link/originallink, or their normalised titles are near-identical
(character-bigram Jaccard ≥ 0.6 or one title contains the other)."""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"^\s*(?:[\[\(【<][^\]\)】>]{0,12}[\]\)】>]\s*)+")  # [단독], (종합), 【속보】
_TAIL = re.compile(r"\s*[-|–]\s*[^-|–]{1,20}$")  # " - 연합뉴스"
_NON_WORD = re.compile(r"[^0-9a-z가-힣]+")
THRESHOLD = 0.6


def title_key(title: str) -> str:
    text = _BRACKETS.sub("", title.lower())
    text = _TAIL.sub("", text)
    return _NON_WORD.sub("", text)[:500]


def bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 2] for i in range(len(key) - 1)) or frozenset({key})


def same_story(a: str, b: str, grams_a: frozenset[str] | None = None, grams_b: frozenset[str] | None = None) -> bool:
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 12 and (a in b or b in a)):
        return True
    if min(len(a), len(b)) / max(len(a), len(b)) < 0.5:
        return False
    ga, gb = grams_a or bigrams(a), grams_b or bigrams(b)
    return len(ga & gb) / len(ga | gb) >= THRESHOLD


def normalise_url(url: str) -> str:
    url = url.strip()
    url = re.sub(r"^https?://(www\.|m\.)?", "", url)
    return url.rstrip("/")[:1000]
