"""`POST /api/messages`: parse the Activity (malformed → 400, raw body kept), authenticate
the bearer token (→ 401), then run the bot. Messages are acknowledged at once (202) and
answered in the background; invokes (feedback) are answered in the response."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING

from botbuilder.core import TurnContext
from botbuilder.core.cloud_adapter_base import CloudAdapterBase
from botbuilder.schema import Activity, ActivityTypes
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.outbox import EventOutbox, LeaseKeeper, Sweeper
from bot.teams import store
from bot.teams.auth import build_authentication
from bot.teams.bot import AnswerFn, MedRepTeamsBot
from bot.teams.files import event_summary
from data.models import EventReceipt
from medrep.kernel.logs import log_context

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def connector_transient(exc: BaseException) -> bool:
    """A Bot Connector failure worth another attempt later (5xx, 429, timeouts, unreachable)."""
    import aiohttp

    status = getattr(getattr(exc, "response", None), "status_code", None) or getattr(exc, "status", None)
    if isinstance(status, int):
        return status >= 500 or status == 429
    return isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError, OSError)) or \
        type(exc).__name__ in ("ClientRequestError", "HttpOperationError")


class TeamsAdapter(CloudAdapterBase):
    def __init__(self, app: AppContext):
        super().__init__(build_authentication(app.settings))

        async def on_error(ctx: TurnContext, error: Exception) -> None:
            log.error("Teams turn error: %s", error, exc_info=error)
            if connector_transient(error):
                raise error  # the connector had a bad minute: the outbox retries the turn later
            try:
                await ctx.send_activity("죄송합니다. 처리 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.")
            except Exception:
                log.warning("could not report the error to Teams", exc_info=True)

        self.on_turn_error = on_error


def parse_activity(raw: bytes) -> Activity:
    """The Activity in a request body; ValueError when it is not a usable Activity."""
    body = json.loads(raw.decode("utf-8"))
    if not isinstance(body, dict) or not isinstance(body.get("type"), str) or not body["type"]:
        raise ValueError("not an Activity object (no type)")
    activity = Activity().deserialize(body)
    if not activity.service_url or not activity.conversation or not activity.conversation.id:
        raise ValueError("Activity lacks serviceUrl or conversation.id")
    return activity


def receipt_payload(activity: Activity) -> dict:
    """What the event receipt keeps: the type and, for a message with files, which files came
    (the uploads table has each one's outcome)."""
    payload: dict = {"type": activity.type}
    if activity.attachments:
        files = event_summary([a.serialize() for a in activity.attachments])
        if files:
            payload["files"] = files
    return payload


def stored_activity(activity: Activity) -> dict:
    """The Activity as the receipt keeps it to answer it again: file download URLs (they carry
    a short-lived `tempauth` credential) are dropped; a resumed turn finds the upload row."""
    data = activity.serialize()
    for attachment in data.get("attachments") or []:
        content = attachment.get("content")
        if isinstance(content, dict):
            content.pop("downloadUrl", None)
        if "tempauth" in str(attachment.get("contentUrl") or ""):
            attachment.pop("contentUrl", None)
    return data


class TeamsEndpoint:
    """Messages go the durable way of bot/outbox.py: the receipt (with the whole Activity) is
    written before the 202, the turn runs under a renewed lease, a turn that failed on the
    connector is retried with backoff, and the sweep resumes what a dead replica acked
    (through `process_proactive` with the stored Activity, as the bot's own identity)."""

    def __init__(self, app: AppContext, answer: AnswerFn):
        self.app = app
        self.adapter = TeamsAdapter(app)
        self.bot = MedRepTeamsBot(app, answer)
        self.tasks: set[asyncio.Task] = set()
        self.outbox = EventOutbox(app, "teams", redis_url=app.settings.redis_url)
        self.leases = LeaseKeeper(self.outbox)
        self.loop: asyncio.AbstractEventLoop | None = None

    async def handle(self, request: Request) -> Response:
        self.loop = asyncio.get_running_loop()
        raw = await request.body()
        try:
            activity = parse_activity(raw)
        except (ValueError, UnicodeDecodeError, TypeError, AttributeError) as exc:
            store.store_raw_event(self.app, raw.decode("utf-8", "replace"), status="malformed", error=str(exc))
            return JSONResponse({"error": "malformed activity"}, status_code=400)
        auth = request.headers.get("Authorization") or None
        try:
            result = await self.adapter.bot_framework_authentication.authenticate_request(activity, auth)
        except Exception as exc:  # noqa: BLE001 - any auth failure is a 401
            log.info("Teams request rejected: %s", exc)
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        if activity.type == ActivityTypes.invoke:
            response = await self.adapter.process_activity(result, activity, self.bot.on_turn)
            if response is None:
                return Response(status_code=200)
            return JSONResponse(response.body if response.body is not None else {}, status_code=response.status)
        if activity.type != ActivityTypes.message or not activity.id:
            self._spawn(self.adapter.process_activity(result, activity, self.bot.on_turn))
            return Response(status_code=202)
        event_id = f"teams:{activity.id}"[:200]
        sender = activity.from_property
        user = (sender.aad_object_id or sender.id) if sender else None
        payload = {**receipt_payload(activity), "activity": stored_activity(activity)}
        if not await asyncio.to_thread(self.outbox.receive, event_id, payload, user):
            return Response(status_code=200)  # a redelivery of a message already being answered
        self._spawn(self.run(event_id, lambda logic: self.adapter.process_activity(result, activity, logic)))
        return Response(status_code=202)

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def run(self, event_id: str, process) -> None:
        held = await asyncio.to_thread(self.outbox.take, event_id)
        if held is None:
            return  # answered already, or another replica holds it
        self.leases.hold(event_id)
        try:
            with log_context(platform="teams", event_id=event_id, attempt=held.attempts):
                await process(self.bot.on_turn)
            await asyncio.to_thread(self.outbox.delivered, event_id)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
            if connector_transient(exc) and await asyncio.to_thread(
                    self.outbox.retry_later, event_id, held.attempts, error):
                log.warning("Teams event %s: attempt %d failed (%s); retrying later", event_id, held.attempts, error)
            else:
                log.exception("Teams activity failed")
                await asyncio.to_thread(self.outbox.finish, event_id, "failed", error)
        finally:
            self.leases.release(event_id)

    def resume(self, event_id: str) -> None:
        """From the sweep's thread: run a stored message again on the server's event loop."""
        if self.loop is None or self.loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self._resume(event_id), self.loop)

    async def _resume(self, event_id: str) -> None:
        from botframework.connector.auth import AuthenticationConstants, ClaimsIdentity

        app_id = self.app.settings.microsoft_app_id or ""
        identity = ClaimsIdentity({AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                                   AuthenticationConstants.APP_ID_CLAIM: app_id}, is_authenticated=True)

        def process(logic):
            with self.app.session() as session:
                stored = session.scalar(select(EventReceipt.payload).where(EventReceipt.event_id == event_id)) or {}
            activity = Activity().deserialize(stored.get("activity") or {})
            return self.adapter.process_proactive(identity, activity, None, logic)

        self._spawn(self.run(event_id, process))

    def start_sweeper(self) -> Sweeper | None:
        if not self.app.settings.microsoft_app_id:
            return None
        return Sweeper(self.outbox, self.resume, self.app.settings.medrep_delivery_sweep_s).start()


def default_answer(app: AppContext) -> AnswerFn:
    def answer(turn, on_status=None):
        from agent.runtime import get_runtime

        return get_runtime(app).answer(turn, on_status)

    return answer
