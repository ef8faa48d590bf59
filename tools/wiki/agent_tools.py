"""LangChain tools for the wiki (names and arguments as tools/CATALOG.md)."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from tools.common.plumbing import run_tool
from tools.wiki import service


def _settings(runtime: ToolRuntime):
    return runtime.context.app.settings


@tool("wiki_search", response_format="content_and_artifact")
def wiki_search(query: str, *, runtime: ToolRuntime):
    """팀 위키에서 내용을 검색합니다. query: 찾을 내용."""
    return run_tool(runtime, lambda s, c: service.wiki_search(s, _settings(runtime), c, query))


@tool("wiki_view", response_format="content_and_artifact")
def wiki_view(page: str, revision: int | None = None, *, runtime: ToolRuntime):
    """위키 페이지 본문을 보여줍니다. page: 제목 또는 slug, revision: 과거 판 번호(생략 시 현재 판)."""
    return run_tool(runtime, lambda s, c: service.wiki_view(s, c, page, revision))


@tool("wiki_list", response_format="content_and_artifact")
def wiki_list(*, runtime: ToolRuntime):
    """내가 볼 수 있는 위키 페이지 목록."""
    return run_tool(runtime, lambda s, c: service.wiki_list(s, c))


@tool("wiki_create", response_format="content_and_artifact")
def wiki_create(title: str, body: str, visibility: str = "all", *, runtime: ToolRuntime):
    """새 위키 페이지를 만듭니다. visibility: all(전체), team(우리 팀), role(팀장 이상)."""
    return run_tool(runtime, lambda s, c: service.wiki_create(s, _settings(runtime), c, title, body, visibility))


@tool("wiki_edit", response_format="content_and_artifact")
def wiki_edit(page: str, body: str, comment: str | None = None, *, runtime: ToolRuntime):
    """위키 페이지 본문을 새 내용으로 바꿉니다(새 판이 생깁니다). comment: 수정 요약."""
    return run_tool(runtime, lambda s, c: service.wiki_edit(s, _settings(runtime), c, page, body, comment or ""))


@tool("wiki_history", response_format="content_and_artifact")
def wiki_history(page: str, *, runtime: ToolRuntime):
    """위키 페이지의 변경 이력(판 번호, 작성자, 시각, 요약)."""
    return run_tool(runtime, lambda s, c: service.wiki_history(s, c, page))


@tool("wiki_diff", response_format="content_and_artifact")
def wiki_diff(page: str, from_revision: int | None = None, to_revision: int | None = None, *,
              runtime: ToolRuntime):
    """두 판 사이의 변경 내용(unified diff). 생략 시 직전 판과 현재 판을 비교합니다."""
    return run_tool(runtime, lambda s, c: service.wiki_diff(s, c, page, from_revision, to_revision))


@tool("wiki_revert", response_format="content_and_artifact")
def wiki_revert(page: str, revision: int, *, runtime: ToolRuntime):
    """위키 페이지를 과거 판 내용으로 되돌립니다(새 판으로 기록)."""
    return run_tool(runtime, lambda s, c: service.wiki_revert(s, _settings(runtime), c, page, revision))


def get_tools():
    return [wiki_search, wiki_view, wiki_list, wiki_create, wiki_edit, wiki_history, wiki_diff, wiki_revert]
