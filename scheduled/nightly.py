"""Nightly retraining: every capability's `train` hook, exactly what `medrep train` runs
(tools.registry.run_hooks(app, "train")): the sales rollups (analytics), the churn model
(clients) and every forecast series logged to MLflow (prediction; the champion alias and the
forecasts chat turns read move only when the new model is better). Before the hooks the sales
rollup is rebuilt unconditionally, so account moves (시·도, type), which do not make the rollup
stale, reach the reports by morning. Each step runs on its own: a failure is reported in the
Korean summary (one line per capability) and does not stop the others. The scheduler wiring
(scheduled/jobs.py) calls `nightly_retrain(app)`."""

from __future__ import annotations

import logging

from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def nightly_rollup(app: AppContext) -> str:
    """Rebuild the sales rollup unconditionally (the analytics `train` hook rebuilds when stale)."""
    from data.rollup import refresh_sales_rollups

    with app.session() as session:
        state = refresh_sales_rollups(session)
        session.commit()
    return f"매출 집계 {state.rollup_rows:,}행 재생성({state.seconds:.1f}초)"


def _capabilities() -> list[tuple[str, str]]:
    """(package, Korean label) of every capability, in the order `medrep train` runs them."""
    from tools import registry

    listed = registry.capabilities() if hasattr(registry, "capabilities") else registry.CAPABILITIES
    return [(cap.package, getattr(cap, "label", None) or getattr(cap, "label_ko", cap.package)) for cap in listed]


def nightly_steps(app: AppContext) -> list[tuple[str, str, bool]]:
    """(step, Korean summary, ok): the forced rollup rebuild, then every capability with a
    `train` hook, in capability order."""
    from tools.registry import run_hooks

    results: list[tuple[str, str, bool]] = []
    try:
        results.append(("rollup", nightly_rollup(app), True))
    except Exception as exc:  # reports fall back to the raw table; retraining must still run
        log.exception("nightly sales rollup failed")
        results.append(("rollup", f"매출 집계 재생성 실패(보고서는 원본 테이블로 계산): {type(exc).__name__}", False))
    for package, label in _capabilities():
        try:
            ran = run_hooks(app, "train", only={package})
        except Exception as exc:
            log.exception("nightly %s training failed", package)
            results.append((package, f"{label} 학습 실패: {type(exc).__name__}: {str(exc)[:200]}", False))
            continue
        results.extend((package, summary, True) for package, summary in ran)
    if len(results) == 1:
        results.append(("train", "학습할 모델이 설치되어 있지 않습니다.", True))
    return results


def nightly_retrain(app: AppContext) -> str:
    """Run the nightly steps; returns one Korean line per step ("[clients] 이탈 위험 모델 …")."""
    results = nightly_steps(app)
    summary = "\n".join(f"[{step}] {text}" for step, text, _ok in results)
    failed = [step for step, _text, ok in results if not ok]
    if failed:
        log.warning("nightly retrain: failed steps: %s", ", ".join(failed))
    log.info("nightly retrain:\n%s", summary)
    return summary
