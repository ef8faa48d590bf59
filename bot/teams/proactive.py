"""Proactive messages (e.g. the morning digest) to a person's 1:1 chat with the bot, through
the conversation reference stored at install or on their first message."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from botbuilder.core import TurnContext
from botbuilder.schema import ConversationReference

from bot.teams import store
from bot.teams.activities import to_activity
from bot.teams.cards import CARD_CONTENT_TYPE, text_message

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def proactive_payload(text_or_card: str | dict) -> dict:
    """Markdown text, an Adaptive Card, or a whole message Activity dict."""
    if isinstance(text_or_card, str):
        return text_message(text_or_card)
    if text_or_card.get("type") == "AdaptiveCard":
        return {"type": "message", "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": text_or_card}]}
    return dict(text_or_card)


async def send_proactive_async(app: AppContext, rep_id: int, text_or_card: str | dict) -> str | None:
    """The id of the message sent, or None when the person has no 1:1 chat with the bot."""
    from bot.teams.adapter import TeamsAdapter

    reference = store.personal_reference(app, rep_id)
    if reference is None:
        return None
    adapter = TeamsAdapter(app)
    sent: list[str | None] = []

    async def callback(ctx: TurnContext) -> None:
        ctx.activity.id = None  # post a new message (POST .../activities), not a reply to the continuation event
        response = await ctx.send_activity(to_activity(proactive_payload(text_or_card)))
        sent.append(response.id if response else None)

    await adapter.continue_conversation(ConversationReference().deserialize(reference), callback,
                                        app.settings.microsoft_app_id or "")
    return sent[0] if sent else None


def send_proactive(app: AppContext, rep_id: int, text_or_card: str | dict) -> str | None:
    """Blocking form for jobs (the scheduler's threads): send and return the message id."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(send_proactive_async(app, rep_id, text_or_card))
    raise RuntimeError("send_proactive is blocking; in async code await send_proactive_async")
