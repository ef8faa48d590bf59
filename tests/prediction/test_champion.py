"""Champion promotion: the `champion` alias moves only when the new model beats it."""

from __future__ import annotations

import pandas as pd
from mlflow import MlflowClient

from tools.prediction.tracking import CHAMPION, MODEL_NAME, current_champion, log_and_register, should_promote


def test_promotion_rule():
    assert should_promote(10.0, None)  # first model becomes champion
    assert should_promote(9.9, 10.0)
    assert not should_promote(10.0, 10.0)  # a tie does not move the alias
    assert not should_promote(10.5, 10.0)


def _register(uri, tmp_path, metric):
    table = pd.DataFrame({"series_key": ["total"], "month": [pd.Timestamp("2026-11-01")], "yhat": [1.0],
                          "yhat_lower": [0.9], "yhat_upper": [1.1]})
    return log_and_register(uri, tmp_path / "artifacts", params={"horizon": 6}, metrics={"total_ensemble_smape": metric},
                            core_metric=metric, forecast_table=table, plans={}, plots=[], tags={"source": "test"})


def test_alias_moves_only_on_better_backtest(tmp_path):
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    first = _register(uri, tmp_path, 8.0)
    assert first.promoted and first.version == "1"
    assert current_champion(uri) == ("1", 8.0)

    worse = _register(uri, tmp_path, 9.0)
    assert not worse.promoted and worse.version == "2"
    assert current_champion(uri) == ("1", 8.0)  # stays

    better = _register(uri, tmp_path, 7.5)
    assert better.promoted and better.previous_champion == "1"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    assert str(client.get_model_version_by_alias(MODEL_NAME, CHAMPION).version) == "3"
    run = client.get_run(worse.run_id)
    assert run.data.metrics["core_smape"] == 9.0 and run.data.tags["promoted"] == "false"
    # artifacts live under the given root, not the working directory
    assert (tmp_path / "artifacts").exists()
