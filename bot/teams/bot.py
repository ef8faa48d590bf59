"""The Teams bot (botbuilder ActivityHandler): messages (and their files, bot/teams/uploads.py)
→ the agent, installs → stored conversation references, `message/submitAction` invokes →
feedback."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from botbuilder.core import ActivityHandler, BotAdapter, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ActivityTypes, InvokeResponse

from agent.types import Reply, Turn
from bot.teams import store
from bot.teams.activities import to_activity
from bot.teams.cards import reply_message, text_message
from bot.teams.files import IncomingFile, incoming_files, strip_attachment_tags
from bot.teams.identity import caller_by_aad, caller_by_email
from bot.teams.links import make_link
from bot.teams.streaming import MIN_INTERVAL_S, Streamer, StreamRegistry
from bot.teams.uploads import take_files, teams_markdown
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE
from data.models import ConversationTurn
from tools.common.files import TurnFile

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

AnswerFn = Callable[[Turn, Callable[[str], None] | None], Reply]
AT_TAG = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)
WORKING = "질문을 확인하고 있어요…"
EMPTY_PROMPT = "무엇을 도와드릴까요? 예: `이번 달 내 실적 보여줘`, `최근 12개월 매출 추이 차트`"
WELCOME = ("안녕하세요, MedRep입니다. 실적·거래처·제품 문서·방문 우선순위를 물어보세요. "
           "예: `이번 달 내 실적 보여줘`")
FEEDBACK_THANKS = "의견 감사합니다! 답변 개선에 반영할게요."


def thread_key(activity: Activity) -> str:
    """`teams:{conversation.id}`; in a channel the id carries the reply chain (`;messageid=`)."""
    conversation_id = activity.conversation.id
    if (activity.conversation.conversation_type == "channel" and ";messageid=" not in conversation_id):
        conversation_id = f"{conversation_id};messageid={activity.reply_to_id or activity.id}"
    return f"teams:{conversation_id}"


def bot_mentioned(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        if entity.type == "mention":
            extra = getattr(entity, "additional_properties", None) or {}
            mentioned = extra.get("mentioned") or {}
            if mentioned.get("id") == recipient:
                return True
    return False


def strip_mentions(text: str) -> str:
    return re.sub(r"\s+", " ", AT_TAG.sub(" ", text or "")).strip()


# the manifest's bot commands (the Slack slash commands) → a question the agent understands
COMMAND_HINTS = {"report": "실적 리포트", "forecast": "매출 예측", "client": "거래처", "news": "관련 뉴스",
                 "wiki": "위키", "draft": "방문 보고서 초안", "medrep": ""}
HELP = ("MedRep 사용법 — 그냥 물어보세요. 예: `이번 달 내 실적 보여줘`, `최근 12개월 매출 추이 차트`, "
        "`한성대학교병원 거래처 정보`, `방문 우선순위`, `로수빛정 용법·용량`. 명령: report · forecast · client · "
        "news · wiki · draft · medrep help. 1:1 채팅에 문서·통화 녹음·녹취록(vtt, srt)을 올리면 저장하고 분석합니다.")


def command_text(text: str) -> str:
    """`report 이번 달` (a manifest command) → `실적 리포트 이번 달`; other text unchanged."""
    word, _, rest = text.strip().partition(" ")
    hint = COMMAND_HINTS.get(word.lstrip("/").lower())
    if hint is None:
        return text
    return f"{hint} {rest}".strip() if hint else rest.strip()


def scope_of(activity: Activity) -> str:
    return (activity.conversation.conversation_type if activity.conversation else None) or "personal"


def attachments_of(activity: Activity) -> list[dict]:
    return [a.serialize() if hasattr(a, "serialize") else dict(a) for a in activity.attachments or []]


def bot_token(ctx: TurnContext) -> str | None:
    """The bot's outbound bearer token (inline images need it); None when unauthenticated."""
    client = ctx.turn_state.get(BotAdapter.BOT_CONNECTOR_CLIENT_KEY)
    credentials = getattr(getattr(client, "config", None), "credentials", None)
    if credentials is None or not getattr(credentials, "microsoft_app_id", None):
        return None
    return credentials.get_access_token()


def reference_of(activity: Activity) -> dict:
    reference = TurnContext.get_conversation_reference(activity).serialize()
    reference.pop("activityId", None)  # proactive messages start a new message, not a reply
    return reference


class MedRepTeamsBot(ActivityHandler):
    def __init__(self, app: AppContext, answer: AnswerFn, *, stream_interval: float = MIN_INTERVAL_S):
        self.app, self.answer = app, answer
        self.streams = StreamRegistry()
        self.stream_interval = stream_interval

    # --- who is asking -------------------------------------------------------------------
    async def resolve(self, ctx: TurnContext) -> Caller | None:
        sender = ctx.activity.from_property
        if sender is None:
            return None
        caller = caller_by_aad(self.app, sender.aad_object_id)
        if caller is not None:
            return caller
        try:
            member = await TeamsInfo.get_member(ctx, sender.id)
        except Exception as exc:  # noqa: BLE001 - the roster call failed: unknown
            log.info("Teams member lookup failed for %s: %s", sender.id, exc)
            return None
        return caller_by_email(self.app, member.email or member.user_principal_name,
                               sender.aad_object_id or member.aad_object_id)

    # --- installs ----------------------------------------------------------------------
    async def remember(self, ctx: TurnContext, caller: Caller | None = None) -> None:
        activity = ctx.activity
        scope = scope_of(activity)
        rep_id = caller.rep_id if caller else None
        if rep_id is None and scope == "personal":
            found = caller_by_aad(self.app, activity.from_property.aad_object_id if activity.from_property else None)
            rep_id = found.rep_id if found else None
        store.save_reference(self.app, reference_of(activity), scope=scope, rep_id=rep_id)

    async def on_conversation_update_activity(self, ctx: TurnContext):
        added = ctx.activity.members_added or []
        if any(m.id == ctx.activity.recipient.id for m in added):
            await self.remember(ctx)
            await ctx.send_activity(to_activity(text_message(WELCOME)))

    async def on_installation_update(self, ctx: TurnContext):
        if (ctx.activity.action or "add").startswith("add"):
            await self.remember(ctx)

    # --- messages ----------------------------------------------------------------------
    async def on_message_activity(self, ctx: TurnContext):
        activity = ctx.activity
        scope = scope_of(activity)
        if scope != "personal" and not bot_mentioned(activity):
            return
        text = strip_mentions(strip_attachment_tags((activity.text or "").replace("\x00", "")))  # PostgreSQL refuses NUL
        incoming = incoming_files(attachments_of(activity))
        caller = await self.resolve(ctx)
        if not store.has_reference(self.app, activity.conversation.id):
            await self.remember(ctx, caller)
        if caller is None:
            await ctx.send_activity(to_activity(text_message(UNKNOWN_USER_MESSAGE)))
            return
        files = await self.intake(ctx, caller, incoming, scope) if incoming else []
        text = command_text(text)
        if text.lower() in {"help", "도움말", "/help"}:
            await ctx.send_activity(to_activity(text_message(HELP)))
            return
        if not text:
            if not incoming:  # with files, the intake message was the answer
                await ctx.send_activity(to_activity(text_message(EMPTY_PROMPT)))
            return
        await self.answer_turn(ctx, caller, text, scope, files)

    async def intake(self, ctx: TurnContext, caller: Caller, incoming: list[IncomingFile],
                     scope: str) -> list[TurnFile]:
        """Download and take in the message's files; the Korean outcome goes to the chat."""
        activity = ctx.activity
        await ctx.send_activity(Activity(type=ActivityTypes.typing))
        loop = asyncio.get_running_loop()

        def token() -> str | None:  # called from the intake thread; the token call blocks
            return bot_token(ctx)

        files, notes = await loop.run_in_executor(None, lambda: take_files(
            self.app, caller, incoming, scope=scope, thread_key=thread_key(activity),
            service_url=activity.service_url or "", token=token))
        if notes:
            await ctx.send_activity(to_activity(text_message(teams_markdown("\n\n".join(notes)))))
        return files

    async def answer_turn(self, ctx: TurnContext, caller: Caller, text: str, scope: str,
                          files: list[TurnFile] | None = None) -> None:
        activity = ctx.activity
        key = thread_key(activity)
        conversation_id = activity.conversation.id
        loop = asyncio.get_running_loop()

        async def send(payload: dict) -> str | None:
            response = await ctx.send_activity(to_activity(payload))
            return response.id if response else None

        streaming = scope == "personal" and self.streams.claim(conversation_id)
        streamer = Streamer(send, interval=self.stream_interval) if streaming else None
        pending: list[concurrent.futures.Future] = []
        try:
            if streamer is not None:
                await streamer.informative(WORKING)
            else:
                await ctx.send_activity(Activity(type=ActivityTypes.typing))

            def on_status(status: str) -> None:
                if streamer is not None and status:
                    pending.append(asyncio.run_coroutine_threadsafe(streamer.informative(status.strip()[:200]), loop))

            turn = Turn(caller=caller, thread_key=key, text=text, files=list(files or []), platform="teams")
            started = time.perf_counter()
            try:
                reply = await asyncio.to_thread(self.answer, turn, on_status)
            except Exception as exc:
                log.exception("Teams turn failed")
                reply = Reply(text="죄송합니다. 답변을 만드는 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
                              error=f"{type(exc).__name__}: {exc}")
            reply.latency_ms = reply.latency_ms or int((time.perf_counter() - started) * 1000)
            for future in pending:
                try:
                    await asyncio.wrap_future(future)
                except Exception:
                    log.warning("a streamed status update failed", exc_info=True)
            turn_id = ensure_turn_logged(self.app, turn, reply)
            message = reply_message(reply, lambda path: make_link(self.app.settings, path))
            if streamer is not None:
                await streamer.stream_text(message["text"])
                message_id = await streamer.final(message)
            else:
                message_id = await send(message)
            store.remember_message(self.app, conversation_id, message_id, turn_id, key)
        finally:
            if streaming:
                self.streams.release(conversation_id)

    # --- feedback ----------------------------------------------------------------------
    async def on_invoke_activity(self, ctx: TurnContext) -> InvokeResponse:
        if ctx.activity.name == "message/submitAction":
            return await self.on_feedback(ctx)
        return await super().on_invoke_activity(ctx)

    async def on_feedback(self, ctx: TurnContext) -> InvokeResponse:
        activity = ctx.activity
        value = activity.value or {}
        if value.get("actionName") != "feedback":
            return InvokeResponse(status=200, body={})
        action = value.get("actionValue") or {}
        reaction = action.get("reaction")
        comment = action.get("feedback")
        if isinstance(comment, str):
            try:
                parsed = json.loads(comment)
                comment = parsed.get("feedbackText", comment) if isinstance(parsed, dict) else comment
            except ValueError:
                pass
        caller = caller_by_aad(self.app, activity.from_property.aad_object_id if activity.from_property else None)
        store.store_feedback(self.app, rep_id=caller.rep_id if caller else None,
                             conversation_id=activity.conversation.id, reply_to_id=activity.reply_to_id or "",
                             thread_key=thread_key(activity), value="up" if reaction == "like" else "down",
                             comment=comment if isinstance(comment, str) else None)
        return InvokeResponse(status=200, body={})


def ensure_turn_logged(app: AppContext, turn: Turn, reply: Reply) -> int | None:
    """`reply.turn_id` when the runtime logged the turn, else a row written here."""
    if reply.turn_id is not None:
        return reply.turn_id
    try:
        with app.session() as session:
            row = ConversationTurn(rep_id=turn.caller.rep_id, platform="teams", thread_key=turn.thread_key[:200],
                                   text=turn.text, tool_calls=[{"name": c.name, "args": c.args} for c in reply.tool_calls],
                                   files=[str(f.path) for f in reply.files], latency_ms=reply.latency_ms,
                                   reply_text=reply.text, error=reply.error, backend="teams-adapter")
            session.add(row)
            session.commit()
            reply.turn_id = row.id
            return row.id
    except Exception:
        log.exception("could not log the Teams turn")
        return None
