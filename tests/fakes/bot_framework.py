"""A loopback fake of the Bot Framework: the OpenID metadata + JWKS the channel's tokens are
checked against, the AAD token endpoint the bot logs in at, and a Teams connector
(`serviceUrl`) that records every activity the bot posts and serves inline-image attachments
(bot token required). Tokens are RS256 JWTs signed with an RSA key generated here (PyJWT +
cryptography). `FakeFileHost` plays SharePoint/OneDrive for files sent in a 1:1 chat: a
pre-authenticated `downloadUrl` per file (`tempauth`), 401 for a wrong or reused one."""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from fakes.loopback import LoopbackHTTPServer

ISSUER = "https://api.botframework.com"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Posted:
    path: str
    conversation_id: str
    reply_to_id: str | None
    activity: dict
    authorization: str | None
    at: float = field(default_factory=time.monotonic)
    id: str = ""


class FakeBotFramework(LoopbackHTTPServer):
    def __init__(self, app_id: str, app_password: str = "s3cret"):
        self.app_id, self.app_password = app_id, app_password
        self.key = new_key()
        self.kid = "fake-kid-1"
        self.posted: list[Posted] = []
        self.token_requests: list[dict] = []
        self.members: dict[str, dict] = {}  # Teams user id -> TeamsChannelAccount JSON
        self.issued_tokens: set[str] = set()
        self.images: dict[str, bytes] = {}  # attachment id -> bytes (inline images)
        self.image_requests: list[str | None] = []  # the Authorization header of each image GET
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server_errors = 0  # how many activity posts answer HTTP 500 first (the connector's bad minute)
        super().__init__()

    @property
    def openid_url(self) -> str:
        return f"{self.base}/v1/.well-known/openidconfiguration"

    @property
    def service_url(self) -> str:
        return f"{self.base}/teams/"

    # tokens the channel sends to the bot -------------------------------------
    def channel_token(self, *, service_url: str | None = None, audience: str | None = None, key=None,
                      kid: str | None = None, expires_in: int = 3600) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": audience or self.app_id, "serviceurl": service_url or self.service_url,
                  "nbf": now - 10, "exp": now + expires_in}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def add_image(self, data: bytes) -> str:
        """An inline image's `contentUrl` (GET needs a bot token this fake issued)."""
        attachment_id = f"0-kc-d1-{uuid.uuid4().hex}"
        self.images[attachment_id] = data
        return f"{self.service_url}v3/attachments/{attachment_id}/views/original"

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "endorsements": ["msteams"]})
        return {"keys": [jwk]}

    # what the bot posted --------------------------------------------------------
    def of(self, conversation_id: str) -> list[Posted]:
        with self._lock:
            return [p for p in self.posted if p.conversation_id == conversation_id]

    def messages(self, conversation_id: str) -> list[Posted]:
        return [p for p in self.of(conversation_id) if p.activity.get("type") == "message"]

    def wait_for(self, predicate, timeout: float = 90.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                snapshot = list(self.posted)
            result = predicate(snapshot)
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"timed out; posted: {[(p.path, p.activity.get('type')) for p in self.posted]}")

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/v1/.well-known/openidconfiguration":
                    return self._json(200, {"issuer": ISSUER, "jwks_uri": f"{fake.base}/v1/.well-known/keys",
                                            "id_token_signing_alg_values_supported": ["RS256"]})
                if path == "/v1/.well-known/keys":
                    return self._json(200, fake.jwks())
                image = re.match(r"^/teams/v3/attachments/([^/]+)/views/original$", path)
                if image:
                    auth = self.headers.get("Authorization")
                    fake.image_requests.append(auth)
                    if not auth or auth.removeprefix("Bearer ") not in fake.issued_tokens:
                        return self._json(401, {"error": {"code": "Unauthorized"}})
                    data = fake.images.get(image.group(1))
                    if data is None:
                        return self._json(404, {"error": {"code": "NotFound"}})
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return None
                member = re.match(r"^/teams/v3/conversations/([^/]+)/members/([^/]+)$", path)
                if member:
                    found = fake.members.get(unquote(member.group(2)))
                    return self._json(200, found) if found else self._json(404, {"error": {"code": "NotFound"}})
                self._json(404, {})

            def do_POST(self):
                path = urlparse(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                token = re.match(r"^/([^/]+)/oauth2/v2.0/token$", path)
                if token:
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    form["tenant"] = token.group(1)
                    with fake._lock:
                        fake.token_requests.append(form)
                    if form.get("client_id") != fake.app_id or form.get("client_secret") != fake.app_password:
                        return self._json(401, {"error": "invalid_client"})
                    issued = f"bot-token-{uuid.uuid4().hex}"
                    fake.issued_tokens.add(issued)
                    return self._json(200, {"token_type": "Bearer", "expires_in": 3600, "access_token": issued})
                activity = re.match(r"^/teams/v3/conversations/([^/]+)/activities(?:/([^/]+))?$", path)
                if activity:
                    with fake._lock:
                        failing = fake.server_errors > 0
                        fake.server_errors -= 1 if failing else 0
                    if failing:
                        return self._json(500, {"error": {"code": "ServiceError", "message": "Internal error"}})
                    body = json.loads(raw or b"{}")
                    posted = Posted(path=path, conversation_id=unquote(activity.group(1)),
                                    reply_to_id=unquote(activity.group(2)) if activity.group(2) else None,
                                    activity=body, authorization=self.headers.get("Authorization"))
                    with fake._lock:
                        posted.id = f"bot-msg-{next(fake._ids)}"
                        fake.posted.append(posted)
                    return self._json(201, {"id": posted.id})
                self._json(404, {})

        return Handler


@dataclass
class HostedFile:
    data: bytes
    tempauth: str
    length_header: bool = True  # False: no Content-Length (the size shows only while reading)
    redirect_to: str | None = None


class FakeFileHost(LoopbackHTTPServer):
    """SharePoint's `download.aspx` as a Teams 1:1 file's `downloadUrl` reaches it: the
    `tempauth` query parameter authenticates (valid once here, as the real one is only for a
    few minutes), no cookies or bearer token; a file can answer with a redirect."""

    def __init__(self):
        self.files: dict[str, HostedFile] = {}
        self.requests: list[str] = []  # request paths, in order
        super().__init__()

    def add(self, data: bytes, *, length_header: bool = True, redirect_to: str | None = None) -> str:
        unique_id = str(uuid.uuid4()).upper()
        hosted = HostedFile(data, uuid.uuid4().hex, length_header, redirect_to)
        self.files[unique_id] = hosted
        return (f"{self.base}/personal/rep_hanbit_kr/_layouts/15/download.aspx?UniqueId={unique_id}"
                f"&Translate=false&tempauth={hosted.tempauth}&ApiVersion=2.0")

    def _handler(self):
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                host.requests.append(self.path)
                parsed = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                hosted = host.files.get(query.get("UniqueId", ""))
                if (not parsed.path.endswith("/download.aspx") or hosted is None
                        or query.get("tempauth") != hosted.tempauth):
                    body = b'{"error":{"code":"-2147024891, System.UnauthorizedAccessException"}}'
                    self.send_response(401)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                hosted.tempauth = f"used-{uuid.uuid4().hex}"
                if hosted.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", hosted.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                if hosted.length_header:
                    self.send_header("Content-Length", str(len(hosted.data)))
                self.end_headers()
                try:
                    for i in range(0, len(hosted.data), 64 * 1024):
                        self.wfile.write(hosted.data[i:i + 64 * 1024])
                except (BrokenPipeError, ConnectionResetError):  # the client stopped reading
                    pass
                self.close_connection = True

        return Handler
