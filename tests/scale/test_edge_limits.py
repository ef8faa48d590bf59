"""Bounded intake at the HTTP edge (bot/limits.py), over real HTTP against `medrep serve`'s
app under uvicorn: body limits before buffering, Slack signatures before parsing, 400 for
malformed bodies, slash-command replays refused."""

from __future__ import annotations

import json
import logging
import re
import resource
import socket
import threading
import time
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from tests.scale.conftest import SECRET, sign

MB = 1024 * 1024


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


def _status_of(sock: socket.socket, timeout: float = 10) -> int:
    sock.settimeout(timeout)
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1])


def _stream(sock: socket.socket, total: int, chunked: bool) -> None:
    """Send `total` bytes of body (a reused 64 KB buffer) until the server closes."""
    piece = b"a=" + b"x" * (64 * 1024 - 2)
    sent = 0
    try:
        while sent < total:
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
    except OSError:  # the server refused and closed: expected
        pass


def _open(url: str, head: str, chunked: bool, total: int, extra: dict | None = None) -> socket.socket:
    sock = socket.create_connection(_address(url))
    lines = [head, "Host: medrep", "Content-Type: application/x-www-form-urlencoded"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return sock


def _metric(text: str, name: str, **labels) -> float:
    label = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(f"{name}{{{label}}}" if label else name) + r" ([0-9.e+-]+)"
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


def test_54mb_unsigned_body_is_refused_at_once_and_signed_events_still_ack(serve):
    srv = serve()
    total = 54 * MB
    sock = _open(srv.url, "POST /slack/events HTTP/1.1", chunked=False, total=total)
    started = time.perf_counter()
    sender = threading.Thread(target=_stream, args=(sock, total, False), daemon=True)
    sender.start()
    acks = []
    for _ in range(5):  # valid signed requests while the attacker is still sending
        t0 = time.perf_counter()
        response = srv.url_verification()
        acks.append(time.perf_counter() - t0)
        assert response.status_code == 200 and "ch-42" in response.text
    status = _status_of(sock)
    refused_after = time.perf_counter() - started
    sock.close()
    sender.join(timeout=10)
    print(f"\n54 MB unsigned body: 413 after {refused_after * 1000:.0f} ms; "
          f"signed acks meanwhile max {max(acks) * 1000:.0f} ms")
    assert status == 413
    assert refused_after < 3.0, refused_after
    assert max(acks) < 3.0, acks
    assert _metric(srv.metrics(), "medrep_http_refused_total", reason="too_large") == 1.0


def test_chunked_bodies_are_cut_off_while_streaming_without_buffering_them(serve):
    srv = serve()
    # signed headers with a current timestamp pass the header check; the body is counted as it
    # streams and cut at 1 MB, before the (wrong) signature could be checked
    headers = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    socks = [_open(srv.url, "POST /slack/events HTTP/1.1", chunked=True, total=50 * MB, extra=headers)
             for _ in range(10)]
    senders = [threading.Thread(target=_stream, args=(s, 50 * MB, True), daemon=True) for s in socks]
    for t in senders:
        t.start()
    t0 = time.perf_counter()
    statuses = [_status_of(s) for s in socks]
    ack = srv.url_verification()
    ack_s = time.perf_counter() - t0
    for s in socks:
        s.close()
    for t in senders:
        t.join(timeout=10)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    print(f"\n10 x 50 MB chunked: all 413, ack meanwhile {ack_s * 1000:.0f} ms, peak RSS +{growth_mb:.0f} MB")
    assert statuses == [413] * 10
    assert ack.status_code == 200 and ack_s < 3.0
    assert growth_mb < 100, growth_mb  # the unbounded server grew +940 MB for 10 × 50 MB
    # Teams has no signature: counted and cut the same way
    sock = _open(srv.url, "POST /api/messages HTTP/1.1", chunked=True, total=5 * MB)
    threading.Thread(target=_stream, args=(sock, 5 * MB, True), daemon=True).start()
    assert _status_of(sock) == 413
    sock.close()
    assert _metric(srv.metrics(), "medrep_http_refused_total", reason="too_large") == 11.0


def test_signature_checked_before_the_body_is_parsed(serve):
    srv = serve()
    body = json.dumps({"type": "url_verification", "challenge": "c"}).encode()
    now = int(time.time())
    cases = {
        "missing": {},
        "wrong secret": sign(body, secret="not-the-secret"),
        "6 minutes old": sign(body, ts=now - 360),
        "6 minutes ahead": sign(body, ts=now + 360),
        "timestamp not a number": {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
        "signed another body": sign(b'{"type":"url_verification","challenge":"other"}'),
    }
    for name, headers in cases.items():
        response = httpx.post(f"{srv.url}/slack/events", content=body, timeout=10,
                              headers={"Content-Type": "application/json", **headers})
        assert response.status_code == 401, name
        assert response.json()["ok"] is False, name
    # garbage that is not even JSON, unsigned: 401, never parsed
    garbage = httpx.post(f"{srv.url}/slack/events", content=b"\xff\xfe{{{", timeout=10,
                         headers={"Content-Type": "application/json"})
    assert garbage.status_code == 401
    assert srv.url_verification().status_code == 200
    assert srv.post_slack(body, ts=int(time.time()) - 240).status_code == 200  # inside the 5-minute window
    metrics = srv.metrics()
    assert _metric(metrics, "medrep_http_refused_total", reason="bad_signature") == 5.0
    assert _metric(metrics, "medrep_http_refused_total", reason="stale_timestamp") == 2.0


def test_malformed_bodies_get_400_and_no_error_in_the_log(serve, caplog):
    srv = serve()
    caplog.set_level(logging.INFO)
    signed_cases = [
        (b'{"type": "event_callback", ', "application/json", "malformed_json"),
        (b"[1, 2, 3]", "application/json", "json_not_object"),
        (b'{"type": "\xff\xfe"}', "application/json", "body_not_utf8"),
        (b"command=%2Fmedrep&text=\xed\xa0\x80", "application/x-www-form-urlencoded", "body_not_utf8"),
        (b"command=%2Fmedrep&text=%FF%FE", "application/x-www-form-urlencoded", "malformed_form"),
        (b"payload=%7Bnot-json", "application/x-www-form-urlencoded", "malformed_json"),
        (b"<xml/>", "text/xml", "unsupported_content_type"),
        (json.dumps({"a": [[[[[[1]]]]]]}).encode() * 2, "application/json", "malformed_json"),
    ]
    for body, content_type, error in signed_cases:
        response = srv.post_slack(body, content_type)
        assert response.status_code == 400, (body, response.text)
        assert response.json() == {"ok": False, "error": error}, body
    # Teams: undecodable bytes stop at the edge; malformed JSON reaches the Teams endpoint, which
    # answers 400 itself and keeps the raw body (tests/teams/test_teams_auth.py)
    for body in (b"{not json", b'{"type": "message", "text": "\xff"}', b'"just a string"'):
        teams = httpx.post(f"{srv.url}/api/messages", content=body, timeout=10,
                           headers={"Content-Type": "application/json", "Authorization": "Bearer x"})
        assert teams.status_code in (400, 401), body
    assert _metric(srv.metrics(), "medrep_http_refused_total", reason="malformed") == len(signed_cases) + 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert errors == [], [r.getMessage() for r in errors]


def _command_form(team: str = "T0MEDREP") -> bytes:
    return urlencode({"token": "x", "team_id": team, "channel_id": "C0SALES", "user_id": "UHB00001",
                      "command": "/medrep", "text": "이번 달 실적", "trigger_id": "1.2.3",
                      "response_url": "http://127.0.0.1:9/response/x"}).encode()


def test_replayed_slash_command_is_acked_but_not_run_again(serve):
    srv = serve()
    body = _command_form()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    first = httpx.post(f"{srv.url}/slack/events", content=body, headers=headers, timeout=10)
    replay = httpx.post(f"{srv.url}/slack/events", content=body, headers=headers, timeout=10)
    assert first.status_code == 200
    assert replay.status_code == 200 and replay.content == b""
    assert _metric(srv.metrics(), "medrep_http_refused_total", reason="replay") == 1.0


class _Counting:
    """A downstream ASGI app that counts the requests reaching it."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ran"})


def _guarded(redis_url: str | None = None):
    from bot.limits import EdgeConfig, EdgeGuard
    from bot.replay import ReplayGuard

    downstream = _Counting()
    return downstream, EdgeGuard(downstream, EdgeConfig(slack_signing_secret=SECRET, replay=ReplayGuard(redis_url)))


def test_replay_guard_passes_the_exact_body_once_and_fresh_signatures_again():
    from fakes.loopback import AsgiServers

    servers = AsgiServers()
    try:
        downstream, guard = _guarded()
        url = servers.start(guard)
        body = _command_form()
        signed = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, ts=int(time.time()) - 5)}
        answers = [httpx.post(f"{url}/slack/events", content=body, headers=signed, timeout=10) for _ in range(3)]
        again = httpx.post(f"{url}/slack/events", content=body, timeout=10,  # the user runs it again: new signature
                           headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)})
        event = json.dumps({"type": "event_callback", "event_id": "Ev1"}).encode()
        event_headers = {"Content-Type": "application/json", **sign(event)}
        events = [httpx.post(f"{url}/slack/events", content=event, headers=event_headers, timeout=10)
                  for _ in range(2)]  # events are de-duplicated by event id downstream, not here
    finally:
        servers.stop_all()
    assert [a.text for a in answers] == ["ran", "", ""]
    assert again.text == "ran" and [e.text for e in events] == ["ran", "ran"]
    assert downstream.bodies == [body, body, event, event]


@pytest.mark.redis
def test_replays_are_refused_across_replicas_through_redis():
    import uuid

    from fakes.loopback import AsgiServers

    servers = AsgiServers()
    redis_url = "redis://127.0.0.1:6379/0"
    try:
        first_down, first = _guarded(redis_url)
        second_down, second = _guarded(redis_url)
        urls = [servers.start(first), servers.start(second)]
        body = _command_form(team=f"T{uuid.uuid4().hex[:8]}")
        signed = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        texts = [httpx.post(f"{u}/slack/events", content=body, headers=signed, timeout=10).text for u in urls]
    finally:
        servers.stop_all()
    assert texts == ["ran", ""]
    assert len(first_down.bodies) + len(second_down.bodies) == 1
