"""MLflow's fluent API pointed at one tracking URI for a block, without leaking it.

mlflow.set_tracking_uri() writes MLFLOW_TRACKING_URI into the process environment, which
would then override the settings of every later AppContext in the process (tests, several
apps in one server). Every MLflow user in `tools/` goes through `mlflow_session`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

_KEYS = ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")


@contextmanager
def mlflow_session(tracking_uri: str):
    """Yields (mlflow module, MlflowClient) bound to `tracking_uri`; the environment is restored."""
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    import mlflow
    from mlflow import MlflowClient

    saved = {key: os.environ.get(key) for key in _KEYS}
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    try:
        yield mlflow, MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
