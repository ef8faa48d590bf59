"""Slack's agent DM layout (manifest `agent_view`): the Messages tab is the agent conversation.
Opening it sets the suggested prompts (every time) and greets a person once; what the person
is looking at (`app_context_changed`) is remembered. Workspaces still on the older assistant
split view get the same prompts on `assistant_thread_started`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.slack import texts
from data.models import AuditLog

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

GREETED = "slack_greeted"
MAX_CONTEXTS = 5000  # people whose current view is remembered (in memory, per process)


def set_prompts(client: WebClient, channel: str, thread_ts: str | None = None) -> None:
    try:
        client.assistant_threads_setSuggestedPrompts(channel_id=channel, thread_ts=thread_ts,
                                                    title=texts.PROMPTS_TITLE, prompts=texts.SUGGESTED_PROMPTS)
    except SlackApiError as exc:
        log.warning("suggested prompts not set: %s", (exc.response or {}).get("error"))


def first_greeting(deps: "SlackDeps", user_id: str) -> bool:
    """True once per person: the greeting is recorded in audit_log before it is posted."""
    target = f"slack:{user_id}"[:200]
    with deps.app.session() as session:
        seen = session.scalar(select(AuditLog.id).where(AuditLog.action == GREETED, AuditLog.target == target)
                              .limit(1))
        if seen is not None:
            return False
        session.add(AuditLog(action=GREETED, target=target, details={}))
        session.commit()
        return True


def messages_opened(deps: "SlackDeps", client: WebClient, event: dict) -> None:
    """`app_home_opened` on the Messages tab: prompts always, the greeting only the first time."""
    channel, user_id = event.get("channel", ""), event.get("user", "")
    if not channel or not user_id:
        return
    set_prompts(client, channel)
    if first_greeting(deps, user_id):
        try:
            client.chat_postMessage(channel=channel, text=texts.GREETING)
        except SlackApiError as exc:
            log.warning("greeting not posted: %s", (exc.response or {}).get("error"))


def remember_context(deps: "SlackDeps", user_id: str, entities: list) -> None:
    if not user_id:
        return
    if len(deps.view_context) >= MAX_CONTEXTS and user_id not in deps.view_context:
        deps.view_context.pop(next(iter(deps.view_context)))
    deps.view_context[user_id] = list(entities)


def register_agent_view(bolt: App, deps: "SlackDeps") -> None:
    def context_changed(event):
        deps.metrics.event("app_context_changed")
        remember_context(deps, event.get("user", ""), (event.get("context") or {}).get("entities") or [])

    def assistant_context_changed(event):
        thread = event.get("assistant_thread") or {}
        context = thread.get("context") or {}
        entities = [{"type": "slack#/types/channel_id", "value": context["channel_id"]}] if context.get(
            "channel_id") else []
        remember_context(deps, thread.get("user_id", ""), entities)

    def assistant_started(event, client):
        thread = event.get("assistant_thread") or {}
        channel, thread_ts = thread.get("channel_id", ""), thread.get("thread_ts", "")
        set_prompts(client, channel, thread_ts)
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=texts.GREETING)
        except SlackApiError as exc:
            log.warning("assistant greeting failed: %s", (exc.response or {}).get("error"))

    bolt.event("app_context_changed")(context_changed)
    bolt.event("assistant_thread_context_changed")(assistant_context_changed)
    bolt.event("assistant_thread_started")(assistant_started)
