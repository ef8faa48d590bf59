"""`medrep worker`: runs queued jobs (RQ on REDIS_URL) with the Slack and Teams posters the
jobs reply through; finishes interrupted call analyses at start."""

from __future__ import annotations

import logging


def register_posters(app) -> None:
    from tools.calls import jobs

    if app.settings.slack_bot_token:
        from slack_sdk import WebClient

        from bot.slack.call_results import thread_poster as slack_poster

        jobs.register_poster("slack", slack_poster(WebClient(token=app.settings.slack_bot_token,
                                                             base_url=app.settings.slack_api_url)))
    if app.settings.microsoft_app_id:
        from bot.teams.call_results import thread_poster as teams_poster

        jobs.register_poster("teams", teams_poster(app))


def worker(burst: bool = False) -> None:
    from redis import Redis
    from rq import Worker

    from data.db import open_app
    from medrep.kernel.workqueue import QUEUE_NAME
    from tools.calls import jobs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = open_app()
    if not app.settings.redis_url:
        raise SystemExit("REDIS_URL이 설정되지 않았습니다. 작업 큐 없이 실행할 때는 `medrep serve`가 작업을 직접 처리합니다.")
    jobs.set_worker_app(app)
    register_posters(app)
    connection = Redis.from_url(app.settings.redis_url)
    print(f"MedRep 작업자 시작: 큐 '{QUEUE_NAME}' ({app.settings.redis_url})")
    Worker([QUEUE_NAME], connection=connection).work(burst=burst, with_scheduler=True)
