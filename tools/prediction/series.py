"""Monthly sales series from the database, cut by scope: total, team, rep, product, account.

A series key names the cut: `total`, `team:3`, `rep:12`, `product:5`, `account:140`.
Only full months are loaded (the business date's month is still running); months without
sales after a series' first sale count as 0, months before it stay empty (NaN).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from data.models import MonthlySale, Rep
from tools.common.periods import add_months, month_start
from tools.common.vocab import FORECAST_SCOPES

SCOPES = FORECAST_SCOPES


def series_key(scope: str, scope_id: int | None) -> str:
    return "total" if scope == "total" else f"{scope}:{scope_id}"


def parse_key(key: str) -> tuple[str, int | None]:
    if key == "total":
        return "total", None
    scope, _, raw = key.partition(":")
    return scope, int(raw)


def _key_column(scope: str):
    if scope == "total":
        return literal(0)
    if scope == "team":
        return Rep.team_id
    return {"rep": MonthlySale.rep_id, "product": MonthlySale.product_id, "account": MonthlySale.account_id}[scope]


def last_full_month(today: date) -> date:
    return add_months(month_start(today), -1)


def load_panel(session: Session, scope: str, today: date, ids: list[int] | None = None,
               rep_ids: list[int] | None = None, product_id: int | None = None) -> pd.DataFrame:
    """Panel of monthly amounts (KRW): rows = month starts up to the last full month,
    columns = series keys. `rep_ids` restricts the sales counted (access scope);
    `product_id` restricts to one product (e.g. a rep's sales of one product)."""
    if scope not in SCOPES:
        raise ValueError(scope)
    end = last_full_month(today)
    key = _key_column(scope).label("key")
    query = select(MonthlySale.month, key, func.sum(MonthlySale.amount)).where(MonthlySale.month <= end)
    if scope == "team":
        query = query.join(Rep, Rep.id == MonthlySale.rep_id)
    if ids is not None:
        query = query.where(_key_column(scope).in_(ids))
    if rep_ids is not None:
        query = query.where(MonthlySale.rep_id.in_(rep_ids))
    if product_id is not None:
        query = query.where(MonthlySale.product_id == product_id)
    rows = session.execute(query.group_by(MonthlySale.month, key)).all()
    if not rows:
        return pd.DataFrame(index=pd.DatetimeIndex([], freq="MS"))
    frame = pd.DataFrame(rows, columns=["month", "key", "amount"])
    frame["month"] = pd.to_datetime(frame["month"])
    frame["key"] = [series_key(scope, None if scope == "total" else int(k)) for k in frame["key"]]
    panel = frame.pivot_table(index="month", columns="key", values="amount", aggfunc="sum")
    index = pd.date_range(panel.index.min(), pd.Timestamp(end), freq="MS")
    panel = panel.reindex(index).astype(float)
    started = panel.notna().cumsum() > 0
    return panel.fillna(0.0).where(started)
