"""Thin handlers of the call_* tools (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import AccessDenied, Caller
from tools.calls import service
from tools.calls.manifest import CallAnalyzeArgs, CallListArgs
from tools.calls.views import analyze_in_turn, list_view
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput


def call_analyze(session: Session, caller: Caller, ctx: ToolContext, args: CallAnalyzeArgs) -> ToolOutput:
    try:
        return analyze_in_turn(session, caller, ctx, call_id=args.call_id, account=args.account,
                               transcript=args.transcript)
    except service.CallNotFound as exc:
        return ToolOutput(summary=str(exc), error="not_found")
    except AccessDenied as exc:
        return ToolOutput(summary=exc.message, error="access_denied")


def call_list(session: Session, caller: Caller, ctx: ToolContext, args: CallListArgs) -> ToolOutput:
    return list_view(session, caller, args.top_n)
