"""Korean texts the offline router writes itself: final answers from tool results, help,
and the honest "not available yet" answer."""

from __future__ import annotations

from langchain_core.messages import ToolMessage

from tools.registry import PLANNED, capabilities, capability_for_tool

HELP_EXAMPLES_PER_CAPABILITY = 3


def compose_answer(results: list[ToolMessage]) -> str:
    parts = []
    for message in results:
        content = message.content if isinstance(message.content, str) else str(message.content)
        if message.status == "error":
            content = f"요청을 처리하지 못했습니다: {content}"
        parts.append(content.strip())
    text = "\n\n".join(p for p in parts if p)
    return text or "조회 결과가 없습니다. 기간이나 조건을 바꿔 다시 물어봐 주세요."


def help_text(specs: dict) -> str:
    """What MedRep can answer, with examples from the installed manifests (bound tools only)."""
    lines = ["안녕하세요, MedRep입니다. 영업 데이터와 사내 자료에 대해 물어보시면 도와드릴게요."]
    available = []
    for cap in capabilities():
        examples = [e for t in cap.tools if t.name in specs for e in t.examples[:1]]
        if examples:
            quoted = ", ".join(f"\"{e}\"" for e in examples[:HELP_EXAMPLES_PER_CAPABILITY])
            available.append(f"- **{cap.label}**: {quoted}")
    if available:
        lines.append("이런 질문을 할 수 있어요:")
        lines += available
        if PLANNED:
            lines.append("준비 중인 기능: " + ", ".join(p.label for p in PLANNED))
    else:
        lines.append("지금은 사용할 수 있는 기능이 설치되어 있지 않습니다. 관리자에게 문의해 주세요.")
    return "\n".join(lines)


def unavailable_text(tool_name: str) -> str:
    cap = capability_for_tool(tool_name)
    label = cap.label if cap else "요청하신"
    return (f"'{label}' 기능은 아직 설치되지 않아 답변드릴 수 없습니다. "
            "수치를 추측해 드리지 않으니, 기능이 준비되면 다시 물어봐 주세요. (관리자: 해당 기능 패키지 설치 필요)")
