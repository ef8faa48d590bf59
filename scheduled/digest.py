"""Morning digest: per DigestSubscription, a short Korean briefing (target outlook, visit
priorities, news) built from the installed catalog tools and sent as a Slack DM."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from data.access import Caller
from data.models import DigestSubscription, Rep

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

SECTIONS = {
    "forecast": ("🎯 목표 달성 전망", "forecast_target_gap", {"period": "이번 분기"}),
    "visits": ("🚗 오늘의 방문 우선순위", "client_visit_priorities", {"top_n": 3}),
    "news": ("📰 관련 뉴스", "news_digest", {}),
    "sales": ("📊 이번 달 실적", "sales_report", {"period": "이번 달", "group_by": "product", "top_n": 5}),
}
SECTION_CHARS = 900


def build_digest(app: "AppContext", caller: Caller, sections: list[str]) -> str:
    from tools.registry import call_tool

    parts = [f"☀️ *{caller.name}님, 좋은 아침입니다.* ({app.today():%Y-%m-%d} 모닝 다이제스트)"]
    for key in sections:
        if key not in SECTIONS:
            continue
        title, tool, args = SECTIONS[key]
        output = call_tool(app, caller, tool, **args)
        if output is None:
            continue  # capability not installed yet: leave the section out
        text = output.summary.strip()
        if len(text) > SECTION_CHARS:
            text = text[:SECTION_CHARS].rsplit("\n", 1)[0] + "\n…"
        parts.append(f"*{title}*\n{text}")
    if len(parts) == 1:
        parts.append("오늘 전해드릴 새 소식이 없습니다. 궁금한 점은 DM으로 물어보세요.")
    return "\n\n".join(parts)


def is_due(sub: DigestSubscription, now: datetime) -> bool:
    """Due when today's send time has passed and nothing was sent today (local time)."""
    if not sub.enabled:
        return False
    if now.strftime("%H:%M") < (sub.send_time or "08:00"):
        return False
    if sub.last_sent_at is None:
        return True
    return sub.last_sent_at.date() < now.replace(tzinfo=None).date()


def send_due_digests(app: "AppContext", client: Any | None, now: datetime) -> int:
    """Build and send every due digest; returns how many were sent. `client` is a Slack
    WebClient (None: only stored, shown on App Home)."""
    sent = 0
    with app.session() as session:
        subs = session.scalars(select(DigestSubscription).where(DigestSubscription.enabled.is_(True))).all()
        due = [(s.id, s.rep_id, list(s.sections or [])) for s in subs if is_due(s, now)]
    for sub_id, rep_id, sections in due:
        with app.session() as session:
            rep = session.scalars(select(Rep).options(joinedload(Rep.team)).where(Rep.id == rep_id)).one()
            caller, slack_id = Caller.from_rep(rep), rep.slack_user_id
        text = build_digest(app, caller, sections)
        if client is not None and slack_id:
            try:
                client.chat_postMessage(channel=slack_id, text=text)
            except Exception as exc:  # one person's failure must not stop the others
                log.warning("digest to %s failed: %s", slack_id, exc)
                continue
        with app.session() as session:
            sub = session.get(DigestSubscription, sub_id)
            sub.last_digest = text
            sub.last_sent_at = now.replace(tzinfo=None) if now.tzinfo else now
            session.commit()
        sent += 1
    return sent

