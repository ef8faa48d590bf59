"""Load test of the scale-out set (issue 19): two `medrep serve` replicas on PostgreSQL + Redis,
`medrep worker` processes answering the turns, signed Slack events at 5 and then 20 events/s
with 10% duplicates (Slack's retries: the same event again, with X-Slack-Retry-Num, sent to
the other replica), against the loopback fake Slack Web API. Bounded: it stops sending after
each phase and waits for the answers (at most --drain seconds).

    .venv/bin/python bench/load_bench.py [--workers 2] [--slow-s 20] [--fast-s 10] [--drain 240]

Needs PostgreSQL (creates and drops its own database; --pg-admin) and Redis (--redis, a
database index of its own, flushed). Requests alternate between the replicas, as the load
balancer's round robin does. Prints one JSON object: events sent (originals, duplicates),
acks under 3 s, answers posted, duplicate answers, losses (acked events never answered), ack
p50/p99/max and answer p50/p95 (ack → the answer's final Slack call), per phase and in total.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SECRET, TOKEN = "load-secret", "xoxb-load"
QUESTIONS = ["이번 달 내 실적 알려줘", "지난달 제품별 실적", "이번 분기 목표 달성 가능할까?", "방문 우선순위 알려줘",
             "지난달 거래처별 매출 상위 5개", "올해 누적 달성률", "로수빛 이번 달 실적", "최근 6개월 매출 추이"]


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)


def sign(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"a process exited early (rc {proc.returncode}); see its log")
        try:
            httpx.get(f"{url}/healthz", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not come up")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slow-s", type=float, default=20, help="seconds at 5 events/s")
    parser.add_argument("--fast-s", type=float, default=10, help="seconds at 20 events/s")
    parser.add_argument("--dup", type=float, default=0.10, help="share of events sent twice")
    parser.add_argument("--drain", type=float, default=240, help="seconds to wait for the last answers")
    parser.add_argument("--pg-admin", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    ns = parser.parse_args()

    import httpx
    import redis
    from sqlalchemy import create_engine, select, text

    from data.db import open_app
    from data.demo.generator import generate_world
    from data.models import Rep
    from fakes.loopback import free_port
    from fakes.slack_api import FakeSlackApi
    from medrep.kernel.settings import Settings

    redis.Redis.from_url(ns.redis).flushdb()
    db_name = f"medrep_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ns.pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    db_url = ns.pg_admin.rsplit("/", 1)[0] + f"/{db_name}"
    home = Path(tempfile.mkdtemp(prefix="medrep-load-"))
    fake = FakeSlackApi(token=TOKEN).start()
    procs: list[subprocess.Popen] = []
    log = (home / "procs.log").open("ab")
    try:
        started = time.time()
        settings = Settings(_env_file=None, database_url=db_url, medrep_home=home, medrep_today="2026-11-20")
        app = open_app(settings)
        generate_world(app)
        with app.session() as session:
            users = list(session.scalars(select(Rep.slack_user_id).where(Rep.slack_user_id.is_not(None))))

        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("MEDREP_", "REDIS_", "DATABASE_", "SLACK_", "MICROSOFT_", "OPENAI_"))}
        env.update(MEDREP_HOME=str(home), DATABASE_URL=db_url, REDIS_URL=ns.redis, MEDREP_TODAY="2026-11-20",
                   SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                   MEDREP_USER_EVENTS_PER_MINUTE="1000", PYTHONPATH=str(ROOT))
        ports = [free_port(), free_port()]
        medrep = [sys.executable, "-m", "medrep.cli.main"]
        for port in ports:
            procs.append(subprocess.Popen([*medrep, "serve"], cwd=ROOT, env={**env, "PORT": str(port)},
                                          stdout=log, stderr=subprocess.STDOUT))
        for _ in range(ns.workers):
            procs.append(subprocess.Popen([*medrep, "worker", "--queue", "medrep-turns"], cwd=ROOT, env=env,
                                          stdout=log, stderr=subprocess.STDOUT))
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        for url, proc in zip(urls, procs):
            wait_up(url, proc)
        from rq import Worker

        connection = redis.Redis.from_url(ns.redis)
        deadline = time.time() + 180
        while len(Worker.all(connection=connection)) < ns.workers:  # registered = warm (agent built)
            if time.time() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit("the workers did not start; see their log")
            time.sleep(0.5)
        setup_s = time.time() - started

        acks: list[dict] = []  # every request: phase, ms, status
        originals: dict[str, dict] = {}  # channel -> {"phase", "acked_at"}
        lock = threading.Lock()
        client = httpx.Client(timeout=10)
        pool = ThreadPoolExecutor(max_workers=32)

        def post(n: int, phase: str, url: str, body: bytes, retry: int = 0) -> None:
            headers = sign(body)
            if retry:
                headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
            t0 = time.perf_counter()
            try:
                status = client.post(f"{url}/slack/events", content=body, headers=headers).status_code
            except httpx.HTTPError:
                status = 0
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                acks.append({"phase": phase, "ms": ms, "status": status, "dup": bool(retry)})
                if not retry and status == 200:
                    originals[f"C0LOAD{n}"] = {"phase": phase, "acked_at": time.time()}

        def send_phase(phase: str, rate: float, seconds: float, first: int) -> int:
            count = int(rate * seconds)
            start = time.time()
            for i in range(count):
                n = first + i
                target = start + i / rate
                time.sleep(max(0.0, target - time.time()))
                event_id = f"Ev-load-{n}-{uuid.uuid4().hex[:6]}"
                ts = f"{int(time.time())}.{n:06d}"
                body = json.dumps({"token": "x", "team_id": fake.team_id, "api_app_id": "A1",
                                   "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                                   "event": {"type": "app_mention", "channel": f"C0LOAD{n}", "user": users[n % len(users)],
                                             "ts": ts, "text": f"<@{fake.bot_user_id}> {QUESTIONS[n % len(QUESTIONS)]}"}},
                                  ensure_ascii=False).encode()
                pool.submit(post, n, phase, urls[n % 2], body)
                if (n * 7919) % 100 < ns.dup * 100:  # Slack's retry, to the other replica
                    threading.Timer(0.3, lambda b=body, k=n: pool.submit(post, k, phase, urls[(k + 1) % 2], b, 1)).start()
            return first + count

        nxt = send_phase("5/s", 5, ns.slow_s, 0)
        nxt = send_phase("20/s", 20, ns.fast_s, nxt)
        time.sleep(1.0)
        pool.shutdown(wait=True)

        deadline = time.time() + ns.drain
        while time.time() < deadline and not all(fake.answers(ch) for ch in originals):
            time.sleep(1.0)
        time.sleep(3.0)  # duplicates would show up by now

        def answer_at(channel: str) -> float | None:
            final = [c.at for c in list(fake.calls) if c.params.get("channel") == channel
                     and (c.method == "chat.stopStream" or (c.method in ("chat.postMessage", "chat.update")
                                                            and "medrep_feedback" in str(c.params.get("blocks"))))]
            return max(final) if final else None

        report: dict = {"setup_s": round(setup_s, 1), "replicas": 2, "workers": ns.workers,
                        "database": "postgresql", "queue": "redis (rq)", "phases": {}}
        for phase in ("5/s", "20/s", "total"):
            rows = [a for a in acks if phase == "total" or a["phase"] == phase]
            chans = [c for c, o in originals.items() if phase == "total" or o["phase"] == phase]
            answered = [c for c in chans if fake.answers(c)]
            answer_ms = [(answer_at(c) - originals[c]["acked_at"]) * 1000 for c in answered if answer_at(c)]
            ack_ms = [a["ms"] for a in rows]
            report["phases"][phase] = {
                "events_sent": len([a for a in rows if not a["dup"]]), "duplicates_sent": len([a for a in rows if a["dup"]]),
                "acked_under_3s": len([a for a in rows if a["status"] == 200 and a["ms"] < 3000]),
                "not_acked": len([a for a in rows if a["status"] != 200]),
                "answers_posted": len(answered),
                "duplicate_answers": sum(max(0, len(fake.answers(c)) - 1) for c in chans),
                "lost": len(chans) - len(answered),
                "ack_ms": {"p50": pct(ack_ms, 0.5), "p99": pct(ack_ms, 0.99), "max": round(max(ack_ms), 1) if ack_ms else None},
                "answer_ms": {"p50": pct(answer_ms, 0.5), "p95": pct(answer_ms, 0.95)},
            }
        report["target"] = {"ack_p99_ms": 500, "lost": 0, "duplicate_answers": 0}
        print(json.dumps(report, ensure_ascii=False, indent=1))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        fake.stop()
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        except Exception as exc:
            print(f"could not drop {db_name}: {exc}", file=sys.stderr)
        redis.Redis.from_url(ns.redis).flushdb()


if __name__ == "__main__":
    main()
