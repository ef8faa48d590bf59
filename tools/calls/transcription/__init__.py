"""Speech to text for call recordings.

Engines, in order of precedence: MEDREP_WHISPER_MODEL (faster-whisper on this machine, a model
name or a local CTranslate2 directory), else MEDREP_TRANSCRIBE_MODEL at OPENAI_BASE_URL (an
OpenAI-compatible /audio/transcriptions endpoint). With neither, audio is refused with a
Korean message ("no_engine") and a transcript can be uploaded instead. Every check runs before
any model is loaded, and the file is never modified or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.calls.transcription.probe import probe_audio
from tools.calls.transcripts import InputError, Segment

__all__ = ["Transcription", "configured_engine", "probe_audio", "transcribe"]


@dataclass(frozen=True)
class Transcription:
    segments: list[Segment]
    language: str
    duration_s: float
    engine: str  # "faster-whisper:<name or path>" or "openai:<model>"


def configured_engine(settings) -> str | None:
    """The engine `transcribe` would use, or None when no speech model is configured."""
    if settings.medrep_whisper_model:
        return f"faster-whisper:{settings.medrep_whisper_model}"
    if settings.medrep_transcribe_model and (settings.openai_base_url or settings.openai_api_key):
        return f"openai:{settings.medrep_transcribe_model}"
    return None


def check_length(settings, duration_s: float) -> None:
    limit = settings.medrep_max_call_minutes
    if duration_s > limit * 60:
        raise InputError("too_long", minutes=round(duration_s / 60), limit=limit)


def transcribe(settings, path: str | Path) -> Transcription:
    """Probe, check the length, then transcribe; raises InputError (the file stays where it is)."""
    path = Path(path)
    engine = configured_engine(settings)
    if engine is None:
        raise InputError("no_engine")
    duration = probe_audio(path)
    check_length(settings, duration)
    if engine.startswith("faster-whisper:"):
        from tools.calls.transcription.local import transcribe_local

        segments, language = transcribe_local(settings.medrep_whisper_model, path, duration)
    else:
        from tools.calls.transcription.remote import transcribe_remote

        segments, language, reported = transcribe_remote(
            settings.openai_base_url, settings.openai_api_key, settings.medrep_transcribe_model, path,
            timeout_s=settings.medrep_transcribe_timeout_s)
        duration = reported or duration
    return Transcription(segments=segments, language=language, duration_s=round(duration, 3), engine=engine)
