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
TURNS_QUEUE = "medrep-turns"  # chat turns: short, run by a warm worker before any long job
JOB_TIMEOUT_S = 3 * 3600  # a two-hour recording on a slow CPU worker
TURN_TIMEOUT_S = 300
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


def enqueue_turn(settings: Settings, func: str, *args: Any, job_id: str, description: str | None = None) -> str | None:
    """A chat turn on the turns queue, once per `job_id` while that job waits. No RQ retry: the
    event outbox (bot/outbox.py) retries what died or failed, and its lease makes a second run
    harmless."""
    q = queue(settings, TURNS_QUEUE)
    if q is None:
        return None
    from rq.job import Job, JobStatus
    from rq.exceptions import NoSuchJobError

    try:
        if Job.fetch(job_id, connection=q.connection).get_status() in (
                JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED):
            return job_id  # still waiting for a worker
    except NoSuchJobError:
        pass
    job = q.enqueue_call(func, args=args, job_id=job_id, description=description, timeout=TURN_TIMEOUT_S,
                         result_ttl=3600, failure_ttl=24 * 3600)
    return job.id


def depth(settings: Settings, name: str = QUEUE_NAME) -> int | None:
    q = queue(settings, name)
    return None if q is None else q.count
