"""Nightly jobs: the sales rollup rebuild (data.rollup), then full retraining of every
forecast series, logged to MLflow; the champion alias (and the forecasts chat turns read)
move only when the new model is better. The scheduler wiring (scheduled/jobs.py) calls
`nightly_rollup(app)` and `nightly_retrain(app)`."""

from __future__ import annotations

import logging

from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)


def nightly_rollup(app: AppContext) -> str:
    """Rebuild the sales rollup so account moves (시·도, type) reach the reports by morning."""
    from data.rollup import refresh_sales_rollups

    with app.session() as session:
        state = refresh_sales_rollups(session)
        session.commit()
    return f"매출 집계 {state.rollup_rows:,}행 재생성({state.seconds:.1f}초)"


def nightly_retrain(app: AppContext) -> str:
    from tools.prediction.lifecycle import TRAIN_SCOPES
    from tools.prediction.pipeline import run_training
    from tools.prediction.training import TrainConfig

    summary = run_training(app, TrainConfig(), TRAIN_SCOPES, source="nightly").summary_ko()
    log.info("nightly retrain: %s", summary)
    return summary
