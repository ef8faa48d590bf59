"""`medrep eval agent --jsonl FILE`: tool-choice accuracy, confusion by capability, latency.

Each line is {"as", "text", "expect_tool"}; `expect_tool` is a tool name, a capability
prefix ending in "_" (any tool of that capability matches) or null (no tool may be called:
an out-of-scope question). Every miss is listed in `errors`. Each line is a fresh thread,
asked through the full runtime; the first tool the agent calls is the one compared."""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from tools.registry import capability_for_tool

NO_TOOL = "(none)"


def prefix_of(name: str) -> str:
    """The capability prefix of a tool name or expectation ("sales_report" → "sales_")."""
    if name.endswith("_"):
        return name
    cap = capability_for_tool(name)
    if cap:
        return next(p for p in cap.prefixes if name.startswith(p))
    return name.split("_")[0] + "_" if "_" in name else NO_TOOL


def matches(expect: str | None, tool: str | None) -> bool:
    if not expect or expect in (NO_TOOL, "smalltalk"):
        return not tool or tool == "smalltalk"
    if not tool:
        return False
    return tool.startswith(expect) if expect.endswith("_") else tool == expect


def evaluate_jsonl(path: Path | str, app=None, runtime=None) -> dict:
    """Run every line through the agent and score the first tool call.

    With the offline router, a tool whose capability is not installed cannot be called; the
    router's decision is then scored instead (what it would have called)."""
    from agent.runtime import get_runtime
    from agent.types import Turn
    from data.db import open_app
    from data.identity import resolve_caller

    app = app or open_app()
    runtime = runtime or get_runtime(app)
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    run_id = uuid.uuid4().hex[:8]
    callers: dict[str, object] = {}
    latencies: list[float] = []
    per_cap: dict[str, list[int]] = defaultdict(list)
    confusion: dict[str, Counter] = defaultdict(Counter)
    correct = 0
    errors: list[dict] = []
    for i, row in enumerate(rows):
        who = row.get("as") or ""
        if who not in callers:
            with app.session() as session:
                callers[who] = resolve_caller(session, who) if who else None
        caller = callers[who]
        if caller is None:
            raise ValueError(f"평가 파일 {i + 1}번째 줄의 사용자 '{who}'를 찾을 수 없습니다. medrep users로 확인해 주세요.")
        turn = Turn(caller=caller, thread_key=f"eval:{run_id}:{i}", text=row["text"], platform="cli")
        started = time.perf_counter()
        reply = runtime.answer(turn)
        latencies.append((time.perf_counter() - started) * 1000)
        tool = reply.tool_calls[0].name if reply.tool_calls else _router_choice(runtime, row["text"])
        expect = row.get("expect_tool")
        ok = matches(expect, tool)
        correct += ok
        if not ok:
            errors.append({"text": row["text"], "expected": expect, "got": tool})
        expect_cap = prefix_of(expect) if expect and expect not in ("smalltalk", NO_TOOL) else NO_TOOL
        per_cap[expect_cap].append(int(ok))
        confusion[expect_cap][prefix_of(tool) if tool and tool != "smalltalk" else NO_TOOL] += 1
    n = len(rows)
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "by_capability": {cap: {"n": len(v), "accuracy": round(sum(v) / len(v), 4)} for cap, v in sorted(per_cap.items())},
        "confusion": {cap: dict(counter) for cap, counter in sorted(confusion.items())},
        "errors": errors,
        "p50_ms": round(float(np.percentile(latencies, 50)), 1) if latencies else 0.0,
        "p95_ms": round(float(np.percentile(latencies, 95)), 1) if latencies else 0.0,
        "backend": runtime.backend,
    }


def _router_choice(runtime, text: str) -> str | None:
    """The offline router's intent for a turn that called no tool (capability not installed,
    missing argument, small talk); None for other models."""
    decide = getattr(runtime.model, "decide", None)
    if decide is None:
        return None
    intent, _ = decide(text)
    return None if intent in ("smalltalk", "followup") else intent
