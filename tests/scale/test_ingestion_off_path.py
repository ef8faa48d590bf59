"""Document ingestion off the request path (tools/intake/ingestion.py): a slow ingestion does
not hold the SQLite write lock while another event writes, the uploads row carries the
state, the thread is told once when the document is searchable, and a queued ingestion is
finished after a restart."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from data.db import open_app
from data.models import AuditLog, Document, DocumentChunk, JobLock, Rep, Upload, utcnow
from medrep.kernel.context import AppContext
from tools.intake import ingestion, texts
from tools.intake.service import intake_file

THREAD = "slack:T1:C1:1700000000.000100"
SECTIONS = 12  # one chunk each: "## 절 n" headings with a short paragraph


def _doc(code: str) -> bytes:
    parts = [f"# 출시 안내 {code}\n"]
    parts += [f"## 절 {n}\n\n큐브렉스 {code} 안내 {n}번째 단락입니다. 권장 용량은 1일 {n}회입니다.\n"
              for n in range(SECTIONS)]
    return "\n".join(parts).encode()


@pytest.fixture
def home_app(tmp_path, settings_factory):
    """A fresh SQLite database with one rep (no search content: indexing stays quick)."""
    app = open_app(settings_factory(tmp_path / "home"))
    with app.session() as session:
        session.add(Rep(employee_no="T0001", name="김색인", role="rep", email="index@example.com"))
        session.commit()
    yield app
    ingestion.drain()
    app.engine.dispose()


@pytest.fixture
def posted():
    """What the (fake) Slack poster was asked to post: [(thread_key, text)]."""
    calls: list[tuple[str, str]] = []
    ingestion.register_poster("slack", lambda thread_key, text: calls.append((thread_key, text)))
    yield calls
    ingestion.unregister_poster("slack")


def _with(app: AppContext, **overrides) -> AppContext:
    return AppContext(settings=app.settings.model_copy(update=overrides), engine=app.engine,
                      session_factory=app.session_factory)


def _rep_id(app: AppContext) -> int:
    with app.session() as session:
        return session.scalar(select(Rep.id))


def _upload(app: AppContext, upload_id: int) -> Upload:
    with app.session() as session:
        return session.get(Upload, upload_id)


def _chunks(app: AppContext, document_id: int) -> list[int]:
    with app.session() as session:
        return list(session.scalars(select(DocumentChunk.ordinal).where(DocumentChunk.document_id == document_id)
                                    .order_by(DocumentChunk.ordinal)))


def _indexed_positions(app: AppContext, document_id: int) -> int:
    from tools.search.index import KIND_CHUNK, get_index

    with app.session() as session:
        index = get_index(app.settings, session)
    return int(((index.kind == KIND_CHUNK) & (index.owner == document_id) & index.alive).sum())


def test_slow_ingestion_does_not_block_other_writes(home_app, posted, monkeypatch):
    from tools.search.index import SearchIndex

    app = _with(home_app, medrep_ingest_wait_s=0.3)
    monkeypatch.setattr(ingestion, "CHUNK_BATCH", 5)  # several committed batches
    embedding, release = threading.Event(), threading.Event()
    original = SearchIndex.add_document

    def slow_add(self, session, document):
        embedding.set()
        release.wait(timeout=30)  # "embedding" a huge document
        return original(self, session, document)

    monkeypatch.setattr(SearchIndex, "add_document", slow_add)
    started = time.perf_counter()
    result = intake_file(app, rep_id=_rep_id(app), platform="slack", thread_key=THREAD,
                         filename="출시안내.md", mime="text/markdown", data=_doc("A1"))
    took = time.perf_counter() - started
    assert result.ok and result.message == texts.DOCUMENT_INDEXING.format(filename="출시안내.md")
    assert took < 5, took  # the turn went on after MEDREP_INGEST_WAIT_S
    assert _upload(app, result.upload_id).status == "indexing"
    assert embedding.wait(timeout=30)

    # another event writes while the ingestion is in progress: no "database is locked" wait
    write_started = time.perf_counter()
    with app.session() as session:
        session.add(AuditLog(action="other_event", target="E2"))
        session.commit()
    write_s = time.perf_counter() - write_started
    assert write_s < 1.0, write_s
    assert posted == []  # not searchable yet: nothing said

    release.set()
    ingestion.drain()
    row = _upload(app, result.upload_id)
    assert row.status == "processed" and row.message == texts.DOCUMENT_INGESTED.format(filename="출시안내.md")
    with app.session() as session:
        document_id = session.scalar(select(Document.id).where(Document.owner_rep_id == row.rep_id))
        visibility = session.scalar(select(Document.visibility).where(Document.id == document_id))
        locks = session.scalar(select(func.count()).select_from(JobLock))
    assert _chunks(app, document_id) == list(range(SECTIONS))  # every chunk once, in order
    assert _indexed_positions(app, document_id) == SECTIONS and visibility == "private"
    assert posted == [(THREAD, texts.DOCUMENT_SEARCHABLE.format(filename="출시안내.md"))]
    assert locks == 0  # the lease was released


def test_small_document_is_searchable_in_the_same_turn(home_app, posted):
    app = _with(home_app, medrep_ingest_wait_s=30)
    result = intake_file(app, rep_id=_rep_id(app), platform="slack", thread_key=THREAD,
                         filename="small.md", mime="text/markdown", data=_doc("B2"))
    assert result.message == texts.DOCUMENT_INGESTED.format(filename="small.md")
    assert _upload(app, result.upload_id).status == "processed"
    assert _chunks(app, result.document_id) == list(range(SECTIONS))
    ingestion.drain()
    assert posted == []  # the turn said it: no second message


def test_without_a_poster_ingestion_runs_in_the_turn(home_app):
    result = intake_file(home_app, rep_id=_rep_id(home_app), platform="cli", thread_key="cli:1",
                         filename="console.md", mime="text/markdown", data=_doc("C3"))
    assert result.message == texts.DOCUMENT_INGESTED.format(filename="console.md")
    assert _upload(home_app, result.upload_id).status == "processed"
    assert _indexed_positions(home_app, result.document_id) == SECTIONS


def test_queued_ingestion_resumes_after_a_restart(home_app, posted, monkeypatch):
    app = _with(home_app, medrep_ingest_wait_s=0.1)
    # the process dies before its background ingestion runs (and leaves a lease behind)
    monkeypatch.setattr(ingestion, "dispatch", lambda *a, **k: None)
    result = intake_file(app, rep_id=_rep_id(app), platform="slack", thread_key=THREAD,
                         filename="재시작.md", mime="text/markdown", data=_doc("D4"))
    assert result.message == texts.DOCUMENT_INDEXING.format(filename="재시작.md")
    with app.session() as session:
        session.add(JobLock(name=f"ingest:{result.upload_id}", holder="dead-host:1:abc",
                            acquired_at=utcnow(), expires_at=utcnow() + timedelta(hours=1)))
        session.commit()
    assert _upload(app, result.upload_id).status == "indexing"
    monkeypatch.undo()
    posted.clear()

    restarted = open_app(app.settings, migrate=False)  # a new process on the same home
    try:
        assert ingestion.resume_pending(restarted) == [result.upload_id]
        ingestion.drain()
        row = _upload(restarted, result.upload_id)
        assert row.status == "processed"
        with restarted.session() as session:
            document_id = session.scalar(select(Document.id).where(Document.owner_rep_id == row.rep_id))
            locks = session.scalar(select(func.count()).select_from(JobLock))
        assert _chunks(restarted, document_id) == list(range(SECTIONS)) and locks == 0
        assert posted == [(THREAD, texts.DOCUMENT_SEARCHABLE.format(filename="재시작.md"))]
        assert ingestion.resume_pending(restarted) == []  # nothing left
    finally:
        restarted.engine.dispose()


def test_owed_follow_up_is_posted_once_after_a_failed_post(home_app, monkeypatch):
    app = _with(home_app, medrep_ingest_wait_s=0.0)
    attempts: list[str] = []

    def flaky(thread_key, text):
        attempts.append(text)
        if len(attempts) == 1:
            raise ConnectionError("slack down")

    ingestion.register_poster("slack", flaky)
    try:
        release = threading.Event()
        monkeypatch.setattr(ingestion, "_index", _delayed(ingestion._index, release))
        result = intake_file(app, rep_id=_rep_id(app), platform="slack", thread_key=THREAD,
                             filename="owed.md", mime="text/markdown", data=_doc("E5"))
        assert result.message == texts.DOCUMENT_INDEXING.format(filename="owed.md")
        release.set()
        ingestion.drain()
        assert _upload(app, result.upload_id).status == "indexed" and len(attempts) == 1  # owed
        assert ingestion.resume_pending(app) == [result.upload_id]
        assert _upload(app, result.upload_id).status == "processed" and len(attempts) == 2
        assert ingestion.resume_pending(app) == [] and len(attempts) == 2
    finally:
        ingestion.unregister_poster("slack")


def _delayed(fn, release: threading.Event):
    def wrapper(*args, **kwargs):
        release.wait(timeout=30)
        return fn(*args, **kwargs)

    return wrapper


@pytest.mark.redis
def test_with_redis_the_worker_indexes_and_posts(home_app, posted):
    redis = pytest.importorskip("redis")
    from rq import SimpleWorker

    from medrep.kernel.workqueue import QUEUE_NAME, queue

    url = "redis://127.0.0.1:6379/14"  # a database of its own: no one else's jobs
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no local Redis")
    app = _with(home_app, redis_url=url, medrep_ingest_wait_s=0.2)
    q = queue(app.settings)
    q.empty()
    ingestion.set_worker_app(app)
    try:
        name = f"rq-{uuid.uuid4().hex[:6]}.md"
        result = intake_file(app, rep_id=_rep_id(app), platform="slack", thread_key=THREAD,
                             filename=name, mime="text/markdown", data=_doc("F6"))
        assert result.message == texts.DOCUMENT_INDEXING.format(filename=name)
        assert q.count == 1 and _upload(app, result.upload_id).status == "indexing"
        SimpleWorker([QUEUE_NAME], connection=q.connection).work(burst=True)
        assert _upload(app, result.upload_id).status == "processed"
        assert posted == [(THREAD, texts.DOCUMENT_SEARCHABLE.format(filename=name))]
    finally:
        ingestion.set_worker_app(None)
        q.empty()
