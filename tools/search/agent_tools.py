"""LangChain tools for search (names and arguments as tools/CATALOG.md)."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from tools.common.plumbing import run_tool
from tools.search import service


@tool("search_documents", response_format="content_and_artifact")
def search_documents(query: str, top_k: int = 5, *, runtime: ToolRuntime):
    """사내 문서·제품설명서·SOP·컴플라이언스 가이드·FAQ·위키·내 업로드 문서·방문 메모·제품/거래처 정보를 검색해
    근거 구절과 출처를 돌려줍니다. query: 찾을 내용(예: '로수빛 금기', '제품설명회 식음료 한도')."""
    settings = runtime.context.app.settings
    return run_tool(runtime, lambda s, c: service.search_documents(s, settings, c, query, top_k))


def get_tools():
    return [search_documents]
