"""Offline-router argument hints for the sales_* tools: Korean/English cue words → arguments."""

from __future__ import annotations

import re

from tools.common.period_phrases import find_phrases
from tools.common.slots import Slots, first_match, name_filters

GROUP_CUES = [
    (r"담당자\s*별|사원\s*별|mr\s*별|영업사원\s*별|팀원\s*별|by\s*rep|per\s*rep", "rep"),
    (r"팀\s*별|by\s*team|per\s*team", "team"),
    (r"지역\s*별|시도\s*별|권역\s*별|by\s*region", "region"),
    (r"유형\s*별|종별|병원\s*종류|by\s*account\s*type", "account_type"),
    (r"거래처\s*별|병원\s*별|처방처\s*별|by\s*account|per\s*account", "account"),
    (r"질환\s*별|치료\s*영역\s*별|영역\s*별|계열\s*별|by\s*(?:therapeutic\s*)?area", "therapeutic_area"),
    (r"채널\s*별|원내\s*외|원내\s*/\s*원외|by\s*channel", "channel"),
    (r"월\s*별|월간\s*추이|monthly|by\s*month|추이", "month"),
    (r"제품\s*별|품목\s*별|by\s*product|per\s*product", "product"),
]
# A ranking without "…별" groups by the noun it counts: "지난달 상위 5개 거래처", "11월 거래처 순위".
RANKING = re.compile(r"상위|하위|top|bottom|순위|랭킹|제일|가장|best|worst|\d+\s*(?:곳|군데)", re.I)
RANKED_NOUNS = [
    (r"거래처|병원|의원|약국|처방처|accounts?|hospitals?", "account"),
    (r"담당자|팀원|사원|영업사원|reps?\b", "rep"),
    (r"제품|품목|products?", "product"),
    (r"지역|regions?", "region"),
    (r"팀\s*(?:순위|랭킹)|teams?", "team"),
]
CHART_CUES = [
    (r"달성|achievement", "achievement"),
    (r"믹스|비중|구성|점유|mix|share|파이", "product_mix"),
    (r"지역|region", "region"),
]
OVER_MONTHS = re.compile(r"월별|추이|트렌드|monthly|trend|over time", re.I)
# "지난달 내 실적 차트": one month asked for, no trend word — that month's bars against target
TREND_WORDS = re.compile(r"추이|추세|흐름|트렌드|trend|over time|개월|월별|분기별|연간|올해|작년", re.I)
ACHIEVEMENT = re.compile(r"달성\s*률|달성\s*율|달성도|achievement|attainment", re.I)
ASCENDING = re.compile(r"하위|낮은|worst|bottom|꼴찌|부진|저조|적은", re.I)
LOST = re.compile(r"이탈|끊긴|빠진|중단|잃은|lost|churn|떨어져\s*나간|안\s*하는|없어진", re.I)
COMPARE = re.compile(r"비교|대비|vs\.?|versus|compare|이랑|랑\s|와\s|과\s|하고", re.I)
SAME_LAST_YEAR = "작년 같은 기간"
FILTER_SLOTS = ("rep", "team", "region", "account", "account_type", "product", "therapeutic_area", "channel")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def comparison_args(text: str) -> dict:
    """period + compare_with when a sentence asks for two periods side by side:
    "작년 같은 기간이랑 비교하면 이번 분기 어때?" → 이번 분기 vs 작년 같은 기간;
    "작년 3월이랑 올해 3월 비교" → 올해 3월 vs 작년 3월 (the later one is the period)."""
    phrases = find_phrases(text or "", strict=False)
    same = [p for p in phrases if p.is_comparison]
    named = [p for p in phrases if not p.is_comparison]
    if not COMPARE.search(text or ""):  # "그럼 작년 같은 기간은?" is a follow-up that moves the period
        return {}
    if same and len(named) <= 1:
        out = {"compare_with": SAME_LAST_YEAR}
        if named:
            out["period"] = _clean(named[0].text)
        return out
    if len(named) == 2:
        from datetime import date

        from tools.common.periods import parse_period
        from tools.common.plumbing import ToolInputError

        today = date.today()  # only to order the two phrases; the tool resolves them against the business date
        try:
            a, b = (parse_period(_clean(p.text), today, allow_future=True) for p in named)
        except ToolInputError:
            return {}
        later, earlier = (named[0], named[1]) if a.start >= b.start else (named[1], named[0])
        return {"period": _clean(later.text), "compare_with": _clean(earlier.text)}
    return {}


# "차트로" after a table draws that table: its grouping picks the chart; a ranked table (top or
# bottom N) and a cut with no chart of its own (accounts, account types, channels) draw their
# rows as ranking bars.
CHART_FOR_GROUP = {"product": "product_mix", "therapeutic_area": "product_mix", "region": "region",
                   "rep": "achievement", "team": "achievement", "month": "trend"}
RANKING_ARGS = ("group_by", "top_n", "order")


def chart_for_table(args: dict) -> dict:
    """The sales_chart arguments that draw the table `args` (a sales_report call's) asked for."""
    group = args.get("group_by")
    if not group:
        return {}
    ranked = bool(args.get("top_n")) or args.get("order") == "asc"
    if group != "month" and (ranked or group not in CHART_FOR_GROUP):
        return {"kind": "ranking", **{k: args[k] for k in RANKING_ARGS if args.get(k)}}
    return {"kind": CHART_FOR_GROUP[group]}


def followup_args(tool: str, previous: dict, args: dict, slots: Slots) -> dict:
    """A follow-up that moves from a sales table to a chart keeps what the table showed."""
    if (tool == "sales_chart" and previous.get("name") != "sales_chart"
            and not first_match(CHART_CUES, slots.text.lower())):
        return {**args, **chart_for_table(previous.get("args", {}))}
    return args


def _ranked_group(slots: Slots) -> str | None:
    """The grouping a ranking question implies, reading the text without the names said in it
    ("양천중앙병원" is a filter, not "병원")."""
    low = slots.text.lower()
    if not (RANKING.search(low) or ASCENDING.search(low)):  # "상위 5개 거래처", "달성률 낮은 팀원"
        return None
    for surface in slots.entities.values():
        low = low.replace(surface.lower(), " ")
    return first_match(RANKED_NOUNS, low)


def sales_args(tool: str, slots: Slots) -> dict:
    low = slots.text.lower()
    args: dict = name_filters(slots, FILTER_SLOTS)
    if slots.period:
        args["period"] = slots.period
    if tool in ("sales_report", "sales_chart") and (compared := comparison_args(slots.text)):
        args.pop("period", None)  # "작년 이맘때" alone is the comparison, not the period
        args.update(compared)
    if tool in ("sales_report", "sales_export"):
        group = first_match(GROUP_CUES, low) or _ranked_group(slots)
        if group:
            args["group_by"] = group
    if tool == "sales_report":
        if slots.top_n:
            args["top_n"] = slots.top_n
        if ASCENDING.search(low):
            args["order"] = "asc"
        if ACHIEVEMENT.search(low) and (RANKING.search(low) or ASCENDING.search(low) or "order" in args):
            args["rank_by"] = "achievement"  # "달성률 하위 3개 제품", "달성률 낮은 팀원"
    if tool == "sales_chart":
        args.update(_chart_kind(slots))
    if tool == "sales_account_changes":
        args["kind"] = "lost" if LOST.search(low) else "new"
    return args


def _chart_kind(slots: Slots) -> dict:
    """kind (and for a ranking its cut, count and order): a named chart ("달성률", "믹스",
    "지역"), else the ranking or cut said ("상위 5개 거래처 차트", "거래처별 그래프"), else trend."""
    low = slots.text.lower()
    kind = first_match(CHART_CUES, low)
    if kind == "achievement" and OVER_MONTHS.search(low):  # "월별 달성률 추이": the trend has the target line
        return {"kind": "trend"}
    if kind == "achievement":
        group = first_match(GROUP_CUES, low)
        return {"kind": kind, **({"group_by": group} if group in ("team", "rep") else {})}
    if kind:
        return {"kind": kind}
    group = first_match(GROUP_CUES, low) or _ranked_group(slots)
    if group and group != "month" and RANKING.search(low):
        ranking = {"kind": "ranking", "group_by": group, "top_n": slots.top_n,
                   "order": "asc" if ASCENDING.search(low) else None}
        return {k: v for k, v in ranking.items() if v}
    table_chart = chart_for_table({"group_by": group})
    if table_chart:
        return table_chart
    if slots.period and _one_month(slots.period) and not TREND_WORDS.search(low):
        return {"kind": "achievement"}
    return {"kind": "trend"}


def _one_month(period: str) -> bool:
    """The period phrase names a single month (the tools' own period grammar; how many months
    a phrase spans does not depend on the day it is read)."""
    from datetime import date

    from tools.common.periods import parse_period

    try:
        return len(parse_period(period, date.today()).month_list()) == 1
    except ValueError:
        return False


# sales_standing is about the asker's (or their team's) place; "거래처 순위", "제품 랭킹" rank
# accounts or products: a report ordered by amount.
SELF_STANDING = re.compile(r"나\b|나는|내가|내\s|저는|제가|몇\s*(?:등|위|번째)|평균|팀|미달|못\s*채|부족|under|\bmy\b|\bme\b|\bi\b|team", re.I)
RANKED_THINGS = re.compile(r"거래처|병원|약국|의원|제품|품목|지역|account|product|region|customer", re.I)


def redirect(tool: str, text: str) -> str | None:
    """Another tool of this capability when the sentence means it (offline router)."""
    if tool == "sales_standing" and RANKED_THINGS.search(text) and not SELF_STANDING.search(text):
        return "sales_report"
    return None


UNDER_TARGET = re.compile(r"목표\s*(?:를|에)?\s*(?:못|안|미달|미만|부족|밑)|미달|under\s*target|below\s*target|missed", re.I)


def standing_args(tool: str, slots: Slots) -> dict:
    """sales_standing: the period, and under_target when the sentence asks for products short
    of target ("목표 못 채운 제품")."""
    args: dict = {"period": slots.period} if slots.period else {}
    if UNDER_TARGET.search(slots.text):
        args["kind"] = "under_target"
        if slots.top_n:
            args["top_n"] = slots.top_n
    return args
