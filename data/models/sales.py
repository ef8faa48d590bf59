"""Monthly sales (shipments 출하 by rep × account × product) and monthly targets."""

from __future__ import annotations

from datetime import date, datetime

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
    __table_args__ = (Index("ix_targets_rep_month", "rep_id", "month"), Index("ix_targets_month", "month"))

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    amount: Mapped[int] = mapped_column(BigInteger)


class SalesRollupProduct(Base):
    """Monthly sales summed over accounts and channels: month × rep × product.

    One of two rollups (derived data, rebuilt by `data.rollup` after every sales load, with
    the source high-water mark in `SalesRollupState`): reports whose cut and filters need
    only rep/team and product/therapeutic area read this instead of `sales_monthly`.
    """

    __tablename__ = "sales_rollup_product"
    __table_args__ = (Index("ix_rollup_product_month", "month"), Index("ix_rollup_product_rep_month", "rep_id", "month"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    month: Mapped[date]
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class SalesRollupRegion(Base):
    """Monthly sales summed over accounts and products: month × rep × channel × 시·도 × account type.

    The other rollup: region, account-type and channel reports (no product cut) read this.
    """

    __tablename__ = "sales_rollup_region"
    __table_args__ = (Index("ix_rollup_region_month", "month"), Index("ix_rollup_region_rep_month", "rep_id", "month"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    month: Mapped[date]
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    channel: Mapped[str] = mapped_column(String(4))
    province: Mapped[str] = mapped_column(String(20))
    account_type: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class SalesRollupAccount(Base):
    """Monthly sales summed over products and channels: month × account × rep.

    Account cuts and new/lost prescribing-account lists (no product or channel filter) read this.
    """

    __tablename__ = "sales_rollup_account"
    __table_args__ = (Index("ix_rollup_account_month", "month"), Index("ix_rollup_account_rep_month", "rep_id", "month"),
                      Index("ix_rollup_account_account_month", "account_id", "month"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    month: Mapped[date]
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    rep_id: Mapped[int] = mapped_column(ForeignKey("reps.id"))
    quantity: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class SalesRollupState(Base):
    """One row: what `sales_monthly` looked like when the rollups were last rebuilt."""

    __tablename__ = "sales_rollup_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_max_id: Mapped[int] = mapped_column(BigInteger)
    source_rows: Mapped[int] = mapped_column(BigInteger)
    rollup_rows: Mapped[int] = mapped_column(BigInteger)
    refreshed_at: Mapped[datetime]
    seconds: Mapped[float]
