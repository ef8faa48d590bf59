"""Buttons under answers: suggested follow-ups (asked in the same thread as the person who
clicked), and the older two-button feedback of answers posted before `feedback_buttons`
(bot/slack/feedback.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slack_bolt import App

from bot.rendering import FEEDBACK_DOWN, FEEDBACK_UP, SUGGEST_PREFIX
from bot.slack.intake import receive_synthetic
from bot.slack.feedback import store_feedback
from bot.slack.identity import resolve_slack_user

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps


def register_actions(bolt: App, deps: "SlackDeps") -> None:
    def feedback(ack, body, client):
        ack()
        action = body["actions"][0]
        value = "up" if action["action_id"] == FEEDBACK_UP else "down"
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        store_feedback(deps, caller.rep_id if caller else None, action.get("value", ""), value)
        channel = (body.get("channel") or {}).get("id")
        message = body.get("message") or {}
        if channel:
            client.chat_postEphemeral(channel=channel, user=user_id, thread_ts=message.get("thread_ts") or None,
                                      text="의견 감사합니다! 답변 개선에 반영할게요." if value == "up"
                                      else "의견 감사합니다. 부족했던 점을 스레드에 남겨 주시면 더 좋아요.")

    def suggestion(ack, body, client):
        ack()
        action = body["actions"][0]
        message = body.get("message") or {}
        channel = body.get("channel") or {}
        thread_ts = message.get("thread_ts") or message.get("ts", "")
        channel_id, user_id, text = channel.get("id", ""), body["user"]["id"], action.get("value", "")
        client.chat_postMessage(channel=channel_id, thread_ts=thread_ts, text=f"<@{user_id}> 님의 질문: {text}")
        event = {"type": "message", "channel": channel_id, "user": user_id, "text": text, "ts": thread_ts,
                 "thread_ts": thread_ts, "channel_type": "im" if channel_id.startswith("D") else "channel"}
        key = f"action:{body.get('trigger_id') or action.get('action_ts') or thread_ts}"
        receive_synthetic(deps, key, event, (body.get("team") or {}).get("id", ""))

    bolt.action(FEEDBACK_UP)(feedback)
    bolt.action(FEEDBACK_DOWN)(feedback)
    bolt.action(re.compile(f"^{SUGGEST_PREFIX}\\d+$"))(suggestion)
