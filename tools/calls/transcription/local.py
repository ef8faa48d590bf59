"""Speech to text on this machine with faster-whisper (CTranslate2 Whisper models).

Korean is forced (no language detection: a wrong guess on a noisy call costs more than it saves)
and Silero VAD drops silence first. No diarisation: segments carry no speaker; who spoke is
decided later from what each segment says (tools.calls.roles).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from tools.calls.transcripts import InputError, Segment

log = logging.getLogger(__name__)


@lru_cache(maxsize=2)
def load_model(name_or_path: str):
    """A WhisperModel per name or path, loaded once per process (loading takes seconds)."""
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(name_or_path, device="cpu", compute_type="int8")
    except ValueError:  # a model whose weights cannot be quantised to int8 on this CPU
        return WhisperModel(name_or_path, device="cpu", compute_type="default")


def transcribe_local(name_or_path: str, path: Path, duration_s: float) -> tuple[list[Segment], str]:
    import av

    try:
        model = load_model(name_or_path)
    except Exception as exc:  # a missing directory, a failed download, a broken model.bin
        log.exception("faster-whisper model %s could not be loaded", name_or_path)
        raise InputError("engine_failed", detail="음성 인식 모델을 불러오지 못함") from exc
    try:
        pieces, info = model.transcribe(str(path), language="ko", vad_filter=True, word_timestamps=False)
        segments = []
        for piece in pieces:  # a generator: decoding happens while iterating
            text = piece.text.strip()
            if not text:
                continue
            # Whisper can place a segment end past the audio on the last window; clamp to the file.
            start = min(max(0.0, float(piece.start)), duration_s)
            end = min(max(start, float(piece.end)), duration_s)
            segments.append(Segment(round(start, 3), round(end, 3), text, None))
    except av.error.FFmpegError as exc:
        raise InputError("corrupt") from exc
    except RuntimeError as exc:  # CTranslate2 (e.g. out of memory)
        log.exception("faster-whisper failed on %s", path)
        raise InputError("engine_failed", detail="음성 인식 중 오류") from exc
    if not segments:
        raise InputError("no_speech")
    return segments, info.language or "ko"
