"""Gauges /metrics reads at scrape time: queue depth, age of the oldest waiting job and failed
jobs (RQ, when REDIS_URL is set) and call-analysis jobs by status (call_recordings). A gauge
whose source is unreachable reads NaN rather than failing the scrape."""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Gauge

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

REDIS_TIMEOUT_S = 1.0


class OpsMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.queue_depth = Gauge("medrep_queue_depth", "Jobs waiting in the RQ queue", registry=registry)
        self.oldest_age = Gauge("medrep_queue_oldest_job_age_seconds",
                                "Age of the oldest job waiting in the RQ queue (0 when empty)", registry=registry)
        self.failed_jobs = Gauge("medrep_queue_failed_jobs", "Jobs in the RQ failed registry", registry=registry)
        self.call_jobs = Gauge("medrep_call_jobs", "Call recordings by analysis status", ["status"], registry=registry)
        self.turns_depth = Gauge("medrep_turns_queue_depth", "Chat turns waiting for a worker (RQ medrep-turns)",
                                 registry=registry)
        self.turns_age = Gauge("medrep_turns_queue_oldest_job_age_seconds",
                               "Age of the oldest chat turn waiting for a worker (0 when empty)", registry=registry)
        self.events = Gauge("medrep_events", "Chat events by delivery status (bot/outbox.py): received and "
                            "retry are still open, failed were given up", ["platform", "status"], registry=registry)

    def refresh(self, app: AppContext) -> None:
        if app.settings.redis_url:
            self._refresh_queue(app.settings.redis_url)
        self._refresh_calls(app)
        self._refresh_events(app)

    def _refresh_events(self, app: AppContext) -> None:
        _set_counts(self.events, "event_receipts", lambda: events_by_status(app))

    def _refresh_queue(self, redis_url: str) -> None:
        try:
            depth, age, failed = queue_figures(redis_url)
        except Exception as exc:  # redis.RedisError, OSError: the scrape still answers
            log.warning("metrics: queue unreachable (%s)", type(exc).__name__)
            depth = age = failed = math.nan
        self.queue_depth.set(depth)
        self.oldest_age.set(age)
        self.failed_jobs.set(failed)
        try:
            from medrep.kernel.workqueue import TURNS_QUEUE

            turns, turns_age, _ = queue_figures(redis_url, name=TURNS_QUEUE)
        except Exception:  # noqa: BLE001 - as above: the scrape still answers
            turns = turns_age = math.nan
        self.turns_depth.set(turns)
        self.turns_age.set(turns_age)

    def _refresh_calls(self, app: AppContext) -> None:
        _set_counts(self.call_jobs, "call_recordings", lambda: {(s,): n for s, n in call_jobs_by_status(app).items()})


def _set_counts(gauge: Gauge, table: str, read) -> None:
    """Replace a labelled gauge's values with `read()` ({label values: count}); a table that
    cannot be read leaves the last values and logs why."""
    try:
        counts = read()
    except Exception as exc:  # noqa: BLE001 - a scrape never fails on one table
        log.warning("metrics: %s unreadable (%s)", table, type(exc).__name__)
        return
    gauge.clear()
    for labels, count in counts.items():
        gauge.labels(*labels).set(count)


def queue_figures(redis_url: str, now: datetime | None = None, name: str | None = None) -> tuple[int, float, int]:
    """(waiting jobs, age in seconds of the oldest waiting job, failed jobs) of a MedRep queue
    (the long-jobs queue by default)."""
    import redis
    from rq import Queue
    from rq.registry import FailedJobRegistry

    from medrep.kernel.workqueue import QUEUE_NAME

    connection = redis.Redis.from_url(redis_url, socket_timeout=REDIS_TIMEOUT_S,
                                      socket_connect_timeout=REDIS_TIMEOUT_S)
    queue = Queue(name or QUEUE_NAME, connection=connection)
    depth = queue.count
    age = 0.0
    for job_id in queue.get_job_ids(0, 1):
        job = queue.fetch_job(job_id)
        if job is not None and job.enqueued_at is not None:
            enqueued = job.enqueued_at if job.enqueued_at.tzinfo else job.enqueued_at.replace(tzinfo=UTC)
            age = max(0.0, ((now or datetime.now(UTC)) - enqueued).total_seconds())
    return depth, age, FailedJobRegistry(queue=queue).count


def call_jobs_by_status(app: AppContext) -> dict[str, int]:
    from sqlalchemy import func, select

    from data.models import CallRecording

    with app.session() as session:
        rows = session.execute(select(CallRecording.status, func.count()).group_by(CallRecording.status)).all()
    return {status: count for status, count in rows}


def events_by_status(app: AppContext) -> dict[tuple[str, str], int]:
    from sqlalchemy import func, select

    from data.models import EventReceipt

    with app.session() as session:
        rows = session.execute(select(EventReceipt.platform, EventReceipt.status, func.count())
                               .group_by(EventReceipt.platform, EventReceipt.status)).all()
    return {(platform, status): count for platform, status, count in rows}
