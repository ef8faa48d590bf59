"""Conversation events in, before the ack: a Bolt middleware decides whether MedRep answers an
event (a mention, a DM, a reply in a thread MedRep is in; never another bot's message), writes
its receipt with the whole event (bot/outbox.py) and schedules it. Only then does Bolt ack, so
an acked event is never lost: if the receipt cannot be written the request fails and Slack
sends the event again. Duplicates (Slack's retries, two replicas) are acked and dropped here."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App, BoltResponse

from bot.slack.conversation import bot_in_thread, message_from_event
from bot.slack.delivery import schedule

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

HANDLED_SUBTYPES = (None, "file_share", "thread_broadcast")
IGNORED_EVENTS = ("file_shared", "app_uninstalled", "tokens_revoked")


def event_kind(deps: "SlackDeps", body: dict) -> str | None:
    """"app_mention" | "dm" | "thread_reply" when MedRep answers this event, else None."""
    event = body.get("event") or {}
    if event.get("bot_id") or event.get("subtype") == "bot_message":
        return None  # another bot (or MedRep itself): no reply, no bot-to-bot loops
    kind = event.get("type")
    if kind == "app_mention":
        return "app_mention"
    if kind != "message" or event.get("subtype") not in HANDLED_SUBTYPES:
        return None
    if event.get("channel_type") == "im":
        return "dm"
    if deps.bot_user_id and f"<@{deps.bot_user_id}" in (event.get("text") or ""):
        return None  # the app_mention event of the same message answers it
    if event.get("thread_ts"):
        msg = message_from_event(event, body)
        if bot_in_thread(deps, msg.thread_key):
            return "thread_reply"
    return None


def event_key(body: dict) -> str:
    event = body.get("event") or {}
    return body.get("event_id") or f"{event.get('channel', '')}:{event.get('ts', '')}"


def register_intake(bolt: App, deps: "SlackDeps") -> None:
    def durable_intake(body, next):
        if body.get("type") != "event_callback":
            return next()
        kind = event_kind(deps, body)
        if kind is None:
            return next()
        event_id = event_key(body)
        user = (body.get("event") or {}).get("user")
        if not deps.outbox.receive(event_id, body, user_id=user):
            log.info("duplicate event %s skipped", event_id)
            deps.metrics.event("duplicate")
            return BoltResponse(status=200, body="")
        deps.metrics.event(kind)
        schedule(deps, event_id)
        return BoltResponse(status=200, body="")

    bolt.middleware(durable_intake)

    def ignore(event):
        return None

    for name in ("app_mention", "message", *IGNORED_EVENTS):  # what the middleware does not answer
        bolt.event(name)(ignore)


def receive_synthetic(deps: "SlackDeps", event_id: str, event: dict, team_id: str) -> None:
    """A turn that does not come as an event (a suggested follow-up clicked) goes the same
    durable way, under an event id of its own."""
    body = {"type": "event_callback", "team_id": team_id, "event_id": event_id, "event": event}
    if deps.outbox.receive(event_id, body, user_id=event.get("user")):
        schedule(deps, event_id)
