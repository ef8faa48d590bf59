"""Prediction: sales forecasts, gap to target, recommendations, anomalies (one place)."""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec
from tools.common.fields import RepName, TeamName, period_field
from tools.common.vocab import FORECAST_HORIZON_MAX, NAME_MAX_CHARS, ForecastScope

ScopeArg = Annotated[ForecastScope, Field(
    title="대상 단위",
    description="total(본인 범위 전체: 영업사원은 본인, 팀장은 팀, 관리자는 전사), team(팀), rep(담당자), "
                "product(제품), account(거래처). team·rep·product·account는 name과 함께")]
TargetName = Annotated[Optional[str], Field(
    default=None, title="대상 이름", max_length=NAME_MAX_CHARS,
    description="scope의 이름, 사용자가 말한 그대로. 예: '서울1팀', '김민준', '로수빛', '한성대학교병원'")]


class ForecastSalesArgs(ToolArgs):
    scope: ScopeArg = "total"
    name: TargetName = None
    horizon: Annotated[int, Field(title="예측 개월 수", ge=1, le=FORECAST_HORIZON_MAX,
                                  description=f"몇 개월 앞까지 예측할지. 1~{FORECAST_HORIZON_MAX}. 예: 3")] = 3


class ForecastTargetGapArgs(ToolArgs):
    period: Optional[str] = period_field("이번 분기")
    rep: RepName = None
    team: TeamName = None


class ForecastRecommendationsArgs(ToolArgs):
    rep: RepName = None


class AnomalyDetectArgs(ToolArgs):
    period: Optional[str] = period_field("최근 12개월")
    scope: ScopeArg = "total"
    name: TargetName = None


CAPABILITY = CapabilitySpec(
    package="prediction",
    label="매출 예측·이상 탐지",
    prefixes=("forecast_", "anomaly_"),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="forecast_sales",
            description=f"매출 예측(향후 1~{FORECAST_HORIZON_MAX}개월, 80% 예측구간 + 차트). "
                        "이름을 빼면 본인 범위(담당자 본인, 팀장은 팀).",
            args=ForecastSalesArgs, handler="handlers:forecast_sales", status="매출을 예측하는 중…",
            hints="routing:forecast_args",
            examples=("다음 3개월 매출 예측", "로수빛 6개월 예측해줘", "우리 팀 매출 전망은?", "forecast my sales"),
        ),
        ToolSpec(
            name="forecast_target_gap",
            description="목표 대비 예상 달성률: 기간의 확정 실적 + 남은 달 예측을 목표와 비교"
                        "(\"이대로면 이번 분기 달성률 87% 예상\"). rep/team을 빼면 본인 범위.",
            args=ForecastTargetGapArgs, handler="handlers:forecast_target_gap", status="목표 달성 전망을 계산하는 중…",
            hints="routing:forecast_args",
            examples=("이번 분기 목표 달성 가능할까?", "이대로면 올해 목표 채울 수 있어?", "will I hit my target this quarter?"),
        ),
        ToolSpec(
            name="forecast_recommendations",
            description="실적 개선 제안: 예상 목표 부족분을 부진 제품과 방문할 거래처(매출 감소·등급·이탈 위험·방문 공백)로 연결.",
            args=ForecastRecommendationsArgs, handler="handlers:forecast_recommendations",
            status="실적 개선 방안을 찾는 중…", hints="routing:forecast_args",
            examples=("목표 채우려면 뭘 해야 해?", "실적 올리려면 어디에 집중할까?", "how can I close my gap?"),
        ),
        ToolSpec(
            name="anomaly_detect",
            description="실적 이상 탐지: 기간 안의 급증·급감(거래처·제품·담당자 단위)을 원인 점검 포인트와 함께 설명. "
                        "scope/name으로 팀·담당자·제품·거래처를 좁힐 수 있음.",
            args=AnomalyDetectArgs, handler="handlers:anomaly_detect", status="이상 패턴을 찾는 중…",
            hints="routing:forecast_args",
            examples=("최근 12개월 이상치 찾아줘", "갑자기 매출 떨어진 곳 있어?", "any unusual drops this year?"),
        ),
    ),
    slash_commands=(
        SlashCommand(
            command="/forecast", parser="commands:parse_forecast",
            usage=("*/forecast [대상 이름] [N개월]* — 매출 예측\n"
                   "• `/forecast` 내 전체 매출 3개월 예측\n• `/forecast 제품 로수빛 6개월`\n"
                   "• `/forecast 거래처 한성대학교병원`\n• `/forecast 목표` 이번 분기 목표 달성 전망\n"
                   f"대상: 전체·담당자·팀·제품·거래처 (1~{FORECAST_HORIZON_MAX}개월)"),
        ),
    ),
)
