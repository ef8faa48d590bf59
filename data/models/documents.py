"""Drafted documents (visit reports, briefing plans) with versions, and the expenditure
report rows (지출보고서) of benefits given (draft_* tools, issue 14)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class DocumentDraft(Base):
    """One version of a drafted document; versions of one document share `draft_key`."""

    __tablename__ = "document_drafts"
    __table_args__ = (Index("ix_document_drafts_key_version", "draft_key", "version", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_key: Mapped[str] = mapped_column(String(80))  # e.g. "visit:A0001:2026-11-30"
    version: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(20))  # visit_report | briefing_plan
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
    doc_date: Mapped[date]
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[dict]  # {"title": ..., "sections": [{"heading", "text"}]}
    findings: Mapped[list]  # compliance findings (Finding.to_json)
    file_path: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExpenditureReport(Base):
    """A permitted economic benefit given (약사법 시행규칙 별표2 지출보고서 항목)."""

    __tablename__ = "expenditure_reports"
    __table_args__ = (Index("ix_expenditure_reports_rep_date", "rep_id", "benefit_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("document_drafts.id"))
    recipient: Mapped[str] = mapped_column(String(80))  # 수령자(보건의료인) 성명
    institution: Mapped[str] = mapped_column(String(80))  # 소속 기관
    benefit_date: Mapped[date]
    benefit_type: Mapped[str] = mapped_column(String(30))  # 제품설명회 식음료, 판촉물, 견본품, 기념품 …
    amount: Mapped[int]  # KRW
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
