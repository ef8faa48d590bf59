"""With REDIS_URL the scheduled news collection and nightly retrain are enqueued once (under the
replicas' shared lock) and run by a worker, not inside the replica's scheduler thread."""

from __future__ import annotations

from datetime import datetime

import pytest

from scheduled import jobs

REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.mark.redis
def test_news_and_nightly_go_to_the_worker_once(demo_app, monkeypatch):
    redis = pytest.importorskip("redis")
    from rq import Queue, SimpleWorker

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.flushdb()
    except redis.RedisError:
        pytest.skip("no local Redis")
    app = demo_app.__class__(settings=demo_app.settings.model_copy(update={"redis_url": REDIS_URL}),
                             engine=demo_app.engine, session_factory=demo_app.session_factory)
    ran: list[str] = []
    monkeypatch.setattr("tools.news.collect.collect",
                        lambda a: type("R", (), {"summary": lambda self: ran.append(f"news:{a.settings.home}") or "ok"})())
    monkeypatch.setattr("scheduled.nightly.nightly_retrain", lambda a: ran.append("nightly") or "trained")
    monkeypatch.setitem(jobs._RUNTIME, "worker_app", app)
    now = datetime(2026, 11, 20, 7, 40)
    first = jobs.news_job(app, now)
    assert first is not None and first.startswith("queued:")
    assert jobs.news_job(app, now) is None  # a second replica in the same hour: the lock says no
    assert jobs.nightly_job(app, now).startswith("queued:")
    assert ran == []  # nothing ran in the "replica"
    queue = Queue("medrep", connection=connection)
    assert queue.count == 2
    SimpleWorker([queue], connection=connection).work(burst=True)
    assert sorted(ran) == sorted([f"news:{app.settings.home}", "nightly"])
    connection.flushdb()
