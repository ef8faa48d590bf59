"""News: the caller's own pharma news (Naver News Search), with a reason per item, feedback
and the morning digest settings (docs/news.md)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from tools.common.contract import CapabilitySpec, SlashCommand, ToolArgs, ToolSpec

NewsCategory = Literal["regulation", "competitor", "market", "product", "account"]
NewsSignal = Literal["up", "down", "more"]
DigestSection = Literal["news", "sales", "forecast", "visits", "anomalies"]
NEWS_TOP_MAX = 20
_SECTION = "(news|sales|forecast|visits|anomalies)"
SECTIONS_PATTERN = rf"^{_SECTION}(,{_SECTION})*$"


class NewsDigestArgs(ToolArgs):
    topic: Annotated[Optional[str], Field(
        title="주제", max_length=50,
        description="찾을 뉴스 주제·검색어, 사용자가 말한 그대로. 비우면 내 제품·거래처·경쟁사 관련 뉴스. 예: '약가 인하'")] = None
    category: Annotated[Optional[NewsCategory], Field(
        title="분야", description="이 분야 뉴스만: regulation(규제·정책), competitor(경쟁사), market(시장), "
                                 "product(제품), account(거래처). 예: 'regulation'")] = None
    top_n: Annotated[int, Field(title="상위 N", ge=1, le=NEWS_TOP_MAX,
                                description=f"몇 건까지 보여줄지. 1~{NEWS_TOP_MAX}, 생략 시 5. 예: 5")] = 5


class NewsFeedbackArgs(ToolArgs):
    story_id: Annotated[int, Field(title="피드백 번호", ge=1, le=2_000_000_000,
                                   description="뉴스 목록에 표시된 '피드백 번호'. 예: 12")]
    value: Annotated[NewsSignal, Field(title="반응", description="up(👍 도움됨), down(👎 관심 없음), "
                                                                "more(더 보기: 같은 분야 뉴스 더). 예: 'up'")]


class NewsSettingsArgs(ToolArgs):
    send_time: Annotated[Optional[str], Field(
        title="받는 시간", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", max_length=5,
        description="모닝 다이제스트를 받을 시각(24시간, HH:MM, 서울 시간). 예: '07:30'")] = None
    sections: Annotated[Optional[str], Field(
        title="항목", max_length=60, pattern=SECTIONS_PATTERN,
        description="다이제스트에 넣을 항목, 쉼표로 구분: news(뉴스), sales(이번 달 실적), forecast(목표 달성 전망), "
                    "visits(방문 우선순위), anomalies(이상 징후). 예: 'news,visits'")] = None
    drop_sections: Annotated[Optional[str], Field(
        title="뺄 항목", max_length=60, pattern=SECTIONS_PATTERN,
        description="지금 받는 항목에서 뺄 것, 쉼표로 구분(sections와 같은 이름). 예: 'news,anomalies'")] = None
    enabled: Annotated[Optional[bool], Field(title="받기", description="다이제스트를 받을지(true)/끌지(false). 예: true")] = None


CAPABILITY = CapabilitySpec(
    package="news",
    label="뉴스·모닝 다이제스트",
    prefixes=("news_",),
    lifecycle="lifecycle",
    tools=(
        ToolSpec(
            name="news_digest",
            description="나와 관련된 제약 뉴스(네이버 뉴스): 담당 제품·성분·경쟁 제품·치료 영역·거래처, 회사 공통 주제"
                        "(약가 인하, 급여 기준, 리베이트 제재, 식약처 허가, 공급 중단). 건마다 관련 이유와 링크. "
                        "topic으로 주제 검색, category로 분야만.",
            args=NewsDigestArgs, handler="handlers:news_digest", status="관련 뉴스를 찾는 중…",
            hints="routing:news_args", not_inherited=("topic", "category", "top_n"),
            examples=("내 제품 관련 뉴스 있어?", "약가 인하 뉴스 보여줘", "오늘 뉴스 브리핑 해줘", "경쟁사 뉴스 알려줘",
                      "규제 관련 뉴스만 보여줘", "식약처 허가 소식 있어?", "any news about my products?"),
        ),
        ToolSpec(
            name="news_feedback",
            description="뉴스 한 건에 대한 반응(👍 도움됨, 👎 관심 없음, 더 보기)을 남깁니다. 다음 뉴스 순위에 반영.",
            args=NewsFeedbackArgs, handler="handlers:news_feedback", status="의견을 저장하는 중…",
            hints="routing:news_args",
            ask_when_missing=(("story_id", "어느 뉴스인가요? 뉴스 목록의 '피드백 번호'를 알려 주세요. 예: '12번 뉴스 좋아요'"),
                              ("value", "좋아요(👍)인가요, 관심 없음(👎)인가요?")),
            examples=("12번 뉴스 좋아요", "3번 뉴스는 관심 없어", "5번 뉴스 비슷한 거 더 보여줘"),
        ),
        ToolSpec(
            name="news_settings",
            description="모닝 다이제스트 설정(받는 시간, 항목, 켜기/끄기)을 보거나 바꿉니다. 평일 아침, 공휴일 제외.",
            args=NewsSettingsArgs, handler="handlers:news_settings", status="다이제스트 설정을 바꾸는 중…",
            hints="routing:news_args", not_inherited=("send_time", "sections", "drop_sections", "enabled"),
            examples=("다이제스트 7시 반으로 바꿔줘", "모닝 브리핑 설정 보여줘", "다이제스트 그만 받을래",
                      "아침 다이제스트에 뉴스랑 방문 우선순위만 넣어줘"),
        ),
    ),
    slash_commands=(
        SlashCommand(
            command="/news", parser="commands:parse_news",
            usage=("*/news [주제|설정|좋아요 N|싫어요 N|더보기 N]* — 관련 뉴스와 다이제스트 설정\n"
                   "• `/news` 나와 관련된 뉴스\n• `/news 약가 인하` 주제 검색\n"
                   "• `/news 좋아요 12` · `/news 싫어요 12` · `/news 더보기 12` 뉴스 피드백\n"
                   "• `/news 설정` 다이제스트 설정 보기 · `/news 설정 07:30 뉴스,방문` 시간·항목 변경 · `/news 설정 끄기`"),
        ),
    ),
)
