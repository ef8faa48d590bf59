"""Thread state and multi-part questions with the offline router over the real tools:
follow-ups inherit period, filters and grouping; one question can make several calls."""

from __future__ import annotations

import pytest

from agent.runtime import AgentRuntime
from agent.types import Turn

# (utterance, tool, arguments that must be present with these values, arguments that must be absent)
CONVERSATIONS = {
    "report-then-export": [
        ("지난달 거래처별 실적 보여줘", "sales_report", {"period": "지난달", "group_by": "account"}, ()),
        ("상위 3개만", "sales_report", {"period": "지난달", "group_by": "account", "top_n": 3}, ()),
        ("엑셀로 줘", "sales_export", {"period": "지난달", "group_by": "account"}, ("top_n",)),
        # the account table as ranking bars (issue 12: it used to redraw the 12-month trend)
        ("차트로", "sales_chart", {"period": "지난달", "kind": "ranking", "group_by": "account"}, ()),
    ],
    "region-then-team": [
        ("지난달 지역별 실적", "sales_report", {"period": "지난달", "group_by": "region"}, ()),
        ("서울만", "sales_report", {"period": "지난달", "region": "서울"}, ()),
        ("팀별로 보여줘", "sales_report", {"period": "지난달", "group_by": "team", "region": "서울"}, ()),
        ("이번 달 전체 실적", "sales_report", {"period": "이번 달"}, ("region",)),
    ],
    "wiki-page-then-history": [
        ("\"방문 일정 짜는 법\" 페이지 보여줘", "wiki_view", {"page": "방문 일정 짜는 법"}, ()),
        ("이력도 보여줘", "wiki_history", {"page": "방문 일정 짜는 법"}, ()),
    ],
}


@pytest.fixture
def runtime(search_app):
    rt = AgentRuntime(search_app)
    yield rt
    rt.close()


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_follow_ups_keep_the_thread(runtime, search_app, caller, name):
    rep = caller(search_app, "rep", team="서울1팀")
    for text, tool, present, absent in CONVERSATIONS[name]:
        reply = runtime.answer(Turn(caller=rep, thread_key=f"follow:{name}", text=text))
        assert reply.tool_calls, (text, reply.text)
        call = reply.tool_calls[-1]
        assert call.name == tool, (text, call)
        assert {k: call.args.get(k) for k in present} == present, (text, call.args)
        assert not set(absent) & set(call.args), (text, call.args)


def test_one_question_several_tools(runtime, search_app, caller):
    rep = caller(search_app, "rep", team="서울1팀")
    reply = runtime.answer(Turn(caller=rep, thread_key="multi", text="지난달 실적 보여주고 이탈 위험 거래처도 알려줘"))
    assert [c.name for c in reply.tool_calls] == ["sales_report", "client_churn_risk"]
    assert reply.tool_calls[0].args["period"] == "지난달"
    assert "지난달(2026년 10월) 실적" in reply.text and "이탈 위험" in reply.text


def test_a_later_request_takes_the_earlier_period(runtime, search_app, caller):
    rep = caller(search_app, "rep", team="서울1팀")
    reply = runtime.answer(Turn(caller=rep, thread_key="multi2", text="3분기 제품별 실적 보여주고 거래처별 실적도 알려줘"))
    assert [(c.name, c.args.get("period"), c.args.get("group_by")) for c in reply.tool_calls] == [
        ("sales_report", "3분기", "product"), ("sales_report", "3분기", "account")]
