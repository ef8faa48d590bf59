"""What every Slack listener needs, injected once when the Bolt app is built."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from agent.types import Reply, Turn

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from bot.outbox import EventOutbox, LeaseKeeper
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

AnswerFn = Callable[[Turn, Callable[[str], None] | None], Reply]


def default_answer_fn(app: "AppContext") -> AnswerFn:
    """The real agent runtime (offline router or an OpenAI-compatible model)."""

    def answer(turn: Turn, on_status: Callable[[str], None] | None = None) -> Reply:
        from agent.runtime import get_runtime

        step = getattr(on_status, "step", None)  # a TurnStream: tool steps as well as status lines
        if step is not None:
            return get_runtime(app).answer(turn, getattr(on_status, "status"), on_step=step)
        return get_runtime(app).answer(turn, on_status)

    return answer


@dataclass
class Metrics:
    """Callbacks the server wires to Prometheus; no-ops by default."""

    event: Callable[[str], None] = field(default=lambda kind: None)
    answered: Callable[[float], None] = field(default=lambda seconds: None)
    failed: Callable[[str], None] = field(default=lambda kind: None)
    delivery: Callable[[str], None] = field(default=lambda outcome: None)  # retried | redelivered | lost
    turn: Callable[[str, float], None] = field(default=lambda tool, seconds: None)  # agent time by tool


@dataclass
class SlackDeps:
    app: "AppContext"
    answer: AnswerFn
    outbox: "EventOutbox"
    leases: "LeaseKeeper"
    client: "WebClient"
    token: str
    api_url: str
    queue_turns: bool = False  # REDIS_URL set: turns run on `medrep worker` (bot/slack/delivery.py)
    commands: "EventOutbox | None" = None  # slash commands acked and not yet answered (bot/slack/commands.py)
    command_leases: "LeaseKeeper | None" = None
    metrics: Metrics = field(default_factory=Metrics)
    bot_user_id: str = ""
    view_context: dict[str, list] = field(default_factory=dict)  # user -> what they look at (app_context_changed)
    workers: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=8, thread_name_prefix="medrep-slack"))

    def background(self, fn: Callable, *args) -> None:
        """Run slow work (agent turns, tools) off Bolt's listener pool, which stays free to ack."""

        def run() -> None:
            try:
                fn(*args)
            except Exception:
                log.exception("background Slack work failed")

        self.workers.submit(run)


def build_deps(app: "AppContext", answer: AnswerFn, *, metrics: Metrics | None = None,
               queue_turns: bool = False) -> SlackDeps:
    """The Slack client, the event and command outboxes and their leases, for the Bolt app
    (bot/slack/app.py) and for a worker answering queued turns (bot/slack/worker.py)."""
    from bot.outbox import EventOutbox, LeaseKeeper
    from bot.slack.delivery import make_client

    settings = app.settings
    client = make_client(settings.slack_bot_token or "", settings.slack_api_url, settings.medrep_slack_timeout_s)
    outbox = EventOutbox(app, "slack", redis_url=settings.redis_url)
    commands = EventOutbox(app, "slack-cmd")
    return SlackDeps(app=app, answer=answer, outbox=outbox, leases=LeaseKeeper(outbox), client=client,
                     token=settings.slack_bot_token or "", api_url=settings.slack_api_url,
                     metrics=metrics or Metrics(), queue_turns=queue_turns, commands=commands,
                     command_leases=LeaseKeeper(commands))
