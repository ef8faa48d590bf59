"""The offline router sends news questions, feedback and digest settings to the news_* tools
with their arguments (the caller comes from the turn, never from an argument)."""

from __future__ import annotations

import pytest

from agent.runtime import AgentRuntime
from agent.types import Turn


@pytest.mark.parametrize("text,tool,args", [
    ("다이제스트 7시 반으로 바꿔줘", "news_settings", {"send_time": "07:30"}),
    ("모닝 브리핑 설정 보여줘", "news_settings", {}),
    ("12번 뉴스 좋아요", "news_feedback", {"story_id": 12, "value": "up"}),
    # the digest's buttons ask these (scheduled/digest.py)
    ("7번 뉴스 관심 없어", "news_feedback", {"story_id": 7, "value": "down"}),
    ("7번 뉴스 비슷한 거 더 보여줘", "news_feedback", {"story_id": 7, "value": "more"}),
    ("약가 인하 뉴스 보여줘", "news_digest", {"topic": "약가 인하"}),
    ("경쟁사 뉴스 알려줘", "news_digest", {"category": "competitor"}),
    # another company's news is news about it (its sales figures are out of scope)
    ("셀트리온 관련 뉴스 있어?", "news_digest", {"topic": "셀트리온"}),
    ("news about Pfizer", "news_digest", {"topic": "Pfizer"}),
    ("모닝 다이제스트 이제 그만 보내", "news_settings", {"enabled": False}),
    # a list of items is one settings request, not "실적" and then "뉴스"
    ("다이제스트에 실적이랑 뉴스만 넣어줘", "news_settings", {"sections": "news,sales"}),
    ("다이제스트에서 뉴스랑 이상 징후 빼줘", "news_settings", {"drop_sections": "news,anomalies"}),
])
def test_router_calls_news_tools(demo_app, caller, text, tool, args):
    who = caller(demo_app, "rep")
    reply = AgentRuntime(demo_app).answer(Turn(caller=who, thread_key=f"cli:test:{text}", text=text))
    calls = [(c.name, c.args) for c in reply.tool_calls]
    assert calls and calls[0][0] == tool, (calls, reply.text)
    assert {k: v for k, v in calls[0][1].items() if k in args} == args, calls
