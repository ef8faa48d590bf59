"""Wiki: revisions with author and time, diff, revert, edit rules, visibility, search at once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from data.access import AccessDenied
from data.models import WikiPage, WikiRevision
from tools.common.plumbing import ToolContext, ToolInputError
from tools.wiki import pages, service


def test_revisions_diff_revert_and_search(search_app, caller):
    rep = caller(search_app, "rep", "서울1팀")
    st = search_app.settings
    with search_app.session() as s:
        page = pages.create_page(s, st, rep, "강남 약국 재고 메모", "# 재고\n두루미시럽 재고 부족.\n다음 주 입고.")
        s.commit()
        # searchable at once
        found = service.wiki_search(s, st, rep, "두루미시럽 재고 부족")
        assert found.citations and found.citations[0].source == f"wiki:{page.slug}"
        pages.edit_page(s, st, rep, page.title, "# 재고\n두루미시럽 재고 충분.\n다음 주 입고.", "재고 갱신")
        s.commit()
        revs = s.scalars(select(WikiRevision).where(WikiRevision.page_id == page.id).order_by(WikiRevision.number)).all()
        assert [r.number for r in revs] == [1, 2] and all(r.author_rep_id == rep.rep_id for r in revs)
        assert revs[1].comment == "재고 갱신" and revs[1].created_at is not None
        _, text = pages.diff(s, rep, page.slug, 1, 2)
        assert "-두루미시럽 재고 부족." in text and "+두루미시럽 재고 충분." in text
        assert text.startswith(f"--- {page.slug}@1")
        rev = pages.revert_page(s, st, rep, page.slug, 1)
        s.commit()
        assert rev.number == 3 and rev.body == revs[0].body and "1번 판" in rev.comment
        assert s.get(WikiPage, page.id).current_revision == 3
        # the index follows the current revision
        assert service.wiki_search(s, st, rep, "두루미시럽 재고 부족").citations
        hist = service.wiki_history(s, rep, page.slug)
        assert [r["number"] for r in hist.data["revisions"]] == [3, 2, 1]
        with pytest.raises(ToolInputError):
            pages.revert_page(s, st, rep, page.slug, 3)
        with pytest.raises(LookupError):
            pages.revision(s, page, 9)


def test_team_page_rules(search_app, caller):
    author = caller(search_app, "rep", "서울1팀")
    st = search_app.settings
    with search_app.session() as s:
        from data.models import Rep

        teammate = s.scalar(select(Rep).where(Rep.team_id == author.team_id, Rep.role == "rep", Rep.id != author.rep_id))
        from data.access import Caller

        teammate = Caller.from_rep(teammate)
        manager = caller(search_app, "manager", "서울1팀")
        other_manager = caller(search_app, "manager", "서울2팀")
        other_rep = caller(search_app, "rep", "서울2팀")
        admin = caller(search_app, "admin")
        page = pages.create_page(s, st, author, "서울1팀 회의록", "회의 내용 원본", "team")
        s.commit()
        with pytest.raises(AccessDenied):
            pages.edit_page(s, st, teammate, page.slug, "팀원이 고침")
        pages.edit_page(s, st, manager, page.slug, "팀장이 고침")
        pages.edit_page(s, st, admin, page.slug, "관리자가 고침")
        pages.edit_page(s, st, author, page.slug, "작성자가 고침")
        # other teams cannot even see it
        with pytest.raises(AccessDenied):
            pages.find_page(s, other_manager, page.slug)
        assert page.slug not in {p["slug"] for p in service.wiki_list(s, other_rep).data["pages"]}
        assert not service.wiki_search(s, st, other_rep, "팀원이 고침 서울1팀 회의록").citations
        assert service.wiki_view(s, teammate, page.slug).data["body"] == "작성자가 고침"
        assert service.wiki_view(s, teammate, page.slug, 1).data["body"] == "회의 내용 원본"


def test_demo_wiki_loaded_with_front_matter(search_app_ro, caller):
    with search_app_ro.session() as s:
        page = s.scalar(select(WikiPage).where(WikiPage.slug == "wiki-seoul1-key-accounts"))
        assert page.visibility == "team" and page.current_revision == 1
        rep2 = caller(search_app_ro, "rep", "서울2팀")
        with pytest.raises(AccessDenied):
            pages.find_page(s, rep2, page.slug)


def test_wiki_agent_tools(search_app, caller):
    from tools.registry import discover_tools

    tools = {t.name: t for t in discover_tools("wiki")}
    assert set(tools) == {"wiki_search", "wiki_view", "wiki_list", "wiki_create", "wiki_edit", "wiki_history",
                          "wiki_diff", "wiki_revert"}
    runtime = SimpleNamespace(context=ToolContext(caller=caller(search_app, "rep"), app=search_app))
    _, out = tools["wiki_create"].func(title="툴 테스트", body="첫 판 본문", runtime=runtime)
    assert out.error is None
    _, out = tools["wiki_edit"].func(page="툴 테스트", body="둘째 판 본문", comment="고침", runtime=runtime)
    assert out.data["revision"] == 2
    content, out = tools["wiki_diff"].func(page="툴 테스트", runtime=runtime)
    assert "+둘째 판 본문" in out.data["diff"]
    _, out = tools["wiki_revert"].func(page="툴 테스트", revision=1, runtime=runtime)
    assert out.data["revision"] == 3
    content, out = tools["wiki_view"].func(page="툴 테스트", runtime=runtime)
    assert "첫 판 본문" in content
    content, out = tools["wiki_view"].func(page="없는 페이지 제목 zzz", runtime=runtime)
    assert out.error == "not_found" and "찾을 수 없습니다" in content
    _, out = tools["wiki_create"].func(title="x", body="y", visibility="secret", runtime=runtime)
    assert out.error == "bad_request"


def test_edit_rules_modes_and_locked_compliance_pages(search_app, caller):
    """Issue 13: author, a manager of the author's team or an admin edit; compliance pages are
    locked (admins only); edits append or replace a section; refusals name who may edit."""
    from data.access import Caller
    from data.models import Rep

    author = caller(search_app, "rep", "서울1팀")
    st = search_app.settings
    with search_app.session() as s:
        teammate = Caller.from_rep(s.scalar(select(Rep).where(Rep.team_id == author.team_id, Rep.role == "rep",
                                                              Rep.id != author.rep_id)))
        manager = caller(search_app, "manager", "서울1팀")
        other_manager = caller(search_app, "manager", "서울2팀")
        admin = caller(search_app, "admin")
        page = pages.create_page(s, st, author, "강남 거래처 준비물", "# 준비물\n\n## 가방\n- 제품설명서\n\n## 순서\n인사 후 설명")
        s.commit()
        for outsider in (teammate, other_manager):  # an "all" page is no longer anyone's to edit
            with pytest.raises(AccessDenied) as denied:
                pages.edit_page(s, st, outsider, page.slug, "남이 고침")
            message = str(denied.value)
            assert f"작성자 {author.name} 님" in message and "서울1팀 팀장" in message and manager.name in message
            assert "관리자" in message
        rev = pages.edit_page(s, st, manager, page.slug, "- 명함", mode="append", section="가방")
        assert rev.body == "# 준비물\n\n## 가방\n- 제품설명서\n- 명함\n\n## 순서\n인사 후 설명"
        rev = pages.edit_page(s, st, author, page.slug, "자기소개 후 설명", mode="replace_section", section="순서")
        assert rev.body.endswith("## 순서\n자기소개 후 설명") and "- 명함" in rev.body
        rev = pages.edit_page(s, st, admin, page.slug, "끝.", mode="append")
        assert rev.body.endswith("\n\n끝.") and rev.number == 4
        with pytest.raises(ToolInputError) as missing:
            pages.edit_page(s, st, author, page.slug, "x", mode="replace_section", section="없는 절")
        assert "가방" in str(missing.value)
        # compliance pages are locked, even for their author
        cp = pages.create_page(s, st, admin, "CP 리베이트 Q&A", "## 질문\n원본")
        s.commit()
        for who in (author, manager):
            with pytest.raises(AccessDenied) as locked:
                pages.edit_page(s, st, who, cp.slug, "고침")
            assert "잠겨" in str(locked.value) and "관리자" in str(locked.value)
        assert pages.edit_page(s, st, admin, cp.slug, "관리자 수정").number == 2
        expense = s.scalar(select(WikiPage).where(WikiPage.slug == "wiki-expense-report-common-errors"))
        assert pages.is_compliance(expense) and not pages.can_edit(s, manager, expense)


def test_edit_mode_hints():
    from tools.wiki.routing import edit_mode

    assert edit_mode('"제품설명회 준비물" 페이지 준비물 절에 추가: 명함') == {"mode": "append", "section": "준비물"}
    assert edit_mode('"신입 온보딩" 페이지 1주차 섹션 바꿔: 새 내용') == {"mode": "replace_section", "section": "1주차"}
    assert edit_mode('"신입 온보딩" 페이지 수정: 새 본문') == {}
