"""Discovers capability packages under `tools/` and what each one provides.

A capability package `tools/<name>/` may provide:
- `agent_tools.py` with `get_tools() -> list[BaseTool]` (LangChain tools, names prefixed as in
  DESIGN.md);
- `lifecycle.py` with `prepare(app) -> str` (run by `medrep demo` after the demo world is
  loaded: build indexes, quick model training; returns a one-line summary), optionally
  `train(app) -> str` (run by `medrep train` and the nightly job: full retraining) and
  `doctor(app) -> list[tuple[str, str, str]]` rows (component, backend, status).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from types import ModuleType
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data.access import Caller
    from medrep.kernel.context import AppContext
    from tools.common.results import ToolOutput

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capability:
    package: str
    prefixes: tuple[str, ...]
    label_ko: str


# Every capability prefix of DESIGN.md, and the package that serves it.
CAPABILITIES: tuple[Capability, ...] = (
    Capability("search", ("search_",), "문서·위키 검색"),
    Capability("analytics", ("sales_",), "실적 분석·리포트"),
    Capability("clients", ("client_",), "거래처 등급·이탈 위험·방문 우선순위"),
    Capability("prediction", ("forecast_", "anomaly_"), "매출 예측·이상 탐지"),
    Capability("wiki", ("wiki_",), "팀 위키"),
    Capability("documents", ("draft_", "compliance_"), "문서 작성·컴플라이언스 점검"),
    Capability("calls", ("call_",), "통화 분석"),
    Capability("news", ("news_",), "뉴스"),
)

PREFIX_TO_CAPABILITY = {prefix: cap for cap in CAPABILITIES for prefix in cap.prefixes}


def capability_for_tool(tool_name: str) -> Capability | None:
    for prefix, cap in PREFIX_TO_CAPABILITY.items():
        if tool_name.startswith(prefix):
            return cap
    return None


def _optional_module(package: str, module: str) -> ModuleType | None:
    name = f"tools.{package}.{module}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name in (name, f"tools.{package}"):
            return None
        raise


def discover_tools() -> list[Any]:
    tools: list[Any] = []
    for cap in CAPABILITIES:
        module = _optional_module(cap.package, "agent_tools")
        if module is not None:
            tools.extend(module.get_tools())
    return tools


def installed_capabilities() -> list[Capability]:
    return [cap for cap in CAPABILITIES if _optional_module(cap.package, "agent_tools") is not None]


def run_hooks(app: "AppContext", hook: str = "prepare", only: set[str] | None = None) -> list[tuple[str, str]]:
    """Run every capability's lifecycle `hook` ("prepare" for `medrep demo`, "train" for
    `medrep train`); returns (capability, summary) pairs in capability order."""
    results = []
    for cap in CAPABILITIES:
        if only and cap.package not in only:
            continue
        module = _optional_module(cap.package, "lifecycle")
        if module is not None and hasattr(module, hook):
            results.append((cap.package, getattr(module, hook)(app)))
    return results


def doctor_rows(app: "AppContext") -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for cap in CAPABILITIES:
        module = _optional_module(cap.package, "lifecycle")
        if module is not None and hasattr(module, "doctor"):
            try:
                rows.extend(module.doctor(app))
            except Exception as exc:  # doctor must always print its table
                rows.append((cap.package, "?", f"오류: {exc}"))
    return rows


# --- calling a tool without the model (slash commands, App Home, digests) -----------------


def find_tool(name: str) -> Any | None:
    try:
        tools = discover_tools()
    except Exception:  # one broken capability must not take the others down
        log.exception("tool discovery failed")
        return None
    return next((t for t in tools if getattr(t, "name", None) == name), None)


def call_tool(app: "AppContext", caller: "Caller", name: str, /, **args: Any) -> "ToolOutput | None":
    """Run tool `name` with `args` as `caller`; None when the capability is not installed."""
    from tools.common.plumbing import ToolContext
    from tools.common.results import ToolOutput

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
