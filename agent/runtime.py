"""`AgentRuntime`: the one entry point the bots and the console use.

Built once per process: a LangGraph tool-calling agent (langchain `create_agent`) over the
tools discovered in `tools/`, a checkpointer for per-thread memory (thread_id = the turn's
thread key) and a chat model (ChatOpenAI or the offline router). `answer()` never raises.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import warnings
from typing import TYPE_CHECKING, Any, Callable

from langchain.agents import create_agent
from langchain.agents.middleware import ModelRequest, dynamic_prompt
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.artifacts import ArtifactVault
from agent.checkpoint import open_checkpointer
from agent.journal import record_turn
from agent.models import backend_name, default_model
from agent.prompt import system_prompt
from agent.reply import reply_from_messages
from tools.registry import discover_tools, status_for_tool
from agent.types import Reply, Turn
from tools.common.plumbing import ToolContext

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

RECURSION_LIMIT = 12
# The thread's state is saved once, when the turn ends (also when it fails, so a failed turn
# can be repaired), not after every step: a turn is short, and per-step saves were a third
# of the agent's own time.
DURABILITY = "exit"
FAILED_TEXT = ("죄송합니다. 답변을 만드는 중 문제가 발생했습니다({what}). 잠시 후 다시 시도해 주시고, "
               "계속되면 관리자에게 알려 주세요.")


# langchain-core serializes the injected ToolRuntime through the tool's input schema and
# warns that our dataclass context is not `None`; the value is passed through unchanged.
_CONTEXT_WARNING = r"Pydantic serializer warnings:[\s\S]*field_name='context'"


@dynamic_prompt
def _korean_system_prompt(request: ModelRequest) -> str:
    context: ToolContext = request.runtime.context
    return system_prompt(context.caller, context.app.today())


class AgentRuntime:
    """Holds the compiled graph, the checkpointer and the model for one AppContext."""

    def __init__(self, app: "AppContext", *, model: BaseChatModel | None = None, tools: list | None = None):
        warnings.filterwarnings("ignore", message=_CONTEXT_WARNING, category=UserWarning)
        self.app = app
        self.tools = list(tools) if tools is not None else discover_tools()
        self.model = model if model is not None else default_model(app)
        self.backend = backend_name(self.model)
        self.checkpointer, self._close, self.memory = open_checkpointer(app.settings)
        self.artifacts = ArtifactVault()
        self.graph = create_agent(
            self.model,
            self.tools,
            middleware=[_korean_system_prompt, self.artifacts.middleware()],
            context_schema=ToolContext,
            checkpointer=self.checkpointer,
        )
        # What start-up loaded (modules, tools, models) lives as long as the process: keep it
        # out of the cyclic collector, whose full passes over it cost ~0.5 s inside some turn.
        gc.freeze()

    @property
    def tool_names(self) -> list[str]:
        return [t.name for t in self.tools]

    def close(self) -> None:
        self._close()

    def answer(self, turn: Turn, on_status: Callable[[str], None] | None = None,
               on_step: Callable[[str, str, str], None] | None = None) -> Reply:
        """`on_step(call_id, tool_name, state)`: "in_progress" when a tool call starts, then
        "complete" or "error" when its result arrives (adapters show these as task steps)."""
        started = time.perf_counter()
        try:
            reply = self._run(turn, on_status, on_step)
        except Exception as exc:  # the user always gets a Korean answer
            log.exception("agent turn failed (thread %s)", turn.thread_key)
            reply = Reply(text=FAILED_TEXT.format(what=_describe(exc)), error=f"{type(exc).__name__}: {exc}"[:500])
            self._repair_thread(turn.thread_key)
        reply.latency_ms = int((time.perf_counter() - started) * 1000)
        reply.turn_id = record_turn(self.app, turn, reply, self.backend)
        return reply

    def _run(self, turn: Turn, on_status: Callable[[str], None] | None,
             on_step: Callable[[str, str, str], None] | None = None) -> Reply:
        if not turn.text.strip() and not turn.files:
            return Reply(text="질문 내용이 비어 있습니다. 궁금한 점을 한국어로 적어 주세요. 예: '지난달 제품별 실적 보여줘'",
                         error="empty")
        text = turn.text.strip() or "첨부한 파일을 확인해 주세요."
        if turn.files:
            names = ", ".join(f.name for f in turn.files)
            text = f"{text}\n\n[첨부 파일: {names}]"
        context = ToolContext(caller=turn.caller, app=self.app, thread_key=turn.thread_key, files=list(turn.files),
                              text=turn.text)
        config = {"configurable": {"thread_id": turn.thread_key}, "recursion_limit": RECURSION_LIMIT}
        produced: list[Any] = []
        artifacts: dict[str, Any] = {}
        for update in self.graph.stream({"messages": [HumanMessage(text)]}, config=config, context=context,
                                        stream_mode="updates", durability=DURABILITY):
            for node_update in update.values():
                messages = (node_update or {}).get("messages", []) if isinstance(node_update, dict) else []
                for message in messages:
                    produced.append(message)
                    if isinstance(message, ToolMessage):
                        artifacts[message.tool_call_id] = self.artifacts.take(message.tool_call_id)
                        if on_step:
                            _safe_status(on_step, message.tool_call_id, message.name or "",
                                         "error" if message.status == "error" else "complete")
                    if isinstance(message, AIMessage):
                        for call in message.tool_calls:
                            if on_step:
                                _safe_status(on_step, call.get("id") or "", call["name"], "in_progress")
                            if on_status:
                                _safe_status(on_status, status_for_tool(call["name"]))
        return reply_from_messages(produced, artifacts)

    def _repair_thread(self, thread_key: str) -> None:
        """Answer dangling tool calls so the thread stays usable after a failed turn."""
        try:
            config = {"configurable": {"thread_id": thread_key}}
            messages = self.graph.get_state(config).values.get("messages", [])
            if messages and isinstance(messages[-1], AIMessage) and messages[-1].tool_calls:
                fixes = [ToolMessage(content="도구 실행이 중단되었습니다.", tool_call_id=c["id"], status="error")
                         for c in messages[-1].tool_calls]
                fixes.append(AIMessage(content="이전 요청은 처리하지 못했습니다."))
                self.graph.update_state(config, {"messages": fixes}, as_node="model")
        except Exception:
            log.warning("could not repair thread %s", thread_key, exc_info=True)


def _safe_status(callback: Callable[..., None], *args: str) -> None:
    try:
        callback(*args)
    except Exception:  # a status callback must not break the turn
        log.warning("status callback failed", exc_info=True)


def _describe(exc: Exception) -> str:
    name = type(exc).__name__
    if "Connection" in name or "Timeout" in name:
        return "언어 모델 서버에 연결하지 못함"
    if "Authentication" in name or "PermissionDenied" in name:
        return "언어 모델 인증 실패: OPENAI_API_KEY 확인 필요"
    if "RateLimit" in name:
        return "언어 모델 사용량 한도 초과"
    if "GraphRecursion" in name:
        return "도구 호출이 너무 많이 반복됨"
    return "내부 오류"


_RUNTIMES: dict[int, tuple["AppContext", AgentRuntime]] = {}
_LOCK = threading.Lock()


def get_runtime(app: "AppContext") -> AgentRuntime:
    """The runtime for `app`, built on first use and cached for the process."""
    with _LOCK:
        cached = _RUNTIMES.get(id(app))
        if cached is None or cached[0] is not app:
            cached = (app, AgentRuntime(app))
            _RUNTIMES[id(app)] = cached
        return cached[1]
