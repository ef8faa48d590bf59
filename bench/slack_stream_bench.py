"""Time to first streamed text in Slack after the ack, on the demo world (target < 1 s).

    .venv/bin/python bench/slack_stream_bench.py [--questions 30] [--home DIR]

`medrep serve`'s ASGI app under uvicorn and the loopback fake Slack Web API; each question is
a signed DM event answered by the real agent (offline router). Measured per question, from
the moment the event's HTTP 200 (the ack) arrives to the fake's receipt of: the first stream
chunk of any kind (`first_chunk_ms`: a task step or text) and the first `markdown_text`
chunk (`first_text_ms`: the answer's words). Uses DIR when it already holds a demo world,
else generates one in a temp dir. Prints one JSON object."""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

QUESTIONS = ["이번 달 내 실적 보여줘", "이번 달 제품별 실적", "이번 분기 목표 달성 가능할까?", "이번 주 방문 우선순위 알려줘",
             "지난달 거래처별 실적", "최근 6개월 매출 추이", "로수빛 이번 달 실적", "올해 누적 달성률"]
SECRET, TOKEN = "bench-secret", "xoxb-bench"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--cold", action="store_true",
                        help="measure from a cold process (default: ask each question once first, as a long-lived server has)")
    ns = parser.parse_args()

    import httpx
    from sqlalchemy import select

    from bot.server import create_app
    from data.db import open_app
    from data.models import Rep
    from fakes.loopback import AsgiServers
    from fakes.slack_api import FakeSlackApi
    from medrep.kernel.settings import Settings

    fake = FakeSlackApi(token=TOKEN).start()
    home = ns.home or Path(tempfile.mkdtemp(prefix="medrep-slack-bench-"))
    settings = Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                        medrep_today="2026-11-20", slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_url=fake.api_url)
    fresh = not (home / "medrep.db").exists()
    app = open_app(settings)
    if fresh:
        from data.demo.generator import generate_world

        generate_world(app)
    with app.session() as session:
        user = session.scalar(select(Rep.slack_user_id).where(Rep.role == "rep").order_by(Rep.id))
    servers = AsgiServers()
    url = servers.start(create_app(app, socket_mode=False))

    run = int(time.time())  # event ids unique per run: a reused home has the last run's receipts

    def post_event(n: int, text: str) -> float:
        ts = f"{run}.{n:06d}"
        body = json.dumps({"token": "x", "team_id": fake.team_id, "api_app_id": "A1", "type": "event_callback",
                           "event_id": f"Ev-bench-{run}-{n}", "event_time": int(time.time()),
                           "event": {"type": "message", "channel": f"D0BENCH{n}", "channel_type": "im", "user": user,
                                     "ts": ts, "text": text}}, ensure_ascii=False)
        stamp = str(int(time.time()))
        sig = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        resp = httpx.post(f"{url}/slack/events", content=body.encode(), timeout=10,
                          headers={"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp,
                                   "X-Slack-Signature": f"v0={sig}"})
        acked = time.time()
        assert resp.status_code == 200, resp.text
        return acked

    def stream_times(channel: str) -> tuple[float | None, float | None]:
        first_chunk = first_text = None
        for call in list(fake.calls):
            if call.method not in ("chat.startStream", "chat.appendStream", "chat.stopStream"):
                continue
            if call.params.get("channel") != channel:
                continue
            chunks = call.params.get("chunks") or []
            if call.params.get("markdown_text"):
                chunks = [{"type": "markdown_text"}] + list(chunks)
            if chunks and first_chunk is None:
                first_chunk = call.at
            if any(c.get("type") == "markdown_text" for c in chunks) and first_text is None:
                first_text = call.at
        return first_chunk, first_text

    post_event(0, "안녕")  # warm-up: builds the agent runtime (not measured)
    fake.wait_for(lambda calls: fake.answers("D0BENCH0"), timeout=120)
    first = 1
    if not ns.cold:  # a long-lived server has loaded its indexes and models: ask each question once first
        for n, text in enumerate(QUESTIONS, start=1):
            post_event(n, text)
            fake.wait_for(lambda calls, c=f"D0BENCH{n}": fake.answers(c), timeout=300)
        first = len(QUESTIONS) + 1
    chunk_ms, text_ms, answered_ms = [], [], []
    for n in range(first, first + ns.questions):
        channel = f"D0BENCH{n}"
        acked = post_event(n, QUESTIONS[n % len(QUESTIONS)])
        fake.wait_for(lambda calls: fake.answers(channel), timeout=120)
        first_chunk, first_text = stream_times(channel)
        chunk_ms.append((first_chunk - acked) * 1000)
        text_ms.append((first_text - acked) * 1000)
        stopped = [c.at for c in list(fake.calls) if c.method == "chat.stopStream" and c.params.get("channel") == channel]
        answered_ms.append((max(stopped) - acked) * 1000)
    servers.stop_all()
    fake.stop()
    print(json.dumps({
        "questions": ns.questions, "world": "generated" if fresh else str(home),
        "process": "cold (first use of each tool measured)" if ns.cold else "warm (each question asked once first)",
        "first_chunk_ms": {"p50": _pct(chunk_ms, 0.5), "p95": _pct(chunk_ms, 0.95), "max": round(max(chunk_ms), 1)},
        "first_text_ms": {"p50": _pct(text_ms, 0.5), "p95": _pct(text_ms, 0.95), "max": round(max(text_ms), 1)},
        "stopped_ms": {"p50": _pct(answered_ms, 0.5), "p95": _pct(answered_ms, 0.95)},
        "mean_first_text_ms": round(statistics.mean(text_ms), 1), "target_ms": 1000,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
