"""Builds the deterministic demo world (seeded) into an empty schema and writes its manifest.

`generate_world(app, seed, scale)` → `DemoManifest`. The manifest (also written to
`MEDREP_HOME/demo_world.json`) lists the planted anomalies, churned, fading and new accounts and the
price cut, so tests and detectors can find them.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from data.demo import activity
from data.demo.anomalies import plant_anomalies
from data.demo.sales import PRICE_CUT_PRODUCT, PRICE_CUT_RATE, generate_sales, target_rows
from data.demo.world import create_accounts, create_org
from data.models import (
    Account, CallRecording, MonthlySale, MonthlyTarget, Product, Rep, SalesRollupAccount, SalesRollupProduct,
    SalesRollupRegion, SalesRollupState, Team, Visit,
)
from data.rollup import refresh_sales_rollups
from medrep.kernel.context import AppContext

DEFAULT_SEED = 20261124
ACCOUNTS_PER_SCALE = 1500
WORLD_TABLES = (SalesRollupAccount, SalesRollupProduct, SalesRollupRegion, Visit, CallRecording, MonthlyTarget,
                MonthlySale, Account, Product, Rep, Team)


@dataclass
class DemoManifest:
    seed: int
    scale: int
    today: str
    counts: dict[str, int] = field(default_factory=dict)
    anomalies: list[dict] = field(default_factory=list)
    new_accounts: list[int] = field(default_factory=list)
    churned_accounts: list[dict] = field(default_factory=list)
    fading_accounts: list[int] = field(default_factory=list)  # fading now: what the churn list should find
    price_cut: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def manifest_path(app: AppContext):
    return app.settings.path("demo_world.json")


def load_manifest(app: AppContext) -> DemoManifest | None:
    path = manifest_path(app)
    if not path.exists():
        return None
    return DemoManifest(**json.loads(path.read_text(encoding="utf-8")))


def world_exists(app: AppContext) -> bool:
    with app.session() as session:
        return bool(session.scalar(select(func.count()).select_from(Rep)))


def clear_world(app: AppContext) -> None:
    with app.session() as session:
        session.execute(delete(SalesRollupState))
        for model in WORLD_TABLES:
            session.execute(delete(model))
        session.commit()


def _copy_postgres(app: AppContext, table, frames) -> None:
    """COPY frames (pandas, columns named as the table's) into an empty table with its secondary
    indexes and foreign keys dropped and recreated after, in one transaction: building an index
    or checking a key once, in bulk, is far cheaper than per row (per-row foreign-key triggers
    dominated the 10M-row load)."""
    dialect = app.engine.dialect
    indexes = sorted(table.indexes, key=lambda index: index.name)
    foreign_keys = sorted(table.foreign_key_constraints, key=lambda fk: fk.name)
    raw = app.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            for fk in foreign_keys:
                cursor.execute(str(DropConstraint(fk).compile(dialect=dialect)))
            for index in indexes:
                cursor.execute(str(DropIndex(index).compile(dialect=dialect)))
            for frame in frames:
                with cursor.copy(f"COPY {table.name} ({', '.join(frame.columns)}) FROM STDIN") as copy:
                    copy.write(frame.to_csv(sep="\t", header=False, index=False))
            for index in indexes:
                cursor.execute(str(CreateIndex(index).compile(dialect=dialect)))
            for fk in foreign_keys:
                cursor.execute(str(AddConstraint(fk).compile(dialect=dialect)))
        raw.commit()
    finally:
        raw.close()


def _insert_sales(app: AppContext, rows: np.ndarray, months: list[date]) -> None:
    """rows: int64 array of (month_index, rep_id, account_id, product_id, channel, qty, amount)."""
    channels = np.array(["원내", "원외"])
    month_strings = np.array([m.isoformat() for m in months])
    if app.engine.dialect.name == "postgresql":
        _copy_postgres(app, MonthlySale.__table__, (
            pd.DataFrame({"month": month_strings[chunk[:, 0]], "rep_id": chunk[:, 1], "account_id": chunk[:, 2],
                          "product_id": chunk[:, 3], "channel": channels[chunk[:, 4]], "quantity": chunk[:, 5],
                          "amount": chunk[:, 6]})
            for chunk in (rows[start:start + 500_000] for start in range(0, len(rows), 500_000))))
        return
    with app.engine.begin() as connection:
        for start in range(0, len(rows), 200_000):
            chunk = rows[start:start + 200_000]
            connection.execute(insert(MonthlySale), [
                {"month": months[r[0]], "rep_id": int(r[1]), "account_id": int(r[2]), "product_id": int(r[3]),
                 "channel": channels[r[4]], "quantity": int(r[5]), "amount": int(r[6])}
                for r in chunk.tolist()
            ])


def generate_world(app: AppContext, seed: int = DEFAULT_SEED, scale: int = 1) -> DemoManifest:
    started = time.perf_counter()
    today = app.today()
    rng = np.random.default_rng(seed)
    with app.session() as session:
        org = create_org(session, rng, scale)
        accounts = create_accounts(session, rng, org, ACCOUNTS_PER_SCALE * scale)
        session.commit()

    sales = generate_sales(rng, accounts, today)
    team_reps = [org.reps_by_team[t] for t in org.team_ids]
    anomalies = plant_anomalies(sales, accounts, team_reps)

    product_ids = np.array(org.product_ids)
    value = sales.actual * sales.prices[sales.pair_product][:, : len(sales.months)]
    pair_idx, month_idx = np.nonzero(sales.actual > 0)
    rows = np.column_stack([
        month_idx, sales.pair_rep[pair_idx], sales.pair_account[pair_idx], product_ids[sales.pair_product[pair_idx]],
        sales.pair_channel[pair_idx], sales.actual[pair_idx, month_idx], np.rint(value[pair_idx, month_idx]),
    ]).astype(np.int64)
    rows = rows[np.lexsort((rows[:, 2], rows[:, 0]))]
    _insert_sales(app, rows, sales.months)

    all_reps = [rep for reps in team_reps for rep in reps]
    targets = target_rows(rng, sales, all_reps)
    account_products: dict[int, list[int]] = {}
    for account_id, product_index in zip(sales.pair_account.tolist(), sales.pair_product.tolist()):
        account_products.setdefault(account_id, []).append(product_index)
    churned_ids = {c["account_id"] for c in sales.churned_accounts}
    visits = activity.visit_rows(rng, accounts, account_products, churned_ids, today, org.product_ids)

    target_dicts = [{"month": m, "rep_id": r, "product_id": org.product_ids[p], "amount": a} for m, r, p, a in targets]
    if app.engine.dialect.name == "postgresql":
        _copy_postgres(app, MonthlyTarget.__table__, [pd.DataFrame(target_dicts)])
    with app.session() as session:
        if app.engine.dialect.name != "postgresql":
            session.execute(insert(MonthlyTarget), target_dicts)
        session.execute(insert(Visit), visits)
        for account_id in sorted(churned_ids)[::2]:  # half of the churned accounts closed for good
            session.get(Account, account_id).status = "closed"
        demo_rep = session.scalar(select(Rep).where(Rep.role == "rep").order_by(Rep.id))
        demo_accounts = session.scalars(select(Account).where(Account.owner_rep_id == demo_rep.id,
                                                              Account.status == "active").order_by(Account.id)).all()
        products = {p.code: p.id for p in session.scalars(select(Product))}
        for index, transcript in enumerate(activity.load_content().get("transcripts", [])):
            account = _call_account(demo_accounts, transcript["title"], index)
            session.add(CallRecording(
                rep_id=demo_rep.id, account_id=account.id, title=transcript["title"],
                status="transcribed", transcript=transcript["text"],
                recorded_at=datetime.combine(today - timedelta(days=2 + 6 * index), datetime.min.time()).replace(hour=10),
                analysis={"product_id": products.get(transcript.get("product_code", ""))},
            ))
        session.commit()
        if app.engine.dialect.name == "postgresql":  # statistics for the loaded tables before the rollup GROUP BYs
            session.execute(text("ANALYZE"))
            session.commit()
        refresh_sales_rollups(session)  # analyzes the rollups it writes
        session.commit()
        counts = {model.__tablename__: session.scalar(select(func.count()).select_from(model)) for model in WORLD_TABLES}

    manifest = DemoManifest(
        seed=seed, scale=scale, today=today.isoformat(), counts=counts,
        anomalies=[a.to_json() for a in anomalies], new_accounts=sales.new_accounts,
        churned_accounts=sales.churned_accounts, fading_accounts=sales.fading_accounts,
        price_cut={"product_code": PRICE_CUT_PRODUCT, "month": sales.price_cut_month.isoformat(),
                   "rate": PRICE_CUT_RATE},
        seconds=round(time.perf_counter() - started, 1),
    )
    manifest_path(app).write_text(json.dumps(manifest.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest



def _call_account(accounts: list[Account], title: str, index: int) -> Account:
    """An account that fits a demo call's title ("문전 약국 …" → a pharmacy, "내과 의원 …" → a
    clinic of that specialty), so the call's visit record lands somewhere plausible."""
    kind = "약국" if "약국" in title else "의원" if "의원" in title else None
    fitting = [a for a in accounts if kind is None or a.type == kind]
    named = [a for a in fitting if a.specialty and a.specialty in title]
    specialty = max(named, key=lambda a: len(a.specialty or "")) if named else None
    if specialty is not None:
        return specialty
    pool = fitting or accounts
    return pool[index % len(pool)]
