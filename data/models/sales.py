"""Monthly sales (shipments 출하 by rep × account × product) and monthly targets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base

CHANNELS = ("원내", "원외")


class MonthlySale(Base):
    __tablename__ = "sales_monthly"
    __table_args__ = (
        Index("ix_sales_rep_month", "rep_id", "month"),
        Index("ix_sales_account_month", "account_id", "month"),
        Index("ix_sales_product_month", "product_id", "month"),
        Index("ix_sales_month", "month"),
    )

    # BIGINT on PostgreSQL (10M+ rows with --scale); INTEGER on SQLite so it autoincrements.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    month: Mapped[date]  # first day of the month
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    channel: Mapped[str] = mapped_column(String(4))  # 원내 | 원외
    quantity: Mapped[int]  # boxes
    amount: Mapped[int] = mapped_column(BigInteger)  # KRW


class MonthlyTarget(Base):
    """A rep's monthly target per product (목표). Team and company targets are sums."""

    __tablename__ = "targets_monthly"
    __table_args__ = (Index("ix_targets_rep_month", "rep_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
