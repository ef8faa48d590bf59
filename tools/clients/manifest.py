"""Client grading: account grades, churn risk, visit priorities, account cards (one place)."""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec
from tools.common.fields import AccountName, RepName, TeamName
from tools.common.vocab import TOP_N_MAX, Grade


def _top_n(default: int) -> object:
    return Field(default=default, title="상위 N", ge=1, le=TOP_N_MAX,
                 description=f"몇 곳까지 보여줄지. 1~{TOP_N_MAX}, 생략 시 {default}. 예: 5")


class ClientGradesArgs(ToolArgs):
    rep: RepName = None
    team: TeamName = None
    grade: Annotated[Optional[Grade], Field(title="등급", description="이 등급의 거래처만. A, B, C, D 중 하나. 예: 'A'")] = None
    account: AccountName = None


class ClientChurnRiskArgs(ToolArgs):
    rep: RepName = None
    team: TeamName = None
    top_n: Annotated[int, _top_n(10)] = 10
    account: AccountName = None


class ClientVisitPrioritiesArgs(ToolArgs):
    rep: RepName = None
    top_n: Annotated[int, _top_n(10)] = 10


class ClientProfileArgs(ToolArgs):
    account: Annotated[str, Field(title="거래처", min_length=1, max_length=100,
                                  description="거래처 이름, 사용자가 말한 그대로. 예: '한성대학교병원'")]


CAPABILITY = CapabilitySpec(
    package="clients",
    label="거래처 등급·이탈 위험·방문 우선순위",
    prefixes=("client_",),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="client_grades",
            description="거래처 등급(A–D)과 근거: 매출 규모·거래 빈도·최근성·잠재력(유형·병상·진료과). "
                        "grade로 특정 등급만, account로 한 곳만.",
            args=ClientGradesArgs, handler="handlers:client_grades", status="거래처 등급을 계산하는 중…",
            hints="routing:client_args", not_inherited=("grade",),
            examples=("내 거래처 등급 보여줘", "A등급 거래처 어디야?", "한성대학교병원 등급은?", "show my account grades"),
        ),
        ToolSpec(
            name="client_churn_risk",
            description="이탈 위험(향후 3개월 무거래 확률)이 높은 거래처와 주요 요인(XGBoost 기여도).",
            args=ClientChurnRiskArgs, handler="handlers:client_churn_risk", status="이탈 위험을 분석하는 중…",
            hints="routing:client_args", not_inherited=("top_n",),
            examples=("이탈 위험 높은 거래처 top 5", "거래 끊길 것 같은 병원 있어?", "churn risk accounts"),
        ),
        ToolSpec(
            name="client_visit_priorities",
            description="담당자의 방문 우선순위: 등급, 이탈 위험, 방문 공백, 예측 대비 부족분을 합친 순서와 한 줄 이유.",
            args=ClientVisitPrioritiesArgs, handler="handlers:client_visit_priorities",
            status="방문 우선순위를 정하는 중…", hints="routing:client_args", not_inherited=("top_n",),
            examples=("이번 주에 어디부터 방문하면 좋을까?", "방문 우선순위 알려줘", "which accounts should I visit first?"),
        ),
        ToolSpec(
            name="client_profile",
            description="거래처 카드: 등급, 이탈 위험, 매출, 주요 제품, 최근 방문.",
            args=ClientProfileArgs, handler="handlers:client_profile", status="거래처 정보를 불러오는 중…",
            hints="routing:client_args",
            ask_when_missing=(("account", "어느 거래처의 정보를 볼까요? 거래처 이름을 함께 말씀해 주세요. "
                                          "예: '한성대학교병원 거래처 카드 보여줘'"),),
            examples=("한성대학교병원 거래처 카드 보여줘", "한성대병원 정보 알려줘", "tell me about 한성대학교병원"),
        ),
    ),
    slash_commands=(
        SlashCommand(
            command="/client", parser="commands:parse_client",
            usage=("*/client [거래처명|등급|위험|우선순위]* — 거래처 정보\n"
                   "• `/client 한성대학교병원` 거래처 카드\n• `/client 우선순위` 방문 우선순위\n"
                   "• `/client 위험` 이탈 위험 거래처\n• `/client 등급 A` A등급 거래처"),
        ),
    ),
)
