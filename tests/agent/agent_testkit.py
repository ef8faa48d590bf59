"""Agent test helpers: small real tools over the demo DB (independent of the capability
packages), catalog stand-ins for routing evaluation, and runtime builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from langchain.tools import ToolRuntime, tool
from sqlalchemy import func, select

from data.access import rep_filter, require_team
from data.models import Account, MonthlySale
from tools.common.entities import resolve_product, resolve_team
from tools.common.periods import parse_period
from tools.common.plumbing import run_with_session
from tools.common.results import Citation, FileArtifact, ToolOutput


def sales_total(session, caller, today, period="이번 달", team=None, region=None, product=None):
    """Total amount for the caller's scope — the function behind the test `sales_report`."""
    p = parse_period(period, today)
    q = (select(func.coalesce(func.sum(MonthlySale.amount), 0))
         .join(Account, Account.id == MonthlySale.account_id)
         .where(MonthlySale.month >= p.start, MonthlySale.month <= p.end, rep_filter(caller, MonthlySale.rep_id)))
    if team:
        t = resolve_team(session, team)
        require_team(caller, t.id)
        from data.models import Rep
        q = q.where(MonthlySale.rep_id.in_(select(Rep.id).where(Rep.team_id == t.id)))
    if region:
        q = q.where(Account.province == region)
    if product:
        q = q.where(MonthlySale.product_id == resolve_product(session, product).id)
    return p, int(session.scalar(q))


@tool("sales_report", response_format="content_and_artifact")
def t_sales_report(period: str = "이번 달", group_by: str = "product", team: Optional[str] = None,
                   region: Optional[str] = None, product: Optional[str] = None, *, runtime: ToolRuntime):
    """기간·필터별 매출 합계 (테스트용 실제 SQL 도구)."""
    today = runtime.context.app.today()

    def fn(session, caller):
        p, total = sales_total(session, caller, today, period, team, region, product)
        return ToolOutput(summary=f"{p.label} 매출 합계 {total:,}원", data={"total": total},
                          suggestions=["그럼 지난 분기는?"])

    output = run_with_session(fn, runtime.context)
    return output.summary, output


@tool("sales_chart", response_format="content_and_artifact")
def t_sales_chart(kind: str = "trend", period: Optional[str] = None, *, runtime: ToolRuntime):
    """매출 차트 파일을 만듭니다 (테스트용)."""
    home: Path = runtime.context.app.settings.home

    def fn(session, caller):
        path = home / "files" / "test-chart.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x89PNG\r\n\x1a\n")
        return ToolOutput(summary="차트를 첨부했습니다.", files=[FileArtifact(path, "image/png", "매출 추이")],
                          citations=[Citation(title="sales_monthly", source="sales_monthly")])

    output = run_with_session(fn, runtime.context)
    return output.summary, output


@tool("search_documents", response_format="content_and_artifact")
def t_search_documents(query: str, top_k: int = 5, *, runtime: ToolRuntime):
    """문서 검색 (테스트용: 항상 실패하는 도구)."""
    def fn(session, caller):
        raise RuntimeError("index missing")

    output = run_with_session(fn, runtime.context)
    return output.summary, output


SMALL_TOOLS = [t_sales_report, t_sales_chart, t_search_documents]


# Tools of DESIGN.md whose capability is not built yet (the router still recognises them).
PLANNED_ARGS: dict[str, tuple[str, ...]] = {}


def _echo(name: str, schema) -> Any:
    from langchain_core.tools import StructuredTool

    def run(**kwargs):
        received = {k: v for k, v in kwargs.items() if v is not None}
        return f"{name} 호출됨: {received}", ToolOutput(summary=f"{name} 호출됨", data=received)

    return StructuredTool.from_function(func=run, name=name, description=f"{name} (테스트 대역)",
                                        args_schema=schema, response_format="content_and_artifact")


def catalog_tools() -> list:
    """Stand-ins with every installed tool's real name and argument schema (from the
    manifests) that echo what they received, plus the planned tools."""
    from pydantic import create_model

    from tools.registry import tool_specs

    tools = [_echo(spec.name, spec.args) for _, spec in tool_specs()]
    tools += [_echo(name, create_model(f"{name}_args", **{a: (Any, None) for a in args}))
              for name, args in PLANNED_ARGS.items()]
    return tools
