"""Wiki pages: create, edit, view, list, history, diff, revert — every edit a revision.

Rules (docs/search.md):
- Viewing and listing follow the page's visibility (`data.access.visibility_filter`).
- Creating: anyone; visibility "all", "team" (the caller's team) or "role" (팀장 이상).
- Editing and reverting (issue 13): the page's author (owner), a manager of the author's team
  (or of the team the page belongs to), or an admin — whatever the visibility. Compliance pages
  (CP, 리베이트, 공정경쟁규약, 지출보고 … in the title, or a slug starting "cp-"/"compliance-")
  are locked: only an admin changes them. A refusal names who may edit.
- An edit replaces the body (mode "replace"), appends to the page or to one section
  ("append"), or replaces one section's content ("replace_section").
Saved pages go into the search index at once.
"""

from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import ROLE_RANK, AccessDenied, Caller, visibility_filter
from data.models import Rep, WikiPage, WikiRevision
from tools.common.plumbing import ToolInputError
from tools.common.vocab import WIKI_VISIBILITIES



def slugify(title: str) -> str:
    slug = re.sub(r"[^\w가-힣]+", "-", title.strip().lower()).strip("-")
    return slug[:180] or "page"


def _unique_slug(session: Session, title: str) -> str:
    base = slugify(title)
    slug, n = base, 2
    while session.scalar(select(WikiPage.id).where(WikiPage.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def visible_pages(session: Session, caller: Caller) -> list[WikiPage]:
    return list(session.scalars(select(WikiPage).where(visibility_filter(caller, WikiPage))
                                .order_by(WikiPage.updated_at.desc(), WikiPage.id)))


def find_page(session: Session, caller: Caller, page: str) -> WikiPage:
    """A visible page by slug or title (exact, then fuzzy). LookupError in Korean otherwise."""
    key = (page or "").strip()
    if not key:
        raise ToolInputError("어떤 위키 페이지인지 제목을 알려 주세요.")
    base = select(WikiPage).where(visibility_filter(caller, WikiPage))
    found = session.scalar(base.where((WikiPage.slug == key) | (WikiPage.slug == slugify(key)) | (WikiPage.title == key)))
    if found is not None:
        return found
    if session.scalar(select(WikiPage.id).where((WikiPage.slug == slugify(key)) | (WikiPage.title == key))):
        raise AccessDenied("이 위키 페이지를 볼 권한이 없습니다. 공개 범위(팀/역할) 안의 페이지만 볼 수 있어요.")
    from rapidfuzz import fuzz, process

    pages = list(session.scalars(base))
    match = process.extractOne(key, {p.id: p.title for p in pages}, scorer=fuzz.WRatio, score_cutoff=75)
    if match is None:
        raise LookupError(f"'{key}' 위키 페이지를 찾을 수 없습니다. '위키 목록'으로 제목을 확인해 주세요.")
    return next(p for p in pages if p.id == match[2])


def revision(session: Session, page: WikiPage, number: int | None = None) -> WikiRevision:
    number = number or page.current_revision
    rev = session.scalar(select(WikiRevision).where(WikiRevision.page_id == page.id, WikiRevision.number == number))
    if rev is None:
        choice = "1번 판만 있습니다" if page.current_revision == 1 else f"1~{page.current_revision}번 중에서 골라 주세요"
        raise LookupError(f"'{page.title}'에는 {number}번 판이 없습니다. {choice}.")
    return rev


COMPLIANCE_TITLE = re.compile(r"컴플라이언스|공정경쟁|리베이트|약사법|의료법|경제적\s*이익|지출\s*보고|"
                              r"\bCP\b|CP팀|compliance", re.I)
EDIT_MODES = ("replace", "append", "replace_section")


def is_compliance(page: WikiPage) -> bool:
    """Compliance pages are locked (admins only): what CP has approved is not edited in passing."""
    return page.slug.startswith(("cp-", "compliance-")) or bool(COMPLIANCE_TITLE.search(page.title or ""))


def _owner(session: Session, page: WikiPage) -> Rep | None:
    return session.get(Rep, page.owner_rep_id) if page.owner_rep_id else None


def _editor_teams(session: Session, page: WikiPage) -> set[int]:
    """Teams whose manager may edit: the author's team and the team the page belongs to."""
    owner = _owner(session, page)
    teams = {owner.team_id} if owner is not None and owner.team_id is not None and owner.role != "admin" else set()
    if page.visibility == "team" and page.visibility_team_id is not None:
        teams.add(page.visibility_team_id)
    return teams


def can_edit(session: Session, caller: Caller, page: WikiPage) -> bool:
    if is_compliance(page):
        return caller.is_admin
    if caller.is_admin or page.owner_rep_id == caller.rep_id:
        return True
    return caller.is_manager and caller.team_id is not None and caller.team_id in _editor_teams(session, page)


def editors_text(session: Session, page: WikiPage) -> str:
    """Who may edit, in Korean: "작성자 김민준 님, 서울1팀 팀장(이서연 님), 관리자"."""
    from data.models import Team

    if is_compliance(page):
        return "관리자(CP 담당)"
    parts = []
    owner = _owner(session, page)
    if owner is not None and owner.role != "admin":
        parts.append(f"작성자 {owner.name} 님")
    for team_id in sorted(_editor_teams(session, page)):
        team = session.get(Team, team_id)
        managers = list(session.scalars(select(Rep.name).where(Rep.team_id == team_id, Rep.role == "manager")))
        label = f"{team.name if team else '해당 팀'} 팀장"
        parts.append(label + (f"({', '.join(m + ' 님' for m in managers)})" if managers else ""))
    parts.append("관리자")
    return ", ".join(parts)


def require_edit(session: Session, caller: Caller, page: WikiPage) -> None:
    if can_edit(session, caller, page):
        return
    who = editors_text(session, page)
    if is_compliance(page):
        raise AccessDenied(f"'{page.title}'은(는) 컴플라이언스 페이지라 잠겨 있어 {who}만 고칠 수 있습니다. "
                           "바꿀 내용이 있으면 CP팀에 요청해 주세요.")
    raise AccessDenied(f"'{page.title}'은(는) {who}만 고칠 수 있습니다. 수정이 필요하면 이분들께 요청해 주세요.")


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _section_span(lines: list[str], section: str) -> tuple[int, int]:
    """(heading line, end) of the section whose heading matches `section` (exact, then contains)."""
    wanted = re.sub(r"^#+\s*", "", section.strip()).lower()
    headings = [(i, len(m.group(1)), m.group(2).strip().lower()) for i, line in enumerate(lines)
                if (m := _HEADING.match(line))]
    found = next((h for h in headings if h[2] == wanted), None) or next((h for h in headings if wanted in h[2]), None)
    if found is None:
        names = ", ".join(f"'{lines[i].lstrip('#').strip()}'" for i, _, _ in headings[:10]) or "없음"
        raise ToolInputError(f"'{section}' 절을 찾을 수 없습니다. 이 페이지의 절: {names}")
    start, level, _ = found
    end = next((i for i, lv, _ in headings if i > start and lv <= level), len(lines))
    return start, end


def apply_edit(current: str, body: str, mode: str = "replace", section: str | None = None) -> str:
    """The new body: `body` replaces everything, is appended (to the page or a section), or
    replaces one section's content (its heading is kept)."""
    mode = (mode or "replace").strip().lower()
    if mode not in EDIT_MODES:
        raise ToolInputError("수정 방식은 replace(전체 바꾸기), append(덧붙이기), replace_section(절 바꾸기) 중에서 골라 주세요.")
    if mode == "replace":
        return body
    lines = current.rstrip().splitlines()
    if mode == "append" and not (section or "").strip():
        return current.rstrip() + "\n\n" + body
    if not (section or "").strip():
        raise ToolInputError("어느 절을 바꿀지 절 제목을 알려 주세요. 예: section='준비물'")
    start, end = _section_span(lines, section)
    content = lines[start + 1:end]
    while content and not content[-1].strip():
        content.pop()
    added = body.splitlines()
    listed = bool(content) and bool(added) and all(re.match(r"\s*(?:[-*+]|\d+\.)\s", x) for x in (content[-1], added[0]))
    new = (content + ([""] if content and not listed else []) + added) if mode == "append" else added
    out = lines[: start + 1] + new + ([""] if end < len(lines) else []) + lines[end:]
    return "\n".join(out).strip()


def _index(session: Session, settings, page: WikiPage, rev: WikiRevision) -> None:
    if settings is None:
        return
    from tools.search.index import get_index

    get_index(settings, session).add_wiki(page, rev)


def _add_revision(session: Session, settings, page: WikiPage, title: str, body: str, author_id: int | None,
                  comment: str) -> WikiRevision:
    page.current_revision += 1
    page.title = title
    page.updated_at = datetime.now(UTC).replace(tzinfo=None)
    rev = WikiRevision(page_id=page.id, number=page.current_revision, title=title, body=body,
                       author_rep_id=author_id, comment=(comment or "")[:300])
    session.add(rev)
    session.flush()
    _index(session, settings, page, rev)
    return rev


def create_page(session: Session, settings, caller: Caller, title: str, body: str, visibility: str = "all",
                *, team_id: int | None = None, role: str | None = None, slug: str | None = None,
                comment: str = "새 페이지") -> WikiPage:
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ToolInputError("위키 페이지에는 제목과 본문이 모두 필요합니다.")
    visibility = (visibility or "all").strip().lower()
    if visibility not in WIKI_VISIBILITIES:
        raise ToolInputError("공개 범위는 all(전체), team(우리 팀), role(팀장 이상) 중에서 골라 주세요.")
    if session.scalar(select(WikiPage.id).where(visibility_filter(caller, WikiPage), WikiPage.title == title)):
        raise ToolInputError(f"'{title}' 페이지가 이미 있습니다. 수정하려면 '위키 수정'을 이용해 주세요.")
    team = team_id if team_id is not None else caller.team_id
    if visibility == "team" and team is None:
        raise ToolInputError("소속 팀이 없어 팀 공개 페이지를 만들 수 없습니다. all 또는 role로 만들어 주세요.")
    page = WikiPage(slug=slug or _unique_slug(session, title), title=title, visibility=visibility,
                    visibility_team_id=team if visibility == "team" else None,
                    visibility_role=(role or "manager") if visibility == "role" else None,
                    owner_rep_id=caller.rep_id, current_revision=0)
    session.add(page)
    session.flush()
    _add_revision(session, settings, page, title, body, caller.rep_id, comment)
    return page


def edit_page(session: Session, settings, caller: Caller, page_ref: str, body: str, comment: str = "",
              title: str | None = None, mode: str = "replace", section: str | None = None) -> WikiRevision:
    page = find_page(session, caller, page_ref)
    require_edit(session, caller, page)
    body = (body or "").strip()
    if not body:
        raise ToolInputError("새 본문이 비어 있습니다. 바꿀 내용을 함께 보내 주세요.")
    current = revision(session, page)
    body = apply_edit(current.body, body, mode, section)
    if body == current.body.strip() and (title or page.title) == page.title:
        raise ToolInputError("바뀐 내용이 없습니다. 수정할 내용을 확인해 주세요.")
    return _add_revision(session, settings, page, title or page.title, body, caller.rep_id, comment or "수정")


def revert_page(session: Session, settings, caller: Caller, page_ref: str, number: int) -> WikiRevision:
    page = find_page(session, caller, page_ref)
    require_edit(session, caller, page)
    old = revision(session, page, int(number))
    if old.number == page.current_revision:
        raise ToolInputError(f"{old.number}번 판이 이미 현재 판입니다.")
    return _add_revision(session, settings, page, old.title, old.body, caller.rep_id, f"{old.number}번 판으로 되돌림")


def history(session: Session, caller: Caller, page_ref: str) -> tuple[WikiPage, list[tuple[WikiRevision, str]]]:
    page = find_page(session, caller, page_ref)
    rows = session.execute(select(WikiRevision, func.coalesce(Rep.name, "시스템"))
                           .outerjoin(Rep, Rep.id == WikiRevision.author_rep_id)
                           .where(WikiRevision.page_id == page.id).order_by(WikiRevision.number.desc()))
    return page, [(rev, name) for rev, name in rows]


def diff(session: Session, caller: Caller, page_ref: str, from_revision: int | None = None,
         to_revision: int | None = None) -> tuple[WikiPage, str]:
    page = find_page(session, caller, page_ref)
    to_n = int(to_revision or page.current_revision)
    from_n = int(from_revision or max(to_n - 1, 1))
    a, b = revision(session, page, from_n), revision(session, page, to_n)
    text = "".join(difflib.unified_diff((a.body + "\n").splitlines(keepends=True), (b.body + "\n").splitlines(keepends=True),
                                        fromfile=f"{page.slug}@{from_n}", tofile=f"{page.slug}@{to_n}"))
    return page, text
