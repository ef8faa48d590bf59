"""Slash commands: acknowledged at once (usage help or "처리 중"), finished after the ack
(Bolt runs the listener on its worker pool), answered privately with a "채널에 공유" button
that posts that same stored answer (never a re-run) into the channel."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from agent.types import Reply, Turn
from bot.rendering import SHARE_ACTION, reply_from_output
from bot.slack import texts
from bot.slack.answer import render_answer
from bot.slack.command_parsing import UsageError, help_text, parse_command
from bot.slack.deps import SlackDeps
from tools.registry import call_tool
from bot.slack.identity import resolve_slack_user
from bot.slack.modals import open_draft_modal, open_wiki_modal
from bot.slack.shown import load_shown, store_shown
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
    key = f"cmd:{command.get('trigger_id') or uuid.uuid4().hex}"[:200]
    if deps.commands is not None:
        if not deps.commands.receive(key, dict(command), user_id=command.get("user_id")):
            ack()  # the same command again (Slack's retry): it is being answered
            return
        ack(text=WORKING)
        deps.background(process_command, deps, key)
        return
    ack(text=WORKING)
    deps.background(_finish, deps, command, respond, client)


def response_url_respond(url: str):
    """`respond(text=…, blocks=…, response_type=…)` through a response_url, as Bolt's respond
    does; a 5xx or 429 raises so the outbox tries again."""
    from slack_sdk.webhook import WebhookClient

    webhook = WebhookClient(url, timeout=10)

    def respond(**kwargs) -> None:
        response = webhook.send(**kwargs)
        if response.status_code >= 500 or response.status_code == 429:
            raise ConnectionError(f"response_url answered {response.status_code}")

    return respond


def process_command(deps: SlackDeps, key: str) -> None:
    """A recorded slash command, answered once under its lease (after the ack, or by the sweep
    when the replica that acked it died)."""
    outbox, leases = deps.commands, deps.command_leases
    held = outbox.take(key)
    if held is None:
        return
    leases.hold(key)
    try:
        _finish(deps, held.payload, response_url_respond(held.payload.get("response_url", "")), deps.client)
        outbox.finish(key)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        if not outbox.retry_later(key, held.attempts, error):
            log.error("slash command %s given up: %s", key, error)
    finally:
        leases.release(key)


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
    extra: list[dict] = []
    if result.reply.files:
        try:
            upload_files(client, dm_channel(client, command.get("user_id", "")), result.reply)
            extra.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": "📎 파일은 MedRep 앱 DM으로 보냈어요."}]})
        except SlackApiError as exc:
            log.warning("could not open DM: %s", exc)
    answer = render_answer(result.reply, with_suggestions=False, extra=extra,
                           files_dir=deps.app.settings.home / "files" / "slack")
    if answer.attachments:  # the full table of a summarised answer
        upload_files(client, dm_channel(client, command.get("user_id", "")), Reply(text="", files=answer.attachments))
    blocks = answer.blocks()
    if result.shareable:
        shown_id = store_shown(deps.app, rep_id=caller.rep_id, turn_id=result.reply.turn_id, text=answer.text,
                               blocks=blocks, files=list(result.reply.files) + answer.attachments,
                               where=f"command:{name}")
        if shown_id is not None:
            blocks = blocks + [share_button(shown_id)]
    respond(text=answer.text, blocks=blocks, response_type="ephemeral")


def share_button(shown_id: int) -> dict:
    """The button carries only the id of the stored answer (bot/slack/shown.py)."""
    return {"type": "actions", "block_id": "medrep_share", "elements": [
        {"type": "button", "action_id": SHARE_ACTION, "value": json.dumps({"s": shown_id}), "style": "primary",
         "text": {"type": "plain_text", "text": texts.SHARE_LABEL, "emoji": True}}]}


def _share(deps: SlackDeps, ack, body: dict, respond, client: WebClient) -> None:
    """Post the exact answer the person saw into the channel, under an attribution line."""
    ack()
    action = body["actions"][0]
    try:
        value = json.loads(action.get("value") or "{}")
    except json.JSONDecodeError:
        value = {}
    user_id = body.get("user", {}).get("id", "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    caller = resolve_slack_user(deps.app, client, user_id)
    if caller is None:
        respond(text=UNKNOWN_USER_MESSAGE, response_type="ephemeral", replace_original=False)
        return
    shown = load_shown(deps.app, value["s"]) if isinstance(value, dict) and isinstance(value.get("s"), int) else None
    if shown is None:  # e.g. a button from before answers were stored: never run the command again
        respond(text=texts.SHARE_EXPIRED, response_type="ephemeral", replace_original=False)
        return
    if shown.rep_id != caller.rep_id:
        respond(text=texts.SHARE_NOT_YOURS, response_type="ephemeral", replace_original=False)
        return
    header = {"type": "context", "elements": [{"type": "mrkdwn", "text": texts.SHARED_BY.format(user=user_id)}]}
    try:
        resp = client.chat_postMessage(channel=channel, text=shown.text, blocks=[header] + shown.blocks,
                                       unfurl_links=False)
        upload_files(client, channel, Reply(text="", files=shown.files), thread_ts=resp.get("ts"))
        respond(text=texts.SHARED_OK, response_type="ephemeral", replace_original=False)
    except SlackApiError as exc:
        log.warning("share failed: %s", exc.response.get("error"))
        respond(text=texts.SHARE_FAILED, response_type="ephemeral", replace_original=False)


def register_commands(bolt: App, deps: SlackDeps) -> None:
    def handler(ack, command, respond, client):
        _handle(deps, ack, command, respond, client)

    for name in COMMANDS:
        bolt.command(name)(handler)

    def share(ack, body, respond, client):
        ack()
        deps.background(_share, deps, lambda **_: None, body, respond, client)

    bolt.action(SHARE_ACTION)(share)
