"""One conversational turn in Slack: who asks, files they shared, a visible status while the
agent works, then the answer in the thread (blocks, uploaded files, feedback buttons)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from agent.types import Reply, Turn, TurnFile
from bot.rendering import fallback_text, reply_blocks
from bot.slack.deps import SlackDeps
from bot.slack.files import FileDownloadError, download_slack_file
from bot.slack.identity import resolve_slack_user
from tools.intake.service import check_file, intake_file, max_bytes, record_rejection
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE
from data.models import ConversationTurn

log = logging.getLogger(__name__)

MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")
WORKING = "분석 중…"


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


def message_from_event(event: dict, body: dict) -> SlackMessage:
    team = body.get("team_id") or event.get("team") or ""
    ts = event.get("ts", "")
    return SlackMessage(
        team_id=team, channel=event.get("channel", ""), user_id=event.get("user", ""),
        text=MENTION.sub("", event.get("text") or "").strip(), ts=ts,
        thread_ts=event.get("thread_ts") or ts, is_dm=event.get("channel_type") == "im",
        files=list(event.get("files") or []), event_id=body.get("event_id", ""),
    )


def bot_in_thread(deps: SlackDeps, thread_key: str) -> bool:
    with deps.app.session() as session:
        return session.scalar(select(ConversationTurn.id).where(
            ConversationTurn.thread_key == thread_key).limit(1)) is not None


class StatusReporter:
    """Shows progress: Slack's assistant status in assistant (DM) threads, else a placeholder
    message in the thread that is edited as tools run and finally replaced by the answer."""

    def __init__(self, client: WebClient, msg: SlackMessage):
        self.client, self.msg = client, msg
        self.placeholder_ts: str | None = None
        self.assistant = False
        self.last = ""

    def start(self) -> None:
        if self.msg.is_dm:
            try:
                self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                        status=WORKING)
                self.assistant = True
                self.last = WORKING
                return
            except SlackApiError:
                self.assistant = False
        self.update(WORKING)

    def update(self, status: str) -> None:
        status = (status or WORKING).strip()[:140]
        if status == self.last:
            return
        self.last = status
        try:
            if self.assistant:
                self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                        status=status)
            elif self.placeholder_ts is None:
                resp = self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                    text=f"⏳ {status}")
                self.placeholder_ts = resp.get("ts")
            else:
                self.client.chat_update(channel=self.msg.channel, ts=self.placeholder_ts, text=f"⏳ {status}")
        except SlackApiError as exc:
            log.warning("status update failed: %s", exc.response.get("error"))

    def finish(self, text: str, blocks: list[dict]) -> str | None:
        """Deliver the answer: replace the placeholder, or post in the thread."""
        if self.placeholder_ts:
            resp = self.client.chat_update(channel=self.msg.channel, ts=self.placeholder_ts, text=text, blocks=blocks)
            return resp.get("ts")
        resp = self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts, text=text,
                                            blocks=blocks, unfurl_links=False)
        if self.assistant:  # clear the status explicitly (posting a reply also clears it)
            try:
                self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                        status="")
            except SlackApiError:
                pass
        return resp.get("ts")


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


def upload_reply_files(client: WebClient, msg: SlackMessage, reply: Reply) -> None:
    for artifact in reply.files:
        try:
            client.files_upload_v2(channel=msg.channel, thread_ts=msg.thread_ts, file=str(artifact.path),
                                   filename=artifact.path.name, title=artifact.title or artifact.path.name)
        except (SlackApiError, OSError) as exc:
            log.warning("file upload failed for %s: %s", artifact.path, exc)
            post_in_thread(client, msg, f"⚠️ '{artifact.title}' 파일을 올리지 못했습니다. 잠시 후 다시 요청해 주세요.")


def handle_message(deps: SlackDeps, client: WebClient, msg: SlackMessage) -> None:
    """Answer one message in its thread. Never raises (errors become a Korean message)."""
    started = time.time()
    caller = resolve_slack_user(deps.app, client, msg.user_id)
    if caller is None:
        post_in_thread(client, msg, UNKNOWN_USER_MESSAGE)
        return
    files, notes = take_files(deps, client, msg, caller) if msg.files else ([], [])
    if notes:
        post_in_thread(client, msg, "\n".join(notes))
    if not msg.text:
        if not files and not notes:
            post_in_thread(client, msg, "무엇을 도와드릴까요? 예: `이번 달 내 실적 보여줘`, `한성대학교병원 거래처 정보`")
        elif files:
            post_in_thread(client, msg, "이 파일에 대해 궁금한 점을 이 스레드에 물어봐 주세요. 예: `이 문서 요약해줘`")
        return
    status = StatusReporter(client, msg)
    status.start()
    turn = Turn(caller=caller, thread_key=msg.thread_key, text=msg.text, files=files, platform="slack")
    reply = deps.answer(turn, status.update)
    upload_reply_files(client, msg, reply)
    turn_id = ensure_turn_logged(deps, turn, reply)
    key = f"{turn_id or ''}|{msg.thread_key}"  # the feedback buttons carry this exact turn's id
    status.finish(fallback_text(reply), reply_blocks(reply, feedback_key=key))
    deps.metrics.answered(time.time() - started)
