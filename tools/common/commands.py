"""Helpers for the slash-command parsers each capability declares in its manifest."""

from __future__ import annotations

from datetime import date

from tools.common.contract import SlashUsageError
from tools.common.periods import parse_period
from tools.common.plumbing import ToolInputError


def usage_error(usage: str, problem: str) -> SlashUsageError:
    return SlashUsageError(f"⚠️ {problem}\n\n{usage}")


def check_period(usage: str, text: str, today: date) -> str:
    """`text` when it is a period the tools understand ("" stays ""), else the usage help."""
    if not text:
        return ""
    try:
        parse_period(text, today)
    except ToolInputError as exc:
        raise usage_error(usage, f"'{text}' 기간을 이해하지 못했습니다. {exc}") from None
    return text
