"""LangChain tools for client grading, churn risk, visit priorities and profiles (tools/CATALOG.md)."""

from __future__ import annotations

from typing import Optional

from langchain.tools import ToolRuntime, tool

from tools.clients import service
from tools.clients.lifecycle import model_dir
from tools.common.plumbing import run_tool


@tool("client_grades", response_format="content_and_artifact")
def client_grades(rep: Optional[str] = None, team: Optional[str] = None, grade: Optional[str] = None,
                  account: Optional[str] = None, *, runtime: ToolRuntime):
    """거래처 등급(A–D)과 근거: 매출 규모·거래 빈도·최근성·잠재력(유형·병상·진료과). grade로 특정 등급만, account로 한 곳만."""
    today = runtime.context.app.today()
    return run_tool(runtime, lambda s, c: service.client_grades(s, c, today, rep, team, grade, account))


@tool("client_churn_risk", response_format="content_and_artifact")
def client_churn_risk(rep: Optional[str] = None, team: Optional[str] = None, top_n: int = 10,
                      account: Optional[str] = None, *, runtime: ToolRuntime):
    """이탈 위험(향후 3개월 무거래 확률)이 높은 거래처와 주요 요인(XGBoost 기여도)."""
    app = runtime.context.app
    return run_tool(runtime, lambda s, c: service.client_churn_risk(s, c, app.today(), model_dir(app), rep, team, top_n, account))


@tool("client_visit_priorities", response_format="content_and_artifact")
def client_visit_priorities(rep: Optional[str] = None, top_n: int = 10, *, runtime: ToolRuntime):
    """담당자의 방문 우선순위: 등급, 이탈 위험, 방문 공백, 예측 대비 부족분을 합친 순서와 한 줄 이유."""
    app = runtime.context.app
    return run_tool(runtime, lambda s, c: service.client_visit_priorities(s, c, app.today(), model_dir(app), rep, top_n))


@tool("client_profile", response_format="content_and_artifact")
def client_profile(account: str, *, runtime: ToolRuntime):
    """거래처 카드: 등급, 이탈 위험, 매출, 주요 제품, 최근 방문."""
    app = runtime.context.app
    return run_tool(runtime, lambda s, c: service.client_profile(s, c, app.today(), model_dir(app), account))


def get_tools() -> list:
    return [client_grades, client_churn_risk, client_visit_priorities, client_profile]
