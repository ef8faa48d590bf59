"""Search: hybrid retrieval over documents, wiki, call notes and the database (one place)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from tools.common.contract import CapabilitySpec, ToolArgs, ToolSpec
from tools.common.vocab import QUERY_MAX_CHARS, SEARCH_TOP_K_MAX


class SearchDocumentsArgs(ToolArgs):
    query: Annotated[str, Field(title="검색어", min_length=1, max_length=QUERY_MAX_CHARS,
                                description="찾을 내용, 사용자의 말 그대로. 예: '로수빛 금기', '제품설명회 식음료 한도'")]
    top_k: Annotated[int, Field(title="결과 수", ge=1, le=SEARCH_TOP_K_MAX,
                                description=f"돌려줄 근거 구절 수. 1~{SEARCH_TOP_K_MAX}, 생략 시 5. 예: 3")] = 5


CAPABILITY = CapabilitySpec(
    package="search",
    label="문서·위키 검색",
    prefixes=("search_",),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="search_documents",
            description="사내 문서·제품설명서·SOP·컴플라이언스 가이드·FAQ·위키·내 업로드 문서·방문 메모·제품/거래처 정보를 "
                        "검색해 근거 구절과 출처를 돌려줍니다.",
            args=SearchDocumentsArgs, handler="handlers:search_documents", status="문서를 검색하는 중…",
            hints="routing:search_args", not_inherited=("query", "top_k"),
            examples=("로수빛 용법용량 알려줘", "견본품 제공 규정 찾아줘", "제품설명회 식음료 한도가 얼마야?",
                      "What is the meal limit for a product briefing?", "이 문서 요약해줘", "올린 문서에서 권장 용량 찾아줘",
                      "방금 올린 자료 핵심만 알려줘", "summarize this document"),
        ),
    ),
)
