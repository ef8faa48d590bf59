"""`/report [기간] [기준] [차트|엑셀]` → a sales_* tool call."""

from __future__ import annotations

from datetime import date

from tools.common.commands import check_period
from tools.common.contract import SlashCall
from tools.common.vocab import CHART_KIND_WORDS, GROUP_WORDS

CHART_WORDS = ("차트", "그래프", "chart")
EXCEL_WORDS = ("엑셀", "excel", "xlsx", "내보내기")


def parse_report(text: str, today: date) -> SlashCall:
    from tools.analytics.manifest import CAPABILITY

    usage = CAPABILITY.slash_commands[0].usage
    group_by, tool, kind, rest = None, "sales_report", None, []
    for word in text.split():
        key = word.lower()
        if key.endswith("별") and key.removesuffix("별") in GROUP_WORDS:
            group_by = GROUP_WORDS[key.removesuffix("별")]
        elif key in CHART_WORDS:
            tool = "sales_chart"
        elif key in EXCEL_WORDS:
            tool = "sales_export"
        elif key in CHART_KIND_WORDS:
            kind = CHART_KIND_WORDS[key]
        elif key in GROUP_WORDS and key.isascii():
            group_by = GROUP_WORDS[key]
        else:
            rest.append(word)
    period = check_period(usage, " ".join(rest), today)
    args: dict = {"period": period or ("최근 12개월" if tool == "sales_chart" else "이번 달")}
    if tool == "sales_chart":
        from tools.analytics.routing import chart_for_table

        # "/report 지난달 거래처별 차트": the cut's own chart, or its rows as ranking bars
        args.update({"kind": kind} if kind else chart_for_table({"group_by": group_by}) or {"kind": "trend"})
        if args["kind"] == "ranking":
            args.setdefault("group_by", group_by or "product")
    else:
        args["group_by"] = group_by or "product"
    return SlashCall(tool, args)
