"""Signed, expiring download links for reply files (`GET /files/{token}` of `medrep serve`).

token = base64url(json {"p": path relative to MEDREP_HOME, "e": expiry unix time}) + "." +
base64url(HMAC-SHA256(secret, payload)). Only files under MEDREP_HOME are ever served."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from medrep.kernel.settings import Settings

ROUTE = "/files"


class LinkError(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def link_secret(settings: Settings) -> bytes:
    if settings.medrep_link_secret:
        return settings.medrep_link_secret.encode()
    key_file = settings.home / ".link_secret"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip().encode()


def public_base(settings: Settings) -> str:
    return (settings.medrep_public_url or f"http://localhost:{settings.port}").rstrip("/")


def make_token(settings: Settings, path: Path, ttl_s: int | None = None, now: float | None = None) -> str:
    home = settings.home.resolve()
    relative = Path(path).resolve().relative_to(home)  # ValueError for files outside MEDREP_HOME
    expires = int((now or time.time()) + (ttl_s or settings.medrep_link_ttl_s))
    payload = _b64(json.dumps({"p": relative.as_posix(), "e": expires}, separators=(",", ":")).encode())
    signature = _b64(hmac.new(link_secret(settings), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{signature}"


def make_link(settings: Settings, path: Path, ttl_s: int | None = None) -> str:
    return f"{public_base(settings)}{ROUTE}/{quote(make_token(settings, path, ttl_s))}"


def resolve_token(settings: Settings, token: str, now: float | None = None) -> Path:
    """The file a token names; LinkError(403) when forged, (410) when expired, (404) when gone."""
    payload, _, signature = token.partition(".")
    expected = _b64(hmac.new(link_secret(settings), payload.encode(), hashlib.sha256).digest())
    if not payload or not hmac.compare_digest(signature, expected):
        raise LinkError("invalid link", 403)
    try:
        data = json.loads(_unb64(payload))
        relative, expires = str(data["p"]), int(data["e"])
    except (ValueError, KeyError, TypeError):
        raise LinkError("invalid link", 403) from None
    if (now or time.time()) > expires:
        raise LinkError("링크가 만료되었습니다. 질문을 다시 보내 새 링크를 받아 주세요.", 410)
    home = settings.home.resolve()
    path = (home / relative).resolve()
    if home not in path.parents or not path.is_file():
        raise LinkError("file not found", 404)
    return path
