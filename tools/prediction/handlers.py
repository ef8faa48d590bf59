"""Thin handlers of the forecast_* and anomaly_* tools (declared in manifest.py). The model
code is imported on first use, so reading the manifest stays cheap."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput
from tools.prediction.manifest import (
    AnomalyDetectArgs, ForecastRecommendationsArgs, ForecastSalesArgs, ForecastTargetGapArgs,
)


def forecast_sales(session: Session, caller: Caller, ctx: ToolContext, args: ForecastSalesArgs) -> ToolOutput:
    from tools.prediction.forecast import forecast_sales as run

    return run(session, caller, ctx.today, ctx.files_dir("prediction"), args.scope, args.name, args.horizon)


def forecast_target_gap(session: Session, caller: Caller, ctx: ToolContext, args: ForecastTargetGapArgs) -> ToolOutput:
    from tools.prediction.gap import forecast_target_gap as run

    return run(session, caller, ctx.today, args.period, args.rep, args.team)


def forecast_recommendations(session: Session, caller: Caller, ctx: ToolContext,
                             args: ForecastRecommendationsArgs) -> ToolOutput:
    from tools.prediction.recommend import forecast_recommendations as run

    return run(session, caller, ctx.today, ctx.settings.home, args.rep)


def anomaly_detect(session: Session, caller: Caller, ctx: ToolContext, args: AnomalyDetectArgs) -> ToolOutput:
    from tools.prediction.anomaly_tool import anomaly_detect as run

    return run(session, caller, ctx.today, args.period, args.scope, args.name)
