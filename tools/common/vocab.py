"""Fixed vocabularies and limits shared by every path: the tool schemas an LLM sees (enums,
bounds), the offline router's word lists, the slash-command parsers and the tools' own
checks all read these, so a cut, a chart kind or a limit is written once."""

from __future__ import annotations

from typing import Literal, get_args

# --- sales cuts --------------------------------------------------------------------------
GroupBy = Literal["product", "account", "rep", "team", "region", "account_type", "therapeutic_area",
                  "channel", "month"]
GROUPS: tuple[str, ...] = get_args(GroupBy)
GROUP_LABELS = {
    "rep": "담당자", "team": "팀", "region": "지역", "account": "거래처", "account_type": "거래처 유형",
    "product": "제품", "therapeutic_area": "치료 영역", "channel": "채널", "month": "월",
}
# Korean words (as reps type them, with or without 별) → cut; also the English keys themselves.
GROUP_WORDS = {
    "제품": "product", "품목": "product", "거래처": "account", "병원": "account", "처방처": "account",
    "담당자": "rep", "사원": "rep", "영업사원": "rep", "mr": "rep", "팀원": "rep", "팀": "team",
    "지역": "region", "시도": "region", "권역": "region", "유형": "account_type", "종별": "account_type",
    "거래처유형": "account_type", "치료영역": "therapeutic_area", "질환": "therapeutic_area",
    "영역": "therapeutic_area", "계열": "therapeutic_area", "채널": "channel", "월": "month", "월간": "month",
    **{key: key for key in GROUPS}, "area": "therapeutic_area", "type": "account_type",
}

# --- charts ------------------------------------------------------------------------------
ChartKind = Literal["trend", "achievement", "product_mix", "region", "ranking"]
CHART_KINDS: tuple[str, ...] = get_args(ChartKind)
CHART_KIND_LABELS = {"trend": "월별 추이", "achievement": "달성률", "product_mix": "제품 믹스", "region": "지역 비교",
                     "ranking": "순위"}
CHART_KIND_WORDS = {"추이": "trend", "트렌드": "trend", "달성": "achievement", "달성률": "achievement",
                    "믹스": "product_mix", "제품믹스": "product_mix", "비중": "product_mix", "지역": "region",
                    "순위": "ranking", "랭킹": "ranking", **{key: key for key in CHART_KINDS}}

# --- other fixed vocabularies ------------------------------------------------------------
Order = Literal["desc", "asc"]
RankBy = Literal["amount", "achievement"]
AccountChange = Literal["new", "lost"]
Grade = Literal["A", "B", "C", "D"]
Channel = Literal["원내", "원외"]
WikiVisibility = Literal["all", "team", "role"]
WIKI_VISIBILITIES: tuple[str, ...] = get_args(WikiVisibility)

ForecastScope = Literal["total", "team", "rep", "product", "account"]
FORECAST_SCOPES: tuple[str, ...] = get_args(ForecastScope)
SCOPE_LABELS = {"total": "전체", "team": "팀", "rep": "담당자", "product": "제품", "account": "거래처"}
SCOPE_WORDS = {"전체": "total", "전사": "total", "담당자": "rep", "팀": "team", "제품": "product",
               "거래처": "account", **{key: key for key in FORECAST_SCOPES}}

# --- limits (one definition; the schemas carry them as bounds) ----------------------------
TOP_N_MAX = 50  # rows a ranked answer may list
FORECAST_HORIZON_MAX = 6  # months ahead the forecasting models are validated for
SEARCH_TOP_K_MAX = 10
NAME_MAX_CHARS = 100  # a person, team, account or product name as said
PHRASE_MAX_CHARS = 60  # a period phrase
QUERY_MAX_CHARS = 500  # a search query
TEXT_MAX_CHARS = 20_000  # a wiki body or a text to check
