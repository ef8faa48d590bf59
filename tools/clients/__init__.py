"""Client (account) intelligence: grades A–D, churn risk (XGBoost), visit priorities, profiles."""
