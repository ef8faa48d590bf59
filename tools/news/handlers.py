"""Thin handlers of the news_* tools (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput
from tools.news import service
from tools.news.manifest import NewsDigestArgs, NewsFeedbackArgs, NewsSettingsArgs


def news_digest(session: Session, caller: Caller, ctx: ToolContext, args: NewsDigestArgs) -> ToolOutput:
    return service.news_digest(ctx.app, session, caller, args.topic, args.top_n, args.category)


def news_feedback(session: Session, caller: Caller, ctx: ToolContext, args: NewsFeedbackArgs) -> ToolOutput:
    return service.news_feedback(session, caller, args.story_id, args.value)


def news_settings(session: Session, caller: Caller, ctx: ToolContext, args: NewsSettingsArgs) -> ToolOutput:
    sections = args.sections.split(",") if args.sections else None
    dropped = args.drop_sections.split(",") if args.drop_sections else None
    return service.news_settings(session, caller, args.send_time, sections, args.enabled, drop=dropped)
