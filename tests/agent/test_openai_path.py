"""The ChatOpenAI path end to end: a loopback OpenAI-compatible server (real HTTP, the
chat-completions protocol) answers with a tool call first and a final message after the
tool result; the real langchain-openai client talks to it through OPENAI_BASE_URL."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from agent.models import default_model
from agent.runtime import AgentRuntime
from agent.types import Turn
from agent_testkit import sales_total
from data.models import ConversationTurn
from medrep.kernel.context import AppContext


class FakeOpenAI:
    """POST /v1/chat/completions: tool call while no tool result, then a final answer."""

    def __init__(self, tool_args: dict):
        self.requests: list[dict] = []
        self.auth: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.auth.append(self.headers.get("Authorization", ""))
                if self.path != "/v1/chat/completions":
                    self.send_response(404)
                    self.end_headers()
                    return
                fake.requests.append(body)
                payload = fake.respond(body)
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.tool_args = tool_args
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def respond(self, body: dict) -> dict:
        last = body["messages"][-1]
        if last["role"] == "tool":
            message = {"role": "assistant", "content": f"조회 결과입니다. {last['content']}"}
            finish = "stop"
        else:
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": f"call_{len(self.requests)}", "type": "function",
                "function": {"name": "sales_report", "arguments": json.dumps(self.tool_args, ensure_ascii=False)}}]}
            finish = "tool_calls"
        return {"id": f"chatcmpl-{len(self.requests)}", "object": "chat.completion", "created": 1_700_000_000,
                "model": body["model"], "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _llm_app(app: AppContext, base_url: str) -> AppContext:
    settings = app.settings.model_copy(update={"openai_api_key": "sk-loopback", "openai_base_url": base_url,
                                               "medrep_llm_model": "medrep-test-model"})
    return AppContext(settings=settings, engine=app.engine, session_factory=app.session_factory)


def test_chat_openai_through_the_same_graph(demo_app, caller, small_tools):
    rep = caller(demo_app, "rep", team="서울1팀")
    with FakeOpenAI({"period": "지난달"}) as fake:
        app = _llm_app(demo_app, fake.base_url)
        rt = AgentRuntime(app, tools=small_tools)
        assert rt.backend == "openai:medrep-test-model"
        statuses: list[str] = []
        reply = rt.answer(Turn(caller=rep, thread_key="oa", text="지난달 매출 알려줘"), on_status=statuses.append)
        follow = rt.answer(Turn(caller=rep, thread_key="oa", text="그럼 지난 분기는?"))

    with demo_app.session() as s:
        _, expected = sales_total(s, rep, demo_app.today(), "지난달")
    assert reply.error is None, reply.text
    assert reply.text.startswith("조회 결과입니다.") and f"{expected:,}원" in reply.text
    assert [(c.name, c.args) for c in reply.tool_calls] == [("sales_report", {"period": "지난달"})]
    assert statuses == ["매출 데이터를 분석 중…"]
    assert fake.auth[0] == "Bearer sk-loopback"

    first = fake.requests[0]
    assert first["model"] == "medrep-test-model"
    system = first["messages"][0]
    assert system["role"] == "system" and "2026-11-20" in system["content"] and rep.name in system["content"]
    tool_names = {t["function"]["name"] for t in first["tools"]}
    assert tool_names == {"sales_report", "sales_chart", "search_documents"}
    params = next(t for t in first["tools"] if t["function"]["name"] == "sales_report")["function"]["parameters"]
    assert "runtime" not in params["properties"] and "period" in params["properties"]
    # the tool result went back to the model; the thread's history came along on the follow-up
    assert fake.requests[1]["messages"][-1]["role"] == "tool"
    follow_messages = fake.requests[2]["messages"]
    assert [m["role"] for m in follow_messages] == ["system", "user", "assistant", "tool", "assistant", "user"]
    assert follow.tool_calls[0].name == "sales_report"

    with demo_app.session() as s:
        rows = s.scalars(select(ConversationTurn).where(ConversationTurn.thread_key == "oa")).all()
    assert [r.backend for r in rows] == ["openai:medrep-test-model"] * 2


def test_caller_is_injected_not_taken_from_model(demo_app, caller, small_tools):
    """The model asks for another team; the tool refuses using the injected Caller."""
    rep = caller(demo_app, "rep", team="서울1팀")
    with FakeOpenAI({"period": "지난달", "team": "서울2팀"}) as fake:
        rt = AgentRuntime(_llm_app(demo_app, fake.base_url), tools=small_tools)
        reply = rt.answer(Turn(caller=rep, thread_key="oa2", text="서울2팀 매출"))
    assert reply.error == "access_denied"
    assert "다른 팀" in fake.requests[1]["messages"][-1]["content"]


def test_unreachable_endpoint_gives_korean_error(demo_app, caller, small_tools):
    app = _llm_app(demo_app, "http://127.0.0.1:9/v1")
    rt = AgentRuntime(app, tools=small_tools)
    reply = rt.answer(Turn(caller=caller(demo_app, "rep"), thread_key="down", text="지난달 매출"))
    assert reply.error and "언어 모델 서버에 연결하지 못함" in reply.text


def test_default_model_without_key_is_offline_router(demo_app):
    assert default_model(demo_app)._llm_type == "medrep-offline-router"


@pytest.mark.postgres
def test_postgres_checkpointer_keeps_thread_memory(demo_app, caller, small_tools, pg_url):
    settings = demo_app.settings.model_copy(update={"database_url": pg_url})
    app = AppContext(settings=settings, engine=demo_app.engine, session_factory=demo_app.session_factory)
    rep = caller(demo_app, "rep")
    rt = AgentRuntime(app, tools=small_tools)
    assert rt.memory == "postgres"
    rt.answer(Turn(caller=rep, thread_key="pg", text="지난달 로수빛 매출"))
    rt.close()
    again = AgentRuntime(app, tools=small_tools)
    reply = again.answer(Turn(caller=rep, thread_key="pg", text="그럼 지난 분기는?"))
    again.close()
    assert reply.tool_calls[0].args == {"period": "지난 분기", "product": "로수빛"}
