"""Offline-router argument hints for the wiki_* tools: page titles (quoted, or before
"페이지/위키/문서"), revision numbers, and the body after a colon."""

from __future__ import annotations

import re

from tools.common.slots import Slots, query_of

REVISION = re.compile(r"(?:r|rev|리비전|버전|판|v)\s*(\d{1,4})|(\d{1,4})\s*(?:번째?|버전|판|리비전)", re.I)
PAGE_BEFORE_WORD = re.compile(r"([가-힣A-Za-z0-9 ·_\-]{2,40}?)\s*(?:위키\s*)?(?:페이지|문서|위키)")
TEAM_ONLY = re.compile(r"팀\s*(?:만|공개|전용)|우리\s*팀")
SECTION = re.compile(r"['\"“‘]?([가-힣A-Za-z0-9 ·\-]{1,30}?)['\"”’]?\s*(?:절|섹션|항목|부분)(?:에|을|를|의|만)?\s*"
                     r"(추가|덧붙|더해|append|바꿔|바꾸|교체|고쳐|수정|replace)", re.I)
APPEND = re.compile(r"추가|덧붙|더해|append|끝에", re.I)
# "제목: 부산 학회 일정, 내용: 12월 10일 BEXCO" (a new page given as a little form)
FORM = re.compile(r"(?:제목|title)\s*[:：]\s*(.+?)\s*[,，/\n]\s*(?:내용|본문|content|body)\s*[:：]\s*(.+)", re.I | re.S)


def is_page_form(text: str) -> bool:
    """A message that is a new wiki page as a title/content form: wiki_create claims it."""
    return FORM.search(text or "") is not None


_QUOTED_PAGE = re.compile(r"['\"“‘][^'\"“”‘’]{2,40}['\"”’]\s*(?:위키\s*)?(?:페이지|위키|문서)|(?:위키|페이지)\s*['\"“‘][^'\"“”‘’]{2,40}['\"”’]")


INLINE_SECTION = re.compile(r"([가-힣A-Za-z0-9·\-]{1,20})\s*(?:절|섹션|항목|부분)(?:을|를)\s+(.{1,200}?)\s*(?:으로|로)\s*(?:바꿔|바꾸|교체|고쳐|수정)")
_SECTION_CHANGE = re.compile(r"(?:절|섹션|항목|부분)(?:에|을|를|의|만)?\s.{0,40}?(?:추가|덧붙|더해|바꿔|바꾸|교체|고쳐|수정|replace|append)", re.I)


def is_section_edit(text: str) -> bool:
    """"'4분기 팀 목표' 페이지 목표 절을 …로 바꿔줘": a quoted page and a section to change — an
    edit, whatever words the new section holds (신규 처방처, 매출…)."""
    head = (text or "").split(":")[0]
    return _QUOTED_PAGE.search(head) is not None and _SECTION_CHANGE.search(head) is not None


def edit_mode(text: str) -> dict:
    """mode/section of a wiki edit: "준비물 절에 추가: …" → append to 준비물, "준비물 절만 바꿔: …" →
    replace that section, "…에 덧붙여: …" → append to the page."""
    head = text.split(":")[0]
    m = SECTION.search(head)
    if m:
        words = m.group(1).split()
        section = words[-1] if words else m.group(1)
        return {"mode": "append" if APPEND.search(m.group(2)) else "replace_section", "section": section.strip()}
    return {"mode": "append"} if APPEND.search(head) else {}


THIS_PAGE = re.compile(r"이|그|저|이번|방금|아까|해당|this|that", re.I)


def page_of(slots: Slots) -> str | None:
    if slots.quoted:
        return slots.quoted[0]
    m = PAGE_BEFORE_WORD.search(slots.text.split(":")[0])
    if m:
        page = re.sub(r"^(?:위키|팀\s*위키)\s*", "", m.group(1)).strip()
        return None if THIS_PAGE.fullmatch(page) else page or None  # "이 페이지": the one already open
    return None


WHERE_SEARCHED = re.compile(r"(?:팀\s*)?위키\s*(?:에서|에|의|에서\s*만)?(?=\s|$)|(?:in|on|from)\s+(?:the\s+)?wiki\b"
                            r"|^\s*(?:search|look\s*up)\s+(?:the\s+)?(?:wiki\s+)?(?:for\s+)?", re.I)
ASKED_IF_THERE = re.compile(r"(?:이|가)?\s*(?:있어|있나요|있니|있을까|있는지\s*\S*|있어요|없어)\s*[?？]?\s*$")


def revisions_of(text: str) -> list[int]:
    return [int(a or b) for a, b in REVISION.findall(text)]


def wiki_args(tool: str, slots: Slots) -> dict:
    if tool == "wiki_search":
        if slots.quoted:
            return {"query": slots.quoted[0]}
        # "위키에서 신제품 교육 자료 찾아줘", "위키에 학회 일정 있어?": the wiki is where, not what
        query = query_of(ASKED_IF_THERE.sub(" ", WHERE_SEARCHED.sub(" ", slots.text)))
        return {"query": query} if query and query not in ("검색", "search") else {}
    page, revisions, args = page_of(slots), revisions_of(slots.text.split(":")[0]), {}
    if tool == "wiki_create":
        form = FORM.search(slots.text)
        if form:
            return {"title": form.group(1).strip(" '\"“”‘’"), "body": form.group(2).strip(),
                    **({"visibility": "team"} if TEAM_ONLY.search(slots.text) else {})}
        if page:
            args["title"] = page
        if slots.after_colon:
            args["body"] = slots.after_colon
        if TEAM_ONLY.search(slots.text):
            args["visibility"] = "team"
        return args
    if page:
        args["page"] = page
    if tool == "wiki_edit":
        if slots.after_colon:
            args["body"] = slots.after_colon
        args.update(edit_mode(slots.text))
        inline = INLINE_SECTION.search(slots.text)
        if inline and not slots.after_colon:  # "목표 절을 신규 처방처 25곳으로 바꿔줘"
            args.update({"mode": "replace_section", "section": inline.group(1), "body": inline.group(2).strip()})
    elif tool == "wiki_view" and revisions:
        args["revision"] = revisions[0]
    elif tool == "wiki_diff" and revisions:
        args["from_revision"] = revisions[0]
        if len(revisions) >= 2:
            args["to_revision"] = revisions[1]
    elif tool == "wiki_revert" and revisions:
        args["revision"] = revisions[0]
    return args
