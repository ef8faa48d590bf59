"""What the offline router extracted from a sentence (`Slots`), handed to each capability's
argument hints (`tools/<name>/routing.py`). Extraction itself lives in agent/router/slots.py;
the type lives here so that tools never import the agent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Slots:
    entities: dict[str, str] = field(default_factory=dict)  # slot → surface name as said
    period: str | None = None  # the period phrase found in the sentence
    last_year_same: bool = False
    numbers: list[int] = field(default_factory=list)
    top_n: int | None = None
    quoted: list[str] = field(default_factory=list)
    after_colon: str | None = None
    text: str = ""

    def get(self, name: str) -> str | None:
        return self.entities.get(name)


def first_match(pattern_values: list[tuple[str, object]], text: str, default: object = None) -> object:
    """The value of the first (regex, value) pair whose regex matches `text`."""
    for pattern, value in pattern_values:
        if re.search(pattern, text, re.I):
            return value
    return default


def name_filters(slots: Slots, names: tuple[str, ...]) -> dict:
    """The entity slots among `names` that were said ("product" also takes an ingredient)."""
    out = {n: slots.entities[n] for n in names if slots.entities.get(n)}
    if "product" in names and "product" not in out and slots.entities.get("ingredient"):
        out["product"] = slots.entities["ingredient"]
    return out


def scope_and_name(slots: Slots) -> dict:
    """forecast/anomaly style `scope` + `name` from the most specific entity said."""
    for scope, slot in (("account", "account"), ("product", "product"), ("product", "ingredient"),
                        ("rep", "rep"), ("team", "team")):
        if slots.entities.get(slot):
            return {"scope": scope, "name": slots.entities[slot]}
    return {}


REQUEST_WORDS = re.compile(r"(?:찾아\s*줘|찾아\s*주세요|검색해\s*줘|검색|알려\s*줘|알려\s*주세요|보여\s*줘|좀|요$|\?)")


def query_of(text: str) -> str:
    """A search query: the sentence without its request words ("찾아줘", "알려줘")."""
    cleaned = REQUEST_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", cleaned).strip() or text.strip()
