"""Fixtures for the Teams tests: a loopback fake Bot Framework (OpenID/JWKS, token endpoint,
connector) and `medrep serve`'s ASGI app under uvicorn on a loopback port."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import httpx
import pytest
from fakes.bot_framework import FakeBotFramework
from fakes.loopback import AsgiServers, free_port
from sqlalchemy import select

from data.models import Rep
from medrep.kernel.context import AppContext

APP_ID = "00000000-0000-0000-0000-00000000b07a"
PASSWORD = "s3cret"
BOT_ID = f"28:{APP_ID}"
TENANT = "72f988bf-0000-0000-0000-000000000001"


def activity(fake: FakeBotFramework, *, text: str = "", conversation_id: str = "a:1on1-chat",
             conversation_type: str = "personal", aad: str | None = None, user_id: str = "29:user-1",
             mention: bool = False, **extra) -> dict:
    body = {
        "type": "message", "id": extra.pop("id", f"act-{uuid.uuid4().hex[:12]}"), "channelId": "msteams",
        "serviceUrl": fake.service_url, "timestamp": "2026-11-20T00:00:00.000Z",
        "from": {"id": user_id, "name": "사용자", "aadObjectId": aad},
        "recipient": {"id": BOT_ID, "name": "MedRep"},
        "conversation": {"id": conversation_id, "conversationType": conversation_type, "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}}, "locale": "ko-KR", "text": text, "textFormat": "plain",
    }
    if mention:
        body["text"] = f"<at>MedRep</at> {text}"
        body["entities"] = [{"type": "mention", "text": "<at>MedRep</at>",
                             "mentioned": {"id": BOT_ID, "name": "MedRep"}}]
    body.update(extra)
    return body


@dataclass
class TeamsServer:
    url: str
    fake: FakeBotFramework
    app: AppContext
    asgi: object

    def post(self, body, token: str | None | bool = True, raw: bytes | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if token is True:
            token = self.fake.channel_token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        content = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        return httpx.post(f"{self.url}/api/messages", content=content, headers=headers, timeout=30)


@pytest.fixture
def fake_bf():
    fake = FakeBotFramework(APP_ID, PASSWORD).start()
    yield fake
    fake.stop()


@pytest.fixture
def teams_port() -> int:
    return free_port()


@pytest.fixture
def teams_ctx(demo_app, fake_bf, teams_port) -> AppContext:
    settings = demo_app.settings.model_copy(update={
        "microsoft_app_id": APP_ID, "microsoft_app_password": PASSWORD, "microsoft_app_tenant_id": TENANT,
        "microsoft_openid_url": fake_bf.openid_url, "microsoft_login_url": fake_bf.base,
        "medrep_public_url": f"http://127.0.0.1:{teams_port}"})
    return AppContext(settings=settings, engine=demo_app.engine, session_factory=demo_app.session_factory)


@pytest.fixture
def start_teams(teams_ctx, fake_bf, teams_port):
    """`start_teams(answer=None, ctx=None)` → a running TeamsServer (the real agent unless `answer`)."""
    servers = AsgiServers()

    def start(answer=None, ctx: AppContext | None = None) -> TeamsServer:
        from bot.server import create_app

        ctx = ctx or teams_ctx
        asgi = create_app(ctx, answer=answer, socket_mode=False)
        return TeamsServer(servers.start(asgi, teams_port), fake_bf, ctx, asgi)

    yield start
    servers.stop_all()


@pytest.fixture
def demo_teams_user(teams_ctx, caller):
    """(AAD object id, Caller) of the first demo rep."""
    who = caller(teams_ctx, "rep")
    with teams_ctx.session() as session:
        aad = session.scalar(select(Rep.teams_user_id).where(Rep.id == who.rep_id))
    return aad, who
