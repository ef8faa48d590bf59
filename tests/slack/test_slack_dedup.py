"""The event outbox (bot/outbox.py): a duplicate is rejected by Redis before any database query
when Redis knows it, the receipt decides otherwise; one process at a time holds an event's
lease; a dead holder's event falls free; failed deliveries are rescheduled with backoff, then
given up; a user's later question waits for the earlier ones."""

from __future__ import annotations

import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update

from bot.outbox import BACKOFF_S, EventOutbox, Sweeper
from data.models import EventReceipt, utcnow

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


def _receipt(ctx, event_id: str) -> EventReceipt:
    with ctx.session() as session:
        return session.scalars(select(EventReceipt).where(EventReceipt.event_id == event_id)).one()


def _age(ctx, event_id: str, seconds: int) -> None:
    """Move the receipt's times into the past, as if `seconds` had gone by."""
    row = _receipt(ctx, event_id)
    past = timedelta(seconds=seconds)
    values = {"received_at": row.received_at - past}
    if row.lease_until is not None:
        values["lease_until"] = row.lease_until - past
    if row.next_attempt_at is not None:
        values["next_attempt_at"] = row.next_attempt_at - past
    with ctx.session() as session:
        session.execute(update(EventReceipt).where(EventReceipt.event_id == event_id).values(**values))
        session.commit()


@pytest.mark.redis
def test_redis_known_duplicate_skips_the_database(slack_ctx, redis_client):
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    first, second = EventOutbox(slack_ctx, "slack", redis_url=REDIS_URL), EventOutbox(slack_ctx, "slack", redis_url=REDIS_URL)
    with counting_sql(slack_ctx.engine) as statements:
        assert first.receive(event_id, {"event": {}}) is True
    assert any("event_receipts" in s for s in statements)  # "new" in Redis: the receipt is written
    assert redis_client.ttl(f"medrep:event:slack:{event_id}") > 0
    with counting_sql(slack_ctx.engine) as statements:
        assert second.receive(event_id, {"event": {}}) is False  # another replica: Redis answers
        assert first.receive(event_id, {"event": {}}) is False
    assert statements == []


@pytest.mark.redis
def test_redis_lost_its_key_but_the_receipt_rejects_the_duplicate(slack_ctx, redis_client):
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    outbox = EventOutbox(slack_ctx, "slack", redis_url=REDIS_URL)
    assert outbox.receive(event_id, {"event": {}}) is True
    redis_client.delete(f"medrep:event:slack:{event_id}")
    with counting_sql(slack_ctx.engine) as statements:
        assert outbox.receive(event_id, {"event": {}}) is False
    assert statements


@pytest.mark.parametrize("redis_url", [None, f"redis://127.0.0.1:{_closed_port()}/0"], ids=["no-redis", "redis-down"])
def test_without_redis_the_receipt_decides_and_one_process_holds_the_lease(slack_ctx, redis_url):
    event_id = f"Ev-db-{uuid.uuid4().hex}"
    first, second = EventOutbox(slack_ctx, "slack", redis_url=redis_url), EventOutbox(slack_ctx, "slack", redis_url=redis_url)
    assert first.receive(event_id, {"event": {"text": "hi"}}, user_id="U1") is True
    assert second.receive(event_id, {"event": {"text": "hi"}}) is False
    held = first.take(event_id)
    assert held is not None and held.attempts == 1 and held.payload == {"event": {"text": "hi"}}
    assert second.take(event_id) is None  # leased by the first
    first.delivered(event_id)
    assert second.take(event_id) is None and first.take(event_id) is None  # answered: never again
    row = _receipt(slack_ctx, event_id)
    assert row.status == "done" and row.delivered_at is not None and row.user_id == "U1"


def test_a_dead_holders_event_falls_free_and_the_sweep_finds_it(slack_ctx):
    event_id = f"Ev-lease-{uuid.uuid4().hex}"
    dead, alive = EventOutbox(slack_ctx, "slack"), EventOutbox(slack_ctx, "slack")
    dead.receive(event_id, {"event": {}})
    assert event_id not in alive.due()  # fresh: left to the process that acked it
    assert dead.take(event_id) is not None
    _age(slack_ctx, event_id, 10)
    assert event_id not in alive.due() and alive.take(event_id) is None  # lease (60 s) still running
    _age(slack_ctx, event_id, slack_ctx.settings.medrep_event_lease_s)
    resumed: list[str] = []
    Sweeper(alive, resumed.append, period_s=1).sweep_once()
    assert event_id in resumed
    held = alive.take(event_id)
    assert held is not None and held.attempts == 2


def test_failed_deliveries_back_off_then_give_up(slack_ctx):
    event_id = f"Ev-retry-{uuid.uuid4().hex}"
    outbox = EventOutbox(slack_ctx, "slack")
    outbox.receive(event_id, {"event": {}})
    for attempt in range(1, outbox.max_attempts + 1):
        held = outbox.take(event_id)
        assert held is not None and held.attempts == attempt
        outbox.store_answer(event_id, {"answer": {"text": "x"}})
        again = outbox.retry_later(event_id, held.attempts, "SlackApiError: internal_error")
        row = _receipt(slack_ctx, event_id)
        if attempt < outbox.max_attempts:
            assert again and row.status == "retry" and row.answer == {"answer": {"text": "x"}}
            wait = (row.next_attempt_at - utcnow()).total_seconds()
            assert BACKOFF_S[attempt - 1] - 2 < wait <= BACKOFF_S[attempt - 1]
            assert event_id not in outbox.due()
            _age(slack_ctx, event_id, BACKOFF_S[attempt - 1] + 1)
            assert event_id in outbox.due()
        else:
            assert not again and row.status == "failed" and "internal_error" in row.error
    assert outbox.take(event_id) is None


def test_a_users_later_question_waits_for_the_earlier_one(slack_ctx):
    outbox = EventOutbox(slack_ctx, "slack")
    user = f"U{uuid.uuid4().hex[:8]}"
    ids = [f"Ev-order-{uuid.uuid4().hex}" for _ in range(3)]
    for event_id in ids:
        outbox.receive(event_id, {"event": {}}, user_id=user)
    outbox.receive(f"Ev-other-{uuid.uuid4().hex}", {"event": {}}, user_id="UOTHER")
    held = [outbox.take(event_id) for event_id in ids]
    assert [outbox.ahead_of(h) for h in held] == [0, 1, 2]
    assert [outbox.recent_count(h) for h in held] == [1, 2, 3]
    outbox.store_answer(ids[0], {"answer": {}})  # computed, waiting only for delivery: no longer ahead
    assert outbox.ahead_of(held[1]) == 0 and outbox.ahead_of(held[2]) == 1
    outbox.defer(ids[2], 1.0)
    row = _receipt(slack_ctx, ids[2])
    assert row.status == "retry" and row.attempts == 0 and row.lease_until is None  # a wait is not an attempt


@pytest.mark.redis
def test_a_receipt_the_database_refused_is_not_a_duplicate_on_the_retry(slack_ctx, redis_client, monkeypatch):
    """The database is down when the event comes: the request fails (no ack), and Slack's retry
    must be recorded, not dropped as a duplicate Redis already saw."""
    event_id = f"Ev-redis-{uuid.uuid4().hex}"
    outbox = EventOutbox(slack_ctx, "slack", redis_url=REDIS_URL)
    real_session = slack_ctx.session_factory

    def broken():
        raise RuntimeError("database is locked")

    monkeypatch.setattr(slack_ctx, "session_factory", broken)
    with pytest.raises(RuntimeError):
        outbox.receive(event_id, {"event": {}})
    monkeypatch.setattr(slack_ctx, "session_factory", real_session)
    assert outbox.receive(event_id, {"event": {}}) is True
