"""`medrep worker`: runs queued jobs (RQ on REDIS_URL) with the Slack and Teams posters the
jobs reply through; finishes interrupted call analyses at start."""

from __future__ import annotations


def register_posters(app) -> None:
    """Finished calls and indexed documents are posted back into their threads from here."""
    from tools.calls import jobs
    from tools.intake import ingestion

    if app.settings.slack_bot_token:
        from bot.slack.call_results import thread_poster as slack_poster
        from bot.slack.delivery import make_client

        settings = app.settings
        poster = slack_poster(make_client(settings.slack_bot_token or "", settings.slack_api_url,
                                          settings.medrep_slack_timeout_s))
        jobs.register_poster("slack", poster)
        ingestion.register_poster("slack", poster)
    if app.settings.microsoft_app_id:
        from bot.teams.call_results import thread_poster as teams_poster

        jobs.register_poster("teams", teams_poster(app))
        ingestion.register_poster("teams", teams_poster(app))


def worker(burst: bool = False, queues: list[str] | None = None) -> None:
    """Chat turns first (`medrep-turns`), then long jobs (`medrep`). One process, no fork per
    job (RQ's SimpleWorker): a turn needs the warm agent and Slack client built once here."""
    from redis import Redis
    from rq import SimpleWorker

    from data.db import open_app
    from medrep.kernel.workqueue import QUEUE_NAME, TURNS_QUEUE
    from tools.calls import jobs

    from medrep.kernel.logs import configure_logging
    from tools.intake import ingestion

    app = open_app()
    configure_logging(app.settings)
    if not app.settings.redis_url:
        raise SystemExit("REDIS_URL이 설정되지 않았습니다. 작업 큐 없이 실행할 때는 `medrep serve`가 작업을 직접 처리합니다.")
    jobs.set_worker_app(app)
    ingestion.set_worker_app(app)
    register_posters(app)
    names = queues or [TURNS_QUEUE, QUEUE_NAME]
    if TURNS_QUEUE in names and app.settings.slack_bot_token:
        from bot.slack.worker import worker_deps

        worker_deps()  # the agent and Slack client, before the first turn arrives
    connection = Redis.from_url(app.settings.redis_url)
    print(f"MedRep 작업자 시작: 큐 {', '.join(names)} ({app.settings.redis_url})")
    SimpleWorker(names, connection=connection).work(burst=burst, with_scheduler=True)
