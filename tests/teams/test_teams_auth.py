"""`POST /api/messages`: bearer tokens checked against the (fake) OpenID/JWKS; malformed → 400."""

from __future__ import annotations

from conftest import activity
from fakes.bot_framework import new_key
from sqlalchemy import select

from agent.types import Reply
from data.models import EventReceipt


def echo(turn, on_status=None):
    return Reply(text=f"답변: {turn.text}")


def test_unauthenticated_and_wrongly_signed_requests_are_401(start_teams, demo_teams_user):
    srv = start_teams(answer=echo)
    aad, _ = demo_teams_user
    body = activity(srv.fake, text="안녕", aad=aad)
    assert srv.post(body, token=None).status_code == 401
    assert srv.post(body, token=srv.fake.channel_token(key=new_key())).status_code == 401  # wrong key
    assert srv.post(body, token=srv.fake.channel_token(kid="other")).status_code == 401
    assert srv.post(body, token=srv.fake.channel_token(audience="someone-else")).status_code == 401
    assert srv.post(body, token=srv.fake.channel_token(service_url="https://evil.example/")).status_code == 401
    assert srv.post(body, token=srv.fake.channel_token(expires_in=-3600)).status_code == 401
    assert srv.post(body, token="not-a-jwt").status_code == 401
    assert srv.fake.posted == []
    resp = srv.post(body)
    assert resp.status_code == 202
    srv.fake.wait_for(lambda posted: [p for p in posted if p.activity.get("type") == "message"])
    answer = srv.fake.messages("a:1on1-chat")[-1]
    assert answer.activity["text"].startswith("답변: 안녕")
    # replies carry the token the bot got from the (fake) login endpoint
    assert answer.authorization.removeprefix("Bearer ") in srv.fake.issued_tokens
    assert srv.fake.token_requests[0]["scope"] == "https://api.botframework.com/.default"
    assert srv.fake.token_requests[0]["tenant"] == "botframework.com"  # multi-tenant by default


def test_single_tenant_app_logs_in_at_its_tenant(start_teams, teams_ctx, demo_teams_user):
    from conftest import TENANT

    ctx = type(teams_ctx)(settings=teams_ctx.settings.model_copy(update={"microsoft_app_type": "SingleTenant"}),
                          engine=teams_ctx.engine, session_factory=teams_ctx.session_factory)
    srv = start_teams(answer=echo, ctx=ctx)
    aad, _ = demo_teams_user
    assert srv.post(activity(srv.fake, text="안녕", aad=aad)).status_code == 202
    srv.fake.wait_for(lambda posted: srv.fake.messages("a:1on1-chat"))
    assert srv.fake.token_requests[0]["tenant"] == TENANT


def test_malformed_activity_is_400_and_kept(start_teams):
    srv = start_teams(answer=echo)
    for raw in (b"{not json", b"[1, 2]", b'{"text": "no type"}', '{"type": "message", "text": "서비스URL 없음"}'.encode()):
        assert srv.post(None, raw=raw).status_code == 400
    with srv.app.session() as session:
        kept = session.scalars(select(EventReceipt).where(EventReceipt.status == "malformed")).all()
    raws = [row.payload["raw"] for row in kept]
    assert "{not json" in raws and any("서비스URL 없음" in r for r in raws)
