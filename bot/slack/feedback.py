"""👍/👎 under answers (`feedback_buttons`), stored in `feedback` with the answer's turn id; a 👎
opens a short "무엇이 부족했나요?" modal whose answer is stored on that same feedback row."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import texts
from bot.slack.answer import FEEDBACK_ACTION
from bot.slack.identity import resolve_slack_user
from data.models import ConversationTurn, Feedback

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

COMMENT_CALLBACK = "medrep_feedback_comment"
COMMENT_MAX = 2000


def store_feedback(deps: "SlackDeps", rep_id: int | None, key: str, value: str) -> int:
    """Store a click; `key` is "turn_id|thread_key" of the answer clicked. The turn id is kept
    only when that turn belongs to the thread (a forged or stale value is not attached to
    some other conversation)."""
    turn_part, _, thread_key = key.partition("|")
    with deps.app.session() as session:
        turn_id = int(turn_part) if turn_part.isdigit() else None
        if turn_id is not None:
            turn = session.get(ConversationTurn, turn_id)
            if turn is None or turn.thread_key != thread_key[:200]:
                turn_id = None
        row = Feedback(rep_id=rep_id, turn_id=turn_id, thread_key=thread_key[:200], value=value)
        session.add(row)
        session.commit()
        return row.id


def store_comment(deps: "SlackDeps", feedback_id: int, rep_id: int | None, comment: str) -> bool:
    """Attach the 👎 follow-up to its feedback row (only the person who clicked may)."""
    with deps.app.session() as session:
        row = session.get(Feedback, feedback_id)
        if row is None or row.rep_id != rep_id:
            return False
        row.comment = comment[:COMMENT_MAX]
        session.commit()
        return True


def comment_view(feedback_id: int, channel: str, thread_ts: str) -> dict:
    meta = json.dumps({"f": feedback_id, "c": channel, "t": thread_ts})
    return {"type": "modal", "callback_id": COMMENT_CALLBACK, "private_metadata": meta,
            "title": {"type": "plain_text", "text": texts.FEEDBACK_MODAL_TITLE},
            "submit": {"type": "plain_text", "text": texts.FEEDBACK_MODAL_SUBMIT},
            "close": {"type": "plain_text", "text": texts.FEEDBACK_MODAL_CLOSE},
            "blocks": [{"type": "input", "block_id": "comment", "label": {"type": "plain_text",
                                                                          "text": texts.FEEDBACK_ASK},
                        "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                                    "max_length": COMMENT_MAX,
                                    "placeholder": {"type": "plain_text", "text": texts.FEEDBACK_ASK_HINT}}}]}


def _ephemeral(client: WebClient, channel: str, user_id: str, thread_ts: str | None, text: str) -> None:
    if not channel:
        return
    try:
        client.chat_postEphemeral(channel=channel, user=user_id, thread_ts=thread_ts or None, text=text)
    except SlackApiError as exc:
        log.warning("ephemeral failed: %s", (exc.response or {}).get("error"))


def on_click(deps: "SlackDeps", client: WebClient, body: dict) -> None:
    action = body["actions"][0]
    raw = str(action.get("value") or "")
    value, _, key = raw.partition("|")
    if value not in ("up", "down"):
        return
    user_id = body["user"]["id"]
    caller = resolve_slack_user(deps.app, client, user_id)
    feedback_id = store_feedback(deps, caller.rep_id if caller else None, key, value)
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    message = body.get("message") or {}
    thread_ts = message.get("thread_ts") or (body.get("container") or {}).get("thread_ts") or ""
    if value == "up":
        _ephemeral(client, channel, user_id, thread_ts, texts.FEEDBACK_THANKS)
        return
    try:
        client.views_open(trigger_id=body.get("trigger_id", ""), view=comment_view(feedback_id, channel, thread_ts))
    except SlackApiError as exc:  # e.g. an expired trigger: ask in the thread instead
        log.info("feedback modal not opened: %s", (exc.response or {}).get("error"))
        _ephemeral(client, channel, user_id, thread_ts, texts.FEEDBACK_ASK_FALLBACK)


def register_feedback(bolt: App, deps: "SlackDeps") -> None:
    def clicked(ack, body, client):
        ack()
        on_click(deps, client, body)

    def submitted(ack, body, view, client):
        comment = (((view.get("state") or {}).get("values") or {}).get("comment", {}).get("value", {})
                   .get("value") or "").strip()
        if not comment:
            ack(response_action="errors", errors={"comment": texts.FEEDBACK_COMMENT_EMPTY})
            return
        ack()
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except json.JSONDecodeError:
            meta = {}
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if isinstance(meta.get("f"), int) and store_comment(deps, meta["f"], caller.rep_id if caller else None,
                                                             comment):
            _ephemeral(client, meta.get("c", ""), user_id, meta.get("t"), texts.FEEDBACK_COMMENT_THANKS)

    bolt.action(FEEDBACK_ACTION)(clicked)
    bolt.view(COMMENT_CALLBACK)(submitted)
