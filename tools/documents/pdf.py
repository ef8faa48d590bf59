"""Filled documents → PDF (fpdf2, pure Python) from the same structure render.py writes to
.docx, with the NanumGothic TTF shipped inside koreanize-matplotlib so Hangul renders
(fonts are embedded as subsets; the text stays extractable)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tools.common.plumbing import ToolInputError
from tools.documents import texts

FONT = "NanumGothic"
LINE_MM = 6.0
ALIGN = {"left": "LEFT", "right": "RIGHT", "center": "CENTER"}


def font_files() -> tuple[Path, Path]:
    """(regular, bold) NanumGothic TTFs, found without importing matplotlib."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ToolInputError(texts.PDF_FONT_MISSING)
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    regular, bold = fonts / "NanumGothic.ttf", fonts / "NanumGothicBold.ttf"
    if not regular.is_file():
        raise ToolInputError(texts.PDF_FONT_MISSING)
    return regular, (bold if bold.is_file() else regular)


def _new_pdf(title: str):
    import logging

    from fpdf import FPDF

    # fontTools warns about the font's TSI* (hinting source) tables on every subset: noise
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    pdf = FPDF(format="A4")
    regular, bold = font_files()
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_title(title)
    pdf.set_creator("MedRep")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    return pdf


def _line(pdf, text: str, size: float = 10.5, style: str = "", align: str = "LEFT", h: float = LINE_MM) -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, h, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _text(pdf, text: str, align: str | None) -> None:
    for line in text.split("\n"):
        if not line.strip():
            continue
        body = "• " + line[2:].strip() if line.startswith("- ") else line.strip()
        _line(pdf, body, align=ALIGN.get(align or "left", "LEFT"))


def _table(pdf, rows: list[list[str]]) -> None:
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(30, 70), first_row_as_headings=False, text_align=("LEFT", "LEFT"),
                   line_height=LINE_MM, padding=1.2) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value)


def _grid(pdf, grid: dict) -> None:
    if not grid["rows"]:
        if grid.get("empty"):
            _line(pdf, grid["empty"])
        return
    pdf.set_font(FONT, "", 9.5 if len(grid["columns"]) <= 5 else 8.5)
    widths = _widths([grid["columns"], *grid["rows"]])
    aligns = tuple(ALIGN.get(a, "LEFT") for a in grid["align"])
    with pdf.table(col_widths=widths, text_align=aligns, line_height=LINE_MM - 0.6, padding=1.0,
                   headings_style=_heading_style()) as table:
        header = table.row()
        for label in grid["columns"]:
            header.cell(label, align="CENTER")
        for values in grid["rows"]:
            row = table.row()
            for value in values:
                row.cell(value)


def _widths(rows: list[list[str]]) -> tuple[float, ...]:
    """Column shares from the longest text in each column (Hangul counts double), so a name
    column is not squeezed by a rank column; bounded so no column takes the whole page."""
    def size(text: str) -> int:
        return sum(2 if ord(ch) > 0x1100 else 1 for ch in text)

    longest = [max(size(row[i]) for row in rows) for i in range(len(rows[0]))]
    return tuple(min(max(n, 4), 36) for n in longest)


def _image_height(path: str, width: float) -> float:
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
    return width * h / w if w else 0.0


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", fill_color=(232, 238, 247))


def write_pdf(doc: dict, path: Path) -> Path:
    pdf = _new_pdf(doc["title"])
    _line(pdf, doc["title"], size=16, style="B", align="CENTER", h=9)
    if doc.get("subtitle"):
        _line(pdf, doc["subtitle"], size=9, align="CENTER")
    pdf.ln(3)
    for section in doc["sections"]:
        if section.get("image") and pdf.will_page_break(_image_height(section["image"], pdf.epw) + 14):
            pdf.add_page()  # keep a chart with its heading
        if section.get("heading"):
            pdf.ln(2)
            _line(pdf, section["heading"], size=12, style="B", h=7)
        if section.get("table"):
            _table(pdf, section["table"])
        elif section.get("grid"):
            _grid(pdf, section["grid"])
        elif section.get("image"):
            pdf.image(section["image"], w=pdf.epw)
            if section.get("caption"):
                _line(pdf, section["caption"], size=9, align="CENTER")
        else:
            _text(pdf, section.get("text") or "", section.get("align"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path
