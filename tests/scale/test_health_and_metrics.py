"""/healthz tells the truth (a write-locked database, an unreachable queue, no worker → 503)
and /metrics carries queue depth and age, call jobs by status and refused requests."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fakes.loopback import free_port
from sqlalchemy import text
from sqlalchemy.engine import make_url

REDIS_TEST_URL = "redis://127.0.0.1:6379/13"  # a database of its own: workers and queues of other tests stay out


def _health(url: str) -> tuple[int, dict, float]:
    t0 = time.perf_counter()
    response = httpx.get(f"{url}/healthz", timeout=10)
    return response.status_code, response.json(), time.perf_counter() - t0


def test_healthz_is_503_while_another_connection_holds_the_sqlite_write_lock(serve):
    srv = serve()
    status, body, _ = _health(srv.url)
    assert (status, body["database"], body["status"]) == (200, True, "ok")
    holder = sqlite3.connect(make_url(srv.app.settings.database_url).database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what the 398-second zip-bomb ingest held
    try:
        status, body, seconds = _health(srv.url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    print(f"\n/healthz with the write lock held: {status} in {seconds * 1000:.0f} ms")
    assert (status, body["database"], body["status"]) == (503, "locked", "degraded")
    assert seconds < 3.0
    assert _health(srv.url)[:2] == (200, {"status": "ok", "database": True, "slack": True, "slack_mode": "http"})


def test_healthz_probe_writes_nothing(serve):
    srv = serve()
    with srv.app.engine.connect() as connection:
        before = connection.execute(text("SELECT version_num FROM alembic_version ORDER BY 1")).all()
    for _ in range(3):
        assert _health(srv.url)[0] == 200
    with srv.app.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version ORDER BY 1")).all() == before


def test_healthz_is_503_when_redis_is_a_closed_port(serve):
    srv = serve(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    status, body, seconds = _health(srv.url)
    assert status == 503
    assert body["queue"] == "unreachable" and body["workers"] == 0 and body["database"] is True
    assert seconds < 5.0


@pytest.mark.redis
def test_healthz_needs_a_live_worker_when_redis_is_set(serve):
    import redis
    from rq import Worker

    from medrep.kernel.workqueue import QUEUE_NAME

    srv = serve(redis_url=REDIS_TEST_URL)
    status, body, _ = _health(srv.url)
    assert (status, body["queue"], body["workers"]) == (503, True, 0)
    connection = redis.Redis.from_url(REDIS_TEST_URL)
    worker = Worker([QUEUE_NAME], connection=connection, name=f"scale-test-{time.time_ns()}")
    worker.register_birth()  # what `medrep worker` does at start, then on every heartbeat
    try:
        status, body, _ = _health(srv.url)
    finally:
        worker.register_death()
    assert (status, body["queue"], body["workers"]) == (200, True, 1)
    assert _health(srv.url)[0] == 503  # the worker is gone again


def _gauge(metrics: str, name: str, **labels) -> float | None:
    label = ",".join(f'{k}="{v}"' for k, v in labels.items())
    found = re.search(re.escape(f"{name}{{{label}}}" if label else name) + r" ([0-9.e+-]+|NaN)\n", metrics)
    return float(found.group(1)) if found else None


@pytest.mark.redis
def test_metrics_show_queue_depth_oldest_job_age_and_call_jobs_by_status(serve, caller):
    import redis
    from rq import Queue

    from data.models import CallRecording
    from medrep.kernel.workqueue import QUEUE_NAME

    srv = serve(redis_url=REDIS_TEST_URL)
    connection = redis.Redis.from_url(REDIS_TEST_URL)
    queue = Queue(QUEUE_NAME, connection=connection)
    queue.empty()
    rep = caller(srv.app, "rep")
    with srv.app.session() as session:
        for status in ("failed", "failed", "analyzed", "queued"):
            session.add(CallRecording(rep_id=rep.rep_id, title="t", status=status))
        session.commit()
        expected_calls = dict(session.execute(text(
            "SELECT status, COUNT(*) FROM call_recordings GROUP BY status")).all())
    try:
        jobs = [queue.enqueue_call("builtins.print", args=(i,)) for i in range(3)]
        oldest = jobs[0]
        oldest.enqueued_at = datetime.now(UTC) - timedelta(seconds=120)
        oldest.save()
        metrics = httpx.get(f"{srv.url}/metrics", timeout=10).text
        depth = connection.llen(f"rq:queue:{QUEUE_NAME}")
    finally:
        queue.empty()
    assert depth == 3
    assert _gauge(metrics, "medrep_queue_depth") == 3.0
    age = _gauge(metrics, "medrep_queue_oldest_job_age_seconds")
    assert age is not None and 120 <= age < 150, age
    assert expected_calls["failed"] >= 2
    for status, count in expected_calls.items():
        assert _gauge(metrics, "medrep_call_jobs", status=status) == float(count), status
    assert "medrep_http_refused_total" in metrics and "medrep_slack_events_total" in metrics  # existing metrics kept


def test_metrics_still_answer_when_the_queue_is_down(serve):
    srv = serve(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    response = httpx.get(f"{srv.url}/metrics", timeout=10)
    assert response.status_code == 200
    assert "medrep_queue_depth NaN" in response.text
