"""Modals: drafting a visit report and editing a wiki page; submissions run the catalog tool
and the result arrives as a DM from the app."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.rendering import reply_from_output
from bot.slack.answer import render_answer
from tools.registry import call_tool
from bot.slack.identity import resolve_slack_user
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

DRAFT_CALLBACK = "medrep_draft"
WIKI_CALLBACK = "medrep_wiki_edit"


def _input(block_id: str, label: str, *, initial: str = "", multiline: bool = False, optional: bool = False,
           placeholder: str = "") -> dict:
    element: dict = {"type": "plain_text_input", "action_id": "value", "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:3000]
    if placeholder:
        element["placeholder"] = {"type": "plain_text", "text": placeholder}
    return {"type": "input", "block_id": block_id, "optional": optional, "element": element,
            "label": {"type": "plain_text", "text": label}}


DRAFT_TEMPLATES = (("visit_report", "방문 결과 보고서"), ("monthly_report", "월간 실적 보고서"),
                   ("official_letter", "공문"), ("quotation", "견적서"))


def _template_select() -> dict:
    options = [{"text": {"type": "plain_text", "text": label}, "value": value} for value, label in DRAFT_TEMPLATES]
    return {"type": "input", "block_id": "template", "label": {"type": "plain_text", "text": "문서 종류"},
            "element": {"type": "static_select", "action_id": "value", "options": options,
                        "initial_option": options[0]}}


def draft_view(account: str = "") -> dict:
    return {"type": "modal", "callback_id": DRAFT_CALLBACK,
            "title": {"type": "plain_text", "text": "문서 초안 작성"},
            "submit": {"type": "plain_text", "text": "초안 만들기"}, "close": {"type": "plain_text", "text": "취소"},
            "blocks": [_template_select(),
                       _input("account", "거래처", initial=account, optional=True,
                              placeholder="예: 한성대학교병원 (월간 실적 보고서는 비워 두세요)"),
                       _input("date", "날짜·월", optional=True,
                              placeholder="예: 2026-11-20 (방문일·시행일, 비우면 오늘) / 월간 보고서는 '지난달', '2026-10'"),
                       _input("attendees", "면담자·참조", optional=True, placeholder="예: 김민수 교수(순환기내과) / 공문 참조: 약제부장"),
                       _input("products", "제품·견적 품목", optional=True,
                              placeholder="예: 로수빛정, 한빛암로정 / 견적서: 로수빛정 20박스, 텔미한정 10박스"),
                       _input("notes", "내용", multiline=True, optional=True,
                              placeholder="방문 메모 / 공문 본문 / 다음 달 계획 / 견적 비고")]}


def draft_call(template: str, values: dict[str, str]) -> tuple[str, dict] | dict[str, str]:
    """The tool call for a submitted draft form, or the form errors (block id → Korean)."""
    account, notes = values.get("account", ""), values.get("notes", "")
    if template != "monthly_report" and not account:
        return {"account": "거래처 이름을 입력해 주세요."}
    if template == "monthly_report":
        return "draft_monthly_report", {"month": values.get("date") or None, "notes": notes or None}
    if template == "official_letter":
        if not notes:
            return {"notes": "공문 본문을 입력해 주세요. 예: 12월 배송 일정 변경을 안내드립니다."}
        return "draft_official_letter", {"account": account, "body": notes, "date": values.get("date") or None,
                                         "reference": values.get("attendees") or None}
    if template == "quotation":
        if not values.get("products"):
            return {"products": "견적 품목과 수량을 입력해 주세요. 예: 로수빛정 20박스, 텔미한정 10박스"}
        return "draft_quotation", {"account": account, "items": values["products"], "date": values.get("date") or None,
                                   "notes": notes or None}
    if not notes:
        return {"notes": "방문 메모를 입력해 주세요. 예: 김 교수님 면담, 로수빛정 적응증 설명"}
    return "draft_visit_report", {"account": account, "notes": notes, "date": values.get("date") or None,
                                  "attendees": values.get("attendees") or None, "products": values.get("products") or None}


def wiki_view_modal(page: str, body: str) -> dict:
    return {"type": "modal", "callback_id": WIKI_CALLBACK, "private_metadata": page[:200],
            "title": {"type": "plain_text", "text": "위키 편집"},
            "submit": {"type": "plain_text", "text": "저장"}, "close": {"type": "plain_text", "text": "취소"},
            "blocks": [_input("page", "페이지 제목", initial=page),
                       _input("body", "본문 (마크다운)", initial=body, multiline=True),
                       _input("comment", "변경 요약", optional=True, placeholder="무엇을 바꿨는지 한 줄로")]}


def open_draft_modal(client: WebClient, trigger_id: str, account: str = "") -> None:
    client.views_open(trigger_id=trigger_id, view=draft_view(account))


def open_wiki_modal(deps: "SlackDeps", client: WebClient, caller: Caller, trigger_id: str, page: str = "") -> None:
    body = ""
    if page:
        current = call_tool(deps.app, caller, "wiki_view", page=page)
        if current is not None and current.error is None:
            body = str(current.data.get("body") or current.summary)
    client.views_open(trigger_id=trigger_id, view=wiki_view_modal(page, body))


def _values(view: dict) -> dict[str, str]:
    state = view.get("state", {}).get("values", {})
    out = {}
    for block, fields in state.items():
        field = fields.get("value", {})
        selected = (field.get("selected_option") or {}).get("value")
        out[block] = (selected or field.get("value") or "").strip()
    return out


def _dm(client: WebClient, user_id: str, reply_text: str, blocks: list[dict] | None = None, files=()) -> None:
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        client.chat_postMessage(channel=channel, text=reply_text, blocks=blocks)
        for artifact in files:
            client.files_upload_v2(channel=channel, file=str(artifact.path), filename=artifact.path.name,
                                   title=artifact.title or artifact.path.name)
    except SlackApiError as exc:
        log.warning("DM failed: %s", exc.response.get("error"))


def register_modals(bolt: App, deps: "SlackDeps") -> None:
    def submit_draft(ack, body, view, client):
        values = _values(view)
        planned = draft_call(values.get("template") or "visit_report", values)
        if isinstance(planned, dict):
            ack(response_action="errors", errors=planned)
            return
        ack()
        deps.background(finish_draft, body, planned, values, client)

    def finish_draft(body, planned, values, client):
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if caller is None:
            _dm(client, user_id, UNKNOWN_USER_MESSAGE)
            return
        tool, args = planned
        output = call_tool(deps.app, caller, tool, **{k: v for k, v in args.items() if v is not None})
        if output is None:
            typed = "\n".join(f"{k}: {v}" for k, v in values.items() if v)
            _dm(client, user_id, f"문서 초안 작성 기능은 아직 제공되지 않습니다. 입력하신 내용:\n{typed}")
            return
        answer = render_answer(reply_from_output(output), files_dir=deps.app.settings.home / "files" / "slack")
        _dm(client, user_id, answer.text, answer.blocks(), list(output.files) + answer.attachments)

    def submit_wiki(ack, body, view, client):
        values = _values(view)
        if not values.get("page") or not values.get("body"):
            ack(response_action="errors", errors={"body" if values.get("page") else "page": "내용을 입력해 주세요."})
            return
        ack()
        deps.background(finish_wiki, body, view, values, client)

    def finish_wiki(body, view, values, client):
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if caller is None:
            _dm(client, user_id, UNKNOWN_USER_MESSAGE)
            return
        original = view.get("private_metadata") or ""
        if original:
            output = call_tool(deps.app, caller, "wiki_edit", page=original, body=values["body"],
                               comment=values.get("comment", ""))
        else:
            output = call_tool(deps.app, caller, "wiki_create", title=values["page"], body=values["body"])
        if output is None:
            _dm(client, user_id, "위키 기능은 아직 제공되지 않습니다. 입력하신 내용은 저장되지 않았어요.")
            return
        answer = render_answer(reply_from_output(output))
        _dm(client, user_id, answer.text, answer.blocks())

    bolt.view(DRAFT_CALLBACK)(submit_draft)
    bolt.view(WIKI_CALLBACK)(submit_wiki)
