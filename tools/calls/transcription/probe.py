"""What an audio file is before any model sees it: readable, decodable, how long (PyAV, which
faster-whisper decodes with too)."""

from __future__ import annotations

from pathlib import Path

from tools.calls.transcripts import InputError


def probe_audio(path: str | Path) -> float:
    """Duration in seconds. Raises InputError empty / corrupt / unsupported_codec."""
    import av

    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        raise InputError("empty")
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise InputError("unsupported_codec", codec=f"{container.format.name}, 오디오 트랙 없음")
            stream = container.streams.audio[0]
            if stream.codec_context is None:
                raise InputError("unsupported_codec", codec=f"{container.format.name}, 알 수 없는 코덱")
            duration = _declared_duration(container, stream)
            frame = next(container.decode(stream), None)
            if frame is None:
                raise InputError("empty")
            if duration is None:  # e.g. a browser's MediaRecorder webm declares none
                container.seek(0)
                duration = _demuxed_duration(container, stream)
    except InputError:
        raise
    except av.error.DecoderNotFoundError as exc:
        raise InputError("unsupported_codec", codec=str(exc)) from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise InputError("corrupt") from exc
    if duration <= 0:
        raise InputError("empty")
    return duration


def _declared_duration(container, stream) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000  # av.time_base
    return None


def _demuxed_duration(container, stream) -> float:
    """End of the last packet, read without decoding."""
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    return end
