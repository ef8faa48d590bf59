"""The job queue (RQ on Redis) when `REDIS_URL` is set: work that must not run in a chat turn
(transcription and call analysis now; agent turns, ingestion, news and training as the
scale-out issue moves them) is enqueued by dotted function name and run by `medrep worker`.
Without Redis (the embedded default) callers run the work in-process instead; the
database-backed states of each job make both paths resumable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rq import Queue

    from medrep.kernel.settings import Settings

QUEUE_NAME = "medrep"
JOB_TIMEOUT_S = 3 * 3600  # a two-hour recording on a slow CPU worker
RETRY_INTERVALS_S = (10, 60, 300)  # a job that raised (or whose worker died) runs again


def queue(settings: Settings, name: str = QUEUE_NAME) -> Queue | None:
    """The RQ queue, or None when no REDIS_URL is configured (run in-process)."""
    if not settings.redis_url:
        return None
    from redis import Redis
    from rq import Queue

    return Queue(name, connection=Redis.from_url(settings.redis_url))


def enqueue(settings: Settings, func: str, *args: Any, job_id: str | None = None,
            description: str | None = None) -> str | None:
    """Enqueue `func` ("package.module.function") with `args`; the job id, or None when there
    is no queue (the caller then runs the work itself)."""
    q = queue(settings)
    if q is None:
        return None
    from rq import Retry

    job = q.enqueue_call(func, args=args, job_id=job_id, description=description, timeout=JOB_TIMEOUT_S,
                         retry=Retry(max=len(RETRY_INTERVALS_S), interval=list(RETRY_INTERVALS_S)),
                         result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600)
    return job.id


def depth(settings: Settings) -> int | None:
    q = queue(settings)
    return None if q is None else q.count
