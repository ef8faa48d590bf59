"""Call analysis off the chat turn: an uploaded call is claimed, analysed by a background
worker and its result posted to the thread it came from — once.

The bot adapters register a poster per platform ("slack", "teams"); without one (the
console, `medrep ask`) the analysis runs inline and its text is returned. Every state is in
the database (`call_recordings.status`, `posted_at`), so `resume_pending` at start-up
finishes what a crash interrupted and nothing acked is lost. With the scale-out issue's job
queue this worker becomes a queue consumer; the states stay the same.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update

from data.access import Caller
from data.models import CallRecording, Rep, Upload
from tools.calls import texts
from tools.calls.transcripts import InputError

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

Poster = Callable[[str, str], None]  # (thread_key, Korean text) → posts into that thread
_posters: dict[str, Poster] = {}
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
# CPU speech to text with an int8 Whisper model runs at about half real time on 2 cores;
# the estimate only sets the rep's expectation in the first message.
REALTIME_FACTOR = 0.5
RUNNING = ("queued", "transcribing", "analyzing")
CLAIMABLE = ("received", "transcribed", "failed", "analyzed")


def register_poster(platform: str, poster: Poster) -> None:
    _posters[platform] = poster


def unregister_poster(platform: str) -> None:
    _posters.pop(platform, None)


def _poster_for(thread_key: str) -> Poster | None:
    return _posters.get(thread_key.split(":", 1)[0]) if thread_key else None


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medrep-calls")
        return _executor


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def claim(app: AppContext, call_id: int, thread_key: str = "") -> bool:
    """Move a call to `queued` unless it is already running; True when this caller owns it."""
    with app.session() as session:
        values = {"status": "queued", "attempts": CallRecording.attempts + 1, "posted_at": None}
        if thread_key:
            values["thread_key"] = thread_key[:200]
        done = session.execute(update(CallRecording).where(CallRecording.id == call_id,
                                                           CallRecording.status.in_(CLAIMABLE)).values(**values))
        session.commit()
        return done.rowcount == 1


def estimated_minutes(path: Path | None) -> int:
    if path is None:
        return 1
    try:
        from tools.calls.transcription import probe_audio

        return max(1, math.ceil(probe_audio(path) * REALTIME_FACTOR / 60))
    except Exception:  # noqa: BLE001 - only an estimate for the first message
        return 1


def start(app: AppContext, call_id: int, thread_key: str, filename: str, account: str | None = None) -> str:
    """Start analysing an uploaded call; returns what to tell the user now."""
    if not claim(app, call_id, thread_key):
        return texts.STILL_RUNNING.format(call_id=call_id, status=texts.STATUS["queued"])
    with app.session() as session:
        call = session.get(CallRecording, call_id)
        upload = session.get(Upload, call.upload_id) if call and call.upload_id else None
        audio = Path(upload.path) if upload is not None and upload.kind == "audio" and upload.path else None
    queued = app.settings.redis_url is not None
    if audio is None or (not queued and _poster_for(thread_key) is None):
        # a transcript takes a second or two: answered in the turn (as is everything in the console)
        text = run(app, call_id, account)
        mark_posted(app, call_id)
        return text
    if queued:  # `medrep worker` runs it and posts with its own Slack/Teams posters
        from medrep.kernel.workqueue import enqueue

        enqueue(app.settings, "tools.calls.jobs.run_queued", call_id, job_id=f"call-{call_id}-{_attempts(app, call_id)}",
                description=f"call analysis #{call_id}")
    else:
        _pool().submit(_run_and_post, app, call_id)
    return texts.STARTED_AUDIO.format(filename=filename, call_id=call_id, minutes=estimated_minutes(audio))


def run(app: AppContext, call_id: int, account: str | None = None) -> str:
    """Analyse a claimed call now and return the Korean result (or failure) text."""
    from tools.calls.render import render_stored
    from tools.calls.service import analyse_call

    with app.session() as session:
        call = session.get(CallRecording, call_id)
        rep = session.get(Rep, call.rep_id)
        caller = Caller.from_rep(rep)
        call.status = "transcribing" if call.upload_id else "analyzing"
        session.commit()
        try:
            day = (call.recorded_at or _now()).date()
            _, account_row, note = analyse_call(session, app.settings, caller, call, call_day=day,
                                                       account_name=account)
        except InputError as exc:
            session.rollback()
            _fail(app, call_id, exc.message)
            return texts.FAILED.format(call_id=call_id, error=exc.message)
        except Exception as exc:  # a bug must not lose the call: it stays retryable
            session.rollback()
            log.exception("call analysis failed for call %s", call_id)
            message = f"내부 오류({type(exc).__name__})가 발생했습니다"
            _fail(app, call_id, message)
            return texts.FAILED.format(call_id=call_id, error=message)
        notes = [note] if note else []
        if account_row is not None:
            notes.insert(0, texts.VISIT_LINKED.format(account=account_row.name))
        call.analysis = dict(call.analysis) | {"notes": notes}
        text = render_stored(session, call)
        session.commit()
        return text


def _attempts(app: AppContext, call_id: int) -> int:
    with app.session() as session:
        return session.scalar(select(CallRecording.attempts).where(CallRecording.id == call_id)) or 0


_worker_app: AppContext | None = None


def set_worker_app(app: AppContext | None) -> None:
    """The context queued jobs run in (set by `medrep worker`; opened from the environment
    when unset)."""
    global _worker_app
    _worker_app = app


def run_queued(call_id: int) -> bool:
    """The queued job: analyse and post. Infrastructure errors propagate, so RQ retries."""
    global _worker_app
    if _worker_app is None:
        from data.db import open_app

        _worker_app = open_app()
    text = run(_worker_app, call_id)
    return post_result(_worker_app, call_id, text)


def _fail(app: AppContext, call_id: int, message: str) -> None:
    with app.session() as session:
        call = session.get(CallRecording, call_id)
        call.status, call.error = "failed", message[:2000]
        session.commit()


def mark_posted(app: AppContext, call_id: int) -> bool:
    """Claim the right to post this call's result (once); False when it was posted."""
    with app.session() as session:
        done = session.execute(update(CallRecording).where(CallRecording.id == call_id,
                                                           CallRecording.posted_at.is_(None))
                               .values(posted_at=_now()))
        session.commit()
        return done.rowcount == 1


def _unmark_posted(app: AppContext, call_id: int) -> None:
    with app.session() as session:
        session.execute(update(CallRecording).where(CallRecording.id == call_id).values(posted_at=None))
        session.commit()


def _run_and_post(app: AppContext, call_id: int) -> None:
    try:
        text = run(app, call_id)
    except Exception:  # database down: resume_pending picks it up at the next start
        log.exception("call job %s could not run", call_id)
        return
    post_result(app, call_id, text)


def post_result(app: AppContext, call_id: int, text: str) -> bool:
    with app.session() as session:
        thread_key = session.scalar(select(CallRecording.thread_key).where(CallRecording.id == call_id)) or ""
    poster = _poster_for(thread_key)
    if poster is None or not mark_posted(app, call_id):
        return False
    try:
        poster(thread_key, text)
        return True
    except Exception:
        log.exception("posting call %s to %s failed; it will be retried at start-up", call_id, thread_key)
        _unmark_posted(app, call_id)
        return False


def resume_pending(app: AppContext) -> list[Future]:
    """Finish calls a crash or restart interrupted: running ones are re-run, analysed ones
    whose result never reached the thread are posted. Call after the posters are registered."""
    with app.session() as session:
        rows = session.execute(select(CallRecording.id, CallRecording.status).where(
            CallRecording.thread_key != "",
            or_(CallRecording.status.in_(RUNNING),
                (CallRecording.status.in_(("analyzed", "failed"))) & CallRecording.posted_at.is_(None)))).all()
        session.execute(update(CallRecording).where(CallRecording.id.in_([r.id for r in rows if r.status in RUNNING]))
                        .values(status="received"))
        session.commit()
    futures = []
    for row in rows:
        if row.status in RUNNING and claim(app, row.id):
            futures.append(_pool().submit(_run_and_post, app, row.id))
        elif row.status in ("analyzed", "failed"):
            futures.append(_pool().submit(_post_stored, app, row.id))
    return futures


def _post_stored(app: AppContext, call_id: int) -> None:
    from tools.calls.render import render_stored

    with app.session() as session:
        text = render_stored(session, session.get(CallRecording, call_id))
    post_result(app, call_id, text)


def drain(timeout: float = 60.0) -> None:
    """Wait for queued jobs (tests, shutdown)."""
    global _executor
    with _lock:
        pool, _executor = _executor, None
    if pool is not None:
        pool.shutdown(wait=True)
