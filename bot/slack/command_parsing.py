"""Slash command text → a tool call, through the parser each capability's manifest declares
(`tools/<name>/commands.py`), or Korean usage help."""

from __future__ import annotations

from datetime import date

from tools.common.contract import SlashCall, SlashUsageError, resolve
from tools.registry import slash_commands

UsageError = SlashUsageError
ToolCall = SlashCall


def help_text() -> str:
    lines = ["*MedRep 사용법* — 채널에서 @MedRep 을 멘션하거나 DM으로 물어보세요. 스레드에서는 멘션 없이 이어서 질문할 수 있어요.",
             "파일(문서·통화 녹음)을 스레드나 DM에 올리면 저장하고 바로 질문할 수 있습니다.", ""]
    lines += [cmd.usage for _, cmd in slash_commands().values()]
    lines.append("*/medrep [질문]* — 에이전트에게 바로 질문 (`/medrep help` 이 도움말)")
    return "\n\n".join(lines)


def parse_command(command: str, text: str, today: date) -> SlashCall:
    declared = slash_commands().get(command)
    if declared is None:
        raise SlashUsageError(help_text())
    cap, cmd = declared
    return resolve(cap.package, cmd.parser)((text or "").strip(), today)
