"""A Reply as a Slack message: the answer as `markdown` blocks (and as streamed markdown), one
Block Kit `table` (a too-big table summarised, the full one as .xlsx), then files, sources,
follow-up buttons and the feedback buttons — checked against Block Kit's limits."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from agent.types import Reply
from bot.escaping import neutralize_slack_markup
from bot.rendering import citation_block, markdown_to_mrkdwn, suggestion_block, table_to_code
from bot.slack import blockkit, texts
from bot.slack.tables import Table, head, split_tables, table_block, to_markdown, write_xlsx
from tools.common.results import FileArtifact

log = logging.getLogger(__name__)

FEEDBACK_ACTION = "medrep_feedback"
FEEDBACK_BLOCK = "medrep_feedback"
SUMMARY_ROWS = 10
STREAM_PIECE = 600
FALLBACK_CHARS = 3500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class SlackAnswer:
    text: str  # notification text (mrkdwn)
    markdown: str  # the text up to the table, as standard markdown: what is streamed
    body: list[dict]  # markdown blocks and the table block, in reading order
    tail: list[dict]  # files, sources, follow-ups, extra blocks, feedback
    lead: int = 0  # how many leading body blocks `markdown` stands for
    table: list[dict] = field(default_factory=list)  # the table block (and its summary note)
    attachments: list[FileArtifact] = field(default_factory=list)  # the full table as .xlsx

    def to_json(self) -> dict:
        """What the outbox keeps until the answer is delivered (bot/outbox.py)."""
        return {"text": self.text, "markdown": self.markdown, "body": self.body, "tail": self.tail,
                "lead": self.lead, "table": self.table,
                "attachments": [{"path": str(f.path), "mime": f.mime, "title": f.title} for f in self.attachments]}

    @classmethod
    def from_json(cls, data: dict) -> "SlackAnswer":
        return cls(text=data["text"], markdown=data["markdown"], body=list(data["body"]), tail=list(data["tail"]),
                   lead=int(data.get("lead") or 0), table=list(data.get("table") or []),
                   attachments=[FileArtifact(path=Path(f["path"]), mime=f["mime"], title=f["title"])
                                for f in data.get("attachments") or []])

    def blocks(self) -> list[dict]:
        """The whole message (posted, updated, or sent to a response_url)."""
        return self.body + self.tail

    def stop_blocks(self) -> list[dict]:
        """What chat.stopStream puts under the streamed text: the table onwards."""
        return self.body[self.lead:] + self.tail

    def stream_pieces(self, size: int = STREAM_PIECE) -> list[str]:
        """The markdown in appendable pieces, cut at line ends (concatenated they are `markdown`)."""
        pieces, current = [], ""
        for line in self.markdown.splitlines(keepends=True):
            while len(line) > size:
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(line[:size])
                line = line[size:]
            if current and len(current) + len(line) > size:
                pieces.append(current)
                current = ""
            current += line
        if current:
            pieces.append(current)
        return pieces


def feedback_block(key: str) -> dict:
    """👍/👎 as a `feedback_buttons` element; each value carries "up|…" or "down|…" and the
    key "turn_id|thread_key" of the answer."""
    def button(label: str, a11y: str, value: str) -> dict:
        return {"text": {"type": "plain_text", "text": label}, "accessibility_label": a11y,
                "value": value[: blockkit.BUTTON_VALUE]}

    return {"type": "context_actions", "block_id": FEEDBACK_BLOCK, "elements": [{
        "type": "feedback_buttons", "action_id": FEEDBACK_ACTION,
        "positive_button": button(texts.FEEDBACK_UP_LABEL, texts.FEEDBACK_UP_A11Y, f"up|{key}"),
        "negative_button": button(texts.FEEDBACK_DOWN_LABEL, texts.FEEDBACK_DOWN_A11Y, f"down|{key}")}]}


def _table_blocks(table: Table, files_dir: Path | None) -> tuple[list[dict], list[FileArtifact]]:
    if table.fits_block():
        return [table_block(table)], []
    shown = head(table, SUMMARY_ROWS)
    files: list[FileArtifact] = []
    filename = f"medrep-table-{uuid.uuid4().hex[:8]}.xlsx"
    if files_dir is not None:
        path = write_xlsx(table, files_dir / filename, texts.TABLE_SHEET)
        files.append(FileArtifact(path=path, mime=XLSX,
                                  title=texts.TABLE_FILE_TITLE.format(rows=len(table.rows) - 1)))
    col_note = texts.TABLE_COLUMNS_CUT.format(cols=shown.width) if shown.width < table.width else ""
    note = texts.TABLE_SUMMARY.format(rows=len(table.rows) - 1, cols=table.width, shown=len(shown.rows) - 1,
                                      col_note=col_note, filename=filename)
    return [table_block(shown), {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}], files


def _budget(pieces: list[str], limit: int = blockkit.MARKDOWN_TOTAL) -> list[str]:
    """Text pieces within the per-message markdown budget (the last one cut, with a note)."""
    kept, used = [], 0
    for piece in pieces:
        room = limit - used - len(texts.TRUNCATED) - 2
        if len(piece) > room:
            if room > 0:
                kept.append(piece[:room].rsplit("\n", 1)[0] + "\n\n" + texts.TRUNCATED)
            elif kept:
                kept[-1] = kept[-1] + "\n\n" + texts.TRUNCATED
            break
        kept.append(piece)
        used += len(piece)
    return kept


def _tail(reply: Reply, attachments: list[FileArtifact], *, with_suggestions: bool, extra: list[dict] | None,
          feedback_key: str | None) -> list[dict]:
    tail: list[dict] = []
    files = list(reply.files) + attachments
    if files:
        names = ", ".join(f.title or f.path.name for f in files)
        tail.append({"type": "context", "elements": [{"type": "mrkdwn",
                                                      "text": texts.ATTACHED.format(names=names)[:2900]}]})
    for block in (citation_block(reply.citations), suggestion_block(reply.suggestions) if with_suggestions else None):
        if block:
            tail.append(block)
    tail.extend(extra or [])
    if feedback_key:
        tail.append(feedback_block(feedback_key))
    return tail


def _notification(pieces: list[str | Table]) -> str:
    text = "\n\n".join(p if isinstance(p, str) else f"(표 {len(p.rows) - 1}행)" for p in pieces)
    text = markdown_to_mrkdwn(text)
    return text if len(text) <= FALLBACK_CHARS else text[: FALLBACK_CHARS - 1] + "…"


def render_answer(reply: Reply, *, feedback_key: str | None = None, files_dir: Path | None = None,
                  with_suggestions: bool = True, extra: list[dict] | None = None) -> SlackAnswer:
    parts = split_tables(neutralize_slack_markup(reply.text or ""))  # quoted documents, wiki, news, users
    first = next((i for i, p in enumerate(parts) if isinstance(p, Table)), None)
    table, attachments = ([], []) if first is None else _table_blocks(parts[first], files_dir)
    # one table block per message: further tables stay in the text, monospaced
    before = [p if isinstance(p, str) else table_to_code(to_markdown(p).splitlines())
              for p in parts[: first if first is not None else len(parts)]]
    after = [p if isinstance(p, str) else table_to_code(to_markdown(p).splitlines())
             for p in (parts[first + 1:] if first is not None else [])]
    kept = _budget(before + after)
    before, after = kept[: len(before)], kept[len(before):]
    body = [{"type": "markdown", "text": p} for p in before] + table + [{"type": "markdown", "text": p} for p in after]
    lead, markdown = len(before), "\n\n".join(before)
    if reply.blocks:
        body, lead, markdown = list(reply.blocks), 0, ""
    tail = _tail(reply, attachments, with_suggestions=with_suggestions, extra=extra, feedback_key=feedback_key)
    room = blockkit.MAX_BLOCKS - len(tail)
    if len(body) > room:
        body = body[: room - 1] + [{"type": "markdown", "text": texts.TRUNCATED}]
    answer = SlackAnswer(text=_notification(parts) or " ", markdown=markdown, body=body, tail=tail,
                         lead=min(lead, len(body)), table=table, attachments=attachments)
    problems = blockkit.message_problems(answer.blocks(), answer.text)
    if problems:  # never expected: the pieces above are sized to the limits
        log.warning("answer blocks broke Block Kit limits, sending text only: %s", problems)
        safe = (answer.markdown or answer.text)[: blockkit.MARKDOWN_TOTAL - len(texts.TRUNCATED) - 2]
        answer.body = [{"type": "markdown", "text": safe or texts.TRUNCATED}]
        answer.table, answer.markdown, answer.lead = [], safe, 1
        answer.tail = [feedback_block(feedback_key)] if feedback_key else []
    return answer
