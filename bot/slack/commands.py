"""Slash commands: acknowledged at once (usage help or "처리 중"), finished after the ack
(Bolt runs the listener on its worker pool), answered privately with a "채널에 공유" button."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from agent.types import Reply, Turn
from bot.rendering import SHARE_ACTION, fallback_text, reply_blocks, reply_from_output, share_block
from bot.slack.command_parsing import UsageError, help_text, parse_command
from bot.slack.deps import SlackDeps
from tools.registry import call_tool
from bot.slack.identity import resolve_slack_user
from bot.slack.modals import open_draft_modal, open_wiki_modal
from data.access import Caller
from data.identity import UNKNOWN_USER_MESSAGE

log = logging.getLogger(__name__)

COMMANDS = ("/report", "/forecast", "/client", "/news", "/wiki", "/draft", "/medrep")
WORKING = "⏳ 요청을 받았습니다. 결과를 준비하고 있어요…"


@dataclass
class CommandResult:
    reply: Reply
    shareable: bool = True


def run_command(deps: SlackDeps, caller: Caller, command: str, text: str, thread_key: str) -> CommandResult:
    """The result of `command text` for `caller` (parsing already validated)."""
    if command == "/medrep":
        turn = Turn(caller=caller, thread_key=thread_key, text=text, platform="slack")
        return CommandResult(deps.answer(turn, lambda status: None))
    call = parse_command(command, text, deps.app.today())
    output = call_tool(deps.app, caller, call.tool, **call.args)
    if output is None:
        message = f"이 기능({call.tool})은 아직 제공되지 않습니다. 관리자에게 문의해 주세요."
        return CommandResult(Reply(text=message, error="unavailable"), shareable=False)
    return CommandResult(reply_from_output(output), shareable=output.error is None)


def dm_channel(client: WebClient, user_id: str) -> str:
    return client.conversations_open(users=user_id)["channel"]["id"]


def upload_files(client: WebClient, channel: str, reply: Reply, thread_ts: str | None = None) -> None:
    for artifact in reply.files:
        try:
            client.files_upload_v2(channel=channel, thread_ts=thread_ts, file=str(artifact.path),
                                   filename=artifact.path.name, title=artifact.title or artifact.path.name)
        except (SlackApiError, OSError) as exc:
            log.warning("file upload failed: %s", exc)


def _handle(deps: SlackDeps, ack, command: dict, respond, client: WebClient) -> None:
    name, text = command.get("command", ""), (command.get("text") or "").strip()
    deps.metrics.event(f"command{name}")
    if name == "/medrep" and text.lower() in ("", "help", "도움말", "사용법"):
        ack(text=help_text())
        return
    if name != "/medrep":
        try:
            call = parse_command(name, text, deps.app.today())
        except UsageError as exc:
            ack(text=str(exc))
            return
        if call.modal:
            ack()
            caller = resolve_slack_user(deps.app, client, command.get("user_id", ""))
            if caller is None:
                respond(text=UNKNOWN_USER_MESSAGE, response_type="ephemeral")
            elif call.modal == "draft":
                open_draft_modal(client, command.get("trigger_id", ""), account=call.args.get("account", ""))
            else:
                open_wiki_modal(deps, client, caller, command.get("trigger_id", ""), page=call.args.get("page", ""))
            return
    ack(text=WORKING)
    deps.background(_finish, deps, command, respond, client)


def _finish(deps: SlackDeps, command: dict, respond, client: WebClient) -> None:
    """The slow part of a slash command, after the ack."""
    name, text = command.get("command", ""), (command.get("text") or "").strip()
    caller = resolve_slack_user(deps.app, client, command.get("user_id", ""))
    if caller is None:
        respond(text=UNKNOWN_USER_MESSAGE, response_type="ephemeral")
        return
    thread_key = f"slack:{command.get('team_id', '')}:{command.get('channel_id', '')}:cmd-{command.get('user_id', '')}"
    try:
        result = run_command(deps, caller, name, text, thread_key)
    except Exception:
        log.exception("slash command %s failed", name)
        deps.metrics.failed(f"command{name}")
        respond(text="요청을 처리하는 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.", response_type="ephemeral")
        return
    extra = [share_block(name, text)] if result.shareable else []
    if result.reply.files:
        try:
            upload_files(client, dm_channel(client, command.get("user_id", "")), result.reply)
            extra.insert(0, {"type": "context", "elements": [
                {"type": "mrkdwn", "text": "📎 파일은 MedRep 앱 DM으로 보냈어요."}]})
        except SlackApiError as exc:
            log.warning("could not open DM: %s", exc)
    respond(text=fallback_text(result.reply), blocks=reply_blocks(result.reply, extra=extra, with_suggestions=False),
            response_type="ephemeral")


def _share(deps: SlackDeps, ack, body: dict, respond, client: WebClient) -> None:
    ack()
    action = body["actions"][0]
    try:
        value = json.loads(action.get("value") or "{}")
    except json.JSONDecodeError:
        value = {}
    command, text = value.get("c", ""), value.get("t", "")
    user_id = body.get("user", {}).get("id", "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    caller = resolve_slack_user(deps.app, client, user_id)
    if caller is None or command not in COMMANDS:
        respond(text=UNKNOWN_USER_MESSAGE if caller is None else "공유할 수 없는 결과입니다.", response_type="ephemeral")
        return
    thread_key = f"slack:{(body.get('team') or {}).get('id', '')}:{channel}:cmd-{user_id}"
    result = run_command(deps, caller, command, text, thread_key)
    header = {"type": "context", "elements": [{"type": "mrkdwn", "text": f"<@{user_id}> 님이 `{command} {text}` 결과를 공유했습니다."}]}
    try:
        resp = client.chat_postMessage(channel=channel, text=fallback_text(result.reply),
                                       blocks=[header] + reply_blocks(result.reply, with_suggestions=False))
        upload_files(client, channel, result.reply, thread_ts=resp.get("ts"))
        respond(text="✅ 채널에 공유했습니다.", response_type="ephemeral", replace_original=False)
    except SlackApiError as exc:
        log.warning("share failed: %s", exc.response.get("error"))
        respond(text="채널에 공유하지 못했습니다. MedRep 봇을 채널에 초대한 뒤(`/invite @MedRep`) 다시 눌러 주세요.",
                response_type="ephemeral", replace_original=False)


def register_commands(bolt: App, deps: SlackDeps) -> None:
    def handler(ack, command, respond, client):
        _handle(deps, ack, command, respond, client)

    for name in COMMANDS:
        bolt.command(name)(handler)

    def share(ack, body, respond, client):
        ack()
        deps.background(_share, deps, lambda **_: None, body, respond, client)

    bolt.action(SHARE_ACTION)(share)
