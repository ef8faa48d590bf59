"""`medrep serve`: one process with the bot server (bot.server) and the scheduler
(scheduled.jobs), wired together here so bot/ and scheduled/ stay independent."""

from __future__ import annotations

import logging


def serve() -> None:
    import uvicorn

    from bot.server import create_app
    from data.db import open_app
    from scheduled.jobs import build_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx = open_app()
    from bot.teams.digest import send_digest

    def scheduler(app, slack_client):
        return build_scheduler(app, slack_client, teams_send=send_digest)

    asgi = create_app(ctx, scheduler=scheduler)
    mode = "Socket Mode" if ctx.settings.slack_app_token else "HTTP (POST /slack/events)"
    print(f"MedRep 서버 시작: http://0.0.0.0:{ctx.settings.port} · Slack {mode} · /healthz · /metrics")
    uvicorn.run(asgi, host="0.0.0.0", port=ctx.settings.port, log_level="info")
