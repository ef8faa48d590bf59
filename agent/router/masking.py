"""Entity masking for the intent classifier: every name of the slot filler's lexicon becomes a
placeholder of its kind ("발사렉스 용량 어떻게 써?" → "⟨제품⟩ 용량 어떻게 써?"; other companies → "⟨회사⟩"), in training and
at inference, so which product, team, rep or region a line names is no feature of its intent.
Spans are claimed as the slot filler claims them (longest first, by slot order); only the
classifier's input is masked, the slot filler reads the original text."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Callable

from agent.router.companies import fingerprint as companies_fingerprint, mask_companies

# Kinds that name one thing among many; the others (유형, 채널, 치료 영역) say what is asked.
# Account names stay: masked as ⟨거래처⟩ they made every line naming a hospital a client_profile
# question ("오늘 갈 곳 순서 정해주고 영등포중앙병원 거래처 카드도", heldout_v6 1.000 → 0.989), and
# their own endings (병원, 약국) already generalise over names.
PLACEHOLDERS = {"product": "⟨제품⟩", "ingredient": "⟨제품⟩", "team": "⟨팀⟩", "rep": "⟨담당자⟩", "region": "⟨지역⟩"}
_SKIPPED = re.compile(r"[\s·.\-_/,()]")  # what `slots.norm` removes


def _normalized(text: str) -> tuple[str, list[int]]:
    """`slots.norm(text)` and, per character of it, its index in `text`."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if _SKIPPED.match(ch):
            continue
        for low in ch.lower():
            chars.append(low)
            index.append(i)
    return "".join(chars), index


def _word_bound(text: str, begin: int, finish: int, length: int) -> bool:
    """A short name, or one read across a space, starts a word: "변경 기록" holds no 경기."""
    if length > 2 and not any(ch.isspace() for ch in text[begin:finish]):
        return True
    return begin == 0 or not text[begin - 1].isalnum()


class EntityMasker:
    """Built once from the slot filler's (key, slot, surface) entries, longest first."""

    def __init__(self, entries: list[tuple[str, str, str]], accept: Callable[[str, str, str, int], bool]):
        self._entries = entries
        self._accept = accept
        self._by_bigram: dict[str, list[int]] = defaultdict(list)  # only entries a text can hold are tried
        self._short: list[int] = []
        for rank, (key, _, _) in enumerate(entries):
            (self._by_bigram[key[:2]] if len(key) >= 2 else self._short).append(rank)
        lexicon = ("\n".join(f"{k}\t{s}" for k, s, _ in entries) + repr(sorted(PLACEHOLDERS.items()))
                   + companies_fingerprint())
        self.fingerprint = hashlib.sha256(lexicon.encode()).hexdigest()[:16]  # keys the model cache

    def mask(self, text: str) -> str:
        """Our entities by kind, then other companies' names (agent/router/companies.py)."""
        return mask_companies(self._mask_entities(text))

    def _mask_entities(self, text: str) -> str:
        norm, index = _normalized(text)
        ranks = set(self._short)
        for i in range(len(norm) - 1):
            ranks.update(self._by_bigram.get(norm[i:i + 2], ()))
        if not ranks:
            return text
        taken = [False] * len(norm)
        spans: list[tuple[int, int, str]] = []
        for rank in sorted(ranks):
            key, slot, _ = self._entries[rank]
            start = norm.find(key)
            while start >= 0:
                end = start + len(key)
                claimed = (not any(taken[start:end]) and self._accept(slot, key, norm, end)
                           and _word_bound(text, index[start], index[end - 1] + 1, len(key)))
                if claimed:
                    taken[start:end] = [True] * len(key)
                    if slot in PLACEHOLDERS:
                        spans.append((index[start], index[end - 1] + 1, PLACEHOLDERS[slot]))
                start = norm.find(key, end if claimed else start + 1)
        out, last = [], 0
        for begin, finish, token in sorted(spans):
            out += [text[last:begin], token]
            last = finish
        return "".join(out) + text[last:]
