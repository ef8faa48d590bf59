"""`medrep ask` cold start: one offline answer, process start to exit, wall time and peak
memory (max RSS) per run, as JSON.

    python bench/coldstart_bench.py [--home DIR] [--repeat 5] [--question "이번 달 제품별 실적 보여줘"]

DIR must hold a demo world (`MEDREP_HOME=DIR medrep demo`); default: ./var. The first run
may train the router cache; it is reported but left out of the median when --repeat > 1.
Also prints the import time of the modules that dominate (python -X importtime).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _run_once(cmd: list[str], env: dict) -> tuple[float, float, int]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return wall, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is KiB on Linux


def _top_imports(cmd: list[str], env: dict, n: int = 12) -> list[tuple[str, float]]:
    result = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], env=env, capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line.split(":", 1)[1].split("|")]
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2]
        if name.count(".") == 0 and not name.startswith("_"):
            rows.append((name, cumulative / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=Path("var"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--question", default="이번 달 제품별 실적 보여줘")
    args = parser.parse_args()
    if not (args.home / "medrep.db").exists():
        sys.exit(f"{args.home} holds no demo world: MEDREP_HOME={args.home} medrep demo")
    medrep = shutil.which("medrep") or str(Path(sys.executable).with_name("medrep"))
    cmd = [sys.executable, medrep, "ask", "--as", "김민준", args.question]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DATABASE_URL"))}
    env["MEDREP_HOME"] = str(args.home.resolve())
    runs = [_run_once(cmd, env) for _ in range(args.repeat)]
    if any(rc != 0 for _, _, rc in runs):
        sys.exit(f"medrep ask failed: exit codes {[rc for _, _, rc in runs]}")
    steady = runs[1:] if len(runs) > 1 else runs
    print(json.dumps({
        "question": args.question,
        "runs": len(runs),
        "first_run_s": round(runs[0][0], 2),
        "median_s": round(statistics.median(r[0] for r in steady), 2),
        "max_s": round(max(r[0] for r in steady), 2),
        "peak_rss_mb": round(max(r[1] for r in runs), 1),
        "top_imports_s": _top_imports(cmd, env),
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
