"""tools/CATALOG.md, generated from the manifests (`medrep catalog --write`; a test fails when
the committed file and the code disagree) and the JSON schemas an LLM is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.registry import PLANNED, capabilities

CATALOG_FILE = Path(__file__).with_name("CATALOG.md")

HEADER = """# Agent tool catalog (generated from `tools/*/manifest.py` — do not edit by hand)

Regenerate with `medrep catalog --write`; `tests/foundation/test_capability_contract.py` fails
when this file and the manifests disagree. How to add a tool: `docs/capabilities.md`.

Every tool is declared once, in its package's `manifest.py` (`tools.common.contract.ToolSpec`):
a pydantic argument model (what an LLM is sent and what every path validates), a handler
`fn(session, caller, ctx, args) -> ToolOutput`, a Korean status line, examples and offline-router
hints. The caller is injected by the runtime (`ToolContext`), never chosen by the model. Entity
arguments are names as users say them (resolved with fuzzy matching in `tools/common/entities.py`);
periods are phrases parsed by `tools.common.periods.parse_period`. An omitted rep/team means the
caller's own scope (rep → self, manager → team, admin → all).
"""


def tool_schema(spec: Any) -> dict:
    """The OpenAI function schema of a tool, as langchain-openai sends it."""
    return {"name": spec.name, "description": spec.description, "parameters": _parameters(spec.args)}


def _parameters(model: Any) -> dict:
    schema = model.model_json_schema()
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
    return schema


def _describe_arg(name: str, prop: dict, required: bool) -> str:
    options = prop.get("anyOf", [prop])
    kinds, enum, low, high, max_len = [], None, None, None, None
    for option in options:
        if option.get("type") == "null":
            continue
        kinds.append(option.get("type", "?"))
        enum = option.get("enum", enum)
        low = option.get("minimum", low)
        high = option.get("maximum", high)
        max_len = option.get("maxLength", max_len)
    text = f"`{name}`{'*' if required else ''}: {'/'.join(kinds) or '?'}"
    if enum:
        text += " (" + " · ".join(str(e) for e in enum) + ")"
    if low is not None or high is not None:
        text += f" [{low}–{high}]"
    if max_len:
        text += f" (≤{max_len}자)"
    if prop.get("default") not in (None, ""):
        text += f" = {prop['default']!r}"
    return text


def render_catalog() -> str:
    lines = [HEADER]
    for cap in capabilities():
        lines += [f"## {cap.label} — `tools/{cap.package}/` ({', '.join(p + '*' for p in cap.prefixes)})", ""]
        lines += ["| tool | arguments (* required) | status | examples |", "|---|---|---|---|"]
        for spec in cap.tools:
            params = _parameters(spec.args)
            required = set(params.get("required", []))
            args = "<br>".join(_describe_arg(n, p, n in required) for n, p in params.get("properties", {}).items())
            examples = "<br>".join(spec.examples[:3])
            lines.append(f"| `{spec.name}`<br>{spec.description} | {args or '—'} | {spec.status} | {examples} |")
        if cap.slash_commands:
            lines += ["", "Slash commands: " + ", ".join(f"`{c.command}`" for c in cap.slash_commands)]
        lines.append("")
    lines += ["## Planned (no package yet; answered as not available)", ""]
    lines += [f"- {p.label} ({', '.join(x + '*' for x in p.prefixes)})" for p in PLANNED]
    return "\n".join(lines) + "\n"


def write_catalog(path: Path = CATALOG_FILE) -> Path:
    path.write_text(render_catalog(), encoding="utf-8")
    return path
