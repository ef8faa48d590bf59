"""The ASGI app of `medrep serve`: Slack (HTTP at POST /slack/events, or Socket Mode when
SLACK_APP_TOKEN is set), Teams (POST /api/messages, bot/teams/), signed reply-file downloads
(GET /files/{token}), GET /healthz, GET /metrics (Prometheus), and a scheduler the caller
injects (`medrep.cli.serve` wires in `scheduled.jobs.build_scheduler`; bot/ never imports
scheduled/)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.limits import EdgeGuard, edge_config
from bot.ops_metrics import OpsMetrics
from bot.slack.deps import AnswerFn, Metrics

if TYPE_CHECKING:
    from slack_bolt import App

    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

SchedulerFactory = Callable[["AppContext", Any], Any]  # (app, Slack WebClient | None) -> started-able scheduler


class ServerMetrics:
    """Prometheus metrics in a registry of their own (one per server instance)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.events = Counter("medrep_slack_events_total", "Slack events and commands received", ["kind"],
                              registry=self.registry)
        self.failures = Counter("medrep_slack_failures_total", "Slack turns that failed", ["kind"],
                                registry=self.registry)
        self.answer_seconds = Histogram("medrep_answer_seconds", "Time from message to answer posted",
                                        buckets=(0.5, 1, 2, 5, 10, 20, 40, 80), registry=self.registry)
        self.http_seconds = Histogram("medrep_http_request_seconds", "HTTP handling time (ack)", ["path"],
                                      buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5), registry=self.registry)
        self.refused = Counter("medrep_http_refused_total", "Requests refused at the HTTP edge (bot/limits.py)",
                               ["reason"], registry=self.registry)
        self.turn_seconds = Histogram("medrep_turn_seconds", "Agent time of a turn, by tool it called",
                                      ["tool"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
                                      registry=self.registry)
        self.deliveries = Counter("medrep_deliveries_total", "Answer deliveries that did not go through at once "
                                  "(retried later, re-delivered from the outbox, lost after every attempt)",
                                  ["outcome"], registry=self.registry)

    def slack(self) -> Metrics:
        return Metrics(event=lambda kind: self.events.labels(kind).inc(),
                       answered=self.answer_seconds.observe,
                       failed=lambda kind: self.failures.labels(kind).inc(),
                       delivery=lambda outcome: self.deliveries.labels(outcome).inc(),
                       turn=lambda tool, seconds: self.turn_seconds.labels(tool).observe(seconds))


def create_app(app: "AppContext", *, answer: AnswerFn | None = None, scheduler: SchedulerFactory | None = None,
               socket_mode: bool | None = None) -> Starlette:
    """The ASGI app. Slack routes are live when SLACK_BOT_TOKEN (and, for HTTP mode,
    SLACK_SIGNING_SECRET) are set; otherwise they answer 503 with what to configure.
    `scheduler(app, slack_client)` builds the job scheduler started with the app (none if omitted)."""
    from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response

    from bot.slack.app import SlackConfigError, build_slack_app, start_sweepers

    settings = app.settings
    socket_mode = bool(settings.slack_app_token) if socket_mode is None else socket_mode
    metrics = ServerMetrics()
    bolt: "App | None" = None
    slack_deps = None
    slack_error = ""
    try:
        bolt, slack_deps = build_slack_app(app, answer=answer, metrics=metrics.slack(), socket_mode=socket_mode)
    except SlackConfigError as exc:
        slack_error = str(exc)
        log.warning("%s", slack_error)

    async def slack_events(request: Request) -> Response:
        started = time.perf_counter()
        if bolt is None:
            return JSONResponse({"ok": False, "error": slack_error}, status_code=503)
        body = await request.body()
        response = await run_in_threadpool(bolt.dispatch, to_bolt_request(request, body))
        metrics.http_seconds.labels("/slack/events").observe(time.perf_counter() - started)
        return to_starlette_response(response)

    async def healthz(request: Request) -> Response:
        from bot.health import health

        body, ok = await run_in_threadpool(health, app)
        body.update(slack=bolt is not None, slack_mode="socket" if socket_mode else "http")
        return JSONResponse(body, status_code=200 if ok else 503)

    ops = OpsMetrics(metrics.registry)

    async def prometheus(request: Request) -> Response:
        await run_in_threadpool(ops.refresh, app)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    from bot.teams.adapter import TeamsEndpoint, default_answer
    from bot.teams.links import LinkError, resolve_token

    teams = TeamsEndpoint(app, answer or default_answer(app))

    async def download(request: Request) -> Response:
        from starlette.responses import FileResponse

        try:
            path = resolve_token(settings, request.path_params["token"])
        except LinkError as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)
        return FileResponse(path, filename=path.name)

    @contextlib.asynccontextmanager
    async def lifespan(_):
        jobs = socket = None
        sweepers = start_sweepers(slack_deps) if slack_deps is not None else []
        teams.loop = asyncio.get_running_loop()
        sweepers.append(teams.start_sweeper())
        if scheduler is not None:
            jobs = scheduler(app, bolt.client if bolt else None)
            jobs.start()
        if bolt is not None and socket_mode and settings.slack_app_token:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            socket = SocketModeHandler(bolt, settings.slack_app_token)
            socket.connect()
        try:
            yield
        finally:
            if socket is not None:
                socket.close()
            if jobs is not None:
                jobs.shutdown(wait=False)
            for running in sweepers:
                if running is not None:
                    running.stop()

    server = Starlette(routes=[Route("/slack/events", slack_events, methods=["POST"]),
                               Route("/healthz", healthz, methods=["GET"]),
                               Route("/metrics", prometheus, methods=["GET"]),
                               Route("/api/messages", teams.handle, methods=["POST"]),
                               Route("/files/{token}", download, methods=["GET"])], lifespan=lifespan)
    server.add_middleware(EdgeGuard, config=edge_config(settings, metrics.refused))
    server.state.metrics = metrics
    server.state.bolt = bolt
    server.state.teams = teams
    return server

