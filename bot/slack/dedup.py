"""Event de-duplication: a retry of an event never produces a second answer, while an event
whose first delivery was lost (or whose processing died) is still answered once.

The `event_receipts` row (unique event_id) is the source of truth; with REDIS_URL set, a
Redis SET NX with a TTL is checked first and a duplicate it already knows is rejected without
any database query. The Redis key lives while the event is being processed (as long as a DB
claim counts as fresh, STALE_AFTER), then for a day once it is done; a failed event's key is
deleted so its retry reaches the database. When Redis says "new" or is unreachable, the
database decides as before.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from data.models import EventReceipt, utcnow

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=5)  # a "received" claim older than this was lost with its worker
REDIS_TTL_S = 24 * 3600  # how long Redis remembers a finished event
REDIS_TIMEOUT_S = 1.0


class EventDeduper:
    def __init__(self, app: "AppContext", redis_url: str | None = None, platform: str = "slack"):
        self.app = app
        self.platform = platform
        self.redis = None
        self._redis_errors: tuple[type[BaseException], ...] = ()
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url, socket_timeout=REDIS_TIMEOUT_S,
                                              socket_connect_timeout=REDIS_TIMEOUT_S)
            self._redis_errors = (redis.RedisError, OSError)

    def _key(self, event_id: str) -> str:
        return f"medrep:event:{self.platform}:{event_id}"

    def _redis_claim(self, event_id: str) -> bool:
        """False when Redis already knows the event (being processed, or done); True when it
        is new to Redis or Redis is unavailable (the DB receipt then decides)."""
        if self.redis is None:
            return True
        try:
            return bool(self.redis.set(self._key(event_id), "received", nx=True,
                                       ex=int(STALE_AFTER.total_seconds())))
        except self._redis_errors as exc:  # Redis down: the DB receipt still protects us
            log.warning("redis de-dup unavailable: %s", exc)
            return True

    def _redis_mark(self, event_id: str, state: str | None, ttl_s: int = REDIS_TTL_S) -> None:
        """Set the event's Redis state ("done" for a day by default), or forget it (None)."""
        if self.redis is None:
            return
        try:
            if state is None:
                self.redis.delete(self._key(event_id))
            else:
                self.redis.set(self._key(event_id), state, ex=ttl_s)
        except self._redis_errors as exc:
            log.warning("redis de-dup unavailable: %s", exc)

    def claim(self, event_id: str, payload: dict | None = None) -> bool:
        """True when this process should handle the event now."""
        if not event_id:
            return True
        if not self._redis_claim(event_id):
            log.debug("event %s already known to Redis", event_id)
            return False
        with self.app.session() as session:
            try:
                session.add(EventReceipt(platform=self.platform, event_id=event_id, payload=payload or {}))
                session.commit()
                return True
            except IntegrityError:
                session.rollback()
            receipt = session.scalars(select(EventReceipt).where(EventReceipt.event_id == event_id)).one()
            if receipt.status == "done":
                self._redis_mark(event_id, "done")  # Redis had lost it: remember it again
                return False
            stale = receipt.status == "failed" or (
                receipt.received_at.replace(tzinfo=None) < (utcnow() - STALE_AFTER).replace(tzinfo=None))
            if not stale:  # another worker is on it: our Redis key expires when its claim goes stale
                left = receipt.received_at.replace(tzinfo=None) + STALE_AFTER - utcnow().replace(tzinfo=None)
                self._redis_mark(event_id, "received", ttl_s=max(1, int(left.total_seconds())))
                return False
            # take over the lost claim atomically: only one retry wins
            claimed = session.execute(
                update(EventReceipt)
                .where(EventReceipt.id == receipt.id, EventReceipt.received_at == receipt.received_at,
                       EventReceipt.status == receipt.status)
                .values(received_at=utcnow(), status="received", error=None)
            ).rowcount
            session.commit()
            if claimed:
                log.info("re-processing lost event %s", event_id)
            return bool(claimed)

    def finish(self, event_id: str, error: str | None = None) -> None:
        if not event_id:
            return
        with self.app.session() as session:
            session.execute(update(EventReceipt).where(EventReceipt.event_id == event_id)
                            .values(status="failed" if error else "done", error=error))
            session.commit()
        self._redis_mark(event_id, None if error else "done")  # a failed event's retry goes to the DB
