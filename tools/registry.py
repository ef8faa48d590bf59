"""Discovers the capability packages (`tools/<name>/manifest.py`) and serves what they declare
to every other layer: the LangChain tools of the agent, direct calls for slash commands, App
Home and jobs, status lines, slash commands, lifecycle hooks and doctor rows.

Nothing here names a tool: a package with a manifest is a capability. Reading the
manifests imports no model code; LangChain is imported only when the agent asks for tools.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tools.common.contract import CapabilitySpec, SlashCommand, ToolSpec

if TYPE_CHECKING:
    from data.access import Caller
    from medrep.kernel.context import AppContext
    from tools.common.results import ToolOutput

log = logging.getLogger(__name__)

# DESIGN.md's capability order (answers, help and the catalog list them so); a package not
# named here comes after these, alphabetically.
ORDER = ("search", "analytics", "clients", "prediction", "wiki", "documents", "calls", "news")


@dataclass(frozen=True)
class PlannedCapability:
    """A capability of DESIGN.md with no package yet: answered honestly as not available."""

    label: str
    prefixes: tuple[str, ...]


PLANNED: tuple[PlannedCapability, ...] = ()


@lru_cache(maxsize=1)
def capabilities() -> tuple[CapabilitySpec, ...]:
    """Every installed capability, in DESIGN.md order."""
    import tools

    found: list[CapabilitySpec] = []
    for info in pkgutil.iter_modules(tools.__path__):
        if not info.ispkg or info.name == "common":
            continue
        try:
            module = importlib.import_module(f"tools.{info.name}.manifest")
        except ModuleNotFoundError as exc:
            if exc.name == f"tools.{info.name}.manifest":
                continue  # a helper package without tools (e.g. intake)
            raise
        found.append(module.CAPABILITY)
    rank = {name: i for i, name in enumerate(ORDER)}
    return tuple(sorted(found, key=lambda c: (rank.get(c.package, len(ORDER)), c.package)))


def tool_specs() -> list[tuple[CapabilitySpec, ToolSpec]]:
    return [(cap, spec) for cap in capabilities() for spec in cap.tools]


def find_spec(name: str) -> tuple[CapabilitySpec, ToolSpec] | None:
    return next(((cap, spec) for cap, spec in tool_specs() if spec.name == name), None)


def capability_for_tool(name: str) -> CapabilitySpec | PlannedCapability | None:
    """The installed capability whose prefix `name` has, else the planned one."""
    for cap in (*capabilities(), *PLANNED):
        if name.startswith(cap.prefixes):
            return cap
    return None


def status_for_tool(name: str) -> str:
    """The Korean progress line shown while tool `name` runs."""
    found = find_spec(name)
    return found[1].status if found else "요청을 처리하는 중…"


def discover_tools(package: str | None = None) -> list[Any]:
    """The LangChain tools of every installed capability (what the agent binds), or of one."""
    from tools.common.langchain_tools import build_tool

    return [build_tool(cap, spec) for cap, spec in tool_specs() if package in (None, cap.package)]


def call_tool(app: "AppContext", caller: "Caller", name: str, /, **args: Any) -> "ToolOutput | None":
    """Run tool `name` as `caller` without the model (same validation and errors as the
    agent's call); None when no installed capability has it."""
    from tools.common.plumbing import ToolContext, run_spec

    found = find_spec(name)
    if found is None:
        return None
    cap, spec = found
    return run_spec(cap.package, spec, ToolContext(caller=caller, app=app), args)


def slash_commands() -> dict[str, tuple[CapabilitySpec, SlashCommand]]:
    return {cmd.command: (cap, cmd) for cap in capabilities() for cmd in cap.slash_commands}


def _lifecycle(cap: CapabilitySpec) -> Any | None:
    return importlib.import_module(f"tools.{cap.package}.{cap.lifecycle}") if cap.lifecycle else None


def run_hooks(app: "AppContext", hook: str = "prepare", only: set[str] | None = None) -> list[tuple[str, str]]:
    """Run every capability's lifecycle `hook` ("prepare" for `medrep demo`, "train" for
    `medrep train` and the nightly job); returns (capability, summary) pairs in order."""
    results = []
    for cap in capabilities():
        if only and cap.package not in only:
            continue
        module = _lifecycle(cap)
        if module is not None and hasattr(module, hook):
            results.append((cap.package, getattr(module, hook)(app)))
    return results


def doctor_rows(app: "AppContext") -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for cap in capabilities():
        try:
            module = _lifecycle(cap)
            if module is not None and hasattr(module, "doctor"):
                rows.extend(module.doctor(app))
        except Exception as exc:  # doctor must always print its table
            rows.append((cap.package, "?", f"오류: {exc}"))
    return rows
