"""Morning digest: on Korean business days (weekends, public and substitute holidays skipped),
per DigestSubscription at the rep's own time, a short Korean briefing built from the installed
catalog tools (top news with reasons, this month's results, the forecast gap, today's visit
priorities, anomalies) as Slack Block Kit with a button per section to ask more, sent as a DM
and recorded (`digest_subscriptions.last_digest`, `audit_log`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from data.access import Caller
from data.models import AuditLog, DigestSubscription, Rep
from scheduled.workdays import holiday_name, is_workday

if TYPE_CHECKING:
    from medrep.kernel.context import AppContext

log = logging.getLogger(__name__)

# key → (title, tool, args, the question its "더 물어보기" button asks)
SECTIONS = {
    "news": ("📰 관련 뉴스", "news_digest", {"top_n": 5}, "내 제품 관련 뉴스 더 보여줘"),
    "sales": ("📊 이번 달 실적", "sales_report", {"period": "이번 달", "group_by": "product", "top_n": 5},
              "이번 달 제품별 실적 자세히 보여줘"),
    "forecast": ("🎯 이번 달 목표 달성 전망", "forecast_target_gap", {"period": "이번 달"}, "목표 채우려면 뭘 해야 해?"),
    "visits": ("🚗 오늘의 방문 우선순위", "client_visit_priorities", {"top_n": 3}, "방문 우선순위 10곳 알려줘"),
    "anomalies": ("⚠️ 이상 징후", "anomaly_detect", {"period": "최근 3개월"}, "최근 3개월 이상치 자세히 알려줘"),
}
ORDER = ("news", "sales", "forecast", "visits", "anomalies")
SECTION_CHARS = 900
# The bot's suggestion buttons (bot.rendering.SUGGEST_PREFIX): a click asks the value as a question.
SUGGEST_PREFIX = "medrep_suggest_"


@dataclass
class Digest:
    text: str
    blocks: list[dict] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # the sections that had content
    news: list[dict] = field(default_factory=list)  # the news items shown (id, title, reason, …)
    headline: str = ""
    # channel-neutral sections (title, text, question behind its "더 물어보기" button), for
    # adapters that render their own format (Teams Adaptive Cards)
    parts: list[dict] = field(default_factory=list)


def _trim(text: str) -> str:
    text = text.strip()
    if len(text) > SECTION_CHARS:
        text = text[:SECTION_CHARS].rsplit("\n", 1)[0] + "\n…"
    return text


def _button(n: int, label: str, question: str) -> dict:
    return {"type": "button", "action_id": f"{SUGGEST_PREFIX}{n}", "value": question[:1900],
            "text": {"type": "plain_text", "text": label[:75], "emoji": True}}


def compose_digest(app: "AppContext", caller: Caller, sections: list[str], day: date | None = None) -> Digest:
    from tools.registry import call_tool

    day = day or app.today()
    head = f"☀️ *{caller.name}님, 좋은 아침입니다.* ({day:%Y-%m-%d} 모닝 다이제스트)"
    parts, shown, news, neutral = [head], [], [], []
    blocks: list[dict] = [{"type": "section", "text": {"type": "mrkdwn", "text": head}}]
    wanted = [k for k in ORDER if k in sections] + [k for k in sections if k not in ORDER and k in SECTIONS]
    for n, key in enumerate(wanted):
        title, tool, args, question = SECTIONS[key]
        output = call_tool(app, caller, tool, **args)
        if output is None:
            continue  # capability not installed: leave the section out
        text = _trim(output.summary)
        if not text:
            continue
        shown.append(key)
        parts.append(f"*{title}*\n{text}")
        neutral.append({"key": key, "title": title, "text": text, "question": question})
        blocks.append({"type": "divider"})
        items = output.data.get("items") if key == "news" else None
        if items:
            news = list(items)
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*"}})
            for j, item in enumerate(items[:5]):
                blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": (
                    f"<{item['link']}|{item['title'][:150]}>\n_{item['reason']}_ · {item['category_ko']}")[:2900]}})
                sid = item["id"]
                blocks.append({"type": "actions", "block_id": f"digest_news_{sid}", "elements": [
                    _button(200 + 3 * j, "👍", f"{sid}번 뉴스 좋아요"),
                    _button(201 + 3 * j, "👎", f"{sid}번 뉴스 관심 없어"),
                    _button(202 + 3 * j, "더 보기", f"{sid}번 뉴스 비슷한 거 더 보여줘")]})
        else:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*\n{text}"[:2900]}})
        blocks.append({"type": "actions", "block_id": f"digest_more_{key}",
                       "elements": [_button(100 + n, "더 물어보기", question)]})
    if len(parts) == 1:
        empty = "오늘 전해드릴 새 소식이 없습니다. 궁금한 점은 DM으로 물어보세요."
        parts.append(empty)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": empty}})
    return Digest(text="\n\n".join(parts), blocks=blocks[:50], sections=shown, news=news,
                  headline=f"☀️ {caller.name}님, 좋은 아침입니다. ({day:%Y-%m-%d} 모닝 다이제스트)", parts=neutral)


def build_digest(app: "AppContext", caller: Caller, sections: list[str]) -> str:
    return compose_digest(app, caller, sections).text


def _local(now: datetime) -> datetime:
    return now.replace(tzinfo=None) if now.tzinfo else now


def is_due(sub: DigestSubscription, now: datetime) -> bool:
    """Due on a business day once the rep's send time has passed and nothing was sent that
    day (local time, MEDREP_TIMEZONE)."""
    local = _local(now)
    if not sub.enabled or not is_workday(local.date()):
        return False
    if local.strftime("%H:%M") < (sub.send_time or "08:00"):
        return False
    return sub.last_sent_at is None or sub.last_sent_at.date() < local.date()


def skip_reason(day: date) -> str | None:
    """Why nobody gets a digest that day (Korean), None on a business day."""
    if day.weekday() >= 5:
        return "주말"
    return holiday_name(day)


def due_subscriptions(app: "AppContext", now: datetime) -> list[tuple[int, int, list[str]]]:
    with app.session() as session:
        subs = session.scalars(select(DigestSubscription).where(DigestSubscription.enabled.is_(True))
                               .order_by(DigestSubscription.rep_id)).all()
        return [(s.id, s.rep_id, list(s.sections or [])) for s in subs if is_due(s, now)]


def send_due_digests(app: "AppContext", client: Any | None, now: datetime,
                     teams_send: Callable[["AppContext", int, Digest], bool] | None = None) -> int:
    """Build and send every due digest; returns how many were sent. `client` is a Slack
    WebClient (None: only stored, shown on App Home); `teams_send(app, rep_id, digest)` delivers
    to the person's Teams chat when they have one (wired by `medrep serve`: scheduled/ never
    imports bot/)."""
    sent = 0
    for sub_id, rep_id, sections in due_subscriptions(app, now):
        with app.session() as session:
            rep = session.scalars(select(Rep).options(joinedload(Rep.team)).where(Rep.id == rep_id)).one()
            caller, slack_id = Caller.from_rep(rep), rep.slack_user_id
        digest = compose_digest(app, caller, sections, _local(now).date())
        if client is not None and slack_id:
            try:
                client.chat_postMessage(channel=slack_id, text=digest.text, blocks=digest.blocks)
            except Exception as exc:  # one person's failure must not stop the others
                log.warning("digest to %s failed: %s", slack_id, exc)
                continue
        teams = False
        if teams_send is not None:
            try:
                teams = bool(teams_send(app, rep_id, digest))
            except Exception as exc:  # a Teams outage must not stop Slack delivery or the others
                log.warning("Teams digest to rep %s failed: %s", rep_id, exc)
        with app.session() as session:
            sub = session.get(DigestSubscription, sub_id)
            sub.last_digest = digest.text
            sub.last_sent_at = _local(now)
            session.add(AuditLog(actor_rep_id=rep_id, action="digest_sent", target=f"rep:{rep_id}",
                                 details={"sections": digest.sections, "news": [i["id"] for i in digest.news],
                                          "at": _local(now).isoformat(), "slack": bool(client and slack_id), "teams": teams}))
            session.commit()
        sent += 1
    return sent
