"""Event de-duplication: a retry of an event never produces a second answer, while an event
whose first delivery was lost (or whose processing died) is still answered once.

The `event_receipts` row (unique event_id) is the source of truth; with REDIS_URL set, a
Redis SET NX with a TTL is checked first so replicas skip duplicates without a DB write.
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
REDIS_TTL_S = 24 * 3600


class EventDeduper:
    def __init__(self, app: "AppContext", redis_url: str | None = None, platform: str = "slack"):
        self.app = app
        self.platform = platform
        self.redis = None
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url)

    def _redis_claim(self, event_id: str) -> bool:
        if self.redis is None:
            return True
        try:
            return bool(self.redis.set(f"medrep:event:{self.platform}:{event_id}", "1", nx=True, ex=REDIS_TTL_S))
        except Exception as exc:  # Redis down: the DB receipt still protects us
            log.warning("redis de-dup unavailable: %s", exc)
            return True

    def claim(self, event_id: str, payload: dict | None = None) -> bool:
        """True when this process should handle the event now."""
        if not event_id:
            return True
        redis_new = self._redis_claim(event_id)
        with self.app.session() as session:
            try:
                session.add(EventReceipt(platform=self.platform, event_id=event_id, payload=payload or {}))
                session.commit()
                return True
            except IntegrityError:
                session.rollback()
            receipt = session.scalars(select(EventReceipt).where(EventReceipt.event_id == event_id)).one()
            if receipt.status == "done":
                return False
            stale = receipt.status == "failed" or (
                receipt.received_at.replace(tzinfo=None) < (utcnow() - STALE_AFTER).replace(tzinfo=None))
            if not stale:
                return False
            # take over the lost claim atomically: only one retry wins
            claimed = session.execute(
                update(EventReceipt)
                .where(EventReceipt.id == receipt.id, EventReceipt.received_at == receipt.received_at,
                       EventReceipt.status == receipt.status)
                .values(received_at=utcnow(), status="received", error=None)
            ).rowcount
            session.commit()
            if claimed and not redis_new:
                log.info("re-processing lost event %s", event_id)
            return bool(claimed)

    def finish(self, event_id: str, error: str | None = None) -> None:
        if not event_id:
            return
        with self.app.session() as session:
            session.execute(update(EventReceipt).where(EventReceipt.event_id == event_id)
                            .values(status="failed" if error else "done", error=error))
            session.commit()
