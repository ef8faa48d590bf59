"""Read md, txt, pdf, docx and html files into a title, front matter and sections.

A section is (heading path, text). Markdown headings, docx heading styles and html h1-h6
start new sections, so chunks never straddle two headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.common.plumbing import ToolInputError

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".pdf": "pdf", ".docx": "docx",
           ".html": "html", ".htm": "html"}


@dataclass
class LoadedFile:
    title: str
    source_type: str
    sections: list[tuple[str, str]]
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(body for _, body in self.sections)


def source_type_of(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ToolInputError(
            f"'{path.name}'은(는) 지원하지 않는 형식입니다. md, txt, pdf, docx, html 파일을 올려 주세요.")
    return kind


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---\\nkey: value\\n---` at the top of a Markdown file → (meta, body)."""
    m = re.match(r"\A---\s*\n(.*?)\n---\s*\n?", text, re.DOTALL)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip().strip('"').strip("'")
    return meta, text[m.end():]


def split_markdown(body: str) -> list[tuple[str, str]]:
    """Sections by Markdown headings; the section name is the heading path (H1 > H2 > H3)."""
    sections: list[tuple[str, str]] = []
    path: list[tuple[int, str]] = []
    buf: list[str] = []

    def flush():
        text = "\n".join(buf).strip()
        if text:
            sections.append((" > ".join(h for _, h in path), text))
        buf.clear()

    in_code = False
    for line in body.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
        m = None if in_code else re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if m:
            flush()
            level = len(m.group(1))
            path = [(lv, h) for lv, h in path if lv < level] + [(level, m.group(2).strip())]
        else:
            buf.append(line)
    flush()
    return sections


def _first_heading(sections: list[tuple[str, str]]) -> str:
    for name, _ in sections:
        if name:
            return name.split(" > ")[0]
    return ""


def load_markdown(path: Path, raw: str | None = None) -> LoadedFile:
    raw = raw if raw is not None else path.read_text(encoding="utf-8-sig")
    meta, body = parse_front_matter(raw)
    sections = split_markdown(body)
    title = meta.get("title") or _first_heading(sections) or path.stem
    return LoadedFile(title, "md", sections, meta)


def load_text(path: Path) -> LoadedFile:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", errors="replace")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return LoadedFile(path.stem, "txt", [("", p) for p in paragraphs])


def load_pdf(path: Path) -> LoadedFile:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [(f"{i + 1}쪽", (page.extract_text() or "").strip()) for i, page in enumerate(reader.pages)]
    except Exception as exc:  # pypdf raises many types for broken files
        raise ToolInputError(f"PDF '{path.name}'을(를) 읽지 못했습니다({exc.__class__.__name__}). 파일이 손상되지 않았는지 확인해 주세요.") from exc
    title = ""
    try:
        title = (reader.metadata.title or "") if reader.metadata else ""
    except Exception:
        title = ""
    pages = [(name, text) for name, text in pages if text]
    return LoadedFile(title.strip() or path.stem, "pdf", pages)


def load_docx(path: Path) -> LoadedFile:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise ToolInputError(f"Word 문서 '{path.name}'을(를) 읽지 못했습니다. .docx 형식인지 확인해 주세요.") from exc
    lines: list[str] = []
    title = (document.core_properties.title or "").strip()
    for para in document.paragraphs:
        style = (para.style.name or "").lower() if para.style is not None else ""
        text = para.text.strip()
        if not text:
            continue
        m = re.match(r"heading (\d)", style)
        if style == "title":
            title = title or text
            lines.append(f"# {text}")
        elif m:
            lines.append(f"{'#' * int(m.group(1))} {text}")
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    sections = split_markdown("\n".join(lines))
    return LoadedFile(title or _first_heading(sections) or path.stem, "docx", sections)


def load_html(path: Path) -> LoadedFile:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    lines: list[str] = []
    root = soup.body or soup
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre", "blockquote"]):
        text = el.get_text(" ", strip=True)
        if not text or el.find_parent(["li", "td", "th"]) is not None and el.name == "p":
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            lines.append(f"{'#' * int(el.name[1])} {text}")
        else:
            lines.append(text)
    sections = split_markdown("\n".join(lines))
    return LoadedFile(title or _first_heading(sections) or path.stem, "html", sections)


def load_file(path: Path) -> LoadedFile:
    """Load one file of a supported format (Korean ToolInputError otherwise)."""
    path = Path(path)
    if not path.is_file():
        raise ToolInputError(f"'{path}' 파일을 찾을 수 없습니다. 경로를 확인해 주세요.")
    kind = source_type_of(path)
    loaded = {"md": load_markdown, "txt": load_text, "pdf": load_pdf, "docx": load_docx, "html": load_html}[kind](path)
    if not loaded.text.strip():
        raise ToolInputError(f"'{path.name}'에서 읽을 수 있는 글자를 찾지 못했습니다(스캔 이미지 PDF일 수 있어요). 텍스트가 있는 파일을 올려 주세요.")
    return loaded
