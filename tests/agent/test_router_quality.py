"""Conversation quality of the offline router: negation ("X 말고 Y" routes on Y), out-of-scope
questions answered politely without a tool, and clarifying questions on low confidence."""

from __future__ import annotations

import pytest

import agent.router.model as router_model
from agent.router.compose import clarify_text
from agent.router.model import negation_focus
from agent.runtime import AgentRuntime
from agent.types import Turn


def test_negation_focus():
    assert negation_focus("그래프 말고 표로 지난달 매출") == "표로 지난달 매출"
    assert negation_focus("예측하지 말고 실제 숫자만 알려줘") == "실제 숫자만 알려줘"
    assert negation_focus("차트는 필요 없고 숫자로 거래처별 매출만") == "숫자로 거래처별 매출만"
    assert negation_focus("지난달 제품별 실적 보여줘") == "지난달 제품별 실적 보여줘"
    assert negation_focus("대신 지난 분기로") == "대신 지난 분기로"  # a follow-up cue, not a negation


def test_clarify_text_names_both_candidates():
    assert clarify_text(["sales_report", "forecast_sales"]) == (
        "실적 리포트를 원하시나요, 매출 예측을 원하시나요? 조금만 더 구체적으로 말씀해 주시면 바로 찾아 드릴게요.")


@pytest.fixture
def runtime(demo_app, stand_in_tools):
    rt = AgentRuntime(demo_app, tools=stand_in_tools)
    yield rt
    rt.close()


def _ask(runtime, caller, text, thread):
    return runtime.answer(Turn(caller=caller, thread_key=thread, text=text, platform="cli"))


@pytest.mark.parametrize("text,tool,args", [
    ("그래프 말고 표로 지난달 제품별 매출 보여줘", "sales_report", {"period": "지난달"}),
    ("지난달 예측하지 말고 실제 숫자만 알려줘", "sales_report", {"period": "지난달"}),
    ("표 말고 차트로 지난 분기 실적", "sales_chart", {"period": "지난 분기"}),
    ("이탈 위험 말고 등급만 보여줘", "client_grades", {}),
])
def test_negation_routes_on_what_is_wanted(runtime, demo_app, caller, text, tool, args):
    reply = _ask(runtime, caller(demo_app, "rep"), text, f"neg:{text}")
    assert [c.name for c in reply.tool_calls] == [tool], reply.text
    assert args.items() <= reply.tool_calls[0].args.items()


def test_other_companies_are_one_placeholder_and_our_accounts_stay():
    from agent.router.companies import mask_companies

    assert mask_companies("LG전자 분기 매출이랑 셀트리온 실적") == "⟨회사⟩ 분기 매출이랑 ⟨회사⟩ 실적"
    for kept in ("한빛제약 주가", "보령약품 매출", "삼성서울병원 매출", "제약 뉴스", "경쟁 제약사 소식", "법인카드 규정"):
        assert mask_companies(kept) == kept


def test_another_companys_figures_point_to_its_news(runtime, demo_app, caller):
    reply = _ask(runtime, caller(demo_app, "rep"), "종근당 3분기 실적 어땠어?", "corp-oos")
    assert reply.tool_calls == [] and '"종근당 관련 뉴스"' in reply.text


def test_news_about_another_company_is_news(runtime, demo_app, caller):
    reply = _ask(runtime, caller(demo_app, "rep"), "종근당 관련 뉴스 있어?", "corp-news")
    assert [c.name for c in reply.tool_calls] == ["news_digest"], reply.text


def test_calling_with_an_account_is_not_two_requests(runtime, demo_app, caller):
    """"X이랑 통화한 녹취" is "the call with X", not "X, and a call"."""
    from agent.router.clauses import conjunction_splits

    assert conjunction_splits("한성대학교병원이랑 통화한 녹취 요약해줘") == []
    assert conjunction_splits("다이제스트에서 뉴스랑 이상 징후 빼줘") == []  # items of one list
    assert conjunction_splits("양천중앙병원 최근 방문이랑 매출") != []
    reply = _ask(runtime, caller(demo_app, "rep"), "오늘 한성대학교병원이랑 통화한 녹취 올렸는데 요약이랑 할 일 뽑아줘", "call-with")
    assert [c.name for c in reply.tool_calls] == ["call_analyze"], reply.text


def test_both_channels_is_not_a_filter(runtime, demo_app, caller):
    reply = _ask(runtime, caller(demo_app, "rep"), "원내 원외 채널별 이번달 실적", "chan")
    assert reply.tool_calls[0].name == "sales_report"
    assert "channel" not in reply.tool_calls[0].args


@pytest.mark.parametrize("text", ["오늘 날씨 어때?", "점심 메뉴 추천 좀", "삼성전자 주가 얼마야", "파이썬 코드 짜줘",
                                  "여자친구랑 싸웠어 어떡하지", "두산에너지 분기 매출 알려줘", "종근당 3분기 실적 어땠어?"])
def test_out_of_scope_is_answered_without_a_tool(runtime, demo_app, caller, text):
    reply = _ask(runtime, caller(demo_app, "rep"), text, f"oos:{text}")
    assert reply.tool_calls == [] and not reply.error
    assert "범위가 아니에요" in reply.text and "실적" in reply.text


def test_low_confidence_asks_which_of_two(runtime, demo_app, caller, monkeypatch):
    monkeypatch.setattr(router_model, "CLARIFY_BELOW", 1.01)  # every first turn is "unsure"
    reply = _ask(runtime, caller(demo_app, "rep"), "지난달 실적", "clarify")
    assert reply.tool_calls == []
    assert reply.text.count("원하시나요") == 2 and "실적 리포트" in reply.text


def test_out_of_scope_after_a_report_keeps_no_tool(runtime, demo_app, caller):
    rep = caller(demo_app, "rep")
    assert _ask(runtime, rep, "지난달 제품별 실적", "mix").tool_calls[0].name == "sales_report"
    assert _ask(runtime, rep, "근데 오늘 날씨 어때?", "mix").tool_calls == []


@pytest.mark.parametrize("text", ["고마워!", "감사합니다", "thanks"])
def test_thanks_get_a_short_reply_not_the_help_text(runtime, demo_app, caller, text):
    reply = _ask(runtime, caller(demo_app, "rep"), text, f"thanks:{text}")
    assert reply.tool_calls == [] and "다행이에요" in reply.text and "이런 질문을" not in reply.text
