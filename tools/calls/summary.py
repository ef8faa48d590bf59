"""An extractive summary of a call: what was detailed, what the customer asked, how it ended."""

from __future__ import annotations

import re

from tools.calls.followups import NextStep
from tools.calls.metrics import TalkMetrics, is_question
from tools.calls.roles import CUSTOMER, REP
from tools.calls.utterances import Utterance

_COMMIT = re.compile(r"(써\s*보|처방해\s*보|검토해\s*보|넣어\s*보|바꿔\s*보|쓰겠|처방하겠)")
_AGREE = re.compile(r"(좋네요|좋습니다|괜찮네요|그렇게\s*해\s*주세요|알겠어요)")
_OBJECT = re.compile(r"(안\s*쓰|어렵|필요\s*없|비싸|불만|곤란|바꿀\s*생각\s*없|글쎄요|별로)")


def _short(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def summarize(utterances: list[Utterance], metrics: TalkMetrics, steps: list[NextStep]) -> list[str]:
    lines: list[str] = []
    products = list(metrics.product_mentions)[:3]
    opener = next((u for u in utterances if u.role == REP and any(p in u.text for p in products)), None) if products else None
    if products:
        lines.append(f"다룬 제품: {', '.join(products)}" + (f" — {_short(opener.text)}" if opener else ""))
    questions = [s for u in utterances if u.role == CUSTOMER for s in u.sentences() if is_question(s)]
    if questions:
        lines.append("고객 질문: " + " / ".join(_short(q, 60) for q in questions[:3]))
    customer = [u for u in utterances if u.role == CUSTOMER]
    outcome = (next((u for u in reversed(customer) if _COMMIT.search(u.text)), None)
               or next((u for u in reversed(customer) if _AGREE.search(u.text)), None))
    objection = next((u for u in reversed(customer) if _OBJECT.search(u.text)), None)
    if outcome:
        lines.append(f"결과: {_short(outcome.text)}")
    elif objection:
        lines.append(f"결과(이의): {_short(objection.text)}")
    rep_steps = [s for s in steps if s.who == REP]
    if rep_steps:
        lines.append(f"후속 약속 {len(rep_steps)}건: {_short(rep_steps[-1].what, 70)}")
    if not lines and utterances:
        lines.append(_short(utterances[0].text))
    return lines
