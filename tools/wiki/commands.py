"""`/wiki [검색어|목록|보기 페이지|편집 페이지]` → a wiki_* tool call (편집 opens a modal)."""

from __future__ import annotations

from datetime import date

from tools.common.commands import usage_error
from tools.common.contract import SlashCall


def parse_wiki(text: str, today: date) -> SlashCall:
    from tools.wiki.manifest import CAPABILITY

    usage = CAPABILITY.slash_commands[0].usage
    words = text.split()
    if not words or words[0] in ("목록", "list"):
        return SlashCall("wiki_list")
    if words[0] in ("보기", "view"):
        if len(words) < 2:
            raise usage_error(usage, "볼 페이지 제목을 입력해 주세요.")
        return SlashCall("wiki_view", {"page": " ".join(words[1:])})
    if words[0] in ("편집", "edit", "수정"):
        if len(words) < 2:
            raise usage_error(usage, "편집할 페이지 제목을 입력해 주세요.")
        return SlashCall("wiki_edit", {"page": " ".join(words[1:])}, modal="wiki_edit")
    return SlashCall("wiki_search", {"query": text.strip()})
