"""News (issue 16): de-duplicated stories from the Naver News Search API, the URLs that point
at them, per-rep relevance with a Korean reason, feedback, the daily API quota, and the
database lock that makes a scheduled job run once across replicas."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, utcnow


class NewsStory(Base):
    """One story: the same article syndicated by several outlets is one row."""

    __tablename__ = "news_stories"
    __table_args__ = (Index("ix_news_stories_published", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(500), index=True)  # normalised title
    description: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(1000))
    original_url: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None]  # UTC, naive
    category: Mapped[str] = mapped_column(String(20), default="market")
    outlets: Mapped[int] = mapped_column(default=1)
    queries: Mapped[list] = mapped_column(default=list)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewsStoryUrl(Base):
    """Every link and originallink seen, pointing at its story (de-duplication by URL)."""

    __tablename__ = "news_story_urls"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("news_stories.id", ondelete="CASCADE"), index=True)


class NewsRelevance(Base):
    """Why a story matters to one rep (visible to that rep only)."""

    __tablename__ = "news_relevance"
    __table_args__ = (UniqueConstraint("story_id", "rep_id", name="uq_news_relevance_story_rep"),
                      Index("ix_news_relevance_rep_score", "rep_id", "score"))

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("news_stories.id", ondelete="CASCADE"))
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    category: Mapped[str] = mapped_column(String(20), default="market")
    reason: Mapped[str] = mapped_column(String(300), default="")
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewsFeedback(Base):
    """👍 (up), 👎 (down) or "더 보기" (more) on a story by a rep; used in ranking."""

    __tablename__ = "news_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("news_stories.id", ondelete="CASCADE"))
    value: Mapped[str] = mapped_column(String(10))  # up | down | more
    category: Mapped[str] = mapped_column(String(20), default="")


class NewsApiUsage(Base):
    """Naver search calls made per day (Asia/Seoul), against the 25,000/day quota."""

    __tablename__ = "news_api_usage"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    calls: Mapped[int] = mapped_column(default=0)
    exhausted: Mapped[bool] = mapped_column(default=False)


class JobLock(Base):
    """A scheduled run's lock: one row per job run key, held until `expires_at`."""

    __tablename__ = "job_locks"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
