"""Turn an intent and its slots into tool-call arguments: each capability's manifest names
its argument hints (`tools/<name>/routing.py`) and the questions asked when a required
argument is missing; nothing here knows a tool."""

from __future__ import annotations

from tools.common.contract import resolve
from tools.common.slots import Slots
from tools.registry import find_spec, tool_specs


def build_args(intent: str, slots: Slots) -> dict:
    """Arguments for `intent`'s tool from the slots (before filtering by the tool's schema)."""
    found = find_spec(intent)
    if found is None or not found[1].hints:
        return {}
    cap, spec = found
    return resolve(cap.package, spec.hints)(intent, slots)


def missing_question(intent: str, args: dict) -> str | None:
    """A Korean question when a required argument is missing (the tool is not called)."""
    found = find_spec(intent)
    if found is None:
        return None
    for name, question in found[1].ask_when_missing:
        if args.get(name) in (None, ""):
            return question
    return None


def ranks_rows(intent: str) -> bool:
    """The intent's tool groups rows and can keep the top or bottom N of them."""
    found = find_spec(intent)
    return found is not None and {"group_by", "top_n", "order"} <= set(found[1].args.model_fields)


def not_inherited(intent: str) -> set[str]:
    """Arguments of an `intent` call that a follow-up with another tool does not carry over."""
    found = find_spec(intent)
    return set(found[1].not_inherited) if found else set()


def _routing_hook(intent: str, name: str):
    """The optional function `name` of the intent's capability routing module, or None."""
    found = find_spec(intent)
    if found is None:
        return None
    try:
        return resolve(found[0].package, f"routing:{name}")
    except (ImportError, AttributeError):
        return None


def followup_args(intent: str, previous: dict, args: dict, slots: Slots) -> dict:
    """`args` adjusted by the capability's own follow-up rule, when its routing module has one
    (`followup_args(tool, previous_call, args, slots)`, e.g. "차트로" after a product table)."""
    hook = _routing_hook(intent, "followup_args")
    return hook(intent, previous, args, slots) if hook else args


def redirected(intent: str, text: str) -> str:
    """`intent`, or the tool of the same capability its routing module says the text means
    (`redirect(tool, text)`, e.g. "거래처 순위" is a report, not the asker's standing)."""
    hook = _routing_hook(intent, "redirect")
    return (hook(intent, text) if hook else None) or intent


def claimed_by(text: str) -> str | None:
    """The tool whose manifest claims this message outright (e.g. a pasted transcript)."""
    for cap, spec in tool_specs():
        if spec.claims and resolve(cap.package, spec.claims)(text):
            return spec.name
    return None
