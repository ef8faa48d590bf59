"""The LLM path answers a multi-part question with parallel tool calls: the loopback
OpenAI-compatible server returns two tool_calls in one assistant message, the graph runs
both tools and sends both results back in one request, and the reply lists both calls."""

from __future__ import annotations

import json

from agent_testkit import sales_total
from test_openai_path import FakeOpenAI, _llm_app

from agent.runtime import AgentRuntime
from agent.types import Turn

QUESTION = "지난달 실적 알려주고 이번 분기 실적도 알려줘"


class ParallelOpenAI(FakeOpenAI):
    def respond(self, body: dict) -> dict:
        last = body["messages"][-1]
        if last["role"] == "tool":
            results = [m["content"] for m in body["messages"] if m["role"] == "tool"]
            message, finish = {"role": "assistant", "content": "정리했습니다.\n" + "\n".join(results)}, "stop"
        else:
            calls = [{"id": f"call_{i}", "type": "function",
                      "function": {"name": "sales_report", "arguments": json.dumps({"period": p}, ensure_ascii=False)}}
                     for i, p in enumerate(("지난달", "이번 분기"))]
            message, finish = {"role": "assistant", "content": None, "tool_calls": calls}, "tool_calls"
        return {"id": f"chatcmpl-{len(self.requests)}", "object": "chat.completion", "created": 1_700_000_000,
                "model": body["model"], "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}


def test_multi_part_question_makes_parallel_tool_calls(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep", team="서울1팀")
    with ParallelOpenAI({}) as fake:
        rt = AgentRuntime(_llm_app(demo_app, fake.base_url), tools=small_tools)
        reply = rt.answer(Turn(caller=rep, thread_key="oa-par", text=QUESTION))

    with demo_app.session() as s:
        _, last_month = sales_total(s, rep, demo_app.today(), "지난달")
        _, quarter = sales_total(s, rep, demo_app.today(), "이번 분기")
    assert reply.error is None, reply.text
    assert [(c.name, c.args) for c in reply.tool_calls] == [
        ("sales_report", {"period": "지난달"}), ("sales_report", {"period": "이번 분기"})]
    assert f"{last_month:,}원" in reply.text and f"{quarter:,}원" in reply.text
    # one model round for the calls, one for the answer: both results came back together
    assert len(fake.requests) == 2
    tool_messages = [m for m in fake.requests[1]["messages"] if m["role"] == "tool"]
    assert [m["tool_call_id"] for m in tool_messages] == ["call_0", "call_1"]
    assert fake.requests[0].get("parallel_tool_calls", True) is not False
    assert "병렬" in fake.requests[0]["messages"][0]["content"]
