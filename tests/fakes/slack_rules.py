"""What the fake Slack Web API refuses, as Slack does: invalid blocks (`invalid_blocks` with an
`errors` list), a second table (`invalid_attachments`: only_one_table_allowed), too long text
(`msg_too_long`), and the streaming methods' argument rules. Written from Slack's reference
pages, independently of the renderer's own checks (bot/slack/blockkit.py)."""

from __future__ import annotations

import json

KNOWN = {"section", "markdown", "table", "context", "actions", "context_actions", "divider", "header", "image",
         "rich_text", "file", "video", "plan", "task_card"}
TASK_STATES = {"pending", "in_progress", "complete", "error"}
CHUNK_TYPES = {"markdown_text", "task_update", "plan_update", "blocks"}


def parsed(value):
    return json.loads(value) if isinstance(value, str) else value


def _plain(obj) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def _button_errors(path: str, button: dict) -> list[str]:
    errors = []
    if not isinstance(button, dict) or not _plain(button.get("text")):
        return [f"{path} must have text"]
    if len(_plain(button["text"])) > 75:
        errors.append(f"{path}.text must be less than 76 characters")
    if len(str(button.get("value", ""))) > 2000:
        errors.append(f"{path}.value must be less than 2001 characters")
    return errors


def block_errors(blocks) -> tuple[str, list[str]] | None:
    """(error code, details) when Slack would refuse these blocks, else None."""
    blocks = parsed(blocks)
    if blocks is None:
        return None
    if not isinstance(blocks, list):
        return "invalid_blocks_format", ["blocks must be an array"]
    errors: list[str] = []
    if len(blocks) > 50:
        errors.append("no more than 50 items allowed [json-pointer:/blocks]")
    markdown_total, tables = 0, 0
    for i, block in enumerate(blocks):
        p = f"[json-pointer:/blocks/{i}]"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in KNOWN:
            errors.append(f"unknown block type {p}")
            continue
        if kind == "section":
            text = _plain(block.get("text"))
            if not text and not block.get("fields"):
                errors.append(f"must provide text or fields {p}")
            if len(text) > 3000:
                errors.append(f"must be less than 3001 characters {p}/text/text")
        elif kind == "markdown":
            text = block.get("text") or ""
            if not text:
                errors.append(f"must provide text {p}")
            markdown_total += len(text)
        elif kind == "header" and len(_plain(block.get("text"))) > 150:
            errors.append(f"must be less than 151 characters {p}/text/text")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                errors.append(f"must have 1-10 elements {p}/elements")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                errors.append(f"must have 1-25 elements {p}/elements")
            for n, element in enumerate(elements):
                if element.get("type") == "button":
                    errors += _button_errors(f"{p}/elements/{n}", element)
        elif kind == "context_actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 5:
                errors.append(f"must have 1-5 elements {p}/elements")
            for n, element in enumerate(elements):
                if element.get("type") == "feedback_buttons":
                    for side in ("positive_button", "negative_button"):
                        errors += _button_errors(f"{p}/elements/{n}/{side}", element.get(side))
                elif element.get("type") != "icon_button":
                    errors.append(f"unsupported element type {p}/elements/{n}")
        elif kind == "table":
            tables += 1
            rows = block.get("rows") or []
            if not 1 <= len(rows) <= 100:
                errors.append(f"must have 1-100 rows {p}/rows")
            chars = 0
            for r, row in enumerate(rows):
                if len(row) > 20:
                    errors.append(f"no more than 20 items allowed {p}/rows/{r}")
                for c, cell in enumerate(row):
                    if not isinstance(cell, dict) or cell.get("type") not in ("raw_text", "raw_number", "rich_text"):
                        errors.append(f"invalid cell {p}/rows/{r}/{c}")
                    elif cell.get("type") == "raw_text":
                        if not cell.get("text"):
                            errors.append(f"must be at least 1 character {p}/rows/{r}/{c}/text")
                        chars += len(cell.get("text") or "")
            if chars > 10_000:
                errors.append(f"table cells over 10000 characters {p}")
            settings = block.get("column_settings") or []
            if len(settings) > 20 or any(s is not None and s.get("align") not in ("left", "center", "right", None)
                                         for s in settings):
                errors.append(f"invalid column_settings {p}/column_settings")
    if markdown_total > 12_000:
        errors.append("markdown blocks over 12000 characters in total [json-pointer:/blocks]")
    if errors:
        return "invalid_blocks", errors
    if tables > 1:
        return "invalid_attachments", ["only_one_table_allowed"]
    return None


def message_error(params: dict) -> dict | None:
    """The answer Slack gives a chat.postMessage / chat.update / chat.postEphemeral it refuses."""
    if not params.get("channel"):
        return {"ok": False, "error": "channel_not_found"}
    problem = block_errors(params.get("blocks"))
    if problem:
        return {"ok": False, "error": problem[0], "errors": problem[1]}
    text = params.get("text") or ""
    if len(text) > 40_000:
        return {"ok": False, "error": "msg_too_long"}
    if not text and not parsed(params.get("blocks")) and not params.get("attachments"):
        return {"ok": False, "error": "no_text"}
    return None


def chunks_error(chunks) -> dict | None:
    chunks = parsed(chunks) or []
    if not isinstance(chunks, list):
        return {"ok": False, "error": "invalid_chunks"}
    for chunk in chunks:
        kind = chunk.get("type") if isinstance(chunk, dict) else None
        if kind not in CHUNK_TYPES:
            return {"ok": False, "error": "invalid_chunks"}
        if kind == "markdown_text" and len(chunk.get("text") or "") > 12_000:
            return {"ok": False, "error": "msg_too_long"}
        if kind == "task_update":
            if not chunk.get("id") or not chunk.get("title") or chunk.get("status") not in TASK_STATES:
                return {"ok": False, "error": "invalid_chunks"}
            if len(chunk["title"]) > 256 or len(str(chunk.get("details") or "")) > 256:
                return {"ok": False, "error": "msg_too_long"}
        if kind == "blocks":
            problem = block_errors(chunk.get("blocks"))
            if problem:
                return {"ok": False, "error": problem[0], "errors": problem[1]}
    return None
