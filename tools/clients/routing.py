"""Offline-router argument hints for the client_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots, name_filters

GRADE = re.compile(r"(?<![A-Za-z])([A-Da-d])\s*(?:등급|grade)")


def client_args(tool: str, slots: Slots) -> dict:
    args = name_filters(slots, ("rep", "team", "account"))
    if tool == "client_visit_priorities":
        args.pop("team", None)
    if tool == "client_grades":
        grade = GRADE.search(slots.text)
        if grade:
            args["grade"] = grade.group(1).upper()
    if slots.top_n and tool in ("client_churn_risk", "client_visit_priorities"):
        args["top_n"] = slots.top_n
    return args
