"""Offline-router argument hints for the news_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots
from tools.news.timephrase import parse_sections, parse_time

TOPICS = ("약가 인하", "약가", "급여 기준", "급여", "리베이트", "식약처 허가", "식약처", "허가", "공급 중단", "품절")
CATEGORY_WORDS = (("규제", "regulation"), ("정책", "regulation"), ("경쟁", "competitor"), ("시장", "market"),
                  ("거래처", "account"), ("병원", "account"))
_NUMBER = re.compile(r"(\d+)\s*번")
# "셀트리온 관련 뉴스", "종근당 기사 있어?", "news about Pfizer": the name said before the word
_ABOUT = re.compile(r"([가-힣A-Za-z0-9]{2,20})\s*(?:관련|에\s*대한|쪽)?\s*(?:뉴스|기사|소식)|news\s+(?:about|on)\s+([A-Za-z0-9가-힣]{2,20})", re.I)
_GENERIC = {"오늘", "최근", "요즘", "제약", "업계", "제품", "시장", "경쟁", "규제", "정책", "거래처", "병원", "아침", "모닝",
            "주요", "이번", "주간", "관련", "새로운", "최신", "어제", "오늘자", "헤드라인", "담당", "우리", "회사", "국내", "해외"}


def _named_topic(text: str) -> str | None:
    m = _ABOUT.search(text)
    word = (m.group(1) or m.group(2)) if m else None
    if not word:
        return None
    word = re.sub(r"(?:의|이|가|은|는)$", "", word)
    if word in _GENERIC or any(w in word for w, _ in CATEGORY_WORDS):  # "경쟁사 뉴스" is the category
        return None
    return word


def news_args(tool: str, slots: Slots) -> dict:
    text = slots.text
    args: dict = {}
    if tool == "news_digest":
        topic = next((t for t in TOPICS if t in text), None)
        named = slots.get("product") or slots.get("ingredient") or slots.get("account")
        if named and not topic:
            topic = named[:50]
        if not topic:
            topic = _named_topic(text)
        if slots.quoted:
            topic = slots.quoted[0][:50]
        if topic:
            args["topic"] = topic
        category = next((v for w, v in CATEGORY_WORDS if w in text), None)
        if category and not topic:
            args["category"] = category
        if slots.top_n:
            args["top_n"] = min(slots.top_n, 20)
    elif tool == "news_feedback":
        number = _NUMBER.search(text)
        if number:
            args["story_id"] = int(number.group(1))
        if any(w in text for w in ("더 보여", "더보기", "더 보기", "비슷한")):
            args["value"] = "more"
        elif any(w in text for w in ("싫어", "관심 없", "관심없", "별로", "👎")):
            args["value"] = "down"
        elif any(w in text for w in ("좋아", "도움", "유용", "👍")):
            args["value"] = "up"
    elif tool == "news_settings":
        time = parse_time(text)
        if time:
            args["send_time"] = time
        if any(w in text for w in ("그만", "끄", "끊", "안 받")):
            args["enabled"] = False
        elif any(w in text for w in ("다시 받", "켜")):
            args["enabled"] = True
        named = parse_sections(text.replace("다이제스트", ""))
        if named and any(w in text for w in ("빼", "제외", "없애", "안 넣", "필요 없")):
            args["drop_sections"] = ",".join(named)  # "다이제스트에서 뉴스랑 이상 징후 빼줘"
        elif named and any(w in text for w in ("만 넣", "만 받", "항목")):
            args["sections"] = ",".join(named)
    return args
