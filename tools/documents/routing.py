"""Offline-router argument hints for the draft_* and compliance_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots, name_filters
from tools.documents.dates import find_day_phrase

_LEAD = re.compile(r"^.*?(?:점검|검사|확인|체크|봐|check)[^:：]*[:：]\s*", re.IGNORECASE)


_AFTER_QUESTION = re.compile(r"(?:괜찮아|괜찮나요|괜찮을까|돼|될까|되나요|어때|봐\s*줘|맞아|문제\s*없어)\s*[?？]\s*(?P<t>\S.*)$", re.DOTALL)


def compliance_args(tool: str, slots: Slots) -> dict:
    text = slots.after_colon or (slots.quoted[0] if slots.quoted else None)
    asked = _AFTER_QUESTION.search(slots.text)
    if not text and asked:  # "이 문장 괜찮아? 교수님 골프 라운딩 저희가 모시겠습니다"
        text = asked.group("t").strip()
    if not text:
        stripped = re.sub(r"\s*(이\s*문장|이거|이\s*문서)?\s*(컴플라이언스|규정|리베이트)?\s*(위반)?\s*(없는지|아닌지|괜찮아|점검|검사|확인|체크).*$",
                          "", slots.text).strip()
        text = stripped or None
    return {"text": text} if text else {}


_PEOPLE = re.compile(r"(\d{1,3})\s*명")
_PER_PERSON = re.compile(r"1?인당\s*([\d,.]+\s*(?:만|천)?\s*원?)")


def draft_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    # the visit's day is said with the request ("어제 방문 보고서 써줘: …"); a date in the notes is
    # something else ("12월 10일 재방문"). A plan's day may be anywhere.
    said = slots.text if tool == "draft_briefing_plan" else re.split(r"[:：]", slots.text, maxsplit=1)[0]
    if (day := find_day_phrase(said)):
        args["date"] = day
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


_PLAN = re.compile(r"다음\s*달\s*계획(?:에|으로|은|는)?\s*(?P<n>.+?)\s*(?:을|를)?\s*(?:넣어|추가|반영|적어)", re.DOTALL)


def monthly_args(tool: str, slots: Slots) -> dict:
    args: dict = {}
    plan = _PLAN.search(slots.text)
    if slots.period and not plan:  # "다음 달 계획에 …" names the plan, not the report's month
        args["month"] = slots.period
    if slots.after_colon:
        args["notes"] = slots.after_colon
    elif plan:
        args["notes"] = plan.group("n").strip()
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
_AFTER_REQUEST = re.compile(r"공문[^.!?\n]*?(?:줘|주세요|해|해요|부탁해)\s*[.!]\s*(?P<b>\S.+)$", re.DOTALL)
_REFERENCE = re.compile(r"참조\s*[:：은는]?\s*(?P<r>[가-힣A-Za-z]+(?:\s*[가-힣]+장)?)")


def letter_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("account",))
    rest = slots.after_colon or ""
    body = _BODY.search(rest)
    subject = _SUBJECT.search(rest) or _SUBJECT.search(slots.text)
    after_request = _AFTER_REQUEST.search(slots.text)
    if body:
        args["body"] = body.group("b").strip()
    elif not rest and after_request:  # "…에 공문 보내줘. 12월 24일 배송 일정 변경 안내"
        args["body"] = after_request.group("b").strip()
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
