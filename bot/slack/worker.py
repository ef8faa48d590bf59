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
    from bot.slack.deps import build_deps, default_answer_fn
    from data.db import open_app

    app = open_app()
    deps = build_deps(app, default_answer_fn(app))
    client = deps.client
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
