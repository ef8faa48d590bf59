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


def draft_view(account: str = "") -> dict:
    return {"type": "modal", "callback_id": DRAFT_CALLBACK,
            "title": {"type": "plain_text", "text": "방문 보고서 작성"},
            "submit": {"type": "plain_text", "text": "초안 만들기"}, "close": {"type": "plain_text", "text": "취소"},
            "blocks": [_input("account", "거래처", initial=account, placeholder="예: 한성대학교병원"),
                       _input("date", "방문일", optional=True, placeholder="예: 2026-11-20 (비우면 오늘)"),
                       _input("attendees", "면담자", optional=True, placeholder="예: 김민수 교수(순환기내과)"),
                       _input("products", "디테일링 제품", optional=True, placeholder="예: 로수빛정, 한빛암로정"),
                       _input("notes", "방문 메모", multiline=True, optional=True,
                              placeholder="누구를 만나 무엇을 논의했는지 적어 주세요")]}


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
    return {block: (fields.get("value", {}).get("value") or "").strip() for block, fields in state.items()}


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
        if not values.get("account"):
            ack(response_action="errors", errors={"account": "거래처 이름을 입력해 주세요."})
            return
        if not values.get("notes"):
            ack(response_action="errors", errors={"notes": "방문 메모를 입력해 주세요. 예: 김 교수님 면담, 로수빛정 적응증 설명"})
            return
        ack()
        deps.background(finish_draft, body, values, client)

    def finish_draft(body, values, client):
        user_id = body["user"]["id"]
        caller = resolve_slack_user(deps.app, client, user_id)
        if caller is None:
            _dm(client, user_id, UNKNOWN_USER_MESSAGE)
            return
        output = call_tool(deps.app, caller, "draft_visit_report", account=values["account"],
                           notes=values.get("notes", ""), date=values.get("date") or None,
                           attendees=values.get("attendees") or None, products=values.get("products") or None)
        if output is None:
            _dm(client, user_id, "문서 초안 작성 기능은 아직 제공되지 않습니다. 입력하신 내용은 저장되지 않았어요.")
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
