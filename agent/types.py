"""What a channel adapter sends to the agent (`Turn`) and gets back (`Reply`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from data.access import Caller
from tools.common.files import TurnFile
from tools.common.results import Citation, FileArtifact


@dataclass
class Turn:
    caller: Caller
    thread_key: str  # slack:{team}:{channel}:{thread_ts} | teams:{conversation} | cli:{name}
    text: str
    files: list[TurnFile] = field(default_factory=list)
    platform: str = "cli"


@dataclass
class ToolCallRecord:
    name: str
    args: dict


@dataclass
class Reply:
    text: str  # Korean markdown
    files: list[FileArtifact] = field(default_factory=list)
    blocks: list[dict] | None = None
    suggestions: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    latency_ms: int = 0
    error: str | None = None
    turn_id: int | None = None  # the `conversation_turns` row of this turn (set by AgentRuntime.answer)

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "tool_calls": [{"name": c.name, "args": c.args} for c in self.tool_calls],
            "files": [{"path": str(f.path), "mime": f.mime, "title": f.title} for f in self.files],
            "citations": [c.to_json() for c in self.citations],
            "suggestions": list(self.suggestions),
            "latency_ms": self.latency_ms,
            "turn_id": self.turn_id,
        }
