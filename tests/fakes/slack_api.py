"""A loopback fake of the Slack Web API (and file host, upload URLs, response_urls).

Speaks the real protocol closely enough for slack_sdk's WebClient: form or JSON bodies,
`{"ok": ...}` JSON answers, 429 with Retry-After. Records every call for assertions. Refuses
what Slack refuses (tests/fakes/slack_rules.py: invalid blocks, a second table, too long
text) and keeps the state of streamed messages (chat.startStream → appendStream → stopStream).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from fakes.loopback import LoopbackHTTPServer
from fakes.slack_rules import chunks_error, message_error, parsed

STREAM_METHODS = ("chat.startStream", "chat.appendStream", "chat.stopStream")


@dataclass
class Stream:
    """A streamed message as Slack holds it."""

    channel: str
    thread_ts: str
    recipient_team_id: str | None
    recipient_user_id: str | None
    chunks: list[dict] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)
    state: str = "streaming"  # streaming | completed

    @property
    def markdown(self) -> str:
        return "".join(c.get("text", "") for c in self.chunks if c.get("type") == "markdown_text")

    def tasks(self) -> dict[str, list[str]]:
        """task id -> the statuses it went through, in order."""
        seen: dict[str, list[str]] = {}
        for chunk in self.chunks:
            if chunk.get("type") == "task_update":
                seen.setdefault(chunk["id"], []).append(chunk["status"])
        return seen


@dataclass
class Delivered:
    """A message as it ends up in Slack: posted (maybe edited) or streamed and stopped."""

    method: str  # chat.postMessage | chat.startStream
    channel: str
    thread_ts: str
    ts: str
    text: str
    blocks: list[dict]
    stream: Stream | None = None

    def has(self, block_id: str) -> dict | None:
        return next((b for b in self.blocks if b.get("block_id") == block_id), None)


@dataclass
class Call:
    method: str
    params: dict
    headers: dict
    at: float = field(default_factory=time.time)


class FakeSlackApi(LoopbackHTTPServer):
    def __init__(self, token: str = "xoxb-test-token", bot_user_id: str = "UBOT0001", team_id: str = "T0MEDREP"):
        self.token, self.bot_user_id, self.team_id = token, bot_user_id, team_id
        self.calls: list[Call] = []
        self.users: dict[str, str] = {}  # slack user id -> email
        self.files: dict[str, bytes] = {}  # path under /files/ -> bytes
        self.uploads: dict[str, dict] = {}  # file id -> {"bytes", "filename"}
        self.rate_limit_once: dict[str, int] = {}  # method -> how many 429s to give first
        self.failing: dict[str, str] = {}  # method -> error code to answer
        # faults, as Slack shows them when it has a bad minute (tests/scale/test_durable_delivery.py)
        self.server_errors: dict[str, int] = {}  # method -> how many HTTP 500s to give first
        self.rate_limits: dict[str, int] = {}  # method -> how many 429s to give first
        self.hang: dict[str, tuple[int, float]] = {}  # method -> (how many calls, seconds each hangs)
        self.down = False  # every Web API call answers 503 (Slack unavailable)
        self.failing_channels: dict[str, str] = {}  # channel -> error code of every chat.* call there
        self.stall = threading.Event()  # while set, chat.* calls wait (work "in flight" at a kill)
        self.socket_url: str | None = None  # what apps.connections.open hands out (Socket Mode)
        self.app_token = "xapp-1-test"
        self.streams: dict[str, Stream] = {}  # message ts -> streamed message
        self.messages: dict[str, Delivered] = {}  # message ts -> posted message (edits applied)
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        super().__init__()

    # lifecycle -------------------------------------------------------------
    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    # helpers for tests -----------------------------------------------------
    def add_file(self, name: str, data: bytes) -> str:
        self.files[name] = data
        return f"{self.base}/files/{name}"

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, predicate, timeout: float = 60.0, interval: float = 0.05):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                snapshot = list(self.calls)
            result = predicate(snapshot)
            if result:
                return result
            time.sleep(interval)
        raise AssertionError(f"timed out; calls were: {[(c.method, str(c.params.get('text', ''))[:300]) for c in self.calls]}")

    def delivered(self, channel: str | None = None) -> list[Delivered]:
        """Every message in `channel` (all when None), in the order they were started."""
        with self._lock:
            found = list(self.messages.values())
            found += [Delivered("chat.startStream", st.channel, st.thread_ts, ts, st.markdown, st.blocks, st)
                      for ts, st in self.streams.items()]
        found.sort(key=lambda d: d.ts)
        return [d for d in found if channel is None or d.channel == channel]

    def answers(self, channel: str | None = None, thread_ts: str | None = None) -> list[Delivered]:
        """Final answers (they carry the feedback buttons), in order; streams once stopped."""
        return [d for d in self.delivered(channel) if d.has("medrep_feedback")
                and (d.stream is None or d.stream.state == "completed")
                and (thread_ts is None or d.thread_ts == thread_ts)]

    def _record(self, method: str, params: dict, headers) -> None:
        with self._lock:
            self.calls.append(Call(method, params, {k.lower(): v for k, v in headers.items()}))

    def _stream(self, method: str, params: dict, ts: str) -> dict:
        markdown = params.get("markdown_text")
        if markdown is not None and len(markdown) > 12_000:
            return {"ok": False, "error": "msg_too_long"}
        refused = chunks_error(params.get("chunks"))
        if refused:
            return refused
        chunks = list(parsed(params.get("chunks")) or [])
        if markdown:
            chunks.insert(0, {"type": "markdown_text", "text": markdown})
        if method == "chat.startStream":
            channel = params.get("channel")
            if not channel:
                return {"ok": False, "error": "invalid_arguments"}
            if not str(channel).startswith("D"):  # outside DMs Slack needs to know who reads the stream
                for name in ("recipient_team_id", "recipient_user_id"):
                    if not params.get(name):
                        return {"ok": False, "error": f"missing_{name}"}
            with self._lock:
                self.streams[ts] = Stream(channel, params.get("thread_ts", ""), params.get("recipient_team_id"),
                                          params.get("recipient_user_id"), chunks)
            return {"ok": True, "channel": channel, "ts": ts}
        if not params.get("channel") or not params.get("ts"):
            return {"ok": False, "error": "invalid_arguments"}
        stream = self.streams.get(params["ts"])
        if stream is None or stream.channel != params["channel"]:
            return {"ok": False, "error": "message_not_found"}
        if stream.state != "streaming":
            return {"ok": False, "error": "message_not_in_streaming_state"}
        if method == "chat.appendStream":
            if not chunks:
                return {"ok": False, "error": "invalid_arguments"}
            stream.chunks.extend(chunks)
            return {"ok": True, "channel": stream.channel, "ts": params["ts"]}
        refused = message_error({"channel": stream.channel, "blocks": params.get("blocks"), "text": "-"})
        if refused:
            return refused
        stream.chunks.extend(chunks)
        stream.blocks = list(parsed(params.get("blocks")) or [])
        stream.state = "completed"
        return {"ok": True, "channel": stream.channel, "ts": params["ts"],
                "message": {"ts": params["ts"], "text": stream.markdown}}

    def _answer(self, method: str, params: dict) -> dict:
        if method in self.failing:
            return {"ok": False, "error": self.failing[method]}
        if method.startswith("chat.") and params.get("channel") in self.failing_channels:
            return {"ok": False, "error": self.failing_channels[params["channel"]]}
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        if method in STREAM_METHODS:
            return self._stream(method, params, ts)
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            refused = message_error(params)
            if refused:
                return refused
        if method == "assistant.threads.setStatus" and (not params.get("channel_id") or not params.get("thread_ts")
                                                        or "status" not in params):
            return {"ok": False, "error": "invalid_arguments"}
        if method == "assistant.threads.setTitle" and not (params.get("channel_id") and params.get("thread_ts")
                                                           and params.get("title")):
            return {"ok": False, "error": "invalid_arguments"}
        if method == "assistant.threads.setSuggestedPrompts":
            prompts = parsed(params.get("prompts")) or []
            if not params.get("channel_id") or not 1 <= len(prompts) <= 4:
                return {"ok": False, "error": "invalid_arguments"}
        if method == "auth.test":
            return {"ok": True, "user_id": self.bot_user_id, "bot_id": "B0MEDREP", "team_id": self.team_id,
                    "user": "medrep", "team": "HB Pharma", "url": "https://hb.slack.com/"}
        if method in ("chat.postMessage", "chat.update"):
            msg_ts = params.get("ts") or ts if method == "chat.update" else ts
            with self._lock:
                before = self.messages.get(msg_ts)
                if method == "chat.update" and before is None:
                    return {"ok": False, "error": "message_not_found"}
                self.messages[msg_ts] = Delivered(
                    "chat.postMessage", params.get("channel", ""),
                    before.thread_ts if before else params.get("thread_ts", ""), msg_ts, params.get("text") or "",
                    list(parsed(params.get("blocks")) or []))
            return {"ok": True, "channel": params.get("channel"), "ts": msg_ts,
                    "message": {"text": params.get("text"), "ts": msg_ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "users.info":
            uid = params.get("user", "")
            if uid not in self.users:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": uid, "profile": {"email": self.users[uid]}}}
        if method == "files.getUploadURLExternal":
            fid = f"F{next(self._ts):08d}"
            return {"ok": True, "upload_url": f"{self.base}/upload/{fid}", "file_id": fid}
        if method == "files.completeUploadExternal":
            files = params.get("files")
            files = json.loads(files) if isinstance(files, str) else (files or [])
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}
        if method == "files.info":
            return {"ok": True, "file": {"id": params.get("file"), "name": "file"}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "X"))[:10]}}
        if method in ("views.publish", "views.open", "views.update"):
            view = params.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            return {"ok": True, "view": {"id": f"V{next(self._ts):06d}", **(view or {})}}
        return {"ok": True}

    def _take(self, counts: dict, method: str) -> bool:
        with self._lock:
            left = counts.get(method, 0)
            if left > 0:
                counts[method] = left - 1
                return True
            return False

    def _fault(self, handler, method: str) -> bool:
        """Answer with a fault instead of the method (True), or let it through (False)."""
        if method.startswith("chat.") or method.startswith("assistant."):
            while self.stall.is_set():
                time.sleep(0.05)
        with self._lock:
            hang = self.hang.get(method)
            if hang and hang[0] > 0:
                self.hang[method] = (hang[0] - 1, hang[1])
        if hang and hang[0] > 0:
            time.sleep(hang[1])  # the client gives up first; what it sent is not applied
            try:
                handler._send(504, "gateway timeout")
            except OSError:
                pass
            return True
        if self.down and method != "auth.test":
            handler._send(503, "service unavailable")
            return True
        if self._take(self.server_errors, method):
            handler._send(500, {"ok": False, "error": "internal_error"})
            return True
        if self._take(self.rate_limits, method):
            handler._send(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
            return True
        return False

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                return

            def _send(self, status: int, payload: dict | str, headers: dict | None = None) -> None:
                body = (json.dumps(payload) if isinstance(payload, dict) else payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8"
                                 if isinstance(payload, dict) else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def do_GET(self):
                path = urlparse(self.path).path
                if path.startswith("/files/"):
                    name = path[len("/files/"):]
                    fake._record("file.download", {"name": name}, self.headers)
                    if self.headers.get("Authorization") != f"Bearer {fake.token}":
                        self._send(403, "forbidden")
                        return
                    if name not in fake.files:
                        self._send(404, "not found")
                        return
                    data = fake.files[name]
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self._send(404, "not found")

            def do_POST(self):
                parsed = urlparse(self.path)
                raw = self._body()
                if parsed.path.startswith("/upload/"):
                    fid = parsed.path.rsplit("/", 1)[-1]
                    fake.uploads[fid] = {"bytes": raw}
                    fake._record("file.upload", {"file_id": fid, "size": len(raw)}, self.headers)
                    self._send(200, "OK - %d" % len(raw))
                    return
                if parsed.path.startswith("/response/"):
                    fake._record("response_url", json.loads(raw or b"{}") | {"_path": parsed.path}, self.headers)
                    self._send(200, "ok")
                    return
                if not parsed.path.startswith("/api/"):
                    self._send(404, "not found")
                    return
                method = parsed.path[len("/api/"):]
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    params = json.loads(raw or b"{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                params.update({k: v[0] for k, v in parse_qs(parsed.query).items()})
                fake._record(method, params, self.headers)
                if fake._fault(self, method):
                    return
                if fake.rate_limit_once.get(method, 0) > 0:
                    fake.rate_limit_once[method] -= 1
                    self._send(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
                    return
                if method == "apps.connections.open":  # Socket Mode: authorised by the app-level token
                    if self.headers.get("Authorization") != f"Bearer {fake.app_token}" or not fake.socket_url:
                        self._send(200, {"ok": False, "error": "invalid_auth"})
                    else:
                        self._send(200, {"ok": True, "url": fake.socket_url})
                    return
                if method != "auth.test" and self.headers.get("Authorization") != f"Bearer {fake.token}":
                    self._send(200, {"ok": False, "error": "invalid_auth"})
                    return
                self._send(200, fake._answer(method, params))

        return Handler
