"""`medrep doctor` rows for news: the Naver source and today's quota."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tools.news.client import DAILY_QUOTA, Quota

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext


def doctor(app: "AppContext") -> list[tuple[str, str, str]]:
    s = app.settings
    if not (s.naver_client_id and s.naver_client_secret):
        return [("news source", "naver", "미설정 — NAVER_CLIENT_ID/NAVER_CLIENT_SECRET (다이제스트는 뉴스 없이 발송)")]
    left = Quota(app.session_factory, app.today).remaining()
    return [("news source", "naver", f"OK ({s.naver_api_url}, 오늘 남은 호출 {left:,}/{DAILY_QUOTA:,})")]
