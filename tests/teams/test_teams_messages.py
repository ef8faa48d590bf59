"""Messages: streamed answers in 1:1 chats (card, chart image, citations, suggestions), thread
memory, channel mentions, unknown users, feedback, downloads."""

from __future__ import annotations

import itertools
import time

import httpx
from conftest import activity
from sqlalchemy import select

from agent.types import Reply
from data.identity import UNKNOWN_USER_MESSAGE
from data.models import BotConversation, ConversationTurn, Feedback
from tools.common.results import Citation, FileArtifact


def _turns(app, key):
    with app.session() as session:
        return session.scalars(select(ConversationTurn).where(ConversationTurn.thread_key == key)
                               .order_by(ConversationTurn.id)).all()


def _stream(posted):
    return [p.activity for p in posted if any(e.get("type") == "streaminfo" for e in p.activity.get("entities") or [])]


def test_chart_question_is_streamed_with_card_and_image_then_follow_up_keeps_context(start_teams, demo_teams_user):
    srv = start_teams()
    aad, who = demo_teams_user
    conv = "a:1on1-chart"
    started = time.perf_counter()
    resp = srv.post(activity(srv.fake, text="최근 12개월 매출 추이 차트", aad=aad, conversation_id=conv))
    assert resp.status_code == 202 and time.perf_counter() - started < 3
    srv.fake.wait_for(lambda posted: srv.fake.messages(conv))
    posted = srv.fake.of(conv)
    stream = _stream(posted)
    infos = [e for a in stream for e in a["entities"] if e["type"] == "streaminfo"]
    # informative updates first, then the final message with the same streamId
    assert infos[0]["streamType"] == "informative" and infos[0]["streamSequence"] == 1
    assert infos[-1]["streamType"] == "final"
    stream_id = posted[0].id
    assert all(e.get("streamId") == stream_id for e in infos[1:])
    sequences = [e["streamSequence"] for e in infos if "streamSequence" in e]
    assert sequences == list(range(1, len(sequences) + 1)) and len(sequences) >= 2  # status per tool
    gaps = [b.at - a.at for a, b in itertools.pairwise(posted)]
    assert all(g >= 1.45 for g in gaps), gaps
    # replies go to the user's message
    assert all(p.reply_to_id for p in posted)
    final = posted[-1].activity
    assert final["type"] == "message" and final["textFormat"] == "markdown"
    assert final["channelData"]["feedbackLoopEnabled"] is True
    ai = next(e for e in final["entities"] if e["type"] == "https://schema.org/Message")
    assert ai["additionalType"] == ["AIGeneratedContent"]
    card = final["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    images = [el for el in card["content"]["body"] if el["type"] == "Image"]
    assert images, card
    png = httpx.get(images[0]["url"], timeout=10)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    key = f"teams:{conv}"
    turns = _turns(srv.app, key)
    assert len(turns) == 1 and turns[0].platform == "teams" and turns[0].rep_id == who.rep_id
    assert any(c["name"] == "sales_chart" for c in turns[0].tool_calls)
    # the first message stored the conversation reference (for proactive messages)
    with srv.app.session() as session:
        ref = session.scalars(select(BotConversation).where(BotConversation.conversation_id == conv)).one()
        assert ref.rep_id == who.rep_id and ref.scope == "personal"

    # a follow-up in the same chat is answered with the same thread memory
    srv.post(activity(srv.fake, text="그럼 제품별로는?", aad=aad, conversation_id=conv))
    srv.fake.wait_for(lambda posted: len(srv.fake.messages(conv)) == 2)
    turns = _turns(srv.app, key)
    assert len(turns) == 2 and turns[1].text == "그럼 제품별로는?"


def test_tables_citations_suggestions_and_download_link(start_teams, demo_teams_user, teams_ctx):
    export = teams_ctx.settings.home / "exports" / "report.xlsx"
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_bytes(b"PK\x03\x04fake-xlsx")

    def answer(turn, on_status=None):
        return Reply(text="## 제품별 실적\n\n| 제품 | 매출 |\n| --- | ---: |\n| 로수빛정 | 1,200만 |\n| 에이스정 | 800만 |\n\n"
                          "로수빛정이 가장 높습니다.",
                     files=[FileArtifact(path=export, mime="application/vnd.openxmlformats-officedocument."
                                                            "spreadsheetml.sheet", title="실적 엑셀")],
                     citations=[Citation(title="로수빛정 제품설명서", source="docs/rosu.md", snippet="용법·용량")],
                     suggestions=["거래처별로 보여줘", "지난달과 비교해줘"])

    srv = start_teams(answer=answer)
    aad, _ = demo_teams_user
    conv = "a:1on1-table"
    srv.post(activity(srv.fake, text="제품별 실적 표", aad=aad, conversation_id=conv))
    final = srv.fake.wait_for(lambda posted: srv.fake.messages(conv))[0].activity
    assert "| 제품 |" not in final["text"] and "로수빛정이 가장 높습니다." in final["text"] and "[1]" in final["text"]
    card = final["attachments"][0]["content"]
    table = next(el for el in card["body"] if el["type"] == "Table")
    cells = [[c["items"][0]["text"] for c in row["cells"]] for row in table["rows"]]
    assert cells == [["제품", "매출"], ["로수빛정", "1,200만"], ["에이스정", "800만"]]
    assert table["firstRowAsHeader"] is True
    ai = next(e for e in final["entities"] if e["type"] == "https://schema.org/Message")
    assert ai["citation"][0]["position"] == 1 and ai["citation"][0]["appearance"]["name"] == "로수빛정 제품설명서"
    assert [a["value"] for a in final["suggestedActions"]["actions"]] == ["거래처별로 보여줘", "지난달과 비교해줘"]
    link = card["actions"][0]["url"]
    got = httpx.get(link, timeout=10)
    assert got.status_code == 200 and got.content == b"PK\x03\x04fake-xlsx"
    # a forged or expired link does not work
    assert httpx.get(link[:-3] + "abc", timeout=10).status_code == 403
    from bot.teams.links import make_link

    expired = make_link(teams_ctx.settings, export, ttl_s=1)
    time.sleep(2.1)
    assert httpx.get(expired, timeout=10).status_code == 410


def test_channel_message_only_with_mention_and_reply_chain_thread(start_teams, demo_teams_user):
    seen = []

    def answer(turn, on_status=None):
        seen.append(turn)
        return Reply(text=f"채널 답변: {turn.text}")

    srv = start_teams(answer=answer)
    aad, _ = demo_teams_user
    conv = "19:sales@thread.tacv2;messageid=1763600000000"
    chan = {"conversation_type": "channel", "conversation_id": conv,
            "channelData": {"tenant": {"id": "t"}, "team": {"id": "19:team@thread.tacv2"}, "channel": {"id": "19:sales"}}}
    srv.post(activity(srv.fake, text="점심 뭐 먹지", aad=aad, **chan))
    srv.post(activity(srv.fake, text="이번 달 내 실적 보여줘", aad=aad, mention=True, **chan))
    srv.fake.wait_for(lambda posted: srv.fake.messages(conv))
    time.sleep(0.5)
    assert [t.text for t in seen] == ["이번 달 내 실적 보여줘"]
    assert seen[0].thread_key == f"teams:{conv}" and seen[0].platform == "teams"
    answer_msg = srv.fake.messages(conv)[0]
    assert answer_msg.activity["text"].startswith("채널 답변: 이번 달 내 실적 보여줘")
    # no stream in channels: a typing indicator, then the message
    assert not _stream(srv.fake.of(conv))


def test_unknown_user_gets_polite_korean_refusal(start_teams):
    calls = []
    srv = start_teams(answer=lambda turn, on_status=None: calls.append(turn) or Reply(text="x"))
    conv = "a:1on1-stranger"
    srv.post(activity(srv.fake, text="실적 보여줘", aad="11111111-2222-3333-4444-555555555555",
                      user_id="29:stranger", conversation_id=conv))
    msg = srv.fake.wait_for(lambda posted: srv.fake.messages(conv))[0]
    assert msg.activity["text"] == UNKNOWN_USER_MESSAGE and calls == []


def test_user_found_by_email_is_linked(start_teams, teams_ctx, caller):
    from data.models import Rep

    who = caller(teams_ctx, "manager")
    with teams_ctx.session() as session:
        rep = session.get(Rep, who.rep_id)
        email = rep.email
        rep.teams_user_id = None
        session.commit()
    srv = start_teams(answer=lambda turn, on_status=None: Reply(text=f"{turn.caller.rep_id}"))
    new_aad = "99999999-8888-7777-6666-555555555555"
    srv.fake.members["29:mgr"] = {"id": "29:mgr", "name": "팀장", "aadObjectId": new_aad, "email": email,
                                  "userPrincipalName": email}
    conv = "a:1on1-mgr"
    srv.post(activity(srv.fake, text="팀 실적", aad=new_aad, user_id="29:mgr", conversation_id=conv))
    msg = srv.fake.wait_for(lambda posted: srv.fake.messages(conv))[0]
    assert msg.activity["text"].startswith(str(who.rep_id))
    with teams_ctx.session() as session:
        assert session.get(Rep, who.rep_id).teams_user_id == new_aad


def test_feedback_invoke_is_stored_with_the_turn(start_teams, demo_teams_user):
    srv = start_teams(answer=lambda turn, on_status=None: Reply(text="실적은 좋습니다."))
    aad, who = demo_teams_user
    conv = "a:1on1-feedback"
    srv.post(activity(srv.fake, text="실적 어때?", aad=aad, conversation_id=conv))
    answer = srv.fake.wait_for(lambda posted: srv.fake.messages(conv))[0]
    turn = _turns(srv.app, f"teams:{conv}")[0]
    invoke = activity(srv.fake, aad=aad, conversation_id=conv, type="invoke", name="message/submitAction",
                      replyToId=answer.id, value={"actionName": "feedback", "actionValue": {
                          "reaction": "dislike", "feedback": '{"feedbackText":"거래처 이름이 틀렸어요"}'}})
    resp = srv.post(invoke)
    assert resp.status_code == 200
    with srv.app.session() as session:
        row = session.scalars(select(Feedback)).one()
    assert (row.turn_id, row.value, row.comment, row.rep_id) == (turn.id, "down", "거래처 이름이 틀렸어요", who.rep_id)
    assert row.thread_key == f"teams:{conv}"


def test_one_stream_per_chat_and_statuses_spaced(start_teams, demo_teams_user):
    import threading

    gate = threading.Event()

    def answer(turn, on_status=None):
        if turn.text == "첫 질문":
            on_status("매출 집계 중…")
            on_status("차트 그리는 중…")
            gate.wait(10)
        return Reply(text=f"답: {turn.text}")

    srv = start_teams(answer=answer)
    aad, _ = demo_teams_user
    conv = "a:1on1-two"
    srv.post(activity(srv.fake, text="첫 질문", aad=aad, conversation_id=conv))
    srv.fake.wait_for(lambda posted: len(srv.fake.of(conv)) >= 1)
    srv.post(activity(srv.fake, text="둘째 질문", aad=aad, conversation_id=conv))
    srv.fake.wait_for(lambda posted: srv.fake.messages(conv))  # the second is answered without a stream
    second = srv.fake.messages(conv)[0].activity
    assert second["text"].startswith("답: 둘째 질문")
    assert not any(e.get("type") == "streaminfo" for e in second.get("entities", []))
    gate.set()
    srv.fake.wait_for(lambda posted: len(srv.fake.messages(conv)) == 2)
    stream = [p for p in srv.fake.of(conv) if _stream([p])]
    texts = [p.activity.get("text") for p in stream]
    assert texts[:3] == ["질문을 확인하고 있어요…", "매출 집계 중…", "차트 그리는 중…"]
    assert all(b.at - a.at >= 1.45 for a, b in itertools.pairwise(stream))
