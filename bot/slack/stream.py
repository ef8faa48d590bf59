"""One answer delivered into its thread while the agent works.

Streaming (chat.startStream → appendStream → stopStream): each tool step is a `task_update`
chunk (the tool's Korean status line, in progress → complete), the answer text is appended
in pieces, and the stop carries the table, sources, follow-ups and feedback buttons. The
recipient ids go with every start: Slack requires them outside DMs, and bot-token streams
have been seen to need them in DMs too.

When the workspace refuses streaming (chat.startStream answers ok:false), the turn falls
back to the placeholder path: an assistant status in DMs, else a "⏳ …" message edited as
tools run and replaced by the answer. A stream that breaks midway (Slack ends streams after
a few minutes) is stopped if possible and the answer posted as a new message.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import TYPE_CHECKING, Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import texts
from tools.registry import status_for_tool

if TYPE_CHECKING:
    from bot.slack.answer import SlackAnswer
    from bot.slack.conversation import SlackMessage

log = logging.getLogger(__name__)

OnStart = Callable[[str, "str | None"], None]  # (mode "stream" | "placeholder", message ts)

TASK_TITLE = 256  # Slack's limit per chunk field
THINKING_ID = "medrep-thinking"


def _error(exc: SlackApiError) -> str:
    return str((exc.response or {}).get("error") or exc)


def _task(task_id: str, title: str, status: str) -> dict:
    return {"type": "task_update", "id": re.sub(r"[^\w.-]", "_", task_id)[:64] or "step",
            "title": title.strip()[:TASK_TITLE], "status": status}


class Placeholder:
    """The non-streaming path: assistant status in DMs, else a placeholder message that is
    edited as tools run and finally replaced by the answer."""

    def __init__(self, client: WebClient, msg: "SlackMessage", on_start: OnStart | None = None):
        self.client, self.msg = client, msg
        self.ts: str | None = None
        self.last = ""
        self.on_start = on_start

    def update(self, status: str) -> None:
        status = (status or texts.WORKING).strip()[:140]
        if status == self.last:
            return
        self.last = status
        try:
            if self.msg.is_dm:
                self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                        status=status)
            elif self.ts is None:
                resp = self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                    text=texts.PLACEHOLDER.format(status=status))
                self.ts = resp.get("ts")
                if self.on_start is not None:
                    self.on_start("placeholder", self.ts)
            else:
                self.client.chat_update(channel=self.msg.channel, ts=self.ts,
                                        text=texts.PLACEHOLDER.format(status=status))
        except SlackApiError as exc:
            log.warning("status update failed: %s", _error(exc))

    def finish(self, answer: "SlackAnswer") -> str | None:
        if self.ts:
            resp = self.client.chat_update(channel=self.msg.channel, ts=self.ts, text=answer.text,
                                           blocks=answer.blocks())
            return resp.get("ts")
        resp = self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts,
                                            text=answer.text, blocks=answer.blocks(), unfurl_links=False)
        return resp.get("ts")


class TurnStream:
    """Progress and answer of one turn. The agent calls `status(text)` and
    `step(call_id, tool, state)`; answer functions that only report status lines call the
    object itself, and each new line becomes a step."""

    def __init__(self, client: WebClient, msg: "SlackMessage", on_start: OnStart | None = None):
        self.client, self.msg = client, msg
        self.mode = "idle"  # idle → streaming | fallback; streaming → broken
        self.ts: str | None = None
        self.open_tasks: dict[str, str] = {}  # chunk id -> title, still in progress
        self.on_start = on_start
        self.placeholder = Placeholder(client, msg, on_start)
        self.lock = threading.RLock()
        self._legacy = 0

    def resume(self, mode: str | None, ts: str | None) -> bool:
        """Continue the message an earlier attempt at this turn left (bot/outbox.py): a
        placeholder is edited into the answer; a stream cannot be continued reliably, so it is
        stopped and the answer is posted as a new message. True when something was adopted."""
        if not ts:
            return False
        if mode == "placeholder":
            self.placeholder.ts, self.mode = ts, "fallback"
            return True
        if mode == "stream":
            self.ts = ts
            self._stop_quietly()
            self.ts, self.mode = None, "broken"
            return True
        return False

    # progress ---------------------------------------------------------------
    def begin(self) -> None:
        """Right after the ack: the assistant status (and thread title) in DMs; in channels,
        where there is no status, the stream starts with a "질문 분석 중" step."""
        if self.msg.is_dm:
            self._set_status(texts.WORKING, loading=True)
            if self.msg.ts == self.msg.thread_ts and self.msg.text:
                try:
                    self.client.assistant_threads_setTitle(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                           title=self.msg.text[:80])
                except SlackApiError as exc:
                    log.info("thread title not set: %s", _error(exc))
        else:
            self._send([self._open(THINKING_ID, texts.THINKING_TASK)])

    def status(self, text: str) -> None:
        with self.lock:
            if self.mode == "fallback":
                self.placeholder.update(text)
            elif self.mode == "idle" and self.msg.is_dm:
                self._set_status(text)

    def step(self, call_id: str, tool: str, state: str) -> None:
        title = status_for_tool(tool)
        if state == "in_progress":
            self._send([self._open(call_id or tool, title)])
        else:
            self._send([self._close(call_id or tool, "error" if state == "error" else "complete", title)])

    def __call__(self, text: str) -> None:
        """A status line from an answer function that does not report steps."""
        if not text or text in self.open_tasks.values():
            return
        chunks = [self._close(tid, "complete") for tid in list(self.open_tasks) if tid.startswith("status-")]
        self._legacy += 1
        chunks.append(self._open(f"status-{self._legacy}", text))
        self.status(text)
        self._send(chunks)

    # delivery ---------------------------------------------------------------
    def finish(self, answer: "SlackAnswer") -> str | None:
        """Deliver the answer; returns the ts of the message that holds it."""
        with self.lock:
            done = [self._close(tid, "complete") for tid in list(self.open_tasks)]
            pieces = answer.stream_pieces()
            if self.mode == "idle":
                self._start(done + ([{"type": "markdown_text", "text": pieces.pop(0)}] if pieces else []))
                done = []
            if self.mode == "streaming":
                try:
                    if done:
                        self.client.chat_appendStream(channel=self.msg.channel, ts=self.ts, chunks=done)
                    for piece in pieces:
                        self.client.chat_appendStream(channel=self.msg.channel, ts=self.ts, markdown_text=piece)
                    self.client.chat_stopStream(channel=self.msg.channel, ts=self.ts, blocks=answer.stop_blocks())
                    self._clear_status()
                    return self.ts
                except SlackApiError as exc:
                    log.warning("stream broke (%s); posting the answer as a message", _error(exc))
                    self._stop_quietly()
                    self.mode = "broken"
            if self.mode == "broken":
                resp = self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                    text=answer.text, blocks=answer.blocks(), unfurl_links=False)
                self._clear_status()
                return resp.get("ts")
            ts = self.placeholder.finish(answer)
            self._clear_status()
            return ts

    def fail(self, text: str) -> None:
        """The turn failed: close the stream (or the placeholder) with a Korean message."""
        with self.lock:
            if self.mode == "streaming":
                try:
                    chunks = [self._close(tid, "error") for tid in list(self.open_tasks)]
                    self.client.chat_stopStream(channel=self.msg.channel, ts=self.ts,
                                                chunks=chunks + [{"type": "markdown_text", "text": text}])
                    self._clear_status()
                    return
                except SlackApiError:
                    pass
            if self.placeholder.ts:
                self.client.chat_update(channel=self.msg.channel, ts=self.placeholder.ts, text=text)
            else:
                self.client.chat_postMessage(channel=self.msg.channel, thread_ts=self.msg.thread_ts, text=text)
            self._clear_status()

    # internals --------------------------------------------------------------
    def _open(self, task_id: str, title: str) -> dict:
        chunk = _task(task_id, title, "in_progress")
        self.open_tasks[chunk["id"]] = chunk["title"]
        return chunk

    def _close(self, task_id: str, status: str, title: str | None = None) -> dict:
        chunk_id = _task(task_id, "x", status)["id"]
        title = self.open_tasks.pop(chunk_id, None) or title or texts.WORKING
        return _task(chunk_id, title, status)

    def _send(self, chunks: list[dict]) -> None:
        with self.lock:
            if self.mode == "idle":
                self._start(chunks)
            elif self.mode == "streaming":
                try:
                    self.client.chat_appendStream(channel=self.msg.channel, ts=self.ts, chunks=chunks)
                except SlackApiError as exc:
                    log.warning("stream append failed: %s", _error(exc))
                    self.mode = "broken"
            elif self.mode == "fallback":
                latest = next((c["title"] for c in reversed(chunks) if c.get("status") == "in_progress"), None)
                if latest:
                    self.placeholder.update(latest)

    def _start(self, chunks: list[dict]) -> None:
        try:
            resp = self.client.chat_startStream(channel=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                recipient_team_id=self.msg.team_id or None,
                                                recipient_user_id=self.msg.user_id or None, chunks=chunks or None)
            self.ts = resp.get("ts")
            self.mode = "streaming"
            if self.on_start is not None:
                self.on_start("stream", self.ts)
        except SlackApiError as exc:
            log.info("streaming refused (%s): placeholder path", _error(exc))
            self.mode = "fallback"
            latest = next((c["title"] for c in reversed(chunks) if c.get("status") == "in_progress"), None)
            self.placeholder.update(latest or texts.WORKING)

    def _stop_quietly(self) -> None:
        try:
            self.client.chat_stopStream(channel=self.msg.channel, ts=self.ts)
        except Exception as exc:  # Slack may have ended it already, or be unreachable: the answer goes anew
            log.info("stream not stopped: %s", exc)

    def _set_status(self, text: str, loading: bool = False) -> None:
        try:
            self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                    status=(text or texts.WORKING)[:140],
                                                    loading_messages=texts.LOADING_MESSAGES if loading else None)
        except SlackApiError as exc:
            log.info("assistant status not set: %s", _error(exc))

    def _clear_status(self) -> None:
        if self.msg.is_dm:
            try:
                self.client.assistant_threads_setStatus(channel_id=self.msg.channel, thread_ts=self.msg.thread_ts,
                                                        status="")
            except SlackApiError:
                pass
