"""The LLM path gives the right months: a scripted OpenAI-compatible model (real HTTP, the real
langchain-openai client) passes each period phrase to the real `sales_report` as the system
prompt tells it to, and the answer's total equals SQL over the months the phrase means."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from agent.runtime import AgentRuntime
from agent.types import Turn
from test_openai_path import FakeOpenAI, _llm_app
from tools.common.formatting import format_won

# Business date 2026-11-20 (the demo world's pinned today): phrase → (first month, last month).
PHRASES = [
    ("지지난달", "2026-09", "2026-09"),
    ("25년 3월", "2025-03", "2025-03"),
    ("올해 1분기부터 3분기까지", "2026-01", "2026-09"),
    ("3월부터 5월까지", "2026-03", "2026-05"),
    ("저번 분기", "2026-07", "2026-09"),
    ("25년 상반기", "2025-01", "2025-06"),
    ("작년 같은 기간", "2025-11", "2025-11"),
    ("전년 동기", "2025-11", "2025-11"),
    ("이번 분기 작년 같은 기간", "2025-10", "2025-12"),
    ("작년 이맘때", "2025-11", "2025-11"),
    ("last quarter", "2026-07", "2026-09"),
    ("Q3 2025", "2025-07", "2025-09"),
    ("2025년 1월~6월", "2025-01", "2025-06"),
    ("전월", "2026-10", "2026-10"),
    ("재작년", "2024-01", "2024-12"),
]


def _sql_total(app, rep_id: int, first: str, last: str) -> int:
    start = date.fromisoformat(first + "-01")
    end = date.fromisoformat(last + "-01")
    with app.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT COALESCE(SUM(amount), 0) FROM sales_monthly WHERE rep_id = :r AND month >= :a AND month <= :b"),
            {"r": rep_id, "a": start, "b": end}).scalar())


@pytest.fixture
def llm_runtime(demo_app):
    with FakeOpenAI({}) as fake:
        runtime = AgentRuntime(_llm_app(demo_app, fake.base_url))
        yield fake, runtime
        runtime.close()


@pytest.mark.parametrize("phrase,first,last", PHRASES)
def test_llm_period_phrases_give_the_right_months(llm_runtime, demo_app, caller, phrase, first, last):
    fake, runtime = llm_runtime
    rep = caller(demo_app, "rep", team="서울1팀")
    fake.tool_args = {"period": phrase}
    reply = runtime.answer(Turn(caller=rep, thread_key=f"llm-period:{phrase}", text=f"{phrase} 실적 알려줘"))
    assert reply.error is None, reply.text
    assert [(c.name, c.args) for c in reply.tool_calls] == [("sales_report", {"period": phrase})]
    assert f"합계 {format_won(_sql_total(demo_app, rep.rep_id, first, last))}" in reply.text, reply.text
    system = fake.requests[-2]["messages"][0]["content"]
    assert "2026-11-20" in system and "문구" in system


def test_llm_sees_enums_and_bounds(llm_runtime, demo_app, caller):
    fake, runtime = llm_runtime
    fake.tool_args = {"period": "지난달"}
    runtime.answer(Turn(caller=caller(demo_app, "rep"), thread_key="llm-schema", text="지난달 실적"))
    tools = {t["function"]["name"]: t["function"]["parameters"]["properties"] for t in fake.requests[0]["tools"]}
    assert tools["sales_report"]["group_by"]["enum"][0] == "product"
    assert tools["forecast_sales"]["horizon"]["maximum"] == 6
    assert all(p.get("description") for props in tools.values() for p in props.values())


def test_eval_agent_runs_against_an_openai_compatible_endpoint(llm_runtime, demo_app, tmp_path):
    """`medrep eval agent` scores whatever model is configured: here the scripted endpoint,
    which always calls sales_report, so the two other lines are misses and listed as such."""
    import json

    from agent.evaluate import evaluate_jsonl

    fake, runtime = llm_runtime
    fake.tool_args = {"period": "지난달"}
    rows = [{"as": "김민준", "text": "지난달 실적", "expect_tool": "sales_report"},
            {"as": "김민준", "text": "로수빛 용법", "expect_tool": "search_documents"},
            {"as": "김민준", "text": "오늘 날씨 어때?", "expect_tool": None}]
    path = tmp_path / "eval.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = evaluate_jsonl(path, app=demo_app, runtime=runtime)
    assert result["backend"] == "openai:medrep-test-model"
    assert result["n"] == 3 and result["accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert {(e["text"], e["expected"], e["got"]) for e in result["errors"]} == {
        ("로수빛 용법", "search_documents", "sales_report"), ("오늘 날씨 어때?", None, "sales_report")}
    assert result["by_capability"]["(none)"] == {"n": 1, "accuracy": 0.0}
