"""Accounts (거래처) and products."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import Base
from data.models.org import Rep

ACCOUNT_TYPES = ("상급종합병원", "종합병원", "병원", "의원", "약국", "도매상")


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    province: Mapped[str] = mapped_column(String(20), index=True)  # 시·도
    district: Mapped[str] = mapped_column(String(30))  # 시·군·구
    specialty: Mapped[str | None] = mapped_column(String(30))
    beds: Mapped[int] = mapped_column(default=0)
    owner_rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id"), index=True)
    opened_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | closed

    owner: Mapped[Rep | None] = relationship()


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    ingredient: Mapped[str] = mapped_column(String(80))
    atc_code: Mapped[str] = mapped_column(String(10), index=True)
    therapeutic_area: Mapped[str] = mapped_column(String(40), index=True)
    unit_price: Mapped[int]  # KRW per box
    launched_on: Mapped[date | None]
