"""A loopback fake of the Slack Web API (and file host, upload URLs, response_urls).

Speaks the real protocol closely enough for slack_sdk's WebClient: form or JSON bodies,
`{"ok": ...}` JSON answers, 429 with Retry-After. Records every call for assertions.
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
        self.socket_url: str | None = None  # what apps.connections.open hands out (Socket Mode)
        self.app_token = "xapp-1-test"
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
        raise AssertionError(f"timed out; calls were: {[c.method for c in self.calls]}")

    def _record(self, method: str, params: dict, headers) -> None:
        with self._lock:
            self.calls.append(Call(method, params, {k.lower(): v for k, v in headers.items()}))

    def _answer(self, method: str, params: dict) -> dict:
        if method in self.failing:
            return {"ok": False, "error": self.failing[method]}
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        if method == "auth.test":
            return {"ok": True, "user_id": self.bot_user_id, "bot_id": "B0MEDREP", "team_id": self.team_id,
                    "user": "medrep", "team": "HB Pharma", "url": "https://hb.slack.com/"}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts") or ts,
                    "message": {"text": params.get("text"), "ts": params.get("ts") or ts}}
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
