"""Build the Bolt app: conversations (mentions, DMs, threads, files: recorded before the ack and
answered durably, bot/slack/intake.py), the agent DM layout, slash commands, buttons, feedback,
modals and App Home. Every listener acks first (Bolt's worker pool runs the rest after the HTTP
response), so Slack always gets its ack within 3 s."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.slack.actions import register_actions
from bot.slack.agent_view import register_agent_view
from bot.slack.commands import register_commands
from bot.outbox import Sweeper
from bot.slack.conversation import MENTION
from bot.slack.delivery import make_client, schedule
from bot.slack.deps import AnswerFn, Metrics, SlackDeps, build_deps, default_answer_fn
from bot.slack.intake import register_intake
from bot.slack.feedback import register_feedback
from bot.slack.home import register_home
from bot.slack.modals import register_modals

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


class SlackConfigError(RuntimeError):
    """Slack settings are missing; the message says which ones (Korean)."""


def build_slack_app(app: "AppContext", *, answer: AnswerFn | None = None, metrics: Metrics | None = None,
                    socket_mode: bool = False) -> tuple[App, SlackDeps]:
    settings = app.settings
    missing = [name for name, value in (("SLACK_BOT_TOKEN", settings.slack_bot_token),
                                        ("SLACK_SIGNING_SECRET", settings.slack_signing_secret or socket_mode))
               if not value]
    if missing:
        raise SlackConfigError(f"Slack 설정이 없습니다: {', '.join(missing)}. .env 또는 환경 변수에 넣고 다시 실행해 주세요 "
                               "(docs/slack.md 참고).")
    deps = build_deps(app, answer or default_answer_fn(app), metrics=metrics,
                      queue_turns=bool(settings.redis_url) and answer is None)  # an injected answer stays here
    client = deps.client
    bolt = App(client=client, signing_secret=settings.slack_signing_secret or "",
               request_verification_enabled=not socket_mode, process_before_response=False)
    try:
        deps.bot_user_id = client.auth_test().get("user_id", "")
    except SlackApiError as exc:
        raise SlackConfigError(f"Slack 토큰 확인(auth.test)에 실패했습니다: {exc.response.get('error')}. "
                               "SLACK_BOT_TOKEN을 확인해 주세요.") from exc
    register_intake(bolt, deps)
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
    """Call analyses and document indexing finished off the turn are posted back into their
    Slack thread."""
    from bot.slack.call_results import thread_poster
    from tools.intake import ingestion

    ingestion.register_poster("slack", thread_poster(client))
    try:
        from tools.calls import jobs
    except ModuleNotFoundError:
        return
    jobs.register_poster("slack", thread_poster(client))


def start_sweepers(deps: SlackDeps) -> list[Sweeper]:
    """Finish what this or a dead process acked and did not answer (bot/outbox.py): events,
    and slash commands (answered through their response_url)."""
    from bot.slack.commands import process_command

    period = deps.app.settings.medrep_delivery_sweep_s
    sweepers = [Sweeper(deps.outbox, lambda event_id: schedule(deps, event_id), period).start()]
    if deps.commands is not None:
        sweepers.append(Sweeper(deps.commands, lambda key: deps.background(process_command, deps, key),
                                period).start())
    return sweepers


__all__ = ["MENTION", "SlackConfigError", "build_slack_app", "make_client", "start_sweepers"]
