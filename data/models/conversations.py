"""Chat-platform conversations the bot may write to later (proactive messages), and the
bot's own messages in them (so a reaction to a message finds its conversation turn)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class BotConversation(Base):
    """A conversation reference (platform JSON) stored at install and on the first message."""

    __tablename__ = "bot_conversations"
    __table_args__ = (Index("ix_bot_conversations_rep", "platform", "rep_id", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(10))  # teams
    conversation_id: Mapped[str] = mapped_column(String(300), unique=True)
    scope: Mapped[str] = mapped_column(String(20), default="personal")  # personal | channel | groupChat
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    tenant_id: Mapped[str | None] = mapped_column(String(80))
    reference: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BotMessage(Base):
    """A message the bot posted: platform message id -> the conversation turn it answered."""

    __tablename__ = "bot_messages"
    __table_args__ = (Index("ix_bot_messages_activity", "platform", "conversation_id", "activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(10))
    conversation_id: Mapped[str] = mapped_column(String(300))
    activity_id: Mapped[str] = mapped_column(String(200))
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("conversation_turns.id"))
    thread_key: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
