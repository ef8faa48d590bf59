"""Fixtures for the scale-out tests: `medrep serve`'s ASGI app under uvicorn on a loopback port
(Slack HTTP mode against the loopback fake Slack API), and Slack request signing."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import httpx
import pytest
from fakes.loopback import AsgiServers
from fakes.slack_api import FakeSlackApi

from medrep.kernel.context import AppContext

SECRET = "scale-signing-secret"
TOKEN = "xoxb-scale-token"


def sign(body: bytes, secret: str = SECRET, ts: int | None = None) -> dict[str, str]:
    """Headers as Slack signs a request (computed here, independently of bot/limits.py)."""
    ts = int(time.time()) if ts is None else ts
    digest = hmac.new(secret.encode(), b"v0:%d:" % ts + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Served:
    url: str
    app: AppContext
    asgi: object

    def post_slack(self, body: bytes, content_type: str = "application/json", headers: dict | None = None,
                   **sign_kw) -> httpx.Response:
        hdrs = {"Content-Type": content_type, **sign(body, **sign_kw), **(headers or {})}
        return httpx.post(f"{self.url}/slack/events", content=body, headers=hdrs, timeout=10)

    def url_verification(self) -> httpx.Response:
        return self.post_slack(json.dumps({"token": "x", "type": "url_verification", "challenge": "ch-42"}).encode())

    def metrics(self) -> str:
        return httpx.get(f"{self.url}/metrics", timeout=10).text


@pytest.fixture
def fake_slack():
    fake = FakeSlackApi(token=TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture
def serve(demo_app, fake_slack):
    """`serve(**settings_overrides)` → a running Served (Slack HTTP mode, answers "ok")."""
    servers = AsgiServers()

    def start(**overrides) -> Served:
        from agent.types import Reply
        from bot.server import create_app

        settings = demo_app.settings.model_copy(update={
            "slack_bot_token": TOKEN, "slack_signing_secret": SECRET, "slack_api_url": fake_slack.api_url,
            **overrides})
        ctx = AppContext(settings=settings, engine=demo_app.engine, session_factory=demo_app.session_factory)
        asgi = create_app(ctx, answer=lambda turn, on_status=None, **_: Reply(text="ok"), socket_mode=False)
        return Served(servers.start(asgi), ctx, asgi)

    yield start
    servers.stop_all()
