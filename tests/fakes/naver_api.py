"""A loopback fake of the Naver News Search API (../shared/DOMAIN.md), speaking the real
protocol: `GET /v1/search/news.json` with `query`, `display` (1–100), `start` (1–1000),
`sort` (sim|date); `X-Naver-Client-Id`/`X-Naver-Client-Secret` headers; JSON errors SE01–SE06
(400, SE05 404), 024 (401), 010 (429, daily quota), SE99 (500).

Articles are dicts with title/originallink/link/description/pubDate; a query matches an
article when every word of the query occurs in its title or description (tags stripped).
`failures` is a queue of injected responses: (status, body) with body a dict (JSON) or a str
(sent as is: malformed JSON); `delay_s` slows every answer; `quota` limits the calls.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_to_bytes, urlsplit

CLIENT_ID = "fake-client-id"
CLIENT_SECRET = "fake-client-secret"
_TAG = re.compile(r"<[^>]+>")


def article(title: str, description: str = "", *, link: str, originallink: str = "",
            pub: str = "Tue, 01 Dec 2026 07:30:00 +0900") -> dict:
    return {"title": title, "originallink": originallink or link, "link": link,
            "description": description or title, "pubDate": pub}


@dataclass
class Request:
    path: str
    params: dict
    headers: dict


@dataclass
class FakeNaver:
    articles: list[dict] = field(default_factory=list)
    failures: list[tuple[int, object]] = field(default_factory=list)
    delay_s: float = 0.0
    quota: int | None = None
    requests: list[Request] = field(default_factory=list)
    base: str = ""

    def error(self, status: int, code: str, message: str) -> tuple[int, dict]:
        return status, {"errorMessage": message, "errorCode": code}

    def answer(self, path: str, raw_query: str, headers: dict) -> tuple[int, object]:
        try:
            params = {k: v[0] for k, v in parse_qs(raw_query, keep_blank_values=True, encoding="utf-8",
                                                   errors="strict").items()}
        except UnicodeDecodeError:
            return self.error(400, "SE06", "Malformed encoding (잘못된 형식의 인코딩입니다.)")
        self.requests.append(Request(path, params, headers))
        if headers.get("x-naver-client-id") != CLIENT_ID or headers.get("x-naver-client-secret") != CLIENT_SECRET:
            return self.error(401, "024", "Authentication failed. (인증에 실패했습니다.)")
        if path not in ("/v1/search/news.json",):
            return self.error(404, "SE05", "Invalid search api (없는 검색 API 입니다.)")
        if self.quota is not None:
            if self.quota <= 0:
                return self.error(429, "010", "Quota Exceeded (호출 한도를 초과하였습니다.)")
            self.quota -= 1
        if self.failures:
            return self.failures.pop(0)
        query = params.get("query", "")
        if not query.strip():
            return self.error(400, "SE01", "Incorrect query request (잘못된 쿼리요청입니다.)")
        try:
            display = int(params.get("display", "10"))
            assert 1 <= display <= 100
        except (ValueError, AssertionError):
            return self.error(400, "SE02", "Invalid display value (부적절한 display 값입니다.)")
        try:
            start = int(params.get("start", "1"))
            assert 1 <= start <= 1000
        except (ValueError, AssertionError):
            return self.error(400, "SE03", "Invalid start value (부적절한 start 값입니다.)")
        sort = params.get("sort", "sim")
        if sort not in ("sim", "date"):
            return self.error(400, "SE04", "Invalid sort value (부적절한 sort 값입니다.)")
        words = query.split()
        found = [a for a in self.articles
                 if all(w in _TAG.sub("", a["title"] + " " + a["description"]) for w in words)]
        page = found[start - 1:start - 1 + display]
        return 200, {"lastBuildDate": "Tue, 01 Dec 2026 08:00:00 +0900", "total": len(found),
                     "start": start, "display": len(page), "items": page}


def start_fake_naver(fake: FakeNaver | None = None) -> tuple[FakeNaver, ThreadingHTTPServer]:
    fake = fake or FakeNaver()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            import time

            if fake.delay_s:
                time.sleep(fake.delay_s)
            split = urlsplit(self.path)
            raw = split.query
            try:  # a byte sequence that is not UTF-8 → SE06
                unquote_to_bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                status, body = fake.error(400, "SE06", "Malformed encoding (잘못된 형식의 인코딩입니다.)")
            else:
                status, body = fake.answer(split.path, raw, {k.lower(): v for k, v in self.headers.items()})
            data = body.encode() if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server
