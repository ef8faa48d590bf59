"""News articles matched to reps, and stored predictions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class NewsArticle(Base):
    __tablename__ = "news_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    original_url: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]
    query: Mapped[str] = mapped_column(String(200), default="")
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewsMatch(Base):
    """Why an article matters to a rep: a product or account of theirs is mentioned."""

    __tablename__ = "news_matches"
    __table_args__ = (UniqueConstraint("article_id", "rep_id", name="uq_news_match_article_rep"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_articles.id", ondelete="CASCADE"))
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(String(300), default="")


class Prediction(Base):
    """A forecast point for one series (scope + id) and month, from a registered model."""

    __tablename__ = "predictions"
    __table_args__ = (Index("ix_predictions_series", "series_key", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    series_key: Mapped[str] = mapped_column(String(80))  # e.g. rep:12, team:3, product:5, total
    scope: Mapped[str] = mapped_column(String(10))  # rep | team | product | account | total
    scope_id: Mapped[int | None]
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"))  # owner, for access rules
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    month: Mapped[date]
    model_name: Mapped[str] = mapped_column(String(40))
    model_version: Mapped[str] = mapped_column(String(40), default="")
    yhat: Mapped[float] = mapped_column(Float)
    yhat_lower: Mapped[float | None] = mapped_column(Float)
    yhat_upper: Mapped[float | None] = mapped_column(Float)
