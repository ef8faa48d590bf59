"""Documents (ingested files and uploads), their chunks, and wiki pages with revisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import Base, utcnow

# all: everyone; team: members of visibility_team_id (+ admins); role: visibility_role and
# above (rep < manager < admin); private: the owner only (+ admins), e.g. a rep's upload.
VISIBILITIES = ("all", "team", "role", "private")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500), unique=True)  # path or upload key
    source_type: Mapped[str] = mapped_column(String(10))  # md, txt, pdf, docx, html
    category: Mapped[str] = mapped_column(String(20), default="document")
    product_codes: Mapped[str] = mapped_column(String(200), default="")
    visibility: Mapped[str] = mapped_column(String(10), default="all")
    visibility_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    visibility_role: Mapped[str | None] = mapped_column(String(10))
    owner_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    chunks: Mapped[list["DocumentChunk"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentChunk.ordinal"
    )


class DocumentChunk(Base):
    __tablename__ = "document_chunks"
    __table_args__ = (Index("ix_chunks_document", "document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    section: Mapped[str] = mapped_column(String(300), default="")  # heading path
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="chunks")


class WikiPage(Base):
    __tablename__ = "wiki_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    visibility: Mapped[str] = mapped_column(String(10), default="all")
    visibility_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    visibility_role: Mapped[str | None] = mapped_column(String(10))
    owner_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    current_revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    revisions: Mapped[list["WikiRevision"]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="WikiRevision.number"
    )


class WikiRevision(Base):
    __tablename__ = "wiki_revisions"
    __table_args__ = (UniqueConstraint("page_id", "number", name="uq_wiki_revision_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    author_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))
    comment: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    page: Mapped[WikiPage] = relationship(back_populates="revisions")
