"""LangChain tools for forecasts and anomalies (names and arguments as tools/CATALOG.md)."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from tools.common.plumbing import run_tool


def _files_dir(runtime: ToolRuntime):
    return runtime.context.app.settings.home / "files" / "prediction"


@tool("forecast_sales", response_format="content_and_artifact")
def forecast_sales(scope: str = "total", name: str | None = None, horizon: int = 3, *, runtime: ToolRuntime):
    """매출 예측(향후 1~6개월, 80% 예측구간 + 차트): scope = total(전사)/team(팀)/rep(담당자)/product(제품)/
    account(거래처), name = 팀·담당자·제품·거래처 이름. 이름을 빼면 본인 범위(담당자 본인, 팀장은 팀)."""
    from tools.prediction.forecast import forecast_sales as fn

    today, files = runtime.context.app.today(), _files_dir(runtime)
    return run_tool(runtime, lambda s, c: fn(s, c, today, files, scope, name, horizon))


@tool("forecast_target_gap", response_format="content_and_artifact")
def forecast_target_gap(period: str = "이번 분기", rep: str | None = None, team: str | None = None, *,
                        runtime: ToolRuntime):
    """목표 대비 예상 달성률: 기간(이번 분기, 이번 달, 하반기 …)의 확정 실적 + 남은 달 예측을 목표와 비교
    ("이대로면 이번 분기 달성률 87% 예상"). rep/team을 빼면 본인 범위."""
    from tools.prediction.gap import forecast_target_gap as fn

    today = runtime.context.app.today()
    return run_tool(runtime, lambda s, c: fn(s, c, today, period, rep, team))


@tool("forecast_recommendations", response_format="content_and_artifact")
def forecast_recommendations(rep: str | None = None, *, runtime: ToolRuntime):
    """실적 개선 제안: 예상 목표 부족분을 부진 제품과 방문할 거래처(매출 감소·등급·이탈 위험·방문 공백)로 연결."""
    from tools.prediction.recommend import forecast_recommendations as fn

    today, home = runtime.context.app.today(), runtime.context.app.settings.home
    return run_tool(runtime, lambda s, c: fn(s, c, today, home, rep))


@tool("anomaly_detect", response_format="content_and_artifact")
def anomaly_detect(period: str = "최근 12개월", scope: str = "total", name: str | None = None, *,
                   runtime: ToolRuntime):
    """실적 이상 탐지: 기간 안의 급증·급감(거래처·제품·담당자 단위)을 찾아 원인 점검 포인트와 함께 설명.
    scope/name으로 팀·담당자·제품·거래처를 좁힐 수 있음."""
    from tools.prediction.anomaly_tool import anomaly_detect as fn

    today = runtime.context.app.today()
    return run_tool(runtime, lambda s, c: fn(s, c, today, period, scope, name))


def get_tools() -> list:
    return [forecast_sales, forecast_target_gap, forecast_recommendations, anomaly_detect]
