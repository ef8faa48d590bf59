"""Running a declared tool (tools/common/contract.py) on every path: validate the arguments
against the tool's schema, open a session, call the handler with the injected caller, and
turn failures into Korean answers. The LangChain tools, the offline router (through them)
and direct calls (slash commands, App Home, digests) all come through `run_spec`, so the
same arguments give the same figures and the same errors.

`ToolContext` is injected by the runtime (LangGraph context); the model never sees or sets it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError
from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller
from tools.common.files import TurnFile
from tools.common.results import ToolOutput

if TYPE_CHECKING:
    from tools.common.contract import ToolSpec

log = logging.getLogger(__name__)


@dataclass
class ToolContext:
    """Injected into every tool call by the agent runtime (LangGraph context)."""

    caller: Caller
    app: Any  # medrep.kernel.context.AppContext (typed loosely so tool schemas build without importing it)
    thread_key: str = ""
    files: list[TurnFile] = field(default_factory=list)  # the files attached to this turn
    text: str = ""  # the user's message as typed (e.g. a pasted call transcript); never model output

    @property
    def today(self) -> date:
        return self.app.today()

    @property
    def settings(self) -> Any:
        return self.app.settings

    def files_dir(self, package: str) -> Path:
        """Where a capability writes the files it returns (charts, Excel, documents)."""
        return self.app.settings.home / "files" / package


class ToolInputError(ValueError):
    """Bad arguments; the message is Korean and tells the user what to ask instead."""


def korean_validation_message(spec: "ToolSpec", exc: ValidationError) -> str:
    """A pydantic error on a tool's arguments, said in Korean with what is allowed."""
    problems = []
    fields = spec.args.model_fields
    for error in exc.errors()[:3]:
        name = str(error["loc"][0]) if error.get("loc") else ""
        info = fields.get(name)
        label = (info.title or name) if info else name
        ctx = error.get("ctx") or {}
        kind = error.get("type", "")
        if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            low, high = _bounds(info)
            problems.append(f"{label}{josa(label, '은', '는')} {low}~{high} 사이로 말씀해 주세요")
        elif kind == "literal_error":
            problems.append(f"{label}{josa(label, '은', '는')} {ctx.get('expected', '')} 중 하나여야 합니다")
        elif kind in ("string_too_long",):
            problems.append(f"{label}{josa(label, '이', '가')} 너무 깁니다({ctx.get('max_length')}자 이내)")
        elif kind == "missing":
            problems.append(f"{label}{josa(label, '을', '를')} 알려 주세요")
        else:
            problems.append(f"{label} 값을 이해하지 못했습니다")
    return "; ".join(problems) + "."


def josa(word: str, with_final: str, without_final: str) -> str:
    """The particle that follows `word`: 은/는, 이/가, 을/를 by its last syllable's final consonant."""
    last = word.strip()[-1:] or "가"
    if "가" <= last <= "힣":
        return with_final if (ord(last) - 0xAC00) % 28 else without_final
    return with_final if last.isdigit() and last in "013678" else without_final


def _bounds(info: Any) -> tuple[Any, Any]:
    low = high = "?"
    for item in getattr(info, "metadata", []) or []:
        low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
    return low, high


def run_spec(package: str, spec: "ToolSpec", context: ToolContext, raw_args: dict[str, Any]) -> ToolOutput:
    """Validate `raw_args`, run the handler as `context.caller`, never raise."""
    from tools.common.contract import resolve

    clean = {k: v for k, v in raw_args.items() if v is not None}
    unknown = sorted(set(clean) - set(spec.args.model_fields))
    if unknown:
        allowed = ", ".join(spec.args.model_fields) or "없음"
        return _refused(f"{', '.join(unknown)}은(는) 이 기능에서 쓸 수 없는 조건입니다 (가능한 조건: {allowed}).")
    try:
        args = spec.args.model_validate(clean)
    except ValidationError as exc:
        return _refused(korean_validation_message(spec, exc))
    handler = resolve(package, spec.handler)
    return run_with_session(lambda session, caller: handler(session, caller, context, args), context)


def _refused(reason: str) -> ToolOutput:
    return ToolOutput(summary=f"요청을 처리할 수 없습니다: {reason}", error="bad_request")


def run_with_session(fn: Callable[[Session, Caller], ToolOutput], context: ToolContext) -> ToolOutput:
    """Run `fn(session, caller)` in one transaction; failures become Korean answers."""
    try:
        with context.app.session() as session:
            output = fn(session, context.caller)
            session.commit()
    except AccessDenied as exc:
        output = ToolOutput(summary=exc.message, error="access_denied")
    except ToolInputError as exc:
        output = ToolOutput(summary=str(exc), error="bad_request")
    except LookupError as exc:
        if isinstance(exc, (KeyError, IndexError)):  # a bug, not "not found": never show its key to the user
            output = _failed()
        else:
            output = ToolOutput(summary=str(exc.args[0]) if exc.args else "찾을 수 없습니다.", error="not_found")
    except Exception:  # a tool bug must not kill the turn; the user gets a clear message
        output = _failed()
    return output


def _failed() -> ToolOutput:
    log.exception("tool failed")
    return ToolOutput(
        summary="요청을 처리하는 중 오류가 발생했습니다. 잠시 후 다시 시도해 주시고, 계속되면 관리자에게 알려 주세요.",
        error="failed",
    )

