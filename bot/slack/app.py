"""Build the Bolt app: conversations (mentions, DMs, threads, files), the assistant surface,
slash commands, buttons, modals and App Home. Every listener acks first (Bolt's worker pool
runs the rest after the HTTP response), so Slack always gets its ack within 3 s."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.slack.actions import register_actions
from bot.slack.commands import register_commands
from bot.slack.conversation import MENTION, SlackMessage, bot_in_thread, handle_message, message_from_event
from bot.slack.dedup import EventDeduper
from bot.slack.deps import AnswerFn, Metrics, SlackDeps, default_answer_fn
from bot.slack.home import register_home
from bot.slack.modals import register_modals

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

HANDLED_SUBTYPES = (None, "file_share", "thread_broadcast")
SUGGESTED_PROMPTS = [
    {"title": "이번 달 실적", "message": "이번 달 내 실적 제품별로 보여줘"},
    {"title": "방문 우선순위", "message": "이번 주 방문 우선순위 알려줘"},
    {"title": "목표 달성 전망", "message": "이번 분기 목표 달성 가능할까?"},
    {"title": "제품 정보", "message": "로수빛 용법 용량 알려줘"},
]


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
        try:
            client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts,
                                    text="답변을 만드는 중 오류가 발생했습니다. 잠시 후 다시 질문해 주시고, 계속되면 관리자에게 알려 주세요.")
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
    return bolt, deps


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

    def on_assistant_started(event, client):
        thread = event.get("assistant_thread") or {}
        channel, thread_ts = thread.get("channel_id", ""), thread.get("thread_ts", "")
        try:
            client.assistant_threads_setSuggestedPrompts(channel_id=channel, thread_ts=thread_ts,
                                                        title="무엇을 도와드릴까요?", prompts=SUGGESTED_PROMPTS)
            client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                    text="안녕하세요, MedRep입니다. 실적·예측·거래처·제품 문서에 대해 물어보세요.")
        except SlackApiError as exc:
            log.warning("assistant prompts failed: %s", exc.response.get("error"))

    def ignore(event):
        return None

    bolt.event("app_mention")(on_mention)
    bolt.event("message")(on_message)
    bolt.event("assistant_thread_started")(on_assistant_started)
    for name in ("assistant_thread_context_changed", "file_shared", "app_uninstalled", "tokens_revoked"):
        bolt.event(name)(ignore)


__all__ = ["MENTION", "SlackConfigError", "build_slack_app", "make_client"]
