"""Slack's AI surface end to end, against the loopback fake Web API (which keeps streams and
refuses what Slack refuses): streamed answers with tool steps, table blocks, the .xlsx of a
long table, 👍/👎 with the follow-up, the fallback when streaming is refused, the agent DM
layout."""

from __future__ import annotations

import io
import json
import time

import pytest
from slack_sdk.errors import SlackApiError
from sqlalchemy import func, select

from agent.types import Reply
from bot.slack.blockkit import message_problems
from data.models import Account, ConversationTurn, Feedback, MonthlySale
from tools.registry import status_for_tool

CHANNEL = "C0SALES"


def _turn(app, thread_key):
    with app.session() as session:
        return session.scalars(select(ConversationTurn).where(ConversationTurn.thread_key == thread_key)).one()


def _stream_calls(fake, ts):
    return [c.method for c in fake.calls if c.method.startswith("chat.") and "Stream" in c.method
            and (c.method == "chat.startStream" or c.params.get("ts") == ts)]


def test_dm_question_streams_tool_steps_then_stops_with_feedback(start_server, demo_slack_user):
    srv = start_server()  # the real agent (offline router) on the demo world
    user, _ = demo_slack_user
    ts = "1763700000.000100"
    srv.event({"type": "message", "channel": "D0DMS1", "channel_type": "im", "user": user, "ts": ts,
               "text": "이번 달 내 실적 제품별로 보여줘"}, "Ev-st-dm-1")
    answer = srv.fake.wait_for(lambda calls: srv.fake.answers("D0DMS1", ts))[0]
    stream = answer.stream
    key = f"slack:{srv.fake.team_id}:D0DMS1:{ts}"
    turn = _turn(srv.app, key)
    tool = turn.tool_calls[0]["name"]
    # start → appends (the tool step in progress, then complete, then the text) → stop with feedback
    methods = _stream_calls(srv.fake, answer.ts)
    assert methods[0] == "chat.startStream" and methods[-1] == "chat.stopStream"
    assert "chat.appendStream" in methods
    steps = [(c["title"], c["status"]) for c in stream.chunks if c.get("type") == "task_update"]
    assert steps[:2] == [(status_for_tool(tool), "in_progress"), (status_for_tool(tool), "complete")]
    assert all(status == "complete" for _, status in steps[-len(set(stream.tasks())):])
    # the streamed text is the agent's answer (up to its table), the table comes with the stop
    assert stream.markdown.strip() and turn.reply_text.startswith(stream.markdown.strip()[:40])
    feedback = answer.has("medrep_feedback")["elements"][0]
    assert feedback["type"] == "feedback_buttons"
    assert feedback["positive_button"]["value"] == f"up|{turn.id}|{key}"
    assert feedback["negative_button"]["value"] == f"down|{turn.id}|{key}"
    # DM: assistant status first, the thread titled with the question, the status cleared at the end
    # (the clear follows chat.stopStream, so the answer can be seen a moment before it)
    srv.fake.wait_for(lambda calls: any(c.method == "assistant.threads.setStatus" and c.params["status"] == ""
                                        for c in calls))
    statuses = [c.params["status"] for c in srv.fake.of("assistant.threads.setStatus")]
    assert statuses[0] == "분석 중…" and statuses[-1] == ""
    assert srv.fake.of("assistant.threads.setTitle")[0].params["title"] == "이번 달 내 실적 제품별로 보여줘"


def test_channel_thread_streams_for_the_asker_with_recipient_ids(start_server, demo_slack_user):
    def answer(turn, on_status):
        on_status.step("call_1", "sales_report", "in_progress")
        on_status.step("call_1", "sales_report", "complete")
        return Reply(text="**이번 달** 매출은 12,300,000원입니다.")

    srv = start_server(answer=answer)
    user, _ = demo_slack_user
    root = "1763700100.000100"
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": "1763700100.000200",
               "thread_ts": root, "text": f"<@{srv.fake.bot_user_id}> 실적"}, "Ev-st-ch-1")
    answer_msg = srv.fake.wait_for(lambda calls: srv.fake.answers(CHANNEL, root))[0]
    stream = answer_msg.stream
    assert (stream.recipient_team_id, stream.recipient_user_id) == (srv.fake.team_id, user)
    assert stream.tasks() == {"medrep-thinking": ["in_progress", "complete"], "call_1": ["in_progress", "complete"]}
    assert stream.markdown == "**이번 달** 매출은 12,300,000원입니다."
    assert not srv.fake.of("assistant.threads.setStatus")  # no assistant status outside DMs


def test_fake_refuses_streams_and_blocks_as_slack_does(fake_slack):
    from bot.slack.app import make_client

    client = make_client(fake_slack.token, fake_slack.api_url)
    with pytest.raises(SlackApiError) as err:  # outside DMs the recipient is required
        client.chat_startStream(channel=CHANNEL, thread_ts="1.1", markdown_text="x")
    assert err.value.response["error"] == "missing_recipient_team_id"
    ts = client.chat_startStream(channel=CHANNEL, thread_ts="1.1", recipient_team_id="T1",
                                 recipient_user_id="U1")["ts"]
    with pytest.raises(SlackApiError) as err:
        client.chat_appendStream(channel=CHANNEL, ts=ts)
    assert err.value.response["error"] == "invalid_arguments"
    with pytest.raises(SlackApiError) as err:
        client.chat_appendStream(channel=CHANNEL, ts=ts, markdown_text="가" * 12_001)
    assert err.value.response["error"] == "msg_too_long"
    client.chat_stopStream(channel=CHANNEL, ts=ts, markdown_text="끝")
    with pytest.raises(SlackApiError) as err:
        client.chat_appendStream(channel=CHANNEL, ts=ts, markdown_text="더")
    assert err.value.response["error"] == "message_not_in_streaming_state"
    table = {"type": "table", "rows": [[{"type": "raw_text", "text": "a"}]]}
    for blocks, code in (([{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}] * 51, "invalid_blocks"),
                         ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], "invalid_blocks"),
                         ([{"type": "markdown", "text": "x" * 6001}] * 2, "invalid_blocks"),
                         ([table, table], "invalid_attachments")):
        with pytest.raises(SlackApiError) as err:
            client.chat_postMessage(channel=CHANNEL, text="t", blocks=blocks)
        assert err.value.response["error"] == code
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel=CHANNEL, text="x" * 40_001)
    assert err.value.response["error"] == "msg_too_long"


def test_table_answer_carries_one_valid_table_block(start_server, demo_slack_user):
    srv = start_server()
    user, who = demo_slack_user
    ts = "1763700200.000100"
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
               "text": f"<@{srv.fake.bot_user_id}> 이번 달 제품별 실적 보여줘"}, "Ev-st-table-1")
    answer = srv.fake.wait_for(lambda calls: srv.fake.answers(CHANNEL, ts))[0]
    tables = [b for b in answer.blocks if b["type"] == "table"]
    assert len(tables) == 1 and message_problems(answer.blocks) == []
    # the rows are the markdown table the agent wrote, cell for cell
    turn = _turn(srv.app, f"slack:{srv.fake.team_id}:{CHANNEL}:{ts}")
    lines = [ln for ln in turn.reply_text.splitlines() if ln.strip().startswith("|") and "---" not in ln]
    expected = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
    got = [[cell["text"] for cell in row] for row in tables[0]["rows"]]
    assert got == [[c or " " for c in row] for row in expected[: len(got)]] and len(got) == len(expected)
    # amount columns right-aligned, the name column not
    aligns = [s["align"] for s in tables[0]["column_settings"]]
    assert aligns[0] == "left" and "right" in aligns
    assert "|" not in answer.stream.markdown  # the table is not streamed as text


def test_150_row_answer_is_summarised_with_the_full_table_as_xlsx(start_server, demo_slack_user):
    from openpyxl import load_workbook

    srv = start_server(answer=lambda turn, on_status: Reply(text=table_text))
    with srv.app.session() as session:  # the 150 biggest accounts of the demo world, by SQL
        top = session.execute(select(Account.name, func.sum(MonthlySale.amount).label("total"))
                              .join(MonthlySale, MonthlySale.account_id == Account.id).group_by(Account.id)
                              .order_by(func.sum(MonthlySale.amount).desc(), Account.id).limit(150)).all()
    assert len(top) == 150
    table_text = "거래처별 누적 매출입니다.\n\n| 거래처 | 누적 매출(원) |\n|---|---:|\n" + "\n".join(
        f"| {name} | {total:,} |" for name, total in top)
    user, _ = demo_slack_user
    ts = "1763700300.000100"
    srv.event({"type": "message", "channel": "D0DMS2", "channel_type": "im", "user": user, "ts": ts,
               "text": "거래처별 누적 매출 전부"}, "Ev-st-150-1")
    answer = srv.fake.wait_for(lambda calls: srv.fake.answers("D0DMS2", ts))[0]
    table = next(b for b in answer.blocks if b["type"] == "table")
    assert len(table["rows"]) == 11 and table["rows"][1][0]["text"] == top[0][0]
    note = json.dumps(answer.blocks, ensure_ascii=False)
    assert "150행" in note and ".xlsx" in note
    assert message_problems(answer.blocks) == []
    complete = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "files.completeUploadExternal"])
    assert complete[0].params["thread_ts"] == ts
    sheet = load_workbook(io.BytesIO(next(iter(srv.fake.uploads.values()))["bytes"])).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("거래처", "누적 매출(원)")
    assert [(r[0], r[1]) for r in rows[1:]] == [(name, int(total)) for name, total in top]


def test_thumbs_up_and_down_are_stored_and_down_asks_what_was_missing(start_server, demo_slack_user):
    srv = start_server(answer=lambda turn, on_status: Reply(text=f"답변: {turn.text}"))
    user, who = demo_slack_user
    ts = "1763700400.000100"
    srv.event({"type": "message", "channel": "D0DMS3", "channel_type": "im", "user": user, "ts": ts,
               "text": "질문"}, "Ev-st-fb-1")
    answer = srv.fake.wait_for(lambda calls: srv.fake.answers("D0DMS3", ts))[0]
    buttons = answer.has("medrep_feedback")["elements"][0]
    key = f"slack:{srv.fake.team_id}:D0DMS3:{ts}"
    turn_id = _turn(srv.app, key).id

    def click(value):
        srv.action({"type": "block_actions", "user": {"id": user}, "team": {"id": srv.fake.team_id},
                    "channel": {"id": "D0DMS3"}, "message": {"ts": answer.ts, "thread_ts": ts},
                    "trigger_id": "tr-1", "actions": [{"action_id": "medrep_feedback", "type": "feedback_buttons",
                                                       "block_id": "medrep_feedback", "value": value}]})

    click(buttons["positive_button"]["value"])
    click(buttons["negative_button"]["value"])
    opened = srv.fake.wait_for(lambda calls: [c for c in calls if c.method == "views.open"])[0]
    view = opened.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["blocks"][0]["label"]["text"] == "무엇이 부족했나요?" and opened.params["trigger_id"] == "tr-1"
    view["state"] = {"values": {"comment": {"value": {"type": "plain_text_input", "value": "지난달과 비교가 없어요"}}}}
    srv.action({"type": "view_submission", "user": {"id": user}, "team": {"id": srv.fake.team_id}, "view": view})
    srv.fake.wait_for(lambda calls: len([c for c in calls if c.method == "chat.postEphemeral"]) == 2 or None)
    with srv.app.session() as session:
        rows = session.scalars(select(Feedback).order_by(Feedback.id)).all()
        got = [(f.value, f.turn_id, f.rep_id, f.thread_key, f.comment) for f in rows]
    assert got == [("up", turn_id, who.rep_id, key, None), ("down", turn_id, who.rep_id, key, "지난달과 비교가 없어요")]


@pytest.mark.parametrize("channel,dm", [(CHANNEL, False), ("D0DMS4", True)])
def test_streaming_refused_falls_back_to_placeholder_and_update(start_server, demo_slack_user, channel, dm):
    def answer(turn, on_status):
        on_status("데이터 조회 중…")
        return Reply(text="폴백 답변\n\n| 제품 | 매출 |\n|---|---:|\n| 로수빛 | 1,200 |")

    srv = start_server(answer=answer)
    srv.fake.failing["chat.startStream"] = "not_allowed_token_type"
    user, _ = demo_slack_user
    ts = "1763700500.000100"
    event = {"type": "message", "channel": channel, "channel_type": "im", "user": user, "ts": ts, "text": "폴백"} if dm \
        else {"type": "app_mention", "channel": channel, "user": user, "ts": ts, "text": "<@UBOT0001> 폴백"}
    srv.event(event, f"Ev-st-fallback-{dm}")
    answer_msg = srv.fake.wait_for(lambda calls: srv.fake.answers(channel, ts))[0]
    assert answer_msg.stream is None and "폴백 답변" in answer_msg.text
    assert [b["type"] for b in answer_msg.blocks][:2] == ["markdown", "table"]
    assert not srv.fake.of("chat.appendStream") and not srv.fake.of("chat.stopStream")
    if dm:  # the assistant status showed the progress; the answer is a new message
        assert "데이터 조회 중…" in [c.params["status"] for c in srv.fake.of("assistant.threads.setStatus")]
    else:  # the "⏳" placeholder was edited into the answer
        placeholder = [c for c in srv.fake.of("chat.postMessage") if c.params.get("text", "").startswith("⏳")]
        assert len(placeholder) == 1 and answer_msg.ts == srv.fake.of("chat.update")[-1].params["ts"]


def test_stream_that_breaks_midway_still_delivers_the_answer(start_server, demo_slack_user):
    srv = start_server(answer=lambda turn, on_status: Reply(text="끊겨도 전달되는 답변"))
    srv.fake.failing["chat.appendStream"] = "message_not_in_streaming_state"
    user, _ = demo_slack_user
    ts = "1763700600.000100"
    srv.event({"type": "app_mention", "channel": CHANNEL, "user": user, "ts": ts,
               "text": "<@UBOT0001> 질문"}, "Ev-st-broken-1")
    answer = srv.fake.wait_for(lambda calls: srv.fake.answers(CHANNEL, ts))[0]
    assert answer.stream is None and answer.text == "끊겨도 전달되는 답변"


def test_messages_tab_sets_prompts_every_time_and_greets_once(start_server, demo_slack_user):
    srv = start_server(answer=lambda turn, on_status: Reply(text="-"))
    user, _ = demo_slack_user
    for n in range(2):
        srv.event({"type": "app_home_opened", "user": user, "channel": "D0AGENT", "tab": "messages"}, f"Ev-tab-{n}")
        srv.fake.wait_for(lambda calls, n=n: len(srv.fake.of("assistant.threads.setSuggestedPrompts")) == n + 1
                          or None)
    time.sleep(0.3)
    prompts = srv.fake.of("assistant.threads.setSuggestedPrompts")
    assert {c.params["channel_id"] for c in prompts} == {"D0AGENT"}
    assert [p["message"] for p in prompts[0].params["prompts"]][0] == "이번 달 내 실적 제품별로 보여줘"
    greetings = [c for c in srv.fake.of("chat.postMessage") if c.params.get("channel") == "D0AGENT"]
    assert len(greetings) == 1 and "MedRep" in greetings[0].params["text"]
    assert not srv.fake.of("views.publish")  # the Messages tab is not the dashboard
    entities = [{"type": "slack#/types/channel_id", "value": "C0VIEWED", "team_id": srv.fake.team_id}]
    srv.event({"type": "app_context_changed", "user": user, "channel": "D0AGENT",
               "context": {"entities": entities}}, "Ev-ctx-1")
    deps = srv.asgi.state.bolt.medrep_deps
    deadline = time.time() + 10
    while time.time() < deadline and user not in deps.view_context:
        time.sleep(0.05)
    assert deps.view_context[user] == entities
