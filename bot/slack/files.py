"""Download a file a user shared in Slack, safely: the bot token goes only to Slack's file
host (files.slack.com over https, or the scheme, host and port of SLACK_API_URL), redirects
are never followed, and the size limit is enforced while streaming."""

from __future__ import annotations

from urllib.parse import urlparse

import httpx

Origin = tuple[str, str, int]  # (scheme, hostname, port)

SLACK_FILE_HOSTS: set[Origin] = {("https", "files.slack.com", 443)}
DEFAULT_PORTS = {"https": 443, "http": 80}


class FileDownloadError(Exception):
    """The message is Korean and tells the user what to do."""


def origin(url: str) -> Origin | None:
    """(scheme, hostname, port) with the scheme's default port filled in; None when unusable."""
    try:
        parsed = urlparse(url or "")
        port = parsed.port
    except ValueError:  # a port out of range or not a number
        return None
    scheme = parsed.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parsed.hostname:
        return None
    return scheme, parsed.hostname.lower(), port or DEFAULT_PORTS[scheme]


def allowed_hosts(api_url: str) -> set[Origin]:
    api = origin(api_url)
    return SLACK_FILE_HOSTS | ({api} if api else set())


def download_slack_file(url: str, *, token: str, api_url: str, max_bytes: int, timeout: float = 30.0) -> bytes:
    target = origin(url)
    if target is None or target not in allowed_hosts(api_url):
        raise FileDownloadError("Slack 파일 주소가 올바르지 않아 내려받지 않았습니다. 파일을 다시 올려 주세요.")
    scheme, host, _ = target
    if scheme == "http" and host not in ("127.0.0.1", "localhost", "::1"):
        raise FileDownloadError("암호화되지 않은 주소의 파일은 내려받지 않습니다. 파일을 다시 올려 주세요.")
    chunks: list[bytes] = []
    total = 0
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as http:
        with http.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as resp:
            if resp.status_code != 200:
                raise FileDownloadError(
                    f"Slack에서 파일을 내려받지 못했습니다 (HTTP {resp.status_code}). 앱에 files:read 권한이 "
                    "있는지 확인하고 다시 올려 주세요.")
            for chunk in resp.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise FileDownloadError(
                        f"파일이 너무 큽니다. 최대 {max_bytes // (1024 * 1024)}MB까지 올릴 수 있어요.")
                chunks.append(chunk)
    return b"".join(chunks)
