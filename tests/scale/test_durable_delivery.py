"""Issue 19's delivery faults, in process: Slack down for a while, 500s, runs of 429s, a call
that hangs past the client's timeout, `ok: false` where the answer should go. Each loses
nothing and posts exactly one answer — and no error message next to it."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from sqlalchemy import select

from bot.slack import texts
from data.models import EventReceipt, Rep

FAST = {"medrep_slack_timeout_s": 1, "medrep_delivery_sweep_s": 0.2, "medrep_event_lease_s": 3}


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr("bot.outbox.BACKOFF_S", (0.3, 0.5, 1, 1, 1, 1))
    monkeypatch.setattr("bot.outbox.RECEIVED_GRACE_S", 1)


def _rep_slack_id(app) -> str:
    with app.session() as session:
        return session.scalar(select(Rep.slack_user_id).where(Rep.slack_user_id.is_not(None)).order_by(Rep.id))


def _mention(srv, fake, user: str, channel: str, text: str = "이번 달 실적") -> tuple[str, str]:
    ts = f"{int(time.time())}.{uuid.uuid4().int % 1_000_000:06d}"
    event_id = f"Ev-durable-{uuid.uuid4().hex[:10]}"
    body = json.dumps({"token": "x", "team_id": fake.team_id, "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()),
                       "event": {"type": "app_mention", "channel": channel, "user": user, "ts": ts,
                                 "text": f"<@{fake.bot_user_id}> {text}"}}, ensure_ascii=False).encode()
    resp = srv.post_slack(body)
    assert resp.status_code == 200
    return event_id, ts


def _receipt(app, event_id: str) -> EventReceipt:
    with app.session() as session:
        return session.scalars(select(EventReceipt).where(EventReceipt.event_id == event_id)).one()


def _no_error_posted(fake, channel: str) -> None:
    texts_posted = [str(c.params.get("text") or "") + str(c.params.get("markdown_text") or "")
                    for c in fake.calls if c.method.startswith("chat.") and c.params.get("channel") == channel]
    for bad in (texts.TURN_FAILED, "전달하지 못했습니다"):
        assert not any(bad in t for t in texts_posted), texts_posted


def _one_answer(fake, channel: str, ts: str, timeout: float = 30):
    fake.wait_for(lambda calls: fake.answers(channel, ts), timeout=timeout)
    time.sleep(1.0)  # a second (duplicate) delivery would have arrived by now
    answers = fake.answers(channel, ts)
    assert len(answers) == 1, answers
    return answers[0]


def test_slack_down_for_a_while_then_the_answer_arrives_once(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    fake_slack.down = True  # every Web API call 503
    event_id, ts = _mention(srv, fake_slack, user, "C0DOWN")
    fake_slack.wait_for(lambda calls: _receipt(srv.app, event_id).status == "retry", timeout=20)
    time.sleep(2.0)  # still down through a few attempts
    fake_slack.down = False
    _one_answer(fake_slack, "C0DOWN", ts)
    row = _receipt(srv.app, event_id)
    assert row.status == "done" and row.delivered_at is not None and row.attempts >= 2
    metrics = srv.metrics()
    assert 'medrep_deliveries_total{outcome="retried"}' in metrics
    assert 'medrep_turn_seconds_count{tool="none"} 1.0' in metrics  # the stand-in answer calls no tool
    assert 'medrep_events{platform="slack",status="done"}' in metrics
    _no_error_posted(fake_slack, "C0DOWN")


def test_three_500s_on_chat_update_still_replace_the_placeholder(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    fake_slack.failing["chat.startStream"] = "not_allowed_token_type"  # no streaming: placeholder path
    fake_slack.server_errors["chat.update"] = 3  # the client retries 2, the outbox the rest
    event_id, ts = _mention(srv, fake_slack, user, "C0FIVE")
    _one_answer(fake_slack, "C0FIVE", ts)
    placeholders = [m for m in fake_slack.delivered("C0FIVE") if m.text.startswith("⏳")]
    assert placeholders == []  # the ⏳ message became the answer
    assert _receipt(srv.app, event_id).reply_mode == "placeholder"
    _no_error_posted(fake_slack, "C0FIVE")


def test_ten_429s_are_waited_out(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    fake_slack.failing["chat.startStream"] = "not_allowed_token_type"  # the answer is a chat.postMessage
    fake_slack.rate_limits["chat.postMessage"] = 10  # Retry-After: 1 each; the client waits out 3 a call
    event_id, ts = _mention(srv, fake_slack, user, "C0RATE")
    _one_answer(fake_slack, "C0RATE", ts, timeout=60)
    assert len(fake_slack.of("chat.postMessage")) >= 11
    assert _receipt(srv.app, event_id).attempts >= 2
    _no_error_posted(fake_slack, "C0RATE")


def test_a_call_that_hangs_past_the_timeout_is_retried_not_lost(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    fake_slack.hang["chat.stopStream"] = (1, 3.0)  # the first stop hangs 3 s; the client waits 1 s
    event_id, ts = _mention(srv, fake_slack, user, "C0HANG")
    answer = _one_answer(fake_slack, "C0HANG", ts)
    assert answer.text or answer.stream
    assert _receipt(srv.app, event_id).status == "done"
    _no_error_posted(fake_slack, "C0HANG")


def test_ok_false_where_the_answer_goes_tells_the_user_in_a_dm(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    fake_slack.failing_channels["C0GONE"] = "channel_not_found"
    event_id, _ = _mention(srv, fake_slack, user, "C0GONE")
    fake_slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                       and str(c.params.get("channel", "")).startswith("D")], timeout=20)
    dm = [c for c in fake_slack.of("chat.postMessage") if str(c.params.get("channel", "")).startswith("D")]
    assert len(dm) == 1 and "channel_not_found" in dm[0].params["text"] and "전달하지 못했습니다" in dm[0].params["text"]
    row = _receipt(srv.app, event_id)
    assert row.status == "failed" and "channel_not_found" in row.error
    assert 'medrep_deliveries_total{outcome="lost"} 1.0' in srv.metrics()


def test_a_users_rapid_questions_are_answered_in_order_with_their_place(serve, fake_slack):
    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    sent = [_mention(srv, fake_slack, user, "C0QUEUE", f"질문 {n}") for n in range(3)]
    for _, ts in sent:
        _one_answer(fake_slack, "C0QUEUE", ts)
    with srv.app.session() as session:
        rows = session.scalars(select(EventReceipt).where(EventReceipt.event_id.in_([e for e, _ in sent]))).all()
    assert all(r.status == "done" for r in rows)
    answered_at = sorted(rows, key=lambda r: r.delivered_at)
    assert [r.event_id for r in answered_at] == [e for e, _ in sent]  # in the order they were asked


def test_the_per_user_limit_refuses_with_a_korean_message(serve, fake_slack):
    srv = serve(**FAST, medrep_user_events_per_minute=2)
    user = _rep_slack_id(srv.app)
    sent = [_mention(srv, fake_slack, user, "C0LIMIT", f"질문 {n}") for n in range(3)]
    fake_slack.wait_for(lambda calls: [c for c in calls if "1분에 2개" in str(c.params.get("text", ""))], timeout=30)
    for _, ts in sent[:2]:
        _one_answer(fake_slack, "C0LIMIT", ts)
    assert fake_slack.answers("C0LIMIT", sent[2][1]) == []
    assert _receipt(srv.app, sent[2][0]).status == "refused"


def test_another_bots_mention_is_not_answered(serve, fake_slack):
    srv = serve(**FAST)
    event_id = f"Ev-bot-{uuid.uuid4().hex[:10]}"
    body = json.dumps({"token": "x", "team_id": fake_slack.team_id, "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()),
                       "event": {"type": "app_mention", "channel": "C0BOTS", "user": "U0OTHERBOT", "bot_id": "B0OTHER",
                                 "ts": "1796000000.000100", "text": f"<@{fake_slack.bot_user_id}> 실적 알려줘"}}).encode()
    assert srv.post_slack(body).status_code == 200
    time.sleep(1.5)
    assert [c for c in fake_slack.calls if c.params.get("channel") == "C0BOTS"] == []
    with srv.app.session() as session:
        assert session.scalar(select(EventReceipt.id).where(EventReceipt.event_id == event_id)) is None


def test_a_slash_command_a_dead_replica_acked_is_answered_once_by_the_next(serve, fake_slack):
    from datetime import timedelta

    from sqlalchemy import update

    from bot.outbox import EventOutbox
    from data.models import utcnow

    first = serve(**FAST)
    user = _rep_slack_id(first.app)
    response_url = f"{fake_slack.base}/response/report-{uuid.uuid4().hex[:8]}"
    command = {"token": "x", "team_id": fake_slack.team_id, "channel_id": "C0CMD", "user_id": user,
               "command": "/report", "text": "이번 달", "trigger_id": f"trig-{uuid.uuid4().hex[:8]}",
               "response_url": response_url}
    key = f"cmd:{command['trigger_id']}"
    dead = EventOutbox(first.app, "slack-cmd", owner="dead-replica")
    assert dead.receive(key, command, user_id=user) and dead.take(key) is not None  # acked, then killed
    with first.app.session() as session:
        session.execute(update(EventReceipt).where(EventReceipt.event_id == key)
                        .values(lease_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    path = response_url.split(fake_slack.base, 1)[1]
    fake_slack.wait_for(lambda calls: [c for c in calls if c.method == "response_url" and c.params["_path"] == path],
                        timeout=30)
    time.sleep(1.0)
    answers = [c for c in fake_slack.of("response_url") if c.params["_path"] == path]
    assert len(answers) == 1 and answers[0].params["response_type"] == "ephemeral" and answers[0].params.get("blocks")
    assert _receipt(first.app, key).status == "done"


def test_a_slash_command_is_recorded_before_its_ack(serve, fake_slack):
    from urllib.parse import urlencode

    srv = serve(**FAST)
    user = _rep_slack_id(srv.app)
    trigger = f"trig-{uuid.uuid4().hex[:8]}"
    form = urlencode({"token": "x", "team_id": fake_slack.team_id, "channel_id": "C0CMD2", "user_id": user,
                      "command": "/report", "text": "이번 달", "trigger_id": trigger,
                      "response_url": f"{fake_slack.base}/response/r-{trigger}"}).encode()
    resp = srv.post_slack(form, content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 200 and "요청을 받았습니다" in resp.text
    row = _receipt(srv.app, f"cmd:{trigger}")
    assert row.platform == "slack-cmd" and row.payload["command"] == "/report"
    fake_slack.wait_for(lambda calls: _receipt(srv.app, f"cmd:{trigger}").status == "done", timeout=30)
