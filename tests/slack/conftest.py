"""Fixtures for the Slack tests: a loopback fake Slack Web API and `medrep serve`'s ASGI app
running under uvicorn on a loopback port, with requests signed as Slack signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import select

from data.models import Rep
from medrep.kernel.context import AppContext
from fakes.loopback import AsgiServers
from fakes.slack_api import FakeSlackApi

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"


def sign(body: str, secret: str = SECRET, ts: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if ts is None else ts
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}


@dataclass
class SlackServer:
    url: str
    fake: FakeSlackApi
    app: AppContext
    asgi: object

    def post(self, body: str, content_type: str, headers: dict | None = None, secret: str = SECRET) -> httpx.Response:
        hdrs = {"Content-Type": content_type, **sign(body, secret), **(headers or {})}
        return httpx.post(f"{self.url}/slack/events", content=body.encode(), headers=hdrs, timeout=10)

    def event(self, event: dict, event_id: str, headers: dict | None = None, secret: str = SECRET) -> httpx.Response:
        body = json.dumps({"token": "x", "team_id": self.fake.team_id, "api_app_id": "A1", "type": "event_callback",
                           "event_id": event_id, "event_time": int(time.time()), "event": event}, ensure_ascii=False)
        return self.post(body, "application/json", headers, secret)

    def command(self, command: str, text: str, user_id: str, channel: str = "C0SALES") -> httpx.Response:
        form = {"token": "x", "team_id": self.fake.team_id, "channel_id": channel, "user_id": user_id,
                "command": command, "text": text, "trigger_id": "1337.42.abcd",
                "response_url": f"{self.fake.base}/response/{command.strip('/')}-{time.time_ns()}"}
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def action(self, payload: dict) -> httpx.Response:
        return self.post(urlencode({"payload": json.dumps(payload, ensure_ascii=False)}),
                         "application/x-www-form-urlencoded")


@pytest.fixture
def fake_slack():
    fake = FakeSlackApi(token=TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture
def slack_ctx(demo_app, fake_slack) -> AppContext:
    settings = demo_app.settings.model_copy(update={
        "slack_bot_token": TOKEN, "slack_signing_secret": SECRET, "slack_api_url": fake_slack.api_url,
        "medrep_max_upload_mb": 1})
    return AppContext(settings=settings, engine=demo_app.engine, session_factory=demo_app.session_factory)


@pytest.fixture
def start_server(slack_ctx, fake_slack):
    """`start_server(answer=None)` → a running SlackServer (the real agent unless `answer`)."""
    servers = AsgiServers()

    def start(answer=None) -> SlackServer:
        from bot.server import create_app

        asgi = create_app(slack_ctx, answer=answer, socket_mode=False)
        return SlackServer(servers.start(asgi), fake_slack, slack_ctx, asgi)

    yield start
    servers.stop_all()


@pytest.fixture
def demo_slack_user(slack_ctx, caller) -> tuple[str, object]:
    """(slack user id, Caller) of the first demo rep."""
    who = caller(slack_ctx, "rep")
    with slack_ctx.session() as session:
        slack_id = session.scalar(select(Rep.slack_user_id).where(Rep.id == who.rep_id))
    return slack_id, who
