"""Thin handler of search_documents (declared in manifest.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.access import Caller
from tools.common.plumbing import ToolContext
from tools.common.results import ToolOutput
from tools.search.manifest import SearchDocumentsArgs


def search_documents(session: Session, caller: Caller, ctx: ToolContext, args: SearchDocumentsArgs) -> ToolOutput:
    from tools.search import service

    return service.search_documents(session, ctx.settings, caller, args.query, args.top_k)
