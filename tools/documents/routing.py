"""Offline-router argument hints for the draft_* and compliance_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots, name_filters

_LEAD = re.compile(r"^.*?(?:점검|검사|확인|체크|봐|check)[^:：]*[:：]\s*", re.IGNORECASE)


def compliance_args(tool: str, slots: Slots) -> dict:
    text = slots.after_colon or (slots.quoted[0] if slots.quoted else None)
    if not text:
        stripped = re.sub(r"\s*(이\s*문장|이거|이\s*문서)?\s*(컴플라이언스|규정|리베이트)?\s*(위반)?\s*(없는지|아닌지|괜찮아|점검|검사|확인|체크).*$",
                          "", slots.text).strip()
        text = stripped or None
    return {"text": text} if text else {}


_PEOPLE = re.compile(r"(\d{1,3})\s*명")
_PER_PERSON = re.compile(r"1?인당\s*([\d,.]+\s*(?:만|천)?\s*원?)")


def draft_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    if tool == "draft_briefing_plan":
        from tools.documents.compliance.amounts import parse_amounts

        people = _PEOPLE.search(slots.text)
        if people:
            args["attendees"] = int(people.group(1))
        per = [a.value for a in parse_amounts(slots.text) if a.per_person]
        if per:
            args["food_per_person"] = per[0]
        if slots.after_colon:
            args["topic"] = slots.after_colon
        return args
    if slots.after_colon:
        args["notes"] = slots.after_colon
    if slots.entities.get("product"):
        args["products"] = slots.entities["product"]
    return args


def export_args(tool: str, slots: Slots) -> dict:
    return {}


def revise_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    args["instruction"] = slots.text.strip()
    return args
