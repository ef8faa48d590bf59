"""Reply → Teams message (plain Activity JSON): Korean markdown text, markdown tables as
Adaptive Card tables, chart PNGs as card images, other files as signed download links,
citations with the AI-generated label, suggested actions and the feedback loop."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from agent.types import Reply
from bot.escaping import escape_teams_markdown
from tools.common.results import Citation

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
MAX_CITATIONS = 10
MAX_SUGGESTIONS = 5
AI_ENTITY_TYPE = "https://schema.org/Message"

_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMERIC = re.compile(r"-|[-+▲▼△▽]?[\d,.]+\s*(%p?|원|만원|억원|백만원|개|건|억|만|박스|회)?")
_MARKER = re.compile(r"\[\d+\]")

LinkFn = Callable[[Path], str]  # a file → a signed URL


def split_markdown(text: str) -> list[tuple[str, list[str] | str]]:
    """[("text", str) | ("table", [lines])] in order; a table needs a header and a rule line."""
    out: list[tuple[str, list[str] | str]] = []
    lines = (text or "").splitlines()
    buf: list[str] = []
    i = 0
    while i < len(lines):
        if (_TABLE_ROW.match(lines[i]) and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1])):
            j = i + 2
            while j < len(lines) and _TABLE_ROW.match(lines[j]):
                j += 1
            if buf and "\n".join(buf).strip():
                out.append(("text", "\n".join(buf).strip()))
            buf = []
            out.append(("table", lines[i:j]))
            i = j
            continue
        buf.append(lines[i])
        i += 1
    if buf and "\n".join(buf).strip():
        out.append(("text", "\n".join(buf).strip()))
    return out


def parse_table(lines: list[str]) -> list[list[str]]:
    rows = [[c.strip().replace("**", "") for c in line.strip().strip("|").split("|")]
            for line in lines if not _TABLE_RULE.match(line)]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def table_element(rows: list[list[str]]) -> dict:
    ncols = len(rows[0]) if rows else 0
    numeric = [len(rows) > 1 and all(not r[c] or _NUMERIC.fullmatch(r[c]) for r in rows[1:]) for c in range(ncols)]
    return {
        "type": "Table", "firstRowAsHeader": True, "showGridLines": True, "gridStyle": "accent",
        "columns": [{"width": 1, **({"horizontalCellContentAlignment": "Right"} if numeric[c] else {})}
                    for c in range(ncols)],
        "rows": [{"type": "TableRow", "style": "accent" if n == 0 else None,
                  "cells": [{"type": "TableCell",
                             "items": [{"type": "TextBlock", "text": cell, "wrap": True,
                                        **({"weight": "Bolder"} if n == 0 else {})}]} for cell in row]}
                 for n, row in enumerate(rows)],
    }


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if v is not None}


def card_for(reply: Reply, link: LinkFn) -> dict | None:
    """The Adaptive Card of a reply (tables, chart images, downloads), or None when plain text does."""
    body: list[dict] = []
    for kind, part in split_markdown(reply.text):
        if kind == "table":
            rows = parse_table(part)  # type: ignore[arg-type]
            if rows:
                element = table_element(rows)
                element["rows"] = [_clean(r) for r in element["rows"]]
                body.append(element)
    actions: list[dict] = []
    for artifact in reply.files:
        try:
            url = link(Path(artifact.path))
        except (ValueError, OSError):
            continue
        title = artifact.title or Path(artifact.path).name
        if artifact.mime.startswith("image/"):
            body.append({"type": "Image", "url": url, "altText": title, "size": "Stretch"})
            body.append({"type": "TextBlock", "text": title, "isSubtle": True, "size": "Small", "wrap": True})
        else:
            actions.append({"type": "Action.OpenUrl", "title": f"⬇ {title}", "url": url})
    if not body and not actions:
        return None
    card: dict = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                  "version": CARD_VERSION, "body": body, "msteams": {"width": "Full"}}
    if actions:
        if body:
            card["body"].append({"type": "TextBlock", "text": "링크는 일정 시간 후 만료됩니다.", "isSubtle": True,
                                 "size": "Small", "wrap": True})
        card["actions"] = actions
    if not card["body"]:
        card["body"] = [{"type": "TextBlock", "text": "첨부 파일", "weight": "Bolder"}]
    return card


def prose(text: str) -> str:
    """The reply text without its tables (those go into the card)."""
    parts = [part for kind, part in split_markdown(text) if kind == "text"]
    return "\n\n".join(parts).strip()  # type: ignore[arg-type]


def ai_entity(citations: list[Citation]) -> dict:
    entity: dict = {"type": AI_ENTITY_TYPE, "@type": "Message", "@context": "https://schema.org", "@id": "",
                    "additionalType": ["AIGeneratedContent"]}
    claims = []
    for n, c in enumerate(citations[:MAX_CITATIONS], start=1):
        appearance = {"@type": "DigitalDocument", "name": (c.title or c.source)[:80],
                      "abstract": (c.snippet or c.section or c.source)[:160]}
        if c.link and c.link.startswith(("http://", "https://")):
            appearance["url"] = c.link
        claims.append({"@type": "Claim", "position": n, "appearance": appearance})
    if claims:
        entity["citation"] = claims
    return entity


def with_markers(text: str, citations: list[Citation]) -> str:
    """Teams shows a citation only where its [n] marker is in the text."""
    n = min(len(citations), MAX_CITATIONS)
    if not n or _MARKER.search(text):
        return text
    return f"{text}\n\n참고: " + " ".join(f"[{i}]" for i in range(1, n + 1))


def suggested_actions(suggestions: list[str]) -> dict | None:
    items = [s for s in suggestions if s][:MAX_SUGGESTIONS]
    if not items:
        return None
    return {"actions": [{"type": "imBack", "title": s[:50], "value": s} for s in items]}


def reply_message(reply: Reply, link: LinkFn, *, feedback: bool = True) -> dict:
    """The final Teams message of a reply, as Activity JSON."""
    card = card_for(reply, link)
    text = escape_teams_markdown(prose(reply.text) if card else (reply.text or ""))  # quoted content shown, not run
    if not text.strip():
        text = "결과를 아래 카드로 보내드립니다."
    text = with_markers(text, reply.citations)
    message: dict = {"type": "message", "text": text, "textFormat": "markdown",
                     "entities": [ai_entity(reply.citations)]}
    if card:
        message["attachments"] = [{"contentType": CARD_CONTENT_TYPE, "content": card}]
    actions = suggested_actions(reply.suggestions)
    if actions:
        message["suggestedActions"] = actions
    if feedback:
        message["channelData"] = {"feedbackLoopEnabled": True}
    return message


def text_message(text: str) -> dict:
    return {"type": "message", "text": text, "textFormat": "markdown"}
