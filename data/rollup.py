"""The monthly sales rollups: rebuild them, and tell whether they are current.

Three rollups of `sales_monthly` (a rep has ~7 accounts per product and month, so one
rollup over every dimension would barely shrink the data):
- `sales_rollup_region`: month × rep × channel × 시·도 × account type (over accounts, products);
- `sales_rollup_account`: month × account × rep (over products and channels);
- `sales_rollup_product`: month × rep × product (over accounts and channels).

Sales rows are append-only (loads add months), so the rollups are current exactly when the
largest `sales_monthly.id` equals the one recorded at the last rebuild — one index lookup.
Anything else (new rows, a cleared world) makes readers fall back to `sales_monthly`, so a
forgotten refresh costs speed, never correctness. Account moves (시·도 or type changes) are
picked up by the nightly rebuild (scheduled/nightly.py).
"""

from __future__ import annotations

import time

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from data.models import (
    Account,
    MonthlySale,
    SalesRollupAccount,
    SalesRollupProduct,
    SalesRollupRegion,
    SalesRollupState,
    utcnow,
)

_SALES = MonthlySale.__table__
_ACCOUNTS = Account.__table__


def refresh_sales_rollups(session: Session) -> SalesRollupState:
    """Rebuild every rollup, each in one INSERT … SELECT … GROUP BY (the caller commits).

    Rows go in month order so a month's rows sit together on disk (reports read a few months).
    """
    started = time.perf_counter()
    max_id, source_rows = session.execute(select(func.max(_SALES.c.id), func.count()).select_from(_SALES)).one()
    upto = _SALES.c.id <= (max_id or 0)
    sums = (func.sum(_SALES.c.quantity), func.sum(_SALES.c.amount))

    product_dims = (_SALES.c.month, _SALES.c.rep_id, _SALES.c.product_id)
    session.execute(delete(SalesRollupProduct))
    session.execute(insert(SalesRollupProduct).from_select(
        ["month", "rep_id", "product_id", "quantity", "amount"],
        select(*product_dims, *sums).where(upto).group_by(*product_dims).order_by(_SALES.c.month)))

    account_dims = (_SALES.c.month, _SALES.c.account_id, _SALES.c.rep_id)
    session.execute(delete(SalesRollupAccount))
    session.execute(insert(SalesRollupAccount).from_select(
        ["month", "account_id", "rep_id", "quantity", "amount"],
        select(*account_dims, *sums).where(upto).group_by(*account_dims).order_by(_SALES.c.month)))

    region_dims = (_SALES.c.month, _SALES.c.rep_id, _SALES.c.channel, _ACCOUNTS.c.province, _ACCOUNTS.c.type)
    session.execute(delete(SalesRollupRegion))
    session.execute(insert(SalesRollupRegion).from_select(
        ["month", "rep_id", "channel", "province", "account_type", "quantity", "amount"],
        select(*region_dims, *sums).select_from(_SALES.join(_ACCOUNTS, _ACCOUNTS.c.id == _SALES.c.account_id))
        .where(upto).group_by(*region_dims).order_by(_SALES.c.month)))

    rollup_rows = sum(session.scalar(select(func.count()).select_from(model)) or 0
                      for model in (SalesRollupProduct, SalesRollupAccount, SalesRollupRegion))
    session.execute(delete(SalesRollupState))
    state = SalesRollupState(id=1, source_max_id=max_id or 0, source_rows=source_rows or 0, rollup_rows=rollup_rows,
                             refreshed_at=utcnow(), seconds=round(time.perf_counter() - started, 3))
    session.add(state)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":  # fresh planner statistics after a rebuild
        for table in ("sales_rollup_product", "sales_rollup_account", "sales_rollup_region"):
            session.execute(text(f"ANALYZE {table}"))
    return state


def rollups_are_current(session: Session) -> bool:
    state_max = session.scalar(select(SalesRollupState.source_max_id).where(SalesRollupState.id == 1))
    if state_max is None:
        return False
    return (session.scalar(select(func.max(_SALES.c.id))) or 0) == state_max


def account_month_table(session: Session) -> Table:
    """A table with `account_id`, `month` and `amount` per row for per-account monthly sums:
    the account rollup when current (~8× fewer rows), else `sales_monthly`."""
    return SalesRollupAccount.__table__ if rollups_are_current(session) else _SALES
