"""Korean texts the offline router writes itself: final answers from tool results, help,
and the honest "not available yet" answer."""

from __future__ import annotations

import re

from langchain_core.messages import ToolMessage

from tools.common.plumbing import josa
from tools.registry import PLANNED, capabilities, capability_for_tool

HELP_EXAMPLES_PER_CAPABILITY = 3


def compose_answer(results: list[ToolMessage]) -> str:
    parts = []
    for message in results:
        content = message.content if isinstance(message.content, str) else str(message.content)
        if message.status == "error":
            content = f"요청을 처리하지 못했습니다: {content}"
        parts.append(content.strip())
    text = "\n\n".join(p for p in parts if p)
    return text or "조회 결과가 없습니다. 기간이나 조건을 바꿔 다시 물어봐 주세요."


def help_text(specs: dict) -> str:
    """What MedRep can answer, with examples from the installed manifests (bound tools only)."""
    lines = ["안녕하세요, MedRep입니다. 영업 데이터와 사내 자료에 대해 물어보시면 도와드릴게요."]
    available = []
    for cap in capabilities():
        examples = [e for t in cap.tools if t.name in specs for e in t.examples[:1]]
        if examples:
            quoted = ", ".join(f"\"{e}\"" for e in examples[:HELP_EXAMPLES_PER_CAPABILITY])
            available.append(f"- **{cap.label}**: {quoted}")
    if available:
        lines.append("이런 질문을 할 수 있어요:")
        lines += available
        if PLANNED:
            lines.append("준비 중인 기능: " + ", ".join(p.label for p in PLANNED))
    else:
        lines.append("지금은 사용할 수 있는 기능이 설치되어 있지 않습니다. 관리자에게 문의해 주세요.")
    return "\n".join(lines)


THANKS = re.compile(r"고마워|고맙|감사|땡큐|thank|thx|수고(?:했|하셨|하세요|해)|잘했어|굿\b|좋아요?\s*[!.]*$|최고(?:야|예요)", re.I)
THANKS_TEXT = "도움이 됐다니 다행이에요. 더 궁금한 게 있으면 언제든 물어봐 주세요."


def smalltalk_text(text: str, specs: dict) -> str:
    """Thanks get a short reply; a greeting, "뭐 할 수 있어?" or anything else the help text."""
    return THANKS_TEXT if THANKS.search(text) and len(text) <= 30 else help_text(specs)


def unavailable_text(tool_name: str) -> str:
    cap = capability_for_tool(tool_name)
    label = cap.label if cap else "요청하신"
    return (f"'{label}' 기능은 아직 설치되지 않아 답변드릴 수 없습니다. "
            "수치를 추측해 드리지 않으니, 기능이 준비되면 다시 물어봐 주세요. (관리자: 해당 기능 패키지 설치 필요)")


# What a clarifying question calls each tool (falls back to the capability's label).
TOOL_LABELS = {
    "sales_report": "실적 리포트", "sales_chart": "실적 차트", "sales_export": "실적 엑셀 파일",
    "sales_account_changes": "신규·이탈 거래처 목록", "sales_standing": "팀 내 순위·목표 미달 제품", "client_grades": "거래처 등급",
    "client_churn_risk": "이탈 위험 분석", "client_visit_priorities": "방문 우선순위",
    "client_profile": "거래처 카드", "forecast_sales": "매출 예측", "forecast_target_gap": "목표 달성 전망",
    "forecast_recommendations": "실적 개선 제안", "anomaly_detect": "실적 이상 탐지",
    "search_documents": "사내 문서 검색", "wiki_search": "위키 검색", "wiki_view": "위키 페이지 보기",
    "wiki_list": "위키 목록", "wiki_create": "위키 페이지 만들기", "wiki_edit": "위키 페이지 수정",
    "wiki_history": "위키 변경 이력", "wiki_diff": "위키 변경 비교", "wiki_revert": "위키 되돌리기",
    "compliance_check": "컴플라이언스 점검", "draft_visit_report": "방문 보고서 작성",
    "draft_briefing_plan": "제품설명회 계획서",
    "draft_expenditure_export": "지출보고서 엑셀", "news_digest": "뉴스 브리핑", "news_feedback": "뉴스 피드백",
    "news_settings": "다이제스트 설정", "call_analyze": "통화 분석",
}


def tool_label(tool_name: str) -> str:
    if tool_name in TOOL_LABELS:
        return TOOL_LABELS[tool_name]
    cap = capability_for_tool(tool_name)
    return cap.label if cap else tool_name


def clarify_text(candidates: list[str]) -> str:
    """"실적 리포트를 원하시나요, 매출 예측을 원하시나요?" for the two likeliest tools."""
    a, b = (tool_label(c) for c in candidates[:2])
    return (f"{a}{josa(a, '을', '를')} 원하시나요, {b}{josa(b, '을', '를')} 원하시나요? "
            "조금만 더 구체적으로 말씀해 주시면 바로 찾아 드릴게요.")


def out_of_scope_text(specs: dict, company: str | None = None) -> str:
    """A polite answer to a question MedRep does not cover (weather, stocks, coding…), naming
    what it does cover: the installed capabilities; another company's figures point to its news."""
    labels = [cap.label for cap in capabilities() if any(t.name in specs for t in cap.tools)]
    covered = ", ".join(labels) if labels else "영업 실적과 사내 자료"
    text = ("죄송하지만 그 질문은 제가 도와드릴 수 있는 범위가 아니에요. "
            f"MedRep은 제약 영업 업무를 돕는 비서로, {covered}에 대해 답해 드려요. ")
    if company and "news_digest" in specs:
        return text + (f"{company}의 실적·주가는 갖고 있지 않지만, \"{company} 관련 뉴스\"처럼 물어보시면 "
                       "관련 기사를 찾아 드려요.")
    return text + "예를 들어 \"지난달 제품별 실적 보여줘\"처럼 물어봐 주세요."
