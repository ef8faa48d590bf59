"""`/forecast [대상 이름] [N개월]` and `/forecast 목표 [기간]` → a forecast_* tool call."""

from __future__ import annotations

import re
from datetime import date

from tools.common.commands import check_period, usage_error
from tools.common.contract import SlashCall
from tools.common.vocab import FORECAST_HORIZON_MAX, SCOPE_WORDS


def parse_forecast(text: str, today: date) -> SlashCall:
    from tools.prediction.manifest import CAPABILITY

    usage = CAPABILITY.slash_commands[0].usage
    words = text.split()
    if words and words[0] in ("목표", "달성", "갭", "gap"):
        return SlashCall("forecast_target_gap", {"period": check_period(usage, " ".join(words[1:]), today) or "이번 분기"})
    horizon, rest = 3, []
    for word in words:
        m = re.fullmatch(r"(\d+)(개월|달|m)?", word)
        if m:
            horizon = int(m.group(1))
            if not 1 <= horizon <= FORECAST_HORIZON_MAX:
                raise usage_error(usage, f"예측 기간은 1~{FORECAST_HORIZON_MAX}개월 사이로 입력해 주세요.")
        else:
            rest.append(word)
    scope, name = "total", ""
    if rest:
        if rest[0].lower() in SCOPE_WORDS:
            scope, name = SCOPE_WORDS[rest[0].lower()], " ".join(rest[1:])
        else:
            scope, name = "product", " ".join(rest)
    if scope != "total" and not name:
        raise usage_error(usage, f"'{rest[0]}' 다음에 예측할 대상의 이름을 입력해 주세요.")
    return SlashCall("forecast_sales", {"scope": scope, "name": name or None, "horizon": horizon})
