"""Filled documents → .docx (python-docx), with Korean fonts."""

from __future__ import annotations

from pathlib import Path

KOREAN_FONT = "맑은 고딕"


def _korean(run) -> None:
    from docx.oxml.ns import qn

    run.font.name = KOREAN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), KOREAN_FONT)


def write_docx(doc: dict, path: Path, findings_lines: list[str] | None = None) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = doc["title"]
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    for run in document.add_heading(doc["title"], level=0).runs:
        _korean(run)
    if doc.get("subtitle"):
        _korean(document.add_paragraph(doc["subtitle"]).runs[0])
    for section in doc["sections"]:
        for run in document.add_heading(section["heading"], level=1).runs:
            _korean(run)
        if section.get("table"):
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for row in section["table"]:
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = value
                    for p in cell.paragraphs:
                        for run in p.runs:
                            _korean(run)
        else:
            for line in (section.get("text") or "").split("\n"):
                if line.strip():
                    p = document.add_paragraph(line.strip("- ").strip(), style="List Bullet" if line.startswith("- ") else None)
                    for run in p.runs:
                        _korean(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
