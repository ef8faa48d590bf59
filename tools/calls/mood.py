"""Sentiment per utterance and overall (the trained model in tools/calls/sentiment), and the
moments where the customer's mood turned."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from tools.calls import texts
from tools.calls.roles import CUSTOMER, REP
from tools.calls.utterances import Utterance, clock

POSITIVE_AT = 0.6
NEGATIVE_AT = 0.4
SMOOTHING = 2  # customer utterances averaged, so one short "네" does not make a turn


@dataclass
class MoodTurn:
    at: str
    at_s: float
    before: str
    after: str
    quote: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Mood:
    scores: list[float]  # P(positive), one per utterance
    customer: float | None
    rep: float | None
    label: str
    turns: list[MoodTurn] = field(default_factory=list)
    model: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def label_of(score: float | None) -> str:
    if score is None:
        return texts.MOOD_NEUTRAL
    return texts.MOOD_POSITIVE if score >= POSITIVE_AT else texts.MOOD_NEGATIVE if score <= NEGATIVE_AT else texts.MOOD_NEUTRAL


def _weighted(utterances: list[Utterance], scores: list[float], role: str) -> float | None:
    pairs = [(len(u.text), s) for u, s in zip(utterances, scores) if u.role == role]
    total = sum(w for w, _ in pairs)
    return round(sum(w * s for w, s in pairs) / total, 4) if total else None


def analyse_mood(utterances: list[Utterance]) -> Mood:
    from tools.calls.sentiment import model_description, predict_positive

    scores = [round(float(p), 4) for p in predict_positive([u.text for u in utterances])] if utterances else []
    customer = [(u, s) for u, s in zip(utterances, scores) if u.role == CUSTOMER]
    turns: list[MoodTurn] = []
    state: str | None = None
    for i in range(len(customer)):
        window = customer[max(0, i - SMOOTHING + 1):i + 1]
        smooth = sum(s for _, s in window) / len(window)
        now = label_of(smooth)
        if now == texts.MOOD_NEUTRAL:
            continue
        if state is not None and now != state:
            u = customer[i][0]
            turns.append(MoodTurn(clock(u.start), round(u.start, 2), state, now, u.text[:120]))
        state = now
    customer_score = _weighted(utterances, scores, CUSTOMER)
    return Mood(scores, customer_score, _weighted(utterances, scores, REP), label_of(customer_score), turns,
                model_description())
