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
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.teams import store
from bot.teams.auth import build_authentication
from bot.teams.bot import AnswerFn, MedRepTeamsBot
from bot.teams.files import event_summary

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


class TeamsAdapter(CloudAdapterBase):
    def __init__(self, app: AppContext):
        super().__init__(build_authentication(app.settings))

        async def on_error(ctx: TurnContext, error: Exception) -> None:
            log.error("Teams turn error: %s", error, exc_info=error)
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


class TeamsEndpoint:
    def __init__(self, app: AppContext, answer: AnswerFn):
        self.app = app
        self.adapter = TeamsAdapter(app)
        self.bot = MedRepTeamsBot(app, answer)
        self.tasks: set[asyncio.Task] = set()

    async def handle(self, request: Request) -> Response:
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
        if activity.type == ActivityTypes.message and not store.first_receipt(
                self.app, activity.id or "", receipt_payload(activity)):
            return Response(status_code=200)  # a redelivery of a message already being answered
        task = asyncio.create_task(self.run(result, activity))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return Response(status_code=202)

    async def run(self, result, activity: Activity) -> None:
        try:
            await self.adapter.process_activity(result, activity, self.bot.on_turn)
            if activity.type == ActivityTypes.message:
                store.mark_receipt(self.app, activity.id or "", "done")
        except Exception as exc:
            log.exception("Teams activity failed")
            if activity.type == ActivityTypes.message:
                store.mark_receipt(self.app, activity.id or "", "failed", str(exc)[:2000])


def default_answer(app: AppContext) -> AnswerFn:
    def answer(turn, on_status=None):
        from agent.runtime import get_runtime

        return get_runtime(app).answer(turn, on_status)

    return answer
