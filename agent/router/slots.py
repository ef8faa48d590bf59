"""Slot filling from the database's own vocabulary (names as users say them) and Korean
date phrases. Longest names win; a span taken by one slot (팀 "서울1팀") is not reused by
another (지역 "서울"). Typos in product and account names fall back to fuzzy matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

# Slot order matters: earlier slots claim their span first.
ENTITY_SLOTS = ("team", "account", "product", "ingredient", "rep", "therapeutic_area",
                "account_type", "region", "channel")

_SELF_WORDS = {"나", "내", "본인", "저", "제"}
_GENERIC_TYPES = {"병원", "의원", "약국", "도매", "클리닉", "로컬"}
_ACCOUNT_SUFFIX = re.compile(r"^[가-힣A-Za-z0-9]{1,20}(?:대학교병원|대병원|병원|의원|약국|클리닉|약품|팜|메디컬)$")
_PARTICLES = re.compile(r"(?:으로는|에서는|에서|으로|로는|로|은|는|이|가|을|를|의|도|만|과|와|랑|이랑|께|에|요)$")

_YEAR = r"(?:\d{4}\s*년|올해|금년|작년|지난\s*해|지난해|재작년|전년)"
PERIOD_PATTERNS = [
    r"\d{4}\s*[-./년]\s*\d{1,2}\s*월?\s*(?:~|부터|to)\s*(?:\d{4}\s*[-./년]\s*)?\d{1,2}\s*월?(?:\s*까지)?",
    r"(?:작년|전년|지난\s*해|지난해)\s*(?:같은\s*기간|동기|동월|같은\s*달)|전년\s*동기",
    r"(?:최근|지난|last|past)\s*\d{1,2}\s*(?:개월|달|months?)",
    r"이번\s*달|이달|당월|금월|this\s+month|mtd",
    r"지난\s*달|전월|저번\s*달|last\s+month|previous\s+month",
    r"이번\s*분기|당분기|금분기|this\s+quarter|qtd",
    r"지난\s*분기|전분기|직전\s*분기|저번\s*분기|last\s+quarter",
    r"\d{4}\s*-?\s*q[1-4]|q[1-4]\s*\d{4}",
    rf"(?:{_YEAR}\s*)?(?:[1-4]\s*분기|q[1-4])",
    rf"(?:{_YEAR}\s*)?(?:상반기|하반기|h1|h2)",
    r"연초\s*(?:부터|이후)?|올해\s*누적|누계|ytd|year\s+to\s+date",
    r"\d{4}\s*[-./]\s*\d{1,2}(?!\d)",
    rf"(?:{_YEAR}\s*)?\d{{1,2}}\s*월",
    r"\d{4}\s*년|올해|금년|작년|지난해|재작년|this\s+year|last\s+year",
]
_PERIOD_RE = re.compile("|".join(f"(?:{p})" for p in PERIOD_PATTERNS), re.IGNORECASE)
LAST_YEAR_SAME = re.compile(r"(?:작년|전년|지난\s*해|지난해)\s*(?:같은\s*기간|동기|동월|같은\s*달)|전년\s*동기")


def norm(text: str) -> str:
    return re.sub(r"[\s·.\-_/,()]+", "", text.lower())


def strip_particles(token: str) -> str:
    token = token.strip(" ?!.,~'\"")
    stripped = _PARTICLES.sub("", token)
    return stripped if len(stripped) >= 2 else token


@dataclass
class Slots:
    entities: dict[str, str] = field(default_factory=dict)
    period: str | None = None
    last_year_same: bool = False
    numbers: list[int] = field(default_factory=list)
    top_n: int | None = None
    quoted: list[str] = field(default_factory=list)
    after_colon: str | None = None
    text: str = ""

    def get(self, name: str) -> str | None:
        return self.entities.get(name)


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
        self._accounts = vocabulary.get("account", [])
        self._account_norm = [norm(a) for a in self._accounts]

    def extract(self, text: str) -> Slots:
        slots = Slots(text=text)
        body = text
        m = re.search(r"[:：]\s*(.+)$", text, re.S)
        if m and len(m.group(1).strip()) >= 2:
            slots.after_colon = m.group(1).strip()
            body = text[: m.start()]
        slots.quoted = [q.strip() for q in re.findall(r"[\"'“‘「『]([^\"'”’」』]{1,200})[\"'”’」』]", text)]
        period = _PERIOD_RE.search(body)
        if period:
            slots.period = re.sub(r"\s+", " ", period.group(0)).strip()
            slots.last_year_same = bool(LAST_YEAR_SAME.fullmatch(slots.period))
        self._entities(body, slots)
        slots.numbers = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,3})(?![\d.])", body)]
        top = re.search(r"(?:top|상위|하위|베스트|워스트|worst|best)\s*(\d{1,3})|(\d{1,3})\s*(?:개|곳|군데|명|위)", body, re.I)
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
        if slot == "rep" and key in _SELF_WORDS:
            return False
        return True

    def _tokens(self, body: str) -> list[str]:
        return [strip_particles(t) for t in re.split(r"[\s,?!.]+", body) if t]

    def _fuzzy_product(self, body: str, slots: Slots) -> None:
        if not self._products:
            return
        for token in self._tokens(body):
            if len(token) < 3 or re.fullmatch(r"[\d\s]+", token):
                continue
            hit = process.extractOne(norm(token), [norm(p) for p in self._products], scorer=fuzz.ratio,
                                     score_cutoff=80)
            if hit:
                slots.entities["product"] = self._products[hit[2]]
                return

    def _fuzzy_account(self, body: str, slots: Slots) -> None:
        for token in self._tokens(body):
            if not _ACCOUNT_SUFFIX.match(token) or token in _GENERIC_TYPES or token in ("대학병원", "종합병원"):
                continue
            hit = process.extractOne(norm(token), self._account_norm, scorer=fuzz.ratio, score_cutoff=85)
            slots.entities["account"] = self._accounts[hit[2]] if hit else token
            return
