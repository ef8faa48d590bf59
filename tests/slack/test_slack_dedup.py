"""Event de-duplication: with REDIS_URL, a duplicate is rejected by Redis before any database
query; the `event_receipts` row stays the source of truth when Redis says "new" or is down."""

from __future__ import annotations

import socket
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from bot.slack.dedup import EventDeduper
from data.models import EventReceipt

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no local Redis")
    return client


@contextmanager
def counting_sql(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.redis
def test_redis_known_duplicate_skips_the_database(slack_ctx, redis_client):
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    first, second = EventDeduper(slack_ctx, REDIS_URL), EventDeduper(slack_ctx, REDIS_URL)
    with counting_sql(slack_ctx.engine) as statements:
        assert first.claim(event_id) is True
    assert any("event_receipts" in s for s in statements)  # "new" in Redis: the DB receipt decides
    assert redis_client.ttl(f"medrep:event:slack:{event_id}") > 0

    with counting_sql(slack_ctx.engine) as statements:
        assert second.claim(event_id) is False  # being processed: Redis answers
        assert first.claim(event_id) is False
    assert statements == []

    first.finish(event_id)
    with counting_sql(slack_ctx.engine) as statements:
        assert second.claim(event_id) is False  # done: still Redis only
    assert statements == []
    assert redis_client.ttl(f"medrep:event:slack:{event_id}") > 0


@pytest.mark.redis
def test_redis_failed_event_is_retried_once_through_the_database(slack_ctx, redis_client):
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    first, second = EventDeduper(slack_ctx, REDIS_URL), EventDeduper(slack_ctx, REDIS_URL)
    assert first.claim(event_id) is True
    first.finish(event_id, error="boom")  # a failed first attempt may be retried once
    assert second.claim(event_id) is True and first.claim(event_id) is False


@pytest.mark.redis
def test_redis_says_new_but_database_knows_the_event(slack_ctx, redis_client):
    """Redis lost its key (flush, TTL, another Redis): the DB receipt still rejects the duplicate."""
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    deduper = EventDeduper(slack_ctx, REDIS_URL)
    assert deduper.claim(event_id) is True
    deduper.finish(event_id)
    redis_client.delete(f"medrep:event:slack:{event_id}")
    with counting_sql(slack_ctx.engine) as statements:
        assert deduper.claim(event_id) is False
    assert statements
    with counting_sql(slack_ctx.engine) as statements:  # and Redis remembers it again
        assert deduper.claim(event_id) is False
    assert statements == []


@pytest.mark.parametrize("redis_url", [None, f"redis://127.0.0.1:{_closed_port()}/0"], ids=["no-redis", "redis-down"])
def test_without_redis_the_database_decides(slack_ctx, redis_url):
    event_id = f"Ev-db-{uuid.uuid4().hex}"
    first, second = EventDeduper(slack_ctx, redis_url), EventDeduper(slack_ctx, redis_url)
    assert first.claim(event_id) is True
    with counting_sql(slack_ctx.engine) as statements:
        assert second.claim(event_id) is False
    assert statements  # the receipt was consulted
    first.finish(event_id, error="boom")
    assert second.claim(event_id) is True and first.claim(event_id) is False
    second.finish(event_id)
    assert first.claim(event_id) is False
    with slack_ctx.session() as session:
        assert session.scalars(select(EventReceipt.status).where(EventReceipt.event_id == event_id)).one() == "done"
    assert first.claim("") is True  # events without an id are never de-duplicated
