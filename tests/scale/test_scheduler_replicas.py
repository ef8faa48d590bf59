"""Scheduled jobs once across replicas: every job `build_scheduler` registers goes through
`scheduled.locks.run_once`, and two replicas (own engines) on one PostgreSQL database firing
the same job at the same moment run it once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import text

from data.db import open_app
from scheduled import jobs, locks

MONDAY_0800 = datetime(2026, 11, 23, 8, 0)


def _stub_work(monkeypatch) -> Counter:
    """The work inside each job replaced by a counter (the lock logic stays real)."""
    import scheduled.nightly
    import tools.news.collect

    ran: Counter = Counter()

    class Collected:
        def summary(self) -> str:
            return "news ok"

    def digests(app, client, now, teams_send=None):
        ran["digest"] += 1
        return 1

    def collect(app):
        ran["news"] += 1
        return Collected()

    def retrain(app):
        ran["nightly"] += 1
        return "nightly ok"

    monkeypatch.setattr(jobs, "send_due_digests", digests)
    monkeypatch.setattr(tools.news.collect, "collect", collect)
    monkeypatch.setattr(scheduled.nightly, "nightly_retrain", retrain)
    return ran


def test_every_registered_job_takes_the_lock(demo_app, monkeypatch):
    ran = _stub_work(monkeypatch)
    keys: list[str] = []

    def refusing_run_once(app, key, ttl_s, fn, holder=locks.HOLDER):
        keys.append(key)  # as if another replica held every lock: fn must not run

    monkeypatch.setattr(jobs, "run_once", refusing_run_once)
    monkeypatch.setattr(jobs, "_now", lambda app: MONDAY_0800)
    scheduler = jobs.build_scheduler(demo_app, persistent=False)
    registered = scheduler.get_jobs()
    assert len(registered) >= 3
    for job in registered:
        before = len(keys)
        job.func()
        assert len(keys) == before + 1, f"{job.id} does not go through run_once"
    assert sum(ran.values()) == 0
    assert sorted(k.split(":")[0] for k in keys) == ["digest", "news", "nightly"]


@pytest.mark.postgres
def test_two_replicas_run_each_job_once_postgres(pg_url, settings_factory, tmp_path, monkeypatch):
    ran = _stub_work(monkeypatch)
    home = tmp_path / "pg"
    home.mkdir()
    settings = settings_factory(home, database_url=pg_url)
    open_app(settings).engine.dispose()  # migrated once, as `medrep init` does
    replicas = [open_app(settings, migrate=False) for _ in range(2)]
    fire = {
        "digest": lambda app: jobs.digest_job(app, None, MONDAY_0800),
        "news": lambda app: jobs.news_job(app, MONDAY_0800),
        "nightly": lambda app: jobs.nightly_job(app, MONDAY_0800),
    }
    try:
        for name, job in fire.items():
            barrier = threading.Barrier(len(replicas))

            def tick(app, job=job, barrier=barrier):
                barrier.wait()
                job(app)

            threads = [threading.Thread(target=tick, args=(app,)) for app in replicas]
            [t.start() for t in threads]
            [t.join(timeout=60) for t in threads]
            assert ran[name] == 1, (name, ran)
            job(replicas[1])  # a replica that ticks late in the same period: still once
            assert ran[name] == 1, (name, ran)
        with replicas[0].engine.connect() as connection:
            names = connection.execute(text("SELECT name FROM job_locks ORDER BY name")).scalars().all()
    finally:
        for app in replicas:
            app.engine.dispose()
    assert names == ["digest:202611230800", "news:2026112308", "nightly:20261123"]
