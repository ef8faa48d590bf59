"""Who spoke: the rep or the other party (상대방), per turn.

From the transcript's labels when it has them ("MR:", "영업:", "의사:", "<v 약사>"); a label
that names neither side is decided by what that speaker says. Without labels (speech-to-text
without diarisation) each segment is classified on its own cues, and a segment with no cue
takes the opposite role of the segment before it (calls alternate between two people).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.calls.transcripts import Segment

REP, CUSTOMER, UNKNOWN = "rep", "customer", "unknown"

_REP_LABEL = re.compile(r"^(mr|rep|sales|담당|본인|나|저|me|agent)$|영업|^mr\b|^rep\b|담당자|sales", re.IGNORECASE)
_CUSTOMER_LABEL = re.compile(r"(의사|원장|교수|약사|약제|과장|부장|간호|선생|고객|상대|customer|doctor|dr\.?|pharmacist|"
                             r"구매|실장|이사|센터장|병원|의원|약국|client)", re.IGNORECASE)

# Cues of what a rep says on a detailing call, and of what a doctor or pharmacist says.
_REP_CUES = re.compile(r"(원장님|교수님|선생님|약사님|과장님|제약|영업사원|드리겠습니다|드릴게요|드릴까요|말씀드리|설명드리|"
                       r"자료를?\s*(?:가져|준비|드리)|샘플|견본|처방\s*(?:해\s*주|부탁)|저희\s*(?:제품|회사))")
_CUSTOMER_CUES = re.compile(r"(환자(?:분)?들?이|우리\s*(?:병원|약국|환자)|처방(?:해|할|하고)\s*(?:볼게|보죠|볼까|있어요|하는데)|"
                            r"써\s*보(?:죠|겠|ㄹ게|께)|쓰고\s*있|가져와\s*주|보내\s*주세요|알려\s*주세요|바빠서|다음\s*환자)")


@dataclass(frozen=True)
class RoleAssignment:
    roles: list[str]  # one per segment: rep | customer | unknown
    method: str  # labels | heuristic
    rep_labels: tuple[str, ...] = ()
    customer_labels: tuple[str, ...] = ()


def _label_role(label: str) -> str:
    text = label.strip().strip("<>").strip()
    if _REP_LABEL.search(text):
        return REP
    if _CUSTOMER_LABEL.search(text):
        return CUSTOMER
    return UNKNOWN


def _cue_score(text: str) -> int:
    """> 0 sounds like the rep, < 0 like the customer."""
    return len(_REP_CUES.findall(text)) - len(_CUSTOMER_CUES.findall(text))


def assign_roles(segments: list[Segment]) -> RoleAssignment:
    labels = [s.speaker.strip() if s.speaker else "" for s in segments]
    distinct = [lab for lab in dict.fromkeys(labels) if lab]
    if distinct:
        by_label = {lab: _label_role(lab) for lab in distinct}
        unknown = [lab for lab, role in by_label.items() if role == UNKNOWN]
        if unknown:  # e.g. "SPEAKER_1", "김민수": decide by what each of them says
            scores = {lab: sum(_cue_score(s.text) for s, l2 in zip(segments, labels) if l2 == lab) for lab in unknown}
            known_rep = REP in by_label.values()
            for lab in sorted(unknown, key=lambda x: -scores[x]):
                if not known_rep and scores[lab] >= 0:
                    by_label[lab], known_rep = REP, True
                else:
                    by_label[lab] = CUSTOMER
        roles = [by_label.get(lab, UNKNOWN) if lab else UNKNOWN for lab in labels]
        return RoleAssignment(roles, "labels",
                              tuple(lab for lab in distinct if by_label[lab] == REP),
                              tuple(lab for lab in distinct if by_label[lab] == CUSTOMER))
    roles: list[str] = []
    for segment in segments:
        score = _cue_score(segment.text)
        if score > 0:
            roles.append(REP)
        elif score < 0:
            roles.append(CUSTOMER)
        else:
            roles.append(CUSTOMER if roles and roles[-1] == REP else REP)
    return RoleAssignment(roles, "heuristic")
