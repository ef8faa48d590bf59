"""Run a scheduled job once across replicas: a row in `job_locks` per run key, held until it
expires. Works on SQLite and PostgreSQL (the primary key decides who inserted first; an
expired row is taken over with one conditional UPDATE)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError, OperationalError

from data.models import JobLock, utcnow

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)
HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"[:100]


def acquire(app: "AppContext", name: str, ttl_s: int, holder: str = HOLDER) -> bool:
    now = utcnow()
    expires = now + timedelta(seconds=ttl_s)
    with app.session() as session:
        try:
            session.add(JobLock(name=name[:200], holder=holder, acquired_at=now, expires_at=expires))
            session.commit()
            return True
        except (IntegrityError, OperationalError):
            session.rollback()
        taken = session.execute(update(JobLock).where(JobLock.name == name[:200], JobLock.expires_at < now)
                                .values(holder=holder, acquired_at=now, expires_at=expires))
        session.commit()
        return taken.rowcount == 1


def release(app: "AppContext", name: str, holder: str = HOLDER) -> None:
    with app.session() as session:
        session.execute(delete(JobLock).where(JobLock.name == name[:200], JobLock.holder == holder))
        session.commit()


def purge_expired(app: "AppContext", older_than_s: int = 86400) -> int:
    with app.session() as session:
        gone = session.execute(delete(JobLock).where(JobLock.expires_at < utcnow() - timedelta(seconds=older_than_s)))
        session.commit()
        return gone.rowcount or 0


def run_once(app: "AppContext", key: str, ttl_s: int, fn: Callable[[], Any], holder: str = HOLDER) -> Any:
    """`fn()` when this replica takes the lock `key`, else None (another replica runs it). The
    lock is kept until it expires, so a replica that starts late does not run the same key."""
    if not acquire(app, key, ttl_s, holder):
        log.info("job %s: held by another replica", key)
        return None
    return fn()
