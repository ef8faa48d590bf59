"""`/draft [거래처명]` → the visit-report modal (submitted to draft_visit_report)."""

from __future__ import annotations

from datetime import date

from tools.common.contract import SlashCall


def parse_draft(text: str, today: date) -> SlashCall:
    return SlashCall("draft_visit_report", {"account": text.strip()}, modal="draft")
