"""The scheduler: jobs in a persistent SQLAlchemyJobStore (they survive a restart), and each
run once across replicas (a database lock), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select

from data.db import open_app
from data.models import AuditLog, DigestSubscription, JobLock, Rep
from scheduled import jobs
from scheduled.locks import acquire, release, run_once


def test_jobs_are_persistent_and_not_duplicated(demo_app):
    first = jobs.build_scheduler(demo_app)
    first.start(paused=True)
    ids = sorted(j.id for j in first.get_jobs())
    next_digest = first.get_job("morning_digest").next_run_time
    first.shutdown(wait=False)
    assert ids == ["morning_digest", "news_collect", "nightly_retrain"]
    # a restart (another process) finds the same jobs in the database, once each
    again = open_app(demo_app.settings, migrate=False)
    second = jobs.build_scheduler(again)
    second.start(paused=True)
    try:
        assert sorted(j.id for j in second.get_jobs()) == ids
        assert second.get_job("morning_digest").next_run_time >= next_digest
        assert second.get_job("morning_digest").trigger.fields[4].expressions[0].__str__() == "mon-fri"
    finally:
        second.shutdown(wait=False)
        again.engine.dispose()
    with demo_app.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id FROM apscheduler_jobs ORDER BY id").all()
    assert [r[0] for r in rows] == ids


def _lock_race(url_app_factory):
    apps = [url_app_factory() for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list = []

    def replica(app, n):
        barrier.wait()
        results.append(run_once(app, "race:1", 60, lambda: n, holder=f"replica-{n}"))

    threads = [threading.Thread(target=replica, args=(app, n)) for n, app in enumerate(apps)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return apps, results


def _two_schedulers_send_once(apps):
    """Two replicas (own engines) tick the digest job at the same minute: each due rep once."""
    with apps[0].session() as session:
        reps = session.scalars(select(Rep.id).where(Rep.role == "rep").order_by(Rep.id).limit(3)).all()
        session.query(DigestSubscription).delete()
        for rep_id in reps:
            session.add(DigestSubscription(rep_id=rep_id, enabled=True, send_time="08:00", sections=["visits"]))
        session.commit()
    now = datetime(2026, 11, 23, 8, 0)
    barrier = threading.Barrier(2)
    sent: list[int] = []

    def tick(app):
        barrier.wait()
        sent.append(jobs.digest_job(app, None, now))

    threads = [threading.Thread(target=tick, args=(app,)) for app in apps]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(sent) == [0, 3]
    with apps[0].session() as session:
        assert session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "digest_sent")) == 3
    # the same minute again (a late replica): nothing; a Saturday: nothing
    assert jobs.digest_job(apps[1], None, now) == 0
    assert jobs.digest_job(apps[1], None, datetime(2026, 11, 28, 8, 0)) == 0


def test_lock_expiry_and_release(demo_app):
    assert acquire(demo_app, "k", 60, holder="a") and not acquire(demo_app, "k", 60, holder="b")
    release(demo_app, "k", holder="a")
    assert acquire(demo_app, "k", -1, holder="b")  # expired at once
    assert acquire(demo_app, "k", 60, holder="c")  # taken over
    with demo_app.session() as session:
        assert session.get(JobLock, "k").holder == "c"


def test_one_run_across_replicas_sqlite(demo_app):
    apps, results = _lock_race(lambda: open_app(demo_app.settings, migrate=False))
    assert results.count(None) == 1 and len(results) == 2
    _two_schedulers_send_once(apps)
    for app in apps:
        app.engine.dispose()


@pytest.mark.postgres
def test_one_run_across_replicas_postgres(pg_url, settings_factory, tmp_path, demo_app):
    from data.demo.generator import generate_world

    settings = settings_factory(tmp_path / "pg", database_url=pg_url)
    (tmp_path / "pg").mkdir()
    world = open_app(settings)
    generate_world(world)
    world.engine.dispose()
    apps, results = _lock_race(lambda: open_app(settings, migrate=False))
    assert results.count(None) == 1 and len(results) == 2
    _two_schedulers_send_once(apps)
    scheduler = jobs.build_scheduler(apps[0])
    scheduler.start(paused=True)
    scheduler.shutdown(wait=False)
    with apps[1].engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM apscheduler_jobs").scalar() == 3
    for app in apps:
        app.engine.dispose()


def test_news_job_collects_once_per_hour(news_app, fake_naver):
    from tests.fakes.naver_api import article

    fake_naver.articles = [article("약가 인하 고시 개정", link="https://n.news.naver.com/x")]
    now = datetime(2026, 11, 23, 6, 40)
    summary = jobs.news_job(news_app, now)
    assert summary.startswith("뉴스 수집") and "새 기사 묶음 1건" in summary
    assert jobs.news_job(news_app, now) is None  # another replica / the same hour
