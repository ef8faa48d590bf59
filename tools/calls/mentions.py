"""What a call mentions: our products (the catalog), competitors (data/competitors.yml and
generic phrases), prices."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

COMPETITORS_FILE = Path(__file__).parent / "data" / "competitors.yml"
_GENERIC_COMPETITOR = re.compile(r"(경쟁\s*사|타사|[A-Z]사(?![가-힣])|경쟁\s*(?:제품|약)|다른\s*회사\s*(?:제품|약)?|오리지널)")
_PRICE = re.compile(r"(\d[\d,]*(?:\.\d+)?\s*(?:만\s*)?원|\d+\s*(?:천|백)\s*원|약가|가격|단가)")


@lru_cache(maxsize=4)
def competitor_names(path: Path = COMPETITORS_FILE) -> tuple[str, ...]:
    groups = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(sorted({str(n) for names in groups.values() for n in (names or [])}, key=len, reverse=True))


def count_terms(texts: list[str], names: dict[str, list[str]]) -> dict[str, int]:
    """Mentions per display name; `names` maps a display name to the forms people say."""
    counts: Counter[str] = Counter()
    for text in texts:
        for display, forms in names.items():
            pattern = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True) if f)
            if pattern:
                counts[display] += len(re.findall(pattern, text))
    return {k: v for k, v in counts.most_common() if v}


def competitor_mentions(texts: list[str]) -> dict[str, int]:
    counts = Counter(count_terms(texts, {n: [n] for n in competitor_names()}))
    for text in texts:
        for m in _GENERIC_COMPETITOR.finditer(text):
            counts[re.sub(r"\s+", " ", m.group(1))] += 1
    return dict(counts.most_common())


def price_mentions(texts: list[str]) -> int:
    return sum(len(_PRICE.findall(t)) for t in texts)
