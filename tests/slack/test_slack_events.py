"""End to end over HTTP: signed Slack requests → `medrep serve`'s ASGI app → the real agent
(offline router, demo world) → calls recorded by the loopback fake Slack Web API."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from data.identity import UNKNOWN_USER_MESSAGE
from data.models import ConversationTurn, Feedback, Rep, Upload

CHANNEL = "C0SALES"


def _answers(fake, channel, thread_ts=None):
    """Final answers (with feedback buttons) delivered into the channel (streamed or posted)."""
    return fake.answers(channel, thread_ts)


def _feedback_value(answer, side="positive_button"):
    return answer.has("medrep_feedback")["elements"][0][side]["value"]


def _click(srv, user, channel, thread_ts, value):
    return srv.action({"type": "block_actions", "user": {"id": user}, "team": {"id": srv.fake.team_id},
                       "channel": {"id": channel}, "message": {"ts": "9.9", "thread_ts": thread_ts},
                       "trigger_id": "t", "actions": [{"action_id": "medrep_feedback", "block_id": "medrep_feedback",
                                                       "type": "feedback_buttons", "value": value}]})


def _turns(app, thread_key):
    with app.session() as session:
        return session.scalars(select(ConversationTurn).where(ConversationTurn.thread_key == thread_key)
                               .order_by(ConversationTurn.id)).all()


def test_mention_answers_in_thread_with_chart_then_follow_up_without_mention(start_server, demo_slack_user):
    srv = start_server()
    user, _ = demo_slack_user
    ts = "1763600000.000100"
    started = time.perf_counter()
    resp = srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
                      "text": f"<@{srv.fake.bot_user_id}> 최근 12개월 매출 추이 차트 그려줘"}, "Ev-mention-1")
    assert resp.status_code == 200 and time.perf_counter() - started < 3
    answer = srv.fake.wait_for(lambda calls: _answers(srv.fake, CHANNEL, ts))[0]
    # streamed into the thread, for the asker (recipient ids are required outside DMs), with the
    # chart step shown as a task that went from in progress to complete
    stream = answer.stream
    assert stream is not None and stream.thread_ts == ts
    assert (stream.recipient_user_id, stream.recipient_team_id) == (user, srv.fake.team_id)
    from tools.registry import status_for_tool

    steps = {c["title"]: c["status"] for c in stream.chunks if c.get("type") == "task_update"}
    assert steps.get(status_for_tool("sales_chart")) == "complete"
    # the chart went to the same thread, and the bytes are the PNG the agent made
    complete = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "files.completeUploadExternal"])
    assert complete[0].params.get("thread_ts") == ts and complete[0].params.get("channel_id") == CHANNEL
    key = f"slack:{srv.fake.team_id}:{CHANNEL}:{ts}"
    turns = _turns(srv.app, key)
    assert len(turns) == 1 and any(c["name"] == "sales_chart" for c in turns[0].tool_calls)
    made = turns[0].files[0]["path"]
    uploaded = next(iter(srv.fake.uploads.values()))["bytes"]
    assert uploaded[:8] == b"\x89PNG\r\n\x1a\n" and uploaded == open(made, "rb").read()

    # a later message in the thread, without a mention, is answered in the same thread memory
    srv.event({"type": "message", "channel": CHANNEL, "channel_type": "channel", "user": user,
               "ts": "1763600100.000200", "thread_ts": ts, "text": "이번 달 제품별 실적은?"}, "Ev-follow-1")
    srv.fake.wait_for(lambda calls: len(_turns(srv.app, key)) == 2 and len(_answers(srv.fake, CHANNEL, ts)) == 2)
    assert _turns(srv.app, key)[1].text == "이번 달 제품별 실적은?"
    # a thread the bot is not part of is left alone
    srv.event({"type": "message", "channel": CHANNEL, "channel_type": "channel", "user": user,
               "ts": "1763600200.000300", "thread_ts": "1763000000.000001", "text": "점심 뭐 먹지"}, "Ev-other-1")
    time.sleep(1.0)
    assert _turns(srv.app, f"slack:{srv.fake.team_id}:{CHANNEL}:1763000000.000001") == []


def test_dm_answer_in_thread_with_assistant_status(start_server, demo_slack_user):
    srv = start_server()
    user, _ = demo_slack_user
    ts = "1763600300.000100"
    srv.event({"type": "message", "channel": "D0DM1", "channel_type": "im", "user": user, "ts": ts,
               "text": "이번 달 내 실적 보여줘"}, "Ev-dm-1")
    answer = srv.fake.wait_for(lambda calls: _answers(srv.fake, "D0DM1", ts))[0]
    assert answer.thread_ts == ts and answer.stream is not None
    statuses = [c.params.get("status") for c in srv.fake.of("assistant.threads.setStatus")]
    assert statuses and statuses[0] == "분석 중…"
    turn = _turns(srv.app, f"slack:{srv.fake.team_id}:D0DM1:{ts}")[0]
    assert any(c["name"].startswith("sales_") for c in turn.tool_calls)
    # the posted answer is the agent's reply (first line, as mrkdwn)
    first_line = turn.reply_text.strip().splitlines()[0].replace("**", "*").lstrip("# ")
    assert first_line.strip("*") in answer.text


def test_retry_of_same_event_answers_once(start_server, demo_slack_user):
    calls = []

    def answer(turn, on_status):
        from agent.types import Reply

        calls.append(turn.text)
        time.sleep(0.5)
        return Reply(text=f"답변 {len(calls)}")

    srv = start_server(answer=answer)
    user, _ = demo_slack_user
    event = {"type": "app_mention", "channel": CHANNEL, "user": user, "ts": "1763600400.000100",
             "text": f"<@{srv.fake.bot_user_id}> 안녕"}
    assert srv.event(event, "Ev-retry-1").status_code == 200
    assert srv.event(event, "Ev-retry-1", headers={"X-Slack-Retry-Num": "1",
                                                   "X-Slack-Retry-Reason": "http_timeout"}).status_code == 200
    srv.fake.wait_for(lambda c: _answers(srv.fake, CHANNEL, "1763600400.000100"))
    time.sleep(1.5)
    assert srv.event(event, "Ev-retry-1", headers={"X-Slack-Retry-Num": "2"}).status_code == 200
    time.sleep(1.0)
    assert calls == ["안녕"]
    assert len(_answers(srv.fake, CHANNEL, "1763600400.000100")) == 1


def test_bad_signature_is_rejected(start_server, demo_slack_user):
    srv = start_server()
    user, _ = demo_slack_user
    resp = srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": "1.1", "text": "hi"},
                     "Ev-bad-1", secret="wrong-secret")
    assert resp.status_code == 401
    time.sleep(0.3)
    assert not srv.fake.of("chat.postMessage")


def test_unknown_user_gets_polite_refusal(start_server):
    srv = start_server()
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": "UNOBODY01", "ts": "1763600500.000100",
               "text": f"<@{srv.fake.bot_user_id}> 실적 알려줘"}, "Ev-unknown-1")
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"])
    assert posted[0].params["text"] == UNKNOWN_USER_MESSAGE
    assert posted[0].params["thread_ts"] == "1763600500.000100"
    assert srv.fake.of("users.info")[0].params["user"] == "UNOBODY01"


def test_user_found_by_email_is_linked(start_server, slack_ctx, caller):
    srv = start_server()
    from data.models import Rep

    who = caller(slack_ctx, "manager")
    with slack_ctx.session() as session:
        rep = session.get(Rep, who.rep_id)
        email = rep.email
        rep.slack_user_id = None
        session.commit()
    srv.fake.users["UNEWPERSON"] = email.upper()
    srv.event({"type": "message", "channel": "D0DM2", "channel_type": "im", "user": "UNEWPERSON",
               "ts": "1763600600.000100", "text": "안녕하세요"}, "Ev-email-1")
    srv.fake.wait_for(lambda c: _answers(srv.fake, "D0DM2", "1763600600.000100"))
    with slack_ctx.session() as session:
        assert session.get(Rep, who.rep_id).slack_user_id == "UNEWPERSON"


def test_oversized_file_gets_clear_message(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    url = srv.fake.add_file("big.pdf", b"%PDF" + b"0" * (2 * 1024 * 1024))
    srv.event({"type": "message", "subtype": "file_share", "channel": "D0DM3", "channel_type": "im", "user": user,
               "ts": "1763600700.000100", "text": "",
               "files": [{"id": "F1", "name": "big.pdf", "mimetype": "application/pdf",
                          "size": 2 * 1024 * 1024 + 4, "url_private_download": url}]}, "Ev-big-1")
    posted = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"])
    assert "너무 큽니다" in posted[0].params["text"] and "최대 1MB" in posted[0].params["text"]
    assert not srv.fake.of("file.download")  # refused before download
    with srv.app.session() as session:
        row = session.scalars(select(Upload).where(Upload.rep_id == who.rep_id)).one()
    assert row.status == "rejected" and row.path is None


def test_feedback_click_is_stored(start_server, demo_slack_user):
    from agent.types import Reply

    srv = start_server(answer=lambda turn, on_status: Reply(text="테스트 답변"))
    user, who = demo_slack_user
    ts = "1763600800.000100"
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
               "text": f"<@{srv.fake.bot_user_id}> 질문"}, "Ev-fb-1")
    answer = srv.fake.wait_for(lambda c: _answers(srv.fake, CHANNEL, ts))[0]
    resp = _click(srv, user, CHANNEL, ts, _feedback_value(answer))
    assert resp.status_code == 200
    srv.fake.wait_for(lambda c: [x for x in c if x.method == "chat.postEphemeral"])
    key = f"slack:{srv.fake.team_id}:{CHANNEL}:{ts}"
    with srv.app.session() as session:
        fb = session.scalars(select(Feedback)).one()
        turn = session.scalars(select(ConversationTurn).where(ConversationTurn.thread_key == key)).one()
    assert (fb.value, fb.rep_id, fb.thread_key, fb.turn_id) == ("up", who.rep_id, key, turn.id)


def test_rate_limited_call_is_retried(start_server, demo_slack_user):
    from agent.types import Reply

    srv = start_server(answer=lambda turn, on_status: Reply(text="재시도 확인"))
    user, _ = demo_slack_user
    srv.fake.rate_limit_once["chat.startStream"] = 1
    ts = "1763600900.000100"
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
               "text": f"<@{srv.fake.bot_user_id}> 질문"}, "Ev-429-1")
    srv.fake.wait_for(lambda c: _answers(srv.fake, CHANNEL, ts), timeout=20)
    assert srv.fake.rate_limit_once["chat.startStream"] == 0
    assert len(srv.fake.of("chat.startStream")) == 2  # the 429, then the retry that started the stream


def test_slow_agent_still_acked_within_3s(start_server, demo_slack_user):
    from agent.types import Reply

    def slow(turn, on_status):
        on_status("데이터 조회 중…")
        time.sleep(6)
        return Reply(text="느린 답변")

    srv = start_server(answer=slow)
    user, _ = demo_slack_user
    for i, event in enumerate([
        {"type": "app_mention", "channel": CHANNEL, "user": user, "ts": "1763601000.000100",
         "text": f"<@{srv.fake.bot_user_id}> 느린 질문"},
        {"type": "message", "channel": "D0DM4", "channel_type": "im", "user": user, "ts": "1763601000.000200",
         "text": "느린 DM"}]):
        started = time.perf_counter()
        assert srv.event(event, f"Ev-slow-{i}").status_code == 200
        assert time.perf_counter() - started < 3.0
    started = time.perf_counter()
    resp = srv.command("/medrep", "느린 질문", user)
    assert resp.status_code == 200 and time.perf_counter() - started < 3.0
    assert "요청을 받았습니다" in resp.text
    # the work still finishes in the background
    srv.fake.wait_for(lambda c: _answers(srv.fake, CHANNEL, "1763601000.000100") and
                      [x for x in c if x.method == "response_url"], timeout=30)
    stream = _answers(srv.fake, CHANNEL, "1763601000.000100")[0].stream
    assert [s for t, s in ((c["title"], c["status"]) for c in stream.chunks if c.get("type") == "task_update")
            if t == "데이터 조회 중…"] == ["in_progress", "complete"]


def test_feedback_of_overlapping_turns_lands_on_each_turn(start_server, demo_slack_user, slack_ctx, caller):
    """Two people's questions in one thread answered out of order (one person's questions are
    answered in order, bot/slack/delivery.py): each answer's buttons (and the stored feedback)
    point at that answer's own `conversation_turns` row, not the newest one."""
    import threading

    from agent.journal import record_turn
    from agent.types import Reply

    first_waiting, second_recorded, first_recorded = threading.Event(), threading.Event(), threading.Event()

    def answer(turn, on_status):
        reply = Reply(text=f"답변: {turn.text}")
        if turn.text == "첫 질문":  # slow: recorded after the second turn
            first_waiting.set()
            assert second_recorded.wait(20)
            reply.turn_id = record_turn(srv.app, turn, reply, "test")
            first_recorded.set()
        else:  # fast: recorded first, but its adapter work finishes after the first turn's row exists
            assert first_waiting.wait(20)
            reply.turn_id = record_turn(srv.app, turn, reply, "test")
            second_recorded.set()
            assert first_recorded.wait(20)
            time.sleep(0.3)
        return reply

    srv = start_server(answer=answer)
    user, _ = demo_slack_user
    manager = caller(slack_ctx, "manager")
    with slack_ctx.session() as session:
        colleague = session.scalar(select(Rep.slack_user_id).where(Rep.id == manager.rep_id))
    channel, root = "C0RACE", "1763601900.000100"
    for n, (who, ts, text) in enumerate([(user, "1763601900.000200", "첫 질문"),
                                         (colleague, "1763601900.000300", "둘째 질문")]):
        srv.event({"type": "app_mention", "channel": channel, "user": who, "ts": ts,
                   "thread_ts": root, "text": f"<@UBOT0001> {text}"}, f"Ev-race-{n}")
    key = f"slack:{srv.fake.team_id}:{channel}:{root}"

    def buttons(calls):
        found = {a.text: _feedback_value(a) for a in srv.fake.answers(channel)}
        return found if len(found) == 2 else None

    values = srv.fake.wait_for(buttons, timeout=30)
    turns = {t.text: t.id for t in _turns(srv.app, key)}
    assert len(turns) == 2  # the adapter did not log the turns a second time
    for text, value in values.items():
        question = text.removeprefix("답변: ")
        assert value.split("|")[:2] == ["up", str(turns[question])], (text, value, turns)
        _click(srv, user, channel, root, value)
    srv.fake.wait_for(lambda c: len([x for x in c if x.method == "chat.postEphemeral"]) == 2 or None)
    with srv.app.session() as session:
        stored = sorted(f.turn_id for f in session.scalars(select(Feedback)).all())
    assert stored == sorted(turns.values())
