"""Thin handlers of the sales_* tools (declared in manifest.py): typed arguments → service."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.analytics import service, standing
from tools.analytics.manifest import (
    SalesAccountChangesArgs, SalesChartArgs, SalesExportArgs, SalesReportArgs, SalesStandingArgs,
)
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput


def sales_report(session: Session, caller: Caller, ctx: ToolContext, args: SalesReportArgs) -> ToolOutput:
    return service.sales_report(session, caller, ctx.today, args.period, args.group_by, args.top_n, args.order,
                                compare_with=args.compare_with, rank_by=args.rank_by, **args.filters())


def sales_chart(session: Session, caller: Caller, ctx: ToolContext, args: SalesChartArgs) -> ToolOutput:
    return service.sales_chart(session, caller, ctx.today, ctx.files_dir("analytics"), args.kind, args.period,
                               compare_with=args.compare_with, group_by=args.group_by, top_n=args.top_n,
                               order=args.order, **args.filters())


def sales_export(session: Session, caller: Caller, ctx: ToolContext, args: SalesExportArgs) -> ToolOutput:
    return service.sales_export(session, caller, ctx.today, ctx.files_dir("analytics"), args.period, args.group_by,
                                **args.filters())


def sales_account_changes(session: Session, caller: Caller, ctx: ToolContext,
                          args: SalesAccountChangesArgs) -> ToolOutput:
    return service.sales_account_changes(session, caller, ctx.today, args.period, args.kind, 20, **args.filters())


def sales_standing(session: Session, caller: Caller, ctx: ToolContext, args: SalesStandingArgs) -> ToolOutput:
    return standing.standing_answer(session, caller, ctx.today, args.period, args.kind, args.top_n)
