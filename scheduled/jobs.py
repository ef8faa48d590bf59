"""APScheduler wiring for `medrep serve`: the weekday morning digest (checked every minute;
each rep's own time, Korean holidays skipped), news collection a few times a day, and the
nightly retrain (every capability's `train` hook, as `medrep train`).

Jobs live in a persistent SQLAlchemyJobStore in the application database (table
`apscheduler_jobs`), so their schedule survives a restart; job functions are referenced by
name with no arguments (the running app is registered in this module). Each run takes a
database lock (`scheduled.locks`), so several replicas run a job once."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from scheduled.digest import send_due_digests
from scheduled.locks import purge_expired, run_once
from scheduled.workdays import is_workday

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

JOBS_TABLE = "apscheduler_jobs"
NEWS_HOURS = "6,11,16"  # 06:40 (before the digests), 11:40, 16:40
_RUNTIME: dict[str, Any] = {}


def _now(app: "AppContext") -> datetime:
    return datetime.now(ZoneInfo(app.settings.medrep_timezone))


def digest_job(app: "AppContext", client: Any | None, now: datetime | None = None, teams_send: Any = None) -> int:
    now = now or _now(app)
    if not is_workday(now.date()):
        return 0
    return run_once(app, f"digest:{now:%Y%m%d%H%M}", 120,
                    lambda: send_due_digests(app, client, now, teams_send=teams_send)) or 0


def news_job(app: "AppContext", now: datetime | None = None) -> str | None:
    """Collect news for every rep (one search per distinct query) and rank it."""
    from tools.news.collect import collect

    now = now or _now(app)

    def run() -> str:
        queued = _on_worker(app, "scheduled.jobs.queued_news", "news collection")
        if queued:
            return queued
        summary = collect(app).summary()
        log.info("news: %s", summary)
        return summary

    try:
        return run_once(app, f"news:{now:%Y%m%d%H}", 3 * 3600, run)
    except Exception:
        log.exception("news collection failed")
        return None


def nightly_job(app: "AppContext", now: datetime | None = None) -> str | None:
    """Every capability's `train` hook (as `medrep train`): rollups, churn model, forecasts."""

    def retrain() -> str:
        from scheduled.nightly import nightly_retrain

        queued = _on_worker(app, "scheduled.jobs.queued_nightly", "nightly retrain")
        if queued:
            return queued
        summary = nightly_retrain(app)  # each capability isolated; failures are in the summary
        log.info("nightly: %s", summary)
        return summary

    day = (now or _now(app)).strftime("%Y%m%d")
    try:
        purge_expired(app)
        return run_once(app, f"nightly:{day}", 6 * 3600, retrain)
    except Exception:
        log.exception("nightly retrain failed")
        return None


def _on_worker(app: "AppContext", func: str, what: str) -> str | None:
    """With REDIS_URL, long scheduled work goes to `medrep worker` (the lock above was taken
    once across replicas, so it is enqueued once); None: run it here."""
    if not app.settings.redis_url:
        return None
    from medrep.kernel.workqueue import enqueue

    try:
        job_id = enqueue(app.settings, func, description=what)
    except Exception as exc:  # Redis down: do the work here rather than skip it
        log.warning("%s not queued (%s): running it in this process", what, exc)
        return None
    log.info("%s queued on the worker (job %s)", what, job_id)
    return f"queued:{job_id}"


def _worker_app() -> "AppContext":
    """The worker's context: opened from the environment once per worker process."""
    if "worker_app" not in _RUNTIME:
        from data.db import open_app

        _RUNTIME["worker_app"] = open_app()
    return _RUNTIME["worker_app"]


def queued_news() -> str:
    """RQ job: the news collection, on a worker."""
    from tools.news.collect import collect

    summary = collect(_worker_app()).summary()
    log.info("news: %s", summary)
    return summary


def queued_nightly() -> str:
    """RQ job: every capability's `train` hook, on a worker."""
    from scheduled.nightly import nightly_retrain

    summary = nightly_retrain(_worker_app())
    log.info("nightly: %s", summary)
    return summary


# Job entry points stored by reference in the job store (no arguments to pickle).
def run_digest() -> int:
    return digest_job(_RUNTIME["app"], _RUNTIME.get("client"), teams_send=_RUNTIME.get("teams"))


def run_news() -> str | None:
    return news_job(_RUNTIME["app"])


def run_nightly() -> str | None:
    return nightly_job(_RUNTIME["app"])


def build_scheduler(app: "AppContext", slack_client: Any | None = None, *, persistent: bool = True,
                    teams_send: Any = None) -> BackgroundScheduler:
    """`teams_send(app, rep_id, digest)`: Teams delivery of the digest, injected by the CLI."""
    tz = ZoneInfo(app.settings.medrep_timezone)
    _RUNTIME.update(app=app, client=slack_client, teams=teams_send)
    jobstores = {"default": SQLAlchemyJobStore(engine=app.engine, tablename=JOBS_TABLE)} if persistent else {}
    scheduler = BackgroundScheduler(timezone=tz, jobstores=jobstores)
    common = {"max_instances": 1, "coalesce": True, "replace_existing": True}
    scheduler.add_job("scheduled.jobs:run_digest", CronTrigger(day_of_week="mon-fri", minute="*", timezone=tz),
                      id="morning_digest", misfire_grace_time=120, **common)
    scheduler.add_job("scheduled.jobs:run_news", CronTrigger(hour=NEWS_HOURS, minute=40, timezone=tz),
                      id="news_collect", misfire_grace_time=1800, **common)
    scheduler.add_job("scheduled.jobs:run_nightly", CronTrigger(hour=2, minute=30, timezone=tz),
                      id="nightly_retrain", misfire_grace_time=3600, **common)
    return scheduler
