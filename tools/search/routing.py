"""Offline-router argument hints for search_documents (and wiki_search): the query is the
question without its request words."""

from __future__ import annotations

from tools.common.slots import Slots, query_of


def search_args(tool: str, slots: Slots) -> dict:
    return {"query": slots.quoted[0] if slots.quoted else query_of(slots.text)}
