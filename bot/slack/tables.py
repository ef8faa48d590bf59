"""Markdown tables in an answer → a Block Kit `table` block (numbers right-aligned), and the
full table as an .xlsx when it is too big for one block."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.slack import blockkit

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"[-+▲▼]?[\d,]*\.?\d+\s*(%|%p|원|개|건|억|만|억원|만원|명|회|개월)?")
_PLAIN_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?|-?\d+(\.\d+)?")


@dataclass
class Table:
    rows: list[list[str]]  # the first row is the header

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def chars(self) -> int:
        return sum(len(c) for r in self.rows for c in r)

    def numeric_columns(self) -> list[bool]:
        body = self.rows[1:]
        return [bool(body) and all(is_number(r[i]) or not r[i].strip() for r in body)
                and any(r[i].strip() for r in body) for i in range(self.width)]

    def fits_block(self) -> bool:
        return (len(self.rows) <= blockkit.TABLE_ROWS and self.width <= blockkit.TABLE_COLUMNS
                and self.chars <= blockkit.TABLE_CHARS)


def is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell.strip())) if cell.strip() else False


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> Table:
    rows = [_cells(line) for line in lines if not _RULE.match(line)]
    width = max(len(r) for r in rows)
    return Table([r + [""] * (width - len(r)) for r in rows])


def split_tables(text: str) -> list[str | Table]:
    """The answer as text pieces and tables, in order (tables inside ``` fences stay text)."""
    parts: list[str | Table] = []
    buffer: list[str] = []
    table: list[str] = []
    fenced = False

    def flush_text() -> None:
        if buffer and "\n".join(buffer).strip():
            parts.append("\n".join(buffer).strip("\n"))
        buffer.clear()

    for line in (text or "").splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        if not fenced and _ROW.match(line):
            if not table:
                flush_text()
            table.append(line)
            continue
        if table:
            parts.append(_table(table))
            table.clear()
        buffer.append(line)
    if table:
        parts.append(_table(table))
    flush_text()
    return parts


def to_markdown(table: Table) -> str:
    lines = ["| " + " | ".join(table.rows[0]) + " |", "|" + "---|" * table.width]
    lines += ["| " + " | ".join(r) + " |" for r in table.rows[1:]]
    return "\n".join(lines)


def head(table: Table, rows: int, cols: int = blockkit.TABLE_COLUMNS) -> Table:
    """The header and the first `rows` body rows, the first `cols` columns, within the cell budget."""
    kept = [r[:cols] for r in table.rows[: rows + 1]]
    while len(kept) > 2 and sum(len(c) for r in kept for c in r) > blockkit.TABLE_CHARS:
        kept.pop()
    return Table(kept)


def table_block(table: Table, block_id: str = "medrep_table") -> dict:
    """A `table` block: every cell raw_text (empty cells get a space; Slack rejects ""),
    numeric columns right-aligned."""
    rows = [[{"type": "raw_text", "text": cell if cell.strip() else " "} for cell in row] for row in table.rows]
    block: dict = {"type": "table", "block_id": block_id, "rows": rows}
    numeric = table.numeric_columns()
    if any(numeric):
        block["column_settings"] = [{"align": "right" if is_num else "left"} for is_num in numeric]
    return block


def cell_value(cell: str) -> str | int | float:
    """What goes into a spreadsheet cell: plain numbers (1,200 / -3.5) as numbers, the rest as text."""
    text = cell.strip()
    if _PLAIN_NUMBER.fullmatch(text) and not (len(text) > 1 and text[0] == "0" and text[1] != "."):  # keep codes
        number = float(text.replace(",", ""))
        return int(number) if number.is_integer() and "." not in text else number
    return text


def write_xlsx(table: Table, path: Path, sheet: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(table.rows[0])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows[1:]:
        ws.append([cell_value(c) for c in row])
    ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
