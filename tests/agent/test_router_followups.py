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


def test_chart_kind_cues_for_achievement():
    """'월별 달성률 추이' is the monthly trend (it has the target line), not this month's bars;
    '팀별 달성률 차트' asks for bars per team, '팀원별' per rep."""
    from agent.router.slots import Slots
    from tools.analytics.routing import _chart_kind

    def kind(text: str) -> dict:
        return _chart_kind(Slots(text=text))

    assert kind("월별 달성률 추이") == {"kind": "trend"}
    assert kind("팀별 달성률 차트") == {"kind": "achievement", "group_by": "team"}
    assert kind("팀원별 달성률 차트") == {"kind": "achievement", "group_by": "rep"}
    assert kind("이번 달 달성률 차트") == {"kind": "achievement"}


def test_one_month_chart_is_that_months_bars_not_a_year_of_trend():
    """'지난달 내 실적 차트로 보여줘' asks about one month: its bars against target; a trend word
    or a span keeps the monthly trend."""
    from agent.router.slots import Slots
    from tools.analytics.routing import _chart_kind

    assert _chart_kind(Slots(text="지난달 내 실적 차트로 보여줘", period="지난달")) == {"kind": "achievement"}
    assert _chart_kind(Slots(text="10월 실적 그래프", period="10월")) == {"kind": "achievement"}
    assert _chart_kind(Slots(text="지난달 추이 차트", period="지난달")) == {"kind": "trend"}
    assert _chart_kind(Slots(text="최근 6개월 실적 차트", period="최근 6개월")) == {"kind": "trend"}
    assert _chart_kind(Slots(text="올해 실적 그래프", period="올해")) == {"kind": "trend"}


def test_a_title_and_content_form_creates_a_wiki_page():
    """'제목: …, 내용: …' was met with 'which page should I edit?': it is a new page."""
    from agent.router.slots import Slots
    from agent.router.toolargs import claimed_by
    from tools.wiki.routing import wiki_args

    text = "제목: 부산 학회 준비물, 내용: 명함 200장, 브로셔"
    assert claimed_by(text) == "wiki_create"
    assert wiki_args("wiki_create", Slots(text=text)) == {"title": "부산 학회 준비물", "body": "명함 200장, 브로셔"}
    assert claimed_by("'약국 영업 팁'에 추가해줘: 주말 방문 피하기") is None
