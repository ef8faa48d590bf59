"""Text of generated .docx and PDF files, for the document tests."""

from __future__ import annotations

import re


def docx_text(path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_images(path) -> int:
    import docx

    return len(docx.Document(str(path)).inline_shapes)


def pdf_text(path) -> str:
    """All pages' text with line breaks inside table cells undone (a long name may wrap)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def file_of(out, suffix: str):
    [path] = [f.path for f in out.files if str(f.path).endswith(suffix)]
    return path
