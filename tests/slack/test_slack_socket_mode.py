"""Socket Mode end to end: `medrep serve` with SLACK_APP_TOKEN opens a connection through
`apps.connections.open` on the fake Web API, receives envelopes from the loopback fake
WebSocket server, acks each one at once and answers through the Web API as over HTTP."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from fakes.loopback import AsgiServers
from fakes.slack_socket import FakeSocketMode
from medrep.kernel.context import AppContext

CHANNEL = "C0SALES"


@pytest.fixture
def socket_server(slack_ctx, fake_slack):
    sock = FakeSocketMode().start()
    fake_slack.socket_url = sock.url
    settings = slack_ctx.settings.model_copy(update={"slack_app_token": fake_slack.app_token})
    ctx = AppContext(settings=settings, engine=slack_ctx.engine, session_factory=slack_ctx.session_factory)
    from bot.server import create_app

    servers = AsgiServers()
    base = servers.start(create_app(ctx))
    deadline = time.time() + 20
    while not sock.connections and time.time() < deadline:
        time.sleep(0.05)
    yield sock, base
    servers.stop_all()
    sock.stop()


def _event(fake, event: dict, event_id: str) -> dict:
    return {"token": "x", "team_id": fake.team_id, "api_app_id": "A0MEDREP", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()), "event": event}


def test_mention_over_socket_mode_is_acked_and_answered_in_thread(socket_server, fake_slack, demo_slack_user):
    sock, base = socket_server
    assert sock.connections == 1 and fake_slack.of("apps.connections.open")
    assert httpx.get(f"{base}/healthz", timeout=5).json()["slack_mode"] == "socket"
    user, _ = demo_slack_user
    ts = "1763700000.000100"
    sent = time.time()
    envelope = sock.push("events_api", _event(fake_slack, {
        "type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
        "text": f"<@{fake_slack.bot_user_id}> 지난달 제품별 실적 보여줘"}, "Ev-socket-1"))
    ack = sock.ack_for(envelope)
    assert ack["_at"] - sent < 3.0
    answer = fake_slack.wait_for(lambda calls: [a for a in fake_slack.answers(CHANNEL) if "실적" in a.text])
    thread_ts = answer[0].thread_ts
    assert thread_ts == ts


def test_slash_command_over_socket_mode_acks_with_korean_receipt(socket_server, fake_slack, demo_slack_user):
    sock, _ = socket_server
    user, _ = demo_slack_user
    envelope = sock.push("slash_commands", {
        "token": "x", "team_id": fake_slack.team_id, "channel_id": CHANNEL, "user_id": user, "command": "/medrep",
        "text": "이번 달 제품별 실적", "trigger_id": "1.2.3",
        "response_url": f"{fake_slack.base}/response/socket-{time.time_ns()}"})
    ack = sock.ack_for(envelope)
    assert "요청을 받았습니다" in json.dumps(ack.get("payload") or {}, ensure_ascii=False)
    delivered = fake_slack.wait_for(lambda calls: [c for c in calls if c.method == "response_url"])
    assert "실적" in json.dumps(delivered[0].params, ensure_ascii=False)
