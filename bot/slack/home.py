"""App Home: a per-rep dashboard (this month, forecast, visit priorities, latest digest) built
from the catalog tools that are installed, and the digest settings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import select

from bot.rendering import markdown_to_mrkdwn, text_blocks
from tools.registry import call_tool
from bot.slack.agent_view import messages_opened
from bot.slack.identity import resolve_slack_user
from bot.slack.modals import open_draft_modal, open_wiki_modal
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE
from data.models import DigestSubscription

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

DIGEST_TOGGLE = "medrep_digest_toggle"
DIGEST_TIME = "medrep_digest_time"
OPEN_DRAFT = "medrep_open_draft"
OPEN_WIKI = "medrep_open_wiki"
TIMES = ["07:00", "07:30", "08:00", "08:30", "09:00", "09:30", "10:00"]
SECTION_CHARS = 1400

PANELS = (
    ("📊 이번 달 실적", "sales_report", {"period": "이번 달", "group_by": "product", "top_n": 5}),
    ("🎯 이번 분기 목표 달성 전망", "forecast_target_gap", {"period": "이번 분기"}),
    ("🚗 방문 우선순위", "client_visit_priorities", {"top_n": 5}),
)


def _panel(deps: "SlackDeps", caller: Caller, title: str, tool: str, args: dict) -> list[dict]:
    try:
        output = call_tool(deps.app, caller, tool, **args)
    except Exception:  # the dashboard must render even if one panel fails
        log.exception("home panel %s failed", tool)
        output = None
    text = "_아직 준비 중인 항목입니다._" if output is None else output.summary
    if len(text) > SECTION_CHARS:
        text = text[:SECTION_CHARS].rsplit("\n", 1)[0] + "\n…"
    return [{"type": "header", "text": {"type": "plain_text", "text": title}}] + text_blocks(text)[:4]


def subscription(deps: "SlackDeps", rep_id: int) -> DigestSubscription | None:
    with deps.app.session() as session:
        return session.scalars(select(DigestSubscription).where(DigestSubscription.rep_id == rep_id)).first()


def home_view(deps: "SlackDeps", caller: Caller) -> dict:
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"MedRep — {caller.name}님의 대시보드"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text":
            f"기준일 {deps.app.today():%Y-%m-%d} · {caller.team_name or ''} · 질문은 DM이나 채널에서 @MedRep"}]},
        {"type": "actions", "elements": [
            {"type": "button", "action_id": OPEN_DRAFT, "text": {"type": "plain_text", "text": "📝 방문 보고서 작성"}},
            {"type": "button", "action_id": OPEN_WIKI, "text": {"type": "plain_text", "text": "📚 위키 페이지 작성"}}]},
    ]
    for title, tool, args in PANELS:
        blocks.append({"type": "divider"})
        blocks.extend(_panel(deps, caller, title, tool, args))
    sub = subscription(deps, caller.rep_id)
    blocks.append({"type": "divider"})
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "☀️ 모닝 다이제스트"}})
    if sub and sub.last_digest:
        sent = f"{sub.last_sent_at:%Y-%m-%d %H:%M} 발송" if sub.last_sent_at else ""
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"최근 다이제스트 {sent}"}]})
        blocks.extend(text_blocks(sub.last_digest[:SECTION_CHARS])[:4])
    else:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "_아직 받은 다이제스트가 없습니다._"}})
    enabled = bool(sub and sub.enabled)
    send_time = sub.send_time if sub else "08:00"
    blocks.append({"type": "section", "block_id": "digest_settings",
                   "text": {"type": "mrkdwn", "text": markdown_to_mrkdwn(
                       f"**설정**: {'켜짐' if enabled else '꺼짐'} · 매일 {send_time} (DM으로 발송)")},
                   "accessory": {"type": "static_select", "action_id": DIGEST_TIME,
                                 "initial_option": _option(send_time if send_time in TIMES else "08:00"),
                                 "options": [_option(t) for t in TIMES]}})
    blocks.append({"type": "actions", "elements": [
        {"type": "button", "action_id": DIGEST_TOGGLE, "value": "off" if enabled else "on",
         "style": "danger" if enabled else "primary",
         "text": {"type": "plain_text", "text": "다이제스트 끄기" if enabled else "다이제스트 켜기"}}]})
    return {"type": "home", "blocks": blocks[:100]}


def _option(value: str) -> dict:
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def publish_home(deps: "SlackDeps", client: WebClient, user_id: str) -> None:
    caller = resolve_slack_user(deps.app, client, user_id)
    if caller is None:
        view = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": UNKNOWN_USER_MESSAGE}}]}
    else:
        view = home_view(deps, caller)
    client.views_publish(user_id=user_id, view=view)


def set_digest(deps: "SlackDeps", rep_id: int, *, enabled: bool | None = None, send_time: str | None = None) -> None:
    with deps.app.session() as session:
        sub = session.scalars(select(DigestSubscription).where(DigestSubscription.rep_id == rep_id)).first()
        if sub is None:
            sub = DigestSubscription(rep_id=rep_id, enabled=False)
            session.add(sub)
        if enabled is not None:
            sub.enabled = enabled
        if send_time is not None and send_time in TIMES:
            sub.send_time = send_time
        session.commit()


def register_home(bolt: App, deps: "SlackDeps") -> None:
    def opened(event, client):
        tab = event.get("tab", "home")
        deps.metrics.event("app_home_opened")
        if tab == "home":
            deps.background(publish_home, deps, client, event.get("user", ""))
        elif tab == "messages":  # the agent DM layout: the Messages tab is the conversation
            deps.background(messages_opened, deps, client, event)

    def toggle(ack, body, client):
        ack()
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if caller is not None:
            set_digest(deps, caller.rep_id, enabled=body["actions"][0].get("value") == "on")
        deps.background(publish_home, deps, client, user_id)

    def pick_time(ack, body, client):
        ack()
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if caller is not None:
            chosen = body["actions"][0].get("selected_option", {}).get("value")
            set_digest(deps, caller.rep_id, send_time=chosen)
        deps.background(publish_home, deps, client, user_id)

    def draft(ack, body, client):
        ack()
        open_draft_modal(client, body.get("trigger_id", ""))

    def wiki(ack, body, client):
        ack()
        caller = resolve_slack_user(deps.app, client, body["user"]["id"])
        if caller is not None:
            open_wiki_modal(deps, client, caller, body.get("trigger_id", ""))

    bolt.event("app_home_opened")(opened)
    bolt.action(DIGEST_TOGGLE)(toggle)
    bolt.action(DIGEST_TIME)(pick_time)
    bolt.action(OPEN_DRAFT)(draft)
    bolt.action(OPEN_WIKI)(wiki)
