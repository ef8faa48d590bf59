"""The offline router against whichever capability tools are installed right now."""

from __future__ import annotations

import pytest

from agent.runtime import AgentRuntime
from agent.types import Turn
from tools.registry import discover_tools

QUESTIONS = [
    ("지난달 제품별 실적 보여줘", "sales_report", {"period": "지난달", "group_by": "product"}),
    ("최근 6개월 매출 추이 차트", "sales_chart", {"period": "최근 6개월", "kind": "trend"}),
    ("이번 분기 실적 엑셀로 줘", "sales_export", {"period": "이번 분기"}),
    ("지난 분기 이탈 거래처", "sales_account_changes", {"period": "지난 분기", "kind": "lost"}),
    ("이탈 위험 높은 거래처 top 5", "client_churn_risk", {"top_n": 5}),
    ("다음 3개월 매출 예측", "forecast_sales", {"horizon": 3}),
    ("견본품 규정 찾아줘", "search_documents", {}),
    ("위키 목록 보여줘", "wiki_list", {}),
]


@pytest.mark.parametrize("text,tool,args", QUESTIONS)
def test_router_with_installed_tools(demo_app, caller, text, tool, args):
    installed = {t.name for t in discover_tools()}
    rt = AgentRuntime(demo_app)
    reply = rt.answer(Turn(caller=caller(demo_app, "rep"), thread_key=f"real:{tool}", text=text))
    if tool in installed:
        assert reply.tool_calls and reply.tool_calls[0].name == tool, reply.text
        for key, value in args.items():
            assert reply.tool_calls[0].args.get(key) == value
        assert reply.error in (None, "unavailable"), reply.text  # unavailable: model not trained in this world
        assert reply.text.strip()
    else:
        assert reply.tool_calls == []
        assert "아직 설치되지 않아" in reply.text
