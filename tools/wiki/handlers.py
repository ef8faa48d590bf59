"""Thin handlers of the wiki_* tools (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput
from tools.wiki import service
from tools.wiki.manifest import (
    WikiCreateArgs, WikiDiffArgs, WikiEditArgs, WikiHistoryArgs, WikiListArgs, WikiRevertArgs, WikiSearchArgs,
    WikiViewArgs,
)


def wiki_search(session: Session, caller: Caller, ctx: ToolContext, args: WikiSearchArgs) -> ToolOutput:
    return service.wiki_search(session, ctx.settings, caller, args.query)


def wiki_view(session: Session, caller: Caller, ctx: ToolContext, args: WikiViewArgs) -> ToolOutput:
    return service.wiki_view(session, caller, args.page, args.revision)


def wiki_list(session: Session, caller: Caller, ctx: ToolContext, args: WikiListArgs) -> ToolOutput:
    return service.wiki_list(session, caller)


def wiki_create(session: Session, caller: Caller, ctx: ToolContext, args: WikiCreateArgs) -> ToolOutput:
    return service.wiki_create(session, ctx.settings, caller, args.title, args.body, args.visibility)


def wiki_edit(session: Session, caller: Caller, ctx: ToolContext, args: WikiEditArgs) -> ToolOutput:
    return service.wiki_edit(session, ctx.settings, caller, args.page, args.body, args.comment or "",
                             mode=args.mode, section=args.section)


def wiki_history(session: Session, caller: Caller, ctx: ToolContext, args: WikiHistoryArgs) -> ToolOutput:
    return service.wiki_history(session, caller, args.page)


def wiki_diff(session: Session, caller: Caller, ctx: ToolContext, args: WikiDiffArgs) -> ToolOutput:
    return service.wiki_diff(session, caller, args.page, args.from_revision, args.to_revision)


def wiki_revert(session: Session, caller: Caller, ctx: ToolContext, args: WikiRevertArgs) -> ToolOutput:
    return service.wiki_revert(session, ctx.settings, caller, args.page, args.revision)
