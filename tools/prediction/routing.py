"""Offline-router argument hints for the forecast_* and anomaly_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots, name_filters, scope_and_name

HORIZON = re.compile(r"(\d{1,2})\s*개월|(\d)\s*분기|내년|다음\s*분기|next\s*quarter|(\d{1,2})\s*months?", re.I)


def horizon(text: str) -> int | None:
    """Months ahead as said ("6개월", "2분기", "내년"); not clamped: the tool's bound answers."""
    m = HORIZON.search(text)
    if not m:
        return None
    if m.group(1) or m.group(3):
        return int(m.group(1) or m.group(3))
    if m.group(2):
        return 3 * int(m.group(2))
    return 12 if "내년" in m.group(0) else 3


def forecast_args(tool: str, slots: Slots) -> dict:
    if tool == "forecast_sales":
        args = scope_and_name(slots)
        months = horizon(slots.text)
        if months:
            args["horizon"] = months
        return args
    if tool == "forecast_target_gap":
        args = name_filters(slots, ("rep", "team"))
        if slots.period:
            args["period"] = slots.period
        return args
    if tool == "forecast_recommendations":
        return name_filters(slots, ("rep",))
    args = scope_and_name(slots)  # anomaly_detect
    if slots.period:
        args["period"] = slots.period
    return args
