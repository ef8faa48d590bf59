"""`/news [주제|설정 …|좋아요 N|싫어요 N|더보기 N]` → a news_* tool call."""

from __future__ import annotations

from datetime import date

from tools.common.commands import usage_error
from tools.common.contract import SlashCall
from tools.news.timephrase import parse_sections, parse_time

SIGNALS = {"좋아요": "up", "👍": "up", "싫어요": "down", "👎": "down", "관심없음": "down", "더보기": "more", "더": "more"}


def parse_news(text: str, today: date) -> SlashCall:
    from tools.news.manifest import CAPABILITY

    usage = CAPABILITY.slash_commands[0].usage
    words = text.split()
    if not words:
        return SlashCall("news_digest", {})
    if words[0] == "설정":
        rest = " ".join(words[1:])
        args: dict = {}
        if rest in ("끄기", "off", "그만"):
            return SlashCall("news_settings", {"enabled": False})
        if rest in ("켜기", "on"):
            return SlashCall("news_settings", {"enabled": True})
        if rest:
            time = parse_time(rest)
            sections = parse_sections(rest)
            if not time and not sections:
                raise usage_error(usage, "시간(예: 07:30, 7시 반)이나 항목(뉴스, 실적, 전망, 방문, 이상)을 알려 주세요.")
            if time:
                args["send_time"] = time
            if sections:
                args["sections"] = ",".join(sections)
        return SlashCall("news_settings", args)
    if words[0] in SIGNALS:
        if len(words) < 2 or not words[1].isdigit():
            raise usage_error(usage, "피드백할 뉴스의 번호를 함께 입력해 주세요. 예: `/news 좋아요 12`")
        return SlashCall("news_feedback", {"story_id": int(words[1]), "value": SIGNALS[words[0]]})
    return SlashCall("news_digest", {"topic": text.strip()[:50]})
