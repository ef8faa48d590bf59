"""The offline router sends compliance and drafting requests to the documents tools."""

from __future__ import annotations

from sqlalchemy import select

from agent.runtime import AgentRuntime
from agent.types import Turn
from data.models import Account


def test_router_calls_compliance_check_and_draft(demo_app, caller):
    rep = caller(demo_app, "rep")
    with demo_app.session() as s:
        name = s.scalars(select(Account).where(Account.owner_rep_id == rep.rep_id).order_by(Account.id)).first().name
    rt = AgentRuntime(demo_app)
    try:
        reply = rt.answer(Turn(caller=rep, thread_key="docs:1", text="이 문장 컴플라이언스 점검해줘: 처방 늘려주시면 챙겨드릴게요"))
        call = reply.tool_calls[-1]
        assert call.name == "compliance_check", reply.text
        assert "처방 늘려주시면" in call.args.get("text", "")
        assert "리베이트" in reply.text
        reply = rt.answer(Turn(caller=rep, thread_key="docs:2",
                               text=f"{name} 방문 보고서 써줘: 김 교수님 면담, 허가 적응증 설명, 다음 주 자료 전달"))
        call = reply.tool_calls[-1]
        assert call.name == "draft_visit_report", reply.text
        assert call.args.get("account") and "김 교수님 면담" in call.args.get("notes", "")
        assert reply.files and reply.files[0].path.suffix == ".docx"
    finally:
        rt.close()


def test_router_sends_a_revision_to_draft_revise(demo_app, caller):
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(demo_app)
    try:
        reply = rt.answer(Turn(caller=rep, thread_key="docs:3", text="두 번째 문단 더 짧게 해줘"))
        assert reply.tool_calls and reply.tool_calls[-1].name == "draft_revise", reply.text
        assert "고칠 방문 보고서 초안이 없습니다" in reply.text
    finally:
        rt.close()
