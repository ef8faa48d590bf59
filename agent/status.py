"""Korean progress lines shown while a tool runs ("매출 데이터를 분석 중…")."""

from __future__ import annotations

_BY_PREFIX = {
    "sales_export": "엑셀 파일을 만드는 중…",
    "sales_chart": "차트를 그리는 중…",
    "sales_": "매출 데이터를 분석 중…",
    "client_": "거래처 정보를 분석 중…",
    "forecast_": "매출을 예측하는 중…",
    "anomaly_": "이상 패턴을 찾는 중…",
    "search_": "문서를 검색하는 중…",
    "wiki_": "위키를 확인하는 중…",
    "draft_": "문서 초안을 작성하는 중…",
    "compliance_": "컴플라이언스 규정을 점검하는 중…",
    "call_": "통화 내용을 분석하는 중…",
    "news_": "뉴스를 찾는 중…",
}


def status_for_tool(name: str) -> str:
    for prefix, text in _BY_PREFIX.items():
        if name.startswith(prefix):
            return text
    return "요청을 처리하는 중…"
