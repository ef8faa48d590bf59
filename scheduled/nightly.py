"""Nightly retrain job: full retraining of every forecast series, logged to MLflow; the
champion alias (and the forecasts chat turns read) move only when the new model is better.
The scheduler wiring lives elsewhere; it calls `nightly_retrain(app)`."""

from __future__ import annotations

import logging

from medrep.app import AppContext

log = logging.getLogger(__name__)


def nightly_retrain(app: AppContext) -> str:
    from tools.prediction.lifecycle import TRAIN_SCOPES
    from tools.prediction.pipeline import run_training
    from tools.prediction.training import TrainConfig

    summary = run_training(app, TrainConfig(), TRAIN_SCOPES, source="nightly").summary_ko()
    log.info("nightly retrain: %s", summary)
    return summary
