"""Teams messages go the durable way (bot/outbox.py): the whole Activity is kept before the 202,
a redelivery is answered once, connector 5xx are retried with backoff, and a message a dead
replica acked is resumed by the sweep (process_proactive with the stored Activity)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from agent.types import Reply
from bot.outbox import EventOutbox
from conftest import activity
from data.models import EventReceipt, utcnow
from medrep.kernel.context import AppContext


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr("bot.outbox.BACKOFF_S", (0.3, 0.5, 1, 1, 1, 1))
    monkeypatch.setattr("bot.outbox.RECEIVED_GRACE_S", 1)


@pytest.fixture
def fast_ctx(teams_ctx) -> AppContext:
    settings = teams_ctx.settings.model_copy(update={"medrep_delivery_sweep_s": 0.2, "medrep_event_lease_s": 3})
    return AppContext(settings=settings, engine=teams_ctx.engine, session_factory=teams_ctx.session_factory)


def _answer(turn, on_status=None, **_):
    return Reply(text=f"답변: {turn.text}")


def _answers(fake, conv: str, text: str) -> list:
    return [p for p in fake.messages(conv) if f"답변: {text}" in str(p.activity.get("text") or "")]


def _receipt(ctx, activity_id: str) -> EventReceipt:
    with ctx.session() as session:
        return session.scalars(select(EventReceipt).where(EventReceipt.event_id == f"teams:{activity_id}")).one()


def test_the_activity_is_kept_and_a_redelivery_answered_once(start_teams, fast_ctx, demo_teams_user):
    srv = start_teams(answer=_answer, ctx=fast_ctx)
    aad, _ = demo_teams_user
    body = activity(srv.fake, text="이번 달 실적", aad=aad, conversation_id="a:1on1-keep")
    assert srv.post(body).status_code == 202
    srv.fake.wait_for(lambda posted: _answers(srv.fake, "a:1on1-keep", "이번 달 실적"))
    assert srv.post(body).status_code == 200  # Teams sends it again: already answered
    time.sleep(1.0)
    assert len(_answers(srv.fake, "a:1on1-keep", "이번 달 실적")) == 1
    row = _receipt(fast_ctx, body["id"])
    assert row.status == "done" and row.delivered_at is not None and row.user_id == aad
    assert row.payload["activity"]["text"] == "이번 달 실적" and row.payload["type"] == "message"


def test_connector_500s_are_retried_and_answered_once(start_teams, fast_ctx, demo_teams_user):
    srv = start_teams(answer=_answer, ctx=fast_ctx)
    aad, _ = demo_teams_user
    srv.fake.server_errors = 3  # the connector's bad minute: more than the client's own retries
    body = activity(srv.fake, text="지난달 실적", aad=aad, conversation_id="a:1on1-500")
    assert srv.post(body).status_code == 202
    srv.fake.wait_for(lambda posted: _answers(srv.fake, "a:1on1-500", "지난달 실적"), timeout=30)
    time.sleep(1.5)
    assert len(_answers(srv.fake, "a:1on1-500", "지난달 실적")) == 1
    row = _receipt(fast_ctx, body["id"])
    assert row.status == "done" and row.attempts >= 2


def test_a_dead_replicas_message_is_resumed_by_the_sweep(start_teams, fast_ctx, demo_teams_user, fake_bf):
    aad, _ = demo_teams_user
    body = activity(fake_bf, text="방문 우선순위", aad=aad, conversation_id="a:1on1-dead")
    from botbuilder.schema import Activity

    from bot.teams.adapter import receipt_payload, stored_activity

    parsed = Activity().deserialize(body)
    dead = EventOutbox(fast_ctx, "teams", owner="dead-replica")
    event_id = f"teams:{body['id']}"
    assert dead.receive(event_id, {**receipt_payload(parsed), "activity": stored_activity(parsed)}, user_id=aad)
    assert dead.take(event_id) is not None  # it acked and died mid-turn: nothing was posted
    with fast_ctx.session() as session:
        session.execute(update(EventReceipt).where(EventReceipt.event_id == event_id)
                        .values(lease_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    srv = start_teams(answer=_answer, ctx=fast_ctx)  # a replica starts: its sweep takes the lost event
    srv.fake.wait_for(lambda posted: _answers(srv.fake, "a:1on1-dead", "방문 우선순위"), timeout=30)
    time.sleep(1.0)
    assert len(_answers(srv.fake, "a:1on1-dead", "방문 우선순위")) == 1
    row = _receipt(fast_ctx, body["id"])
    assert row.status == "done" and row.attempts == 2 and row.owner != "dead-replica"
