"""Call a catalog tool (tools/CATALOG.md) by name without the model: slash commands, App
Home and digests render its ToolOutput directly. Missing capabilities return None."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def find_tool(name: str) -> Any | None:
    from tools.registry import discover_tools

    try:
        tools = discover_tools()
    except Exception:  # one broken capability must not take the others down
        log.exception("tool discovery failed")
        return None
    return next((t for t in tools if getattr(t, "name", None) == name), None)


def call_tool(app: "AppContext", caller: Caller, name: str, /, **args: Any) -> ToolOutput | None:
    """Run tool `name` with `args` as `caller`; None when the capability is not installed."""
    tool = find_tool(name)
    if tool is None:
        return None
    func = getattr(tool, "func", None)
    if func is None:
        return None
    runtime = SimpleNamespace(context=ToolContext(caller=caller, app=app), state={}, tool_call_id="direct",
                              config={}, stream_writer=lambda *_: None, store=None)
    clean = {k: v for k, v in args.items() if v not in (None, "")}
    try:
        result = func(**clean, runtime=runtime)
    except TypeError as exc:
        log.warning("tool %s rejected args %s: %s", name, clean, exc)
        return ToolOutput(summary="요청 인자를 이해하지 못했습니다. 사용법을 확인해 주세요.", error="bad_request")
    except Exception:
        log.exception("tool %s failed", name)
        return ToolOutput(summary="요청을 처리하는 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.", error="failed")
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], ToolOutput):
        return result[1]
    if isinstance(result, ToolOutput):
        return result
    return ToolOutput(summary=str(result))
