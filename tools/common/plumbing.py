"""Glue between LangChain tools and the plain capability functions.

A capability's `agent_tools.py` declares thin `@tool(..., response_format="content_and_artifact")`
wrappers that take `runtime: ToolRuntime[ToolContext]` and call `run_tool`. The runtime
injects `ToolContext` (the caller among it); the model never sees or sets it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller
from tools.common.results import ToolOutput

log = logging.getLogger(__name__)


@dataclass
class ToolContext:
    """Injected into every tool call by the agent runtime (LangGraph context)."""

    caller: Caller
    app: Any  # medrep.kernel.context.AppContext (typed loosely so tool schemas build without importing it)
    thread_key: str = ""
    files: list[Any] = field(default_factory=list)  # agent.types.TurnFile of this turn


class ToolInputError(ValueError):
    """Bad arguments; the message is Korean and tells the user what to ask instead."""


def run_tool(runtime: Any, fn: Callable[[Session, Caller], ToolOutput]) -> tuple[str, ToolOutput]:
    """Run `fn(session, caller)` for a tool call and turn failures into Korean answers."""
    context: ToolContext = runtime.context
    try:
        with context.app.session() as session:
            output = fn(session, context.caller)
            session.commit()
    except AccessDenied as exc:
        output = ToolOutput(summary=exc.message, error="access_denied")
    except ToolInputError as exc:
        output = ToolOutput(summary=str(exc), error="bad_request")
    except LookupError as exc:
        output = ToolOutput(summary=str(exc.args[0]) if exc.args else "찾을 수 없습니다.", error="not_found")
    except Exception:  # a tool bug must not kill the turn; the user gets a clear message
        log.exception("tool failed")
        output = ToolOutput(
            summary="요청을 처리하는 중 오류가 발생했습니다. 잠시 후 다시 시도해 주시고, 계속되면 관리자에게 알려 주세요.",
            error="failed",
        )
    return output.summary, output
