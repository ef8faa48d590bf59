"""Tool artifacts (files, citations, structured data) stay out of the checkpoint: a tool
middleware lifts each ToolMessage's artifact into this per-runtime vault, and the turn's
Reply takes them back by tool-call id. The thread history keeps only the Korean summary."""

from __future__ import annotations

import threading
from typing import Any, Callable

from langchain.agents.middleware import wrap_tool_call
from langchain_core.messages import ToolMessage


class ArtifactVault:
    def __init__(self) -> None:
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def put(self, tool_call_id: str, artifact: Any) -> None:
        with self._lock:
            self._items[tool_call_id] = artifact

    def take(self, tool_call_id: str) -> Any:
        with self._lock:
            return self._items.pop(tool_call_id, None)

    def middleware(self):
        vault = self

        @wrap_tool_call(name="KeepArtifactsOutOfCheckpoint")
        def keep_artifacts(request: Any, handler: Callable[[Any], Any]) -> Any:
            result = handler(request)
            if isinstance(result, ToolMessage) and result.artifact is not None:
                vault.put(result.tool_call_id, result.artifact)
                result = result.model_copy(update={"artifact": None})
            return result

        return keep_artifacts
