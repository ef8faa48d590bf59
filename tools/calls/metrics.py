"""Talk metrics as call-analytics products show them (DOMAIN.md "Call analytics"): the rep's
share of talk time, the longest monologue, questions asked by each side, interruptions, and
mentions of products, competitors and prices."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise

from tools.calls.mentions import competitor_mentions, count_terms, price_mentions
from tools.calls.roles import CUSTOMER, REP
from tools.calls.utterances import Utterance

# A sentence is a question when it ends in "?" or in a Korean interrogative ending (speech to
# text often drops the "?").
_QUESTION = re.compile(r"(\?|(?<!니)까요|나요|(?<!거)가요|습니까|는지요|던가요|을까|인가|겠어요\?|죠\?)[\s.!…]*$")
# A turn cut short ("그래서 제가—", "그게…") and taken over counts as an interruption.
_CUT_OFF = re.compile(r"(—|–|-{1,2}|…|\.\.\.)\s*$")
OVERLAP_S = 0.3  # a turn that starts this much before the other speaker stopped interrupts
HIGH_TALK_RATIO = 0.65  # DOMAIN.md: outcomes worsen above ~65% seller talk


@dataclass
class TalkMetrics:
    talk_ratio: float | None  # rep talk time / (rep + customer talk time)
    rep_talk_s: float
    customer_talk_s: float
    longest_monologue_s: float
    longest_monologue_at: float
    questions: dict[str, int]
    interruptions: dict[str, int]
    product_mentions: dict[str, int] = field(default_factory=dict)
    competitor_mentions: dict[str, int] = field(default_factory=dict)
    price_mentions: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def is_question(sentence: str) -> bool:
    return bool(_QUESTION.search(sentence.strip()))


def _longest_monologue(utterances: list[Utterance]) -> tuple[float, float]:
    best, best_at = 0.0, 0.0
    run_start: float | None = None
    run_end = 0.0
    for u in utterances:
        if u.role == REP:
            if run_start is None:
                run_start = u.start
            run_end = max(run_end, u.end)
            if run_end - run_start > best:
                best, best_at = run_end - run_start, run_start
        elif u.role == CUSTOMER:
            run_start, run_end = None, 0.0
    return best, best_at


def _interruptions(utterances: list[Utterance]) -> dict[str, int]:
    counts = {REP: 0, CUSTOMER: 0}
    known = [u for u in utterances if u.role in counts]
    for prev, cur in pairwise(known):
        if cur.role == prev.role:
            continue
        if cur.start < prev.end - OVERLAP_S or _CUT_OFF.search(prev.text):
            counts[cur.role] += 1
    return counts


def talk_metrics(utterances: list[Utterance], product_forms: dict[str, list[str]]) -> TalkMetrics:
    rep_s = sum(u.duration for u in utterances if u.role == REP)
    customer_s = sum(u.duration for u in utterances if u.role == CUSTOMER)
    longest, longest_at = _longest_monologue(utterances)
    questions = {REP: 0, CUSTOMER: 0}
    for u in utterances:
        if u.role in questions:
            questions[u.role] += sum(is_question(s) for s in u.sentences())
    texts = [u.text for u in utterances]
    return TalkMetrics(
        talk_ratio=round(rep_s / (rep_s + customer_s), 4) if rep_s + customer_s > 0 else None,
        rep_talk_s=round(rep_s, 2), customer_talk_s=round(customer_s, 2),
        longest_monologue_s=round(longest, 2), longest_monologue_at=round(longest_at, 2),
        questions=questions, interruptions=_interruptions(utterances),
        product_mentions=count_terms(texts, product_forms),
        competitor_mentions=competitor_mentions(texts), price_mentions=price_mentions(texts))
