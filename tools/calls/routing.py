"""Offline-router argument hints for the call_* tools."""

from __future__ import annotations

import re

from tools.common.slots import Slots

_CALL_NUMBER = re.compile(r"(?:통화|녹음|녹취|call)\s*#?\s*(\d{1,9})|#(\d{1,9})|(\d{1,9})\s*번\s*(?:통화|녹음|녹취)", re.IGNORECASE)


def call_args(tool: str, slots: Slots) -> dict:
    text = slots.text
    args: dict = {}
    if tool == "call_analyze":
        m = _CALL_NUMBER.search(text)
        if m:
            args["call_id"] = int(next(g for g in m.groups() if g))
        if slots.get("account"):
            args["account"] = slots.get("account")[:100]
    elif tool == "call_list" and slots.top_n:
        args["top_n"] = min(slots.top_n, 50)
    return args
