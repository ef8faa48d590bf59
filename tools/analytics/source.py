"""Which table a report reads: the smallest current rollup whose dimensions cover the
report's cut and filters (data.rollup), else `sales_monthly`.

- `sales_rollup_region` (month × rep × channel × 시·도 × account type): region, type, channel,
  rep/team cuts and totals — ~18× fewer rows than the raw table on the demo world;
- `sales_rollup_account` (month × account × rep): account cuts, one account's totals, and
  new/lost prescribing accounts — ~8× fewer;
- `sales_rollup_product` (month × rep × product): product and therapeutic-area reports — ~7× fewer;
- `sales_monthly`: mixes such as one product by region, type, channel or account.
Every source has `rep_id`, so the caller's visibility filter is the same on all three.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, FromClause, Table, or_, select
from sqlalchemy.orm import Session

from data.access import rep_filter
from data.models import MonthlyTarget, SalesRollupAccount, SalesRollupProduct, SalesRollupRegion
from data.rollup import rollups_are_current
from tools.analytics.scope import ACCOUNTS, PRODUCTS, REPS, SALES, Scope
from tools.common.periods import Period

# The stored dimension each report cut needs ("team" is a rep attribute, an area a product one).
_CUT_NEEDS = {"rep": "rep", "team": "rep", "region": "region", "account": "account", "account_type": "account_type",
              "product": "product", "therapeutic_area": "product", "channel": "channel"}


@dataclass(frozen=True)
class SalesSource:
    table: Table
    dimensions: frozenset[str]
    account_columns_inline: bool  # province/account_type stored on the row (rollup) or joined from accounts

    @property
    def name(self) -> str:
        return self.table.name

    def column(self, dimension: str):
        c = self.table.c
        if dimension == "region":
            return c.province if self.account_columns_inline else ACCOUNTS.c.province
        if dimension == "account_type":
            return c.account_type if self.account_columns_inline else ACCOUNTS.c.type
        return {"rep": c.rep_id, "product": c.get("product_id"), "channel": c.get("channel"), "month": c.month,
                "amount": c.amount, "quantity": c.get("quantity"), "account": c.get("account_id"),
                "team": REPS.c.team_id, "therapeutic_area": PRODUCTS.c.therapeutic_area, "total": None}[dimension]

    def from_clause(self, group_by: str, scope: Scope) -> FromClause:
        source: FromClause = self.table
        if not self.account_columns_inline and (group_by in ("region", "account_type") or scope.needs_accounts()):
            source = source.join(ACCOUNTS, ACCOUNTS.c.id == self.table.c.account_id)
        if group_by == "therapeutic_area" or scope.needs_products():
            source = source.join(PRODUCTS, PRODUCTS.c.id == self.table.c.product_id)
        if group_by == "team":
            source = source.join(REPS, REPS.c.id == self.table.c.rep_id)
        return source

    def conditions(self, scope: Scope) -> list[ColumnElement[bool]]:
        """WHERE conditions for the scope: the caller's visibility first, then each filter."""
        c = self.table.c
        conds: list[ColumnElement[bool]] = [rep_filter(scope.caller, c.rep_id)]
        if scope.rep_id is not None:
            conds.append(c.rep_id == scope.rep_id)
        if scope.team_id is not None:
            conds.append(c.rep_id.in_(select(REPS.c.id).where(REPS.c.team_id == scope.team_id)))
        if scope.account_id is not None:
            conds.append(c.account_id == scope.account_id)
        if scope.product_id is not None:
            conds.append(c.product_id == scope.product_id)
        if scope.channel is not None:
            conds.append(c.channel == scope.channel)
        if scope.region is not None:
            conds.append(self.column("region") == scope.region)
        if scope.account_type is not None:
            conds.append(self.column("account_type") == scope.account_type)
        if scope.therapeutic_area is not None:
            conds.append(PRODUCTS.c.therapeutic_area == scope.therapeutic_area)
        return conds

    def in_periods(self, *periods: Period) -> ColumnElement[bool]:
        """Only the months the report compares (a month, the one before, a year before: 3 of 13)."""
        month = self.table.c.month
        return or_(*(month.between(p.start, p.end) for p in periods))


RAW_SOURCE = SalesSource(SALES, frozenset(_CUT_NEEDS.values()), account_columns_inline=False)
REGION_ROLLUP = SalesSource(SalesRollupRegion.__table__, frozenset({"rep", "channel", "region", "account_type"}),
                            account_columns_inline=True)
ACCOUNT_ROLLUP = SalesSource(SalesRollupAccount.__table__, frozenset({"rep", "account", "region", "account_type"}),
                             account_columns_inline=False)
PRODUCT_ROLLUP = SalesSource(SalesRollupProduct.__table__, frozenset({"rep", "product"}), account_columns_inline=True)
ROLLUPS = (REGION_ROLLUP, ACCOUNT_ROLLUP, PRODUCT_ROLLUP)  # smallest first
# Targets (rep × product × month) are filtered and grouped exactly like the product rollup.
TARGET_SOURCE = SalesSource(MonthlyTarget.__table__, frozenset({"rep", "product"}), account_columns_inline=True)


def needed_dimensions(scope: Scope, group_by: str) -> set[str]:
    needs = {_CUT_NEEDS[group_by]} if group_by in _CUT_NEEDS else set()
    if scope.rep_id is not None or scope.team_id is not None:
        needs.add("rep")
    for attr, dim in (("account_id", "account"), ("product_id", "product"), ("therapeutic_area", "product"),
                      ("channel", "channel"), ("region", "region"), ("account_type", "account_type")):
        if getattr(scope, attr) is not None:
            needs.add(dim)
    return needs


def pick_source(session: Session, scope: Scope, group_by: str) -> SalesSource:
    needs = needed_dimensions(scope, group_by)
    candidates = [r for r in ROLLUPS if needs <= r.dimensions]
    if candidates and rollups_are_current(session):
        return candidates[0]
    return RAW_SOURCE
