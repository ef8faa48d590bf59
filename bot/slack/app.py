"""Build the Bolt app: conversations (mentions, DMs, threads, files), the agent DM layout,
slash commands, buttons, feedback, modals and App Home. Every listener acks first (Bolt's worker pool
runs the rest after the HTTP response), so Slack always gets its ack within 3 s."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.slack import texts
from bot.slack.actions import register_actions
from bot.slack.agent_view import register_agent_view
from bot.slack.commands import register_commands
from bot.slack.conversation import MENTION, SlackMessage, bot_in_thread, handle_message, message_from_event
from bot.slack.dedup import EventDeduper
from bot.slack.deps import AnswerFn, Metrics, SlackDeps, default_answer_fn
from bot.slack.feedback import register_feedback
from bot.slack.home import register_home
from bot.slack.modals import register_modals

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

HANDLED_SUBTYPES = (None, "file_share", "thread_broadcast")


class SlackConfigError(RuntimeError):
    """Slack settings are missing; the message says which ones (Korean)."""


def make_client(token: str, api_url: str) -> WebClient:
    return WebClient(token=token, base_url=api_url, retry_handlers=[
        ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=3)])


def dispatch_turn(deps: SlackDeps, client: WebClient, msg: SlackMessage, payload: dict) -> None:
    """De-duplicate by event_id, then answer; failures become a Korean message in the thread."""
    if not deps.deduper.claim(msg.event_id, {"thread_key": msg.thread_key, "user": msg.user_id}):
        log.info("duplicate event %s skipped", msg.event_id)
        return
    try:
        handle_message(deps, client, msg)
        deps.deduper.finish(msg.event_id)
    except Exception as exc:
        log.exception("slack turn failed")
        deps.metrics.failed("message")
        deps.deduper.finish(msg.event_id, error=repr(exc)[:500])
        if getattr(exc, "medrep_reported", False):
            return
        try:
            client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts, text=texts.TURN_FAILED)
        except SlackApiError:
            pass


def build_slack_app(app: "AppContext", *, answer: AnswerFn | None = None, metrics: Metrics | None = None,
                    socket_mode: bool = False) -> tuple[App, SlackDeps]:
    settings = app.settings
    missing = [name for name, value in (("SLACK_BOT_TOKEN", settings.slack_bot_token),
                                        ("SLACK_SIGNING_SECRET", settings.slack_signing_secret or socket_mode))
               if not value]
    if missing:
        raise SlackConfigError(f"Slack 설정이 없습니다: {', '.join(missing)}. .env 또는 환경 변수에 넣고 다시 실행해 주세요 "
                               "(docs/slack.md 참고).")
    client = make_client(settings.slack_bot_token or "", settings.slack_api_url)
    bolt = App(client=client, signing_secret=settings.slack_signing_secret or "",
               request_verification_enabled=not socket_mode, process_before_response=False)
    deps = SlackDeps(app=app, answer=answer or default_answer_fn(app),
                     deduper=EventDeduper(app, settings.redis_url), token=settings.slack_bot_token or "",
                     api_url=settings.slack_api_url, metrics=metrics or Metrics())
    try:
        deps.bot_user_id = client.auth_test().get("user_id", "")
    except SlackApiError as exc:
        raise SlackConfigError(f"Slack 토큰 확인(auth.test)에 실패했습니다: {exc.response.get('error')}. "
                               "SLACK_BOT_TOKEN을 확인해 주세요.") from exc
    register_conversations(bolt, deps)
    register_commands(bolt, deps)
    register_actions(bolt, deps)
    register_modals(bolt, deps)
    register_home(bolt, deps)
    register_agent_view(bolt, deps)
    register_feedback(bolt, deps)
    bolt.medrep_deps = deps  # type: ignore[attr-defined]  # for code that only holds the Bolt app
    register_call_delivery(client)
    return bolt, deps


def register_call_delivery(client) -> None:
    """Call analyses finished off the turn are posted back into their Slack thread."""
    try:
        from tools.calls import jobs
    except ModuleNotFoundError:
        return
    from bot.slack.call_results import thread_poster

    jobs.register_poster("slack", thread_poster(client))


def register_conversations(bolt: App, deps: SlackDeps) -> None:
    def on_mention(event, body, client):
        deps.metrics.event("app_mention")
        deps.background(dispatch_turn, deps, client, message_from_event(event, body), body)

    def on_message(event, body, client):
        if event.get("subtype") not in HANDLED_SUBTYPES or event.get("bot_id"):
            return
        msg = message_from_event(event, body)
        raw = event.get("text") or ""
        if msg.is_dm:
            deps.metrics.event("dm")
            deps.background(dispatch_turn, deps, client, msg, body)
        elif deps.bot_user_id and f"<@{deps.bot_user_id}" in raw:
            return  # the app_mention event answers it
        elif event.get("thread_ts") and bot_in_thread(deps, msg.thread_key):
            deps.metrics.event("thread_reply")
            deps.background(dispatch_turn, deps, client, msg, body)

    def ignore(event):
        return None

    bolt.event("app_mention")(on_mention)
    bolt.event("message")(on_message)
    for name in ("file_shared", "app_uninstalled", "tokens_revoked"):
        bolt.event(name)(ignore)


__all__ = ["MENTION", "SlackConfigError", "build_slack_app", "make_client"]
