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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

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
