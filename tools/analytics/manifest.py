"""Sales analytics: everything about its tools in one place (tools/common/contract.py)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec
from tools.common.fields import (
    AccountName, AccountType, ChannelName, ProductName, RegionName, RepName, TeamName, TherapeuticArea, TopN,
    period_field,
)
from tools.common.vocab import PHRASE_MAX_CHARS, AccountChange, ChartKind, GroupBy, Order, RankBy


class SalesFilters(ToolArgs):
    rep: RepName = None
    team: TeamName = None
    region: RegionName = None
    account: AccountName = None
    account_type: AccountType = None
    product: ProductName = None
    therapeutic_area: TherapeuticArea = None
    channel: ChannelName = None

    def filters(self) -> dict:
        return {k: v for k in SalesFilters.model_fields if (v := getattr(self, k)) not in (None, "")}


GroupByArg = Annotated[GroupBy, Field(
    title="기준",
    description="무엇별로 나눌지: product(제품별), account(거래처별), rep(담당자별), team(팀별), region(지역별), "
                "account_type(거래처 유형별), therapeutic_area(치료 영역별), channel(원내/원외), month(월별 추이)")]


CompareWith = Annotated[Optional[str], Field(
    default=None, title="비교 기간", max_length=PHRASE_MAX_CHARS,
    description="나란히 비교할 두 번째 기간(기간과 같은 표현). 예: '작년 같은 기간', '2025년 3월', '지난 분기'. "
                "'작년 같은 기간'은 period를 1년 당겨 비교합니다. 비우면 비교 없이 한 기간만 보여줍니다")]


class SalesReportArgs(SalesFilters):
    period: Optional[str] = period_field("이번 달")
    compare_with: CompareWith = None
    group_by: GroupByArg = "product"
    top_n: TopN = None
    order: Annotated[Order, Field(title="정렬", description="desc: 큰 순(상위), asc: 작은 순(하위·부진)")] = "desc"
    rank_by: Annotated[RankBy, Field(
        title="순위 기준", description="무엇으로 줄 세울지: amount(실적 금액), achievement(목표 달성률: 목표가 있는 담당자·팀·제품별만). "
                                   "예: '달성률 하위 3개 제품' → achievement")] = "amount"


class SalesChartArgs(SalesFilters):
    kind: Annotated[ChartKind, Field(
        title="차트 종류",
        description="trend(월별 추이와 목표선), achievement(달성률 막대), product_mix(제품 믹스), region(지역 비교), "
                    "ranking(순위 막대: group_by 기준 상위/하위 top_n개, 예: 상위 5개 거래처)")] = "trend"
    period: Optional[str] = period_field(None)
    compare_with: CompareWith = None
    group_by: Annotated[Optional[GroupBy], Field(
        title="순위 기준", description="kind=ranking일 때 무엇의 순위인지: account(거래처), product(제품), rep(담당자), "
                                   "team(팀), region(지역) 등. 다른 차트에서는 쓰지 않습니다")] = None
    top_n: TopN = None
    order: Annotated[Order, Field(title="정렬", description="kind=ranking일 때 desc: 상위, asc: 하위")] = "desc"


class SalesExportArgs(SalesFilters):
    period: Optional[str] = period_field("이번 달")
    group_by: GroupByArg = "product"


class SalesStandingArgs(ToolArgs):
    period: Optional[str] = period_field("이번 달")
    kind: Annotated[Literal["rank", "under_target"], Field(
        title="구분", description="rank: 팀 안 내 순위와 팀 평균 비교(팀장은 팀원 순위와 전사 팀 순위), "
                                  "under_target: 목표를 못 채운 제품(부족액 큰 순)")] = "rank"
    top_n: TopN = None


class SalesAccountChangesArgs(SalesFilters):
    period: Optional[str] = period_field("이번 달")
    kind: Annotated[AccountChange, Field(
        title="구분", description="new: 신규 처방처(기간 중 매출, 직전 12개월 없음), lost: 이탈 거래처(직전 3개월 매출, 기간 중 없음)")] = "new"


CAPABILITY = CapabilitySpec(
    package="analytics",
    label="실적 분석·리포트",
    prefixes=("sales_",),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="sales_report",
            description="실적 리포트: 기간과 기준(제품·거래처·담당자·팀·지역·유형·치료 영역·채널·월)별 실적, 수량, 목표, "
                        "달성률, 전월·전년 대비, 상위/하위 N. 필터로 담당자·팀·지역·거래처·제품 등을 좁힙니다. "
                        "compare_with로 두 기간을 나란히 비교합니다(진행 중인 달은 완료된 달끼리 비교).",
            args=SalesReportArgs, handler="handlers:sales_report", status="매출 데이터를 분석 중…",
            hints="routing:sales_args", not_inherited=("top_n", "order", "compare_with", "rank_by"),
            examples=("지난달 제품별 실적 보여줘", "이번 분기 거래처별 매출", "올해 누적 달성률 알려줘",
                      "3분기 서울 지역 실적", "지난달 하위 5개 제품", "how were my sales last month?",
                      "작년 3월이랑 올해 3월 비교해줘"),
        ),
        ToolSpec(
            name="sales_chart",
            description="실적 차트(PNG): 월별 추이와 목표선, 달성률 막대, 제품 믹스, 지역 비교, 순위 막대(상위/하위 N개 "
                        "거래처·제품·담당자 등). 기간·필터는 sales_report와 같습니다. "
                        "compare_with가 있으면 두 기간을 나란히 놓은 막대 차트를 그립니다.",
            args=SalesChartArgs, handler="handlers:sales_chart", status="차트를 그리는 중…",
            hints="routing:sales_args", not_inherited=("kind", "compare_with"),
            examples=("최근 12개월 매출 추이 차트", "지난 분기 달성률 차트로 보여줘", "제품 믹스 그래프",
                      "show me a sales trend chart", "작년 같은 기간이랑 비교 차트로 보여줘",
                      "지난달 상위 5개 거래처 막대 차트"),
        ),
        ToolSpec(
            name="sales_export",
            description="실적 표를 엑셀(.xlsx) 파일로 내보냅니다(기간·기준·필터는 sales_report와 같음).",
            args=SalesExportArgs, handler="handlers:sales_export", status="엑셀 파일을 만드는 중…",
            hints="routing:sales_args",
            examples=("이번 달 실적 엑셀로 줘", "지난 분기 거래처별 실적 엑셀 파일", "export this month's sales to excel"),
        ),
        ToolSpec(
            name="sales_account_changes",
            description="신규 처방처(kind=new) 또는 이탈 거래처(kind=lost) 목록과 금액.",
            args=SalesAccountChangesArgs, handler="handlers:sales_account_changes", status="거래처 변동을 확인하는 중…",
            hints="routing:sales_args", not_inherited=("kind",),
            examples=("이번 달 신규 처방처 알려줘", "지난 분기 이탈 거래처", "새로 처방 시작한 병원 있어?"),
        ),
        ToolSpec(
            name="sales_standing",
            description="순위·비교: 팀 안에서 내 매출·달성률 순위와 팀 평균 대비(다른 팀원의 개별 실적은 보이지 않음), "
                        "팀장은 팀원 순위와 전사 팀 중 우리 팀 순위, 관리자는 팀 순위; kind=under_target이면 목표 미달 제품.",
            args=SalesStandingArgs, handler="handlers:sales_standing", status="순위와 목표 대비 실적을 계산하는 중…",
            hints="routing:standing_args", not_inherited=("kind", "top_n"),
            examples=("우리 팀에서 나 몇 등이야?", "팀 평균 대비 내 달성률", "지난달 목표 못 채운 제품",
                      "팀 내 내 순위 알려줘", "목표 미달 제품 보여줘", "how do I rank in my team?"),
        ),
    ),
    slash_commands=(
        SlashCommand(
            command="/report", parser="commands:parse_report",
            usage=("*/report [기간] [기준] [차트|엑셀]* — 실적 리포트\n"
                   "• `/report` 이번 달 제품별 실적\n• `/report 지난 분기 거래처별`\n"
                   "• `/report 최근 6개월 차트` 매출 추이 차트\n• `/report 2025년 3월 담당자별 엑셀`\n"
                   "기준: 제품별·거래처별·담당자별·팀별·지역별·월별·채널별·유형별·치료영역별"),
        ),
    ),
)
