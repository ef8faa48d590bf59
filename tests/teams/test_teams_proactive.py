"""Install (conversationUpdate) stores the conversation reference; `send_proactive` delivers."""

from __future__ import annotations

from conftest import BOT_ID, activity
from sqlalchemy import select

from agent.types import Reply
from data.models import BotConversation


def test_install_stores_reference_and_proactive_message_is_delivered(start_teams, demo_teams_user):
    srv = start_teams(answer=lambda turn, on_status=None: Reply(text="x"))
    aad, who = demo_teams_user
    conv = "a:1on1-installed"
    install = activity(srv.fake, aad=aad, conversation_id=conv, type="conversationUpdate",
                       membersAdded=[{"id": BOT_ID}])
    install.pop("text")
    assert srv.post(install).status_code == 202
    welcome = srv.fake.wait_for(lambda posted: srv.fake.messages(conv))[0]
    assert "MedRep" in welcome.activity["text"]
    with srv.app.session() as session:
        ref = session.scalars(select(BotConversation).where(BotConversation.conversation_id == conv)).one()
        assert ref.rep_id == who.rep_id and ref.scope == "personal"
        assert ref.reference["serviceUrl"] == srv.fake.service_url and "activityId" not in ref.reference

    from bot.teams.proactive import send_proactive

    sent = send_proactive(srv.app, who.rep_id, "**오늘의 브리핑**\n\n- 방문 예정 3곳")
    assert sent
    digest = srv.fake.messages(conv)[-1]
    assert digest.id == sent and digest.reply_to_id is None  # a new message, not a reply
    assert digest.activity["text"].startswith("**오늘의 브리핑**")
    assert digest.authorization.removeprefix("Bearer ") in srv.fake.issued_tokens
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "카드 브리핑"}]}
    send_proactive(srv.app, who.rep_id, card)
    assert srv.fake.messages(conv)[-1].activity["attachments"][0]["content"]["body"][0]["text"] == "카드 브리핑"


def test_proactive_without_a_chat_returns_none(teams_ctx, caller):
    from bot.teams.proactive import send_proactive

    assert send_proactive(teams_ctx, caller(teams_ctx, "admin").rep_id, "안녕하세요") is None


def test_morning_digest_reaches_teams_as_a_card(start_teams, demo_teams_user):
    """The scheduler's digest run, with the Teams sender `medrep serve` wires in: the rep's
    1:1 chat gets an Adaptive Card with a "더 물어보기" button per section; recorded."""
    from datetime import datetime

    from bot.teams.digest import ASK_MORE, send_digest
    from data.models import AuditLog, DigestSubscription
    from scheduled.digest import send_due_digests

    srv = start_teams(answer=lambda turn, on_status=None: Reply(text="x"))
    aad, who = demo_teams_user
    conv = "a:1on1-digest"
    install = activity(srv.fake, aad=aad, conversation_id=conv, type="conversationUpdate",
                       membersAdded=[{"id": BOT_ID}])
    install.pop("text")
    assert srv.post(install).status_code == 202
    srv.fake.wait_for(lambda posted: srv.fake.messages(conv))
    with srv.app.session() as session:
        session.query(DigestSubscription).delete()
        session.add(DigestSubscription(rep_id=who.rep_id, enabled=True, send_time="08:00", sections=["sales", "visits"]))
        session.commit()

    monday = datetime(2026, 11, 23, 8, 5)
    assert send_due_digests(srv.app, None, monday, teams_send=send_digest) == 1
    card = srv.fake.messages(conv)[-1].activity["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard" and who.name in card["body"][0]["text"]
    sections = [c for c in card["body"] if c["type"] == "Container"]
    assert [s["items"][0]["text"] for s in sections] == ["📊 이번 달 실적", "🚗 오늘의 방문 우선순위"]
    buttons = [a for s in sections for item in s["items"] if item["type"] == "ActionSet" for a in item["actions"]]
    assert all(b["title"] == ASK_MORE and b["data"]["msteams"]["type"] == "imBack" for b in buttons) and len(buttons) == 2
    with srv.app.session() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "digest_sent")).all()[-1]
    assert audit.details["teams"] is True and audit.details["slack"] is False
