"""Speech to text through an OpenAI-compatible endpoint: POST {base}/audio/transcriptions
(multipart: file, model, language=ko, response_format=verbose_json), Bearer key.

The endpoint's refusals become InputError with a Korean message; the uploaded file is only read.
"""

from __future__ import annotations

from pathlib import Path

from tools.calls.transcripts import InputError, Segment

DEFAULT_BASE_URL = "https://api.openai.com/v1"


def transcribe_remote(base_url: str | None, api_key: str | None, model: str, path: Path,
                      timeout_s: float) -> tuple[list[Segment], str, float | None]:
    """(segments, language, duration reported by the endpoint)."""
    import openai

    # max_retries=1: a retry helps a flaky gateway, more only delays the answer to the user.
    client = openai.OpenAI(api_key=api_key or "none", base_url=base_url or DEFAULT_BASE_URL,
                           timeout=timeout_s, max_retries=1)
    try:
        with path.open("rb") as handle:
            result = client.audio.transcriptions.create(
                file=(path.name, handle), model=model, language="ko", response_format="verbose_json")
    except openai.AuthenticationError as exc:
        raise InputError("engine_auth") from exc
    except openai.APITimeoutError as exc:
        raise InputError("engine_timeout") from exc
    except openai.APIStatusError as exc:
        if exc.status_code == 413:
            raise InputError("too_large") from exc
        raise InputError("engine_failed", detail=f"HTTP {exc.status_code}") from exc
    except openai.APIConnectionError as exc:
        raise InputError("engine_failed", detail="연결 실패") from exc
    segments = [Segment(round(float(s.start), 3), round(float(max(s.end, s.start)), 3), s.text.strip(), None)
                for s in (result.segments or []) if s.text.strip()]
    if not segments and (result.text or "").strip():  # an endpoint that ignores verbose_json segments
        segments = [Segment(0.0, float(result.duration or 0.0), result.text.strip(), None)]
    if not segments:
        raise InputError("no_speech")
    language = (result.language or "ko").lower()
    language = "ko" if language == "korean" else language  # OpenAI names the language in full
    return segments, language, float(result.duration) if result.duration else None
