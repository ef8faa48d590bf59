"""Slash command text → a catalog tool call (tools/CATALOG.md), or Korean usage help."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tools.common.periods import parse_period
from tools.common.plumbing import ToolInputError

USAGE = {
    "/report": ("*/report [기간] [기준] [차트|엑셀]* — 실적 리포트\n"
                "• `/report` 이번 달 제품별 실적\n• `/report 지난 분기 거래처별`\n"
                "• `/report 최근 6개월 차트` 매출 추이 차트\n• `/report 2025년 3월 담당자별 엑셀`\n"
                "기준: 제품별·거래처별·담당자별·팀별·지역별·월별·채널별·유형별·치료영역별"),
    "/forecast": ("*/forecast [대상 이름] [N개월]* — 매출 예측\n"
                  "• `/forecast` 내 전체 매출 3개월 예측\n• `/forecast 제품 로수빛 6개월`\n"
                  "• `/forecast 거래처 한성대학교병원`\n• `/forecast 목표` 이번 분기 목표 달성 전망\n"
                  "대상: 전체·담당자·팀·제품·거래처 (1~12개월)"),
    "/client": ("*/client [거래처명|등급|위험|우선순위]* — 거래처 정보\n"
                "• `/client 한성대학교병원` 거래처 카드\n• `/client 우선순위` 방문 우선순위\n"
                "• `/client 위험` 이탈 위험 거래처\n• `/client 등급 A` A등급 거래처"),
    "/news": "*/news [주제]* — 관련 뉴스\n• `/news 약가 인하`",
    "/wiki": ("*/wiki [검색어|목록|보기 페이지|편집 페이지]* — 팀 위키\n"
              "• `/wiki 샘플 규정` 검색\n• `/wiki 목록`\n• `/wiki 보기 방문 보고 작성법`\n"
              "• `/wiki 편집 방문 보고 작성법` (편집 창이 열립니다)"),
    "/draft": ("*/draft [거래처명]* — 방문 보고서 초안 작성 창을 엽니다\n• `/draft 한성대학교병원`"),
}

GROUP_BY = {"제품별": "product", "품목별": "product", "거래처별": "account", "담당자별": "rep", "사원별": "rep",
            "팀별": "team", "지역별": "region", "월별": "month", "채널별": "channel", "유형별": "account_type",
            "치료영역별": "therapeutic_area", "product": "product", "account": "account", "rep": "rep",
            "team": "team", "region": "region", "month": "month", "channel": "channel"}
CHART_KIND = {"추이": "trend", "달성": "achievement", "달성률": "achievement", "믹스": "product_mix",
              "제품믹스": "product_mix", "지역": "region"}
SCOPES = {"전체": "total", "total": "total", "담당자": "rep", "rep": "rep", "팀": "team", "team": "team",
          "제품": "product", "product": "product", "거래처": "account", "account": "account"}


def help_text() -> str:
    lines = ["*MedRep 사용법* — 채널에서 @MedRep 을 멘션하거나 DM으로 물어보세요. 스레드에서는 멘션 없이 이어서 질문할 수 있어요.",
             "파일(문서·통화 녹음)을 스레드나 DM에 올리면 저장하고 바로 질문할 수 있습니다.", ""]
    lines += [USAGE[c] for c in ("/report", "/forecast", "/client", "/news", "/wiki", "/draft")]
    lines.append("*/medrep [질문]* — 에이전트에게 바로 질문 (`/medrep help` 이 도움말)")
    return "\n\n".join(lines)


class UsageError(ValueError):
    """Bad slash command arguments; str() is the Korean usage help."""


@dataclass
class ToolCall:
    tool: str
    args: dict = field(default_factory=dict)
    modal: str | None = None  # "wiki_edit" | "draft": open a modal instead of calling a tool


def _usage(command: str, problem: str) -> UsageError:
    return UsageError(f"⚠️ {problem}\n\n{USAGE[command]}")


def _check_period(command: str, text: str, today: date) -> str:
    if not text:
        return ""
    try:
        parse_period(text, today)
    except ToolInputError as exc:
        raise _usage(command, f"'{text}' 기간을 이해하지 못했습니다. {exc}") from None
    return text


def parse_report(text: str, today: date) -> ToolCall:
    words = text.split()
    group_by, tool, kind, rest = None, "sales_report", None, []
    for word in words:
        if word in GROUP_BY:
            group_by = GROUP_BY[word]
        elif word in ("차트", "그래프", "chart"):
            tool = "sales_chart"
        elif word in ("엑셀", "excel", "xlsx", "내보내기"):
            tool = "sales_export"
        elif word in CHART_KIND:
            kind = CHART_KIND[word]
        else:
            rest.append(word)
    period = _check_period("/report", " ".join(rest), today)
    args: dict = {"period": period or ("최근 12개월" if tool == "sales_chart" else "이번 달")}
    if tool == "sales_chart":
        args["kind"] = kind or "trend"
    else:
        args["group_by"] = group_by or "product"
    return ToolCall(tool, args)


def parse_forecast(text: str, today: date) -> ToolCall:
    words = text.split()
    if words and words[0] in ("목표", "달성", "갭", "gap"):
        return ToolCall("forecast_target_gap", {"period": _check_period("/forecast", " ".join(words[1:]), today)
                                                or "이번 분기"})
    horizon = 3
    rest = []
    for word in words:
        m = re.fullmatch(r"(\d+)(개월|달|m)?", word)
        if m:
            horizon = int(m.group(1))
            if not 1 <= horizon <= 12:
                raise _usage("/forecast", "예측 기간은 1~12개월 사이로 입력해 주세요.")
        else:
            rest.append(word)
    scope, name = "total", ""
    if rest:
        if rest[0] in SCOPES:
            scope, name = SCOPES[rest[0]], " ".join(rest[1:])
        else:
            scope, name = "product", " ".join(rest)
    if scope != "total" and not name:
        raise _usage("/forecast", f"'{rest[0]}' 다음에 예측할 대상의 이름을 입력해 주세요.")
    return ToolCall("forecast_sales", {"scope": scope, "name": name, "horizon": horizon})


def parse_client(text: str, today: date) -> ToolCall:
    words = text.split()
    if not words or words[0] in ("우선순위", "방문"):
        return ToolCall("client_visit_priorities", {"top_n": 10})
    if words[0] in ("위험", "이탈"):
        return ToolCall("client_churn_risk", {"top_n": 10})
    if words[0] == "등급":
        grade = words[1].upper() if len(words) > 1 else ""
        if grade and grade not in ("A", "B", "C", "D"):
            raise _usage("/client", "등급은 A, B, C, D 중 하나로 입력해 주세요.")
        return ToolCall("client_grades", {"grade": grade})
    return ToolCall("client_profile", {"account": text.strip()})


def parse_wiki(text: str, today: date) -> ToolCall:
    words = text.split()
    if not words or words[0] in ("목록", "list"):
        return ToolCall("wiki_list")
    if words[0] in ("보기", "view"):
        if len(words) < 2:
            raise _usage("/wiki", "볼 페이지 제목을 입력해 주세요.")
        return ToolCall("wiki_view", {"page": " ".join(words[1:])})
    if words[0] in ("편집", "edit", "수정"):
        if len(words) < 2:
            raise _usage("/wiki", "편집할 페이지 제목을 입력해 주세요.")
        return ToolCall("wiki_edit", {"page": " ".join(words[1:])}, modal="wiki_edit")
    return ToolCall("wiki_search", {"query": text.strip()})


def parse_news(text: str, today: date) -> ToolCall:
    return ToolCall("news_digest", {"topic": text.strip()})


def parse_draft(text: str, today: date) -> ToolCall:
    return ToolCall("draft_visit_report", {"account": text.strip()}, modal="draft")


PARSERS = {"/report": parse_report, "/forecast": parse_forecast, "/client": parse_client,
           "/news": parse_news, "/wiki": parse_wiki, "/draft": parse_draft}


def parse_command(command: str, text: str, today: date) -> ToolCall:
    parser = PARSERS.get(command)
    if parser is None:
        raise UsageError(help_text())
    return parser((text or "").strip(), today)
