"""Hybrid search over the demo content: visibility before ranking, citations, not-found,
the agent tool."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from data.access import visibility_filter
from data.models import Document, Team, Visit
from tools.common.plumbing import ToolContext
from tools.search.service import NOT_FOUND, search_documents, search_passages


def _team_doc(session, team_name):
    team_id = session.scalar(select(Team.id).where(Team.name == team_name))
    return session.scalar(select(Document).where(Document.visibility == "team", Document.visibility_team_id == team_id))


def test_answers_with_citations(search_app_ro, caller):
    rep = caller(search_app_ro, "rep")
    with search_app_ro.session() as s:
        out = search_documents(s, search_app_ro.settings, rep, "로수빛 금기", 3)
    assert out.citations and out.citations[0].title == "로수빛정 10mg 제품설명서"
    assert out.citations[0].section.endswith("금기") and out.citations[0].source == "demo/documents/product-HB-ROS10-monograph.md"
    assert "시클로스포린" in out.data["results"][0]["text"]
    assert "출처" in out.summary


def test_not_found_is_honest(search_app_ro, caller):
    rep = caller(search_app_ro, "rep")
    with search_app_ro.session() as s:
        out = search_documents(s, search_app_ro.settings, rep, "양자역학 블랙홀 초전도체", 5)
    assert out.summary.startswith(NOT_FOUND) and out.citations == []


def test_team_documents_stay_in_their_team(search_app_ro, caller):
    seoul1, busan = caller(search_app_ro, "rep", "서울1팀"), caller(search_app_ro, "rep", "부산·경남팀")
    with search_app_ro.session() as s:
        doc = _team_doc(s, "서울1팀")
        assert doc is not None
        query = doc.title
        inside = search_passages(s, search_app_ro.settings, seoul1, query, 10)
        outside = search_passages(s, search_app_ro.settings, busan, query, 10)
    assert any(p.citation.source == doc.source for p in inside)
    assert all(p.citation.source != doc.source for p in outside)


def test_manager_only_documents(search_app_ro, caller):
    rep, manager = caller(search_app_ro, "rep"), caller(search_app_ro, "manager")
    with search_app_ro.session() as s:
        doc = s.scalar(select(Document).where(Document.visibility == "role", Document.visibility_role == "manager"))
        rep_hits = search_passages(s, search_app_ro.settings, rep, doc.title, 10)
        mgr_hits = search_passages(s, search_app_ro.settings, manager, doc.title, 10)
        # independent check: nothing the rep got is outside the rep's visible documents
        visible = set(s.scalars(select(Document.source).where(visibility_filter(rep, Document))))
    assert doc.source in {p.citation.source for p in mgr_hits}
    assert doc.source not in {p.citation.source for p in rep_hits}
    assert {p.citation.source for p in rep_hits if p.kind == "document"} <= visible


def test_call_notes_only_of_visible_reps(search_app_ro, caller):
    rep = caller(search_app_ro, "rep")
    with search_app_ro.session() as s:
        other = s.scalar(select(Visit).where(Visit.rep_id != rep.rep_id).order_by(Visit.id))
        hits = search_passages(s, search_app_ro.settings, rep, other.notes, 20)
        note_ids = [int(p.citation.source.split(":")[1]) for p in hits if p.kind == "call_note"]
        owners = set(s.scalars(select(Visit.rep_id).where(Visit.id.in_(note_ids))))
    assert owners <= {rep.rep_id}


def test_agent_tool_with_runtime(search_app_ro, caller):
    from tools.registry import discover_tools

    (tool,) = discover_tools("search")
    assert tool.name == "search_documents"
    runtime = SimpleNamespace(context=ToolContext(caller=caller(search_app_ro, "rep"), app=search_app_ro))
    content, artifact = tool.func(query="제품설명회 식음료 한도", top_k=2, runtime=runtime)
    assert artifact.error is None and len(artifact.citations) == 2
    assert artifact.citations[0].title == "식음료 제공 기준" and content == artifact.summary
    content, artifact = tool.func(query="  ", runtime=runtime)
    assert artifact.error == "bad_request" and "검색어" in content


def test_agent_tool_via_toolcall(search_app_ro, caller):
    from langchain.tools import ToolRuntime
    from langchain_core.messages import ToolMessage

    from tools.registry import discover_tools

    (tool,) = discover_tools("search")

    runtime = ToolRuntime(state={}, context=ToolContext(caller=caller(search_app_ro, "rep"), app=search_app_ro),
                          config={}, stream_writer=lambda _: None, tool_call_id="c1", store=None, tools=[],
                          execution_info=None, server_info=None)
    msg = tool.invoke({"type": "tool_call", "id": "c1", "name": "search_documents",
                       "args": {"query": "로수빛 금기", "top_k": 1, "runtime": runtime}})
    assert isinstance(msg, ToolMessage) and msg.artifact.citations[0].title == "로수빛정 10mg 제품설명서"
