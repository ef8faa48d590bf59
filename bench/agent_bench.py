"""Agent latency: one offline-router turn in a warm process (start-up and each tool's first
use excluded) on the demo world,
runtime start-up, and `medrep ask` wall time (process start-up included).

    .venv/bin/python bench/agent_bench.py [--turns 170] [--home DIR]

Uses DIR when it already holds a demo world (medrep.db), else generates one in a temp dir.
Questions come from agent/router/data/heldout.jsonl, asked through the real discovered tools.
Besides the whole turn it prints the agent's own share (turn minus the time inside tool
handlers: router, graph, checkpointer, journal) and each tool's median, so a slow turn can be
told apart from a slow tool. On a shared machine wall time follows the load, so each turn's
process CPU time (all its threads) is printed too, with the slowest turns and their tools."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=170)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--slowest", type=int, default=10, help="print the N slowest turns")
    ns = parser.parse_args()

    from data.db import open_app
    from medrep.kernel.settings import Settings

    home = ns.home or Path(tempfile.mkdtemp(prefix="medrep-agent-bench-"))
    settings = Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                        medrep_today="2026-11-20")
    if not (home / "medrep.db").exists():
        from data.demo.generator import generate_world

        t = time.perf_counter()
        app = open_app(settings)
        generate_world(app)
        print(f"demo world generated in {time.perf_counter() - t:.1f}s at {home}")
    app = open_app(settings, migrate=False)

    from agent.router.nlu import DATA_DIR
    from agent.runtime import AgentRuntime
    from agent.types import Turn
    from data.identity import resolve_caller

    import tools.common.langchain_tools as lc_tools

    in_tools: list[tuple[str, float]] = []
    real_run_spec = lc_tools.run_spec

    def timed_run_spec(package, spec, context, raw_args):
        started = time.perf_counter()
        try:
            return real_run_spec(package, spec, context, raw_args)
        finally:
            in_tools.append((spec.name, (time.perf_counter() - started) * 1000))

    lc_tools.run_spec = timed_run_spec
    t = time.perf_counter()
    runtime = AgentRuntime(app)
    startup = time.perf_counter() - t
    print(f"runtime start-up (classifier cached={bool(list((home / 'agent').glob('intent-*.pkl')))}): {startup * 1000:.0f} ms")
    print(f"backend={runtime.backend} tools={len(runtime.tools)}: {', '.join(runtime.tool_names)}")

    rows = [json.loads(line) for line in (DATA_DIR / "heldout.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = (rows * (ns.turns // len(rows) + 1))[: ns.turns]
    callers = {}
    with app.session() as s:
        for r in rows:
            callers.setdefault(r["as"], resolve_caller(s, r["as"]))
    # warm process: a server is long-lived, so each tool's first use (its imports, the search
    # index, Kiwi, a first scan) is start-up, not a turn: ask each tool's first question once
    warm_rows = {}
    for r in rows:
        warm_rows.setdefault(r.get("expect_tool"), r)
    t = time.perf_counter()
    runtime.answer(Turn(caller=callers[rows[0]["as"]], thread_key="bench:warm", text="지난달 실적"))
    for i, r in enumerate(warm_rows.values()):
        runtime.answer(Turn(caller=callers[r["as"]], thread_key=f"bench:warm:{i}", text=r["text"]))
    print(f"warm process: {len(warm_rows)} tools' first question asked once before measuring "
          f"({time.perf_counter() - t:.1f}s)")
    latencies, with_tool, overhead, cpu, slow = [], [], [], [], []
    per_tool: dict[str, list[float]] = {}
    for i, r in enumerate(rows):
        in_tools.clear()
        t, t_cpu = time.perf_counter(), time.process_time()
        reply = runtime.answer(Turn(caller=callers[r["as"]], thread_key=f"bench:{i}", text=r["text"]))
        ms = (time.perf_counter() - t) * 1000
        latencies.append(ms)
        cpu.append((time.process_time() - t_cpu) * 1000)
        slow.append((ms, cpu[-1], r["text"], [call.name for call in reply.tool_calls]))
        # tools of one turn run in parallel threads: the agent's share is the turn minus the longest
        overhead.append(ms - max((d for _, d in in_tools), default=0.0))
        for name, d in in_tools:
            per_tool.setdefault(name, []).append(d)
        if reply.tool_calls:
            with_tool.append(ms)
    p = lambda xs, q: float(np.percentile(xs, q)) if xs else float("nan")  # noqa: E731
    print(f"offline turn, all {len(latencies)}: p50 {p(latencies, 50):.1f} ms, p95 {p(latencies, 95):.1f} ms, "
          f"max {max(latencies):.1f} ms")
    print(f"offline turn, with a tool call ({len(with_tool)}): p50 {p(with_tool, 50):.1f} ms, "
          f"p95 {p(with_tool, 95):.1f} ms")
    print(f"process CPU time of a turn (all threads): p50 {p(cpu, 50):.1f} ms, p95 {p(cpu, 95):.1f} ms")
    print(f"agent's own share of a turn (router, graph, memory, journal): p50 {p(overhead, 50):.1f} ms, "
          f"p95 {p(overhead, 95):.1f} ms")
    print("tool handler time, median / max ms:")
    for name, values in sorted(per_tool.items(), key=lambda kv: -float(np.median(kv[1]))):
        print(f"  {name:28s} n={len(values):3d}  {float(np.median(values)):7.1f} / {max(values):7.1f}")
    print(f"slowest {ns.slowest} turns (wall / cpu ms):")
    for ms, ms_cpu, text, names in sorted(slow, reverse=True)[: ns.slowest]:
        print(f"  {ms:7.1f} / {ms_cpu:7.1f}  {', '.join(names) or '-':28s} {text}")
    runtime.close()

    env = {**os.environ, "DATABASE_URL": settings.database_url, "MEDREP_HOME": str(home), "MEDREP_TODAY": "2026-11-20"}
    env.pop("OPENAI_API_KEY", None)
    medrep = Path(sys.executable).with_name("medrep")
    cmd = [str(medrep)] if medrep.exists() else [sys.executable, "-m", "medrep.cli.main"]
    for label, text in (("help reply", "안녕"), ("sales report", "지난달 제품별 실적 보여줘")):
        t = time.perf_counter()
        done = subprocess.run([*cmd, "ask", "--json", text], env=env, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t
        inner = json.loads(done.stdout)["latency_ms"] if done.returncode == 0 else None
        print(f"`medrep ask` ({label}): {wall:.2f} s wall, turn {inner} ms, exit {done.returncode}")


if __name__ == "__main__":
    main()
