"""docs/capabilities.md's walk-through, executed: a new capability package with one tool,
touching nothing outside its own folder, is picked up by the registry, the LangChain tools,
the catalog, the status line, direct calls and the offline router."""

from __future__ import annotations

import textwrap

import pytest

import tools
from tools import registry

MANIFEST = '''
from typing import Annotated
from pydantic import Field
from tools.common.contract import CapabilitySpec, ToolArgs, ToolSpec

class VisitCountArgs(ToolArgs):
    year: Annotated[int, Field(title="연도", ge=2020, le=2030, description="방문 수를 셀 연도. 예: 2026")] = 2026

CAPABILITY = CapabilitySpec(
    package="visitcount", label="방문 수 집계", prefixes=("visitcount_",),
    tools=(ToolSpec(
        name="visitcount_year", description="한 해 동안 내 거래처 방문 횟수를 셉니다.",
        args=VisitCountArgs, handler="handlers:visitcount_year", status="방문 기록을 세는 중…",
        hints="handlers:hints",
        examples=("올해 방문 몇 번 했어?", "방문 횟수 세어줘", "내 방문 건수 알려줘", "작년 방문 횟수는?",
                  "how many visits did I make this year?", "방문 몇 회 갔는지 집계해줘"),
    ),),
)
'''
HANDLERS = '''
import re
from sqlalchemy import extract, func, select
from data.models import Visit
from tools.common.results import ToolOutput

def visitcount_year(session, caller, ctx, args):
    n = session.scalar(select(func.count()).select_from(Visit)
                       .where(Visit.rep_id == caller.rep_id, extract("year", Visit.visited_at) == args.year))
    return ToolOutput(summary=f"{args.year}년 방문 {n}회", data={"visits": n})

def hints(tool, slots):
    m = re.search(r"(20\\d\\d)", slots.text)
    return {"year": int(m.group(1))} if m else {}
'''


@pytest.fixture
def new_capability(tmp_path):
    package = tmp_path / "visitcount"
    package.mkdir()
    (package / "__init__.py").write_text('"""Visit counts (test capability)."""\n', encoding="utf-8")
    (package / "manifest.py").write_text(textwrap.dedent(MANIFEST), encoding="utf-8")
    (package / "handlers.py").write_text(textwrap.dedent(HANDLERS), encoding="utf-8")
    tools.__path__.append(str(tmp_path))
    registry.capabilities.cache_clear()
    yield "visitcount_year"
    tools.__path__.remove(str(tmp_path))
    registry.capabilities.cache_clear()


def test_new_tool_is_picked_up_everywhere(new_capability, demo_app, caller):
    from sqlalchemy import extract, func, select

    from agent.runtime import AgentRuntime
    from agent.types import Turn
    from data.models import Visit
    from tools.catalog import render_catalog

    name = new_capability
    assert registry.find_spec(name) is not None
    assert registry.status_for_tool(name) == "방문 기록을 세는 중…"
    assert name in render_catalog()
    assert name in {t.name for t in registry.discover_tools()}

    rep = caller(demo_app, "rep")
    with demo_app.session() as s:
        expected = s.scalar(select(func.count()).select_from(Visit)
                            .where(Visit.rep_id == rep.rep_id, extract("year", Visit.visited_at) == 2025))
    out = registry.call_tool(demo_app, rep, name, year=2025)
    assert out.error is None and out.data["visits"] == expected
    assert registry.call_tool(demo_app, rep, name, year=1999).error == "bad_request"

    runtime = AgentRuntime(demo_app)  # the offline router trains on the manifest's examples
    try:
        reply = runtime.answer(Turn(caller=rep, thread_key="test:add-tool", text="2025년 방문 몇 번 했어?"))
    finally:
        runtime.close()
    assert [(c.name, c.args) for c in reply.tool_calls] == [(name, {"year": 2025})]
    assert f"2025년 방문 {expected}회" in reply.text
