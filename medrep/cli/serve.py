"""`medrep serve`: one process with the bot server (bot.server) and the scheduler
(scheduled.jobs), wired together here so bot/ and scheduled/ stay independent."""

from __future__ import annotations

import logging

from medrep.kernel.logs import configure_logging


def serve() -> None:
    import uvicorn

    from bot.server import create_app
    from data.db import open_app
    from scheduled.jobs import build_scheduler

    configure_logging()  # the settings open_app reads (get_settings), before migrations log
    ctx = open_app()
    from bot.teams.digest import send_digest

    def scheduler(app, slack_client):
        _start_call_delivery(app, slack_client)
        return build_scheduler(app, slack_client, teams_send=send_digest)

    asgi = create_app(ctx, scheduler=scheduler)
    mode = "Socket Mode" if ctx.settings.slack_app_token else "HTTP (POST /slack/events)"
    print(f"MedRep 서버 시작: http://0.0.0.0:{ctx.settings.port} · Slack {mode} · /healthz · /metrics")
    # log_config=None: uvicorn's own records go through the handler above (format, masking)
    uvicorn.run(asgi, host="0.0.0.0", port=ctx.settings.port, log_level="info", log_config=None)


def _start_call_delivery(app, slack_client) -> None:
    """Call-analysis and document-indexing results go back to the thread they came from;
    work a restart interrupted is finished (tools.calls.jobs, tools.intake.ingestion)."""
    from bot.teams.call_results import thread_poster as teams_poster
    from tools.intake import ingestion

    log = logging.getLogger(__name__)
    # the Slack adapter registers its own posters when it is built (bot/slack/app.py)
    if app.settings.microsoft_app_id:
        ingestion.register_poster("teams", teams_poster(app))
    indexing = ingestion.resume_pending(app)
    if indexing:
        log.info("resuming %d interrupted document uploads", len(indexing))
    try:
        from tools.calls import jobs
    except ModuleNotFoundError:
        return
    if app.settings.microsoft_app_id:
        jobs.register_poster("teams", teams_poster(app))
    resumed = jobs.resume_pending(app)
    if resumed:
        log.info("resuming %d interrupted call analyses", len(resumed))
