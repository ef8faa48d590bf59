"""/healthz checks that tell the truth: the database takes a write (a real write in a
transaction that is rolled back: a held SQLite write lock or a read-only PostgreSQL shows),
and with REDIS_URL the queue answers PING and at least one `medrep worker` is registered
(RQ workers re-register on a heartbeat, so a dead one drops out).

Each check is a value in the JSON: True when healthy, else a short reason ("locked",
"read-only", "unreachable", "error"); `workers` is a count."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 0.5  # a health probe must answer quickly; a longer-held lock is a real outage
REDIS_TIMEOUT_S = 1.0
# a real write that changes nothing, in a transaction that is rolled back
PROBE_WRITE = "UPDATE alembic_version SET version_num = version_num"


def database_writable(app: AppContext) -> bool | str:
    if app.settings.is_sqlite:
        return _sqlite_writable(app)
    return _engine_writable(app)


def _sqlite_writable(app: AppContext) -> bool | str:
    from sqlalchemy.engine import make_url

    database = make_url(app.settings.database_url).database
    if not database or database == ":memory:":
        return _engine_writable(app)
    try:
        # a connection of its own, so the probe's busy timeout never leaks into the pool
        connection = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
                                     isolation_level=None)
    except sqlite3.Error as exc:
        log.warning("health: cannot open the database (%s)", exc)
        return "unreachable"
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(PROBE_WRITE)
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        message = str(exc).lower()
        log.warning("health: database write failed (%s)", exc)
        if "locked" in message or "busy" in message:
            return "locked"
        if "readonly" in message or "read-only" in message:
            return "read-only"
        return "error"
    finally:
        connection.close()


def _engine_writable(app: AppContext) -> bool | str:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with app.engine.connect() as connection:
            transaction = connection.begin()
            try:
                if app.settings.is_postgres:
                    connection.execute(text("SET LOCAL lock_timeout = '1s'"))
                    connection.execute(text("SET LOCAL statement_timeout = '3s'"))
                connection.execute(text(PROBE_WRITE))
            finally:
                transaction.rollback()
        return True
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None) or ""
        log.warning("health: database write failed (%s)", type(exc.orig).__name__)
        if code in ("55P03", "57014"):  # lock_not_available, query_canceled (statement timeout)
            return "locked"
        if code == "25006":  # read_only_sql_transaction (a standby, or default_transaction_read_only)
            return "read-only"
        if exc.connection_invalidated or code.startswith("08"):
            return "unreachable"
        return "error"
    except Exception as exc:
        log.warning("health: database check failed (%s)", type(exc).__name__)
        return "error"


def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S)


def queue_reachable(redis_url: str) -> bool | str:
    try:
        return bool(_redis(redis_url).ping()) or "unreachable"
    except Exception as exc:  # redis.RedisError, OSError
        log.warning("health: Redis unreachable (%s)", type(exc).__name__)
        return "unreachable"


def worker_count(redis_url: str) -> int:
    """Registered `medrep worker` processes listening on the MedRep queue."""
    from rq import Queue, Worker

    from medrep.kernel.workqueue import QUEUE_NAME

    connection = _redis(redis_url)
    return len(Worker.all(connection=connection, queue=Queue(QUEUE_NAME, connection=connection)))


def health(app: AppContext) -> tuple[dict[str, Any], bool]:
    """(JSON body, healthy). Without REDIS_URL only the database is checked."""
    body: dict[str, Any] = {"status": "ok", "database": database_writable(app)}
    ok = body["database"] is True
    redis_url = app.settings.redis_url
    if redis_url:
        body["queue"] = queue_reachable(redis_url)
        body["workers"] = worker_count(redis_url) if body["queue"] is True else 0
        ok = ok and body["queue"] is True and body["workers"] > 0
    if not ok:
        body["status"] = "degraded"
    return body, ok
