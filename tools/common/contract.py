"""The capability contract: what a package `tools/<name>/manifest.py` declares.

A manifest defines `CAPABILITY = CapabilitySpec(...)` with every tool of the package: its
typed, described and bounded arguments (a pydantic model: what an LLM is sent and what every
path validates), its handler, Korean status line, examples (router training utterances and
help text), argument hints for the offline router, questions for missing arguments, and the
package's slash commands and lifecycle hooks. Everything else (the registry, LangChain
tools, the router, the status line, tools/CATALOG.md, the schema snapshot) reads it.

Manifests import only pydantic and this module, so reading them is cheap; handlers, hints
and hooks are named as "module:function" (relative to the package) and imported on use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from pydantic import BaseModel, ConfigDict


class ToolArgs(BaseModel):
    """Base of every tool's argument model: strings stripped. Unknown keys are ignored here
    (LangChain validates the injected runtime through this model too) and refused by
    `run_spec` before validation."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    def given(self) -> dict[str, Any]:
        """The arguments that carry a value (None and "" dropped)."""
        return {k: v for k, v in self.model_dump().items() if v not in (None, "")}


@dataclass(frozen=True)
class ToolSpec:
    name: str  # capability prefix + verb, e.g. "sales_report" (DESIGN.md "Tool names")
    description: str  # Korean: what the tool answers; the LLM reads it
    args: type[ToolArgs]
    handler: str  # "module:function" in the package: fn(session, caller, ctx, args) -> ToolOutput
    status: str  # Korean progress line while it runs ("매출 데이터를 분석 중…")
    examples: tuple[str, ...] = ()  # utterances that call it (router training + help)
    hints: str | None = None  # "module:function": fn(tool_name, slots) -> dict (offline router)
    # Asked (in order) instead of calling the tool when an argument is missing.
    ask_when_missing: tuple[tuple[str, str], ...] = ()
    # Arguments a follow-up ("그럼 지난 분기는?") does not inherit from this call.
    not_inherited: tuple[str, ...] = ()
    # "module:function": fn(text) -> bool. A message the tool takes outright, whatever the
    # classifier says (a pasted call transcript is call_analyze's, not several requests).
    claims: str | None = None


@dataclass(frozen=True)
class SlashCommand:
    command: str  # "/report"
    usage: str  # Korean usage help (Slack mrkdwn)
    parser: str  # "module:function": fn(text, today) -> SlashCall; raises SlashUsageError


@dataclass
class SlashCall:
    tool: str
    args: dict = field(default_factory=dict)
    modal: str | None = None  # open a modal instead of calling a tool ("wiki_edit", "draft")


class SlashUsageError(ValueError):
    """Bad slash command arguments; str() is the Korean problem followed by the usage help."""


@dataclass(frozen=True)
class CapabilitySpec:
    package: str  # tools/<package>/
    label: str  # Korean name of the capability
    prefixes: tuple[str, ...]
    tools: tuple[ToolSpec, ...] = ()
    slash_commands: tuple[SlashCommand, ...] = ()
    lifecycle: str | None = None  # module with prepare(app) / train(app) / doctor(app)

    def tool(self, name: str) -> ToolSpec | None:
        return next((t for t in self.tools if t.name == name), None)


def resolve(package: str, ref: str) -> Callable[..., Any]:
    """"handlers:sales_report" in tools.<package> → the function (imported now)."""
    return _resolve(package, ref)


@lru_cache(maxsize=None)
def _resolve(package: str, ref: str) -> Callable[..., Any]:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(f"tools.{package}.{module}"), name)
