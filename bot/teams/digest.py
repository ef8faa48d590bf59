"""The morning digest in Teams: an Adaptive Card (each section with a "더 물어보기" button that
asks the question in the chat) sent proactively to the person's 1:1 chat. `medrep serve` hands
`send_digest` to the scheduler; scheduled/ never imports this package."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.teams.cards import CARD_VERSION, _clean, parse_table, split_markdown, table_element
from bot.teams.proactive import send_proactive

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

ASK_MORE = "더 물어보기"


def _section_items(text: str) -> list[dict]:
    items: list[dict] = []
    for kind, part in split_markdown(text.replace("*", "")):
        if kind == "table":
            rows = parse_table(part)  # type: ignore[arg-type]
            if rows:
                element = table_element(rows)
                element["rows"] = [_clean(r) for r in element["rows"]]
                items.append(element)
        else:
            items.append({"type": "TextBlock", "text": part, "wrap": True})
    return items


def digest_card(digest: Any) -> dict:
    """Adaptive Card of a `scheduled.digest.Digest` (its channel-neutral `parts`)."""
    body: list[dict] = [{"type": "TextBlock", "text": digest.headline or "모닝 다이제스트", "weight": "Bolder",
                         "size": "Medium", "wrap": True}]
    for part in digest.parts:
        body.append({"type": "Container", "separator": True, "items": [
            {"type": "TextBlock", "text": part["title"], "weight": "Bolder", "wrap": True},
            *_section_items(part["text"]),
            {"type": "ActionSet", "actions": [{"type": "Action.Submit", "title": ASK_MORE,
                                               "data": {"msteams": {"type": "imBack", "value": part["question"]}}}]},
        ]})
    if not digest.parts:
        body.append({"type": "TextBlock", "text": "오늘 전해드릴 새 소식이 없습니다. 궁금한 점은 채팅으로 물어보세요.", "wrap": True})
    return {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": CARD_VERSION, "body": body, "msteams": {"width": "Full"}}


def send_digest(app: "AppContext", rep_id: int, digest: Any) -> bool:
    """True when the card reached the person's Teams chat (False: no chat with the bot yet)."""
    return send_proactive(app, rep_id, digest_card(digest)) is not None
