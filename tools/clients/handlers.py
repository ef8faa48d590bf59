"""Thin handlers of the client_* tools (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.clients import service
from tools.clients.lifecycle import model_dir
from tools.clients.manifest import ClientChurnRiskArgs, ClientGradesArgs, ClientProfileArgs, ClientVisitPrioritiesArgs
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput


def client_grades(session: Session, caller: Caller, ctx: ToolContext, args: ClientGradesArgs) -> ToolOutput:
    return service.client_grades(session, caller, ctx.today, args.rep, args.team, args.grade, args.account)


def client_churn_risk(session: Session, caller: Caller, ctx: ToolContext, args: ClientChurnRiskArgs) -> ToolOutput:
    return service.client_churn_risk(session, caller, ctx.today, model_dir(ctx.app), args.rep, args.team, args.top_n,
                                     args.account, min_risk=ctx.settings.medrep_churn_min_risk)


def client_visit_priorities(session: Session, caller: Caller, ctx: ToolContext,
                            args: ClientVisitPrioritiesArgs) -> ToolOutput:
    return service.client_visit_priorities(session, caller, ctx.today, model_dir(ctx.app), args.rep, args.top_n)


def client_profile(session: Session, caller: Caller, ctx: ToolContext, args: ClientProfileArgs) -> ToolOutput:
    return service.client_profile(session, caller, ctx.today, model_dir(ctx.app), args.account)
