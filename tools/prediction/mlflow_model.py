"""The registered forecast model: an MLflow pyfunc serving the trained ensemble's
forecast table (series_key, month, yhat, yhat_lower, yhat_upper) and its ensemble plans.

Input: a DataFrame with a `series_key` column (and optional `horizon`); output: the rows of
those series, first `horizon` months.
"""

from __future__ import annotations

import mlflow.pyfunc
import pandas as pd


class ForecastTableModel(mlflow.pyfunc.PythonModel):
    def load_context(self, context) -> None:
        self.table = pd.read_csv(context.artifacts["forecast"], parse_dates=["month"])

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        keys = list(model_input["series_key"])
        horizon = int(model_input["horizon"].iloc[0]) if "horizon" in model_input else None
        rows = self.table[self.table["series_key"].isin(keys)].sort_values(["series_key", "month"])
        if horizon:
            rows = rows.groupby("series_key").head(horizon)
        return rows.reset_index(drop=True)
