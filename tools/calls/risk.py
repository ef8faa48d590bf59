"""Legal-risk flags on a call: every compliance category of the documents checker
(tools.documents.compliance) on what the rep said, each with the quoted line, its time in
the call and the rule; `adverse_event` (and `personal_data`) also on what the other party
said — a doctor reporting a patient's side effect must be passed to pharmacovigilance."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass

from tools.calls.roles import REP
from tools.calls.utterances import Utterance, clock
from tools.documents.compliance import CATEGORY_LABELS, ComplianceConfig, check_text
from tools.documents.compliance.masking import mask_personal_data

CUSTOMER_CATEGORIES = {"adverse_event", "personal_data"}
PERSONAL_DATA_REWRITE = ("통화 중 환자·보호자의 이름, 연락처, 주민등록번호는 말하거나 받아 적지 말고, "
                         "필요하면 이니셜·연령대·성별만 기록하세요. 녹취와 분석에는 가려서 저장했습니다.")


@dataclass
class CallRisk:
    category: str
    label: str
    quote: str  # masked
    at_s: float
    at: str
    speaker_role: str
    rule: str
    message: str
    rewrite: str
    source: str

    def to_json(self) -> dict:
        return asdict(self)


def call_risks(utterances: list[Utterance], config: ComplianceConfig | None = None) -> list[CallRisk]:
    # one check over the whole call (one line per utterance), so the classifier runs once
    spoken = [u for u in utterances if u.text.strip()]
    if not spoken:
        return []
    offsets, cursor = [], 0
    for u in spoken:
        offsets.append(cursor)
        cursor += len(u.text) + 1
    risks: list[CallRisk] = []
    for f in check_text("\n".join(u.text for u in spoken), config):
        index = bisect_right(offsets, f.start) - 1
        u = spoken[index]
        if u.role != REP and f.category not in CUSTOMER_CATEGORIES:
            continue  # a doctor's own words are not the rep's promotion
        start, end = f.start - offsets[index], f.end - offsets[index]
        at = u.time_at(start)
        quote = mask_personal_data(_sentence_around(u.text, start, end))[0]
        rewrite = PERSONAL_DATA_REWRITE if f.category == "personal_data" else mask_personal_data(f.rewrite)[0]
        risks.append(CallRisk(f.category, CATEGORY_LABELS[f.category], quote, round(at, 2), clock(at), u.role,
                              f.rule, f.message, rewrite, f.source))
    return risks


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding the finding (findings quote the trigger; reps want the line)."""
    left = max(text.rfind(p, 0, start) for p in ".?!\n")
    right = [i for i in (text.find(p, end) for p in ".?!\n") if i >= 0]
    return text[left + 1:(min(right) + 1) if right else len(text)].strip()
