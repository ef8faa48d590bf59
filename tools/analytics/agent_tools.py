"""LangChain tools for sales analytics (names and arguments as tools/CATALOG.md)."""

from __future__ import annotations

from typing import Optional

from langchain.tools import ToolRuntime, tool

from tools.analytics import service
from tools.common.plumbing import run_tool


def _files_dir(runtime: ToolRuntime):
    return runtime.context.app.settings.home / "files" / "analytics"


def _filters(**kwargs) -> dict:
    return {k: v for k, v in kwargs.items() if v not in (None, "")}


@tool("sales_report", response_format="content_and_artifact")
def sales_report(
    period: str = "이번 달", group_by: str = "product", rep: Optional[str] = None, team: Optional[str] = None,
    region: Optional[str] = None, account: Optional[str] = None, account_type: Optional[str] = None,
    product: Optional[str] = None, therapeutic_area: Optional[str] = None, channel: Optional[str] = None,
    top_n: Optional[int] = None, order: str = "desc", *, runtime: ToolRuntime,
):
    """실적 리포트: 기간(이번 달, 지난 분기, 올해, 2025-01~2025-06 …)과 기준(group_by: rep/team/region/account/
    account_type/product/therapeutic_area/channel/month)별 실적, 수량, 목표, 달성률, 전월·전년 대비, 상위/하위 N."""
    f = _filters(rep=rep, team=team, region=region, account=account, account_type=account_type, product=product,
                 therapeutic_area=therapeutic_area, channel=channel)
    today = runtime.context.app.today()
    return run_tool(runtime, lambda s, c: service.sales_report(s, c, today, period, group_by, top_n, order, **f))


@tool("sales_chart", response_format="content_and_artifact")
def sales_chart(
    kind: str = "trend", period: Optional[str] = None, rep: Optional[str] = None, team: Optional[str] = None,
    region: Optional[str] = None, account: Optional[str] = None, account_type: Optional[str] = None,
    product: Optional[str] = None, therapeutic_area: Optional[str] = None, channel: Optional[str] = None,
    *, runtime: ToolRuntime,
):
    """실적 차트(PNG): kind = trend(월별 추이+목표선), achievement(달성률 막대), product_mix(제품 믹스), region(지역 비교)."""
    f = _filters(rep=rep, team=team, region=region, account=account, account_type=account_type, product=product,
                 therapeutic_area=therapeutic_area, channel=channel)
    today, files = runtime.context.app.today(), _files_dir(runtime)
    return run_tool(runtime, lambda s, c: service.sales_chart(s, c, today, files, kind, period, **f))


@tool("sales_export", response_format="content_and_artifact")
def sales_export(
    period: str = "이번 달", group_by: str = "product", rep: Optional[str] = None, team: Optional[str] = None,
    region: Optional[str] = None, account: Optional[str] = None, account_type: Optional[str] = None,
    product: Optional[str] = None, therapeutic_area: Optional[str] = None, channel: Optional[str] = None,
    *, runtime: ToolRuntime,
):
    """실적 표를 엑셀(.xlsx) 파일로 내보냅니다(기간·기준·필터는 sales_report와 같음)."""
    f = _filters(rep=rep, team=team, region=region, account=account, account_type=account_type, product=product,
                 therapeutic_area=therapeutic_area, channel=channel)
    today, files = runtime.context.app.today(), _files_dir(runtime)
    return run_tool(runtime, lambda s, c: service.sales_export(s, c, today, files, period, group_by, **f))


@tool("sales_account_changes", response_format="content_and_artifact")
def sales_account_changes(
    period: str = "이번 달", kind: str = "new", rep: Optional[str] = None, team: Optional[str] = None,
    region: Optional[str] = None, account_type: Optional[str] = None, product: Optional[str] = None,
    therapeutic_area: Optional[str] = None, channel: Optional[str] = None, *, runtime: ToolRuntime,
):
    """신규 처방처(kind=new: 기간 중 매출, 직전 12개월 매출 없음) 또는 이탈 거래처(kind=lost: 직전 3개월 매출, 기간 중 없음)."""
    f = _filters(rep=rep, team=team, region=region, account_type=account_type, product=product,
                 therapeutic_area=therapeutic_area, channel=channel)
    today = runtime.context.app.today()
    return run_tool(runtime, lambda s, c: service.sales_account_changes(s, c, today, period, kind, 20, **f))


def get_tools() -> list:
    return [sales_report, sales_chart, sales_export, sales_account_changes]
