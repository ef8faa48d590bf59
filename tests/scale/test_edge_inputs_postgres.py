"""Edge inputs on PostgreSQL, over HTTP: a question with NUL bytes is answered and its turn logged
(PostgreSQL text refuses NUL; the answer used to be computed and then lost when logging failed)."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from data.db import open_app
from data.models import ConversationTurn, EventReceipt, Rep, Team
from medrep.kernel.settings import Settings


@pytest.mark.postgres
def test_nul_bytes_in_a_question_on_postgres(pg_url, tmp_path, fake_slack):
    from agent.types import Reply
    from bot.server import create_app
    from fakes.loopback import AsgiServers
    from tests.scale.conftest import SECRET, TOKEN, Served

    settings = Settings(_env_file=None, database_url=pg_url, medrep_home=tmp_path, slack_bot_token=TOKEN,
                        slack_signing_secret=SECRET, slack_api_url=fake_slack.api_url)
    app = open_app(settings)
    with app.session() as session:
        team = Team(name="서울1팀", region="서울", provinces="서울")
        session.add(team)
        session.flush()
        session.add(Rep(employee_no="E900", name="널테스트", role="rep", team_id=team.id, email="nul@example.com",
                        slack_user_id="U0NUL"))
        session.commit()
    seen: list[str] = []

    def answer(turn, on_status=None, **_):
        seen.append(turn.text)
        return Reply(text=f"답변: {turn.text}")

    servers = AsgiServers()
    try:
        srv = Served(servers.start(create_app(app, answer=answer, socket_mode=False)), app, None)
        body = json.dumps({"token": "x", "team_id": fake_slack.team_id, "api_app_id": "A1", "type": "event_callback",
                           "event_id": "Ev-nul-1", "event_time": int(time.time()),
                           "event": {"type": "message", "channel": "D0NUL", "channel_type": "im", "user": "U0NUL",
                                     "ts": "1796000100.000100", "text": "이번 달\x00 실적\x00"}}).encode()
        assert srv.post_slack(body).status_code == 200
        fake_slack.wait_for(lambda calls: fake_slack.answers("D0NUL"), timeout=30)
        assert seen == ["이번 달 실적"]
        with app.session() as session:
            turn = session.scalars(select(ConversationTurn).where(ConversationTurn.thread_key.like("%D0NUL%"))).one()
            receipt = session.scalars(select(EventReceipt).where(EventReceipt.event_id == "Ev-nul-1")).one()
        assert turn.text == "이번 달 실적" and receipt.status == "done"
    finally:
        servers.stop_all()
