"""LangGraph checkpointer for per-thread memory: SQLite under MEDREP_HOME by default,
PostgreSQL when DATABASE_URL points at PostgreSQL. On PostgreSQL the checkpointer's
`setup()` runs under an advisory lock, so replicas starting together on a fresh database
do not race in its CREATE TABLEs."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any

from medrep.kernel.settings import Settings

# pg_advisory_lock key of the checkpointer's setup ("medrepcp" in ASCII). Not `medrep init`'s
# key: init holds that one on another connection while it opens the checkpointer.
SETUP_LOCK_KEY = int.from_bytes(b"medrepcp", "big")
LOCK_POLL_S = 0.2


def _plain_postgres_url(url: str) -> str:
    """SQLAlchemy URLs ("postgresql+psycopg://…") → libpq form ("postgresql://…")."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


@contextlib.contextmanager
def setup_lock(conninfo: str) -> Iterator[None]:
    """Hold the setup lock on a dedicated autocommit connection. Polled with
    pg_try_advisory_lock rather than waited for inside a transaction: setup() runs
    CREATE INDEX CONCURRENTLY, which waits for every open transaction in the database."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (SETUP_LOCK_KEY,)).fetchone()[0]:
            time.sleep(LOCK_POLL_S)
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))


def open_checkpointer(settings: Settings) -> tuple[Any, Callable[[], None], str]:
    """Return (checkpointer, close, description)."""
    if settings.is_postgres:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        conninfo = _plain_postgres_url(settings.database_url)
        pool = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=8,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
            open=True,
        )
        saver = PostgresSaver(pool)
        try:
            with setup_lock(conninfo):
                saver.setup()
        except BaseException:
            pool.close()
            raise
        return saver, pool.close, "postgres"

    from langgraph.checkpoint.sqlite import SqliteSaver

    path = settings.path("agent", "checkpoints.sqlite")
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a crash of the process loses nothing and the file is never corrupted;
    # only a power cut can drop the last turns' memory. FULL fsynced every save (~2 ms each).
    conn.execute("PRAGMA synchronous=NORMAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver, conn.close, f"sqlite:{path}"
