"""Search ingestion of an uploaded document off the chat turn, in short transactions.

Text extraction, chunking and embedding run with no write transaction open; chunks are
inserted in batches, each committed, so one large upload never holds the database's write
lock while other events wait. The `uploads` row carries the state:

    queued ──(done while the uploader's turn still waits)──────────────> processed | failed
       └─(the turn stopped waiting: "색인 중" was said)─> indexing ──> indexed ──(told)──> processed
                                                              └──────> failed (told)

With REDIS_URL the work is an RQ job (`medrep worker` runs it); without, a background thread.
A lease row in `job_locks` (`ingest:{upload id}`) keeps two processes from indexing one
upload at once. `resume_pending` at start-up finishes what a restart interrupted and posts
the follow-ups that were owed. The bot adapters register a poster per platform (`register_poster`);
without one (the console) ingestion runs inline in the turn, as before.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from data.models import Document, DocumentChunk, JobLock, Upload, utcnow
from tools.intake import texts

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

Poster = Callable[[str, str], None]  # (thread_key, Korean text) → posts into that thread
QUEUED_PLATFORMS = ("slack", "teams")  # whose `medrep worker` posts the follow-up itself
CHUNK_BATCH = 200  # chunk rows per committed insert
LEASE_S = 1800  # a bounded document (limits.py) indexes well within this
POLL_S = 0.2
ACTIVE = ("queued", "indexing")
HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"[:100]

_posters: dict[str, Poster] = {}
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_worker_app: AppContext | None = None


@dataclass
class Outcome:
    status: str  # processed | failed | indexing (still running; the user is told later)
    message: str  # Korean, for the uploader now
    document_id: int | None = None


def register_poster(platform: str, poster: Poster) -> None:
    _posters[platform] = poster


def unregister_poster(platform: str) -> None:
    _posters.pop(platform, None)


def set_worker_app(app: AppContext | None) -> None:
    """The context queued jobs run in (opened from the environment when unset)."""
    global _worker_app
    _worker_app = app


def search_installed() -> bool:
    return importlib.util.find_spec("tools.search.ingest") is not None


# --- the uploader's side --------------------------------------------------------------
def index_upload(app: AppContext, upload_id: int, platform: str) -> Outcome:
    """Index a `queued` document upload. Waits up to MEDREP_INGEST_WAIT_S for it (a small
    document is searchable in the same turn); after that the turn goes on and the thread is
    told when it is done. Without a poster for `platform` (and no worker that posts) it runs
    inline, to the end."""
    settings = app.settings
    deferred = platform in _posters or (settings.redis_url is not None and platform in QUEUED_PLATFORMS)
    if not deferred:
        run(app, upload_id)
        return final_outcome(app, upload_id)
    handle = dispatch(app, upload_id)
    _wait(app, upload_id, handle, settings.medrep_ingest_wait_s)
    with app.session() as session:
        stopped = session.execute(update(Upload).where(Upload.id == upload_id, Upload.status == "queued")
                                  .values(status="indexing")).rowcount == 1
        session.commit()
    return Outcome("indexing", _indexing_text(app, upload_id)) if stopped else final_outcome(app, upload_id)


def _wait(app: AppContext, upload_id: int, handle: Future | str | None, timeout: float) -> None:
    if isinstance(handle, Future):
        try:
            handle.result(timeout=timeout)
        except Exception as exc:  # noqa: BLE001 - a timeout, or the job's error (the row says which)
            log.debug("stopped waiting for upload %s: %r", upload_id, exc)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _status(app, upload_id) == "queued":
        time.sleep(POLL_S)


def final_outcome(app: AppContext, upload_id: int) -> Outcome:
    with app.session() as session:
        upload = session.get(Upload, upload_id)
        document_id = session.scalar(select(Document.id).where(Document.source == _source(Path(upload.path))))
        if upload.status in ACTIVE:
            return Outcome("indexing", texts.DOCUMENT_INDEXING.format(filename=upload.filename), document_id)
        status = "failed" if upload.status == "failed" else "processed"
        return Outcome(status, upload.message or "", document_id)


def _indexing_text(app: AppContext, upload_id: int) -> str:
    with app.session() as session:
        filename = session.scalar(select(Upload.filename).where(Upload.id == upload_id)) or ""
    return texts.DOCUMENT_INDEXING.format(filename=filename)


def _status(app: AppContext, upload_id: int) -> str | None:
    with app.session() as session:
        return session.scalar(select(Upload.status).where(Upload.id == upload_id))


# --- running the work -----------------------------------------------------------------
def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:  # one at a time: embedding is CPU-bound
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medrep-ingest")
        return _executor


def dispatch(app: AppContext, upload_id: int, *, take_over: bool = False) -> Future | str | None:
    """Start indexing in the background: the RQ job id, or the thread's Future."""
    if app.settings.redis_url:
        from medrep.kernel.workqueue import enqueue

        return enqueue(app.settings, "tools.intake.ingestion.run_queued", upload_id,
                       description=f"document ingestion (upload #{upload_id})")
    return _pool().submit(_run_logged, app, upload_id, take_over)


def _run_logged(app: AppContext, upload_id: int, take_over: bool) -> str | None:
    try:
        return run(app, upload_id, take_over=take_over)
    except Exception:  # database trouble: the row stays active and resume_pending retries it
        log.exception("ingestion of upload %s could not run", upload_id)
        raise


def run_queued(upload_id: int) -> str | None:
    """The RQ job. Database errors propagate, so RQ retries."""
    global _worker_app
    if _worker_app is None:
        from data.db import open_app

        _worker_app = open_app()
    return run(_worker_app, upload_id)


def run(app: AppContext, upload_id: int, *, take_over: bool = False) -> str | None:
    """Index one active upload and record the result; the new status, or None when the upload
    is not active or another process holds it."""
    if _status(app, upload_id) not in ACTIVE or not _claim(app, upload_id, take_over):
        return None
    try:
        outcome = _index(app, upload_id)
    finally:
        _release(app, upload_id)
    return _record(app, upload_id, outcome)


def _index(app: AppContext, upload_id: int) -> Outcome:
    with app.session() as session:
        upload = session.get(Upload, upload_id)
        path, filename, rep_id = Path(upload.path), upload.filename, upload.rep_id
    if not search_installed():
        return Outcome("processed", texts.DOCUMENT_NO_SEARCH.format(filename=filename))
    try:
        document_id = index_document(app, ingest_path(path), rep_id, Path(filename).stem)
    except DBAPIError:
        raise
    except Exception as exc:  # a broken file: the original is kept, the user told
        log.exception("ingest failed for upload %s (%s)", upload_id, path.name)
        return Outcome("failed", texts.DOCUMENT_UNREADABLE.format(filename=filename, error=type(exc).__name__))
    return Outcome("processed", texts.DOCUMENT_INGESTED.format(filename=filename), document_id)


def ingest_path(original: Path) -> Path:
    """The NUL-free Markdown copy limits.check_document made, when there is one."""
    clean = original.with_name(f"{original.stem}.clean.md")
    return clean if clean.is_file() else original


def _source(path: Path) -> str:
    return str(ingest_path(path).resolve())


def index_document(app: AppContext, path: Path, rep_id: int | None, title: str) -> int:
    """Add one uploaded file to search (private to its uploader): extraction and chunking
    first, then short transactions, then the index update (reads only)."""
    from tools.search.chunking import chunk_sections
    from tools.search.index import get_index
    from tools.search.ingest import content_hash
    from tools.search.loaders import load_file

    if rep_id is None:
        raise ValueError("a private document needs its uploader")
    loaded = load_file(path)
    chunks = chunk_sections(loaded.sections)
    digest, source = content_hash(path), str(path.resolve())
    meta = loaded.meta
    with app.session() as session:
        document = session.scalar(select(Document).where(Document.source == source))
        unchanged = document is not None and document.content_hash == digest
        if not unchanged:
            document = document or Document(source=source)
            session.add(document)
            document.title = (title or loaded.title)[:300]
            document.source_type = loaded.source_type
            document.category = (meta.get("category") or "document")[:20]
            document.product_codes = ",".join(c.strip() for c in meta.get("products", "").split(",")
                                              if c.strip())[:200]
            document.owner_rep_id = rep_id
            document.visibility, document.visibility_team_id, document.visibility_role = "private", None, None
            document.content_hash = ""  # complete only once every chunk is in (a resume redoes it)
            session.flush()
            session.execute(delete(DocumentChunk).where(DocumentChunk.document_id == document.id))
        session.commit()
        document_id = document.id
    if not unchanged:
        for start in range(0, len(chunks), CHUNK_BATCH):
            with app.session() as session:
                session.add_all(DocumentChunk(document_id=document_id, ordinal=start + i, section=c.section[:300],
                                              text=c.text) for i, c in enumerate(chunks[start:start + CHUNK_BATCH]))
                session.commit()
        with app.session() as session:
            session.execute(update(Document).where(Document.id == document_id).values(content_hash=digest))
            session.commit()
    with app.session() as session:  # no writes here: embedding holds no database lock
        get_index(app.settings, session).add_document(session, session.get(Document, document_id))
        session.rollback()
    return document_id


# --- results and follow-ups -----------------------------------------------------------
def _record(app: AppContext, upload_id: int, outcome: Outcome) -> str:
    """Store the result. A turn still waiting reports it; otherwise the thread is told."""
    with app.session() as session:
        waited = session.execute(update(Upload).where(Upload.id == upload_id, Upload.status == "queued")
                                 .values(status=outcome.status, message=outcome.message)).rowcount == 1
        owed = "indexed" if outcome.status == "processed" else "failed"
        told_later = not waited and session.execute(
            update(Upload).where(Upload.id == upload_id, Upload.status == "indexing")
            .values(status=owed, message=outcome.message)).rowcount == 1
        session.commit()
    if not told_later:
        return outcome.status
    if owed == "indexed":
        post_owed(app, upload_id)
        return _status(app, upload_id) or owed
    _post(app, upload_id, f"⚠️ {outcome.message}")
    return owed


def post_owed(app: AppContext, upload_id: int) -> bool:
    """Tell the thread an `indexed` upload is searchable (once); it stays `indexed` when no
    poster is registered here or posting fails (the next start-up tries again)."""
    with app.session() as session:
        upload = session.get(Upload, upload_id)
        platform, filename = upload.platform, upload.filename
    if platform not in _posters:
        log.info("upload %s indexed; no %s poster in this process to say so", upload_id, platform)
        return False
    with app.session() as session:
        claimed = session.execute(update(Upload).where(Upload.id == upload_id, Upload.status == "indexed")
                                  .values(status="processed")).rowcount == 1
        session.commit()
    if not claimed:
        return False
    if _post(app, upload_id, texts.DOCUMENT_SEARCHABLE.format(filename=filename)):
        return True
    with app.session() as session:
        session.execute(update(Upload).where(Upload.id == upload_id).values(status="indexed"))
        session.commit()
    return False


def _post(app: AppContext, upload_id: int, text: str) -> bool:
    with app.session() as session:
        upload = session.get(Upload, upload_id)
        platform, thread_key = upload.platform, upload.thread_key
    poster = _posters.get(platform)
    if poster is None or not thread_key:
        return False
    try:
        poster(thread_key, text)
        return True
    except Exception:  # the platform is down: logged, retried at start-up when owed
        log.exception("posting the ingestion result of upload %s failed", upload_id)
        return False


def resume_pending(app: AppContext) -> list[int]:
    """At start-up (after the posters are registered): uploads a restart interrupted are
    indexed again and their thread told when done; owed follow-ups are posted. Without
    Redis the home belongs to this one process, so a lease left behind is taken over."""
    with app.session() as session:
        rows = session.execute(select(Upload.id, Upload.status).where(
            Upload.kind == "document", Upload.status.in_((*ACTIVE, "indexed")))).all()
        # whoever waited for a queued one is gone: its thread is told when it is done
        session.execute(update(Upload).where(Upload.id.in_([r.id for r in rows]), Upload.status == "queued")
                        .values(status="indexing"))
        session.commit()
    for row in rows:
        if row.status == "indexed":
            post_owed(app, row.id)
        else:
            dispatch(app, row.id, take_over=not app.settings.redis_url)
    return [r.id for r in rows]


def drain() -> None:
    """Wait for background ingestion (tests, shutdown)."""
    global _executor
    with _lock:
        pool, _executor = _executor, None
    if pool is not None:
        pool.shutdown(wait=True)


# --- the lease ------------------------------------------------------------------------
def _claim(app: AppContext, upload_id: int, take_over: bool) -> bool:
    name, now = f"ingest:{upload_id}", utcnow()
    expires = now + timedelta(seconds=LEASE_S)
    with app.session() as session:
        try:
            session.add(JobLock(name=name, holder=HOLDER, acquired_at=now, expires_at=expires))
            session.commit()
            return True
        except IntegrityError:
            session.rollback()
        stale = JobLock.name == name if take_over else and_(JobLock.name == name, JobLock.expires_at < now)
        taken = session.execute(update(JobLock).where(stale).values(holder=HOLDER, acquired_at=now,
                                                                     expires_at=expires))
        session.commit()
        return taken.rowcount == 1


def _release(app: AppContext, upload_id: int) -> None:
    with app.session() as session:
        session.execute(delete(JobLock).where(JobLock.name == f"ingest:{upload_id}", JobLock.holder == HOLDER))
        session.commit()
