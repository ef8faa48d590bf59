"""The capability contract (tools/common/contract.py): every tool is declared once, what an
LLM is sent is typed, described and bounded, limits agree on every path, and the generated
catalog and schema snapshot match the code."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tools.catalog import CATALOG_FILE, render_catalog
from tools.common.contract import resolve
from tools.common.vocab import FORECAST_HORIZON_MAX, TOP_N_MAX
from tools.registry import capabilities, discover_tools, status_for_tool, tool_specs

SNAPSHOT = Path(__file__).parent / "snapshots" / "tool_schemas.json"
ENUM_ARGS = {"group_by", "kind", "scope", "order", "grade", "visibility", "channel"}
HANGUL = re.compile(r"[가-힣]")


def _openai_schemas() -> dict:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    return {t.name: convert_to_openai_tool(t)["function"] for t in discover_tools()}


def _options(prop: dict) -> list[dict]:
    return [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]


def test_catalog_file_is_generated_from_the_manifests():
    assert CATALOG_FILE.read_text(encoding="utf-8") == render_catalog(), \
        "tools/CATALOG.md is stale: run `medrep catalog --write`"


def test_tool_schema_snapshot():
    schemas = _openai_schemas()
    if os.environ.get("MEDREP_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(schemas, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == json.loads(json.dumps(schemas)), \
        "tool schemas changed: review, then MEDREP_UPDATE_SNAPSHOTS=1 pytest tests/foundation/test_capability_contract.py"


def test_every_argument_an_llm_sees_is_described_typed_and_bounded():
    schemas = _openai_schemas()
    assert len(schemas) == len(tool_specs()) >= 21
    for name, schema in schemas.items():
        assert HANGUL.search(schema["description"]), name
        for arg, prop in schema["parameters"].get("properties", {}).items():
            where = f"{name}.{arg}"
            assert HANGUL.search(prop.get("description", "")), f"{where}: no Korean description"
            assert "예:" in prop["description"] or _options(prop)[0].get("enum"), f"{where}: no example value"
            for option in _options(prop):
                kind = option.get("type")
                assert kind in ("string", "integer", "number", "boolean"), f"{where}: untyped"
                if kind == "integer":
                    assert "minimum" in option and "maximum" in option, f"{where}: unbounded integer"
                if kind == "string" and "enum" not in option:
                    assert "maxLength" in option, f"{where}: unbounded string"
            if arg in ENUM_ARGS:
                assert _options(prop)[0].get("enum"), f"{where}: fixed vocabulary without enum"


def test_limits_agree_on_every_path(demo_app, caller):
    from bot.slack.command_parsing import UsageError, parse_command
    from tools.registry import call_tool

    schemas = _openai_schemas()
    horizon = schemas["forecast_sales"]["parameters"]["properties"]["horizon"]
    assert horizon["maximum"] == FORECAST_HORIZON_MAX
    for tool, arg in (("sales_report", "top_n"), ("client_churn_risk", "top_n"), ("client_visit_priorities", "top_n")):
        assert _options(schemas[tool]["parameters"]["properties"][arg])[0]["maximum"] == TOP_N_MAX
    today = date(2026, 11, 20)
    assert parse_command("/forecast", f"{FORECAST_HORIZON_MAX}개월", today).args["horizon"] == FORECAST_HORIZON_MAX
    with pytest.raises(UsageError, match=f"1~{FORECAST_HORIZON_MAX}개월"):
        parse_command("/forecast", f"{FORECAST_HORIZON_MAX + 1}개월", today)
    rep = caller(demo_app, "rep")
    out = call_tool(demo_app, rep, "forecast_sales", horizon=FORECAST_HORIZON_MAX + 1)
    assert out.error == "bad_request" and f"1~{FORECAST_HORIZON_MAX}" in out.summary
    out = call_tool(demo_app, rep, "sales_report", group_by="weather")
    assert out.error == "bad_request" and "product" in out.summary
    out = call_tool(demo_app, rep, "sales_report", colour="blue")
    assert out.error == "bad_request" and "colour" in out.summary


def test_manifests_are_complete():
    names = [spec.name for _, spec in tool_specs()]
    assert len(names) == len(set(names))
    for cap in capabilities():
        assert HANGUL.search(cap.label)
        for spec in cap.tools:
            assert spec.name.startswith(cap.prefixes), spec.name
            assert callable(resolve(cap.package, spec.handler))
            if spec.hints:
                assert callable(resolve(cap.package, spec.hints))
            assert HANGUL.search(spec.status) and status_for_tool(spec.name) == spec.status
            assert len(spec.examples) >= 2, spec.name
            for arg, question in spec.ask_when_missing:
                assert arg in spec.args.model_fields and HANGUL.search(question)
        for command in cap.slash_commands:
            assert callable(resolve(cap.package, command.parser)) and command.command in command.usage
    assert status_for_tool("unknown_tool") == "요청을 처리하는 중…"
