"""Field activity: visits with call notes, and uploaded call recordings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_rep_time", "rep_id", "visited_at"),
        Index("ix_visits_account_time", "account_id", "visited_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    visited_at: Mapped[datetime]
    contact_name: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(30))  # 디테일링, 제품설명회, 샘플 전달, DC 준비, 학회 안내 …
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class CallRecording(Base):
    """An uploaded call recording or transcript and its analysis (call_* tools)."""

    __tablename__ = "call_recordings"
    __table_args__ = (Index("ix_call_recordings_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="received")  # received|queued|transcribing|analyzing|analyzed|transcribed|failed
    transcript: Mapped[str | None] = mapped_column(Text)
    analysis: Mapped[dict | None]
    error: Mapped[str | None] = mapped_column(Text)
    thread_key: Mapped[str] = mapped_column(String(200), default="", server_default="")  # where the result is posted
    posted_at: Mapped[datetime | None]  # set once the result reached the thread (posted once)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
