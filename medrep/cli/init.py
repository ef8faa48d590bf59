"""`medrep init`: the one-time setup of a database before replicas start — migrations to
every head and the LangGraph checkpointer's tables (`setup()`), under a lock so replicas (or
init containers) starting together do not race: a PostgreSQL session advisory lock, or on
SQLite a file lock under MEDREP_HOME. Idempotent: a second run finds everything current."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from medrep.kernel.settings import Settings

# pg_advisory_lock key: a fixed bigint every MedRep process agrees on ("medrep" in ASCII)
ADVISORY_LOCK_KEY = int.from_bytes(b"medrep", "big")
LOCK_POLL_S = 0.2


@contextlib.contextmanager
def init_lock(engine: Engine, settings: Settings) -> Iterator[float]:
    """Hold the init lock; yields the seconds spent waiting for it."""
    started = time.perf_counter()
    if settings.is_postgres:
        from sqlalchemy import text

        # A session lock, taken and waited for outside any transaction: the checkpointer's
        # setup runs CREATE INDEX CONCURRENTLY, which waits for every open transaction in the
        # database; a blocking pg_advisory_lock (or an idle-in-transaction lock holder) would
        # deadlock with it.
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            try_lock = text("SELECT pg_try_advisory_lock(:key)")
            while not connection.execute(try_lock, {"key": ADVISORY_LOCK_KEY}).scalar():
                time.sleep(LOCK_POLL_S)
            try:
                yield time.perf_counter() - started
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
        return
    import fcntl

    with open(settings.path("init.lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield time.perf_counter() - started
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_init(settings: Settings | None = None) -> dict:
    """Migrate and set up the checkpointer; a summary of what was done."""
    from data.db import current_revisions, migrate_database, schema_is_current
    from medrep.kernel.database import make_engine
    from medrep.kernel.settings import get_settings

    settings = settings or get_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    try:
        with init_lock(engine, settings) as waited:
            was_current = schema_is_current(engine)
            migrate_database(engine)
            checkpointer = _setup_checkpointer(settings)
            revisions = sorted(current_revisions(engine))
    finally:
        engine.dispose()
    return {"database": engine.url.render_as_string(hide_password=True), "migrated": not was_current,
            "revisions": revisions, "checkpointer": checkpointer, "lock_wait_s": round(waited, 3)}


def _setup_checkpointer(settings: Settings) -> str:
    """The agent's checkpointer opened once (its `setup()` creates or upgrades its tables)."""
    try:
        from agent.checkpoint import open_checkpointer
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("agent", "langgraph")):
            return "not installed"
        raise
    _, close, description = open_checkpointer(settings)
    close()
    return description
