"""Prediction and MLOps: monthly sales forecasts, target gaps, anomalies, recommendations."""
