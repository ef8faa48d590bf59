"""Teams and people (reps, managers, admins)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import Base

ROLES = ("rep", "manager", "admin")


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    region: Mapped[str] = mapped_column(String(40))  # home 시·도
    provinces: Mapped[str] = mapped_column(String(200))  # comma-separated 시·도 covered

    reps: Mapped[list["Rep"]] = relationship(back_populates="team")


class Rep(Base):
    """A person MedRep knows: a rep (MR), a team manager or an admin (CP팀)."""

    __tablename__ = "reps"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    role: Mapped[str] = mapped_column(String(10), default="rep")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    slack_user_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    teams_user_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    locale: Mapped[str] = mapped_column(String(8), default="ko")
    hired_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)

    team: Mapped[Team | None] = relationship(back_populates="reps")
