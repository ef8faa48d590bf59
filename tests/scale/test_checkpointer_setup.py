"""Checkpointer setup once across replicas: several processes opening the PostgreSQL
checkpointer at the same moment on a fresh database all succeed (unlocked, PostgresSaver's
setup() races: duplicate key in pg_type for checkpoint_migrations)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from agent.checkpoint import open_checkpointer
from medrep.kernel.settings import Settings

REPLICAS = 4


def test_replicas_open_the_checkpointer_together(pg_url, tmp_path):
    pytest.importorskip("langgraph.checkpoint.postgres")
    from langgraph.checkpoint.postgres import PostgresSaver

    settings = Settings(_env_file=None, database_url=pg_url, medrep_home=tmp_path)
    start = threading.Barrier(REPLICAS)
    errors: list[BaseException] = []
    descriptions: list[str] = []

    def replica() -> None:
        start.wait()
        try:
            _, close, description = open_checkpointer(settings)
            descriptions.append(description)
            close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=replica) for _ in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and descriptions == ["postgres"] * REPLICAS

    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT v FROM checkpoint_migrations ORDER BY v")).scalars().all()
            tables = set(connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
            held = connection.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).scalar()
    finally:
        engine.dispose()
    assert versions == list(range(len(PostgresSaver.MIGRATIONS)))  # each migration recorded once
    assert {"checkpoints", "checkpoint_blobs", "checkpoint_writes"} <= tables
    assert held == 0  # the setup lock was released
