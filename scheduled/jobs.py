"""APScheduler wiring for `medrep serve`: the morning digest (checked every minute) and the
nightly retrain (every capability's `train` hook, as `medrep train`). With REDIS_URL set,
each run takes a Redis lock so that several replicas run a job once."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from scheduled.digest import send_due_digests

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def run_once(app: "AppContext", key: str, ttl_s: int, fn: Callable[[], Any]) -> Any:
    """Run `fn` unless another replica holds the lock `key` (Redis only; else always run)."""
    if app.settings.redis_url:
        import redis

        try:
            lock = redis.Redis.from_url(app.settings.redis_url).set(f"medrep:job:{key}", "1", nx=True, ex=ttl_s)
        except Exception as exc:
            log.warning("job lock unavailable (%s); running anyway", exc)
            lock = True
        if not lock:
            return None
    return fn()


def digest_job(app: "AppContext", client: Any | None) -> int:
    now = datetime.now(ZoneInfo(app.settings.medrep_timezone))
    return run_once(app, f"digest:{now:%Y%m%d%H%M}", 120, lambda: send_due_digests(app, client, now)) or 0


def nightly_job(app: "AppContext") -> str | None:
    """Every capability's `train` hook (as `medrep train`): rollups, churn model, forecasts."""

    def retrain() -> str:
        from scheduled.nightly import nightly_retrain

        summary = nightly_retrain(app)  # each capability isolated; failures are in the summary
        log.info("nightly: %s", summary)
        return summary

    day = datetime.now(ZoneInfo(app.settings.medrep_timezone)).strftime("%Y%m%d")
    try:
        return run_once(app, f"nightly:{day}", 6 * 3600, retrain)
    except Exception:
        log.exception("nightly retrain failed")
        return None


def build_scheduler(app: "AppContext", slack_client: Any | None = None) -> BackgroundScheduler:
    tz = ZoneInfo(app.settings.medrep_timezone)
    scheduler = BackgroundScheduler(timezone=tz)
    scheduler.add_job(digest_job, CronTrigger(minute="*", timezone=tz), args=[app, slack_client],
                      id="morning_digest", max_instances=1, coalesce=True, misfire_grace_time=120)
    scheduler.add_job(nightly_job, CronTrigger(hour=2, minute=30, timezone=tz), args=[app],
                      id="nightly_retrain", max_instances=1, coalesce=True, misfire_grace_time=3600)
    return scheduler
