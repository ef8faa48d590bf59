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


def test_router_calls_monthly_report_quotation_and_letter(demo_app, caller):
    rep = caller(demo_app, "rep")
    with demo_app.session() as s:
        name = s.scalars(select(Account).where(Account.owner_rep_id == rep.rep_id).order_by(Account.id)).first().name
    rt = AgentRuntime(demo_app)
    try:
        reply = rt.answer(Turn(caller=rep, thread_key="docs:4", text="지난달 월간 실적 보고서 만들어줘"))
        call = reply.tool_calls[-1]
        assert call.name == "draft_monthly_report" and call.args.get("month") == "지난달", reply.text
        assert sorted(f.path.suffix for f in reply.files) == [".docx", ".pdf"]
        reply = rt.answer(Turn(caller=rep, thread_key="docs:5", text=f"{name}에 로수빛정 100박스 견적서 뽑아줘"))
        call = reply.tool_calls[-1]
        assert call.name == "draft_quotation", reply.text
        assert call.args["account"] == name and call.args["items"] == "로수빛정 100박스"
        assert "1,914,000원" in reply.text  # 17,400원 × 100 = 1,740,000원 + 부가세 174,000원
        reply = rt.answer(Turn(caller=rep, thread_key="docs:6",
                               text=f"{name} 앞으로 공문 써줘: 12월 제품설명회 일정을 안내드립니다"))
        call = reply.tool_calls[-1]
        assert call.name == "draft_official_letter", reply.text
        assert call.args["body"] == "12월 제품설명회 일정을 안내드립니다" and any(f.path.suffix == ".pdf" for f in reply.files)
        reply = rt.answer(Turn(caller=rep, thread_key="docs:7", text="견적서 만들어줘"))
        assert not reply.tool_calls and "어느 거래처 견적서" in reply.text
    finally:
        rt.close()


def test_rep_phrasings_fill_the_text_arguments():
    """Found by using it as a rep: text after "괜찮아?", a letter body after "공문 보내줘.",
    and "다음 달 계획에 …" naming the plan rather than the month."""
    from tools.common.slots import Slots
    from tools.documents.routing import compliance_args, letter_args, monthly_args

    assert compliance_args("compliance_check", Slots(text="이 문장 괜찮아? 교수님 골프 라운딩 저희가 모시겠습니다")) == {
        "text": "교수님 골프 라운딩 저희가 모시겠습니다"}
    letter = letter_args("draft_official_letter", Slots(text="마포백세병원에 공문 보내줘. 12월 24일 배송 일정 변경 안내"))
    assert letter["body"] == "12월 24일 배송 일정 변경 안내"
    monthly = monthly_args("draft_monthly_report", Slots(text="다음 달 계획에 로수빛정 신규 처방처 3곳 확보 넣어서 다시",
                                                         period="다음 달"))
    assert "month" not in monthly and monthly["notes"] == "로수빛정 신규 처방처 3곳 확보"
