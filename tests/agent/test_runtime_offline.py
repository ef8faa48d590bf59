"""The offline router through the real LangGraph agent: tool calls, answers, memory,
access refusals, status callbacks, artifacts, failures and the conversation log."""

from __future__ import annotations

from sqlalchemy import select

from agent.runtime import AgentRuntime, get_runtime
from agent.types import Turn
from data.models import ConversationTurn
from agent_testkit import sales_total


def _ask(rt, caller, text, thread="t1", **kw):
    return rt.answer(Turn(caller=caller, thread_key=thread, text=text), **kw)


def test_tool_call_and_answer_from_sql(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(demo_app, tools=small_tools)
    assert rt.backend == "offline-router"
    statuses: list[str] = []
    reply = _ask(rt, rep, "지난달 매출 얼마야?", on_status=statuses.append)
    assert [c.name for c in reply.tool_calls] == ["sales_report"]
    assert reply.tool_calls[0].args["period"] == "지난달"
    with demo_app.session() as s:
        _, expected = sales_total(s, rep, demo_app.today(), "지난달")
    assert expected > 0
    assert f"{expected:,}원" in reply.text
    assert statuses == ["매출 데이터를 분석 중…"]
    assert reply.suggestions == ["그럼 지난 분기는?"]
    with demo_app.session() as s:
        row = s.scalars(select(ConversationTurn).order_by(ConversationTurn.id.desc())).first()
    assert row.rep_id == rep.rep_id and row.thread_key == "t1" and row.platform == "cli"
    assert row.backend == "offline-router" and row.error is None
    assert row.tool_calls == [{"name": "sales_report", "args": {"period": "지난달"}}]
    assert row.reply_text == reply.text and row.latency_ms >= 0


def test_followups_keep_tool_and_merge_slots(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(demo_app, tools=small_tools)
    first = _ask(rt, rep, "지난달 로수빛 매출 보여줘")
    assert first.tool_calls[0].args == {"period": "지난달", "product": "로수빛"}
    second = _ask(rt, rep, "그럼 지난 분기는?")
    assert second.tool_calls[0].name == "sales_report"
    assert second.tool_calls[0].args == {"period": "지난 분기", "product": "로수빛"}
    third = _ask(rt, rep, "그 중 서울만")
    assert third.tool_calls[0].args == {"period": "지난 분기", "product": "로수빛", "region": "서울"}
    with demo_app.session() as s:
        _, expected = sales_total(s, rep, demo_app.today(), "지난 분기", region="서울", product="로수빛")
    assert f"{expected:,}원" in third.text
    fourth = _ask(rt, rep, "그럼 작년 같은 기간은?")
    assert fourth.tool_calls[0].args["period"] == "2025-07~2025-09"  # 지난 분기 = 2026 Q3
    # another thread has no memory of this one
    other = _ask(rt, rep, "그 중 서울만", thread="t2")
    assert other.tool_calls == [] or other.tool_calls[0].args.get("product") is None


def test_memory_survives_a_new_runtime(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(demo_app, tools=small_tools)
    _ask(rt, rep, "3분기 로수빛 매출", thread="persist")
    rt.close()
    again = AgentRuntime(demo_app, tools=small_tools)
    reply = _ask(again, rep, "부산은?", thread="persist")
    assert reply.tool_calls[0].args == {"period": "3분기", "product": "로수빛", "region": "부산"}
    assert (demo_app.settings.home / "agent" / "checkpoints.sqlite").exists()


def test_rep_is_refused_other_team_by_the_tool(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep", team="서울1팀")
    rt = AgentRuntime(demo_app, tools=small_tools)
    reply = _ask(rt, rep, "서울2팀 지난달 매출 보여줘")
    assert reply.tool_calls[0].args["team"] == "서울2팀"
    assert reply.error == "access_denied"
    assert "다른 팀" in reply.text and "원" not in reply.text.replace("관리자", "")
    manager = caller(demo_app, "manager", team="서울2팀")
    ok = _ask(rt, manager, "서울2팀 지난달 매출 보여줘", thread="m")
    with demo_app.session() as s:
        _, expected = sales_total(s, manager, demo_app.today(), "지난달", team="서울2팀")
    assert ok.error is None and f"{expected:,}원" in ok.text


def test_uninstalled_capability_is_said_honestly(demo_app, caller, small_tools):
    rt = AgentRuntime(demo_app, tools=small_tools)
    reply = _ask(rt, caller(demo_app, "rep"), "다음 3개월 매출 예측해줘")
    assert reply.tool_calls == []
    assert "아직 설치되지 않아" in reply.text and "매출 예측" in reply.text
    assert not any(ch.isdigit() for ch in reply.text)


def test_files_citations_and_tool_failure(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(demo_app, tools=small_tools)
    chart = _ask(rt, rep, "최근 6개월 매출 추이 그래프 그려줘")
    assert chart.tool_calls[0].name == "sales_chart"
    assert [f.title for f in chart.files] == ["매출 추이"] and chart.files[0].path.exists()
    assert chart.citations[0].source == "sales_monthly"
    failed = _ask(rt, rep, "견본품 규정 찾아줘", thread="f")
    assert failed.tool_calls[0].name == "search_documents"
    assert failed.error == "failed" and "오류가 발생했습니다" in failed.text


def test_model_failure_still_answers_and_logs(demo_app, caller, small_tools):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    class Broken(GenericFakeChatModel):
        def bind_tools(self, tools, **kw):
            return self

        def _generate(self, *a, **kw):
            raise ConnectionError("model server down")

    rt = AgentRuntime(demo_app, model=Broken(messages=iter([])), tools=small_tools)
    reply = _ask(rt, caller(demo_app, "rep"), "지난달 매출")
    assert reply.error and "ConnectionError" in reply.error
    assert "다시 시도" in reply.text
    with demo_app.session() as s:
        row = s.scalars(select(ConversationTurn).order_by(ConversationTurn.id.desc())).first()
    assert row.error == reply.error and row.text == "지난달 매출"


def test_empty_text_and_smalltalk(demo_app, caller, small_tools):
    rt = AgentRuntime(demo_app, tools=small_tools)
    rep = caller(demo_app, "rep")
    assert _ask(rt, rep, "   ").error == "empty"
    hello = _ask(rt, rep, "안녕하세요", thread="h")
    assert hello.tool_calls == [] and "MedRep" in hello.text and "실적 분석" in hello.text


def test_get_runtime_is_cached_per_app(demo_app):
    assert get_runtime(demo_app) is get_runtime(demo_app)


def test_reply_carries_its_logged_turn_id(demo_app, caller, small_tools):
    rt = AgentRuntime(demo_app, tools=small_tools)
    rep = caller(demo_app, "rep")
    first = _ask(rt, rep, "지난달 매출 얼마야?", thread="same")
    second = _ask(rt, rep, "그럼 지난 분기는?", thread="same")
    assert first.turn_id is not None and second.turn_id is not None and first.turn_id != second.turn_id
    assert first.to_json()["turn_id"] == first.turn_id
    with demo_app.session() as s:
        assert s.get(ConversationTurn, first.turn_id).text == "지난달 매출 얼마야?"
        assert s.get(ConversationTurn, second.turn_id).text == "그럼 지난 분기는?"
