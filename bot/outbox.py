"""Durable event work for the chat channels: every acked event is answered once, even when the
process that acked it dies or the platform's API is down for a while.

The `event_receipts` row (unique event id) is written *before* the ack and holds the whole
event. A process works on an event only while it holds its lease (`owner`, `lease_until`,
renewed by `LeaseKeeper` while the turn runs), so a killed replica's events fall free after
`MEDREP_EVENT_LEASE_S` and the sweep (`Sweeper`, in every replica and worker) hands them to a
live process. The computed answer is stored before it is sent; a delivery that fails (Slack
5xx, 429s beyond the client's retries, timeouts, the API unreachable) is rescheduled with
backoff and re-sent from the stored answer, not recomputed. `delivered_at` is checked under
the lease before anything is posted, so an answer goes out at most once; after
`MEDREP_DELIVERY_ATTEMPTS` the event is `failed` and the platform code tells the user.

With REDIS_URL a Redis SET NX short-circuits duplicates before the database is asked (a
duplicate Redis already knows costs no query); the database stays the source of truth.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from data.models import EventReceipt, utcnow

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

BACKOFF_S = (2, 5, 15, 45, 120, 300)  # delay before delivery attempt n+1
REDIS_TTL_S = 24 * 3600
REDIS_TIMEOUT_S = 1.0
RECEIVED_GRACE_S = 3  # a fresh event is left to the process that acked it this long
OPEN = ("received", "retry")


def process_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class HeldEvent:
    """An event this process holds the lease of."""

    event_id: str
    platform: str
    payload: dict
    attempts: int
    answer: dict | None
    reply_ts: str | None
    reply_mode: str | None
    user_id: str | None
    received_at: datetime


class EventOutbox:
    def __init__(self, app: "AppContext", platform: str, *, redis_url: str | None = None,
                 owner: str | None = None):
        settings = app.settings
        self.app, self.platform = app, platform
        self.owner = owner or process_owner()
        self.lease = timedelta(seconds=settings.medrep_event_lease_s)
        self.max_attempts = settings.medrep_delivery_attempts
        self.redis = None
        self._redis_errors: tuple[type[BaseException], ...] = ()
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url, socket_timeout=REDIS_TIMEOUT_S,
                                              socket_connect_timeout=REDIS_TIMEOUT_S)
            self._redis_errors = (redis.RedisError, OSError)

    # Redis short-circuit ---------------------------------------------------------
    def _key(self, event_id: str) -> str:
        return f"medrep:event:{self.platform}:{event_id}"

    def _redis_new(self, event_id: str) -> bool:
        """False when Redis already knows the event; True when new to it or Redis is down."""
        if self.redis is None:
            return True
        try:
            return bool(self.redis.set(self._key(event_id), "received", nx=True, ex=REDIS_TTL_S))
        except self._redis_errors as exc:  # Redis down: the database receipt still decides
            log.warning("redis de-dup unavailable: %s", exc)
            return True

    # intake ----------------------------------------------------------------------
    def receive(self, event_id: str, payload: dict, user_id: str | None = None) -> bool:
        """Record an event before it is acked. False for a duplicate (already recorded).
        Raises when the database does not take the row: the caller must not ack then, so the
        platform delivers the event again."""
        if not self._redis_new(event_id):
            return False
        try:
            with self.app.session() as session:
                try:
                    session.add(EventReceipt(platform=self.platform, event_id=event_id, payload=payload,
                                             user_id=(user_id or "")[:64] or None))
                    session.commit()
                    return True
                except IntegrityError:
                    session.rollback()
                    return False
        except Exception:
            self._redis_forget(event_id)  # not recorded: the platform's retry must not look like a duplicate
            raise

    # leases ----------------------------------------------------------------------
    def take(self, event_id: str) -> HeldEvent | None:
        """Take the event's lease when it is open and nobody holds it; None otherwise."""
        now = utcnow()
        with self.app.session() as session:
            taken = session.execute(
                update(EventReceipt)
                .where(EventReceipt.event_id == event_id, EventReceipt.status.in_(OPEN),
                       EventReceipt.delivered_at.is_(None),
                       or_(EventReceipt.lease_until.is_(None), EventReceipt.lease_until < now))
                .values(owner=self.owner, lease_until=now + self.lease, attempts=EventReceipt.attempts + 1)
            ).rowcount
            session.commit()
            if not taken:
                return None
            row = session.scalars(select(EventReceipt).where(EventReceipt.event_id == event_id)).one()
            return HeldEvent(row.event_id, row.platform, dict(row.payload or {}), row.attempts, row.answer,
                             row.reply_ts, row.reply_mode, row.user_id, row.received_at)

    def renew(self, event_ids: Iterable[str]) -> None:
        ids = list(event_ids)
        if not ids:
            return
        with self.app.session() as session:
            session.execute(update(EventReceipt)
                            .where(EventReceipt.event_id.in_(ids), EventReceipt.owner == self.owner)
                            .values(lease_until=utcnow() + self.lease))
            session.commit()

    def _set(self, event_id: str, **values: Any) -> None:
        with self.app.session() as session:
            session.execute(update(EventReceipt).where(EventReceipt.event_id == event_id).values(**values))
            session.commit()

    # progress --------------------------------------------------------------------
    def note_reply(self, event_id: str, mode: str, ts: str | None) -> None:
        """The message the answer will go into (a retry continues it instead of posting anew)."""
        self._set(event_id, reply_mode=mode, reply_ts=ts)

    def store_answer(self, event_id: str, answer: dict) -> None:
        self._set(event_id, answer=answer)

    def attempts(self, event_id: str) -> int:
        with self.app.session() as session:
            return int(session.scalar(select(EventReceipt.attempts).where(EventReceipt.event_id == event_id)) or 0)

    def is_delivered(self, event_id: str) -> bool:
        with self.app.session() as session:
            return session.scalar(select(EventReceipt.delivered_at).where(
                EventReceipt.event_id == event_id)) is not None

    def delivered(self, event_id: str) -> None:
        self._set(event_id, status="done", delivered_at=utcnow(), lease_until=None, error=None)
        self._redis_mark_done(event_id)

    def finish(self, event_id: str, status: str = "done", error: str | None = None) -> None:
        """Close an event that needs no (further) delivery: done, ignored, refused, failed."""
        self._set(event_id, status=status, error=(error or None) and error[:2000], lease_until=None)
        self._redis_mark_done(event_id)

    def retry_later(self, event_id: str, attempts: int, error: str) -> bool:
        """Reschedule after a failed attempt; False when the attempts are used up (then the
        event is `failed` and the caller tells the user)."""
        if attempts >= self.max_attempts:
            self.finish(event_id, "failed", error)
            return False
        delay = BACKOFF_S[min(attempts - 1, len(BACKOFF_S) - 1)]
        self._set(event_id, status="retry", error=error[:2000], lease_until=None,
                  next_attempt_at=utcnow() + timedelta(seconds=delay))
        return True

    def defer(self, event_id: str, seconds: float, payload: dict | None = None) -> None:
        """Give the event back without counting an attempt (it waits for the user's earlier ones)."""
        values: dict[str, Any] = dict(status="retry", lease_until=None, attempts=EventReceipt.attempts - 1,
                                      next_attempt_at=utcnow() + timedelta(seconds=seconds))
        if payload is not None:
            values["payload"] = payload
        self._set(event_id, **values)

    def _redis_forget(self, event_id: str) -> None:
        if self.redis is None:
            return
        try:
            self.redis.delete(self._key(event_id))
        except self._redis_errors as exc:
            log.warning("redis de-dup unavailable: %s", exc)

    def _redis_mark_done(self, event_id: str) -> None:
        if self.redis is None:
            return
        try:
            self.redis.set(self._key(event_id), "done", ex=REDIS_TTL_S)
        except self._redis_errors as exc:
            log.warning("redis de-dup unavailable: %s", exc)

    # queries ---------------------------------------------------------------------
    def due(self, limit: int = 50) -> list[str]:
        """Open events nobody holds that are due now (a fresh one only after a grace period,
        so the process that acked it gets it first)."""
        now = utcnow()
        grace = now - timedelta(seconds=RECEIVED_GRACE_S)
        with self.app.session() as session:
            return list(session.scalars(
                select(EventReceipt.event_id)
                .where(EventReceipt.platform == self.platform, EventReceipt.status.in_(OPEN),
                       EventReceipt.delivered_at.is_(None),
                       or_(EventReceipt.lease_until.is_(None), EventReceipt.lease_until < now),
                       or_(and_(EventReceipt.status == "retry", EventReceipt.next_attempt_at <= now),
                           and_(EventReceipt.status == "received", EventReceipt.received_at <= grace)))
                .order_by(EventReceipt.received_at).limit(limit)))

    def ahead_of(self, event: HeldEvent) -> int:
        """How many of the same user's earlier events are still open (not answered yet)."""
        if not event.user_id:
            return 0
        with self.app.session() as session:
            return int(session.scalar(
                select(func.count()).select_from(EventReceipt)
                .where(EventReceipt.platform == self.platform, EventReceipt.user_id == event.user_id,
                       EventReceipt.status.in_(OPEN), EventReceipt.delivered_at.is_(None),
                       EventReceipt.answer.is_(None),  # computed, only its delivery waits: no reason to wait
                       EventReceipt.received_at < event.received_at,
                       EventReceipt.received_at > event.received_at - timedelta(hours=1),
                       EventReceipt.event_id != event.event_id)) or 0)

    def next_waiting(self, user_id: str | None) -> str | None:
        """The user's earliest event that waits for an earlier one (deferred, not yet computed)."""
        if not user_id:
            return None
        with self.app.session() as session:
            return session.scalar(
                select(EventReceipt.event_id)
                .where(EventReceipt.platform == self.platform, EventReceipt.user_id == user_id,
                       EventReceipt.status.in_(OPEN), EventReceipt.answer.is_(None),
                       EventReceipt.delivered_at.is_(None),
                       or_(EventReceipt.lease_until.is_(None), EventReceipt.lease_until < utcnow()))
                .order_by(EventReceipt.received_at).limit(1))

    def recent_count(self, event: HeldEvent, seconds: int = 60) -> int:
        """The user's events in the minute up to this one (this one included)."""
        if not event.user_id:
            return 1
        with self.app.session() as session:
            return int(session.scalar(
                select(func.count()).select_from(EventReceipt)
                .where(EventReceipt.platform == self.platform, EventReceipt.user_id == event.user_id,
                       EventReceipt.status != "refused",
                       EventReceipt.received_at <= event.received_at,
                       EventReceipt.received_at > event.received_at - timedelta(seconds=seconds))) or 0)

    def counts(self) -> dict[str, int]:
        """Receipts by status (for /metrics)."""
        with self.app.session() as session:
            rows = session.execute(select(EventReceipt.status, func.count())
                                   .where(EventReceipt.platform == self.platform)
                                   .group_by(EventReceipt.status)).all()
        return {status: int(n) for status, n in rows}


class LeaseKeeper:
    """Renews the leases of the events this process works on, every third of the lease."""

    def __init__(self, outbox: EventOutbox):
        self.outbox = outbox
        self.held: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self, event_id: str) -> None:
        with self._lock:
            self.held.add(event_id)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="medrep-leases", daemon=True)
                self._thread.start()

    def release(self, event_id: str) -> None:
        with self._lock:
            self.held.discard(event_id)

    def _run(self) -> None:
        period = max(0.5, self.outbox.lease.total_seconds() / 3)
        while not self._stop.wait(period):
            with self._lock:
                ids = list(self.held)
            try:
                self.outbox.renew(ids)
            except Exception:
                log.exception("lease renewal failed")

    def stop(self) -> None:
        self._stop.set()


class Sweeper:
    """Every few seconds, hands due events (lost by a dead process, or waiting for another
    delivery attempt) to `resume(event_id)`."""

    def __init__(self, outbox: EventOutbox, resume: Callable[[str], None], period_s: float):
        self.outbox, self.resume, self.period_s = outbox, resume, period_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep_once(self) -> list[str]:
        try:
            due = self.outbox.due()
        except Exception:
            log.exception("delivery sweep failed")
            return []
        for event_id in due:
            try:
                self.resume(event_id)
            except Exception:
                log.exception("could not resume event %s", event_id)
        if due:
            log.info("sweep resumed %d %s event(s)", len(due), self.outbox.platform)
        return due

    def start(self) -> "Sweeper":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"medrep-sweep-{self.outbox.platform}",
                                            daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        self.sweep_once()  # at start-up: finish what a previous process acked
        while not self._stop.wait(self.period_s):
            self.sweep_once()

    def stop(self) -> None:
        self._stop.set()
