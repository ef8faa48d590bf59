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
        _start_call_delivery(app, slack_client)
        return build_scheduler(app, slack_client, teams_send=send_digest)

    asgi = create_app(ctx, scheduler=scheduler)
    mode = "Socket Mode" if ctx.settings.slack_app_token else "HTTP (POST /slack/events)"
    print(f"MedRep 서버 시작: http://0.0.0.0:{ctx.settings.port} · Slack {mode} · /healthz · /metrics")
    uvicorn.run(asgi, host="0.0.0.0", port=ctx.settings.port, log_level="info")


def _start_call_delivery(app, slack_client) -> None:
    """Call-analysis results go back to the thread they came from; calls a restart
    interrupted are finished (tools.calls.jobs)."""
    try:
        from tools.calls import jobs
    except ModuleNotFoundError:
        return
    from bot.teams.call_results import thread_poster as teams_poster

    # the Slack adapter registers its own poster when it is built (bot/slack/app.py)
    if app.settings.microsoft_app_id:
        jobs.register_poster("teams", teams_poster(app))
    resumed = jobs.resume_pending(app)
    if resumed:
        logging.getLogger(__name__).info("resuming %d interrupted call analyses", len(resumed))
