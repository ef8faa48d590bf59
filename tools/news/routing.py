"""Offline-router argument hints for the news_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots
from tools.news.timephrase import parse_sections, parse_time

TOPICS = ("약가 인하", "약가", "급여 기준", "급여", "리베이트", "식약처 허가", "식약처", "허가", "공급 중단", "품절")
CATEGORY_WORDS = (("규제", "regulation"), ("정책", "regulation"), ("경쟁", "competitor"), ("시장", "market"),
                  ("거래처", "account"), ("병원", "account"))
_NUMBER = re.compile(r"(\d+)\s*번")


def news_args(tool: str, slots: Slots) -> dict:
    text = slots.text
    args: dict = {}
    if tool == "news_digest":
        topic = next((t for t in TOPICS if t in text), None)
        named = slots.get("product") or slots.get("ingredient") or slots.get("account")
        if named and not topic:
            topic = named[:50]
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
        if any(w in text for w in ("만 넣", "만 받", "항목")):
            sections = parse_sections(text.replace("다이제스트", ""))
            if sections:
                args["sections"] = ",".join(sections)
    return args
