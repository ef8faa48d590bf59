"""kill -9 after the ack (issue 19): a replica (embedded default: no Redis) and a worker (Redis
queue) killed while acked events are in flight. Real `medrep serve` / `medrep worker` processes
with the real agent on the demo world, against the loopback fake Slack API; Slack's chat calls
are held while the process is killed, so the work is provably in flight. After a restart every
event is answered exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from data.models import EventReceipt, Rep
from fakes.loopback import free_port
from tests.scale.conftest import SECRET, TOKEN, sign

ROOT = Path(__file__).resolve().parents[2]
CHANNEL = "C0KILL"


def _env(app, fake, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MEDREP_", "REDIS_", "DATABASE_", "SLACK_", "MICROSOFT_", "OPENAI_"))}
    env.update(MEDREP_HOME=str(app.settings.home), DATABASE_URL=app.settings.database_url,
               MEDREP_TODAY=app.settings.medrep_today or "", SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=fake.api_url, PORT=str(port), MEDREP_EVENT_LEASE_S="3",
               MEDREP_DELIVERY_SWEEP_S="0.5", MEDREP_SLACK_TIMEOUT_S="5", MEDREP_USER_EVENTS_PER_MINUTE="100",
               PYTHONPATH=str(ROOT), **extra)
    return env


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "medrep.cli.main", *args], cwd=ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code in (200, 503):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"server not up: {log.read_text()[-3000:]}")


def _users(app, n: int) -> list[str]:
    with app.session() as session:
        return list(session.scalars(select(Rep.slack_user_id).where(Rep.slack_user_id.is_not(None),
                                                                    Rep.role == "rep").order_by(Rep.id).limit(n)))


def _send(url: str, fake, users: list[str], count: int) -> list[str]:
    """Signed mentions, each in its own thread; returns the thread ts of every acked event."""
    sent = []
    for n in range(count):
        ts = f"{int(time.time())}.{uuid.uuid4().int % 1_000_000:06d}"
        body = json.dumps({"token": "x", "team_id": fake.team_id, "api_app_id": "A1", "type": "event_callback",
                           "event_id": f"Ev-kill-{uuid.uuid4().hex[:12]}", "event_time": int(time.time()),
                           "event": {"type": "app_mention", "channel": CHANNEL, "user": users[n % len(users)],
                                     "ts": ts, "text": f"<@{fake.bot_user_id}> 이번 달 내 실적 알려줘"}},
                          ensure_ascii=False).encode()
        resp = httpx.post(f"{url}/slack/events", content=body, timeout=10,
                          headers={"Content-Type": "application/json", **sign(body)})
        assert resp.status_code == 200
        sent.append(ts)
    return sent


def _receipts(app) -> int:
    with app.session() as session:
        return int(session.scalar(select(func.count()).select_from(EventReceipt)
                                  .where(EventReceipt.event_id.like("Ev-kill-%"))) or 0)


def _exactly_one_answer_each(fake, sent: list[str], timeout: float) -> None:
    fake.wait_for(lambda calls: all(fake.answers(CHANNEL, ts) for ts in sent), timeout=timeout)
    time.sleep(2)  # duplicates would have arrived by now
    counts = {ts: len(fake.answers(CHANNEL, ts)) for ts in sent}
    assert set(counts.values()) == {1}, counts


def _stop(*procs: subprocess.Popen) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.mark.slow
def test_kill_9_of_a_replica_after_its_acks_loses_nothing(demo_app, fake_slack, tmp_path):
    log = tmp_path / "serve.log"
    users = _users(demo_app, 10)
    fake_slack.stall.set()  # every chat.* call waits: the acked turns are stuck in flight
    port = free_port()
    first = _spawn(["serve"], _env(demo_app, fake_slack, port), log)
    second = None
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, first, log)
        sent = _send(url, fake_slack, users, 20)
        assert _receipts(demo_app) == 20  # written before each ack
        fake_slack.wait_for(lambda calls: [c for c in calls if c.method.startswith("chat.")], timeout=60)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert fake_slack.answers(CHANNEL) == []
        fake_slack.stall.clear()
        port2 = free_port()
        second = _spawn(["serve"], _env(demo_app, fake_slack, port2), log)
        _wait_healthy(f"http://127.0.0.1:{port2}", second, log)
        _exactly_one_answer_each(fake_slack, sent, timeout=180)
    finally:
        fake_slack.stall.clear()
        _stop(first, *( [second] if second else []))


@pytest.mark.slow
@pytest.mark.redis
def test_kill_9_of_a_worker_mid_turn_loses_nothing(demo_app, fake_slack, tmp_path):
    redis = pytest.importorskip("redis")
    redis_url = "redis://127.0.0.1:6379/13"  # a database of its own: the turns queue starts empty
    try:
        redis.Redis.from_url(redis_url).flushdb()
    except redis.RedisError:
        pytest.skip("no local Redis")
    log = tmp_path / "procs.log"
    users = _users(demo_app, 5)
    port = free_port()
    env = _env(demo_app, fake_slack, port, REDIS_URL=redis_url)
    replica = _spawn(["serve"], env, log)
    workers = [_spawn(["worker", "--queue", "medrep-turns"], env, log)]
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, replica, log)
        fake_slack.stall.set()
        sent = _send(url, fake_slack, users, 10)
        # the worker is inside a turn (its chat call held) when it dies
        fake_slack.wait_for(lambda calls: [c for c in calls if c.method.startswith("chat.")], timeout=90)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        fake_slack.stall.clear()
        workers.append(_spawn(["worker", "--queue", "medrep-turns"], env, log))
        _exactly_one_answer_each(fake_slack, sent, timeout=180)
    finally:
        fake_slack.stall.clear()
        _stop(replica, *workers)
        redis.Redis.from_url(redis_url).flushdb()
