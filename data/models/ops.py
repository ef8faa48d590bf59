"""Operational records: conversation log, event receipts, uploads, feedback, audit, digests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class ConversationTurn(Base):
    """Every turn through the agent: who, where, what, which tools, how long, what answer."""

    __tablename__ = "conversation_turns"
    __table_args__ = (Index("ix_turns_thread", "thread_key", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), index=True)
    platform: Mapped[str] = mapped_column(String(10))  # slack | teams | cli
    thread_key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    tool_calls: Mapped[list] = mapped_column(default=list)
    files: Mapped[list] = mapped_column(default=list)
    latency_ms: Mapped[int] = mapped_column(default=0)
    reply_text: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text)
    backend: Mapped[str] = mapped_column(String(40), default="")  # offline-router | openai:<model>


class EventReceipt(Base):
    """A platform event seen once; retries with the same id are answered from here."""

    __tablename__ = "event_receipts"
    __table_args__ = (Index("ix_event_receipts_due", "status", "next_attempt_at"),
                      Index("ix_event_receipts_user", "platform", "user_id", "received_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(10))
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # received (waiting for a process) | retry (due again at next_attempt_at) | done | failed
    # (given up, the user told) | refused (rate limit, the user told) | ignored
    status: Mapped[str] = mapped_column(String(20), default="received")
    payload: Mapped[dict] = mapped_column(default=dict)  # the whole event: enough to answer it again
    error: Mapped[str | None] = mapped_column(Text)
    # durable delivery (bot/outbox.py): who works on it until when, how often it was tried
    user_id: Mapped[str | None] = mapped_column(String(64))
    owner: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    # the computed answer, kept until it is delivered (a retry re-delivers, it does not recompute)
    answer: Mapped[dict | None] = mapped_column()
    reply_ts: Mapped[str | None] = mapped_column(String(64))  # the message the answer goes into
    reply_mode: Mapped[str | None] = mapped_column(String(16))  # stream | placeholder
    delivered_at: Mapped[datetime | None] = mapped_column()


class Upload(Base):
    """A file a user sent; the original is always kept under MEDREP_HOME/uploads."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), index=True)
    platform: Mapped[str] = mapped_column(String(10))
    thread_key: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size_bytes: Mapped[int] = mapped_column(default=0)
    path: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default="other")  # document|audio|transcript|other
    status: Mapped[str] = mapped_column(String(20), default="stored")  # stored|rejected|processed|failed
    message: Mapped[str | None] = mapped_column(Text)


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("conversation_turns.id"))
    thread_key: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[str] = mapped_column(String(10))  # up | down
    comment: Mapped[str | None] = mapped_column(Text)


class DigestSubscription(Base):
    """Morning digest settings per person."""

    __tablename__ = "digest_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), unique=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    send_time: Mapped[str] = mapped_column(String(5), default="08:00")  # HH:MM, MEDREP_TIMEZONE
    sections: Mapped[list] = mapped_column(default=lambda: ["news", "forecast", "visits"])
    last_sent_at: Mapped[datetime | None]
    last_digest: Mapped[str | None] = mapped_column(Text)


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict] = mapped_column(default=dict)
