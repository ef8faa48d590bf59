"""Bounded intake at the HTTP edge: a pure ASGI middleware in front of every route of
`medrep serve`.

- Body limits per path, enforced before buffering: a Content-Length over the limit is refused
  with 413 before any byte of the body is read; a chunked body is counted while it streams
  and cut off at the limit.
- POST /slack/events: the Slack signature (v0 HMAC-SHA256 of `v0:{ts}:{body}`, timestamp
  within ±5 minutes) is checked here, before anything parses the body → 401. Missing or stale
  headers are refused before the body is read at all.
- Bodies that are not UTF-8 JSON / form data (Slack, Teams) → 400 with a short JSON error;
  nothing downstream ever sees them, so they cannot become a 500 with a traceback.
- Slash-command replays: the same (signature, timestamp) seen twice inside the signature
  window is answered 200 with an empty body (Slack treats it as an ack; the command does not
  run again) and counted as refused "replay".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from bot.replay import ReplayGuard

log = logging.getLogger(__name__)

SIGNATURE_WINDOW_S = 300  # Slack: refuse requests more than five minutes old (or ahead)
SLACK_EVENTS_PATH = "/slack/events"
TEAMS_PATH = "/api/messages"

Refused = Callable[[str], None]  # reason -> None (a metrics counter)


@dataclass(frozen=True)
class EdgeLimits:
    """Largest accepted body per path prefix (first match wins), and for all other paths."""
    by_prefix: tuple[tuple[str, int], ...] = (("/slack/", 1 << 20), (TEAMS_PATH, 1 << 20))
    default: int = 64 * 1024

    def for_path(self, path: str) -> int:
        for prefix, limit in self.by_prefix:
            if path.startswith(prefix):
                return limit
        return self.default


@dataclass
class EdgeConfig:
    limits: EdgeLimits = field(default_factory=EdgeLimits)
    slack_signing_secret: str | None = None
    replay: ReplayGuard | None = None
    refused: Refused | None = None
    clock: Callable[[], float] = time.time


class _Refusal(Exception):
    def __init__(self, status: int, reason: str, error: str):
        super().__init__(error)
        self.status, self.reason, self.error = status, reason, error


class _ClientGone(Exception):
    pass


def verify_slack_signature(secret: str, timestamp: str, signature: str, body: bytes, now: float) -> None:
    """Raise _Refusal(401) unless `signature` is Slack's v0 signature of `body` at `timestamp`."""
    check_slack_timestamp(timestamp, now)
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise _Refusal(401, "bad_signature", "invalid_signature")


def check_slack_timestamp(timestamp: str, now: float) -> None:
    if not timestamp.isdigit():
        raise _Refusal(401, "bad_signature", "missing_or_invalid_timestamp")
    if abs(now - int(timestamp)) > SIGNATURE_WINDOW_S:
        raise _Refusal(401, "stale_timestamp", "stale_timestamp")


def parse_slack_body(body: bytes, content_type: str) -> dict:
    """The body as Slack sends it (JSON event, or form with an optional JSON `payload`);
    raises _Refusal(400) for anything else."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refusal(400, "malformed", "body_not_utf8") from None
    if content_type.startswith("application/json"):
        return _json_object(text)
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict")
        except (ValueError, UnicodeDecodeError):
            raise _Refusal(400, "malformed", "malformed_form") from None
        if "payload" in form:
            _json_object(form["payload"][0])
        return {key: values[0] for key, values in form.items()}
    raise _Refusal(400, "malformed", "unsupported_content_type")


def _json_object(text: str) -> dict:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise _Refusal(400, "malformed", "malformed_json") from None
    if not isinstance(value, dict):
        raise _Refusal(400, "malformed", "json_not_object")
    return value


class EdgeGuard:
    """ASGI middleware; see the module docstring. Non-HTTP scopes pass through untouched."""

    def __init__(self, app, config: EdgeConfig | None = None) -> None:
        self.app = app
        self.config = config or EdgeConfig()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._admit(scope, receive)
        except _Refusal as refusal:
            await self._refuse(scope, send, refusal)
            return
        except _ClientGone:
            return
        if body is None:  # a replayed slash command: acknowledged, not run again
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, _replay_receive(body, receive), send)

    async def _admit(self, scope, receive) -> bytes | None:
        path, method = scope.get("path", ""), scope.get("method", "GET")
        headers = _headers(scope)
        limit = self.config.limits.for_path(path)
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            raise _Refusal(413 if declared.isdigit() else 400, "too_large" if declared.isdigit() else "malformed",
                           "body_too_large" if declared.isdigit() else "bad_content_length")
        slack_signed = method == "POST" and path == SLACK_EVENTS_PATH and bool(self.config.slack_signing_secret)
        if slack_signed:  # refuse unsigned or stale requests before reading their body
            if not headers.get("x-slack-signature") or not headers.get("x-slack-request-timestamp"):
                raise _Refusal(401, "bad_signature", "missing_signature")
            check_slack_timestamp(headers["x-slack-request-timestamp"], self.config.clock())
        body = await _read_bounded(receive, limit)
        if slack_signed:
            verify_slack_signature(self.config.slack_signing_secret or "", headers["x-slack-request-timestamp"],
                                   headers["x-slack-signature"], body, self.config.clock())
        content_type = headers.get("content-type", "").lower()
        if method == "POST" and path == SLACK_EVENTS_PATH:
            fields = parse_slack_body(body, content_type)
            if "command" in fields and self.config.replay is not None and slack_signed:
                key = f"{headers['x-slack-request-timestamp']}:{headers['x-slack-signature']}"
                from starlette.concurrency import run_in_threadpool  # Redis I/O off the event loop

                if not await run_in_threadpool(self.config.replay.first_time, key, SIGNATURE_WINDOW_S + 60):
                    self._count("replay")
                    log.info("slash command replay refused (ts %s)", headers["x-slack-request-timestamp"])
                    return None
        elif method == "POST" and path == TEAMS_PATH:
            # the Teams endpoint answers malformed JSON with 400 itself and keeps the raw body
            # (bot/teams/store.py), so only undecodable bytes stop here
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                raise _Refusal(400, "malformed", "body_not_utf8") from None
        return body

    async def _refuse(self, scope, send, refusal: _Refusal) -> None:
        self._count(refusal.reason)
        log.info("refused %s %s: %s %s", scope.get("method"), scope.get("path"), refusal.status, refusal.error)
        payload = json.dumps({"ok": False, "error": refusal.error}).encode()
        await send({"type": "http.response.start", "status": refusal.status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})

    def _count(self, reason: str) -> None:
        if self.config.refused is not None:
            self.config.refused(reason)


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _read_bounded(receive, limit: int) -> bytes:
    """The whole body, or _Refusal(413) as soon as more than `limit` bytes have arrived."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _Refusal(413, "too_large", "body_too_large")
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def _replay_receive(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect as the server reports it

    return replay


def edge_config(settings, refused_counter=None) -> EdgeConfig:
    """The edge configuration of `medrep serve` from Settings (`refused_counter`: a Prometheus
    Counter labelled by reason)."""
    limits = EdgeLimits(by_prefix=(("/slack/", settings.medrep_max_slack_body_kb * 1024),
                                   (TEAMS_PATH, settings.medrep_max_teams_body_kb * 1024)))
    refused = (lambda reason: refused_counter.labels(reason).inc()) if refused_counter is not None else None
    return EdgeConfig(limits=limits, slack_signing_secret=settings.slack_signing_secret,
                      replay=ReplayGuard(settings.redis_url), refused=refused)
