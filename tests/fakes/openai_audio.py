"""A loopback fake of OpenAI's speech-to-text endpoint, speaking the real protocol:
`POST {base}/audio/transcriptions` (base ends in /v1), multipart/form-data with `file` and
`model` (plus optional `language`, `prompt`, `response_format` json|text|verbose_json,
`temperature`), `Authorization: Bearer KEY`. Errors are OpenAI's JSON error objects: 401 for a
missing or wrong key, 400 for a missing field, 413 for a file over 25 MB.

verbose_json answers carry `segments` from `self.segments` ((start, end, text) triples) and the
duration of a WAV upload read from its header. `failures` is a queue of injected (status, body)
answers; `delay_s` slows every answer (client timeouts).
"""

from __future__ import annotations

import io
import json
import time
import wave
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler

from tests.fakes.loopback import LoopbackHTTPServer

API_KEY = "sk-fake-transcribe"
MAX_FILE_BYTES = 25 * 1024 * 1024


def error_body(message: str, type_: str = "invalid_request_error", param: str | None = None,
               code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


@dataclass
class Upload:
    fields: dict[str, str]
    filename: str
    size: int
    authorization: str | None


@dataclass
class FakeOpenAIAudio(LoopbackHTTPServer):
    segments: list[tuple[float, float, str]] = field(default_factory=lambda: [
        (0.0, 2.4, "안녕하세요 원장님."), (2.4, 5.1, "로수빛정 설명드리겠습니다.")])
    failures: list[tuple[int, dict]] = field(default_factory=list)
    delay_s: float = 0.0
    uploads: list[Upload] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def answer(self, path: str, headers, body: bytes) -> tuple[int, object]:
        if path.rstrip("/") != "/v1/audio/transcriptions":
            return 404, error_body(f"Invalid URL (POST {path})")
        auth = headers.get("Authorization")
        if not auth or not auth.startswith("Bearer "):
            return 401, error_body("You didn't provide an API key. You need to provide your API key in an "
                                   "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
        if auth.removeprefix("Bearer ").strip() != API_KEY:
            return 401, error_body("Incorrect API key provided.", code="invalid_api_key")
        if len(body) > MAX_FILE_BYTES:
            return 413, error_body(f"Maximum content size limit ({MAX_FILE_BYTES}) exceeded "
                                   f"({len(body)} bytes read)", type_="server_error")
        content_type = headers.get("Content-Type", "")
        if not content_type.startswith("multipart/form-data"):
            return 400, error_body("Invalid Content-Type header, expected multipart/form-data.")
        fields, files = _multipart(content_type, body)
        for name in ("file", "model"):
            if name not in fields and name not in files:
                return 400, error_body(f"you must provide a {name} parameter", param=name)
        filename, data = files["file"]
        self.uploads.append(Upload(fields, filename, len(data), auth))
        if self.failures:
            return self.failures.pop(0)
        text = " ".join(t for _, _, t in self.segments)
        fmt = fields.get("response_format", "json")
        if fmt == "text":
            return 200, text
        if fmt != "verbose_json":
            return 200, {"text": text}
        duration = _wav_seconds(data)
        return 200, {
            "task": "transcribe", "language": "korean", "duration": duration, "text": text,
            "segments": [{"id": i, "seek": 0, "start": s, "end": e, "text": t, "tokens": [],
                          "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1,
                          "no_speech_prob": 0.01} for i, (s, e, t) in enumerate(self.segments)],
            "usage": {"type": "duration", "seconds": round(duration)},
        }

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if fake.delay_s:
                    time.sleep(fake.delay_s)
                status, payload = fake.answer(self.path.split("?")[0], self.headers, body)
                raw = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if isinstance(payload, str) else "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        return Handler


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            files[name] = (filename, payload)
        else:
            fields[name] = payload.decode()
    return fields, files


def _wav_seconds(data: bytes) -> float:
    try:
        with wave.open(io.BytesIO(data)) as audio:
            return round(audio.getnframes() / audio.getframerate(), 3)
    except (wave.Error, EOFError):
        return 0.0
