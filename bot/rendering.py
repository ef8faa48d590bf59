"""Reply → Slack Block Kit: Korean markdown sections, tables as aligned code blocks,
citations as links, suggested follow-ups and feedback buttons."""

from __future__ import annotations

import re
import unicodedata

from agent.types import Reply
from tools.common.results import Citation, ToolOutput

SECTION_LIMIT = 2900  # Slack allows 3000 characters per section text
MAX_BLOCKS = 50
FEEDBACK_UP = "medrep_feedback_up"
FEEDBACK_DOWN = "medrep_feedback_down"
SUGGEST_PREFIX = "medrep_suggest_"
SHARE_ACTION = "medrep_share"

_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def reply_from_output(output: ToolOutput) -> Reply:
    """A tool result rendered as if the agent had answered with it (slash commands, home)."""
    return Reply(text=output.summary, files=list(output.files), suggestions=list(output.suggestions),
                 citations=list(output.citations), error=output.error)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _looks_numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[-+▲▼]?[\d,.]+\s*(%|원|개|건|억|만)?p?", cell.strip())) if cell.strip() else False


def table_to_code(lines: list[str]) -> str:
    """A markdown table as a monospace block with columns aligned (Hangul counted double)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
            if not _TABLE_RULE.match(line)]
    if not rows:
        return ""
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    widths = [max(_width(r[i]) for r in rows) for i in range(ncols)]
    numeric = [all(_looks_numeric(r[i]) or not r[i] for r in rows[1:]) and len(rows) > 1 for i in range(ncols)]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(_pad(cell, widths[i], numeric[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0 and len(rows) > 1:
            out.append("  ".join("-" * w for w in widths))
    return "```\n" + "\n".join(out) + "\n```"


def markdown_to_mrkdwn(text: str) -> str:
    """Common markdown to Slack mrkdwn (bold, links, headings, bullets)."""
    lines = []
    in_code = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            lines.append(line)
            continue
        if in_code:
            lines.append(line)
            continue
        heading = re.match(r"^\s*#{1,6}\s+(.*)$", line)
        if heading:
            line = f"*{heading.group(1).strip().strip('*')}*"
        else:
            line = re.sub(r"\*\*(.+?)\*\*", r"*\1*", line)
            line = re.sub(r"__(.+?)__", r"*\1*", line)
            line = re.sub(r"^(\s*)[-*]\s+", r"\1• ", line)
        line = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"<\2|\1>", line)
        lines.append(line)
    return "\n".join(lines)


def split_segments(text: str) -> list[str]:
    """Text segments in mrkdwn, markdown tables turned into code blocks (App Home sections)."""
    from bot.slack.tables import split_tables, to_markdown

    return [markdown_to_mrkdwn(part).strip() if isinstance(part, str) else table_to_code(to_markdown(part).splitlines())
            for part in split_tables(text)]


def _chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    if len(text) <= limit:
        return [text]
    parts, current = [], ""
    for line in text.split("\n"):
        while len(line) > limit:
            parts.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) + 1 > limit:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        parts.append(current)
    if text.startswith("```"):
        parts = [p if p.startswith("```") else "```\n" + p for p in parts]
        parts = [p if p.rstrip().endswith("```") else p + "\n```" for p in parts]
    return parts


def text_blocks(text: str) -> list[dict]:
    blocks = []
    for segment in split_segments(text or ""):
        for chunk in _chunks(segment):
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    return blocks


def citation_text(citation: Citation) -> str:
    label = citation.title + (f" · {citation.section}" if citation.section else "")
    label = label.replace("<", "").replace(">", "").replace("|", "/")
    if citation.link and re.match(r"^(https?://|mailto:)", citation.link):
        return f"<{citation.link}|{label}>"
    return f"{label} ({citation.source})" if citation.source else label


def citation_block(citations: list[Citation]) -> dict | None:
    if not citations:
        return None
    seen, parts = set(), []
    for citation in citations:
        key = (citation.title, citation.section, citation.source)
        if key in seen:
            continue
        seen.add(key)
        parts.append(citation_text(citation))
    text = "📚 *출처* " + " · ".join(f"[{i}] {p}" for i, p in enumerate(parts[:10], start=1))
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:2900]}]}


def suggestion_block(suggestions: list[str]) -> dict | None:
    buttons = []
    for i, text in enumerate(suggestions[:5]):
        label = text if len(text) <= 70 else text[:69] + "…"
        buttons.append({"type": "button", "action_id": f"{SUGGEST_PREFIX}{i}",
                        "text": {"type": "plain_text", "text": label, "emoji": True}, "value": text[:1900]})
    return {"type": "actions", "block_id": "medrep_suggestions", "elements": buttons} if buttons else None


def feedback_block(key: str) -> dict:
    return {"type": "actions", "block_id": "medrep_feedback", "elements": [
        {"type": "button", "action_id": FEEDBACK_UP, "value": key[:1900],
         "text": {"type": "plain_text", "text": "👍 도움이 됐어요", "emoji": True}},
        {"type": "button", "action_id": FEEDBACK_DOWN, "value": key[:1900],
         "text": {"type": "plain_text", "text": "👎 아쉬워요", "emoji": True}},
    ]}

