"""Slot filling from the database's own vocabulary (names as users say them) and period
phrases, found with the grammar the tools parse them with (tools/common/periods.py).
Longest names win; a span taken by one slot (팀 "서울1팀") is not reused by another
(지역 "서울"). Typos in product and account names fall back to fuzzy matching."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from agent.router.masking import EntityMasker
from tools.common.entities import jamo
from tools.common.periods import compares_with_last_year, extract_period
from tools.common.slots import Slots

# Slot order matters: earlier slots claim their span first.
ENTITY_SLOTS = ("team", "account", "product", "ingredient", "rep", "therapeutic_area",
                "account_type", "region", "channel")

_SELF_WORDS = {"나", "내", "본인", "저", "제"}
_GENERIC_TYPES = {"병원", "의원", "약국", "도매", "클리닉", "로컬"}
_ACCOUNT_KINDS = "대학교병원|대병원|병원|의원|약국|클리닉|약품|팜|메디컬"
_ACCOUNT_SUFFIX = re.compile(rf"^[가-힣A-Za-z0-9]{{1,20}}(?:{_ACCOUNT_KINDS})$")
_ACCOUNT_KIND = re.compile(rf"(?:{_ACCOUNT_KINDS})$")
_PARTICLES = re.compile(r"(?:으로는|에서는|에서|으로|로는|로|은|는|이|가|을|를|의|도|만|과|와|랑|이랑|께|에|요)$")


def norm(text: str) -> str:
    return re.sub(r"[\s·.\-_/,()]+", "", text.lower())


def strip_particles(token: str) -> str:
    token = token.strip(" ?!.,~'\"")
    stripped = _PARTICLES.sub("", token)
    return stripped if len(stripped) >= 2 else token


def _same_distinctive_part(said: str, name: str) -> bool:
    """A typo, not another account: "한을대학교병원" is 한울대학교병원, but "한성대학교병원" is
    neither 대한대학교병원 (the whole names are 86% alike: the shared 대학교병원 says
    nothing) nor 한울대학교병원. The parts before the kind of account, split into Hangul
    letters, may differ by one letter in five."""
    said_stem, name_stem = (jamo(_ACCOUNT_KIND.sub("", n)) for n in (said, name))
    return Levenshtein.distance(said_stem, name_stem) <= max(1, len(name_stem) // 5)


class SlotFiller:
    def __init__(self, vocabulary: dict[str, list[str]]):
        entries: list[tuple[str, str, str]] = []
        for slot in ENTITY_SLOTS:
            for surface in vocabulary.get(slot, []):
                key = norm(surface)
                if len(key) >= 2 or slot == "channel":
                    entries.append((key, slot, surface))
        # longest first, then by slot order
        order = {s: i for i, s in enumerate(ENTITY_SLOTS)}
        entries.sort(key=lambda e: (-len(e[0]), order[e[1]]))
        self._entries = entries
        self._products = [s for s in vocabulary.get("product", []) if len(norm(s)) >= 2]
        self._product_norm = [norm(p) for p in self._products]  # once, not per token of every turn
        self._accounts = vocabulary.get("account", [])
        self._account_norm = [norm(a) for a in self._accounts]
        self.masker = EntityMasker(entries, self._accept)  # the classifier's input, same lexicon

    def extract(self, text: str) -> Slots:
        slots = Slots(text=text)
        body = text
        m = re.search(r"[:：]\s*(.+)$", text, re.DOTALL)
        if m and len(m.group(1).strip()) >= 2:
            slots.after_colon = m.group(1).strip()
            body = text[: m.start()]
        slots.quoted = [q.strip() for q in re.findall(r"[\"'“‘「『]([^\"'”’」』]{1,200})[\"'”’」』]", text)]
        slots.period = extract_period(body)
        slots.last_year_same = compares_with_last_year(slots.period)
        self._entities(body, slots)
        if "account" not in slots.entities and slots.after_colon:
            self._leading_account(slots.after_colon, slots)
        slots.numbers = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,3})(?![\d.])", body)]
        top = re.search(r"(?:top|상위|하위|베스트|워스트|worst|best)\s*(\d{1,3})|(\d{1,3})\s*(?:개(?!월)|곳|군데|명|위|건)", body, re.IGNORECASE)
        if top:
            slots.top_n = int(top.group(1) or top.group(2))
        return slots

    def _entities(self, body: str, slots: Slots) -> None:
        text = norm(body)
        taken = [False] * len(text)
        for key, slot, surface in self._entries:
            if slot in slots.entities:
                continue
            start = text.find(key)
            while start >= 0:
                end = start + len(key)
                if not any(taken[start:end]) and self._accept(slot, key, text, end):
                    slots.entities[slot] = surface
                    for i in range(start, end):
                        taken[i] = True
                    break
                start = text.find(key, start + 1)
        if "product" not in slots.entities and "ingredient" not in slots.entities:
            self._fuzzy_product(body, slots)
        if "account" not in slots.entities:
            self._fuzzy_account(body, slots)

    @staticmethod
    def _accept(slot: str, key: str, text: str, end: int) -> bool:
        nxt = text[end:end + 1]
        if slot == "account_type" and key in _GENERIC_TYPES and nxt == "별":
            return False  # "병원별" asks for a grouping, not a filter
        return not (slot == "rep" and key in _SELF_WORDS)

    def _tokens(self, body: str) -> list[str]:
        return [strip_particles(t) for t in re.split(r"[\s,?!.]+", body) if t]

    def _fuzzy_product(self, body: str, slots: Slots) -> None:
        if not self._products:
            return
        for token in self._tokens(body):
            if len(token) < 3 or re.fullmatch(r"[\d\s]+", token):
                continue
            hit = process.extractOne(norm(token), self._product_norm, scorer=fuzz.ratio,
                                     score_cutoff=80)
            if hit:
                slots.entities["product"] = self._products[hit[2]]
                return

    def _leading_account(self, rest: str, slots: Slots) -> None:
        """"방문 보고서 써줘: 한성대학교병원 김 교수님 면담…": the account the notes open with."""
        first = self._tokens(rest[:40])[:1]
        if not first:
            return
        key = norm(first[0])
        exact = next((surface for k, slot, surface in self._entries if slot == "account" and k == key), None)
        if exact:
            slots.entities["account"] = exact
        else:
            self._fuzzy_account(first[0], slots)

    def _fuzzy_account(self, body: str, slots: Slots) -> None:
        for token in self._tokens(body):
            if not _ACCOUNT_SUFFIX.match(token) or token in _GENERIC_TYPES or token in ("대학병원", "종합병원"):
                continue
            hits = process.extract(norm(token), self._account_norm, scorer=fuzz.ratio, score_cutoff=85, limit=5)
            hit = next((h for h in hits if _same_distinctive_part(norm(token), h[0])), None)
            slots.entities["account"] = self._accounts[hit[2]] if hit else token
            return
