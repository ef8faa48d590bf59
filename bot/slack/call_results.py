"""Posts call-analysis results (tools.calls.jobs) into the Slack thread the call came from."""

from __future__ import annotations

from typing import Callable

from slack_sdk import WebClient

from bot.escaping import neutralize_slack_markup


def thread_poster(client: WebClient) -> Callable[[str, str], None]:
    """`poster(thread_key, text)` for thread keys `slack:{team}:{channel}:{thread_ts}`; the call
    texts are written in Slack mrkdwn already."""

    def post(thread_key: str, text: str) -> None:
        _, _team, channel, thread_ts = thread_key.split(":", 3)
        thread = None if thread_ts.startswith("cmd-") else thread_ts
        client.chat_postMessage(channel=channel, thread_ts=thread, text=neutralize_slack_markup(text), unfurl_links=False)

    return post
