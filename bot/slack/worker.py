"""Slack turns on `medrep worker` (REDIS_URL set): the RQ job of one event. The worker builds
its own Slack client and agent once per process; the outbox lease makes a job that RQ (or
the sweep) runs twice answer once."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps


@lru_cache(maxsize=1)
def worker_deps() -> "SlackDeps":
    from bot.outbox import EventOutbox, LeaseKeeper
    from bot.slack.delivery import make_client
    from bot.slack.deps import SlackDeps, default_answer_fn
    from data.db import open_app

    app = open_app()
    settings = app.settings
    client = make_client(settings.slack_bot_token or "", settings.slack_api_url, settings.medrep_slack_timeout_s)
    outbox = EventOutbox(app, "slack", redis_url=settings.redis_url)
    deps = SlackDeps(app=app, answer=default_answer_fn(app), outbox=outbox, leases=LeaseKeeper(outbox),
                     client=client, token=settings.slack_bot_token or "", api_url=settings.slack_api_url,
                     queue_turns=False)
    try:
        deps.bot_user_id = client.auth_test().get("user_id", "")
    except Exception:  # only used to tell mentions apart; the turn still runs
        pass
    from agent.runtime import get_runtime

    get_runtime(app)  # graph, router model and checkpointer before the first turn, not during it
    return deps


def run_event(event_id: str) -> None:
    from bot.slack.delivery import process_event

    process_event(worker_deps(), event_id)
