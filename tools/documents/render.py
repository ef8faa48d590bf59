"""Filled documents → .docx (python-docx), with Korean fonts: text, two-column tables,
computed grids and embedded chart images (the same structure pdf.py writes)."""

from __future__ import annotations

from pathlib import Path

KOREAN_FONT = "맑은 고딕"
IMAGE_WIDTH_CM = 16.0


def _korean(run) -> None:
    from docx.oxml.ns import qn

    run.font.name = KOREAN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), KOREAN_FONT)


def _cell(cell, value: str, align: str = "left", bold: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.text = value
    for p in cell.paragraphs:
        if align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in p.runs:
            run.bold = bold or None
            _korean(run)


def _grid(document, grid: dict) -> None:
    if not grid["rows"]:
        if grid.get("empty"):
            _korean(document.add_paragraph(grid["empty"]).runs[0])
        return
    table = document.add_table(rows=1, cols=len(grid["columns"]))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, grid["columns"]):
        _cell(cell, label, "center", bold=True)
    for row in grid["rows"]:
        for cell, value, align in zip(table.add_row().cells, row, grid["align"]):
            _cell(cell, value, align)


def _text(document, text: str, align: str | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for line in text.split("\n"):
        if not line.strip():
            continue
        p = document.add_paragraph(line.strip("- ").strip(), style="List Bullet" if line.startswith("- ") else None)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in p.runs:
            _korean(run)


def write_docx(doc: dict, path: Path, findings_lines: list[str] | None = None) -> Path:
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.core_properties.title = doc["title"]
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    for run in document.add_heading(doc["title"], level=0).runs:
        _korean(run)
    if doc.get("subtitle"):
        _korean(document.add_paragraph(doc["subtitle"]).runs[0])
    for section in doc["sections"]:
        if section.get("heading"):
            for run in document.add_heading(section["heading"], level=1).runs:
                _korean(run)
        if section.get("table"):
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for row in section["table"]:
                for cell, value in zip(table.add_row().cells, row):
                    _cell(cell, value)
        elif section.get("grid"):
            _grid(document, section["grid"])
        elif section.get("image"):
            document.add_picture(section["image"], width=Cm(IMAGE_WIDTH_CM))
            if section.get("caption"):
                _text(document, section["caption"], "center")
        else:
            _text(document, section.get("text") or "", section.get("align"))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
