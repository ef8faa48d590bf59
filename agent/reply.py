"""Build the `Reply` of one turn from the messages the graph produced in that turn."""

from __future__ import annotations

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agent.types import Reply, ToolCallRecord
from tools.common.results import ToolOutput


def reply_from_messages(messages: list[BaseMessage], artifacts: dict[str, object] | None = None) -> Reply:
    """`artifacts` maps tool-call ids to the ToolOutput each tool returned."""
    calls: list[ToolCallRecord] = []
    reply = Reply(text="")
    final_text = ""
    errors: list[str] = []
    for message in messages:
        if isinstance(message, AIMessage):
            calls += [ToolCallRecord(name=c["name"], args=dict(c["args"])) for c in message.tool_calls]
            if not message.tool_calls and message.text:
                final_text = message.text
        elif isinstance(message, ToolMessage):
            artifact = (artifacts or {}).get(message.tool_call_id, message.artifact)
            if isinstance(artifact, ToolOutput):
                reply.files += artifact.files
                reply.citations += artifact.citations
                for s in artifact.suggestions:
                    if s not in reply.suggestions:
                        reply.suggestions.append(s)
                if artifact.error:
                    errors.append(artifact.error)
            elif message.status == "error":  # arguments refused by the schema before the tool ran
                errors.append("bad_request")
    reply.text = final_text.strip() or "답변을 만들지 못했습니다. 질문을 조금 바꿔 다시 물어봐 주세요."
    reply.tool_calls = calls
    if errors and len(errors) == len([m for m in messages if isinstance(m, ToolMessage)]):
        reply.error = errors[-1]
    return reply
