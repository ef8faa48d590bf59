"""Forecasting figures: accuracy on the public pharma data, training time on the demo world,
and the latency of one forecast answer served from the registered model's forecasts.

    .venv/bin/python bench/forecast_bench.py [--csv FILE] [--horizon 6] [--home DIR]
                                             [--train prepare|train|none] [--skip-eval] [--repeat 50]

--home: a MEDREP_HOME holding a demo world (medrep.db); default: a fresh one in a temp dir.
--train: `prepare` (medrep demo settings), `train` (medrep train: every series), `none`
(use forecasts already trained in --home).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CSV = Path("/work/shared/bench/forecast/pharma_monthly.csv")


def accuracy(csv: Path, horizon: int) -> None:
    from tools.prediction.evaluate import evaluate_csv

    result = evaluate_csv(csv, horizon)
    print(f"== accuracy: {csv.name}, horizon {horizon}, origins {', '.join(result['origins'])}")
    for name, m in result["models"].items():
        print(f"  {name:15s} sMAPE {m['smape']:6.2f}  MASE {m['mase']:.3f}")
    print(f"  ensemble vs seasonal naive: {result['ensemble_vs_seasonal_naive_smape_pct']:+.1f}% sMAPE "
          f"({result['seconds']} s)")
    for note in result["data_repairs"]:
        print(f"  repair: {note}")


def open_home(home: Path | None):
    from data.db import open_app
    from medrep.kernel.settings import Settings

    if home is None:
        home = Path(tempfile.mkdtemp(prefix="medrep-forecast-bench-"))
    settings = Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                        medrep_today="2026-11-20")
    fresh = not (home / "medrep.db").exists()
    app = open_app(settings)
    if fresh:
        from data.demo.generator import generate_world

        started = time.perf_counter()
        generate_world(app)
        print(f"== demo world generated in {time.perf_counter() - started:.1f} s ({home})")
    return app


def training(app, mode: str) -> None:
    from tools.prediction import lifecycle

    started = time.perf_counter()
    summary = getattr(lifecycle, mode)(app)
    print(f"== {mode}: {time.perf_counter() - started:.1f} s wall — {summary}")


def latency(app, repeat: int) -> None:
    from sqlalchemy import select

    from data.access import Caller
    from data.models import Rep
    from tools.prediction.forecast import forecast_sales
    from tools.prediction.gap import forecast_target_gap

    with app.session() as session:
        rep = Caller.from_rep(session.scalars(select(Rep).where(Rep.role == "rep").order_by(Rep.id)).first())
        admin = Caller.from_rep(session.scalars(select(Rep).where(Rep.role == "admin").order_by(Rep.id)).first())
    files = app.settings.home / "files" / "prediction"
    cases = [("forecast_sales rep, text", rep, lambda s, c: forecast_sales(s, c, app.today(), None)),
             ("forecast_sales admin product, text", admin,
              lambda s, c: forecast_sales(s, c, app.today(), None, "product", "로수빛", 3)),
             ("forecast_sales rep, text + PNG chart", rep, lambda s, c: forecast_sales(s, c, app.today(), files)),
             ("forecast_target_gap rep", rep, lambda s, c: forecast_target_gap(s, c, app.today()))]
    print(f"== latency (in process, warm, {repeat} answers each)")
    for label, who, fn in cases:
        times = []
        for i in range(repeat + 1):
            started = time.perf_counter()
            with app.session() as session:
                out = fn(session, who)
            if i:  # first call warms imports and caches
                times.append((time.perf_counter() - started) * 1000)
        source = out.data.get("source", "")
        print(f"  {label:38s} p50 {np.percentile(times, 50):7.1f} ms  p95 {np.percentile(times, 95):7.1f} ms  "
              f"({source})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--horizon", type=int, default=6)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--train", choices=("prepare", "train", "none"), default="prepare")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--repeat", type=int, default=50)
    ns = parser.parse_args()
    if not ns.skip_eval:
        accuracy(ns.csv, ns.horizon)
    app = open_home(ns.home)
    if ns.train != "none":
        training(app, ns.train)
    latency(app, ns.repeat)
    print(json.dumps({"home": str(app.settings.home)}))


if __name__ == "__main__":
    main()
