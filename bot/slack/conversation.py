"""One conversational turn in Slack: who asks, files they shared, the answer streamed into the
thread with the tool steps (bot/slack/stream.py), then files, the table and feedback buttons.
What was delivered is kept (bot/slack/shown.py)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from agent.types import Reply, Turn, TurnFile
from bot.outbox import HeldEvent
from bot.slack.answer import SlackAnswer, render_answer
from bot.slack import texts
from bot.slack.deps import SlackDeps
from bot.slack.files import FileDownloadError, download_slack_file
from bot.slack.identity import resolve_slack_user
from bot.slack.shown import store_shown
from bot.slack.stream import TurnStream
from tools.intake.service import check_file, intake_file, max_bytes, record_rejection
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE
from data.models import ConversationTurn
from medrep.kernel.logs import log_context
from tools.common.results import FileArtifact

log = logging.getLogger(__name__)

MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")


@dataclass
class SlackMessage:
    team_id: str
    channel: str
    user_id: str
    text: str
    ts: str
    thread_ts: str
    is_dm: bool = False
    files: list[dict] = field(default_factory=list)
    event_id: str = ""

    @property
    def thread_key(self) -> str:
        return f"slack:{self.team_id}:{self.channel}:{self.thread_ts}"


def without_nul(text: str) -> str:
    """NUL never means anything in a question, and PostgreSQL text columns refuse it."""
    return text.replace("\x00", "")


def message_from_event(event: dict, body: dict) -> SlackMessage:
    team = body.get("team_id") or event.get("team") or ""
    ts = event.get("ts", "")
    return SlackMessage(
        team_id=team, channel=event.get("channel", ""), user_id=event.get("user", ""),
        text=without_nul(MENTION.sub("", event.get("text") or "")).strip(), ts=ts,
        thread_ts=event.get("thread_ts") or ts, is_dm=event.get("channel_type") == "im",
        files=list(event.get("files") or []), event_id=body.get("event_id", ""),
    )


def bot_in_thread(deps: SlackDeps, thread_key: str) -> bool:
    with deps.app.session() as session:
        return session.scalar(select(ConversationTurn.id).where(
            ConversationTurn.thread_key == thread_key).limit(1)) is not None


def post_in_thread(client: WebClient, msg: SlackMessage, text: str) -> None:
    client.chat_postMessage(channel=msg.channel, thread_ts=msg.thread_ts, text=text)


def take_files(deps: SlackDeps, client: WebClient, msg: SlackMessage, caller: Caller) -> tuple[list[TurnFile], list[str]]:
    """Check, download and store the shared files; returns turn files and Korean notes."""
    turn_files: list[TurnFile] = []
    notes: list[str] = []
    settings = deps.app.settings
    for info in msg.files:
        name = info.get("name") or info.get("title") or "file"
        mime = info.get("mimetype") or ""
        size = int(info.get("size") or 0)
        refusal = check_file(settings, name, size, mime)
        if refusal is None:
            try:
                data = download_slack_file(info.get("url_private_download") or info.get("url_private") or "",
                                           token=deps.token, api_url=deps.api_url, max_bytes=max_bytes(settings))
            except FileDownloadError as exc:
                refusal = str(exc)
            except Exception as exc:
                log.exception("file download failed")
                refusal = f"'{name}' 파일을 내려받는 중 오류가 발생했습니다 ({type(exc).__name__}). 다시 올려 주세요."
        if refusal:
            record_rejection(deps.app, rep_id=caller.rep_id, platform="slack", thread_key=msg.thread_key,
                             filename=name, mime=mime, size_bytes=size, message=refusal)
            notes.append(f"⚠️ {refusal}")
            continue
        result = intake_file(deps.app, rep_id=caller.rep_id, platform="slack", thread_key=msg.thread_key,
                             filename=name, mime=mime, data=data)
        notes.append(result.message if result.ok else f"⚠️ {result.message}")
        if result.ok and result.turn_file is not None:
            turn_files.append(result.turn_file)
    return turn_files, notes


def ensure_turn_logged(deps: SlackDeps, turn: Turn, reply: Reply) -> int | None:
    """The id of this turn's conversation log row: `reply.turn_id` when the runtime wrote it,
    else a row written here (an answer function that does not log). Never guessed by time,
    so overlapping turns in one thread keep their own rows and feedback."""
    if reply.turn_id is not None:
        return reply.turn_id
    try:
        with deps.app.session() as session:
            row = ConversationTurn(rep_id=turn.caller.rep_id, platform="slack", thread_key=turn.thread_key[:200],
                                   text=turn.text,
                                   tool_calls=[{"name": c.name, "args": c.args} for c in reply.tool_calls],
                                   files=[str(f.path) for f in reply.files], latency_ms=reply.latency_ms,
                                   reply_text=reply.text, error=reply.error, backend="slack-adapter")
            session.add(row)
            session.commit()
            reply.turn_id = row.id
            return row.id
    except Exception:  # the answer is still delivered, with thread-level feedback only
        log.exception("could not log the Slack turn")
        return None


def upload_reply_files(client: WebClient, msg: SlackMessage, files) -> None:
    for artifact in files:
        try:
            client.files_upload_v2(channel=msg.channel, thread_ts=msg.thread_ts, file=str(artifact.path),
                                   filename=artifact.path.name, title=artifact.title or artifact.path.name)
        except (SlackApiError, OSError) as exc:
            log.warning("file upload failed for %s: %s", artifact.path, exc)
            post_in_thread(client, msg, f"⚠️ '{artifact.title}' 파일을 올리지 못했습니다. 잠시 후 다시 요청해 주세요.")


def files_dir(deps: SlackDeps):
    return deps.app.settings.home / "files" / "slack"


def handle_message(deps: SlackDeps, client: WebClient, msg: SlackMessage, held: HeldEvent) -> None:
    """Answer one message in its thread, under the lease of its event (bot/slack/delivery.py):
    the answer is computed, stored in the outbox, then delivered. A Slack failure while
    delivering propagates (the caller reschedules the delivery); a failure while computing
    becomes a Korean message in the thread."""
    started = time.time()
    caller = resolve_slack_user(deps.app, client, msg.user_id)
    if caller is None:
        post_in_thread(client, msg, UNKNOWN_USER_MESSAGE)
        deps.outbox.finish(held.event_id, "done", "unknown user")
        return
    files, notes = take_files(deps, client, msg, caller) if msg.files else ([], [])
    if notes:
        post_in_thread(client, msg, "\n".join(notes))
    if not msg.text:
        if not files and not notes:
            post_in_thread(client, msg, "무엇을 도와드릴까요? 예: `이번 달 내 실적 보여줘`, `한성대학교병원 거래처 정보`")
        elif files:
            post_in_thread(client, msg, "이 파일에 대해 궁금한 점을 이 스레드에 물어봐 주세요. 예: `이 문서 요약해줘`")
        deps.outbox.finish(held.event_id)
        return
    stream = TurnStream(client, msg, on_start=lambda mode, ts: deps.outbox.note_reply(held.event_id, mode, ts))
    stream.resume(held.reply_mode, held.reply_ts)
    stream.begin()
    turn = Turn(caller=caller, thread_key=msg.thread_key, text=msg.text, files=files, platform="slack")
    try:
        with log_context(caller=caller.rep_id):
            reply = deps.answer(turn, stream)
        for tool in sorted({c.name for c in reply.tool_calls}) or ["none"]:
            deps.metrics.turn(tool, (reply.latency_ms or (time.time() - started) * 1000) / 1000)
        turn_id = ensure_turn_logged(deps, turn, reply)
        key = f"{turn_id or ''}|{msg.thread_key}"  # the feedback buttons carry this exact turn's id
        answer = render_answer(reply, feedback_key=key, files_dir=files_dir(deps))
    except Exception:
        log.exception("slack turn failed while computing the answer")
        deps.metrics.failed("message")
        stream.fail(texts.TURN_FAILED)
        deps.outbox.finish(held.event_id, "failed", "turn failed")
        return
    stored = {"answer": answer.to_json(), "rep_id": caller.rep_id, "turn_id": turn_id,
              "files": [{"path": str(f.path), "mime": f.mime, "title": f.title} for f in reply.files],
              "started": started}
    deps.outbox.store_answer(held.event_id, stored)
    deliver_answer(deps, client, msg, held, stream, stored)


def deliver_answer(deps: SlackDeps, client: WebClient, msg: SlackMessage, held: HeldEvent, stream: TurnStream,
                   stored: dict) -> None:
    """Post a computed answer once: skipped when the outbox says it was delivered already."""
    if deps.outbox.is_delivered(held.event_id):
        log.info("event %s already answered: not posted again", held.event_id)
        return
    answer = SlackAnswer.from_json(stored["answer"])
    files = [FileArtifact(path=Path(f["path"]), mime=f["mime"], title=f["title"]) for f in stored.get("files") or []]
    upload_reply_files(client, msg, files + answer.attachments)
    ts = stream.finish(answer)
    deps.outbox.delivered(held.event_id)
    try:  # after delivery nothing may post an error into the thread
        store_shown(deps.app, rep_id=stored.get("rep_id"), turn_id=stored.get("turn_id"), text=answer.text,
                    blocks=answer.blocks(), files=files + answer.attachments, where=f"{msg.channel}:{ts or ''}")
    except Exception:
        log.exception("could not keep the shown answer of event %s", held.event_id)
    deps.metrics.answered(time.time() - float(stored.get("started") or time.time()))
