"""Korean texts the offline router writes itself: final answers from tool results, help,
and the honest "not available yet" answer."""

from __future__ import annotations

from langchain_core.messages import ToolMessage

from tools.registry import CAPABILITIES, capability_for_tool

EXAMPLES = {
    "sales_": "\"지난달 제품별 실적 보여줘\", \"3분기 서울 지역 달성률 차트\", \"올해 실적 엑셀로 줘\"",
    "client_": "\"내 거래처 등급 보여줘\", \"이탈 위험 높은 거래처 top 5\", \"이번 주 방문 우선순위\"",
    "forecast_": "\"다음 3개월 매출 예측\", \"이번 분기 목표 달성 가능할까?\"",
    "anomaly_": "\"최근 12개월 이상치 찾아줘\"",
    "search_": "\"로수빛 용법용량 알려줘\", \"견본품 규정 찾아줘\"",
    "wiki_": "\"위키 목록 보여줘\", \"'신입 온보딩' 페이지 보여줘\"",
    "draft_": "\"한성대학교병원 방문 보고서 써줘: 메모…\"",
    "compliance_": "\"이 문구 괜찮아? : 100% 완치되는 약입니다\"",
    "call_": "\"최근 통화 분석해줘\"",
    "news_": "\"로수빛 관련 뉴스\"",
}


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
    names = list(specs)
    lines = ["안녕하세요, MedRep입니다. 영업 데이터와 사내 자료에 대해 물어보시면 도와드릴게요."]
    available = []
    for cap in CAPABILITIES:
        if any(n.startswith(cap.prefixes) for n in names):
            examples = "; ".join(EXAMPLES[p] for p in cap.prefixes)
            available.append(f"- **{cap.label_ko}**: {examples}")
    if available:
        lines.append("이런 질문을 할 수 있어요:")
        lines += available
    else:
        lines.append("지금은 사용할 수 있는 기능이 설치되어 있지 않습니다. 관리자에게 문의해 주세요.")
    return "\n".join(lines)


def unavailable_text(tool_name: str) -> str:
    cap = capability_for_tool(tool_name)
    label = cap.label_ko if cap else "요청하신"
    return (f"'{label}' 기능은 아직 설치되지 않아 답변드릴 수 없습니다. "
            "수치를 추측해 드리지 않으니, 기능이 준비되면 다시 물어봐 주세요. (관리자: 해당 기능 패키지 설치 필요)")
