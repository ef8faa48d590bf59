"""Analyse one call from its segments: roles, talk metrics, sentiment, legal risks, requests,
next steps and a summary — pure (no database), so a one-hour transcript takes seconds and
the same code serves uploads, pasted transcripts and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tools.calls.followups import customer_requests, next_steps
from tools.calls.metrics import talk_metrics
from tools.calls.mood import analyse_mood
from tools.calls.risk import call_risks
from tools.calls.summary import summarize
from tools.calls.transcripts import Segment
from tools.calls.utterances import to_utterances
from tools.documents.compliance import ComplianceConfig
from tools.documents.compliance.masking import mask_personal_data

ANALYSIS_VERSION = 1


@dataclass
class CallAnalysis:
    version: int
    duration_s: float
    role_method: str
    times_estimated: bool
    engine: str
    utterances: list[dict]
    metrics: dict
    sentiment: dict
    risks: list[dict]
    requests: list[dict]
    next_steps: list[dict]
    summary: list[str]
    masked_items: int
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "extra"} | self.extra

    def masked_transcript(self) -> str:
        from tools.calls.utterances import clock

        return "\n".join(f"[{clock(u['start'])}] {u['speaker'] or u['role_label']}: {u['text']}" for u in self.utterances)


def analyse(segments: list[Segment], *, call_day: date, product_forms: dict[str, list[str]],
            compliance: ComplianceConfig | None = None, times_estimated: bool = False,
            engine: str = "transcript") -> CallAnalysis:
    from tools.calls import texts
    from tools.calls.roles import CUSTOMER, REP

    utterances, role_method = to_utterances(segments)
    metrics = talk_metrics(utterances, product_forms)
    mood = analyse_mood(utterances)
    risks = call_risks(utterances, compliance)
    risky = {r.quote for r in risks}
    # a promise that is itself a risk ("챙겨드릴게요") is flagged, never listed as a to-do
    steps = [st for st in next_steps(utterances, call_day) if mask_personal_data(st.what)[0] not in risky]
    requests = customer_requests(utterances)
    summary = summarize(utterances, metrics, steps)

    masked_total = 0
    rows = []
    role_labels = {REP: texts.ROLE_REP, CUSTOMER: texts.ROLE_CUSTOMER}
    for u, score in zip(utterances, mood.scores):
        text, n = mask_personal_data(u.text)
        masked_total += n
        rows.append({"i": u.index, "start": round(u.start, 2), "end": round(u.end, 2), "role": u.role,
                     "role_label": role_labels.get(u.role, texts.ROLE_UNKNOWN), "speaker": u.speaker,
                     "text": text, "sentiment": score})

    def masked(items: list, attr: str) -> list[dict]:
        out = []
        for item in items:
            row = item.to_json()
            row[attr] = mask_personal_data(row[attr])[0]
            out.append(row)
        return out

    return CallAnalysis(
        version=ANALYSIS_VERSION,
        duration_s=round(max((u.end for u in utterances), default=0.0), 2),
        role_method=role_method, times_estimated=times_estimated, engine=engine,
        utterances=rows, metrics=metrics.to_json(),
        sentiment={"customer": mood.customer, "rep": mood.rep, "label": mood.label,
                   "turns": [t.to_json() | {"quote": mask_personal_data(t.quote)[0]} for t in mood.turns],
                   "model": mood.model},
        risks=[r.to_json() for r in risks],
        requests=masked(requests, "text"), next_steps=masked(steps, "what"),
        summary=[mask_personal_data(line)[0] for line in summary],
        masked_items=masked_total)
