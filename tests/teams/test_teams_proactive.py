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
