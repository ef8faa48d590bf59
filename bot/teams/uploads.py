"""A Teams message's files → upload intake (blocking; the bot runs it in a thread): type and
size checks, the download with limits, `intake_file` (originals, search ingestion, call
analysis), and every refusal recorded as a rejected upload with the Korean reason."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from bot.teams import texts
from bot.teams.files import IMAGE_HOSTS, DownloadRefused, IncomingFile, download, parse_hosts
from tools.common.files import TurnFile
from tools.intake.service import check_file, intake_file, max_bytes, record_rejection

if TYPE_CHECKING:
    from data.access import Caller
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)
PLATFORM = "teams"
TokenFn = Callable[[], str | None]  # the bot's bearer token (inline images only)


def refusal_text(exc: DownloadRefused, filename: str, mime: str, settings) -> str:
    max_mb = settings.medrep_max_upload_mb
    if exc.reason == "too_large":
        return check_file(settings, filename, exc.size, mime) or texts.TOO_LARGE_STREAMED.format(
            filename=filename, max_mb=max_mb)
    if exc.reason == "too_large_streamed":
        return texts.TOO_LARGE_STREAMED.format(filename=filename, max_mb=max_mb)
    if exc.reason == "redirect":
        return texts.REDIRECTED.format(filename=filename, host=exc.host)
    if exc.reason == "insecure":
        return texts.INSECURE.format(filename=filename)
    if exc.reason == "http":
        return texts.HTTP_FAILED.format(filename=filename, status=exc.status)
    if exc.reason == "no_url":
        return texts.NO_DOWNLOAD_URL.format(filename=filename)
    return texts.HOST_REFUSED.format(filename=filename, host=exc.host)


def _fetch(app: AppContext, item: IncomingFile, service_url: str, token: TokenFn) -> bytes:
    settings = app.settings
    if item.source == "image":
        hosts = IMAGE_HOSTS + ((urlparse(service_url).hostname or "").lower(),)
        return download(item.url, hosts=tuple(h for h in hosts if h), max_bytes=max_bytes(settings), token=token())
    return download(item.url, hosts=parse_hosts(settings.medrep_teams_file_hosts), max_bytes=max_bytes(settings))


def take_files(app: AppContext, caller: Caller, files: list[IncomingFile], *, scope: str, thread_key: str,
               service_url: str, token: TokenFn) -> tuple[list[TurnFile], list[str]]:
    """Turn files for the agent and Korean notes for the user (one per file, channel refusals
    in one note)."""
    settings = app.settings
    turn_files: list[TurnFile] = []
    notes: list[str] = []
    unreadable: list[IncomingFile] = []  # channel/group chat files: one note for all

    def reject(item: IncomingFile, message: str, size: int = 0) -> None:
        record_rejection(app, rep_id=caller.rep_id, platform=PLATFORM, thread_key=thread_key,
                         filename=item.name, mime=item.mime, size_bytes=size, message=message)

    for item in files:
        if item.source == "shared" or (item.source == "download" and scope != "personal"):
            if scope != "personal":
                unreadable.append(item)
            else:
                message = texts.SHARED_LINK.format(filename=item.name)
                reject(item, message)
                notes.append(f"⚠️ {message}")
            continue
        refusal = check_file(settings, item.name, 0, item.mime)
        data, size = b"", 0
        if refusal is None:
            try:
                data = _fetch(app, item, service_url, token)
            except DownloadRefused as exc:
                refusal = refusal_text(exc, item.name, item.mime, settings)
                size = exc.size
            except Exception as exc:  # noqa: BLE001 - network trouble: the user is told, the rejection kept
                log.warning("Teams file download failed for %s: %s", item.name, exc)
                refusal = texts.DOWNLOAD_FAILED.format(filename=item.name, error=type(exc).__name__)
        if refusal:
            reject(item, refusal, size)
            notes.append(f"⚠️ {refusal}")
            continue
        result = intake_file(app, rep_id=caller.rep_id, platform=PLATFORM, thread_key=thread_key,
                             filename=item.name, mime=item.mime, data=data)
        notes.append(result.message if result.ok else f"⚠️ {result.message}")
        if result.ok and result.turn_file is not None:
            turn_files.append(result.turn_file)
    if unreadable:
        message = texts.CHANNEL_FILES.format(names=", ".join(f"'{i.name}'" for i in unreadable))
        for item in unreadable:
            reject(item, message)
        notes.append(f"⚠️ {message}")
    return turn_files, notes


def teams_markdown(text: str) -> str:
    """Intake and call-analysis texts use Slack's `*bold*`; Teams markdown wants `**bold**`."""
    return text.replace("**", "*").replace("*", "**")
