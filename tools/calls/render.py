"""A stored call analysis as the Korean answer a rep reads."""

from __future__ import annotations

from tools.calls import texts
from tools.calls.utterances import clock
from tools.common.formatting import format_pct


def _mentions(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}회" for name, n in list(counts.items())[:4]) or "없음"


def render_analysis(analysis: dict, *, call_id: int, title: str, who: str) -> str:
    """The same text every time for a stored analysis (its notes are stored with it)."""
    m = analysis["metrics"]
    lines = [texts.HEADER.format(title=title or f"통화 #{call_id}", call_id=call_id, who=who), ""]
    lines.append(texts.SECTION_SUMMARY)
    lines += [f"• {line}" for line in analysis["summary"]] or ["• -"]
    lines += ["", texts.SECTION_METRICS]
    if m.get("talk_ratio") is not None:
        line = texts.TALK_RATIO.format(ratio=format_pct(m["talk_ratio"]))
        if m["talk_ratio"] > 0.65:
            line += texts.TALK_RATIO_HIGH
        lines.append(f"• {line}")
    lines.append("• " + texts.LONGEST.format(seconds=_duration(m["longest_monologue_s"]),
                                             at=clock(m["longest_monologue_at"])))
    lines.append("• " + texts.QUESTIONS.format(rep=m["questions"]["rep"], customer=m["questions"]["customer"]))
    lines.append("• " + texts.INTERRUPTIONS.format(rep=m["interruptions"]["rep"], customer=m["interruptions"]["customer"]))
    lines.append("• " + texts.MENTIONS.format(products=_mentions(m["product_mentions"]),
                                              competitors=_mentions(m["competitor_mentions"]),
                                              prices=m["price_mentions"]))
    s = analysis["sentiment"]
    lines += ["", texts.SECTION_SENTIMENT]
    if s.get("customer") is not None:
        lines.append("• " + texts.MOOD.format(label=s["label"], score=s["customer"]))
    lines += ["• " + texts.MOOD_TURN.format(**t) for t in s.get("turns", [])[:4]]
    lines += ["", texts.SECTION_RISKS]
    risks = analysis["risks"]
    lines += ["• " + texts.RISK_LINE.format(**r) for r in risks[:8]] or [f"• {texts.NO_RISKS}"]
    adverse = next((r for r in risks if r["category"] == "adverse_event"), None)
    if adverse:
        lines.append(f"   ❗ {adverse['message']}")
    lines += ["", texts.SECTION_REQUESTS]
    lines += [_request_line(r) for r in analysis["requests"][:6]] or [f"• {texts.NO_REQUESTS}"]
    lines += ["", texts.SECTION_NEXT]
    steps = analysis["next_steps"][:6]
    lines += [_step_line(st) for st in steps] or [f"• {texts.NO_NEXT}"]
    foot = list(analysis.get("notes", []))
    if analysis.get("masked_items"):
        foot.append(texts.MASKED_NOTE.format(n=analysis["masked_items"]))
    if analysis.get("times_estimated"):
        foot.append(texts.ESTIMATED_TIMES)
    if analysis.get("role_method") == "heuristic":
        foot.append(texts.ROLES_GUESSED)
    foot.append(texts.ENGINE_NOTE.format(engine=analysis.get("engine", "transcript"), sentiment=s.get("model", "")))
    lines += ["", *[f"_{n}_" for n in foot]]
    return "\n".join(lines)


def _request_line(request: dict) -> str:
    return "• " + texts.REQUEST_LINE.format(**request)


def _step_line(step: dict) -> str:
    who = texts.ROLE_REP if step["who"] == "rep" else texts.ROLE_CUSTOMER
    due = texts.DUE.format(date=step["due"]) if step.get("due") else ""
    return "• " + texts.NEXT_LINE.format(who=who, what=step["what"], due=due)


def render_stored(session, call) -> str:
    """A stored call's analysis (or its failure) as posted: who and title from the database."""
    from data.models import Rep

    if call.status == "failed" or not call.analysis:
        return texts.FAILED.format(call_id=call.id, error=call.error or "알 수 없는 오류")
    rep = session.get(Rep, call.rep_id)
    return render_analysis(call.analysis, call_id=call.id, title=call.title, who=f"{rep.name} 담당")


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}분 {seconds % 60}초" if seconds >= 60 else f"{seconds}초"


def render_brief(analysis: dict, *, call_id: int) -> str:
    """A call already posted in this thread, asked about again: the parts reps ask after
    (summary, the customer's requests, to-dos, risks) without repeating the whole analysis."""
    lines = [texts.ALREADY_POSTED.format(call_id=call_id)]
    lines += [f"• {line}" for line in analysis.get("summary", [])[:3]]
    requests = analysis.get("requests", [])[:4]
    if requests:
        lines += ["", texts.SECTION_REQUESTS] + [_request_line(r) for r in requests]
    steps = analysis.get("next_steps", [])[:4]
    if steps:
        lines += ["", texts.SECTION_NEXT] + [_step_line(st) for st in steps]
    risks = analysis.get("risks", [])
    if risks:
        lines += ["", texts.RISK_COUNT.format(n=len(risks), labels=", ".join(dict.fromkeys(r["label"] for r in risks)))]
    return "\n".join(lines)
