"""Shared upload intake for every channel adapter (Slack, Teams, console).

Checks type and size, keeps the original under MEDREP_HOME/uploads, records an `uploads`
row, and hands the file on: documents become searchable for the uploader, audio and
transcripts are recorded for call analysis. Every outcome carries a Korean message.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agent.types import TurnFile
from data.models import CallRecording, Upload

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext
    from medrep.kernel.settings import Settings

log = logging.getLogger(__name__)

DOCUMENT_EXT = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}
TRANSCRIPT_EXT = {".vtt", ".srt"}
AUDIO_EXT = {".mp3", ".m4a", ".wav", ".ogg", ".oga", ".webm", ".aac", ".flac", ".amr"}
OTHER_EXT = {".xlsx", ".csv", ".png", ".jpg", ".jpeg"}
ALLOWED_TEXT = "문서(pdf, docx, txt, md, html), 통화 녹취(mp3, m4a, wav, ogg, webm), 자막(vtt, srt), 표(xlsx, csv), 이미지(png, jpg)"


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


def max_bytes(settings: "Settings") -> int:
    return settings.medrep_max_upload_mb * 1024 * 1024


def check_file(settings: "Settings", filename: str, size_bytes: int, mime: str = "") -> str | None:
    """A Korean error message when the file is refused before download, else None."""
    if classify(filename, mime) is None:
        return (f"'{filename}' 파일은 받을 수 없는 형식입니다. 받을 수 있는 형식: {ALLOWED_TEXT}. "
                "형식을 바꿔서 다시 올려 주세요.")
    if size_bytes > max_bytes(settings):
        size_mb = size_bytes / 1024 / 1024
        return (f"'{filename}' 파일이 너무 큽니다 ({size_mb:.1f}MB). 최대 {settings.medrep_max_upload_mb}MB까지 "
                "올릴 수 있어요. 파일을 나누거나 줄여서 다시 올려 주세요.")
    return None


def safe_name(filename: str) -> str:
    name = Path(filename).name.strip() or "file"
    name = re.sub(r"[^\w.\-가-힣 ]", "_", name)
    return name[:120]


def record_rejection(app: "AppContext", *, rep_id: int | None, platform: str, thread_key: str,
                     filename: str, mime: str, size_bytes: int, message: str) -> int:
    with app.session() as session:
        row = Upload(rep_id=rep_id, platform=platform, thread_key=thread_key, filename=filename[:300],
                     mime=mime[:100] or "application/octet-stream", size_bytes=size_bytes,
                     kind=classify(filename, mime) or "other", status="rejected", message=message)
        session.add(row)
        session.commit()
        return row.id


def _store_original(settings: "Settings", filename: str, data: bytes) -> Path:
    target = settings.path("uploads", f"{uuid.uuid4().hex[:12]}_{safe_name(filename)}")
    target.write_bytes(data)
    return target


def _ingest_document(app: "AppContext", session, path: Path, rep_id: int | None, title: str) -> int | None:
    from tools.search.ingest import ingest_file  # the search capability

    result = ingest_file(session, app.settings, path, visibility="private", owner_rep_id=rep_id, title=title)
    return getattr(result, "id", result if isinstance(result, int) else None)


def intake_file(app: "AppContext", *, rep_id: int | None, platform: str, thread_key: str,
                filename: str, mime: str, data: bytes) -> IntakeResult:
    """Store and process one uploaded file; never raises for user-caused problems."""
    refusal = check_file(app.settings, filename, len(data), mime)
    if refusal:
        upload_id = record_rejection(app, rep_id=rep_id, platform=platform, thread_key=thread_key,
                                     filename=filename, mime=mime, size_bytes=len(data), message=refusal)
        return IntakeResult(False, refusal, classify(filename, mime) or "other", upload_id)
    kind = classify(filename, mime) or "other"
    path = _store_original(app.settings, filename, data)
    mime = mime or "application/octet-stream"
    result = IntakeResult(True, "", kind)
    with app.session() as session:
        upload = Upload(rep_id=rep_id, platform=platform, thread_key=thread_key, filename=filename[:300],
                        mime=mime[:100], size_bytes=len(data), path=str(path), kind=kind, status="stored")
        session.add(upload)
        session.flush()
        result.upload_id = upload.id
        title = Path(filename).stem
        if kind == "document":
            try:
                result.document_id = _ingest_document(app, session, path, rep_id, title)
                upload.status = "processed"
                result.message = f"📄 '{filename}' 문서를 저장하고 검색에 추가했습니다. 이 문서에 대해 바로 질문하실 수 있어요."
            except ModuleNotFoundError:
                result.message = (f"📄 '{filename}' 문서를 저장했습니다. 문서 검색 기능이 아직 설치되지 않아 "
                                  "검색에는 추가하지 못했어요.")
            except Exception as exc:  # a broken file must not lose the original
                log.exception("ingest failed for %s", path)
                upload.status = "failed"
                result.message = (f"📄 '{filename}' 파일은 저장했지만 내용을 읽지 못했습니다 ({type(exc).__name__}). "
                                  "파일이 손상되지 않았는지 확인하고 다시 올려 주세요.")
        elif kind in ("audio", "transcript"):
            transcript = path.read_text(encoding="utf-8", errors="replace") if kind == "transcript" else None
            call = CallRecording(rep_id=rep_id, upload_id=upload.id, title=title[:200],
                                 status="transcribed" if transcript else "received", transcript=transcript)
            session.add(call)
            session.flush()
            result.call_id = call.id
            upload.status = "processed"
            result.message = (f"🎙️ '{filename}' 통화 파일을 받아 저장했습니다 (통화 #{call.id}). "
                              "통화 분석 기능이 준비되면 이 녹음을 분석할 수 있어요.")
        else:
            result.message = f"📎 '{filename}' 파일을 저장했습니다."
        upload.message = result.message
        session.commit()
    result.turn_file = TurnFile(name=filename, mime=mime, path=path, size_bytes=len(data),
                                upload_id=result.upload_id)
    return result
