"""What the Teams channel keeps: raw events (malformed ones included, so nothing is lost),
conversation references (for proactive messages), the bot's messages → turns, and feedback."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from data.models import BotConversation, BotMessage, ConversationTurn, EventReceipt, Feedback, utcnow

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)
PLATFORM = "teams"


def store_raw_event(app: AppContext, raw: str, *, status: str, error: str = "") -> int | None:
    """Keep a request body that could not be processed (e.g. malformed JSON)."""
    try:
        with app.session() as session:
            row = EventReceipt(platform=PLATFORM, event_id=f"teams-raw:{uuid.uuid4().hex}", status=status,
                               payload={"raw": raw[:200_000]}, error=error[:2000] or None)
            session.add(row)
            session.commit()
            return row.id
    except Exception:
        log.exception("could not store raw Teams event")
        return None


def save_reference(app: AppContext, reference: dict, *, scope: str, rep_id: int | None) -> None:
    conversation_id = ((reference.get("conversation") or {}).get("id") or "")[:300]
    if not conversation_id:
        return
    tenant = (reference.get("conversation") or {}).get("tenantId")
    with app.session() as session:
        row = session.scalars(select(BotConversation).where(BotConversation.conversation_id == conversation_id)).first()
        if row is None:
            row = BotConversation(platform=PLATFORM, conversation_id=conversation_id)
            session.add(row)
        row.scope, row.reference, row.tenant_id, row.updated_at = scope, reference, tenant, utcnow()
        if rep_id is not None:
            row.rep_id = rep_id
        try:
            session.commit()
        except IntegrityError:  # a concurrent first message stored it
            session.rollback()


def has_reference(app: AppContext, conversation_id: str) -> bool:
    with app.session() as session:
        return session.scalar(select(BotConversation.id).where(
            BotConversation.conversation_id == conversation_id[:300])) is not None


def personal_reference(app: AppContext, rep_id: int) -> dict | None:
    """The latest 1:1 chat reference of a person (where proactive messages go)."""
    with app.session() as session:
        row = session.scalars(select(BotConversation).where(
            BotConversation.platform == PLATFORM, BotConversation.rep_id == rep_id,
            BotConversation.scope == "personal").order_by(BotConversation.updated_at.desc(),
                                                          BotConversation.id.desc())).first()
        return dict(row.reference) if row else None


def remember_message(app: AppContext, conversation_id: str, activity_id: str | None, turn_id: int | None,
                     thread_key: str) -> None:
    if not activity_id:
        return
    with app.session() as session:
        session.add(BotMessage(platform=PLATFORM, conversation_id=conversation_id[:300], activity_id=activity_id[:200],
                               turn_id=turn_id, thread_key=thread_key[:200]))
        session.commit()


def store_feedback(app: AppContext, *, rep_id: int | None, conversation_id: str, reply_to_id: str,
                   thread_key: str, value: str, comment: str | None) -> int:
    """Feedback on the bot message `reply_to_id`, attached to the turn that message answered."""
    with app.session() as session:
        message = session.scalars(select(BotMessage).where(
            BotMessage.platform == PLATFORM, BotMessage.conversation_id == conversation_id[:300],
            BotMessage.activity_id == (reply_to_id or "")[:200]).order_by(BotMessage.id.desc())).first()
        turn_id = message.turn_id if message else None
        key = message.thread_key if message else thread_key
        if turn_id is not None and session.get(ConversationTurn, turn_id) is None:
            turn_id = None
        row = Feedback(rep_id=rep_id, turn_id=turn_id, thread_key=key[:200], value=value,
                       comment=(comment or None))
        session.add(row)
        session.commit()
        return row.id
