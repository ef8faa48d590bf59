"""Files in a Teams message (plain attachment JSON) and their download with limits.

In a 1:1 chat (manifest `supportsFiles: true`) a file arrives as an attachment of type
`application/vnd.microsoft.teams.file.download.info` whose `content.downloadUrl` is a
pre-authenticated SharePoint/OneDrive URL valid for a few minutes. An inline (pasted) image is
an `image/*` attachment whose `contentUrl` needs the bot's token. In channels and group chats
a file is only a SharePoint reference the bot cannot read without Microsoft Graph."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlparse

FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
# where inline images live (the Bot Framework attachment service); the activity's serviceUrl
# host is added per message
IMAGE_HOSTS = ("smba.trafficmanager.net", "*.asm.skype.com", "*.botframework.com")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_REDIRECTS = 3
_ATTACHMENT_TAG = re.compile(r"<attachment\b[^>]*>", re.IGNORECASE)
_SHARED_TYPES = ("reference", "application/vnd.microsoft.teams.file.info")


@dataclass
class IncomingFile:
    name: str
    url: str
    mime: str
    source: str  # download (1:1 file) | image (inline, bot token) | shared (SharePoint reference only)


class DownloadRefused(Exception):
    """A download that was not made or not finished; `reason` selects the Korean text."""

    def __init__(self, reason: str, *, host: str = "", status: int = 0, size: int = 0):
        super().__init__(reason)
        self.reason, self.host, self.status, self.size = reason, host, status, size


def _mime(name: str, given: str = "") -> str:
    if given and "/" in given and not given.startswith("application/vnd.microsoft"):
        return given
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def incoming_files(attachments: list[dict]) -> list[IncomingFile]:
    """The files among a message's attachments (cards and the HTML copy of the text are not)."""
    found: list[IncomingFile] = []
    html_refs = 0
    for item in attachments or []:
        kind = (item.get("contentType") or "").lower()
        content = item.get("content")
        name = (item.get("name") or "").strip()
        if kind == FILE_DOWNLOAD_INFO:
            info = content if isinstance(content, dict) else {}
            if not name:
                name = f"file.{info.get('fileType') or 'bin'}"
            found.append(IncomingFile(name, info.get("downloadUrl") or "", _mime(name), "download"))
        elif kind.startswith("image/") and item.get("contentUrl"):
            name = name or f"image.{kind.split('/', 1)[1].split(';')[0] or 'png'}"
            found.append(IncomingFile(name, item["contentUrl"], kind, "image"))
        elif kind in _SHARED_TYPES:
            url = item.get("contentUrl") or ""
            found.append(IncomingFile(name or PurePosixPath(urlparse(url).path).name or "file", url,
                                      _mime(name), "shared"))
        elif kind == "text/html" and isinstance(content, str):
            html_refs += len(_ATTACHMENT_TAG.findall(content))
    if html_refs and not found:  # a channel message shows its files only as <attachment> tags
        found.extend(IncomingFile(f"첨부 파일 {i + 1}", "", "application/octet-stream", "shared")
                     for i in range(html_refs))
    return found


def parse_hosts(value: str) -> tuple[str, ...]:
    return tuple(h.strip().lower() for h in (value or "").split(",") if h.strip())


def host_allowed(host: str | None, patterns: tuple[str, ...]) -> bool:
    """`*.example.com` matches any subdomain (not example.com itself); other patterns exactly."""
    host = (host or "").lower().rstrip(".")
    if not host:
        return False
    for pattern in patterns:
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
                return True
        elif host == pattern:
            return True
    return False


def check_url(url: str, hosts: tuple[str, ...]) -> None:
    parsed = urlparse(url or "")
    if not parsed.hostname or parsed.scheme not in ("https", "http") or parsed.username or parsed.password:
        raise DownloadRefused("no_url" if not url else "host", host=parsed.hostname or url[:60])
    if not host_allowed(parsed.hostname, hosts):
        raise DownloadRefused("host", host=parsed.hostname)
    if parsed.scheme == "http" and parsed.hostname not in LOOPBACK:
        raise DownloadRefused("insecure", host=parsed.hostname)


def download(url: str, *, hosts: tuple[str, ...], max_bytes: int, token: str | None = None,
             timeout: float = 30.0) -> bytes:
    """The file's bytes; DownloadRefused for a disallowed/insecure URL, a redirect to another
    host, a non-200 answer, or more than `max_bytes` (announced or received)."""
    import httpx

    check_url(url, hosts)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as http:
        for _ in range(MAX_REDIRECTS + 1):
            with http.stream("GET", url, headers=headers) as resp:
                if resp.is_redirect:
                    target = urljoin(url, resp.headers.get("Location", ""))
                    here, there = urlparse(url), urlparse(target)
                    if (there.hostname, there.port) != (here.hostname, here.port):
                        raise DownloadRefused("redirect", host=there.hostname or target[:60])
                    check_url(target, hosts)
                    url = target
                    continue
                if resp.status_code != 200:
                    raise DownloadRefused("http", status=resp.status_code)
                announced = resp.headers.get("Content-Length")
                if announced and announced.isdigit() and int(announced) > max_bytes:
                    raise DownloadRefused("too_large", size=int(announced))
                chunks: list[bytes] = []
                total = 0
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise DownloadRefused("too_large_streamed", size=total)
                    chunks.append(chunk)
                return b"".join(chunks)
    raise DownloadRefused("redirect", host=urlparse(url).hostname or "")


def strip_attachment_tags(text: str) -> str:
    return _ATTACHMENT_TAG.sub(" ", (text or "")).replace("</attachment>", " ")


def event_summary(attachments: list[dict]) -> list[dict]:
    """What is kept of a message's files in its event receipt: names, types and hosts, not
    the pre-authenticated download URLs (they are credentials for a few minutes)."""
    kept = []
    for item in attachments or []:
        kind = item.get("contentType") or ""
        if kind.startswith("application/vnd.microsoft.card") or kind == "text/html":
            continue
        content = item.get("content") if isinstance(item.get("content"), dict) else {}
        url = content.get("downloadUrl") or item.get("contentUrl") or ""
        parsed = urlparse(url)
        kept.append({"contentType": kind, "name": item.get("name"), "fileType": content.get("fileType"),
                     "uniqueId": content.get("uniqueId"),
                     "url": f"{parsed.scheme}://{parsed.netloc}{parsed.path}" if parsed.netloc else ""})
    return kept
