"""Store and process one uploaded file: type and size checks, the original kept under
MEDREP_HOME/uploads, an `uploads` row, then search ingestion (documents, off the turn:
tools/intake/ingestion.py) or a call recording (audio, transcripts)."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from data.models import CallRecording, Upload
from tools.common.files import TurnFile
from tools.intake import ingestion, limits, texts

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext
    from medrep.kernel.settings import Settings

log = logging.getLogger(__name__)

DOCUMENT_EXT = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}
TRANSCRIPT_EXT = {".vtt", ".srt"}
AUDIO_EXT = {".mp3", ".m4a", ".wav", ".ogg", ".oga", ".webm", ".aac", ".flac", ".amr"}
OTHER_EXT = {".xlsx", ".csv", ".png", ".jpg", ".jpeg"}


@dataclass
class IntakeResult:
    ok: bool
    message: str  # Korean, for the user
    kind: str = "other"
    upload_id: int | None = None
    turn_file: TurnFile | None = None
    document_id: int | None = None
    call_id: int | None = None


def classify(filename: str, mime: str = "") -> str | None:
    """document | transcript | audio | other, or None when the type is not accepted."""
    ext = Path(filename).suffix.lower()
    if ext in DOCUMENT_EXT:
        return "document"
    if ext in TRANSCRIPT_EXT:
        return "transcript"
    if ext in AUDIO_EXT or (not ext and mime.startswith("audio/")):
        return "audio"
    if ext in OTHER_EXT:
        return "other"
    return None


def max_bytes(settings: Settings) -> int:
    return settings.medrep_max_upload_mb * 1024 * 1024


def check_file(settings: Settings, filename: str, size_bytes: int, mime: str = "") -> str | None:
    """A Korean error message when the file is refused before download, else None."""
    if classify(filename, mime) is None:
        return texts.REFUSED_TYPE.format(filename=filename, allowed=texts.ALLOWED_TEXT)
    if size_bytes > max_bytes(settings):
        return texts.REFUSED_SIZE.format(filename=filename, size_mb=size_bytes / 1024 / 1024,
                                         max_mb=settings.medrep_max_upload_mb)
    return None


def safe_name(filename: str) -> str:
    name = Path(filename).name.strip() or "file"
    name = re.sub(r"[^\w.\-가-힣 ]", "_", name)
    return limits.bound_bytes(name)


def record_rejection(app: AppContext, *, rep_id: int | None, platform: str, thread_key: str,
                     filename: str, mime: str, size_bytes: int, message: str, path: Path | None = None) -> int:
    with app.session() as session:
        row = Upload(rep_id=rep_id, platform=platform, thread_key=thread_key, filename=filename[:300],
                     mime=mime[:100] or "application/octet-stream", size_bytes=size_bytes,
                     kind=classify(filename, mime) or "other", status="rejected", message=message,
                     path=str(path) if path else None)
        session.add(row)
        session.commit()
        return row.id


def _store_original(settings: Settings, filename: str, data: bytes) -> Path:
    target = settings.path("uploads", f"{uuid.uuid4().hex[:12]}_{safe_name(filename)}")
    target.write_bytes(data)
    return target


def _ingest_document(app: AppContext, upload_id: int, platform: str, result: IntakeResult) -> None:
    """Search ingestion off the turn, in short transactions (tools/intake/ingestion.py): the
    row is committed `queued` first, so no write transaction is open while it runs."""
    outcome = ingestion.index_upload(app, upload_id, platform)
    result.document_id, result.message = outcome.document_id, outcome.message


def _refine_kind(kind: str, filename: str, data: bytes) -> str:
    """A .txt of "화자: 말" lines is a call transcript, not a document for search."""
    if kind != "document" or Path(filename).suffix.lower() != ".txt":
        return kind
    try:
        from tools.calls.transcripts import decode_text
        from tools.calls.pasted import looks_like_transcript
    except ModuleNotFoundError:
        return kind
    try:
        return "transcript" if looks_like_transcript(decode_text(data[:20_000])) else kind
    except Exception:
        return kind


def _local_now(app: AppContext):
    """Now on the app's calendar (MEDREP_TODAY in the demo), so visit gaps count the call."""
    from datetime import datetime

    return datetime.combine(app.today(), datetime.now().time().replace(microsecond=0))


def _start_call(app: AppContext, call_id: int, thread_key: str, filename: str) -> str:
    """Hand a stored call to call analysis (a background worker for audio in the bots)."""
    try:
        from tools.calls.jobs import start
    except ModuleNotFoundError:
        return texts.CALL_RECEIVED.format(filename=filename, call_id=call_id)
    return start(app, call_id, thread_key, filename)


def _reject_kept(app: AppContext, rep_id: int | None, platform: str, thread_key: str, filename: str, mime: str,
                 data: bytes, refusal: str, path: Path | None = None) -> IntakeResult:
    """Refuse to process the file but keep the original (an admin may look at it)."""
    path = path or _store_original(app.settings, filename, data)
    upload_id = record_rejection(app, rep_id=rep_id, platform=platform, thread_key=thread_key, filename=filename,
                                 mime=mime, size_bytes=len(data), message=refusal, path=path)
    return IntakeResult(False, refusal, classify(filename, mime) or "other", upload_id)


def intake_file(app: AppContext, *, rep_id: int | None, platform: str, thread_key: str,
                filename: str, mime: str, data: bytes) -> IntakeResult:
    """Store and process one uploaded file; never raises for user-caused problems."""
    filename = limits.clean_filename(filename)
    refusal = check_file(app.settings, filename, len(data), mime)
    if refusal:
        upload_id = record_rejection(app, rep_id=rep_id, platform=platform, thread_key=thread_key,
                                     filename=filename, mime=mime, size_bytes=len(data), message=refusal)
        return IntakeResult(False, refusal, classify(filename, mime) or "other", upload_id)
    refusal = limits.check_content(app.settings, filename, data)  # magic bytes, zip bombs: before any parsing
    if refusal:
        return _reject_kept(app, rep_id, platform, thread_key, filename, mime, data, refusal)
    kind = _refine_kind(classify(filename, mime) or "other", filename, data)
    path = _store_original(app.settings, filename, data)
    if kind == "document":  # a NUL-free copy it makes is what ingestion reads (ingestion.ingest_path)
        checked = limits.check_document(app.settings, path, filename)
        if checked.refusal:
            return _reject_kept(app, rep_id, platform, thread_key, filename, mime, data, checked.refusal, path)
    mime = mime or "application/octet-stream"
    result = IntakeResult(True, "", kind)
    with app.session() as session:
        searchable = kind == "document" and ingestion.search_installed()
        upload = Upload(rep_id=rep_id, platform=platform, thread_key=thread_key, filename=filename[:300],
                        mime=mime[:100], size_bytes=len(data), path=str(path), kind=kind,
                        status="queued" if searchable else "stored")
        session.add(upload)
        session.flush()
        result.upload_id = upload.id
        title = Path(filename).stem
        if kind == "document":
            result.message = (texts.DOCUMENT_INDEXING if searchable else texts.DOCUMENT_NO_SEARCH).format(
                filename=filename)
        elif kind in ("audio", "transcript"):
            call = CallRecording(rep_id=rep_id, upload_id=upload.id, title=title[:200], status="received",
                                 thread_key=thread_key[:200], recorded_at=_local_now(app))
            session.add(call)
            session.flush()
            result.call_id = call.id
            upload.status = "processed"
            result.message = texts.CALL_RECEIVED.format(filename=filename, call_id=call.id)
        else:
            result.message = texts.FILE_STORED.format(filename=filename)
        upload.message = result.message
        session.commit()
    if searchable:
        _ingest_document(app, result.upload_id, platform, result)
    if result.call_id is not None:
        result.message = _start_call(app, result.call_id, thread_key, filename)
    result.turn_file = TurnFile(name=filename, mime=mime, path=path, size_bytes=len(data),
                                upload_id=result.upload_id)
    return result
