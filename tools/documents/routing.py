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


def _pdf_only(text: str) -> dict:
    """"pdf로" without "docx/워드": only the PDF."""
    if re.search(r"\bpdf\b|피디에프", text, re.IGNORECASE) and not re.search(r"docx|워드|word", text, re.IGNORECASE):
        return {"file_format": "pdf"}
    return {}


def monthly_args(tool: str, slots: Slots) -> dict:
    args: dict = {}
    if slots.period:
        args["month"] = slots.period
    if slots.after_colon:
        args["notes"] = slots.after_colon
    args.update(_pdf_only(slots.text))
    return args


_QTY_ITEM = re.compile(r"(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9]*(?:\s+\d+(?:\.\d+)?(?:/\d+)?\s*(?:mg|mcg|g|ml))?)\s*"
                       r"(?P<qty>\d[\d,]*)\s*(?:박스|box(?:es)?|갑|통|개)", re.IGNORECASE)


def quotation_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    found = [f"{m.group('name').strip()} {m.group('qty')}박스" for m in _QTY_ITEM.finditer(slots.text)
             if m.group("name").strip() not in (args.get("account"), "견적", "견적서")]
    if found:
        args["items"] = ", ".join(found)
    elif slots.entities.get("product"):
        args["items"] = slots.entities["product"]
    args.update(_pdf_only(slots.text))
    return args


_SUBJECT = re.compile(r"제목\s*[:：은는]?\s*[\"'“‘]?(?P<s>[^\"'”’,\n]+?)[\"'”’]?\s*(?=,|\n|본문|내용|$)")
_BODY = re.compile(r"(?:본문|내용)\s*[:：은는]?\s*(?P<b>.+)$", re.DOTALL)
_REFERENCE = re.compile(r"참조\s*[:：은는]?\s*(?P<r>[가-힣A-Za-z]+(?:\s*[가-힣]+장)?)")


def letter_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    rest = slots.after_colon or ""
    body = _BODY.search(rest)
    subject = _SUBJECT.search(rest) or _SUBJECT.search(slots.text)
    if body:
        args["body"] = body.group("b").strip()
    elif rest and not (subject and subject.group(0).strip() == rest.strip()):
        args["body"] = rest.strip()
    elif slots.quoted:
        args["body"] = slots.quoted[0]
    if subject:
        args["subject"] = subject.group("s").strip()
    reference = _REFERENCE.search(slots.text)
    if reference:
        args["reference"] = reference.group("r").strip()
    args.update(_pdf_only(slots.text))
    return args
