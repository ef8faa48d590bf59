"""Block Kit limits for messages, and a check of an outgoing message against them.

Figures from Slack's Block Kit reference (block and element pages) and the messaging
guide: 50 blocks a message; 3,000 characters a section text; 12,000 for all `markdown`
blocks of a message together; a `table` of at most 100 rows × 20 cells, one per message,
10,000 characters of cell text; feedback button values 2,000 characters.
"""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = 50
MAX_TEXT = 40_000  # the message `text` field
SECTION_TEXT = 3000
SECTION_FIELD = 2000
SECTION_FIELDS = 10
HEADER_TEXT = 150
MARKDOWN_TOTAL = 12_000
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
CONTEXT_ACTIONS_ELEMENTS = 5
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
BLOCK_ID = 255
TABLE_ROWS = 100
TABLE_COLUMNS = 20
TABLE_CHARS = 10_000
TABLE_CELL_TYPES = {"raw_text", "raw_number", "rich_text"}
MESSAGE_BLOCK_TYPES = {"section", "markdown", "table", "context", "actions", "context_actions", "divider",
                       "header", "image", "rich_text", "file", "video", "plan", "task_card"}


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text") or "")
    return str(obj or "")


def _cell_text(cell: dict) -> str:
    if cell.get("type") == "rich_text":
        return "".join(str(e.get("text") or "") for el in cell.get("elements") or []
                       for e in el.get("elements") or [])
    return str(cell.get("text") if "text" in cell else cell.get("value", ""))


def _button(problems: list[str], where: str, element: dict) -> None:
    if len(_text_of(element.get("text"))) > BUTTON_TEXT:
        problems.append(f"{where}: button text over {BUTTON_TEXT}")
    if len(str(element.get("value") or "")) > BUTTON_VALUE:
        problems.append(f"{where}: button value over {BUTTON_VALUE}")
    if len(str(element.get("action_id") or "")) > ACTION_ID:
        problems.append(f"{where}: action_id over {ACTION_ID}")


def _table(problems: list[str], where: str, block: dict) -> None:
    rows = block.get("rows") or []
    if not rows:
        problems.append(f"{where}: table without rows")
    if len(rows) > TABLE_ROWS:
        problems.append(f"{where}: {len(rows)} table rows (max {TABLE_ROWS})")
    chars = 0
    for n, row in enumerate(rows):
        if len(row) > TABLE_COLUMNS:
            problems.append(f"{where}: row {n} has {len(row)} cells (max {TABLE_COLUMNS})")
        for cell in row:
            if not isinstance(cell, dict) or cell.get("type") not in TABLE_CELL_TYPES:
                problems.append(f"{where}: row {n} has a cell that is not raw_text/raw_number/rich_text")
                continue
            chars += len(_cell_text(cell))
    if chars > TABLE_CHARS:
        problems.append(f"{where}: {chars} characters of table cells (max {TABLE_CHARS})")
    if len(block.get("column_settings") or []) > TABLE_COLUMNS:
        problems.append(f"{where}: over {TABLE_COLUMNS} column_settings")


def _block(problems: list[str], where: str, block: dict) -> int:
    """Checks one block; returns its markdown characters (counted per message)."""
    kind = block.get("type")
    if kind not in MESSAGE_BLOCK_TYPES:
        problems.append(f"{where}: unknown block type {kind!r}")
    if len(str(block.get("block_id") or "")) > BLOCK_ID:
        problems.append(f"{where}: block_id over {BLOCK_ID}")
    if kind == "section":
        if len(_text_of(block.get("text"))) > SECTION_TEXT:
            problems.append(f"{where}: section text over {SECTION_TEXT}")
        fields = block.get("fields") or []
        if len(fields) > SECTION_FIELDS or any(len(_text_of(f)) > SECTION_FIELD for f in fields):
            problems.append(f"{where}: section fields over the limits")
        if not block.get("text") and not fields:
            problems.append(f"{where}: section without text")
    elif kind == "markdown":
        text = str(block.get("text") or "")
        if not text:
            problems.append(f"{where}: empty markdown block")
        return len(text)
    elif kind == "header" and len(_text_of(block.get("text"))) > HEADER_TEXT:
        problems.append(f"{where}: header over {HEADER_TEXT}")
    elif kind == "context":
        elements = block.get("elements") or []
        if not elements or len(elements) > CONTEXT_ELEMENTS:
            problems.append(f"{where}: context needs 1-{CONTEXT_ELEMENTS} elements")
        if any(len(_text_of(e)) > SECTION_TEXT for e in elements):
            problems.append(f"{where}: context text over {SECTION_TEXT}")
    elif kind == "actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > ACTIONS_ELEMENTS:
            problems.append(f"{where}: actions needs 1-{ACTIONS_ELEMENTS} elements")
        for n, element in enumerate(elements):
            _button(problems, f"{where}.elements[{n}]", element)
    elif kind == "context_actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > CONTEXT_ACTIONS_ELEMENTS:
            problems.append(f"{where}: context_actions needs 1-{CONTEXT_ACTIONS_ELEMENTS} elements")
        for n, element in enumerate(elements):
            if element.get("type") == "feedback_buttons":
                for side in ("positive_button", "negative_button"):
                    if not isinstance(element.get(side), dict):
                        problems.append(f"{where}.elements[{n}]: feedback_buttons without {side}")
                    else:
                        _button(problems, f"{where}.elements[{n}].{side}", element[side])
            elif element.get("type") != "icon_button":
                problems.append(f"{where}.elements[{n}]: context_actions takes feedback_buttons or icon_button")
    elif kind == "table":
        _table(problems, where, block)
    return 0


def message_problems(blocks: list[dict] | None, text: str | None = None) -> list[str]:
    """Every way this message breaks Block Kit's limits (empty when Slack accepts it)."""
    problems: list[str] = []
    blocks = list(blocks or [])
    if len(text or "") > MAX_TEXT:
        problems.append(f"text over {MAX_TEXT} characters")
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks (max {MAX_BLOCKS})")
    markdown = 0
    seen_ids: set[str] = set()
    for n, block in enumerate(blocks):
        if not isinstance(block, dict):
            problems.append(f"blocks[{n}]: not an object")
            continue
        markdown += _block(problems, f"blocks[{n}]", block)
        block_id = block.get("block_id")
        if block_id:
            if block_id in seen_ids:
                problems.append(f"blocks[{n}]: duplicate block_id {block_id!r}")
            seen_ids.add(block_id)
    if markdown > MARKDOWN_TOTAL:
        problems.append(f"{markdown} characters of markdown blocks (max {MARKDOWN_TOTAL})")
    tables = sum(1 for b in blocks if isinstance(b, dict) and b.get("type") == "table")
    if tables > 1:
        problems.append(f"{tables} table blocks (one per message)")
    return problems
