"""LangGraph checkpointer for per-thread memory: SQLite under MEDREP_HOME by default,
PostgreSQL when DATABASE_URL points at PostgreSQL."""

from __future__ import annotations

import sqlite3
from typing import Any, Callable

from medrep.kernel.settings import Settings


def _plain_postgres_url(url: str) -> str:
    """SQLAlchemy URLs ("postgresql+psycopg://…") → libpq form ("postgresql://…")."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


def open_checkpointer(settings: Settings) -> tuple[Any, Callable[[], None], str]:
    """Return (checkpointer, close, description)."""
    if settings.is_postgres:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool(
            _plain_postgres_url(settings.database_url),
            min_size=1,
            max_size=8,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
            open=True,
        )
        saver = PostgresSaver(pool)
        saver.setup()
        return saver, pool.close, "postgres"

    from langgraph.checkpoint.sqlite import SqliteSaver

    path = settings.path("agent", "checkpoints.sqlite")
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver, conn.close, f"sqlite:{path}"
