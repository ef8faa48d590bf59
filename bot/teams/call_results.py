"""Posts call-analysis results (tools.calls.jobs) into the Teams conversation the call came
from, as a proactive message through the stored conversation reference."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from sqlalchemy import select

from data.models import BotConversation

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext


def conversation_reference(app: "AppContext", conversation_id: str) -> dict | None:
    base = conversation_id.split(";", 1)[0]
    with app.session() as session:
        rows = session.scalars(select(BotConversation).where(
            BotConversation.conversation_id.in_([conversation_id[:300], base[:300]]))).all()
    row = next((r for r in rows if r.conversation_id == conversation_id[:300]), rows[0] if rows else None)
    if row is None:
        return None
    reference = dict(row.reference)
    reference["conversation"] = dict(reference.get("conversation") or {}) | {"id": conversation_id}
    return reference


def thread_poster(app: "AppContext") -> Callable[[str, str], None]:
    """`poster(thread_key, text)` for thread keys `teams:{conversation id}`."""

    def post(thread_key: str, text: str) -> None:
        import asyncio

        from botbuilder.core import TurnContext
        from botbuilder.schema import ConversationReference

        from bot.teams.activities import to_activity
        from bot.teams.adapter import TeamsAdapter
        from bot.teams.cards import text_message

        reference = conversation_reference(app, thread_key.split(":", 1)[1])
        if reference is None:
            raise LookupError(f"no Teams conversation reference for {thread_key}")

        async def callback(ctx: TurnContext) -> None:
            ctx.activity.id = None
            await ctx.send_activity(to_activity(text_message(text.replace("*", "**"))))

        asyncio.run(TeamsAdapter(app).continue_conversation(
            ConversationReference().deserialize(reference), callback, app.settings.microsoft_app_id or ""))

    return post
