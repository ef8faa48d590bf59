"""`/client [거래처명|등급 X|위험|우선순위]` → a client_* tool call."""

from __future__ import annotations

from datetime import date

from tools.common.commands import usage_error
from tools.common.contract import SlashCall
from tools.common.vocab import Grade
from typing import get_args


def parse_client(text: str, today: date) -> SlashCall:
    from tools.clients.manifest import CAPABILITY

    words = text.split()
    if not words or words[0] in ("우선순위", "방문"):
        return SlashCall("client_visit_priorities", {"top_n": 10})
    if words[0] in ("위험", "이탈"):
        return SlashCall("client_churn_risk", {"top_n": 10})
    if words[0] == "등급":
        grade = words[1].upper() if len(words) > 1 else None
        if grade and grade not in get_args(Grade):
            raise usage_error(CAPABILITY.slash_commands[0].usage, "등급은 A, B, C, D 중 하나로 입력해 주세요.")
        return SlashCall("client_grades", {"grade": grade})
    return SlashCall("client_profile", {"account": text.strip()})
