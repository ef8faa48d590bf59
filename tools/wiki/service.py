"""Wiki tool bodies: (Session, Caller, args) → ToolOutput with Korean summaries."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolInputError
from tools.common.results import Citation, ToolOutput
from tools.wiki import pages

VIS_LABEL = {"all": "전체 공개", "team": "팀 공개", "role": "역할 공개", "private": "비공개"}


def _cite(page, rev=None) -> Citation:
    return Citation(page.title, f"wiki:{page.slug}", f"{(rev.number if rev else page.current_revision)}판")


def _int(value, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip().lstrip("rv#").rstrip("판번"))
    except ValueError as exc:
        raise ToolInputError(f"{name}은(는) 숫자로 알려 주세요. 예: 2") from exc


def wiki_view(session: Session, caller: Caller, page: str, revision=None) -> ToolOutput:
    p = pages.find_page(session, caller, page)
    rev = pages.revision(session, p, _int(revision, "판 번호"))
    note = "" if rev.number == p.current_revision else f" (현재 {p.current_revision}판 중 과거 판)"
    return ToolOutput(summary=f"## {rev.title}\n_{VIS_LABEL.get(p.visibility, p.visibility)} · {rev.number}판{note} · "
                              f"{rev.created_at:%Y-%m-%d}_\n\n{rev.body}",
                      data={"slug": p.slug, "title": rev.title, "revision": rev.number, "body": rev.body},
                      citations=[_cite(p, rev)])


def wiki_list(session: Session, caller: Caller) -> ToolOutput:
    visible = pages.visible_pages(session, caller)
    if not visible:
        return ToolOutput(summary="볼 수 있는 위키 페이지가 없습니다. '위키 만들기'로 첫 페이지를 만들어 보세요.", data={"pages": []})
    lines = [f"**위키 페이지 {len(visible)}개**"] + [
        f"- {p.title} ({VIS_LABEL.get(p.visibility, p.visibility)}, {p.current_revision}판, {p.updated_at:%Y-%m-%d})"
        for p in visible]
    return ToolOutput(summary="\n".join(lines), data={"pages": [
        {"slug": p.slug, "title": p.title, "visibility": p.visibility, "revision": p.current_revision} for p in visible]})


def wiki_search(session: Session, settings, caller: Caller, query: str) -> ToolOutput:
    from tools.search.index import KIND_WIKI
    from tools.search.service import NOT_FOUND, search_passages

    found = search_passages(session, settings, caller, query, top_k=5, kinds=(KIND_WIKI,))
    if not found:
        return ToolOutput(summary=f"위키에서 {NOT_FOUND} 다른 검색어로 찾아보거나 '위키 목록'을 확인해 주세요.",
                          data={"query": query, "results": []})
    lines = [f"**위키 검색 '{query}'**"] + [
        f"{i}. **{p.title}**" + (f" › {p.section}" if p.section else "") + f"\n   {p.citation.snippet}"
        for i, p in enumerate(found, 1)]
    return ToolOutput(summary="\n".join(lines), citations=[p.citation for p in found],
                      data={"query": query, "results": [{"title": p.title, "section": p.section,
                                                         "source": p.citation.source} for p in found]})


def wiki_create(session: Session, settings, caller: Caller, title: str, body: str, visibility: str = "all") -> ToolOutput:
    p = pages.create_page(session, settings, caller, title, body, visibility)
    return ToolOutput(summary=f"위키 페이지 '{p.title}'을(를) 만들었습니다 ({VIS_LABEL[p.visibility]}, 1판). 바로 검색됩니다.",
                      data={"slug": p.slug, "revision": 1}, citations=[_cite(p)])


def wiki_edit(session: Session, settings, caller: Caller, page: str, body: str, comment: str = "",
              mode: str = "replace", section: str | None = None) -> ToolOutput:
    rev = pages.edit_page(session, settings, caller, page, body, comment, mode=mode, section=section)
    p = rev.page
    how = {"append": "덧붙임", "replace_section": "절 바꿈"}.get(mode, "")
    where = f" '{section}' 절" if section and mode != "replace" else ""
    return ToolOutput(summary=f"'{p.title}'{where}을(를) 수정했습니다{f'({how})' if how else ''}: "
                              f"{rev.number}판 ({comment or '수정'}).",
                      data={"slug": p.slug, "revision": rev.number}, citations=[_cite(p, rev)])


def wiki_history(session: Session, caller: Caller, page: str) -> ToolOutput:
    p, revs = pages.history(session, caller, page)
    lines = [f"**'{p.title}' 변경 이력** ({len(revs)}개 판)"] + [
        f"- {rev.number}판 · {rev.created_at:%Y-%m-%d %H:%M} · {author} · {rev.comment or '-'}" for rev, author in revs]
    return ToolOutput(summary="\n".join(lines), data={"slug": p.slug, "revisions": [
        {"number": rev.number, "author": author, "comment": rev.comment, "created_at": rev.created_at.isoformat()}
        for rev, author in revs]})


def wiki_diff(session: Session, caller: Caller, page: str, from_revision=None, to_revision=None) -> ToolOutput:
    p, text = pages.diff(session, caller, page, _int(from_revision, "시작 판"), _int(to_revision, "끝 판"))
    body = f"```diff\n{text}```" if text else "두 판의 내용이 같습니다."
    return ToolOutput(summary=f"**'{p.title}' 변경 비교**\n{body}", data={"slug": p.slug, "diff": text})


def wiki_revert(session: Session, settings, caller: Caller, page: str, revision) -> ToolOutput:
    number = _int(revision, "되돌릴 판 번호")
    if number is None:
        raise ToolInputError("몇 번 판으로 되돌릴지 알려 주세요. 예: 2판으로 되돌려줘")
    rev = pages.revert_page(session, settings, caller, page, number)
    return ToolOutput(summary=f"'{rev.title}'을(를) {number}판 내용으로 되돌렸습니다(새 {rev.number}판).",
                      data={"slug": rev.page.slug, "revision": rev.number})
